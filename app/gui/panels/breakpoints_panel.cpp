#include "breakpoints_panel.hpp"

#include "session.hpp"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace asyncscope::gui {

namespace {
using trace::BreakKind;

QString ms(std::uint64_t ns) {
    return QLocale().toString(static_cast<double>(ns) / 1e6, 'f', ns % 1'000'000 ? 3 : 0);
}
}  // namespace

QString describeBreakpoint(const trace::Breakpoint& b) {
    const QString name = QString::fromStdString(b.name);
    const QString any = BreakpointsPanel::tr("any task");
    switch (b.kind) {
    case BreakKind::Wake:
        return BreakpointsPanel::tr("a wake of %1").arg(name.isEmpty() ? any : name);
    case BreakKind::Contention:
        return BreakpointsPanel::tr("contention on %1")
            .arg(name.isEmpty() ? BreakpointsPanel::tr("any lock") : name);
    case BreakKind::Steal: return BreakpointsPanel::tr("a steal");
    case BreakKind::Spawn:
        return BreakpointsPanel::tr("a spawn of %1").arg(name.isEmpty() ? any : name);
    case BreakKind::Finding:
        return BreakpointsPanel::tr("a finding: %1")
            .arg(b.finding == trace::FindingKind::Count
                     ? BreakpointsPanel::tr("any")
                     : QString::fromLatin1(toString(b.finding).data(),
                                           static_cast<int>(toString(b.finding).size())));
    case BreakKind::Instant: return BreakpointsPanel::tr("t = %1 ms").arg(ms(b.at));
    case BreakKind::Wait:
        return BreakpointsPanel::tr("%1 waits on %2")
            .arg(name.isEmpty() ? any : name, b.resource.empty()
                                                  ? BreakpointsPanel::tr("anything")
                                                  : QString::fromStdString(b.resource));
    case BreakKind::Count: break;
    }
    return QStringLiteral("?");
}

BreakpointsPanel::BreakpointsPanel(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_list = new QListWidget(this);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_list, 1);
    m_hit = new QLabel(this);
    m_hit->setWordWrap(true);
    layout->addWidget(m_hit);

    auto* form = new QFormLayout;
    m_kind = new QComboBox(this);
    for (int k = 0; k < static_cast<int>(BreakKind::Count); ++k) m_kind->addItem(QString(), k);
    form->addRow(QString(), m_kind);
    m_name = new QComboBox(this);
    m_name->setEditable(true);
    m_nameLabel = new QLabel(this);
    form->addRow(m_nameLabel, m_name);
    m_resource = new QComboBox(this);
    m_resource->setEditable(true);
    m_resourceLabel = new QLabel(this);
    form->addRow(m_resourceLabel, m_resource);
    m_finding = new QComboBox(this);
    m_finding->addItem(QString(), static_cast<int>(trace::FindingKind::Count));
    for (int k = 0; k < static_cast<int>(trace::FindingKind::Count); ++k) {
        const auto kind = static_cast<trace::FindingKind>(k);
        m_finding->addItem(
            QString::fromLatin1(toString(kind).data(), static_cast<int>(toString(kind).size())), k);
    }
    form->addRow(QString(), m_finding);
    m_at = new QDoubleSpinBox(this);
    m_at->setRange(0, 3'600'000);
    m_at->setDecimals(3);
    m_at->setSuffix(QStringLiteral(" ms"));
    form->addRow(QString(), m_at);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_add = new QPushButton(this);
    m_remove = new QPushButton(this);
    m_clear = new QPushButton(this);
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_clear);
    layout->addLayout(buttons);

    connect(m_kind, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { updateForm(); });
    connect(m_add, &QPushButton::clicked, this, &BreakpointsPanel::addFromForm);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        if (row >= 0) m_session.removeBreakpoint(static_cast<std::size_t>(row));
    });
    connect(m_clear, &QPushButton::clicked, this, [this] { m_session.clearBreakpoints(); });
    auto* del = new QShortcut(QKeySequence::Delete, m_list, nullptr, nullptr,
                              Qt::WidgetWithChildrenShortcut);
    connect(del, &QShortcut::activated, m_remove, &QPushButton::click);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        m_session.setBreakpointEnabled(static_cast<std::size_t>(m_list->row(item)),
                                       item->checkState() == Qt::Checked);
    });
    connect(m_list, &QListWidget::currentRowChanged, this,
            [this](int row) { m_remove->setEnabled(row >= 0); });
    connect(&m_session, &Session::breakpointsChanged, this, &BreakpointsPanel::rebuildList);
    connect(&m_session, &Session::breakpointHit, this, &BreakpointsPanel::showHit);
    connect(&m_session, &Session::phaseChanged, this, [this] {
        if (!m_session.lastBreak()) m_hit->clear();
    });
    connect(&m_session, &Session::loaded, this, &BreakpointsPanel::refreshNames);
    retranslate();
    rebuildList();
}

