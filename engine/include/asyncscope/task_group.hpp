// TaskGroup<T>: structured concurrency in the shape of Tokio's JoinSet.
// Tasks spawned into a group are cancelled together: abortAll(), or simply
// destroying the group (leaving the scope, or the owning task being cancelled)
// cancels every task still in it -- cancellation cascades down the tree.
#pragma once

#include <asyncscope/join_handle.hpp>
#include <asyncscope/task.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace asyncscope {

template <class T = void>
class TaskGroup {
public:
    TaskGroup() = default;
    TaskGroup(const TaskGroup&) = delete;
    TaskGroup& operator=(const TaskGroup&) = delete;
    TaskGroup(TaskGroup&&) noexcept = default;
    ~TaskGroup() { abortAll(); }

    TaskId spawn(Task<T> task, std::string_view name = {}, std::uint32_t tag = 0) {
        m_tasks.push_back(asyncscope::spawn(std::move(task), name, tag));
        return m_tasks.back().id();
    }
    std::size_t size() const noexcept { return m_tasks.size(); }
    bool empty() const noexcept { return m_tasks.empty(); }
    void abortAll() noexcept {
        for (auto& h : m_tasks) h.abort();
    }

    // Waits for the next task of the group to finish and removes it.
    // Returns std::nullopt when the group is empty; rethrows the task's error,
    // or Cancelled if it was cancelled.
    class [[nodiscard]] JoinNext final : public detail::Pollable {
    public:
        explicit JoinNext(TaskGroup& g) noexcept : m_group(g) {}
        bool await_ready() noexcept { return m_group.m_tasks.empty() || findFinished(); }
        bool await_suspend(std::coroutine_handle<> h) noexcept {
            if (poll()) return false;
            detail::suspendCurrent(h, this);
            return true;
        }
        bool poll() noexcept override {
            if (findFinished()) return true;
            detail::TaskHeader* me = detail::t_context.task;
            for (auto& h : m_group.m_tasks)
                if (!detail::setJoinWaker(h.header(), me)) return findFinished();
            if (findFinished()) return true;
            if (detail::observing()) [[unlikely]]  // arg 0: waits for any task of its group
                detail::emit(detail::currentRuntime(), EventKind::JoinWait, me->id, 0);
            return false;
        }
        std::optional<ValueOr<T>> await_resume() {
            if (m_group.m_tasks.empty()) return std::nullopt;
            JoinHandle<T> h = std::move(m_group.m_tasks[m_found]);
            m_group.m_tasks.erase(m_group.m_tasks.begin() + static_cast<std::ptrdiff_t>(m_found));
            if constexpr (std::is_void_v<T>) {
                h.get();
                return Unit{};
            } else {
                return h.get();
            }
        }

    private:
        bool findFinished() noexcept {
            for (std::size_t i = 0; i < m_group.m_tasks.size(); ++i)
                if (m_group.m_tasks[i].isFinished()) {
                    m_found = i;
                    return true;
                }
            return false;
        }
        TaskGroup& m_group;
        std::size_t m_found = 0;
    };
    JoinNext joinNext() noexcept { return JoinNext(*this); }

    // Waits for every task, in completion order. The first error propagates
    // (the rest stay in the group and are cancelled with it).
    Task<std::vector<ValueOr<T>>> joinAll() {
        std::vector<ValueOr<T>> out;
        while (auto v = co_await joinNext()) out.push_back(std::move(*v));
        co_return out;
    }

private:
    std::vector<JoinHandle<T>> m_tasks;
};

}  // namespace asyncscope
