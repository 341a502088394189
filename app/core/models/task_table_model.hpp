// The task table, like tokio-console's: one row per task, refreshed live.
#pragma once

#include "live_model.hpp"

#include <QAbstractTableModel>

namespace asyncscope::core {

class TaskTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Name,
        State,
        Worker,
        Polls,
        Busy,
        Scheduled,
        Idle,
        Wakes,
        SelfWakes,
        Parent,
        ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kTaskIdRole = Qt::UserRole + 1;

    explicit TaskTableModel(const LiveModel& model, QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // Picks up new tasks and changed values.
    void refresh();
    // The lifecycle state in the UI's language.
    static QString phaseName(trace::TaskPhase p);
    void resetAll();

private:
    const LiveModel& m_model;
    int m_rows = 0;
};

}  // namespace asyncscope::core
