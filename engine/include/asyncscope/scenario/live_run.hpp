// LiveRun: the one seam through which anything runs a scenario.
//
// Design note
// -----------
// A LiveRun owns everything one run of a Program needs: the runtime and the
// interpreter (which it drives), the recorder (with its memory cap), the
// controls (pause, step, stop, time scale) and cancellation. The GUI, the
// CLI's `run` and the tests all use it; nothing else assembles a run.
//
// Threads. start() spawns the run's driver thread. It polls the interpreter
// every couple of milliseconds, applies a stop request, publishes snapshots,
// and when the run ends it shuts the runtime down, stops the recorder and
// builds the finished run. Controls never wait for the engine: pause, resume,
// step and setTimeScale are a short lock in the runtime; stop() only raises a
// flag. Readers never wait either: snapshot() copies a pointer to an
// immutable object that the driver replaces about 60 times a second.
//
// Holds. The app's breakpoints and a guided lesson's next moment are
// checked on its frames, which a run can outpace. With hold conditions set,
// the recorder's commit watch pauses the run right after an event that may
// fire one, and an ended run waits at its end, until the reader has looked
// and lets it go (setHoldConditions, releaseEnd).
//
// Reduced once. The recorder's collector is the only place the run's events
// are reduced: the snapshots carry its live state, and when the run ends its
// findings and timeline keyframes come from that same pass. A finished run is
// browsed through trace::Timeline (finished()->timeline()).
//
// Tables. What never changes during a run (the configuration, template
// names, each template's await points as text, the resources with their
// engine ids) is built once at construction: tables().
//
// Lifetime: the Program must outlive the LiveRun. The destructor stops the
// run and joins the driver (a bounded wait: the runtime shuts down).
#pragma once

#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/trace/breakpoints.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/recorder.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace asyncscope::scenario {

// The memory a run's recording may take before it stops and says so. Large
// enough for lessons (about 5 M events); the analysis after a run needs a few
// times the recording's memory.
inline constexpr std::size_t kDefaultRecordingCapBytes = std::size_t{128} << 20;

struct LiveRunOptions {
    RunOverrides overrides;
    std::string title;  // stored in the trace's info
    std::size_t memoryCapBytes = kDefaultRecordingCapBytes;
    bool startPaused = false;  // start() leaves the runtime paused (then step or resume)
    // Whether the snapshots published while the run goes on carry the live
    // state (a copy of everything recorded so far, for the app's views).
    // Without it they carry the clock, the counts and the recorder's status:
    // enough for progress, and no copy of a state that grows with the run.
    bool liveState = true;
};

// A finished run: its result, its recording and what one pass over the
// recording found.
struct RecordedRun {
    RunResult result;
    trace::Trace trace;
    // The state when the run ended: for a run found stuck, deadlocked or out
    // of time, the instant before the shutdown cancelled what was left.
    trace::RuntimeState finalState;
    std::vector<trace::Finding> findings;
    std::string recorderNote;  // non-empty when the recorder hit its memory cap
    trace::Keyframes keyframes;
    // Queue depths and lock waiters over the run, from the same pass.
    trace::CounterTracks counters;

    // Random access into the recording, from the keyframes taken while it
    // was recorded. The timeline refers to `trace`: keep this object alive.
    trace::Timeline timeline() const { return trace::Timeline(trace, keyframes); }
};

// The resources of a run as the engine names them.
struct RunResource {
    std::string name;
    ResourceKind kind = ResourceKind::Mutex;
    std::uint64_t id = 0;        // the engine's id (events name resources by it)
    std::uint64_t capacity = 0;  // channels: capacity (oneshot: 1); semaphores: permits
};

// What never changes during a run.
struct RunTables {
    RuntimeConfig config;  // as the runtime runs it (workers resolved)
    std::vector<std::string> templateNames;
    // Per template, per await point: "sleep 5ms", "lock (guard)", ... ("" for
    // an index no step has).
    std::vector<std::vector<std::string>> awaitPoints;
    std::vector<RunResource> resources;

