// The wall clock the runtime reads: the CPU's invariant time-stamp counter,
// converted to nanoseconds of the steady clock.
//
// A steady_clock::now() is a vDSO call (about 29 ns on the project's
// machine); a TSC read is one instruction (about 11 ns there). The runtime
// reads the wall clock for every recorded event under the real clock, so
// that difference is most of what a recorded event costs its thread.
//
// Calibrated once per process against the steady clock (two bracketed
// samples 4 ms apart: a rate error of a few parts in 100,000), and aligned
// with it at the first sample. Used only when the CPU says its TSC is
// invariant (the same rate on every core and in every power state);
// otherwise, and off x86, nowNs() is the steady clock itself. Readings on
// different cores agree as far as the hardware synchronises their TSCs;
// a reading earlier than the calibration's base is clamped to it.
#pragma once

#include <cstdint>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace asyncscope::detail {

class TscClock {
    __extension__ typedef unsigned __int128 U128;

public:
    static std::int64_t nowNs() noexcept {
        const Calibration& c = calibration();
        if (!c.usable) [[unlikely]]
            return steadyNowNs();
        const std::uint64_t t = ticks();
        if (t <= c.baseTsc) [[unlikely]]
            return c.baseNs;
        return c.baseNs +
               static_cast<std::int64_t>((static_cast<U128>(t - c.baseTsc) * c.mult) >> 32);
    }

    static std::uint64_t ticks() noexcept {
#if defined(__x86_64__) || defined(__i386__)
        return __rdtsc();
#else
        return 0;
#endif
    }

    // Whether nowNs() reads the TSC (false: the steady clock).
    static bool usesTsc() noexcept {
        return calibration().usable;
    }

private:
    struct Calibration {
        bool usable = false;
        std::int64_t baseNs = 0;
        std::uint64_t baseTsc = 0;
        std::uint64_t mult = 0;  // ns per tick, 32.32 fixed point
    };
    static Calibration calibrate() noexcept;
    static const Calibration& calibration() noexcept;
    static std::int64_t steadyNowNs() noexcept;
};

}  // namespace asyncscope::detail
