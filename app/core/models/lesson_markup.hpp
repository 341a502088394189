// Scenario text (titles, descriptions, lesson parts) to HTML: escaped, with
// `code` spans, the scenarios' only markup, in a monospace font. Shared by
// the Lesson panel and the Library's tooltips.
#pragma once

#include <QString>
#include <QStringList>

#include <string>

namespace asyncscope::core {

inline QString lessonMarkupToHtml(const QString& text) {
    const QStringList parts = text.split(QLatin1Char('`'));
    QString out;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const bool code = i % 2 == 1 && i + 1 < parts.size();  // an unpaired ` stays
        if (i % 2 == 1 && !code) out += QLatin1Char('`');
        out += code ? QStringLiteral("<code>%1</code>").arg(parts[i].toHtmlEscaped())
                    : parts[i].toHtmlEscaped();
    }
    return out;
}

inline QString lessonMarkupToHtml(const std::string& text) {
    return lessonMarkupToHtml(QString::fromStdString(text));
}

}  // namespace asyncscope::core
