#include "compare_window.hpp"

#include "panels/timeline_canvas.hpp"
#include "run_toolbar.hpp"
#include "runtime_view.hpp"

#include <view_export.hpp>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace asyncscope::gui {

namespace {
const QColor kBetter(0xd8, 0xf0, 0xd8);
const QColor kWorse(0xf6, 0xdc, 0xdc);
}  // namespace

CompareWindow::CompareWindow(const Session& main, double slowdown, const QString& language,
                             QWidget* parent)
    : QWidget(parent, Qt::Window), m_main(main), m_lang(language), m_slowdown(slowdown) {
    setObjectName(QStringLiteral("CompareWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    for (auto& s : m_sides) {
        s.session = std::make_unique<Session>();
        s.session->setLanguage(language);
        s.session->setGuided(false);  // a comparison runs straight through
        s.session->setSlowdown(slowdown);
    }

    // The bar: run, pause, speed, export.
    auto* bar = new QHBoxLayout;
    auto button = [this, bar](auto slot) {
        auto* b = new QToolButton(this);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        connect(b, &QToolButton::clicked, this, slot);
        bar->addWidget(b);
        return b;
    };
    m_runButton = button([this] { start(); });
    m_runButton->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_pauseButton = button([this] { togglePause(); });
    m_pauseButton->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_speedLabel = new QLabel(this);
    bar->addWidget(m_speedLabel);
    m_speed = new QComboBox(this);
    fillSpeedBox(m_speed);
    bar->addWidget(m_speed);
    connect(m_speed, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i >= 0) setSlowdown(m_speed->itemData(i).toDouble());
    });
    m_exportButton = button([this] { exportDialog(); });
    m_exportButton->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    bar->addStretch(1);

    auto* views = new QSplitter(Qt::Horizontal, this);
    views->addWidget(buildSide(Left));
    views->addWidget(buildSide(Right));

    // The two timelines, one above the other, on one axis.
    auto* lanes = new QWidget(this);
    auto* lanesBox = new QVBoxLayout(lanes);
    lanesBox->setContentsMargins(0, 0, 0, 0);
    for (Which w : {Left, Right}) {
        auto* scroll = new QScrollArea(lanes);
        scroll->setWidget(m_sides[w].timeline);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        lanesBox->addWidget(scroll, 1);
    }

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("CompareTable"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(views);
    split->addWidget(lanes);
    split->addWidget(m_table);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);

    auto* box = new QVBoxLayout(this);
    box->addLayout(bar);
    box->addWidget(split, 1);

    // Defaults: the base against the first variant, or against twice the workers.
    Side right;
    if (const auto* sc = main.scenario(); sc && !sc->variants.empty()) {
        right.variant = QString::fromStdString(sc->variants.front().name);
    } else if (const auto* p = main.program()) {
        const unsigned w = p->settings.runtime.workers ? p->settings.runtime.workers : 4;
        right.workers = static_cast<int>(std::min(64u, 2 * w));
        right.flavor = 0;
    }
    for (Which w : {Left, Right}) {
        m_sides[w].session->loadShared(main);
        if (w == Right) setSide(Right, right);
    }
    const int best = nearestSpeed(m_speed, slowdown);
    {
        const QSignalBlocker b(m_speed);
        m_speed->setCurrentIndex(best);
    }
    retranslate();
    updateHeadings();
    resize(1400, 900);
}

CompareWindow::~CompareWindow() = default;

