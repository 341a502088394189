// LiveModel: what the views know about a run, on the GUI thread.
//
// It reduces nothing. The state is the run's snapshot (the recorder's
// collector reduced it, scenario::LiveRun published it); the recent records
// of the live feed only add what a single instant cannot show: the arrows of
// wakes, steals and spawns, and each task's wake history. When the GUI falls
// behind, the feed drops old records (counted): a few arrows are lost, the
// state is still exact.
#pragma once

#include <asyncscope/event.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/state.hpp>

#include <QColor>
#include <QString>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace asyncscope::core {

// Phases of the task lifecycle the inspector draws (trace::TaskPhase order).
inline constexpr int kPhaseCount = 8;
using TransitionCounts = std::array<std::array<std::uint32_t, kPhaseCount>, kPhaseCount>;

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

class LiveModel {
public:
    static constexpr double kArrowLifetime = 0.9;  // wall seconds
    static constexpr std::size_t kMaxArrows = 96;  // decimation: the oldest go first

    void reset();
    // A new run: its static tables and where its strings come from.
    void setRun(std::shared_ptr<const scenario::RunTables> tables,
                std::function<std::string(std::uint32_t)> strings);
    // Where task names and error texts come from (same indices, new source).
    void setStrings(std::function<std::string(std::uint32_t)> strings) {
        m_strings = std::move(strings);
    }
    // One frame: the run's latest snapshot and the records since the last
    // frame; `wallNow` in seconds.
    void update(const scenario::RunSnapshot& snapshot, const std::vector<trace::Record>& recent,
                double wallNow);
    // Replaces the state by `s` (e.g. the state a finished run ended in).
    // (The next update() takes the snapshot's state again.)
    void setState(const trace::RuntimeState& s) {
        m_state = s;
        m_source.reset();
    }

    const trace::RuntimeState& state() const noexcept { return m_state; }
    QString taskName(std::uint32_t id) const;
    QString stringAt(std::uint32_t index) const;
    const std::deque<Arrow>& arrows() const noexcept { return m_arrows; }
    void expireArrows(double wallNow);
    // While paused the arrows stay (a teacher explains them); the next
    // single step starts from none, so only its own arrows show.
    void freezeArrows(bool frozen) { m_arrowsFrozen = frozen; }
    void clearArrows() { m_arrows.clear(); }

    // How often the task moved along each edge of its lifecycle (from the
    // reducer's counts), indexed [from][to] by trace::TaskPhase.
    std::optional<TransitionCounts> transitions(std::uint32_t task) const;
    const std::deque<WakeEntry>* wakeHistory(std::uint32_t task) const;
    double eventsPerSecond() const noexcept { return m_eventsPerSec; }
    std::uint64_t droppedLive() const noexcept { return m_dropped; }
    std::uint64_t eventsSeen() const noexcept { return m_state.applied; }

    // The run's tables (null before a run).
    const scenario::RunTables* tables() const noexcept { return m_tables.get(); }
    // Scenario names of resources by engine id ("#id" when unknown), and
    // their capacities (setRun fills both from the run's tables).
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
    std::shared_ptr<const trace::RuntimeState> m_source;  // the snapshot state m_state copies
    std::shared_ptr<const scenario::RunTables> m_tables;
    std::function<std::string(std::uint32_t)> m_strings;
    bool m_arrowsFrozen = false;
    mutable std::unordered_map<std::uint32_t, QString> m_stringCache;
    std::deque<Arrow> m_arrows;
    std::unordered_map<std::uint32_t, std::deque<WakeEntry>> m_wakes;
    std::map<std::uint64_t, QString> m_resourceNames;
    std::map<std::uint64_t, std::uint64_t> m_capacities;
    std::uint64_t m_dropped = 0;
    double m_eventsPerSec = 0;
    double m_lastSampleWall = -1;
    std::uint64_t m_lastSampleEvents = 0;
};

}  // namespace asyncscope::core
