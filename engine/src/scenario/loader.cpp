#include <asyncscope/scenario/loader.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace asyncscope::scenario {

// ---------------------------------------------------------------- names

namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(StepKind::Count)> kStepNames = {
    "compute",
    "sleep",
    "io",
    "yield",
    "lock",
    "unlock",
    "blocking_lock",
    "blocking_unlock",
    "blocking_sleep",
    "acquire",
    "release",
    "send",
    "recv",
    "close",
    "notify",
    "wait",
    "spawn",
    "join",
    "call",
    "spawn_blocking",
    "timeout",
    "select",
    "cancel",
    "fail",
    "repeat",
    "loop",
    "pending_without_waker"};

constexpr std::array<std::string_view, 7> kResourceNames = {
    "mutex", "blocking_mutex", "semaphore", "channel", "unbounded_channel", "oneshot", "notify"};

constexpr std::array<std::string_view, 10> kExpectNames = {
    "completes", "finding", "no_finding", "blocked_worker", "steals",
    "duration",  "task",    "polls",      "runs",           "faster"};

constexpr std::array<std::string_view, 8> kFindingNames = {
    "deadlock",         "stall",       "lost_waker",     "blocking_the_runtime", "starvation",
    "oversubscription", "lock_convoy", "self_wake_heavy"};

constexpr std::array<std::string_view, 10> kCategories = {
    "futures",   "tasks",        "blocking", "sync",   "channels",
    "scheduler", "cancellation", "io",       "models", "pitfalls"};

constexpr std::array<std::string_view, 3> kDifficulties = {"beginner", "intermediate", "advanced"};

template <std::size_t N>
std::vector<std::string_view> asList(const std::array<std::string_view, N>& a) {
    return {a.begin(), a.end()};
}

template <std::size_t N>
int indexOf(const std::array<std::string_view, N>& a, std::string_view s) {
    for (std::size_t i = 0; i < N; ++i)
        if (a[i] == s) return static_cast<int>(i);
    return -1;
}

std::string quoteList(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += i + 1 == items.size() ? " or " : ", ";
        out += "\"";
        out += items[i];
        out += "\"";
    }
    return out;
}

}  // namespace

std::string_view toString(StepKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kStepNames.size() ? kStepNames[i] : "?";
}

std::string_view toString(ResourceKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kResourceNames.size() ? kResourceNames[i] : "?";
}

std::string_view toString(ExpectKind kind) noexcept {
    const auto i = static_cast<std::size_t>(kind);
    return i < kExpectNames.size() ? kExpectNames[i] : "?";
}

int Program::findTemplate(std::string_view name) const {
    for (std::size_t i = 0; i < templates.size(); ++i)
        if (templates[i].name == name) return static_cast<int>(i);
    return -1;
}

int Program::findResource(std::string_view name) const {
    for (std::size_t i = 0; i < resources.size(); ++i)
        if (resources[i].name == name) return static_cast<int>(i);
    return -1;
}

const Variant* Scenario::findVariant(std::string_view variant) const {
    for (const Variant& v : variants)
        if (v.name == variant) return &v;
    return nullptr;
}

const Program* Scenario::program(std::string_view variant) const {
    if (variant.empty() || variant == "base") return &base;
    const Variant* v = findVariant(variant);
    return v ? &v->program : nullptr;
}

std::string Diagnostic::format() const {
    std::string out = file;
    if (pos.line) out += ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    out += ": error: ";
    if (!path.empty()) out += path + ": ";
    out += message;
    return out;
}

// ---------------------------------------------------------------- durations

std::optional<std::int64_t> parseDuration(std::string_view text) {
    std::size_t i = 0;
    std::uint64_t whole = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (whole > 1'000'000'000'000ULL) return std::nullopt;
        whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++i;
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    double frac = 0, scale = 0.1;
    if (i < text.size() && text[i] == '.') {
        ++i;
        std::size_t fd = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            frac += scale * (text[i] - '0');
            scale /= 10;
            ++i;
            ++fd;
        }
        if (fd == 0) return std::nullopt;
    }
    const std::string_view unit = text.substr(i);
    double mult;
    if (unit == "ns")
        mult = 1;
    else if (unit == "us")
        mult = 1e3;
    else if (unit == "ms")
        mult = 1e6;
    else if (unit == "s")
        mult = 1e9;
    else
        return std::nullopt;
    const double ns = (static_cast<double>(whole) + frac) * mult;
    if (ns > 9.0e18) return std::nullopt;
    return static_cast<std::int64_t>(std::llround(ns));
}

