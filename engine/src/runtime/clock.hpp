// The runtime clock: real (scalable, pausable) or virtual.
//
// Real: runtime time = baseRt + (wall - baseWall) / scale, frozen at baseRt
// while paused. Every change (pause, resume, scale) re-anchors base* to the
// current instant, so runtime time is continuous. Readers are lock-free: the
// anchor is published under a seqlock (odd sequence = being written).
//
// Virtual: a counter that only moves when the runtime advances it: to the
// earliest deadline (a timer, a compute step, a blocking sleep) once nothing
// can progress without it (time/virtual_time.cpp). Paced, it moves no faster
// than the wall clock times the scale allow (1 virtual ms per real ms at
// scale 1), so that a viewer can watch it; unpaced, as fast as it can.
#pragma once

#include <asyncscope/config.hpp>

#include "tsc_clock.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace asyncscope::detail {

class Clock {
public:
    Clock(ClockKind kind, double scale, bool pacing = false) : m_kind(kind) {
        m_pacing.store(pacing && kind == ClockKind::Virtual, std::memory_order_relaxed);
        m_scale.store(scale > 0 ? scale : 1.0, std::memory_order_relaxed);
        m_baseWall.store(wallNs(), std::memory_order_relaxed);
    }

    ClockKind kind() const noexcept { return m_kind; }
    bool isVirtual() const noexcept { return m_kind == ClockKind::Virtual; }

    // The wall clock: the steady clock's nanoseconds, read from the TSC
    // where it is invariant (tsc_clock.hpp).
    static std::int64_t wallNs() noexcept { return TscClock::nowNs(); }

    std::uint64_t now() const noexcept {
        if (m_kind == ClockKind::Virtual) return m_virtual.load(std::memory_order_acquire);
        for (;;) {
            std::uint64_t s1 = m_seq.load(std::memory_order_acquire);
            if (s1 & 1) continue;
            std::int64_t baseWall = m_baseWall.load(std::memory_order_relaxed);
            std::uint64_t baseRt = m_baseRt.load(std::memory_order_relaxed);
            double scale = m_scale.load(std::memory_order_relaxed);
            bool paused = m_paused.load(std::memory_order_relaxed);
            std::atomic_thread_fence(std::memory_order_acquire);
            if (m_seq.load(std::memory_order_relaxed) != s1) continue;
            if (paused) return baseRt;
            std::int64_t d = wallNs() - baseWall;
            if (d < 0) d = 0;
            return baseRt +
                   static_cast<std::uint64_t>(scale == 1.0 ? double(d) : double(d) / scale);
        }
    }

    // Wall nanoseconds until runtime time `rt`; -1 when it cannot be known
    // (paused, or virtual time).
    std::int64_t wallUntil(std::uint64_t rt) const noexcept {
        if (m_kind == ClockKind::Virtual || m_paused.load(std::memory_order_acquire)) return -1;
        std::uint64_t n = now();
        if (rt <= n) return 0;
        return static_cast<std::int64_t>(double(rt - n) * m_scale.load(std::memory_order_relaxed));
    }

    double scale() const noexcept { return m_scale.load(std::memory_order_relaxed); }
    bool paused() const noexcept { return m_paused.load(std::memory_order_acquire); }

    void setScale(double scale) {
        if (!(scale > 0)) return;
        std::lock_guard lock(m_write);
        reanchor([&] { m_scale.store(scale, std::memory_order_relaxed); });
    }
    void setPaused(bool paused) {
        std::lock_guard lock(m_write);
        if (m_paused.load(std::memory_order_relaxed) == paused) return;
        reanchor([&] { m_paused.store(paused, std::memory_order_relaxed); });
    }

    // Virtual clock only. Pacing: see the note at the top.
    void setPacing(bool on) noexcept { m_pacing.store(on, std::memory_order_relaxed); }
    bool pacing() const noexcept { return m_pacing.load(std::memory_order_relaxed); }
    // Wall ns to wait before the virtual clock may reach `t`: 0 when it may
    // now (or when not paced), -1 while paused.
    std::int64_t paceWait(std::uint64_t t) noexcept {
        if (!m_pacing.load(std::memory_order_relaxed)) return 0;
        std::lock_guard lock(m_write);
        if (m_paused.load(std::memory_order_relaxed)) return -1;
        const std::uint64_t baseRt = m_baseRt.load(std::memory_order_relaxed);
        const std::int64_t baseWall = m_baseWall.load(std::memory_order_relaxed);
        const double scale = m_scale.load(std::memory_order_relaxed);
        const std::int64_t target =
            baseWall + static_cast<std::int64_t>(double(t > baseRt ? t - baseRt : 0) * scale);
        const std::int64_t wall = wallNs();
        if (wall < target) return target - wall;
        // Late (the instants before took longer than their share): count from
        // here, so that what follows is paced again rather than rushed.
        if (wall - target > 2'000'000) {
            m_baseRt.store(t, std::memory_order_relaxed);
            m_baseWall.store(wall, std::memory_order_relaxed);
        }
        return 0;
    }
    void advanceTo(std::uint64_t t) noexcept {
        std::uint64_t cur = m_virtual.load(std::memory_order_relaxed);
        while (cur < t && !m_virtual.compare_exchange_weak(cur, t, std::memory_order_acq_rel)) {}
    }
    void advanceBy(std::uint64_t d) noexcept { m_virtual.fetch_add(d, std::memory_order_acq_rel); }

private:
    template <class F>
    void reanchor(F&& change) {
        std::uint64_t cur = now();
        m_seq.fetch_add(1, std::memory_order_acq_rel);  // odd: writing
        std::atomic_thread_fence(std::memory_order_release);
        m_baseRt.store(cur, std::memory_order_relaxed);
        m_baseWall.store(wallNs(), std::memory_order_relaxed);
        change();
        m_seq.fetch_add(1, std::memory_order_release);  // even: published
    }

    const ClockKind m_kind;
    std::mutex m_write;
    std::atomic<std::uint64_t> m_seq{0};
    std::atomic<std::int64_t> m_baseWall{0};
    std::atomic<std::uint64_t> m_baseRt{0};
    std::atomic<double> m_scale{1.0};
    std::atomic<bool> m_paused{false};
    std::atomic<std::uint64_t> m_virtual{0};
    std::atomic<bool> m_pacing{false};
};

}  // namespace asyncscope::detail
