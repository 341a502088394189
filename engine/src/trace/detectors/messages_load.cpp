// The message catalogue, second half: the texts of the detectors of time and
// load (blocking the runtime, the host's share, starvation, oversubscription,
// lock convoys, self wakes) and of the groups that repeats of one problem
// form. messages.cpp has the names, the waits and the first half.
// Keep the two languages saying the same thing.
#include "trace/detectors/detectors_impl.hpp"

#include <algorithm>

namespace asyncscope::trace {

using namespace detect;

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
        whereZh = "全局队列";
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
    // Tokio's global_queue_interval defaults: 31 polls on the current-thread
    // scheduler, 61 on the multi-thread one.
    const bool currentThread = trace.info().flavor == "current_thread";
    const std::string interval = currentThread ? "31" : "61";
    f.why = {
        "Being runnable is not running: a task waits in a queue until a worker picks it. "
        "Tokio's scheduler is not strictly fair: " +
            std::string(currentThread ? "the thread runs its local queue first and "
                                      : "a worker prefers its LIFO slot and its local queue and ") +
            "looks at the global queue only periodically (every " + interval +
            " polls by default on the " + (currentThread ? "current-thread" : "multi-thread") +
            " scheduler), and long polls or a flood of ready tasks "
            "on a worker make the wait grow far beyond the task's own work: latency spikes, missed "
            "deadlines, timeouts.",
        "可以运行并不等于正在运行：任务要在队列里等到某个工作线程来取它。Tokio "
        "的调度器并不是严格公平的：" +
            std::string(currentThread ? "线程先运行自己的本地队列，"
                                      : "工作线程优先运行自己的 LIFO 槽和本地队列，") +
            "只是周期性地（" + (currentThread ? "current-thread" : "multi-thread") +
            " 调度器默认每 " + interval +
            " 次轮询）才看一次全局队列；一次轮询耗时过长，"
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
