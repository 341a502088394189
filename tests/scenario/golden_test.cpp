// Golden runs: a few lessons, run on one worker under the virtual clock,
// where a run is the same event sequence every time. Each file in
// tests/scenario/golden/ is one run as text (NAME.events for the base
// program, NAME@VARIANT.events for a variant); a change to the scheduling
// order shows up as a diff of these files in review.
//
// Refresh them after a deliberate change (and read the diff):
//   ASYNCSCOPE_UPDATE_GOLDEN=1 build/dev/tests/scenario/scenario_tests --gtest_filter='Golden*'
// To add a run, create an empty NAME[@VARIANT].events file and refresh.
#include <asyncscope/scenario/library.hpp>
#include <asyncscope/scenario/live_run.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace asyncscope;
using namespace asyncscope::scenario;

const std::filesystem::path kGoldenDir = ASYNCSCOPE_GOLDEN_DIR;

struct Golden {
    std::string file, scenario, variant;
};

std::vector<Golden> goldens() {
    std::vector<Golden> out;
    for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
        if (entry.path().extension() != ".events") continue;
        Golden g;
        g.file = entry.path().filename().string();
        const std::string stem = entry.path().stem().string();
        const auto at = stem.find('@');
        g.scenario = stem.substr(0, at);
        if (at != std::string::npos) g.variant = stem.substr(at + 1);
        out.push_back(g);
    }
    std::sort(out.begin(), out.end(),
              [](const Golden& a, const Golden& b) { return a.file < b.file; });
    return out;
}

std::string thread(const trace::Record& r) {
    if (r.kind == EventKind::Spawn)  // the field holds the template
        return r.worker == trace::kNoThread ? "-" : "t" + std::to_string(r.worker);
    if (r.worker == trace::kNoThread) return "-";
    if (r.onBlockingThread()) return "b" + std::to_string(r.worker & ~trace::kBlockingFlag);
    return "w" + std::to_string(r.worker);
}

// One line per event: time in ms from the first, thread, kind, task, and
// the arguments (their meaning per kind is in event.hpp).
std::string render(const trace::Trace& t) {
    std::map<std::uint64_t, std::string> resources;
    for (const trace::RecordedResource& res : t.info().resources) resources[res.id] = res.name;
    std::ostringstream out;
    const std::uint64_t t0 = t.startTime();
    char line[320];
    for (std::size_t i = 0; i < t.size(); ++i) {
        const trace::Record r = t.at(i);
        // When an idle worker parks (and is poked awake to park again) at
        // the start depends on how fast the thread outside the runtime is;
        // the order of what the tasks do does not.
        if (r.kind == EventKind::Park || r.kind == EventKind::Unpark) continue;
        // Frame addresses differ from run to run (their sizes from compiler to compiler).
        if (r.kind == EventKind::TaskFrame) continue;
        const std::uint32_t arg2 = r.kind == EventKind::PollStart ? 0 : r.arg2;
        const std::string task = r.task ? t.taskName(r.task) : std::string("-");
        const std::string_view kind = toString(r.kind);
        std::string arg = std::to_string(r.arg);
        if (argIsResource(r.kind)) {  // ids are numbered across the process: by name
            auto it = resources.find(r.arg);
            arg = it != resources.end() ? it->second : "resource?";
        }
        std::snprintf(line, sizeof line, "%10.3f %-4s %-14.*s %-18s %s %u %u\n",
                      double(r.time - t0) / 1e6, thread(r).c_str(), int(kind.size()), kind.data(),
                      task.c_str(), arg.c_str(), arg2, unsigned(r.sub));
        out << line;
    }
    return out.str();
}

std::string runAsText(const Golden& g) {
    const BuiltinScenario* b = findBuiltin(g.scenario);
    if (!b) return "no built-in scenario " + g.scenario + "\n";
    LoadResult loaded = loadBuiltin(*b);
    if (!loaded.ok()) return "does not load\n";
    const Program* program = loaded.scenario->program(g.variant);
    if (!program) return "no variant " + g.variant + "\n";
    RecordOptions options;
    options.overrides.workers = 1;
    options.overrides.clock = ClockKind::Virtual;
    // On one thread: the #[tokio::main] body runs on the worker too (its own
    // block_on thread would poll beside the worker at the same virtual
    // instants, in an order the host decides).
    options.overrides.blockOn = false;
    const RecordedRun run = recordRun(*program, options);
    return "# " + g.file + ": " + std::string(toString(run.result.end)) +
           ", one worker, virtual clock (park and unpark left out)\n" + render(run.trace);
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void PrintTo(const Golden& g, std::ostream* os) {
    *os << g.file;
}

class GoldenRun : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenRun, RunMatchesItsRecording) {
    const Golden& g = GetParam();
    const std::string now = runAsText(g);
    const std::filesystem::path path = kGoldenDir / g.file;
    if (const char* update = std::getenv("ASYNCSCOPE_UPDATE_GOLDEN"); update && *update == '1') {
        std::ofstream(path, std::ios::binary) << now;
        GTEST_SUCCEED() << "rewrote " << path;
        return;
    }
    const std::string before = readFile(path);
    if (now == before) return;
    // The first line that differs, with its neighbours.
    std::istringstream a(before), b(now);
    std::string la, lb;
    int line = 0;
    while (true) {
        ++line;
        const bool ha = static_cast<bool>(std::getline(a, la));
        const bool hb = static_cast<bool>(std::getline(b, lb));
        if (!ha && !hb) break;
        if (!ha || !hb || la != lb) {
            ADD_FAILURE() << g.file << " differs from its run at line " << line
                          << "\n  recorded: " << (ha ? la : "(end of file)")
                          << "\n  now:      " << (hb ? lb : "(end of run)")
                          << "\nIf the change in scheduling is intended, refresh the files "
                             "(see tests/scenario/golden_test.cpp) and review the diff.";
            return;
        }
    }
}

// The same run twice in one process gives the same text: the golden files
// can only change with the code.
TEST(GoldenRuns, ARunIsTheSameEveryTime) {
    for (const Golden& g : goldens()) EXPECT_EQ(runAsText(g), runAsText(g)) << g.file;
}

std::string paramName(const ::testing::TestParamInfo<Golden>& info) {
    std::string s = info.param.file.substr(0, info.param.file.size() - 7);
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenRun, ::testing::ValuesIn(goldens()), paramName);

}  // namespace
