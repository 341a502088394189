#include "models/findings_model.hpp"

#include <QBrush>
#include <QColor>

#include <utility>

namespace asyncscope::core {

FindingsModel::FindingsModel(QObject* parent) : QAbstractListModel(parent) {}

void FindingsModel::setFindings(std::vector<trace::Finding> findings, bool runFinished) {
    beginResetModel();
    m_findings = std::move(findings);
    m_noneFound = runFinished && m_findings.empty();
    endResetModel();
}

void FindingsModel::setLanguage(const QString& lang) {
    m_zh = lang == QLatin1String("zh");
    const int rows = rowCount();
    if (rows > 0) Q_EMIT dataChanged(index(0), index(rows - 1), {Qt::DisplayRole, Qt::ToolTipRole});
}

const trace::Finding* FindingsModel::finding(int row) const {
    if (row < 0 || row >= static_cast<int>(m_findings.size())) return nullptr;
    return &m_findings[static_cast<std::size_t>(row)];
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid()) return 0;
    return m_noneFound ? 1 : static_cast<int>(m_findings.size());
}

QString FindingsModel::pick(const trace::LocalizedText& text) const {
    return QString::fromStdString(m_zh ? text.zh : text.en);
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const trace::Finding* f = finding(index.row());
    if (!f) return role == Qt::DisplayRole ? QVariant(tr("No problems found.")) : QVariant();
    switch (role) {
    case Qt::DisplayRole: return pick(f->title);
    case Qt::ToolTipRole:
        return QStringLiteral("<p><b>%1</b></p><p>%2</p><p>%3</p><p><i>%4</i></p>")
            .arg(pick(f->title).toHtmlEscaped(), pick(f->what).toHtmlEscaped(),
                 pick(f->why).toHtmlEscaped(), pick(f->fix).toHtmlEscaped());
    case Qt::ForegroundRole:
        return QBrush(trace::isInformational(f->kind) ? QColor(0x55, 0x55, 0x55)
                                                      : QColor(0xa0, 0x10, 0x10));
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