void BreakpointsPanel::retranslate() {
    const QString kinds[] = {tr("Wake of a task"),
                             tr("Contention on a lock"),
                             tr("A steal"),
                             tr("Spawn of a template"),
                             tr("A finding"),
                             tr("An instant"),
                             tr("A task waits on a resource")};
    const QString tips[] = {
        tr("Pause when the task is woken: its waker was called (by a timer, a channel, a lock "
           "hand-off, a finished task…) and it is scheduled to be polled again."),
        tr("Pause when a task calls lock() on this mutex while another task holds it: the "
           "caller has to wait (an async mutex suspends the task, a blocking one its thread)."),
        tr("Pause when an idle worker takes half of a busy worker's local queue."),
        tr("Pause when a task of this template is spawned (tokio::spawn)."),
        tr("Pause when the detectors report a finding of this kind, at the event that made it "
           "true."),
        tr("Pause when the runtime clock reaches this instant."),
        tr("Pause when the task starts waiting on the resource: a contended lock, an empty "
           "or full channel, a semaphore without permits, a Notify.")};
    for (int k = 0; k < m_kind->count(); ++k) {
        m_kind->setItemText(k, kinds[k]);
        m_kind->setItemData(k, tips[k], Qt::ToolTipRole);
    }
    m_finding->setItemText(0, tr("any finding"));
    m_add->setText(tr("Add"));
    m_add->setToolTip(tr("Add this breakpoint; a live run pauses at the event that makes it true"));
    m_remove->setText(tr("Remove"));
    m_clear->setText(tr("Remove All"));
    m_list->setToolTip(
        tr("A run pauses at the first event that makes an enabled breakpoint true, and the "
           "views show the runtime right after it. Untick to keep one without it firing."));
    updateForm();
    rebuildList();
}

void BreakpointsPanel::refreshNames() {
    const QString name = m_name->currentText(), res = m_resource->currentText();
    m_name->clear();
    m_resource->clear();
    const scenario::Program* p = m_session.program();
    const auto kind = static_cast<BreakKind>(m_kind->currentData().toInt());
    if (p) {
        if (kind == BreakKind::Contention) {
            for (const auto& r : p->resources)
                if (r.kind == scenario::ResourceKind::Mutex ||
                    r.kind == scenario::ResourceKind::BlockingMutex)
                    m_name->addItem(QString::fromStdString(r.name));
        } else {
            for (const auto& t : p->templates) m_name->addItem(QString::fromStdString(t.name));
        }
        for (const auto& r : p->resources) m_resource->addItem(QString::fromStdString(r.name));
    }
    if (!name.isEmpty() && m_name->findText(name) >= 0) m_name->setCurrentText(name);
    if (!res.isEmpty() && m_resource->findText(res) >= 0) m_resource->setCurrentText(res);
}

void BreakpointsPanel::updateForm() {
    const auto kind = static_cast<BreakKind>(m_kind->currentData().toInt());
    const bool named = kind == BreakKind::Wake || kind == BreakKind::Contention ||
                       kind == BreakKind::Spawn || kind == BreakKind::Wait;
    m_name->setVisible(named);
    m_nameLabel->setVisible(named);
    m_nameLabel->setText(kind == BreakKind::Contention ? tr("Lock:")
                         : kind == BreakKind::Spawn    ? tr("Template:")
                                                       : tr("Task:"));
    m_name->setToolTip(
        tr("A task's name (a group such as job matches job#1, job#2, …); empty: "
           "any"));
    m_resource->setVisible(kind == BreakKind::Wait);
    m_resourceLabel->setVisible(kind == BreakKind::Wait);
    m_resourceLabel->setText(tr("Resource:"));
    m_finding->setVisible(kind == BreakKind::Finding);
    m_at->setVisible(kind == BreakKind::Instant);
    m_kind->setToolTip(m_kind->currentData(Qt::ToolTipRole).toString());
    refreshNames();
}

void BreakpointsPanel::addFromForm() {
    trace::Breakpoint b;
    b.kind = static_cast<BreakKind>(m_kind->currentData().toInt());
    if (m_name->isVisible() || b.kind == BreakKind::Wake || b.kind == BreakKind::Contention ||
        b.kind == BreakKind::Spawn || b.kind == BreakKind::Wait)
        b.name = m_name->currentText().trimmed().toStdString();
    if (b.kind == BreakKind::Wait) b.resource = m_resource->currentText().trimmed().toStdString();
    if (b.kind == BreakKind::Finding)
        b.finding = static_cast<trace::FindingKind>(m_finding->currentData().toInt());
    if (b.kind == BreakKind::Instant)
        b.at = static_cast<std::uint64_t>(std::llround(m_at->value() * 1e6));
    m_session.addBreakpoint(b);
}

void BreakpointsPanel::rebuildList() {
    const QSignalBlocker block(m_list);
    const int row = m_list->currentRow();
    m_list->clear();
    const auto hit = m_session.lastBreak();
    for (std::size_t i = 0; i < m_session.breakpoints().size(); ++i) {
        const trace::Breakpoint& b = m_session.breakpoints()[i];
        auto* item = new QListWidgetItem(describeBreakpoint(b), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(b.enabled ? Qt::Checked : Qt::Unchecked);
        if (hit && hit->breakpoint == i) {
            QFont f = item->font();
            f.setBold(true);
            item->setFont(f);
        }
    }
    m_list->setCurrentRow(std::min(row, m_list->count() - 1));
    m_remove->setEnabled(m_list->currentRow() >= 0);
    m_clear->setEnabled(m_list->count() > 0);
}

void BreakpointsPanel::showHit(std::size_t index) {
    rebuildList();
    m_list->setCurrentRow(static_cast<int>(index));
    const auto hit = m_session.lastBreak();
    if (!hit || index >= m_session.breakpoints().size()) return;
    m_hit->setText(tr("Paused at %1, t = %2 ms")
                       .arg(describeBreakpoint(m_session.breakpoints()[index]), ms(hit->time)));
}

}  // namespace asyncscope::gui
