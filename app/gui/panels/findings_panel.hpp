// The Findings panel: the detectors' findings on the last run in plain words
// (FindingsModel), a tooltip each with what, why and how to fix it. Selecting
// a finding emits findingSelected(tasks) with the tasks it concerns, most
// relevant first; the window highlights them and selects the first, and
// findingInstant(ns), the instant it became true, where the timeline's
// cursor goes. selectFinding(i) selects the run's i-th finding (a click on
// its marker on the timeline). A finding about several tasks expands into
// one row per task; selecting one of those selects that task alone.
#pragma once

#include <QTreeView>

#include <cstdint>
#include <vector>

namespace asyncscope::core {
class FindingsModel;
}  // namespace asyncscope::core

namespace asyncscope::gui {
using namespace asyncscope::core;

class FindingsPanel final : public QTreeView {
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget* parent = nullptr);
    FindingsModel* findings() const noexcept { return m_model; }

public Q_SLOTS:
    void selectFinding(std::uint32_t index);

protected:
    void resizeEvent(QResizeEvent* event) override;  // rows wrap at the new width

Q_SIGNALS:
    void findingSelected(const std::vector<std::uint32_t>& tasks);
    void findingInstant(std::uint64_t ns);

private:
    FindingsModel* m_model = nullptr;
};

}  // namespace asyncscope::gui
