// The scenario model: what a scenario file says, checked and resolved.
//
// A Scenario is the metadata and lesson of a file plus one Program per
// variant: the base program (the file without variant) and, for each
// variant, the program with the variant's overrides applied. A Program is
// self-contained and fully resolved: every resource and template reference is
// an index, every duration is in nanoseconds, every step knows its await
// point. See scenarios/README.md for the file format.
#pragma once

#include <asyncscope/config.hpp>
#include <asyncscope/scenario/json.hpp>
#include <asyncscope/trace/breakpoints.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace asyncscope::scenario {

// Localized text. A scenario may give one language only: `in` falls back to
// the other one.
struct Text {
    std::string en, zh;
    const std::string& in(std::string_view lang) const {
        const std::string& want = lang == "zh" ? zh : en;
        return want.empty() ? (lang == "zh" ? en : zh) : want;
    }
    bool empty() const { return en.empty() && zh.empty(); }
};

enum class ResourceKind : std::uint8_t {
    Mutex,
    BlockingMutex,
    Semaphore,
    Channel,
    UnboundedChannel,
    Oneshot,
    Notify,
    CancelToken,  // tokio_util's CancellationToken
};
std::string_view toString(ResourceKind kind) noexcept;

struct Resource {
    std::string name;
    ResourceKind kind = ResourceKind::Mutex;
    std::uint64_t amount = 0;  // semaphore permits, channel capacity
    bool barging = false;      // mutex: "fairness": "barging" (Go's sync.Mutex)
    int parent = -1;           // cancel_token: the token it is a child of (index)
    SourcePos pos;
};

enum class StepKind : std::uint8_t {
    Compute,
    Sleep,
    Io,
    Yield,
    Lock,
    Unlock,
    BlockingLock,
    BlockingUnlock,
    BlockingSleep,
    Acquire,
    Release,
    Send,
    Recv,
    Close,
    Notify,
    Wait,
    Spawn,
    Join,
    Call,
    SpawnBlocking,
    Timeout,
    Select,
    Cancel,
    Fail,
    Repeat,
    Loop,
    PendingWithoutWaker,
    CancelToken,  // token.cancel()
    Cancelled,    // token.cancelled().await
    Count
};
std::string_view toString(StepKind kind) noexcept;  // the file's spelling: "blocking_lock"

struct Step {
    StepKind kind = StepKind::Yield;
    std::uint32_t index = 0;  // await point S<index> within its template
    SourcePos pos;
    std::string label;
    Duration duration{0};     // compute, sleep, io, blocking_sleep, timeout
    Duration jitter{0};       // io
    int resource = -1;        // index into Program::resources
    int target = -1;          // template index: spawn, call
    std::uint64_t count = 1;  // spawn, repeat; permits for acquire/release; loop: batch
    std::string name;         // spawn: task name; join/cancel: task name ("" = all children)
    SourcePos namePos;        // join/cancel: where the task name is written
    std::string message;      // fail
    bool flag = false;        // spawn/spawn_blocking: detached; notify: all; call: await
    bool local = false;       // spawn: spawn_local (stays on the main thread, needs no Send)
    std::vector<Step> body;   // spawn_blocking, timeout, repeat, loop
    std::vector<std::vector<Step>> branches;  // select
};

struct Template {
    std::string name;
    std::vector<Step> steps;
    std::uint32_t awaitPoints = 0;  // steps in total, nested included
    SourcePos pos;
};

struct StartItem {
    int target = -1;
    std::uint64_t count = 1;
    std::string name;
    // The #[tokio::main] body: polled on the runtime's block_on thread (multi-
    // thread flavor), not on a worker. Set by "block_on": true, or by default
    // on the one start entry of the template named "main" (count 1) unless it
    // says "block_on": false.
    bool blockOn = false;
};

enum class ExpectKind : std::uint8_t {
    Completes,
    Finding,
    NoFinding,
    BlockedWorker,
    Steals,
    Duration,
    TaskState,
    Polls,
    Runs,
    Faster,
};
std::string_view toString(ExpectKind kind) noexcept;

struct Expectation {
    ExpectKind kind = ExpectKind::Completes;
    SourcePos pos;
    std::string finding;  // finding, no_finding: the detector's name
    std::string task;     // task, polls
    SourcePos taskPos;    // where `task` is written
    std::string state;    // task
    int templ = -1;       // runs
    bool hasMin = false, hasMax = false;
    double min = 0, max = 0;    // counts, or nanoseconds for durations
    std::string variant, than;  // faster
    double factor = 0;
};

struct RunSettings {
    RuntimeConfig runtime;
    Duration timeLimit = std::chrono::seconds(30);
};

struct Program {
    RunSettings settings;
    std::vector<Resource> resources;
    std::vector<Template> templates;
    std::vector<StartItem> start;
    std::vector<Expectation> expectations;
    std::uint64_t maxTasks = 0;  // upper bound on the tasks one run starts

    int findTemplate(std::string_view name) const;
    int findResource(std::string_view name) const;
};

struct Variant {
    std::string name;
    Text title, description;
    Program program;
};

struct Lesson {
    Text watch, meaning, tokio;
};

// A guided lesson's moment: the run pauses right after the event that makes
// `when` true (moments are looked for in order, each after the one before),
// and the app shows `text`, highlights what it names, and may ask the
// student to predict what happens next.
struct Moment {
    trace::Breakpoint when;
    Text text;
    std::vector<std::string> tasks;      // highlighted (task or group names)
    std::vector<std::string> resources;  // highlighted
    struct Predict {
        Text question;
        std::vector<Text> choices;
        std::size_t answer = 0;  // index into choices
        Text why;
    };
    std::optional<Predict> predict;
    SourcePos pos;
};

struct Scenario {
    std::string name;  // the file name without .json
    std::string file;
    Text title, description;
    std::string category, difficulty;
    Lesson lesson;
    // The slow motion the lesson is best watched at in the app (1: real
    // time ... 1000: a thousand times slower); 0: not said.
    double speed = 0;
    // A guided lesson: the moments of its base run, in order (empty: none).
    std::vector<Moment> moments;
    Program base;
    std::vector<Variant> variants;

    // "" or "base": the base program; nullptr when there is no such variant.
    const Program* program(std::string_view variant) const;
    const Variant* findVariant(std::string_view variant) const;
};

inline constexpr std::size_t kMaxScenarioBytes = 1 << 20;
inline constexpr std::uint64_t kMaxTasksPerRun = 1'000'000;

}  // namespace asyncscope::scenario
