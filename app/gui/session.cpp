#include "session.hpp"

#include <asyncscope/scenario/check.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <asyncscope/scenario/library.hpp>
#include <render.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <functional>
#include <thread>

namespace asyncscope::gui {

namespace {
// The findings at events before `end`: the live findings may be ahead of
// the records a matcher has been fed.
std::vector<trace::Finding> before(const std::vector<trace::Finding>& findings, std::size_t end) {
    std::vector<trace::Finding> out;
    for (const trace::Finding& f : findings)
        if (f.eventIndex < end) out.push_back(f);
    return out;
}

// Feeds `m` the records of `t` from where it stopped, up to the first that
// makes a condition true (its hits), or else the findings' new ones; empty
// when nothing is true yet.
std::vector<trace::BreakHit> scanNext(trace::BreakpointMatcher& m, const trace::Trace& t,
                                      const std::vector<trace::Finding>& findings) {
    for (std::size_t i = m.next(); i < t.size(); ++i) {
        std::vector<trace::BreakHit> h = m.onRecord(t, t.at(i), i);
        if (!h.empty()) return h;
    }
    // Only findings at events already looked at: a record before a
    // finding's event has its turn first.
    return m.onFindings(before(findings, t.size()));
}

// A lesson's moment is written about a finding as it stands when made: not
// about a poll still running (an ongoing finding), but the one it returns.
std::vector<trace::Finding> settled(const std::vector<trace::Finding>& findings) {
    std::vector<trace::Finding> out;
    for (const trace::Finding& f : findings)
        if (!f.ongoing) out.push_back(f);
    return out;
}
}  // namespace

using namespace asyncscope::scenario;

Session::Session(QObject* parent) : QObject(parent) {
    m_wall.start();
    m_timer.setInterval(16);  // ~60 frames per second
    connect(&m_timer, &QTimer::timeout, this, &Session::tick);
}

Session::~Session() {
    m_timer.stop();
    if (m_run) {  // the app is closing: end the run here, before anything it refers to goes
        m_run->stop();
        m_run.reset();
    }
}

void Session::abandonRun() {
    m_prepared = false;
    if (!m_run) return;
    m_run->stop();
    // Its end (the runtime's shutdown, the recorder's last pass) and its
    // destruction happen on a thread of its own; the scenario it runs stays
    // alive until then.
    std::thread([run = std::move(m_run), keep = m_scenario]() mutable { run.reset(); }).detach();
}

bool Session::adopt(LoadResult r, const QString& source) {
    if (!r.ok()) {
        m_errors = std::move(r.errors);
        return false;
    }
    m_warnings = std::move(r.warnings);
    show(std::make_shared<const Scenario>(std::move(*r.scenario)), source);
    return true;
}

void Session::loadShared(const Session& other) {
    if (!other.m_scenario) return;
    m_warnings = other.m_warnings;
    show(other.m_scenario, other.m_source);
}

void Session::show(std::shared_ptr<const Scenario> scenario, const QString& source) {
    abandonRun();
    m_errors.clear();
    m_scenario = std::move(scenario);
    m_source = source;
    m_variant.clear();
    clearTimeline();
    m_recordingTitle.clear();
    m_snapshot.reset();
    m_tables.reset();
    m_findings.clear();
    m_model.reset();
    setPhase(Phase::Ready);
    Q_EMIT loaded();
    prepare();
}

void Session::prepare() {
    if (!program()) return;
    if (m_phase != Phase::Ready) return;
    startRun(true, Phase::Ready);
    m_prepared = true;
}

QStringList Session::errors() const {
    QStringList out;
    for (const Diagnostic& d : m_errors) out << QString::fromStdString(d.format());
    return out;
}

bool Session::loadFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_errors = {Diagnostic{path.toStdString(), {}, {}, f.errorString().toStdString()}};
        return false;
    }
    if (f.size() > static_cast<qint64>(kMaxScenarioBytes)) {
        m_errors = {Diagnostic{
            path.toStdString(),
            {},
            {},
            QCoreApplication::translate("Session",
                                        "the file is larger than 1 MiB; a scenario may be at "
                                        "most that")
                .toStdString()}};
        return false;
    }
    const QByteArray bytes = f.readAll();
    return adopt(
        loadScenario(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                     path.toStdString()),
        path);
}

