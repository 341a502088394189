// asyncscope-cli: the headless face of AsyncScope.
#include "args.hpp"
#include "bench.hpp"
#include "demo.hpp"
#include "render_cmd.hpp"
#include "scenario_cmd.hpp"
#include "trace_cmd.hpp"

#include <cstdio>
#include <cstring>
#include <new>

namespace {

using namespace asyncscope::cli;

// The verbs: a new one is a line here and its function (see args.hpp).
constexpr Verb kVerbs[] = {
    {"list", "the built-in lesson scenarios: name, category, difficulty, title", runListCommand},
    {"validate", "check scenario files; every error as file:line:column", runValidateCommand},
    {"run", "run a scenario on the real engine: result, findings, expectations", runRunCommand},
    {"demo", "a small work-stealing run on the real engine, narrated", runDemo},
    {"trace", "inspect a recorded run: info, state, analyze, export, check", runTraceCommand},
    {"render", "draw the runtime view at one instant of a run (PNG, SVG, PDF), no display needed",
     runRenderCommand},
    {"bench", "one workload of the peers benchmark protocol, as one result line", runBench},
};

int dispatchTop(int argc, char** argv) {
    static const VerbGroup top{
        .path = "",
        .synopsis = "VERB [OPTIONS] [ARGS]",
        .description =
            "AsyncScope without the window: run the lesson scenarios on the real engine, check "
            "scenario files, record runs and look into the recordings, and run the peers "
            "benchmarks.",
        .verbs = kVerbs,
        .options = {{"version", nullptr, "print the version and exit"}},
    };
    if (argc >= 1 && std::strcmp(argv[0], "--version") == 0) {
        std::printf("asyncscope-cli %s\n", ASYNCSCOPE_VERSION);
        return 0;
    }
    return dispatch(top, argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
    // The recorder caps its memory (and says so); what is left is the
    // analysis of a huge recording on a small machine: a message, not abort().
    try {
        return dispatchTop(argc - 1, argv + 1);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
                     "asyncscope-cli: out of memory (a recording this large needs more; lower "
                     "the scenario's counts or its time_limit)\n");
        return 2;
    }
}
