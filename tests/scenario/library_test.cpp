// Every built-in scenario loads, and every variant of it runs on the real
// engine with all its expectations holding.
#include <asyncscope/scenario/check.hpp>
#include <asyncscope/scenario/library.hpp>

#include <gtest/gtest.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace asyncscope::scenario {
namespace {

struct Case {
    std::string scenario, variant;
};
void PrintTo(const Case& c, std::ostream* os) {
    *os << c.scenario << " [" << c.variant << "]";
}

std::vector<Case> allCases() {
    std::vector<Case> out;
    for (const BuiltinScenario& b : builtinScenarios()) {
        LoadResult r = loadBuiltin(b);
        out.push_back({std::string(b.name), "base"});
        if (!r.ok()) continue;
        for (const Variant& v : r.scenario->variants) out.push_back({std::string(b.name), v.name});
    }
    return out;
}

TEST(Library, HasTheLessonsTheIssueAsksFor) {
    EXPECT_GE(builtinScenarios().size(), 18u);
    EXPECT_NE(findBuiltin(kDefaultScenario), nullptr) << "the app's default scenario is missing";
    std::map<std::string, int> categories;
    for (const BuiltinScenario& b : builtinScenarios()) {
        LoadResult r = loadBuiltin(b);
        ASSERT_TRUE(r.ok()) << b.name << ": " << (r.errors.empty() ? "" : r.errors[0].format());
        const Scenario& s = *r.scenario;
        ++categories[s.category];
        // Bilingual, lesson complete, self-checking.
        for (const Text* t :
             {&s.title, &s.description, &s.lesson.watch, &s.lesson.meaning, &s.lesson.tokio}) {
            EXPECT_FALSE(t->en.empty()) << b.name;
            EXPECT_FALSE(t->zh.empty()) << b.name;
        }
        EXPECT_FALSE(s.category.empty()) << b.name;
        EXPECT_FALSE(s.difficulty.empty()) << b.name;
        EXPECT_FALSE(s.base.expectations.empty()) << b.name << " states no expectations";
    }
    EXPECT_GE(categories.size(), 6u);
}

class LibraryRun : public ::testing::TestWithParam<Case> {};

TEST_P(LibraryRun, ExpectationsHold) {
    const Case& c = GetParam();
    const BuiltinScenario* b = findBuiltin(c.scenario);
    ASSERT_NE(b, nullptr);
    LoadResult r = loadBuiltin(*b);
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].format());
    const Scenario& s = *r.scenario;
    const Program* program = s.program(c.variant);
    ASSERT_NE(program, nullptr);

    // Every lesson runs once, with no retry: the built-in scenarios run under
    // the virtual clock, where every duration is exact and the host's speed
    // cannot show, so even the speed-dependent expectations (a speed-up
    // between variants, an upper bound on a duration) must hold on that run.
    RecordOptions opts;
    opts.title = c.scenario;
    const RecordedRun run = recordRun(*program, opts);
    std::map<std::string, RecordedRun> others;
    auto runOf = [&](const std::string& v) -> const RecordedRun& {
        if (v == c.variant) return run;
        auto it = others.find(v);
        if (it == others.end())
            it = others.emplace(v, recordRun(*s.program(v), RecordOptions{})).first;
        return it->second;
    };
    const std::vector<CheckOutcome> outcomes = evaluate(*program, run, runOf);
    EXPECT_NE(run.result.end, RunEnd::Stopped);
    EXPECT_TRUE(run.recorderNote.empty()) << run.recorderNote;
    EXPECT_EQ(outcomes.size(), program->expectations.size());
    // Every lesson runs under the virtual clock, so every expectation --
    // durations, speed-ups between variants, the absence of slow polls --
    // holds whatever the host's speed, in the sanitizer builds too.
    EXPECT_EQ(run.trace.info().clock, "virtual") << c.scenario << " [" << c.variant << "]";
    for (const CheckOutcome& o : outcomes) {
        EXPECT_TRUE(o.passed) << c.scenario << " [" << c.variant << "] "
                              << toString(o.expectation->kind) << ": " << o.message;
    }
    // The recording agrees with the runtime's own counters.
    EXPECT_EQ(run.finalState.spawned, run.result.stats.spawned);
    if (run.result.end == RunEnd::Completed) {
        EXPECT_EQ(run.finalState.alive(), 0u);
    }
}

std::string caseName(const ::testing::TestParamInfo<Case>& info) {
    std::string n = info.param.scenario + "_" + info.param.variant;
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Builtin, LibraryRun, ::testing::ValuesIn(allCases()), caseName);

}  // namespace
}  // namespace asyncscope::scenario
