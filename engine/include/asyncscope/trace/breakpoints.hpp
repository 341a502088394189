// Breakpoints: conditions on a recording that stop a run at the event that
// makes them true.
//
// Design note
// -----------
// A Breakpoint names what it waits for the way a user does: by task name,
// resource name, template name, finding kind or instant, never by engine id
// (ids differ from run to run; names do not). A BreakpointMatcher is fed the
// records of a recording in order, as the detectors are, and resolves the
// names through the recording itself (Spawn records name tasks and their
// templates; the trace info names the resources), so the same matcher works
// on a live run's growing mirror, on a finished run and on a file.
//
// A task name matches the task of that name and, for a group spawned with a
// count ("job"), every member ("job#1", "job#2", ...).
#pragma once

#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/trace.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace asyncscope::trace {

enum class BreakKind : std::uint8_t {
    Wake,        // a wake of task `name` ("" = any task)
    Contention,  // a task has to wait for the lock `name` (a mutex or blocking mutex; "" = any)
    Steal,       // a worker steals (`name`: "" = any thief)
    Spawn,       // a task of template `name` is spawned
    Finding,     // the detectors report a finding of kind `finding`
    Instant,     // the runtime clock reaches `at`
    Wait,        // task `name` starts waiting on resource `resource` ("" = any)
    Count
};
std::string_view toString(BreakKind kind) noexcept;
std::optional<BreakKind> breakKindFromString(std::string_view s) noexcept;

struct Breakpoint {
    BreakKind kind = BreakKind::Wake;
    std::string name;      // task, lock or template (see BreakKind)
    std::string resource;  // Wait: the resource
    FindingKind finding = FindingKind::Count;
    std::uint64_t at = 0;  // Instant: runtime ns
    bool enabled = true;

    bool operator==(const Breakpoint&) const = default;
    // "a wake of reader", "contention on cache", "t = 40 ms", in English.
    std::string describe() const;
};

// Where a breakpoint fired.
struct BreakHit {
    std::size_t breakpoint = 0;  // index into the matcher's list
    std::size_t eventIndex = 0;  // the record that made it true (Instant: the last one before)
    std::uint64_t time = 0;      // runtime ns (Instant: the instant itself)
};

class BreakpointMatcher {
public:
    explicit BreakpointMatcher(std::vector<Breakpoint> breakpoints = {});

    const std::vector<Breakpoint>& breakpoints() const noexcept { return m_bps; }

    // Record `index` of `trace`, in order from 0. Returns the breakpoints it
    // makes true, in list order (an Instant fires on the first record past
    // its instant, at most once).
    std::vector<BreakHit> onRecord(const Trace& trace, const Record& r, std::size_t index);
    // The detectors' findings so far (as RunSnapshot::findings or a finished
    // run's): each new one of a kind a breakpoint waits for fires it once.
    std::vector<BreakHit> onFindings(const std::vector<Finding>& findings);
    // The next record to feed.
    std::size_t next() const noexcept { return m_next; }

private:
    bool taskMatches(const std::string& want, std::uint32_t task, const Trace& trace) const;
    bool resourceMatches(const std::string& want, std::uint32_t id, const Trace& trace) const;

    std::vector<Breakpoint> m_bps;
    std::vector<bool> m_instantDone;
    std::unordered_map<std::uint32_t, std::uint32_t> m_names;  // task id -> name string
    std::vector<std::pair<FindingKind, std::size_t>> m_seenFindings;
    std::vector<std::pair<FindingKind, std::uint32_t>>
        m_ongoing;  // (kind, task) fired while ongoing
    std::uint64_t m_lastTime = 0;
    std::size_t m_next = 0;
};

// Every hit of `breakpoints` over a whole recording and its findings, in
// event order (the CLI and tests).
std::vector<BreakHit> findBreaks(const Trace& trace, const std::vector<Finding>& findings,
                                 const std::vector<Breakpoint>& breakpoints);

}  // namespace asyncscope::trace
