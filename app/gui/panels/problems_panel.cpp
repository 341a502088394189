#include "panels/problems_panel.hpp"

#include "models/problems_model.hpp"

#include <utility>

namespace asyncscope::gui {

ProblemsPanel::ProblemsPanel(QWidget* parent) : QListView(parent) {
    m_model = new ProblemsModel(this);
    setModel(m_model);
    setWordWrap(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(this, &QListView::activated, this, &ProblemsPanel::jumpTo);
    connect(this, &QListView::clicked, this, &ProblemsPanel::jumpTo);
}

void ProblemsPanel::setDiagnostics(std::vector<scenario::Diagnostic> diagnostics) {
    m_model->setDiagnostics(std::move(diagnostics));
}

void ProblemsPanel::clear() {
    m_model->clear();
}

void ProblemsPanel::jumpTo(const QModelIndex& index) {
    const int line = index.data(ProblemsModel::LineRole).toInt();
    if (line > 0) Q_EMIT jumpRequested(line, index.data(ProblemsModel::ColumnRole).toInt());
}

}  // namespace asyncscope::gui
