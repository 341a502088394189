// The scenario loader: every error with its exact place and wording, and
// what a valid file resolves to (await points, variants, durations,
// defaults, task bounds).
#include <asyncscope/scenario/loader.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::scenario {
// Readable values in gtest's failure messages (internal linkage: other test
// files of the binary may define their own).
[[maybe_unused]] static void PrintTo(StepKind k, std::ostream* os) {
    *os << toString(k);
}
[[maybe_unused]] static void PrintTo(ExpectKind k, std::ostream* os) {
    *os << toString(k);
}
[[maybe_unused]] static void PrintTo(ResourceKind k, std::ostream* os) {
    *os << toString(k);
}

namespace {

using namespace std::chrono_literals;

// A minimal valid scenario whose parts a test replaces. Every top-level
// member has its own line, so a part's line is fixed (as long as the parts
// before it are one line each):
//   2 version  3 title  4 description  5 category  6 difficulty  7 lesson
//   8 config  9 resources  10 templates  11 start  12 expectations
//   13 variants  14 extra (any member: extraKey)  15 "}"
struct Doc {
    std::optional<std::string> version = "1";
    std::optional<std::string> title = R"({"en": "T", "zh": "标题"})";
    std::optional<std::string> description = R"({"en": "D", "zh": "描述"})";
    std::optional<std::string> category = R"("tasks")";
    std::optional<std::string> difficulty = R"("beginner")";
    std::optional<std::string> lesson =
        R"({"watch": {"en": "w", "zh": "看"}, "meaning": {"en": "m", "zh": "义"}, "tokio": {"en": "t", "zh": "东"}})";
    std::optional<std::string> config;
    std::optional<std::string> resources;
    std::optional<std::string> templates = R"({"main": [{"step": "yield"}]})";
    std::optional<std::string> start = R"([{"template": "main"}])";
    std::optional<std::string> expectations;
    std::optional<std::string> variants;
    std::string extraKey;
    std::optional<std::string> extra;

    std::string text() const {
        const std::vector<std::pair<std::string, const std::optional<std::string>*>> members = {
            {"version", &version},
            {"title", &title},
            {"description", &description},
            {"category", &category},
            {"difficulty", &difficulty},
            {"lesson", &lesson},
            {"config", &config},
            {"resources", &resources},
            {"templates", &templates},
            {"start", &start},
            {"expectations", &expectations},
            {"variants", &variants},
            {extraKey, &extra}};
        std::size_t last = 0;
        for (std::size_t i = 0; i < members.size(); ++i)
            if (members[i].second->has_value()) last = i;
        std::string out = "{\n";
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (members[i].second->has_value()) {
                out += "  \"" + members[i].first + "\": " + **members[i].second;
                if (i != last) out += ",";
            }
            out += "\n";
        }
        out += "}\n";
        return out;
    }
};

LoadResult load(const Doc& d, std::string_view file = "t.json") {
    return loadScenario(d.text(), file);
}

std::vector<std::string> formatted(const LoadResult& r) {
    std::vector<std::string> out;
    for (const Diagnostic& d : r.errors) out.push_back(d.format());
    return out;
}

// The one diagnostic of a load that must fail with exactly one error.
std::string onlyError(const Doc& d) {
    const LoadResult r = load(d);
    EXPECT_FALSE(r.ok());
    EXPECT_FALSE(r.ioError);
    if (r.errors.size() != 1) {
        std::string all;
        for (const Diagnostic& e : r.errors) all += "\n  " + e.format();
        ADD_FAILURE() << "expected exactly one error, got " << r.errors.size() << ":" << all
                      << "\nin:\n"
                      << d.text();
        if (r.errors.empty()) return "<no error>";
    }
    return r.errors.front().format();
}

// The loaded scenario (a copy: `const Scenario& s = loaded(load(d));` is
// safe), or an empty one after reporting why it did not load.
Scenario loaded(const LoadResult& r) {
    if (!r.ok()) {
        std::string all;
        for (const Diagnostic& e : r.errors) all += "\n  " + e.format();
        ADD_FAILURE() << "the scenario did not load:" << all;
        return Scenario{};
    }
    return *r.scenario;
}

// "line:column" of the `nth` occurrence (1-based) of `marker` in `text`
// (`skip` bytes further), columns counting UTF-8 characters.
std::string where(const std::string& text, std::string_view marker, int nth = 1,
                  std::size_t skip = 0) {
    std::size_t at = std::string::npos, from = 0;
    for (int i = 0; i < nth; ++i) {
        at = text.find(marker, from);
        if (at == std::string::npos) {
            ADD_FAILURE() << "marker " << marker << " not in:\n" << text;
            return "?";
        }
        from = at + 1;
    }
    at += skip;
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

// ---------------------------------------------------------------- basics

TEST(LoaderBasics, TheMinimalDocumentLoads) {
    const Doc d;
    const LoadResult r = load(d, "some/dir/my-case.json");
    const Scenario& s = loaded(r);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_FALSE(r.ioError);
    EXPECT_EQ(s.name, "my-case");
    EXPECT_EQ(s.file, "some/dir/my-case.json");
    EXPECT_EQ(s.title.en, "T");
    EXPECT_EQ(s.title.zh, "标题");
    EXPECT_EQ(s.title.in("zh"), "标题");
    EXPECT_EQ(s.title.in("en"), "T");
    EXPECT_EQ(s.description.en, "D");
    EXPECT_EQ(s.category, "tasks");
    EXPECT_EQ(s.difficulty, "beginner");
    EXPECT_EQ(s.lesson.watch.zh, "看");
    EXPECT_EQ(s.lesson.meaning.en, "m");
    EXPECT_EQ(s.lesson.tokio.zh, "东");
    ASSERT_EQ(s.base.templates.size(), 1u);
    EXPECT_EQ(s.base.templates[0].name, "main");
    ASSERT_EQ(s.base.start.size(), 1u);
    EXPECT_EQ(s.base.start[0].target, 0);
    EXPECT_EQ(s.base.start[0].count, 1u);
    EXPECT_EQ(s.base.start[0].name, "main");
    EXPECT_TRUE(s.variants.empty());
    EXPECT_EQ(s.program(""), &s.base);
    EXPECT_EQ(s.program("base"), &s.base);
    EXPECT_EQ(s.program("nope"), nullptr);
}

TEST(LoaderBasics, ScenarioNameComesFromTheFileOrTheCaller) {
    EXPECT_EQ(loaded(loadScenario(Doc{}.text(), "a\\b\\win.json")).name, "win");
    EXPECT_EQ(loaded(loadScenario(Doc{}.text(), "plain")).name, "plain");
    EXPECT_EQ(loaded(loadScenario(Doc{}.text(), "x.json", "chosen")).name, "chosen");
    const LoadResult r = loadScenario(Doc{}.text(), "");
    EXPECT_EQ(loaded(r).file, "<scenario>");
}

TEST(LoaderBasics, DiagnosticFormat) {
    EXPECT_EQ((Diagnostic{"f.json", {3, 7}, "a.b[1]", "bad"}).format(),
              "f.json:3:7: error: a.b[1]: bad");
    EXPECT_EQ((Diagnostic{"f.json", {3, 7}, "", "bad"}).format(), "f.json:3:7: error: bad");
    EXPECT_EQ((Diagnostic{"f.json", {}, "", "unreadable"}).format(), "f.json: error: unreadable");
}

TEST(LoaderBasics, SyntaxErrorsAreDiagnostics) {
    EXPECT_EQ(formatted(loadScenario("{\"version\": 1,}", "s.json")),
              std::vector<std::string>{"s.json:1:15: error: trailing comma before '}'"});
    EXPECT_EQ(formatted(loadScenario("", "s.json")),
              std::vector<std::string>{"s.json:1:1: error: expected a value, found end of file"});
    EXPECT_EQ(formatted(loadScenario("[1]", "s.json")),
              std::vector<std::string>{
                  "s.json:1:1: error: expected a scenario (an object), found an array"});
}

TEST(LoaderBasics, DuplicateKeysAreErrors) {
    Doc d;
    d.templates = R"({"main": [{"step": "yield"}], "main": []})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:46: error: templates.main: duplicate key \"main\" (first defined at line "
              "10, column 17)");
    // Syntax errors say where in the document they are, too.
    Doc e;
    e.templates = R"({"main": [{"step": "yield"},]})";
    EXPECT_EQ(onlyError(e), "t.json:10:44: error: templates.main: trailing comma before ']'");
}

// ---------------------------------------------------------------- unknown fields

TEST(LoaderUnknown, TopLevelFieldSuggestsTheClosest) {
    Doc d;
    d.extraKey = "expectation";
    d.extra = "[]";
    EXPECT_EQ(onlyError(d),
              "t.json:14:3: error: expectation: unknown field \"expectation\" in a scenario; did "
              "you mean "
              "\"expectations\"?");
}

TEST(LoaderUnknown, ConfigFieldSuggestsTheClosest) {
    Doc d;
    d.config = R"({"wokers": 2})";
    EXPECT_EQ(onlyError(d),
              "t.json:8:14: error: config.wokers: unknown field \"wokers\" in the runtime "
              "configuration; did you "
              "mean \"workers\"?");
}

TEST(LoaderUnknown, FieldWithNothingCloseListsTheValidOnes) {
    Doc d;
    d.config = R"({"zzzzzzzzzz": 2})";
    EXPECT_EQ(onlyError(d),
              "t.json:8:14: error: config.zzzzzzzzzz: unknown field \"zzzzzzzzzz\" in the runtime "
              "configuration; "
              "expected one of \"flavor\", \"workers\", \"global_queue_interval\", \"lifo_slot\", "
              "\"stealing\", "
              "\"budget\", \"preemption_slice\", \"blocking_threads\", \"time_scale\", \"seed\", "
              "\"time_limit\", \"clock\" or \"cores\"");
}

TEST(LoaderUnknown, MisspelledStepFieldAlsoLeavesTheRequiredOneMissing) {
    Doc d;
    d.templates = R"({"main": [{"step": "sleep", "duraton": "5ms"}]})";
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{"t.json:10:26: error: templates.main[0]: missing required "
                                        "field \"duration\" in a \"sleep\" step",
                                        "t.json:10:44: error: templates.main[0].duraton: unknown "
                                        "field \"duraton\" in a \"sleep\" step; did "
                                        "you mean \"duration\"?"}));
}

TEST(LoaderUnknown, FieldOfAnotherStepKind) {
    Doc d;
    d.templates = R"({"main": [{"step": "yield", "count": 3}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:44: error: templates.main[0].count: unknown field \"count\" in a "
              "\"yield\" step; expected one "
              "of \"step\" or \"label\"");
}

TEST(LoaderUnknown, DeepInsideNestedSteps) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "repeat", "count": 2, "steps": [{"step": "timeout", "duration": "1ms", "steps": [{"step": "yield", "lable": "x"}]}]}]})";
    const std::string text = d.text();
    EXPECT_EQ(
        onlyError(d),
        "t.json:" + where(text, "\"lable\"") +
            ": error: templates.main[0].steps[0].steps[0].lable: unknown field \"lable\" in a "
            "\"yield\" step; did you mean \"label\"?");
}

TEST(LoaderUnknown, StepKindSuggestsTheClosest) {
    Doc d;
    d.templates = R"({"main": [{"step": "sleeep", "duration": "5ms"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:35: error: templates.main[0].step: unknown step \"sleeep\"; did you mean "
              "\"sleep\"?");

    d.templates = R"({"main": [{"step": "blockinglock", "resource": "m"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:35: error: templates.main[0].step: unknown step \"blockinglock\"; did you "
              "mean \"blocking_lock\"?");
}

TEST(LoaderUnknown, StepKindWithNothingCloseListsEveryKind) {
    Doc d;
    d.templates = R"({"main": [{"step": "frobnicate"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:35: error: templates.main[0].step: unknown step \"frobnicate\"; expected "
              "one of \"compute\", "
              "\"sleep\", \"io\", \"yield\", \"lock\", \"unlock\", \"blocking_lock\", "
              "\"blocking_unlock\", "
              "\"blocking_sleep\", \"acquire\", \"release\", \"send\", \"recv\", \"close\", "
              "\"notify\", \"wait\", "
              "\"spawn\", \"join\", \"call\", \"spawn_blocking\", \"timeout\", \"select\", "
              "\"cancel\", \"fail\", "
              "\"repeat\", \"loop\", \"pending_without_waker\", \"cancel_token\" or "
              "\"cancelled\"");
}

TEST(LoaderUnknown, EnumValuesSuggestTheClosest) {
    Doc d;
    d.category = R"("chanels")";
    EXPECT_EQ(onlyError(d),
              "t.json:5:15: error: category: expected a category: one of \"futures\", \"tasks\", "
              "\"blocking\", "
              "\"sync\", \"channels\", \"scheduler\", \"cancellation\", \"io\", \"models\" or "
              "\"pitfalls\", found "
              "\"chanels\"; did you mean \"channels\"?");

    Doc f;
    f.config = R"({"flavor": "current"})";
    EXPECT_EQ(
        onlyError(f),
        "t.json:8:24: error: config.flavor: expected a runtime flavor: one of \"multi_thread\" or "
        "\"current_thread\", found \"current\"");

    Doc r;
    r.resources = R"({"m": {"kind": "mutx"}})";
    EXPECT_EQ(onlyError(r),
              "t.json:9:31: error: resources.m.kind: expected a resource kind: one of \"mutex\", "
              "\"blocking_mutex\", "
              "\"semaphore\", \"channel\", \"unbounded_channel\", \"oneshot\", \"notify\" or "
              "\"cancel_token\", found "
              "\"mutx\"; did you "
              "mean \"mutex\"?");
}

