// The Guide panel: a guided lesson's moments. Before the run it says how
// many moments the lesson pauses at; at each one it shows the moment's text
// (and what to look at), and, when the moment asks for a prediction, the
// question with its choices: the student picks one, the panel says whether
// it was right and why. Next (N, or the button) goes on to the next moment.
#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace asyncscope::gui {

class Session;

class GuidePanel final : public QWidget {
    Q_OBJECT
public:
    explicit GuidePanel(Session& session, QWidget* parent = nullptr);

    // Shows the state of the guide (after a load, a moment, a language change).
    void refresh();
    // The prediction's choice buttons (empty when the moment asks none).
    const std::vector<QPushButton*>& choices() const noexcept { return m_choices; }
    QLabel* verdict() const noexcept { return m_verdict; }
    QPushButton* nextButton() const noexcept { return m_next; }
    // The student picks choice `index`.
    void choose(std::size_t index);

private:
    Session& m_session;
    QLabel* m_heading = nullptr;
    QLabel* m_text = nullptr;
    QLabel* m_question = nullptr;
    QVBoxLayout* m_choiceBox = nullptr;
    std::vector<QPushButton*> m_choices;
    QLabel* m_verdict = nullptr;
    QPushButton* m_next = nullptr;
    bool m_answered = false;
};

}  // namespace asyncscope::gui
