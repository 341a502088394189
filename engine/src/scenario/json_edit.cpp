#include <asyncscope/scenario/json_edit.hpp>

#include <asyncscope/trace/json_writer.hpp>

#include <algorithm>

namespace asyncscope::scenario {

JsonPath operator/(JsonPath path, std::string_view member) {
    path.push_back(JsonPathStep{std::string(member), JsonPathStep::kMember});
    return path;
}

JsonPath operator/(JsonPath path, std::size_t index) {
    path.push_back(JsonPathStep{{}, index});
    return path;
}

std::string pathText(const JsonPath& path) {
    std::string out;
    for (const JsonPathStep& s : path) {
        if (s.isIndex()) {
            out += '[' + std::to_string(s.index) + ']';
        } else {
            if (!out.empty()) out += '.';
            out += s.name;
        }
    }
    return out;
}

const JsonNode* nodeAt(const JsonNode& root, const JsonPath& path) {
    const JsonNode* n = &root;
    for (const JsonPathStep& s : path) {
        if (s.isIndex()) {
            if (!n->isArray() || s.index >= n->items.size()) return nullptr;
            n = &n->items[s.index];
        } else {
            if (!n->isObject()) return nullptr;
            n = n->find(s.name);
            if (!n) return nullptr;
        }
    }
    return n;
}

std::string jsonQuote(std::string_view text) {
    return trace::JsonWriter::quote(text);  // one escaper for every JSON the project writes
}

namespace {

template <typename Members>
std::string writeMembers(const Members& members) {
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : members) {
        if (!first) out += ", ";
        first = false;
        out += jsonQuote(key) + ": " + value;
    }
    return out + '}';
}

}  // namespace

std::string jsonMembers(std::initializer_list<std::pair<std::string_view, std::string>> members) {
    return writeMembers(members);
}

std::string jsonMembers(const std::vector<std::pair<std::string, std::string>>& members) {
    return writeMembers(members);
}

JsonTextEdit::JsonTextEdit(std::string text)
    : m_text(std::move(text)), m_parsed(parseJsonDocument(m_text)) {}

std::string JsonTextEdit::slice(const JsonPath& path) const {
    if (!ok()) return {};
    const JsonNode* n = nodeAt(root(), path);
    return n ? m_text.substr(n->begin, n->end - n->begin) : std::string();
}

bool JsonTextEdit::apply(const Splice& splice) {
    std::string next = m_text;
    next.replace(splice.begin, splice.end - splice.begin, splice.text);
    JsonParseResult parsed = parseJsonDocument(next);
    if (!parsed.ok || !parsed.errors.empty()) return false;
    m_text = std::move(next);
    m_parsed = std::move(parsed);
    return true;
}

namespace {

// Where the i-th element of a list starts: an item, or a member's key.
std::size_t elementBegin(const JsonNode& list, std::size_t i) {
    return list.isObject() ? list.keySpan[i].first : list.items[i].begin;
}

}  // namespace

std::string JsonTextEdit::separator(const JsonNode& list) const {
    if (list.items.size() >= 2)
        return m_text.substr(list.items[0].end, elementBegin(list, 1) - list.items[0].end);
    if (list.items.empty()) return ", ";
    // One element: on a line of its own when it is written so, indented alike.
    const std::string_view before(m_text.data() + list.begin + 1,
                                  elementBegin(list, 0) - list.begin - 1);
    const std::size_t nl = before.rfind('\n');
    if (nl == std::string_view::npos) return ", ";
    return ",\n" + std::string(before.substr(nl + 1));
}

std::string JsonTextEdit::firstElement(const JsonNode& list, const std::string& element,
                                       bool big) const {
    const char open = list.isObject() ? '{' : '[';
    const char close = list.isObject() ? '}' : ']';
    const std::size_t lineStart = m_text.rfind('\n', list.begin);
    const std::size_t from = lineStart == std::string::npos ? 0 : lineStart + 1;
    const std::string_view before(m_text.data() + from, list.begin - from);
    const std::size_t indentLength = before.find_first_not_of(" \t");
    const std::string indent(before.substr(0, std::min(indentLength, before.size())));
    // Only a key (or nothing) before it on its line, and nothing after it.
    std::string_view rest = before.substr(std::min(indentLength, before.size()));
    bool ownLine = rest.empty();
    if (!ownLine && rest.front() == '"') {
        std::size_t q = 1;
        while (q < rest.size() && rest[q] != '"') q += rest[q] == '\\' ? 2 : 1;
        const std::size_t colon = rest.find_first_not_of(" \t", q + 1);
        ownLine = colon != rest.npos && rest[colon] == ':' &&
                  rest.find_first_not_of(" \t", colon + 1) == rest.npos;
    }
    const std::size_t after = m_text.find_first_not_of(" \t\r", list.end);
    ownLine = ownLine && (after == std::string::npos || m_text[after] == '\n' ||
                          m_text[after] == ',' || m_text[after] == '}' || m_text[after] == ']');
    if (!big || !ownLine || m_text.find('\n') == std::string::npos) return open + element + close;
    // One indentation step, as the document's first member is indented.
    std::string step = "  ";
    const JsonNode& r = root();
    if (r.isObject() && !r.items.empty()) {
        const std::size_t keyAt = r.keySpan[0].first;
        const std::size_t nl = m_text.rfind('\n', keyAt);
        if (nl != std::string::npos && nl > r.begin) step = m_text.substr(nl + 1, keyAt - nl - 1);
    }
    return open + ("\n" + indent + step) + element + "\n" + indent + close;
}

