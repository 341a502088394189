#include "look.hpp"

#include "live_model.hpp"

namespace asyncscope::core {

QColor wakeColor(WakeSource s, const Look& look) {
    if (!look.colourBlind) return LiveModel::wakeColor(s);
    // Okabe & Ito, "Color Universal Design" (2008); black and grey for the rest.
    switch (s) {
    case WakeSource::Timer: return QColor(0x00, 0x72, 0xb2);      // blue
    case WakeSource::Channel: return QColor(0x00, 0x9e, 0x73);    // bluish green
    case WakeSource::Mutex: return QColor(0xe6, 0x9f, 0x00);      // orange
    case WakeSource::Semaphore: return QColor(0xd5, 0x5e, 0x00);  // vermillion
    case WakeSource::Notify: return QColor(0xcc, 0x79, 0xa7);     // reddish purple
    case WakeSource::Join: return QColor(0x56, 0xb4, 0xe9);       // sky blue
    case WakeSource::Yield: return QColor(0x66, 0x66, 0x66);
    case WakeSource::Blocking: return QColor(0x00, 0x00, 0x00);
    case WakeSource::Cancel: return QColor(0xd5, 0x5e, 0x00);
    default: return QColor(0x44, 0x44, 0x44);
    }
}

QList<qreal> wakeDashes(WakeSource s, const Look& look) {
    if (!look.colourBlind) return {};
    switch (s) {
    case WakeSource::Timer: return {};
    case WakeSource::Channel: return {5, 2.5};
    case WakeSource::Mutex: return {1, 2};
    case WakeSource::Semaphore: return {5, 2, 1, 2};
    case WakeSource::Notify: return {5, 2, 1, 2, 1, 2};
    case WakeSource::Join: return {9, 3};
    case WakeSource::Yield: return {1, 4};
    case WakeSource::Blocking: return {3, 1.5};
    case WakeSource::Cancel: return {1, 1, 1, 4};
    default: return {9, 2, 2, 2};
    }
}

QColor contrastFill(const QColor& fill) {
    if (fill.alpha() == 0) return fill;
    return fill.lightnessF() >= 0.86f ? QColor(0xff, 0xff, 0xff, fill.alpha()) : fill;
}

QColor contrastText(const QColor& text) {
    return text.hslSaturationF() < 0.3f ? QColor(0, 0, 0, text.alpha()) : text.darker(140);
}

QColor contrastBorder(const QColor& line) {
    if (line.alpha() == 0) return line;
    return line.hslSaturationF() < 0.3f || line.lightnessF() > 0.6f
               ? QColor(0x20, 0x20, 0x20, line.alpha())
               : line.darker(150);
}

}  // namespace asyncscope::core
