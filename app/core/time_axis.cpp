// TimeAxis: the timeline's coordinate maths (see the header's design note).
#include "time_axis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace asyncscope::core {

namespace {

// The unit of a time (or duration) of this magnitude, in ns per unit.
double unitFor(double magnitude) noexcept {
    if (magnitude >= 1e9) return 1e9;
    if (magnitude >= 1e6) return 1e6;
    if (magnitude >= 1e3) return 1e3;
    return 1;
}

const char* unitName(double unitNs) noexcept {
    if (unitNs >= 1e9) return "s";
    if (unitNs >= 1e6) return "ms";
    if (unitNs >= 1e3) return "\xc2\xb5s";  // µs
    return "ns";
}

// "12.50" -> "12.5", "3.000" -> "3", "-0" -> "0".
std::string trimZeros(std::string s) {
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
}

}  // namespace

TimeAxis::TimeAxis(double t0, double t1, double width, double left)
    : m_t0(std::min(t0, t1)), m_t1(std::max(t0, t1)), m_left(left), m_width(width) {
    applyLimits();
}

double TimeAxis::timeToX(double t) const noexcept {
    const double s = span();
    return s > 0 ? m_left + (t - m_t0) * m_width / s : m_left;
}

double TimeAxis::xToTime(double x) const noexcept {
    return m_width > 0 ? m_t0 + (x - m_left) * span() / m_width : m_t0;
}

double TimeAxis::durationToPixels(double ns) const noexcept {
    const double s = span();
    return s > 0 ? ns * m_width / s : 0;
}

void TimeAxis::setGeometry(double left, double width) noexcept {
    m_left = left;
    m_width = std::max(0.0, width);
}

void TimeAxis::setLimits(double lo, double hi) noexcept {
    m_hasLimits = true;
    m_lo = std::min(lo, hi);
    m_hi = std::max(lo, hi);
    applyLimits();
}

double TimeAxis::maxSpan() const noexcept {
    if (!m_hasLimits) return HUGE_VAL;
    const double run = m_hi - m_lo;
    return std::max(kMinSpanNs, run * (1 + 2 * kMarginFraction));
}

void TimeAxis::applyLimits() noexcept {
    const double maxS = maxSpan();
    if (span() < kMinSpanNs) {
        const double c = (m_t0 + m_t1) / 2;
        m_t0 = c - kMinSpanNs / 2;
        m_t1 = m_t0 + kMinSpanNs;
    }
    if (!m_hasLimits) return;
    // The view may not leave the run plus its margins (for a run shorter
    // than the narrowest view, the margins grow to that view's width).
    const double margin = (maxS - (m_hi - m_lo)) / 2;
    const double lo = m_lo - margin, hi = m_hi + margin;
    if (span() > maxS) {
        m_t0 = lo;
        m_t1 = hi;
        return;
    }
    if (m_t0 < lo) {
        m_t1 += lo - m_t0;
        m_t0 = lo;
    }
    if (m_t1 > hi) {
        m_t0 -= m_t1 - hi;
        m_t1 = hi;
    }
}

void TimeAxis::zoom(double x, double factor) noexcept {
    if (!(factor > 0) || !std::isfinite(factor) || m_width <= 0) return;
    const double at = xToTime(x);
    const double frac = (x - m_left) / m_width;
    const double s = std::clamp(span() / factor, kMinSpanNs, maxSpan());
    m_t0 = at - frac * s;
    m_t1 = m_t0 + s;
    applyLimits();
}

void TimeAxis::pan(double dx) noexcept {
    if (!std::isfinite(dx)) return;
    const double dt = dx * nsPerPixel();
    m_t0 -= dt;
    m_t1 -= dt;
    applyLimits();
}

void TimeAxis::fit(double a, double b) noexcept {
    if (!std::isfinite(a) || !std::isfinite(b)) return;
    m_t0 = std::min(a, b);
    m_t1 = std::max(a, b);
    applyLimits();
}

double TimeAxis::tickStep(double minSpacingPx) const noexcept {
    const double target = std::max(1.0, minSpacingPx * nsPerPixel());
    const double k = std::floor(std::log10(target));
    const double base = std::pow(10.0, k);
    for (double m : {1.0, 2.0, 5.0})
        if (m * base >= target * (1 - 1e-12)) return m * base;
    return 10 * base;
}

std::vector<TimeAxis::Tick> TimeAxis::ticks(double minSpacingPx) const {
    std::vector<Tick> out;
    if (m_width <= 0 || span() <= 0) return out;
    const double step = tickStep(minSpacingPx);
    const double maxAbs = std::max(std::fabs(m_t0), std::fabs(m_t1));
    // Multiples of the step, each computed from its index (no drift).
    for (double i = std::ceil(m_t0 / step); i * step <= m_t1; ++i) {
        const double t = i * step;
        out.push_back({t, timeToX(t), tickLabel(t, step, maxAbs)});
    }
    return out;
}

std::string TimeAxis::formatTime(double t, double unitNs, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 9), t / unitNs);
    return trimZeros(buf) + " " + unitName(unitNs);
}

std::string TimeAxis::tickLabel(double t, double step, double maxAbs) {
    const double unit = unitFor(maxAbs);
    // step = m × 10^k with m in {1, 2, 5}: k decimals below the unit's exponent.
    const int k = static_cast<int>(std::floor(std::log10(step) + 1e-9));
    const int u = static_cast<int>(std::lround(std::log10(unit)));
    return formatTime(t, unit, std::max(0, u - k));
}

std::string TimeAxis::formatDuration(double ns) {
    if (!(ns > 0)) return "0 ns";
    double unit = unitFor(ns);
    if (unit == 1) return std::to_string(std::llround(ns)) + " ns";
    // Three significant digits; 999.7 µs rounds to 1 ms, not "1000 µs".
    auto decimalsFor = [](double v) { return v >= 100 ? 0 : v >= 10 ? 1 : 2; };
    double v = ns / unit;
    const double scale = std::pow(10.0, decimalsFor(v));
    if (std::round(v * scale) / scale >= 1000 && unit < 1e9) {
        unit *= 1000;
        v = ns / unit;
    }
    return formatTime(ns, unit, decimalsFor(v));
}

}  // namespace asyncscope::core
