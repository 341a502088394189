#include "scenario_cmd.hpp"

#include "scenario_arg.hpp"

#include "args.hpp"
#include "output.hpp"
#include "trace_cmd.hpp"

#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/loader.hpp>
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace asyncscope::cli {

using namespace asyncscope::scenario;

namespace {

// ---------------------------------------------------------------- list

void printDiagnostics(const LoadResult& r) {
    for (const Diagnostic& d : inLineOrder(r))
        std::fprintf(stderr, "%s\n", printable(d.format()).c_str());
}

}  // namespace

int runListCommand(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "list",
        .synopsis = "[options]",
        .description =
            "List the built-in lesson scenarios, one a line: name, category, "
            "difficulty and title (with the names of its variants). A NAME here is "
            "what 'asyncscope-cli run NAME' takes.",
        .options = {{"lang", "en|zh", "the language of the titles", "en"}},
        .exitCodes = {{0, "every built-in scenario loads"},
                      {1, "a built-in scenario is invalid (listed as such)"},
                      {2, "usage error"}},
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    const std::string lang = args.value("lang").value_or("en");
    if (lang != "en" && lang != "zh") return args.fail("--lang takes en or zh");
    const bool zh = lang == "zh";
    std::printf("%-30s %-13s %-13s %s\n", "NAME", "CATEGORY", "DIFFICULTY", "TITLE");
    int broken = 0;
    for (const BuiltinScenario& b : builtinScenarios()) {
        LoadResult r = loadBuiltin(b);
        if (!r.ok()) {
            std::printf("%-30.*s (invalid: %zu error(s))\n", static_cast<int>(b.name.size()),
                        b.name.data(), r.errors.size());
            ++broken;
            continue;
        }
        const Scenario& s = *r.scenario;
        std::string title = s.title.in(zh ? "zh" : "en");
        if (!s.variants.empty()) {
            title += zh ? "（变体：" : " (variants: ";
            for (std::size_t i = 0; i < s.variants.size(); ++i)
                title += (i ? ", " : "") + s.variants[i].name;
            title += zh ? "）" : ")";
        }
        std::printf("%-30s %-13s %-13s %s\n", s.name.c_str(), s.category.c_str(),
                    s.difficulty.c_str(), title.c_str());
    }
    return broken ? 1 : 0;
}

int runValidateCommand(int argc, char** argv) {
    static const CommandSpec spec{
        .path = "validate",
        .synopsis = "FILE... [options]",
        .description =
            "Check scenario files (JSON, the format of scenarios/README.md) without running them. "
            "Every error is reported, in line order, as FILE:LINE:COLUMN: error: PATH: what is "
            "wrong (and what was probably meant); a valid file gets one line saying what it holds. "
            "A warning (FILE:LINE:COLUMN: warning: ...) does not make a file invalid: it marks "
            "code rustc would reject as written, such as a spawned task that keeps a "
            "std::sync::MutexGuard across an .await (not Send), which the simulator runs anyway.",
        .exitCodes = {{0, "every file is valid"},
                      {1, "a file is invalid"},
                      {2, "a file cannot be read, or a usage error"}},
        .notes = "A file whose name starts with '-' goes after '--': validate -- -odd.json",
        .minArgs = 1,
        .maxArgs = -1,
        .missingArgs = "validate needs at least one FILE",
    };
    Args args(spec, argc, argv);
    if (args.finished()) return args.exitCode();
    bool invalid = false, io = false;
    for (const std::string& file : args.positional()) {
        LoadResult r = loadScenarioFile(file);
        if (r.ok()) {
            printDiagnostics(r);  // its warnings
            const Scenario& s = *r.scenario;
            std::printf("%s: valid (%zu template(s), %zu variant(s), %zu expectation(s)%s)\n",
                        file.c_str(), s.base.templates.size(), s.variants.size(),
                        s.base.expectations.size(),
                        r.warnings.empty()
                            ? ""
                            : (", " + std::to_string(r.warnings.size()) + " warning(s)").c_str());
            continue;
        }
        printDiagnostics(r);
        if (r.ioError)
            io = true;
        else {
            invalid = true;
            std::fprintf(stderr, "%s: %zu error(s)\n", file.c_str(), r.errors.size());
        }
    }
    return io ? 2 : invalid ? 1 : 0;
}

// ---------------------------------------------------------------- run

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onSigint(int) {
    if (g_interrupted.exchange(true)) {
        std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
        std::raise(SIGINT);
    }
}

std::string ms(std::uint64_t ns) {
    char buf[32];
    const double v = static_cast<double>(ns);
    if (ns >= 1'000'000'000)
        std::snprintf(buf, sizeof buf, "%.2fs", v / 1e9);
    else if (ns >= 1'000'000)
        std::snprintf(buf, sizeof buf, "%.2fms", v / 1e6);
    else if (ns >= 1'000)
        std::snprintf(buf, sizeof buf, "%.1fus", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%lluns", static_cast<unsigned long long>(ns));
    return buf;
}

void printTaskTable(const RecordedRun& run, std::size_t maxRows) {
    const trace::RuntimeState& s = run.finalState;
    std::vector<const trace::TaskInfo*> tasks;
    for (const trace::TaskInfo& t : s.tasks)
        if (t.phase != trace::TaskPhase::Unknown) tasks.push_back(&t);
    std::printf("\nTasks (%zu)%s\n", tasks.size(),
                tasks.size() > maxRows ? ", the busiest first" : "");
    std::printf("%6s  %-24s %-10s %7s %10s %10s %10s %6s %6s\n", "ID", "NAME", "STATE", "POLLS",
                "BUSY", "SCHED", "IDLE", "WAKES", "SELF");
    if (tasks.size() > maxRows)
        std::stable_sort(tasks.begin(), tasks.end(),
                         [&](auto* a, auto* b) { return s.busyNs(*a) > s.busyNs(*b); });
    std::size_t shown = 0;
    for (const trace::TaskInfo* t : tasks) {
        if (shown++ == maxRows) {
            std::printf("  ... and %zu more (--csv writes every task)\n", tasks.size() - maxRows);
            break;
        }
        std::string name =
            printable(std::string(t->name != trace::kNoString ? run.trace.string(t->name) : ""));
        if (name.size() > 24) name = name.substr(0, 21) + "...";
        std::printf("%6u  %-24s %-10s %7llu %10s %10s %10s %6u %6u\n", t->id.value(), name.c_str(),
                    std::string(trace::toString(t->phase)).c_str(),
                    static_cast<unsigned long long>(t->polls), ms(s.busyNs(*t)).c_str(),
                    ms(s.scheduledNs(*t)).c_str(), ms(s.idleNs(*t)).c_str(), t->totalWakes(),
                    t->selfWakes);
        // Why a task failed, under its row.
        if (t->phase == trace::TaskPhase::Failed && t->errorText != trace::kNoString)
            std::printf("%6s  -> %s\n", "",
                        printable(std::string(run.trace.string(t->errorText))).c_str());
    }
}

void printWorkers(const RecordedRun& run) {
    const auto& stats = run.result.stats;
    const double elapsed = static_cast<double>(run.result.elapsed.count());
    std::printf("\nWorkers\n%6s %8s %7s %7s %8s %7s %7s\n", "WORKER", "POLLS", "BUSY", "STEALS",
                "STOLEN", "PARKS", "GLOBAL");
    for (std::size_t w = 0; w < stats.workers.size(); ++w) {
        const WorkerStats& ws = stats.workers[w];
        const double busy =
            w < run.finalState.workers.size() && elapsed > 0
                ? 100.0 * static_cast<double>(run.finalState.workers[w].busyNs) / elapsed
                : 0.0;
        std::printf("%6zu %8llu %6.1f%% %7llu %8llu %7llu %7llu\n", w,
                    static_cast<unsigned long long>(ws.polls), std::min(busy, 100.0),
                    static_cast<unsigned long long>(ws.steals),
                    static_cast<unsigned long long>(ws.stolenTasks),
                    static_cast<unsigned long long>(ws.parks),
                    static_cast<unsigned long long>(ws.injectPops));
    }
    // The block_on thread (not a worker): the #[tokio::main] body's polls.
    const std::size_t mainLane = stats.workers.size();
    if (mainLane < run.finalState.workers.size() && run.finalState.workers[mainLane].blockOn) {
        const double busy =
            elapsed > 0
                ? 100.0 * static_cast<double>(run.finalState.workers[mainLane].busyNs) / elapsed
                : 0.0;
        std::printf("%6s %8llu %6.1f%%   (main thread: block_on polls main only)\n", "main",
                    static_cast<unsigned long long>(stats.blockOnPolls), std::min(busy, 100.0));
    }
}

struct RunArgs {
    std::string target, variant, trace, record, csv, lang = "en";
    RunOverrides overrides;
    bool summary = false, check = false;
};

const CommandSpec& runSpec() {
    static const CommandSpec spec{
        .path = "run",
        .synopsis = "FILE|NAME [options]",
        .description =
            "Run a scenario on the real engine: a scenario file, or the NAME of a built-in one "
            "('asyncscope-cli list' shows them). Prints the result, the task counts and the "
            "findings of the detectors (blocking the runtime, starvation, deadlock, lost "
            "wakers...); the options add the task table, output files and a check of the "
            "scenario's expectations. Runs longer than a second show progress on stderr.",
        .options =
            {
                {"variant", "V", "run the scenario's variant V instead of its base", "the base"},
                {"workers", "N", "worker threads, a whole number from 1 to 64",
                 "the scenario's config.workers"},
                {"flavor", "F", "the scheduler: multi_thread or current_thread",
                 "the scenario's config.flavor"},
                {"main", "block_on|worker",
                 "where the #[tokio::main] body runs: on its own block_on thread (as Tokio does; "
                 "its spawns go to the global queue) or as an ordinary task on a worker",
                 "the scenario's start entries"},
                {"clock", "real|virtual",
                 "virtual: every duration exact and the host's speed invisible (time jumps to the "
                 "next deadline once nothing can run); real: the wall clock",
                 "the scenario's config.clock"},
                {"time-scale", "X",
                 "slow motion: runtime durations last X times longer in wall time (10: ten "
                 "times slower), 0.01 to 1000",
                 "the scenario's config.time_scale"},
                {"seed", "S", "seeds steal-victim choice and io jitter, a whole number >= 0",
                 "the scenario's config.seed"},
                {"trace", "OUT.json",
                 "write a Chrome trace (opens in Perfetto or chrome://tracing)"},
                {"record", "OUT.astrace",
                 "write the recording, for 'asyncscope-cli trace' and the app"},
                {"csv", "PREFIX",
                 "write the task table to PREFIX-tasks.csv and the workers to "
                 "PREFIX-workers.csv (as demo and trace export do)"},
                {"summary", nullptr,
                 "also print the task table (like tokio-console), per-worker utilisation and "
                 "steals, and explain each finding"},
                {"check", nullptr,
                 "evaluate the scenario's expectations (running the variants they compare "
                 "with) and let the exit code say whether they hold"},
                {"lang", "en|zh", "the language of titles and findings", "en"},
            },
        .exitCodes =
            {
                {0, "the run finished (with --check: every expectation holds)"},
                {1, "with --check: an expectation failed"},
                {2,
                 "usage error, unreadable file, unknown scenario or variant, or an output file "
                 "could not be written"},
                {3, "the scenario is invalid: its errors are printed and it is not run"},
                {130,
                 "interrupted by Ctrl-C; what was recorded is still written (a second Ctrl-C "
                 "ends the program at once)"},
            },
        .minArgs = 1,
        .maxArgs = 1,
        .missingArgs = "run needs a scenario FILE or the NAME of a built-in one",
    };
    return spec;
}

// Fills `a` from the command line; returns the exit code when the run must not start.
std::optional<int> parseRunArgs(int argc, char** argv, RunArgs& a) {
    Args args(runSpec(), argc, argv);
    if (args.finished()) return args.exitCode();
    a.target = args.positional().front();
    double x;
    if (auto v = args.value("variant")) a.variant = *v;
    if (auto why = readRuntimeOverrides(args, a.overrides)) return args.fail(*why);
    if (auto v = args.value("time-scale")) {
        if (!parseNumber(*v, x) || !(x >= 0.01 && x <= 1000))  // NaN fails too
            return args.fail(
                "--time-scale takes a number from 0.01 to 1000 (10: ten times "
                "slower), found '" +
                *v + "'");
        a.overrides.timeScale = x;
    }
    if (auto v = args.value("seed")) {
        if (!parseNumber(*v, x) || x < 0 || x >= 18446744073709551616.0 ||
            x != static_cast<double>(static_cast<std::uint64_t>(x)))
            return args.fail("--seed takes a whole number >= 0, found '" + *v + "'");
        a.overrides.seed = static_cast<std::uint64_t>(x);
    }
    for (auto [name, out] :
         {std::pair{"trace", &a.trace}, std::pair{"record", &a.record}, std::pair{"csv", &a.csv}}) {
        if (auto v = args.value(name)) {
            if (std::filesystem::is_directory(*v))
                return args.fail("--" + std::string(name) + " takes a file name; " + *v +
                                 " is a folder");
            *out = *v;
        }
    }
    if (auto v = args.value("lang")) {
        a.lang = *v;
        if (a.lang != "en" && a.lang != "zh") return args.fail("--lang takes en or zh");
    }
    a.summary = args.has("summary");
    a.check = args.has("check");
    return std::nullopt;
}

}  // namespace

int runRunCommand(int argc, char** argv) {
    RunArgs a;
    if (std::optional<int> code = parseRunArgs(argc, argv, a)) return *code;

    LoadResult loaded;
    if (std::optional<int> code = loadScenarioArg(a.target, "run", loaded)) return *code;
    const Scenario& sc = *loaded.scenario;
    const Program* program = sc.program(a.variant);
    if (!program) {
        std::string names = "base";
        for (const Variant& v : sc.variants) names += ", " + v.name;
        std::fprintf(stderr, "asyncscope-cli: scenario '%s' has no variant '%s' (variants: %s)\n",
                     sc.name.c_str(), a.variant.c_str(), names.c_str());
        return 2;
    }
    const bool zh = a.lang == "zh";
    const std::string variantName = a.variant.empty() ? "base" : a.variant;
    const RuntimeConfig cfg = effectiveConfig(*program, a.overrides);
    std::printf("%s%s%s: %s\n", sc.name.c_str(), a.variant.empty() ? "" : " --variant ",
                a.variant.c_str(), printable(sc.title.in(a.lang)).c_str());
    std::printf("runtime: %s, %u worker(s), time scale %g\n",
                cfg.flavor == Flavor::MultiThread ? "multi_thread" : "current_thread",
                cfg.flavor == Flavor::CurrentThread ? 1u : cfg.workers, cfg.timeScale);
    std::fflush(stdout);

    g_interrupted.store(false);
    std::signal(SIGINT, onSigint);
    const bool tty = isatty(STDERR_FILENO) != 0;
    const auto wallStart = std::chrono::steady_clock::now();
    bool progressShown = false;
    RecordOptions opts;
    opts.overrides = a.overrides;
    opts.stopFlag = &g_interrupted;
    opts.title = sc.name + (a.variant.empty() ? "" : " (" + a.variant + ")");
    auto lastLine = wallStart;
    opts.progress = [&](const RunSnapshot& snap) {
        const auto now = std::chrono::steady_clock::now();
        if (now - wallStart < std::chrono::seconds(1)) return;
        if (!tty && now - lastLine < std::chrono::seconds(1)) return;
        lastLine = now;
        if (snap.phase == RunPhase::Ending) {
            std::fprintf(stderr, "%s  the run is over: shutting down and analysing the recording%s",
                         tty ? "\r" : "", tty ? "\x1b[K" : "\n");
            progressShown = true;
            return;
        }
        // The engine's counters: they go on after the recording stopped at its cap.
        std::fprintf(
            stderr, "%s  running: t=%s, %zu task(s) alive, %llu finished%s (Ctrl-C stops)%s",
            tty ? "\r" : "", ms(static_cast<std::uint64_t>(snap.now.count())).c_str(),
            snap.tasks.alive,
            static_cast<unsigned long long>(snap.tasks.completed + snap.tasks.cancelled),
            snap.recorder.stopped ? ", recording stopped at its cap" : "", tty ? "\x1b[K" : "\n");
        progressShown = true;
    };
    RecordedRun run = recordRun(*program, opts);
    std::signal(SIGINT, SIG_DFL);
    if (progressShown && tty) std::fprintf(stderr, "\r\x1b[K");

    const trace::RuntimeState& fs = run.finalState;
    std::printf("result: %s after %s: %s\n", std::string(toString(run.result.end)).c_str(),
                ms(static_cast<std::uint64_t>(run.result.elapsed.count())).c_str(),
                printable(run.result.detail).c_str());
    std::uint64_t steals = 0;
    for (const WorkerStats& w : run.result.stats.workers) steals += w.steals;
    if (run.recorderNote.empty()) {
        std::printf(
            "tasks: %llu spawned, %llu completed, %llu failed, %llu cancelled; %llu polls, %llu "
            "steals, %zu events\n",
            static_cast<unsigned long long>(fs.spawned),
            static_cast<unsigned long long>(fs.completed),
            static_cast<unsigned long long>(fs.failed),
            static_cast<unsigned long long>(fs.cancelled),
            static_cast<unsigned long long>(fs.polls), static_cast<unsigned long long>(steals),
            run.trace.size());
    } else {
        // The recording stopped at its cap: the run's own counts come from
        // the engine; what the recording holds is said apart, so the two
        // never read as one contradictory line.
        const RuntimeStats& es = run.result.stats;
        std::uint64_t polls = 0;
        for (const WorkerStats& w : es.workers) polls += w.polls;
        std::printf(
            "tasks (the whole run, from the engine): %llu spawned, %llu finished, %llu "
            "cancelled; %llu polls, %llu steals\n",
            static_cast<unsigned long long>(es.spawned),
            static_cast<unsigned long long>(es.completed),
            static_cast<unsigned long long>(es.cancelled), static_cast<unsigned long long>(polls),
            static_cast<unsigned long long>(steals));
        std::printf("note: %s\n", run.recorderNote.c_str());
        std::printf(
            "recorded: %zu events up to t=%s, in which %llu task(s) spawned, %llu completed, %llu "
            "failed, %llu cancelled; the task table, the findings and the files cover only "
            "this part\n",
            run.trace.size(), ms(run.trace.endTime()).c_str(),
            static_cast<unsigned long long>(fs.spawned),
            static_cast<unsigned long long>(fs.completed),
            static_cast<unsigned long long>(fs.failed),
            static_cast<unsigned long long>(fs.cancelled));
    }
    // The host's share (real clock): time the OS kept workers off their
    // cores in the middle of polls, which no finding blames on a task.
    if (fs.hostStolenNs > 0) {
        const double workerNs = static_cast<double>(run.result.elapsed.count()) *
                                static_cast<double>(std::max<std::size_t>(1, fs.workers.size()));
        std::printf(
            zh ? "宿主机：操作系统在轮询中途从工作线程拿走了 %s（占工作线程时间的 %.1f%%）\n"
               : "host: the OS took %s from workers in the middle of polls (%.1f%% of "
                 "their time)\n",
            ms(fs.hostStolenNs).c_str(),
            workerNs > 0 ? 100.0 * static_cast<double>(fs.hostStolenNs) / workerNs : 0.0);
    }
    if (a.summary) {
        printTaskTable(run, 40);
        printWorkers(run);
    }
    std::size_t problems = 0;
    for (const trace::Finding& f : run.findings)
        if (!trace::isInformational(f.kind)) ++problems;
    if (run.findings.empty()) {
        std::printf(zh ? "\n没有发现问题。\n" : "\nNo problems found.\n");
    } else if (a.summary) {
        std::printf(zh ? "\n发现（%zu）\n" : "\nFindings (%zu)\n", run.findings.size());
        printFindings(run.findings, zh);
    } else {
        std::printf(zh ? "\n发现（%zu，--summary 显示详情）：\n"
                       : "\nFindings (%zu; --summary explains them):\n",
                    run.findings.size());
        // At most three of each kind; the rest as a count.
        std::map<trace::FindingKind, std::size_t> seen, total;
        for (const trace::Finding& f : run.findings) ++total[f.kind];
        for (const trace::Finding& f : run.findings) {
            const std::size_t n = ++seen[f.kind];
            if (n <= 3)
                std::printf("  [%s] %s\n", std::string(trace::toString(f.kind)).c_str(),
                            printable(zh ? f.title.zh : f.title.en).c_str());
            if (n == 3 && total[f.kind] > 3)
                std::printf(zh ? "  [%s] ……另有 %zu 条\n" : "  [%s] ... and %zu more\n",
                            std::string(trace::toString(f.kind)).c_str(), total[f.kind] - 3);
        }
    }
    (void)problems;

    bool writeOk = true;
    ExportRequest req;
    req.record = a.record;
    req.chrome = a.trace;
    if (!exportTrace(run.trace, req)) writeOk = false;
    if (!a.csv.empty()) {
        for (const auto& [path, fn] :
             std::vector<std::pair<std::string, void (*)(const trace::Trace&, std::ostream&)>>{
                 {csvPath(a.csv, "tasks"), &trace::writeTaskCsv},
                 {csvPath(a.csv, "workers"), &trace::writeWorkerCsv}}) {
            const std::string err =
                writeFileAtomically(path, [&](std::ostream& o) { fn(run.trace, o); });
            if (err.empty())
                std::fprintf(stderr, "wrote %s\n", path.c_str());
            else {
                std::fprintf(stderr, "asyncscope-cli: %s\n", err.c_str());
                writeOk = false;
            }
        }
    }

    int code = writeOk ? 0 : 2;
    if (a.check && run.result.end != RunEnd::Stopped) {
        std::map<std::string, RecordedRun> others;
        auto runOf = [&](const std::string& v) -> const RecordedRun& {
            if (v == variantName) return run;
            auto it = others.find(v);
            if (it != others.end()) return it->second;
            std::printf("(running variant %s for comparison)\n", v.c_str());
            std::fflush(stdout);
            RecordOptions o2;
            o2.overrides = a.overrides;
            o2.stopFlag = &g_interrupted;
            return others.emplace(v, recordRun(*sc.program(v), o2)).first->second;
        };
        std::signal(SIGINT, onSigint);
        const std::vector<CheckOutcome> outcomes = evaluate(*program, run, runOf);
        std::signal(SIGINT, SIG_DFL);
        std::size_t failed = 0;
        std::printf("\nExpectations (%zu)\n", outcomes.size());
        for (const CheckOutcome& o : outcomes) {
            std::printf("  %s  %-15s %s\n", o.passed ? "PASS" : "FAIL",
                        std::string(toString(o.expectation->kind)).c_str(), o.message.c_str());
            if (!o.passed) ++failed;
        }
        if (outcomes.empty()) std::printf("  (this scenario states no expectations)\n");
        if (failed) {
            std::printf("%zu of %zu expectation(s) failed\n", failed, outcomes.size());
            code = 1;
        } else {
            std::printf("all expectations hold\n");
        }
    }
    if (run.result.end == RunEnd::Stopped) {
        std::fprintf(stderr, "interrupted: the run was stopped; what was recorded was written\n");
        return 130;
    }
    return code;
}

}  // namespace asyncscope::cli