bool Session::loadBuiltin(const QString& name) {
    const BuiltinScenario* b = findBuiltin(name.toStdString());
    if (!b) {
        m_errors = {
            Diagnostic{name.toStdString(),
                       {},
                       {},
                       QCoreApplication::translate("Session", "no built-in scenario named \"%1\"")
                           .arg(name)
                           .toStdString()}};
        return false;
    }
    return adopt(scenario::loadBuiltin(*b), QStringLiteral("builtin:") + name);
}

bool Session::loadText(const QString& text, const QString& fileName) {
    const QByteArray bytes = text.toUtf8();
    return adopt(
        loadScenario(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                     fileName.toStdString()),
        fileName);
}

void Session::setVariant(const QString& variant) {
    const QString v = variant == QLatin1String("base") ? QString() : variant;
    if (v == m_variant) return;
    m_variant = v;
    reprepare();
}
void Session::setWorkers(int workers) {
    if (workers == m_workers) return;
    m_workers = workers;
    reprepare();
}
void Session::setFlavor(int flavor) {
    if (flavor == m_flavor) return;
    m_flavor = flavor;
    reprepare();
}
void Session::setClock(int clock) {
    if (clock == m_clock) return;
    m_clock = clock;
    reprepare();
}

void Session::reprepare() {
    // The runtime shown before Run is the one Run starts: settings change it.
    if (m_phase == Phase::Ready && m_prepared) prepare();
}
void Session::setSlowdown(double factor) {
    m_slowdown = std::clamp(factor, 1.0, 1000.0);
    if (m_run) m_run->setTimeScale(m_slowdown);
}

const Program* Session::program() const {
    if (!m_scenario) return nullptr;
    const Program* p = m_scenario->program(m_variant.toStdString());
    return p ? p : &m_scenario->base;
}

std::optional<scenario::RunResult> Session::result() const {
    if (!m_finished) return std::nullopt;
    return m_finished->result;
}

void Session::setPhase(Phase p) {
    if (p == m_phase) return;
    m_phase = p;
    m_frozenWall = p == Phase::Paused ? m_wall.elapsed() / 1000.0 : -1;
    m_model.freezeArrows(p == Phase::Paused);
    Q_EMIT phaseChanged(p);
}

void Session::startRun(bool paused, std::optional<Phase> phase) {
    const Program* p = program();
    if (!p) return;
    abandonRun();
    m_prepared = false;
    m_model.reset();
    m_findings.clear();
    m_liveFindings.reset();
    m_lastBreak.reset();
    clearTimeline();
    m_matcher = std::make_unique<trace::BreakpointMatcher>(m_breakpoints);
    m_pendingBreaks.clear();
    m_nextMoment = 0;
    m_moment.reset();
    m_pendingMoment.reset();
    armMoment(0);
    Q_EMIT findingsChanged();  // the last run's findings go at once
    scenario::LiveRunOptions o;
    if (m_workers > 0) o.overrides.workers = static_cast<unsigned>(m_workers);
    if (m_flavor == 0) o.overrides.flavor = Flavor::MultiThread;
    if (m_flavor == 1) o.overrides.flavor = Flavor::CurrentThread;
    o.overrides.timeScale = m_slowdown;
    if (m_clock == 0) o.overrides.clock = ClockKind::Real;
    if (m_clock == 1) o.overrides.clock = ClockKind::Virtual;
    // Under the virtual clock the app shows time at the chosen speed: one
    // virtual ms per real ms at real time, slower in slow motion.
    o.overrides.pace = true;
    // Classroom runs may be slowed a thousand times: no time limit short of a day.
    o.overrides.timeLimit = std::max<Duration>(p->settings.timeLimit, std::chrono::hours(24));
    // ~11 M events; the status bar says when hit. The timeline's mirror of the
    // recording takes as much again while the run is live.
    o.memoryCapBytes = std::size_t{256} << 20;
    // The recording's title is the view's header, so that a saved recording
    // renders as the window showed it.
    o.title = m_scenario->title.in(m_lang.toStdString());
    o.startPaused = paused;
    m_run = std::make_unique<LiveRun>(*p, o);
    m_tables = std::make_shared<const RunTables>(m_run->tables());
    LiveRun* run = m_run.get();
    m_model.setRun(m_tables, [run](std::uint32_t i) { return run->stringAt(i); });
    m_snapshot = m_run->snapshot();
    updateHolds();
    m_run->start();
    setPhase(phase ? *phase : paused ? Phase::Paused : Phase::Running);
    m_timer.start();
}