bool JsonTextEdit::replace(const JsonPath& value, std::string_view json) {
    if (!ok()) return false;
    const JsonNode* n = nodeAt(root(), value);
    if (!n) return false;
    return apply({n->begin, n->end, std::string(json)});
}

bool JsonTextEdit::setMember(const JsonPath& object, std::string_view key, std::string_view json) {
    if (!ok()) return false;
    const JsonNode* o = nodeAt(root(), object);
    if (!o || !o->isObject()) return false;
    if (const JsonNode* v = o->find(key)) return apply({v->begin, v->end, std::string(json)});
    return insertMember(object, o->items.size(), key, json);
}

bool JsonTextEdit::insertMember(const JsonPath& object, std::size_t index, std::string_view key,
                                std::string_view json) {
    if (!ok()) return false;
    const JsonNode* o = nodeAt(root(), object);
    if (!o || !o->isObject() || o->find(key) || index > o->items.size()) return false;
    const std::string member = jsonQuote(key) + ": " + std::string(json);
    const bool big = !json.empty() && (json.front() == '{' || json.front() == '[');
    if (o->items.empty()) return apply({o->begin, o->end, firstElement(*o, member, big)});
    const std::string sep = separator(*o);
    if (index < o->items.size())
        return apply({o->keySpan[index].first, o->keySpan[index].first, member + sep});
    return apply({o->items.back().end, o->items.back().end, sep + member});
}

bool JsonTextEdit::removeMember(const JsonPath& object, std::string_view key) {
    if (!ok()) return false;
    const JsonNode* o = nodeAt(root(), object);
    if (!o || !o->isObject()) return false;
    const auto it = std::find(o->keys.begin(), o->keys.end(), key);
    if (it == o->keys.end()) return false;
    const auto i = static_cast<std::size_t>(it - o->keys.begin());
    if (o->items.size() == 1) return apply({o->begin, o->end, "{}"});
    if (i + 1 < o->items.size()) return apply({o->keySpan[i].first, o->keySpan[i + 1].first, {}});
    return apply({o->items[i - 1].end, o->items[i].end, {}});
}

bool JsonTextEdit::renameMember(const JsonPath& object, std::string_view from,
                                std::string_view to) {
    if (!ok()) return false;
    const JsonNode* o = nodeAt(root(), object);
    if (!o || !o->isObject() || o->find(to)) return false;
    const auto it = std::find(o->keys.begin(), o->keys.end(), from);
    if (it == o->keys.end()) return false;
    const auto& span = o->keySpan[static_cast<std::size_t>(it - o->keys.begin())];
    return apply({span.first, span.second, jsonQuote(to)});
}

bool JsonTextEdit::insertItem(const JsonPath& array, std::size_t index, std::string_view json) {
    if (!ok()) return false;
    const JsonNode* a = nodeAt(root(), array);
    if (!a || !a->isArray() || index > a->items.size()) return false;
    const bool big = !json.empty() && (json.front() == '{' || json.front() == '[');
    if (a->items.empty())
        return apply({a->begin, a->end, firstElement(*a, std::string(json), big)});
    const std::string sep = separator(*a);
    if (index < a->items.size())
        return apply({a->items[index].begin, a->items[index].begin, std::string(json) + sep});
    return apply({a->items.back().end, a->items.back().end, sep + std::string(json)});
}

bool JsonTextEdit::removeItem(const JsonPath& array, std::size_t index) {
    if (!ok()) return false;
    const JsonNode* a = nodeAt(root(), array);
    if (!a || !a->isArray() || index >= a->items.size()) return false;
    if (a->items.size() == 1) return apply({a->begin, a->end, "[]"});
    if (index + 1 < a->items.size())
        return apply({a->items[index].begin, a->items[index + 1].begin, {}});
    return apply({a->items[index - 1].end, a->items[index].end, {}});
}

bool JsonTextEdit::moveItem(const JsonPath& fromArray, std::size_t from, const JsonPath& toArray,
                            std::size_t to) {
    if (!ok()) return false;
    const JsonNode* src = nodeAt(root(), fromArray);
    const JsonNode* dst = nodeAt(root(), toArray);
    if (!src || !src->isArray() || from >= src->items.size() || !dst || !dst->isArray() ||
        to > dst->items.size())
        return false;
    const JsonPath item = fromArray / from;
    // Into itself: the destination lies inside the item that moves.
    if (toArray.size() >= item.size() && std::equal(item.begin(), item.end(), toArray.begin()))
        return false;
    JsonPath target = toArray;
    std::size_t at = to;
    if (target == fromArray) {
        if (at == from || at == from + 1) return true;  // it is there already
        if (at > from) --at;
    } else if (target.size() > fromArray.size() &&
               std::equal(fromArray.begin(), fromArray.end(), target.begin()) &&
               target[fromArray.size()].isIndex() && target[fromArray.size()].index > from) {
        --target[fromArray.size()].index;  // a later sibling's list: one item earlier now
    }
    const std::string text = slice(item);
    const std::string before = m_text;
    const JsonParseResult parsedBefore = m_parsed;
    if (removeItem(fromArray, from) && insertItem(target, at, text)) return true;
    m_text = before;
    m_parsed = parsedBefore;
    return false;
}

}  // namespace asyncscope::scenario
