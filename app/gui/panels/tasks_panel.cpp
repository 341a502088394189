#include "panels/tasks_panel.hpp"

#include "models/task_table_model.hpp"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace asyncscope::gui {

TasksPanel::TasksPanel(const LiveModel& model, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_filter = new QLineEdit(this);
    m_filter->setClearButtonEnabled(true);
    m_model = new TaskTableModel(model, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TaskTableModel::kSortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setDynamicSortFilter(true);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TaskTableModel::Id, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    // The name takes the spare width: "transfer_a" and "transfer_b" must
    // stay apart.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(TaskTableModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setMinimumSectionSize(48);
    m_view->setAlternatingRowColors(true);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        Q_EMIT taskSelected(m_proxy->data(index, TaskTableModel::kTaskIdRole).toUInt());
    });
}

void TasksPanel::refresh() {
    m_model->refresh();
}

void TasksPanel::resetAll() {
    m_model->resetAll();
}

void TasksPanel::selectTask(std::uint32_t task) {
    if (!task) return;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (m_proxy->data(index, TaskTableModel::kTaskIdRole).toUInt() == task) {
            m_view->selectRow(row);
            m_view->scrollTo(index);
            return;
        }
    }
}

void TasksPanel::retranslate() {
    m_filter->setPlaceholderText(tr("Filter tasks…"));
    // The headers and the state names come from the translator.
    Q_EMIT m_model->headerDataChanged(Qt::Horizontal, 0, TaskTableModel::ColumnCount - 1);
    m_model->refresh();
}

}  // namespace asyncscope::gui
