// The structural check of a Chrome trace-event file (`asyncscope-cli trace
// check`): what Perfetto and chrome://tracing need to load it, phase by
// phase, with a message naming the first event that breaks a rule.
//
// It streams. The input is read in 1 MiB blocks; only one event at a time
// is parsed into a JsonValue, and what the rules need to remember is kept
// compact (a slice is two doubles and an index; a flow is forgotten once
// both its ends were seen). So checking a file takes a small fraction of
// its size in memory, where parsing the whole document took about 15 times
// its size. A message names events by their text ("traceEvents[12] (ph 'X'
// "poll")"), which the rules checked at the end no longer have: a second
// pass over the input, only when the check fails, fetches those.
//
// Both containers of the format are accepted: the JSON Object Format
// ({"traceEvents": [...], ...}) and the JSON Array Format ([...], whose
// closing bracket the format lets a writer that was cut off omit).
#include <asyncscope/trace/export.hpp>
#include <asyncscope/trace/json_writer.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace asyncscope::trace {

namespace {

// One event's text may not exceed this (a trace event is a few hundred
// bytes; this bounds the memory a hostile file can make us take).
constexpr std::size_t kMaxEventBytes = std::size_t{64} << 20;
// Any other top-level value ("otherData", "stackFrames", ...).
constexpr std::size_t kMaxOtherValueBytes = std::size_t{256} << 20;

// The phases of the Trace Event Format (B/E duration, X complete, i/I
// instant, C counter, b/n/e async, S/T/p/F legacy async, s/t/f flow, P
// sample, N/O/D object, M metadata, V/v memory dump, R mark, c clock sync,
// ( ) context).
constexpr std::string_view kPhases[] = {"B", "E", "X", "i", "I", "C", "b", "n", "e",
                                        "S", "T", "p", "F", "s", "t", "f", "P", "N",
                                        "O", "D", "M", "V", "v", "R", "c", "(", ")"};

std::string idText(const JsonValue& v) {
    if (v.isInteger()) return std::to_string(v.asInteger());
    if (v.isNumber()) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, v.asNumber());
        return std::string(buf, r.ptr);
    }
    if (v.isString()) return JsonWriter::quote(v.asString());
    return {};
}

std::string num(double us) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, us);
    return std::string(buf, r.ptr);
}

std::string describe(const JsonValue& e, std::size_t i) {
    std::string d = "traceEvents[" + std::to_string(i) + "]";
    if (e["ph"].isString()) d += " (ph '" + e["ph"].asString() + "'";
    if (e["name"].isString()) d += " " + JsonWriter::quote(e["name"].asString());
    if (e["ph"].isString()) d += ")";
    return d;
}

// ------------------------------------------------------------- the input --

class Source {
public:
    virtual ~Source() = default;
    virtual std::size_t read(char* out, std::size_t n) = 0;
    virtual bool rewind() = 0;
    virtual bool failed() const { return false; }
};

