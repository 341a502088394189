<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Library</name>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="21"/>
        <source>Futures and polling</source>
        <translation>Future 与轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="22"/>
        <source>Tasks: spawn and join</source>
        <translation>任务：spawn 与 join</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="23"/>
        <source>Blocking work</source>
        <translation>阻塞型工作</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="24"/>
        <source>Locks and shared state</source>
        <translation>锁与共享状态</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="25"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="26"/>
        <source>The scheduler</source>
        <translation>调度器</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="27"/>
        <source>Errors and cancellation</source>
        <translation>错误与取消</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="28"/>
        <source>I/O-bound work</source>
        <translation>I/O 密集型工作</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="29"/>
        <source>Runtime models compared</source>
        <translation>运行时模型对比</translation>
    </message>
    <message>
        <location filename="../../app/core/models/library_model.cpp" line="30"/>
        <source>Pitfalls</source>
        <translation>常见陷阱</translation>
    </message>
</context>
<context>
    <name>RuntimeView</name>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="81"/>
        <source>Runtime</source>
        <translation>运行时</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="83"/>
        <source>%1 alive · %2 done · %3 polls · %4 steals</source>
        <translation>%1 个存活 · %2 个完成 · %3 次轮询 · %4 次窃取</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_paint.cpp" line="15"/>
        <source>Task %1 &quot;%2&quot;: %3. Polled %4 times, woken %5 times.</source>
        <translation>任务 %1“%2”：%3。已轮询 %4 次，被唤醒 %5 次。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_paint.cpp" line="28"/>
        <source>At await point %1.</source>
        <translation>位于 await 点 %1。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="233"/>
        <source>Worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="238"/>
        <source>parked</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="239"/>
        <source>polling</source>
        <translation>轮询中</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="240"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="241"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="242"/>
        <source>searching</source>
        <translation>寻找任务</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="246"/>
        <source>Worker %1 is parked: it found no task in its queues, the global queue or its siblings&apos; queues, so its thread sleeps until a wake-up gives it work.</source>
        <translation>工作线程 %1 已休眠 (park)：它在自己的队列、全局队列和其他工作线程的队列中都没有找到任务，因此它的线程进入睡眠，直到被唤醒并分到工作。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="250"/>
        <source>Worker %1: an OS thread that polls one task at a time. %2 polls so far, %3 steals.</source>
        <translation>工作线程 %1：一个操作系统线程，每次轮询 (poll) 一个任务。到目前为止已轮询 %2 次，窃取 %3 次。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="263"/>
        <location filename="../../app/core/runtime_painter.cpp" line="336"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="267"/>
        <source>LIFO</source>
        <translation>LIFO</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="274"/>
        <source>The LIFO slot holds the task this worker just woke or spawned; it runs next, while its data is still in the CPU cache. Other workers cannot steal it.</source>
        <translation>LIFO 槽存放该工作线程刚刚唤醒或 spawn 的任务；它会紧接着运行，此时它的数据仍在 CPU 缓存中。其他工作线程无法窃取它。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="279"/>
        <source>local queue (%1)</source>
        <translation>本地队列 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="283"/>
        <source>Worker %1&apos;s local run queue (%2 tasks), served front first. An idle worker steals half of it.</source>
        <translation>工作线程 %1 的本地运行队列（%2 个任务），从队首开始处理。空闲的工作线程会从中窃取一半。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="291"/>
        <source>… and %1 more workers</source>
        <translation>… 另有 %1 个工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="297"/>
        <source>Global queue (%1)</source>
        <translation>全局队列 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="302"/>
        <source>The global (inject) queue: tasks spawned or woken from outside a worker. Workers check it every 61 polls and when their own queue is empty.</source>
        <translation>全局（inject，注入）队列：存放在工作线程之外 spawn 或唤醒的任务。工作线程每轮询 61 次检查一次它，自己的队列为空时也会检查。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="315"/>
        <source>Blocking pool (1 thread)</source>
        <translation>阻塞线程池（1 个线程）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="316"/>
        <source>Blocking pool (%1 threads)</source>
        <translation>阻塞线程池（%1 个线程）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="332"/>
        <source>job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="336"/>
        <source>job %1</source>
        <translation>作业 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="340"/>
        <source>A blocking-pool thread (spawn_blocking). It may block as long as it likes without stalling the async workers.</source>
        <translation>阻塞线程池中的一个线程 (spawn_blocking)。它可以任意长时间地阻塞，而不会拖住异步工作线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="359"/>
        <source>queued:</source>
        <translation>排队中：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="367"/>
        <source>The blocking pool runs spawn_blocking jobs on extra threads (up to 512 in Tokio), created on demand and kept 10 s when idle.</source>
        <translation>阻塞线程池在额外的线程上运行 spawn_blocking 作业（Tokio 中最多 512 个线程）；线程按需创建，空闲时保留 10 秒。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="382"/>
        <source>Timers (%1)</source>
        <translation>定时器 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="385"/>
        <source>Tasks sleeping on the runtime&apos;s timer wheel, soonest first. When a deadline passes, the timer wakes the task.</source>
        <translation>在运行时的时间轮上休眠 (sleep) 的任务，最早到期的排在最前。到达截止时间后，定时器会唤醒该任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="395"/>
        <source>… %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="402"/>
        <source>in %1</source>
        <translation>%1 后</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="408"/>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="432"/>
        <source>waiting:</source>
        <translation>等待中：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="438"/>
        <source> (blocking)</source>
        <translation>（阻塞式）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="443"/>
        <source>holds</source>
        <translation>持有</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="445"/>
        <source>free</source>
        <translation>未占用</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="447"/>
        <source>A blocking mutex (like std::sync::Mutex): a task that waits for it blocks its whole worker thread. Holder first, then the threads waiting.</source>
        <translation>阻塞式互斥锁（如 std::sync::Mutex）：等待它的任务会阻塞所在的整个工作线程。先列出持有者，然后是正在等待的线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="450"/>
        <source>An async mutex (tokio::sync::Mutex): waiters queue in FIFO order and each unlock hands the lock to the first one and wakes it. %1 waiting.</source>
        <translation>异步互斥锁 (tokio::sync::Mutex)：等待者按 FIFO 顺序排队，每次解锁都会把锁交给排在最前的等待者并唤醒它。%1 个正在等待。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="476"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="478"/>
        <source>A channel: %1 message(s) buffered%2. %3 receiver(s) and %4 sender(s) are waiting on it%5.</source>
        <translation>通道：已缓冲 %1 条消息%2。有 %3 个接收端和 %4 个发送端正在等待它%5。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="481"/>
        <source> of %1</source>
        <translation>（容量 %1）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="484"/>
        <source>; it is closed</source>
        <translation>；通道已关闭</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="486"/>
        <source>receivers:</source>
        <translation>接收方：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="487"/>
        <source>senders:</source>
        <translation>发送方：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="498"/>
        <source>%1 of %2 permits held</source>
        <translation>已持有 %1/%2 个许可</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="499"/>
        <source>%1 held</source>
        <translation>已占用 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="501"/>
        <source>A semaphore: %1 permit(s) held, %2 task(s) waiting in FIFO order.</source>
        <translation>信号量：已占用 %1 个许可 (permit)，%2 个任务按 FIFO 顺序等待。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="608"/>
        <source>steal %1</source>
        <translation>窃取 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="609"/>
        <source>steal ×%1</source>
        <translation>窃取 ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="612"/>
        <source>wake ×%1</source>
        <translation>唤醒 ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="615"/>
        <source>spawn ×%1</source>
        <translation>spawn ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="623"/>
        <source>Worker %1 ran out of work and stole %2 task(s) from the front of worker %3&apos;s local queue.</source>
        <translation>工作线程 %1 没有工作可做，从工作线程 %3 的本地队列队首窃取了 %2 个任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="628"/>
        <source>Worker %1 ran out of work and stole from worker %2&apos;s local queue %3 times just now, %4 tasks in all.</source>
        <translation>工作线程 %1 没有工作可做，刚刚从工作线程 %2 的本地队列窃取了 %3 次，共 %4 个任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="635"/>
        <source>%1 wake-ups along this arrow just now: each one made the woken task runnable again.</source>
        <translation>刚刚沿这条箭头发生了 %1 次唤醒：每一次都让被唤醒的任务重新变为可运行。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="639"/>
        <source>%1 tasks spawned along this arrow just now.</source>
        <translation>刚刚沿这条箭头 spawn 了 %1 个任务。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/gui/session.cpp" line="83"/>
        <source>the file is larger than 1 MiB; a scenario may be at most that</source>
        <translation>文件大于 1 MiB；场景文件不能超过这个大小</translation>
    </message>
    <message>
        <location filename="../../app/gui/session.cpp" line="103"/>
        <source>no built-in scenario named &quot;%1&quot;</source>
        <translation>没有名为“%1”的内置场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/session.cpp" line="284"/>
        <source>no run has finished yet: nothing to save</source>
        <translation>还没有运行结束：没有可保存的内容</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../app/core/render.cpp" line="45"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../app/core/render.cpp" line="50"/>
        <source>1 worker</source>
        <translation>1 个工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/render.cpp" line="51"/>
        <source>%1 workers</source>
        <translation>%1 个工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/render.cpp" line="55"/>
        <source>virtual clock</source>
        <translation>虚拟时钟</translation>
    </message>
    <message>
        <location filename="../../app/core/render.cpp" line="57"/>
        <source>real clock</source>
        <translation>真实时钟</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="131"/>
        <source>%1 – %2 of %3</source>
        <translation>%1 – %2（共 %3）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="188"/>
        <location filename="../../app/core/timeline_painter.cpp" line="630"/>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="200"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="201"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="202"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="221"/>
        <source>%1 jobs</source>
        <translation>%1 个作业</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="221"/>
        <source>%1 polls</source>
        <translation>%1 次轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="274"/>
        <source>worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="282"/>
        <source>blocking %1</source>
        <translation>阻塞线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="288"/>
        <source>Lanes not shown: %1 (make the picture taller)</source>
        <translation>未显示的泳道：%1（请加大图片高度）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="338"/>
        <source>job %1 for %2</source>
        <translation>作业 %1（为 %2）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="339"/>
        <source>job %1</source>
        <translation>作业 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="486"/>
        <source>steal %1</source>
        <translation>窃取 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="525"/>
        <source>poll (its task&apos;s colour)</source>
        <translation>轮询（任务的颜色）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="527"/>
        <source>polls too small to show, folded</source>
        <translation>过小无法显示的轮询（已折叠）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="529"/>
        <source>parked</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="531"/>
        <source>blocking job</source>
        <translation>阻塞作业</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="534"/>
        <source>wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="536"/>
        <source>steal</source>
        <translation>窃取</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="539"/>
        <source>finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="542"/>
        <source>cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="545"/>
        <source>Arrows hidden: %1 wakes and steals in view (zoom in to see them)</source>
        <translation>已隐藏箭头：视图中有 %1 次唤醒和窃取（放大后可见）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="639"/>
        <source>Task %1 &quot;%2&quot; polled on worker %3 from %4 to %5 (%6).</source>
        <translation>任务 %1“%2”在工作线程 %3 上被轮询，从 %4 到 %5（%6）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="642"/>
        <source>Still running when the recording ended.</source>
        <translation>录制结束时仍在运行。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="649"/>
        <source>It returned Pending at await point %1.</source>
        <translation>它在 await 点 %1 返回了 Pending。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="651"/>
        <source>It returned Pending.</source>
        <translation>它返回了 Pending。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="654"/>
        <source>It completed.</source>
        <translation>它已完成。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="655"/>
        <source>It was cancelled.</source>
        <translation>它被取消了。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="656"/>
        <source>It failed.</source>
        <translation>它失败了。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="661"/>
        <source>%1 jobs too small to show at this zoom, from %2 to %3.</source>
        <translation>在当前缩放下有 %1 个作业过小无法显示，从 %2 到 %3。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="662"/>
        <source>%1 polls too small to show at this zoom, from %2 to %3.</source>
        <translation>在当前缩放下有 %1 次轮询过小无法显示，从 %2 到 %3。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="664"/>
        <source>Double-click to zoom in.</source>
        <translation>双击可放大。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="666"/>
        <source>Worker %1 parked from %2 to %3 (%4): it had no work and slept.</source>
        <translation>工作线程 %1 从 %2 到 %3 休眠（%4）：它没有工作，进入了睡眠。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="672"/>
        <source>Blocking thread %1 ran job %2 for task %3 &quot;%4&quot; from %5 to %6 (%7).</source>
        <translation>阻塞线程 %1 为任务 %3“%4”运行了作业 %2，从 %5 到 %6（%7）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="675"/>
        <source>Blocking thread %1 ran job %2 from %3 to %4 (%5).</source>
        <translation>阻塞线程 %1 运行了作业 %2，从 %3 到 %4（%5）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="682"/>
        <source>At %1: %2</source>
        <translation>在 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="687"/>
        <source>Blocking-pool thread %1: the spawn_blocking jobs it ran.</source>
        <translation>阻塞线程池的线程 %1：它运行的 spawn_blocking 作业。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="688"/>
        <source>Worker %1: each task it polled, and when it was parked.</source>
        <translation>工作线程 %1：它轮询的每个任务，以及它休眠的时间。</translation>
    </message>
