#include <asyncscope/detail/utf8.hpp>
#include <asyncscope/scenario/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace asyncscope::scenario {

const JsonNode* JsonNode::find(std::string_view key) const noexcept {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return &items[i];
    return nullptr;
}

JsonNode* JsonNode::find(std::string_view key) noexcept {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return &items[i];
    return nullptr;
}

void JsonNode::set(std::string key, JsonNode value, SourcePos keyPosition) {
    if (JsonNode* existing = find(key)) {
        *existing = std::move(value);
        return;
    }
    keys.push_back(std::move(key));
    keyPos.push_back(keyPosition);
    keySpan.emplace_back(0, 0);  // not in the text
    items.push_back(std::move(value));
}

std::string_view describeType(JsonNode::Type type) noexcept {
    switch (type) {
    case JsonNode::Type::Null: return "null";
    case JsonNode::Type::Bool: return "a boolean";
    case JsonNode::Type::Number: return "a number";
    case JsonNode::Type::String: return "a string";
    case JsonNode::Type::Array: return "an array";
    case JsonNode::Type::Object: return "an object";
    }
    return "?";
}

std::string describeValue(const JsonNode& node) {
    switch (node.type) {
    case JsonNode::Type::Bool: return node.boolean ? "true" : "false";
    case JsonNode::Type::Number: {
        if (node.integral) return std::to_string(node.integer);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", node.number);
        return buf;
    }
    case JsonNode::Type::String: {
        std::string s = node.string.size() > 40 ? node.string.substr(0, 37) + "..." : node.string;
        return "\"" + s + "\"";
    }
    default: return std::string(describeType(node.type));
    }
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    JsonParseResult run() {
        JsonParseResult result;
        m_errors = &result.errors;
        skipSpace();
        if (m_pos == 0 && m_text.substr(0, 3) == "\xEF\xBB\xBF") {  // UTF-8 byte order mark
            m_pos = 3;
            m_lineStart = 3;  // invisible in an editor: what follows it is column 1
            skipSpace();
        }
        if (!value(result.root, 0)) return result;
        skipSpace();
        if (m_pos < m_text.size()) {
            fail("unexpected " + describeHere() + " after the end of the document");
            return result;
        }
        result.ok = true;
        return result;
    }

private:
    SourcePos here() const {
        return SourcePos{m_line,
                         static_cast<std::uint32_t>(m_pos - m_lineStart) - m_continuation + 1};
    }
    void fail(std::string message) { fail(here(), std::move(message)); }
    void fail(SourcePos p, std::string message) {
        std::string path;
        for (const std::string& part : m_path) {
            if (!path.empty() && part[0] != '[') path += '.';
            path += part;
        }
        m_errors->push_back({p, std::move(message), std::move(path)});
    }
    std::string describeHere() const {
        if (m_pos >= m_text.size()) return "end of file";
        const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
        if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
        char buf[16];
        std::snprintf(buf, sizeof buf, "byte 0x%02X", c);
        return buf;
    }

    // Advances one byte, keeping line/column (columns count UTF-8 characters).
    void advance() {
        const unsigned char c = static_cast<unsigned char>(m_text[m_pos++]);
        // A line ends at LF, CR LF or a lone CR (old Mac files).
        const bool lineEnd =
            c == '\n' || (c == '\r' && (m_pos >= m_text.size() || m_text[m_pos] != '\n'));
        if (lineEnd) {
            ++m_line;
            m_lineStart = m_pos;
            m_continuation = 0;
        } else if ((c & 0xC0) == 0x80) {
            ++m_continuation;
        }
    }
    void skipSpace() {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
            advance();
        }
    }

    bool value(JsonNode& out, std::size_t depth) {
        skipSpace();
        out.begin = static_cast<std::uint32_t>(m_pos);
        const bool ok = valueHere(out, depth);
        out.end = static_cast<std::uint32_t>(m_pos);
        return ok;
    }

    bool valueHere(JsonNode& out, std::size_t depth) {
        out.pos = here();
        if (m_pos >= m_text.size()) {
            fail("expected a value, found end of file");
            return false;
        }
        switch (m_text[m_pos]) {
        case '{': return object(out, depth);
        case '[': return array(out, depth);
        case '"': out.type = JsonNode::Type::String; return string(out.string);
        case 't': return literal("true", out, JsonNode::Type::Bool, true);
        case 'f': return literal("false", out, JsonNode::Type::Bool, false);
        case 'n': return literal("null", out, JsonNode::Type::Null, false);
        default:
            if (m_text[m_pos] == '-' || (m_text[m_pos] >= '0' && m_text[m_pos] <= '9'))
                return number(out);
            fail("expected a value, found " + describeHere() +
                 (m_text[m_pos] == '\'' ? " (JSON strings use double quotes)" : ""));
            return false;
        }
    }

    bool literal(std::string_view word, JsonNode& out, JsonNode::Type type, bool b) {
        if (m_text.substr(m_pos, word.size()) != word) {
            fail("expected a value, found " + describeHere());
            return false;
        }
        for (std::size_t i = 0; i < word.size(); ++i) advance();
        out.type = type;
        out.boolean = b;
        return true;
    }

    bool number(JsonNode& out) {
        const std::size_t start = m_pos;
        auto digits = [&] {
            std::size_t n = 0;
            while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                advance();
                ++n;
            }
            return n;
        };
        if (m_text[m_pos] == '-') advance();
        if (m_pos < m_text.size() && m_text[m_pos] == '0') {
            advance();
            if (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                fail("numbers must not have leading zeros");
                return false;
            }
        } else if (digits() == 0) {
            fail("expected a digit, found " + describeHere());
            return false;
        }
        bool integral = true;
        if (m_pos < m_text.size() && m_text[m_pos] == '.') {
            integral = false;
            advance();
            if (digits() == 0) {
                fail("expected a digit after '.', found " + describeHere());
                return false;
            }
        }
        if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
            integral = false;
            advance();
            if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) advance();
            if (digits() == 0) {
                fail("expected a digit in the exponent, found " + describeHere());
                return false;
            }
        }
        const std::string token(m_text.substr(start, m_pos - start));
        out.type = JsonNode::Type::Number;
        out.number = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(out.number)) {
            fail(out.pos, "number " + token + " is out of range");
            return false;
        }
        if (integral) {
            errno = 0;
            const long long v = std::strtoll(token.c_str(), nullptr, 10);
            if (errno == 0) {
                out.integral = true;
                out.integer = v;
            }
        }
        return true;
    }

    bool hex4(std::uint32_t& out) {
        out = 0;
        for (int i = 0; i < 4; ++i) {
            if (m_pos >= m_text.size()) {
                fail("unterminated \\u escape");
                return false;
            }
            const int d = detail::hexDigit(m_text[m_pos]);
            if (d < 0) {
                fail("expected a hexadecimal digit in \\u escape, found " + describeHere());
                return false;
            }
            out = out * 16 + static_cast<std::uint32_t>(d);
            advance();
        }
        return true;
    }

    // Length of the valid UTF-8 sequence at m_pos, or 0.
    std::size_t utf8Length() const {
        const auto* p = reinterpret_cast<const unsigned char*>(m_text.data()) + m_pos;
        const std::size_t left = m_text.size() - m_pos;
        const unsigned char c = p[0];
        std::size_t n;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF)
            n = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            n = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            n = 4, cp = c & 0x07;
        else
            return 0;
        if (left < n) return 0;
        for (std::size_t i = 1; i < n; ++i) {
            if ((p[i] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        return n;
    }

    bool string(std::string& out) {
        const SourcePos start = here();
        advance();  // opening quote
        for (;;) {
            if (m_pos >= m_text.size()) {
                fail(start, "unterminated string");
                return false;
            }
            const unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
            if (c == '"') {
                advance();
                return true;
            }
            if (c < 0x20) {
                fail(c == '\n'
                         ? "unterminated string (a line break inside a string must be written \\n)"
                         : "control character inside a string (escape it)");
                return false;
            }
            if (c == '\\') {
                const SourcePos escapeAt = here();  // errors in an escape point at its backslash
                advance();
                if (m_pos >= m_text.size()) continue;
                const char e = m_text[m_pos];
                advance();
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
                    std::uint32_t cp;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t lo = 0;
                        if (m_text.substr(m_pos, 2) != "\\u") {
                            fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                            return false;
                        }
                        advance();
                        advance();
                        if (!hex4(lo)) return false;
                        if (lo < 0xDC00 || lo > 0xDFFF) {
                            fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                            return false;
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail(escapeAt, "unpaired UTF-16 surrogate in \\u escape");
                        return false;
                    }
                    asyncscope::detail::appendUtf8(out, cp);
                    break;
                }
                default: fail(escapeAt, std::string("invalid escape \\") + e); return false;
                }
                continue;
            }
            if (c < 0x80) {
                out += static_cast<char>(c);
                advance();
                continue;
            }
            const std::size_t n = utf8Length();
            if (n == 0) {
                fail("invalid UTF-8 in a string");
                return false;
            }
            out.append(m_text.substr(m_pos, n));
            for (std::size_t i = 0; i < n; ++i) advance();
        }
    }

    bool enter(std::size_t depth) {
        if (depth >= kMaxJsonNesting) {
            fail("nested deeper than " + std::to_string(kMaxJsonNesting) + " levels");
            return false;
        }
        return true;
    }

    bool object(JsonNode& out, std::size_t depth) {
        if (!enter(depth)) return false;
        out.type = JsonNode::Type::Object;
        advance();  // {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            advance();
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
                fail(m_pos < m_text.size() && m_text[m_pos] == '}'
                         ? std::string("trailing comma before '}'")
                         : "expected a member name in double quotes, found " + describeHere());
                return false;
            }
            const SourcePos keyAt = here();
            const auto keyBegin = static_cast<std::uint32_t>(m_pos);
            std::string key;
            if (!string(key)) return false;
            const auto keyEnd = static_cast<std::uint32_t>(m_pos);
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
                fail("expected ':' after member name \"" + key + "\", found " + describeHere());
                return false;
            }
            advance();
            JsonNode member;
            // Errors inside the value, and a duplicate of this key, are
            // reported at this member's path (on failure it stays: parsing stops).
            m_path.push_back(key);
            if (!value(member, depth + 1)) return false;
            bool duplicate = false;
            for (std::size_t i = 0; i < out.keys.size(); ++i) {
                if (out.keys[i] != key) continue;
                fail(keyAt, "duplicate key \"" + key + "\" (first defined at line " +
                                std::to_string(out.keyPos[i].line) + ", column " +
                                std::to_string(out.keyPos[i].column) + ")");
                duplicate = true;
                break;
            }
            m_path.pop_back();
            if (!duplicate) {
                out.keys.push_back(std::move(key));
                out.keyPos.push_back(keyAt);
                out.keySpan.push_back({keyBegin, keyEnd});
                out.items.push_back(std::move(member));
            }
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                advance();
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                advance();
                return true;
            }
            fail("expected ',' or '}' in an object, found " + describeHere());
            return false;
        }
    }

    bool array(JsonNode& out, std::size_t depth) {
        if (!enter(depth)) return false;
        out.type = JsonNode::Type::Array;
        advance();  // [
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            advance();
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                fail("trailing comma before ']'");
                return false;
            }
            JsonNode item;
            m_path.push_back("[" + std::to_string(out.items.size()) + "]");
            if (!value(item, depth + 1)) return false;
            m_path.pop_back();
            out.items.push_back(std::move(item));
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                advance();
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                advance();
                return true;
            }
            fail("expected ',' or ']' in an array, found " + describeHere());
            return false;
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::uint32_t m_line = 1;
    std::size_t m_lineStart = 0;
    std::vector<std::string> m_path;   // the members and items being read
    std::uint32_t m_continuation = 0;  // UTF-8 continuation bytes on this line so far
    std::vector<JsonError>* m_errors = nullptr;
};

}  // namespace

JsonParseResult parseJsonDocument(std::string_view text) {
    return Parser(text).run();
}

}  // namespace asyncscope::scenario
