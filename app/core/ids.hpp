// Strong ids for what the views show: the engine's trace ids (a task id, a
// worker index, a resource id and a blocking-pool thread index are all small
// integers in the trace; asyncscope/trace/ids.hpp makes each its own type), so
// that the painter, its hit items and the RuntimeState they are read from
// agree on one set of types. Here is what an item on screen refers to.
//
// Plain C++ on purpose: the painter that uses them lives in a Widgets-free
// core library.
#pragma once

#include <asyncscope/trace/ids.hpp>

#include <cstdint>
#include <optional>
#include <variant>

namespace asyncscope::core {

using TaskId = trace::TaskId;                      // 0: no task
using WorkerId = trace::WorkerId;                  // worker index, from 0
using ResourceId = trace::ResourceId;              // mutex, channel, semaphore
using BlockingThreadId = trace::BlockingThreadId;  // pool index

// What an item on screen refers to: nothing, or exactly one of the ids above.
// The accessors answer only for their own kind, so asking a worker lane for
// its task gives nullopt rather than the worker's index read as a task id.
class ItemRef {
public:
    enum class Kind : std::uint8_t { None, Task, Worker, Resource, BlockingThread };

    constexpr ItemRef() noexcept = default;
    constexpr ItemRef(TaskId id) noexcept : m_id(id) {}
    constexpr ItemRef(WorkerId id) noexcept : m_id(id) {}
    constexpr ItemRef(ResourceId id) noexcept : m_id(id) {}
    constexpr ItemRef(BlockingThreadId id) noexcept : m_id(id) {}

    // The variant's alternatives are in Kind's order.
    constexpr Kind kind() const noexcept { return static_cast<Kind>(m_id.index()); }
    constexpr std::optional<TaskId> task() const noexcept { return get<TaskId>(); }
    constexpr std::optional<WorkerId> worker() const noexcept { return get<WorkerId>(); }
    constexpr std::optional<ResourceId> resource() const noexcept { return get<ResourceId>(); }
    constexpr std::optional<BlockingThreadId> blockingThread() const noexcept {
        return get<BlockingThreadId>();
    }
    friend constexpr bool operator==(const ItemRef&, const ItemRef&) noexcept = default;

private:
    template <class Id>
    constexpr std::optional<Id> get() const noexcept {
        if (std::holds_alternative<Id>(m_id)) return std::get<Id>(m_id);
        return std::nullopt;
    }
    std::variant<std::monostate, TaskId, WorkerId, ResourceId, BlockingThreadId> m_id;
};

}  // namespace asyncscope::core
