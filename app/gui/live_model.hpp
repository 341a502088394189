// LiveModel: what the GUI knows about the running engine, rebuilt on the GUI
// thread from the recorder's live feed. The engine never waits for it: when
// the GUI falls behind, the recorder drops live records (counted), and the
// model resynchronises from the recorder's exact coalesced state.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/state.hpp>

#include <QColor>
#include <QString>

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <unordered_map>
#include <vector>

namespace asyncscope::gui {

// Phases of the task lifecycle the inspector draws (trace::TaskPhase order).
inline constexpr int kPhaseCount = 8;

struct Arrow {
    enum class Kind : std::uint8_t { Wake, Steal, Spawn };
    Kind kind = Kind::Wake;
    WakeSource source = WakeSource::External;
    std::uint32_t fromTask = 0;                  // waker / parent (0: none)
    std::uint32_t toTask = 0;                    // woken / spawned / run by the thief
    std::uint16_t fromWorker = 0, toWorker = 0;  // steals
    std::uint32_t count = 0;                     // steals: tasks taken
    double born = 0;                             // wall seconds
};

struct WakeEntry {
    std::uint64_t time = 0;  // runtime ns
    WakeSource source = WakeSource::External;
    std::uint32_t waker = 0;
};

struct ThroughputSample {
    double t = 0;  // runtime seconds
    double pollsPerSec = 0;
    double completedPerSec = 0;
};

class LiveModel {
public:
    static constexpr double kArrowLifetime = 0.9;  // wall seconds
    static constexpr std::size_t kMaxArrows = 96;  // decimation: the oldest go first

    void reset();
    // Pulls the live feed (at most `maxRecords`); `wallNow` in seconds.
    void update(trace::Recorder& recorder, double wallNow, std::size_t maxRecords = 200000);
    // Replaces the state by `s` (e.g. the reducer's state of a finished trace).
    void setState(const trace::RuntimeState& s) { m_state = s; }
    // After a run: strings come from its trace (the recorder gave them away).
    void setFinishedTrace(const trace::Trace* t) { m_trace = t; }

    const trace::RuntimeState& state() const noexcept { return m_state; }
    QString taskName(std::uint32_t id) const;
    QString stringAt(std::uint32_t index) const;
    const std::deque<Arrow>& arrows() const noexcept { return m_arrows; }
    void expireArrows(double wallNow);
    // While paused the arrows stay (a teacher explains them); the next
    // single step starts from none, so only its own arrows show.
    void freezeArrows(bool frozen) { m_arrowsFrozen = frozen; }
    void clearArrows() { m_arrows.clear(); }

    const std::array<std::array<std::uint32_t, kPhaseCount>, kPhaseCount>* transitions(
        std::uint32_t task) const;
    const std::deque<WakeEntry>* wakeHistory(std::uint32_t task) const;
    const std::deque<ThroughputSample>& throughput() const noexcept { return m_throughput; }
    double eventsPerSecond() const noexcept { return m_eventsPerSec; }
    std::uint64_t droppedLive() const noexcept { return m_dropped; }
    std::uint64_t eventsSeen() const noexcept { return m_events; }
    std::uint64_t stepCount() const noexcept { return m_stepEvents; }

    // Names of resources by engine id (from the interpreter).
    void setResourceNames(std::map<std::uint64_t, QString> names,
                          std::map<std::uint64_t, std::uint64_t> capacities);
    QString resourceName(std::uint64_t id) const;
    std::uint64_t capacity(std::uint64_t id) const;

    static QColor taskColor(std::uint32_t id);
    static QColor wakeColor(WakeSource s);

private:
    void apply(const trace::Record& r, double wallNow);
    void sample(double wallNow);

    trace::RuntimeState m_state;
    trace::Reducer m_reducer;
    trace::Recorder* m_recorder = nullptr;
    const trace::Trace* m_trace = nullptr;
    bool m_arrowsFrozen = false;
    mutable std::unordered_map<std::uint32_t, QString> m_strings;
    std::vector<trace::Record> m_buffer;
    std::deque<Arrow> m_arrows;
    std::unordered_map<std::uint32_t,
                       std::array<std::array<std::uint32_t, kPhaseCount>, kPhaseCount>>
        m_transitions;
    std::unordered_map<std::uint32_t, std::deque<WakeEntry>> m_wakes;
    std::deque<ThroughputSample> m_throughput;
    std::map<std::uint64_t, QString> m_resourceNames;
    std::map<std::uint64_t, std::uint64_t> m_capacities;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_events = 0;
    std::uint64_t m_stepEvents = 0;
    double m_eventsPerSec = 0;
    double m_lastSampleWall = -1;
    std::uint64_t m_lastSampleEvents = 0, m_lastSamplePolls = 0, m_lastSampleDone = 0;
    std::uint64_t m_lastSampleTime = 0;
};

}  // namespace asyncscope::gui
