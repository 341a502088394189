#include "panels/inspector_panel.hpp"

#include "inspector.hpp"

namespace asyncscope::gui {

InspectorPanel::InspectorPanel(Session& session, QWidget* parent) : QScrollArea(parent) {
    m_inspector = new TaskInspector(session, this);
    setWidget(m_inspector);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

void InspectorPanel::setTask(std::uint32_t task) {
    m_inspector->setTask(task);
}

}  // namespace asyncscope::gui
