// `asyncscope-cli trace`: look into recorded runs without the GUI.
#include "trace_cmd.hpp"

#include "args.hpp"
#include "output.hpp"

#include <asyncscope/trace/detectors.hpp>
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/timeline.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <cerrno>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

namespace asyncscope::cli {

namespace {

std::optional<trace::Trace> load(const char* path) {
    trace::LoadResult r = trace::loadTrace(path);
    if (!r.trace) std::fprintf(stderr, "asyncscope-cli trace: %s\n", r.error.c_str());
    return std::move(r.trace);
}

int info(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "trace info",
        .synopsis = "FILE.astrace",
        .description =
            "Summarise a recording: its title, the runtime it ran on, how many events "
            "of each kind, and what became of the tasks.",
        .exitCodes = {{0, "the recording was read"}, {2, "it cannot be read, or a usage error"}},
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "info needs a FILE.astrace",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    const char* path = args.positional()[0].c_str();
    auto t = load(path);
    if (!t) return 2;
    const trace::TraceInfo& i = t->info();
    std::printf("%s\n", path);
    std::printf("  title      %s\n", i.title.empty() ? "(none)" : i.title.c_str());
    std::printf("  runtime    %s, %u worker(s), %s clock, time scale %gx (recorded on %u cores)\n",
                i.flavor.empty() ? "?" : i.flavor.c_str(), i.workers,
                i.clock.empty() ? "?" : i.clock.c_str(), i.timeScale, i.cores);
    std::printf("  events     %zu (%zu bytes), %.3f ms of runtime time\n", t->size(),
                t->size() * trace::Trace::kBytesPerEvent,
                double(t->endTime() - t->startTime()) / 1e6);
    if (i.truncated)
        std::printf(
            "  NOTE       the recording stopped at its memory cap after %llu events (at %.3f ms)\n",
            static_cast<unsigned long long>(i.truncatedAtEvent), double(i.truncatedAtTime) / 1e6);
    std::map<std::string_view, std::size_t> kinds;
    for (std::size_t k = 0; k < t->size(); ++k) ++kinds[toString(t->at(k).kind)];
    std::printf("  by kind   ");
    for (auto& [k, n] : kinds) std::printf(" %.*s=%zu", int(k.size()), k.data(), n);
    std::printf("\n");
    trace::Timeline tl(*t);
    const trace::RuntimeState& s = tl.finalState();
    std::printf(
        "  tasks      %llu spawned, %llu completed, %llu failed, %llu cancelled, %zu unfinished\n",
        (unsigned long long)s.spawned, (unsigned long long)s.completed,
        (unsigned long long)s.failed, (unsigned long long)s.cancelled, s.alive());
    std::printf("  scheduler  %llu polls, %llu steals, %llu wakes\n", (unsigned long long)s.polls,
                (unsigned long long)s.steals, (unsigned long long)s.wakes);
    return 0;
}

void printState(const trace::Trace& t, const trace::RuntimeState& s, double atMs) {
    auto name = [&](trace::TaskId id) {
        return id != trace::kNoTask ? t.taskName(id.value()) : std::string("-");
    };
    // A queue or a waiter list on one line, its first names only: a lock
    // with 14,000 waiters is one readable line, not 14,000 names.
    auto printList = [&](const auto& ids) {
        constexpr std::size_t kShown = 12;
        std::printf("[");
        for (std::size_t i = 0; i < ids.size() && i < kShown; ++i)
            std::printf("%s%s", i ? ", " : "", name(ids[i]).c_str());
        if (ids.size() > kShown) std::printf(", ... %zu more", ids.size() - kShown);
        std::printf("] (%zu)\n", ids.size());
    };
    std::printf(
        "at %.3f ms of runtime time (after %zu of %zu events; the trace spans %.3f..%.3f ms)\n",
        atMs >= 0 ? atMs : double(s.time) / 1e6, s.applied, t.size(), double(t.startTime()) / 1e6,
        double(t.endTime()) / 1e6);
    for (std::size_t w = 0; w < s.workers.size(); ++w) {
        const auto& wi = s.workers[w];
        std::printf("  worker %zu: %s running=%s lifo=%s queue=", w, wi.parked ? "PARKED " : "",
                    name(wi.running).c_str(), name(wi.lifo).c_str());
        printList(wi.local);
    }
    std::printf("  global queue: %zu task(s)\n", s.global.size());
    for (const auto& [id, l] : s.locks) {
        std::printf("  %s #%u: holder=%s waiters=",
                    l.kind == LockKind::BlockingMutex ? "blocking mutex" : "mutex", id.value(),
                    name(l.holder).c_str());
        printList(l.waiters);
    }
    std::printf("  timers armed: %zu; blocking threads busy: %u\n", s.timers.size(),
                s.busyBlockingThreads());
    std::printf("  tasks: %llu spawned, %zu alive, %zu runnable\n", (unsigned long long)s.spawned,
                s.alive(), s.runnable());
}

int state(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "trace state",
        .synopsis = "FILE.astrace [--at MS]",
        .description =
            "The runtime's state at one instant of a recording: each worker's running task, "
            "LIFO slot and local queue, the global queue, every lock's holder and waiters, "
            "timers and the blocking pool.",
        .options = {{"at", "MS",
                     "the instant, in milliseconds of runtime time; past the end, the last state",
                     "the end of the recording"}},
        .exitCodes = {{0, "the state was printed"},
                      {2, "the recording cannot be read, or a usage error"}},
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "state needs a FILE.astrace",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    double atMs = -1;
    if (auto v = args.value("at")) {
        if (!parseNumber(*v, atMs) || !(atMs >= 0))
            return args.fail("--at takes a time in milliseconds (a number >= 0), found '" + *v +
                             "'");
        atMs = std::min(atMs, 1e12);  // past any recording's end: the last state
    }
    auto t = load(args.positional()[0].c_str());
    if (!t) return 2;
    trace::Timeline tl(*t);
    const auto& s =
        atMs < 0 ? tl.finalState() : tl.seekTime(static_cast<std::uint64_t>(atMs * 1e6));
    printState(*t, s, atMs);
    return 0;
}

int exportCmd(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "trace export",
        .synopsis = "FILE.astrace [--chrome OUT.json] [--csv PREFIX]",
        .description =
            "Write a recording as a Chrome trace and/or as CSV summaries. At least one "
            "of --chrome and --csv.",
        .options = {{"chrome", "OUT.json",
                     "a Chrome trace: opens in Perfetto (ui.perfetto.dev) or chrome://tracing"},
                    {"csv", "PREFIX",
                     "tokio-console-like summaries: PREFIX-tasks.csv and PREFIX-workers.csv"}},
        .exitCodes = {{0, "every file was written"},
                      {2,
                       "the recording cannot be read, a file cannot be written, or a usage "
                       "error"}},
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "export needs a FILE.astrace",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    ExportRequest req;
    req.chrome = args.value("chrome").value_or("");
    req.csv = args.value("csv").value_or("");
    if (req.chrome.empty() && req.csv.empty())
        return args.fail("export needs --chrome and/or --csv");
    auto t = load(args.positional()[0].c_str());
    if (!t) return 2;
    return exportTrace(*t, req) ? 0 : 2;
}

int analyzeCmd(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "trace analyze",
        .synopsis = "FILE.astrace [--lang en|zh]",
        .description =
            "Run the detectors over a recording (deadlocks, stalls, lost wakers, blocking the "
            "runtime, starvation...) and explain each finding: what happened, why, how to fix it.",
        .options = {{"lang", "en|zh", "the language of the explanations", "en"}},
        .exitCodes = {{0, "no problems found"},
                      {1, "the detectors found something"},
                      {2, "the recording cannot be read, or a usage error"}},
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "analyze needs a FILE.astrace",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    const std::string lang = args.value("lang").value_or("en");
    if (lang != "en" && lang != "zh") return args.fail("--lang takes en or zh");
    const bool zh = lang == "zh";
    auto t = load(args.positional()[0].c_str());
    if (!t) return 2;
    std::vector<trace::Finding> findings = trace::analyze(*t);
    if (findings.empty()) {
        std::printf(zh ? "没有发现问题。\n" : "No problems found.\n");
        return 0;
    }
    printFindings(findings, zh);
    return 1;
}

int check(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "trace check",
        .synopsis = "OUT.json",
        .description =
            "A structural check of a Chrome trace (as --trace and trace export "
            "--chrome write it, or any other tool in the JSON Object or JSON Array "
            "Format): the JSON (an error with its byte and line), each event's phase "
            "and fields, counters' numeric values, slices that nest, flows with one "
            "start and one end, async slices that close. The file is streamed, so "
            "one of any size is checked in little memory.",
        .exitCodes = {{0, "a valid Chrome trace"},
                      {1, "not one (the problem is printed)"},
                      {2, "the file cannot be read, or a usage error"}},
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "check needs a Chrome trace file",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    const char* path = args.positional()[0].c_str();
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        std::fprintf(stderr, "asyncscope-cli trace: %s: is a directory, not a Chrome trace file\n",
                     path);
        return 2;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "asyncscope-cli trace: %s: cannot open: %s\n", path,
                     std::strerror(errno));
        return 2;
    }
    // Streamed: a file of any size is checked in a small, bounded memory.
    trace::ChromeTraceCheck c = trace::checkChromeTrace(in);
    if (!c.ok) {
        std::printf("%s: INVALID: %s\n", path, c.problem.c_str());
        return 1;
    }
    std::printf("%s: valid Chrome trace, %zu events\n", path, c.events);
    for (const std::string& note : c.notes) std::printf("  note: %s\n", note.c_str());
    return 0;
}

}  // namespace

