// The recorded trace: every event of a run, time-ordered, columnar.
//
// Design note
// -----------
// A Record is the compact form of an engine Event: 24 bytes (asserted). Ids
// are stored as 32 bits (task ids are dense counters; resource ids too),
// timer deadlines exactly, in nanoseconds, across arg (low half) and arg2
// (high half), and texts (task names, error messages) as indices into the
// trace's string table. A Spawn record keeps its tag (a scenario task's
// template) in `worker`: where a task was spawned from is known from its
// parent, and the thread that ran the spawn is not needed by any view. The Trace keeps one vector
// per field ("columnar"): seeking is a binary search on the time column, and a reducer scanning one
// kind touches one byte per event.
//
// Records are appended in time order by the Recorder's collector; a Trace is
// immutable once the recording is finished, and is what views, detectors,
// exporters and the trace file read.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/trace/column.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace asyncscope::trace {

inline constexpr std::uint16_t kNoThread = 0xFFFF;
inline constexpr std::uint16_t kBlockingFlag = 0x8000;  // 0x8000 | i: blocking thread i
inline constexpr std::uint32_t kNoString = 0xFFFFFFFFu;
// The template of a task that has none (a program's own task, a block_on).
inline constexpr std::uint32_t kNoTemplate = 0xFFFFFFFFu;
// Templates a Spawn record can name (its 16-bit field, less the "none" code).
inline constexpr std::uint32_t kMaxRecordedTemplates = 0xFFFFu;

struct Record {
    std::uint64_t time = 0;  // runtime ns
    std::uint32_t task = 0;
    std::uint32_t arg = 0;
    std::uint32_t arg2 = 0;
    std::uint16_t worker = kNoThread;
    EventKind kind = EventKind::Count;
    std::uint8_t sub = 0;

    bool onWorker() const noexcept { return worker != kNoThread && !(worker & kBlockingFlag); }
    bool onBlockingThread() const noexcept {
        return worker != kNoThread && (worker & kBlockingFlag);
    }
    unsigned blockingIndex() const noexcept { return worker & ~kBlockingFlag; }
    // Timer events: the deadline in runtime ns (exact).
    std::uint64_t deadline() const noexcept {
        return (static_cast<std::uint64_t>(arg2) << 32) | arg;
    }
    // Spawn events: the task's template index, or kNoTemplate.
    std::uint32_t templateIndex() const noexcept {
        return worker == kNoThread ? kNoTemplate : worker;
    }
};
static_assert(sizeof(Record) == 24, "a recorded event must stay at 24 bytes");

std::uint16_t threadCode(std::uint32_t engineWorker) noexcept;
// Converts an engine Event (texts go through `intern`).
template <class Intern>
Record toRecord(const Event& e, Intern&& intern);

// A resource of the recorded program as the events name it.
struct RecordedResource {
    std::uint64_t id = 0;  // the engine's id
    std::string name;
    std::uint8_t kind = 0;  // scenario::ResourceKind
    std::uint64_t capacity = 0;
};

struct TraceInfo {
    unsigned workers = 0;
    // The runtime had a block_on thread (the #[tokio::main] body's): its
    // events carry the thread index `workers`, after the workers'.
    bool blockOnThread = false;
    unsigned cores = 0;  // of the machine that recorded it
    std::string flavor;  // "multi_thread" / "current_thread"
    std::string clock;   // "real" / "virtual"
    double timeScale = 1.0;
    std::string title;  // scenario or program name
    // Set when the recording stopped early because of its memory cap.
    bool truncated = false;
    std::uint64_t truncatedAtEvent = 0;
    std::uint64_t truncatedAtTime = 0;
    std::uint64_t droppedLiveEvents = 0;  // live feed only; the recording is lossless
    // What a scenario's recording needs to be shown without the scenario:
    // its templates (Spawn records name them by index), each template's
    // await points as text, and its resources.
    std::vector<std::string> templates;
    std::vector<std::vector<std::string>> awaitPoints;
    std::vector<RecordedResource> resources;
    // How the run ended ("completed", "stuck", ...; "" when not a scenario
    // run) and the runtime time it ended at.
    std::string runEnd;
    std::uint64_t endTime = 0;
};