class ViewSource final : public Source {
public:
    explicit ViewSource(std::string_view text) : m_text(text) {}
    std::size_t read(char* out, std::size_t n) override {
        n = std::min(n, m_text.size() - m_pos);
        std::memcpy(out, m_text.data() + m_pos, n);
        m_pos += n;
        return n;
    }
    bool rewind() override {
        m_pos = 0;
        return true;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

class StreamSource final : public Source {
public:
    explicit StreamSource(std::istream& in) : m_in(in) {}
    std::size_t read(char* out, std::size_t n) override {
        m_in.read(out, static_cast<std::streamsize>(n));
        const auto got = static_cast<std::size_t>(m_in.gcount());
        if (got < n && m_in.bad()) m_failed = true;
        return got;
    }
    bool rewind() override {
        m_in.clear();
        m_in.seekg(0);
        return static_cast<bool>(m_in);
    }
    bool failed() const override { return m_failed; }

private:
    std::istream& m_in;
    bool m_failed = false;
};

// Bytes one at a time from a Source, with the offset and line of the next.
class Scanner {
public:
    explicit Scanner(Source& source) : m_source(source), m_buf(std::size_t{1} << 20) {}

    int peek() {
        if (m_pos == m_len && !fill()) return -1;
        return static_cast<unsigned char>(m_buf[m_pos]);
    }
    int get() {
        const int c = peek();
        if (c >= 0) {
            ++m_pos;
            ++m_offset;
            if (c == '\n') ++m_line;
        }
        return c;
    }
    void skipWs() {
        for (int c = peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = peek()) get();
    }
    std::uint64_t offset() const noexcept { return m_offset; }
    std::uint64_t line() const noexcept { return m_line; }

    // Appends the text of one JSON value to `out`: brackets balanced,
    // strings with their escapes. The text is validated by parseJson after.
    // False (and `error`) at the end of input or past `limit` bytes.
    bool capture(std::string& out, std::size_t limit, std::string& error) {
        out.clear();
        int depth = 0;
        for (;;) {
            const int c = peek();
            if (c < 0) {
                error = "the file ends inside a value";
                return false;
            }
            if (depth == 0 && !out.empty() &&
                (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\t' || c == '\n' ||
                 c == '\r'))
                return true;  // the end of a number, true, false or null
            get();
            out.push_back(static_cast<char>(c));
            if (out.size() > limit) {
                error = "a value of more than " + std::to_string(limit >> 20) + " MiB";
                return false;
            }
            if (c == '"') {
                if (!captureString(out, limit, error)) return false;
                if (depth == 0) return true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth <= 0) return true;
            }
        }
    }

private:
    bool fill() {
        m_len = m_source.read(m_buf.data(), m_buf.size());
        m_pos = 0;
        return m_len > 0;
    }
    bool captureString(std::string& out, std::size_t limit, std::string& error) {
        for (;;) {
            const int c = get();
            if (c < 0) {
                error = "the file ends inside a string";
                return false;
            }
            out.push_back(static_cast<char>(c));
            if (out.size() > limit) {
                error = "a value of more than " + std::to_string(limit >> 20) + " MiB";
                return false;
            }
            if (c == '"') return true;
            if (c == '\\') {
                const int e = get();
                if (e < 0) {
                    error = "the file ends inside a string";
                    return false;
                }
                out.push_back(static_cast<char>(e));
            }
        }
    }

    Source& m_source;
    std::vector<char> m_buf;
    std::size_t m_pos = 0, m_len = 0;
    std::uint64_t m_offset = 0, m_line = 1;
};

// ------------------------------------------------------ the file's shape --

// Walks the document and hands each element of traceEvents to `onEvent`
// (its index and text). Returns "" or the first syntax problem.
class Walker {
public:
    using OnEvent = std::function<bool(std::size_t index, const std::string& text)>;

    Walker(Source& source, OnEvent onEvent) : m_in(source), m_onEvent(std::move(onEvent)) {}

    // `stopped`: onEvent returned false (the walk ends there, no problem).
    std::string walk(bool& stopped) {
        stopped = false;
        m_in.skipWs();
        const int c = m_in.peek();
        if (c == '[') {
            m_in.get();
            std::string p = events(true, stopped);
            if (!p.empty() || stopped) return p;
            return end();
        }
        if (c != '{')
            return syntax(c < 0 ? "the file is empty"
                                : "expected '{' (the JSON Object Format) or '[' (the JSON "
                                  "Array Format)");
        m_in.get();
        bool seenEvents = false;
        m_in.skipWs();
        if (m_in.peek() == '}') {
            m_in.get();
        } else {
            for (;;) {
                m_in.skipWs();
                if (m_in.peek() != '"') return syntax("expected a key (a string)");
                std::string keyText, error;
                const std::uint64_t at = m_in.offset(), line = m_in.line();
                if (!m_in.capture(keyText, kMaxOtherValueBytes, error)) return syntax(error);
                std::optional<JsonValue> key = parseJson(keyText, &error);
                if (!key) return inner(at, line, keyText, error);
                m_in.skipWs();
                if (m_in.get() != ':') return syntax("expected ':' after a key");
                m_in.skipWs();
                if (key->asString() == "traceEvents") {
                    if (seenEvents) return syntax("a second \"traceEvents\"");
                    seenEvents = true;
                    if (m_in.peek() != '[') return "\"traceEvents\" is not an array";
                    m_in.get();
                    std::string p = events(false, stopped);
                    if (!p.empty() || stopped) return p;
                } else {
                    std::string value;
                    const std::uint64_t vat = m_in.offset(), vline = m_in.line();
                    if (!m_in.capture(value, kMaxOtherValueBytes, error)) return syntax(error);
                    if (!parseJson(value, &error)) return inner(vat, vline, value, error);
                }
                m_in.skipWs();
                const int sep = m_in.get();
                if (sep == '}') break;
                if (sep != ',') return syntax("expected ',' or '}' in the top-level object");
            }
        }
        if (std::string p = end(); !p.empty()) return p;
        if (!seenEvents) return "no \"traceEvents\" array in a top-level object";
        return {};
    }

