// Loading a scenario file: parse, check everything, resolve, report every
// error with its place. See scenarios/README.md for the format.
#pragma once

#include <asyncscope/scenario/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::scenario {

struct Diagnostic {
    std::string file;
    SourcePos pos;     // line 0: no position (an I/O problem, a whole-file problem)
    std::string path;  // JSON path: "templates.main[2].duration" ("" for the document)
    std::string message;
    // A warning: the scenario loads and runs, but what it says would not be
    // accepted by rustc as written (a future that is not Send, spawned).
    bool warning = false;

    // "file:line:column: error: path: message" ("warning:" for a warning)
    std::string format() const;
};

// File order: by line, then column; diagnostics with no place last.
bool inFileOrder(const Diagnostic& a, const Diagnostic& b) noexcept;

struct LoadResult {
    std::optional<Scenario> scenario;  // set when there are no errors
    std::vector<Diagnostic> errors;    // in file order
    std::vector<Diagnostic> warnings;  // in file order; they do not stop a load
    bool ioError = false;              // the file could not be read (nothing was checked)

    bool ok() const noexcept { return scenario.has_value(); }
};

// Checks and resolves `text`; `file` names it in diagnostics and `name` is the
// scenario's name (default: `file`'s base name without ".json").
LoadResult loadScenario(std::string_view text, std::string_view file, std::string_view name = {});
// Reads and loads a file (at most kMaxScenarioBytes).
LoadResult loadScenarioFile(const std::string& path);

// "5ms", "1.5s", "250us", "40ns" -> nanoseconds; nullopt when malformed.
std::optional<std::int64_t> parseDuration(std::string_view text);
// 1500000 -> "1.5ms"
std::string formatDuration(std::int64_t ns);

// The closest of `candidates` to `word` (edit distance), or "" when none is close.
std::string closestMatch(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace asyncscope::scenario
