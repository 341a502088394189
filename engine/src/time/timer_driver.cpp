// The timer driver: arming, cancelling and firing timers on the runtime's
// TimerWheel (time/timer_wheel.hpp, in 1 us ticks), all under one lock, and
// the hooks time.hpp's sleep, timeout and preemption slice call. Which thread
// fires the timers -- a worker's maintenance tick, a worker after a yield, the
// worker parked in the driver role, the virtual clock's jump -- is told in the
// design note of runtime/runtime_impl.hpp and done in WorkerCore::park
// (runtime/worker.cpp).
#include "runtime/runtime_impl.hpp"

#include <utility>
#include <vector>

namespace asyncscope::detail {

bool timerRegister(Shared* rt, TimerEntry& e, std::uint64_t deadlineNs) noexcept {
    return rt->timerRegister(e, deadlineNs);
}
void timerCancel(Shared* rt, TimerEntry& e) noexcept {
    rt->timerCancel(e);
}
std::uint64_t runtimeNowNs(Shared* rt) noexcept {
    return rt ? rt->clock.now() : 0;
}
std::uint64_t preemptionSliceNs(Shared* rt) noexcept {
    return rt ? static_cast<std::uint64_t>(rt->cfg.preemptionSlice.count()) : 0;
}

bool Shared::timerRegister(TimerEntry& e, std::uint64_t deadlineNs) noexcept {
    TaskHeader* t = t_context.task;
    assert(t);
    if (deadlineNs <= clock.now()) return false;
    e.deadlineNs = deadlineNs;
    e.tick = toTick(deadlineNs);
    int wakeDriver = -1;
    timerLock.lock();
    t->refInc();
    e.waker = t;
    e.state.store(TimerEntry::Registered, std::memory_order_relaxed);
    if (!wheel.insert(e)) {
        e.state.store(TimerEntry::Idle, std::memory_order_relaxed);
        e.waker = nullptr;
        timerLock.unlock();
        t->refDec();
        return false;
    }
    timerCount.store(wheel.size(), std::memory_order_release);
    if (driverWorker >= 0 && e.tick < driverWakeTick) {
        driverWakeTick = e.tick;
        wakeDriver = driverWorker;
    }
    timerLock.unlock();
    if (observer) [[unlikely]]
        emit(EventKind::TimerRegister, t->id, deadlineNs);
    if (wakeDriver >= 0) workers[static_cast<unsigned>(wakeDriver)]->parker.unpark();
    return true;
}

void Shared::timerCancel(TimerEntry& e) noexcept {
    TaskHeader* waker = nullptr;
    timerLock.lock();
    if (e.state.load(std::memory_order_relaxed) == TimerEntry::Registered) {
        wheel.remove(e);
        e.state.store(TimerEntry::Idle, std::memory_order_relaxed);
        waker = std::exchange(e.waker, nullptr);
        timerCount.store(wheel.size(), std::memory_order_release);
    }
    timerLock.unlock();
    if (waker) {
        if (observer) [[unlikely]]
            emit(EventKind::TimerCancel, waker->id, e.deadlineNs);
        waker->refDec();
    }
}

void Shared::processTimers(bool blockingLock) noexcept {
    if (timerCount.load(std::memory_order_acquire) == 0) return;
    if (blockingLock)
        timerLock.lock();
    else if (!timerLock.try_lock())
        return;
    struct Fired {
        TaskHeader* task;
        std::uint64_t deadline;
    };
    static thread_local std::vector<Fired> fired;
    fired.clear();
    std::uint64_t nowTick = clock.now() / 1000;
    wheel.advance(nowTick, [&](TimerEntry& e) {
        fired.push_back({std::exchange(e.waker, nullptr), e.deadlineNs});
        // Release: pairs with the awaiter's acquire in fired().
        e.state.store(TimerEntry::Fired, std::memory_order_release);
    });
    timerCount.store(wheel.size(), std::memory_order_release);
    timerLock.unlock();
    for (const Fired& f : fired) {
        if (observer) [[unlikely]]
            emit(EventKind::TimerFire, f.task->id, f.deadline);
        f.task->wakeByVal(WakeSource::Timer);
    }
    fired.clear();
}

}  // namespace asyncscope::detail
