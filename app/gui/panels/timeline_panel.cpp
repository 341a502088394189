#include "panels/timeline_panel.hpp"

#include "timeline_export_dialog.hpp"

#include <render.hpp>
#include <run_stats.hpp>

#include <QApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace asyncscope::gui {

namespace {

QString duration(double ns) {
    return QString::fromStdString(TimeAxis::formatDuration(ns));
}

}  // namespace

TimelinePanel::TimelinePanel(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    setObjectName(QStringLiteral("TimelinePanel"));
    m_canvas = new TimelineCanvas(session, this);
    auto button = [this](const QString& text, auto slot) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        return b;
    };
    m_live = button(QString(), [this] { m_session.backToLive(); });
    m_live->setObjectName(QStringLiteral("BackToLive"));
    m_back = button(QStringLiteral("◀"), [this] { m_session.stepEvent(-1); });
    m_forward = button(QStringLiteral("▶"), [this] { m_session.stepEvent(+1); });
    m_prevPoll = button(QString(), [this] { m_session.jumpToPoll(m_task, -1); });
    m_nextPoll = button(QString(), [this] { m_session.jumpToPoll(m_task, +1); });
    m_prevPoll->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    m_nextPoll->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    m_zoomIn = button(QStringLiteral("+"), [this] { m_canvas->zoomBy(1.5); });
    m_zoomOut = button(QStringLiteral("−"), [this] { m_canvas->zoomBy(1 / 1.5); });
    m_fit = button(QString(), [this] { m_canvas->fit(); });
    m_arrows = button(QString(), [this] { m_canvas->setArrows(m_arrows->isChecked()); });
    m_arrows->setCheckable(true);
    m_arrows->setChecked(true);
    m_export = button(QString(), [this] { exportDialog(); });
    m_lanes = new QToolButton(this);
    m_lanes->setAutoRaise(true);
    m_lanes->setPopupMode(QToolButton::InstantPopup);
    auto* lanesMenu = new QMenu(m_lanes);
    m_lanes->setMenu(lanesMenu);
    connect(lanesMenu, &QMenu::aboutToShow, this, [this, lanesMenu] {
        lanesMenu->clear();
        m_canvas->fillLanesMenu(lanesMenu);
    });
    m_readout = new QLabel(this);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->setSpacing(2);
    for (QWidget* w : {static_cast<QWidget*>(m_live), static_cast<QWidget*>(m_back),
                       static_cast<QWidget*>(m_forward), static_cast<QWidget*>(m_prevPoll),
                       static_cast<QWidget*>(m_nextPoll), static_cast<QWidget*>(m_zoomIn),
                       static_cast<QWidget*>(m_zoomOut), static_cast<QWidget*>(m_fit),
                       static_cast<QWidget*>(m_arrows), static_cast<QWidget*>(m_lanes),
                       static_cast<QWidget*>(m_export)})
        bar->addWidget(w);
    bar->addSpacing(8);
    bar->addWidget(m_readout, 1);
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);
    box->addLayout(bar);
    box->addWidget(m_summary);
    // The canvas is as tall as its lanes; many workers and detail lanes scroll.
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_canvas);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    box->addWidget(scroll, 1);
    m_summary->setContentsMargins(8, 0, 8, 2);
    m_summary->hide();

    connect(m_canvas, &TimelineCanvas::taskSelected, this, &TimelinePanel::taskSelected);
    connect(m_canvas, &TimelineCanvas::findingActivated, this, &TimelinePanel::findingActivated);
    connect(m_canvas, &TimelineCanvas::viewChanged, this, &TimelinePanel::viewChanged);
    connect(m_canvas, &TimelineCanvas::exportRequested, this, &TimelinePanel::exportDialog);
    connect(m_canvas, &TimelineCanvas::selectionChanged, this, [this] {
        updateBar();
        Q_EMIT selectionChanged();
    });
    connect(&m_session, &Session::loaded, this, [this] { m_canvas->refresh(true); });
    connect(&m_session, &Session::phaseChanged, this, [this](Session::Phase p) {
        m_canvas->refresh(p == Session::Phase::Running || p == Session::Phase::Paused);
        updateBar();
    });
    connect(&m_session, &Session::finished, this, [this] { m_canvas->refresh(false); });
    connect(&m_session, &Session::frame, this, [this] {
        m_canvas->refresh(false);  // the model grows and the cursor moves
        updateBar();
    });
    retranslate();
}

void TimelinePanel::setSelectedTask(std::uint32_t task) {
    m_task = task;
    m_canvas->setSelectedTask(task);
    updateBar();
}

