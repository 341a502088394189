// The Chinese texts follow the glossary: docs/glossary-zh.md names one word
// for each concept and, in its table's "禁用写法" column, the variants that
// must not be used. Every "zh" text of every built-in lesson (titles,
// descriptions, the lesson, the variants' titles and descriptions) and every
// Chinese text of the detectors' message catalogue
// (engine/src/trace/detectors/messages*.cpp) is checked against it.
//
// A variant matches as a plain substring, case-sensitively; a variant that
// starts or ends with an ASCII letter or digit only matches as a whole word
// there ("handle" does not match "JoinHandle"). Code spans in the lessons
// (`poll`, `JoinHandle`) are identifiers and are not checked.
#include <asyncscope/scenario/json.hpp>
#include <asyncscope/scenario/library.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace asyncscope::scenario {
namespace {

const std::filesystem::path kGlossary = ASYNCSCOPE_GLOSSARY;
const std::filesystem::path kDetectorsDir = ASYNCSCOPE_DETECTOR_MESSAGES_DIR;

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// ------------------------------------------------------------ the glossary --

struct Entry {
    std::string idea, term;  // the concept (English) and the Chinese term
    std::vector<std::string> forbidden;
    int line = 0;
};

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> cells(std::string_view row) {
    std::string_view r = row;
    while (!r.empty() && (r.back() == '\r' || r.back() == ' ')) r.remove_suffix(1);
    if (!r.empty() && r.front() == '|') r.remove_prefix(1);
    if (!r.empty() && r.back() == '|') r.remove_suffix(1);
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= r.size(); ++i)
        if (i == r.size() || r[i] == '|') {
            out.push_back(trim(r.substr(start, i - start)));
            start = i + 1;
        }
    return out;
}

// The `...` spans of a cell.
std::vector<std::string> codeSpans(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (true) {
        const auto open = cell.find('`', pos);
        if (open == std::string_view::npos) break;
        const auto close = cell.find('`', open + 1);
        if (close == std::string_view::npos) break;
        if (close > open + 1) out.emplace_back(cell.substr(open + 1, close - open - 1));
        pos = close + 1;
    }
    return out;
}

struct Glossary {
    std::vector<Entry> entries;
    std::string error;  // why the table could not be read
};

// The table whose header has a "用词" and a "禁用写法" column.
Glossary parseGlossary(const std::string& text) {
    Glossary g;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    int termCol = -1, forbiddenCol = -1;
    bool inTable = false;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line[0] != '|') {
            inTable = false;
            continue;
        }
        const std::vector<std::string> c = cells(line);
        if (!inTable) {
            const auto term = std::find(c.begin(), c.end(), "用词");
            const auto forbidden = std::find(c.begin(), c.end(), "禁用写法");
            if (term != c.end() && forbidden != c.end()) {
                if (!g.entries.empty()) {
                    g.error = "a second glossary table at line " + std::to_string(lineNo);
                    return g;
                }
                termCol = static_cast<int>(term - c.begin());
                forbiddenCol = static_cast<int>(forbidden - c.begin());
                inTable = true;
            }
            continue;
        }
        const bool separator = std::all_of(line.begin(), line.end(), [](char ch) {
            return ch == '|' || ch == '-' || ch == ':' || ch == ' ' || ch == '\r';
        });
        if (separator) continue;
        if (static_cast<int>(c.size()) <= std::max(termCol, forbiddenCol)) {
            g.error =
                "line " + std::to_string(lineNo) + " has " + std::to_string(c.size()) + " cells";
            return g;
        }
        g.entries.push_back({c[0], c[static_cast<std::size_t>(termCol)],
                             codeSpans(c[static_cast<std::size_t>(forbiddenCol)]), lineNo});
    }
    if (g.entries.empty() && g.error.empty())
        g.error = "no table with a \"用词\" and a \"禁用写法\" column";
    return g;
}

const Glossary& glossary() {
    static const Glossary g = parseGlossary(readFile(kGlossary));
    return g;
}

// ---------------------------------------------------------------- matching --