void Session::run() {
    if (m_phase == Phase::Ready && m_prepared && m_run) {
        // The runtime shown since the load starts where it stands.
        m_prepared = false;
        m_follow = true;
        m_run->resume();
        setPhase(Phase::Running);
        m_timer.start();
        return;
    }
    if (m_phase == Phase::Paused && m_run) {
        m_lastBreak.reset();
        m_follow = true;  // resuming is watching the run again
        m_run->resume();
        setPhase(Phase::Running);
        return;
    }
    if (m_phase == Phase::Running) return;
    startRun(false);
}

void Session::pause() {
    if (m_phase != Phase::Running || !m_run) return;
    m_run->pause();
    setPhase(Phase::Paused);
}

void Session::togglePause() {
    if (m_phase == Phase::Running)
        pause();
    else
        run();
}

void Session::step() {
    if (m_phase == Phase::Ready && m_prepared && m_run) {
        m_prepared = false;
        setPhase(Phase::Paused);
    }
    if (m_phase == Phase::Ready || m_phase == Phase::Finished) startRun(true);
    if (m_phase == Phase::Running) pause();
    if (m_phase == Phase::Paused && m_run) {
        m_follow = true;        // a step shows the run's own next instant
        tick();                 // what came before the step...
        m_model.clearArrows();  // ...leaves no arrows behind
        m_run->step(1);
    }
}

void Session::stop() {
    if (m_run && !m_run->ended()) m_run->stop();  // tick() sees the end
}

void Session::restart() {
    if (!m_scenario) return;
    startRun(false);
}

void Session::finishRun() {
    const bool wasRunning = m_phase == Phase::Running;
    adoptFinished(m_run->finished(), true);
    // A breakpoint the run made true after the last frame (it ended before
    // it could pause there): shown at its event all the same.
    std::optional<trace::BreakHit> late;
    if (wasRunning && m_matcher) {
        if (m_pendingBreaks.empty())
            m_pendingBreaks = scanNext(*m_matcher, m_finished->trace, m_finished->findings);
        if (!m_pendingBreaks.empty()) late = m_pendingBreaks.front();
    }
    m_pendingBreaks.clear();
    // Likewise the next moment of a guided lesson (a run that ends stuck
    // ends at its last moment: the deadlock, the lost wake-up).
    std::optional<trace::BreakHit> lateMoment;
    if (wasRunning && !late && m_momentMatcher) {
        lateMoment = m_pendingMoment;
        if (!lateMoment) {
            const auto h = scanNext(*m_momentMatcher, m_finished->trace, m_finished->findings);
            if (!h.empty()) lateMoment = h.front();
        }
    }
    m_pendingMoment.reset();
    m_momentMatcher.reset();
    setPhase(Phase::Finished);
    Q_EMIT finished();
    if (lateMoment) {
        const std::size_t index = m_nextMoment++;
        m_moment = index;
        showHit(*lateMoment, moments()[index].when);
        Q_EMIT momentReached(index);
    }
    if (late) {
        m_lastBreak = late;
        showHit(*late, m_breakpoints[late->breakpoint]);
        Q_EMIT breakpointHit(late->breakpoint);
    }
    Q_EMIT frame();
}

void Session::clearTimeline() {
    m_finished.reset();
    m_timeline.reset();
    m_liveTimeline.reset();
    m_mirror = trace::Trace();
    m_mirrorKeys = trace::Keyframes();
    m_mirrorCounters = trace::CounterTracks();
    m_timelineModel.reset();
    m_cursor.reset();
    m_cursorEvent = 0;
    m_follow = true;
}

