#include <asyncscope/asyncscope.hpp>
#include <asyncscope/blocking.hpp>
#include <asyncscope/channel.hpp>
#include <asyncscope/pitfalls.hpp>
#include <asyncscope/scenario/interpreter.hpp>
#include <asyncscope/scenario/loader.hpp>

#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

namespace asyncscope::scenario {

std::string_view toString(RunEnd end) noexcept {
    switch (end) {
    case RunEnd::Completed: return "completed";
    case RunEnd::Stuck: return "stuck";
    case RunEnd::Deadlock: return "deadlock";
    case RunEnd::TimedOut: return "timed out";
    case RunEnd::Stopped: return "stopped";
    }
    return "?";
}

RuntimeConfig effectiveConfig(const Program& program, const RunOverrides& o) {
    RuntimeConfig c = program.settings.runtime;
    if (o.workers) c.workers = *o.workers;
    if (o.flavor) c.flavor = *o.flavor;
    if (o.timeScale) c.timeScale = *o.timeScale;
    if (o.seed) c.seed = *o.seed;
    if (o.clock) c.clock = *o.clock;
    c.virtualPacing = o.pace && c.clock == ClockKind::Virtual;
    c.workers = resolvedWorkers(c);
    // Tokio's multi-thread runtime polls the #[tokio::main] body on the
    // thread that called block_on; current_thread polls it on its one worker.
    c.blockOnThread = c.flavor == Flavor::MultiThread && o.blockOn.value_or(true) &&
                      std::any_of(program.start.begin(), program.start.end(),
                                  [](const StartItem& s) { return s.blockOn; });
    return c;
}

namespace {

std::uint64_t splitmix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// "worker" matches "worker" and "worker#3".
bool nameMatches(std::string_view taskName, std::string_view pattern) {
    if (taskName == pattern) return true;
    return taskName.size() > pattern.size() && taskName.substr(0, pattern.size()) == pattern &&
           taskName[pattern.size()] == '#';
}

struct ScenarioError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace

struct Interpreter::State {
    struct Slot {
        ResourceKind kind = ResourceKind::Mutex;
        std::string name;
        std::unique_ptr<Mutex> mutex;
        std::unique_ptr<BlockingMutex> blockingMutex;
        std::atomic<int> blockingHolderIsJob{0};
        std::unique_ptr<Semaphore> semaphore;
        Sender<std::uint64_t> tx;
        Receiver<std::uint64_t> rx;
        std::mutex oneshotLock;
        OneshotSender<std::uint64_t> oneshotTx;
        OneshotReceiver<std::uint64_t> oneshotRx;
        std::unique_ptr<Notify> notify;
        CancellationToken* token = nullptr;  // owned by State::tokens
    };
    // Parents before children, destroyed children first (~State).
    std::vector<std::unique_ptr<CancellationToken>> tokens;

    const Program& program;
    std::uint64_t seed;
    std::vector<std::unique_ptr<Slot>> slots;
    std::unique_ptr<std::atomic<std::uint64_t>[]> runs;
    std::atomic<std::uint64_t> messages{0};
    std::atomic<std::uint64_t> jitterCounter{0};
    std::atomic<int> workersInBlockingLock{0};
    std::atomic<std::uint64_t> spawned{0};  // the loader's bound, enforced at run time too

    // Tasks that some `cancel` step may name.
    std::set<std::string> cancelTargets;
    std::mutex registryLock;
    std::vector<std::pair<std::string, AbortHandle>> registry;

