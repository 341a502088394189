// Recorder: the Observer that turns engine events into a Trace.
//
// Design note
// -----------
// Writers (every engine thread) never lock and never wait. Each thread owns
// a chain of 4096-event chunks; it writes a record into its current chunk
// and publishes it with one release store of the chunk's count. A chunk is
// allocated (or taken from the recycled pool) once every 4096 events.
// Merge order. Each thread's stream is in program order; the collector
// merges the streams by a key. Under the real clock the key is the timestamp:
// an event that causes another on a different thread (a wake and the poll it
// leads to) is stamped before the hand-off and the other after it, so causal
// order and time order agree. Under the virtual clock a whole instant shares
// one timestamp, so every record instead takes a number from one global
// counter, whose modification order is consistent with happens-before.
//
// The collector (a background thread, or collect() calls) merges the
// threads' published records by key, reading them in place in the chunks,
// and appends to the Trace every record up to the previous round's highest
// key (later ones may still have gaps: a thread can hold a key it has not
// written yet); what is left waits in its chunk for the next round. A
// thread's run below every other thread's head is copied as one stretch.
// Each record is copied once, into a small batch that is appended to the
// Trace's columns; a chunk is recycled once merged. stop() commits
// everything. Times are clamped to be non-decreasing in that order.
//
// Two consumers, two guarantees:
//   - the recording is lossless: nothing is dropped. When recording would
//     exceed RecorderOptions::memoryCapBytes it *stops*, and status() says
//     after how many events and at which runtime time. The stop is a cut in
//     merge order: the recording is exactly the events before it, and never
//     more than memoryCapBytes / Trace::kBytesPerEvent of them (the
//     collector cuts there; a writer that finds no memory for a new chunk
//     cuts at its own event);
//   - the live feed (liveState(), takeLive()) never slows the engine: the
//     collector keeps a bounded queue of recent records for animations; when
//     the GUI falls behind, the oldest are dropped (and counted) and the GUI
//     still gets the exact coalesced RuntimeState.
//
// Reduced once. The collector is the only place a run's events are reduced:
// with the live feed on it applies each committed record to the live state,
// feeds the detectors and takes the timeline's keyframes (analysis()), so a
// finished run has its findings and is browsable without another pass.
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/event.hpp>
#include <asyncscope/trace/counters.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/state.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace asyncscope::trace {

struct RecorderOptions {
    std::size_t memoryCapBytes = std::size_t{1} << 30;  // recorded events + buffers in flight
    std::size_t liveQueueCapacity = std::size_t{1} << 16;
    std::chrono::milliseconds collectInterval{4};
    // Key records by a global sequence number (needed under the virtual clock;
    // describe() sets it from the configuration). Costs one shared atomic
    // increment per event.
    bool causalSequence = true;
    bool liveFeed = true;  // keep a live RuntimeState and recent-record queue
    // With the live feed: run the detectors and take keyframes as records commit.
    bool analyse = true;
    DetectorOptions detectors;
    KeyframeOptions keyframes;
};

// What one pass over a recording derives from it.
struct RecordingAnalysis {
    std::vector<Finding> findings;  // detectors' finish() on the final state
    Keyframes keyframes;            // keyframes.final: the state after every event
    CounterTracks counters;         // queue depths and waiters over time
};

