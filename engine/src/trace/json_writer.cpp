#include <asyncscope/detail/utf8.hpp>
#include <asyncscope/trace/json_writer.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace asyncscope::trace {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is ill-formed;
// `consumed` then says how many bytes form its maximal ill-formed subpart
// (always >= 1), which is what one U+FFFD replaces. Ranges from Table 3-7 of
// the Unicode standard: they exclude overlong forms, surrogates and code
// points above U+10FFFF.
std::size_t utf8Sequence(std::string_view s, std::size_t i, std::size_t* consumed) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) lo = 0xA0;  // overlong
        if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) lo = 0x90;  // overlong
        if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        *consumed = 1;
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) {
            *consumed = k;
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        const unsigned char kLo = k == 1 ? lo : 0x80;
        const unsigned char kHi = k == 1 ? hi : 0xBF;
        if (b < kLo || b > kHi) {
            *consumed = k;
            return 0;
        }
    }
    return len;
}

template <class Out>
void escapeInto(Out&& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out("\"");
    std::size_t run = 0;  // start of the pending run of bytes that need no escaping
    auto flush = [&](std::size_t end) {
        if (end > run) out(s.substr(run, end - run));
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            std::size_t bad = 0;
            if (std::size_t len = utf8Sequence(s, i, &bad)) {
                i += len;
                continue;
            }
            flush(i);
            out(kReplacement);
            i += bad;
            run = i;
            continue;
        }
        flush(i);
        switch (c) {
        case '"': out("\\\""); break;
        case '\\': out("\\\\"); break;
        case '\b': out("\\b"); break;
        case '\f': out("\\f"); break;
        case '\n': out("\\n"); break;
        case '\r': out("\\r"); break;
        case '\t': out("\\t"); break;
        default: {
            const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
            out(std::string_view(u, 6));
        }
        }
        ++i;
        run = i;
    }
    flush(s.size());
    out("\"");
}

}  // namespace

// ------------------------------------------------------------------ writer --

void JsonWriter::separator() {
    if (!m_first) write(",");
    m_first = false;
    if (m_breakPending) {
        write("\n");
        m_breakPending = false;
    }
}

void JsonWriter::beforeValue() {
    if (m_stack.empty()) {
        if (m_topLevelDone) write("\n");
        m_topLevelDone = true;
        m_breakPending = false;
        return;
    }
    if (m_stack.back() == Frame::Object && !m_afterKey) key("");
    if (m_afterKey) {
        m_afterKey = false;
        return;  // key() already wrote the separator
    }
    separator();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    if (m_stack.empty() || m_stack.back() != Frame::Object) return *this;
    if (m_afterKey) null();
    separator();
    writeString(m_out, name);
    write(":");
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    write("{");
    m_stack.push_back(Frame::Object);
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    write("[");
    m_stack.push_back(Frame::Array);
    m_first = true;
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    if (m_stack.empty()) return *this;
    if (m_afterKey) null();
    if (m_breakPending) {
        write("\n");
        m_breakPending = false;
    }
    write(m_stack.back() == Frame::Object ? "}" : "]");
    m_stack.pop_back();
    m_first = false;  // the closed container was a value of its parent
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    return endObject();
}

