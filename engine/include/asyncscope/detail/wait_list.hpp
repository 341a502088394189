// Intrusive FIFO of tasks waiting on a resource. Guarded by the resource's lock.
#pragma once

#include <asyncscope/task.hpp>

#include <atomic>
#include <cstddef>

namespace asyncscope::detail {

struct WaitNode {
    WaitNode* prev = nullptr;  // guarded by the resource lock
    WaitNode* next = nullptr;
    TaskHeader* task = nullptr;  // holds a reference while queued
    std::size_t amount = 0;      // semaphore permits asked for
    bool queued = false;         // guarded by the resource lock
    bool failed = false;         // completed by close(), not by success
    // Release by the completer, acquire by the waiter's poll: the waiter sees
    // everything written for it (a hand-off, a value) before `done`.
    std::atomic<bool> done{false};

    bool isDone() const noexcept { return done.load(std::memory_order_acquire); }
};

class WaitList {
public:
    bool empty() const noexcept { return m_head == nullptr; }
    WaitNode* front() const noexcept { return m_head; }
    std::size_t size() const noexcept { return m_size; }

    void pushBack(WaitNode& n) noexcept {
        n.next = nullptr;
        n.prev = m_tail;
        if (m_tail)
            m_tail->next = &n;
        else
            m_head = &n;
        m_tail = &n;
        n.queued = true;
        ++m_size;
    }
    WaitNode* popFront() noexcept {
        WaitNode* n = m_head;
        if (n) remove(*n);
        return n;
    }
    void remove(WaitNode& n) noexcept {
        if (n.prev)
            n.prev->next = n.next;
        else
            m_head = n.next;
        if (n.next)
            n.next->prev = n.prev;
        else
            m_tail = n.prev;
        n.prev = n.next = nullptr;
        n.queued = false;
        --m_size;
    }
    template <class F>
    void forEach(F&& f) const {
        for (WaitNode* n = m_head; n; n = n->next) f(*n);
    }

private:
    WaitNode* m_head = nullptr;
    WaitNode* m_tail = nullptr;
    std::size_t m_size = 0;
};

// The awaiter pattern shared by every resource operation: try it when first
// polled; if it cannot complete, stay queued until the resource completes the
// node and wakes the task. Derived supplies `bool start()` (try, or enqueue:
// true = completed) and uses `node` for the queue.
template <class Derived, class Node = WaitNode>
class ResourceAwaiter : public Pollable {
public:
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<> h) noexcept {
        suspendCurrent(h, this);
        if (!poll()) return true;
        t_context.task->leaf = nullptr;  // completed at once: nothing to wait on
        return false;
    }
    bool poll() noexcept final {
        if (!m_started) {
            // Every attempt of the operation costs one unit of this poll's
            // budget; out of budget, yield and attempt it at the next poll.
            if (!consumeBudget()) {
                yieldCurrent();
                return false;
            }
            m_started = true;
            return static_cast<Derived*>(this)->start();
        }
        return node.isDone();
    }

protected:
    ~ResourceAwaiter() = default;
    bool started() const noexcept { return m_started; }
    Node node;

private:
    bool m_started = false;
};

}  // namespace asyncscope::detail