    std::size_t count() const noexcept { return m_count; }

private:
    std::string events(bool arrayFormat, bool& stopped) {
        m_in.skipWs();
        if (m_in.peek() == ']') {
            m_in.get();
            return {};
        }
        std::string text, error;
        for (;;) {
            m_in.skipWs();
            // The Array Format may end without its ']' (a writer cut off).
            if (arrayFormat && m_in.peek() < 0) return {};
            const std::uint64_t at = m_in.offset(), line = m_in.line();
            if (!m_in.capture(text, kMaxEventBytes, error))
                return syntax(error + " (in traceEvents[" + std::to_string(m_count) + "])");
            if (!parseJson(text, &error)) return inner(at, line, text, error);
            if (!m_onEvent(m_count++, text)) {
                stopped = true;
                return {};
            }
            m_in.skipWs();
            const int c = m_in.get();
            if (c == ']') return {};
            if (c == ',') continue;
            if (c < 0 && arrayFormat) return {};
            return syntax("expected ',' or ']' after traceEvents[" + std::to_string(m_count - 1) +
                          "]");
        }
    }

    std::string end() {
        m_in.skipWs();
        if (m_in.peek() >= 0) return syntax("more text after the JSON document");
        return {};
    }

    std::string syntax(const std::string& what) {
        return "not valid JSON: byte " + std::to_string(m_in.offset()) + " (line " +
               std::to_string(m_in.line()) + "): " + what;
    }

    // A problem parseJson found at "byte K: ..." of a value that starts at
    // byte `at`, line `line`.
    static std::string inner(std::uint64_t at, std::uint64_t line, const std::string& text,
                             const std::string& error) {
        std::uint64_t k = 0;
        std::string reason = error;
        if (error.rfind("byte ", 0) == 0) {
            const char* p = error.data() + 5;
            auto r = std::from_chars(p, error.data() + error.size(), k);
            if (r.ec == std::errc()) {
                reason = std::string(r.ptr);
                if (reason.rfind(": ", 0) == 0) reason.erase(0, 2);
            }
        }
        k = std::min<std::uint64_t>(k, text.size());
        line += static_cast<std::uint64_t>(
            std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(k), '\n'));
        return "not valid JSON: byte " + std::to_string(at + k) + " (line " + std::to_string(line) +
               "): " + reason;
    }

    Scanner m_in;
    OnEvent m_onEvent;
    std::size_t m_count = 0;
};

// ------------------------------------------------------------ the rules --

// A problem whose message names events by index: the text is made once
// their descriptions are known.
struct Problem {
    std::vector<std::size_t> events;
    std::function<std::string(const std::vector<std::string>&)> text;
};

