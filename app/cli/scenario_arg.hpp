// What the verbs that run a scenario share: the target (a file or a built-in
// name) turned into a loaded scenario, the --workers and --flavor overrides,
// and text from a scenario made safe for the terminal.
#pragma once

#include "args.hpp"

#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <optional>
#include <string>
#include <vector>

namespace asyncscope::cli {

// Loads `target`, a scenario file or the name of a built-in scenario. On
// failure prints why (every error with file:line:column) and returns the
// exit code: 2 for a missing or unreadable target, 3 for an invalid scenario.
// A scenario that loads has its warnings printed on stderr.
std::optional<int> loadScenarioArg(const std::string& target, const char* verb,
                                   scenario::LoadResult& out);

// Errors and warnings together, in line order.
std::vector<scenario::Diagnostic> inLineOrder(const scenario::LoadResult& r);

// Reads --workers and --flavor into `overrides`; returns the usage error.
std::optional<std::string> readRuntimeOverrides(const Args& args,
                                                scenario::RunOverrides& overrides);

// Control characters (an escape sequence in a title could retitle or clear
// the terminal) become '?'.
std::string printable(std::string s);

}  // namespace asyncscope::cli
