// Channels: multi-producer single-consumer (bounded and unbounded) and oneshot.
//
// Design note
// -----------
// mpsc: one spin-locked state holding the buffer, a FIFO of waiting senders
// and the waiting receiver. Hand-offs never go through the scheduler twice:
//   - send() with a receiver waiting moves the value straight into the
//     receiver's awaiter and wakes it;
//   - send() on a full bounded channel queues the sender *with its value*;
//     recv() takes the buffer's head and moves the first waiting sender's
//     value into the freed slot, completing that send, then wakes the sender.
// So a woken task always resumes with its operation done.
// Closing (receiver close()/drop, or the last Sender dropped) completes every
// waiter: waiting sends fail and hand their value back, a waiting receive
// gets std::nullopt once the buffer is drained.
//
// oneshot: one atomic state word (VALUE, TX_CLOSED, RX_WAKER, RX_CLOSED) and a
// waker slot. The receiver publishes its waker with a CAS setting RX_WAKER;
// the sender's fetch_or of VALUE (or TX_CLOSED) tells it whether to wake.
// Whoever clears or observes RX_WAKER in that transition owns the waker.
#pragma once

#include <asyncscope/detail/ring.hpp>
#include <asyncscope/detail/spin_lock.hpp>
#include <asyncscope/detail/wait_list.hpp>
#include <asyncscope/task.hpp>

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncscope {

// The result of a send: ok, or the value handed back because the channel is closed.
template <class T>
class [[nodiscard]] SendResult {
public:
    SendResult() noexcept = default;
    explicit SendResult(T returned) : m_returned(std::move(returned)) {}
    bool ok() const noexcept { return !m_returned.has_value(); }
    explicit operator bool() const noexcept { return ok(); }
    // The value that could not be sent.
    T& value() & { return *m_returned; }
    T&& value() && { return std::move(*m_returned); }

private:
    std::optional<T> m_returned;
};

namespace detail {

template <class T>
struct alignas(64) ChannelState {
    explicit ChannelState(std::size_t cap, std::string_view n)
        : capacity(cap), id(nextResourceId()), name(n) {
        // Room for a full buffer plus the one value a cancelled receive puts
        // back, so a bounded channel never grows while it runs.
        if (cap != 0) buffer.reserve(cap < 4096 ? cap + 1 : 4096);
    }

    struct SendNode : WaitNode {
        std::optional<T>* value = nullptr;  // the sender's value, taken by the receiver
    };
    struct RecvNode : WaitNode {
        std::optional<T>* out = nullptr;
    };

    // What a send or a receive touches under the lock comes first, on the
    // lock's cache line, so a contended operation moves as few lines between
    // cores as it can.
    mutable SpinLock lock;
    bool closed = false;  // receiver closed or dropped
    Ring<T> buffer;
    WaitList sendWaiters;
    WaitList recvWaiters;
    const std::size_t capacity;  // 0: unbounded
    std::size_t senders = 1;
    const std::uint64_t id;
    const std::string name;

    bool full() const noexcept { return capacity != 0 && buffer.size() >= capacity; }

    // With the lock held: complete every waiter (channel closed / no senders).
    void failAll(WaitList& list, std::vector<TaskHeader*>& wake) noexcept {
        while (WaitNode* n = list.popFront()) {
            TaskHeader* t = std::exchange(n->task, nullptr);
            n->failed = true;
            n->done.store(true, std::memory_order_release);
            wake.push_back(t);
        }
    }

    void close() {
        std::vector<TaskHeader*> wake;
        {
            std::lock_guard g(lock);
            if (closed) return;
            closed = true;
            failAll(sendWaiters, wake);
            if (buffer.empty()) failAll(recvWaiters, wake);
        }
        if (observing()) [[unlikely]]
            emit(currentRuntime(), EventKind::ChanClose, currentTaskId(), id);
        for (TaskHeader* t : wake) t->wakeByVal(WakeSource::Channel);
    }

    void dropSender() {
        std::vector<TaskHeader*> wake;
        {
            std::lock_guard g(lock);
            if (--senders != 0) return;
            if (buffer.empty()) failAll(recvWaiters, wake);
        }
        if (observing()) [[unlikely]]
            emit(currentRuntime(), EventKind::ChanClose, currentTaskId(), id);
        for (TaskHeader* t : wake) t->wakeByVal(WakeSource::Channel);
    }
};

}  // namespace detail

template <class T>
class Receiver;

template <class T>
class Sender {
    using State = detail::ChannelState<T>;

public:
    Sender() noexcept = default;
    explicit Sender(std::shared_ptr<State> s) noexcept : m_state(std::move(s)) {}
    Sender(const Sender& o) : m_state(o.m_state) {
        if (m_state) {
            std::lock_guard g(m_state->lock);
            ++m_state->senders;
        }
    }
    Sender(Sender&&) noexcept = default;
    Sender& operator=(Sender o) noexcept {
        std::swap(m_state, o.m_state);
        return *this;
    }
    ~Sender() {
        if (m_state) m_state->dropSender();
    }

    class [[nodiscard]] SendAwaiter final
        : public detail::ResourceAwaiter<SendAwaiter, typename State::SendNode> {
    public:
        SendAwaiter(State& s, T v) : m_state(s), m_value(std::move(v)) {}
        SendAwaiter(const SendAwaiter&) = delete;
        ~SendAwaiter() {
            if (!this->node.queued) return;
            detail::TaskHeader* drop = nullptr;
            {
                std::lock_guard g(m_state.lock);
                if (this->node.queued) {
                    m_state.sendWaiters.remove(this->node);
                    drop = std::exchange(this->node.task, nullptr);
                }
            }
            if (drop) drop->refDec();
        }
        bool start() noexcept {
            detail::TaskHeader* me = detail::t_context.task;
            detail::TaskHeader* wake = nullptr;
            std::size_t depth = 0;
            bool waiting = false;
            {
                std::lock_guard g(m_state.lock);
                if (m_state.closed) {
                    this->node.failed = true;
                } else if (!m_state.recvWaiters.empty()) {
                    // Straight into the waiting receiver.
                    auto* r =
                        static_cast<typename State::RecvNode*>(m_state.recvWaiters.popFront());
                    r->out->emplace(std::move(*m_value));
                    m_value.reset();
                    wake = std::exchange(r->task, nullptr);
                    r->done.store(true, std::memory_order_release);
                } else if (!m_state.full()) {
                    m_state.buffer.push_back(std::move(*m_value));
                    m_value.reset();
                    depth = m_state.buffer.size();
                } else {
                    me->refInc();
                    this->node.task = me;
                    this->node.value = &m_value;
                    m_state.sendWaiters.pushBack(this->node);
                    waiting = true;
                }
            }
            if (waiting) {
                if (detail::observing()) [[unlikely]]
                    detail::emit(detail::currentRuntime(), EventKind::ChanFull, me->id, m_state.id,
                                 m_state.capacity);
                return false;
            }
            if (!this->node.failed && detail::observing()) [[unlikely]]
                detail::emit(detail::currentRuntime(), EventKind::ChanSend, me ? me->id : 0,
                             m_state.id, depth);
            if (wake) wake->wakeByVal(WakeSource::Channel);
            return true;
        }
        SendResult<T> await_resume() {
            if (this->node.failed && m_value) return SendResult<T>(std::move(*m_value));
            return SendResult<T>();
        }

    private:
        State& m_state;
        std::optional<T> m_value;
    };

    // co_await tx.send(v) -> SendResult<T>; waits while a bounded channel is full.
    SendAwaiter send(T value) { return SendAwaiter(*m_state, std::move(value)); }

    // Never waits: fails (handing the value back) when full or closed.
    SendResult<T> trySend(T value) {
        detail::TaskHeader* wake = nullptr;
        std::size_t depth = 0;
        {
            std::lock_guard g(m_state->lock);
            if (m_state->closed || (m_state->recvWaiters.empty() && m_state->full()))
                return SendResult<T>(std::move(value));
            if (!m_state->recvWaiters.empty()) {
                auto* r = static_cast<typename State::RecvNode*>(m_state->recvWaiters.popFront());
                r->out->emplace(std::move(value));
                wake = std::exchange(r->task, nullptr);
                r->done.store(true, std::memory_order_release);
            } else {
                m_state->buffer.push_back(std::move(value));
                depth = m_state->buffer.size();
            }
        }
        if (detail::observing()) [[unlikely]]
            detail::emit(detail::currentRuntime(), EventKind::ChanSend, currentTaskId(),
                         m_state->id, depth);
        if (wake) wake->wakeByVal(WakeSource::Channel);
        return SendResult<T>();
    }

    bool isClosed() const {
        std::lock_guard g(m_state->lock);
        return m_state->closed;
    }
    std::uint64_t id() const noexcept { return m_state ? m_state->id : 0; }
    bool valid() const noexcept { return m_state != nullptr; }

private:
    std::shared_ptr<State> m_state;
};

template <class T>
class Receiver {
    using State = detail::ChannelState<T>;

public:
    Receiver() noexcept = default;
    explicit Receiver(std::shared_ptr<State> s) noexcept : m_state(std::move(s)) {}
    Receiver(Receiver&&) noexcept = default;
    Receiver& operator=(Receiver&& o) noexcept {
        if (this != &o) {
            reset();
            m_state = std::move(o.m_state);
        }
        return *this;
    }
    ~Receiver() { reset(); }

    class [[nodiscard]] RecvAwaiter final
        : public detail::ResourceAwaiter<RecvAwaiter, typename State::RecvNode> {
    public:
        explicit RecvAwaiter(State& s) noexcept : m_state(s) {}
        RecvAwaiter(const RecvAwaiter&) = delete;
        ~RecvAwaiter() {
            if (!this->started() || m_consumed) return;
            detail::TaskHeader* drop = nullptr;
            {
                std::lock_guard g(m_state.lock);
                if (this->node.queued) {
                    m_state.recvWaiters.remove(this->node);
                    drop = std::exchange(this->node.task, nullptr);
                } else if (this->node.isDone() && m_out) {
                    // Cancelled after a sender handed us a value (e.g. a
                    // timeout firing at the same instant): receiving stays
                    // cancel-safe, the value goes back to the front.
                    m_state.buffer.push_front(std::move(*m_out));
                }
            }
            if (drop) drop->refDec();
        }
        bool start() noexcept {
            detail::TaskHeader* me = detail::t_context.task;
            detail::TaskHeader* wake = nullptr;
            std::size_t depth = 0;
            bool waiting = false;
            {
                std::lock_guard g(m_state.lock);
                if (!m_state.buffer.empty()) {
                    m_out.emplace(std::move(m_state.buffer.front()));
                    m_state.buffer.pop_front();
                    if (!m_state.sendWaiters.empty()) {
                        // Complete the first waiting send into the freed slot.
                        auto* s =
                            static_cast<typename State::SendNode*>(m_state.sendWaiters.popFront());
                        m_state.buffer.push_back(std::move(**s->value));
                        s->value->reset();
                        wake = std::exchange(s->task, nullptr);
                        s->done.store(true, std::memory_order_release);
                    }
                    depth = m_state.buffer.size();
                } else if (m_state.senders == 0 || m_state.closed) {
                    this->node.failed = true;  // closed and drained
                } else {
                    me->refInc();
                    this->node.task = me;
                    this->node.out = &m_out;
                    m_state.recvWaiters.pushBack(this->node);
                    waiting = true;
                }
            }
            if (waiting) {
                if (detail::observing()) [[unlikely]]
                    detail::emit(detail::currentRuntime(), EventKind::ChanEmpty, me->id,
                                 m_state.id);
                return false;
            }
            if (m_out && detail::observing()) [[unlikely]]
                detail::emit(detail::currentRuntime(), EventKind::ChanRecv, me ? me->id : 0,
                             m_state.id, depth);
            if (wake) wake->wakeByVal(WakeSource::Channel);
            return true;
        }
        // std::nullopt: every sender is gone (or the channel was closed) and
        // the buffer is empty.
        std::optional<T> await_resume() noexcept(std::is_nothrow_move_constructible_v<T>) {
            m_consumed = true;
            return std::move(m_out);
        }

    private:
        State& m_state;
        std::optional<T> m_out;
        bool m_consumed = false;
    };

    RecvAwaiter recv() noexcept { return RecvAwaiter(*m_state); }

    // co_await rx.recvMany(buf, limit) -> how many values were appended to
    // buf: waits for the first value as recv() does, then takes whatever else
    // is already buffered, up to `limit` in all (Tokio's recv_many). 0: the
    // channel is closed and drained. A consumer that handles a batch at a
    // time pays one wake-up and one poll for many messages.
    Task<std::size_t> recvMany(std::vector<T>& buf, std::size_t limit) {
        if (limit == 0) co_return 0;
        std::optional<T> first = co_await recv();
        if (!first) co_return 0;
        buf.push_back(std::move(*first));
        std::size_t n = 1;
        while (n < limit) {
            std::optional<T> more = tryRecv();
            if (!more) break;
            buf.push_back(std::move(*more));
            ++n;
        }
        co_return n;
    }

    std::optional<T> tryRecv() {
        std::optional<T> out;
        detail::TaskHeader* wake = nullptr;
        std::size_t depth = 0;
        {
            std::lock_guard g(m_state->lock);
            if (m_state->buffer.empty()) return std::nullopt;
            out.emplace(std::move(m_state->buffer.front()));
            m_state->buffer.pop_front();
            if (!m_state->sendWaiters.empty()) {
                auto* s = static_cast<typename State::SendNode*>(m_state->sendWaiters.popFront());
                m_state->buffer.push_back(std::move(**s->value));
                s->value->reset();
                wake = std::exchange(s->task, nullptr);
                s->done.store(true, std::memory_order_release);
            }
            depth = m_state->buffer.size();
        }
        if (detail::observing()) [[unlikely]]
            detail::emit(detail::currentRuntime(), EventKind::ChanRecv, currentTaskId(),
                         m_state->id, depth);
        if (wake) wake->wakeByVal(WakeSource::Channel);
        return out;
    }

    // Closes the channel for sending; values already buffered can still be received.
    void close() {
        if (m_state) m_state->close();
    }
    std::size_t size() const {
        std::lock_guard g(m_state->lock);
        return m_state->buffer.size();
    }
    std::size_t capacity() const noexcept { return m_state->capacity; }
    std::uint64_t id() const noexcept { return m_state ? m_state->id : 0; }
    bool valid() const noexcept { return m_state != nullptr; }

private:
    void reset() {
        if (m_state) {
            m_state->close();
            m_state.reset();
        }
    }
    std::shared_ptr<State> m_state;
};

// A bounded channel: send() waits while `capacity` values are buffered.
template <class T>
std::pair<Sender<T>, Receiver<T>> channel(std::size_t capacity, std::string_view name = {}) {
    auto s = std::make_shared<detail::ChannelState<T>>(capacity ? capacity : 1, name);
    return {Sender<T>(s), Receiver<T>(s)};
}

// An unbounded channel: send() never waits.
template <class T>
std::pair<Sender<T>, Receiver<T>> unboundedChannel(std::string_view name = {}) {
    auto s = std::make_shared<detail::ChannelState<T>>(0, name);
    return {Sender<T>(s), Receiver<T>(s)};
}

// ------------------------------------------------------------------ oneshot --

namespace detail {
template <class T>
struct OneshotState {
    static constexpr std::uint32_t VALUE = 1, TX_CLOSED = 2, RX_WAKER = 4, RX_CLOSED = 8;
    std::atomic<std::uint32_t> state{0};
    std::atomic<std::uint32_t> refs{2};
    TaskHeader* waker = nullptr;
    std::optional<T> value;

    void release() noexcept {
        if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
    }
    // The resource id its events carry, from the same counter as every other
    // resource's (it costs the state 8 bytes with padding: 32 in all for a
    // small T).
    const std::uint32_t id = static_cast<std::uint32_t>(nextResourceId());
    // Sender side: publish VALUE or TX_CLOSED; wake the receiver if it waits.
    void publish(std::uint32_t bit) noexcept {
        std::uint32_t prev = state.fetch_or(bit, std::memory_order_acq_rel);
        if ((prev & RX_WAKER) && !(prev & (VALUE | TX_CLOSED)))
            std::exchange(waker, nullptr)->wakeByVal(WakeSource::Channel);
    }
    // Receiver side: drop a registered waker if the sender has not taken it.
    void unregister(std::uint32_t extra) noexcept {
        std::uint32_t s = state.load(std::memory_order_acquire);
        for (;;) {
            bool own = (s & RX_WAKER) && !(s & (VALUE | TX_CLOSED));
            std::uint32_t next = (own ? (s & ~RX_WAKER) : s) | extra;
            if (next == s) return;
            if (state.compare_exchange_weak(s, next, std::memory_order_acq_rel,
                                            std::memory_order_acquire)) {
                if (own) std::exchange(waker, nullptr)->refDec();
                return;
            }
        }
    }
};
}  // namespace detail

template <class T>
class OneshotSender {
public:
    OneshotSender() noexcept = default;
    explicit OneshotSender(detail::OneshotState<T>* s) noexcept : m_state(s) {}
    OneshotSender(OneshotSender&& o) noexcept : m_state(std::exchange(o.m_state, nullptr)) {}
    OneshotSender& operator=(OneshotSender&& o) noexcept {
        if (this != &o) {
            reset();
            m_state = std::exchange(o.m_state, nullptr);
        }
        return *this;
    }
    ~OneshotSender() { reset(); }

    // Sends the value (once). Fails, handing it back, if the receiver is gone.
    SendResult<T> send(T value) {
        assert(m_state && "send on a used or empty OneshotSender");
        auto* s = std::exchange(m_state, nullptr);
        if (s->state.load(std::memory_order_acquire) & s->RX_CLOSED) {
            s->publish(s->TX_CLOSED);
            s->release();
            return SendResult<T>(std::move(value));
        }
        s->value.emplace(std::move(value));
        if (detail::observing()) [[unlikely]]
            detail::emit(detail::currentRuntime(), EventKind::ChanSend, currentTaskId(), s->id, 1);
        s->publish(s->VALUE);
        s->release();
        return SendResult<T>();
    }
    bool isClosed() const noexcept {
        return !m_state || (m_state->state.load(std::memory_order_acquire) & m_state->RX_CLOSED);
    }
    bool valid() const noexcept { return m_state != nullptr; }

private:
    void reset() noexcept {
        if (auto* s = std::exchange(m_state, nullptr)) {
            s->publish(s->TX_CLOSED);
            s->release();
        }
    }
    detail::OneshotState<T>* m_state = nullptr;
};

template <class T>
class OneshotReceiver {
public:
    OneshotReceiver() noexcept = default;
    explicit OneshotReceiver(detail::OneshotState<T>* s) noexcept : m_state(s) {}
    OneshotReceiver(OneshotReceiver&& o) noexcept : m_state(std::exchange(o.m_state, nullptr)) {}
    OneshotReceiver& operator=(OneshotReceiver&& o) noexcept {
        if (this != &o) {
            reset();
            m_state = std::exchange(o.m_state, nullptr);
        }
        return *this;
    }
    ~OneshotReceiver() { reset(); }
    bool valid() const noexcept { return m_state != nullptr; }
    // The id its events carry (0 once received or dropped).
    std::uint64_t id() const noexcept { return m_state ? m_state->id : 0; }

    class [[nodiscard]] Awaiter final : public detail::LeafAwaiter<Awaiter> {
    public:
        explicit Awaiter(detail::OneshotState<T>* s) noexcept : m_state(s) {}
        bool pollOperation() noexcept {
            using S = detail::OneshotState<T>;
            std::uint32_t s = m_state->state.load(std::memory_order_acquire);
            if (s & (S::VALUE | S::TX_CLOSED)) return true;
            if (s & S::RX_WAKER) return false;  // registered by this task already
            detail::TaskHeader* me = detail::t_context.task;
            me->refInc();
            m_state->waker = me;
            for (;;) {
                if (s & (S::VALUE | S::TX_CLOSED)) {
                    std::exchange(m_state->waker, nullptr)->refDec();
                    return true;
                }
                // Release: the sender that sees RX_WAKER sees the waker.
                if (m_state->state.compare_exchange_weak(
                        s, s | S::RX_WAKER, std::memory_order_acq_rel, std::memory_order_acquire)) {
                    if (detail::observing()) [[unlikely]]
                        detail::emit(detail::currentRuntime(), EventKind::ChanEmpty, me->id,
                                     m_state->id);
                    return false;
                }
            }
        }
        // The value, or std::nullopt if the sender was dropped without sending.
        std::optional<T> await_resume() {
            if (m_state->state.load(std::memory_order_acquire) & detail::OneshotState<T>::VALUE)
                return std::move(m_state->value);
            return std::nullopt;
        }

    private:
        detail::OneshotState<T>* m_state;
    };
    Awaiter operator co_await() noexcept {
        assert(m_state);
        return Awaiter(m_state);
    }

    std::optional<T> tryRecv() {
        if (m_state->state.load(std::memory_order_acquire) & detail::OneshotState<T>::VALUE)
            return std::move(m_state->value);
        return std::nullopt;
    }
    // The receiver stops listening: the sender's send() will fail.
    void close() noexcept {
        if (m_state) m_state->unregister(detail::OneshotState<T>::RX_CLOSED);
    }

private:
    void reset() noexcept {
        if (auto* s = std::exchange(m_state, nullptr)) {
            s->unregister(s->RX_CLOSED);
            s->release();
        }
    }
    detail::OneshotState<T>* m_state = nullptr;
};

template <class T>
std::pair<OneshotSender<T>, OneshotReceiver<T>> oneshot() {
    auto* s = new detail::OneshotState<T>();
    return {OneshotSender<T>(s), OneshotReceiver<T>(s)};
}

}  // namespace asyncscope