// ---------------------------------------------------------------- wrong types

TEST(LoaderTypes, ConfigValues) {
    struct Case {
        std::string config, message;
    };
    const std::vector<Case> cases = {
        {R"({"workers": "4"})", "config.workers: expected workers (a whole number), found \"4\""},
        {R"({"workers": 2.5})", "config.workers: expected workers (a whole number), found 2.5"},
        {R"({"workers": true})", "config.workers: expected workers (a whole number), found true"},
        {R"({"lifo_slot": "yes"})", "config.lifo_slot: expected true or false, found \"yes\""},
        {R"({"stealing": 1})", "config.stealing: expected true or false, found 1"},
        {R"({"time_scale": "2"})",
         "config.time_scale: expected time_scale (a number), found \"2\""},
        {R"({"time_limit": [1]})",
         "config.time_limit: expected a duration (a string like \"5ms\" or a number of "
         "milliseconds), found an array"},
        {R"({"flavor": 1})", "config.flavor: expected a runtime flavor (a string), found 1"},
    };
    for (const Case& c : cases) {
        Doc d;
        d.config = c.config;
        const std::string text = d.text();
        // The error points at the value: the first character after ": ".
        const std::string pos = where(text, c.config.substr(c.config.find(": ") + 2));
        EXPECT_EQ(onlyError(d), "t.json:" + pos + ": error: " + c.message) << c.config;
    }
}

TEST(LoaderTypes, WholeNumbersWrittenAsRealsAreIntegers) {
    // JSON Schema's "integer" is any number with a zero fraction: 2.0 and
    // 1e3 are whole numbers, so the loader takes them too.
    Doc d;
    d.version = "1.0";
    d.config = R"({"workers": 2.0, "seed": 1e3})";
    d.templates = R"({"main": [{"step": "repeat", "count": 2e0, "steps": []}]})";
    const Scenario& s = loaded(load(d));
    EXPECT_EQ(s.base.settings.runtime.workers, 2u);
    EXPECT_EQ(s.base.settings.runtime.seed, 1000u);
    ASSERT_EQ(s.base.templates.size(), 1u);
    EXPECT_EQ(s.base.templates[0].steps[0].count, 2u);

    Doc e;
    e.config = R"({"workers": 100.0})";
    EXPECT_EQ(onlyError(e),
              "t.json:8:25: error: config.workers: workers must be between 1 and 64, found 100");
    Doc f;
    f.version = "1.5";
    EXPECT_EQ(
        onlyError(f),
        "t.json:2:14: error: version: expected 1 (the only scenario format version), found 1.5");
}

TEST(LoaderTypes, SchemaAndNames) {
    Doc d;
    d.extraKey = "$schema";
    d.extra = R"("../scenario.schema.json")";
    EXPECT_TRUE(load(d).ok());
    d.extra = "1";
    EXPECT_EQ(
        onlyError(d),
        "t.json:14:14: error: $schema: expected the schema's path or URL (a string), found 1");

    Doc n;
    n.resources = R"({"a b": {"kind": "mutex"}})";
    n.templates = R"({"main": [{"step": "yield"}], "bad/name": []})";
    EXPECT_EQ(formatted(load(n)), (std::vector<std::string>{
                                      "t.json:9:17: error: resources.a b: resource name must be "
                                      "1-64 letters, digits, '_', '-' or '.'",
                                      "t.json:10:46: error: templates: template name \"bad/name\" "
                                      "must be 1-64 letters, digits, '_', '-' or '.'"}));

    Doc l;
    const std::string long65(65, 'x');
    l.templates = R"({"main": [{"step": "spawn", "template": "main2", "name": ")" + long65 +
                  R"("}], "main2": []})";
    const std::string text = l.text();
    EXPECT_EQ(onlyError(l), "t.json:" + where(text, "\"" + long65) +
                                ": error: templates.main[0].name: expected a task name (1-64 "
                                "letters, digits, '_', '-' or "
                                "'.'), found \"" +
                                std::string(37, 'x') + "...\"");
}

TEST(LoaderTypes, DocumentParts) {
    Doc a;
    a.templates = "[]";
    EXPECT_EQ(formatted(load(a)),
              (std::vector<std::string>{"t.json:10:16: error: templates: expected the task "
                                        "templates (an object: name -> array of steps), "
                                        "found an array",
                                        "t.json:11:26: error: start[0].template: \"main\" is not a "
                                        "template of this scenario"}));

    Doc b;
    b.start = "{}";
    EXPECT_EQ(onlyError(b),
              "t.json:11:12: error: start: expected what starts at time zero (an array of "
              "{\"template\": ...}), "
              "found an object");

    Doc c;
    c.title = R"(["Hello"])";
    EXPECT_EQ(onlyError(c),
              "t.json:3:12: error: title: expected the title (a string, or {\"en\": ..., \"zh\": "
              "...}), found an array");

    Doc e;
    e.templates = R"({"main": {"step": "yield"}})";
    EXPECT_EQ(onlyError(e),
              "t.json:10:25: error: templates.main: expected a list of steps (an array), found an "
              "object");

    Doc f;
    f.templates = R"({"main": [5, "yield"]})";
    EXPECT_EQ(formatted(load(f)),
              (std::vector<std::string>{"t.json:10:26: error: templates.main[0]: expected a step "
                                        "(an object with \"step\"), found 5",
                                        "t.json:10:29: error: templates.main[1]: expected a step "
                                        "(an object with \"step\"), found \"yield\""}));

    Doc g;
    g.version = "2";
    EXPECT_EQ(
        onlyError(g),
        "t.json:2:14: error: version: expected 1 (the only scenario format version), found 2");

    Doc h;
    h.resources = R"({"m": "mutex"})";
    EXPECT_EQ(onlyError(h),
              "t.json:9:22: error: resources.m: expected a resource (an object), found \"mutex\"");

    Doc i;
    i.expectations = R"(["completes"])";
    EXPECT_EQ(onlyError(i),
              "t.json:12:20: error: expectations[0]: expected an expectation (an object with "
              "\"expect\"), found "
              "\"completes\"");

    Doc j;
    j.variants = R"({"name": "v"})";
    EXPECT_EQ(
        onlyError(j),
        "t.json:13:15: error: variants: expected a list of variants (an array), found an object");
}

TEST(LoaderTypes, StepFields) {
    Doc d;
    d.resources = R"({"n": {"kind": "notify"}})";
    d.templates =
        R"({"main": [{"step": "notify", "resource": "n", "all": "yes"}, {"step": "spawn", "template": "main2", "detached": 1}], "main2": [{"step": "call", "template": "main3", "await": "no"}], "main3": [{"step": "fail", "message": 42}]})";
    const std::string text = d.text();
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:" + where(text, "\"yes\"") +
                      ": error: templates.main[0].all: expected true or false, found \"yes\"",
                  "t.json:" + where(text, "1}") +
                      ": error: templates.main[1].detached: expected true or false, found 1",
                  "t.json:" + where(text, "\"no\"") +
                      ": error: templates.main2[0].await: expected true or false, found \"no\"",
                  "t.json:" + where(text, "42") +
                      ": error: templates.main3[0].message: expected an error message (a string), "
                      "found 42"}));
}

TEST(LoaderTypes, TextMustBeBilingualAndNonEmpty) {
    Doc d;
    d.title = R"({"en": "  ", "zh": "标题", "french": "Titre"})";
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{"t.json:3:19: error: title.en: English text must not be empty",
                                  "t.json:3:37: error: title.french: unknown field \"french\" in "
                                  "the title; expected one of \"en\" or \"zh\""}));
    // One language is enough (the app falls back to it); a plain string is
    // both; nothing at all is an error.
    Doc e;
    e.description = R"({"en": "D"})";
    e.title = R"("Plain")";
    LoadResult r = load(e);
    ASSERT_TRUE(r.ok()) << formatted(r)[0];
    EXPECT_EQ(r.scenario->title.en, "Plain");
    EXPECT_EQ(r.scenario->title.zh, "Plain");
    EXPECT_EQ(r.scenario->description.in("zh"), "D");
    EXPECT_EQ(r.scenario->description.zh, "");

    Doc f;
    f.title = "{}";
    f.description = R"("")";
    f.lesson = R"({"watch": 7})";
    EXPECT_EQ(formatted(load(f)),
              (std::vector<std::string>{
                  "t.json:3:12: error: title: the title is empty: give \"en\", \"zh\" or both",
                  "t.json:4:18: error: description: the text must not be empty",
                  "t.json:7:23: error: lesson.watch: expected lesson text (a string, or {\"en\": "
                  "..., \"zh\": ...}), found 7"}));
}

// ---------------------------------------------------------------- ranges

TEST(LoaderRanges, NumbersOutOfRange) {
    struct Case {
        std::string config, message;
    };
    const std::vector<Case> cases = {
        {R"({"workers": 0})", "config.workers: workers must be between 1 and 64, found 0"},
        {R"({"workers": 65})", "config.workers: workers must be between 1 and 64, found 65"},
        {R"({"workers": 1e30})", "config.workers: workers must be between 1 and 64, found 1e+30"},
        {R"({"budget": -1})", "config.budget: budget must be between 0 and 100000, found -1"},
        {R"({"budget": 100001})",
         "config.budget: budget must be between 0 and 100000, found 100001"},
        {R"({"global_queue_interval": 0})",
         "config.global_queue_interval: global_queue_interval must be between 1 and 1000, found 0"},
        {R"({"blocking_threads": 1025})",
         "config.blocking_threads: blocking_threads must be between 1 and 1024, found 1025"},
        {R"({"time_scale": 0.001})",
         "config.time_scale: time_scale must be between 0.01 and 1000, found 0.001"},
        {R"({"time_scale": 1001})",
         "config.time_scale: time_scale must be between 0.01 and 1000, found 1001"},
        {R"({"seed": -1})",
         "config.seed: seed must be between 0 and 9223372036854775807, found -1"},
    };
    for (const Case& c : cases) {
        Doc d;
        d.config = c.config;
        EXPECT_EQ(onlyError(d), "t.json:8:" + std::to_string(13 + c.config.find(": ") + 2) +
                                    ": error: " + c.message)
            << c.config;
    }
    // The bounds themselves are fine.
    for (const char* ok :
         {R"({"workers": 1})", R"({"workers": 64})", R"({"budget": 0})", R"({"time_scale": 0.01})",
          R"({"time_scale": 1000})", R"({"blocking_threads": 1024})"}) {
        Doc d;
        d.config = ok;
        EXPECT_TRUE(load(d).ok()) << ok;
    }
}

TEST(LoaderRanges, ALoopsBatchIsBetweenOneAndAHundredThousand) {
    Doc d;
    d.resources = R"({"c": {"kind": "channel", "capacity": 4}})";
    d.templates =
        R"({"main": [{"step": "loop", "resource": "c", "batch": 0, "steps": []}, {"step": "loop", "resource": "c", "batch": 8, "steps": []}]})";
    const std::string text = d.text();
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{"t.json:" + where(text, "0,") +
                                        ": error: templates.main[0].batch: batch must be between 1 "
                                        "and 100000, found 0"}));
}

TEST(LoaderRanges, CountsOutOfRange) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 0}, {"step": "spawn", "template": "w", "count": 100001}, {"step": "repeat", "count": 1000001, "steps": []}], "w": []})";
    d.start = R"([{"template": "main", "count": 0}])";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:" + where(text, "0}") +
                ": error: templates.main[0].count: count must be between 1 and 100000, found 0",
            "t.json:" + where(text, "100001") +
                ": error: templates.main[1].count: count must be between 1 and 100000, found "
                "100001",
            "t.json:" + where(text, "1000001") +
                ": error: templates.main[2].count: count must be between 0 and 1000000, found "
                "1000001",
            "t.json:11:43: error: start[0].count: count must be between 1 and 100000, found 0"}));

    // The largest counts are accepted (as long as the task total stays within bounds).
    Doc ok;
    ok.templates =
        R"({"main": [{"step": "repeat", "count": 1000000, "steps": []}, {"step": "spawn", "template": "w", "count": 100000}], "w": []})";
    EXPECT_TRUE(load(ok).ok());
}

TEST(LoaderRanges, PermitsAndCapacity) {
    struct Case {
        std::string resources, message;
    };
    const std::vector<Case> cases = {
        {R"({"s": {"kind": "semaphore", "permits": 0}})",
         "resources.s.permits: permits must be between 1 and 1000000, found 0"},
        {R"({"s": {"kind": "semaphore", "permits": 1000001}})",
         "resources.s.permits: permits must be between 1 and 1000000, found 1000001"},
        {R"({"c": {"kind": "channel", "capacity": 0}})",
         "resources.c.capacity: capacity must be between 1 and 1000000, found 0"},
        {R"({"c": {"kind": "channel", "capacity": 1000001}})",
         "resources.c.capacity: capacity must be between 1 and 1000000, found 1000001"},
        {R"({"c": {"kind": "channel", "capacity": "4"}})",
         "resources.c.capacity: expected capacity (a whole number), found \"4\""},
    };
    for (const Case& c : cases) {
        Doc d;
        d.resources = c.resources;
        const std::string text = d.text();
        const std::string value = c.resources.substr(c.resources.rfind(": ") + 2);
        EXPECT_EQ(onlyError(d), "t.json:" + where(text, value) + ": error: " + c.message)
            << c.resources;
    }
}