    // "S3 sleep 5ms" for a task of template `templ` at await point `point`
    // ("" when unknown).
    std::string stepLabel(std::uint32_t templ, std::uint32_t point) const;
    const RunResource* resource(std::uint64_t id) const noexcept;
};

enum class RunPhase : std::uint8_t {
    Ready,  // constructed, not started
    Running,
    Paused,
    Ending,  // the run is over; the driver is shutting it down and analysing
    Ended,   // finished() is available
};

// What a reader sees of a run at one moment. Immutable.
struct RunSnapshot {
    RunPhase phase = RunPhase::Ready;
    // The runtime clock: ahead of the state's last event while tasks sleep.
    Duration now{0};
    // The collector's exact state of everything recorded so far (null before
    // the first records, and while the run goes on when the options ask for
    // no live state); after the run, the state it ended in.
    std::shared_ptr<const trace::RuntimeState> state;
    trace::RecorderStatus recorder;
    // The engine's own task counters: they go on after the recording
    // stopped at its memory cap (the state's counts do not).
    TaskCounts tasks;
    double timeScale = 1.0;
    // What the detectors found so far, each at the instant it became true
    // (null before the first records; the same object while unchanged).
    // After the run: finished()->findings.
    std::shared_ptr<const std::vector<trace::Finding>> findings;
    // Held at its end (LiveRun::atEnd()): this snapshot has every event.
    bool heldAtEnd = false;
};

class LiveRun {
public:
    LiveRun(const Program& program, LiveRunOptions options = {});
    ~LiveRun();
    LiveRun(const LiveRun&) = delete;
    LiveRun& operator=(const LiveRun&) = delete;

    const Program& program() const noexcept { return m_program; }
    const RunTables& tables() const noexcept { return m_tables; }

    // Spawns the start tasks and the driver thread. Call once.
    void start();

    // Controls: they return at once and never wait for the engine.
    void pause();
    void resume();
    // While paused: exactly `polls` polls happen, then the run pauses again.
    void step(unsigned polls = 1);
    void stop();  // the run ends as Stopped (the driver finishes it)
    void setTimeScale(double scale);

    // Holds: the run pauses itself right after an event that may make one
    // of `conditions` true (the app's breakpoints, a guided lesson's next
    // moment), checked as the recorder commits events, so that a reader far
    // behind (a busy machine, real time) finds the run waiting there and not
    // long gone. The reader decides with its own matcher whether it stops
    // there; if not it lets the run go on with resume(). A hold stops the run
    // a few events after its event at most. Any thread; replaces the last.
    void setHoldConditions(std::vector<trace::Breakpoint> conditions);
    // The index of the event the run is held after, while a hold has it
    // paused (resume() and step() end the hold).
    std::optional<std::size_t> heldAfter() const;
    // With hold conditions, a run that is over is also held at its end,
    // before the runtime shuts down, until releaseEnd() (or stop()): a
    // reader that fell behind by more than a hold could stop (a starved
    // machine) still sees every event first, each at its place. atEnd():
    // the run is held there, every event committed.
    bool atEnd() const noexcept { return m_atEnd.load(std::memory_order_acquire); }
    void releaseEnd() noexcept { m_endReleased.store(true, std::memory_order_release); }

    // The latest snapshot; any thread, no lock, never null.
    std::shared_ptr<const RunSnapshot> snapshot() const;
    // Recent records for animation (arrows, wake history), oldest first;
    // bounded: when the reader falls behind the oldest are dropped (counted
    // in snapshot()->recorder.droppedLive).
    std::size_t takeRecent(std::vector<trace::Record>& out, std::size_t max = SIZE_MAX);
    // A string of the recording (task names, error texts) by index.
    std::string stringAt(std::uint32_t index) const;
    // Mirrors the recording as it grows (trace::Recorder::tryMirror): the
    // records committed since `into`'s last one (at most `max`), the
    // keyframes taken so far and, when `counters` is given, the counter
    // samples taken since. Never waits; false when nothing could be copied
    // this time. After the run ended, use finished() instead.
    bool tryMirror(trace::Trace& into, trace::Keyframes* keyframes, std::size_t max = SIZE_MAX,
                   trace::CounterTracks* counters = nullptr);

