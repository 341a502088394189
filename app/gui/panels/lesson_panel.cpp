#include "panels/lesson_panel.hpp"

#include "models/lesson_markup.hpp"
#include "session.hpp"

#include <utility>

namespace asyncscope::gui {

LessonPanel::LessonPanel(const Session& session, QWidget* parent)
    : QTextBrowser(parent), m_session(session) {
    setOpenExternalLinks(true);
}

void LessonPanel::refresh() {
    const auto* sc = m_session.scenario();
    if (!sc) {
        setHtml(tr("<p>Pick a lesson in the library, or open a scenario file.</p>"));
        return;
    }
    const std::string l = m_session.language().toStdString();
    // A user's own scenario may leave out the description or lesson parts.
    QString h = QStringLiteral("<h2>%1</h2>").arg(lessonMarkupToHtml(sc->title.in(l)));
    if (!sc->description.empty())
        h += QStringLiteral("<p>%1</p>").arg(lessonMarkupToHtml(sc->description.in(l)));
    if (const auto* v = sc->findVariant(m_session.variant().toStdString())) {
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(lessonMarkupToHtml(v->title.in(l)), lessonMarkupToHtml(v->description.in(l)));
    }
    const std::pair<QString, const scenario::Text*> parts[] = {
        {tr("What to watch"), &sc->lesson.watch},
        {tr("What it means"), &sc->lesson.meaning},
        {tr("In Tokio"), &sc->lesson.tokio}};
    for (const auto& [heading, text] : parts)
        if (!text->empty())
            h += QStringLiteral("<h3>%1</h3><p>%2</p>")
                     .arg(heading, lessonMarkupToHtml(text->in(l)));
    setHtml(h);
}

}  // namespace asyncscope::gui