class Rules {
public:
    // False when `e` breaks a rule (problem() says which).
    bool event(const JsonValue& e, std::size_t i) {
        if (!e.isObject())
            return fail({}, [i](const auto&) {
                return "traceEvents[" + std::to_string(i) + "] is not an object";
            });
        const std::string& ph = e["ph"].asString();
        if (ph.empty()) return failAt(i, " has no \"ph\" string");
        if (std::find(std::begin(kPhases), std::end(kPhases), ph) == std::end(kPhases)) {
            std::string all;
            for (std::string_view p : kPhases) all += std::string(all.empty() ? "" : " ") += p;
            return failAt(i, ": unknown phase '" + ph + "' (the format's phases: " + all + ")");
        }
        const ThreadKey thread{idText(e["pid"]), idText(e["tid"])};
        if (ph == "M") {
            if (e["name"].asString() == "thread_name") {
                if (!e["args"]["name"].isString())
                    return failAt(i, ": thread_name without a string args.name");
                m_named.insert(thread);
            }
            return true;
        }
        if (!e["ts"].isNumber()) return failAt(i, " has no numeric \"ts\"");
        if (!e["pid"].isNumber() || !e["tid"].isNumber())
            return failAt(i, " has no numeric \"pid\" and \"tid\"");
        m_used.emplace(thread, i);
        const double ts = e["ts"].asNumber();
        if (ph == "X") {
            if (!e["dur"].isNumber() || e["dur"].asNumber() < 0)
                return failAt(i, " has no \"dur\" >= 0");
            m_slices[thread].push_back(Span{ts, ts + e["dur"].asNumber(), i});
        } else if (ph == "C") {
            // A counter's args are its series: each value a number.
            const JsonValue& args = e["args"];
            if (!args.isObject()) return failAt(i, ": a counter without an \"args\" object");
            for (std::size_t k = 0; k < args.size(); ++k) {
                const JsonValue& v = args.items()[k];
                if (!v.isNumber())
                    return failAt(i, ": counter series " + JsonWriter::quote(args.keys()[k]) +
                                         " is not a number (" +
                                         (v.isString() ? "a string" : "not numeric") +
                                         "); a counter's args are numbers");
            }
        } else if (ph == "s" || ph == "f") {
            const std::string id = idText(e["id"]);
            if (id.empty()) return failAt(i, ": flow event without an \"id\"");
            std::string key = e["cat"].asString();
            key += '\x1f';
            key += id;
            Flow& f = m_flows[key];
            if (f.starts + f.ends == 0) f.first = i;
            if (ph == "s") {
                ++f.starts;
                f.startTs = ts;
            } else {
                ++f.ends;
                f.endTs = ts;
            }
            if (f.starts == 1 && f.ends == 1) {
                // Both ends seen: check it and forget it.
                if (f.endTs + kEps < f.startTs) return failFlow(key, f, "ends before it starts");
                m_flows.erase(key);
            }
        } else if (ph == "b" || ph == "e") {
            const std::string id = idText(e["id"]);
            if (id.empty()) return failAt(i, ": async event without an \"id\"");
            std::string key = e["cat"].asString();
            key += '\x1f';
            key += id;
            m_asyncs[key].push_back(AsyncMark{ts, ph == "b", i});
        }
        return true;
    }

    bool finish(std::vector<std::string>& notes) {
        std::size_t unnamed = 0;
        const std::pair<const ThreadKey, std::size_t>* firstUnnamed = nullptr;
        for (const auto& entry : m_used)
            if (!m_named.count(entry.first) && unnamed++ == 0) firstUnnamed = &entry;
        if (firstUnnamed)
            notes.push_back(std::to_string(unnamed) +
                            " thread(s) have no thread_name metadata, so viewers show them by "
                            "number (the first: pid " +
                            firstUnnamed->first.first + " tid " + firstUnnamed->first.second +
                            ", used by traceEvents[" + std::to_string(firstUnnamed->second) + "])");

        for (auto& [thread, spans] : m_slices) {
            std::stable_sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) {
                return x.start != y.start ? x.start < y.start : x.end > y.end;
            });
            std::vector<const Span*> stack;
            for (const Span& s : spans) {
                while (!stack.empty() && stack.back()->end <= s.start + kEps) stack.pop_back();
                if (!stack.empty() && s.end > stack.back()->end + kEps) {
                    const Span p = *stack.back(), q = s;
                    const ThreadKey t = thread;
                    return fail({p.index, q.index}, [p, q, t](const auto& d) {
                        return "X events overlap on pid " + t.first + " tid " + t.second + ": " +
                               d[0] + " [" + num(p.start) + ", " + num(p.end) + "] us and " + d[1] +
                               " [" + num(q.start) + ", " + num(q.end) + "] us";
                    });
                }
                stack.push_back(&s);
            }
        }

        if (!m_flows.empty()) {
            // The first in file order, for a stable message.
            auto it = std::min_element(
                m_flows.begin(), m_flows.end(),
                [](const auto& x, const auto& y) { return x.second.first < y.second.first; });
            const Flow f = it->second;
            return failFlow(it->first, f,
                            "has " + std::to_string(f.starts) + " 's' and " +
                                std::to_string(f.ends) +
                                " 'f' events; it needs exactly one of each");
        }

        for (auto& [key, marks] : m_asyncs) {
            std::stable_sort(marks.begin(), marks.end(),
                             [](const AsyncMark& x, const AsyncMark& y) {
                                 return x.ts != y.ts ? x.ts < y.ts : x.begin > y.begin;
                             });
            std::vector<std::size_t> open;
            const std::pair<std::string, std::string> parts = split(key);
            const std::string& cat = parts.first;
            const std::string& id = parts.second;
            for (const AsyncMark& m : marks) {
                if (m.begin) {
                    open.push_back(m.index);
                } else if (open.empty()) {
                    return fail({m.index}, [cat, id](const auto& d) {
                        return d[0] + ": async 'e' (cat " + JsonWriter::quote(cat) + ", id " + id +
                               ") without a matching 'b' before it";
                    });
                } else {
                    open.pop_back();
                }
            }
            if (!open.empty())
                return fail({open.front()}, [cat, id](const auto& d) {
                    return d[0] + ": async 'b' (cat " + JsonWriter::quote(cat) + ", id " + id +
                           ") never ends";
                });
        }
        return true;
    }

    Problem& problem() noexcept { return m_problem; }