TEST(LoaderRanges, ResourceFieldsThatDoNotBelong) {
    Doc d;
    d.resources =
        R"({"m": {"kind": "mutex", "capacity": 4}, "s": {"kind": "semaphore"}, "c": {"kind": "channel"}, "n": {"kind": "notify", "permits": 2}})";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:" + where(text, "4}") +
                ": error: resources.m.capacity: \"capacity\" is only for a channel, not a mutex",
            "t.json:" + where(text, "{\"kind\": \"semaphore\"") +
                ": error: resources.s: a semaphore needs \"permits\" (1-1000000)",
            "t.json:" + where(text, "{\"kind\": \"channel\"") +
                ": error: resources.c: a channel needs \"capacity\" (1-1000000; use "
                "\"unbounded_channel\" for no limit)",
            "t.json:" + where(text, "2}}") +
                ": error: resources.n.permits: \"permits\" is only for a semaphore, not a "
                "notify"}));
}

TEST(LoaderRanges, FairnessIsAMutexesFairOrBarging) {
    Doc ok;
    ok.resources =
        R"({"a": {"kind": "mutex", "fairness": "barging"}, "b": {"kind": "mutex", "fairness": "fair"}, "c": {"kind": "mutex"}})";
    const Scenario sc = loaded(load(ok));
    ASSERT_EQ(sc.base.resources.size(), 3u);
    EXPECT_TRUE(sc.base.resources[0].barging);
    EXPECT_FALSE(sc.base.resources[1].barging);
    EXPECT_FALSE(sc.base.resources[2].barging);

    Doc d;
    d.resources =
        R"({"m": {"kind": "mutex", "fairness": "barge"}, "c": {"kind": "channel", "capacity": 1, "fairness": "fair"}})";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:" + where(text, "\"barge\"") +
                ": error: resources.m.fairness: expected a mutex fairness: one of \"fair\" or "
                "\"barging\", found \"barge\"",
            "t.json:" + where(text, "\"fair\"}") +
                ": error: resources.c.fairness: \"fairness\" is only for a mutex, not a "
                "channel"}));
}

// tokio::spawn needs a Send future; a std::sync::MutexGuard kept across an
// .await makes it not Send. A warning (the scenario still loads) at the await.
TEST(LoaderSend, ASpawnedTaskHoldingABlockingGuardAcrossAnAwaitIsWarnedAbout) {
    Doc d;
    d.resources = R"({"cache": {"kind": "blocking_mutex"}})";
    d.templates =
        R"({"main": [{"step": "blocking_lock", "resource": "cache"}, {"step": "sleep", "duration": "1ms"}, {"step": "blocking_unlock", "resource": "cache"}, {"step": "spawn", "template": "holder"}], "holder": [{"step": "blocking_lock", "resource": "cache"}, {"step": "compute", "duration": "1ms"}, {"step": "sleep", "duration": "5ms"}, {"step": "blocking_unlock", "resource": "cache"}], "fine": [{"step": "blocking_lock", "resource": "cache"}, {"step": "blocking_unlock", "resource": "cache"}, {"step": "sleep", "duration": "5ms"}]})";
    d.start = R"([{"template": "main"}, {"template": "fine"}])";
    const std::string text = d.text();
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    ASSERT_EQ(r.warnings.size(), 1u);  // not main's (the block_on body), not fine's
    const Diagnostic& w = r.warnings[0];
    EXPECT_TRUE(w.warning);
    const std::string lockAt = where(
        text, "{\"step\": \"blocking_lock\", \"resource\": \"cache\"}, {\"step\": \"compute\"");
    EXPECT_EQ(
        w.format(),
        "t.json:" +
            where(text,
                  "{\"step\": \"sleep\", \"duration\": \"5ms\"}, {\"step\": \"blocking_unlock\"") +
            ": warning: templates.holder: rustc would reject spawning \"holder\": "
            "tokio::spawn needs a Send future, and this one is not Send, because the "
            "std::sync::MutexGuard of \"cache\" (blocking_lock at line " +
            lockAt.substr(0, lockAt.find(':')) +
            ") lives across the .await of this sleep step. Fixes: drop the guard before "
            "the await (blocking_unlock first); use an async mutex (\"kind\": \"mutex\", "
            "tokio::sync::Mutex); or run the task with spawn_local on a LocalSet, which "
            "needs no Send. The simulator runs it all the same");
}

TEST(LoaderSend, AnAsyncGuardOrACalledTemplateThatAwaitsAreTreatedAsRustWould) {
    Doc d;
    d.resources = R"({"cache": {"kind": "blocking_mutex"}, "m": {"kind": "mutex"}})";
    // The async guard across an await is fine; the blocking guard held across
    // an awaited call is not, even though the callee never suspends.
    d.templates =
        R"({"main": [{"step": "spawn", "template": "a"}, {"step": "spawn", "template": "b"}], "a": [{"step": "lock", "resource": "m"}, {"step": "sleep", "duration": "1ms"}, {"step": "unlock", "resource": "m"}], "b": [{"step": "blocking_lock", "resource": "cache"}, {"step": "call", "template": "helper", "await": true}, {"step": "blocking_unlock", "resource": "cache"}], "helper": [{"step": "compute", "duration": "1ms"}]})";
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].message.find("the .await of this call step"), std::string::npos)
        << r.warnings[0].message;
    EXPECT_EQ(r.warnings[0].path, "templates.b");
}

TEST(LoaderRanges, AcquireMorePermitsThanTheSemaphoreHas) {
    Doc d;
    d.resources = R"({"s": {"kind": "semaphore", "permits": 2}})";
    d.templates = R"({"main": [{"step": "acquire", "resource": "s", "permits": 3}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:26: error: templates.main[0]: asks for 3 permits but semaphore \"s\" has "
              "only 2: it would wait "
              "forever");
    // Releasing more than the semaphore started with is allowed (add_permits).
    d.templates = R"({"main": [{"step": "release", "resource": "s", "permits": 3}]})";
    EXPECT_TRUE(load(d).ok());
}

TEST(LoaderRanges, SelectBranches) {
    Doc d;
    d.templates = R"({"main": [{"step": "select", "branches": [[{"step": "yield"}]]}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:57: error: templates.main[0].branches: a select needs 2 to 16 branches, "
              "found 1");
    std::string seventeen = "[";
    for (int i = 0; i < 17; ++i) seventeen += i ? ", []" : "[]";
    seventeen += "]";
    d.templates = R"({"main": [{"step": "select", "branches": )" + seventeen + "}]}";
    EXPECT_EQ(onlyError(d),
              "t.json:10:57: error: templates.main[0].branches: a select needs 2 to 16 branches, "
              "found 17");
}

TEST(LoaderRanges, LabelLengthCountsCharacters) {
    std::string zh200;
    for (int i = 0; i < 200; ++i) zh200 += "字";
    Doc d;
    d.templates = R"({"main": [{"step": "yield", "label": ")" + zh200 + R"("}]})";
    const LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << "200 Chinese characters (600 bytes) are 200 characters";
    EXPECT_EQ(r.scenario->base.templates[0].steps[0].label, zh200);

    d.templates = R"({"main": [{"step": "yield", "label": ")" + zh200 + R"(x"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:53: error: templates.main[0].label: a label may be at most 200 "
              "characters, found 201");
}

// ---------------------------------------------------------------- durations

TEST(LoaderDurations, AcceptedFormsInNanoseconds) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "sleep", "duration": "5ms"}, {"step": "compute", "duration": "1.5s"}, {"step": "sleep", "duration": 250}, {"step": "io", "duration": "40us", "jitter": "250ns"}, {"step": "blocking_sleep", "duration": 0.5}, {"step": "timeout", "duration": "3600s", "steps": []}, {"step": "sleep", "duration": 3600000}, {"step": "sleep", "duration": "0ms"}]})";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates.size(), 1u);
    const auto& st = s.base.templates[0].steps;
    ASSERT_EQ(st.size(), 8u);
    EXPECT_EQ(st[0].duration, 5ms);
    EXPECT_EQ(st[1].duration.count(), 1'500'000'000);
    EXPECT_EQ(st[2].duration, 250ms);
    EXPECT_EQ(st[3].duration, 40us);
    EXPECT_EQ(st[3].jitter, 250ns);
    EXPECT_EQ(st[4].duration, 500us);
    EXPECT_EQ(st[5].duration, 1h);
    EXPECT_EQ(st[6].duration, 1h);
    EXPECT_EQ(st[7].duration.count(), 0);
}

TEST(LoaderDurations, Rejected) {
    struct Case {
        std::string value, message;
    };
    const std::vector<Case> cases = {
        {R"("5 parsecs")",
         "expected a duration like \"250us\", \"5ms\" or \"1.5s\" (units ns, us, ms, s), found \"5 "
         "parsecs\""},
        {R"("5")",
         "expected a duration like \"250us\", \"5ms\" or \"1.5s\" (units ns, us, ms, s), found "
         "\"5\""},
        {R"("5MS")",
         "expected a duration like \"250us\", \"5ms\" or \"1.5s\" (units ns, us, ms, s), found "
         "\"5MS\""},
        {R"("1h")",
         "expected a duration like \"250us\", \"5ms\" or \"1.5s\" (units ns, us, ms, s), found "
         "\"1h\""},
        {R"("-5ms")", "a duration must not be negative, found \"-5ms\""},
        {"-5", "a duration must not be negative, found -5"},
        {"-0.5", "a duration must not be negative, found -0.5"},
        {R"("3601s")", "a duration must be at most 1 hour, found \"3601s\""},
        {R"("3600000001us")", "a duration must be at most 1 hour, found \"3600000001us\""},
        {"3600001", "a duration must be at most 1 hour (3600000 ms), found 3600001 ms"},
        {"true",
         "expected a duration (a string like \"5ms\" or a number of milliseconds), found true"},
        {"null",
         "expected a duration (a string like \"5ms\" or a number of milliseconds), found null"},
    };
    for (const Case& c : cases) {
        Doc d;
        d.templates = R"({"main": [{"step": "sleep", "duration": )" + c.value + "}]}";
        EXPECT_EQ(onlyError(d), "t.json:10:56: error: templates.main[0].duration: " + c.message)
            << c.value;
    }
}

TEST(LoaderDurations, TimeLimitAndPreemptionSlice) {
    Doc d;
    d.config = R"({"time_limit": "0s"})";
    EXPECT_EQ(onlyError(d),
              "t.json:8:28: error: config.time_limit: time_limit must be more than 0");
    d.config = R"({"time_limit": "2h"})";
    EXPECT_EQ(onlyError(d),
              "t.json:8:28: error: config.time_limit: expected a duration like \"250us\", \"5ms\" "
              "or \"1.5s\" (units ns, "
              "us, ms, s), found \"2h\"");
    d.config = R"({"time_limit": "90s", "preemption_slice": "100us"})";
    const Scenario& s = loaded(load(d));
    EXPECT_EQ(s.base.settings.timeLimit, 90s);
    EXPECT_EQ(s.base.settings.runtime.preemptionSlice, 100us);
}

TEST(LoaderDurations, ExpectationBoundsAreNanoseconds) {
    Doc d;
    d.expectations =
        R"([{"expect": "duration", "at_least": "10ms", "at_most": 2000}, {"expect": "blocked_worker", "at_least": "1.5ms"}])";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.expectations.size(), 2u);
    const Expectation& e = s.base.expectations[0];
    EXPECT_EQ(e.kind, ExpectKind::Duration);
    EXPECT_TRUE(e.hasMin);
    EXPECT_TRUE(e.hasMax);
    EXPECT_DOUBLE_EQ(e.min, 10e6);
    EXPECT_DOUBLE_EQ(e.max, 2e9);
    EXPECT_EQ(s.base.expectations[1].kind, ExpectKind::BlockedWorker);
    EXPECT_DOUBLE_EQ(s.base.expectations[1].min, 1.5e6);
    EXPECT_FALSE(s.base.expectations[1].hasMax);
}