class Trace {
public:
    std::size_t size() const noexcept { return m_time.size(); }
    bool empty() const noexcept { return m_time.empty(); }
    Record at(std::size_t i) const noexcept {
        return Record{m_time[i], m_task[i],   m_arg[i],
                      m_arg2[i], m_worker[i], static_cast<EventKind>(m_kind[i]),
                      m_sub[i]};
    }
    void append(const Record& r);
    // Appends n records, get(i) -> Record, column by column (the collector's
    // bulk path: one size check per column instead of one per field).
    template <class Get>
    void appendBulk(std::size_t n, Get&& get);
    void reserve(std::size_t n);
    void clear();

    std::span<const std::uint64_t> times() const noexcept { return m_time; }
    std::span<const std::uint8_t> kinds() const noexcept { return m_kind; }
    std::span<const std::uint32_t> tasks() const noexcept { return m_task; }
    std::uint64_t startTime() const noexcept { return m_time.empty() ? 0 : m_time.front(); }
    std::uint64_t endTime() const noexcept { return m_time.empty() ? 0 : m_time.back(); }
    // Index of the first event with time >= t.
    std::size_t lowerBound(std::uint64_t t) const noexcept;
    // Index of the first event with time > t.
    std::size_t upperBound(std::uint64_t t) const noexcept;

    std::uint32_t intern(std::string_view s);
    std::string_view string(std::uint32_t index) const noexcept;
    const std::vector<std::string>& strings() const noexcept { return m_strings; }

    // Name of a task (from its Spawn event), or "task N".
    std::string taskName(std::uint32_t task) const;
    void setTaskName(std::uint32_t task, std::uint32_t stringIndex);

    TraceInfo& info() noexcept { return m_info; }
    const TraceInfo& info() const noexcept { return m_info; }
    std::size_t memoryBytes() const noexcept;
    static constexpr std::size_t kBytesPerEvent = 24;

private:
    // Column by column (column.hpp: large columns grow in place).
    Column<std::uint64_t> m_time;
    Column<std::uint32_t> m_task, m_arg, m_arg2;
    Column<std::uint16_t> m_worker;
    Column<std::uint8_t> m_kind, m_sub;
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t> m_stringIndex;
    std::unordered_map<std::uint32_t, std::uint32_t> m_taskNames;
    TraceInfo m_info;
};

template <class Get>
void Trace::appendBulk(std::size_t n, Get&& get) {
    const std::size_t base = m_time.size();
    auto grow = [&](auto& v) { v.resizeForOverwrite(base + n); };
    grow(m_time);
    grow(m_task);
    grow(m_arg);
    grow(m_arg2);
    grow(m_worker);
    grow(m_kind);
    grow(m_sub);
    for (std::size_t i = 0; i < n; ++i) {
        const Record& r = get(i);
        const std::size_t k = base + i;
        m_time[k] = r.time;
        m_task[k] = r.task;
        m_arg[k] = r.arg;
        m_arg2[k] = r.arg2;
        m_worker[k] = r.worker;
        m_kind[k] = static_cast<std::uint8_t>(r.kind);
        m_sub[k] = r.sub;
        if (r.kind == EventKind::Spawn && r.arg2 != kNoString) m_taskNames[r.task] = r.arg2;
    }
}

template <class Intern>
Record toRecord(const Event& e, Intern&& intern) {
    Record r;
    r.time = e.time;
    r.task = static_cast<std::uint32_t>(e.task);
    r.arg = static_cast<std::uint32_t>(e.arg);
    r.arg2 = static_cast<std::uint32_t>(e.arg2);
    r.worker = threadCode(e.worker);
    r.kind = e.kind;
    r.sub = e.sub;
    switch (e.kind) {
    case EventKind::TimerRegister:
    case EventKind::TimerFire:
    case EventKind::TimerCancel:
        r.arg = static_cast<std::uint32_t>(e.arg);
        r.arg2 = static_cast<std::uint32_t>(e.arg >> 32);
        break;
    case EventKind::Spawn:
        // The tag is the template index + 1 (0: none).
        r.worker = e.arg2 == 0 || e.arg2 > kMaxRecordedTemplates
                       ? kNoThread
                       : static_cast<std::uint16_t>(e.arg2 - 1);
        r.arg2 = e.text.empty() ? kNoString : intern(e.text);
        break;
    case EventKind::Error: r.arg2 = e.text.empty() ? kNoString : intern(e.text); break;
    default: break;
    }
    return r;
}

}  // namespace asyncscope::trace