private:
    // Timestamps are decimal microseconds of integer nanoseconds: anything
    // closer than 0.1 ns is rounding, not overlap.
    static constexpr double kEps = 1e-4;

    using ThreadKey = std::pair<std::string, std::string>;  // pid, tid as text
    struct Span {
        double start, end;
        std::size_t index;
    };
    struct Flow {
        int starts = 0, ends = 0;
        double startTs = 0, endTs = 0;
        std::size_t first = 0;
    };
    struct AsyncMark {
        double ts;
        bool begin;
        std::size_t index;
    };

    static std::pair<std::string, std::string> split(const std::string& key) {
        const std::size_t sep = key.find('\x1f');
        return {key.substr(0, sep), key.substr(sep + 1)};
    }

    bool fail(std::vector<std::size_t> events,
              std::function<std::string(const std::vector<std::string>&)> text) {
        m_problem = Problem{std::move(events), std::move(text)};
        return false;
    }
    bool failAt(std::size_t i, std::string what) {
        return fail({i}, [what](const auto& d) { return d[0] + what; });
    }
    bool failFlow(const std::string& key, const Flow& f, std::string what) {
        const std::pair<std::string, std::string> parts = split(key);
        const std::string& cat = parts.first;
        const std::string& id = parts.second;
        return fail({f.first}, [cat, id, what](const auto& d) {
            return "flow id " + id + " (cat " + JsonWriter::quote(cat) + ", first at " + d[0] +
                   ") " + what;
        });
    }

    std::set<ThreadKey> m_named;
    std::map<ThreadKey, std::size_t> m_used;  // first event on each thread
    std::map<ThreadKey, std::vector<Span>> m_slices;
    std::unordered_map<std::string, Flow> m_flows;  // "cat\x1fid": flows not yet complete
    std::map<std::string, std::vector<AsyncMark>> m_asyncs;
    Problem m_problem;
};

ChromeTraceCheck check(Source& source) {
    ChromeTraceCheck c;
    Rules rules;
    bool broken = false;
    Walker walker(source, [&](std::size_t i, const std::string& text) {
        const JsonValue e = *parseJson(text);
        if (rules.event(e, i)) return true;
        broken = true;
        return false;
    });
    bool stopped = false;
    std::string syntax = walker.walk(stopped);
    if (source.failed()) syntax = "the file could not be read to its end";
    c.events = walker.count();
    if (!syntax.empty()) {
        c.problem = std::move(syntax);
        return c;
    }
    if (!broken && rules.finish(c.notes)) {
        c.ok = true;
        return c;
    }
    // Describe the events the problem names: a second pass, only now.
    Problem& p = rules.problem();
    std::vector<std::string> described(p.events.size());
    if (!p.events.empty() && source.rewind()) {
        std::size_t left = p.events.size();
        Walker again(source, [&](std::size_t i, const std::string& text) {
            for (std::size_t k = 0; k < p.events.size(); ++k)
                if (p.events[k] == i) {
                    described[k] = describe(*parseJson(text), i);
                    --left;
                }
            return left > 0;
        });
        bool unused = false;
        again.walk(unused);
    }
    for (std::size_t k = 0; k < p.events.size(); ++k)
        if (described[k].empty()) described[k] = "traceEvents[" + std::to_string(p.events[k]) + "]";
    c.problem = p.text(described);
    return c;
}

}  // namespace

ChromeTraceCheck checkChromeTrace(std::string_view json) {
    ViewSource source(json);
    return check(source);
}

ChromeTraceCheck checkChromeTrace(std::istream& in) {
    StreamSource source(in);
    return check(source);
}

}  // namespace asyncscope::trace