</context>
<context>
    <name>ViewExport</name>
    <message>
        <location filename="../../app/core/view_export.cpp" line="24"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/view_export.cpp" line="28"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>asyncscope::core::FindingsModel</name>
    <message>
        <location filename="../../app/core/models/findings_model.cpp" line="43"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
</context>
<context>
    <name>asyncscope::core::TaskTableModel</name>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="28"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="29"/>
        <source>scheduled</source>
        <translation>已调度</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="30"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="31"/>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="32"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="33"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="34"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="37"/>
        <source>not spawned yet</source>
        <translation>尚未创建</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="86"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="87"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="88"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="89"/>
        <source>Worker</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="90"/>
        <source>Polls</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="91"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="92"/>
        <source>Scheduled</source>
        <translation>已调度</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="93"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="94"/>
        <source>Wakes</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="95"/>
        <source>Self-wakes</source>
        <translation>自唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="96"/>
        <source>Parent</source>
        <translation>父任务</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="101"/>
        <source>Time the task spent being polled (running on a worker).</source>
        <translation>任务被轮询的时间（在工作线程上运行）。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="102"/>
        <source>Time the task was runnable, waiting in a queue for a worker.</source>
        <translation>任务处于可运行状态、在队列中等待工作线程的时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="103"/>
        <source>Time the task was pending, waiting for a waker.</source>
        <translation>任务处于 Pending 状态、等待 waker 唤醒的时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="105"/>
        <source>How often something woke the task (timer, channel, lock, join, ...).</source>
        <translation>任务被唤醒的次数（定时器、通道、锁、join 等）。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="107"/>
        <source>Wakes by the task itself: yield_now, an exhausted coop budget, a preemption slice.</source>
        <translation>任务自己唤醒自己的次数：yield_now、协作预算 (coop budget) 耗尽、抢占时间片到期。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="111"/>
        <source>How often a worker called the task&apos;s poll (ran it up to its next await).</source>
        <translation>工作线程调用该任务 poll 的次数（运行到下一个 await 为止）。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::EditorPanel</name>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="64"/>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="65"/>
        <source>built-in lesson (Save As to keep your changes)</source>
        <translation>内置课程（用“另存为”保留你的修改）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="68"/>
        <source> (modified)</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="75"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="91"/>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="96"/>
        <source>Save Scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="91"/>
        <source>Scenarios (*.json)</source>
        <translation>场景 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="99"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="106"/>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="107"/>
        <source>The scenario in the editor has changes that are not saved. Save them?</source>
        <translation>编辑器中的场景有尚未保存的修改。要保存吗？</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::LessonPanel</name>
    <message>
        <location filename="../../app/gui/panels/lesson_panel.cpp" line="18"/>
        <source>&lt;p&gt;Pick a lesson in the library, or open a scenario file.&lt;/p&gt;</source>
        <translation>&lt;p&gt;请在课程库中选择一节课程，或打开一个场景文件。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/lesson_panel.cpp" line="31"/>
        <source>What to watch</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/lesson_panel.cpp" line="32"/>
        <source>What it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/lesson_panel.cpp" line="33"/>
        <source>In Tokio</source>
        <translation>在 Tokio 中</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::LibraryPanel</name>
    <message>
        <location filename="../../app/gui/panels/library_panel.cpp" line="40"/>
        <source>Search lessons…</source>
        <translation>搜索课程…</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="357"/>
        <location filename="../../app/gui/main_window.cpp" line="359"/>
        <source>AsyncScope — %1</source>
        <translation>AsyncScope — %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="170"/>
        <source>About AsyncScope</source>
        <translation>关于 AsyncScope</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="171"/>
        <source>&lt;h3&gt;AsyncScope 0.1&lt;/h3&gt;&lt;p&gt;A real multi-threaded executor modelled on Tokio&apos;s scheduler, made visible: tasks, wakers, queues, steals and locks.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AsyncScope 0.1&lt;/h3&gt;&lt;p&gt;一个仿照 Tokio 调度器实现的真实多线程执行器，并将其可视化：任务、waker、队列、窃取和锁。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="285"/>
        <source>&amp;Export View…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="286"/>
        <source>Save the runtime view as PNG, SVG or PDF, for slides.</source>
        <translation>将运行时视图保存为 PNG、SVG 或 PDF，以便用于幻灯片。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="287"/>
        <source>Export Chrome &amp;Trace…</source>
        <translation>导出 Chrome Trace(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="289"/>
        <source>Save the last finished run as Chrome trace JSON (opens in Perfetto).</source>
        <translation>将最近一次完成的运行保存为 Chrome trace JSON（可在 Perfetto 中打开）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="290"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="291"/>
        <source>Run / Pause</source>
        <translation>运行 / 暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="292"/>
        <location filename="../../app/gui/main_window.cpp" line="321"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="293"/>
        <source>Run the scenario on the real engine (F5; Space toggles run and pause).</source>
        <translation>在真实引擎上运行场景 (F5；空格键在运行和暂停之间切换)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="294"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="295"/>
        <source>Pause: no poll starts and the runtime clock stands still. The view shows that instant.</source>
        <translation>暂停：不会开始新的轮询，运行时时钟停止走动。视图显示的就是这一时刻。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="297"/>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="298"/>
        <source>Let exactly one poll happen, then pause again (→).</source>
        <translation>只执行一次轮询，然后再次暂停 (→)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="299"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="300"/>
        <source>Stop the run: every task still alive is cancelled (Shift+F5).</source>
        <translation>停止运行：所有仍存活的任务都会被取消 (Shift+F5)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="301"/>
        <source>R&amp;estart</source>
        <translation>重新开始(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="302"/>
        <source>Stop and run again from the start (Ctrl+R).</source>
        <translation>停止并从头重新运行 (Ctrl+R)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="303"/>
        <source>&amp;Faster</source>
        <translation>加快(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="304"/>
        <source>S&amp;lower</source>
        <translation>减慢(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="305"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="306"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="307"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="308"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="311"/>
        <source>&amp;About AsyncScope</source>
        <translation>关于 AsyncScope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="312"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="313"/>
        <source>&amp;Apply Edits</source>
        <translation>应用修改(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="315"/>
        <source>Check the scenario in the editor and load it (Ctrl+Enter); errors are listed in Problems.</source>
        <translation>检查编辑器中的场景并加载（Ctrl+Enter）；错误列在“问题”面板中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="317"/>
        <source>&amp;Save Scenario</source>
        <translation>保存场景(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="318"/>
        <source>Save Scenario &amp;As…</source>
        <translation>场景另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="319"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="320"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="322"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="323"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="324"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="325"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="334"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="413"/>
        <source>no such file, and no built-in scenario has that name</source>
        <translation>没有这个文件，也没有同名的内置场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="327"/>
        <source>Library</source>
        <translation>课程库</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="277"/>
        <source>&amp;Open Scenario or Recording…</source>
        <translation>打开场景或录制(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="279"/>
        <source>Open a scenario file, or a recording (.astrace) to look at a run again without running it (Ctrl+O). You can also drop a file on the window.</source>
        <translation>打开场景文件，或打开录制（.astrace），不必再次运行即可重看一次运行（Ctrl+O）。也可以把文件拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="281"/>
        <source>Save Re&amp;cording…</source>
        <translation>保存录制(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="283"/>
        <source>Save the last finished run as a recording (.astrace, Ctrl+Alt+S): the app and asyncscope-cli open it again exactly as it ran.</source>
        <translation>把最近一次结束的运行保存为录制（.astrace，Ctrl+Alt+S）：本应用和 asyncscope-cli 都能按原样重新打开它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="328"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="329"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="330"/>
        <source>Task Inspector</source>
        <translation>任务检查器</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="331"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="332"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="333"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="335"/>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="361"/>
        <source>AsyncScope</source>
        <translation>AsyncScope</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.cpp" line="425"/>
        <source>%1 has %n error(s); it was not run.</source>
        <translation>
            <numerusform>%1 有 %n 个错误，未运行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="503"/>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="530"/>
        <location filename="../../app/gui/main_window.cpp" line="537"/>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="531"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="515"/>
        <location filename="../../app/gui/main_window.cpp" line="535"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="504"/>
        <source>Scenarios and recordings (*.json *.astrace);;Scenarios (*.json);;Recordings (*.astrace);;All files (*)</source>
        <translation>场景和录制 (*.json *.astrace);;场景 (*.json);;录制 (*.astrace);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="511"/>
        <location filename="../../app/gui/main_window.cpp" line="518"/>
        <source>Save Recording</source>
        <translation>保存录制</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="511"/>
        <source>Recordings (*.astrace)</source>
        <translation>录制 (*.astrace)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="543"/>
        <location filename="../../app/gui/main_window.cpp" line="551"/>
        <source>Export Chrome Trace</source>
        <translation>导出 Chrome Trace</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="545"/>
        <source>Chrome trace (*.json)</source>
        <translation>Chrome trace (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="549"/>
        <source>Wrote %1 (open it in ui.perfetto.dev)</source>
        <translation>已写入 %1（可在 ui.perfetto.dev 中打开）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="436"/>
        <source>The edited scenario is valid and loaded; press Run.</source>
        <translation>编辑后的场景有效，已加载；按“运行”开始。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::RunStatus</name>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="28"/>
        <source>no scenario</source>
        <translation>无场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="29"/>
        <source>ready to run</source>
        <translation>准备运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="30"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="31"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="32"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="36"/>
        <source>t = %1 ms</source>
        <translation>t = %1 ms</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="38"/>
        <source>real time</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="38"/>
        <source>%1× slower</source>
        <translation>慢 %1 倍</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="40"/>
        <source>%1 events/s</source>
        <translation>%1 个事件/秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="41"/>
        <source>%1 tasks alive</source>
        <translation>%1 个任务存活</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="42"/>
        <source>dropped live events: %1</source>
        <translation>丢弃的实时事件：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="44"/>
        <source>Events the view skipped because it fell behind (normally 0). The recording itself never drops anything.</source>
        <translation>视图因跟不上而跳过的事件数（通常为 0）。录制本身从不丢弃任何事件。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="53"/>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="54"/>
        <source>stuck</source>
        <translation>卡住了</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="55"/>
        <source>deadlocked</source>
        <translation>死锁</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="56"/>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="57"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="59"/>
        <source>Run %1 after %2 ms: %3</source>
        <translation>运行结束（%1），用时 %2 ms：%3</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="65"/>
        <source> (the recording reached its memory cap and stopped early: later events are missing)</source>
        <translation>（记录达到内存上限而提前停止：之后的事件缺失）</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::RunToolBar</name>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="110"/>
        <source>base</source>
        <translation>基础版</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="121"/>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="123"/>
        <source>Slow motion: the runtime clock runs this many times slower, so sleeps, timeouts and computations all stretch (+ faster, − slower).</source>
        <translation>慢动作：运行时时钟按此倍数放慢，因此 sleep、超时和计算都会相应拉长（+ 加快，− 减慢）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="127"/>
        <source>real time</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="127"/>
        <source>%1× slower</source>
        <translation>慢 %1 倍</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="129"/>
        <source> Workers </source>
        <translation> 工作线程 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="130"/>
        <location filename="../../app/gui/run_toolbar.cpp" line="133"/>
        <source>scenario</source>
        <translation>按场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="131"/>
        <source>Worker threads for the next run (scenario: as the scenario says).</source>
        <translation>下次运行使用的工作线程数（“按场景”：使用场景中的设置）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="132"/>
        <source> Flavor </source>
        <translation> 运行时类型 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="134"/>
        <source>multi-thread</source>
        <translation>多线程 (multi-thread)</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="135"/>
        <source>current-thread</source>
        <translation>当前线程 (current-thread)</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="137"/>
        <source>multi-thread: Tokio&apos;s work-stealing scheduler. current-thread: one thread and one queue, like asyncio&apos;s event loop. Applies at the next run.</source>
        <translation>多线程 (multi-thread)：Tokio 的工作窃取调度器。当前线程 (current-thread)：一个线程、一个队列，类似 asyncio 的事件循环。下次运行时生效。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="139"/>
        <source> Variant </source>
        <translation> 变体 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="140"/>
        <source>A scenario&apos;s variants put a pitfall and its fix in one file. Applies at the next run.</source>
        <translation>场景的变体把一个陷阱及其修复方法放在同一个文件中。下次运行时生效。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::TaskInspector</name>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="32"/>
        <source>a timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="33"/>
        <source>a channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="34"/>
        <source>a mutex release</source>
        <translation>互斥锁释放</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="35"/>
        <source>a semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="36"/>
        <source>a Notify</source>
        <translation>Notify</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="37"/>
        <source>a finished task</source>
        <translation>已结束的任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="38"/>
        <source>itself (yield)</source>
        <translation>自己（yield）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="39"/>
        <source>a spawn_blocking job</source>
        <translation>spawn_blocking 作业</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="40"/>
        <source>a cancellation</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="41"/>
        <source>outside the runtime</source>
        <translation>运行时之外</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="73"/>
        <source>Click a task in the runtime view or the task table to inspect it.</source>
        <translation>在运行时视图或任务表中点击一个任务即可查看其详情。</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="82"/>
        <source>Task %1 &quot;%2&quot; — %3, %4</source>
        <translation>任务 %1“%2” — %3，%4</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="85"/>
        <source>1 poll</source>
        <translation>轮询 1 次</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="85"/>
        <source>%1 polls</source>
        <translation>轮询 %1 次</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="86"/>
        <source>1 wake</source>
        <translation>唤醒 1 次</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="86"/>
        <source>%1 wakes</source>
        <translation>唤醒 %1 次</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="98"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="99"/>
        <source>scheduled</source>
        <translation>已调度</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="100"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="101"/>
        <source>notified</source>
        <translation>已通知</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="102"/>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="103"/>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="104"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="152"/>
        <source>Await points (the async fn&apos;s state machine)</source>
        <translation>await 点（async fn 的状态机）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="180"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="190"/>
        <source>(this task&apos;s steps are not known)</source>
        <translation>（此任务的步骤未知）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="197"/>
        <source>Wakes (latest last)</source>
        <translation>唤醒记录（最新的在最后）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="206"/>
        <source>t=%1 ms  by %2%3</source>
        <translation>t=%1 ms  由 %2%3 唤醒</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="209"/>
        <source> (task %1 %2)</source>
        <translation>（任务 %1 %2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="215"/>
        <source>(no wakes yet)</source>
        <translation>（尚无唤醒）</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::TasksPanel</name>
    <message>
        <location filename="../../app/gui/panels/tasks_panel.cpp" line="68"/>
        <source>Filter tasks…</source>
        <translation>筛选任务…</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::ThroughputPanel</name>
    <message>
        <location filename="../../app/gui/panels/throughput_panel.cpp" line="38"/>
        <source>polls/s</source>
        <translation>轮询次数/秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/throughput_panel.cpp" line="39"/>
        <source>tasks completed/s</source>
        <translation>完成任务数/秒</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/throughput_panel.cpp" line="40"/>
        <source>runtime time (s)</source>
        <translation>运行时时间（秒）</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::TimelinePanel</name>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="82"/>
        <source>The timeline of this run appears when it ends (Shift+F5 stops it).</source>
        <translation>本次运行结束后会在这里显示它的时间线（Shift+F5 可停止运行）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="83"/>
        <source>Run a scenario, or open a recording: its timeline appears here.</source>
        <translation>运行一个场景或打开一份录制，它的时间线会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="179"/>
        <source>Click or drag to move the cursor (every panel shows that instant); wheel zooms, Shift+drag pans, double-click zooms into a span, Home shows the whole run.</source>
        <translation>单击或拖动以移动光标（所有面板都显示那一刻）；滚轮缩放，Shift+拖动平移，双击放大到一个区段，Home 显示整个运行。</translation>
    </message>
</context>
</TS>