void Session::adoptFinished(std::shared_ptr<const RecordedRun> run, bool live) {
    m_finished = std::move(run);
    m_timeline = std::make_unique<trace::Timeline>(m_finished->timeline());
    m_findings = m_finished->findings;
    const std::uint64_t end = std::max<std::uint64_t>(
        m_finished->trace.info().endTime,
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, m_finished->result.elapsed.count())));
    // The live run's timeline model goes on with the records it has not seen
    // (the mirror is a prefix of the finished recording); otherwise one pass.
    if (live && m_timelineModel && m_timelineModel->recordsSeen() <= m_finished->trace.size()) {
        m_timelineModel->append(m_finished->trace, end);
        m_timelineModel->setFindings(m_finished->findings);
    } else {
        m_timelineModel = std::make_shared<TimelineModel>(*m_finished);
    }
    const bool scrubbing = live && !m_follow && m_cursor;
    m_liveTimeline.reset();
    m_mirror = trace::Trace();
    m_mirrorKeys = trace::Keyframes();
    m_mirrorCounters = trace::CounterTracks();
    m_follow = true;
    // Strings now come from the finished recording, which outlives the run.
    std::shared_ptr<const RecordedRun> done = m_finished;
    m_model.setStrings([done](std::uint32_t i) { return std::string(done->trace.string(i)); });
    if (scrubbing) {  // the user is looking at the past: stay there
        showEvent(m_cursorEvent, m_cursor);
        return;
    }
    m_cursor = static_cast<std::uint64_t>(m_finished->result.elapsed.count());
    m_cursorEvent = m_finished->trace.size();
    // The state the run ended in: for a stuck or deadlocked run, the instant
    // before the shutdown freed every lock, so the wait-for cycle stays visible.
    m_model.setState(m_finished->finalState);
}

const trace::CounterTracks* Session::counters() const noexcept {
    if (m_finished) return &m_finished->counters;
    return m_liveTimeline ? &m_mirrorCounters : nullptr;
}

const trace::Trace* Session::recording() const noexcept {
    if (m_finished) return &m_finished->trace;
    return m_liveTimeline ? &m_mirror : nullptr;
}

trace::Timeline* Session::cursorTimeline() const {
    if (m_finished) return m_timeline.get();
    return m_liveTimeline.get();
}

void Session::showEvent(std::size_t index, std::optional<std::uint64_t> at) {
    trace::Timeline* tl = cursorTimeline();
    if (!tl) return;
    const trace::Trace& t = tl->trace();
    m_cursorEvent = std::min(index, t.size());
    // The instant: given, or that of the last event applied.
    m_cursor = at ? *at : (m_cursorEvent == 0 ? 0 : t.at(m_cursorEvent - 1).time);
    m_model.clearArrows();
    m_model.setState(tl->seekIndex(m_cursorEvent));
    Q_EMIT frame();
}

bool Session::seek(std::uint64_t ns) {
    trace::Timeline* tl = cursorTimeline();
    if (!tl) return false;
    std::uint64_t limit = tl->trace().endTime();
    if (m_finished)
        limit = std::max(limit, static_cast<std::uint64_t>(m_finished->result.elapsed.count()));
    else
        limit =
            std::max(limit, static_cast<std::uint64_t>(m_snapshot ? m_snapshot->now.count() : 0));
    if (isLive()) m_follow = false;
    ns = std::min(ns, limit);
    showEvent(tl->trace().upperBound(ns), ns);
    return true;
}

bool Session::stepEvent(int delta) {
    trace::Timeline* tl = cursorTimeline();
    if (!tl || delta == 0) return false;
    const std::size_t size = tl->trace().size();
    std::size_t from = m_cursorEvent;
    if (following()) from = size;  // from the live edge
    if (delta < 0 && from == 0) return false;
    if (delta > 0 && from >= size) return false;
    if (isLive()) m_follow = false;
    const std::size_t to =
        delta < 0 ? from - std::min<std::size_t>(from, static_cast<std::size_t>(-delta))
                  : std::min(size, from + static_cast<std::size_t>(delta));
    // One step back replays from a nearby checkpoint, not a keyframe interval.
    if (delta == -1 && tl->position() == from) tl->stepBack();
    showEvent(to);
    return true;
}

