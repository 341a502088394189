// Deliberately wrong code, for lessons that show what the detectors catch.
#pragma once

#include <asyncscope/task.hpp>

namespace asyncscope {

// A hand-written future that returns Pending without keeping the waker (in
// Rust: `Poll::Pending` without storing `cx.waker()`). Nothing can ever wake
// the task that awaits it: the lost wake-up bug.
struct ForgetfulFuture final : detail::Pollable {
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) noexcept { detail::suspendCurrent(h, this); }
    bool poll() noexcept override { return false; }  // never ready, never registers a waker
    void await_resume() const noexcept {}
};

}  // namespace asyncscope