void printFindings(const std::vector<trace::Finding>& findings, bool zh) {
    for (const auto& f : findings) {
        const auto& pick = [&](const trace::LocalizedText& x) -> const std::string& {
            return zh ? x.zh : x.en;
        };
        std::printf("[%s] at %.3f ms (event %zu): %s\n", std::string(toString(f.kind)).c_str(),
                    double(f.time) / 1e6, f.eventIndex, pick(f.title).c_str());
        std::printf("  %s %s\n", zh ? "发生了什么：" : "What happened:", pick(f.what).c_str());
        std::printf("  %s %s\n", zh ? "原因：" : "Why:", pick(f.why).c_str());
        std::printf("  %s %s\n\n", zh ? "如何修复：" : "How to fix:", pick(f.fix).c_str());
    }
}

bool exportTrace(const trace::Trace& t, const ExportRequest& req) {
    bool ok = true;
    auto report = [&](const std::string& path, const std::string& err) {
        if (err.empty()) {
            std::fprintf(stderr, "wrote %s\n", path.c_str());
        } else {
            std::fprintf(stderr, "asyncscope-cli: %s\n", err.c_str());
            ok = false;
        }
    };
    if (!req.record.empty()) report(req.record, trace::saveTrace(t, req.record));
    if (!req.chrome.empty())
        report(req.chrome, writeFileAtomically(req.chrome, [&](std::ostream& o) {
                   trace::writeChromeTrace(t, o);
               }));
    if (!req.csv.empty()) {
        const std::string tasks = csvPath(req.csv, "tasks"), workers = csvPath(req.csv, "workers");
        report(tasks,
               writeFileAtomically(tasks, [&](std::ostream& o) { trace::writeTaskCsv(t, o); }));
        report(workers,
               writeFileAtomically(workers, [&](std::ostream& o) { trace::writeWorkerCsv(t, o); }));
    }
    return ok;
}

int runTraceCommand(int argc, char** argv) {
    static constexpr Verb kTraceVerbs[] = {
        {"info", "what was recorded: runtime, events by kind, tasks", info},
        {"state", "every queue, lock and timer at one instant (--at MS)", state},
        {"analyze", "what the detectors find: deadlocks, stalls, lost wakers...", analyzeCmd},
        {"export", "write a Chrome trace (--chrome) and/or CSV summaries (--csv)", exportCmd},
        {"check", "a structural check of a Chrome trace JSON file", check},
    };
    static const VerbGroup group{
        .path = "trace",
        .synopsis = "VERB FILE [options]",
        .description =
            "Look into a recorded run (a .astrace file, as run --record and demo "
            "--record write it) without the app.",
        .verbs = kTraceVerbs,
    };
    return dispatch(group, argc, argv);
}

}  // namespace asyncscope::cli
