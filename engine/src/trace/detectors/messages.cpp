// The detectors' message catalogue: every text a finding shows, in English
// and Simplified Chinese -- durations, thread and task names, lists, what a
// task waits on, and each kind's title, what, why and fix. The detectors
// (one file each) state the facts; these functions put them into words
// (messages_load.cpp has the detectors of time and load).
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
        return zh ? "在等待，但没有在任何地方注册 waker"
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
                "工作线程本身没有被占用，但这些任务以及所有等待它们的任务都会永远卡住：没有错误，"
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
        "Pending，却没有把 waker "
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
        "（tokio::sync::Notify、oneshot 通道）来实现，由它们替你管理 waker。"};
}

}  // namespace asyncscope::trace
