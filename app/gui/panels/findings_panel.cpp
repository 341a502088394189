#include "panels/findings_panel.hpp"

#include "models/findings_model.hpp"

#include <QHeaderView>
#include <QResizeEvent>
#include <QStyledItemDelegate>

namespace asyncscope::gui {

namespace {
// A finding's title is a sentence: rows wrap it at the view's width rather
// than eliding it (a tree's default rows are one line high).
class WrappingDelegate final : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView* view) : QStyledItemDelegate(view), m_view(view) {}
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        int depth = 0;
        for (QModelIndex p = index.parent(); p.isValid(); p = p.parent()) ++depth;
        const int width =
            std::max(80, m_view->viewport()->width() - m_view->indentation() * (depth + 1) - 12);
        const QRect r =
            opt.fontMetrics.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, opt.text);
        return {width, r.height() + 6};
    }

private:
    QTreeView* m_view;
};
}  // namespace

FindingsPanel::FindingsPanel(QWidget* parent) : QTreeView(parent) {
    m_model = new FindingsModel(this);
    setModel(m_model);
    setHeaderHidden(true);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setUniformRowHeights(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    header()->setStretchLastSection(true);
    setItemDelegate(new WrappingDelegate(this));
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

void FindingsPanel::resizeEvent(QResizeEvent* event) {
    QTreeView::resizeEvent(event);
    if (event->size().width() != event->oldSize().width()) scheduleDelayedItemsLayout();
}

void FindingsPanel::selectFinding(std::uint32_t index) {
    if (!m_model->finding(static_cast<int>(index))) return;
    const QModelIndex i = m_model->index(static_cast<int>(index), 0);
    setCurrentIndex(i);
    scrollTo(i);
}

}  // namespace asyncscope::gui
