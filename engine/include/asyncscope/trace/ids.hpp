// Strong ids for the trace's state. A task id, a worker index, a resource id,
// a spawn_blocking job id and a blocking-pool thread index are all small
// integers in the trace's records; in the RuntimeState (and in what the app
// shows of it) each is its own type, so that a job id can never be looked up
// as a resource nor a worker index be taken for a task. Construction is
// explicit and there is no conversion between them; value() gives the number
// back where a dense vector is indexed by it (RuntimeState::tasks).
//
// The Record (trace.hpp) keeps raw integers: it is the 24-byte wire format,
// and one of its fields means different ids for different events. The
// Reducer converts at that boundary.
//
// These are the trace's ids, not the runtime's: asyncscope::TaskId (task.hpp)
// is the engine's 64-bit task number, trace::TaskId its 32-bit recording.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace asyncscope::trace {

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

using TaskId = StrongId<struct TaskIdTag, std::uint32_t>;      // 0: no task
using WorkerId = StrongId<struct WorkerIdTag, std::uint16_t>;  // worker index, from 0
using ResourceId =
    StrongId<struct ResourceIdTag, std::uint32_t>;       // mutex, channel, semaphore, Notify
using JobId = StrongId<struct JobIdTag, std::uint32_t>;  // spawn_blocking job; 0: none
using BlockingThreadId = StrongId<struct BlockingThreadIdTag, std::uint32_t>;  // pool index

// The "none" of the ids where the trace uses 0 for it (a free lock's holder,
// an idle worker's running task, an idle blocking thread's job).
inline constexpr TaskId kNoTask{};
inline constexpr JobId kNoJob{};

}  // namespace asyncscope::trace

template <class Tag, class Rep>
struct std::hash<asyncscope::trace::StrongId<Tag, Rep>> {
    std::size_t operator()(asyncscope::trace::StrongId<Tag, Rep> id) const noexcept {
        return std::hash<Rep>{}(id.value());
    }
};
