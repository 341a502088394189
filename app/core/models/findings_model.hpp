// What the detectors found in the last run (deadlock, lost waker,
// starvation, blocking in async, ...), one row per trace::Finding: its title
// in the UI language, a tooltip with what happened, why it matters and how to
// fix it, red for a problem and grey for a note. After a run that found
// nothing there is one row that says so (no finding behind it).
#pragma once

#include <asyncscope/trace/detectors.hpp>

#include <QAbstractListModel>

#include <vector>

namespace asyncscope::core {

class FindingsModel final : public QAbstractListModel {
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
    // The finding on `row`, or null (out of range, or the "no problems" row).
    const trace::Finding* finding(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QString pick(const trace::LocalizedText& text) const;

    std::vector<trace::Finding> m_findings;
    bool m_noneFound = false;
    bool m_zh = false;
};

}  // namespace asyncscope::core
