#include "panels/findings_panel.hpp"

#include "models/findings_model.hpp"

namespace asyncscope::gui {

FindingsPanel::FindingsPanel(QWidget* parent) : QListView(parent) {
    m_model = new FindingsModel(this);
    setModel(m_model);
    setWordWrap(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (const trace::Finding* f = m_model->finding(current.row())) {
                    Q_EMIT findingSelected(f->tasks);
                    Q_EMIT findingInstant(f->time);
                }
            });
}

void FindingsPanel::selectFinding(std::uint32_t index) {
    if (!m_model->finding(static_cast<int>(index))) return;
    const QModelIndex i = m_model->index(static_cast<int>(index));
    setCurrentIndex(i);
    scrollTo(i);
}

}  // namespace asyncscope::gui
