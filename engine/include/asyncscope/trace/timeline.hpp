// Timeline: random access into a finished Trace.
//
// Design note
// -----------
// The state after event i is the reducer applied to events [0, i). Keyframes
// (full RuntimeState copies) are taken every `interval` events while the
// timeline is built, so seeking to any event replays at most `interval`
// events from the nearest keyframe before it. The interval adapts to the
// size of the state so that keyframes stay within a memory budget.
//
// Stepping forward applies one event. Stepping back re-seeks from a nearby
// checkpoint: while moving backwards the timeline keeps a small set of
// recent dense checkpoints (every 256 events) around the cursor, so
// repeated steps back cost a replay of at most 256 events each, not a
// keyframe interval.
#pragma once

#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/trace.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace asyncscope::trace {

class Timeline {
public:
    struct Options {
        std::size_t minInterval = 4096;
        std::size_t maxInterval = 262144;
        std::size_t keyframeBudgetBytes = std::size_t{256} << 20;
    };
    explicit Timeline(const Trace& trace);
    Timeline(const Trace& trace, Options options);

    const Trace& trace() const noexcept { return m_trace; }
    std::size_t size() const noexcept { return m_trace.size(); }

    // The state after the first `index` events (0: before any event).
    const RuntimeState& seekIndex(std::size_t index);
    // The state at runtime time `t`: every event with time <= t applied.
    const RuntimeState& seekTime(std::uint64_t t);
    // One event forward / back from the current position. Returns false at the ends.
    bool stepForward();
    bool stepBack();

    const RuntimeState& state() const noexcept { return m_state; }
    std::size_t position() const noexcept { return m_state.applied; }
    // The final state (cached).
    const RuntimeState& finalState();
    std::size_t keyframeCount() const noexcept { return m_keyframes.size(); }
    std::size_t keyframeInterval() const noexcept { return m_interval; }

private:
    void build();
    void replayTo(std::size_t index);
    static std::size_t estimateBytes(const RuntimeState& s) noexcept;

    const Trace& m_trace;
    Options m_options;
    Reducer m_reducer;
    std::size_t m_interval = 0;
    std::vector<std::shared_ptr<const RuntimeState>> m_keyframes;  // state after k*interval events
    std::map<std::size_t, std::shared_ptr<const RuntimeState>> m_dense;  // near the cursor
    RuntimeState m_state;
    std::shared_ptr<const RuntimeState> m_final;
};

}  // namespace asyncscope::trace