QWidget* CompareWindow::buildSide(Which which) {
    SideUi& s = m_sides[which];
    Session& session = *s.session;
    auto* w = new QWidget(this);
    auto* box = new QVBoxLayout(w);
    box->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    s.heading = new QLabel(w);
    s.heading->setTextFormat(Qt::PlainText);
    QFont f = s.heading->font();
    f.setBold(true);
    s.heading->setFont(f);
    controls->addWidget(s.heading, 1);
    s.variant = new QComboBox(w);
    s.variant->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    s.variant->setMinimumContentsLength(14);
    s.workers = new QSpinBox(w);
    s.workers->setRange(0, 64);
    s.flavor = new QComboBox(w);
    s.flavor->addItems({QString(), QString(), QString()});
    controls->addWidget(s.variant);
    controls->addWidget(s.workers);
    controls->addWidget(s.flavor);
    box->addLayout(controls);
    s.view = new RuntimeView(session, w);
    s.view->setMinimumSize(300, 200);
    box->addWidget(s.view, 1);
    s.timeline = new TimelineCanvas(session, this);

    if (const auto* sc = m_main.scenario()) {
        s.variant->addItem(tr("base"), QString());
        for (const auto& v : sc->variants)
            s.variant->addItem(QString::fromStdString(v.title.in(m_lang.toStdString())),
                               QString::fromStdString(v.name));
    }
    auto changed = [this, which] { applySide(which); };
    connect(s.variant, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);
    connect(s.workers, qOverload<int>(&QSpinBox::valueChanged), this, changed);
    connect(s.flavor, qOverload<int>(&QComboBox::currentIndexChanged), this, changed);

    TimelineCanvas* canvas = s.timeline;
    connect(&session, &Session::loaded, canvas, [canvas] { canvas->refresh(true); });
    connect(&session, &Session::phaseChanged, this, [this, canvas](Session::Phase p) {
        canvas->refresh(p == Session::Phase::Running || p == Session::Phase::Paused);
        updateHeadings();
    });
    connect(&session, &Session::frame, this, [this, canvas, &session] {
        canvas->refresh(false);
        updateSharedEnd();
        if (session.isLive()) updateHeadings();
    });
    connect(&session, &Session::finished, this, [this, canvas] {
        canvas->refresh(false);
        updateSharedEnd();
        updateHeadings();
        updateTable();
    });
    connect(canvas, &TimelineCanvas::viewChanged, this, [this, which] { followView(which); });
    connect(canvas, &TimelineCanvas::cursorMoved, this, [this, which](std::uint64_t ns) {
        m_sides[which == Left ? Right : Left].session->seek(ns);
    });
    connect(canvas, &TimelineCanvas::taskSelected, s.view, &RuntimeView::setSelected);
    connect(s.view, &RuntimeView::taskSelected, canvas, &TimelineCanvas::setSelectedTask);
    return w;
}

void CompareWindow::updateSharedEnd() {
    // The shared axis reaches the longer run's end (so far).
    const auto endOf = [](const Session& x) {
        const auto m = x.timelineModel();
        return m ? m->endTime() : std::uint64_t{0};
    };
    const std::uint64_t end =
        std::max(endOf(*m_sides[Left].session), endOf(*m_sides[Right].session));
    for (auto& side : m_sides) side.timeline->setSharedEnd(end);
}

void CompareWindow::followView(Which from) {
    if (m_syncing) return;
    m_syncing = true;
    TimelineCanvas* source = m_sides[from].timeline;
    TimelineCanvas* other = m_sides[from == Left ? Right : Left].timeline;
    if (source->fitting())
        other->fit();  // both show the whole of the longer run, and follow it
    else
        other->showRange(source->axis().t0(), source->axis().t1());
    m_syncing = false;
}

void CompareWindow::setSide(Which which, const Side& side) {
    SideUi& s = m_sides[which];
    {
        const QSignalBlocker b1(s.variant), b2(s.workers), b3(s.flavor);
        const int i = s.variant->findData(side.variant);
        s.variant->setCurrentIndex(std::max(0, i));
        s.workers->setValue(side.workers);
        s.flavor->setCurrentIndex(std::clamp(side.flavor + 1, 0, 2));
    }
    applySide(which);
}

CompareWindow::Side CompareWindow::side(Which which) const {
    const SideUi& s = m_sides[which];
    return Side{s.variant->currentData().toString(), s.workers->value(),
                s.flavor->currentIndex() - 1};
}

void CompareWindow::applySide(Which which) {
    const Side want = side(which);
    Session& s = *m_sides[which].session;
    s.setVariant(want.variant);
    s.setWorkers(want.workers);
    s.setFlavor(want.flavor);
    m_rows.clear();
    updateTable();
    updateHeadings();
}

void CompareWindow::start() {
    m_rows.clear();
    updateTable();
    for (auto& s : m_sides) {
        if (s.session->phase() == Session::Phase::Paused)
            s.session->run();  // resume the pair
        else if (s.session->phase() == Session::Phase::Ready)
            s.session->run();
        else
            s.session->restart();
    }
}

void CompareWindow::togglePause() {
    for (auto& s : m_sides)
        if (s.session->isLive()) s.session->togglePause();
}

void CompareWindow::setSlowdown(double factor) {
    m_slowdown = factor;
    for (auto& s : m_sides) s.session->setSlowdown(factor);
}

QString CompareWindow::sideName(Which which) const {
    const SideUi& s = m_sides[which];
    QString name = s.variant->currentIndex() > 0 ? s.variant->currentText() : tr("base");
    if (s.workers->value() > 0) name += tr(" · %n worker(s)", nullptr, s.workers->value());
    if (s.flavor->currentIndex() == 1) name += tr(" · multi-thread");
    if (s.flavor->currentIndex() == 2) name += tr(" · current-thread");
    return name;
}

