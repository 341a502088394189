// Strong ids for what the views show. A task id, a worker index, a resource
// id and a blocking-pool thread index are all small integers in the trace;
// here each is its own type, so a worker index can never be taken for a task
// id (the painter's hit items used to carry one uint64 that meant all three).
// Construction is explicit and there is no conversion between them; value()
// gives the number back where the trace's state is indexed by it.
//
// Plain C++ on purpose: the painter that uses them moves to a Widgets-free
// (later Qt-free where it can be) core library.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

namespace asyncscope::core {

template <class Tag, class Rep>
class StrongId {
public:
    using Value = Rep;
    constexpr StrongId() noexcept = default;
    constexpr explicit StrongId(Rep value) noexcept : m_value(value) {}
    constexpr Rep value() const noexcept { return m_value; }
    friend constexpr bool operator==(StrongId, StrongId) noexcept = default;
    // Ordered for maps and sorting (<compare> is left out: moc cannot parse it).
    friend constexpr bool operator<(StrongId a, StrongId b) noexcept {
        return a.m_value < b.m_value;
    }

private:
    Rep m_value{};
};

using TaskId = StrongId<struct TaskIdTag, std::uint32_t>;          // 0: no task
using WorkerId = StrongId<struct WorkerIdTag, std::uint16_t>;      // worker index, from 0
using ResourceId = StrongId<struct ResourceIdTag, std::uint32_t>;  // mutex, channel, semaphore
using BlockingThreadId = StrongId<struct BlockingThreadIdTag, std::uint32_t>;  // pool index

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
