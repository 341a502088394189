// asyncscope-cli: the headless face of AsyncScope.
#include "bench.hpp"
#include "demo.hpp"
#include "scenario_cmd.hpp"
#include "trace_cmd.hpp"

#include <cstdio>
#include <cstring>
#include <new>
#include <string>

namespace {

void printUsage(std::FILE* out) {
    std::fprintf(
        out,
        "usage: asyncscope-cli COMMAND [ARGS]\n"
        "\n"
        "commands:\n"
        "  list [--lang en|zh]\n"
        "        the built-in lesson scenarios: name, category, difficulty, title\n"
        "  validate FILE...\n"
        "        check scenario files; every error as file:line:column (exit 0 valid,\n"
        "        1 invalid, 2 unreadable)\n"
        "  run FILE|NAME [--variant V] [--workers N] [--flavor multi_thread|current_thread]\n"
        "      [--time-scale X] [--seed S] [--trace OUT.json] [--record OUT.astrace]\n"
        "      [--csv OUT.csv] [--summary] [--check] [--lang en|zh]\n"
        "        run a scenario on the real engine; --summary prints the task table,\n"
        "        workers and findings; --check makes the exit code say whether the\n"
        "        scenario's expectations hold (0 yes, 1 no); an invalid scenario is\n"
        "        not run (exit 3). Ctrl-C stops the run and still writes what was\n"
        "        recorded (exit 130)\n"
        "  demo [--workers N] [--events N] [--record F.astrace] [--trace F.json]\n"
        "       [--csv PREFIX]\n"
        "        run a small work-stealing demo on the real engine and narrate it:\n"
        "        spawns, queue placements, steals, wakes, lock hand-offs, then a\n"
        "        per-worker and per-task summary; optionally save the recording,\n"
        "        a Chrome trace (opens in Perfetto) and CSV summaries\n"
        "  trace info|state|analyze|export|check ...\n"
        "        inspect a recorded run: summary, the runtime state at any instant\n"
        "        (--at MS), findings of the detectors (deadlock, stall, lost\n"
        "        waker, blocking the runtime...), export to Chrome trace / CSV,\n"
        "        validate a Chrome trace\n"
        "  bench NAME [--workers N]\n"
        "        run one workload of the peers benchmark protocol and print one\n"
        "        result line (NAME: spawn_many yield_many ping_pong chained_spawn\n"
        "        mutex_contention mpsc_throughput timer_sleep idle_memory\n"
        "        spawn_blocking)\n"
        "  help  show this text\n");
}

}  // namespace

int dispatch(int argc, char** argv);

int main(int argc, char** argv) {
    // The recorder caps its memory (and says so); what is left is the
    // analysis of a huge recording on a small machine: a message, not abort().
    try {
        return dispatch(argc, argv);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
                     "asyncscope-cli: out of memory (a recording this large needs more; lower "
                     "the scenario's counts or its time_limit)\n");
        return 2;
    }
}

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string cmd = argv[1];
    if (cmd == "bench") return asyncscope::cli::runBench(argc - 2, argv + 2);
    if (cmd == "list") return asyncscope::cli::runListCommand(argc - 2, argv + 2);
    if (cmd == "validate") return asyncscope::cli::runValidateCommand(argc - 2, argv + 2);
    if (cmd == "run") return asyncscope::cli::runRunCommand(argc - 2, argv + 2);
    if (cmd == "demo") return asyncscope::cli::runDemo(argc - 2, argv + 2);
    if (cmd == "trace") return asyncscope::cli::runTraceCommand(argc - 2, argv + 2);
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
        printUsage(stdout);
        return 0;
    }
    if (cmd == "--version") {
        std::printf("asyncscope-cli 0.1.0\n");
        return 0;
    }
    std::fprintf(stderr, "asyncscope-cli: unknown command '%s'\n\n", cmd.c_str());
    printUsage(stderr);
    return 2;
}
