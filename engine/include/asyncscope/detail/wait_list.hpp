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
    void pushFront(WaitNode& n) noexcept {
        n.prev = nullptr;
        n.next = m_head;
        if (m_head)
            m_head->prev = &n;
        else
            m_tail = &n;
        m_head = &n;
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

// The awaiter of every resource operation (lock, acquire, send, receive,
// notified): the first poll tries the operation or enqueues `node`; later
// polls only look whether the resource completed the node. Derived supplies
// `bool start()` (try, or enqueue: true = completed).
template <class Derived, class Node = WaitNode>
class ResourceAwaiter : public LeafAwaiter<ResourceAwaiter<Derived, Node>> {
public:
    bool pollOperation() noexcept {
        if (!m_started) {
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
