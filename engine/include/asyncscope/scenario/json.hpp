// A JSON document that remembers where everything was written.
//
// The scenario loader reports every error as file:line:column, so unlike
// trace/json_writer.hpp's parser (which serves the Chrome-trace checker) this
// one keeps the position of every value and every key, and reports a
// duplicate key instead of silently keeping one of the two.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncscope::scenario {

// 1-based line and column (columns count characters, not bytes); 0 = unknown.
struct SourcePos {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

class JsonNode {
public:
    enum class Type : std::uint8_t { Null, Bool, Number, String, Array, Object };

    Type type = Type::Null;
    SourcePos pos;
    bool boolean = false;
    bool integral = false;  // a number written without fraction or exponent that fits int64
    double number = 0.0;
    std::int64_t integer = 0;
    std::string string;
    std::vector<JsonNode> items;    // array items, or object member values
    std::vector<std::string> keys;  // objects: parallel to items
    std::vector<SourcePos> keyPos;  // objects: where each key was written
    // Byte offsets into the parsed text, for edits that keep the rest of it
    // as written (json_edit.hpp): the value is text[begin, end); an object's
    // keySpan[i] is its i-th key with the quotes.
    std::uint32_t begin = 0, end = 0;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> keySpan;

    bool isObject() const noexcept { return type == Type::Object; }
    bool isArray() const noexcept { return type == Type::Array; }
    bool isString() const noexcept { return type == Type::String; }
    bool isNumber() const noexcept { return type == Type::Number; }
    bool isBool() const noexcept { return type == Type::Bool; }
    // The member named `key`, or nullptr.
    const JsonNode* find(std::string_view key) const noexcept;
    JsonNode* find(std::string_view key) noexcept;
    // Replaces the member `key` (keeping its place) or appends it.
    void set(std::string key, JsonNode value, SourcePos keyPosition);
};

// "an object", "a string", ... for messages.
std::string_view describeType(JsonNode::Type type) noexcept;
// What a value is, for "found ..." in messages: `"abc"`, `42`, `an object`.
std::string describeValue(const JsonNode& node);

struct JsonError {
    SourcePos pos;
    std::string message;
    std::string path;  // where in the document ("templates.main[2]"); "" at the top
};

struct JsonParseResult {
    bool ok = false;  // a document was read (duplicate keys are errors but do not stop it)
    JsonNode root;
    std::vector<JsonError> errors;
};

inline constexpr std::size_t kMaxJsonNesting = 128;

// Parses one JSON document (RFC 8259). Syntax errors stop the parse (only the
// first is reported); duplicate keys are reported and the first one is kept.
JsonParseResult parseJsonDocument(std::string_view text);

}  // namespace asyncscope::scenario
