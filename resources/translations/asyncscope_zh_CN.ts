<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Autosave</name>
    <message>
        <location filename="../../app/gui/autosave.cpp" line="44"/>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/autosave.cpp" line="55"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Builder</name>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="27"/>
        <source>The resource this step uses.</source>
        <translation>此步骤使用的资源。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="41"/>
        <source>Busy CPU inside the poll: the worker can do nothing else meanwhile.</source>
        <translation>在轮询内部让 CPU 忙碌：在此期间，工作线程不能做任何别的事。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="43"/>
        <source>How long the poll keeps the CPU busy.</source>
        <translation>这次轮询让 CPU 忙碌多长时间。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="47"/>
        <source>tokio::time::sleep: the task waits on the timer; the worker is free.</source>
        <translation>tokio::time::sleep：任务在定时器上等待；工作线程不被占用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="49"/>
        <source>How long the task sleeps.</source>
        <translation>任务 sleep 多长时间。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="53"/>
        <source>Waits a latency for readiness, as a socket would (on the timer).</source>
        <translation>像 socket 一样等待一段延迟，直到就绪（用定时器实现）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="55"/>
        <source>The latency.</source>
        <translation>延迟时长。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="63"/>
        <source>A seeded random extra latency, 0 up to this.</source>
        <translation>由随机种子决定的额外延迟，范围从 0 到此值。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="67"/>
        <source>Gives the worker back at once; the wake-up is deferred (Tokio ≥ 1.23).</source>
        <translation>立即让出工作线程；唤醒会被推迟（Tokio ≥ 1.23）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="73"/>
        <source>Sleeps the whole worker thread inside async code: it blocks the runtime.</source>
        <translation>在异步代码中让整个工作线程睡眠：它会阻塞运行时。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="75"/>
        <source>How long the thread is blocked.</source>
        <translation>线程被阻塞多长时间。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="79"/>
        <source>Waits for the async Mutex; the guard may be held across an await.</source>
        <translation>等待异步互斥锁（Mutex）；它的守卫可以跨越 await 持有。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="85"/>
        <source>Drops the Mutex guard: the next waiter gets the lock.</source>
        <translation>丢弃互斥锁的守卫：下一个等待者得到锁。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="90"/>
        <source>std::sync::Mutex: blocks the worker thread until it is free.</source>
        <translation>std::sync::Mutex：阻塞工作线程，直到锁被释放。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="96"/>
        <source>Drops the std::sync::MutexGuard.</source>
        <translation>丢弃 std::sync::MutexGuard。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="101"/>
        <source>Waits for permits of a Semaphore.</source>
        <translation>等待信号量（Semaphore）的许可。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="110"/>
        <location filename="../../app/gui/builder/catalog.cpp" line="123"/>
        <source>How many permits.</source>
        <translation>许可的数量。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="114"/>
        <source>Gives permits back to the Semaphore.</source>
        <translation>把许可归还给信号量。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="127"/>
        <source>Wakes one task waiting on the Notify (or all of them).</source>
        <translation>唤醒一个在 Notify 上等待的任务（或唤醒全部）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="136"/>
        <source>notify_waiters(): wake every waiting task.</source>
        <translation>notify_waiters()：唤醒每一个等待中的任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="140"/>
        <source>Waits until the Notify is notified.</source>
        <translation>等待，直到 Notify 收到通知。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="145"/>
        <source>Cancels the CancellationToken and its children, for good.</source>
        <translation>取消这个取消令牌（CancellationToken）及其子令牌，且不可恢复。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="150"/>
        <source>Waits until the token is cancelled.</source>
        <translation>等待，直到令牌被取消。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="155"/>
        <source>Sends a message; waits while a bounded channel is full.</source>
        <translation>发送一条消息；有界通道已满时等待。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="160"/>
        <source>Receives a message; waits while the channel is empty.</source>
        <translation>接收一条消息；通道为空时等待。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="165"/>
        <source>Closes the channel: receivers drain it, then see the end.</source>
        <translation>关闭通道：接收方取完剩余的消息后，就会看到通道已结束。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="170"/>
        <source>Runs its steps for each message until the channel is closed and drained.</source>
        <translation>对每条消息运行其中的步骤，直到通道关闭且消息已取完。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="181"/>
        <source>recv_many: up to this many messages per turn.</source>
        <translation>recv_many：每一轮最多接收这么多条消息。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="186"/>
        <source>Starts new tasks from a template; they run concurrently.</source>
        <translation>用一个模板启动新任务；它们并发运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="194"/>
        <source>The template the new tasks run.</source>
        <translation>新任务运行的模板。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="202"/>
        <source>How many tasks (named name#1, name#2, …).</source>
        <translation>任务的数量（命名为 name#1、name#2、…）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="210"/>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="604"/>
        <source>The tasks&apos; name (default: the template&apos;s).</source>
        <translation>任务的名称（默认：模板名）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="218"/>
        <source>Drop the JoinHandle: nobody joins these tasks.</source>
        <translation>丢弃 JoinHandle：没有谁会 join 这些任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="226"/>
        <source>spawn_local: stays on the main thread, needs no Send.</source>
        <translation>spawn_local：留在主线程上，不需要 Send。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="230"/>
        <source>Waits for the children this task spawned (or those named).</source>
        <translation>等待本任务 spawn 的子任务结束（或只等指定名称的）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="238"/>
        <source>Only the children of this name (default: all).</source>
        <translation>只等这个名称的子任务（默认：全部）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="242"/>
        <source>Runs another template inline, in this task: no new task.</source>
        <translation>在本任务中内联运行另一个模板：不会创建新任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="250"/>
        <source>The template to run inline.</source>
        <translation>要内联运行的模板。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="258"/>
        <source>Off: the future is created and dropped unpolled, so nothing runs.</source>
        <translation>关闭时：future 被创建后未经轮询就被丢弃，因此什么都不会运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="263"/>
        <source>Runs its steps on the blocking pool and awaits them.</source>
        <translation>在阻塞线程池上运行其中的步骤，并 await 它们。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="271"/>
        <source>Do not wait for the blocking work.</source>
        <translation>不等待这项阻塞工作完成。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="276"/>
        <source>Aborts every task of that name.</source>
        <translation>abort 该名称的所有任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="284"/>
        <source>The tasks to abort.</source>
        <translation>要 abort 的任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="288"/>
        <source>Runs its steps inline; at the deadline they are cancelled and the task goes on.</source>
        <translation>内联运行其中的步骤；到达截止时间时，这些步骤被取消，任务继续往下执行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="291"/>
        <source>The deadline.</source>
        <translation>截止时间。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="296"/>
        <source>Races its branches; the first to finish wins, the rest are cancelled.</source>
        <translation>让各分支竞速；最先完成的胜出，其余分支被取消。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="304"/>
        <source>Runs its steps this many times.</source>
        <translation>把其中的步骤运行这么多次。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="471"/>
        <source>The run stops, timed out, after this long on the runtime clock.</source>
        <translation>运行时时钟走过这么久后，运行停止（记为超时）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="598"/>
        <source>Every task of that name ended in this state.</source>
        <translation>该名称的每个任务都以这种状态结束。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="627"/>
        <source>One variant finishes at least this many times sooner than another.</source>
        <translation>一个变体比另一个至少快这么多倍完成。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="312"/>
        <source>How many times.</source>
        <translation>次数。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="317"/>
        <source>Ends the task with an error; whoever joins it fails too.</source>
        <translation>以错误结束任务；join 它的任务也会失败。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="325"/>
        <source>The error&apos;s message.</source>
        <translation>错误信息。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="329"/>
        <source>Returns Pending without keeping the waker: nobody can wake the task (the lost wake-up bug).</source>
        <translation>返回 Pending 却不保留 waker：没有谁能唤醒这个任务（丢失唤醒缺陷）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="352"/>
        <source>Time and CPU</source>
        <translation>时间与 CPU</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="354"/>
        <source>Synchronisation</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="356"/>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="357"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="358"/>
        <source>Control flow</source>
        <translation>控制流</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="370"/>
        <source>Tokio&apos;s work-stealing scheduler, or one thread and one queue.</source>
        <translation>Tokio 的工作窃取调度器，或者一个线程、一个队列。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="380"/>
        <source>Worker threads (1 on current_thread).</source>
        <translation>工作线程数（current_thread 下为 1）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="388"/>
        <source>A worker checks the global queue first every N polls.</source>
        <translation>工作线程每轮询 N 次，就先检查一次全局队列。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="396"/>
        <source>The LIFO slot for the task a worker just woke or spawned.</source>
        <translation>LIFO 槽：存放工作线程刚刚唤醒或 spawn 的任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="404"/>
        <source>Idle workers steal half of a busy worker&apos;s queue.</source>
        <translation>空闲的工作线程窃取繁忙工作线程队列中的一半任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="412"/>
        <source>Resource operations per poll before a forced yield (0: off).</source>
        <translation>协作预算：每次轮询在被强制让出之前可进行的资源操作次数（0：关闭）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="421"/>
        <source>compute yields after each slice (Go-like); 0: cooperative.</source>
        <translation>compute 每运行完一个时间片就让出（类似 Go）；0：协作式。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="430"/>
        <source>The blocking pool&apos;s thread limit.</source>
        <translation>阻塞线程池的线程数上限。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="438"/>
        <source>Slow motion: durations last this many times longer.</source>
        <translation>慢动作：各个时长拉长为这么多倍。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="446"/>
        <source>virtual: every duration exact; real: the wall clock.</source>
        <translation>virtual：每个时长都精确无误；real：墙上时钟。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="454"/>
        <source>The simulated machine&apos;s cores (default: a core per thread).</source>
        <translation>模拟机器的核心数（默认：每个线程一个核心）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="463"/>
        <source>Seeds steal-victim choice and io jitter.</source>
        <translation>随机种子：决定窃取时受害者的选择和 io 的抖动。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="481"/>
        <source>An async lock; its guard may cross an await.</source>
        <translation>异步锁；它的守卫可以跨越 await。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="489"/>
        <source>fair: FIFO hand-off (Tokio); barging: Go&apos;s sync.Mutex.</source>
        <translation>fair：按 FIFO 顺序移交（Tokio）；barging：可插队，如 Go 的 sync.Mutex。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="493"/>
        <source>A lock that blocks the thread while it waits.</source>
        <translation>等待时会阻塞线程的锁。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="497"/>
        <source>Permits shared by tasks.</source>
        <translation>由多个任务共享的许可。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="505"/>
        <source>How many permits it holds.</source>
        <translation>它拥有的许可数量。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="508"/>
        <source>A bounded queue of messages: send waits while it is full.</source>
        <translation>有界的消息队列：队列满时 send 会等待。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="516"/>
        <source>How many messages it buffers.</source>
        <translation>它能缓冲的消息条数。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="519"/>
        <source>A queue of messages that never makes send wait.</source>
        <translation>从不让 send 等待的消息队列。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="523"/>
        <source>One send, one receive.</source>
        <translation>发送一次，接收一次。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="527"/>
        <source>Wakes waiting tasks, with no data.</source>
        <translation>唤醒等待中的任务，不传递数据。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="531"/>
        <source>tokio_util&apos;s cancellation token, with optional parent.</source>
        <translation>tokio_util 的取消令牌，可以有父令牌。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="539"/>
        <source>Make it this token&apos;s child_token().</source>
        <translation>让它成为这个令牌的 child_token()。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="554"/>
        <source>The least it may be.</source>
        <translation>允许的最小值。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="558"/>
        <source>The most it may be.</source>
        <translation>允许的最大值。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="566"/>
        <source>Every task finishes before the time limit, no deadlock.</source>
        <translation>每个任务都在时间限制之前结束，没有死锁。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="569"/>
        <source>A detector reports this finding.</source>
        <translation>检测器报告了这一检测结果。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="577"/>
        <location filename="../../app/gui/builder/catalog.cpp" line="587"/>
        <source>The finding&apos;s kind.</source>
        <translation>检测结果的类型。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="579"/>
        <source>The detector does not report this finding.</source>
        <translation>检测器没有报告这一检测结果。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="589"/>
        <source>Some poll held its worker at least this long.</source>
        <translation>某次轮询占住其工作线程至少这么久。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="592"/>
        <source>Workers stole at least this many times.</source>
        <translation>工作线程至少窃取了这么多次。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="595"/>
        <source>The run&apos;s duration on the runtime clock.</source>
        <translation>按运行时时钟计算的运行时长。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="599"/>
        <location filename="../../app/gui/builder/catalog.cpp" line="611"/>
        <source>The tasks&apos; name.</source>
        <translation>任务的名称。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="608"/>
        <source>How they ended.</source>
        <translation>它们如何结束。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="610"/>
        <source>The total polls of the tasks of that name.</source>
        <translation>该名称的所有任务的轮询总次数。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="615"/>
        <source>How many times the template&apos;s steps started.</source>
        <translation>模板的步骤开始运行的次数。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="623"/>
        <source>The template.</source>
        <translation>模板。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="636"/>
        <source>The faster one.</source>
        <translation>较快的一方。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="644"/>
        <source>The slower one (base: the scenario itself).</source>
        <translation>较慢的一方（base：场景本身）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/builder/catalog.cpp" line="652"/>
        <source>How many times sooner (more than 1).</source>
        <translation>快多少倍（大于 1）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="562"/>
        <source>Text shown at this await point in the app.</source>
        <translation>应用中在这个 await 点显示的文字。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="584"/>
        <source>The template the tasks run.</source>
        <translation>任务运行的模板。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="594"/>
        <source>How many tasks.</source>
        <translation>任务的数量。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="614"/>
        <source>The body of #[tokio::main], run in block_on (default: the entry of main).</source>
        <translation>#[tokio::main] 的函数体，在 block_on 中运行（默认：main 模板的启动项）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="634"/>
        <source>The lesson library&apos;s section.</source>
        <translation>课程库中的分类。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="644"/>
        <source>beginner, intermediate or advanced.</source>
        <translation>beginner、intermediate 或 advanced（入门、中级或高级）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="655"/>
        <source>The slow motion the lesson is best watched at.</source>
        <translation>最适合观看本课的慢动作倍数。</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="35"/>
        <source>Poll duration: how long each poll took, from the moment a worker started running the task to the moment the task returned Pending (it waits at an .await) or Ready (it finished). While a poll runs, its worker runs nothing else: long polls delay every task queued behind them. p50 is the median; p90 and p99 show the slow tail.</source>
        <translation>轮询耗时：每次轮询花了多长时间，从工作线程开始运行任务的那一刻，到任务返回 Pending（它在某个 .await 处等待）或 Ready（它已结束）的那一刻。轮询进行期间，它所在的工作线程不运行任何别的东西：耗时长的轮询会拖慢排在它后面的每个任务。p50 是中位数；p90 和 p99 显示偏慢的尾部。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="44"/>
        <source>Scheduling delay: how long a task waited between being woken (its timer fired, a message or a lock arrived) and its next poll starting. It spends that time in a run queue until a worker gets to it; tokio-console calls it the task&apos;s scheduled time. Long delays mean the workers are busy or the queues are long.</source>
        <translation>调度延迟：任务从被唤醒（它的定时器到期，或等到了一条消息或一把锁）到下一次轮询开始之间等待了多久。这段时间它待在运行队列中，直到有工作线程来处理它；tokio-console 称之为任务的调度时间（scheduled time）。延迟长说明工作线程很忙或队列很长。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="88"/>
        <source>No run to chart yet.</source>
        <translation>还没有可绘制图表的运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="104"/>
        <source>The run over time, on the timeline&apos;s time axis: how busy each worker was, how many tasks waited in the run queues, how many polls and completions happened per second, and how many tasks waited for a lock. Hover a row&apos;s name to learn what it shows; click or drag to move the cursor there.</source>
        <translation>运行过程随时间的变化，使用与时间线相同的时间轴：每个工作线程有多忙、有多少任务在运行队列中等待、每秒发生了多少次轮询和完成、有多少任务在等待锁。将鼠标悬停在某一行的名称上可了解它显示的内容；点击或拖动可将游标移到该处。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="319"/>
        <source>Poll duration</source>
        <translation>轮询耗时</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="320"/>
        <source>polls</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="322"/>
        <source>Scheduling delay (wake → next poll)</source>
        <translation>调度延迟（唤醒 → 下一次轮询）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="323"/>
        <source>wakes</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="324"/>
        <source>The histograms count the polls that start, and the wakes that happen, in the selected range; without a selection, in the visible range. Their x axis is logarithmic: each step to the right is a larger multiple, so microseconds and seconds fit in one picture.</source>
        <translation>直方图统计所选范围内开始的轮询和发生的唤醒；没有选区时，统计可见范围内的。它们的 x 轴是对数刻度：每向右一格就乘以一个更大的倍数，因此微秒和秒能放进同一张图中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="440"/>
        <source>In the selection: %1 to %2 (%3)</source>
        <translation>选区内：%1 到 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="444"/>
        <source>Over the whole run (%1)</source>
        <translation>整个运行过程（%1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/charts_panel.cpp" line="447"/>
        <source>In the visible range: %1 to %2 (%3)</source>
        <translation>可见范围内：%1 到 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="261"/>
        <source>w%1 busy %</source>
        <translation>w%1 忙碌 %</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="261"/>
        <source>main busy %</source>
        <translation>main 忙碌 %</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="270"/>
        <source>run queues</source>
        <translation>运行队列</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="273"/>
        <source>inject</source>
        <translation>注入</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="279"/>
        <source>w%1</source>
        <translation>w%1</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="289"/>
        <location filename="../../app/core/chart_painter.cpp" line="297"/>
        <source>polls/s</source>
        <translation>轮询次数/秒</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="290"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="297"/>
        <source>completions/s</source>
        <translation>完成次数/秒</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="302"/>
        <source>lock waits</source>
        <translation>锁等待</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="304"/>
        <source>mutex</source>
        <translation>互斥锁</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="315"/>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="338"/>
        <source>Busy % of the main thread: the share of each moment block_on spent polling the #[tokio::main] body. It is not a worker: the rest of the time it slept, waiting for main&apos;s waker.</source>
        <translation>主线程的忙碌百分比：每个时刻中 block_on 轮询 #[tokio::main] 函数体所占的比例。它不是工作线程：其余时间它在休眠，等待 main 的 waker。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="342"/>
        <source>Busy % of worker %1: the share of each moment it spent polling tasks, that is running their code up to their next .await that is not ready. The rest of the time it looked for work (its queue, the inject queue, stealing) or was parked asleep. Near 100% for long: more work than it can do; near 0% while others are busy: work that is not being shared.</source>
        <translation>工作线程 %1 的忙碌百分比：每一时刻中它用于轮询任务的时间占比，即运行任务的代码，直到下一个尚未就绪的 .await 为止。其余时间它在寻找工作（自己的队列、全局队列、窃取）或休眠。长时间接近 100%：工作量超出了它的处理能力；其他工作线程忙碌时它却接近 0%：工作没有被分担。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="349"/>
        <source>Run-queue depth: tasks that are ready to run but wait for a worker. The inject (global) queue takes tasks spawned or woken from outside the workers and what overflows a local queue; each worker has its own local queue (its LIFO slot counted in it). Queues that keep growing mean tasks become ready faster than the workers poll them. Each column shows the deepest the queue was in it.</source>
        <translation>运行队列深度：已经可以运行、但在等待工作线程的任务。全局队列（inject queue）接收在工作线程之外 spawn 或唤醒的任务，以及从本地队列溢出的任务；每个工作线程都有自己的本地队列（其 LIFO 槽也计算在内）。队列持续增长，说明任务变为就绪的速度快于工作线程轮询它们的速度。每一列显示该时间段内队列的最大深度。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="357"/>
        <source>Polls per second: how often the workers polled a task (each poll runs the task until it returns Pending or Ready). Completions per second: the polls that returned Ready, when a task finished. Many polls per completion: tasks wait and are woken often.</source>
        <translation>每秒轮询次数：工作线程轮询任务的频率（每次轮询都会运行任务，直到它返回 Pending 或 Ready）。每秒完成次数：返回 Ready 的轮询，即任务结束的时刻。每次完成对应很多次轮询：说明任务经常等待并被唤醒。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="363"/>
        <source>Tasks waiting for a lock: how many tasks were queued on a mutex (async or blocking), the most in each column; and for a semaphore, when any were. The lock wait time is the area under this line: the task-time spent waiting, which the tooltip adds up for each column.</source>
        <translation>等待锁的任务：在互斥锁（异步或阻塞式）上排队的任务数，取每一列中的最大值；如果有任务在等待信号量，也会显示出来。锁等待时间就是这条线下方的面积：各任务等待所花时间的总和，提示框会为每一列把它加起来。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="380"/>
        <source>Outside the run.</source>
        <translation>在运行范围之外。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="389"/>
        <source>Main thread: %1% busy at %2 (over %3).</source>
        <translation>主线程：在 %2 忙碌 %1%（统计区间 %3）。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="392"/>
        <source>Worker %1: %2% busy at %3 (over %4).</source>
        <translation>工作线程 %1：在 %3 时忙碌 %2%（按 %4 区间统计）。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="401"/>
        <source>worker %1: %2</source>
        <translation>工作线程 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="403"/>
        <source>At %1 (over %2), the deepest the run queues were: %3 in the inject queue.</source>
        <translation>在 %1 时（按 %2 区间统计），运行队列的最大深度：全局队列中 %3 个。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="408"/>
        <source>Local queues: %1.</source>
        <translation>本地队列：%1。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="412"/>
        <source>At %1 (over %2): %3 polls/s, %4 completions/s.</source>
        <translation>在 %1 时（按 %2 区间统计）：每秒 %3 次轮询，每秒 %4 次完成。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="417"/>
        <source>At %1 (over %2): up to %3 tasks waiting for a lock; together they waited %4.</source>
        <translation>在 %1 时（按 %2 区间统计）：最多 %3 个任务在等待锁；它们总共等待了 %4。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="423"/>
        <source>Up to %1 waiting for a semaphore.</source>
        <translation>最多 %1 个任务在等待信号量。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="567"/>
        <source>No %1 in this range.</source>
        <translation>此范围内没有%1。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="572"/>
        <source>%1 %2 · p50 %3 · p90 %4 · p99 %5 · max %6</source>
        <translation>%1 次%2 · p50 %3 · p90 %4 · p99 %5 · 最大 %6</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="726"/>
        <source>No time at all (0 ns): %1 %2, %3% of them.</source>
        <translation>完全不耗时（0 ns）：%1 次%2，占 %3%。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="728"/>
        <source>From %1 to %2: %3 %4, %5% of them.</source>
        <translation>%1 到 %2：%3 次%4，占 %5%。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="734"/>
        <source>p%1 = %2: %1% of the %3 took %2 or less, the other %4% took longer.</source>
        <translation>p%1 = %2：%1% 的%3用时不超过 %2，其余 %4% 用时更长。</translation>
    </message>
    <message>
        <location filename="../../app/core/chart_painter.cpp" line="740"/>
        <source>%1 %2; mean %3, from %4 to %5.</source>
        <translation>%1 次%2；平均 %3，范围从 %4 到 %5。</translation>
    </message>
</context>
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
        <location filename="../../app/core/runtime_paint.cpp" line="16"/>
        <source>Task %1 &quot;%2&quot;: %3. Polled %4 times, woken %5 times.</source>
        <translation>任务 %1“%2”：%3。已轮询 %4 次，被唤醒 %5 次。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_paint.cpp" line="29"/>
        <source>At await point %1.</source>
        <translation>位于 await 点 %1。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="239"/>
        <source>Worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="239"/>
        <source>Main</source>
        <translation>主线程</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="244"/>
        <source>parked</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="245"/>
        <source>block_on</source>
        <translation>block_on</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="246"/>
        <source>polling</source>
        <translation>轮询中</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="247"/>
        <location filename="../../app/core/runtime_painter.cpp" line="248"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="247"/>
        <location filename="../../app/core/runtime_painter.cpp" line="288"/>
        <source>woken</source>
        <translation>已唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="249"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="250"/>
        <source>searching</source>
        <translation>寻找任务</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="255"/>
        <source>The main thread, where #[tokio::main] runs its body inside Runtime::block_on. It is not a worker: it polls only main, sleeps while main awaits, and nobody can steal main. What main spawns or wakes goes to the global queue. %1 polls so far.</source>
        <translation>主线程：#[tokio::main] 在这里通过 Runtime::block_on 运行它的函数体。它不是工作线程：它只轮询 main，main 等待时它就休眠，任何工作线程都不能窃取 main。main spawn 或唤醒的任务都进入全局队列。到目前为止轮询了 %1 次。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="260"/>
        <source>Worker %1 is parked: it found no task in its queues, the global queue or its siblings&apos; queues, so its thread sleeps until a wake-up gives it work.</source>
        <translation>工作线程 %1 已休眠 (park)：它在自己的队列、全局队列和其他工作线程的队列中都没有找到任务，因此它的线程进入睡眠，直到被唤醒并分到工作。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="264"/>
        <source>Worker %1: an OS thread that polls one task at a time. %2 polls so far, %3 steals.</source>
        <translation>工作线程 %1：一个操作系统线程，每次轮询 (poll) 一个任务。到目前为止已轮询 %2 次，窃取 %3 次。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="281"/>
        <location filename="../../app/core/runtime_painter.cpp" line="379"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="294"/>
        <source>main, woken and about to be polled again by block_on on this thread.</source>
        <translation>main 已被唤醒，即将由这个线程上的 block_on 再次轮询。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="297"/>
        <source>no run queue: main&apos;s spawns go to the global queue</source>
        <translation>没有运行队列：main spawn 的任务进入全局队列</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="304"/>
        <location filename="../../app/core/runtime_painter.cpp" line="309"/>
        <source>LIFO</source>
        <translation>LIFO</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="312"/>
        <source>The LIFO slot holds the task this worker just woke or spawned; it runs next, while its data is still in the CPU cache. Other workers cannot steal it.</source>
        <translation>LIFO 槽存放该工作线程刚刚唤醒或 spawn 的任务；它会紧接着运行，此时它的数据仍在 CPU 缓存中。其他工作线程无法窃取它。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="318"/>
        <location filename="../../app/core/runtime_painter.cpp" line="321"/>
        <source>local queue (%1)</source>
        <translation>本地队列 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="325"/>
        <source>Worker %1&apos;s local run queue (%2 tasks), served front first. An idle worker steals half of it.</source>
        <translation>工作线程 %1 的本地队列（%2 个任务），从队首开始处理。空闲的工作线程会从中窃取一半。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="333"/>
        <source>… and %1 more workers</source>
        <translation>… 另有 %1 个工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="340"/>
        <source>Global queue (%1)</source>
        <translation>全局队列 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="345"/>
        <source>The global (inject) queue: tasks spawned or woken from outside a worker. Workers check it every 61 polls and when their own queue is empty.</source>
        <translation>全局（inject，注入）队列：存放在工作线程之外 spawn 或唤醒的任务。工作线程每轮询 61 次检查一次它，自己的队列为空时也会检查。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="358"/>
        <source>Blocking pool (1 thread)</source>
        <translation>阻塞线程池（1 个线程）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="359"/>
        <source>Blocking pool (%1 threads)</source>
        <translation>阻塞线程池（%1 个线程）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="375"/>
        <source>job</source>
        <translation>作业</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="379"/>
        <source>job %1</source>
        <translation>作业 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="383"/>
        <source>A blocking-pool thread (spawn_blocking). It may block as long as it likes without stalling the async workers.</source>
        <translation>阻塞线程池中的一个线程 (spawn_blocking)。它可以任意长时间地阻塞，而不会拖住异步工作线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="402"/>
        <source>queued:</source>
        <translation>排队中：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="410"/>
        <source>The blocking pool runs spawn_blocking jobs on extra threads (up to 512 in Tokio), created on demand and kept 10 s when idle.</source>
        <translation>阻塞线程池在额外的线程上运行 spawn_blocking 作业（Tokio 中最多 512 个线程）；线程按需创建，空闲时保留 10 秒。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="425"/>
        <source>Timers (%1)</source>
        <translation>定时器 (%1)</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="428"/>
        <source>Tasks sleeping on the runtime&apos;s timer wheel, soonest first. When a deadline passes, the timer wakes the task.</source>
        <translation>在运行时的时间轮上休眠 (sleep) 的任务，最早到期的排在最前。到达截止时间后，定时器会唤醒该任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="438"/>
        <source>… %1 more</source>
        <translation>… 另有 %1 个</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="445"/>
        <source>in %1</source>
        <translation>%1 后</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="451"/>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="475"/>
        <source>waiting:</source>
        <translation>等待中：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="481"/>
        <source> (blocking)</source>
        <translation>（阻塞式）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="486"/>
        <source>holds</source>
        <translation>持有</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="488"/>
        <source>free</source>
        <translation>未占用</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="490"/>
        <source>A blocking mutex (like std::sync::Mutex): a task that waits for it blocks its whole worker thread. Holder first, then the threads waiting.</source>
        <translation>阻塞式互斥锁（如 std::sync::Mutex）：等待它的任务会阻塞所在的整个工作线程。先列出持有者，然后是正在等待的线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="493"/>
        <source>An async mutex (tokio::sync::Mutex): waiters queue in FIFO order and each unlock hands the lock to the first one and wakes it. %1 waiting.</source>
        <translation>异步互斥锁 (tokio::sync::Mutex)：等待者按 FIFO 顺序排队，每次解锁都会把锁交给排在最前的等待者并唤醒它。%1 个正在等待。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="519"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="521"/>
        <source>A channel: %1 message(s) buffered%2. %3 receiver(s) and %4 sender(s) are waiting on it%5.</source>
        <translation>通道：已缓冲 %1 条消息%2。有 %3 个接收端和 %4 个发送端正在等待它%5。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="524"/>
        <source> of %1</source>
        <translation>（容量 %1）</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="527"/>
        <source>; it is closed</source>
        <translation>；通道已关闭</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="529"/>
        <source>receivers:</source>
        <translation>接收方：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="530"/>
        <source>senders:</source>
        <translation>发送方：</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="541"/>
        <source>%1 of %2 permits held</source>
        <translation>已持有 %1/%2 个许可</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="542"/>
        <source>%1 held</source>
        <translation>已占用 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="544"/>
        <source>A semaphore: %1 permit(s) held, %2 task(s) waiting in FIFO order.</source>
        <translation>信号量：已占用 %1 个许可 (permit)，%2 个任务按 FIFO 顺序等待。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="651"/>
        <source>steal %1</source>
        <translation>窃取 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="652"/>
        <source>steal ×%1</source>
        <translation>窃取 ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="655"/>
        <source>wake ×%1</source>
        <translation>唤醒 ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="658"/>
        <source>spawn ×%1</source>
        <translation>spawn ×%1</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="666"/>
        <source>Worker %1 ran out of work and stole %2 task(s) from the front of worker %3&apos;s local queue.</source>
        <translation>工作线程 %1 没有工作可做，从工作线程 %3 的本地队列队首窃取了 %2 个任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="671"/>
        <source>Worker %1 ran out of work and stole from worker %2&apos;s local queue %3 times just now, %4 tasks in all.</source>
        <translation>工作线程 %1 没有工作可做，刚刚从工作线程 %2 的本地队列窃取了 %3 次，共 %4 个任务。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="678"/>
        <source>%1 wake-ups along this arrow just now: each one made the woken task runnable again.</source>
        <translation>刚刚沿这条箭头发生了 %1 次唤醒：每一次都让被唤醒的任务重新变为可运行。</translation>
    </message>
    <message>
        <location filename="../../app/core/runtime_painter.cpp" line="682"/>
        <source>%1 tasks spawned along this arrow just now.</source>
        <translation>刚刚沿这条箭头 spawn 了 %1 个任务。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/gui/session.cpp" line="135"/>
        <source>the file is larger than 1 MiB; a scenario may be at most that</source>
        <translation>文件大于 1 MiB；场景文件不能超过这个大小</translation>
    </message>
    <message>
        <location filename="../../app/gui/session.cpp" line="155"/>
        <source>no built-in scenario named &quot;%1&quot;</source>
        <translation>没有名为“%1”的内置场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/session.cpp" line="560"/>
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
        <location filename="../../app/core/timeline_painter.cpp" line="322"/>
        <source>%1 – %2 of %3</source>
        <translation>%1 – %2（共 %3）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="129"/>
        <location filename="../../app/core/timeline_painter.cpp" line="379"/>
        <location filename="../../app/core/timeline_painter.cpp" line="1370"/>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="391"/>
        <location filename="../../app/core/timeline_painter.cpp" line="652"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="392"/>
        <location filename="../../app/core/timeline_painter.cpp" line="653"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="393"/>
        <location filename="../../app/core/timeline_painter.cpp" line="654"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="412"/>
        <source>%1 jobs</source>
        <translation>%1 个作业</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="412"/>
        <source>%1 polls</source>
        <translation>%1 次轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="275"/>
        <location filename="../../app/core/timeline_painter.cpp" line="476"/>
        <source>worker %1</source>
        <translation>工作线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="134"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="139"/>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="161"/>
        <source>mutex</source>
        <translation>互斥锁</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="162"/>
        <source>blocking mutex</source>
        <translation>阻塞式互斥锁</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="164"/>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="164"/>
        <source>%1 (%2 permits)</source>
        <translation>%1（%2 个许可）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="166"/>
        <location filename="../../app/core/timeline_painter.cpp" line="168"/>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="166"/>
        <source>%1 (cap %2)</source>
        <translation>%1（容量 %2）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="168"/>
        <source>%1 (unbounded)</source>
        <translation>%1（无界）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="169"/>
        <source>oneshot</source>
        <translation>oneshot</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="170"/>
        <source>notify</source>
        <translation>Notify</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="171"/>
        <source>cancel token</source>
        <translation>取消令牌</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="179"/>
        <source>the mutex %1</source>
        <translation>互斥锁 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="180"/>
        <source>the blocking mutex %1</source>
        <translation>阻塞式互斥锁 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="181"/>
        <source>the semaphore %1</source>
        <translation>信号量 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="183"/>
        <source>the channel %1</source>
        <translation>通道 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="184"/>
        <source>the oneshot %1</source>
        <translation>oneshot %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="185"/>
        <location filename="../../app/core/timeline_painter.cpp" line="245"/>
        <source>the Notify %1</source>
        <translation>Notify %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="186"/>
        <source>the CancellationToken %1</source>
        <translation>取消令牌 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="190"/>
        <source>1 task</source>
        <translation>1 个任务</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="190"/>
        <source>%1 tasks</source>
        <translation>%1 个任务</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="194"/>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="194"/>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="196"/>
        <source>%1 buffered</source>
        <translation>已缓冲 %1 条</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="198"/>
        <source>1 permit in use</source>
        <translation>已用 1 个许可</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="198"/>
        <source>%1 permits in use</source>
        <translation>已用 %1 个许可</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="199"/>
        <source>%1 waiting</source>
        <translation>%1 个等待中</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="209"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="210"/>
        <source>lock %1</source>
        <translation>加锁 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="211"/>
        <source>send %1 (full)</source>
        <translation>发送 %1（已满）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="212"/>
        <source>recv %1 (empty)</source>
        <translation>接收 %1（为空）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="213"/>
        <source>acquire %1</source>
        <translation>获取 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="214"/>
        <source>join %1</source>
        <translation>join %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="215"/>
        <source>join any</source>
        <translation>join 任意任务</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="216"/>
        <source>notified %1</source>
        <translation>等待通知 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="217"/>
        <source>sleep</source>
        <translation>sleep</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="218"/>
        <source>blocking job %1</source>
        <translation>阻塞作业 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="227"/>
        <source>a wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="229"/>
        <source>the mutex %1, which another task holds</source>
        <translation>互斥锁 %1（它正被另一个任务持有）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="232"/>
        <source>room in the channel %1, which is full</source>
        <translation>通道 %1 腾出空间（该通道已满）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="235"/>
        <source>a message on the channel %1, which is empty</source>
        <translation>通道 %1 上的消息（该通道为空）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="238"/>
        <source>a permit of the semaphore %1</source>
        <translation>信号量 %1 的一个许可</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="241"/>
        <source>task %1 &quot;%2&quot; to finish (it awaits its JoinHandle)</source>
        <translation>任务 %1“%2”结束（它在 await 该任务的 JoinHandle）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="244"/>
        <source>any task of its group to finish</source>
        <translation>它所在任务组中的任意一个任务结束</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="246"/>
        <source>a timer (a sleep or a timeout)</source>
        <translation>定时器（sleep 或超时）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="248"/>
        <source>its spawn_blocking job %1, which runs on the blocking pool</source>
        <translation>它的 spawn_blocking 作业 %1（在阻塞线程池上运行）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="251"/>
        <source>%1, or for its timeout</source>
        <translation>%1，或等待超时</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="256"/>
        <source>its timer</source>
        <translation>它的定时器</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="257"/>
        <source>a channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="258"/>
        <source>the mutex it was handed</source>
        <translation>交到它手上的互斥锁</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="259"/>
        <source>a semaphore permit</source>
        <translation>信号量许可</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="260"/>
        <source>a Notify</source>
        <translation>Notify</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="261"/>
        <source>the end of a task it joined</source>
        <translation>它所 join 的任务结束</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="262"/>
        <source>itself (it yielded)</source>
        <translation>它自己（它主动 yield 让出）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="263"/>
        <source>its spawn_blocking job finishing</source>
        <translation>它的 spawn_blocking 作业完成</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="264"/>
        <source>a thread outside the runtime</source>
        <translation>运行时之外的线程</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="265"/>
        <source>a cancellation</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="272"/>
        <source>block_on&apos;s thread</source>
        <translation>block_on 的线程</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="274"/>
        <source>blocking thread %1</source>
        <translation>阻塞线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="476"/>
        <source>main thread</source>
        <translation>主线程</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="484"/>
        <source>blocking %1</source>
        <translation>阻塞线程 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="492"/>
        <source>Lanes not shown: %1 (make the picture taller)</source>
        <translation>未显示的泳道：%1（请加大图片高度）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="578"/>
        <source>%1 changes</source>
        <translation>%1 次变化</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="615"/>
        <source>scheduled</source>
        <translation>已调度</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="646"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="651"/>
        <source>poll</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="703"/>
        <source>%1 holders</source>
        <translation>%1 个持有者</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="823"/>
        <source>job %1 for %2</source>
        <translation>作业 %1（为 %2）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="824"/>
        <source>job %1</source>
        <translation>作业 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="972"/>
        <source>steal %1</source>
        <translation>窃取 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1011"/>
        <source>poll (its task&apos;s colour)</source>
        <translation>轮询（任务的颜色）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1013"/>
        <source>polls too small to show, folded</source>
        <translation>过小无法显示的轮询（已折叠）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1015"/>
        <source>parked</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1017"/>
        <source>blocking job</source>
        <translation>阻塞作业</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1024"/>
        <source>scheduled (in a run queue)</source>
        <translation>已调度（在运行队列中）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1026"/>
        <source>idle (waiting for a wake)</source>
        <translation>空闲（等待唤醒）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1030"/>
        <source>buffered / permits in use</source>
        <translation>已缓冲 / 已用许可</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1032"/>
        <source>tasks waiting</source>
        <translation>等待中的任务</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1037"/>
        <source>wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1039"/>
        <source>steal</source>
        <translation>窃取</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1042"/>
        <source>finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1045"/>
        <source>cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1048"/>
        <source>Arrows hidden: %1 wakes and steals in view (zoom in to see them)</source>
        <translation>已隐藏箭头：视图中有 %1 次唤醒和窃取（放大后可见）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1156"/>
        <source>task %1 &quot;%2&quot;</source>
        <translation>任务 %1“%2”</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1159"/>
        <source>Task %1 &quot;%2&quot;: hatched while scheduled (in a run queue, waiting for a worker), in its colour while a worker polls it, a thin line while idle (waiting for a wake), nothing once done.</source>
        <translation>任务 %1“%2”：已调度时（在运行队列中等待工作线程）显示为斜线阴影，被工作线程轮询时显示为它自己的颜色，空闲时（等待唤醒）显示为一条细线，完成后不再显示。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1164"/>
        <source>%1 state changes of %2 too small to show at this zoom, from %3 to %4.</source>
        <translation>在当前缩放下，%2 有 %1 次状态变化过小无法显示，从 %3 到 %4。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1174"/>
        <source>It was still in this state at the end of what was recorded.</source>
        <translation>录制结束时它仍处于这一状态。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1178"/>
        <source>Running: %1 polled %2 from %3 to %4 (%5).</source>
        <translation>运行中：%1 从 %3 到 %4 轮询了 %2（%5）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1179"/>
        <source>block_on on the main thread</source>
        <translation>主线程上的 block_on</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1188"/>
        <source>It returned Pending: it waits for something and gives the worker back.</source>
        <translation>它返回了 Pending：它在等待某件事，并把工作线程让了出来。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1190"/>
        <source>It returned Pending at await point %1: it waits for something and gives the worker back.</source>
        <translation>它在 await 点 %1 返回了 Pending：它在等待某件事，并把工作线程让了出来。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1203"/>
        <source>Scheduled: spawned at %1, %2 waited in a run queue for a worker until %3 (%4). A task does nothing until a worker polls it.</source>
        <translation>已调度：在 %1 被 spawn 后，%2 在运行队列中等待工作线程，直到 %3（%4）。在工作线程轮询它之前，任务什么也不做。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1209"/>
        <source>%1 (from task %2 &quot;%3&quot;)</source>
        <translation>%1（来自任务 %2“%3”）</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1211"/>
        <source>Scheduled: woken by %1 at %2, %3 waited in a run queue for a worker until %4 (%5). A woken task does not run at once: it needs a free worker.</source>
        <translation>已调度：在 %2 被 %1 唤醒后，%3 在运行队列中等待工作线程，直到 %4（%5）。被唤醒的任务不会立即运行：它需要一个空闲的工作线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1222"/>
        <source>Idle from %1 to %2 (%3): its poll returned Pending and it waits for %4. It costs no worker time until something wakes it.</source>
        <translation>从 %1 到 %2 空闲（%3）：它的轮询返回了 Pending，它在等待 %4。在被唤醒之前，它不占用任何工作线程时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1225"/>
        <source>Idle from %1 to %2 (%3): its poll returned Pending at await point %4 and it waits for %5. It costs no worker time until something wakes it.</source>
        <translation>从 %1 到 %2 空闲（%3）：它的轮询在 await 点 %4 返回了 Pending，它在等待 %5。在被唤醒之前，它不占用任何工作线程时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1245"/>
        <source>Mutex %1: who holds it, in the holder&apos;s colour, and below, how many tasks wait for it. An async mutex queues its waiters and hands it to them in turn.</source>
        <translation>互斥锁 %1：谁持有它（以持有者的颜色显示），下方是有多少任务在等待它。异步互斥锁让等待者排队，并依次把锁交给它们。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1250"/>
        <source>Blocking mutex %1: who holds it, and below, how many tasks wait for it. Waiting for a blocking mutex blocks the worker thread itself.</source>
        <translation>阻塞式互斥锁 %1：谁持有它，下方是有多少任务在等待它。等待阻塞式互斥锁会阻塞工作线程本身。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1255"/>
        <source>Channel %1: the messages buffered (the filled area; full height: its capacity), the senders waiting for room (red) and the receivers waiting for a message (blue).</source>
        <translation>通道 %1：已缓冲的消息（填充区域；满高度表示其容量）、等待空间的发送方（红色）以及等待消息的接收方（蓝色）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1260"/>
        <source>Oneshot %1: filled once its value is sent; blue while the receiver waits.</source>
        <translation>oneshot %1：值发送后即被填充；接收方等待期间显示为蓝色。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1263"/>
        <source>Semaphore %1: the permits in use (the filled area; full height: all its permits) and the tasks waiting for one (red).</source>
        <translation>信号量 %1：已用的许可（填充区域；满高度表示全部许可）以及等待许可的任务（红色）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1267"/>
        <source>Notify %1: how many tasks wait to be notified.</source>
        <translation>Notify %1：有多少任务在等待被通知。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1269"/>
        <source>CancellationToken %1: how many tasks await cancelled(); they are all woken at once when it (or a parent token) is cancelled.</source>
        <translation>取消令牌 %1：有多少任务在等待 cancelled()；它（或它的父令牌）被取消时，这些任务同时被唤醒。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1275"/>
        <source>%1 holds of %2 too small to show at this zoom, from %3 to %4.</source>
        <translation>在当前缩放下，%2 有 %1 次持有过小无法显示，从 %3 到 %4。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1283"/>
        <source>Task %1 &quot;%2&quot; held %3 from %4 to %5 (%6).</source>
        <translation>任务 %1“%2”从 %4 到 %5 持有 %3（%6）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1285"/>
        <source>%1 tasks held it together.</source>
        <translation>%1 个任务共同持有它。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1287"/>
        <source>Meanwhile up to %1 waited for it: it is handed to them one at a time, in the order they came.</source>
        <translation>在此期间最多有 %1 在等待它：它会按等待者到来的顺序逐个交给它们。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1290"/>
        <source>No task waited for it meanwhile.</source>
        <translation>在此期间没有任务等待它。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1291"/>
        <source>It was still held at the end of what was recorded.</source>
        <translation>录制结束时它仍被持有。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1304"/>
        <source>%1, from %2 to %3: %4 changes too small to show at this zoom; at most %5.</source>
        <translation>%1，从 %2 到 %3：在当前缩放下有 %4 次变化过小无法显示；峰值：%5。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1310"/>
        <source>From %1 to %2 (%3), %4 waited for %5.</source>
        <translation>从 %1 到 %2（%3），有 %4 在等待 %5。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1313"/>
        <source>A task that finds it held waits without costing worker time, until it is handed the lock.</source>
        <translation>发现锁已被持有的任务会等待，但不占用工作线程时间，直到锁被交给它。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1316"/>
        <source>From %1 to %2 (%3), %4 waited on %5 to be notified.</source>
        <translation>从 %1 到 %2（%3），有 %4 在 %5 上等待通知。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1321"/>
        <source>From %1 on, %2 held its value: it was sent, and the receiver takes it when it is next polled.</source>
        <translation>从 %1 起，%2 中存有它的值：值已发送，接收方会在下次被轮询时取走它。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1324"/>
        <source>From %1 to %2, nothing was sent on %3 yet.</source>
        <translation>从 %1 到 %2，%3 上尚未发送任何值。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1327"/>
        <source>From %1 to %2 (%3), %4 had %5 of its %6 permits in use.</source>
        <translation>从 %1 到 %2（%3），%4 的 %6 个许可中有 %5 个在使用。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1332"/>
        <source>From %1 to %2 (%3), %4 held %5 of its %6 slots.</source>
        <translation>从 %1 到 %2（%3），%4 的 %6 个槽位中占用了 %5 个。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1335"/>
        <source>From %1 to %2 (%3), %4 held %5 messages.</source>
        <translation>从 %1 到 %2（%3），%4 中有 %5 条消息。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1342"/>
        <source>Up to %1 waited for a permit.</source>
        <translation>最多有 %1 在等待许可。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1345"/>
        <source>Up to %1 waited to send: the channel was full, so a sender waits for room (backpressure).</source>
        <translation>最多有 %1 在等待发送：通道已满，因此发送方要等待腾出空间（背压）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1349"/>
        <source>Up to %1 waited to receive: the channel was empty.</source>
        <translation>最多有 %1 在等待接收：通道为空。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1380"/>
        <source>Task %1 &quot;%2&quot; polled by block_on on the main thread from %3 to %4 (%5).</source>
        <translation>任务 %1 “%2” 从 %3 到 %4 由主线程上的 block_on 轮询（%5）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1382"/>
        <source>Task %1 &quot;%2&quot; polled on worker %3 from %4 to %5 (%6).</source>
        <translation>任务 %1“%2”在工作线程 %3 上被轮询，从 %4 到 %5（%6）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1386"/>
        <source>Still running when the recording ended.</source>
        <translation>录制结束时仍在运行。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1393"/>
        <source>It returned Pending at await point %1.</source>
        <translation>它在 await 点 %1 返回了 Pending。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1395"/>
        <source>It returned Pending.</source>
        <translation>它返回了 Pending。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1195"/>
        <location filename="../../app/core/timeline_painter.cpp" line="1398"/>
        <source>It completed.</source>
        <translation>它已完成。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1196"/>
        <location filename="../../app/core/timeline_painter.cpp" line="1399"/>
        <source>It was cancelled.</source>
        <translation>它被取消了。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1197"/>
        <location filename="../../app/core/timeline_painter.cpp" line="1400"/>
        <source>It failed.</source>
        <translation>它失败了。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1405"/>
        <source>%1 jobs too small to show at this zoom, from %2 to %3.</source>
        <translation>在当前缩放下有 %1 个作业过小无法显示，从 %2 到 %3。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1406"/>
        <source>%1 polls too small to show at this zoom, from %2 to %3.</source>
        <translation>在当前缩放下有 %1 次轮询过小无法显示，从 %2 到 %3。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1152"/>
        <location filename="../../app/core/timeline_painter.cpp" line="1408"/>
        <source>Double-click to zoom in.</source>
        <translation>双击可放大。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1411"/>
        <source>The main thread slept in block_on from %1 to %2 (%3): main was waiting (Pending), and its waker wakes this thread.</source>
        <translation>主线程从 %1 到 %2 在 block_on 中休眠（%3）：main 在等待（Pending），它的 waker 会唤醒这个线程。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1414"/>
        <source>Worker %1 parked from %2 to %3 (%4): it had no work and slept.</source>
        <translation>工作线程 %1 从 %2 到 %3 休眠（%4）：它没有工作，进入了睡眠。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1420"/>
        <source>Blocking thread %1 ran job %2 for task %3 &quot;%4&quot; from %5 to %6 (%7).</source>
        <translation>阻塞线程 %1 为任务 %3“%4”运行了作业 %2，从 %5 到 %6（%7）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1423"/>
        <source>Blocking thread %1 ran job %2 from %3 to %4 (%5).</source>
        <translation>阻塞线程 %1 运行了作业 %2，从 %3 到 %4（%5）。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1430"/>
        <source>At %1: %2</source>
        <translation>在 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1438"/>
        <source>Blocking-pool thread %1: the spawn_blocking jobs it ran.</source>
        <translation>阻塞线程池的线程 %1：它运行的 spawn_blocking 作业。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1440"/>
        <source>The main thread: block_on polls the #[tokio::main] body here, not on a worker; it sleeps while main awaits.</source>
        <translation>主线程：block_on 在这里（而不是在工作线程上）轮询 #[tokio::main] 的函数体；main 等待时它就休眠。</translation>
    </message>
    <message>
        <location filename="../../app/core/timeline_painter.cpp" line="1442"/>
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
    <name>asyncscope::core</name>
    <message>
        <location filename="../../app/core/compare.cpp" line="29"/>
        <location filename="../../app/core/compare.cpp" line="46"/>
        <location filename="../../app/core/compare.cpp" line="120"/>
        <source>same</source>
        <translation>相同</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="37"/>
        <source>%1× faster</source>
        <translation>快 %1 倍</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="40"/>
        <source>%1× slower</source>
        <translation>慢 %1 倍</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="82"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="85"/>
        <source>Runtime time from the first event to the last (the virtual clock&apos;s, when the run used it)</source>
        <translation>从第一个事件到最后一个事件的运行时时间（运行使用虚拟时钟时，为虚拟时钟的时间）</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="87"/>
        <source>Polls</source>
        <translation>轮询次数</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="89"/>
        <source>Future::poll calls: each is one step of a task, up to its next .await that is not ready</source>
        <translation>Future::poll 调用次数：每次是任务的一步，直到下一个尚未就绪的 .await</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="91"/>
        <source>Steals</source>
        <translation>窃取次数</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="93"/>
        <source>Times an idle worker took half of another worker&apos;s local queue</source>
        <translation>空闲工作线程从另一个工作线程的本地队列取走一半任务的次数</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="94"/>
        <source>Longest scheduling delay</source>
        <translation>最长调度延迟</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="99"/>
        <source>The longest time a woken task waited in a queue before a worker polled it</source>
        <translation>被唤醒的任务在队列中等待、直到工作线程轮询它的最长时间</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="107"/>
        <source>Main thread busy</source>
        <translation>主线程忙碌</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="108"/>
        <source>Worker %1 busy</source>
        <translation>工作线程 %1 忙碌</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="127"/>
        <source>The share of the run this thread spent polling tasks</source>
        <translation>这个线程在本次运行中用于轮询任务的时间占比</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="139"/>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../app/core/compare.cpp" line="142"/>
        <source>Problems the detectors found (informational findings are listed, not counted)</source>
        <translation>检测器发现的问题（提示性的发现会列出，但不计数）</translation>
    </message>
</context>
<context>
    <name>asyncscope::core::FindingsModel</name>
    <message>
        <location filename="../../app/core/models/findings_model.cpp" line="75"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/findings_model.cpp" line="81"/>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location filename="../../app/core/models/findings_model.cpp" line="82"/>
        <source>Select this task in every view.</source>
        <translation>在所有视图中选中这个任务。</translation>
    </message>
</context>
<context>
    <name>asyncscope::core::ProblemsModel</name>
    <message>
        <location filename="../../app/core/models/problems_model.cpp" line="41"/>
        <source>A warning: the scenario runs, but rustc would reject this code as written. Double-click to go to the place.</source>
        <translation>警告：场景可以运行，但 rustc 会拒绝按原样编写的这段代码。双击可跳到对应位置。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/problems_model.cpp" line="43"/>
        <source>An error: the scenario cannot run until it is fixed. Double-click to go to the place.</source>
        <translation>错误：修复之前场景无法运行。双击可跳到对应位置。</translation>
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
        <location filename="../../app/core/models/task_table_model.cpp" line="58"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="90"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="91"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="92"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="93"/>
        <source>Worker</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="94"/>
        <source>Polls</source>
        <translation>轮询</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="95"/>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="96"/>
        <source>Scheduled</source>
        <translation>已调度</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="97"/>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="98"/>
        <source>Wakes</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="99"/>
        <source>Self-wakes</source>
        <translation>自我唤醒</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="100"/>
        <source>Parent</source>
        <translation>父任务</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="105"/>
        <source>Time the task spent being polled (running on a worker).</source>
        <translation>任务被轮询的时间（在工作线程上运行）。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="106"/>
        <source>Time the task was runnable, waiting in a queue for a worker.</source>
        <translation>任务处于可运行状态、在队列中等待工作线程的时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="107"/>
        <source>Time the task was pending, waiting for a waker.</source>
        <translation>任务处于 Pending 状态、等待 waker 唤醒的时间。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="109"/>
        <source>How often something woke the task (timer, channel, lock, join, ...).</source>
        <translation>任务被唤醒的次数（定时器、通道、锁、join 等）。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="111"/>
        <source>Wakes by the task itself: yield_now, an exhausted coop budget, a preemption slice.</source>
        <translation>任务自己唤醒自己的次数：yield_now、协作预算 (coop budget) 耗尽、抢占时间片到期。</translation>
    </message>
    <message>
        <location filename="../../app/core/models/task_table_model.cpp" line="115"/>
        <source>How often a worker called the task&apos;s poll (ran it up to its next await).</source>
        <translation>工作线程调用该任务 poll 的次数（运行到下一个 await 为止）。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::BreakpointsPanel</name>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="29"/>
        <source>any task</source>
        <translation>任意任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="32"/>
        <source>a wake of %1</source>
        <translation>%1 被唤醒</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="34"/>
        <source>contention on %1</source>
        <translation>%1 上的锁争用</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="35"/>
        <source>any lock</source>
        <translation>任意锁</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="36"/>
        <source>a steal</source>
        <translation>一次窃取</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="38"/>
        <source>a spawn of %1</source>
        <translation>spawn 一个 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="40"/>
        <source>a finding: %1</source>
        <translation>检测结果：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="42"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="45"/>
        <source>t = %1 ms</source>
        <translation>t = %1 ms</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="47"/>
        <source>%1 waits on %2</source>
        <translation>%1 开始等待 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="49"/>
        <source>anything</source>
        <translation>任意资源</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="131"/>
        <source>Wake of a task</source>
        <translation>任务被唤醒</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="132"/>
        <source>Contention on a lock</source>
        <translation>锁争用</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="133"/>
        <source>A steal</source>
        <translation>一次窃取</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="134"/>
        <source>Spawn of a template</source>
        <translation>spawn 某个模板的任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="135"/>
        <source>A finding</source>
        <translation>一条检测结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="136"/>
        <source>An instant</source>
        <translation>某个时刻</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="137"/>
        <source>A task waits on a resource</source>
        <translation>任务开始等待某个资源</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="139"/>
        <source>Pause when the task is woken: its waker was called (by a timer, a channel, a lock hand-off, a finished task…) and it is scheduled to be polled again.</source>
        <translation>任务被唤醒时暂停：它的 waker 被调用了（由定时器、通道、锁的移交、结束的任务……），任务被调度，等待再次轮询。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="141"/>
        <source>Pause when a task calls lock() on this mutex while another task holds it: the caller has to wait (an async mutex suspends the task, a blocking one its thread).</source>
        <translation>某个任务在另一任务持有这把互斥锁时调用 lock() 时暂停：调用者必须等待（异步互斥锁挂起的是任务，阻塞式互斥锁挂起的是线程）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="143"/>
        <source>Pause when an idle worker takes half of a busy worker&apos;s local queue.</source>
        <translation>空闲的工作线程从繁忙工作线程的本地队列窃取一半任务时暂停。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="144"/>
        <source>Pause when a task of this template is spawned (tokio::spawn).</source>
        <translation>这个模板的任务被 spawn（tokio::spawn）时暂停。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="145"/>
        <source>Pause when the detectors report a finding of this kind, at the event that made it true.</source>
        <translation>检测器报告这一类检测结果时暂停，停在使它成立的那个事件上。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="147"/>
        <source>Pause when the runtime clock reaches this instant.</source>
        <translation>运行时时钟到达这个时刻时暂停。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="148"/>
        <source>Pause when the task starts waiting on the resource: a contended lock, an empty or full channel, a semaphore without permits, a Notify.</source>
        <translation>任务开始等待这个资源时暂停：被争用的锁、空的或满的通道、没有许可的信号量、Notify。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="154"/>
        <source>any finding</source>
        <translation>任意检测结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="155"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="156"/>
        <source>Add this breakpoint; a live run pauses at the event that makes it true</source>
        <translation>添加这个断点；运行会在使它成立的事件处暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="157"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="158"/>
        <source>Remove All</source>
        <translation>全部删除</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="160"/>
        <source>A run pauses at the first event that makes an enabled breakpoint true, and the views show the runtime right after it. Untick to keep one without it firing.</source>
        <translation>运行会在第一个使某个已启用断点成立的事件处暂停，各视图显示该事件刚发生后的运行时。取消勾选可保留断点但不触发。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="193"/>
        <source>Lock:</source>
        <translation>锁：</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="194"/>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="195"/>
        <source>Task:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="197"/>
        <source>A task&apos;s name (a group such as job matches job#1, job#2, …); empty: any</source>
        <translation>任务名（像 job 这样的组名匹配 job#1、job#2……）；留空：任意</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="201"/>
        <source>Resource:</source>
        <translation>资源：</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/breakpoints_panel.cpp" line="248"/>
        <source>Paused at %1, t = %2 ms</source>
        <translation>已暂停于：%1，t = %2 ms</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::BuilderPanel</name>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="50"/>
        <source>Select a template, a step or a branch to add a step to.</source>
        <translation>请先选择要添加步骤的模板、步骤或分支。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="74"/>
        <source>Add step &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>向“%2”添加步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="98"/>
        <source>Move step &apos;%1&apos; up</source>
        <translation>上移步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="98"/>
        <source>Move step &apos;%1&apos; down</source>
        <translation>下移步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="100"/>
        <source>Move step &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>将步骤“%1”移到“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="121"/>
        <source>Move &apos;%1&apos; up</source>
        <translation>上移“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="121"/>
        <source>Move &apos;%1&apos; down</source>
        <translation>下移“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="143"/>
        <source>Duplicate &apos;%1&apos; as &apos;%2&apos;</source>
        <translation>复制“%1”为“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="160"/>
        <source>Duplicate step &apos;%1&apos;</source>
        <translation>复制步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="161"/>
        <source>Duplicate &apos;%1&apos;</source>
        <translation>复制“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="180"/>
        <source>Delete resource &apos;%1&apos;</source>
        <translation>删除资源“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="181"/>
        <source>Delete template &apos;%1&apos;</source>
        <translation>删除模板“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="185"/>
        <source>Delete step &apos;%1&apos;</source>
        <translation>删除步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="186"/>
        <source>Delete &apos;%1&apos;</source>
        <translation>删除“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="204"/>
        <source>A name is 1–64 letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;; “%1” is not.</source>
        <translation>名称须由 1–64 个字母、数字、&apos;_&apos;、&apos;-&apos; 和 &apos;.&apos; 组成；“%1”不符合。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="215"/>
        <source>Rename resource &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>将资源“%1”重命名为“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="221"/>
        <source>Rename template &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>将模板“%1”重命名为“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="228"/>
        <source>Rename variant &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>将变体“%1”重命名为“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="235"/>
        <source>“%1” cannot be renamed to “%2”: the name is taken.</source>
        <translation>无法将“%1”重命名为“%2”：该名称已被占用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="251"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="251"/>
        <source>New name (every reference to “%1” follows):</source>
        <translation>新名称（所有对“%1”的引用都会随之更新）：</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="262"/>
        <source>Add resource &apos;%1&apos;</source>
        <translation>添加资源“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="275"/>
        <source>Add template &apos;%1&apos;</source>
        <translation>添加模板“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="289"/>
        <source>Add a start entry</source>
        <translation>添加启动项</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="301"/>
        <source>Add expectation &apos;%1&apos;</source>
        <translation>添加预期“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="319"/>
        <source>Add variant &apos;%1&apos;</source>
        <translation>添加变体“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="333"/>
        <source>Select a select! step to add a branch to it.</source>
        <translation>请先选择一个 select! 步骤，才能为它添加分支。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="340"/>
        <source>Add a branch to &apos;%1&apos;</source>
        <translation>为“%1”添加分支</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="355"/>
        <source>Reset %1 of &apos;%2&apos;</source>
        <translation>重置“%2”的 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_actions.cpp" line="367"/>
        <source>Set %1 of &apos;%2&apos; to %3</source>
        <translation>将“%2”的 %1 设为 %3</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="131"/>
        <source>Select an item of the outline to edit it here.</source>
        <translation>在大纲中选择一项，即可在这里编辑它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="147"/>
        <source>One branch of the select!: its steps race the other branches&apos;. Add steps with Insert or from the palette.</source>
        <translation>select! 的一个分支：它的步骤与其他分支的步骤竞速。按 Insert 键或从步骤面板添加步骤。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="151"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="513"/>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="153"/>
        <source>Mutexes, semaphores, channels, Notify and tokens the steps share. Add one with Add ▸ Resource.</source>
        <translation>各步骤共享的互斥锁、信号量、通道、Notify 和令牌。用“添加 ▸ 资源”添加一个。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="157"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="522"/>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="159"/>
        <source>Each template is an async fn: the steps a task runs. Add one with Add ▸ Template.</source>
        <translation>每个模板都是一个 async fn：即任务要运行的步骤。用“添加 ▸ 模板”添加一个。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="163"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="524"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="165"/>
        <source>What runs at time zero. The entry of the template main is the body of #[tokio::main] (it runs in block_on); the others are spawned.</source>
        <translation>在零时刻运行的内容。模板 main 的启动项是 #[tokio::main] 的函数体（在 block_on 中运行）；其他启动项都会被 spawn。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="169"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="534"/>
        <source>Expectations</source>
        <translation>预期</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="171"/>
        <source>What a run must show for the scenario to pass its check (asyncscope-cli run --check).</source>
        <translation>运行必须满足这些条件，场景才能通过检查（asyncscope-cli run --check）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="175"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="544"/>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="177"/>
        <source>Each variant overrides parts of the scenario (its config keys, resources or templates by name, the start list, the expectations) to compare with it.</source>
        <translation>每个变体覆盖场景的一部分（config 中的键、按名称指定的资源或模板、启动列表、预期），以便与场景本身对比。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="193"/>
        <source>Renaming updates every reference to it. Enter applies.</source>
        <translation>重命名会更新所有对它的引用。按 Enter 应用。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="568"/>
        <source>Its branches are under it in the outline; Add ▸ Branch of the selected select! adds one.</source>
        <translation>它的分支在大纲中位于它下面；用“添加 ▸ 所选 select! 的分支”再加一个。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="231"/>
        <source>Set this field; unticked it is left out.</source>
        <translation>设置此字段；不勾选则省略。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="232"/>
        <source>Set this field; unticked it is left out (default: %1).</source>
        <translation>设置此字段；不勾选则省略（默认：%1）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="366"/>
        <source>%1 (not declared)</source>
        <translation>%1（未声明）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="435"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="435"/>
        <source>Chinese (中文)</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="490"/>
        <source>Runtime settings of this variant</source>
        <translation>此变体的运行时设置</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="491"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="512"/>
        <source>Runtime settings</source>
        <translation>运行时设置</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="492"/>
        <source>Only the settings ticked here replace the scenario&apos;s.</source>
        <translation>只有在这里勾选的设置才会替换场景中的设置。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="493"/>
        <source>How the runtime is built: tokio::runtime::Builder. A setting left unticked keeps its default.</source>
        <translation>运行时如何构建：tokio::runtime::Builder。未勾选的设置保持默认值。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="495"/>
        <source>runtime settings</source>
        <translation>运行时设置</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="515"/>
        <source>Make resource &apos;%1&apos; a %2</source>
        <translation>将资源“%1”改为 %2</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="533"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="488"/>
        <source>async fn %1()</source>
        <translation>async fn %1()</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="536"/>
        <source>The steps a task of this template runs, in order; each is an await point. Add one with Insert or by dragging it from the palette; Ctrl+Up and Ctrl+Down move the selected step, Ctrl+D duplicates it and Delete removes it.</source>
        <translation>使用此模板的任务按顺序运行的步骤；每一步都是一个 await 点。按 Insert 键或从步骤面板拖入即可添加；Ctrl+Up 和 Ctrl+Down 移动所选步骤，Ctrl+D 复制它，Delete 删除它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="546"/>
        <source>Unknown step “%1”</source>
        <translation>未知步骤“%1”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="547"/>
        <source>Fix its kind in the Editor.</source>
        <translation>请在编辑器中修正它的类型。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="565"/>
        <source>Its steps are under it in the outline.</source>
        <translation>它的步骤在大纲中位于它的下方。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="573"/>
        <source>Start entry %1</source>
        <translation>启动项 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="574"/>
        <source>Tasks started at time zero.</source>
        <translation>在零时刻启动的任务。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="575"/>
        <source>start entry %1</source>
        <translation>启动项 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="621"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="623"/>
        <source>the lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="666"/>
        <source>Expectation %1</source>
        <translation>预期 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="676"/>
        <source>Make expectation %1 &apos;%2&apos;</source>
        <translation>将预期 %1 改为“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="690"/>
        <source>Variant %1</source>
        <translation>变体 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="708"/>
        <source>%1 = %2 (the scenario: %3)</source>
        <translation>%1 = %2（场景中：%3）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="712"/>
        <source>default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="714"/>
        <source>%1 “%2” replaced</source>
        <translation>已替换 %1“%2”</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="715"/>
        <source>%1 “%2” added</source>
        <translation>已添加 %1“%2”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/panels/builder_forms.cpp" line="718"/>
        <source>%1 replaced: %n item(s)</source>
        <translation>
            <numerusform>已替换 %1：%n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="721"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="725"/>
        <source>Nothing: it runs the scenario as it is.</source>
        <translation>无：按场景原样运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="730"/>
        <source>What it changes</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_forms.cpp" line="732"/>
        <source>Its runtime settings and templates are under it in the outline, to edit like the scenario&apos;s. Add a setting or replace a list in the Editor.</source>
        <translation>它的运行时设置和模板在大纲中位于它的下方，可以像场景本身的那样编辑。要添加设置或替换列表，请在编辑器中操作。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="265"/>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="267"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="269"/>
        <source>Add a step, a resource, a template, a start entry, an expectation, a variant or a select branch.</source>
        <translation>添加步骤、资源、模板、启动项、预期、变体或 select 分支。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="272"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="284"/>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="292"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="294"/>
        <source>Start entry</source>
        <translation>启动项</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="296"/>
        <source>Expectation</source>
        <translation>预期</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="303"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="305"/>
        <source>Branch of the selected select!</source>
        <translation>所选 select! 的分支</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="308"/>
        <source>Add Step…</source>
        <translation>添加步骤…</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="310"/>
        <source>Add a step after the selected one, or at the end of the selected template or block (Insert). Or drag one from the palette below.</source>
        <translation>在所选步骤之后，或在所选模板或块的末尾添加一个步骤（Insert）。也可以从下方的步骤面板拖入一个。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="312"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="314"/>
        <source>Move the selected step, start entry, expectation or variant up (Ctrl+Up).</source>
        <translation>上移所选的步骤、启动项、预期或变体（Ctrl+Up）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="315"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="316"/>
        <source>Move it down (Ctrl+Down).</source>
        <translation>将它下移（Ctrl+Down）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="317"/>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="318"/>
        <source>Duplicate the selected item (Ctrl+D).</source>
        <translation>复制所选项（Ctrl+D）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="319"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="320"/>
        <source>Delete the selected item (Delete).</source>
        <translation>删除所选项（Delete）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="321"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="323"/>
        <source>Rename the selected resource, template or variant, and every reference to it (F2).</source>
        <translation>重命名所选的资源、模板或变体，并更新所有对它的引用（F2）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="326"/>
        <source>The scenario as a structure. Select an item to edit it in the form; drag steps to reorder them. Items with a problem are marked in red.</source>
        <translation>以结构形式显示的场景。选择一项即可在表单中编辑它；拖动步骤可调整顺序。有问题的项以红色标出。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="355"/>
        <source>Every step kind, as it reads in Rust. Drag one into a template, or select it and press Enter to add it after the selected step.</source>
        <translation>所有步骤类型，按 Rust 中的写法列出。把一个拖进模板，或选中后按 Enter，将它添加到所选步骤之后。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="427"/>
        <source>The text is not a JSON document.</source>
        <translation>该文本不是 JSON 文档。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="429"/>
        <source>The Builder is locked: the JSON does not parse at line %1, column %2: %3. Fix it in the Editor; the Builder comes back as soon as it parses. (JSON has no comments: a // or /* */ is an error too.)</source>
        <translation>构建器已锁定：JSON 在第 %1 行第 %2 列无法解析：%3。请在编辑器中修正；一旦能够解析，构建器就会恢复。（JSON 没有注释：// 或 /* */ 也是错误。）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="478"/>
        <source>branch %1</source>
        <translation>分支 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="511"/>
        <source>Lesson: title, text, category</source>
        <translation>课程：标题、文本、分类</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="550"/>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="552"/>
        <source>Runtime settings (override)</source>
        <translation>运行时设置（覆盖）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/builder_panel.cpp" line="740"/>
        <source>A step cannot move into itself.</source>
        <translation>步骤不能移到它自己里面。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::CompareWindow</name>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="164"/>
        <location filename="../../app/gui/compare_window.cpp" line="277"/>
        <location filename="../../app/gui/compare_window.cpp" line="446"/>
        <source>base</source>
        <translation>基础</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/compare_window.cpp" line="278"/>
        <source> · %n worker(s)</source>
        <translation>
            <numerusform> · %n 个工作线程</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="279"/>
        <source> · multi-thread</source>
        <translation> · 多线程</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="280"/>
        <source> · current-thread</source>
        <translation> · 当前线程</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="294"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="296"/>
        <source>running, %1</source>
        <translation>运行中，%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="299"/>
        <source>paused at %1</source>
        <translation>暂停于 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="303"/>
        <source>finished in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="307"/>
        <location filename="../../app/gui/compare_window.cpp" line="366"/>
        <location filename="../../app/gui/compare_window.cpp" line="379"/>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="307"/>
        <location filename="../../app/gui/compare_window.cpp" line="366"/>
        <location filename="../../app/gui/compare_window.cpp" line="380"/>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="347"/>
        <source>Nothing to export yet: run the comparison first.</source>
        <translation>还没有可导出的内容：请先运行对比。</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="379"/>
        <location filename="../../app/gui/compare_window.cpp" line="481"/>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="380"/>
        <location filename="../../app/gui/compare_window.cpp" line="481"/>
        <source>Change (B vs A)</source>
        <translation>变化（B 相对 A）</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="416"/>
        <location filename="../../app/gui/compare_window.cpp" line="420"/>
        <source>Export Comparison</source>
        <translation>导出对比</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="417"/>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="464"/>
        <source>Compare — %1</source>
        <translation>对比 — %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="468"/>
        <source>Run Both</source>
        <translation>同时运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="469"/>
        <source>Run both sides from the start, at the same speed (F5)</source>
        <translation>以相同速度从头运行两边（F5）</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="470"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="471"/>
        <source>Pause or resume both runs (Space)</source>
        <translation>暂停或继续两边的运行（空格）</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="472"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="474"/>
        <source>Slow motion for both runs: the runtime clock runs this many times slower</source>
        <translation>两边运行的慢动作：运行时时钟放慢这么多倍</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="477"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="479"/>
        <source>Save both views, both timelines and the table as one image: PNG, SVG or PDF (Ctrl+E)</source>
        <translation>把两个视图、两条时间线和表格保存为一张图：PNG、SVG 或 PDF（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="481"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="481"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="483"/>
        <source>Filled in when both runs have ended. Green: the better side where less is better (time, delays, findings).</source>
        <translation>两边都运行结束后填写。绿色：在越少越好的指标（时间、延迟、发现）上表现更好的一边。</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="486"/>
        <source>scenario&apos;s workers</source>
        <translation>场景的工作线程数</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="487"/>
        <source> workers</source>
        <translation> 个工作线程</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="488"/>
        <source>Worker threads for this side (the scenario&apos;s when not set)</source>
        <translation>这一边的工作线程数（不设置时用场景的）</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="489"/>
        <source>The variant this side runs: the pitfall, its fix, or the base</source>
        <translation>这一边运行的变体：陷阱、修正，或基础版本</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="490"/>
        <source>scenario&apos;s flavor</source>
        <translation>场景的运行时类型</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="491"/>
        <source>multi-thread</source>
        <translation>多线程</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="492"/>
        <source>current-thread</source>
        <translation>当前线程</translation>
    </message>
    <message>
        <location filename="../../app/gui/compare_window.cpp" line="494"/>
        <source>Tokio&apos;s runtime flavor for this side: a pool of workers that steal from each other, or one thread</source>
        <translation>这一边的 Tokio 运行时类型：相互窃取任务的工作线程池，或单个线程</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::EditorPanel</name>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="197"/>
        <source>Typing</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="285"/>
        <source>line %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="287"/>
        <source>new scenario (Save As to keep it)</source>
        <translation>新场景（用“另存为”保存它）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="288"/>
        <source>built-in lesson (Save As to keep your changes)</source>
        <translation>内置课程（用“另存为”保留你的修改）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="290"/>
        <source> (modified)</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="294"/>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="294"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="305"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="324"/>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="329"/>
        <source>Save Scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="324"/>
        <source>Scenarios (*.json)</source>
        <translation>场景 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="332"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="340"/>
        <source>Unsaved Changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/editor_panel.cpp" line="341"/>
        <source>The scenario in the editor has changes that are not saved. Save them?</source>
        <translation>编辑器中的场景有尚未保存的修改。要保存吗？</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::GuidePanel</name>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="66"/>
        <source>&lt;b&gt;Right.&lt;/b&gt;</source>
        <translation>&lt;b&gt;答对了。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="67"/>
        <source>&lt;b&gt;Not quite:&lt;/b&gt; the answer is “%1”.</source>
        <translation>&lt;b&gt;不太对：&lt;/b&gt;答案是“%1”。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="91"/>
        <source>Next moment ▶ (N)</source>
        <translation>下一个时刻 ▶（N）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="92"/>
        <source>Go on: the run resumes until the next moment of the lesson</source>
        <translation>继续：运行恢复，直到本课的下一个时刻</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="95"/>
        <source>&lt;p&gt;This scenario is not a guided lesson (or a variant is selected): it has no moments to pause at.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这个场景不是引导式课程（或者选择了某个变体）：没有可以暂停的时刻。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="104"/>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="113"/>
        <source>&lt;h3&gt;A guided lesson&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;引导式课程&lt;/h3&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/panels/guide_panel.cpp" line="106"/>
        <source>&lt;p&gt;Guided pauses are off (Run → Guided Pauses): the run goes straight through its %n moment(s).&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;引导暂停已关闭（运行 → 引导暂停）：运行会直接经过全部 %n 个时刻。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/panels/guide_panel.cpp" line="115"/>
        <source>&lt;p&gt;Press Run (F5): the run pauses at %n moment(s) the lesson explains, and some ask you to predict what happens next.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;按“运行”（F5）：运行会在本课讲解的 %n 个时刻暂停，其中一些会请你预测接下来会发生什么。&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="122"/>
        <source>&lt;h3&gt;Moment %1 of %2&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;第 %1 个时刻，共 %2 个&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="128"/>
        <source>&lt;p&gt;&lt;i&gt;Look at:&lt;/i&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;请看：&lt;/i&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="134"/>
        <source>&lt;p&gt;&lt;b&gt;Predict:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;预测：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/guide_panel.cpp" line="145"/>
        <source>Go on to the end ▶ (N)</source>
        <translation>继续运行到结束 ▶（N）</translation>
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
        <location filename="../../app/gui/panels/library_panel.cpp" line="43"/>
        <source>Search lessons…</source>
        <translation>搜索课程…</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::MainWindow</name>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="523"/>
        <location filename="../../app/gui/main_window.cpp" line="525"/>
        <source>AsyncScope — %1</source>
        <translation>AsyncScope — %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="251"/>
        <source>About AsyncScope</source>
        <translation>关于 AsyncScope</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="139"/>
        <source>Moment %1 of %2: read the Guide, then N goes on.</source>
        <translation>第 %1 个时刻（共 %2 个）：阅读引导面板，然后按 N 继续。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="149"/>
        <source>The run ended just after breakpoint %1 (t = %2 ms); shown at it.</source>
        <translation>运行在断点 %1（t = %2 ms）之后随即结束；现在显示的是断点处的状态。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="150"/>
        <source>Paused at breakpoint: %1 (t = %2 ms). Space or F5 goes on.</source>
        <translation>已在断点处暂停：%1（t = %2 ms）。按空格或 F5 继续。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="252"/>
        <source>&lt;h3&gt;AsyncScope 0.1&lt;/h3&gt;&lt;p&gt;A real multi-threaded executor modelled on Tokio&apos;s scheduler, made visible: tasks, wakers, queues, steals and locks.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AsyncScope 0.1&lt;/h3&gt;&lt;p&gt;一个仿照 Tokio 调度器实现的真实多线程执行器，并将其可视化：任务、waker、队列、窃取和锁。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="293"/>
        <source>%1 (#%2)</source>
        <translation>%1（#%2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="225"/>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U) %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="225"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="226"/>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R) %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="226"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="409"/>
        <source>&amp;New Scenario…</source>
        <translation>新建场景(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="411"/>
        <source>Start a scenario of your own (Ctrl+N): a minimal one, or a copy of any lesson to change. It runs as it is; Save As keeps it.</source>
        <translation>新建自己的场景（Ctrl+N）：从最简场景开始，或复制任意一课再修改。它可以直接运行；用“另存为”保存。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="417"/>
        <source>&amp;Export View…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="418"/>
        <source>Save the runtime view as PNG, SVG or PDF, for slides.</source>
        <translation>将运行时视图保存为 PNG、SVG 或 PDF，以便用于幻灯片。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="419"/>
        <source>Export T&amp;imeline…</source>
        <translation>导出时间线(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="421"/>
        <source>Save the timeline (the visible range or a selection) as PNG, SVG or PDF at 1×, 2× or a chosen width, with a title, the time axis and a legend (Ctrl+Alt+E).</source>
        <translation>将时间线（可见范围或选区）保存为 PNG、SVG 或 PDF，可选 1×、2× 或自定宽度，并带有标题、时间轴和图例（Ctrl+Alt+E）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="423"/>
        <source>Back to &amp;Live</source>
        <translation>返回实时(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="425"/>
        <source>While a live run is scrubbed on the timeline, follow the run again (Ctrl+L).</source>
        <translation>在时间线上回看正在进行的运行时，重新跟随运行（Ctrl+L）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="427"/>
        <source>Export Chrome &amp;Trace…</source>
        <translation>导出 Chrome Trace(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="429"/>
        <source>Save the last finished run as Chrome trace JSON (opens in Perfetto).</source>
        <translation>将最近一次完成的运行保存为 Chrome trace JSON（可在 Perfetto 中打开）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="430"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="431"/>
        <source>Run / Pause</source>
        <translation>运行 / 暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="432"/>
        <location filename="../../app/gui/main_window.cpp" line="486"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="433"/>
        <source>Run the scenario on the real engine (F5; Space toggles run and pause).</source>
        <translation>在真实引擎上运行场景 (F5；空格键在运行和暂停之间切换)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="434"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="435"/>
        <source>Pause: no poll starts and the runtime clock stands still. The view shows that instant.</source>
        <translation>暂停：不会开始新的轮询，运行时时钟停止走动。视图显示的就是这一时刻。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="437"/>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="438"/>
        <source>Let exactly one poll happen, then pause again (→).</source>
        <translation>只执行一次轮询，然后再次暂停 (→)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="439"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="440"/>
        <source>Stop the run: every task still alive is cancelled (Shift+F5).</source>
        <translation>停止运行：所有仍存活的任务都会被取消 (Shift+F5)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="441"/>
        <source>R&amp;estart</source>
        <translation>重新开始(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="442"/>
        <source>Stop and run again from the start (Ctrl+R).</source>
        <translation>停止并从头重新运行 (Ctrl+R)。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="443"/>
        <source>&amp;Faster</source>
        <translation>加快(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="444"/>
        <source>S&amp;lower</source>
        <translation>减慢(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="445"/>
        <source>Real Time / Lesson Speed</source>
        <translation>实时 / 课程速度</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="446"/>
        <source>Guided Pauses</source>
        <translation>引导暂停</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="447"/>
        <source>&amp;Compare Side by Side…</source>
        <translation>并排对比(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="449"/>
        <source>Run the scenario twice at once, the base and a variant (or other workers or flavor), on one time axis, with a table of what changed (Ctrl+K)</source>
        <translation>同时运行场景两次：基础版本和一个变体（或不同的工作线程数、运行时类型），共用一条时间轴，并用表格列出变化（Ctrl+K）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="452"/>
        <source>A guided lesson pauses at each of its moments, explains what is on screen and may ask you to predict what happens next</source>
        <translation>引导式课程会在每个时刻暂停，解释屏幕上的内容，并可能请你预测接下来会发生什么</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="455"/>
        <source>Switch between real time and the slow motion the lesson is best watched at (1)</source>
        <translation>在实时与本课最适合观看的慢动作之间切换（1）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="456"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="457"/>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="459"/>
        <source>For a projector (F12): only the runtime view, the timeline and the lesson, in large type with high contrast. F12 again brings your layout back.</source>
        <translation>用于投影（F12）：只显示运行时视图、时间线和课程，大字号、高对比度。再按 F12 恢复原来的布局。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="461"/>
        <source>&amp;High Contrast</source>
        <translation>高对比度(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="463"/>
        <source>Black on white with dark, thicker lines and arrows: legible at the back of a room (always on in presentation mode)</source>
        <translation>白底黑字，线条和箭头更深更粗：教室后排也看得清（演示模式下始终开启）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="465"/>
        <source>&amp;Colour-Blind-Safe Palette</source>
        <translation>色盲友好配色(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="467"/>
        <source>Colours that stay apart under colour-vision deficiency, and each wake source its own line pattern: a timer&apos;s wake solid, a channel&apos;s dashed, a mutex&apos;s dotted</source>
        <translation>色觉障碍者也能区分的颜色，且每种唤醒来源有自己的线型：定时器的唤醒为实线，通道的为虚线，互斥锁的为点线</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="469"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="470"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="471"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="474"/>
        <source>&amp;About AsyncScope</source>
        <translation>关于 AsyncScope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="475"/>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="476"/>
        <source>&amp;Apply Edits</source>
        <translation>应用修改(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="478"/>
        <source>Check the scenario in the editor and load it (Ctrl+Enter); errors are listed in Problems.</source>
        <translation>检查编辑器中的场景并加载（Ctrl+Enter）；错误列在“问题”面板中。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="480"/>
        <source>&amp;Save Scenario</source>
        <translation>保存场景(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="481"/>
        <source>Save Scenario &amp;As…</source>
        <translation>场景另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="482"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="483"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="485"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="487"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="488"/>
        <source>&amp;Panels</source>
        <translation>面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="489"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="490"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="495"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="495"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="496"/>
        <source>Breakpoints</source>
        <translation>断点</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="497"/>
        <source>Guide</source>
        <translation>引导</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="53"/>
        <source>no such file, and no built-in scenario has that name</source>
        <translation>没有这个文件，也没有同名的内置场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="71"/>
        <source>A minimal scenario: one task, to build on</source>
        <translation>最简场景：只有一个任务，在此基础上构建</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="74"/>
        <source>A copy of the lesson “%1”</source>
        <translation>课程“%1”的副本</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="80"/>
        <source>New Scenario</source>
        <translation>新建场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="80"/>
        <source>Start from:</source>
        <translation>从这里开始：</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="133"/>
        <source>Running the scenario as it is in the editor.</source>
        <translation>按编辑器中现在的内容运行场景。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="167"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="174"/>
        <source>Restore Unsaved Work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="175"/>
        <source>AsyncScope did not close normally. The scenario “%1” had changes that were not saved (kept at %2). Restore them?</source>
        <translation>AsyncScope 上次没有正常关闭。场景“%1”有未保存的修改（保存于 %2）。要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="180"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="181"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="201"/>
        <source>Restored your unsaved scenario; save it to keep it.</source>
        <translation>已恢复未保存的场景；请保存以免丢失。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="716"/>
        <source>Open a scenario to compare its runs.</source>
        <translation>打开一个场景才能对比它的运行。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="492"/>
        <source>Library</source>
        <translation>课程库</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="405"/>
        <source>&amp;Open Scenario or Recording…</source>
        <translation>打开场景或录制(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="407"/>
        <source>Open a scenario file, or a recording (.astrace) to look at a run again without running it (Ctrl+O). You can also drop a file on the window.</source>
        <translation>打开场景文件，或打开录制（.astrace），不必再次运行即可重看一次运行（Ctrl+O）。也可以把文件拖到窗口上。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="413"/>
        <source>Save Re&amp;cording…</source>
        <translation>保存录制(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="415"/>
        <source>Save the last finished run as a recording (.astrace, Ctrl+Alt+S): the app and asyncscope-cli open it again exactly as it ran.</source>
        <translation>把最近一次结束的运行保存为录制（.astrace，Ctrl+Alt+S）：本应用和 asyncscope-cli 都能按原样重新打开它。</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="492"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="493"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="493"/>
        <source>Task Inspector</source>
        <translation>任务检查器</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="494"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="494"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="496"/>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="497"/>
        <source>Builder</source>
        <translation>构建器</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="527"/>
        <source>AsyncScope</source>
        <translation>AsyncScope</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.cpp" line="562"/>
        <source>Loaded with %n warning(s): code rustc would reject as written (see Problems); it runs all the same.</source>
        <translation>
            <numerusform>已加载，有 %n 条警告：rustc 会拒绝按原样编写的代码（见问题面板）；它照样可以运行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/gui/main_window.cpp" line="573"/>
        <source>%1 has %n error(s); it was not run.</source>
        <translation>
            <numerusform>%1 有 %n 个错误，未运行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="596"/>
        <source>Slow motion: %1× slower (1: real time)</source>
        <translation>慢动作：慢 %1 倍（按 1 切换到实时）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="598"/>
        <source>Real time (1: back to slow motion)</source>
        <translation>实时（按 1 回到慢动作）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="663"/>
        <source>Open Scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="690"/>
        <location filename="../../app/gui/main_window.cpp" line="697"/>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="691"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="675"/>
        <location filename="../../app/gui/main_window.cpp" line="695"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="664"/>
        <source>Scenarios and recordings (*.json *.astrace);;Scenarios (*.json);;Recordings (*.astrace);;All files (*)</source>
        <translation>场景和录制 (*.json *.astrace);;场景 (*.json);;录制 (*.astrace);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="671"/>
        <location filename="../../app/gui/main_window.cpp" line="678"/>
        <source>Save Recording</source>
        <translation>保存录制</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="671"/>
        <source>Recordings (*.astrace)</source>
        <translation>录制 (*.astrace)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="703"/>
        <location filename="../../app/gui/main_window.cpp" line="711"/>
        <source>Export Chrome Trace</source>
        <translation>导出 Chrome Trace</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="705"/>
        <source>Chrome trace (*.json)</source>
        <translation>Chrome trace (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window.cpp" line="709"/>
        <source>Wrote %1 (open it in ui.perfetto.dev)</source>
        <translation>已写入 %1（可在 ui.perfetto.dev 中打开）</translation>
    </message>
    <message>
        <location filename="../../app/gui/main_window_documents.cpp" line="146"/>
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
        <source> (the OS took %1 ms from workers in the middle of polls)</source>
        <translation>（操作系统在轮询中途从工作线程拿走了 %1 ms）</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_status.cpp" line="69"/>
        <source> (the recording reached its memory cap and stopped early: later events are missing)</source>
        <translation>（记录达到内存上限而提前停止：之后的事件缺失）</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::RunToolBar</name>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="134"/>
        <source>base</source>
        <translation>基础版</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="145"/>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="147"/>
        <source>Slow motion: the runtime clock runs this many times slower, so sleeps, timeouts and computations all stretch (+ faster, − slower).</source>
        <translation>慢动作：运行时时钟按此倍数放慢，因此 sleep、超时和计算都会相应拉长（+ 加快，− 减慢）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="24"/>
        <source>real time</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="24"/>
        <source>%1× slower</source>
        <translation>慢 %1 倍</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="150"/>
        <source> Workers </source>
        <translation> 工作线程 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="151"/>
        <location filename="../../app/gui/run_toolbar.cpp" line="154"/>
        <location filename="../../app/gui/run_toolbar.cpp" line="161"/>
        <source>scenario</source>
        <translation>按场景</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="152"/>
        <source>Worker threads for the next run (scenario: as the scenario says).</source>
        <translation>下次运行使用的工作线程数（“按场景”：使用场景中的设置）。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="153"/>
        <source> Flavor </source>
        <translation> 运行时类型 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="155"/>
        <source>multi-thread</source>
        <translation>多线程 (multi-thread)</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="156"/>
        <source>current-thread</source>
        <translation>当前线程 (current-thread)</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="158"/>
        <source>multi-thread: Tokio&apos;s work-stealing scheduler. current-thread: one thread and one queue, like asyncio&apos;s event loop. Applies at the next run.</source>
        <translation>多线程 (multi-thread)：Tokio 的工作窃取调度器。当前线程 (current-thread)：一个线程、一个队列，类似 asyncio 的事件循环。下次运行时生效。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="160"/>
        <source> Clock </source>
        <translation> 时钟 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="162"/>
        <source>real</source>
        <translation>真实</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="163"/>
        <source>virtual</source>
        <translation>虚拟</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="165"/>
        <source>virtual: every duration in the scenario is exact and the host&apos;s speed and load cannot show (a compute step occupies its worker for exactly its time, burning no CPU; time moves to the next deadline once nothing can run), shown at the chosen speed. real: the wall clock, with the host&apos;s noise. Applies at the next run.</source>
        <translation>虚拟：场景中的每个时长都精确无误，主机的速度和负载不会显现（compute 步骤恰好占用其工作线程那么长的时间，且不消耗 CPU；当没有任何线程能继续推进时，时间跳到下一个截止时刻），并按所选速度展示。真实：墙上时钟，带有主机的噪声。在下一次运行时生效。</translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="169"/>
        <source> Variant </source>
        <translation> 变体 </translation>
    </message>
    <message>
        <location filename="../../app/gui/run_toolbar.cpp" line="170"/>
        <source>A scenario&apos;s variants put a pitfall and its fix in one file. Applies at the next run.</source>
        <translation>场景的变体把一个陷阱及其修复方法放在同一个文件中。下次运行时生效。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::RuntimeView</name>
    <message>
        <location filename="../../app/gui/runtime_view.cpp" line="113"/>
        <source>Break on %1</source>
        <translation>断点：%1</translation>
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
        <location filename="../../app/gui/inspector.cpp" line="150"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="164"/>
        <source>Await points (the async fn&apos;s state machine)</source>
        <translation>await 点（async fn 的状态机）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="192"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="202"/>
        <source>(this task&apos;s steps are not known)</source>
        <translation>（此任务的步骤未知）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="210"/>
        <source>Frame (why it is pinned)</source>
        <translation>帧（为什么要 Pin）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="215"/>
        <source>%1 bytes, at %2 when spawned, but a poll found it elsewhere.</source>
        <translation>%1 字节，spawn 时在 %2，但某次轮询发现它到了别处。</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="218"/>
        <source>%1 bytes at %2, not polled yet.</source>
        <translation>%1 字节，位于 %2，尚未被轮询。</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="219"/>
        <source>%1 bytes at %2, the same address at each of its %3 polls: its state machine never moves between polls.</source>
        <translation>%1 字节，位于 %2，它的 %3 次轮询都在同一个地址：它的状态机在两次轮询之间从不移动。</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="225"/>
        <source>A suspended async fn keeps its locals in this frame, and may keep references to them across an .await: moving the frame would leave those pointing at the old place. So a future is polled only behind Pin (Box::pin, pin!, or the task that owns it), and a spawned task stays at one address until it is dropped. Memory per idle task (bench idle_memory): Tokio 232 B, Go 2,847 B (a goroutine&apos;s stack), Python asyncio 973 B, AsyncScope 280 B.</source>
        <translation>挂起的 async fn 把它的局部变量保存在这个帧里，并且可能跨越 .await 持有指向它们的引用：移动这个帧，这些引用就会指向旧的位置。所以 future 只能在 Pin 之后被轮询（Box::pin、pin!，或拥有它的任务），被 spawn 的任务在被丢弃之前一直待在同一个地址。每个空闲任务的内存（bench idle_memory）：Tokio 232 B，Go 2,847 B（一个 goroutine 的栈），Python asyncio 973 B，AsyncScope 280 B。</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="244"/>
        <source>Wakes (latest last)</source>
        <translation>唤醒记录（最新的在最后）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="253"/>
        <source>t=%1 ms  by %2%3</source>
        <translation>t=%1 ms  由 %2%3 唤醒</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="256"/>
        <source> (task %1 %2)</source>
        <translation>（任务 %1 %2）</translation>
    </message>
    <message>
        <location filename="../../app/gui/inspector.cpp" line="262"/>
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
    <name>asyncscope::gui::TimelineCanvas</name>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="166"/>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="167"/>
        <source>Lane of task %1</source>
        <translation>任务泳道：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="171"/>
        <source>Its idle, scheduled and running time, and what it waited for</source>
        <translation>它的空闲、已调度和运行时间，以及它在等待什么</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="176"/>
        <source>Lane of the selected task (select one first)</source>
        <translation>所选任务的泳道（请先选择一个任务）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="181"/>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="192"/>
        <source>Remove the task and resource lanes</source>
        <translation>移除任务泳道和资源泳道</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="204"/>
        <source>Remove this lane</source>
        <translation>移除此泳道</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="211"/>
        <source>Break at %1</source>
        <translation>断点：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="217"/>
        <source>Break on %1</source>
        <translation>断点：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="223"/>
        <source>Zoom to the selection (Enter)</source>
        <translation>缩放到选区（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="226"/>
        <source>Clear the selection (Esc)</source>
        <translation>清除选区（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="228"/>
        <source>Show the whole run (Home)</source>
        <translation>显示整个运行过程（Home）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="229"/>
        <source>Export the timeline…</source>
        <translation>导出时间线…</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="261"/>
        <source>The timeline fills in as the run records its first events.</source>
        <translation>运行记录下最初的事件后，时间线就会逐步填充。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="262"/>
        <source>Run a scenario, or open a recording (Ctrl+O): its timeline appears here.</source>
        <translation>运行一个场景，或打开一个录制（Ctrl+O）：它的时间线会显示在这里。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_canvas.cpp" line="472"/>
        <source>Click or drag to move the cursor (every panel shows that instant); Ctrl+drag selects a range; the wheel zooms, Shift+drag pans, a double click zooms into a span, Home shows the whole run. Left/Right step one event, Ctrl+Left/Right go to the selected task&apos;s previous/next poll; a right click adds task and resource lanes (T: the selected task&apos;s).</source>
        <translation>点击或拖动可移动游标（每个面板都显示该时刻）；Ctrl+拖动可选择一个范围；滚轮缩放，Shift+拖动平移，双击可放大到某一区段，Home 显示整个运行过程。Left/Right 逐个事件前后移动，Ctrl+Left/Right 跳到所选任务的上一次/下一次轮询；右键点击可添加任务泳道和资源泳道（T：添加所选任务的泳道）。</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::TimelineExportDialog</name>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="37"/>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="114"/>
        <source>Export Timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="41"/>
        <source>The visible range: %1</source>
        <translation>可见范围：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="43"/>
        <source>The selection: %1</source>
        <translation>选区：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="44"/>
        <source>The selection (Ctrl+drag on the timeline to make one)</source>
        <translation>选区（在时间线上 Ctrl+拖动即可创建）</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="47"/>
        <source>The whole run: %1</source>
        <translation>整个运行过程：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="52"/>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="55"/>
        <source>1× (as wide as on screen: %1 px)</source>
        <translation>1×（与屏幕上一样宽：%1 px）</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="56"/>
        <source>2× (sharp on high-density screens and slides)</source>
        <translation>2×（在高分辨率屏幕和幻灯片上更清晰）</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="57"/>
        <source>A width of my choice</source>
        <translation>自定宽度</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="59"/>
        <source>PNG files get this many pixels; SVG and PDF are vector drawings at the chosen width.</source>
        <translation>PNG 文件使用这个像素宽度；SVG 和 PDF 是按所选宽度绘制的矢量图。</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="63"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="70"/>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="71"/>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="75"/>
        <source>The header above the lanes: the scenario, its variant and the runtime it ran on. Empty: no header.</source>
        <translation>泳道上方的标题：场景、其变体以及运行所用的运行时。留空：不显示标题。</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="77"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="78"/>
        <source>Wake and steal arrows</source>
        <translation>唤醒箭头和窃取箭头</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="83"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/gui/timeline_export_dialog.cpp" line="115"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>asyncscope::gui::TimelinePanel</name>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="126"/>
        <source>● Live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="128"/>
        <source>Back to live: the views follow the run again. (While a run is live you can drag the cursor into the past; the run goes on and its recording keeps growing.)</source>
        <translation>返回实时：各视图重新跟随运行。（运行进行中时，你可以把游标拖回过去；运行会继续，其录制也会不断增长。）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="130"/>
        <source>One recorded event back (Left on the timeline)</source>
        <translation>后退一个已记录的事件（在时间线上按 Left）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="131"/>
        <source>One recorded event forward (Right on the timeline)</source>
        <translation>前进一个已记录的事件（在时间线上按 Right）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="133"/>
        <source>The selected task&apos;s previous poll (Ctrl+Left): the instant it started running</source>
        <translation>所选任务的上一次轮询（Ctrl+Left）：它开始运行的那一刻</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="134"/>
        <source>The selected task&apos;s next poll (Ctrl+Right)</source>
        <translation>所选任务的下一次轮询（Ctrl+Right）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="135"/>
        <source>Zoom in around the cursor (+)</source>
        <translation>以游标为中心放大（+）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="136"/>
        <source>Zoom out (-)</source>
        <translation>缩小（-）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="137"/>
        <source>Fit</source>
        <translation>全览</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="139"/>
        <source>Show the whole run (Home); while a run is live the view then grows with it</source>
        <translation>显示整个运行过程（Home）；运行进行中时，视图随后会随运行一起扩展</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="141"/>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="143"/>
        <source>Draw wake arrows (from the waker to the poll the wake led to, coloured by what woke the task) and steal arrows</source>
        <translation>绘制唤醒箭头（从唤醒者指向这次唤醒引发的轮询，按唤醒任务的来源着色）和窃取箭头</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="145"/>
        <source>Lanes</source>
        <translation>泳道</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="147"/>
        <source>Add a lane for a task (its idle, scheduled and running time, like a goroutine lane) or for a resource (a mutex&apos;s holders and waiters, a channel&apos;s fill, a semaphore&apos;s permits in use). T adds the selected task&apos;s.</source>
        <translation>为任务添加泳道（它的空闲、已调度和运行时间，类似 goroutine 泳道），或为资源添加泳道（互斥锁的持有者和等待者、通道的填充量、信号量的已用许可）。按 T 添加所选任务的泳道。</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="150"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="152"/>
        <source>Export the visible range or the selection as PNG, SVG or PDF, with a title, the time axis and a legend</source>
        <translation>将可见范围或选区导出为 PNG、SVG 或 PDF，并带有标题、时间轴和图例</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="165"/>
        <source>Selected %1 (%2 – %3): %4 polls, %5 completed, %6 wakes, %7 steals (%8 tasks)</source>
        <translation>已选 %1（%2 – %3）：%4 次轮询，%5 次完成，%6 次唤醒，%7 次窃取（%8 个任务）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="174"/>
        <source>main thread %1%</source>
        <translation>主线程 %1%</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="175"/>
        <source>worker %1 %2%</source>
        <translation>工作线程 %1 %2%</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="177"/>
        <source>blocking %1 %2%</source>
        <translation>阻塞线程 %1 %2%</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="179"/>
        <source>busy: %1</source>
        <translation>忙碌：%1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="195"/>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="198"/>
        <source>event %1 of %2</source>
        <translation>第 %1 个事件（共 %2 个）</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="203"/>
        <source>following the run</source>
        <translation>正在跟随运行</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="204"/>
        <source>in the past: the run goes on</source>
        <translation>正在回看过去：运行仍在继续</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="260"/>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location filename="../../app/gui/panels/timeline_panel.cpp" line="262"/>
        <source>Export Timeline</source>
        <translation>导出时间线</translation>
    </message>
</context>
</TS>