std::string formatDuration(std::int64_t ns) {
    char buf[48];
    const double v = static_cast<double>(ns);
    if (ns != 0 && ns % 1'000'000'000 == 0)
        std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(ns / 1'000'000'000));
    // The unit is chosen after rounding to 3 digits: 999999 ns is "1ms", not "1e+03us".
    else if (ns >= 999'500'000)
        std::snprintf(buf, sizeof buf, v >= 999.5e9 ? "%.0fs" : "%.3gs", v / 1e9);
    else if (ns >= 999'500)
        std::snprintf(buf, sizeof buf, "%.3gms", v / 1e6);
    else if (ns >= 1'000)
        std::snprintf(buf, sizeof buf, "%.3gus", v / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%lldns", static_cast<long long>(ns));
    return buf;
}

// ---------------------------------------------------------------- suggestions

namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const char ca = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
            const char cb = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (ca == cb ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::string closestMatch(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t bestD = SIZE_MAX;
    for (std::string_view c : candidates) {
        const std::size_t d = editDistance(word, c);
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    const std::size_t limit = std::max<std::size_t>(2, std::max(word.size(), best.size()) / 3);
    if (best.empty() || bestD > limit) return {};
    return std::string(best);
}

// ---------------------------------------------------------------- the checker

namespace {

constexpr std::int64_t kMaxDurationNs = 3'600'000'000'000LL;  // one hour

std::size_t utf8Length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool validName(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
            return false;
    return true;
}

class Checker {
public:
    Checker(std::string file, std::vector<Diagnostic>& out) : m_file(std::move(file)), m_out(out) {}

    void error(const JsonNode& at, const std::string& path, std::string message) {
        error(at.pos, path, std::move(message));
    }
    void error(SourcePos pos, const std::string& path, std::string message) {
        for (const Diagnostic& d : m_out)  // a base error repeated by every variant: once
            if (d.pos.line == pos.line && d.pos.column == pos.column && d.message == message)
                return;
        // Checking a variant's merged document: what the variant wrote is
        // reported under its own path (variants[1].config.workers).
        std::string where = path;
        if (m_variantPositions &&
            m_variantPositions->count((std::uint64_t{pos.line} << 32) | pos.column))
            where = path.empty() ? m_variantPrefix : m_variantPrefix + "." + path;
        m_out.push_back({m_file, pos, std::move(where), std::move(message)});
        ++m_count;
    }
    // While set, errors at these positions (line << 32 | column) belong to
    // the variant at `prefix`.
    void setVariant(const std::set<std::uint64_t>* positions, std::string prefix) {
        m_variantPositions = positions;
        m_variantPrefix = std::move(prefix);
    }
    std::size_t count() const { return m_count; }

    // Reports members outside `allowed` (suggesting the closest) and missing
    // `required` ones. Returns false when `node` is no object.
    bool object(const JsonNode& node, const std::string& path,
                const std::vector<std::string_view>& allowed,
                const std::vector<std::string_view>& required, std::string_view what) {
        if (!node.isObject()) {
            error(node, path,
                  "expected " + std::string(what) + " (an object), found " + describeValue(node));
            return false;
        }
        for (std::size_t i = 0; i < node.keys.size(); ++i) {
            const std::string& k = node.keys[i];
            if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
            std::string msg = "unknown field \"" + k + "\" in " + std::string(what);
            const std::string near = closestMatch(k, allowed);
            if (!near.empty())
                msg += "; did you mean \"" + near + "\"?";
            else
                msg += "; expected one of " + quoteList(allowed);
            error(node.keyPos[i], join(path, k), msg);
        }
        for (std::string_view r : required)
            if (!node.find(r))
                error(node, path,
                      "missing required field \"" + std::string(r) + "\" in " + std::string(what));
        return true;
    }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    std::optional<std::string> string(const JsonNode& n, const std::string& path,
                                      std::string_view what) {
        if (!n.isString()) {
            error(n, path,
                  "expected " + std::string(what) + " (a string), found " + describeValue(n));
            return std::nullopt;
        }
        return n.string;
    }

    std::optional<std::string> name(const JsonNode& n, const std::string& path,
                                    std::string_view what) {
        auto s = string(n, path, what);
        if (!s) return std::nullopt;
        if (!validName(*s)) {
            error(n, path,
                  "expected " + std::string(what) +
                      " (1-64 letters, digits, '_', '-' or '.'), found " + describeValue(n));
            return std::nullopt;
        }
        return s;
    }

    // A task name, or one task of a group: "worker", "worker#3".
    std::optional<std::string> taskRef(const JsonNode& n, const std::string& path) {
        auto s = string(n, path, "a task name");
        if (!s) return std::nullopt;
        const auto hash = s->find('#');
        bool ok = validName(s->substr(0, hash));
        if (ok && hash != std::string::npos)
            ok = hash + 1 < s->size() && s->size() - hash <= 7 &&
                 s->find_first_not_of("0123456789", hash + 1) == std::string::npos;
        if (!ok) {
            error(n, path,
                  "expected a task name (1-64 letters, digits, '_', '-' or '.', optionally "
                  "followed by "
                  "#N for one task of a group), found " +
                      describeValue(n));
            return std::nullopt;
        }
        return s;
    }

    template <std::size_t N>
    std::optional<std::string> oneOf(const JsonNode& n, const std::string& path,
                                     std::string_view what,
                                     const std::array<std::string_view, N>& choices) {
        auto s = string(n, path, what);
        if (!s) return std::nullopt;
        if (indexOf(choices, *s) >= 0) return s;
        std::string msg = "expected " + std::string(what) + ": one of " +
                          quoteList(asList(choices)) + ", found " + describeValue(n);
        const std::string near = closestMatch(*s, asList(choices));
        if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
        error(n, path, msg);
        return std::nullopt;
    }

    std::optional<bool> boolean(const JsonNode& n, const std::string& path) {
        if (!n.isBool()) {
            error(n, path, "expected true or false, found " + describeValue(n));
            return std::nullopt;
        }
        return n.boolean;
    }

    std::optional<std::int64_t> integer(const JsonNode& n, const std::string& path, std::int64_t lo,
                                        std::int64_t hi, std::string_view what) {
        std::int64_t value = n.integer;
        if (!n.isNumber() || !n.integral) {
            const bool whole = n.isNumber() && std::floor(n.number) == n.number;
            if (whole && std::fabs(n.number) > 9e18) {
                error(n, path,
                      std::string(what) + " must be between " + std::to_string(lo) + " and " +
                          std::to_string(hi) + ", found " + describeValue(n));
                return std::nullopt;
            }
            if (!whole) {
                error(n, path,
                      "expected " + std::string(what) + " (a whole number), found " +
                          describeValue(n));
                return std::nullopt;
            }
            value = static_cast<std::int64_t>(
                n.number);  // 2.0, 1e3: whole numbers (JSON Schema's "integer")
        }
        if (value < lo || value > hi) {
            error(n, path,
                  std::string(what) + " must be between " + std::to_string(lo) + " and " +
                      std::to_string(hi) + ", found " + std::to_string(value));
            return std::nullopt;
        }
        return value;
    }

    std::optional<double> real(const JsonNode& n, const std::string& path, double lo, double hi,
                               std::string_view what) {
        if (!n.isNumber()) {
            error(n, path,
                  "expected " + std::string(what) + " (a number), found " + describeValue(n));
            return std::nullopt;
        }
        if (!(n.number >= lo && n.number <= hi)) {
            char buf[96];
            std::snprintf(buf, sizeof buf, " must be between %g and %g, found ", lo, hi);
            error(n, path, std::string(what) + buf + describeValue(n));
            return std::nullopt;
        }
        return n.number;
    }

    std::optional<Duration> duration(const JsonNode& n, const std::string& path,
                                     std::string_view what) {
        std::int64_t ns;
        if (n.isNumber()) {
            if (n.number < 0) {
                error(n, path,
                      std::string(what) + " must not be negative, found " + describeValue(n));
                return std::nullopt;
            }
            if (n.number > 3'600'000) {
                error(n, path,
                      std::string(what) + " must be at most 1 hour (3600000 ms), found " +
                          describeValue(n) + " ms");
                return std::nullopt;
            }
            ns = static_cast<std::int64_t>(std::llround(n.number * 1e6));
        } else if (n.isString()) {
            if (!n.string.empty() && n.string[0] == '-') {
                error(n, path,
                      std::string(what) + " must not be negative, found " + describeValue(n));
                return std::nullopt;
            }
            auto d = parseDuration(n.string);
            if (!d) {
                error(n, path,
                      "expected " + std::string(what) +
                          " like \"250us\", \"5ms\" or \"1.5s\" (units ns, us, ms, s), found " +
                          describeValue(n));
                return std::nullopt;
            }
            ns = *d;
            if (ns > kMaxDurationNs) {
                error(n, path,
                      std::string(what) + " must be at most 1 hour, found " + describeValue(n));
                return std::nullopt;
            }
        } else {
            error(n, path,
                  "expected " + std::string(what) +
                      " (a string like \"5ms\" or a number of milliseconds), found " +
                      describeValue(n));
            return std::nullopt;
        }
        return Duration(ns);
    }

    // Localized text: {"en": ..., "zh": ...} with at least one of the two
    // (the app shows the other language where one is missing), or a plain
    // string for both. Never empty.
    bool text(const JsonNode& n, const std::string& path, Text& out, std::string_view what) {
        auto nonEmpty = [&](const JsonNode& v, const std::string& at, std::string_view language) {
            if (v.string.find_first_not_of(" \t\r\n") != std::string::npos) return true;
            error(v, at, std::string(language) + " must not be empty");
            return false;
        };
        if (n.isString()) {
            if (!nonEmpty(n, path, "the text")) return false;
            out.en = out.zh = n.string;
            return true;
        }
        if (!n.isObject()) {
            error(n, path,
                  "expected " + std::string(what) +
                      " (a string, or {\"en\": ..., \"zh\": ...}), found " + describeValue(n));
            return false;
        }
        if (!object(n, path, {"en", "zh"}, {}, what)) return false;
        if (!n.find("en") && !n.find("zh")) {
            error(n, path, std::string(what) + " is empty: give \"en\", \"zh\" or both");
            return false;
        }
        bool ok = true;
        for (const char* lang : {"en", "zh"}) {
            const JsonNode* v = n.find(lang);
            if (!v) continue;
            const bool en = lang[0] == 'e';
            auto s = string(*v, join(path, lang), en ? "English text" : "Chinese text");
            if (!s || !nonEmpty(*v, join(path, lang), en ? "English text" : "Chinese text")) {
                ok = false;
                continue;
            }
            (en ? out.en : out.zh) = *s;
        }
        return ok;
    }

private:
    const std::set<std::uint64_t>* m_variantPositions = nullptr;
    std::string m_variantPrefix;
    std::string m_file;
    std::vector<Diagnostic>& m_out;
    std::size_t m_count = 0;
};

// Builds one Program from a (possibly merged) document.
class ProgramBuilder {
public:
    ProgramBuilder(Checker& c, const std::vector<std::string>& variantNames)
        : m_c(c), m_variantNames(variantNames) {}

    Program build(const JsonNode& root) {
        Program p;
        p.settings.runtime.workers = 4;  // the format's default, with or without a "config" object
        if (const JsonNode* n = root.find("config")) config(*n, p.settings);
        p.settings.runtime.clock = ClockKind::Real;
        if (const JsonNode* n = root.find("resources")) resources(*n, p);
        const JsonNode* templates = root.find("templates");
        if (templates && templates->isObject()) {
            // Names first, so that templates may refer to later ones.
            for (std::size_t i = 0; i < templates->keys.size(); ++i) {
                Template t;
                t.name = templates->keys[i];
                t.pos = templates->keyPos[i];
                if (!validName(t.name))
                    m_c.error(t.pos, "templates",
                              "template name \"" + t.name +
                                  "\" must be 1-64 letters, digits, '_', '-' or '.'");
                p.templates.push_back(std::move(t));
            }
            for (std::size_t i = 0; i < templates->keys.size(); ++i) {
                const std::string path = "templates." + templates->keys[i];
                std::uint32_t next = 0;
                p.templates[i].steps = steps(templates->items[i], path, p, next, false);
                p.templates[i].awaitPoints = next;
            }
        } else if (templates) {
            m_c.error(*templates, "templates",
                      "expected the task templates (an object: name -> array of steps), found " +
                          describeValue(*templates));
        }
        if (const JsonNode* n = root.find("start")) start(*n, p);
        if (const JsonNode* n = root.find("expectations")) expectations(*n, p);
        checkNames(p);
        checkRecursionAndSize(root, p);
        return p;
    }

private:
    void config(const JsonNode& n, RunSettings& s) {
        static const std::vector<std::string_view> keys = {
            "flavor",    "workers",          "global_queue_interval", "lifo_slot",  "stealing",
            "budget",    "preemption_slice", "blocking_threads",      "time_scale", "seed",
            "time_limit"};
        if (!m_c.object(n, "config", keys, {}, "the runtime configuration")) return;
        RuntimeConfig& rc = s.runtime;
        for (std::size_t i = 0; i < n.keys.size(); ++i) {
            const std::string& k = n.keys[i];
            const JsonNode& v = n.items[i];
            const std::string path = "config." + k;
            if (k == "flavor") {
                static constexpr std::array<std::string_view, 2> flavors = {"multi_thread",
                                                                            "current_thread"};
                if (auto f = m_c.oneOf(v, path, "a runtime flavor", flavors))
                    rc.flavor = *f == "multi_thread" ? Flavor::MultiThread : Flavor::CurrentThread;
            } else if (k == "workers") {
                if (auto x = m_c.integer(v, path, 1, 64, "workers"))
                    rc.workers = static_cast<unsigned>(*x);
            } else if (k == "global_queue_interval") {
                if (auto x = m_c.integer(v, path, 1, 1000, "global_queue_interval"))
                    rc.globalQueueInterval = static_cast<unsigned>(*x);
            } else if (k == "lifo_slot") {
                if (auto b = m_c.boolean(v, path)) rc.lifoSlot = *b;
            } else if (k == "stealing") {
                if (auto b = m_c.boolean(v, path)) rc.stealing = *b;
            } else if (k == "budget") {
                if (auto x = m_c.integer(v, path, 0, 100000, "budget"))
                    rc.budget = static_cast<unsigned>(*x);
            } else if (k == "preemption_slice") {
                if (auto d = m_c.duration(v, path, "a duration")) rc.preemptionSlice = *d;
            } else if (k == "blocking_threads") {
                if (auto x = m_c.integer(v, path, 1, 1024, "blocking_threads"))
                    rc.maxBlockingThreads = static_cast<unsigned>(*x);
            } else if (k == "time_scale") {
                if (auto x = m_c.real(v, path, 0.01, 1000, "time_scale")) rc.timeScale = *x;
            } else if (k == "seed") {
                if (auto x = m_c.integer(v, path, 0, INT64_MAX, "seed"))
                    rc.seed = static_cast<std::uint64_t>(*x);
            } else if (k == "time_limit") {
                if (auto d = m_c.duration(v, path, "a duration")) {
                    if (d->count() == 0)
                        m_c.error(v, path, "time_limit must be more than 0");
                    else
                        s.timeLimit = *d;
                }
            }
        }
    }

    void resources(const JsonNode& n, Program& p) {
        if (!n.isObject()) {
            m_c.error(n, "resources",
                      "expected the resources (an object: name -> {\"kind\": ...}), found " +
                          describeValue(n));
            return;
        }
        for (std::size_t i = 0; i < n.keys.size(); ++i) {
            const std::string path = "resources." + n.keys[i];
            Resource r;
            r.name = n.keys[i];
            r.pos = n.keyPos[i];
            if (!validName(r.name))
                m_c.error(r.pos, path,
                          "resource name must be 1-64 letters, digits, '_', '-' or '.'");
            const JsonNode& v = n.items[i];
            if (!m_c.object(v, path, {"kind", "permits", "capacity"}, {"kind"}, "a resource"))
                continue;
            const JsonNode* kind = v.find("kind");
            std::optional<std::string> k;
            if (kind) k = m_c.oneOf(*kind, path + ".kind", "a resource kind", kResourceNames);
            if (k) r.kind = static_cast<ResourceKind>(indexOf(kResourceNames, *k));
            const JsonNode* permits = v.find("permits");
            const JsonNode* capacity = v.find("capacity");
            if (k && r.kind == ResourceKind::Semaphore) {
                if (!permits)
                    m_c.error(v, path, "a semaphore needs \"permits\" (1-1000000)");
                else if (auto x = m_c.integer(*permits, path + ".permits", 1, 1'000'000, "permits"))
                    r.amount = static_cast<std::uint64_t>(*x);
            } else if (permits && k) {
                m_c.error(*permits, path + ".permits",
                          "\"permits\" is only for a semaphore, not a " + *k);
            }
            if (k && r.kind == ResourceKind::Channel) {
                if (!capacity)
                    m_c.error(v, path,
                              "a channel needs \"capacity\" (1-1000000; use \"unbounded_channel\" "
                              "for no limit)");
                else if (auto x =
                             m_c.integer(*capacity, path + ".capacity", 1, 1'000'000, "capacity"))
                    r.amount = static_cast<std::uint64_t>(*x);
            } else if (capacity && k) {
                m_c.error(*capacity, path + ".capacity",
                          "\"capacity\" is only for a channel, not a " + *k);
            }
            p.resources.push_back(std::move(r));
        }
    }

    // Fields of each step kind besides "step" and "label".
    static const std::vector<std::string_view>& stepFields(StepKind k) {
        static const std::vector<std::vector<std::string_view>> table = [] {
            std::vector<std::vector<std::string_view>> t(static_cast<std::size_t>(StepKind::Count));
            auto set = [&](StepKind k2, std::vector<std::string_view> f) {
                t[static_cast<std::size_t>(k2)] = std::move(f);
            };
            set(StepKind::Compute, {"duration"});
            set(StepKind::Sleep, {"duration"});
            set(StepKind::Io, {"duration", "jitter"});
            set(StepKind::BlockingSleep, {"duration"});
            for (StepKind r : {StepKind::Lock, StepKind::Unlock, StepKind::BlockingLock,
                               StepKind::BlockingUnlock, StepKind::Send, StepKind::Recv,
                               StepKind::Close, StepKind::Wait})
                set(r, {"resource"});
            set(StepKind::Acquire, {"resource", "permits"});
            set(StepKind::Release, {"resource", "permits"});
            set(StepKind::Notify, {"resource", "all"});
            set(StepKind::Spawn, {"template", "count", "name", "detached"});
            set(StepKind::Join, {"task"});
            set(StepKind::Call, {"template", "await"});
            set(StepKind::SpawnBlocking, {"steps", "detached"});
            set(StepKind::Timeout, {"duration", "steps"});
            set(StepKind::Select, {"branches"});
            set(StepKind::Cancel, {"task"});
            set(StepKind::Fail, {"message"});
            set(StepKind::Repeat, {"count", "steps"});
            set(StepKind::Loop, {"resource", "steps"});
            for (auto& f : t) {
                f.insert(f.begin(), "label");
                f.insert(f.begin(), "step");
            }
            return t;
        }();
        return table[static_cast<std::size_t>(k)];
    }

    static bool allowedInBlocking(StepKind k) {
        return k == StepKind::Compute || k == StepKind::BlockingSleep ||
               k == StepKind::BlockingLock || k == StepKind::BlockingUnlock ||
               k == StepKind::Fail || k == StepKind::Repeat;
    }

    std::vector<Step> steps(const JsonNode& n, const std::string& path, const Program& p,
                            std::uint32_t& next, bool blocking) {
        std::vector<Step> out;
        if (!n.isArray()) {
            m_c.error(n, path, "expected a list of steps (an array), found " + describeValue(n));
            return out;
        }
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            Step s;
            if (stepOne(n.items[i], Checker::index(path, i), p, next, blocking, s))
                out.push_back(std::move(s));
        }
        return out;
    }

    int resourceRef(const JsonNode& step, const std::string& path, const Program& p, StepKind k) {
        const JsonNode* r = step.find("resource");
        if (!r) return -1;
        auto name = m_c.string(*r, path + ".resource", "a resource name");
        if (!name) return -1;
        const int idx = p.findResource(*name);
        std::vector<ResourceKind> ok;
        switch (k) {
        case StepKind::Lock:
        case StepKind::Unlock: ok = {ResourceKind::Mutex}; break;
        case StepKind::BlockingLock:
        case StepKind::BlockingUnlock: ok = {ResourceKind::BlockingMutex}; break;
        case StepKind::Acquire:
        case StepKind::Release: ok = {ResourceKind::Semaphore}; break;
        case StepKind::Send:
        case StepKind::Recv:
            ok = {ResourceKind::Channel, ResourceKind::UnboundedChannel, ResourceKind::Oneshot};
            break;
        case StepKind::Close:
        case StepKind::Loop: ok = {ResourceKind::Channel, ResourceKind::UnboundedChannel}; break;
        case StepKind::Notify:
        case StepKind::Wait: ok = {ResourceKind::Notify}; break;
        default: break;
        }
        std::string kinds;
        for (std::size_t i = 0; i < ok.size(); ++i) {
            if (i) kinds += i + 1 == ok.size() ? " or " : ", ";
            const std::string_view kn = toString(ok[i]);
            kinds += (kn[0] == 'u' ? "an " : "a ") + std::string(kn);
        }
        if (idx < 0) {
            std::vector<std::string_view> names;
            for (const Resource& res : p.resources) names.push_back(res.name);
            std::string msg = "\"" + *name + "\" is not a resource of this scenario (expected " +
                              kinds + " declared in \"resources\")";
            const std::string near = closestMatch(*name, names);
            if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
            m_c.error(*r, path + ".resource", msg);
            return -1;
        }
        const ResourceKind have = p.resources[static_cast<std::size_t>(idx)].kind;
        if (std::find(ok.begin(), ok.end(), have) == ok.end()) {
            m_c.error(*r, path + ".resource",
                      "\"" + std::string(toString(k)) + "\" needs " + kinds + ", but \"" + *name +
                          "\" is " + (have == ResourceKind::UnboundedChannel ? "an " : "a ") +
                          std::string(toString(have)));
            return -1;
        }
        return idx;
    }

    int templateRef(const JsonNode& node, const std::string& path, const Program& p) {
        auto name = m_c.string(node, path, "a template name");
        if (!name) return -1;
        const int idx = p.findTemplate(*name);
        if (idx < 0) {
            std::vector<std::string_view> names;
            for (const Template& t : p.templates) names.push_back(t.name);
            std::string msg = "\"" + *name + "\" is not a template of this scenario";
            const std::string near = closestMatch(*name, names);
            if (!near.empty())
                msg += "; did you mean \"" + near + "\"?";
            else if (!names.empty())
                msg += " (templates: " + quoteList(names) + ")";
            m_c.error(node, path, msg);
        }
        return idx;
    }

    bool stepOne(const JsonNode& n, const std::string& path, const Program& p, std::uint32_t& next,
                 bool blocking, Step& s) {
        s.pos = n.pos;
        if (!n.isObject()) {
            m_c.error(n, path,
                      "expected a step (an object with \"step\"), found " + describeValue(n));
            return false;
        }
        const JsonNode* kindNode = n.find("step");
        if (!kindNode) {
            m_c.error(n, path,
                      "missing required field \"step\" (the kind of step, e.g. \"sleep\")");
            return false;
        }
        auto kindName = m_c.string(*kindNode, path + ".step", "a step kind");
        if (!kindName) return false;
        const int k = indexOf(kStepNames, *kindName);
        if (k < 0) {
            std::string msg = "unknown step \"" + *kindName + "\"";
            const std::string near = closestMatch(*kindName, asList(kStepNames));
            if (!near.empty())
                msg += "; did you mean \"" + near + "\"?";
            else
                msg += "; expected one of " + quoteList(asList(kStepNames));
            m_c.error(*kindNode, path + ".step", msg);
            return false;
        }
        s.kind = static_cast<StepKind>(k);
        s.index = next++;
        const std::string what = "a \"" + *kindName + "\" step";
        m_c.object(n, path, stepFields(s.kind), {}, what);
        if (blocking && !allowedInBlocking(s.kind))
            m_c.error(*kindNode, path + ".step",
                      "\"" + *kindName +
                          "\" cannot run on the blocking pool (no runtime there); "
                          "spawn_blocking steps may be compute, blocking_sleep, blocking_lock, "
                          "blocking_unlock, fail or repeat");
        if (const JsonNode* l = n.find("label")) {
            if (auto t = m_c.string(*l, path + ".label", "a label")) {
                if (utf8Length(*t) > 200)
                    m_c.error(*l, path + ".label",
                              "a label may be at most 200 characters, found " +
                                  std::to_string(utf8Length(*t)));
                else
                    s.label = *t;
            }
        }

        auto required = [&](std::string_view field) -> const JsonNode* {
            const JsonNode* f = n.find(field);
            if (!f)
                m_c.error(n, path,
                          "missing required field \"" + std::string(field) + "\" in " + what);
            return f;
        };
        auto needDuration = [&](Duration& out) {
            if (const JsonNode* d = required("duration"))
                if (auto v = m_c.duration(*d, path + ".duration", "a duration")) out = *v;
        };
        auto body = [&](std::string_view field, bool inBlocking) {
            if (const JsonNode* b = required(field))
                s.body = steps(*b, path + "." + std::string(field), p, next, inBlocking);
        };
        switch (s.kind) {
        case StepKind::Compute:
        case StepKind::Sleep:
        case StepKind::BlockingSleep: needDuration(s.duration); break;
        case StepKind::Io:
            needDuration(s.duration);
            if (const JsonNode* j = n.find("jitter"))
                if (auto v = m_c.duration(*j, path + ".jitter", "a duration")) s.jitter = *v;
            break;
        case StepKind::Lock:
        case StepKind::Unlock:
        case StepKind::BlockingLock:
        case StepKind::BlockingUnlock:
        case StepKind::Send:
        case StepKind::Recv:
        case StepKind::Close:
        case StepKind::Wait:
        case StepKind::Notify:
            if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
            if (s.kind == StepKind::Notify)
                if (const JsonNode* a = n.find("all"))
                    if (auto b = m_c.boolean(*a, path + ".all")) s.flag = *b;
            break;
        case StepKind::Acquire:
        case StepKind::Release:
            if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
            s.count = 1;
            if (const JsonNode* c = n.find("permits"))
                if (auto x = m_c.integer(*c, path + ".permits", 1, 1'000'000, "permits"))
                    s.count = static_cast<std::uint64_t>(*x);
            if (s.resource >= 0 &&
                s.count > p.resources[static_cast<std::size_t>(s.resource)].amount &&
                s.kind == StepKind::Acquire)
                m_c.error(
                    n, path,
                    "asks for " + std::to_string(s.count) + " permits but semaphore \"" +
                        p.resources[static_cast<std::size_t>(s.resource)].name + "\" has only " +
                        std::to_string(p.resources[static_cast<std::size_t>(s.resource)].amount) +
                        ": it would wait forever");
            break;
        case StepKind::Spawn:
            if (const JsonNode* t = required("template")) {
                s.target = templateRef(*t, path + ".template", p);
                if (s.target >= 0) s.name = p.templates[static_cast<std::size_t>(s.target)].name;
            }
            if (const JsonNode* c = n.find("count"))
                if (auto x = m_c.integer(*c, path + ".count", 1, 100'000, "count"))
                    s.count = static_cast<std::uint64_t>(*x);
            if (const JsonNode* nm = n.find("name"))
                if (auto x = m_c.name(*nm, path + ".name", "a task name")) s.name = *x;
            if (const JsonNode* d = n.find("detached"))
                if (auto b = m_c.boolean(*d, path + ".detached")) s.flag = *b;
            break;
        case StepKind::Join:
        case StepKind::Cancel:
            if (const JsonNode* t = s.kind == StepKind::Cancel ? required("task") : n.find("task"))
                if (auto x = m_c.taskRef(*t, path + ".task")) s.name = *x;
            break;
        case StepKind::Call:
            if (const JsonNode* t = required("template"))
                s.target = templateRef(*t, path + ".template", p);
            s.flag = true;
            if (const JsonNode* a = n.find("await"))
                if (auto b = m_c.boolean(*a, path + ".await")) s.flag = *b;
            break;
        case StepKind::SpawnBlocking:
            if (const JsonNode* d = n.find("detached"))
                if (auto b = m_c.boolean(*d, path + ".detached")) s.flag = *b;
            body("steps", true);
            break;
        case StepKind::Timeout:
            needDuration(s.duration);
            body("steps", blocking);
            break;
        case StepKind::Repeat:
            if (const JsonNode* c = required("count"))
                if (auto x = m_c.integer(*c, path + ".count", 0, 1'000'000, "count"))
                    s.count = static_cast<std::uint64_t>(*x);
            body("steps", blocking);
            break;
        case StepKind::Loop:
            if (required("resource")) s.resource = resourceRef(n, path, p, s.kind);
            body("steps", blocking);
            break;
        case StepKind::Select:
            if (const JsonNode* b = required("branches")) {
                if (!b->isArray()) {
                    m_c.error(*b, path + ".branches",
                              "expected the branches (an array of step arrays), found " +
                                  describeValue(*b));
                } else if (b->items.size() < 2 || b->items.size() > 16) {
                    m_c.error(*b, path + ".branches",
                              "a select needs 2 to 16 branches, found " +
                                  std::to_string(b->items.size()));
                } else {
                    for (std::size_t i = 0; i < b->items.size(); ++i)
                        s.branches.push_back(steps(
                            b->items[i], Checker::index(path + ".branches", i), p, next, false));
                }
            }
            break;
        case StepKind::Fail:
            if (const JsonNode* m = required("message"))
                if (auto x = m_c.string(*m, path + ".message", "an error message")) {
                    if (x->empty())
                        m_c.error(*m, path + ".message", "the error message must not be empty");
                    s.message = *x;
                }
            break;
        case StepKind::Yield:
        case StepKind::PendingWithoutWaker:
        case StepKind::Count: break;
        }
        return true;
    }

    void start(const JsonNode& n, Program& p) {
        if (!n.isArray()) {
            m_c.error(
                n, "start",
                "expected what starts at time zero (an array of {\"template\": ...}), found " +
                    describeValue(n));
            return;
        }
        if (n.items.empty())
            m_c.error(n, "start", "nothing starts: add at least one {\"template\": ...}");
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            const std::string path = Checker::index("start", i);
            const JsonNode& v = n.items[i];
            if (!m_c.object(v, path, {"template", "count", "name"}, {"template"}, "a start entry"))
                continue;
            StartItem s;
            if (const JsonNode* t = v.find("template")) {
                s.target = templateRef(*t, path + ".template", p);
                if (s.target >= 0) s.name = p.templates[static_cast<std::size_t>(s.target)].name;
            }
            if (const JsonNode* c = v.find("count"))
                if (auto x = m_c.integer(*c, path + ".count", 1, 100'000, "count"))
                    s.count = static_cast<std::uint64_t>(*x);
            if (const JsonNode* nm = v.find("name"))
                if (auto x = m_c.name(*nm, path + ".name", "a task name")) s.name = *x;
            if (s.target >= 0) p.start.push_back(std::move(s));
        }
    }

    void bounds(const JsonNode& v, const std::string& path, Expectation& e, bool isDuration) {
        for (const char* key : {"at_least", "at_most"}) {
            const JsonNode* b = v.find(key);
            if (!b) continue;
            double x;
            if (isDuration) {
                auto d = m_c.duration(*b, path + "." + key, "a duration");
                if (!d) continue;
                x = static_cast<double>(d->count());
            } else {
                auto i = m_c.integer(*b, path + "." + key, 0, INT64_MAX, "a count");
                if (!i) continue;
                x = static_cast<double>(*i);
            }
            if (key[3] == 'l')
                e.hasMin = true, e.min = x;
            else
                e.hasMax = true, e.max = x;
        }
        if (!v.find("at_least") && !v.find("at_most"))
            m_c.error(
                v, path,
                "\"" + std::string(toString(e.kind)) + "\" needs \"at_least\" and/or \"at_most\"");
        else if (e.hasMin && e.hasMax && e.min > e.max)
            m_c.error(v, path, "\"at_least\" is more than \"at_most\": nothing can pass");
    }

    void expectations(const JsonNode& n, Program& p) {
        if (!n.isArray()) {
            m_c.error(n, "expectations",
                      "expected a list of expectations (an array), found " + describeValue(n));
            return;
        }
        for (std::size_t i = 0; i < n.items.size(); ++i) {
            const std::string path = Checker::index("expectations", i);
            const JsonNode& v = n.items[i];
            if (!v.isObject()) {
                m_c.error(v, path,
                          "expected an expectation (an object with \"expect\"), found " +
                              describeValue(v));
                continue;
            }
            const JsonNode* k = v.find("expect");
            if (!k) {
                m_c.error(v, path, "missing required field \"expect\" (e.g. \"completes\")");
                continue;
            }
            auto kind = m_c.oneOf(*k, path + ".expect", "an expectation kind", kExpectNames);
            if (!kind) continue;
            Expectation e;
            e.pos = v.pos;
            e.kind = static_cast<ExpectKind>(indexOf(kExpectNames, *kind));
            const std::string what = "a \"" + *kind + "\" expectation";
            switch (e.kind) {
            case ExpectKind::Completes: m_c.object(v, path, {"expect"}, {}, what); break;
            case ExpectKind::Finding:
            case ExpectKind::NoFinding:
                m_c.object(v, path, {"expect", "finding"}, {"finding"}, what);
                if (const JsonNode* f = v.find("finding"))
                    if (auto x = m_c.oneOf(*f, path + ".finding", "a finding", kFindingNames))
                        e.finding = *x;
                break;
            case ExpectKind::BlockedWorker:
                m_c.object(v, path, {"expect", "at_least"}, {"at_least"}, what);
                if (v.find("at_least")) bounds(v, path, e, true);
                break;
            case ExpectKind::Steals:
                m_c.object(v, path, {"expect", "at_least"}, {"at_least"}, what);
                if (v.find("at_least")) bounds(v, path, e, false);
                break;
            case ExpectKind::Duration:
                m_c.object(v, path, {"expect", "at_least", "at_most"}, {}, what);
                bounds(v, path, e, true);
                break;
            case ExpectKind::TaskState: {
                m_c.object(v, path, {"expect", "task", "state"}, {"task", "state"}, what);
                if (const JsonNode* t = v.find("task"))
                    if (auto x = m_c.taskRef(*t, path + ".task")) e.task = *x;
                static constexpr std::array<std::string_view, 4> states = {
                    "complete", "error", "cancelled", "unfinished"};
                if (const JsonNode* s = v.find("state"))
                    if (auto x = m_c.oneOf(*s, path + ".state", "a final task state", states))
                        e.state = *x;
                break;
            }
            case ExpectKind::Polls:
                m_c.object(v, path, {"expect", "task", "at_least", "at_most"}, {"task"}, what);
                if (const JsonNode* t = v.find("task"))
                    if (auto x = m_c.taskRef(*t, path + ".task")) e.task = *x;
                bounds(v, path, e, false);
                break;
            case ExpectKind::Runs:
                m_c.object(v, path, {"expect", "template", "at_least", "at_most"}, {"template"},
                           what);
                if (const JsonNode* t = v.find("template"))
                    e.templ = templateRef(*t, path + ".template", p);
                bounds(v, path, e, false);
                break;
            case ExpectKind::Faster:
                m_c.object(v, path, {"expect", "variant", "than", "factor"},
                           {"variant", "than", "factor"}, what);
                for (const char* key : {"variant", "than"}) {
                    const JsonNode* x = v.find(key);
                    if (!x) continue;
                    auto s = m_c.string(*x, path + "." + key, "a variant name");
                    if (!s) continue;
                    const bool known =
                        *s == "base" || std::find(m_variantNames.begin(), m_variantNames.end(),
                                                  *s) != m_variantNames.end();
                    if (!known) {
                        std::vector<std::string_view> names = {"base"};
                        for (const std::string& vn : m_variantNames) names.push_back(vn);
                        std::string msg =
                            "\"" + *s +
                            "\" is not a variant of this scenario (variants: " + quoteList(names) +
                            ")";
                        m_c.error(*x, path + "." + key, msg);
                        continue;
                    }
                    (key[0] == 'v' ? e.variant : e.than) = *s;
                }
                if (!e.variant.empty() && e.variant == e.than)
                    m_c.error(v, path, "\"variant\" and \"than\" name the same variant");
                if (const JsonNode* f = v.find("factor")) {
                    if (f->isNumber() && !(f->number > 1.0))
                        m_c.error(*f, path + ".factor",
                                  "factor must be more than 1, found " + describeValue(*f));
                    else if (auto x = m_c.real(*f, path + ".factor", 1.0, 1e6, "factor"))
                        e.factor = *x;
                }
                break;
            }
            p.expectations.push_back(std::move(e));
        }
    }

    // Names used by join/cancel/expectations must be names some spawn gives.
    void checkNames(const Program& p) {
        std::set<std::string> names;
        for (const StartItem& s : p.start) names.insert(s.name);
        std::function<void(const std::vector<Step>&)> collect =
            [&](const std::vector<Step>& steps) {
                for (const Step& s : steps) {
                    if (s.kind == StepKind::Spawn && !s.name.empty()) names.insert(s.name);
                    collect(s.body);
                    for (const auto& b : s.branches) collect(b);
                }
            };
        for (const Template& t : p.templates) collect(t.steps);
        // "w#2" (one task of a group) is known when "w" is.
        auto known = [&](const std::string& n) {
            const auto hash = n.find('#');
            return names.count(n) != 0 ||
                   (hash != std::string::npos && names.count(n.substr(0, hash)) != 0);
        };
        std::vector<std::string_view> list(names.begin(), names.end());
        auto complain = [&](SourcePos pos, const std::string& path, const std::string& n) {
            std::string msg =
                "no task is named \"" + n + "\" (tasks are named by \"spawn\" and \"start\")";
            const std::string near = closestMatch(n, list);
            if (!near.empty()) msg += "; did you mean \"" + near + "\"?";
            m_c.error(pos, path, msg);
        };
        std::function<void(const std::vector<Step>&, const std::string&)> check =
            [&](const std::vector<Step>& steps, const std::string& tname) {
                for (const Step& s : steps) {
                    if ((s.kind == StepKind::Join || s.kind == StepKind::Cancel) &&
                        !s.name.empty() && !known(s.name))
                        complain(s.pos, "templates." + tname, s.name);
                    check(s.body, tname);
                    for (const auto& b : s.branches) check(b, tname);
                }
            };
        for (const Template& t : p.templates) check(t.steps, t.name);
        for (std::size_t i = 0; i < p.expectations.size(); ++i) {
            const Expectation& e = p.expectations[i];
            if ((e.kind == ExpectKind::TaskState || e.kind == ExpectKind::Polls) &&
                !e.task.empty() && !known(e.task))
                complain(e.pos, Checker::index("expectations", i), e.task);
        }
    }

    static std::uint64_t satAdd(std::uint64_t a, std::uint64_t b) {
        return a > kCap - b ? kCap : a + b;
    }
    static std::uint64_t satMul(std::uint64_t a, std::uint64_t b) {
        if (a == 0 || b == 0) return 0;
        return a > kCap / b ? kCap : a * b;
    }
    static constexpr std::uint64_t kCap = std::uint64_t(1) << 62;

    void checkRecursionAndSize(const JsonNode& root, Program& p) {
        const std::size_t n = p.templates.size();
        // Edges: template -> templates it spawns or calls (with the step that does it).
        struct Edge {
            int to;
            const Step* step;
        };
        std::vector<std::vector<Edge>> edges(n);
        std::function<void(std::size_t, const std::vector<Step>&)> collect =
            [&](std::size_t from, const std::vector<Step>& steps) {
                for (const Step& s : steps) {
                    if ((s.kind == StepKind::Spawn || (s.kind == StepKind::Call && s.flag)) &&
                        s.target >= 0)
                        edges[from].push_back({s.target, &s});
                    collect(from, s.body);
                    for (const auto& b : s.branches) collect(from, b);
                }
            };
        for (std::size_t i = 0; i < n; ++i) collect(i, p.templates[i].steps);
        std::vector<int> color(n, 0);  // 0 new, 1 on the stack, 2 done
        std::vector<int> stack;
        bool cyclic = false;
        std::function<void(int)> dfs = [&](int u) {
            color[static_cast<std::size_t>(u)] = 1;
            stack.push_back(u);
            for (const Edge& e : edges[static_cast<std::size_t>(u)]) {
                if (color[static_cast<std::size_t>(e.to)] == 1) {
                    std::string chain;
                    auto it = std::find(stack.begin(), stack.end(), e.to);
                    for (; it != stack.end(); ++it)
                        chain += p.templates[static_cast<std::size_t>(*it)].name + " -> ";
                    chain += p.templates[static_cast<std::size_t>(e.to)].name;
                    m_c.error(e.step->pos,
                              "templates." + p.templates[static_cast<std::size_t>(u)].name,
                              "unbounded spawn recursion: " + chain +
                                  " (a template must not spawn or call itself, directly or through "
                                  "others)");
                    cyclic = true;
                } else if (color[static_cast<std::size_t>(e.to)] == 0) {
                    dfs(e.to);
                }
            }
            stack.pop_back();
            color[static_cast<std::size_t>(u)] = 2;
        };
        for (std::size_t i = 0; i < n; ++i)
            if (color[i] == 0) dfs(static_cast<int>(i));
        if (cyclic) return;
        // Tasks each template starts (a DAG now), memoized. A `loop` body runs
        // once per message: pass 1 counts it once, then bounds the messages
        // of each channel by its sends (each at most once per task that can
        // exist, times its enclosing repeats), and pass 2 uses that bound.
        std::vector<std::uint64_t> memo(n, UINT64_MAX);
        std::vector<std::uint64_t> loopTimes(p.resources.size(), 1);
        std::function<std::uint64_t(int)> tasksOf = [&](int t) -> std::uint64_t {
            auto& m = memo[static_cast<std::size_t>(t)];
            if (m != UINT64_MAX) return m;
            std::function<std::uint64_t(const std::vector<Step>&)> count =
                [&](const std::vector<Step>& steps) {
                    std::uint64_t total = 0;
                    for (const Step& s : steps) {
                        if (s.kind == StepKind::Spawn && s.target >= 0)
                            total = satAdd(total, satMul(s.count, satAdd(1, tasksOf(s.target))));
                        else if (s.kind == StepKind::Call && s.flag && s.target >= 0)
                            total = satAdd(total, tasksOf(s.target));
                        else if (s.kind == StepKind::Repeat)
                            total = satAdd(total, satMul(s.count, count(s.body)));
                        else if (s.kind == StepKind::Loop && s.resource >= 0)
                            total = satAdd(total,
                                           satMul(loopTimes[static_cast<std::size_t>(s.resource)],
                                                  count(s.body)));
                        else if (s.kind == StepKind::Select)
                            for (const auto& b : s.branches)
                                total = satAdd(total, satAdd(1, count(b)));
                        else
                            total = satAdd(total, count(s.body));
                    }
                    return total;
                };
            m = count(p.templates[static_cast<std::size_t>(t)].steps);
            return m;
        };
        auto runTotal = [&] {
            std::uint64_t total = 0;
            for (const StartItem& s : p.start)
                total = satAdd(total, satMul(s.count, satAdd(1, tasksOf(s.target))));
            return total;
        };
        std::uint64_t total = runTotal();
        bool loopSpawns = false;
        std::function<void(const std::vector<Step>&, bool)> findLoopSpawns =
            [&](const std::vector<Step>& steps, bool inLoop) {
                for (const Step& s : steps) {
                    if (inLoop && (s.kind == StepKind::Spawn || s.kind == StepKind::Call ||
                                   s.kind == StepKind::Select))
                        loopSpawns = true;
                    findLoopSpawns(s.body, inLoop || s.kind == StepKind::Loop);
                    for (const auto& b : s.branches) findLoopSpawns(b, inLoop);
                }
            };
        for (const Template& t : p.templates) findLoopSpawns(t.steps, false);
        if (loopSpawns) {
            std::vector<std::uint64_t> sends(p.resources.size(), 0);
            std::function<void(const std::vector<Step>&, std::uint64_t)> countSends =
                [&](const std::vector<Step>& steps, std::uint64_t times) {
                    for (const Step& s : steps) {
                        if (s.kind == StepKind::Send && s.resource >= 0)
                            sends[static_cast<std::size_t>(s.resource)] =
                                satAdd(sends[static_cast<std::size_t>(s.resource)], times);
                        countSends(s.body,
                                   s.kind == StepKind::Repeat ? satMul(times, s.count) : times);
                        for (const auto& b : s.branches) countSends(b, times);
                    }
                };
            for (const Template& t : p.templates) countSends(t.steps, satAdd(total, 1));
            for (std::size_t r = 0; r < sends.size(); ++r)
                loopTimes[r] = std::max<std::uint64_t>(1, sends[r]);
            std::fill(memo.begin(), memo.end(), UINT64_MAX);
            total = runTotal();
        }
        p.maxTasks = total;
        if (total > kMaxTasksPerRun)
            m_c.error(root.find("start") ? root.find("start")->pos : root.pos, "start",
                      "one run would start " +
                          (total >= kCap ? std::string("more than 4e18") : std::to_string(total)) +
                          " tasks; at most " + std::to_string(kMaxTasksPerRun) +
                          " are allowed (lower a spawn or repeat count" +
                          (loopSpawns ? std::string(", or spawn less per message in a loop")
                                      : std::string()) +
                          ")");
    }

    Checker& m_c;
    const std::vector<std::string>& m_variantNames;
};

}  // namespace

// ---------------------------------------------------------------- the loader

LoadResult loadScenario(std::string_view text, std::string_view file, std::string_view name) {
    LoadResult result;
    std::string fileName(file.empty() ? "<scenario>" : file);
    Checker c(fileName, result.errors);
    if (text.size() > kMaxScenarioBytes) {
        c.error(SourcePos{}, "",
                "the file is " + std::to_string(text.size()) +
                    " bytes; a scenario may be at most " + std::to_string(kMaxScenarioBytes) +
                    " bytes (1 MiB)");
        return result;
    }
    JsonParseResult parsed = parseJsonDocument(text);
    for (const JsonError& e : parsed.errors) c.error(e.pos, e.path, e.message);
    if (!parsed.ok) return result;
    const JsonNode& root = parsed.root;

    Scenario sc;
    sc.file = fileName;
    if (!name.empty()) {
        sc.name = std::string(name);
    } else {
        std::string base = fileName.substr(fileName.find_last_of("/\\") + 1);
        if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0)
            base.resize(base.size() - 5);
        sc.name = base;
    }
    static const std::vector<std::string_view> topKeys = {
        "$schema", "version",   "title",     "description", "category",     "difficulty", "lesson",
        "config",  "resources", "templates", "start",       "expectations", "variants"};
    if (!c.object(root, "", topKeys, {"version", "title", "templates", "start"}, "a scenario")) {
        return result;
    }
    if (const JsonNode* v = root.find("version")) {
        if (!v->isNumber() || v->number != 1.0)
            c.error(*v, "version",
                    "expected 1 (the only scenario format version), found " + describeValue(*v));
    }
    if (const JsonNode* s = root.find("$schema"))
        c.string(*s, "$schema", "the schema's path or URL");
    if (const JsonNode* t = root.find("title")) c.text(*t, "title", sc.title, "the title");
    if (const JsonNode* t = root.find("description"))
        c.text(*t, "description", sc.description, "the description");
    if (const JsonNode* t = root.find("category"))
        if (auto x = c.oneOf(*t, "category", "a category", kCategories)) sc.category = *x;
    if (const JsonNode* t = root.find("difficulty"))
        if (auto x = c.oneOf(*t, "difficulty", "a difficulty", kDifficulties)) sc.difficulty = *x;
    if (const JsonNode* l = root.find("lesson")) {
        if (c.object(*l, "lesson", {"watch", "meaning", "tokio"}, {}, "the lesson")) {
            if (const JsonNode* t = l->find("watch"))
                c.text(*t, "lesson.watch", sc.lesson.watch, "lesson text");
            if (const JsonNode* t = l->find("meaning"))
                c.text(*t, "lesson.meaning", sc.lesson.meaning, "lesson text");
            if (const JsonNode* t = l->find("tokio"))
                c.text(*t, "lesson.tokio", sc.lesson.tokio, "lesson text");
        }
    }

    // Variant names first: "faster" expectations refer to them.
    std::vector<std::string> variantNames;
    const JsonNode* variants = root.find("variants");
    if (variants && !variants->isArray()) {
        c.error(*variants, "variants",
                "expected a list of variants (an array), found " + describeValue(*variants));
        variants = nullptr;
    }
    if (variants) {
        for (std::size_t i = 0; i < variants->items.size(); ++i) {
            const JsonNode* nm =
                variants->items[i].isObject() ? variants->items[i].find("name") : nullptr;
            if (!nm) continue;
            const std::string path = Checker::index("variants", i) + ".name";
            auto s = c.name(*nm, path, "a variant name");
            if (!s) continue;
            if (*s == "base") {
                c.error(
                    *nm, path,
                    "\"base\" is reserved for the scenario without variant; choose another name");
                continue;
            }
            if (std::find(variantNames.begin(), variantNames.end(), *s) != variantNames.end()) {
                c.error(*nm, path, "a second variant named \"" + *s + "\"");
                continue;
            }
            variantNames.push_back(*s);
        }
    }

    ProgramBuilder builder(c, variantNames);
    sc.base = builder.build(root);

    if (variants) {
        for (std::size_t i = 0; i < variants->items.size(); ++i) {
            const std::string path = Checker::index("variants", i);
            const JsonNode& v = variants->items[i];
            if (!c.object(v, path,
                          {"name", "title", "description", "config", "resources", "templates",
                           "start", "expectations"},
                          {"name", "title"}, "a variant"))
                continue;
            Variant var;
            if (const JsonNode* nm = v.find("name"); nm && nm->isString()) var.name = nm->string;
            if (const JsonNode* t = v.find("title"))
                c.text(*t, path + ".title", var.title, "the variant's title");
            if (const JsonNode* t = v.find("description"))
                c.text(*t, path + ".description", var.description, "the variant's description");
            // The merged document: the scenario with this variant's overrides.
            JsonNode merged = root;
            bool shapeOk = true;
            for (const char* key : {"config", "resources", "templates"}) {
                const JsonNode* over = v.find(key);
                if (!over) continue;
                if (!over->isObject()) {
                    c.error(*over, path + "." + key,
                            "expected an object of overrides, found " + describeValue(*over));
                    shapeOk = false;
                    continue;
                }
                JsonNode* target = merged.find(key);
                if (!target || !target->isObject()) {
                    merged.set(key, *over, over->pos);
                    continue;
                }
                for (std::size_t k = 0; k < over->keys.size(); ++k)
                    target->set(over->keys[k], over->items[k], over->keyPos[k]);
            }
            for (const char* key : {"start", "expectations"})
                if (const JsonNode* over = v.find(key)) merged.set(key, *over, over->pos);
            if (!shapeOk) continue;
            std::set<std::uint64_t> positions;
            std::function<void(const JsonNode&)> collect = [&](const JsonNode& n) {
                positions.insert((std::uint64_t{n.pos.line} << 32) | n.pos.column);
                for (const SourcePos& kp : n.keyPos)
                    positions.insert((std::uint64_t{kp.line} << 32) | kp.column);
                for (const JsonNode& item : n.items) collect(item);
            };
            for (const char* key : {"config", "resources", "templates", "start", "expectations"})
                if (const JsonNode* over = v.find(key)) collect(*over);
            c.setVariant(&positions, path);
            var.program = builder.build(merged);
            c.setVariant(nullptr, {});
            sc.variants.push_back(std::move(var));
        }
    }

    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const Diagnostic& a, const Diagnostic& b) {
                         const auto la = a.pos.line ? a.pos.line : UINT32_MAX,
                                    lb = b.pos.line ? b.pos.line : UINT32_MAX;
                         return la != lb ? la < lb : a.pos.column < b.pos.column;
                     });
    if (c.count() == 0) result.scenario = std::move(sc);
    return result;
}

LoadResult loadScenarioFile(const std::string& path) {
    LoadResult result;
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status)) {
        result.ioError = true;
        result.errors.push_back({path, {}, "", "is a folder, not a scenario file"});
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        result.ioError = true;
        result.errors.push_back({path,
                                 {},
                                 "",
                                 ec == std::errc::no_such_file_or_directory
                                     ? "no such file"
                                     : "cannot open the file (may you read it?)"});
        return result;
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxScenarioBytes) {
            result.errors.push_back({path,
                                     {},
                                     "",
                                     "the file is larger than " +
                                         std::to_string(kMaxScenarioBytes) +
                                         " bytes (1 MiB); a scenario may be at most that"});
            return result;
        }
    }
    if (in.bad()) {
        result.ioError = true;
        result.errors.push_back({path, {}, "", "reading the file failed"});
        return result;
    }
    return loadScenario(text, path);
}

}  // namespace asyncscope::scenario
