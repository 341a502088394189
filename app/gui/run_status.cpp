#include "run_status.hpp"

#include "session.hpp"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

namespace asyncscope::gui {

RunStatus::RunStatus(const Session& session, QStatusBar* bar)
    : QObject(bar), m_session(session), m_bar(bar) {
    m_phase = new QLabel(bar);
    m_time = new QLabel(bar);
    m_speed = new QLabel(bar);
    m_rate = new QLabel(bar);
    m_alive = new QLabel(bar);
    m_dropped = new QLabel(bar);
    for (QLabel* l : {m_phase, m_time, m_speed, m_rate, m_alive, m_dropped})
        bar->addPermanentWidget(l);
}

void RunStatus::update() {
    using P = Session::Phase;
    const auto& st = m_session.model().state();
    QString phase;
    switch (m_session.phase()) {
    case P::Empty: phase = tr("no scenario"); break;
    case P::Ready: phase = tr("ready to run"); break;
    case P::Running: phase = tr("running"); break;
    case P::Paused: phase = tr("paused"); break;
    case P::Finished: phase = tr("finished"); break;
    }
    m_phase->setText(phase);
    m_time->setText(
        tr("t = %1 ms").arg(static_cast<double>(m_session.runtimeNow().count()) / 1e6, 0, 'f', 2));
    const double s = m_session.slowdown();
    m_speed->setText(s == 1 ? tr("real time") : tr("%1× slower").arg(s));
    m_rate->setText(
        tr("%1 events/s").arg(QLocale().toString(m_session.model().eventsPerSecond(), 'f', 0)));
    m_alive->setText(tr("%1 tasks alive").arg(st.alive()));
    m_dropped->setText(tr("dropped live events: %1").arg(m_session.model().droppedLive()));
    m_dropped->setToolTip(
        tr("Events the view skipped because it fell behind (normally 0). The recording itself "
           "never drops anything."));
}

void RunStatus::showRunEnd() {
    const auto r = m_session.result();
    if (!r) return;
    QString end;
    switch (r->end) {
    case scenario::RunEnd::Completed: end = tr("completed"); break;
    case scenario::RunEnd::Stuck: end = tr("stuck"); break;
    case scenario::RunEnd::Deadlock: end = tr("deadlocked"); break;
    case scenario::RunEnd::TimedOut: end = tr("timed out"); break;
    case scenario::RunEnd::Stopped: end = tr("stopped"); break;
    }
    QString msg = tr("Run %1 after %2 ms: %3")
                      .arg(end)
                      .arg(static_cast<double>(r->elapsed.count()) / 1e6, 0, 'f', 1)
                      .arg(QString::fromStdString(r->detail));
    // The host's share under the real clock: no finding blames it on a task.
    if (const std::uint64_t host = m_session.model().state().hostStolenNs; host > 0)
        msg += tr(" (the OS took %1 ms from workers in the middle of polls)")
                   .arg(static_cast<double>(host) / 1e6, 0, 'f', 1);
    if (m_session.recordingCapped())
        msg +=
            tr(" (the recording reached its memory cap and stopped early: later "
               "events are missing)");
    m_bar->showMessage(msg, 15000);
}

}  // namespace asyncscope::gui