TEST(LoaderDurations, ParseDuration) {
    EXPECT_EQ(parseDuration("250ns"), 250);
    EXPECT_EQ(parseDuration("40us"), 40'000);
    EXPECT_EQ(parseDuration("5ms"), 5'000'000);
    EXPECT_EQ(parseDuration("1.5s"), 1'500'000'000);
    EXPECT_EQ(parseDuration("0.25ms"), 250'000);
    EXPECT_EQ(parseDuration("0s"), 0);
    EXPECT_EQ(parseDuration("007ms"), 7'000'000);
    EXPECT_EQ(parseDuration("1.0000005ms"), 1'000'001) << "rounded to the nearest nanosecond";
    EXPECT_EQ(parseDuration("3600s"), 3'600'000'000'000);
    for (const char* bad : {"", "ms", "5", "5 ms", " 5ms", "5ms ", "5m", "5sec", "5MS", ".5s",
                            "5.s", "-5ms", "+5ms", "1e3ms", "5ms5", "0x10ms", "1.5.5s"})
        EXPECT_EQ(parseDuration(bad), std::nullopt) << '"' << bad << '"';
    // Beyond ~9e18 ns: not representable.
    EXPECT_EQ(parseDuration("10000000000s"), std::nullopt);
    EXPECT_EQ(parseDuration("99999999999999999999ns"), std::nullopt);
}

TEST(LoaderDurations, FormatDuration) {
    EXPECT_EQ(formatDuration(0), "0ns");
    EXPECT_EQ(formatDuration(999), "999ns");
    EXPECT_EQ(formatDuration(1'000), "1us");
    EXPECT_EQ(formatDuration(2'500), "2.5us");
    EXPECT_EQ(formatDuration(1'500'000), "1.5ms");
    EXPECT_EQ(formatDuration(1'234'567), "1.23ms");
    EXPECT_EQ(formatDuration(250'000'000), "250ms");
    EXPECT_EQ(formatDuration(1'000'000'000), "1s");
    EXPECT_EQ(formatDuration(1'500'000'000), "1.5s");
    EXPECT_EQ(formatDuration(30'000'000'000), "30s");
    EXPECT_EQ(formatDuration(3'600'000'000'000), "3600s");
    // Just under a unit boundary: the value rounds to the next unit instead
    // of printing "1e+03us".
    EXPECT_EQ(formatDuration(999'999), "1ms");
    EXPECT_EQ(formatDuration(999'400), "999us");
    EXPECT_EQ(formatDuration(999'999'999), "1s");
    EXPECT_EQ(formatDuration(999'400'000), "999ms");
    // Past 1000 s (a time limit may be up to an hour): whole seconds.
    EXPECT_EQ(formatDuration(1'270'932'914'164), "1271s");
    EXPECT_EQ(formatDuration(999'999'999'999), "1000s");
    EXPECT_EQ(formatDuration(123'456'789'012), "123s");
    for (std::int64_t ns = 1; ns < 4'000'000'000'000; ns = ns * 3 + 1)
        EXPECT_EQ(formatDuration(ns).find('e'), std::string::npos)
            << ns << " -> " << formatDuration(ns);
    // Round trip for the exact forms.
    for (std::int64_t ns : {0LL, 999LL, 1'000LL, 2'500LL, 1'500'000LL, 250'000'000LL,
                            1'500'000'000LL, 30'000'000'000LL})
        EXPECT_EQ(parseDuration(formatDuration(ns)), ns) << formatDuration(ns);
}

// ---------------------------------------------------------------- suggestions

TEST(LoaderSuggestions, ClosestMatch) {
    const std::vector<std::string_view> steps = {"sleep", "spawn", "compute", "blocking_lock",
                                                 "join"};
    EXPECT_EQ(closestMatch("sleeep", steps), "sleep");
    EXPECT_EQ(closestMatch("slep", steps), "sleep");
    EXPECT_EQ(closestMatch("SLEEP", steps), "sleep") << "case does not count";
    EXPECT_EQ(closestMatch("compuet", steps), "compute");
    EXPECT_EQ(closestMatch("blockinglock", steps), "blocking_lock");
    EXPECT_EQ(closestMatch("xyzzyxyzzy", steps), "");
    EXPECT_EQ(closestMatch("anything", {}), "");
    // Ties go to the first candidate.
    EXPECT_EQ(closestMatch("ab", {"ax", "ay"}), "ax");
    // Distance limit: max(2, longer length / 3).
    EXPECT_EQ(closestMatch("abcdef", {"abcxyz"}), "");                 // 3 > 2
    EXPECT_EQ(closestMatch("abcdefghi", {"abcdefxyz"}), "abcdefxyz");  // 3 <= 3
    EXPECT_EQ(closestMatch("abcdefghi", {"abcdewxyz"}), "");           // 4 > 3
}

// ---------------------------------------------------------------- missing and undefined

TEST(LoaderMissing, RequiredTopLevelFields) {
    Doc d;
    d.start.reset();
    EXPECT_EQ(onlyError(d), "t.json:1:1: error: missing required field \"start\" in a scenario");

    // Only version, title, templates and start are required: a user's own
    // scenario needs no description, category, difficulty or lesson.
    Doc e;
    e.description.reset();
    e.category.reset();
    e.difficulty.reset();
    e.lesson.reset();
    LoadResult r = load(e);
    ASSERT_TRUE(r.ok()) << formatted(r)[0];
    EXPECT_TRUE(r.scenario->description.empty());
    EXPECT_TRUE(r.scenario->lesson.tokio.empty());
    EXPECT_EQ(r.scenario->category, "");

    Doc f;
    f.version.reset();
    f.title.reset();
    EXPECT_EQ(formatted(load(f)),
              (std::vector<std::string>{
                  "t.json:1:1: error: missing required field \"version\" in a scenario",
                  "t.json:1:1: error: missing required field \"title\" in a scenario"}));

    Doc g;
    g.start = "[]";
    EXPECT_EQ(onlyError(g),
              "t.json:11:12: error: start: nothing starts: add at least one {\"template\": ...}");
}

TEST(LoaderMissing, RequiredStepFields) {
    struct Case {
        std::string step, message;
    };
    const std::vector<Case> cases = {
        {R"({"step": "sleep"})", "missing required field \"duration\" in a \"sleep\" step"},
        {R"({"step": "spawn"})", "missing required field \"template\" in a \"spawn\" step"},
        {R"({"step": "call"})", "missing required field \"template\" in a \"call\" step"},
        {R"({"step": "cancel"})", "missing required field \"task\" in a \"cancel\" step"},
        {R"({"step": "fail"})", "missing required field \"message\" in a \"fail\" step"},
        {R"({"step": "lock"})", "missing required field \"resource\" in a \"lock\" step"},
        {R"({"step": "repeat", "steps": []})",
         "missing required field \"count\" in a \"repeat\" step"},
        {R"({"step": "repeat", "count": 1})",
         "missing required field \"steps\" in a \"repeat\" step"},
        {R"({"step": "timeout", "duration": 1})",
         "missing required field \"steps\" in a \"timeout\" step"},
        {R"({"step": "select"})", "missing required field \"branches\" in a \"select\" step"},
        {R"({"step": "spawn_blocking"})",
         "missing required field \"steps\" in a \"spawn_blocking\" step"},
        {R"({"label": "x"})", "missing required field \"step\" (the kind of step, e.g. \"sleep\")"},
    };
    for (const Case& c : cases) {
        Doc d;
        d.templates = R"({"main": [{"step": "yield"}, )" + c.step + "]}";
        EXPECT_EQ(onlyError(d), "t.json:10:45: error: templates.main[1]: " + c.message) << c.step;
    }
    Doc e;
    e.templates = R"({"main": [{"step": "fail", "message": ""}]})";
    EXPECT_EQ(
        onlyError(e),
        "t.json:10:54: error: templates.main[0].message: the error message must not be empty");
}

TEST(LoaderMissing, RequiredResourceAndExpectationFields) {
    Doc d;
    d.resources = R"({"m": {}})";
    EXPECT_EQ(onlyError(d),
              "t.json:9:22: error: resources.m: missing required field \"kind\" in a resource");

    Doc e;
    e.expectations = R"([{"finding": "deadlock"}, {"expect": "finding"}, {"expect": "duration"}])";
    const std::string text = e.text();
    EXPECT_EQ(
        formatted(load(e)),
        (std::vector<std::string>{
            "t.json:12:20: error: expectations[0]: missing required field \"expect\" (e.g. "
            "\"completes\")",
            "t.json:" + where(text, "{\"expect\": \"finding\"}") +
                ": error: expectations[1]: missing required field \"finding\" in a \"finding\" "
                "expectation",
            "t.json:" + where(text, "{\"expect\": \"duration\"}") +
                ": error: expectations[2]: \"duration\" needs \"at_least\" and/or \"at_most\""}));
}

TEST(LoaderUndefined, ResourceWithSuggestion) {
    Doc d;
    d.resources = R"({"guard": {"kind": "mutex"}, "jobs": {"kind": "channel", "capacity": 1}})";
    d.templates = R"({"main": [{"step": "lock", "resource": "gaurd"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:55: error: templates.main[0].resource: \"gaurd\" is not a resource of "
              "this scenario (expected a "
              "mutex declared in \"resources\"); did you mean \"guard\"?");
}

TEST(LoaderUndefined, ResourceWithoutResources) {
    Doc d;
    d.templates = R"({"main": [{"step": "send", "resource": "out"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:55: error: templates.main[0].resource: \"out\" is not a resource of this "
              "scenario (expected a "
              "channel, an unbounded_channel or a oneshot declared in \"resources\")");
}

TEST(LoaderUndefined, TemplateWithSuggestionOrList) {
    Doc d;
    d.templates = R"({"main": [{"step": "spawn", "template": "wroker"}], "worker": []})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:56: error: templates.main[0].template: \"wroker\" is not a template of "
              "this scenario; did you "
              "mean \"worker\"?");

    d.templates = R"({"main": [{"step": "call", "template": "zzzzzz"}], "worker": []})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:55: error: templates.main[0].template: \"zzzzzz\" is not a template of "
              "this scenario "
              "(templates: \"main\" or \"worker\")");

    Doc s;
    s.start = R"([{"template": "mian"}])";
    EXPECT_EQ(onlyError(s),
              "t.json:11:26: error: start[0].template: \"mian\" is not a template of this "
              "scenario; did you mean \"main\"?");

    Doc r;
    r.expectations = R"([{"expect": "runs", "template": "nain", "at_least": 1}])";
    EXPECT_EQ(onlyError(r),
              "t.json:12:51: error: expectations[0].template: \"nain\" is not a template of this "
              "scenario; did you "
              "mean \"main\"?");
}

TEST(LoaderUndefined, TemplatesMayReferToLaterOnes) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "later"}, {"step": "join"}], "later": [{"step": "yield"}]})";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates.size(), 2u);
    EXPECT_EQ(s.base.templates[0].steps[0].target, 1);
    EXPECT_EQ(s.base.findTemplate("later"), 1);
    EXPECT_EQ(s.base.findTemplate("nope"), -1);
}

TEST(LoaderUndefined, ResourceOfTheWrongKind) {
    struct Case {
        std::string step, message;
    };
    const std::vector<Case> cases = {
        {R"({"step": "lock", "resource": "jobs"})",
         "\"lock\" needs a mutex, but \"jobs\" is a channel"},
        {R"({"step": "loop", "resource": "m", "steps": []})",
         "\"loop\" needs a channel or an unbounded_channel, but \"m\" is a mutex"},
        {R"({"step": "send", "resource": "s"})",
         "\"send\" needs a channel, an unbounded_channel or a oneshot, but \"s\" is a semaphore"},
        {R"({"step": "close", "resource": "once"})",
         "\"close\" needs a channel or an unbounded_channel, but \"once\" is a oneshot"},
        {R"({"step": "blocking_lock", "resource": "m"})",
         "\"blocking_lock\" needs a blocking_mutex, but \"m\" is a mutex"},
        {R"({"step": "acquire", "resource": "log"})",
         "\"acquire\" needs a semaphore, but \"log\" is an unbounded_channel"},
        {R"({"step": "wait", "resource": "bm"})",
         "\"wait\" needs a notify, but \"bm\" is a blocking_mutex"},
        {R"({"step": "unlock", "resource": "n"})",
         "\"unlock\" needs a mutex, but \"n\" is a notify"},
    };
    for (const Case& c : cases) {
        Doc d;
        d.resources =
            R"({"m": {"kind": "mutex"}, "bm": {"kind": "blocking_mutex"}, "s": {"kind": "semaphore", "permits": 1}, "jobs": {"kind": "channel", "capacity": 2}, "log": {"kind": "unbounded_channel"}, "once": {"kind": "oneshot"}, "n": {"kind": "notify"}})";
        d.templates = R"({"main": [)" + c.step + "]}";
        const std::string text = d.text();
        EXPECT_EQ(onlyError(d), "t.json:" + where(text, "\"resource\": ", 1, 12) +
                                    ": error: templates.main[0].resource: " + c.message)
            << c.step;
    }
}

TEST(LoaderUndefined, StepsNotAllowedOnTheBlockingPool) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn_blocking", "steps": [{"step": "compute", "duration": 1}, {"step": "repeat", "count": 2, "steps": [{"step": "sleep", "duration": 1}]}]}]})";
    const std::string text = d.text();
    EXPECT_EQ(onlyError(d),
              "t.json:" + where(text, "\"sleep\"") +
                  ": error: templates.main[0].steps[1].steps[0].step: \"sleep\" cannot run on the "
                  "blocking "
                  "pool (no runtime there); spawn_blocking steps may be compute, blocking_sleep, "
                  "blocking_lock, blocking_unlock, fail or repeat");
}

// ---------------------------------------------------------------- recursion and size

TEST(LoaderRecursion, DirectSpawnOfItself) {
    Doc d;
    d.templates = R"({"main": [{"step": "yield"}, {"step": "spawn", "template": "main"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:45: error: templates.main: unbounded spawn recursion: main -> main (a "
              "template must not spawn or "
              "call itself, directly or through others)");
}

TEST(LoaderRecursion, DirectCallOfItself) {
    Doc d;
    d.templates = R"({"main": [{"step": "call", "template": "main"}]})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:26: error: templates.main: unbounded spawn recursion: main -> main (a "
              "template must not spawn or "
              "call itself, directly or through others)");
}

TEST(LoaderRecursion, IndirectThroughNestedRepeatSelectAndCall) {
    Doc d;
    d.templates =
        "{\n"
        R"(    "main": [{"step": "spawn", "template": "a"}],)"
        "\n"
        R"(    "a": [{"step": "repeat", "count": 2, "steps": [{"step": "call", "template": "b"}]}],)"
        "\n"
        R"(    "b": [{"step": "select", "branches": [[{"step": "yield"}], [{"step": "timeout", "duration": 5, "steps": [{"step": "spawn", "template": "c"}]}]]}],)"
        "\n"
        R"(    "c": [{"step": "yield"}, {"step": "call", "template": "a"}])"
        "\n"
        "  }";
    const std::string text = d.text();
    EXPECT_EQ(onlyError(d), "t.json:" + where(text, "{\"step\": \"call\", \"template\": \"a\"}") +
                                ": error: templates.c: unbounded spawn recursion: a -> b -> c -> a "
                                "(a template must not "
                                "spawn or call itself, directly or through others)");
}

TEST(LoaderRecursion, EachCycleIsReportedOnce) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "x"}, {"step": "spawn", "template": "y"}], "x": [{"step": "spawn", "template": "x"}], "y": [{"step": "call", "template": "z"}], "z": [{"step": "spawn", "template": "y"}]})";
    const std::string text = d.text();
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:" + where(text, "{\"step\": \"spawn\", \"template\": \"x\"}", 2) +
                      ": error: templates.x: unbounded spawn recursion: x -> x (a template must "
                      "not spawn or call itself, "
                      "directly or through others)",
                  "t.json:" + where(text, "{\"step\": \"spawn\", \"template\": \"y\"}", 2) +
                      ": error: templates.z: unbounded spawn recursion: y -> z -> y (a template "
                      "must not spawn or call "
                      "itself, directly or through others)"}));
}

TEST(LoaderRecursion, AnUnawaitedCallIsNoRecursion) {
    // `"await": false` creates the future and drops it: nothing runs, so a
    // template may name itself there.
    Doc d;
    d.templates = R"({"main": [{"step": "call", "template": "main", "await": false}]})";
    const Scenario& s = loaded(load(d));
    EXPECT_EQ(s.base.maxTasks, 1u);
    ASSERT_EQ(s.base.templates[0].steps.size(), 1u);
    EXPECT_FALSE(s.base.templates[0].steps[0].flag);
}

TEST(LoaderRecursion, TooManyTasks) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 100}], "w": [{"step": "repeat", "count": 1000, "steps": [{"step": "spawn", "template": "leaf"}]}], "leaf": []})";
    d.start = R"([{"template": "main", "count": 10}])";
    // 10 x (1 + 100 x (1 + 1000 x 1)) = 1001010
    EXPECT_EQ(onlyError(d),
              "t.json:11:12: error: start: one run would start 1001010 tasks; at most 1000000 are "
              "allowed (lower a spawn "
              "or repeat count)");

    // Just within: 9 x (1 + 100 x 1001) = 900909.
    d.start = R"([{"template": "main", "count": 9}])";
    EXPECT_EQ(loaded(load(d)).base.maxTasks, 900909u);
}

