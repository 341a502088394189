// The scenario loader's passes. Not a public header: the entry points are
// loadScenario / loadScenarioFile (asyncscope/scenario/loader.hpp).
//
// Design note: the passes
// -----------------------
// A scenario file goes through five passes, in this order. Each reports every
// problem it finds (not only the first) as a Diagnostic with file, line,
// column and JSON path; none throws; the errors end up sorted by position and
// a Scenario is returned only when no pass reported anything.
//
// 1. Parse (loader.cpp). Bytes -> a JsonNode tree. Guarantees: the text is at
//    most kMaxScenarioBytes; it is one JSON document, nested at most
//    kMaxJsonNesting deep; every value and every key carries its source
//    position. A duplicate key is an error (the first one is kept, and the
//    passes go on); a syntax error stops the load, with that error only.
//
// 2. Check (loader_check.cpp). The Checker: one method per kind of value
//    (an object's fields, a string, a name, a task reference, one of a list,
//    a boolean, a number in a range, a duration, a localized text). A method
//    that returns a value has checked it completely; otherwise it reported
//    why, suggesting the closest known word where one is near. Errors are
//    kept once per position and message (a base error is not repeated by
//    every variant). checkHeader checks the document's own fields (version,
//    title, category, difficulty, lesson); the programs' fields are checked
//    as they are built.
//
// 3. Build (loader_build.cpp). ProgramBuilder turns one document -- the base,
//    or a variant merged over it -- into a Program: config (4 workers unless
//    it says otherwise; always the real clock), resources, templates (all
//    names first, so a template may refer to a later one), their steps (each
//    with its await point index, the fields its kind allows, only
//    blocking-safe steps in a spawn_blocking body), start, expectations.
//
// 4. Resolve references (loader_resolve.cpp). Runs inside build: each
//    resource and template reference becomes an index as its step is built
//    (resourceRef checks the resource's kind fits the step); after the
//    build, checkNames and checkRecursionAndSize. Guarantees, when no error
//    was reported: every index in the Program points at an entry of the
//    right kind; every task name a join, cancel or expectation uses is one a
//    spawn or start gives; no template spawns or calls itself, directly or
//    through others; Program::maxTasks bounds the tasks one run starts
//    (a loop's body counted once per message its channel can receive) and is
//    at most kMaxTasksPerRun.
//
// 5. Variants (loader_variants.cpp). The variant names are read before the
//    base is built ("faster" expectations name them): unique, not "base".
//    Each variant's document is the base with its config, resources and
//    templates merged key by key and its start and expectations replaced,
//    built by passes 3 and 4 again; an error at a position the variant wrote
//    is reported under the variant's path (variants[1].config.workers).
#pragma once

#include <asyncscope/scenario/loader.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::scenario::passes {

// ------------------------------------------------------------------- names

inline constexpr std::array<std::string_view, static_cast<std::size_t>(StepKind::Count)>
    kStepNames = {"compute",
                  "sleep",
                  "io",
                  "yield",
                  "lock",
                  "unlock",
                  "blocking_lock",
                  "blocking_unlock",
                  "blocking_sleep",
                  "acquire",
                  "release",
                  "send",
                  "recv",
                  "close",
                  "notify",
                  "wait",
                  "spawn",
                  "join",
                  "call",
                  "spawn_blocking",
                  "timeout",
                  "select",
                  "cancel",
                  "fail",
                  "repeat",
                  "loop",
                  "pending_without_waker",
                  "cancel_token",
                  "cancelled"};

inline constexpr std::array<std::string_view, 8> kResourceNames = {
    "mutex",   "blocking_mutex", "semaphore",   "channel", "unbounded_channel",
    "oneshot", "notify",         "cancel_token"};

inline constexpr std::array<std::string_view, 10> kExpectNames = {
    "completes", "finding", "no_finding", "blocked_worker", "steals",
    "duration",  "task",    "polls",      "runs",           "faster"};

inline constexpr std::array<std::string_view, 10> kFindingNames = {
    "deadlock",    "stall",
    "lost_waker",  "blocking_the_runtime",
    "starvation",  "oversubscription",
    "lock_convoy", "self_wake_heavy",
    "task_failed", "host_preemption"};

inline constexpr std::array<std::string_view, 10> kCategories = {
    "futures",   "tasks",        "blocking", "sync",   "channels",
    "scheduler", "cancellation", "io",       "models", "pitfalls"};

inline constexpr std::array<std::string_view, 3> kDifficulties = {"beginner", "intermediate",
                                                                  "advanced"};

template <std::size_t N>
std::vector<std::string_view> asList(const std::array<std::string_view, N>& a) {
    return {a.begin(), a.end()};
}

template <std::size_t N>
int indexOf(const std::array<std::string_view, N>& a, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (a[i] == s) return static_cast<int>(i);
    return -1;
}

// "a", "b" or "c" (quoted).
std::string quoteList(const std::vector<std::string_view>& items);
// Characters (code points) in UTF-8 text.
std::size_t utf8Length(std::string_view s);
// 1-64 letters, digits, '_', '-' or '.'.
bool validName(std::string_view s);

// -------------------------------------------------------------- 2. check

class Checker {
public:
    Checker(std::string file, std::vector<Diagnostic>& out,
            std::vector<Diagnostic>* warnings = nullptr)
        : m_file(std::move(file)), m_out(out), m_warnings(warnings) {}

