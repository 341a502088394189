// `asyncscope-cli demo`: a small work-stealing run on the real engine,
// narrated event by event, then summarised. It is what the README's "run"
// command shows until the GUI exists.
#include "demo.hpp"

#include "args.hpp"
#include "trace_cmd.hpp"

#include <asyncscope/asyncscope.hpp>
#include <asyncscope/pitfalls.hpp>
#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/recorder.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace asyncscope::cli {

namespace {

using namespace std::chrono_literals;

class Collector final : public Observer {
public:
    struct Item {
        Event event;
        std::string text;
    };
    void onEvent(const Event& e) noexcept override {
        std::lock_guard lock(m_mutex);
        Item item{e, std::string(e.text)};
        item.event.text = {};
        m_items.push_back(std::move(item));
    }
    std::vector<Item> take() {
        std::lock_guard lock(m_mutex);
        return std::move(m_items);
    }

private:
    std::mutex m_mutex;
    std::vector<Item> m_items;
};

struct Shared {
    Mutex stats{"stats"};
    std::uint64_t total = 0;
};

Task<> job(int n, Shared* shared, Sender<int> results) {
    co_await compute(std::chrono::microseconds(300 + 150 * (n % 3)));  // CPU work on this worker
    {
        auto guard = co_await shared->stats.lock();  // async lock: waiting never blocks a worker
        shared->total += static_cast<std::uint64_t>(n);
        co_await sleep(200us);  // an async guard may be held across an await
    }
    (void)co_await results.send(n * n);
}

Task<> producer(int jobs, Shared* shared, Sender<int> results) {
    // A burst of spawns from one worker: they pile up in its LIFO slot and
    // local queue, and idle workers steal half of that queue at a time.
    for (int i = 0; i < jobs; ++i)
        spawn(job(i, shared, results), "job-" + std::to_string(i)).detach();
    co_return;
}

Task<int> collector(int jobs, Receiver<int> results) {
    int sum = 0;
    for (int i = 0; i < jobs; ++i) {
        auto v = co_await results.recv();
        if (!v) break;
        sum += *v;
    }
    co_return sum;
}

Task<int> demoMain(int jobs) {
    Shared shared;
    auto [tx, rx] = channel<int>(4, "results");
    auto c = spawn(collector(jobs, std::move(rx)), "collector");
    spawn(producer(jobs, &shared, tx), "producer").detach();
    tx = Sender<int>();  // the jobs hold the remaining senders
    co_return co_await c;
}

// --- pitfalls: classic mistakes, run for real, for the detectors to explain ---

// A blocking sleep inside async code: the worker thread stops for 30 ms.
Task<> blockingStep(Mutex* stats, int i) {
    co_await sleep(1ms);
    if (i == 0) blockingSleep(30ms);  // the mistake: std::thread::sleep in a task
    auto g = co_await stats->lock();
}

// Lock-order inversion: a takes m1 then m2, b takes m2 then m1.
Task<> lockPair(Mutex* first, Mutex* second) {
    auto g1 = co_await first->lock();
    co_await sleep(1ms);  // the other task takes its first lock meanwhile
    auto g2 = co_await second->lock();
}

Task<> forgetful() {
    co_await ForgetfulFuture{};
}

const char* workerName(std::uint32_t w, char* buf, std::size_t n) {
    if (w == kNoWorker) return "  -";
    if (w >= kBlockingThreadBase)
        std::snprintf(buf, n, " b%u", w - kBlockingThreadBase);
    else
        std::snprintf(buf, n, " w%u", w);
    return buf;
}

std::string narrate(const Collector::Item& it, const std::map<TaskId, std::string>& names) {
    const Event& e = it.event;
    auto name = [&](TaskId id) {
        auto f = names.find(id);
        return f == names.end() ? "task " + std::to_string(id) : f->second;
    };
    switch (e.kind) {
    case EventKind::Spawn:
        return "spawn      " + name(e.task) + (e.arg ? " (spawned by " + name(e.arg) + ")" : "");
    case EventKind::Schedule:
        switch (static_cast<QueueKind>(e.sub)) {
        case QueueKind::LifoSlot: return "schedule   " + name(e.task) + " -> LIFO slot";
        case QueueKind::Global: return "schedule   " + name(e.task) + " -> global inject queue";
        default: return "schedule   " + name(e.task) + " -> back of the local queue";
        }
    case EventKind::PollStart: return "poll       " + name(e.task);
    case EventKind::PollEnd:
        return "poll end   " + name(e.task) + ": " +
               std::string(toString(static_cast<PollResult>(e.sub)));
    case EventKind::Wake:
        return "wake       " + name(e.task) + " by " +
               std::string(toString(static_cast<WakeSource>(e.sub))) +
               (e.arg ? " (from " + name(e.arg) + ")" : "");
    case EventKind::Steal:
        return "steal      " + std::to_string(e.arg2) + " task(s) from w" + std::to_string(e.arg) +
               ", runs " + name(e.task) + " first";
    case EventKind::Park: return "park       (no work: the worker sleeps)";
    case EventKind::Unpark: return "unpark";
    case EventKind::LockAcquire: return "lock       " + name(e.task) + " holds 'stats'";
    case EventKind::LockContend:
        return "contend    " + name(e.task) + " waits for 'stats' (held by " + name(e.arg2) + ")";
    case EventKind::LockRelease:
        return "unlock     " + name(e.task) + (e.arg2 ? " hands 'stats' to " + name(e.arg2) : "");
    case EventKind::ChanSend: return "send       " + name(e.task) + " -> results";
    case EventKind::ChanRecv: return "recv       " + name(e.task) + " <- results";
    case EventKind::ChanEmpty: return "recv waits " + name(e.task) + " (channel empty)";
    case EventKind::ChanFull: return "send waits " + name(e.task) + " (channel full)";
    case EventKind::TimerRegister: return "timer      " + name(e.task) + " sleeps";
    case EventKind::TimerFire: return "timer fire " + name(e.task);
    case EventKind::Complete: return "complete   " + name(e.task);
    case EventKind::Error: return "error      " + name(e.task) + ": " + it.text;
    default: return std::string(toString(e.kind)) + " " + name(e.task);
    }
}

}  // namespace