TEST(LoaderRecursion, AstronomicalTaskCountsSaturate) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "a", "count": 100000}], "a": [{"step": "repeat", "count": 1000000, "steps": [{"step": "spawn", "template": "b", "count": 100000}]}], "b": [{"step": "repeat", "count": 1000000, "steps": [{"step": "spawn", "template": "c", "count": 100000}]}], "c": [{"step": "repeat", "count": 1000000, "steps": [{"step": "spawn", "template": "leaf", "count": 100000}]}], "leaf": []})";
    d.start = R"([{"template": "main", "count": 100000}])";
    EXPECT_EQ(onlyError(d),
              "t.json:11:12: error: start: one run would start more than 4e18 tasks; at most "
              "1000000 are allowed (lower a "
              "spawn or repeat count)");
}

TEST(LoaderRecursion, MaxTasksCountsEveryWayToStartATask) {
    Doc d;
    d.templates = R"({
    "main": [
      {"step": "spawn", "template": "worker", "count": 3},
      {"step": "call", "template": "helper"},
      {"step": "call", "template": "helper", "await": false},
      {"step": "select", "branches": [[{"step": "spawn", "template": "leaf"}], [{"step": "yield"}]]}
    ],
    "worker": [{"step": "repeat", "count": 4, "steps": [{"step": "spawn", "template": "leaf"}]}],
    "helper": [{"step": "spawn", "template": "leaf", "count": 5}],
    "leaf": [{"step": "yield"}]
  })";
    d.start = R"([{"template": "main", "count": 2}, {"template": "leaf", "count": 7}])";
    // worker: 4 x 1 = 4 tasks; main: 3 x (1 + 4) + 5 (awaited call) + 0
    // (unawaited call) + (1 + 1) + (1 + 0) (select branches) = 23;
    // start: 2 x (1 + 23) + 7 x 1 = 55.
    EXPECT_EQ(loaded(load(d)).base.maxTasks, 55u);
}

TEST(LoaderRecursion, MaxTasksIsAnUpperBoundEvenWithLoops) {
    // A `loop` body runs once per message: here a producer sends 1000
    // messages and the consumer's loop spawns 100000 tasks per message, 1e8
    // tasks in one run, over the 1,000,000 limit. The bound must see it.
    Doc d;
    d.resources = R"({"jobs": {"kind": "unbounded_channel"}})";
    d.templates =
        R"({"main": [{"step": "spawn", "template": "producer"}, {"step": "loop", "resource": "jobs", "steps": [{"step": "spawn", "template": "leaf", "count": 100000}]}], "producer": [{"step": "repeat", "count": 1000, "steps": [{"step": "send", "resource": "jobs"}]}, {"step": "close", "resource": "jobs"}], "leaf": []})";
    // 1e8 is over the limit: the loader must reject it (a bound that missed
    // the loop would let it load with a small maxTasks).
    const std::string error = onlyError(d);
    EXPECT_NE(error.find("error: start: one run would start "), std::string::npos) << error;
    EXPECT_NE(error.find("at most 1000000 are allowed"), std::string::npos) << error;
}

// ---------------------------------------------------------------- task names

TEST(LoaderTaskNames, UnknownJoinOrCancelNameSuggests) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "worker", "count": 2}, {"step": "join", "task": "wroker"}], "worker": []})";
    // The error points at the name, not at its step.
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "\"wroker\"") +
                                ": error: templates.main: no task is named \"wroker\" (tasks are "
                                "named by \"spawn\" and "
                                "\"start\"); did you mean \"worker\"?");

    d.templates =
        R"({"main": [{"step": "cancel", "task": "ghost"}, {"step": "spawn", "template": "w", "name": "helper"}], "w": []})";
    EXPECT_EQ(onlyError(d),
              "t.json:10:53: error: templates.main: no task is named \"ghost\" (tasks are named by "
              "\"spawn\" and "
              "\"start\")");
}

TEST(LoaderTaskNames, SpawnAndStartNamesAreKnown) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "name": "helper"}, {"step": "join", "task": "helper"}, {"step": "cancel", "task": "boss"}], "w": []})";
    d.start = R"([{"template": "main", "name": "boss"}])";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates[0].steps.size(), 3u);
    EXPECT_EQ(s.base.templates[0].steps[0].name, "helper");
    EXPECT_EQ(s.base.templates[0].steps[1].name, "helper");
    EXPECT_EQ(s.base.templates[0].steps[2].name, "boss");
    EXPECT_EQ(s.base.start[0].name, "boss");
}

TEST(LoaderTaskNames, OneTaskOfAGroupMayBeNamed) {
    // The README: join, cancel and expectations match a name exactly or as a
    // group ("w#2" is the second task of a spawn with count > 1).
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 3}, {"step": "cancel", "task": "w#2"}, {"step": "join", "task": "w#1"}], "w": []})";
    d.expectations =
        R"([{"expect": "task", "task": "w#2", "state": "cancelled"}, {"expect": "polls", "task": "w#3", "at_least": 1}])";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates.size(), 2u);
    EXPECT_EQ(s.base.templates[0].steps[1].name, "w#2");
    EXPECT_EQ(s.base.templates[0].steps[2].name, "w#1");
    ASSERT_EQ(s.base.expectations.size(), 2u);
    EXPECT_EQ(s.base.expectations[0].task, "w#2");
    EXPECT_EQ(s.base.expectations[1].task, "w#3");
}

TEST(LoaderTaskNames, MalformedTaskReferences) {
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 3}, {"step": "cancel", "task": "w#"}, {"step": "join", "task": "w#x"}, {"step": "join", "task": "a b"}], "w": []})";
    const std::string text = d.text();
    const std::string msg =
        "expected a task name (1-64 letters, digits, '_', '-' or '.', optionally followed by #N "
        "for one task of a group), found ";
    EXPECT_EQ(formatted(load(d)), (std::vector<std::string>{
                                      "t.json:" + where(text, "\"w#\"") +
                                          ": error: templates.main[1].task: " + msg + "\"w#\"",
                                      "t.json:" + where(text, "\"w#x\"") +
                                          ": error: templates.main[2].task: " + msg + "\"w#x\"",
                                      "t.json:" + where(text, "\"a b\"") +
                                          ": error: templates.main[3].task: " + msg + "\"a b\""}));
    Doc e;
    e.templates = R"({"main": [{"step": "spawn", "template": "w", "name": "w#1"}], "w": []})";
    EXPECT_EQ(onlyError(e),
              "t.json:10:69: error: templates.main[0].name: expected a task name (1-64 letters, "
              "digits, '_', '-' or '.'), "
              "found \"w#1\"");
}

TEST(LoaderTaskNames, AGroupMemberBeyondTheGroupIsUnknown) {
    // Two `w` tasks: "w#3" names none of them.
    Doc d;
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 2}, {"step": "cancel", "task": "w#3"}], "w": []})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "\"w#3\"") +
                                ": error: templates.main: no task is named \"w#3\" (tasks are "
                                "named by \"spawn\" and \"start\"); did you mean \"w\"?");
    // A single task has no "#1".
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w"}, {"step": "cancel", "task": "w#1"}], "w": []})";
    EXPECT_NE(onlyError(d).find("no task is named \"w#1\""), std::string::npos);
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w", "count": 2}, {"step": "cancel", "task": "w#2"}], "w": []})";
    EXPECT_TRUE(load(d).ok());
}

TEST(LoaderTaskNames, UnknownExpectationTask) {
    Doc d;
    d.expectations =
        R"([{"expect": "completes"}, {"expect": "task", "task": "mian", "state": "complete"}])";
    EXPECT_EQ(onlyError(d),
              "t.json:12:72: error: expectations[1].task: no task is named \"mian\" (tasks are "
              "named by "
              "\"spawn\" and \"start\"); "
              "did you mean \"main\"?");
}

// ---------------------------------------------------------------- variants

constexpr const char* kVariantTitle = R"({"en": "V", "zh": "变体"})";

std::string variant(const std::string& name, const std::string& rest = "") {
    return R"({"name": ")" + name + R"(", "title": )" + kVariantTitle +
           (rest.empty() ? "" : ", " + rest) + "}";
}

TEST(LoaderVariants, FasterNamesAnUnknownVariant) {
    Doc d;
    d.expectations = R"([{"expect": "faster", "variant": "quik", "than": "base", "factor": 2}])";
    d.variants = "[" + variant("quick") + ", " + variant("slow") + "]";
    EXPECT_EQ(onlyError(d),
              "t.json:12:52: error: expectations[0].variant: \"quik\" is not a variant of this "
              "scenario (variants: "
              "\"base\", \"quick\" or \"slow\")");
}

TEST(LoaderVariants, FasterChecks) {
    Doc d;
    d.expectations =
        R"([{"expect": "faster", "variant": "quick", "than": "quick", "factor": 2}, {"expect": "faster", "variant": "quick", "than": "base", "factor": 1}])";
    d.variants = "[" + variant("quick") + "]";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:12:20: error: expectations[0]: \"variant\" and \"than\" name the same variant",
            "t.json:" + where(text, "1}]") +
                ": error: expectations[1].factor: factor must be more than 1, found 1"}));

    d.expectations = R"([{"expect": "faster", "variant": "quick", "than": "base", "factor": 1.5}])";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.expectations.size(), 1u);
    EXPECT_EQ(s.base.expectations[0].kind, ExpectKind::Faster);
    EXPECT_EQ(s.base.expectations[0].variant, "quick");
    EXPECT_EQ(s.base.expectations[0].than, "base");
    EXPECT_DOUBLE_EQ(s.base.expectations[0].factor, 1.5);
}

TEST(LoaderVariants, BaseIsReserved) {
    Doc d;
    d.variants = "[" + variant("base") + "]";
    EXPECT_EQ(onlyError(d),
              "t.json:13:25: error: variants[0].name: \"base\" is reserved for the scenario "
              "without variant; choose another "
              "name");
}

TEST(LoaderVariants, DuplicateName) {
    Doc d;
    d.variants = "[" + variant("fast") + ", " + variant("fast") + "]";
    const std::string text = d.text();
    EXPECT_EQ(onlyError(d), "t.json:" + where(text, "\"fast\"", 2) +
                                ": error: variants[1].name: a second variant named \"fast\"");
}

TEST(LoaderVariants, ShapeErrors) {
    Doc d;
    d.variants =
        R"([{"name": "v"}, {"name": "w", "title": {"en": "W", "zh": "W"}, "config": [], "templats": {}}, 7])";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:13:16: error: variants[0]: missing required field \"title\" in a variant",
            "t.json:" + where(text, "[]") +
                ": error: variants[1].config: expected an object of overrides, found an array",
            "t.json:" + where(text, "\"templats\"") +
                ": error: variants[1].templats: unknown field \"templats\" in a variant; did you "
                "mean \"templates\"?",
            "t.json:" + where(text, "7]") +
                ": error: variants[2]: expected a variant (an object), found 7"}));
}

TEST(LoaderVariants, ErrorInAnOverrideIsReportedWhereTheVariantSaysIt) {
    Doc d;
    d.config = R"({"workers": 2})";
    d.variants =
        "[" + variant("big", R"("config": {"workers": 100})") + ", " +
        variant("odd", R"("templates": {"main": [{"step": "sleep", "duration": "1 fortnight"}]})") +
        "]";
    const std::string text = d.text();
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:" + where(text, "100") +
                      ": error: variants[0].config.workers: workers must be between 1 and 64, "
                      "found 100",
                  "t.json:" + where(text, "\"1 fortnight\"") +
                      ": error: variants[1].templates.main[0].duration: expected a duration like "
                      "\"250us\", "
                      "\"5ms\" or \"1.5s\" (units "
                      "ns, us, ms, s), found \"1 fortnight\""}));
    // Both lie on the variants line, not on the base's lines.
    EXPECT_EQ(where(text, "100").substr(0, 3), "13:");
}

