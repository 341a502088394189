#include "panels/findings_panel.hpp"

#include "models/findings_model.hpp"

namespace asyncscope::gui {

FindingsPanel::FindingsPanel(QWidget* parent) : QTreeView(parent) {
    m_model = new FindingsModel(this);
    setModel(m_model);
    setHeaderHidden(true);
    setWordWrap(true);
    setUniformRowHeights(false);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const trace::Finding* f = m_model->findingAt(current);
                if (!f) return;
                if (current.parent().isValid())  // one task of the finding
                    Q_EMIT findingSelected({f->tasks[static_cast<std::size_t>(current.row())]});
                else
                    Q_EMIT findingSelected(f->tasks);
                Q_EMIT findingInstant(f->time);
            });
}

void FindingsPanel::selectFinding(std::uint32_t index) {
    if (!m_model->finding(static_cast<int>(index))) return;
    const QModelIndex i = m_model->index(static_cast<int>(index), 0);
    setCurrentIndex(i);
    scrollTo(i);
}

}  // namespace asyncscope::gui