bool Session::jumpToPoll(std::uint32_t task, int direction) {
    trace::Timeline* tl = cursorTimeline();
    if (!tl || task == 0 || direction == 0) return false;
    const trace::Trace& t = tl->trace();
    const auto kinds = t.kinds();
    const auto tasks = t.tasks();
    const auto pollStart = static_cast<std::uint8_t>(EventKind::PollStart);
    const std::size_t at = following() ? t.size() : m_cursorEvent;
    // The state "just after event i" has the poll of event i under way; the
    // next poll is the first PollStart at or after the cursor, the previous
    // one the last before the event the cursor is just after.
    if (direction > 0) {
        for (std::size_t i = at; i < t.size(); ++i)
            if (kinds[i] == pollStart && tasks[i] == task) {
                if (isLive()) m_follow = false;
                showEvent(i + 1);
                return true;
            }
        return false;
    }
    for (std::size_t i = at >= 2 ? at - 1 : 0; i-- > 0;)
        if (kinds[i] == pollStart && tasks[i] == task) {
            if (isLive()) m_follow = false;
            showEvent(i + 1);
            return true;
        }
    return false;
}

void Session::backToLive() {
    if (!isLive() || m_follow) return;
    m_follow = true;
    tick();
}

void Session::mirror() {
    if (!m_run) return;
    // At most this many records a frame, so a frame stays short however far
    // behind the mirror is (a quarter of a million records is about 6 MB).
    constexpr std::size_t kPerFrame = std::size_t{1} << 18;
    if (!m_run->tryMirror(m_mirror, &m_mirrorKeys, kPerFrame, &m_mirrorCounters)) return;
    if (!m_liveTimeline && !m_mirrorKeys.frames.empty())
        m_liveTimeline = std::make_unique<trace::Timeline>(m_mirror, m_mirrorKeys);
    else if (m_liveTimeline)
        m_liveTimeline->adoptKeyframes(m_mirrorKeys);
    if (!m_liveTimeline) return;
    if (!m_timelineModel) m_timelineModel = std::make_shared<TimelineModel>();
    // Open polls and parks reach the run's clock, not only its last event.
    const std::uint64_t now =
        m_snapshot ? static_cast<std::uint64_t>(std::max<std::int64_t>(0, m_snapshot->now.count()))
                   : 0;
    m_timelineModel->append(m_mirror, now);
}

bool Session::openRecording(const QString& path) {
    trace::LoadResult file = trace::loadTrace(path.toStdString());
    if (!file.trace) {
        m_errors = {Diagnostic{path.toStdString(), {}, {}, file.error}};
        return false;
    }
    auto run = std::make_shared<const RecordedRun>(recordedRunOf(std::move(*file.trace)));
    abandonRun();
    m_errors.clear();
    m_warnings.clear();
    m_scenario.reset();
    m_source = path;
    m_variant.clear();
    m_recordingTitle = QString::fromStdString(run->trace.info().title);
    if (m_recordingTitle.isEmpty()) m_recordingTitle = QFileInfo(path).fileName();
    m_model.reset();
    m_tables = std::make_shared<const RunTables>(tablesOf(run->trace.info()));
    m_model.setRun(m_tables, {});
    clearTimeline();
    adoptFinished(std::move(run), false);
    m_phase = Phase::Finished;  // no phase change signal before loaded()
    Q_EMIT loaded();
    Q_EMIT phaseChanged(m_phase);
    Q_EMIT finished();
    Q_EMIT frame();
    return true;
}

bool Session::saveRecording(const QString& path, QString* error) const {
    if (!m_finished) {
        if (error)
            *error =
                QCoreApplication::translate("Session", "no run has finished yet: nothing to save");
        return false;
    }
    const std::string e = trace::saveTrace(m_finished->trace, path.toStdString());
    if (error) *error = QString::fromStdString(e);
    return e.empty();
}

void Session::tick() {
    if (!m_run) {
        m_timer.stop();
        return;
    }
    const double now = wallSeconds();
    if (m_phase == Phase::Running || m_phase == Phase::Paused || m_prepared) {
        m_snapshot = m_run->snapshot();
        mirror();
        if (m_snapshot->findings && m_snapshot->findings != m_liveFindings) {
            // Findings appear while the run goes on, at the instant each
            // became true, and are marked on the timeline.
            m_liveFindings = m_snapshot->findings;
            m_findings = *m_liveFindings;
            if (m_timelineModel) m_timelineModel->setFindings(m_findings);
            Q_EMIT findingsChanged();
        }
        checkBreakpoints();
        checkMoments();
        releaseHold();
        m_recent.clear();
        m_run->takeRecent(m_recent, 200000);
        if (m_follow) {
            // The cursor is the live edge: the views show the run's latest state.
            m_model.update(*m_snapshot, m_recent, now);
            m_cursor = static_cast<std::uint64_t>(std::max<std::int64_t>(
                0, std::max(m_snapshot->now.count(),
                            static_cast<std::int64_t>(m_model.state().time))));
            m_cursorEvent = m_model.state().applied;
        }
        if (m_run->ended()) finishRun();
    } else {
        m_model.expireArrows(now);
        if (m_model.arrows().empty()) m_timer.stop();
    }
    Q_EMIT frame();
}

