// The centre of the window: the runtime, animated, with explanations on hover.
#pragma once

#include "runtime_painter.hpp"

#include <QWidget>

namespace asyncscope::gui {
// The visual core's models, painter and exporters, by their short names.
using namespace asyncscope::core;
}  // namespace asyncscope::gui

namespace asyncscope::gui {

class Session;

class RuntimeView : public QWidget {
    Q_OBJECT
public:
    explicit RuntimeView(Session& session, QWidget* parent = nullptr);
    void setScale(double s);
    double scale() const noexcept { return m_scale; }
    void setSelected(std::uint32_t task);
    std::uint32_t selected() const noexcept { return m_selected; }
    void setHighlighted(std::vector<std::uint32_t> tasks);
    const std::vector<std::uint32_t>& highlighted() const noexcept { return m_highlighted; }
    // The header's title (default, ""): the scenario's, or the recording's.
    void setTitle(const QString& title);
    // High contrast and the colour-blind palette (presentation mode).
    void setLook(const Look& look);
    const Look& look() const noexcept { return m_look; }
    PaintOptions paintOptions() const;
    // What is under `pos` in the last painted frame (the topmost item), or nullptr.
    const HitItem* itemAt(QPointF pos) const { return m_frame.hitAt(pos); }
    // The last painted frame.
    const RuntimeDrawList& drawList() const noexcept { return m_frame; }
    QSize sizeHint() const override { return {1100, 640}; }

Q_SIGNALS:
    void taskSelected(std::uint32_t task);

protected:
    void paintEvent(QPaintEvent*) override;
    bool event(QEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    // Breakpoints on what is under the pointer: a task, a lock or resource,
    // a worker (steals).
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    Session& m_session;
    RuntimeDrawList m_frame;  // painted, and read by hit-testing and tooltips
    double m_scale = 1.0;
    std::uint32_t m_selected = 0;
    std::vector<std::uint32_t> m_highlighted;
    QString m_title;
    Look m_look;
};

}  // namespace asyncscope::gui