// The one pass: each record is applied to the state, then fed to the
// detectors, the keyframe builder and the counter sampler. The recorder's
// collector runs it while recording; analyseRecording() runs it over a
// trace loaded from a file.
class RecordingAnalyser {
public:
    // `trace` is where the detectors name things from; it may grow between
    // add() calls (not during one).
    RecordingAnalyser(const Trace& trace, const DetectorOptions& detectors,
                      const KeyframeOptions& keyframes);
    // Applies `r`, the trace's record `index`, to `state` and analyses it.
    void add(RuntimeState& state, const Record& r, std::size_t index);
    RecordingAnalysis finish(const RuntimeState& finalState) &&;
    // The keyframes taken so far (final: null).
    const Keyframes& keyframesSoFar() const noexcept { return m_keyframes.sofar(); }
    // The counter tracks sampled so far (each track's last sample may still
    // change while more records of its instant come: see counters.hpp).
    const CounterTracks& countersSoFar() const noexcept { return m_counters.tracks(); }
    // What the detectors found so far, each at the instant it became true.
    std::vector<Finding> findingsSoFar() const { return m_detectors.findingsSoFar(); }
    // The same live, at runtime time `now` (Detectors::findingsSoFar).
    std::vector<Finding> findingsSoFar(const RuntimeState& state, std::uint64_t now) const {
        return m_detectors.findingsSoFar(state, now);
    }

private:
    Reducer m_reducer;
    Detectors m_detectors;
    KeyframeBuilder m_keyframes;
    CounterSampler m_counters;
};

RecordingAnalysis analyseRecording(const Trace& trace, const DetectorOptions& detectors = {},
                                   const KeyframeOptions& keyframes = {});

struct RecorderStatus {
    std::uint64_t events = 0;  // committed to the trace
    std::size_t bytes = 0;     // trace + buffers in flight
    bool stopped = false;      // the memory cap was reached
    std::uint64_t stoppedAtEvent = 0;
    std::uint64_t stoppedAtTime = 0;  // runtime ns
    std::uint64_t droppedLive = 0;
    std::string message() const;  // "" or a sentence for the user
};

class Recorder final : public Observer {
public:
    explicit Recorder(RecorderOptions options = {});
    ~Recorder() override;
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    void onEvent(const Event& event) noexcept override;

    // Starts the background collector thread (optional: collect() works too).
    void start();
    // Stops the collector and commits everything. Call once the runtime is
    // destroyed (or quiescent); later events are still accepted by collect().
    void stop();
    // Drains the threads' buffers now. `final`: commit everything drained.
    void collect(bool final = false);

    RecorderStatus status() const;

    // Live feed. The latest coalesced state (null before a record commits):
    // every record the collector has committed so far is applied to it.
    std::shared_ptr<const RuntimeState> liveState() const;
    // With analysis on, while recording: the findings so far, each at the
    // instant it became true (null without analysis or after stop()). The
    // same object while nothing new was committed. A poll still running at
    // the last committed event, past the blocking threshold, is a finding
    // from when it crossed it. (Not at the runtime's clock: a poll that ended
    // a moment ago may not be committed yet, and must not look longer.)
    std::shared_ptr<const std::vector<Finding>> liveFindings() const;
    // Moves up to `max` recent records into `out`; returns how many.
    std::size_t takeLive(std::vector<Record>& out, std::size_t max = SIZE_MAX);

    // A string of the recording (task names, error texts) by index; safe to
    // call while the runtime runs (the live feed's records refer to these).
    std::string stringAt(std::uint32_t index) const;

    // For a reader that mirrors the recording while it grows (the app's
    // timeline during a run): appends to `into` the committed records after
    // its last one (at most `max`) and the strings interned since (so that
    // indices agree), copies the trace info on the first call, and, when
    // `keyframes` is given, sets it to the keyframes taken so far (their
    // states are shared, not copied). When `counters` is given, brings it up
    // to date with the counter tracks sampled so far, up to the last
    // mirrored record's time (trace::mirror(): only new samples are copied).
    // Never waits for the collector: while it is committing, returns false
    // having copied nothing; try again later. `into` (and `counters`) must
    // only ever be filled by this call.
    bool tryMirror(Trace& into, Keyframes* keyframes, std::size_t max = SIZE_MAX,
                   CounterTracks* counters = nullptr);