Duration Session::runtimeNow() const {
    const Duration state(static_cast<std::int64_t>(m_model.state().time));
    // While a run is live its clock moves on between events (a quiet
    // stretch of sleeping tasks); once it ended, the last event is the end.
    if (m_snapshot && following()) return std::max(state, m_snapshot->now);
    if (m_cursor) return Duration(static_cast<std::int64_t>(*m_cursor));
    return state;
}

unsigned Session::workerCount() const {
    return static_cast<unsigned>(m_model.state().workers.size());
}

std::vector<QString> Session::stepsOf(std::uint32_t task) const {
    std::vector<QString> out;
    const trace::TaskInfo* info = m_model.state().task(trace::TaskId(task));
    if (!info || !m_tables || info->templateIndex >= m_tables->awaitPoints.size()) return out;
    for (const std::string& s : m_tables->awaitPoints[info->templateIndex])
        out.push_back(QString::fromStdString(s));
    return out;
}

QString Session::stepLabel(std::uint32_t task) const {
    const trace::TaskInfo* info = m_model.state().task(trace::TaskId(task));
    if (!info || !m_tables) return {};
    return QString::fromStdString(m_tables->stepLabel(info->templateIndex, info->awaitPoint));
}

}  // namespace asyncscope::gui

namespace asyncscope::gui {

bool Session::addBreakpoint(const trace::Breakpoint& b) {
    for (const trace::Breakpoint& x : m_breakpoints)
        if (x.kind == b.kind && x.name == b.name && x.resource == b.resource &&
            x.finding == b.finding && x.at == b.at)
            return false;
    m_breakpoints.push_back(b);
    rebuildMatcher();
    Q_EMIT breakpointsChanged();
    return true;
}

void Session::removeBreakpoint(std::size_t index) {
    if (index >= m_breakpoints.size()) return;
    m_breakpoints.erase(m_breakpoints.begin() + static_cast<std::ptrdiff_t>(index));
    m_lastBreak.reset();  // its index means another breakpoint now
    rebuildMatcher();
    Q_EMIT breakpointsChanged();
}

void Session::setBreakpointEnabled(std::size_t index, bool enabled) {
    if (index >= m_breakpoints.size() || m_breakpoints[index].enabled == enabled) return;
    m_breakpoints[index].enabled = enabled;
    rebuildMatcher();
    Q_EMIT breakpointsChanged();
}

void Session::clearBreakpoints() {
    if (m_breakpoints.empty()) return;
    m_breakpoints.clear();
    m_lastBreak.reset();
    rebuildMatcher();
    Q_EMIT breakpointsChanged();
}

void Session::rebuildMatcher() {
    const std::size_t upTo = m_matcher ? m_matcher->next() : 0;
    m_matcher = std::make_unique<trace::BreakpointMatcher>(m_breakpoints);
    m_pendingBreaks.clear();
    // What the run already recorded does not fire again: only what comes next.
    for (std::size_t i = 0; i < upTo && i < m_mirror.size(); ++i)
        (void)m_matcher->onRecord(m_mirror, m_mirror.at(i), i);
    (void)m_matcher->onFindings(before(m_findings, upTo));
    updateHolds();
}

void Session::updateHolds() {
    if (!m_run || m_run->ended()) return;
    std::vector<trace::Breakpoint> conditions = m_breakpoints;
    if (m_momentMatcher) conditions.push_back(moments()[m_nextMoment].when);
    m_run->setHoldConditions(std::move(conditions));
}

void Session::releaseHold() {
    if (!m_run || m_run->ended() || m_phase != Phase::Running) return;
    if (m_snapshot && m_snapshot->heldAtEnd) {
        // Held at its end: it ends once this view has seen every event (and
        // the findings of this snapshot, which has them all) and shown every
        // breakpoint and moment on them.
        if (m_pendingBreaks.empty() && !m_pendingMoment &&
            m_mirror.size() >= m_snapshot->recorder.events)
            m_run->releaseEnd();
        return;
    }
    const std::optional<std::size_t> held = m_run->heldAfter();
    if (!held || m_mirror.size() <= *held || !m_pendingBreaks.empty() || m_pendingMoment) return;
    // The findings this view matched against are as new as the held event.
    if (!m_snapshot || !m_snapshot->state || m_snapshot->state->applied <= *held) return;
    m_run->resume();
}

void Session::checkBreakpoints() {
    if (!m_matcher || !m_run) return;
    // One event may make several true (an instant and a wake): each is
    // reported in turn, one pause each.
    if (m_pendingBreaks.empty()) m_pendingBreaks = scanNext(*m_matcher, m_mirror, m_findings);
    // Only a run that goes on stops at a breakpoint. What the engine did
    // while the user had it paused or stepped (it stops a little after the
    // instant shown) is reported when it goes on; a run that has just ended
    // stops nowhere.
    if (m_run->ended()) m_pendingBreaks.clear();
    if (m_pendingBreaks.empty() || m_phase != Phase::Running) return;
    const trace::BreakHit hit = m_pendingBreaks.front();
    m_pendingBreaks.erase(m_pendingBreaks.begin());
    m_lastBreak = hit;
    pauseAt(hit, m_breakpoints[hit.breakpoint]);
    Q_EMIT breakpointHit(hit.breakpoint);
}

void Session::pauseAt(const trace::BreakHit& hit, const trace::Breakpoint& b) {
    m_run->pause();
    setPhase(Phase::Paused);
    m_follow = false;
    showHit(hit, b);
}

void Session::showHit(const trace::BreakHit& hit, const trace::Breakpoint& b) {
    // The state right after the event; an instant's: at the instant.
    if (b.kind == trace::BreakKind::Instant)
        showEvent(hit.eventIndex + 1, hit.time);
    else
        showEvent(hit.eventIndex + 1);
}

void Session::setGuided(bool on) {
    if (on == m_guided) return;
    m_guided = on;
    m_pendingMoment.reset();
    if (m_run && !m_run->ended()) armMoment(m_mirror.size());  // on: from here; off: disarmed
}

const std::vector<scenario::Moment>& Session::moments() const {
    static const std::vector<scenario::Moment> none;
    if (!m_scenario || !m_variant.isEmpty() || !m_recordingTitle.isEmpty()) return none;
    return m_scenario->moments;
}

void Session::armMoment(std::size_t from) {
    m_momentMatcher.reset();
    const auto& ms = moments();
    if (!m_guided || m_nextMoment >= ms.size()) {
        updateHolds();
        return;
    }
    m_momentMatcher =
        std::make_unique<trace::BreakpointMatcher>(std::vector{ms[m_nextMoment].when});
    // Only what comes after `from` can reach it (each moment after the one before).
    for (std::size_t i = 0; i < from && i < m_mirror.size(); ++i)
        (void)m_momentMatcher->onRecord(m_mirror, m_mirror.at(i), i);
    (void)m_momentMatcher->onFindings(before(settled(m_findings), from));
    updateHolds();
}

void Session::checkMoments() {
    if (!m_run) return;
    if (m_momentMatcher && !m_pendingMoment) {
        const auto h = scanNext(*m_momentMatcher, m_mirror, settled(m_findings));
        if (!h.empty()) m_pendingMoment = h.front();
    }
    if (m_run->ended()) m_pendingMoment.reset();
    // A breakpoint that paused the run this frame is shown first.
    if (!m_pendingMoment || m_phase != Phase::Running) return;
    const trace::BreakHit hit = *m_pendingMoment;
    m_pendingMoment.reset();
    const std::size_t index = m_nextMoment++;
    m_moment = index;
    pauseAt(hit, moments()[index].when);
    armMoment(hit.eventIndex + 1);
    Q_EMIT momentReached(index);
}

}  // namespace asyncscope::gui
