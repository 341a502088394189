// The Lesson panel: the open scenario's title, description, the selected
// variant's note and its lesson ("What to watch", "What it means", "In
// Tokio") in the session's language, with `code` spans in monospace. It emits
// no signals of its own; the window calls refresh() when the scenario, the
// variant or the language changes.
#pragma once

#include <QTextBrowser>

namespace asyncscope::gui {

class Session;

class LessonPanel final : public QTextBrowser {
    Q_OBJECT
public:
    explicit LessonPanel(const Session& session, QWidget* parent = nullptr);
    void refresh();

private:
    const Session& m_session;
};

}  // namespace asyncscope::gui
