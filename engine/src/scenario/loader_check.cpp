// Pass 2, check (see the design note in loader_passes.hpp): the Checker's
// value checks and its diagnostics, the document's header, and the value
// syntax they share with the rest of the engine -- durations ("250us", "5ms",
// "1.5s") and the "did you mean" suggestions.
#include "scenario/loader_passes.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace asyncscope::scenario {

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

namespace passes {

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

namespace {
constexpr std::int64_t kMaxDurationNs = 3'600'000'000'000LL;  // one hour
}  // namespace

// ------------------------------------------------------------- the checker

namespace {
// A path of a deeply nested step keeps its first and last few levels and
// counts the ones between ("templates.main[0].steps[0]...(120 levels)
// .steps[0].steps"): the line:column says exactly where, the path only
// needs to be read.
std::string shortPath(const std::string& path) {
    constexpr std::size_t kKeep = 4;
    std::vector<std::size_t> dots;
    for (std::size_t i = 0; i < path.size(); ++i)
        if (path[i] == '.') dots.push_back(i);
    if (path.size() <= 120 || dots.size() < 2 * kKeep + 2) return path;
    const std::size_t from = dots[kKeep], to = dots[dots.size() - kKeep];
    const std::size_t hidden = dots.size() - 2 * kKeep;
    return path.substr(0, from) + "...(" + std::to_string(hidden) + " levels)" + path.substr(to);
}
}  // namespace

bool Checker::add(std::vector<Diagnostic>& to, SourcePos pos, const std::string& path,
                  std::string message, bool warning) {
    for (const Diagnostic& d : to)  // a base diagnostic repeated by every variant: once
        if (d.pos.line == pos.line && d.pos.column == pos.column && d.message == message)
            return false;
    // Checking a variant's merged document: what the variant wrote is
    // reported under its own path (variants[1].config.workers).
    std::string where = shortPath(path);
    if (m_variantPositions &&
        m_variantPositions->count((std::uint64_t{pos.line} << 32) | pos.column))
        where = where.empty() ? m_variantPrefix : m_variantPrefix + "." + where;
    to.push_back({m_file, pos, std::move(where), std::move(message), warning});
    return true;
}

void Checker::error(SourcePos pos, const std::string& path, std::string message) {
    if (add(m_out, pos, path, std::move(message), false)) ++m_count;
}

void Checker::warning(SourcePos pos, const std::string& path, std::string message) {
    if (m_warnings) add(*m_warnings, pos, path, std::move(message), true);
}

bool Checker::object(const JsonNode& node, const std::string& path,
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

std::optional<std::string> Checker::string(const JsonNode& n, const std::string& path,
                                           std::string_view what) {
    if (!n.isString()) {
        error(n, path, "expected " + std::string(what) + " (a string), found " + describeValue(n));
        return std::nullopt;
    }
    return n.string;
}

std::optional<std::string> Checker::name(const JsonNode& n, const std::string& path,
                                         std::string_view what) {
    auto s = string(n, path, what);
    if (!s) return std::nullopt;
    if (!validName(*s)) {
        error(n, path,
              "expected " + std::string(what) + " (1-64 letters, digits, '_', '-' or '.'), found " +
                  describeValue(n));
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> Checker::taskRef(const JsonNode& n, const std::string& path) {
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

std::optional<bool> Checker::boolean(const JsonNode& n, const std::string& path) {
    if (!n.isBool()) {
        error(n, path, "expected true or false, found " + describeValue(n));
        return std::nullopt;
    }
    return n.boolean;
}

std::optional<std::int64_t> Checker::integer(const JsonNode& n, const std::string& path,
                                             std::int64_t lo, std::int64_t hi,
                                             std::string_view what) {
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
                  "expected " + std::string(what) + " (a whole number), found " + describeValue(n));
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

std::optional<double> Checker::real(const JsonNode& n, const std::string& path, double lo,
                                    double hi, std::string_view what) {
    if (!n.isNumber()) {
        error(n, path, "expected " + std::string(what) + " (a number), found " + describeValue(n));
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

std::optional<Duration> Checker::duration(const JsonNode& n, const std::string& path,
                                          std::string_view what) {
    std::int64_t ns;
    if (n.isNumber()) {
        if (n.number < 0) {
            error(n, path, std::string(what) + " must not be negative, found " + describeValue(n));
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
            error(n, path, std::string(what) + " must not be negative, found " + describeValue(n));
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

bool Checker::text(const JsonNode& n, const std::string& path, Text& out, std::string_view what) {
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

// ----------------------------------------------------- the document's header

bool checkHeader(Checker& c, const JsonNode& root, Scenario& sc) {
    static const std::vector<std::string_view> topKeys = {
        "$schema",    "version",   "title", "description",  "category",
        "difficulty", "lesson",    "speed", "moments",      "config",
        "resources",  "templates", "start", "expectations", "variants"};
    if (!c.object(root, "", topKeys, {"version", "title", "templates", "start"}, "a scenario")) {
        return false;
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
    if (const JsonNode* sp = root.find("speed"))
        if (auto x = c.real(*sp, "speed", 1, 1000, "speed")) sc.speed = *x;
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
    return true;
}

}  // namespace passes
}  // namespace asyncscope::scenario