void CompareWindow::updateHeadings() {
    for (Which w : {Left, Right}) {
        SideUi& s = m_sides[w];
        const Session& ses = *s.session;
        QString state;
        const auto ms = [](double ns) {
            return QString::fromStdString(TimeAxis::formatDuration(ns));
        };
        switch (ses.phase()) {
        case Session::Phase::Empty: break;
        case Session::Phase::Ready: state = tr("ready"); break;
        case Session::Phase::Running:
            state = tr("running, %1").arg(ms(static_cast<double>(ses.runtimeNow().count())));
            break;
        case Session::Phase::Paused:
            state = tr("paused at %1").arg(ms(static_cast<double>(ses.runtimeNow().count())));
            break;
        case Session::Phase::Finished: {
            const auto m = ses.timelineModel();
            state = tr("finished in %1").arg(ms(m ? static_cast<double>(m->endTime()) : 0.0));
            break;
        }
        }
        const QString label = (w == Left ? tr("A: %1") : tr("B: %1")).arg(sideName(w));
        s.heading->setText(state.isEmpty() ? label : label + QStringLiteral(" — ") + state);
        s.view->setTitle(label);
    }
}

void CompareWindow::updateTable() {
    const Session& a = *m_sides[Left].session;
    const Session& b = *m_sides[Right].session;
    const bool done = a.phase() == Session::Phase::Finished &&
                      b.phase() == Session::Phase::Finished && a.timelineModel() &&
                      b.timelineModel();
    if (done) {
        m_rows = compareRows(summarizeRun(*a.timelineModel(), a.findings()),
                             summarizeRun(*b.timelineModel(), b.findings()));
    } else {
        m_rows.clear();
    }
    m_table->setRowCount(static_cast<int>(m_rows.size()));
    for (int r = 0; r < static_cast<int>(m_rows.size()); ++r) {
        const CompareRow& row = m_rows[static_cast<std::size_t>(r)];
        const QString cells[] = {row.what, row.left, row.right, row.delta};
        for (int c = 0; c < 4; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(row.tip);
            if ((c == 1 && row.better == -1) || (c == 2 && row.better == 1))
                item->setBackground(kBetter);
            if ((c == 1 && row.better == 1) || (c == 2 && row.better == -1))
                item->setBackground(kWorse);
            m_table->setItem(r, c, item);
        }
    }
    m_exportButton->setEnabled(done);
    if (done) Q_EMIT comparedChanged();
}

QString CompareWindow::exportImage(const QString& path, QSize size) {
    const Session& a = *m_sides[Left].session;
    const Session& b = *m_sides[Right].session;
    if (!a.timelineModel() || !b.timelineModel())
        return tr("Nothing to export yet: run the comparison first.");
    const TimeAxis shared = m_sides[Left].timeline->axis();
    return paintToFile(path, size, 2.0, [&](QPainter& p, const QRectF& area) {
        p.fillRect(area, QColor(0xfa, 0xfa, 0xf7));
        const double w = area.width(), h = area.height();
        // Views on top, side by side; the timelines under them, each a band;
        // the table at the bottom.
        const double viewH = h * 0.38, laneH = h * 0.21, tableTop = viewH + 2 * laneH;
        for (Which which : {Left, Right}) {
            const SideUi& s = m_sides[which];
            const double k = which == Left ? 0.0 : 1.0;
            const QRectF v(area.left() + k * w / 2, area.top(), w / 2, viewH);
            paintRuntime(p, v.adjusted(4, 4, -4, -4), s.session->model(), s.view->paintOptions());
            const QRectF lane(area.left(), area.top() + viewH + k * laneH, w, laneH);
            TimeAxis axis = shared;
            axis.setGeometry(lane.left() + timelineGutter(1.0),
                             std::max(10.0, lane.width() - timelineGutter(1.0) - 12));
            axis.fit(shared.t0(), shared.t1());
            TimelineOptions o = s.timeline->options();
            o.title = (which == Left ? tr("A: %1") : tr("B: %1")).arg(sideName(which));
            p.save();
            p.setClipRect(lane);
            paintTimeline(p, lane, *s.session->timelineModel(), axis, o);
            p.restore();
        }
        // The delta table.
        QFont font = p.font();
        font.setPointSizeF(std::max(7.0, h / 90.0));
        p.setFont(font);
        const double rowH = std::min(QFontMetricsF(font).height() * 1.35,
                                     (h - tableTop - 8) / (m_rows.size() + 1.0));
        const double cols[] = {0.0, 0.28, 0.52, 0.76, 1.0};
        const QString head[] = {tr("Measure"), tr("A: %1").arg(sideName(Left)),
                                tr("B: %1").arg(sideName(Right)), tr("Change (B vs A)")};
        double y = area.top() + tableTop + 4;
        auto rowRect = [&](int c) {
            return QRectF(area.left() + 8 + cols[c] * (w - 16), y,
                          (cols[c + 1] - cols[c]) * (w - 16), rowH);
        };
        QFont bold = font;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(QColor(0x22, 0x22, 0x22));
        for (int c = 0; c < 4; ++c)
            p.drawText(
                rowRect(c).adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                QFontMetricsF(bold).elidedText(head[c], Qt::ElideRight, rowRect(c).width() - 8));
        p.setFont(font);
        for (const CompareRow& row : m_rows) {
            y += rowH;
            const QString cells[] = {row.what, row.left, row.right, row.delta};
            for (int c = 0; c < 4; ++c) {
                const QRectF r = rowRect(c);
                if ((c == 1 && row.better == -1) || (c == 2 && row.better == 1))
                    p.fillRect(r, kBetter);
                if ((c == 1 && row.better == 1) || (c == 2 && row.better == -1))
                    p.fillRect(r, kWorse);
                p.setPen(QColor(0x22, 0x22, 0x22));
                p.drawText(r.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                           QFontMetricsF(font).elidedText(cells[c], Qt::ElideRight, r.width() - 8));
            }
            p.setPen(QColor(0xdd, 0xdd, 0xdd));
            p.drawLine(QPointF(area.left() + 8, y), QPointF(area.right() - 8, y));
        }
    });
}

