// Session: one scenario, its runs, and the live model the views read.
// A run is a scenario::LiveRun (the engine's one seam for running a
// scenario); the GUI thread only reads its snapshots on a frame timer and
// sends it controls, so nothing here ever waits for the engine. A run that
// is replaced or abandoned finishes and is destroyed on a thread of its own.
#pragma once

#include "live_model.hpp"
#include "timeline_model.hpp"

#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/breakpoints.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/timeline.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace asyncscope::gui {
// The visual core's models, painter and exporters, by their short names.
using namespace asyncscope::core;
}  // namespace asyncscope::gui

namespace asyncscope::gui {

class Session : public QObject {
    Q_OBJECT
public:
    enum class Phase { Empty, Ready, Running, Paused, Finished };

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // Loading. On errors nothing is replaced and diagnostics() lists them
    // (file, line, column, JSON path, message); returns whether it loaded.
    bool loadFile(const QString& path);
    bool loadBuiltin(const QString& name);
    bool loadText(const QString& text, const QString& fileName);
    // The scenario `other` has loaded (shared, not read again): compare's two
    // sides run the very program the window shows. Nothing when it has none.
    void loadShared(const Session& other);
    const std::vector<scenario::Diagnostic>& diagnostics() const noexcept { return m_errors; }
    // The loaded scenario's warnings (code rustc would reject as written).
    const std::vector<scenario::Diagnostic>& warnings() const noexcept { return m_warnings; }
    // The diagnostics as "file:line:column: error: path: message" lines.
    QStringList errors() const;
    const scenario::Scenario* scenario() const noexcept { return m_scenario.get(); }
    QString source() const { return m_source; }  // file path or "builtin:NAME"

    // Overrides, applied at the next run.
    void setVariant(const QString& variant);
    QString variant() const { return m_variant; }
    void setWorkers(int workers);     // 0: the scenario's
    void setFlavor(int flavor);       // -1: the scenario's, 0 multi-thread, 1 current-thread
    void setClock(int clock);         // -1: the scenario's, 0 real, 1 virtual
    void setSlowdown(double factor);  // runtime time scale, 1..1000; applies at once
    double slowdown() const noexcept { return m_slowdown; }

    // Recordings. Opening one shows it as a finished run without running
    // anything (it replaces the scenario; errors in diagnostics()); saving
    // writes the last finished run atomically. Both return whether it worked.
    bool openRecording(const QString& path);
    bool saveRecording(const QString& path, QString* error = nullptr) const;
    // The title of the recording that is open (empty while a scenario is).
    QString recordingTitle() const { return m_recordingTitle; }

    // The cursor: the instant every view shows. While a run is live it
    // follows the run, until the user moves it into the past (scrubbing: the
    // run goes on, its recording keeps growing) and backToLive() returns it.
    // A finished run is shown at its end until moved.
    //
    // Shows the run (finished, or live so far) at runtime time `ns`: every
    // event at or before it applied; false while there is nothing recorded.
    bool seek(std::uint64_t ns);
    // One recorded event forward (delta > 0) or back (< 0); false at an end.
    bool stepEvent(int delta);
    // To the next (direction > 0) or previous poll of `task`: the instant
    // just after that poll started. False when there is none.
    bool jumpToPoll(std::uint32_t task, int direction);
    // While live and scrubbing: follow the run again.
    void backToLive();
    // The instant shown (the live edge while following; null before a run).
    std::optional<std::uint64_t> cursor() const { return m_cursor; }
    // How many of the recording's events the state at the cursor has applied.
    std::size_t cursorEvent() const noexcept { return m_cursorEvent; }
    // Whether the cursor follows a live run (false once scrubbing).
    bool following() const noexcept { return m_follow && isLive(); }
    bool isLive() const noexcept { return m_phase == Phase::Running || m_phase == Phase::Paused; }
    // The run over time: grows while a run is live, is the whole run once it
    // ended or a recording opened (null before the first records).
    std::shared_ptr<const TimelineModel> timelineModel() const { return m_timelineModel; }
    // The recording the timeline shows: the live run's, mirrored as it grows,
    // or the finished run's (null before any).
    const trace::Trace* recording() const noexcept;
    // The run's counters over time (queue depths, lock waiters): the live
    // run's as mirrored so far, or the finished run's (null before any).
    const trace::CounterTracks* counters() const noexcept;
    // The tables of the current or last run (null before one started).
    const scenario::RunTables* tables() const noexcept { return m_tables.get(); }