    // The recording (complete after stop()).
    const Trace& trace() const noexcept { return m_trace; }
    Trace takeTrace();
    // After stop(), with the live feed and analysis on: the findings and the
    // keyframes of the whole recording (once; later calls return nothing).
    std::optional<RecordingAnalysis> takeAnalysis();
    void setInfo(TraceInfo info);
    // Fills the trace's info from the runtime configuration it records.
    void describe(const RuntimeConfig& config, std::string title);
    // Called on the committing thread after each commit with the records
    // it added, [first, end) of trace(), which nothing writes meanwhile
    // (and with no lock of the recorder held). Set it before start().
    using CommitWatch = std::function<void(const Trace&, std::size_t first, std::size_t end)>;
    void setCommitWatch(CommitWatch watch) { m_watch = std::move(watch); }

    struct Chunk;
    struct ThreadBuffer;

private:
    ThreadBuffer* bufferForThisThread() noexcept;
    Chunk* allocChunk() noexcept;
    void recycle(Chunk* c) noexcept;
    std::size_t poolLimit() const noexcept;
    // The collector, after each collect: refills the pool with chunks whose
    // pages are already mapped.
    void stockPool() noexcept;
    // Stops recording at the record with merge key `key`: it and every later
    // one are left out.
    void stopRecording(std::uint64_t key) noexcept;
    std::uint64_t takeKey(const Event& e) noexcept;
    void commit(std::vector<std::pair<std::uint64_t, Record>>& items, std::size_t n);
    void collectorMain();

    const RecorderOptions m_options;
    const std::size_t m_capEvents;  // the most events the trace holds
    std::atomic<bool> m_useSequence{true};
    const std::uint64_t m_id;
    std::atomic<std::uint64_t> m_seq{0};
    std::atomic<bool> m_stopped{false};
    std::atomic<std::size_t> m_inFlightBytes{0};
    std::atomic<std::size_t> m_traceBytes{0};
    std::atomic<std::uint64_t> m_cutKey{UINT64_MAX};  // records keyed here or later are left out
    std::atomic<std::uint64_t> m_committedEnd{0};     // time of the last committed record
    mutable std::mutex m_stopMutex;

    std::mutex m_buffersMutex;
    std::vector<std::unique_ptr<ThreadBuffer>> m_buffers;
    std::mutex m_poolMutex;
    std::vector<Chunk*> m_pool;
    std::atomic<std::size_t> m_chunksTaken{0};
    // Counts takeTrace()s: a new recording, a new string table.
    std::atomic<std::uint64_t> m_traceGeneration{0};  // by writers, since stockPool last ran

    mutable std::mutex m_stringsMutex;  // interning from writer threads
    std::mutex m_collectMutex;          // one collector at a time
    // One thread's published records not merged yet, read in place: from
    // (chunk, pos) to (end, endCount).
    struct Run {
        ThreadBuffer* buffer;
        Chunk* chunk;
        std::uint32_t pos;
        Chunk* end;
        std::uint32_t endCount;
    };
    void normalise(Run& r) noexcept;
    static bool available(const Run& r) noexcept;
    static constexpr std::size_t kBatch = 4096;
    std::vector<Run> m_runs;                                // under m_collectMutex
    std::vector<std::pair<std::uint64_t, Record>> m_batch;  // merged, being committed
    std::uint64_t m_watermark = 0;  // highest seq seen by the previous drain
    Trace m_trace;                  // appended under m_collectMutex

    // Under m_collectMutex: the analysis of what was committed so far.
    std::unique_ptr<RecordingAnalyser> m_analyser;
    CommitWatch m_watch;
    std::optional<RecordingAnalysis> m_analysis;  // set by the first stop()
    bool m_analysed = false;

    mutable std::mutex m_liveMutex;
    RuntimeState m_live;
    mutable std::shared_ptr<const RuntimeState> m_liveSnapshot;
    mutable std::shared_ptr<const std::vector<Finding>> m_liveFindings;
    mutable std::uint64_t m_liveFindingsApplied = 0;
    std::deque<Record> m_liveQueue;
    std::uint64_t m_droppedLive = 0;

    std::thread m_thread;
    std::mutex m_threadMutex;
    std::condition_variable m_threadCv;
    bool m_threadStop = false;
};

}  // namespace asyncscope::trace
