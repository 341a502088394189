// Edits of a JSON text that change one thing and keep every other byte as
// it was written: its layout, its order, and members the scenario format does
// not know. The app's scenario builder edits the same text the JSON editor
// shows through these, so a builder action is a small text change that the
// editor shows at once and undo reverts exactly.
//
// A new item or member follows the layout of its neighbours: on a line of
// its own, indented like them, in a list written one per line; after ", " in
// a list written on one line. The first object or array put in an empty list
// that ends its line gets a line of its own, indented one step further (as
// the document indents); a value in an empty list elsewhere stays on its
// line. Values are passed as JSON text (jsonQuote,
// jsonMembers help to write them); an edit whose result would not parse is
// refused and leaves the text as it was.
#pragma once

#include <asyncscope/scenario/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace asyncscope::scenario {

// One step of a path into a document: a member's name, or an item's index.
struct JsonPathStep {
    static constexpr std::size_t kMember = static_cast<std::size_t>(-1);
    std::string name;
    std::size_t index = kMember;

    bool isIndex() const noexcept { return index != kMember; }
    friend bool operator==(const JsonPathStep&, const JsonPathStep&) = default;
};
using JsonPath = std::vector<JsonPathStep>;

JsonPath operator/(JsonPath path, std::string_view member);
JsonPath operator/(JsonPath path, std::size_t index);
// As the loader's diagnostics write a path: `templates.main[2].duration`.
std::string pathText(const JsonPath& path);
// The value at `path`, or nullptr.
const JsonNode* nodeAt(const JsonNode& root, const JsonPath& path);

// A JSON string literal for `text` (trace::JsonWriter::quote: quotes,
// backslashes and control characters escaped, ill-formed UTF-8 replaced,
// other characters as they are).
std::string jsonQuote(std::string_view text);
// `{"a": 1, "b": "x"}` from members whose values are JSON text already, in
// the order given.
std::string jsonMembers(std::initializer_list<std::pair<std::string_view, std::string>> members);
std::string jsonMembers(const std::vector<std::pair<std::string, std::string>>& members);

class JsonTextEdit {
public:
    explicit JsonTextEdit(std::string text);

    const std::string& text() const noexcept { return m_text; }
    // Whether the text parses; every edit below needs it to.
    bool ok() const noexcept { return m_parsed.ok && m_parsed.errors.empty(); }
    const JsonParseResult& parsed() const noexcept { return m_parsed; }
    const JsonNode& root() const noexcept { return m_parsed.root; }
    // The text of the value at `path` as written ("" when there is none).
    std::string slice(const JsonPath& path) const;

    // Each returns false, changing nothing, when the path does not lead to
    // what it needs (an object, an array, a member, an index in range) or
    // when the result would not parse.
    bool replace(const JsonPath& value, std::string_view json);
    // Replaces the member `key`'s value in place, or appends the member.
    bool setMember(const JsonPath& object, std::string_view key, std::string_view json);
    // Inserts member `key` before member `index` (index == size appends);
    // false when `key` is there already.
    bool insertMember(const JsonPath& object, std::size_t index, std::string_view key,
                      std::string_view json);
    bool removeMember(const JsonPath& object, std::string_view key);
    // Renames a member where it stands (false when `to` exists already).
    bool renameMember(const JsonPath& object, std::string_view from, std::string_view to);
    // Inserts before item `index` (index == size appends).
    bool insertItem(const JsonPath& array, std::size_t index, std::string_view json);
    bool removeItem(const JsonPath& array, std::size_t index);
    // Moves item `from` of `fromArray` to stand before item `to` of `toArray`
    // (indices as they are before the move; to == size appends). The text
    // of the item moves as it was written. False when `toArray` is inside
    // the item itself.
    bool moveItem(const JsonPath& fromArray, std::size_t from, const JsonPath& toArray,
                  std::size_t to);

private:
    struct Splice {
        std::size_t begin, end;
        std::string text;
    };
    bool apply(const Splice& splice);
    // The text between two neighbouring items (or members) that the list
    // uses, e.g. ",\n    " or ", ".
    std::string separator(const JsonNode& list) const;
    // `list` (empty) written with its first element `element`.
    std::string firstElement(const JsonNode& list, const std::string& element, bool big) const;

    std::string m_text;
    JsonParseResult m_parsed;
};

}  // namespace asyncscope::scenario
