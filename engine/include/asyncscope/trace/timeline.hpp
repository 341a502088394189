// Timeline: random access into a finished Trace.
//
// Design note
// -----------
// The state after event i is the reducer applied to events [0, i). Keyframes
// (full RuntimeState copies) are taken every `interval` events while the
// state is reduced, so seeking to any event replays at most `interval`
// events from the nearest keyframe before it. When the keyframes outgrow
// their memory budget, every other one is dropped and the interval doubles.
//
// Keyframes come from the one pass that reduces the events: during a run the
// recorder's collector takes them as it reduces the live state (a
// KeyframeBuilder), so a finished run is browsable without reducing it again;
// a Timeline over a trace loaded from a file takes them in its own pass.
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

struct KeyframeOptions {
    std::size_t minInterval = 4096;
    std::size_t maxInterval = 262144;
    std::size_t keyframeBudgetBytes = std::size_t{256} << 20;
};

// The keyframes of one trace: frames[k] is the state after k * interval
// events; `final` the state after all of them.
struct Keyframes {
    std::size_t interval = 0;
    std::vector<std::shared_ptr<const RuntimeState>> frames;
    std::shared_ptr<const RuntimeState> final;
};

// Takes keyframes while a state is reduced one event at a time.
class KeyframeBuilder {
public:
    explicit KeyframeBuilder(KeyframeOptions options = {});
    // Call after each event has been applied to `s` (s.applied counts them).
    void after(const RuntimeState& s);
    Keyframes finish(RuntimeState finalState) &&;
    // What finish() would return so far, without the final state.
    const Keyframes& sofar() const noexcept { return m_out; }
    static std::size_t estimateBytes(const RuntimeState& s) noexcept;

private:
    KeyframeOptions m_options;
    Keyframes m_out;
    std::size_t m_used = 0;
};

class Timeline {
public:
    using Options = KeyframeOptions;
    explicit Timeline(const Trace& trace);
    Timeline(const Trace& trace, Options options);
    // Adopts keyframes taken while `trace` was recorded (no pass over it).
    Timeline(const Trace& trace, Keyframes keyframes);

    // A trace that is still growing (a live run's mirrored recording): takes
    // the keyframes taken so far. Its final state is unknown until `final`
    // is set.
    void adoptKeyframes(const Keyframes& keyframes);

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