int runDemo(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "demo",
        .synopsis = "[options]",
        .description =
            "Run a small work-stealing program on the real engine (12 jobs that compute, take a "
            "lock, sleep and send their result down a channel) and narrate it event by event: "
            "spawns, queue placements, steals, wakes, lock hand-offs; then a per-worker and "
            "per-task summary. With --pitfall, run a classic mistake instead and let the "
            "detectors explain it.",
        .options =
            {
                {"workers", "N", "worker threads, 1 to 64", "2"},
                {"events", "N", "narrate the first N events, 0 to 1000000", "80"},
                {"pitfall", "P", "run a mistake instead: blocking, deadlock or lost-waker",
                 "none, the narrated demo"},
                {"record", "F.astrace", "write the recording, for 'asyncscope-cli trace'"},
                {"trace", "F.json", "write a Chrome trace (opens in Perfetto)"},
                {"csv", "PREFIX", "write PREFIX-tasks.csv and PREFIX-workers.csv"},
                {"lang", "en|zh", "the language of the pitfall explanations", "en"},
            },
        .exitCodes = {{0, "the demo ran"},
                      {1, "an output file could not be written"},
                      {2, "usage error"}},
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    unsigned workers = 2;
    long maxEvents = 80;
    ExportRequest exports;
    std::string pitfall;
    bool zh = false;
    long v = 0;
    if (auto s = args.value("workers")) {
        if (!parseWhole(*s, 1, 64, v))
            return args.fail("--workers takes a whole number from 1 to 64, found '" + *s + "'");
        workers = static_cast<unsigned>(v);
    }
    if (auto s = args.value("events")) {
        if (!parseWhole(*s, 0, 1'000'000, v))
            return args.fail("--events takes a whole number from 0 to 1000000, found '" + *s + "'");
        maxEvents = v;
    }
    exports.record = args.value("record").value_or("");
    exports.chrome = args.value("trace").value_or("");
    exports.csv = args.value("csv").value_or("");
    if (auto s = args.value("pitfall")) {
        pitfall = *s;
        if (pitfall != "blocking" && pitfall != "deadlock" && pitfall != "lost-waker")
            return args.fail("unknown pitfall '" + pitfall + "' (blocking, deadlock, lost-waker)");
    }
    if (auto s = args.value("lang")) {
        if (*s != "en" && *s != "zh") return args.fail("--lang takes en or zh");
        zh = *s == "zh";
    }

    constexpr int Jobs = 12;
    Collector collector;
    trace::Recorder recorder;
    // One observer feeds both the narration and the recording.
    struct Tee final : Observer {
        Observer* a;
        Observer* b;
        void onEvent(const Event& e) noexcept override {
            a->onEvent(e);
            b->onEvent(e);
        }
    } tee;
    tee.a = &collector;
    tee.b = &recorder;
    RuntimeConfig cfg;
    cfg.workers = workers;
    recorder.describe(cfg, "asyncscope-cli demo");
    int sum = 0;
    RuntimeStats stats;
    if (!pitfall.empty()) {
        // Run the mistake, wait until the runtime has nothing left to do
        // (a deadlock never finishes), then explain what the trace shows.
        Mutex m1("m1"), m2("m2"), statsLock("stats");
        {
            Runtime rt(cfg, &recorder);
            if (pitfall == "blocking") {
                for (int i = 0; i < 6; ++i)
                    rt.spawn(blockingStep(&statsLock, i), "step-" + std::to_string(i)).detach();
            } else if (pitfall == "deadlock") {
                rt.spawn(lockPair(&m1, &m2), "a").detach();
                rt.spawn(lockPair(&m2, &m1), "b").detach();
            } else {
                rt.spawn(forgetful(), "forgetful").detach();
            }
            auto until = std::chrono::steady_clock::now() + 5s;
            std::this_thread::sleep_for(50ms);
            while (!rt.quiescent() && std::chrono::steady_clock::now() < until)
                std::this_thread::sleep_for(5ms);
        }
        recorder.stop();
        std::printf(zh ? "陷阱演示：%s\n\n" : "Pitfall demo: %s\n\n", pitfall.c_str());
        auto findings = trace::analyze(recorder.trace());
        for (const auto& f : findings) {
            auto pick = [&](const trace::LocalizedText& x) -> const std::string& {
                return zh ? x.zh : x.en;
            };
            std::printf("[%s] %.3f ms: %s\n  %s\n  %s\n  %s\n\n",
                        std::string(toString(f.kind)).c_str(), double(f.time) / 1e6,
                        pick(f.title).c_str(), pick(f.what).c_str(), pick(f.why).c_str(),
                        pick(f.fix).c_str());
        }
        if (findings.empty()) std::printf(zh ? "没有发现问题。\n" : "No problems found.\n");
        return exportTrace(recorder.trace(), exports) ? 0 : 1;
    }
    {
        Runtime rt(cfg, &tee);
        sum = rt.blockOn(demoMain(Jobs), "main");
        stats = rt.stats();
    }
    recorder.stop();
    auto items = collector.take();
    std::map<TaskId, std::string> names;
    std::map<TaskId, unsigned> polls;
    for (const auto& it : items) {
        if (it.event.kind == EventKind::Spawn)
            names[it.event.task] =
                it.text.empty() ? "task " + std::to_string(it.event.task) : it.text;
        if (it.event.kind == EventKind::PollStart) ++polls[it.event.task];
    }

    std::printf("AsyncScope demo: %d jobs on %u worker(s), real multi-thread scheduler\n\n", Jobs,
                workers);
    long shown = 0;
    char buf[16];
    for (const auto& it : items) {
        if (shown >= maxEvents) break;
        std::printf("%9.3f ms %s  %s\n", double(it.event.time) / 1e6,
                    workerName(it.event.worker, buf, sizeof buf), narrate(it, names).c_str());
        ++shown;
    }
    if (static_cast<long>(items.size()) > shown)
        std::printf("   ... %zu more events (--events N shows more)\n",
                    items.size() - static_cast<std::size_t>(shown));

    std::printf("\nworker  polls  steals  stolen tasks  parks  LIFO polls\n");
    for (std::size_t w = 0; w < stats.workers.size(); ++w) {
        const auto& s = stats.workers[w];
        std::printf(
            "w%-5zu %6llu %7llu %13llu %6llu %11llu\n", w, static_cast<unsigned long long>(s.polls),
            static_cast<unsigned long long>(s.steals),
            static_cast<unsigned long long>(s.stolenTasks),
            static_cast<unsigned long long>(s.parks), static_cast<unsigned long long>(s.lifoPolls));
    }
    std::printf("\ntask         polls\n");
    for (const auto& [id, n] : names) std::printf("%-12s %5u\n", n.c_str(), polls[id]);
    std::printf("\n%zu events; collector summed %d (expected %d)\n", items.size(), sum, [] {
        int s = 0;
        for (int i = 0; i < Jobs; ++i) s += i * i;
        return s;
    }());
    return exportTrace(recorder.trace(), exports) ? 0 : 1;
}

}  // namespace asyncscope::cli