    Phase phase() const noexcept { return m_phase; }
    void run();  // start (or resume when paused)
    void pause();
    void togglePause();
    void step();  // exactly one poll (starts paused if not running yet)
    void stop();
    void restart();

    LiveModel& model() noexcept { return m_model; }
    const LiveModel& model() const noexcept { return m_model; }
    const std::vector<trace::Finding>& findings() const noexcept { return m_findings; }
    // The last finished run (null before one finished): result, recording,
    // findings, keyframes.
    std::shared_ptr<const scenario::RecordedRun> finishedRun() const { return m_finished; }
    // The recording of the last finished run (null before one finished).
    const trace::Trace* trace() const noexcept { return m_finished ? &m_finished->trace : nullptr; }
    std::optional<scenario::RunResult> result() const;
    Duration runtimeNow() const;
    unsigned workerCount() const;
    // "S3 sleep 5ms": where a task is in its template (empty: unknown).
    QString stepLabel(std::uint32_t task) const;
    // The steps of the task's template, for the await-point diagram.
    std::vector<QString> stepsOf(std::uint32_t task) const;
    const scenario::Program* program() const;

    // The last run's recording reached its memory cap and stopped early.
    bool recordingCapped() const { return m_finished && !m_finished->recorderNote.empty(); }
    // Seconds of wall time for the view's animation; it stands still while
    // the run is paused, so the arrows of that instant stay as they were.
    double wallSeconds() const {
        return m_frozenWall >= 0 ? m_frozenWall : m_wall.elapsed() / 1000.0;
    }
    // "en" or "zh": the language of lesson text and findings.
    void setLanguage(const QString& lang) { m_lang = lang; }
    QString language() const { return m_lang; }

    // Breakpoints: a live run pauses at the first event that makes one true,
    // and the views show the state right after that event (an instant: the
    // state at it). They stay across runs and loads.
    const std::vector<trace::Breakpoint>& breakpoints() const noexcept { return m_breakpoints; }
    // False (nothing added) when the same breakpoint is already there.
    bool addBreakpoint(const trace::Breakpoint& b);
    void removeBreakpoint(std::size_t index);
    void setBreakpointEnabled(std::size_t index, bool enabled);
    void clearBreakpoints();
    // Where the run last paused at a breakpoint (cleared when it goes on).
    std::optional<trace::BreakHit> lastBreak() const { return m_lastBreak; }

    // A guided lesson (a scenario with moments, its base run): the run pauses
    // at each moment in turn, right after the event that makes it true.
    // Empty for any other scenario or a variant.
    const std::vector<scenario::Moment>& moments() const;
    // The moment the run is paused at (or last was), null before the first.
    std::optional<std::size_t> currentMoment() const { return m_moment; }
    // Resumes to the next moment (Run while paused at one).
    void nextMoment() { run(); }
    // Whether a guided lesson pauses at its moments (on by default; off, it
    // runs straight through). Applies at once.
    void setGuided(bool on);
    bool guided() const noexcept { return m_guided; }

