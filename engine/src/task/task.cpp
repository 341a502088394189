// Tasks as the runtime sees them: the per-thread context (t_context), waking a
// task (TaskHeader::wakeByRef / wakeByVal: the state transition, then the
// scheduler), freeing it, yield, abort, entering a scenario step, and the
// small hooks through which the public headers (task.hpp, join_handle.hpp)
// reach the runtime. The task state word and its transitions are described
// in asyncscope/task.hpp; where a woken task goes is Shared::schedule
// (runtime/runtime.cpp, design note in runtime/runtime_impl.hpp).
#include "runtime/runtime_impl.hpp"

#include <asyncscope/join_handle.hpp>

namespace asyncscope {
namespace detail {

thread_local Context t_context;

// ------------------------------------------------------------ TaskHeader ----

void TaskHeader::wakeByRef(WakeSource source) noexcept {
    wakeByRefFrom(source, currentTaskId());
}

void TaskHeader::wakeByRefFrom(WakeSource source, TaskId waker) noexcept {
    Shared* rt = runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, id, waker, 0, static_cast<std::uint8_t>(source));
    if (transitionToNotifiedByRef() == WakeAction::Submit) rt->schedule(this, false);
}

void TaskHeader::wakeByVal(WakeSource source) noexcept {
    wakeByValFrom(source, currentTaskId());
}

void TaskHeader::wakeByValFrom(WakeSource source, TaskId waker) noexcept {
    Shared* rt = runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, id, waker, 0, static_cast<std::uint8_t>(source));
    std::uint64_t s = state.load(std::memory_order_relaxed);
    for (;;) {
        std::uint64_t next;
        bool submit = false;
        if (s & (state::COMPLETE | state::NOTIFIED)) {
            next = s - state::REF_ONE;
        } else if (s & state::RUNNING) {
            next = (s | state::NOTIFIED) - state::REF_ONE;
        } else {
            next = s | state::NOTIFIED;  // our reference becomes the scheduler's
            submit = true;
        }
        if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                        std::memory_order_relaxed)) {
            if (submit)
                rt->schedule(this, false);
            else if ((next >> state::REF_SHIFT) == 0)
                dealloc();
            return;
        }
    }
}

void TaskHeader::dealloc() noexcept {
    FramePrefix* prefix = prefixOfHeader(this);
    if (!(prefix->flags & FramePrefix::FrameGone)) root().destroy();
    if (joinWaker) std::exchange(joinWaker, nullptr)->refDec();
    this->~TaskHeader();
    freeBlock(prefix);
}

void yieldCurrent(bool deferred) noexcept {
    TaskHeader* t = t_context.task;
    assert(t && (t->load(std::memory_order_relaxed) & state::RUNNING));
    Shared* rt = t->runtime;
    WorkerCore* w = t_context.worker;
    if (deferred && w && &w->shared == rt) {
        // Tokio's context::defer: woken only once the worker polls its drivers.
        t->refInc();
        w->deferred.push_back(t);
        return;
    }
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::Wake, t->id, t->id, 0, static_cast<std::uint8_t>(WakeSource::Yield));
    // Running: setting NOTIFIED makes the worker put it at the back of its
    // queue after this poll. No reference is taken (the poll holds one).
    t->state.fetch_or(state::NOTIFIED, std::memory_order_relaxed);
    if (t_context.worker) t_context.worker->yielded = true;
}

TaskHeader* currentTask() noexcept {
    return t_context.task;
}
Shared* currentRuntime() noexcept {
    return t_context.runtime;
}

void emit(Shared* rt, EventKind kind, TaskId task, std::uint64_t arg, std::uint64_t arg2,
          std::uint8_t sub, std::string_view text) noexcept {
    if (rt) rt->emit(kind, task, arg, arg2, sub, text);
}
bool tracing(Shared* rt) noexcept {
    return rt && rt->observer;
}

std::uint64_t nextResourceId() noexcept {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

TaskHeader* spawnHeader(Shared* rt, std::coroutine_handle<> h, std::string_view name,
                        std::uint32_t tag, std::uint16_t home) noexcept {
    return rt->spawn(h, name, tag, home);
}

void abortTask(TaskHeader* t) noexcept {
    Shared* rt = t->runtime;
    rt->emit(EventKind::Cancel, t->id, currentTaskId(), 0, 0);
    if (t->transitionToNotifiedAndCancel() == WakeAction::Submit) {
        rt->emit(EventKind::Wake, t->id, currentTaskId(), 0,
                 static_cast<std::uint8_t>(WakeSource::Cancel));
        rt->schedule(t, false);
    }
}

}  // namespace detail

void enterStep(std::uint32_t index) noexcept {
    detail::TaskHeader* t = detail::t_context.task;
    if (!t) return;
    t->awaitPoint = index;
    detail::Shared* rt = t->runtime;
    if (rt->observer) [[unlikely]]
        rt->emit(EventKind::StepEnter, t->id, index);
}

}  // namespace asyncscope
