// JSON out and back in: a streaming writer for the exporters, and a small DOM
// parser that tests (and the CLI's trace checker) use to read the output.
//
// Design note
// -----------
// JsonWriter writes straight to a std::ostream; it keeps only a stack of the
// containers that are open, so a trace of millions of events is never built
// in memory as a tree. The writer cannot be driven into emitting malformed
// JSON and never asserts or throws: every call sequence is repaired into a
// well-formed document by these rules, so an exporter bug shows up as odd
// data, not as a file no viewer opens:
//   - a value where an object expects a key gets the key "";
//   - a key where no key is expected (in an array, at top level) is dropped;
//     a key directly after a key first gives the dangling one a null value;
//   - endObject()/endArray() close the innermost container, whichever kind it
//     is (a dangling key gets null); with nothing open they do nothing;
//   - a second top-level value starts a new line (JSON Lines);
//   - finish() closes everything still open.
// Strings are escaped completely: '"', '\\', every control character below
// U+0020 (\n, \t, ... or \u00XX) and DEL (U+007F: legal raw in JSON, but
// Perfetto's JSON tokenizer rejects any iscntrl() byte in a string); each
// ill-formed UTF-8 sequence becomes one U+FFFD per maximal ill-formed
// subpart (the Unicode-recommended replacement). Numbers go through
// std::to_chars, so the output does not depend on the C or C++ locale (Qt
// sets LC_NUMERIC from the environment); doubles print in the shortest form
// that reads back exactly, and NaN and infinities, which JSON cannot
// express, become null.
//
// parseJson is strict RFC 8259: one value, no comments, no trailing commas,
// no leading zeros, valid UTF-8 and escapes (a lone surrogate is an error),
// at most kMaxJsonDepth nested containers. On failure it reports the byte
// offset of the first offending byte as "byte N: what was wrong".
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::trace {

class JsonWriter {
public:
    explicit JsonWriter(std::ostream& out) noexcept : m_out(out) {}
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s ? s : "")); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(int v) { return value(static_cast<long long>(v)); }
    JsonWriter& value(long v) { return value(static_cast<long long>(v)); }
    JsonWriter& value(long long v);
    JsonWriter& value(unsigned v) { return value(static_cast<unsigned long long>(v)); }
    JsonWriter& value(unsigned long v) { return value(static_cast<unsigned long long>(v)); }
    JsonWriter& value(unsigned long long v);
    JsonWriter& value(double v);
    JsonWriter& null();

    // key(name).value(v) in one call.
    template <class T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        return value(v);
    }

    // Starts the next item (after its comma), or the closing bracket, on a new
    // line: whitespace between tokens, for files people read and diff.
    JsonWriter& lineBreak() noexcept {
        m_breakPending = true;
        return *this;
    }

    // Closes every open container.
    JsonWriter& finish();
    // Open containers (0: the document so far is complete, or empty).
    std::size_t depth() const noexcept { return m_stack.size(); }

    // The escaped form of `s`, quotes included.
    static std::string quote(std::string_view s);
    static void writeString(std::ostream& out, std::string_view s);

private:
    enum class Frame : std::uint8_t { Object, Array };
    // Writes the separator (and the repair key) a new value needs here.
    void beforeValue();
    // The comma before an item of the innermost container, then a pending line break.
    void separator();
    void write(std::string_view s) {
        m_out.write(s.data(), static_cast<std::streamsize>(s.size()));
    }

    std::ostream& m_out;
    std::vector<Frame> m_stack;
    bool m_first = true;      // nothing written yet in the innermost container
    bool m_afterKey = false;  // a key was written and waits for its value
    bool m_topLevelDone = false;
    bool m_breakPending = false;
};

class JsonValue {
public:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };

    JsonValue() = default;
    static JsonValue makeBool(bool b);
    static JsonValue makeNumber(double d);
    static JsonValue makeInteger(std::int64_t i);
    static JsonValue makeString(std::string s);
    static JsonValue makeArray(std::vector<JsonValue> items);
    static JsonValue makeObject();

    Type type() const noexcept { return m_type; }
    bool isNull() const noexcept { return m_type == Type::Null; }
    bool isBool() const noexcept { return m_type == Type::Bool; }
    bool isNumber() const noexcept { return m_type == Type::Number; }
    bool isString() const noexcept { return m_type == Type::String; }
    bool isArray() const noexcept { return m_type == Type::Array; }
    bool isObject() const noexcept { return m_type == Type::Object; }
    // A number written without fraction or exponent that fits in 64 bits.
    bool isInteger() const noexcept { return m_type == Type::Number && m_isInteger; }

    // Accessors of the wrong type return false / 0 / "" / empty.
    bool asBool() const noexcept { return m_type == Type::Bool && m_bool; }
    double asNumber() const noexcept { return m_type == Type::Number ? m_number : 0.0; }
    std::int64_t asInteger() const noexcept;
    const std::string& asString() const noexcept;

    // Arrays: the items; objects: the member values (in document order).
    std::size_t size() const noexcept { return m_items.size(); }
    const std::vector<JsonValue>& items() const noexcept { return m_items; }
    const std::vector<std::string>& keys() const noexcept { return m_keys; }
    // The first member named `key`, or nullptr (also when this is no object).
    const JsonValue* find(std::string_view key) const noexcept;
    // Like find(), with a shared null value for a missing member.
    const JsonValue& operator[](std::string_view key) const noexcept;
    const JsonValue& operator[](std::size_t index) const noexcept;

    void append(JsonValue v);                   // arrays
    void insert(std::string key, JsonValue v);  // objects (duplicates kept)

private:
    Type m_type = Type::Null;
    bool m_bool = false;
    bool m_isInteger = false;
    double m_number = 0.0;
    std::int64_t m_integer = 0;
    std::string m_string;
    std::vector<std::string> m_keys;  // objects: parallel to m_items
    std::vector<JsonValue> m_items;
};

inline constexpr std::size_t kMaxJsonDepth = 512;

// Parses exactly one JSON document (surrounding whitespace allowed). On
// failure returns nullopt and, if `error` is set, stores "byte N: reason".
std::optional<JsonValue> parseJson(std::string_view text, std::string* error = nullptr);

}  // namespace asyncscope::trace