    // Advances one frame (the frame timer calls this; tests may too).
    void tick();

Q_SIGNALS:
    void loaded();
    void phaseChanged(Phase phase);
    void frame();
    void finished();
    // findings() changed: a new run cleared them, or the live run found one.
    void findingsChanged();
    void breakpointsChanged();
    // The run paused at breakpoint `index` (lastBreak() says where).
    void breakpointHit(std::size_t index);
    // The run paused at moment `index` of moments().
    void momentReached(std::size_t index);

private:
    // `phase`: the phase to show (default: Paused or Running).
    void startRun(bool paused, std::optional<Phase> phase = std::nullopt);
    // In Ready: a run started paused before its first poll, so the views show
    // the runtime (workers, queues, the start tasks, resources) at once; Run
    // and Step go on from it.
    void prepare();
    void reprepare();
    void finishRun();
    void setPhase(Phase p);
    bool adopt(scenario::LoadResult result, const QString& source);
    // Makes `scenario` the loaded one: drops the old run and prepares a new one.
    void show(std::shared_ptr<const scenario::Scenario> scenario, const QString& source);
    // Lets the current run end and be destroyed away from the GUI thread.
    void abandonRun();
    // A finished run becomes the one shown (at its end, or where the user
    // scrubbed to), browsable by seek(). `live`: it is the run that was live.
    void adoptFinished(std::shared_ptr<const scenario::RecordedRun> run, bool live);
    // Copies what the live run recorded since the last frame (never waits).
    void mirror();
    // The timeline the cursor moves on: the finished run's or the live mirror's.
    trace::Timeline* cursorTimeline() const;
    // Shows the state after the first `index` events of the cursor's timeline,
    // at instant `at` (default: the time of the last of those events).
    void showEvent(std::size_t index, std::optional<std::uint64_t> at = std::nullopt);
    void clearTimeline();
    // A new matcher for the current list, caught up with what the live run
    // recorded so far without firing.
    void rebuildMatcher();
    // Tells the run where to hold for this view: the breakpoints and the
    // next moment (LiveRun::setHoldConditions).
    void updateHolds();
    // A hold the run made where this view did not stop, once the view has
    // looked at that event: the run goes on.
    void releaseHold();
    // Feeds the mirrored records and the live findings to the matcher; at a
    // hit, pauses the run and shows its event.
    void checkBreakpoints();
    // A matcher for moment m_nextMoment, caught up to record `from`.
    void armMoment(std::size_t from);
    void checkMoments();
    // Pauses the live run at `hit` of `b` and shows its event.
    void pauseAt(const trace::BreakHit& hit, const trace::Breakpoint& b);
    void showHit(const trace::BreakHit& hit, const trace::Breakpoint& b);

    // Shared with an abandoned run that still refers to its Program.
    std::shared_ptr<const scenario::Scenario> m_scenario;
    QString m_source;
    std::vector<scenario::Diagnostic> m_errors;
    std::vector<scenario::Diagnostic> m_warnings;
    QString m_variant;
    QString m_lang = QStringLiteral("en");
    int m_workers = 0;
    int m_flavor = -1;
    int m_clock = -1;
    double m_slowdown = 1.0;
    Phase m_phase = Phase::Empty;
    bool m_prepared = false;  // m_run is the prepared run of the Ready phase

    std::unique_ptr<scenario::LiveRun> m_run;
    std::shared_ptr<const scenario::RunTables> m_tables;  // of m_run (or the last run)
    std::shared_ptr<const scenario::RunSnapshot> m_snapshot;
    std::vector<trace::Record> m_recent;  // reused frame to frame
    LiveModel m_model;
    std::vector<trace::Finding> m_findings;
    std::shared_ptr<const std::vector<trace::Finding>> m_liveFindings;  // as last copied
    std::vector<trace::Breakpoint> m_breakpoints;
    std::unique_ptr<trace::BreakpointMatcher> m_matcher;  // over the live run's mirror
    std::optional<trace::BreakHit> m_lastBreak;
    std::vector<trace::BreakHit> m_pendingBreaks;  // made true by the event last scanned
    std::unique_ptr<trace::BreakpointMatcher> m_momentMatcher;  // the next moment's
    std::size_t m_nextMoment = 0;
    bool m_guided = true;
    std::optional<std::size_t> m_moment;
    std::optional<trace::BreakHit> m_pendingMoment;
    double m_frozenWall = -1;  // wall seconds at the pause; -1: not paused
    std::shared_ptr<const scenario::RecordedRun> m_finished;
    std::unique_ptr<trace::Timeline> m_timeline;  // over m_finished's recording
    std::optional<std::uint64_t> m_cursor;
    std::size_t m_cursorEvent = 0;
    bool m_follow = true;
    std::shared_ptr<TimelineModel> m_timelineModel;
    // While a run is live: its recording as far as copied, the keyframes its
    // collector took, and a timeline over the two for scrubbing.
    trace::Trace m_mirror;
    trace::Keyframes m_mirrorKeys;
    trace::CounterTracks m_mirrorCounters;
    std::unique_ptr<trace::Timeline> m_liveTimeline;
    QString m_recordingTitle;
    QTimer m_timer;
    QElapsedTimer m_wall;
};

}  // namespace asyncscope::gui
