// The task inspector: the selected task's lifecycle state machine (idle ->
// scheduled -> running -> notified / complete / cancelled) with transition
// counts and the current state lit, its await-point state machine (S0 ... Sn,
// like the state machine the compiler makes of an async fn), and its wakes.
#pragma once

#include <QWidget>

#include <cstdint>

namespace asyncscope::gui {

class Session;

class TaskInspector : public QWidget {
    Q_OBJECT
public:
    explicit TaskInspector(Session& session, QWidget* parent = nullptr);
    void setTask(std::uint32_t task);
    std::uint32_t task() const noexcept { return m_task; }
    QSize sizeHint() const override { return {420, 420}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    void fitHeight(int contentHeight);

private:
    Session& m_session;
    std::uint32_t m_task = 0;
};

}  // namespace asyncscope::gui
