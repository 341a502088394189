// TimeAxis: where an instant of a run is on screen, and back.
//
// Design note
// -----------
// All of the timeline's coordinate maths lives here, in a plain value type
// with no Qt and no window, so that it is tested exactly (Hotspot keeps its
// time axis the same way). An axis is a visible range [t0, t1] of runtime
// time in nanoseconds, mapped linearly onto `width` pixels starting at
// `left`. Times are doubles: a run of an hour is 3.6e12 ns, far inside a
// double's exact integers, and a zoomed view needs fractions of a
// nanosecond per pixel.
//
// Limits. A view is never narrower than kMinSpanNs (1 µs) across, and, once
// setLimits() has been given the run's extent, never wider than that extent
// plus a margin of kMarginFraction of it on each side, and never scrolled
// past those margins. Every operation (zoom, pan, fit, setRange) ends by
// applying the limits, so no sequence of operations leaves a view where the
// run cannot be seen.
//
// Ticks are at multiples of a "nice" step, 1, 2 or 5 × 10^k ns, the smallest
// whose ticks are at least a given number of pixels apart. Their labels share
// one unit, chosen from the largest time shown ("0 ms", "12.5 ms"), with as
// many decimals as the step needs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace asyncscope::core {

class TimeAxis {
public:
    static constexpr double kMinSpanNs = 1000;       // 1 µs across the view, at the most zoomed
    static constexpr double kMarginFraction = 0.05;  // beyond the run's ends, on each side

    struct Tick {
        double time = 0;  // runtime ns
        double x = 0;     // pixels
        std::string label;
    };

    TimeAxis() = default;
    // Shows [t0, t1] over `width` pixels starting at `left` (no limits yet).
    TimeAxis(double t0, double t1, double width, double left = 0);

    double t0() const noexcept { return m_t0; }
    double t1() const noexcept { return m_t1; }
    double span() const noexcept { return m_t1 - m_t0; }
    double left() const noexcept { return m_left; }
    double width() const noexcept { return m_width; }
    double right() const noexcept { return m_left + m_width; }
    double nsPerPixel() const noexcept { return m_width > 0 ? span() / m_width : 0; }

    double timeToX(double t) const noexcept;
    double xToTime(double x) const noexcept;
    // Pixels a duration covers at this zoom.
    double durationToPixels(double ns) const noexcept;

    // The pixels the view covers (a widget resized); the visible range stays.
    void setGeometry(double left, double width) noexcept;
    // The run's extent [lo, hi]: bounds zoom-out and panning from now on.
    void setLimits(double lo, double hi) noexcept;
    bool hasLimits() const noexcept { return m_hasLimits; }
    double limitLo() const noexcept { return m_lo; }
    double limitHi() const noexcept { return m_hi; }
    // The widest view the limits allow (infinite without limits).
    double maxSpan() const noexcept;

    // Zooms by `factor` (> 1 in, < 1 out) keeping the time under pixel `x`
    // under it (unless a limit moves the view).
    void zoom(double x, double factor) noexcept;
    // Moves the content by `dx` pixels: positive dx shows earlier times (the
    // content follows a drag to the right).
    void pan(double dx) noexcept;
    // Shows exactly [a, b] (then the limits apply).
    void fit(double a, double b) noexcept;

    // Ticks inside the view, at least `minSpacingPx` apart.
    std::vector<Tick> ticks(double minSpacingPx) const;
    // The step ticks() uses: the smallest 1/2/5 × 10^k ns >= minSpacingPx pixels.
    double tickStep(double minSpacingPx) const noexcept;

    // "12.5 ms": `t` in `unitNs` (1, 1e3, 1e6 or 1e9) with `decimals` decimals.
    static std::string formatTime(double t, double unitNs, int decimals);
    // The label of a tick at `t` on an axis whose ticks are `step` apart and
    // whose largest shown time is `maxAbs`.
    static std::string tickLabel(double t, double step, double maxAbs);
    // A duration for people: "0 ns", "750 ns", "12.5 µs", "2 ms", "1.25 s"
    // (three significant digits at most, trailing zeros dropped).
    static std::string formatDuration(double ns);

    friend bool operator==(const TimeAxis&, const TimeAxis&) = default;

private:
    void applyLimits() noexcept;

    double m_t0 = 0, m_t1 = 1'000'000;  // 1 ms
    double m_left = 0, m_width = 1000;
    bool m_hasLimits = false;
    double m_lo = 0, m_hi = 0;
};

}  // namespace asyncscope::core
