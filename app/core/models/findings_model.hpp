// What the detectors found in the last run (deadlock, lost waker,
// starvation, blocking in async, ...), one row per trace::Finding: its title
// in the UI language, a tooltip with what happened, why it matters and how to
// fix it, red for a problem and grey for a note. After a run that found
// nothing there is one row that says so (no finding behind it).
//
// A finding that concerns several tasks (a group: "Starvation: 1,471 tasks of
// template 'conn' ...", or a deadlock's cycle) expands: one child row per
// task it lists, named through setTaskNames(), so that one of them can be
// picked. Child rows have the finding's colour; TasksRole gives their task.
#pragma once

#include <asyncscope/trace/detectors.hpp>

#include <QAbstractItemModel>

#include <functional>
#include <vector>

namespace asyncscope::core {

class FindingsModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role {
        TasksRole = Qt::UserRole,  // QVariantList of task ids, most relevant first
        InformationalRole,         // bool: a note rather than a problem
    };

    explicit FindingsModel(QObject* parent = nullptr);

    // `runFinished`: the findings are a finished run's, so none means "no
    // problems found" rather than "nothing to say yet".
    void setFindings(std::vector<trace::Finding> findings, bool runFinished);
    // "en" or "zh"; every row reports a change (call it after a translator changed too).
    void setLanguage(const QString& lang);
    // How child rows name their task (default: "task N").
    void setTaskNames(std::function<QString(std::uint32_t)> names);
    // The finding on top-level `row`, or null (out of range, or the "no problems" row).
    const trace::Finding* finding(int row) const;
    // The finding of any row (a child row's: its parent's), or null.
    const trace::Finding* findingAt(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QString pick(const trace::LocalizedText& text) const;
    static bool expands(const trace::Finding& f) { return f.tasks.size() > 1; }

    std::vector<trace::Finding> m_findings;
    std::function<QString(std::uint32_t)> m_names;
    bool m_noneFound = false;
    bool m_zh = false;
};

}  // namespace asyncscope::core