JsonWriter& JsonWriter::finish() {
    while (!m_stack.empty()) endObject();
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    beforeValue();
    writeString(m_out, s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    beforeValue();
    write(b ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::value(long long v) {
    beforeValue();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    write(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    return *this;
}

JsonWriter& JsonWriter::value(unsigned long long v) {
    beforeValue();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    write(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    return *this;
}

JsonWriter& JsonWriter::value(double v) {
    if (!std::isfinite(v)) return null();
    beforeValue();
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    write(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    write("null");
    return *this;
}

void JsonWriter::writeString(std::ostream& out, std::string_view s) {
    escapeInto(
        [&](std::string_view part) {
            out.write(part.data(), static_cast<std::streamsize>(part.size()));
        },
        s);
}

std::string JsonWriter::quote(std::string_view s) {
    std::string r;
    r.reserve(s.size() + 2);
    escapeInto([&](std::string_view part) { r.append(part); }, s);
    return r;
}

// ------------------------------------------------------------------- value --

JsonValue JsonValue::makeBool(bool b) {
    JsonValue v;
    v.m_type = Type::Bool;
    v.m_bool = b;
    return v;
}

JsonValue JsonValue::makeNumber(double d) {
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = d;
    return v;
}

JsonValue JsonValue::makeInteger(std::int64_t i) {
    JsonValue v;
    v.m_type = Type::Number;
    v.m_number = static_cast<double>(i);
    v.m_integer = i;
    v.m_isInteger = true;
    return v;
}

JsonValue JsonValue::makeString(std::string s) {
    JsonValue v;
    v.m_type = Type::String;
    v.m_string = std::move(s);
    return v;
}

JsonValue JsonValue::makeArray(std::vector<JsonValue> items) {
    JsonValue v;
    v.m_type = Type::Array;
    v.m_items = std::move(items);
    return v;
}

JsonValue JsonValue::makeObject() {
    JsonValue v;
    v.m_type = Type::Object;
    return v;
}

std::int64_t JsonValue::asInteger() const noexcept {
    if (m_type != Type::Number) return 0;
    if (m_isInteger) return m_integer;
    // Saturate rather than hit undefined behaviour on out-of-range casts.
    if (!(m_number > -9.2e18)) return m_number < 0 ? std::numeric_limits<std::int64_t>::min() : 0;
    if (!(m_number < 9.2e18)) return std::numeric_limits<std::int64_t>::max();
    return static_cast<std::int64_t>(m_number);
}

const std::string& JsonValue::asString() const noexcept {
    static const std::string kEmpty;
    return m_type == Type::String ? m_string : kEmpty;
}

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
    if (m_type != Type::Object) return nullptr;
    for (std::size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] == key) return &m_items[i];
    return nullptr;
}

const JsonValue& JsonValue::operator[](std::string_view key) const noexcept {
    static const JsonValue kNull;
    const JsonValue* v = find(key);
    return v ? *v : kNull;
}

const JsonValue& JsonValue::operator[](std::size_t index) const noexcept {
    static const JsonValue kNull;
    return m_type == Type::Array && index < m_items.size() ? m_items[index] : kNull;
}

void JsonValue::append(JsonValue v) {
    if (m_type == Type::Array) m_items.push_back(std::move(v));
}

void JsonValue::insert(std::string key, JsonValue v) {
    if (m_type != Type::Object) return;
    m_keys.push_back(std::move(key));
    m_items.push_back(std::move(v));
}

// ------------------------------------------------------------------ parser --

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    std::optional<JsonValue> parseDocument(std::string* error) {
        skipWhitespace();
        std::optional<JsonValue> v = parseValue(0);
        if (v) {
            skipWhitespace();
            if (m_pos != m_text.size()) fail("trailing characters after the JSON value");
        }
        if (m_failed) {
            if (error) *error = "byte " + std::to_string(m_errorAt) + ": " + m_error;
            return std::nullopt;
        }
        return v;
    }

private:
    // Records the first error only: later ones are consequences.
    std::nullopt_t fail(std::string what, std::size_t at) {
        if (!m_failed) {
            m_failed = true;
            m_error = std::move(what);
            m_errorAt = at;
        }
        return std::nullopt;
    }
    std::nullopt_t fail(std::string what) { return fail(std::move(what), m_pos); }

    bool atEnd() const noexcept { return m_pos >= m_text.size(); }
    char peek() const noexcept { return atEnd() ? '\0' : m_text[m_pos]; }

    void skipWhitespace() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            ++m_pos;
    }

    std::optional<JsonValue> parseValue(std::size_t depth) {
        if (atEnd()) return fail("unexpected end of input, expected a value");
        switch (peek()) {
        case '{': return parseObject(depth);
        case '[': return parseArray(depth);
        case '"': {
            std::optional<std::string> s = parseString();
            if (!s) return std::nullopt;
            return JsonValue::makeString(std::move(*s));
        }
        case 't': return parseLiteral("true", JsonValue::makeBool(true));
        case 'f': return parseLiteral("false", JsonValue::makeBool(false));
        case 'n': return parseLiteral("null", JsonValue());
        default:
            if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parseNumber();
            return fail(std::string("unexpected character '") + printable(peek()) +
                        "', expected a value");
        }
    }

    static std::string printable(char c) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F) return std::string(1, c);
        static constexpr char kHex[] = "0123456789ABCDEF";
        return std::string("\\x") + kHex[u >> 4] + kHex[u & 0xF];
    }

    std::optional<JsonValue> parseLiteral(std::string_view word, JsonValue v) {
        for (std::size_t i = 0; i < word.size(); ++i)
            if (m_pos + i >= m_text.size() || m_text[m_pos + i] != word[i])
                return fail("invalid literal, expected '" + std::string(word) + "'", m_pos + i);
        m_pos += word.size();
        return v;
    }

    std::optional<JsonValue> parseNumber() {
        const std::size_t start = m_pos;
        auto digits = [&] {
            std::size_t n = 0;
            for (; !atEnd() && peek() >= '0' && peek() <= '9'; ++m_pos) ++n;
            return n;
        };
        bool integral = true;
        if (peek() == '-') ++m_pos;
        if (peek() == '0') {
            ++m_pos;
            if (peek() >= '0' && peek() <= '9')
                return fail("leading zeros are not allowed in numbers");
        } else if (digits() == 0) {
            return fail("expected a digit");
        }
        if (peek() == '.') {
            integral = false;
            ++m_pos;
            if (digits() == 0) return fail("expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            ++m_pos;
            if (peek() == '+' || peek() == '-') ++m_pos;
            if (digits() == 0) return fail("expected a digit in the exponent");
        }
        const char* first = m_text.data() + start;
        const char* last = m_text.data() + m_pos;
        if (integral) {
            std::int64_t i = 0;
            auto r = std::from_chars(first, last, i);
            if (r.ec == std::errc() && r.ptr == last) return JsonValue::makeInteger(i);
            // Too big for 64 bits: still a valid number, kept as a double.
        }
        double d = 0.0;
        auto r = std::from_chars(first, last, d);
        if (r.ec == std::errc::result_out_of_range) {
            // Too small to represent is harmless (it reads as 0); too large is not.
            if (decimalMagnitude(std::string_view(first, static_cast<std::size_t>(last - first))) <
                0)
                return JsonValue::makeNumber(first[0] == '-' ? -0.0 : 0.0);
            return fail("number out of range", start);
        }
        if (r.ec != std::errc() || r.ptr != last) return fail("invalid number", start);
        return JsonValue::makeNumber(d);
    }

    // Roughly log10 of a syntactically valid number's magnitude: enough to
    // tell an overflow from an underflow.
    static long decimalMagnitude(std::string_view n) {
        long mag = 0;
        bool seenNonZero = false, afterPoint = false;
        std::size_t i = n[0] == '-' ? 1 : 0;
        for (; i < n.size() && n[i] != 'e' && n[i] != 'E'; ++i) {
            if (n[i] == '.') {
                afterPoint = true;
                continue;
            }
            if (!seenNonZero && n[i] != '0') seenNonZero = true;
            if (seenNonZero && !afterPoint) ++mag;
            if (!seenNonZero && afterPoint) --mag;
        }
        if (i < n.size()) {
            long e = 0;
            bool negative = n[i + 1] == '-';
            for (std::size_t k = i + 1; k < n.size(); ++k)
                if (n[k] >= '0' && n[k] <= '9') e = std::min(e * 10 + (n[k] - '0'), 1000000L);
            mag += negative ? -e : e;
        }
        return mag;
    }

    std::optional<std::uint32_t> parseHex4() {
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const int d = detail::hexDigit(peek());
            if (d < 0) return fail("expected 4 hex digits after \\u");
            v = v * 16 + static_cast<std::uint32_t>(d);
            ++m_pos;
        }
        return v;
    }

    std::optional<std::string> parseString() {
        ++m_pos;  // the opening quote
        std::string out;
        for (;;) {
            if (atEnd()) return fail("unterminated string");
            const auto c = static_cast<unsigned char>(peek());
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (c < 0x20) return fail("control character in string (must be escaped)");
            if (c >= 0x80) {
                std::size_t bad = 0;
                std::size_t len = utf8Sequence(m_text, m_pos, &bad);
                if (!len) return fail("invalid UTF-8 in string");
                out.append(m_text.substr(m_pos, len));
                m_pos += len;
                continue;
            }
            if (c != '\\') {
                out += static_cast<char>(c);
                ++m_pos;
                continue;
            }
            const std::size_t escapeAt = m_pos;
            ++m_pos;
            if (atEnd()) return fail("unterminated string");
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                std::optional<std::uint32_t> cp = parseHex4();
                if (!cp) return std::nullopt;
                if (*cp >= 0xDC00 && *cp <= 0xDFFF)
                    return fail("lone low surrogate in \\u escape", escapeAt);
                if (*cp >= 0xD800 && *cp <= 0xDBFF) {
                    if (peek() != '\\' || m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != 'u')
                        return fail("high surrogate not followed by a low surrogate", escapeAt);
                    m_pos += 2;
                    std::optional<std::uint32_t> lo = parseHex4();
                    if (!lo) return std::nullopt;
                    if (*lo < 0xDC00 || *lo > 0xDFFF)
                        return fail("high surrogate not followed by a low surrogate", escapeAt);
                    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*lo - 0xDC00);
                }
                asyncscope::detail::appendUtf8(out, *cp);
                break;
            }
            default: return fail(std::string("invalid escape '\\") + printable(e) + "'", escapeAt);
            }
        }
    }

    std::optional<JsonValue> parseArray(std::size_t depth) {
        if (depth >= kMaxJsonDepth) return fail("nesting too deep");
        ++m_pos;
        JsonValue arr = JsonValue::makeArray({});
        skipWhitespace();
        if (peek() == ']') {
            ++m_pos;
            return arr;
        }
        for (;;) {
            skipWhitespace();
            std::optional<JsonValue> v = parseValue(depth + 1);
            if (!v) return std::nullopt;
            arr.append(std::move(*v));
            skipWhitespace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return arr;
            }
            return fail(atEnd() ? "unexpected end of input in array"
                                : "expected ',' or ']' in array");
        }
    }

    std::optional<JsonValue> parseObject(std::size_t depth) {
        if (depth >= kMaxJsonDepth) return fail("nesting too deep");
        ++m_pos;
        JsonValue obj = JsonValue::makeObject();
        skipWhitespace();
        if (peek() == '}') {
            ++m_pos;
            return obj;
        }
        for (;;) {
            skipWhitespace();
            if (peek() != '"')
                return fail(atEnd() ? "unexpected end of input in object"
                                    : "expected a string key in object");
            std::optional<std::string> k = parseString();
            if (!k) return std::nullopt;
            skipWhitespace();
            if (peek() != ':') return fail("expected ':' after object key");
            ++m_pos;
            skipWhitespace();
            std::optional<JsonValue> v = parseValue(depth + 1);
            if (!v) return std::nullopt;
            obj.insert(std::move(*k), std::move(*v));
            skipWhitespace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return obj;
            }
            return fail(atEnd() ? "unexpected end of input in object"
                                : "expected ',' or '}' in object");
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    bool m_failed = false;
    std::string m_error;
    std::size_t m_errorAt = 0;
};

}  // namespace

std::optional<JsonValue> parseJson(std::string_view text, std::string* error) {
    return Parser(text).parseDocument(error);
}

}  // namespace asyncscope::trace
