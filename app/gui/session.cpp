#include "session.hpp"

#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/library.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <functional>

namespace asyncscope::gui {

using namespace asyncscope::scenario;

Session::Session(QObject* parent) : QObject(parent) {
    m_wall.start();
    m_timer.setInterval(16);  // ~60 frames per second
    connect(&m_timer, &QTimer::timeout, this, &Session::tick);
}

Session::~Session() {
    m_timer.stop();
    m_interpreter.reset();  // shuts the runtime down before the recorder goes
    m_recorder.reset();
}

bool Session::adopt(LoadResult r, const QString& source) {
    if (!r.ok()) {
        m_errors.clear();
        for (const Diagnostic& d : r.errors) m_errors << QString::fromStdString(d.format());
        return false;
    }
    stop();
    m_errors.clear();
    m_scenario = std::make_unique<Scenario>(std::move(*r.scenario));
    m_source = source;
    m_variant.clear();
    m_finishedTrace.reset();
    m_result.reset();
    m_findings.clear();
    m_interpreter.reset();
    m_recorder.reset();
    m_model.reset();
    setPhase(Phase::Ready);
    Q_EMIT loaded();
    return true;
}

bool Session::loadFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        m_errors = QStringList{QStringLiteral("%1: error: %2").arg(path, f.errorString())};
        return false;
    }
    if (f.size() > static_cast<qint64>(kMaxScenarioBytes)) {
        m_errors = QStringList{
            QCoreApplication::translate(
                "Session",
                "%1: error: the file is larger than 1 MiB; a scenario may be at most that")
                .arg(path)};
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
        m_errors = QStringList{
            QCoreApplication::translate("Session", "no built-in scenario named \"%1\"").arg(name)};
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
    m_variant = variant == QLatin1String("base") ? QString() : variant;
}
void Session::setWorkers(int workers) {
    m_workers = workers;
}
void Session::setFlavor(int flavor) {
    m_flavor = flavor;
}
void Session::setSlowdown(double factor) {
    m_slowdown = std::clamp(factor, 1.0, 1000.0);
    if (m_interpreter && !m_interpreter->ended()) m_interpreter->runtime().setTimeScale(m_slowdown);
}

const Program* Session::program() const {
    if (!m_scenario) return nullptr;
    const Program* p = m_scenario->program(m_variant.toStdString());
    return p ? p : &m_scenario->base;
}

void Session::setPhase(Phase p) {
    if (p == m_phase) return;
    m_phase = p;
    m_frozenWall = p == Phase::Paused ? m_wall.elapsed() / 1000.0 : -1;
    m_model.freezeArrows(p == Phase::Paused);
    Q_EMIT phaseChanged(p);
}

void Session::startRun(bool paused) {
    const Program* p = program();
    if (!p) return;
    m_interpreter.reset();
    m_recorder.reset();
    m_model.reset();
    m_findings.clear();
    m_finishedTrace.reset();
    m_result.reset();
    RunOverrides o;
    if (m_workers > 0) o.workers = static_cast<unsigned>(m_workers);
    if (m_flavor == 0) o.flavor = Flavor::MultiThread;
    if (m_flavor == 1) o.flavor = Flavor::CurrentThread;
    o.timeScale = m_slowdown;
    // Classroom runs may be slowed a thousand times: no time limit short of a day.
    o.timeLimit = std::max<Duration>(p->settings.timeLimit, std::chrono::hours(24));
    trace::RecorderOptions ro;
    ro.memoryCapBytes = std::size_t{512} << 20;  // ~22 M events; the status bar says when hit
    m_recorder = std::make_unique<trace::Recorder>(ro);
    m_recorder->describe(effectiveConfig(*p, o), m_scenario->name);
    m_recorder->start();
    m_interpreter = std::make_unique<Interpreter>(*p, o, m_recorder.get());
    std::map<std::uint64_t, QString> names;
    std::map<std::uint64_t, std::uint64_t> caps;
    for (const auto& r : m_interpreter->resourceIds()) {
        names[r.id] = QString::fromStdString(r.name);
        if (r.kind == ResourceKind::Channel || r.kind == ResourceKind::Oneshot)
            caps[r.id] = r.kind == ResourceKind::Oneshot ? 1 : r.capacity;
        if (r.kind == ResourceKind::Semaphore) caps[r.id] = r.capacity;  // its permits
    }
    m_model.setResourceNames(std::move(names), std::move(caps));
    // Flatten every template's steps by await point.
    m_flat.assign(p->templates.size(), {});
    for (std::size_t t = 0; t < p->templates.size(); ++t) {
        auto& flat = m_flat[t];
        flat.resize(p->templates[t].awaitPoints, nullptr);
        std::function<void(const std::vector<Step>&)> walk = [&](const std::vector<Step>& steps) {
            for (const Step& s : steps) {
                if (s.index < flat.size()) flat[s.index] = &s;
                walk(s.body);
                for (const auto& b : s.branches) walk(b);
            }
        };
        walk(p->templates[t].steps);
    }
    if (paused) m_interpreter->runtime().pause();
    m_interpreter->start();
    setPhase(paused ? Phase::Paused : Phase::Running);
    m_timer.start();
}