    ~State() {
        while (!tokens.empty()) tokens.pop_back();  // children before their parents
    }
    State(const State&) = delete;
    State& operator=(const State&) = delete;
    explicit State(const Program& p, std::uint64_t s) : program(p), seed(s) {
        runs = std::make_unique<std::atomic<std::uint64_t>[]>(p.templates.size() + 1);
        for (const Resource& r : p.resources) {
            auto slot = std::make_unique<Slot>();
            slot->kind = r.kind;
            slot->name = r.name;
            switch (r.kind) {
            case ResourceKind::Mutex:
                slot->mutex = std::make_unique<Mutex>(
                    r.name, r.barging ? MutexFairness::Barging : MutexFairness::Fair);
                break;
            case ResourceKind::BlockingMutex:
                slot->blockingMutex = std::make_unique<BlockingMutex>(r.name);
                break;
            case ResourceKind::Semaphore:
                slot->semaphore =
                    std::make_unique<Semaphore>(static_cast<std::size_t>(r.amount), r.name);
                break;
            case ResourceKind::Channel: {
                auto [tx, rx] = channel<std::uint64_t>(static_cast<std::size_t>(r.amount), r.name);
                slot->tx = std::move(tx);
                slot->rx = std::move(rx);
                break;
            }
            case ResourceKind::UnboundedChannel: {
                auto [tx, rx] = unboundedChannel<std::uint64_t>(r.name);
                slot->tx = std::move(tx);
                slot->rx = std::move(rx);
                break;
            }
            case ResourceKind::Oneshot: {
                auto [tx, rx] = oneshot<std::uint64_t>();
                slot->oneshotTx = std::move(tx);
                slot->oneshotRx = std::move(rx);
                break;
            }
            case ResourceKind::Notify: slot->notify = std::make_unique<Notify>(r.name); break;
            case ResourceKind::CancelToken: break;  // below, parents first
            }
            slots.push_back(std::move(slot));
        }
        std::function<CancellationToken*(std::size_t)> token = [&](std::size_t i) {
            Slot& sl = *slots[i];
            if (!sl.token) {
                const int parent = p.resources[i].parent;
                CancellationToken* up =
                    parent >= 0 ? token(static_cast<std::size_t>(parent)) : nullptr;
                tokens.push_back(std::make_unique<CancellationToken>(sl.name, up));
                sl.token = tokens.back().get();
            }
            return sl.token;
        };
        for (std::size_t i = 0; i < p.resources.size(); ++i)
            if (p.resources[i].kind == ResourceKind::CancelToken) token(i);
        std::function<void(const std::vector<Step>&)> collect =
            [&](const std::vector<Step>& steps) {
                for (const Step& st : steps) {
                    if (st.kind == StepKind::Cancel) {
                        // Register under the group name: "w#2" is found through "w".
                        const auto hash = st.name.find('#');
                        cancelTargets.insert(hash == std::string::npos ? st.name
                                                                       : st.name.substr(0, hash));
                    }
                    collect(st.body);
                    for (const auto& b : st.branches) collect(b);
                }
            };
        for (const Template& t : p.templates) collect(t.steps);
    }

    Slot& slot(int index) { return *slots[static_cast<std::size_t>(index)]; }

    void track(const std::string& groupName, const std::string& taskName,
               const JoinHandle<void>& h) {
        if (!cancelTargets.count(groupName)) return;
        std::lock_guard g(registryLock);
        registry.emplace_back(taskName, AbortHandle(h));
    }

