#include "models/task_table_model.hpp"

#include <QBrush>

namespace asyncscope::core {

TaskTableModel::TaskTableModel(const LiveModel& model, QObject* parent)
    : QAbstractTableModel(parent), m_model(model) {}

int TaskTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int TaskTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

static QString fmtNs(std::uint64_t ns) {
    const double v = static_cast<double>(ns);
    if (ns >= 1'000'000'000) return QStringLiteral("%1 s").arg(v / 1e9, 0, 'f', 2);
    if (ns >= 1'000'000) return QStringLiteral("%1 ms").arg(v / 1e6, 0, 'f', 2);
    if (ns >= 1'000) return QStringLiteral("%1 µs").arg(v / 1e3, 0, 'f', 1);
    return QStringLiteral("%1 ns").arg(ns);
}

QString TaskTableModel::phaseName(trace::TaskPhase p) {
    switch (p) {
    case trace::TaskPhase::Idle: return tr("idle");
    case trace::TaskPhase::Scheduled: return tr("scheduled");
    case trace::TaskPhase::Running: return tr("running");
    case trace::TaskPhase::Notified: return tr("notified");
    case trace::TaskPhase::Completed: return tr("completed");
    case trace::TaskPhase::Failed: return tr("failed");
    case trace::TaskPhase::Cancelled: return tr("cancelled");
    case trace::TaskPhase::Unknown: break;
    }
    return tr("not spawned yet");
}

QVariant TaskTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto& st = m_model.state();
    const std::uint32_t id = static_cast<std::uint32_t>(index.row() + 1);
    if (id >= st.tasks.size()) return {};
    const trace::TaskInfo& t = st.tasks[id];
    if (role == kTaskIdRole) return id;
    if (role == Qt::DecorationRole && index.column() == Name) return LiveModel::taskColor(id);
    if (role == Qt::TextAlignmentRole && index.column() != Name && index.column() != State)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const bool sort = role == kSortRole;
    if (role != Qt::DisplayRole && !sort && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case Id: return sort ? QVariant(id) : QVariant(QString::number(id));
    case Name: return m_model.taskName(id);
    case State:
        // A failed task says why, in the cell and its tooltip.
        if (!sort && t.phase == trace::TaskPhase::Failed && t.errorText != trace::kNoString)
            return tr("%1: %2").arg(phaseName(t.phase), m_model.stringAt(t.errorText));
        return phaseName(t.phase);
    case Worker:
        if (t.worker == trace::kNoThread) return sort ? QVariant(-1) : QVariant(QString());
        return sort ? QVariant(int(t.worker)) : QVariant(QString::number(t.worker));
    case Polls: return sort ? QVariant(qulonglong(t.polls)) : QVariant(QString::number(t.polls));
    case Busy: {
        const auto v = st.busyNs(t);
        return sort ? QVariant(qulonglong(v)) : QVariant(fmtNs(v));
    }
    case Scheduled: {
        const auto v = st.scheduledNs(t);
        return sort ? QVariant(qulonglong(v)) : QVariant(fmtNs(v));
    }
    case Idle: {
        const auto v = st.idleNs(t);
        return sort ? QVariant(qulonglong(v)) : QVariant(fmtNs(v));
    }
    case Wakes: return sort ? QVariant(t.totalWakes()) : QVariant(QString::number(t.totalWakes()));
    case SelfWakes: return sort ? QVariant(t.selfWakes) : QVariant(QString::number(t.selfWakes));
    case Parent: {
        const std::uint32_t parent = t.parent.value();  // 0: spawned from outside a task
        return sort ? QVariant(parent) : QVariant(parent ? QString::number(parent) : QString());
    }
    default: return {};
    }
}

QVariant TaskTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Id: return tr("ID");
        case Name: return tr("Name");
        case State: return tr("State");
        case Worker: return tr("Worker");
        case Polls: return tr("Polls");
        case Busy: return tr("Busy");
        case Scheduled: return tr("Scheduled");
        case Idle: return tr("Idle");
        case Wakes: return tr("Wakes");
        case SelfWakes: return tr("Self-wakes");
        case Parent: return tr("Parent");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Busy: return tr("Time the task spent being polled (running on a worker).");
        case Scheduled: return tr("Time the task was runnable, waiting in a queue for a worker.");
        case Idle: return tr("Time the task was pending, waiting for a waker.");
        case Wakes:
            return tr("How often something woke the task (timer, channel, lock, join, ...).");
        case SelfWakes:
            return tr(
                "Wakes by the task itself: yield_now, an exhausted coop budget, a preemption "
                "slice.");
        case Polls:
            return tr("How often a worker called the task's poll (ran it up to its next await).");
        }
    }
    return {};
}

// Rows are task ids 1..n, n the highest id spawned so far (the reducer's
// vector has room for more).
static int spawnedRows(const trace::RuntimeState& st) {
    std::size_t n = st.tasks.size();
    while (n > 1 && st.tasks[n - 1].phase == trace::TaskPhase::Unknown) --n;
    return n <= 1 ? 0 : static_cast<int>(n - 1);
}

void TaskTableModel::refresh() {
    const int rows = spawnedRows(m_model.state());
    if (rows < m_rows) {
        resetAll();
        return;
    }
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    }
    if (m_rows > 0) Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

void TaskTableModel::resetAll() {
    beginResetModel();
    m_rows = spawnedRows(m_model.state());
    endResetModel();
}

}  // namespace asyncscope::core
