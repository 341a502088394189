#include "tsc_clock.hpp"

#include <chrono>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace asyncscope::detail {

namespace {

std::int64_t steadyNs() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

#if defined(__x86_64__) || defined(__i386__)
// CPUID 0x80000007, EDX bit 8: the TSC ticks at one rate in every power
// state and on every core (Linux's "constant_tsc" + "nonstop_tsc").
bool invariantTsc() noexcept {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (static_cast<unsigned>(__get_cpuid_max(0x80000000u, nullptr)) < 0x80000007u) return false;
    if (!__get_cpuid(0x80000007u, &a, &b, &c, &d)) return false;
    return (d & (1u << 8)) != 0;
}

// A steady-clock reading and the TSC at that instant: the midpoint of the
// two TSC reads that bracket it (the tightest of a few tries).
struct Pair {
    std::int64_t ns;
    std::uint64_t tsc;
};
Pair sample() noexcept {
    Pair best{0, 0};
    std::uint64_t bestWidth = UINT64_MAX;
    for (int i = 0; i < 5; ++i) {
        const std::uint64_t t0 = TscClock::ticks();
        const std::int64_t ns = steadyNs();
        const std::uint64_t t1 = TscClock::ticks();
        if (t1 >= t0 && t1 - t0 < bestWidth) {
            bestWidth = t1 - t0;
            best = Pair{ns, t0 + (t1 - t0) / 2};
        }
    }
    return best;
}
#endif

}  // namespace

TscClock::Calibration TscClock::calibrate() noexcept {
    Calibration c;
#if defined(__x86_64__) || defined(__i386__)
    if (!invariantTsc()) return c;
    const Pair a = sample();
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
    const Pair b = sample();
    if (b.tsc <= a.tsc || b.ns <= a.ns) return c;
    const double nsPerTick = double(b.ns - a.ns) / double(b.tsc - a.tsc);
    // 0.05 to 20 GHz: anything else is a broken reading.
    if (!(nsPerTick > 0.05 && nsPerTick < 20.0)) return c;
    c.usable = true;
    c.baseNs = a.ns;
    c.baseTsc = a.tsc;
    c.mult = static_cast<std::uint64_t>(nsPerTick * double(std::uint64_t{1} << 32));
#endif
    return c;
}

const TscClock::Calibration& TscClock::calibration() noexcept {
    static const Calibration c = calibrate();
    return c;
}

std::int64_t TscClock::steadyNowNs() noexcept {
    return steadyNs();
}

}  // namespace asyncscope::detail
