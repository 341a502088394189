#include "run_toolbar.hpp"

#include "session.hpp"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <cmath>

namespace asyncscope::gui {

void fillSpeedBox(QComboBox* box) {
    for (double s : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) box->addItem(QString(), s);
    retranslateSpeedBox(box);
}

void retranslateSpeedBox(QComboBox* box) {
    for (int i = 0; i < box->count(); ++i) {
        const double s = box->itemData(i).toDouble();
        box->setItemText(
            i, s == 1 ? RunToolBar::tr("real time") : RunToolBar::tr("%1× slower").arg(s));
    }
}

int nearestSpeed(const QComboBox* box, double factor) {
    int best = 0;
    for (int i = 0; i < box->count(); ++i)
        if (std::abs(box->itemData(i).toDouble() - factor) <
            std::abs(box->itemData(best).toDouble() - factor))
            best = i;
    return best;
}

RunToolBar::RunToolBar(Session& session, const QList<QAction*>& actions, QWidget* parent)
    : QToolBar(parent), m_session(session) {
    setObjectName(QStringLiteral("ControlsToolBar"));  // the saved layout knows it by this name
    for (QAction* a : actions) {
        if (a)
            addAction(a);
        else
            addSeparator();
    }
    addSeparator();
    m_speedLabel = new QLabel(this);
    addWidget(m_speedLabel);
    m_speed = new QComboBox(this);
    fillSpeedBox(m_speed);
    addWidget(m_speed);
    connect(m_speed, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i >= 0) m_session.setSlowdown(m_speed->itemData(i).toDouble());
        Q_EMIT speedChanged();
    });
    addSeparator();
    m_workersLabel = new QLabel(this);
    addWidget(m_workersLabel);
    m_workers = new QSpinBox(this);
    m_workers->setRange(0, 64);
    addWidget(m_workers);
    connect(m_workers, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int v) { m_session.setWorkers(v); });
    m_flavorLabel = new QLabel(this);
    addWidget(m_flavorLabel);
    m_flavor = new QComboBox(this);
    m_flavor->addItems({QString(), QString(), QString()});
    m_flavor->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_flavor->setMinimumContentsLength(12);
    addWidget(m_flavor);
    connect(m_flavor, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { m_session.setFlavor(i - 1); });
    m_clockLabel = new QLabel(this);
    addWidget(m_clockLabel);
    m_clock = new QComboBox(this);
    m_clock->setObjectName(QStringLiteral("ClockCombo"));
    m_clock->addItems({QString(), QString(), QString()});
    m_clock->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_clock->setMinimumContentsLength(8);
    addWidget(m_clock);
    connect(m_clock, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { m_session.setClock(i - 1); });
    m_variantLabel = new QLabel(this);
    addWidget(m_variantLabel);
    m_variant = new QComboBox(this);
    // Fixed widths: a long variant title must not push the window past a
    // 1024-pixel screen (the full title is in the popup and the tooltip).
    m_variant->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_variant->setMinimumContentsLength(16);
    addWidget(m_variant);
    connect(m_variant, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
        if (i < 0) return;
        m_session.setVariant(m_variant->itemData(i).toString());
        Q_EMIT variantChanged();
    });
}

void RunToolBar::setSlowdown(double factor) {
    const int best = nearestSpeed(m_speed, factor);
    m_speed->setCurrentIndex(best);
    m_session.setSlowdown(m_speed->itemData(best).toDouble());
    Q_EMIT speedChanged();
}

void RunToolBar::changeSpeed(int delta) {
    m_speed->setCurrentIndex(std::clamp(m_speed->currentIndex() + delta, 0, m_speed->count() - 1));
}

int RunToolBar::speedIndex() const {
    return m_speed->currentIndex();
}

void RunToolBar::setSpeedIndex(int index) {
    if (index >= 0 && index < m_speed->count()) m_speed->setCurrentIndex(index);
}

bool RunToolBar::selectVariant(const QString& name) {
    const QString key = name == QLatin1String("base") ? QString() : name;
    const int i = m_variant->findData(key);
    if (i < 0) return false;
    if (i == m_variant->currentIndex()) {
        m_session.setVariant(key);
        Q_EMIT variantChanged();
    } else {
        m_variant->setCurrentIndex(i);  // the box's handler tells the session
    }
    return true;
}

void RunToolBar::updateVariants() {
    QSignalBlocker block(m_variant);
    m_variant->clear();
    const auto* sc = m_session.scenario();
    m_variant->addItem(tr("base"), QString());
    if (sc)
        for (const auto& v : sc->variants)
            m_variant->addItem(
                QString::fromStdString(v.title.in(m_session.language().toStdString())),
                QString::fromStdString(v.name));
    const int i = m_variant->findData(m_session.variant());
    m_variant->setCurrentIndex(i >= 0 ? i : 0);
}

void RunToolBar::retranslate() {
    m_speedLabel->setText(tr(" Speed "));
    m_speed->setToolTip(
        tr("Slow motion: the runtime clock runs this many times slower, so sleeps, "
           "timeouts and computations all stretch (+ faster, − slower)."));
    retranslateSpeedBox(m_speed);
    m_workersLabel->setText(tr(" Workers "));
    m_workers->setSpecialValueText(tr("scenario"));
    m_workers->setToolTip(tr("Worker threads for the next run (scenario: as the scenario says)."));
    m_flavorLabel->setText(tr(" Flavor "));
    m_flavor->setItemText(0, tr("scenario"));
    m_flavor->setItemText(1, tr("multi-thread"));
    m_flavor->setItemText(2, tr("current-thread"));
    m_flavor->setToolTip(
        tr("multi-thread: Tokio's work-stealing scheduler. current-thread: one thread and one "
           "queue, like asyncio's event loop. Applies at the next run."));
    m_clockLabel->setText(tr(" Clock "));
    m_clock->setItemText(0, tr("scenario"));
    m_clock->setItemText(1, tr("real"));
    m_clock->setItemText(2, tr("virtual"));
    m_clock->setToolTip(
        tr("virtual: every duration in the scenario is exact and the host's speed and load "
           "cannot show (a compute step occupies its worker for exactly its time, burning no "
           "CPU; time moves to the next deadline once nothing can run), shown at the chosen "
           "speed. real: the wall clock, with the host's noise. Applies at the next run."));
    m_variantLabel->setText(tr(" Variant "));
    m_variant->setToolTip(tr(
        "A scenario's variants put a pitfall and its fix in one file. Applies at the next run."));
    updateVariants();
}

}  // namespace asyncscope::gui