    std::size_t cancel(const std::string& pattern) {
        std::lock_guard g(registryLock);
        std::size_t n = 0;
        for (auto& [name, handle] : registry)
            if (nameMatches(name, pattern) && !handle.isFinished()) {
                handle.abort();
                ++n;
            }
        return n;
    }
};

namespace {

using State = Interpreter::State;

// A blocking-mutex hold that is released when its owner (task or blocking
// job) ends however it ends, as a Rust MutexGuard is dropped.
struct BlockingHold {
    BlockingMutex* mutex = nullptr;
    std::atomic<int>* jobFlag = nullptr;
    int index = -1;
    BlockingHold() = default;
    BlockingHold(BlockingMutex* m, std::atomic<int>* f, int i) : mutex(m), jobFlag(f), index(i) {}
    BlockingHold(BlockingHold&& o) noexcept
        : mutex(std::exchange(o.mutex, nullptr)), jobFlag(o.jobFlag), index(o.index) {}
    BlockingHold& operator=(BlockingHold&& o) noexcept {
        if (this != &o) {
            release();
            mutex = std::exchange(o.mutex, nullptr);
            jobFlag = o.jobFlag;
            index = o.index;
        }
        return *this;
    }
    ~BlockingHold() { release(); }
    void release() {
        if (!mutex) return;
        if (jobFlag) jobFlag->store(0, std::memory_order_relaxed);
        std::exchange(mutex, nullptr)->unlock();
    }
};

// The Spawn event's tag for a task of template `templ`: its index + 1.
std::uint32_t templateTag(int templ) noexcept {
    return static_cast<std::uint32_t>(templ) + 1;
}

struct Locals {
    State& run;
    std::string name;
    int templ;  // the template whose steps this task runs (a select branch: its parent's)
    std::vector<std::pair<int, MutexGuard>> guards;
    std::vector<std::pair<int, SemaphorePermit>> permits;
    std::vector<BlockingHold> blockingHolds;
    struct Child {
        std::string name;
        JoinHandle<void> handle;
        bool joined = false;
    };
    std::vector<Child> children;
    bool finishedNormally = false;

