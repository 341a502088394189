// The names of the event enums (EventKind, QueueKind, WakeSource, PollResult)
// as trace files, exports and the CLI write them.
#include <asyncscope/event.hpp>

namespace asyncscope {

std::string_view toString(EventKind kind) noexcept {
    switch (kind) {
    case EventKind::Spawn: return "spawn";
    case EventKind::Schedule: return "schedule";
    case EventKind::PollStart: return "poll_start";
    case EventKind::PollEnd: return "poll_end";
    case EventKind::Wake: return "wake";
    case EventKind::Steal: return "steal";
    case EventKind::Park: return "park";
    case EventKind::Unpark: return "unpark";
    case EventKind::LockAcquire: return "lock_acquire";
    case EventKind::LockContend: return "lock_contend";
    case EventKind::LockRelease: return "lock_release";
    case EventKind::ChanSend: return "chan_send";
    case EventKind::ChanRecv: return "chan_recv";
    case EventKind::ChanFull: return "chan_full";
    case EventKind::ChanEmpty: return "chan_empty";
    case EventKind::ChanClose: return "chan_close";
    case EventKind::SemAcquire: return "sem_acquire";
    case EventKind::SemRelease: return "sem_release";
    case EventKind::SemWait: return "sem_wait";
    case EventKind::TimerRegister: return "timer_register";
    case EventKind::TimerFire: return "timer_fire";
    case EventKind::TimerCancel: return "timer_cancel";
    case EventKind::BlockingStart: return "blocking_start";
    case EventKind::BlockingEnd: return "blocking_end";
    case EventKind::Cancel: return "cancel";
    case EventKind::Complete: return "complete";
    case EventKind::Error: return "error";
    case EventKind::StepEnter: return "step_enter";
    case EventKind::BlockingThreadStart: return "blocking_thread_start";
    case EventKind::BlockingThreadExit: return "blocking_thread_exit";
    case EventKind::JoinWait: return "join_wait";
    case EventKind::NotifyWait: return "notify_wait";
    case EventKind::OffCpu: return "off_cpu";
    case EventKind::HostPreempt: return "host_preempt";
    case EventKind::RunEnd: return "run_end";
    case EventKind::TaskFrame: return "task_frame";
    case EventKind::Count: break;
    }
    return "?";
}

std::string_view toString(QueueKind kind) noexcept {
    switch (kind) {
    case QueueKind::Local: return "local";
    case QueueKind::LifoSlot: return "lifo";
    case QueueKind::Global: return "global";
    case QueueKind::Blocking: return "blocking";
    case QueueKind::BlockOn: return "block_on";
    }
    return "?";
}

std::string_view toString(WakeSource source) noexcept {
    switch (source) {
    case WakeSource::Timer: return "timer";
    case WakeSource::Channel: return "channel";
    case WakeSource::Mutex: return "mutex";
    case WakeSource::Semaphore: return "semaphore";
    case WakeSource::Notify: return "notify";
    case WakeSource::Join: return "join";
    case WakeSource::Yield: return "yield";
    case WakeSource::Blocking: return "blocking";
    case WakeSource::External: return "external";
    case WakeSource::Cancel: return "cancel";
    case WakeSource::Count: break;
    }
    return "?";
}

std::string_view toString(PollResult result) noexcept {
    switch (result) {
    case PollResult::Pending: return "pending";
    case PollResult::Ready: return "ready";
    case PollResult::Cancelled: return "cancelled";
    case PollResult::Error: return "error";
    }
    return "?";
}

}  // namespace asyncscope
