// The Task Inspector panel: the selected task's lifecycle and await-point
// state machines and its wakes (TaskInspector), in a scroll area that keeps
// them readable in a short dock. It emits no signals; the window calls
// setTask() when the selection changes anywhere.
#pragma once

#include <QScrollArea>

#include <cstdint>

namespace asyncscope::gui {

class Session;
class TaskInspector;

class InspectorPanel final : public QScrollArea {
    Q_OBJECT
public:
    explicit InspectorPanel(Session& session, QWidget* parent = nullptr);
    TaskInspector* inspector() const noexcept { return m_inspector; }
    void setTask(std::uint32_t task);

private:
    TaskInspector* m_inspector = nullptr;
};

}  // namespace asyncscope::gui