bool wordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Where `variant` occurs in `text` (as a whole word at an ASCII edge), or npos.
std::size_t findVariant(std::string_view text, std::string_view variant) {
    for (std::size_t at = text.find(variant); at != std::string_view::npos;
         at = text.find(variant, at + 1)) {
        const std::size_t end = at + variant.size();
        if (wordChar(variant.front()) && at > 0 && wordChar(text[at - 1])) continue;
        if (wordChar(variant.back()) && end < text.size() && wordChar(text[end])) continue;
        return at;
    }
    return std::string_view::npos;
}

// Replaces every `code span` with a space (an unclosed backtick ends nothing).
std::string withoutCodeSpans(std::string_view text) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto open = text.find('`', pos);
        const auto close = open == std::string_view::npos ? open : text.find('`', open + 1);
        if (close == std::string_view::npos) {
            out += text.substr(pos);
            return out;
        }
        out += text.substr(pos, open - pos);
        out += ' ';
        pos = close + 1;
    }
}

std::size_t codePoints(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// About 20 characters either side of [at, at + n), cut at character boundaries.
std::string context(std::string_view text, std::size_t at, std::size_t n) {
    auto continuation = [&](std::size_t p) {
        return p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80;
    };
    auto back = [&](std::size_t p) {
        for (int chars = 0; p > 0 && chars < 20; ++chars) {
            --p;
            while (p > 0 && continuation(p)) --p;
        }
        return p;
    };
    auto forward = [&](std::size_t p) {
        for (int chars = 0; p < text.size() && chars < 20; ++chars) {
            ++p;
            while (continuation(p)) ++p;
        }
        return p;
    };
    const std::size_t b = back(at), e = forward(at + n);
    return std::string(b > 0 ? "..." : "") + std::string(text.substr(b, e - b)) +
           (e < text.size() ? "..." : "");
}

// Every use of a forbidden variant in `text`, one message each.
std::vector<std::string> violations(std::string_view text) {
    std::vector<std::string> out;
    for (const Entry& e : glossary().entries)
        for (const std::string& v : e.forbidden) {
            const std::size_t at = findVariant(text, v);
            if (at == std::string_view::npos) continue;
            out.push_back("uses \"" + v + "\" where the glossary says \"" + e.term + "\" (" +
                          e.idea + ", docs/glossary-zh.md:" + std::to_string(e.line) +
                          "): " + context(text, at, v.size()));
        }
    return out;
}

// ----------------------------------------------------------------- lessons --

struct ZhText {
    std::string path;  // "lesson.watch.zh", "variants[1].title.zh"
    SourcePos pos;
    std::string text;
};

void collectZh(const JsonNode& node, const std::string& path, std::vector<ZhText>& out) {
    if (node.isObject()) {
        for (std::size_t i = 0; i < node.keys.size(); ++i) {
            const std::string p = path.empty() ? node.keys[i] : path + "." + node.keys[i];
            const JsonNode& item = node.items[i];
            if (node.keys[i] == "zh" && item.isString())
                out.push_back({p, item.pos, item.string});
            else
                collectZh(item, p, out);
        }
    } else if (node.isArray()) {
        for (std::size_t i = 0; i < node.items.size(); ++i)
            collectZh(node.items[i], path + "[" + std::to_string(i) + "]", out);
    }
}

TEST(Glossary, TableIsUsable) {
    const Glossary& g = glossary();
    ASSERT_TRUE(g.error.empty()) << kGlossary.string() << ": " << g.error;
    EXPECT_GE(g.entries.size(), 25u);
    // The concepts the issue names are there.
    for (const char* idea : {"poll", "waker", "detach", "idle", "not tied up", "victim"}) {
        const bool found = std::any_of(g.entries.begin(), g.entries.end(), [&](const Entry& e) {
            return e.idea.find(idea) != std::string::npos;
        });
        EXPECT_TRUE(found) << "the glossary has no row for \"" << idea << "\"";
    }
    for (const Entry& e : g.entries) {
        EXPECT_FALSE(e.idea.empty()) << "docs/glossary-zh.md:" << e.line;
        EXPECT_FALSE(e.term.empty()) << "docs/glossary-zh.md:" << e.line;
        for (const std::string& v : e.forbidden) {
            // A single character would forbid every word that contains it.
            EXPECT_GE(codePoints(v), 2u)
                << "docs/glossary-zh.md:" << e.line << ": \"" << v << "\" is too short";
            // No variant forbids a chosen term.
            for (const Entry& other : g.entries)
                EXPECT_EQ(findVariant(withoutCodeSpans(other.term), v), std::string::npos)
                    << "docs/glossary-zh.md:" << e.line << ": \"" << v
                    << "\" would forbid the term \"" << other.term << "\" of line " << other.line;
        }
    }
}

TEST(Glossary, LessonTextsFollowIt) {
    ASSERT_TRUE(glossary().error.empty()) << glossary().error;
    std::size_t checked = 0;
    for (const BuiltinScenario& b : builtinScenarios()) {
        const JsonParseResult doc = parseJsonDocument(b.text);
        ASSERT_TRUE(doc.ok) << b.name;
        std::vector<ZhText> texts;
        collectZh(doc.root, "", texts);
        EXPECT_FALSE(texts.empty()) << b.name << " has no \"zh\" text";
        for (const ZhText& t : texts) {
            ++checked;
            for (const std::string& v : violations(withoutCodeSpans(t.text)))
                ADD_FAILURE() << "scenarios/" << b.name << ".json:" << t.pos.line << ": " << t.path
                              << " " << v;
        }
    }
    EXPECT_GE(checked, 100u);
}

// ---------------------------------------------------------------- detectors --

struct Literal {
    std::string text;  // adjacent literals joined, escapes resolved
    std::string file;
    int line = 0;
};

bool hasCjk(std::string_view s) {
    // U+4E00..U+9FFF are the three-byte sequences led by E4..E9.
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0xE4 && u <= 0xE9;
    });
}

