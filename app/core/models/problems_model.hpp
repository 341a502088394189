// The load errors of a scenario, one row per scenario::Diagnostic in file
// order. The display text is the diagnostic as the CLI prints it
// ("file:line:column: error: path: message"); the parts are roles of their
// own, so whoever needs the place reads the numbers, not the text.
#pragma once

#include <asyncscope/scenario/loader.hpp>

#include <QAbstractListModel>

#include <vector>

namespace asyncscope::core {

class ProblemsModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        FileRole = Qt::UserRole,  // QString
        LineRole,                 // int, from 1; 0: no position (I/O, whole file)
        ColumnRole,               // int, from 1; 0 without a line
        PathRole,                 // QString, the JSON path ("" for the document)
        MessageRole,              // QString, what is wrong
        WarningRole,              // bool: a warning (the scenario still loads)
    };

    explicit ProblemsModel(QObject* parent = nullptr);

    void setDiagnostics(std::vector<scenario::Diagnostic> diagnostics);
    void clear();
    const std::vector<scenario::Diagnostic>& diagnostics() const noexcept { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::vector<scenario::Diagnostic> m_rows;
};

}  // namespace asyncscope::core