TEST(LoaderVariants, ABaseErrorIsNotRepeatedPerVariant) {
    Doc d;
    d.config = R"({"workers": 0})";
    d.templates = R"({"main": [{"step": "sleeep", "duration": 1}]})";
    d.variants = "[" + variant("a") + ", " + variant("b", R"("config": {"seed": 3})") + ", " +
                 variant("c", R"("start": [{"template": "main", "count": 2}])") + "]";
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:8:25: error: config.workers: workers must be between 1 and 64, found 0",
                  "t.json:10:35: error: templates.main[0].step: unknown step \"sleeep\"; did you "
                  "mean \"sleep\"?"}));
}

TEST(LoaderVariants, AVariantThatBreaksABaseStepIsRejected) {
    // The variant turns the mutex into a channel: the base's lock step
    // cannot work in that variant.
    Doc d;
    d.resources = R"({"m": {"kind": "mutex"}})";
    d.templates =
        R"({"main": [{"step": "lock", "resource": "m"}, {"step": "unlock", "resource": "m"}]})";
    d.variants =
        "[" + variant("chan", R"("resources": {"m": {"kind": "channel", "capacity": 1}})") + "]";
    const LoadResult r = load(d);
    EXPECT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].message, "\"lock\" needs a mutex, but \"m\" is a channel");
    EXPECT_EQ(r.errors[1].message, "\"unlock\" needs a mutex, but \"m\" is a channel");
}

TEST(LoaderVariants, MergingReplacesAndInherits) {
    Doc d;
    d.config = R"({"workers": 2, "seed": 7, "time_limit": "5s"})";
    d.resources = R"({"m": {"kind": "mutex"}, "c": {"kind": "channel", "capacity": 2}})";
    d.templates =
        R"({"main": [{"step": "spawn", "template": "w"}, {"step": "join"}], "w": [{"step": "sleep", "duration": "5ms"}]})";
    d.start = R"([{"template": "main"}])";
    d.expectations = R"([{"expect": "completes"}, {"expect": "steals", "at_least": 0}])";
    d.variants =
        "[" +
        variant(
            "v",
            R"("description": {"en": "VD", "zh": "变体描述"}, "config": {"workers": 1, "flavor": "current_thread"}, "resources": {"c": {"kind": "channel", "capacity": 9}, "extra": {"kind": "notify"}}, "templates": {"w": [{"step": "yield"}, {"step": "yield"}], "added": []}, "start": [{"template": "main", "count": 3, "name": "m"}], "expectations": [{"expect": "duration", "at_most": "1s"}])") +
        ", " + variant("plain") + "]";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.variants.size(), 2u);
    const Variant& v = s.variants[0];
    EXPECT_EQ(v.name, "v");
    EXPECT_EQ(v.title.en, "V");
    EXPECT_EQ(v.title.zh, "变体");
    EXPECT_EQ(v.description.zh, "变体描述");
    EXPECT_EQ(s.findVariant("v"), &v);
    EXPECT_EQ(s.program("v"), &v.program);
    const Program& p = v.program;
    // config: keys replaced one by one, the others inherited.
    EXPECT_EQ(p.settings.runtime.workers, 1u);
    EXPECT_EQ(p.settings.runtime.flavor, Flavor::CurrentThread);
    EXPECT_EQ(p.settings.runtime.seed, 7u);
    EXPECT_EQ(p.settings.timeLimit, 5s);
    // resources: replaced and added by name, the rest inherited, in order.
    ASSERT_EQ(p.resources.size(), 3u);
    EXPECT_EQ(p.resources[0].name, "m");
    EXPECT_EQ(p.resources[0].kind, ResourceKind::Mutex);
    EXPECT_EQ(p.resources[1].name, "c");
    EXPECT_EQ(p.resources[1].amount, 9u);
    EXPECT_EQ(p.resources[2].name, "extra");
    EXPECT_EQ(p.resources[2].kind, ResourceKind::Notify);
    // templates: "w" replaced, "main" inherited, "added" appended.
    ASSERT_EQ(p.templates.size(), 3u);
    EXPECT_EQ(p.templates[0].name, "main");
    EXPECT_EQ(p.templates[0].steps.size(), 2u);
    EXPECT_EQ(p.templates[1].name, "w");
    ASSERT_EQ(p.templates[1].steps.size(), 2u);
    EXPECT_EQ(p.templates[1].steps[0].kind, StepKind::Yield);
    EXPECT_EQ(p.templates[1].awaitPoints, 2u);
    EXPECT_EQ(p.templates[2].name, "added");
    EXPECT_TRUE(p.templates[2].steps.empty());
    // start and expectations: replaced as a whole.
    ASSERT_EQ(p.start.size(), 1u);
    EXPECT_EQ(p.start[0].count, 3u);
    EXPECT_EQ(p.start[0].name, "m");
    ASSERT_EQ(p.expectations.size(), 1u);
    EXPECT_EQ(p.expectations[0].kind, ExpectKind::Duration);
    EXPECT_DOUBLE_EQ(p.expectations[0].max, 1e9);
    EXPECT_EQ(p.maxTasks, 6u);  // 3 x (1 + 1)

    // The base is untouched by its variants.
    EXPECT_EQ(s.base.settings.runtime.workers, 2u);
    EXPECT_EQ(s.base.settings.runtime.flavor, Flavor::MultiThread);
    ASSERT_EQ(s.base.resources.size(), 2u);
    EXPECT_EQ(s.base.resources[1].amount, 2u);
    EXPECT_EQ(s.base.templates[1].steps[0].kind, StepKind::Sleep);
    EXPECT_EQ(s.base.expectations.size(), 2u);
    EXPECT_EQ(s.base.maxTasks, 2u);

    // A variant without overrides is the base again.
    const Program& plain = s.variants[1].program;
    EXPECT_EQ(plain.settings.runtime.workers, 2u);
    EXPECT_EQ(plain.resources.size(), 2u);
    EXPECT_EQ(plain.templates.size(), 2u);
    EXPECT_EQ(plain.expectations.size(), 2u);
    EXPECT_TRUE(s.variants[1].description.en.empty());
}

TEST(LoaderVariants, ConfigOverrideWithoutABaseConfig) {
    Doc d;
    d.variants =
        "[" + variant("two", R"("config": {"workers": 2}, "resources": {"m": {"kind": "mutex"}})") +
        "]";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.variants.size(), 1u);
    EXPECT_EQ(s.variants[0].program.settings.runtime.workers, 2u);
    ASSERT_EQ(s.variants[0].program.resources.size(), 1u);
    EXPECT_TRUE(s.base.resources.empty());
}

// ---------------------------------------------------------------- resolution

TEST(LoaderResolution, AwaitPointsInDocumentOrderIncludingNestedSteps) {
    Doc d;
    d.resources = R"({"c": {"kind": "channel", "capacity": 1}})";
    d.templates = R"({
    "main": [
      {"step": "spawn", "template": "w"},
      {"step": "repeat", "count": 2, "steps": [
        {"step": "sleep", "duration": 1},
        {"step": "select", "branches": [
          [{"step": "yield"}],
          [{"step": "timeout", "duration": 5, "steps": [{"step": "sleep", "duration": 1}, {"step": "yield"}]}]
        ]}
      ]},
      {"step": "spawn_blocking", "steps": [{"step": "compute", "duration": 1}]},
      {"step": "loop", "resource": "c", "steps": [{"step": "yield"}]},
      {"step": "join"}
    ],
    "w": [{"step": "yield"}, {"step": "close", "resource": "c"}]
  })";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates.size(), 2u);
    const Template& m = s.base.templates[0];
    EXPECT_EQ(m.awaitPoints, 13u);
    ASSERT_EQ(m.steps.size(), 5u);
    EXPECT_EQ(m.steps[0].index, 0u);
    const Step& rep = m.steps[1];
    EXPECT_EQ(rep.index, 1u);
    ASSERT_EQ(rep.body.size(), 2u);
    EXPECT_EQ(rep.body[0].index, 2u);
    const Step& sel = rep.body[1];
    EXPECT_EQ(sel.kind, StepKind::Select);
    EXPECT_EQ(sel.index, 3u);
    ASSERT_EQ(sel.branches.size(), 2u);
    ASSERT_EQ(sel.branches[0].size(), 1u);
    EXPECT_EQ(sel.branches[0][0].index, 4u);
    ASSERT_EQ(sel.branches[1].size(), 1u);
    const Step& to = sel.branches[1][0];
    EXPECT_EQ(to.index, 5u);
    ASSERT_EQ(to.body.size(), 2u);
    EXPECT_EQ(to.body[0].index, 6u);
    EXPECT_EQ(to.body[1].index, 7u);
    EXPECT_EQ(m.steps[2].index, 8u);
    ASSERT_EQ(m.steps[2].body.size(), 1u);
    EXPECT_EQ(m.steps[2].body[0].index, 9u);
    EXPECT_EQ(m.steps[3].index, 10u);
    EXPECT_EQ(m.steps[3].body[0].index, 11u);
    EXPECT_EQ(m.steps[4].index, 12u);
    // Each template counts from S0.
    const Template& w = s.base.templates[1];
    EXPECT_EQ(w.awaitPoints, 2u);
    EXPECT_EQ(w.steps[0].index, 0u);
    EXPECT_EQ(w.steps[1].index, 1u);
    // Positions of steps and templates.
    EXPECT_EQ(m.steps[0].pos.line, 12u);
    EXPECT_EQ(m.steps[0].pos.column, 7u);
    EXPECT_EQ(to.body[1].pos.line, 17u);
    EXPECT_EQ(w.pos.line, 24u);
    EXPECT_EQ(w.pos.column, 5u);
}

TEST(LoaderResolution, StepFieldsAreResolved) {
    Doc d;
    d.resources =
        R"({"m": {"kind": "mutex"}, "s": {"kind": "semaphore", "permits": 5}, "n": {"kind": "notify"}})";
    d.templates = R"({"main": [
      {"step": "spawn", "template": "w", "label": "start the workers"},
      {"step": "spawn", "template": "w", "count": 4, "name": "pool", "detached": true},
      {"step": "call", "template": "w"},
      {"step": "call", "template": "w", "await": false},
      {"step": "notify", "resource": "n", "all": true},
      {"step": "notify", "resource": "n"},
      {"step": "acquire", "resource": "s", "permits": 3},
      {"step": "release", "resource": "s"},
      {"step": "lock", "resource": "m"},
      {"step": "fail", "message": "boom"},
      {"step": "join", "task": "pool"},
      {"step": "join"},
      {"step": "cancel", "task": "pool#3"}
    ], "w": []})";
    const Scenario& s = loaded(load(d));
    ASSERT_EQ(s.base.templates.size(), 2u);
    const auto& st = s.base.templates[0].steps;
    ASSERT_EQ(st.size(), 13u);
    EXPECT_EQ(st[0].kind, StepKind::Spawn);
    EXPECT_EQ(st[0].target, 1);
    EXPECT_EQ(st[0].count, 1u);
    EXPECT_EQ(st[0].name, "w");
    EXPECT_FALSE(st[0].flag);
    EXPECT_EQ(st[0].label, "start the workers");
    EXPECT_EQ(st[1].count, 4u);
    EXPECT_EQ(st[1].name, "pool");
    EXPECT_TRUE(st[1].flag);
    EXPECT_EQ(st[2].kind, StepKind::Call);
    EXPECT_TRUE(st[2].flag) << "call awaits by default";
    EXPECT_FALSE(st[3].flag);
    EXPECT_TRUE(st[4].flag);
    EXPECT_FALSE(st[5].flag);
    EXPECT_EQ(st[4].resource, 2);
    EXPECT_EQ(st[6].count, 3u);
    EXPECT_EQ(st[6].resource, 1);
    EXPECT_EQ(st[7].count, 1u) << "release gives back 1 permit by default";
    EXPECT_EQ(st[8].resource, 0);
    EXPECT_EQ(st[9].message, "boom");
    EXPECT_EQ(st[10].name, "pool");
    EXPECT_EQ(st[11].name, "");
    EXPECT_EQ(st[12].name, "pool#3");
    ASSERT_EQ(s.base.resources.size(), 3u);
    EXPECT_EQ(s.base.resources[1].amount, 5u);
    EXPECT_EQ(s.base.findResource("n"), 2);
    EXPECT_EQ(s.base.findResource("x"), -1);
    EXPECT_EQ(s.base.resources[0].pos.line, 9u);
    EXPECT_EQ(s.base.resources[0].pos.column, 17u);
}

TEST(LoaderResolution, Defaults) {
    const Scenario& s = loaded(load(Doc{}));
    const RunSettings& rs = s.base.settings;
    EXPECT_EQ(rs.runtime.workers, 4u) << "the README's default: 4 workers";
    EXPECT_EQ(rs.runtime.flavor, Flavor::MultiThread);
    EXPECT_EQ(rs.timeLimit, 30s);
    EXPECT_EQ(rs.runtime.globalQueueInterval, 61u);
    EXPECT_TRUE(rs.runtime.lifoSlot);
    EXPECT_TRUE(rs.runtime.stealing);
    EXPECT_EQ(rs.runtime.budget, 128u);
    EXPECT_EQ(rs.runtime.preemptionSlice.count(), 0);
    EXPECT_EQ(rs.runtime.maxBlockingThreads, 512u);
    EXPECT_DOUBLE_EQ(rs.runtime.timeScale, 1.0);
    EXPECT_EQ(rs.runtime.seed, 24301u);
    EXPECT_EQ(rs.runtime.clock, ClockKind::Virtual);  // every duration exact by default
    EXPECT_EQ(rs.runtime.cores, 0u);
    EXPECT_TRUE(s.base.expectations.empty());
    EXPECT_TRUE(s.base.resources.empty());
    EXPECT_EQ(s.base.maxTasks, 1u);

    // An empty config object and a config without "workers" give the same.
    Doc e;
    e.config = "{}";
    EXPECT_EQ(loaded(load(e)).base.settings.runtime.workers, 4u);
    Doc f;
    f.config = R"({"seed": 1})";
    EXPECT_EQ(loaded(load(f)).base.settings.runtime.workers, 4u);
}

