// Drawing a draw list's texts: they come in runs of one font and colour (a
// queue's chips, a lane's labels), so the painter switches font and pen only
// when they change. Shared by the runtime view and the timeline.
#pragma once

#include <QFont>
#include <QPainter>

#include <array>
#include <cstddef>

namespace asyncscope::core {

// The three fonts of a timeline-style draw list, by its Font enum (Normal,
// Small, Bold): 8.5 pt, 7.5 pt and `boldPt` bold, times `scale`, in `base`'s family.
inline std::array<QFont, 3> drawListFonts(const QFont& base, double scale, double boldPt) {
    QFont normal(base), small(base), bold(base);
    normal.setPointSizeF(8.5 * scale);
    small.setPointSizeF(7.5 * scale);
    bold.setPointSizeF(boldPt * scale);
    bold.setBold(true);
    return {normal, small, bold};
}

// `texts`: items with rect, flags, text, color and a `font` enum indexing `fonts`.
template <class Texts, class Fonts>
void paintTextRuns(QPainter& p, const Texts& texts, const Fonts& fonts) {
    int font = -1;
    QColor color;
    for (const auto& t : texts) {
        if (static_cast<int>(t.font) != font) {
            font = static_cast<int>(t.font);
            p.setFont(fonts[static_cast<std::size_t>(font)]);
        }
        if (t.color != color) {
            color = t.color;
            p.setPen(color);
        }
        p.drawText(t.rect, t.flags, t.text);
    }
}

}  // namespace asyncscope::core
