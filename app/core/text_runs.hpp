// Drawing a draw list's texts: they come in runs of one font and colour (a
// queue's chips, a lane's labels), so the painter switches font and pen only
// when they change. Shared by the runtime view and the timeline.
#pragma once

#include <QPainter>

#include <cstddef>

namespace asyncscope::core {

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
