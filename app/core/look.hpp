// How the pictures look: the classroom's high-contrast theme and the
// colour-blind-safe palette, shared by the runtime view, the timeline and
// their exports.
//
// Colour-blind safe means two things here. The wake sources take the
// Okabe–Ito palette (distinguishable under the three common colour-vision
// deficiencies), and, because a projector washes colours out anyway, every
// source also has its own line pattern: a timer's wake is a solid line, a
// channel's dashed, a mutex's dotted, and so on (wakeDashes). Task states
// already differ by place in the runtime view (a worker's running slot, a
// queue, the waiting list) and by fill pattern on the timeline's task lanes.
//
// High contrast is applied to a finished draw list (applyHighContrast in
// each painter): light greys become white, grey text black, borders dark
// and thicker, arrows thicker and opaque. One pass over the list, so every
// element drawn today and later gets it without each caring.
#pragma once

#include <asyncscope/event.hpp>

#include <QColor>
#include <QList>

namespace asyncscope::core {

struct Look {
    bool highContrast = false;
    bool colourBlind = false;
    friend bool operator==(const Look&, const Look&) = default;
};

// The colour of a wake from `source`.
QColor wakeColor(WakeSource source, const Look& look);
// The dash pattern of a wake's line, in pen widths (empty: solid). Solid for
// every source unless look.colourBlind.
QList<qreal> wakeDashes(WakeSource source, const Look& look);

// High contrast, element by element.
QColor contrastFill(const QColor& fill);    // light greys and tints: white
QColor contrastText(const QColor& text);    // greys: black
QColor contrastBorder(const QColor& line);  // light lines: near black

}  // namespace asyncscope::core
