#include "models/problems_model.hpp"

#include <QIcon>

#include <utility>

namespace asyncscope::core {

ProblemsModel::ProblemsModel(QObject* parent) : QAbstractListModel(parent) {}

void ProblemsModel::setDiagnostics(std::vector<scenario::Diagnostic> diagnostics) {
    beginResetModel();
    m_rows = std::move(diagnostics);
    endResetModel();
}

void ProblemsModel::clear() {
    setDiagnostics({});
}

int ProblemsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const scenario::Diagnostic& d = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(d.format());
    case FileRole: return QString::fromStdString(d.file);
    case LineRole: return static_cast<int>(d.pos.line);
    case ColumnRole: return d.pos.line ? static_cast<int>(d.pos.column) : 0;
    case PathRole: return QString::fromStdString(d.path);
    case MessageRole: return QString::fromStdString(d.message);
    case WarningRole: return d.warning;
    case Qt::DecorationRole:
        return QIcon::fromTheme(d.warning ? QStringLiteral("dialog-warning")
                                          : QStringLiteral("dialog-error"));
    case Qt::ToolTipRole:
        return d.warning ? tr("A warning: the scenario runs, but rustc would reject this code as "
                              "written. Double-click to go to the place.")
                         : tr("An error: the scenario cannot run until it is fixed. Double-click "
                              "to go to the place.");
    default: return {};
    }
}

}  // namespace asyncscope::core