    bool ended() const noexcept { return m_ended.load(std::memory_order_acquire); }
    // Blocks until the run has ended (the CLI and tests; never the GUI).
    void wait();
    // Waits at most `timeout` for the end; returns ended().
    bool waitFor(std::chrono::milliseconds timeout);
    // After ended(): the finished run (null before).
    std::shared_ptr<const RecordedRun> finished() const;
    // After ended(): moves the finished run out (finished() is null afterwards).
    RecordedRun takeFinished();

private:
    void drive();
    void publish(RunPhase phase);
    void finish();
    // The recorder's commit watch (collector thread): the holds.
    void watch(const trace::Trace& trace, std::size_t first, std::size_t end);

    const Program& m_program;
    const LiveRunOptions m_options;
    RunTables m_tables;
    std::unique_ptr<trace::Recorder> m_recorder;
    std::unique_ptr<Interpreter> m_interpreter;  // destroyed before the recorder
    // The latest snapshot. The lock is held only to copy or swap the pointer,
    // never while anything else happens, so a reader never waits for the
    // engine. (libstdc++'s atomic<shared_ptr> would do the same with a lock
    // bit that ThreadSanitizer cannot see.)
    mutable std::mutex m_snapshotMutex;
    std::shared_ptr<const RunSnapshot> m_snapshot;
    void store(std::shared_ptr<const RunSnapshot> s);
    // Controls touch the runtime under this lock, and only before the driver
    // starts ending the run (m_ending): it is never held while the engine works.
    mutable std::mutex m_controlMutex;
    bool m_ending = false;
    bool m_endHolding = false;  // held at the end: the controls leave the runtime alone
    std::optional<std::size_t> m_heldAfter;  // under m_controlMutex
    std::mutex m_holdMutex;
    std::vector<trace::Breakpoint> m_holdConditions;  // under m_holdMutex
    bool m_holdsChanged = false;                      // under m_holdMutex
    bool m_holdFindings = false;                      // collector thread
    std::atomic<bool> m_holdsAny{false};              // some hold condition is enabled
    std::atomic<bool> m_atEnd{false};
    std::atomic<bool> m_endReleased{false};
    std::unique_ptr<trace::BreakpointMatcher> m_holdMatcher;  // collector thread
    std::atomic<bool> m_paused{false};
    std::atomic<bool> m_ended{false};
    bool m_started = false;
    std::shared_ptr<RecordedRun> m_finished;  // written before m_ended is set
    std::mutex m_waitMutex;
    std::condition_variable m_waitCv;
    std::thread m_driver;
};

// Runs `program` to its end on a LiveRun and returns the finished run.
// `progress` (optional) is called about every 100 ms with the latest
// snapshot; `stopFlag` (optional) stops the run when set.
struct RecordOptions {
    RunOverrides overrides;
    const std::atomic<bool>* stopFlag = nullptr;
    std::function<void(const RunSnapshot&)> progress;
    std::string title;  // stored in the trace's info
    std::size_t memoryCapBytes = kDefaultRecordingCapBytes;
};
RecordedRun recordRun(const Program& program, const RecordOptions& options);

// A recording loaded from a file, as a finished run: analysed in one pass
// (findings, keyframes); its result is what the recording says of the run's
// end (a recording that does not say reads as stopped at its last event).
RecordedRun recordedRunOf(trace::Trace trace);

// The tables a recording carries (trace::TraceInfo) for showing it without
// its scenario; `config` is left default.
RunTables tablesOf(const trace::TraceInfo& info);

// A one-line description of a step ("sleep 5ms", "spawn worker", "lock (guard)").
std::string describeStep(const Step& step);

}  // namespace asyncscope::scenario
