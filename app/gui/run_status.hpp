// The status bar's permanent fields: the run's phase, runtime time, speed,
// events per second, tasks alive and live events the view dropped; and the
// message that tells how a run ended. The window calls update() on every
// frame and showRunEnd() when a run finished; it emits nothing.
#pragma once

#include <QObject>

class QLabel;
class QStatusBar;

namespace asyncscope::gui {

class Session;

class RunStatus final : public QObject {
    Q_OBJECT
public:
    // Adds the fields to `bar`, which owns them (and this).
    RunStatus(const Session& session, QStatusBar* bar);
    void update();
    // "Run completed after 12.3 ms: ..." for a while, when the last run has a result.
    void showRunEnd();

private:
    const Session& m_session;
    QStatusBar* m_bar;
    QLabel *m_phase, *m_time, *m_speed, *m_rate, *m_alive, *m_dropped;
};

}  // namespace asyncscope::gui
