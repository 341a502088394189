// The Tasks panel: a filter box over the task table (TaskTableModel, one row
// per spawned task like tokio-console's: state, worker, polls, busy /
// scheduled / idle time, wakes), sortable by any column. Clicking a row emits
// taskSelected(id); selectTask() follows a selection made elsewhere without
// emitting anything.
#pragma once

#include <QWidget>

#include <cstdint>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace asyncscope::core {
class LiveModel;
class TaskTableModel;
}  // namespace asyncscope::core

namespace asyncscope::gui {
using namespace asyncscope::core;

class TasksPanel final : public QWidget {
    Q_OBJECT
public:
    explicit TasksPanel(const LiveModel& model, QWidget* parent = nullptr);

    TaskTableModel* model() const noexcept { return m_model; }
    QSortFilterProxyModel* proxy() const noexcept { return m_proxy; }
    QTableView* view() const noexcept { return m_view; }
    QLineEdit* filterBox() const noexcept { return m_filter; }

    // Picks up new tasks and changed values.
    void refresh();
    // Starts over from the live model (a new scenario or run).
    void resetAll();
    // Selects and shows the row of `task`, when it is listed.
    void selectTask(std::uint32_t task);
    void retranslate();

Q_SIGNALS:
    void taskSelected(std::uint32_t task);

private:
    TaskTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_filter = nullptr;
};

}  // namespace asyncscope::gui
