// Session: one scenario, its runs, and the live model the views read.
// The GUI thread drives it with a frame timer; nothing here ever waits for
// the engine (the engine never waits for the GUI either).
#pragma once

#include "live_model.hpp"

#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace asyncscope::gui {

class Session : public QObject {
    Q_OBJECT
public:
    enum class Phase { Empty, Ready, Running, Paused, Finished };

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // Loading. On errors nothing is replaced and errors() lists them
    // ("file:line:column: error: ..."); returns whether it loaded.
    bool loadFile(const QString& path);
    bool loadBuiltin(const QString& name);
    bool loadText(const QString& text, const QString& fileName);
    const QStringList& errors() const noexcept { return m_errors; }
    const scenario::Scenario* scenario() const noexcept { return m_scenario.get(); }
    QString source() const { return m_source; }  // file path or "builtin:NAME"

    // Overrides, applied at the next run.
    void setVariant(const QString& variant);
    QString variant() const { return m_variant; }
    void setWorkers(int workers);     // 0: the scenario's
    void setFlavor(int flavor);       // -1: the scenario's, 0 multi-thread, 1 current-thread
    void setSlowdown(double factor);  // runtime time scale, 1..1000; applies at once
    double slowdown() const noexcept { return m_slowdown; }

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
    // The recording of the last finished run (null before one finished).
    const trace::Trace* trace() const noexcept {
        return m_finishedTrace ? &*m_finishedTrace : nullptr;
    }
    std::optional<scenario::RunResult> result() const { return m_result; }
    Duration runtimeNow() const;
    unsigned workerCount() const;
    // "S3 sleep 5ms": where a task is in its template (empty: unknown).
    QString stepLabel(std::uint32_t task) const;
    // The steps of the task's template, for the await-point diagram.
    std::vector<QString> stepsOf(std::uint32_t task) const;
    const scenario::Program* program() const;

    // The last run's recording reached its memory cap and stopped early.
    bool recordingCapped() const { return m_recordingCapped; }
    // Seconds of wall time for the view's animation; it stands still while
    // the run is paused, so the arrows of that instant stay as they were.
    double wallSeconds() const {
        return m_frozenWall >= 0 ? m_frozenWall : m_wall.elapsed() / 1000.0;
    }
    // "en" or "zh": the language of lesson text and findings.
    void setLanguage(const QString& lang) { m_lang = lang; }
    QString language() const { return m_lang; }

    // Advances one frame (the frame timer calls this; tests may too).
    void tick();

Q_SIGNALS:
    void loaded();
    void phaseChanged(Phase phase);
    void frame();
    void finished();

private:
    void startRun(bool paused);
    void finishRun();
    void setPhase(Phase p);
    bool adopt(scenario::LoadResult result, const QString& source);
    int templateOfTask(std::uint32_t task) const;

    std::unique_ptr<scenario::Scenario> m_scenario;
    QString m_source;
    QStringList m_errors;
    QString m_variant;
    QString m_lang = QStringLiteral("en");
    int m_workers = 0;
    int m_flavor = -1;
    double m_slowdown = 1.0;
    Phase m_phase = Phase::Empty;

    std::unique_ptr<trace::Recorder> m_recorder;
    std::unique_ptr<scenario::Interpreter> m_interpreter;
    LiveModel m_model;
    std::vector<trace::Finding> m_findings;
    double m_frozenWall = -1;  // wall seconds at the pause; -1: not paused
    bool m_recordingCapped = false;
    std::optional<trace::Trace> m_finishedTrace;
    std::optional<scenario::RunResult> m_result;
    QTimer m_timer;
    QElapsedTimer m_wall;
    // Flattened steps of each template (await point index -> step).
    std::vector<std::vector<const scenario::Step*>> m_flat;
};

}  // namespace asyncscope::gui
