#include "models/findings_model.hpp"

#include <QBrush>
#include <QColor>

#include <utility>

namespace asyncscope::core {

// A top-level row's internal id is 0; a child row's is its finding's row + 1.

FindingsModel::FindingsModel(QObject* parent) : QAbstractItemModel(parent) {}

void FindingsModel::setFindings(std::vector<trace::Finding> findings, bool runFinished) {
    beginResetModel();
    m_findings = std::move(findings);
    m_noneFound = runFinished && m_findings.empty();
    endResetModel();
}

void FindingsModel::setLanguage(const QString& lang) {
    m_zh = lang == QLatin1String("zh");
    const int rows = rowCount();
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, 0), {Qt::DisplayRole, Qt::ToolTipRole});
}

void FindingsModel::setTaskNames(std::function<QString(std::uint32_t)> names) {
    m_names = std::move(names);
}

const trace::Finding* FindingsModel::finding(int row) const {
    if (row < 0 || row >= static_cast<int>(m_findings.size())) return nullptr;
    return &m_findings[static_cast<std::size_t>(row)];
}

const trace::Finding* FindingsModel::findingAt(const QModelIndex& i) const {
    if (!i.isValid()) return nullptr;
    return i.internalId() ? finding(static_cast<int>(i.internalId() - 1)) : finding(i.row());
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex& parent) const {
    if (column != 0 || row < 0) return {};
    if (!parent.isValid())
        return row < rowCount() ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0) return {};  // two levels only
    const trace::Finding* f = finding(parent.row());
    if (!f || !expands(*f) || row >= static_cast<int>(f->tasks.size())) return {};
    return createIndex(row, 0, quintptr(parent.row() + 1));
}

QModelIndex FindingsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return m_noneFound ? 1 : static_cast<int>(m_findings.size());
    if (parent.internalId() != 0) return 0;
    const trace::Finding* f = finding(parent.row());
    return f && expands(*f) ? static_cast<int>(f->tasks.size()) : 0;
}

int FindingsModel::columnCount(const QModelIndex&) const {
    return 1;
}

QString FindingsModel::pick(const trace::LocalizedText& text) const {
    return QString::fromStdString(m_zh ? text.zh : text.en);
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const trace::Finding* f = findingAt(index);
    if (!f) return role == Qt::DisplayRole ? QVariant(tr("No problems found.")) : QVariant();
    const QBrush colour(trace::isInformational(f->kind) ? QColor(0x55, 0x55, 0x55)
                                                        : QColor(0xa0, 0x10, 0x10));
    if (index.internalId() != 0) {  // one task of the finding
        const std::uint32_t task = f->tasks[static_cast<std::size_t>(index.row())];
        switch (role) {
        case Qt::DisplayRole: return m_names ? m_names(task) : tr("task %1").arg(task);
        case Qt::ToolTipRole: return tr("Select this task in every view.");
        case Qt::ForegroundRole: return colour;
        case TasksRole: return QVariantList{QVariant::fromValue(task)};
        case InformationalRole: return trace::isInformational(f->kind);
        default: return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole: return pick(f->title);
    case Qt::ToolTipRole:
        return QStringLiteral("<p><b>%1</b></p><p>%2</p><p>%3</p><p><i>%4</i></p>")
            .arg(pick(f->title).toHtmlEscaped(), pick(f->what).toHtmlEscaped(),
                 pick(f->why).toHtmlEscaped(), pick(f->fix).toHtmlEscaped());
    case Qt::ForegroundRole: return colour;
    case TasksRole: {
        QVariantList tasks;
        for (std::uint32_t t : f->tasks) tasks << QVariant::fromValue(t);
        return tasks;
    }
    case InformationalRole: return trace::isInformational(f->kind);
    default: return {};
    }
}

}  // namespace asyncscope::core