void Session::run() {
    if (m_phase == Phase::Paused && m_interpreter) {
        m_interpreter->runtime().resume();
        setPhase(Phase::Running);
        return;
    }
    if (m_phase == Phase::Running) return;
    startRun(false);
}

void Session::pause() {
    if (m_phase != Phase::Running || !m_interpreter) return;
    m_interpreter->runtime().pause();
    setPhase(Phase::Paused);
}

void Session::togglePause() {
    if (m_phase == Phase::Running)
        pause();
    else
        run();
}

void Session::step() {
    if (m_phase == Phase::Ready || m_phase == Phase::Finished) startRun(true);
    if (m_phase == Phase::Running) pause();
    if (m_phase == Phase::Paused && m_interpreter) {
        m_model.update(*m_recorder, wallSeconds());  // what came before the step...
        m_model.clearArrows();                       // ...leaves no arrows behind
        m_interpreter->runtime().step(1);
    }
}

void Session::stop() {
    if (!m_interpreter || m_interpreter->ended()) return;
    m_interpreter->stop();
    finishRun();
}

void Session::restart() {
    if (!m_scenario) return;
    stop();
    startRun(false);
}

void Session::finishRun() {
    if (!m_interpreter) return;
    if (m_interpreter->runtime().paused())
        m_interpreter->runtime().resume();  // let shutdown proceed
    m_result = m_interpreter->finish();
    m_recorder->stop();
    m_recordingCapped = m_recorder->status().stopped;
    m_model.update(*m_recorder, m_wall.elapsed() / 1000.0);
    m_finishedTrace = m_recorder->takeTrace();
    m_model.setFinishedTrace(&*m_finishedTrace);
    // One replay gives the findings and the state the run ended in: for a
    // stuck or deadlocked run, the instant before the shutdown freed every
    // lock, so the wait-for cycle stays visible.
    RunReplay replay = replayRun(*m_finishedTrace, *m_result);
    m_findings = std::move(replay.findings);
    m_model.setState(replay.finalState);
    setPhase(Phase::Finished);
    Q_EMIT finished();
    Q_EMIT frame();
}

void Session::tick() {
    if (!m_recorder) {
        m_timer.stop();
        return;
    }
    const double now = wallSeconds();
    if (m_phase == Phase::Running || m_phase == Phase::Paused) {
        m_model.update(*m_recorder, now);
        if (m_interpreter->poll()) finishRun();
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
    if (m_interpreter && !m_interpreter->ended() &&
        (m_phase == Phase::Running || m_phase == Phase::Paused))
        return std::max(state, m_interpreter->runtime().now());
    return state;
}

unsigned Session::workerCount() const {
    return static_cast<unsigned>(m_model.state().workers.size());
}

int Session::templateOfTask(std::uint32_t task) const {
    const Program* p = program();
    if (!p) return -1;
    QString name = m_model.taskName(task);
    const int slash = name.indexOf(QLatin1Char('/'));
    if (slash >= 0) name.truncate(slash);  // a select branch: its parent's template
    const int hash = name.indexOf(QLatin1Char('#'));
    if (hash >= 0) name.truncate(hash);
    const std::string n = name.toStdString();
    for (const StartItem& s : p->start)
        if (s.name == n) return s.target;
    int found = -1;
    std::function<void(const std::vector<Step>&)> walk = [&](const std::vector<Step>& steps) {
        for (const Step& s : steps) {
            if (found >= 0) return;
            if (s.kind == StepKind::Spawn && s.name == n) found = s.target;
            walk(s.body);
            for (const auto& b : s.branches) walk(b);
        }
    };
    for (const Template& t : p->templates) walk(t.steps);
    return found;
}

namespace {
QString describeStep(const Step& s) {
    QString out = QString::fromLatin1(toString(s.kind).data());
    if (!s.label.empty())
        return out + QStringLiteral(" (") + QString::fromStdString(s.label) + QLatin1Char(')');
    if (s.duration.count() > 0)
        out += QLatin1Char(' ') + QString::fromStdString(formatDuration(s.duration.count()));
    if (!s.name.empty() &&
        (s.kind == StepKind::Spawn || s.kind == StepKind::Join || s.kind == StepKind::Cancel))
        out += QLatin1Char(' ') + QString::fromStdString(s.name);
    return out;
}
}  // namespace

std::vector<QString> Session::stepsOf(std::uint32_t task) const {
    std::vector<QString> out;
    const int t = templateOfTask(task);
    if (t < 0 || static_cast<std::size_t>(t) >= m_flat.size()) return out;
    for (const Step* s : m_flat[static_cast<std::size_t>(t)])
        out.push_back(s ? describeStep(*s) : QString());
    return out;
}

QString Session::stepLabel(std::uint32_t task) const {
    const trace::TaskInfo* info = m_model.state().task(task);
    if (!info) return {};
    const int t = templateOfTask(task);
    if (t < 0 || static_cast<std::size_t>(t) >= m_flat.size()) return {};
    const auto& flat = m_flat[static_cast<std::size_t>(t)];
    if (info->awaitPoint >= flat.size() || !flat[info->awaitPoint]) return {};
    return QStringLiteral("S%1 %2")
        .arg(info->awaitPoint)
        .arg(describeStep(*flat[info->awaitPoint]));
}

}  // namespace asyncscope::gui