void CompareWindow::exportDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Comparison"), QStringLiteral("comparison.png"),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty()) return;
    const QString error = exportImage(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Export Comparison"), error);
}

void CompareWindow::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_F5) {
        start();
    } else if (e->key() == Qt::Key_Space) {
        togglePause();
    } else if (e->matches(QKeySequence::Close) || e->key() == Qt::Key_Escape) {
        close();
    } else if (e->key() == Qt::Key_E && (e->modifiers() & Qt::ControlModifier)) {
        exportDialog();
    } else {
        QWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

void CompareWindow::setLanguage(const QString& lang) {
    m_lang = lang;
    const auto* sc = m_main.scenario();
    for (SideUi& s : m_sides) {
        s.session->setLanguage(lang);
        if (!sc || s.variant->count() != static_cast<int>(sc->variants.size()) + 1) continue;
        const QSignalBlocker quiet(s.variant);  // the same variant, its title in the language
        s.variant->setItemText(0, tr("base"));
        for (std::size_t i = 0; i < sc->variants.size(); ++i)
            s.variant->setItemText(
                static_cast<int>(i) + 1,
                QString::fromStdString(sc->variants[i].title.in(lang.toStdString())));
    }
    retranslate();
    updateHeadings();
    updateTable();
}

void CompareWindow::setLook(const Look& look) {
    for (SideUi& s : m_sides) {
        s.view->setLook(look);
        s.timeline->setLook(look);
    }
}

void CompareWindow::retranslate() {
    setWindowTitle(tr("Compare — %1")
                       .arg(m_main.scenario() ? QString::fromStdString(m_main.scenario()->title.in(
                                                    m_lang.toStdString()))
                                              : QString()));
    m_runButton->setText(tr("Run Both"));
    m_runButton->setToolTip(tr("Run both sides from the start, at the same speed (F5)"));
    m_pauseButton->setText(tr("Pause"));
    m_pauseButton->setToolTip(tr("Pause or resume both runs (Space)"));
    m_speedLabel->setText(tr("Speed"));
    m_speed->setToolTip(
        tr("Slow motion for both runs: the runtime clock runs this many times "
           "slower"));
    retranslateSpeedBox(m_speed);
    m_exportButton->setText(tr("Export…"));
    m_exportButton->setToolTip(
        tr("Save both views, both timelines and the table as one image: PNG, SVG or PDF "
           "(Ctrl+E)"));
    m_table->setHorizontalHeaderLabels({tr("Measure"), tr("A"), tr("B"), tr("Change (B vs A)")});
    m_table->setToolTip(
        tr("Filled in when both runs have ended. Green: the better side where "
           "less is better (time, delays, findings)."));
    for (SideUi& s : m_sides) {
        s.workers->setSpecialValueText(tr("scenario's workers"));
        s.workers->setSuffix(tr(" workers"));
        s.workers->setToolTip(tr("Worker threads for this side (the scenario's when not set)"));
        s.variant->setToolTip(tr("The variant this side runs: the pitfall, its fix, or the base"));
        s.flavor->setItemText(0, tr("scenario's flavor"));
        s.flavor->setItemText(1, tr("multi-thread"));
        s.flavor->setItemText(2, tr("current-thread"));
        s.flavor->setToolTip(
            tr("Tokio's runtime flavor for this side: a pool of workers that "
               "steal from each other, or one thread"));
    }
}

}  // namespace asyncscope::gui