// The string literals of a C++ source file; literals with only white space or
// comments between them are one text, as the compiler joins them.
std::vector<Literal> stringLiterals(const std::string& src, const std::string& file) {
    std::vector<Literal> out;
    int line = 1;
    bool open = false;  // the last token was a literal
    std::size_t i = 0;
    auto close = [&] { open = false; };
    while (i < src.size()) {
        const char c = src[i];
        if (c == '\n') {
            ++line;
            ++i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ++i;
        } else if (src.compare(i, 2, "//") == 0) {
            while (i < src.size() && src[i] != '\n') ++i;
        } else if (src.compare(i, 2, "/*") == 0) {
            const auto end = src.find("*/", i + 2);
            const std::size_t stop = end == std::string::npos ? src.size() : end + 2;
            line += static_cast<int>(std::count(src.data() + i, src.data() + stop, '\n'));
            i = stop;
        } else if (c == '"') {
            if (!open) out.push_back({"", file, line});
            open = true;
            for (++i; i < src.size() && src[i] != '"'; ++i) {
                if (src[i] == '\\' && i + 1 < src.size()) {
                    ++i;
                    out.back().text += src[i] == 'n' ? '\n' : src[i];
                } else {
                    out.back().text += src[i];
                }
            }
            ++i;
        } else if (c == '\'' && !(i > 0 && wordChar(src[i - 1]))) {  // not 1'000
            close();
            for (++i; i < src.size() && src[i] != '\''; ++i)
                if (src[i] == '\\') ++i;
            ++i;
        } else {
            close();
            ++i;
        }
    }
    return out;
}

TEST(Glossary, DetectorTextsFollowIt) {
    ASSERT_TRUE(glossary().error.empty()) << glossary().error;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(kDetectorsDir)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("messages", 0) == 0 && entry.path().extension() == ".cpp")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 2u) << "no messages*.cpp in " << kDetectorsDir.string();
    std::size_t checked = 0;
    for (const auto& path : files) {
        const std::string name = "engine/src/trace/detectors/" + path.filename().string();
        for (const Literal& l : stringLiterals(readFile(path), name)) {
            if (!hasCjk(l.text)) continue;
            ++checked;
            for (const std::string& v : violations(l.text))
                ADD_FAILURE() << l.file << ":" << l.line << ": " << v;
        }
    }
    EXPECT_GE(checked, 100u);
}

}  // namespace
}  // namespace asyncscope::scenario
