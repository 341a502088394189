// `asyncscope-cli trace`: look into recorded runs without the GUI.
#include "trace_cmd.hpp"

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
#include <map>
#include <sstream>
#include <string>

namespace asyncscope::cli {

namespace {

int usage(const char* why) {
    if (why && *why) std::fprintf(stderr, "asyncscope-cli trace: %s\n", why);
    std::fprintf(stderr,
                 "usage:\n"
                 "  asyncscope-cli trace info FILE.astrace\n"
                 "  asyncscope-cli trace state FILE.astrace --at MS\n"
                 "  asyncscope-cli trace analyze FILE.astrace [--lang en|zh]\n"
                 "  asyncscope-cli trace export FILE.astrace [--chrome OUT.json] [--csv PREFIX]\n"
                 "  asyncscope-cli trace check OUT.json\n");
    return 2;
}

std::optional<trace::Trace> load(const char* path) {
    trace::LoadResult r = trace::loadTrace(path);
    if (!r.trace) std::fprintf(stderr, "asyncscope-cli trace: %s\n", r.error.c_str());
    return std::move(r.trace);
}

int info(const char* path) {
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
    auto name = [&](std::uint32_t id) { return id ? t.taskName(id) : std::string("-"); };
    std::printf(
        "at %.3f ms of runtime time (after %zu of %zu events; the trace spans %.3f..%.3f ms)\n",
        atMs >= 0 ? atMs : double(s.time) / 1e6, s.applied, t.size(), double(t.startTime()) / 1e6,
        double(t.endTime()) / 1e6);
    for (std::size_t w = 0; w < s.workers.size(); ++w) {
        const auto& wi = s.workers[w];
        std::printf("  worker %zu: %s running=%s lifo=%s queue=[", w, wi.parked ? "PARKED " : "",
                    name(wi.running).c_str(), name(wi.lifo).c_str());
        for (std::size_t i = 0; i < wi.local.size(); ++i)
            std::printf("%s%s", i ? ", " : "", name(wi.local[i]).c_str());
        std::printf("]\n");
    }
    std::printf("  global queue: %zu task(s)\n", s.global.size());
    for (const auto& [id, l] : s.locks) {
        std::printf("  %s #%u: holder=%s waiters=[",
                    l.kind == LockKind::BlockingMutex ? "blocking mutex" : "mutex", id,
                    name(l.holder).c_str());
        for (std::size_t i = 0; i < l.waiters.size(); ++i)
            std::printf("%s%s", i ? ", " : "", name(l.waiters[i]).c_str());
        std::printf("]\n");
    }
    std::printf("  timers armed: %zu; blocking threads busy: %u\n", s.timers.size(),
                s.busyBlockingThreads());
    std::printf("  tasks: %llu spawned, %zu alive, %zu runnable\n", (unsigned long long)s.spawned,
                s.alive(), s.runnable());
}

int state(int argc, char** argv) {
    if (argc < 1) return usage("state needs a FILE");
    double atMs = -1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
            char* end = nullptr;
            atMs = std::strtod(argv[++i], &end);
            if (!end || *end || !(atMs >= 0) || !std::isfinite(atMs))
                return usage("--at needs a time in milliseconds");
            atMs = std::min(atMs, 1e12);  // past any recording's end: the last state
        } else {
            return usage((std::string("unexpected argument ") + argv[i]).c_str());
        }
    }
    auto t = load(argv[0]);
    if (!t) return 2;
    trace::Timeline tl(*t);
    const auto& s =
        atMs < 0 ? tl.finalState() : tl.seekTime(static_cast<std::uint64_t>(atMs * 1e6));
    printState(*t, s, atMs);
    return 0;
}

int exportCmd(int argc, char** argv) {
    if (argc < 1) return usage("export needs a FILE");
    ExportRequest req;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--chrome") == 0 && i + 1 < argc)
            req.chrome = argv[++i];
        else if (std::strcmp(argv[i], "--csv") == 0 && i + 1 < argc)
            req.csv = argv[++i];
        else
            return usage((std::string("unexpected argument ") + argv[i]).c_str());
    }
    if (req.chrome.empty() && req.csv.empty()) return usage("export needs --chrome and/or --csv");
    auto t = load(argv[0]);
    if (!t) return 2;
    return exportTrace(*t, req) ? 0 : 2;
}

int analyzeCmd(int argc, char** argv) {
    if (argc < 1) return usage("analyze needs a FILE");
    bool zh = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            std::string l = argv[++i];
            if (l != "en" && l != "zh") return usage("--lang takes en or zh");
            zh = l == "zh";
        } else {
            return usage((std::string("unexpected argument ") + argv[i]).c_str());
        }
    }
    auto t = load(argv[0]);
    if (!t) return 2;
    std::vector<trace::Finding> findings = trace::analyze(*t);
    if (findings.empty()) {
        std::printf(zh ? "没有发现问题。\n" : "No problems found.\n");
        return 0;
    }
    printFindings(findings, zh);
    return 1;
}

int check(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "asyncscope-cli trace: %s: cannot open\n", path);
        return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    trace::ChromeTraceCheck c = trace::checkChromeTrace(ss.str());
    if (!c.ok) {
        std::printf("%s: INVALID: %s\n", path, c.problem.c_str());
        return 1;
    }
    std::printf("%s: valid Chrome trace, %zu events\n", path, c.events);
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
        std::string tasks = req.csv + "-tasks.csv", workers = req.csv + "-workers.csv";
        report(tasks,
               writeFileAtomically(tasks, [&](std::ostream& o) { trace::writeTaskCsv(t, o); }));
        report(workers,
               writeFileAtomically(workers, [&](std::ostream& o) { trace::writeWorkerCsv(t, o); }));
    }
    return ok;
}

int runTraceCommand(int argc, char** argv) {
    if (argc < 1) return usage("");
    std::string sub = argv[0];
    if (sub == "info" && argc == 2) return info(argv[1]);
    if (sub == "state") return state(argc - 1, argv + 1);
    if (sub == "export") return exportCmd(argc - 1, argv + 1);
    if (sub == "analyze") return analyzeCmd(argc - 1, argv + 1);
    if (sub == "check" && argc == 2) return check(argv[1]);
    return usage(("unknown or incomplete subcommand '" + sub + "'").c_str());
}

}  // namespace asyncscope::cli
