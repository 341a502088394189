// Writes the seed corpus of the recording fuzzer: every built-in lesson's
// base program, run under the virtual clock and saved as a .astrace file
// into the directory given. Small lessons make small seeds, which the
// fuzzer mutates fastest; the largest are left out.
#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>
#include <asyncscope/trace/trace_file.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    using namespace asyncscope;
    if (argc != 2) {
        std::fprintf(stderr, "usage: trace_fuzz_seed DIR\n");
        return 2;
    }
    int written = 0;
    for (const scenario::BuiltinScenario& b : scenario::builtinScenarios()) {
        scenario::LoadResult loaded = scenario::loadBuiltin(b);
        if (!loaded.ok()) {
            std::fprintf(stderr, "trace_fuzz_seed: %.*s does not load\n", int(b.name.size()),
                         b.name.data());
            return 1;
        }
        scenario::RecordOptions options;
        options.title = std::string(b.name);
        scenario::RecordedRun run = scenario::recordRun(loaded.scenario->base, options);
        if (run.trace.size() > 1200) continue;  // a seed of more than ~30 KB
        const std::string path = std::string(argv[1]) + "/" + std::string(b.name) + ".astrace";
        const std::string error = trace::saveTrace(run.trace, path);
        if (!error.empty()) {
            std::fprintf(stderr, "trace_fuzz_seed: %s\n", error.c_str());
            return 1;
        }
        ++written;
    }
    std::printf("trace_fuzz_seed: %d recordings\n", written);
    return written > 0 ? 0 : 1;
}
