#include "panels/guide_panel.hpp"

#include "models/lesson_markup.hpp"
#include "session.hpp"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace asyncscope::gui {

GuidePanel::GuidePanel(Session& session, QWidget* parent) : QWidget(parent), m_session(session) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* inner = new QWidget(scroll);
    auto* layout = new QVBoxLayout(inner);
    m_heading = new QLabel(inner);
    m_text = new QLabel(inner);
    m_question = new QLabel(inner);
    m_verdict = new QLabel(inner);
    for (QLabel* l : {m_heading, m_text, m_question, m_verdict}) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::RichText);
        layout->addWidget(l);
        if (l == m_question) {
            m_choiceBox = new QVBoxLayout;
            layout->addLayout(m_choiceBox);
        }
    }
    layout->addStretch(1);
    m_next = new QPushButton(inner);
    layout->addWidget(m_next);
    scroll->setWidget(inner);
    outer->addWidget(scroll);

    connect(m_next, &QPushButton::clicked, this, [this] { m_session.nextMoment(); });
    auto* key = new QShortcut(QKeySequence(Qt::Key_N), window());
    connect(key, &QShortcut::activated, this, [this] {
        if (m_next->isEnabled()) m_next->click();
    });
    connect(&m_session, &Session::momentReached, this, [this] {
        m_answered = false;
        refresh();
    });
    connect(&m_session, &Session::loaded, this, [this] {
        m_answered = false;
        refresh();
    });
    connect(&m_session, &Session::phaseChanged, this, &GuidePanel::refresh);
    refresh();
}

void GuidePanel::choose(std::size_t index) {
    const auto m = m_session.currentMoment();
    const auto& ms = m_session.moments();
    if (!m || *m >= ms.size() || !ms[*m].predict || m_answered) return;
    m_answered = true;
    const auto& p = *ms[*m].predict;
    const std::string l = m_session.language().toStdString();
    const bool right = index == p.answer;
    QString v = right ? tr("<b>Right.</b>")
                      : tr("<b>Not quite:</b> the answer is “%1”.")
                            .arg(lessonMarkupToHtml(p.choices[p.answer].in(l)));
    if (!p.why.empty()) v += QStringLiteral(" ") + lessonMarkupToHtml(p.why.in(l));
    m_verdict->setText(v);
    m_verdict->setVisible(true);
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
        m_choices[i]->setEnabled(false);
        if (i == p.answer) {
            QFont f = m_choices[i]->font();
            f.setBold(true);
            m_choices[i]->setFont(f);
        }
    }
    m_next->setEnabled(true);
}

void GuidePanel::refresh() {
    const auto& ms = m_session.moments();
    const std::string l = m_session.language().toStdString();
    for (QPushButton* b : m_choices) b->deleteLater();
    m_choices.clear();
    m_question->clear();
    m_question->setVisible(false);
    if (!m_answered) m_verdict->setVisible(false);
    m_next->setText(tr("Next moment ▶ (N)"));
    m_next->setToolTip(tr("Go on: the run resumes until the next moment of the lesson"));
    if (ms.empty()) {
        m_heading->setText(
            tr("<p>This scenario is not a guided lesson (or a variant is "
               "selected): it has no moments to pause at.</p>"));
        m_text->clear();
        m_next->setEnabled(false);
        return;
    }
    const auto m = m_session.currentMoment();
    const Session::Phase ph = m_session.phase();
    if (!m_session.guided()) {
        m_heading->setText(tr("<h3>A guided lesson</h3>"));
        m_text->setText(
            tr("<p>Guided pauses are off (Run → Guided Pauses): the run goes "
               "straight through its %n moment(s).</p>",
               nullptr, static_cast<int>(ms.size())));
        m_next->setEnabled(false);
        return;
    }
    if (!m) {
        m_heading->setText(tr("<h3>A guided lesson</h3>"));
        m_text->setText(
            tr("<p>Press Run (F5): the run pauses at %n moment(s) the lesson "
               "explains, and some ask you to predict what happens next.</p>",
               nullptr, static_cast<int>(ms.size())));
        m_next->setEnabled(false);
        return;
    }
    const scenario::Moment& mo = ms[*m];
    m_heading->setText(tr("<h3>Moment %1 of %2</h3>").arg(*m + 1).arg(static_cast<int>(ms.size())));
    QString text = QStringLiteral("<p>%1</p>").arg(lessonMarkupToHtml(mo.text.in(l)));
    QStringList look;
    for (const std::string& t : mo.tasks) look << QString::fromStdString(t);
    for (const std::string& r : mo.resources) look << QString::fromStdString(r);
    if (!look.isEmpty())
        text += tr("<p><i>Look at:</i> %1</p>").arg(look.join(QStringLiteral(", ")));
    m_text->setText(text);
    const bool paused = ph == Session::Phase::Paused;
    if (mo.predict && paused) {
        const auto& p = *mo.predict;
        m_question->setText(
            tr("<p><b>Predict:</b> %1</p>").arg(lessonMarkupToHtml(p.question.in(l))));
        m_question->setVisible(true);
        for (std::size_t i = 0; i < p.choices.size(); ++i) {
            auto* b = new QPushButton(QString::fromStdString(p.choices[i].in(l)), this);
            b->setEnabled(!m_answered);
            connect(b, &QPushButton::clicked, this, [this, i] { choose(i); });
            m_choiceBox->addWidget(b);
            m_choices.push_back(b);
        }
    }
    const bool last = *m + 1 >= ms.size();
    if (last) m_next->setText(tr("Go on to the end ▶ (N)"));
    // A prediction is answered before the run goes on.
    m_next->setEnabled(paused && (!mo.predict || m_answered));
}

}  // namespace asyncscope::gui
