// The detectors' message catalogue: every text a finding shows, in English
// and Simplified Chinese -- durations, thread and task names, lists, what a
// task waits on, and each kind's title, what, why and fix. The detectors
// (one file each) state the facts; these functions put them into words.
// Keep the two languages saying the same thing.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>
#include <cstdio>

namespace asyncscope::trace {

namespace detect {

std::string num(double v, const char* f) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string dur(std::uint64_t ns, bool zh) {
    if (ns >= 1'000'000'000) return num(static_cast<double>(ns) / 1e9, zh ? "%.2f 秒" : "%.2f s");
    if (ns >= 1'000'000) return num(static_cast<double>(ns) / 1e6, zh ? "%.1f 毫秒" : "%.1f ms");
    if (ns >= 1'000) return num(static_cast<double>(ns) / 1e3, zh ? "%.0f 微秒" : "%.0f µs");
    return std::to_string(ns) + (zh ? " 纳秒" : " ns");
}
std::string at(std::uint64_t ns, bool zh) {
    return "t = " + dur(ns, zh);
}

std::string threadName(std::uint16_t code, bool zh) {
    if (code & kBlockingFlag)
        return (zh ? "阻塞线程 " : "blocking thread ") + std::to_string(code & ~kBlockingFlag);
    return (zh ? "工作线程 " : "worker ") + std::to_string(code);
}

std::string upperFirst(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

}  // namespace detect

using namespace detect;

// ------------------------------------------------------------------- names --

bool Detectors::Impl::named(std::uint32_t id) const {
    return trace.taskName(id) != "task " + std::to_string(id);
}
// "'name'" or "#id"
std::string Detectors::Impl::q(std::uint32_t id) const {
    return named(id) ? "'" + trace.taskName(id) + "'" : "#" + std::to_string(id);
}
std::string Detectors::Impl::res(std::uint64_t id) const {
    for (const RecordedResource& r : trace.info().resources)
        if (r.id == id && !r.name.empty()) return "'" + r.name + "'";
    return "#" + std::to_string(id);
}
// "task 'name'" / "任务 'name'"
std::string Detectors::Impl::task(std::uint32_t id, bool zh) const {
    return (zh ? "任务 " : "task ") + q(id);
}
// "'a', 'b' and 3 more"; tasks sharing a name are told apart by id.
std::string Detectors::Impl::list(const std::vector<std::uint32_t>& ids, std::size_t total,
                                  bool zh) const {
    std::string out;
    const std::size_t n = std::min(ids.size(), opt.maxListed);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i) names.push_back(q(ids[i]));
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += zh ? "、" : ", ";
        out += names[i];
        if (named(ids[i]) && std::count(names.begin(), names.end(), names[i]) > 1)
            out += " #" + std::to_string(ids[i]);
    }
    if (total > n) {
        if (zh)
            out += " 等共 " + std::to_string(total) + " 个";
        else
            out += " and " + std::to_string(total - n) + " more";
    }
    return out;
}
std::uint64_t Detectors::Impl::groupKey(const TaskInfo* t) {
    if (!t) return kNoString;
    if (t->templateIndex != kNoTemplate) return (std::uint64_t{1} << 32) | t->templateIndex;
    return t->name;
}
// The tasks of one group: "of template 'x'" / "named 'x'" (after "tasks").
std::string Detectors::Impl::group(std::uint64_t key, bool zh) const {
    if (key >> 32) {
        const std::uint32_t i = static_cast<std::uint32_t>(key);
        const auto& ts = trace.info().templates;
        if (i < ts.size() && !ts[i].empty())
            return zh ? "模板 '" + ts[i] + "' 的" : "of template '" + ts[i] + "'";
        return zh ? "同一模板的" : "of one template";
    }
    const auto nameIdx = static_cast<std::uint32_t>(key);
    std::string_view n = trace.string(nameIdx);
    if (nameIdx == kNoString || n.empty()) return zh ? "未命名的" : "without a name";
    return zh ? "名为 '" + std::string(n) + "' 的" : "named '" + std::string(n) + "'";
}

// ------------------------------------------------------------------- waits --

std::string Detectors::Impl::describeWait(const RuntimeState& s, TaskId id, bool zh) const {
    const TaskInfo* t = s.task(id);
    const WaitTarget w = waitOf(s, id);
    // The resource by name, or "#id" of the joined task or the job.
    std::string on = "#0";
    if (auto r = w.resource())
        on = res(r->value());
    else if (auto j = w.task())
        on = "#" + std::to_string(j->value());
    else if (auto b = w.job())
        on = "#" + std::to_string(b->value());
    switch (w.kind()) {
    case WaitKind::Mutex:
    case WaitKind::BlockingMutex: {
        const TaskId h = holderOf(s, *w.resource());
        std::string held;
        if (h != kNoTask && h != id)
            held = zh ? "（由" + task(h, true) + " 持有）" : " (held by " + task(h, false) + ")";
        if (w.kind() == WaitKind::Mutex)
            return zh ? "在等待互斥锁 " + on + held : "waits for mutex " + on + held;
        return zh ? "阻塞在阻塞式互斥锁 " + on + " 的 lock() 中" + held
                  : "is blocked in lock() of blocking mutex " + on + held;
    }
    case WaitKind::Channel: {
        bool sending = false;
        if (auto it = s.channels.find(*w.resource()); it != s.channels.end())
            sending = std::find(it->second.waitingSenders.begin(), it->second.waitingSenders.end(),
                                id) != it->second.waitingSenders.end();
        if (sending)
            return zh ? "在等待向已满的通道 " + on + " 发送"
                      : "waits to send on full channel " + on;
        return zh ? "在等待从通道 " + on + " 接收消息" : "waits to receive from channel " + on;
    }
    case WaitKind::Semaphore:
        return zh ? "在等待信号量 " + on + " 的许可" : "waits for permits of semaphore " + on;
    case WaitKind::Notify: return zh ? "在等待 Notify " + on + " 的通知" : "waits on Notify " + on;
    case WaitKind::Join:
        return zh ? "在等待" + task(*w.task(), true) + " 结束"
                  : "waits for " + task(*w.task(), false) + " to finish";
    case WaitKind::Blocking:
        return zh ? "在等待 spawn_blocking 作业 " + on + " 完成"
                  : "waits for spawn_blocking job " + on;
    case WaitKind::Timer: return zh ? "在等待定时器" : "waits for a timer";
    case WaitKind::None: break;
    }
    if (t && t->phase == TaskPhase::Idle)
        return zh ? "在等待，但没有在任何地方注册唤醒器"
                  : "waits with no waker registered anywhere";
    return zh ? "处于 " + std::string(toString(t ? t->phase : TaskPhase::Unknown)) + " 状态"
              : "is " + std::string(toString(t ? t->phase : TaskPhase::Unknown));
}

// ---------------------------------------------------------------- deadlock --

void Detectors::Impl::deadlockText(Finding& f, const std::vector<Edge>& path,
                                   const BlockedWorkers& blocked,
                                   const std::vector<std::uint32_t>& key,
                                   const DeadlockShape& shape) const {
    // The chain, in order, in both languages.
    auto blockedList = [&](bool zh) {
        std::string out;
        for (std::size_t i = 0; i < blocked.size(); ++i) {
            if (i) out += zh ? "，" : ", ";
            out +=
                zh ? threadName(blocked[i].first, true) + " 被" + task(blocked[i].second, true) +
                         " 占住"
                   : threadName(blocked[i].first, false) + " by " + task(blocked[i].second, false);
        }
        return out;
    };
    for (bool zh : {false, true}) {
        std::string text;
        for (std::size_t i = 0; i < path.size(); ++i) {
            const Edge& e = path[i];
            std::string subject = task(e.from, zh);
            if (i == 0)
                text += zh ? subject : upperFirst(subject);
            else if (zh)
                text += "，而" + subject;
            else
                text += path[i - 1].kind == WaitKind::Join ? ", while " + subject : ", which";
            const std::string rn = res(e.resource.value());
            const std::string to = e.to == e.from ? (zh ? "它自己" : "itself") : task(e.to, zh);
            switch (e.kind) {
            case WaitKind::Mutex:
                text += zh ? " 在等待互斥锁 " + rn + "（由" + to + " 持有）"
                           : " waits for mutex " + rn + " held by " + to;
                break;
            case WaitKind::BlockingMutex:
                text += zh ? " 在" + threadName(e.worker, true) + " 上阻塞于阻塞式互斥锁 " + rn +
                                 " 的 lock()（该锁由" + to + " 持有）"
                           : " (blocked inside lock() on " + threadName(e.worker, false) +
                                 ") waits for blocking mutex " + rn + " held by " + to;
                break;
            case WaitKind::Join:
                text += zh ? " 在等待" + to + " 结束（await 它的 JoinHandle）"
                           : " waits for " + to + " to finish (it awaits its JoinHandle)";
                break;
            default:
                text += zh ? " 并没有在运行：它只能由工作线程来轮询，而所有工作线程都被阻塞了（" +
                                 blockedList(true) + "）"
                           : " is not running: it can only continue when a worker polls it, "
                             "and every worker is blocked (" +
                                 blockedList(false) + ")";
                break;
            }
        }
        text += zh ? "。" : ".";
        (zh ? f.what.zh : f.what.en) = text;
    }

    const std::size_t nTasks = key.size();
    if (shape.hasWorkerEdge) {
        f.title = {
            "Deadlock: every worker is blocked on a blocking mutex held by a task that cannot "
            "run",
            "死锁：所有工作线程都阻塞在阻塞式互斥锁上，而持有锁的任务无法运行"};
        const std::uint32_t holder = path.back().from.value();
        f.why = {
            "A BlockingMutex is a thread lock (like std::sync::Mutex): lock() blocks the whole "
            "worker "
            "thread until the lock is free. " +
                upperFirst(task(holder, false)) +
                " took it and then suspended at an .await while still holding the guard, so it "
                "can "
                "only release it after a worker polls it again. But the worker threads are "
                "stuck "
                "inside lock(), waiting for that very lock: no worker will ever poll " +
                q(holder) +
                " again, and nothing else runs on them either (no task, no timer). The runtime "
                "is "
                "frozen, not just these tasks.",
            "BlockingMutex 是线程锁（类似 std::sync::Mutex）：lock() "
            "会阻塞整个工作线程，直到锁被释放。" +
                task(holder, true) +
                " 拿到了这把锁，然后在持有锁守卫（guard）的情况下在 .await "
                "处挂起，所以只有当某个工作线程"
                "再次轮询它时，它才能释放这把锁。可是工作线程都卡在 lock() "
                "里等待的正是这把锁：再也没有"
                "工作线程会轮询 " +
                q(holder) +
                "，这些线程上的其他任务和定时器也都无法运行。被冻结的是整个运行时，而不只是这几"
                "个任务。"};
        f.fix = {
            "Never hold a blocking mutex guard across .await: release it before awaiting (keep "
            "the "
            "guard's scope to synchronous code), or use the async Mutex (tokio::sync::Mutex). "
            "Its "
            "lock() suspends the task instead of blocking the thread, and its guard may be "
            "held "
            "across .await: that is exactly what it is for.",
            "不要在持有阻塞式互斥锁守卫的情况下跨越 .await：在 await "
            "之前释放它（让守卫的作用域只覆盖同步代码），"
            "或者改用异步互斥锁（tokio::sync::Mutex）。它的 lock() 会挂起任务而不是阻塞线程，"
            "它的守卫也可以跨越 .await 持有——这正是异步互斥锁存在的意义。"};
    } else if (!shape.hasJoin) {
        f.title =
            nTasks == 1
                ? LocalizedText{"Deadlock: " + task(key[0], false) +
                                    " waits for a lock it holds itself",
                                "死锁：" + task(key[0], true) + " 在等待它自己持有的锁"}
                : LocalizedText{
                      "Deadlock: " + std::to_string(nTasks) + " tasks wait for each other's locks",
                      "死锁：" + std::to_string(nTasks) + " 个任务互相等待对方持有的锁"};
        std::string en =
            "Each task in the cycle holds a lock and waits for a lock that the next one holds. "
            "A waiter "
            "only wakes up when the holder releases, and every holder here is itself waiting, "
            "so none "
            "of these waits can ever end. ";
        std::string zh =
            "环中的每个任务都持有一把锁，同时在等待下一个任务持有的锁。等待者只有在持有者释放锁"
            "时才会被唤醒，"
            "而这里的每个持有者自己也在等待，所以这些等待永远不会结束。";
        if (shape.hasBlocking) {
            en += "The tasks blocked in a BlockingMutex also hold their worker threads.";
            zh += "阻塞在 BlockingMutex 上的任务还同时占住了它们的工作线程。";
        } else {
            en +=
                "The worker threads stay free, but these tasks, and everything that waits for "
                "them, are "
                "stuck forever: no error, no timeout.";
            zh +=
                "工作线程本身仍然空闲，但这些任务以及所有等待它们的任务都会永远卡住：没有错误，"
                "也没有超时。";
        }
        f.why = {en, zh};
        f.fix = {
            "Take locks in one fixed global order everywhere (e.g. always the lower-numbered "
            "mutex "
            "first), or hold only one lock at a time (copy out what you need, drop the guard, "
            "then "
            "lock the other), or put the data under a single lock. A tokio::time::timeout "
            "around "
            "lock() only turns the hang into an error.",
            "在所有地方都按同一个全局顺序加锁（例如总是先锁编号小的互斥锁），或者一次只持有一把"
            "锁"
            "（先复制出需要的数据、释放守卫，再去锁另一把），或者把这些数据放在同一把锁下。"
            "在 lock() 外面套 tokio::time::timeout 只能把卡死变成一个错误。"};
    } else {
        f.title = nTasks == 1
                      ? LocalizedText{"Deadlock: " + task(key[0], false) + " waits for itself",
                                      "死锁：" + task(key[0], true) + " 在等待它自己"}
                      : LocalizedText{
                            "Deadlock: " + std::to_string(nTasks) + " tasks wait for each other",
                            "死锁：" + std::to_string(nTasks) + " 个任务互相等待"};
        std::string en = "Every task in the cycle waits for the next one ";
        std::string zh = "环中的每个任务都在等待下一个任务";
        if (shape.hasMutex || shape.hasBlocking) {
            en += "to finish or to release a lock, ";
            zh += "结束或释放一把锁，";
        } else {
            en += "to finish (awaiting its JoinHandle), ";
            zh += "结束（await 它的 JoinHandle），";
        }
        en +=
            "and none of them can finish first: awaiting a task's JoinHandle only returns when "
            "that "
            "task completes, and it never will.";
        zh +=
            "而其中没有一个能先结束：await 一个任务的 JoinHandle "
            "只有在那个任务完成时才会返回，而它永远不会完成。";
        f.why = {en, zh};
        f.fix = {
            "Make the dependency go one way: a task must not await the JoinHandle of a task "
            "that "
            "(directly or through a lock) waits for it. Pass results through a channel or a "
            "oneshot instead, let a parent own and join the children, and release locks before "
            "awaiting another task.",
            "让依赖关系只朝一个方向：一个任务不能 await "
            "某个（直接或通过锁间接）在等待它的任务的 JoinHandle。"
            "改用通道或 oneshot 传递结果，由父任务持有并 join "
            "子任务，并在等待其他任务之前释放锁。"};
    }
}

// ------------------------------------------------------------------- stall --

void Detectors::Impl::stallText(Finding& f, const RuntimeState& s,
                                const std::vector<std::uint32_t>& stuck, std::size_t explainedCount,
                                std::uint64_t time) const {
    const std::string n = std::to_string(stuck.size());
    f.title = {"Stall: " + n + " task(s) wait forever, with nothing left to wake them",
               "停滞：" + n + " 个任务永远在等待，已经没有任何东西能唤醒它们"};
    std::string en = "From " + at(time, false) +
                     " the runtime was idle for good: nothing runnable or "
                     "running, no timer armed, no blocking job in flight, yet " +
                     n + " task(s) had not finished: ";
    std::string zh = "从 " + at(time, true) +
                     " 起，运行时彻底空闲了：没有可运行或正在运行的任务，没有已设置的定时器，"
                     "也没有进行中的阻塞作业，但仍有 " +
                     n + " 个任务没有结束：";
    const std::size_t listed = std::min<std::size_t>(stuck.size(), opt.maxListed * 2);
    for (std::size_t i = 0; i < listed; ++i) {
        if (i) {
            en += "; ";
            zh += "；";
        }
        en += q(stuck[i]) + " " + describeWait(s, TaskId(stuck[i]), false);
        zh += q(stuck[i]) + " " + describeWait(s, TaskId(stuck[i]), true);
    }
    if (stuck.size() > listed) {
        en += "; and " + std::to_string(stuck.size() - listed) + " more";
        zh += "；另外还有 " + std::to_string(stuck.size() - listed) + " 个";
    }
    en += ".";
    zh += "。";
    if (explainedCount) {
        en += " " + std::to_string(explainedCount) +
              " other task(s) are stuck behind the deadlock or lost waker reported separately.";
        zh +=
            "另有 " + std::to_string(explainedCount) + " 个任务卡在单独报告的死锁或丢失唤醒之后。";
    }
    f.what = {en, zh};
    f.why = {
        "Each of these tasks waits for something that only another task or code outside the "
        "runtime "
        "could do (send a message, notify, release a lock, finish), and no task will ever run "
        "again "
        "to do it. Tokio then simply parks its threads: the program hangs without an error.",
        "这些任务中的每一个都在等待只有另一个任务或运行时之外的代码才能做的事（发送消息、通知、"
        "释放锁、结束），"
        "而再也不会有任务运行来做这件事。此时 Tokio "
        "只会让它的线程休眠：程序挂住，却没有任何错误。"};
    f.fix = {
        "For each waiting task, find who should wake it and make sure every path does: send or "
        "notify "
        "on all paths, drop unused Senders (dropping the last Sender closes the channel and "
        "wakes the "
        "receiver), avoid cycles of tasks waiting on each other through channels, and put a "
        "tokio::time::timeout on waits that may never complete.",
        "对每个等待中的任务，找出应该唤醒它的一方，并确保每条路径都会这样做：在所有路径上发送或"
        "通知，"
        "丢弃不再使用的 Sender（最后一个 Sender "
        "被丢弃时通道关闭，接收者会被唤醒），避免任务之间通过通道"
        "互相等待形成环，并给可能永远不会完成的等待加上 tokio::time::timeout。"};
}

// -------------------------------------------------------------- lost waker --

void Detectors::Impl::lostWakerText(Finding& f, std::uint32_t id, const TaskTrack& tt) const {
    const std::string point =
        tt.lostPoint ? " (await point " + std::to_string(tt.lostPoint) + ")" : "";
    const std::string pointZh =
        tt.lostPoint ? "（await 点 " + std::to_string(tt.lostPoint) + "）" : "";
    f.title = {"Lost waker: " + task(id, false) + " can never be woken",
               "丢失唤醒：" + task(id, true) + " 永远不会被唤醒"};
    f.what = {
        "At " + at(tt.lostTime, false) + ", " + task(id, false) + " returned Pending" + point +
            " without arming a timer or registering with a lock, channel, semaphore, Notify, "
            "JoinHandle or blocking job, and nothing woke it afterwards: it was never polled "
            "again.",
        "在 " + at(tt.lostTime, true) + " 时，" + task(id, true) + " 返回了 Pending" + pointZh +
            "，但它既没有设置定时器，也没有在锁、通道、信号量、Notify、JoinHandle "
            "或阻塞作业上注册，"
            "此后也没有任何东西唤醒它：它再也没有被轮询过。"};
    f.why = {
        "The scheduler polls a task again only after its Waker is called. The Future contract: "
        "before returning Poll::Pending, a future must make sure that cx.waker() will be woken "
        "when "
        "it can make progress. This await point returned Pending without handing its waker to "
        "anyone, so the task hangs silently: no error, no CPU, whatever it owns is held "
        "forever.",
        "调度器只有在任务的 Waker 被调用之后才会再次轮询它。Future 的约定是：在返回 "
        "Poll::Pending 之前，"
        "future 必须保证在它能继续推进时 cx.waker() 会被唤醒。这个 await 点返回了 "
        "Pending，却没有把唤醒器"
        "交给任何人，所以任务会悄无声息地挂住：没有错误，也不占 "
        "CPU，它持有的资源永远不会被释放。"};
    f.fix = {
        "In the hand-written future or awaiter, store cx.waker().clone() where the event "
        "source will "
        "call wake() (update it on every poll), and check the condition again after "
        "registering so "
        "a wake cannot slip in between. Better: build it on an existing primitive "
        "(tokio::sync::Notify, "
        "a oneshot channel) that manages the waker for you.",
        "在手写的 future 或 awaiter 中，把 cx.waker().clone() 保存到事件源会调用 wake() "
        "的地方（每次轮询都要更新），"
        "并在注册之后再检查一次条件，以免唤醒恰好在两者之间发生而被错过。更好的做法是基于现成的"
        "原语"
        "（tokio::sync::Notify、oneshot 通道）来实现，由它们替你管理唤醒器。"};
}

// ---------------------------------------------------- blocking the runtime --

void Detectors::Impl::blockingText(Finding& f, const Poll& p, std::uint16_t worker, std::uint64_t d,
                                   std::uint32_t point, bool ended, std::uint64_t end,
                                   const std::vector<std::uint32_t>& waiting,
                                   std::size_t waitingTotal, std::size_t polledElsewhere) const {
    const std::string pt = point ? " (await point " + std::to_string(point) + ")" : "";
    const std::string ptZh = point ? "（await 点 " + std::to_string(point) + "）" : "";
    const std::string lockRes = res(p.blockingLock);
    f.title = {"Blocking the runtime: " + task(p.task, false) + " held " +
                   threadName(worker, false) + " for " + dur(d, false),
               "阻塞运行时：" + task(p.task, true) + " 占用" + threadName(worker, true) + " 达 " +
                   dur(d, true)};
    std::string en =
        "One poll of " + task(p.task, false) + pt + " ran for " + (ended ? "" : "at least ") +
        dur(d, false) + " on " + threadName(worker, false) + ", from " + at(p.start, false) +
        (ended ? " to " + at(end, false) : " until the end of the trace (still running)");
    std::string zh = task(p.task, true) + (point ? ptZh : " ") + "的一次轮询在" +
                     threadName(worker, true) + " 上运行了 " + (ended ? "" : "至少 ") +
                     dur(d, true) + "，从 " + at(p.start, true) +
                     (ended ? " 到 " + at(end, true) : " 一直到记录结束（仍在运行）");
    if (p.blockingLock) {
        en += "; it was blocked inside lock() of blocking mutex " + lockRes;
        zh += "；它阻塞在阻塞式互斥锁 " + lockRes + " 的 lock() 里";
    }
    en += ".";
    zh += "。";
    if (waitingTotal) {
        en += " Meanwhile " + std::to_string(waitingTotal) +
              " task(s) were ready to run but waited in a queue: " +
              list(waiting, waitingTotal, false) + ".";
        zh += "与此同时，有 " + std::to_string(waitingTotal) +
              " 个任务已经可以运行，却只能在队列里等待：" + list(waiting, waitingTotal, true) +
              "。";
    } else {
        en += " No other task was left waiting in a queue when it ended.";
        zh += "它结束时，没有其他任务还在队列中等待。";
    }
    if (polledElsewhere != 0) {
        en += " " + std::to_string(polledElsewhere) +
              " other task(s) were polled by other workers meanwhile.";
        zh += "其间另有 " + std::to_string(polledElsewhere) + " 个任务由其他工作线程轮询。";
    }
    f.what = {en, zh};
    f.why = {
        "A Tokio worker thread runs one task's poll at a time, and a poll should return within "
        "about 10-100 µs. A blocking call inside async code (std::thread::sleep, a blocking "
        "lock, "
        "synchronous file or network I/O, a long computation) holds the worker thread: the "
        "tasks "
        "queued on it wait, its timers fire late, and on a current-thread runtime everything "
        "stops.",
        "Tokio 的工作线程一次只运行一个任务的一次轮询，而一次轮询应该在大约 10-100 微秒内返回。"
        "在异步代码里调用阻塞操作（std::thread::sleep、阻塞锁、同步的文件或网络 "
        "I/O、长时间计算）"
        "会一直占住工作线程：排在它上面的任务只能等待，它的定时器会迟到，在单线程（current-"
        "thread）"
        "运行时上则一切都会停下来。"};
    if (p.blockingLock)
        f.fix = {
            "Use the async Mutex (tokio::sync::Mutex), whose lock() suspends the task instead "
            "of "
            "blocking the thread; if a blocking lock must stay, hold it only for short "
            "synchronous "
            "sections and never across .await. Move other blocking work to "
            "tokio::task::spawn_blocking.",
            "改用异步互斥锁（tokio::sync::Mutex），它的 lock() "
            "会挂起任务而不是阻塞线程；如果必须保留阻塞锁，"
            "只在很短的同步代码段中持有它，绝不要跨越 .await。其他阻塞工作请移到 "
            "tokio::task::spawn_blocking。"};
    else
        f.fix = {
            "Move the blocking call to tokio::task::spawn_blocking (or a dedicated thread; "
            "rayon for "
            "CPU-heavy work), or use the async alternative (tokio::time::sleep, "
            "tokio::sync::Mutex, "
            "tokio::fs and async I/O). Split long computations into chunks with "
            "tokio::task::yield_now().await between them.",
            "把阻塞调用移到 tokio::task::spawn_blocking（或专门的线程；CPU 密集的工作可用 "
            "rayon），"
            "或者使用异步的替代品（tokio::time::sleep、tokio::sync::Mutex、tokio::fs 和异步 "
            "I/O）。"
            "把长时间的计算拆成小块，在块与块之间调用 tokio::task::yield_now().await。"};
}

LocalizedText Detectors::Impl::blockingRepeatText(const Aggregate& agg,
                                                  std::uint64_t nameIdx) const {
    const std::string n = std::to_string(agg.count), m = std::to_string(agg.tasks.size());
    return {agg.baseWhat.en + " In all, polls of tasks " + group(nameIdx, false) +
                " at this await point ran too long " + n + " times (" + m +
                " different task(s)); the longest lasted " + dur(agg.longest, false) + ".",
            agg.baseWhat.zh + "总计：" + group(nameIdx, true) + "任务在这个 await 点上共有 " + n +
                " 次轮询过长（涉及 " + m + " 个不同的任务），最长的一次持续了 " +
                dur(agg.longest, true) + "。"};
}

// The occurrences of a group, for its median. The kept durations stay
// under kMaxKept: past it, every other one is dropped and the stride
// doubles, so a million occurrences keep an even sample.
void Detectors::Impl::Aggregate::count1(std::uint32_t task) {
    ++count;
    if (tasks.size() < (1u << 20)) tasks.insert(task);
}

void Detectors::Impl::Aggregate::duration(std::uint64_t d) {
    constexpr std::size_t kMaxKept = 1u << 16;
    longest = std::max(longest, d);
    if (sampled++ % keepEvery != 0) return;
    durations.push_back(d);
    if (durations.size() >= kMaxKept) {
        std::size_t w = 0;
        for (std::size_t i = 0; i < durations.size(); i += 2) durations[w++] = durations[i];
        durations.resize(w);
        keepEvery *= 2;
    }
}

std::uint64_t Detectors::Impl::Aggregate::median() const {
    if (durations.empty()) return longest;
    std::vector<std::uint64_t> v(durations);
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

namespace {
// "1,471"
std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}
}  // namespace

LocalizedText Detectors::Impl::blockingGroupTitle(const Aggregate& agg,
                                                  std::uint64_t nameIdx) const {
    const std::string n = grouped(agg.count);
    return {"Blocking the runtime: " + n + " polls of tasks " + group(nameIdx, false) +
                " held their worker up to " + dur(agg.longest, false) + " (median " +
                dur(agg.median(), false) + ")",
            "阻塞运行时：" + group(nameIdx, true) + "任务有 " + n + " 次轮询占住工作线程，最长 " +
                dur(agg.longest, true) + "（中位数 " + dur(agg.median(), true) + "）"};
}

LocalizedText Detectors::Impl::starvationGroupTitle(const Aggregate& agg,
                                                    std::uint64_t nameIdx) const {
    const std::string n = grouped(agg.tasks.size());
    const std::string times =
        agg.count == agg.tasks.size() ? "" : " (" + grouped(agg.count) + " waits)";
    const std::string timesZh =
        agg.count == agg.tasks.size() ? "" : "（共 " + grouped(agg.count) + " 次）";
    return {"Starvation: " + n + " tasks " + group(nameIdx, false) + " waited" + times + " up to " +
                dur(agg.longest, false) + " (median " + dur(agg.median(), false) + ")",
            "饥饿：" + n + " 个" + group(nameIdx, true) + "任务等待运行" + timesZh + "，最长 " +
                dur(agg.longest, true) + "（中位数 " + dur(agg.median(), true) + "）"};
}

// ---------------------------------------------------------------- the host --

void Detectors::Impl::hostText(Finding& f, const RuntimeState& s) const {
    f.count = host.excused;
    f.durationNs = host.longestNs;
    const std::string w = threadName(host.longestWorker, false);
    const std::string wZh = threadName(host.longestWorker, true);
    f.title = {upperFirst(w) + " was descheduled by the OS for " + dur(host.longestNs, false) +
                   " in the middle of a poll",
               wZh + " 在一次轮询中途被操作系统换下了 " + dur(host.longestNs, true)};
    const std::string n = std::to_string(host.excused);
    std::string en = "At " + at(host.longestAt, false) + ", a poll of " +
                     task(host.longestTask, false) + " on " + w + " lasted " +
                     dur(host.longestPollNs, false) + ", but for " + dur(host.longestNs, false) +
                     " of it the OS had taken the worker's core away: the task itself ran for " +
                     dur(host.longestPollNs - std::min(host.longestPollNs, host.longestNs), false) +
                     ". ";
    std::string zh =
        at(host.longestAt, true) + "，" + task(host.longestTask, true) + " 在" + wZh +
        " 上的一次轮询持续了 " + dur(host.longestPollNs, true) + "，但其中 " +
        dur(host.longestNs, true) + " 操作系统把这个工作线程从核心上换了下来：任务自己只运行了 " +
        dur(host.longestPollNs - std::min(host.longestPollNs, host.longestNs), true) + "。";
    if (host.excused > 1) {
        en += "In all, " + n + " polls were longer than " + dur(opt.blockingPollNs, false) +
              " only because of the host. ";
        zh +=
            "总计有 " + n + " 次轮询只是因为宿主机才超过了 " + dur(opt.blockingPollNs, true) + "。";
    }
    en += "These polls are the host's doing and are not reported as blocking the runtime.";
    zh += "这些轮询是宿主机造成的，不算作阻塞运行时。";
    if (s.time > 0 && host.totalNs > 0) {
        en += " Over the run the OS took " + dur(host.totalNs, false) +
              " from workers in the middle of polls.";
        zh +=
            " 整个运行中，操作系统在轮询中途一共从工作线程拿走了 " + dur(host.totalNs, true) + "。";
    }
    f.what = {en, zh};
    f.why = {
        "Under the real clock the simulator's worker threads share the machine's cores with "
        "every other program. When the OS gives a worker's core to another thread, the poll "
        "in progress stops for that long and its wall time grows, although the task did "
        "nothing more. The runtime's host watch samples each worker's CPU clock to tell the "
        "two apart.",
        "在真实时钟下，模拟器的工作线程和机器上的其他所有程序共享 CPU 核心。操作系统把某个"
        "工作线程的核心让给别的线程时，正在进行的轮询就会停住那么久，墙钟时间变长，尽管任务"
        "本身什么也没多做。运行时的宿主监视器会采样每个工作线程的 CPU 时钟，把两者区分开。"};
    f.fix = {
        "Nothing in the scenario. For durations that the host cannot touch, run it under the "
        "virtual clock (\"clock\": \"virtual\", --clock virtual, or the toolbar's Clock "
        "switch); or run on a quieter machine.",
        "场景本身不需要修改。想让时长完全不受宿主机影响，请在虚拟时钟下运行（\"clock\": "
        "\"virtual\"、--clock virtual，或工具栏上的时钟开关）；或者换一台更空闲的机器。"};
}

// -------------------------------------------------------------- starvation --

void Detectors::Impl::starvationText(Finding& f, const TaskInfo* t, std::uint32_t id,
                                     std::uint64_t since, std::uint64_t waited,
                                     std::uint64_t others, bool stillWaiting,
                                     const std::vector<std::uint32_t>& ran) const {
    std::string where = "a run queue", whereZh = "运行队列";
    if (queuedOnWorker(t)) {
        where = (t->queue == QueueKind::LifoSlot ? "the LIFO slot of " : "the local queue of ") +
                threadName(t->worker, false);
        whereZh = threadName(t->worker, true) +
                  (t->queue == QueueKind::LifoSlot ? " 的 LIFO 槽" : " 的本地队列");
    } else if (t && t->queue == QueueKind::Global) {
        where = "the global (inject) queue";
        whereZh = "全局（注入）队列";
    }
    f.title = {"Starvation: " + task(id, false) + " waited " + dur(waited, false) + " to run",
               "饥饿：" + task(id, true) + " 等了 " + dur(waited, true) + " 才轮到运行"};
    f.what = {
        upperFirst(task(id, false)) + " became runnable at " + at(since, false) + " (in " + where +
            ") and " + (stillWaiting ? "had still not been polled " : "was polled only ") +
            dur(waited, false) + " later, while " + std::to_string(others) +
            " poll(s) of other tasks ran: " + list(ran, ran.size(), false) + ".",
        task(id, true) + " 在 " + at(since, true) + " 时已经可以运行（在" + whereZh + "中），但" +
            (stillWaiting ? "过了 " + dur(waited, true) + " 仍然没有被轮询"
                          : "直到 " + dur(waited, true) + " 之后才被轮询") +
            "；与此同时，其他任务被轮询了 " + std::to_string(others) + " 次：" +
            list(ran, ran.size(), true) + "。"};
    f.why = {
        "Being runnable is not running: a task waits in a queue until a worker picks it. "
        "Tokio's "
        "scheduler is not strictly fair: a worker prefers its LIFO slot and its local queue "
        "and "
        "looks at the global queue only periodically (every 61 polls by default), and long "
        "polls or a flood of ready tasks "
        "on a worker make the wait grow far beyond the task's own work: latency spikes, missed "
        "deadlines, timeouts.",
        "可以运行并不等于正在运行：任务要在队列里等到某个工作线程来取它。Tokio "
        "的调度器并不是严格公平的："
        "工作线程优先运行自己的 LIFO 槽和本地队列，只是周期性地（默认每 61 "
        "次轮询）才看一次全局队列；一次轮询耗时过长，"
        "或者某个工作线程上积压了大量就绪任务，都会让等待时间远远超过任务本身的工作量：延迟尖峰"
        "、错过截止时间、超时。"};
    f.fix = {
        "Keep every poll short (move CPU-heavy or blocking work to spawn_blocking), limit how "
        "many "
        "tasks become ready at once (a Semaphore, bounded channels, a capped JoinSet), add "
        "worker "
        "threads if cores are idle, and call tokio::task::yield_now().await inside long loops "
        "so "
        "other tasks get a turn.",
        "让每次轮询都保持简短（把 CPU 密集或阻塞的工作移到 "
        "spawn_blocking），限制同时就绪的任务数量"
        "（Semaphore、有界通道、限制大小的 "
        "JoinSet），在有空闲核心时增加工作线程，并在长循环中调用 "
        "tokio::task::yield_now().await，让其他任务也有机会运行。"};
}

LocalizedText Detectors::Impl::starvationRepeatText(const Aggregate& agg,
                                                    std::uint64_t nameIdx) const {
    const std::string n = std::to_string(agg.count), m = std::to_string(agg.tasks.size());
    return {agg.baseWhat.en + " In all, tasks " + group(nameIdx, false) + " waited more than " +
                dur(opt.starvationNs, false) + " to be polled " + n + " times (" + m +
                " different task(s)); the longest wait was " + dur(agg.longest, false) + ".",
            agg.baseWhat.zh + "总计：" + group(nameIdx, true) + "任务共有 " + n + " 次等待超过 " +
                dur(opt.starvationNs, true) + " 才被轮询（涉及 " + m +
                " 个不同的任务），最长的一次等了 " + dur(agg.longest, true) + "。"};
}

// -------------------------------------------------------- oversubscription --

void Detectors::Impl::oversubText(Finding& f) const {
    const std::uint64_t total = over.totalNs;
    f.title = {"Oversubscription: " + std::to_string(over.runPeak) + " busy threads on " +
                   std::to_string(cores) + " cores",
               "超额订阅：" + std::to_string(cores) + " 个核心上有 " +
                   std::to_string(over.runPeak) + " 个忙碌线程"};
    std::string en = "From " + at(over.firstStart, false) +
                     ", more threads were busy than the machine has "
                     "cores (" +
                     std::to_string(cores) + ") for " + dur(total, false) + ": up to " +
                     std::to_string(over.runPeak) + " at once (" +
                     std::to_string(over.peakWorkers) + " worker(s) polling and " +
                     std::to_string(over.peakBlocking) + " blocking thread(s) running jobs).";
    std::string zh = "从 " + at(over.firstStart, true) + " 起，忙碌线程数超过了机器的核心数（" +
                     std::to_string(cores) + "），累计 " + dur(total, true) + "：同一时刻最多 " +
                     std::to_string(over.runPeak) + " 个（" + std::to_string(over.peakWorkers) +
                     " 个工作线程在轮询，" + std::to_string(over.peakBlocking) +
                     " 个阻塞线程在运行作业）。";
    if (over.episodes > 1) {
        en += " It happened " + std::to_string(over.episodes) + " times.";
        zh += "共发生了 " + std::to_string(over.episodes) + " 次。";
    }
    f.what = {en, zh};
    f.why = {
        "Threads beyond the number of cores cannot run at the same time: the OS time-slices "
        "them, so "
        "every poll and every job takes longer in wall time, and context switches and cache "
        "misses "
        "add overhead. Tokio sizes its worker pool to the cores; spawn_blocking threads (up to "
        "512 "
        "by default) come on top of it and compete with the workers for the CPUs.",
        "超出核心数的线程无法同时运行：操作系统只能让它们轮流使用 "
        "CPU，于是每次轮询、每个作业在墙钟时间上"
        "都变得更慢，上下文切换和缓存失效还会带来额外开销。Tokio 按核心数设置工作线程池的大小；"
        "spawn_blocking 的线程（默认最多 512 个）是额外的，会和工作线程争抢 CPU。"};
    f.fix = {
        "Bound the number of concurrent blocking jobs (wrap spawn_blocking in a Semaphore, or "
        "use a "
        "fixed-size pool such as rayon for CPU work), keep worker_threads at or below the core "
        "count, and keep spawn_blocking for calls that wait rather than for many CPU-heavy "
        "jobs at "
        "once.",
        "限制同时运行的阻塞作业数量（用 Semaphore 包住 spawn_blocking，或者对 CPU "
        "密集的工作使用 rayon "
        "这样固定大小的线程池），让 worker_threads 不超过核心数，并且把 spawn_blocking "
        "留给等待型的阻塞调用，"
        "而不是一次性提交大量 CPU 密集的作业。"};
}

// ------------------------------------------------------------- lock convoy --

void Detectors::Impl::convoyText(Finding& f, const LockInfo& l, const Convoy& c) const {
    const bool blocking = l.kind == LockKind::BlockingMutex;
    const std::string rn = res(l.id.value());
    const std::string nameEn = (blocking ? "blocking mutex " : "mutex ") + rn;
    const std::string nameZh = (blocking ? "阻塞式互斥锁 " : "互斥锁 ") + rn;
    f.title = {"Lock convoy on " + nameEn, "锁护航（lock convoy）：" + nameZh};
    std::string en =
        upperFirst(nameEn) + " passed from one queued waiter to the next " +
        std::to_string(c.best) + " times in a row while at least " +
        std::to_string(opt.convoyMinWaiters) + " tasks were queued for it (up to " +
        std::to_string(c.maxQueue) +
        "); the queue never emptied. Tasks in the convoy: " + list(c.tasks, c.tasks.size(), false) +
        ".";
    std::string zh = nameZh + " 连续 " + std::to_string(c.best) +
                     " 次从一个排队的等待者交给下一个等待者，期间至少有 " +
                     std::to_string(opt.convoyMinWaiters) + " 个任务在排队（最多 " +
                     std::to_string(c.maxQueue) + " 个），队列始终没有清空。护航中的任务：" +
                     list(c.tasks, c.tasks.size(), true) + "。";
    if (c.episodes > 1) {
        en += " It formed " + std::to_string(c.episodes) + " times.";
        zh += "这种情况共出现了 " + std::to_string(c.episodes) + " 次。";
    }
    f.what = {en, zh};
    f.why = {
        "The async mutex is fair: unlock() hands the lock straight to the first waiter and "
        "wakes it, "
        "and a new locker queues behind the others. Once a queue forms, every acquisition "
        "costs a "
        "wake-up and a trip through the run queue, and the lock stays held while that happens; "
        "the "
        "critical section runs one task at a time at the pace of scheduling, and the queue "
        "never "
        "drains.",
        "异步互斥锁是公平的：unlock() "
        "会把锁直接交给第一个等待者并唤醒它，新来的加锁者要排在其他人后面。"
        "一旦形成队列，每次获取锁都要经历一次唤醒和一次运行队列的往返，而在这期间锁一直处于被持"
        "有状态；"
        "临界区只能按调度的节奏一次运行一个任务，队列永远清不空。"};
    f.fix = {
        "Make the critical section short: do not .await while holding the guard, copy out what "
        "you need "
        "and drop the guard early; split the data over several locks (sharding); or give the "
        "state to "
        "one task and send it messages over an mpsc channel (the actor pattern).",
        "让临界区尽量短：持有守卫时不要 "
        ".await，复制出需要的数据后尽早释放守卫；把数据拆分到多把锁上（分片）；"
        "或者把状态交给一个专门的任务，通过 mpsc 通道给它发消息（actor 模式）。"};
}

// --------------------------------------------------------------- self wake --

void Detectors::Impl::selfWakeText(Finding& f, const TaskInfo* t, std::uint32_t id,
                                   std::uint64_t time, bool atEnd) const {
    const std::string pct = num(100.0 * t->selfWakes / static_cast<double>(t->polls), "%.0f");
    const std::string w = std::to_string(t->selfWakes), p = std::to_string(t->polls);
    f.title = {
        "Self-wake heavy: " + task(id, false) + " woke itself in " + w + " of " + p + " polls",
        "频繁自我唤醒：" + task(id, true) + " 在 " + p + " 次轮询中自我唤醒了 " + w + " 次"};
    f.what = {
        std::string(atEnd ? "By the end of the trace, " : "By " + at(time, false) + ", ") +
            task(id, false) + " had been polled " + p + " times and had woken itself " + w +
            " times (" + pct +
            " %): it keeps rescheduling itself, as yield_now() in a loop or a busy-poll retry "
            "does. "
            "This is informational.",
        std::string(atEnd ? "到记录结束时，" : "到 " + at(time, true) + " 时，") + task(id, true) +
            " 已被轮询 " + p + " 次，其中自我唤醒 " + w + " 次（" + pct +
            " %）：它在不断地重新调度自己，就像在循环里调用 yield_now() "
            "或忙轮询重试那样。此项仅供参考。"};
    f.why = {
        "A self-wake puts the task straight back into the run queue: the worker spends its "
        "time polling "
        "a task that often finds nothing to do, the other tasks share the worker with it, and "
        "the "
        "worker never parks. It is fine when a long computation yields on purpose to stay "
        "cooperative.",
        "自我唤醒会让任务立刻回到运行队列：工作线程把时间花在轮询一个常常无事可做的任务上，其他"
        "任务要和它分享"
        "这个工作线程，而工作线程也永远不会休眠。如果是长时间计算为了保持协作而有意让出，那是没"
        "有问题的。"};
    f.fix = {
        "If the task waits for something, await the real event (Notify, a channel, a timer or "
        "interval) instead of checking and yielding; if it is a long computation, consider "
        "spawn_blocking or yielding less often.",
        "如果任务是在等待某件事，请直接 await 真正的事件（Notify、通道、定时器或 "
        "interval），而不是反复检查再让出；"
        "如果是长时间计算，可以考虑 spawn_blocking，或者降低让出的频率。"};
}

}  // namespace asyncscope::trace