    void error(const JsonNode& at, const std::string& path, std::string message) {
        error(at.pos, path, std::move(message));
    }
    void error(SourcePos pos, const std::string& path, std::string message);
    // Reported, but the scenario still loads (dropped when nobody collects them).
    void warning(SourcePos pos, const std::string& path, std::string message);
    // While set, errors at these positions (line << 32 | column) belong to
    // the variant at `prefix`.
    void setVariant(const std::set<std::uint64_t>* positions, std::string prefix) {
        m_variantPositions = positions;
        m_variantPrefix = std::move(prefix);
    }
    std::size_t count() const { return m_count; }

    // Reports members outside `allowed` (suggesting the closest) and missing
    // `required` ones. Returns false when `node` is no object.
    bool object(const JsonNode& node, const std::string& path,
                const std::vector<std::string_view>& allowed,
                const std::vector<std::string_view>& required, std::string_view what);

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    std::optional<std::string> string(const JsonNode& n, const std::string& path,
                                      std::string_view what);
    std::optional<std::string> name(const JsonNode& n, const std::string& path,
                                    std::string_view what);
    // A task name, or one task of a group: "worker", "worker#3".
    std::optional<std::string> taskRef(const JsonNode& n, const std::string& path);

    template <std::size_t N>
    std::optional<std::string> oneOf(const JsonNode& n, const std::string& path,
                                     std::string_view what,
                                     const std::array<std::string_view, N>& choices) {
        auto s = string(n, path, what);
        if (!s) return std::nullopt;
        if (indexOf(choices, *s) >= 0) return s;
        std::string msg = "expected " + std::string(what) + ": one of " +
                          quoteList(asList(choices)) + ", found " + describeValue(n);
        const std::string near = closestMatch(*s, asList(choices));
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        error(n, path, msg);
        return std::nullopt;
    }

    std::optional<bool> boolean(const JsonNode& n, const std::string& path);
    std::optional<std::int64_t> integer(const JsonNode& n, const std::string& path, std::int64_t lo,
                                        std::int64_t hi, std::string_view what);
    std::optional<double> real(const JsonNode& n, const std::string& path, double lo, double hi,
                               std::string_view what);
    // A string like "5ms" or a number of milliseconds; at most one hour.
    std::optional<Duration> duration(const JsonNode& n, const std::string& path,
                                     std::string_view what);
    // Localized text: {"en": ..., "zh": ...} with at least one of the two
    // (the app shows the other language where one is missing), or a plain
    // string for both. Never empty.
    bool text(const JsonNode& n, const std::string& path, Text& out, std::string_view what);

private:
    // Appends one diagnostic unless the same is there already; true if added.
    bool add(std::vector<Diagnostic>& to, SourcePos pos, const std::string& path,
             std::string message, bool warning);

    const std::set<std::uint64_t>* m_variantPositions = nullptr;
    std::string m_variantPrefix;
    std::string m_file;
    std::vector<Diagnostic>& m_out;
    std::vector<Diagnostic>* m_warnings;
    std::size_t m_count = 0;
};

// The document's own fields (version, title, description, category,
// difficulty, lesson) into `sc`; false when the document is no object.
bool checkHeader(Checker& c, const JsonNode& root, Scenario& sc);

// ------------------------------------------------ 3. build, 4. resolve

// Builds one Program from a (possibly merged) document.
class ProgramBuilder {
public:
    ProgramBuilder(Checker& c, const std::vector<std::string>& variantNames)
        : m_c(c), m_variantNames(variantNames) {}

    // Passes 3 and 4 over one document.
    Program build(const JsonNode& root);

private:
    // 3. build (loader_build.cpp)
    void config(const JsonNode& n, RunSettings& s);
    void resources(const JsonNode& n, Program& p);
    std::vector<Step> steps(const JsonNode& n, const std::string& path, const Program& p,
                            std::uint32_t& next, bool blocking);
    bool stepOne(const JsonNode& n, const std::string& path, const Program& p, std::uint32_t& next,
                 bool blocking, Step& s);
    void start(const JsonNode& n, Program& p);
    void bounds(const JsonNode& v, const std::string& path, Expectation& e, bool isDuration);
    void expectations(const JsonNode& n, Program& p);

    // 4. resolve references (loader_resolve.cpp)
    int resourceRef(const JsonNode& step, const std::string& path, const Program& p, StepKind k);
    int templateRef(const JsonNode& node, const std::string& path, const Program& p);
    // Names used by join/cancel/expectations must be names some spawn gives.
    void checkNames(const Program& p);
    void checkRecursionAndSize(const JsonNode& root, Program& p);
    // Misuse visible without running: an unlock with no lock before it in
    // a task's straight-line steps, a oneshot sent on or received from more
    // than once (loader_resolve.cpp).
    void checkMisuse(const Program& p);
    // Warns where rustc would reject a spawn: on a multi-thread runtime, a
    // spawned task holding a blocking guard across an await is not Send.
    void checkSend(const Program& p);

    Checker& m_c;
    const std::vector<std::string>& m_variantNames;
};

// ---------------------------------------------------------- 5. variants

// Reads the variant names into `variantNames`; returns the "variants" array (null
// when there is none, or it is no array).
const JsonNode* readVariantNames(Checker& c, const JsonNode& root,
                                 std::vector<std::string>& variantNames);
// Builds each variant (passes 3 and 4 on its merged document) into sc.variants.
void buildVariants(Checker& c, ProgramBuilder& builder, const JsonNode& root,
                   const JsonNode* variants, Scenario& sc);

// 6. The moments of a guided lesson (after the base program is built).
void checkMoments(Checker& c, const JsonNode& root, Scenario& sc);

}  // namespace asyncscope::scenario::passes