TEST(LoaderResolution, EveryConfigKey) {
    Doc d;
    d.config =
        R"({"flavor": "current_thread", "workers": 3, "global_queue_interval": 31, "lifo_slot": false, "stealing": false, "budget": 0, "preemption_slice": "2ms", "blocking_threads": 8, "time_scale": 2.5, "seed": 99, "time_limit": "1.5s"})";
    const Scenario& s = loaded(load(d));
    const RuntimeConfig& c = s.base.settings.runtime;
    EXPECT_EQ(c.flavor, Flavor::CurrentThread);
    EXPECT_EQ(c.workers, 3u);
    EXPECT_EQ(c.globalQueueInterval, 31u);
    EXPECT_FALSE(c.lifoSlot);
    EXPECT_FALSE(c.stealing);
    EXPECT_EQ(c.budget, 0u);
    EXPECT_EQ(c.preemptionSlice, 2ms);
    EXPECT_EQ(c.maxBlockingThreads, 8u);
    EXPECT_DOUBLE_EQ(c.timeScale, 2.5);
    EXPECT_EQ(c.seed, 99u);
    EXPECT_EQ(s.base.settings.timeLimit, 1500ms);
}

TEST(LoaderResolution, ExpectationsAreResolved) {
    Doc d;
    d.templates = R"({"main": [{"step": "spawn", "template": "w", "count": 2}], "w": []})";
    d.expectations = R"([
    {"expect": "completes"},
    {"expect": "finding", "finding": "lost_waker"},
    {"expect": "no_finding", "finding": "self_wake_heavy"},
    {"expect": "steals", "at_least": 2},
    {"expect": "task", "task": "w", "state": "cancelled"},
    {"expect": "polls", "task": "main", "at_most": 9},
    {"expect": "runs", "template": "w", "at_least": 2, "at_most": 2}
  ])";
    const Scenario& s = loaded(load(d));
    const auto& e = s.base.expectations;
    ASSERT_EQ(e.size(), 7u);
    EXPECT_EQ(e[0].kind, ExpectKind::Completes);
    EXPECT_EQ(e[1].kind, ExpectKind::Finding);
    EXPECT_EQ(e[1].finding, "lost_waker");
    EXPECT_EQ(e[2].kind, ExpectKind::NoFinding);
    EXPECT_EQ(e[2].finding, "self_wake_heavy");
    EXPECT_EQ(e[3].kind, ExpectKind::Steals);
    EXPECT_DOUBLE_EQ(e[3].min, 2);
    EXPECT_EQ(e[4].kind, ExpectKind::TaskState);
    EXPECT_EQ(e[4].task, "w");
    EXPECT_EQ(e[4].state, "cancelled");
    EXPECT_EQ(e[5].kind, ExpectKind::Polls);
    EXPECT_FALSE(e[5].hasMin);
    EXPECT_TRUE(e[5].hasMax);
    EXPECT_DOUBLE_EQ(e[5].max, 9);
    EXPECT_EQ(e[6].kind, ExpectKind::Runs);
    EXPECT_EQ(e[6].templ, 1);
    EXPECT_EQ(e[0].pos.line, 13u);
    EXPECT_EQ(e[0].pos.column, 5u);
    EXPECT_EQ(toString(e[6].kind), "runs");
    EXPECT_EQ(toString(StepKind::BlockingLock), "blocking_lock");
    EXPECT_EQ(toString(StepKind::PendingWithoutWaker), "pending_without_waker");
    EXPECT_EQ(toString(ResourceKind::UnboundedChannel), "unbounded_channel");
}

TEST(LoaderResolution, ExpectationErrors) {
    Doc d;
    d.expectations =
        R"([{"expect": "finding", "finding": "deadlocks"}, {"expect": "duration", "at_least": "2s", "at_most": "1s"}, {"expect": "task", "task": "main", "state": "done"}, {"expect": "completes", "task": "main"}, {"expect": "polls", "task": "main", "at_least": -1}])";
    const std::string text = d.text();
    EXPECT_EQ(
        formatted(load(d)),
        (std::vector<std::string>{
            "t.json:" + where(text, "\"deadlocks\"") +
                ": error: expectations[0].finding: expected a finding: one of \"deadlock\", "
                "\"stall\", "
                "\"lost_waker\", \"blocking_the_runtime\", \"starvation\", \"oversubscription\", "
                "\"lock_convoy\", \"self_wake_heavy\", \"task_failed\" "
                "or \"host_preemption\", found \"deadlocks\"; did you mean \"deadlock\"?",
            "t.json:" + where(text, "{\"expect\": \"duration\"") +
                ": error: expectations[1]: \"at_least\" is more than \"at_most\": nothing can pass",
            "t.json:" + where(text, "\"done\"") +
                ": error: expectations[2].state: expected a final task state: one of \"complete\", "
                "\"error\", "
                "\"cancelled\" or \"unfinished\", found \"done\"",
            "t.json:" + where(text, "\"task\": \"main\"}") +
                ": error: expectations[3].task: unknown field \"task\" in a \"completes\" "
                "expectation; expected one "
                "of \"expect\"",
            "t.json:" + where(text, "-1") +
                ": error: expectations[4].at_least: a count must be between 0 and "
                "9223372036854775807, found -1"}));
}

// ---------------------------------------------------------------- all errors

TEST(LoaderAllErrors, ThreeIndependentErrorsInLineOrder) {
    Doc d;
    d.config = R"({"workers": 65})";
    d.resources = R"({"q": {"kind": "queue"}})";
    d.templates = R"({"main": [{"step": "sleep", "duration": "5 parsecs"}]})";
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:8:25: error: config.workers: workers must be between 1 and 64, found 65",
                  "t.json:9:31: error: resources.q.kind: expected a resource kind: one of "
                  "\"mutex\", \"blocking_mutex\", "
                  "\"semaphore\", \"channel\", \"unbounded_channel\", \"oneshot\", \"notify\" or "
                  "\"cancel_token\", "
                  "found \"queue\"",
                  "t.json:10:56: error: templates.main[0].duration: expected a duration like "
                  "\"250us\", \"5ms\" or "
                  "\"1.5s\" (units ns, us, ms, s), found \"5 parsecs\""}));
}

TEST(LoaderAllErrors, ErrorsAreSortedEvenWhenFoundOutOfOrder) {
    // Recursion and names are checked after everything else, yet are
    // reported in file order among the other errors.
    Doc d;
    d.config = R"({"workers": 0})";
    d.templates =
        "{\n"
        R"(    "main": [{"step": "spawn", "template": "main"}],)"
        "\n"
        R"(    "b": [{"step": "join", "task": "nobody"}, {"step": "sleep", "duration": -1}])"
        "\n"
        "  }";
    d.expectations = R"([{"expect": "steals"}])";
    const LoadResult r = load(d);
    ASSERT_EQ(r.errors.size(), 5u) << d.text();
    for (std::size_t i = 1; i < r.errors.size(); ++i) {
        const auto& a = r.errors[i - 1].pos;
        const auto& b = r.errors[i].pos;
        EXPECT_TRUE(a.line < b.line || (a.line == b.line && a.column <= b.column)) << i;
    }
    EXPECT_EQ(r.errors[0].format(),
              "t.json:8:25: error: config.workers: workers must be between 1 and 64, found 0");
    EXPECT_EQ(r.errors[1].format(),
              "t.json:11:14: error: templates.main: unbounded spawn recursion: main -> main (a "
              "template must not spawn or "
              "call itself, directly or through others)");
    EXPECT_EQ(r.errors[2].format(),
              "t.json:12:36: error: templates.b: no task is named \"nobody\" (tasks are named by "
              "\"spawn\" and \"start\")");
    EXPECT_EQ(
        r.errors[3].format(),
        "t.json:12:77: error: templates.b[1].duration: a duration must not be negative, found -1");
    EXPECT_EQ(r.errors[4].format(),
              "t.json:15:20: error: expectations[0]: missing required field \"at_least\" in a "
              "\"steals\" expectation");
}

// ---------------------------------------------------------------- files

class LoaderFiles : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("asyncscope-loader-test-" +
                 std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    std::string write(const std::string& name, const std::string& content) {
        const std::string path = (m_dir / name).string();
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    std::filesystem::path m_dir;
};

TEST_F(LoaderFiles, MissingFileIsAnIoError) {
    const std::string path = (m_dir / "nope.json").string();
    const LoadResult r = loadScenarioFile(path);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.ioError);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].format(), path + ": error: no such file");
}

TEST_F(LoaderFiles, FolderIsAnIoError) {
    const LoadResult r = loadScenarioFile(m_dir.string());
    EXPECT_TRUE(r.ioError);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].format(), m_dir.string() + ": error: is a folder, not a scenario file");
}

TEST_F(LoaderFiles, ValidFileLoadsUnderItsName) {
    const std::string path = write("my-lesson.json", Doc{}.text());
    const LoadResult r = loadScenarioFile(path);
    const Scenario& s = loaded(r);
    EXPECT_EQ(s.name, "my-lesson");
    EXPECT_EQ(s.file, path);
}

TEST_F(LoaderFiles, ErrorsNameThePath) {
    Doc d;
    d.config = R"({"workers": 0})";
    const std::string path = write("bad.json", d.text());
    const LoadResult r = loadScenarioFile(path);
    EXPECT_FALSE(r.ioError);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].format(),
              path + ":8:25: error: config.workers: workers must be between 1 and 64, found 0");
}

TEST_F(LoaderFiles, OverOneMebibyteIsRefused) {
    // A valid scenario padded with whitespace past 1 MiB.
    const std::string text = Doc{}.text() + std::string(kMaxScenarioBytes, ' ');
    const std::string path = write("huge.json", text);
    const LoadResult r = loadScenarioFile(path);
    EXPECT_FALSE(r.ok());
    EXPECT_FALSE(r.ioError);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].format(), path +
                                        ": error: the file is larger than 1048576 bytes (1 MiB); a "
                                        "scenario may be at most that");

    // The same text given directly.
    const LoadResult direct = loadScenario(text, "mem.json");
    ASSERT_EQ(direct.errors.size(), 1u);
    EXPECT_EQ(direct.errors[0].format(),
              "mem.json: error: the file is " + std::to_string(text.size()) +
                  " bytes; a scenario may be at most 1048576 bytes (1 MiB)");

    // Exactly 1 MiB is still allowed.
    std::string exact = Doc{}.text();
    exact += std::string(kMaxScenarioBytes - exact.size(), '\n');
    ASSERT_EQ(exact.size(), kMaxScenarioBytes);
    EXPECT_TRUE(loadScenarioFile(write("exact.json", exact)).ok());
}

TEST_F(LoaderFiles, ADirectoryIsNotAScenario) {
    const LoadResult r = loadScenarioFile(m_dir.string());
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.ioError);
    ASSERT_EQ(r.errors.size(), 1u);
}

}  // namespace
}  // namespace asyncscope::scenario

namespace asyncscope::scenario {
namespace {

// ---------------------------------------------------------------- misuse visible without running

TEST(LoaderMisuse, UnlockWithNoLockBeforeIt) {
    Doc d;
    d.resources = R"({"m": {"kind": "mutex"}})";
    d.templates = R"({"main": [{"step": "yield"}, {"step": "unlock", "resource": "m"}]})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "{\"step\": \"unlock\"") +
                                ": error: templates.main: unlock of \"m\" with no lock of it "
                                "before, in this task: the task would fail with \"unlock of a "
                                "mutex it does not hold\" (add a lock step before it, or remove "
                                "this unlock)");
}

TEST(LoaderMisuse, ASecondUnlockAndARepeatedOne) {
    Doc d;
    d.resources = R"({"m": {"kind": "mutex"}})";
    // Twice in a row after one lock.
    d.templates =
        R"({"main": [{"step": "lock", "resource": "m"}, {"step": "unlock", "resource": "m"}, {"step": "unlock", "resource": "m"}]})";
    const std::string at = "t.json:" + where(d.text(), "{\"step\": \"unlock\"", 2) +
                           ": error: templates.main: unlock of \"m\" with no lock";
    EXPECT_EQ(onlyError(d).rfind(at, 0), 0u) << onlyError(d);
    // Locked once before a loop that unlocks in each of its two rounds.
    d.templates =
        R"({"main": [{"step": "lock", "resource": "m"}, {"step": "repeat", "count": 2, "steps": [{"step": "unlock", "resource": "m"}]}]})";
    EXPECT_NE(onlyError(d).find("unlock of \"m\" with no lock"), std::string::npos);
}

TEST(LoaderMisuse, UnlocksThatMayBeRightLoad) {
    Doc d;
    d.resources = R"({"m": {"kind": "mutex"}, "b": {"kind": "blocking_mutex"}})";
    // Lock and unlock in each round; a lock inside a select, an unlock after
    // (maybe held); a called template unlocks its caller's guard.
    d.templates =
        R"({"main": [{"step": "repeat", "count": 3, "steps": [{"step": "lock", "resource": "m"}, {"step": "unlock", "resource": "m"}]}, {"step": "select", "branches": [[{"step": "lock", "resource": "m"}], [{"step": "sleep", "duration": "1ms"}]]}, {"step": "unlock", "resource": "m"}, {"step": "lock", "resource": "m"}, {"step": "call", "template": "release"}, {"step": "blocking_lock", "resource": "b"}, {"step": "blocking_unlock", "resource": "b"}], "release": [{"step": "unlock", "resource": "m"}]})";
    const LoadResult r = load(d);
    EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().format());
}