    Locals(State& r, std::string n, int t) : run(r), name(std::move(n)), templ(t) {}
    Locals(const Locals&) = delete;
    ~Locals() {
        // Failing or cancelled: the joinable children go with it (JoinSet
        // semantics). Finishing normally: their handles are dropped, which
        // detaches them, as dropping a JoinHandle does in Tokio.
        if (!finishedNormally)
            for (Child& c : children) c.handle.abort();
    }
};

std::uint64_t jitterFor(State& run, const Step& s) {
    if (s.jitter.count() <= 0) return 0;
    const std::uint64_t r =
        splitmix(run.seed ^ splitmix(run.jitterCounter.fetch_add(1, std::memory_order_relaxed)));
    return r % static_cast<std::uint64_t>(s.jitter.count());
}

void blockingLock(State& run, int index, std::vector<BlockingHold>& holds, bool onWorker) {
    State::Slot& slot = run.slot(index);
    if (onWorker) run.workersInBlockingLock.fetch_add(1, std::memory_order_relaxed);
    try {
        slot.blockingMutex->lock();
    } catch (...) {
        if (onWorker) run.workersInBlockingLock.fetch_sub(1, std::memory_order_relaxed);
        throw;
    }
    if (onWorker) run.workersInBlockingLock.fetch_sub(1, std::memory_order_relaxed);
    slot.blockingHolderIsJob.store(onWorker ? 0 : 1, std::memory_order_relaxed);
    holds.emplace_back(slot.blockingMutex.get(), &slot.blockingHolderIsJob, index);
}

void blockingUnlock(State& run, int index, std::vector<BlockingHold>& holds,
                    const std::string& who) {
    for (auto it = holds.end(); it != holds.begin();) {
        --it;
        if (it->index == index) {
            holds.erase(it);  // releases
            return;
        }
    }
    throw ScenarioError(who + ": blocking_unlock of \"" + run.slot(index).name +
                        "\", which it does not hold");
}

// The steps of a spawn_blocking job, on a blocking-pool thread.
void runBlockingSteps(State& run, const std::vector<Step>& steps,
                      std::vector<BlockingHold>& holds) {
    for (const Step& s : steps) {
        switch (s.kind) {
        case StepKind::Compute:
            detail::computeFor(detail::currentRuntime(),
                               static_cast<std::uint64_t>(s.duration.count()));
            break;
        case StepKind::BlockingSleep: blockingSleep(s.duration); break;
        case StepKind::BlockingLock: blockingLock(run, s.resource, holds, false); break;
        case StepKind::BlockingUnlock:
            blockingUnlock(run, s.resource, holds, "a spawn_blocking job");
            break;
        case StepKind::Fail: throw ScenarioError(s.message);
        case StepKind::Repeat:
            for (std::uint64_t i = 0; i < s.count; ++i) runBlockingSteps(run, s.body, holds);
            break;
        default:
            throw ScenarioError("step \"" + std::string(toString(s.kind)) +
                                "\" cannot run on the blocking pool");
        }
    }
}

Task<> runSteps(Locals& l, const std::vector<Step>& steps);
Task<> taskMain(State* run, int templ, std::string name);

Task<> runTemplate(Locals& l, int templ) {
    l.run.runs[static_cast<std::size_t>(templ)].fetch_add(1, std::memory_order_relaxed);
    co_await runSteps(l, l.run.program.templates[static_cast<std::size_t>(templ)].steps);
}

Task<> branchMain(State* run, const std::vector<Step>* steps, std::string name, int templ) {
    Locals l(*run, std::move(name), templ);
    co_await runSteps(l, *steps);
    l.finishedNormally = true;
}

Task<> taskMain(State* run, int templ, std::string name) {
    Locals l(*run, std::move(name), templ);
    co_await runTemplate(l, templ);
    l.finishedNormally = true;
}

// The #[tokio::main] body. Once it returns (or fails), block_on returns and
// the runtime is dropped with whatever still runs: under the virtual clock
// time stops at that instant (a hold), so the run ends where main did.
Task<> blockOnBody(State* run, Runtime* rt, int templ, std::string name) {
    struct Returned {
        Runtime* rt;
        ~Returned() { rt->holdVirtualTime(); }
    } returned{rt};
    co_await taskMain(run, templ, std::move(name));
}

void spawnTasks(State& run, Locals* parent, int templ, std::uint64_t count, const std::string& name,
                bool detached, bool local = false) {
    if (run.spawned.fetch_add(count, std::memory_order_relaxed) + count > kMaxTasksPerRun)
        throw ScenarioError("spawn of \"" + name + "\": this run reached the limit of " +
                            std::to_string(kMaxTasksPerRun) + " tasks");
    for (std::uint64_t i = 0; i < count; ++i) {
        std::string taskName = count > 1 ? name + "#" + std::to_string(i + 1) : name;
        JoinHandle<void> h =
            local ? spawnLocal(taskMain(&run, templ, taskName), taskName, templateTag(templ))
                  : spawn(taskMain(&run, templ, taskName), taskName, templateTag(templ));
        run.track(name, taskName, h);
        if (detached || !parent)
            h.detach();
        else
            parent->children.push_back({std::move(taskName), std::move(h), false});
    }
}

Task<> joinChildren(Locals& l, const std::string& pattern) {
    // Children spawned meanwhile (by nothing: this task is busy joining) do
    // not exist; iterate by index because the list is stable while we wait.
    // The joined ones leave the list in one pass at the end: erasing each
    // from the front made a join of N children cost N^2 moves.
    for (std::size_t i = 0; i < l.children.size(); ++i) {
        if (!pattern.empty() && !nameMatches(l.children[i].name, pattern)) continue;
        try {
            co_await l.children[i].handle;
        } catch (const Cancelled&) {
            // A cancelled child: the join sees JoinError::Cancelled and goes on.
        }
        l.children[i].joined = true;
    }
    std::erase_if(l.children, [](const Locals::Child& c) { return c.joined; });
}

Task<> runSteps(Locals& l, const std::vector<Step>& steps) {
    State& run = l.run;
    for (const Step& s : steps) {
        enterStep(s.index);
        switch (s.kind) {
        case StepKind::Compute: co_await compute(s.duration); break;
        case StepKind::Sleep: co_await sleep(s.duration); break;
        case StepKind::Io: co_await sleep(s.duration + Duration(jitterFor(run, s))); break;
        case StepKind::Yield: co_await yieldNow(); break;
        case StepKind::Lock: {
            MutexGuard g = co_await run.slot(s.resource).mutex->lock();
            l.guards.emplace_back(s.resource, std::move(g));
            break;
        }
        case StepKind::Unlock: {
            auto it = l.guards.end();
            while (it != l.guards.begin()) {
                --it;
                if (it->first == s.resource) break;
            }
            if (l.guards.empty() || it->first != s.resource)
                throw ScenarioError(l.name + ": unlock of \"" + run.slot(s.resource).name +
                                    "\", which this task does not hold");
            l.guards.erase(it);  // drops the guard: hands the lock to the next waiter
            break;
        }
        case StepKind::BlockingLock:
            // The block_on thread is not a worker: blocked there, it holds none.
            blockingLock(run, s.resource, l.blockingHolds, onWorkerThread());
            break;
        case StepKind::BlockingUnlock:
            blockingUnlock(run, s.resource, l.blockingHolds, l.name);
            break;
        case StepKind::BlockingSleep: blockingSleep(s.duration); break;
        case StepKind::Acquire: {
            SemaphorePermit p =
                co_await run.slot(s.resource).semaphore->acquire(static_cast<std::size_t>(s.count));
            l.permits.emplace_back(s.resource, std::move(p));
            break;
        }
        case StepKind::Release: {
            std::uint64_t left = s.count;
            for (auto it = l.permits.end(); left > 0 && it != l.permits.begin();) {
                --it;
                if (it->first != s.resource) continue;
                const std::uint64_t have = it->second.count();
                if (have > left) {
                    // Part of this permit: give `left` back, keep the rest.
                    Semaphore* sem = run.slot(s.resource).semaphore.get();
                    it->second.forget();
                    it->second = SemaphorePermit(sem, static_cast<std::size_t>(have - left));
                    sem->release(static_cast<std::size_t>(left));
                    left = 0;
                    break;
                }
                left -= have;
                it = l.permits.erase(it);  // returns its permits
            }
            // Permits this task never acquired: add them (Semaphore::add_permits).
            if (left > 0) run.slot(s.resource).semaphore->release(static_cast<std::size_t>(left));
            break;
        }
        case StepKind::Send: {
            State::Slot& slot = run.slot(s.resource);
            const std::uint64_t value = run.messages.fetch_add(1, std::memory_order_relaxed);
            if (slot.kind == ResourceKind::Oneshot) {
                OneshotSender<std::uint64_t> tx;
                {
                    std::lock_guard g(slot.oneshotLock);
                    tx = std::move(slot.oneshotTx);
                }
                if (!tx.valid())
                    throw ScenarioError(l.name + ": oneshot \"" + slot.name +
                                        "\" was already sent on");
                if (!tx.send(value))
                    throw ScenarioError(l.name + ": the receiver of oneshot \"" + slot.name +
                                        "\" is gone");
            } else if (slot.kind == ResourceKind::UnboundedChannel) {
                // UnboundedSender::send is a plain call in Tokio: it never
                // waits and costs no coop budget.
                if (!slot.tx.trySend(value))
                    throw ScenarioError(l.name + ": send on closed channel \"" + slot.name + "\"");
            } else {
                auto r = co_await slot.tx.send(value);
                if (!r)
                    throw ScenarioError(l.name + ": send on closed channel \"" + slot.name + "\"");
            }
            break;
        }
        case StepKind::Recv: {
            State::Slot& slot = run.slot(s.resource);
            if (slot.kind == ResourceKind::Oneshot) {
                OneshotReceiver<std::uint64_t> rx;
                {
                    std::lock_guard g(slot.oneshotLock);
                    rx = std::move(slot.oneshotRx);
                }
                if (!rx.valid())
                    throw ScenarioError(l.name + ": oneshot \"" + slot.name +
                                        "\" was already received from");
                auto v = co_await rx;
                if (!v)
                    throw ScenarioError(l.name + ": the sender of oneshot \"" + slot.name +
                                        "\" was dropped");
            } else {
                auto v = co_await slot.rx.recv();
                if (!v)
                    throw ScenarioError(l.name + ": recv on closed channel \"" + slot.name + "\"");
            }
            break;
        }
        case StepKind::Close: run.slot(s.resource).rx.close(); break;
        case StepKind::Notify:
            if (s.flag)
                run.slot(s.resource).notify->notifyWaiters();
            else
                run.slot(s.resource).notify->notifyOne();
            break;
        case StepKind::Wait: co_await run.slot(s.resource).notify->notified(); break;
        case StepKind::CancelToken: run.slot(s.resource).token->cancel(); break;
        case StepKind::Cancelled: co_await run.slot(s.resource).token->cancelled(); break;
        case StepKind::Spawn:
            spawnTasks(run, &l, s.target, s.count, s.name, s.flag, s.local);
            break;
        case StepKind::Join: co_await joinChildren(l, s.name); break;
        case StepKind::Call:
            if (s.flag) {
                co_await runTemplate(l, s.target);
            } else {
                // The future is created and dropped: lazy, so its body never runs.
                Task<> unpolled = runTemplate(l, s.target);
                (void)unpolled;
            }
            break;
        case StepKind::SpawnBlocking: {
            State* r = &run;
            const std::vector<Step>* body = &s.body;
            auto h = spawnBlocking([r, body] {
                std::vector<BlockingHold> holds;
                runBlockingSteps(*r, *body, holds);
            });
            if (!s.flag) co_await h;
            break;
        }
        case StepKind::Timeout: (void)co_await timeout(s.duration, runSteps(l, s.body)); break;
        case StepKind::Select: {
            TaskGroup<void> group;
            for (std::size_t i = 0; i < s.branches.size(); ++i) {
                std::string branchName = l.name + "/select" + std::to_string(i + 1);
                group.spawn(branchMain(&run, &s.branches[i], branchName, l.templ), branchName,
                            templateTag(l.templ));
            }
            (void)co_await group.joinNext();
            break;  // the group is dropped: the losing branches are cancelled
        }
        case StepKind::Cancel: run.cancel(s.name); break;
        case StepKind::Fail: throw ScenarioError(s.message);
        case StepKind::Repeat:
            for (std::uint64_t i = 0; i < s.count; ++i) co_await runSteps(l, s.body);
            break;
        case StepKind::Loop: {
            State::Slot& slot = run.slot(s.resource);
            if (s.count <= 1) {
                while (auto v = co_await slot.rx.recv()) co_await runSteps(l, s.body);
                break;
            }
            // "batch": recv_many; the body runs once per batch.
            std::vector<std::uint64_t> batch;
            while (co_await slot.rx.recvMany(batch, s.count) > 0) {
                batch.clear();
                co_await runSteps(l, s.body);
            }
            break;
        }
        case StepKind::PendingWithoutWaker: co_await ForgetfulFuture{}; break;
        case StepKind::Count: break;
        }
    }
}

}  // namespace

Interpreter::Interpreter(const Program& program, RunOverrides overrides, Observer* observer)
    : m_program(program) {
    RuntimeConfig config = effectiveConfig(program, overrides);
    if (overrides.timeLimit)
        m_timeLimit = *overrides.timeLimit;
    else
        m_timeLimit = program.settings.timeLimit;
    m_state = std::make_unique<State>(program, config.seed);
    m_runtime = std::make_unique<Runtime>(config, observer);
    m_observer = observer;
    // Under the virtual clock time would jump past the limit at once.
    m_runtime->limitVirtualTime(m_timeLimit);
}

Interpreter::~Interpreter() {
    m_runtime.reset();  // cancels the tasks while the resources still exist
}

Runtime& Interpreter::runtime() noexcept {
    return *m_runtime;
}

const Program& Interpreter::program() const noexcept {
    return m_program;
}

std::uint64_t Interpreter::templateRuns(std::size_t templateIndex) const noexcept {
    return m_state->runs[templateIndex].load(std::memory_order_relaxed);
}

std::vector<Interpreter::ResourceId> Interpreter::resourceIds() const {
    std::vector<ResourceId> out;
    for (std::size_t i = 0; i < m_state->slots.size(); ++i) {
        const State::Slot& s = *m_state->slots[i];
        std::uint64_t id = 0;
        if (s.mutex)
            id = s.mutex->id();
        else if (s.blockingMutex)
            id = s.blockingMutex->id();
        else if (s.semaphore)
            id = s.semaphore->id();
        else if (s.notify)
            id = s.notify->id();
        else if (s.token)
            id = s.token->id();
        else if (s.rx.valid())
            id = s.rx.id();
        else if (s.oneshotRx.valid())
            id = s.oneshotRx.id();
        if (id) out.push_back({s.name, s.kind, id, m_program.resources[i].amount});
    }
    return out;
}

void Interpreter::start() {
    // Every start task at the same instant: under the virtual clock time
    // must not move between two spawns (the first task could sleep while
    // the others are not spawned yet).
    // And they reach the queues together (Runtime::holdInject), so a run on
    // one worker is the same event sequence every time, however fast this
    // thread spawns.
    m_runtime->holdVirtualTime();
    m_runtime->holdInject();
    struct Release {
        Runtime* rt;
        ~Release() {
            rt->releaseInject();
            rt->releaseVirtualTime();
        }
    } release{m_runtime.get()};
    for (const StartItem& s : m_program.start) {
        for (std::uint64_t i = 0; i < s.count; ++i) {
            std::string taskName = s.count > 1 ? s.name + "#" + std::to_string(i + 1) : s.name;
            if (s.blockOn) {
                m_main = m_runtime->spawnMain(
                    blockOnBody(m_state.get(), m_runtime.get(), s.target, taskName), taskName,
                    templateTag(s.target));
                m_state->track(s.name, taskName, m_main);
                continue;
            }
            JoinHandle<void> h = m_runtime->spawn(taskMain(m_state.get(), s.target, taskName),
                                                  taskName, templateTag(s.target));
            m_state->track(s.name, taskName, h);
            h.detach();
        }
    }
}

bool Interpreter::poll() {
    if (m_end) return true;
    auto endWith = [&](RunEnd e, std::string detail) {
        m_end = e;
        m_detail = std::move(detail);
        m_endTime = m_runtime->now();
        m_endStats = m_runtime->stats();
        // The recording marks where the run ended: the runtime's shutdown
        // comes after it, at the same instant under the virtual clock.
        if (m_observer) {
            Event mark;
            mark.time = static_cast<std::uint64_t>(m_endTime.count());
            mark.kind = EventKind::RunEnd;
            mark.sub = static_cast<std::uint8_t>(e);
            m_observer->onEvent(mark);
        }
        return true;
    };
    if (m_stopRequested.load(std::memory_order_relaxed))
        return endWith(RunEnd::Stopped, "stopped by the user");
    const RuntimeStats st = m_runtime->stats();
    if (st.alive == 0) return endWith(RunEnd::Completed, "every task finished");
    if (m_main.isFinished()) {
        // As in Tokio: block_on returns, the runtime is dropped, and every task
        // still running (detached, or never awaited) is cancelled with it.
        return endWith(RunEnd::Completed,
                       std::string(m_main.isCancelled() ? "main was cancelled" : "main returned") +
                           ": the runtime was dropped, cancelling the " + std::to_string(st.alive) +
                           " task(s) still running");
    }
    const Duration now = m_runtime->now();
    if (now >= m_timeLimit)
        return endWith(RunEnd::TimedOut, "the time limit of " +
                                             formatDuration(m_timeLimit.count()) + " passed with " +
                                             std::to_string(st.alive) + " task(s) unfinished");
    if (m_runtime->config().clock == ClockKind::Virtual) {
        // Under the virtual clock every step takes no wall time: a run that
        // neither polls nor moves its clock for seconds, while nothing waits
        // for the wall clock, is stalled, not slow. End it and say so rather
        // than hang (a limitation of the virtual clock with this scenario).
        std::uint64_t mark = static_cast<std::uint64_t>(now.count());
        for (const WorkerStats& w : st.workers) mark += w.polls * 1000003u + w.parks;
        mark += st.blockOnPolls * 1000003u;
        const std::int64_t wall = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      std::chrono::steady_clock::now().time_since_epoch())
                                      .count();
        if (mark != m_progressMark || m_progressWall < 0 || m_runtime->waitingForWallClock()) {
            m_progressMark = mark;
            m_progressWall = wall;
        } else if (wall - m_progressWall >= 3'000'000'000) {
            return endWith(RunEnd::Stuck,
                           "the virtual clock could not advance: threads kept busy for 3 s "
                           "without a poll (a limitation of the simulator's virtual clock with "
                           "this scenario; run it on the real clock)");
        }
    }
    if (m_runtime->quiescent()) {
        // Twice in a row: nothing runnable, running, sleeping or blocking.
        if (++m_quiescentChecks >= 2)
            return endWith(RunEnd::Stuck, std::to_string(st.alive) +
                                              " task(s) wait for something that can never happen "
                                              "(nothing is runnable, no timer is armed)");
    } else {
        m_quiescentChecks = 0;
    }
    // Every worker stuck inside blocking_lock, the holders being tasks (which
    // need a worker to run and release): nothing can move again.
    const int blocked = m_state->workersInBlockingLock.load(std::memory_order_relaxed);
    bool jobHolds = false;
    for (const auto& slot : m_state->slots)
        if (slot->blockingHolderIsJob.load(std::memory_order_relaxed)) jobHolds = true;
    if (blocked >= static_cast<int>(m_runtime->workerCount()) && !jobHolds) {
        // Under the virtual clock time stands still once everything is
        // blocked: the 100 ms are the host's then.
        const std::int64_t t = m_runtime->config().clock == ClockKind::Virtual
                                   ? std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now().time_since_epoch())
                                         .count()
                                   : now.count();
        if (m_allBlockedSince < 0)
            m_allBlockedSince = t;
        else if (t - m_allBlockedSince >= 100'000'000)
            return endWith(RunEnd::Deadlock,
                           "every worker thread is blocked in blocking_lock, and the holders "
                           "are tasks that need a worker to run");
    } else {
        m_allBlockedSince = -1;
    }
    return false;
}

RunResult Interpreter::finish() {
    if (!m_end) {
        m_stopRequested.store(true, std::memory_order_relaxed);
        poll();
    }
    RunResult r;
    r.end = *m_end;
    r.elapsed = m_endTime;
    r.stats = m_endStats;
    r.detail = m_detail;
    for (std::size_t i = 0; i < m_program.templates.size(); ++i)
        r.templateRuns.push_back(templateRuns(i));
    m_runtime->shutdown();
    return r;
}

RunResult runProgram(const Program& program, const RunOverrides& overrides, Observer* observer,
                     const std::atomic<bool>* stopFlag,
                     const std::function<void(Interpreter&)>& progress) {
    Interpreter in(program, overrides, observer);
    in.start();
    auto lastProgress = std::chrono::steady_clock::now();
    while (!in.poll()) {
        if (stopFlag && stopFlag->load(std::memory_order_relaxed)) in.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        if (progress &&
            std::chrono::steady_clock::now() - lastProgress >= std::chrono::milliseconds(100)) {
            lastProgress = std::chrono::steady_clock::now();
            progress(in);
        }
    }
    return in.finish();
}

}  // namespace asyncscope::scenario