void TimelinePanel::retranslate() {
    m_live->setText(tr("● Live"));
    m_live->setToolTip(
        tr("Back to live: the views follow the run again. (While a run is live you can drag "
           "the cursor into the past; the run goes on and its recording keeps growing.)"));
    m_back->setToolTip(tr("One recorded event back (Left on the timeline)"));
    m_forward->setToolTip(tr("One recorded event forward (Right on the timeline)"));
    m_prevPoll->setToolTip(
        tr("The selected task's previous poll (Ctrl+Left): the instant it started running"));
    m_nextPoll->setToolTip(tr("The selected task's next poll (Ctrl+Right)"));
    m_zoomIn->setToolTip(tr("Zoom in around the cursor (+)"));
    m_zoomOut->setToolTip(tr("Zoom out (-)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(
        tr("Show the whole run (Home); while a run is live the view then grows "
           "with it"));
    m_arrows->setText(tr("Arrows"));
    m_arrows->setToolTip(
        tr("Draw wake arrows (from the waker to the poll the wake led to, "
           "coloured by what woke the task) and steal arrows"));
    m_lanes->setText(tr("Lanes"));
    m_lanes->setToolTip(
        tr("Add a lane for a task (its idle, scheduled and running time, like a goroutine "
           "lane) or for a resource (a mutex's holders and waiters, a channel's fill, a "
           "semaphore's permits in use). T adds the selected task's."));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(
        tr("Export the visible range or the selection as PNG, SVG or PDF, with a title, the "
           "time axis and a legend"));
    m_summarySeen = SIZE_MAX;  // the summary again, in the new language
    m_summaryClock.invalidate();
    updateBar();
}

QString TimelinePanel::selectionSummary() const {
    const auto sel = m_canvas->selection();
    const TimelineModel* model = m_canvas->model();
    if (!sel || !model) return {};
    const RangeStats r = rangeStats(*model, sel->first, sel->second);
    const QLocale l;
    QString s = tr("Selected %1 (%2 – %3): %4 polls, %5 completed, %6 wakes, %7 steals (%8 "
                   "tasks)")
                    .arg(duration(double(r.duration)), duration(double(r.t0)),
                         duration(double(r.t1)), l.toString(qulonglong(r.polls)),
                         l.toString(qulonglong(r.completions)), l.toString(qulonglong(r.wakes)),
                         l.toString(qulonglong(r.steals)), l.toString(qulonglong(r.stolenTasks)));
    QStringList busy;
    for (std::size_t w = 0; w < r.workers.size(); ++w)
        busy << (model->isBlockOnLane(w)
                     ? tr("main thread %1%").arg(qRound(r.workers[w].busy * 100))
                     : tr("worker %1 %2%").arg(w).arg(qRound(r.workers[w].busy * 100)));
    for (std::size_t b = 0; b < r.blockingBusy.size(); ++b)
        busy << tr("blocking %1 %2%").arg(b).arg(qRound(r.blockingBusy[b] * 100));
    if (!busy.isEmpty())
        s += QStringLiteral(" · ") + tr("busy: %1").arg(busy.join(QStringLiteral(", ")));
    return s;
}

void TimelinePanel::updateBar() {
    const bool live = m_session.isLive();
    m_live->setVisible(live);
    m_live->setEnabled(live && !m_session.following());
    const bool any = m_canvas->model() != nullptr;
    for (QToolButton* b : {m_back, m_forward, m_zoomIn, m_zoomOut, m_fit, m_export, m_lanes})
        b->setEnabled(any);
    m_prevPoll->setEnabled(any && m_task != 0);
    m_nextPoll->setEnabled(any && m_task != 0);
    m_export->setEnabled(any && !live);
    QString readout;
    if (const auto c = m_session.cursor(); c && any) {
        readout = tr("t = %1").arg(duration(double(*c)));
        if (const trace::Trace* t = m_session.recording())
            readout += QStringLiteral(" · ") +
                       tr("event %1 of %2")
                           .arg(QLocale().toString(qulonglong(m_session.cursorEvent())),
                                QLocale().toString(qulonglong(t->size())));
        if (live)
            readout += QStringLiteral(" · ") + (m_session.following()
                                                    ? tr("following the run")
                                                    : tr("in the past: the run goes on"));
    }
    m_readout->setText(readout);
    // The selection's numbers: again when it or the run changed, at most
    // four times a second while a live run grows.
    const auto sel = m_canvas->selection();
    const std::size_t seen = m_canvas->model() ? m_canvas->model()->recordsSeen() : 0;
    if (sel != m_summaryFor || seen != m_summarySeen) {
        const bool throttled =
            sel == m_summaryFor && m_summaryClock.isValid() && m_summaryClock.elapsed() < 250;
        if (!throttled) {
            m_summaryFor = sel;
            m_summarySeen = seen;
            m_summaryClock.start();
            const QString summary = selectionSummary();
            m_summary->setText(summary);
            m_summary->setVisible(!summary.isEmpty());
        }
    }
}

void TimelinePanel::exportDialog() {
    const TimelineModel* model = m_canvas->model();
    if (!model || m_session.isLive()) return;
    TimelineExportDialog::Ranges r;
    const TimeAxis& a = m_canvas->axis();
    r.visible = {static_cast<std::uint64_t>(std::max(0.0, a.t0())),
                 static_cast<std::uint64_t>(std::max(0.0, a.t1()))};
    r.whole = {model->startTime(), model->endTime()};
    r.selection = m_canvas->selection();
    r.viewWidth = std::max(320, m_canvas->width());
    QString name = m_session.recordingTitle();
    if (name.isEmpty() && m_session.scenario())
        name = QString::fromStdString(
            m_session.scenario()->title.in(m_session.language().toStdString()));
    if (!m_session.variant().isEmpty()) name += QStringLiteral(" (%1)").arg(m_session.variant());
    const trace::Trace* t = m_session.recording();
    TimelineExportDialog dialog(r, t ? timelineTitle(name, t->info()) : name, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const auto choice = dialog.choose();
    if (!choice) return;
    TimelineRenderRequest req;
    req.from = choice->from;
    req.to = choice->to;
    req.cursor = m_session.cursor();
    req.title = choice->title;
    req.out = choice->path;
    req.width = choice->width;
    req.pixelRatio = choice->pixelRatio;
    req.arrows = choice->arrows;
    req.chinese = m_session.language() == QLatin1String("zh");
    if (!m_canvas->detailLanes().empty()) req.details = &m_canvas->detailLanes();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const QString err = exportTimeline(*model, req, m_session.tables());
    QApplication::restoreOverrideCursor();
    if (err.isEmpty())
        Q_EMIT statusMessage(tr("Wrote %1").arg(QFileInfo(choice->path).fileName()), 8000);
    else
        QMessageBox::warning(this, tr("Export Timeline"), err);
}

}  // namespace asyncscope::gui