TEST(LoaderMisuse, ASecondSendOrRecvOnAOneshot) {
    Doc d;
    d.resources = R"({"reply": {"kind": "oneshot"}})";
    d.templates =
        R"({"main": [{"step": "spawn", "template": "server"}, {"step": "recv", "resource": "reply"}], "server": [{"step": "send", "resource": "reply"}, {"step": "send", "resource": "reply"}]})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "{\"step\": \"send\"", 2) +
                                ": error: templates.server: a second send on oneshot \"reply\" (2 "
                                "in all, counting repeats and tasks): a oneshot carries one "
                                "value, its sender is consumed by the first send (use a channel "
                                "for more than one)");
    // Two tasks of the template that receives.
    d.templates =
        R"({"main": [{"step": "send", "resource": "reply"}, {"step": "spawn", "template": "client", "count": 2}], "client": [{"step": "recv", "resource": "reply"}]})";
    EXPECT_NE(onlyError(d).find("a second recv from oneshot \"reply\" (2 in all"),
              std::string::npos);
    // One send, one receive, in a select branch or not: fine.
    d.templates =
        R"({"main": [{"step": "spawn", "template": "server"}, {"step": "recv", "resource": "reply"}], "server": [{"step": "select", "branches": [[{"step": "send", "resource": "reply"}], [{"step": "sleep", "duration": "5ms"}]]}]})";
    EXPECT_TRUE(load(d).ok());
}

// -------------------------------------------- several problems at once

TEST(LoaderReportsEveryProblem, NoTemplatesAndNothingStarting) {
    Doc d;
    d.templates = "{}";
    d.start = "[]";
    const LoadResult r = load(d);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].format(), "t.json:" + where(d.text(), "{}") +
                                        ": error: templates: no templates: add at least one (a "
                                        "name -> an array of steps)");
    EXPECT_EQ(r.errors[1].format(), "t.json:" + where(d.text(), "[]") +
                                        ": error: start: nothing starts: add at least one "
                                        "{\"template\": ...}");
}

TEST(LoaderReportsEveryProblem, ADeepNestingErrorHasAShortPath) {
    std::string steps = R"({"step": "yield"})";
    for (int i = 0; i < 200; ++i)
        steps = R"({"step": "repeat", "count": 1, "steps": [)" + steps + "]}";
    Doc d;
    d.templates = R"({"main": [)" + steps + "]}";
    const std::string e = onlyError(d);
    // It printed 692 characters of ".steps[0]" before.
    EXPECT_LT(e.size(), 200u) << e;
    EXPECT_NE(e.find("error: templates.main[0].steps[0].steps[0].steps[0]...("), std::string::npos)
        << e;
    EXPECT_NE(e.find(" levels).steps[0].steps[0].steps[0].steps: nested deeper than 128 levels"),
              std::string::npos)
        << e;
}

}  // namespace
TEST(LoaderBlockOn, TheMainTemplateIsTheBodyUnlessAnEntrySaysOtherwise) {
    Doc d;
    d.templates = R"({"main": [{"step": "yield"}], "server": [{"step": "yield"}]})";
    d.start = R"([{"template": "server"}, {"template": "main"}])";
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    const Program& p = r.scenario->base;
    ASSERT_EQ(p.start.size(), 2u);
    EXPECT_FALSE(p.start[0].blockOn);
    EXPECT_TRUE(p.start[1].blockOn);

    // "block_on": false keeps main on a worker (lessons about the LIFO slot).
    d.start = R"([{"template": "main", "block_on": false}])";
    r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_FALSE(r.scenario->base.start[0].blockOn);

    // An explicit body wins over main; several mains: only a single one is.
    d.start = R"([{"template": "main"}, {"template": "server", "block_on": true}])";
    r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_FALSE(r.scenario->base.start[0].blockOn);
    EXPECT_TRUE(r.scenario->base.start[1].blockOn);
    d.start = R"([{"template": "main", "count": 3}])";
    r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_FALSE(r.scenario->base.start[0].blockOn);
}

TEST(LoaderBlockOn, OneBodyOfCountOne) {
    Doc d;
    d.templates = R"({"main": [{"step": "yield"}], "server": [{"step": "yield"}]})";
    d.start = R"([{"template": "server", "count": 2, "block_on": true}])";
    const std::string text = d.text();
    EXPECT_EQ(onlyError(d), "t.json:" + where(text, "true}]") +
                                ": error: start[0].block_on: only one task is the "
                                "#[tokio::main] body: a block_on entry needs a count of 1");
    d.start =
        R"([{"template": "main", "block_on": true}, {"template": "server", "block_on": true}])";
    const std::string text2 = d.text();
    EXPECT_EQ(onlyError(d), "t.json:" + where(text2, "true}]") +
                                ": error: start[1].block_on: only one start entry can be the "
                                "#[tokio::main] body (start[0] already is)");
}

TEST(LoaderBlockOn, TheSendCheckExemptsTheBodyNotMainByName) {
    Doc d;
    d.resources = R"({"cache": {"kind": "blocking_mutex"}})";
    d.templates =
        R"({"main": [{"step": "blocking_lock", "resource": "cache"}, {"step": "sleep", "duration": "1ms"}, {"step": "blocking_unlock", "resource": "cache"}]})";
    d.start = R"([{"template": "main"}])";
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_TRUE(r.warnings.empty());                           // given to block_on: no Send needed
    d.start = R"([{"template": "main", "block_on": false}])";  // spawned: must be Send
    r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].message.find("rustc would reject spawning \"main\""), std::string::npos)
        << r.warnings[0].message;
}

TEST(LoaderCancelToken, ParentsAreTokensDeclaredAnywhereAndNeverACircle) {
    Doc d;
    d.resources =
        R"({"child": {"kind": "cancel_token", "parent": "root"}, "root": {"kind": "cancel_token"}})";
    d.templates =
        R"({"main": [{"step": "cancel_token", "resource": "root"}, {"step": "cancelled", "resource": "child"}]})";
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    const Program& p = r.scenario->base;
    ASSERT_EQ(p.resources.size(), 2u);
    EXPECT_EQ(p.resources[0].kind, ResourceKind::CancelToken);
    EXPECT_EQ(p.resources[0].parent, 1);
    EXPECT_EQ(p.resources[1].parent, -1);
    EXPECT_EQ(p.templates[0].steps[0].kind, StepKind::CancelToken);
    EXPECT_EQ(p.templates[0].steps[1].kind, StepKind::Cancelled);

    d.resources =
        R"({"a": {"kind": "cancel_token", "parent": "b"}, "b": {"kind": "cancel_token", "parent": "a"}})";
    d.templates = R"({"main": [{"step": "cancelled", "resource": "a"}]})";
    r = load(d);
    ASSERT_EQ(r.errors.size(), 1u);  // one error breaks the circle
    EXPECT_NE(r.errors[0].message.find("would be its own ancestor"), std::string::npos)
        << r.errors[0].message;

    d.resources = R"({"m": {"kind": "mutex"}, "t": {"kind": "cancel_token", "parent": "m"}})";
    d.templates = R"({"main": [{"step": "yield"}]})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "\"m\"}") +
                                ": error: resources.t.parent: \"m\" is not a cancel_token of this "
                                "scenario (a child token's parent is another cancel_token)");
    d.resources = R"({"m": {"kind": "mutex", "parent": "x"}})";
    d.templates = R"({"main": [{"step": "yield"}]})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "\"x\"") +
                                ": error: resources.m.parent: \"parent\" is only for a "
                                "cancel_token, not a mutex");
}

TEST(LoaderCancelToken, ItsStepsNeedAToken) {
    Doc d;
    d.resources = R"({"n": {"kind": "notify"}})";
    d.templates = R"({"main": [{"step": "cancelled", "resource": "n"}]})";
    EXPECT_EQ(onlyError(d), "t.json:" + where(d.text(), "\"n\"}") +
                                ": error: templates.main[0].resource: \"cancelled\" needs a "
                                "cancel_token, but \"n\" is a notify");
}

TEST(LoaderSend, ASpawnLocalTaskNeedsNoSend) {
    Doc d;
    d.resources = R"({"cache": {"kind": "blocking_mutex"}})";
    d.templates =
        R"({"main": [{"step": "spawn", "template": "holder", "local": true}, {"step": "join"}], "holder": [{"step": "blocking_lock", "resource": "cache"}, {"step": "sleep", "duration": "5ms"}, {"step": "blocking_unlock", "resource": "cache"}]})";
    LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_TRUE(r.warnings.empty());
    EXPECT_TRUE(r.scenario->base.templates[0].steps[0].local);
    d.templates =
        R"({"main": [{"step": "spawn", "template": "holder"}, {"step": "join"}], "holder": [{"step": "blocking_lock", "resource": "cache"}, {"step": "sleep", "duration": "5ms"}, {"step": "blocking_unlock", "resource": "cache"}]})";
    r = load(d);
    ASSERT_TRUE(r.ok()) << formatted(r).front();
    EXPECT_EQ(r.warnings.size(), 1u);
}

}  // namespace asyncscope::scenario

namespace asyncscope::scenario {
namespace {

TEST(LoaderMoments, AGuidedLessonsMomentsAreReadInOrder) {
    Doc d;
    d.resources = R"({"cache": {"kind": "mutex"}, "q": {"kind": "channel", "capacity": 2}})";
    d.templates =
        R"({"main": [{"step": "spawn", "template": "reader", "count": 2}, {"step": "spawn", "template": "w", "name": "writer"}], "reader": [{"step": "lock", "resource": "cache"}], "w": []})";
    d.extraKey = "moments";
    d.extra = R"([
      {"when": {"contention": "cache"}, "text": {"en": "now", "zh": "现在"}, "highlight": {"tasks": ["reader#2"], "resources": ["cache"]}},
      {"when": {"wait": "reader", "on": "q"}, "text": "w"},
      {"when": {"at": "40ms"}, "text": "t",
       "predict": {"question": "who?", "choices": ["a", "b", "c"], "answer": 2, "why": "because"}},
      {"when": {"finding": "deadlock"}, "text": "f"},
      {"when": {"steal": true}, "text": "s"},
      {"when": {"spawn": "w"}, "text": "sp"},
      {"when": {"wake": "writer"}, "text": "wk"}])";
    const LoadResult r = load(d);
    ASSERT_TRUE(r.ok()) << ::testing::PrintToString(formatted(r));
    const std::vector<Moment>& m = r.scenario->moments;
    ASSERT_EQ(m.size(), 7u);
    EXPECT_EQ(m[0].when, (trace::Breakpoint{trace::BreakKind::Contention, "cache"}));
    EXPECT_EQ(m[0].text.zh, "现在");
    EXPECT_EQ(m[0].tasks, (std::vector<std::string>{"reader#2"}));
    EXPECT_EQ(m[0].resources, (std::vector<std::string>{"cache"}));
    EXPECT_EQ(m[1].when, (trace::Breakpoint{trace::BreakKind::Wait, "reader", "q"}));
    EXPECT_EQ(m[2].when.kind, trace::BreakKind::Instant);
    EXPECT_EQ(m[2].when.at, 40'000'000u);
    ASSERT_TRUE(m[2].predict.has_value());
    EXPECT_EQ(m[2].predict->choices.size(), 3u);
    EXPECT_EQ(m[2].predict->answer, 2u);
    EXPECT_EQ(m[2].predict->why.en, "because");
    EXPECT_EQ(m[3].when.finding, trace::FindingKind::Deadlock);
    EXPECT_EQ(m[4].when.kind, trace::BreakKind::Steal);
    EXPECT_EQ(m[5].when, (trace::Breakpoint{trace::BreakKind::Spawn, "w"}));
    EXPECT_EQ(m[6].when, (trace::Breakpoint{trace::BreakKind::Wake, "writer"}));
}

TEST(LoaderMoments, AMomentNamesWhatTheScenarioHasAtItsPlace) {
    Doc d;
    d.resources = R"({"cache": {"kind": "mutex"}, "q": {"kind": "channel", "capacity": 2}})";
    d.templates = R"({"main": [{"step": "spawn", "template": "reader"}], "reader": []})";
    d.extraKey = "moments";
    d.extra = R"([
      {"when": {"wake": "raeder"}, "text": "a"},
      {"when": {"contention": "q"}, "text": "b"},
      {"when": {"wake": "reader", "at": "1ms"}, "text": "c"},
      {"when": {"at": "1ms"}, "text": "d", "predict": {"question": "?", "choices": ["x", "y"], "answer": 2}}])";
    const std::string text = d.text();
    EXPECT_EQ(formatted(load(d)),
              (std::vector<std::string>{
                  "t.json:" + where(text, "\"raeder\"") +
                      ": error: moments[0].when.wake: no task named \"raeder\" runs in this "
                      "scenario; did you mean \"reader\"?",
                  "t.json:" + where(text, "\"q\"}, \"text\": \"b\"") +
                      ": error: moments[1].when.contention: no mutex named \"q\"",
                  "t.json:" + where(text, "{\"wake\": \"reader\", \"at\"") +
                      ": error: moments[2].when: a condition names exactly one of \"wake\", "
                      "\"contention\", \"steal\", \"spawn\", \"finding\", \"at\" or \"wait\", "
                      "found 2",
                  "t.json:" + where(text, "2}}]") +
                      ": error: moments[3].predict.answer: the answer (a choice's index) must be "
                      "between 0 and 1, found 2"}));
}

}  // namespace
}  // namespace asyncscope::scenario
