// The positioned JSON parser of the scenario loader: values, positions
// (1-based line and column, columns counting UTF-8 characters), duplicate
// keys, and every syntax error with its exact place.
#include <asyncscope/scenario/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace asyncscope::scenario {
namespace {

using Type = JsonNode::Type;

// "line:column: message" of the single error of a parse that must fail.
std::string onlyError(std::string_view text) {
    const JsonParseResult r = parseJsonDocument(text);
    EXPECT_FALSE(r.ok) << "expected a syntax error in: " << text;
    if (r.errors.size() != 1) {
        ADD_FAILURE() << "expected exactly one error, got " << r.errors.size() << " for: " << text;
        if (r.errors.empty()) return "<no error>";
    }
    const JsonError& e = r.errors.front();
    return std::to_string(e.pos.line) + ":" + std::to_string(e.pos.column) + ": " + e.message;
}

JsonNode parseOk(std::string_view text) {
    JsonParseResult r = parseJsonDocument(text);
    EXPECT_TRUE(r.ok) << text;
    EXPECT_TRUE(r.errors.empty()) << text << ": " << (r.errors.empty() ? "" : r.errors[0].message);
    return std::move(r.root);
}

std::string at(SourcePos p) {
    return std::to_string(p.line) + ":" + std::to_string(p.column);
}

// ---------------------------------------------------------------- values

TEST(JsonDocumentValues, ScalarsAndTheirTypes) {
    EXPECT_EQ(parseOk("null").type, Type::Null);
    JsonNode t = parseOk("true");
    EXPECT_EQ(t.type, Type::Bool);
    EXPECT_TRUE(t.boolean);
    JsonNode f = parseOk("false");
    EXPECT_EQ(f.type, Type::Bool);
    EXPECT_FALSE(f.boolean);
    JsonNode s = parseOk(R"("hi")");
    EXPECT_EQ(s.type, Type::String);
    EXPECT_EQ(s.string, "hi");
    EXPECT_TRUE(s.isString());
    EXPECT_FALSE(s.isNumber());
}

TEST(JsonDocumentValues, IntegersAreIntegral) {
    JsonNode n = parseOk("42");
    ASSERT_EQ(n.type, Type::Number);
    EXPECT_TRUE(n.integral);
    EXPECT_EQ(n.integer, 42);
    EXPECT_DOUBLE_EQ(n.number, 42.0);

    JsonNode neg = parseOk("-17");
    EXPECT_TRUE(neg.integral);
    EXPECT_EQ(neg.integer, -17);

    JsonNode zero = parseOk("-0");
    EXPECT_TRUE(zero.integral);
    EXPECT_EQ(zero.integer, 0);

    JsonNode big = parseOk("9223372036854775807");
    EXPECT_TRUE(big.integral);
    EXPECT_EQ(big.integer, INT64_MAX);

    JsonNode small = parseOk("-9223372036854775808");
    EXPECT_TRUE(small.integral);
    EXPECT_EQ(small.integer, INT64_MIN);
}

TEST(JsonDocumentValues, FractionsExponentsAndHugeIntegersAreReal) {
    JsonNode a = parseOk("1.0");
    EXPECT_FALSE(a.integral);
    EXPECT_DOUBLE_EQ(a.number, 1.0);

    JsonNode b = parseOk("1e3");
    EXPECT_FALSE(b.integral);
    EXPECT_DOUBLE_EQ(b.number, 1000.0);

    JsonNode c = parseOk("-2.5E-2");
    EXPECT_FALSE(c.integral);
    EXPECT_DOUBLE_EQ(c.number, -0.025);

    JsonNode d = parseOk("2E+2");
    EXPECT_FALSE(d.integral);
    EXPECT_DOUBLE_EQ(d.number, 200.0);

    // One past INT64_MAX: still a number, but not an int64.
    JsonNode e = parseOk("9223372036854775808");
    EXPECT_EQ(e.type, Type::Number);
    EXPECT_FALSE(e.integral);
    EXPECT_DOUBLE_EQ(e.number, 9223372036854775808.0);
}

TEST(JsonDocumentValues, ObjectsKeepMemberOrderAndKeys) {
    JsonNode o = parseOk(R"({"b": 1, "a": [true, null], "c": {}})");
    ASSERT_TRUE(o.isObject());
    ASSERT_EQ(o.keys.size(), 3u);
    ASSERT_EQ(o.items.size(), 3u);
    ASSERT_EQ(o.keyPos.size(), 3u);
    EXPECT_EQ(o.keys[0], "b");
    EXPECT_EQ(o.keys[1], "a");
    EXPECT_EQ(o.keys[2], "c");
    ASSERT_NE(o.find("a"), nullptr);
    EXPECT_TRUE(o.find("a")->isArray());
    ASSERT_EQ(o.find("a")->items.size(), 2u);
    EXPECT_TRUE(o.find("a")->items[0].boolean);
    EXPECT_EQ(o.find("a")->items[1].type, Type::Null);
    EXPECT_TRUE(o.find("c")->isObject());
    EXPECT_TRUE(o.find("c")->items.empty());
    EXPECT_EQ(o.find("missing"), nullptr);
}

TEST(JsonDocumentValues, EmptyContainers) {
    JsonNode a = parseOk("[]");
    EXPECT_TRUE(a.isArray());
    EXPECT_TRUE(a.items.empty());
    JsonNode o = parseOk("{ \n }");
    EXPECT_TRUE(o.isObject());
    EXPECT_TRUE(o.keys.empty());
}

TEST(JsonDocumentValues, SimpleEscapes) {
    JsonNode s = parseOk(R"("a\"b\\c\/d\be\ff\ng\rh\ti")");
    EXPECT_EQ(s.string, std::string("a\"b\\c/d\be\ff\ng\rh\ti"));
}

TEST(JsonDocumentValues, UnicodeEscapes) {
    EXPECT_EQ(parseOk(R"("\u0041")").string, "A");
    EXPECT_EQ(parseOk(R"("\u00e9")").string, "\xC3\xA9");      // é, two bytes
    EXPECT_EQ(parseOk(R"("\u00E9")").string, "\xC3\xA9");      // upper-case hex
    EXPECT_EQ(parseOk(R"("\u4e2d")").string, "\xE4\xB8\xAD");  // 中, three bytes
    EXPECT_EQ(parseOk(R"("\u0000")").string, std::string("\0", 1));
    // A surrogate pair: U+1F600 (four bytes).
    EXPECT_EQ(parseOk(R"("\uD83D\uDE00")").string, "\xF0\x9F\x98\x80");
    // The highest code point, U+10FFFF.
    EXPECT_EQ(parseOk(R"("\uDBFF\uDFFF")").string, "\xF4\x8F\xBF\xBF");
}

TEST(JsonDocumentValues, RawUtf8IsKept) {
    EXPECT_EQ(parseOk("\"caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80\"").string,
              "caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80");
}

TEST(JsonDocumentValues, ByteOrderMarkIsSkipped) {
    JsonNode o = parseOk("\xEF\xBB\xBF{\"a\": 1}");
    ASSERT_TRUE(o.isObject());
    ASSERT_NE(o.find("a"), nullptr);
    EXPECT_EQ(o.find("a")->integer, 1);
    // The BOM is invisible in an editor: what follows it is column 1.
    EXPECT_EQ(at(o.pos), "1:1");
    EXPECT_EQ(at(o.keyPos[0]), "1:2");
    EXPECT_EQ(at(o.find("a")->pos), "1:7");
    // Only at the very start: elsewhere it is a stray byte.
    EXPECT_EQ(onlyError("{} \xEF\xBB\xBF"),
              "1:4: unexpected byte 0xEF after the end of the document");
}

// ---------------------------------------------------------------- positions

TEST(JsonDocumentPositions, ValuesAndKeysAreOneBased) {
    const JsonNode o = parseOk("{\"a\": 1,\n  \"bb\": [true, \"x\"]\n}");
    EXPECT_EQ(at(o.pos), "1:1");
    EXPECT_EQ(at(o.keyPos[0]), "1:2");
    EXPECT_EQ(at(o.items[0].pos), "1:7");
    EXPECT_EQ(at(o.keyPos[1]), "2:3");
    const JsonNode& arr = o.items[1];
    EXPECT_EQ(at(arr.pos), "2:9");
    EXPECT_EQ(at(arr.items[0].pos), "2:10");
    EXPECT_EQ(at(arr.items[1].pos), "2:16");
}

TEST(JsonDocumentPositions, LeadingWhitespaceAndTabs) {
    const JsonNode a = parseOk("\n\n \t [1,\t2]");
    EXPECT_EQ(at(a.pos), "3:4");
    EXPECT_EQ(at(a.items[0].pos), "3:5");
    EXPECT_EQ(at(a.items[1].pos), "3:8");  // a tab is one column
}

TEST(JsonDocumentPositions, CrLfLineEnds) {
    const JsonNode a = parseOk("[\r\n  1,\r\n  2\r\n]");
    EXPECT_EQ(at(a.items[0].pos), "2:3");
    EXPECT_EQ(at(a.items[1].pos), "3:3");
}

TEST(JsonDocumentPositions, LoneCrEndsALine) {
    const JsonNode a = parseOk("[\r  1,\r  2\r]");
    EXPECT_EQ(at(a.items[0].pos), "2:3");
    EXPECT_EQ(at(a.items[1].pos), "3:3");
    // Mixed: CR LF is one line end, not two.
    const JsonNode b = parseOk("[\r\n1,\r2]");
    EXPECT_EQ(at(b.items[0].pos), "2:1");
    EXPECT_EQ(at(b.items[1].pos), "3:1");
}

TEST(JsonDocumentPositions, ColumnsCountCharactersNotBytes) {
    // "é" is two bytes but one column.
    const JsonNode o = parseOk("{\"\xC3\xA9\": 1, \"b\": 2}");
    ASSERT_EQ(o.keys.size(), 2u);
    EXPECT_EQ(o.keys[0], "\xC3\xA9");
    EXPECT_EQ(at(o.keyPos[0]), "1:2");
    EXPECT_EQ(at(o.items[0].pos), "1:7");
    EXPECT_EQ(at(o.keyPos[1]), "1:10");
    EXPECT_EQ(at(o.items[1].pos), "1:15");
}

TEST(JsonDocumentPositions, ChineseTextCountsOneColumnPerCharacter) {
    // 中文 is six bytes, two columns.
    const JsonNode a = parseOk("[\"\xE4\xB8\xAD\xE6\x96\x87\", 7, \"\xF0\x9F\x98\x80\", 8]");
    ASSERT_EQ(a.items.size(), 4u);
    EXPECT_EQ(at(a.items[0].pos), "1:2");
    EXPECT_EQ(at(a.items[1].pos), "1:8");
    EXPECT_EQ(at(a.items[2].pos), "1:11");  // an emoji (4 bytes) is one column too
    EXPECT_EQ(at(a.items[3].pos), "1:16");
}

TEST(JsonDocumentPositions, ColumnsRestartOnEachLineAfterMultiByteText) {
    const JsonNode a = parseOk("[\"\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\",\n 5]");
    EXPECT_EQ(at(a.items[1].pos), "2:2");
}

TEST(JsonDocumentPositions, ErrorColumnAfterChineseText) {
    // The error is after three Chinese characters: column 8, not byte 14.
    EXPECT_EQ(onlyError("[\"\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\" x]"),
              "1:8: expected ',' or ']' in an array, found 'x'");
}

// ---------------------------------------------------------------- duplicates

TEST(JsonDocumentDuplicates, ReportsBothPositionsAndKeepsTheFirst) {
    const JsonParseResult r = parseJsonDocument("{\"a\": 1,\n \"b\": 2,\n   \"a\": 3}");
    EXPECT_TRUE(r.ok) << "a duplicate key does not stop the parse";
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(at(r.errors[0].pos), "3:4");
    EXPECT_EQ(r.errors[0].message, "duplicate key \"a\" (first defined at line 1, column 2)");
    ASSERT_EQ(r.root.keys.size(), 2u);
    EXPECT_EQ(r.root.keys[0], "a");
    EXPECT_EQ(r.root.keys[1], "b");
    EXPECT_EQ(r.root.find("a")->integer, 1);
    EXPECT_EQ(at(r.root.find("a")->pos), "1:7");
}

TEST(JsonDocumentDuplicates, EveryDuplicateIsReportedAndParsingGoesOn) {
    const JsonParseResult r = parseJsonDocument(R"({"x": {"k": 1, "k": 2}, "x": 3, "y": [1, 2]})");
    EXPECT_TRUE(r.ok);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(at(r.errors[0].pos), "1:16");
    EXPECT_EQ(r.errors[0].message, "duplicate key \"k\" (first defined at line 1, column 8)");
    EXPECT_EQ(at(r.errors[1].pos), "1:25");
    EXPECT_EQ(r.errors[1].message, "duplicate key \"x\" (first defined at line 1, column 2)");
    ASSERT_TRUE(r.root.find("x")->isObject());
    EXPECT_EQ(r.root.find("x")->find("k")->integer, 1);
    ASSERT_NE(r.root.find("y"), nullptr);
    EXPECT_EQ(r.root.find("y")->items.size(), 2u);
}

TEST(JsonDocumentDuplicates, KeysAreComparedAfterUnescaping) {
    const JsonParseResult r = parseJsonDocument(R"({"a": 1, "\u0061": 2})");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].message, "duplicate key \"a\" (first defined at line 1, column 2)");
    EXPECT_EQ(at(r.errors[0].pos), "1:10");
}

TEST(JsonDocumentDuplicates, DuplicateThenSyntaxErrorReportsBoth) {
    const JsonParseResult r = parseJsonDocument(R"({"a": 1, "a": 2,})");
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.errors.size(), 2u);
    EXPECT_EQ(r.errors[0].message, "duplicate key \"a\" (first defined at line 1, column 2)");
    EXPECT_EQ(at(r.errors[1].pos), "1:17");
    EXPECT_EQ(r.errors[1].message, "trailing comma before '}'");
}

// ---------------------------------------------------------------- syntax errors

TEST(JsonDocumentSyntax, EmptyInput) {
    EXPECT_EQ(onlyError(""), "1:1: expected a value, found end of file");
    EXPECT_EQ(onlyError("  \n  "), "2:3: expected a value, found end of file");
    EXPECT_EQ(onlyError("\xEF\xBB\xBF"), "1:1: expected a value, found end of file");
}

TEST(JsonDocumentSyntax, TrailingCommas) {
    EXPECT_EQ(onlyError("{\"a\": 1,\n}"), "2:1: trailing comma before '}'");
    EXPECT_EQ(onlyError("[1, 2, ]"), "1:8: trailing comma before ']'");
}

TEST(JsonDocumentSyntax, MissingColonAndComma) {
    EXPECT_EQ(onlyError(R"({"a" 1})"), "1:6: expected ':' after member name \"a\", found '1'");
    EXPECT_EQ(onlyError(R"({"a": 1 "b": 2})"), "1:9: expected ',' or '}' in an object, found '\"'");
    EXPECT_EQ(onlyError("[1 2]"), "1:4: expected ',' or ']' in an array, found '2'");
    EXPECT_EQ(onlyError("{\"a\"}"), "1:5: expected ':' after member name \"a\", found '}'");
}

TEST(JsonDocumentSyntax, SingleQuotes) {
    EXPECT_EQ(onlyError("{'a': 1}"), "1:2: expected a member name in double quotes, found '''");
    EXPECT_EQ(onlyError("[1, 'x']"),
              "1:5: expected a value, found ''' (JSON strings use double quotes)");
    EXPECT_EQ(onlyError("{\"a\": 'x'}"),
              "1:7: expected a value, found ''' (JSON strings use double quotes)");
}

TEST(JsonDocumentSyntax, UnquotedKeysAndBadLiterals) {
    EXPECT_EQ(onlyError("{a: 1}"), "1:2: expected a member name in double quotes, found 'a'");
    EXPECT_EQ(onlyError("[tru]"), "1:2: expected a value, found 't'");
    EXPECT_EQ(onlyError("[nul]"), "1:2: expected a value, found 'n'");
    EXPECT_EQ(onlyError("[True]"), "1:2: expected a value, found 'T'");
    EXPECT_EQ(onlyError("[+1]"), "1:2: expected a value, found '+'");
    EXPECT_EQ(onlyError("[.5]"), "1:2: expected a value, found '.'");
}

TEST(JsonDocumentSyntax, LeadingZerosAndMalformedNumbers) {
    EXPECT_EQ(onlyError("[01]"), "1:3: numbers must not have leading zeros");
    EXPECT_EQ(onlyError("[-007]"), "1:4: numbers must not have leading zeros");
    EXPECT_EQ(onlyError("[-]"), "1:3: expected a digit, found ']'");
    EXPECT_EQ(onlyError("[1.]"), "1:4: expected a digit after '.', found ']'");
    EXPECT_EQ(onlyError("[1e]"), "1:4: expected a digit in the exponent, found ']'");
    EXPECT_EQ(onlyError("[1e+]"), "1:5: expected a digit in the exponent, found ']'");
    EXPECT_EQ(onlyError("-"), "1:2: expected a digit, found end of file");
    EXPECT_EQ(onlyError("[1, 1e999]"), "1:5: number 1e999 is out of range");
    // 0 alone, 0.5 and 0e1 are fine.
    EXPECT_EQ(parseOk("[0, 0.5, 0e1]").items.size(), 3u);
}

TEST(JsonDocumentSyntax, BadEscapesPointAtTheBackslash) {
    EXPECT_EQ(onlyError(R"(["ab\x"])"), "1:5: invalid escape \\x");
    EXPECT_EQ(onlyError(R"(["\'"])"), "1:3: invalid escape \\'");
    EXPECT_EQ(onlyError(R"(["\u12G4"])"),
              "1:7: expected a hexadecimal digit in \\u escape, found 'G'");
    EXPECT_EQ(onlyError(R"(["\u12")"),
              "1:7: expected a hexadecimal digit in \\u escape, found '\"'");
    EXPECT_EQ(onlyError("[\"\\u12"), "1:7: unterminated \\u escape");
}

TEST(JsonDocumentSyntax, UnpairedSurrogates) {
    // A high surrogate with nothing after it, a low one alone, a high one
    // followed by something that is not a low one.
    EXPECT_EQ(onlyError(R"(["\uD800"])"), "1:3: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(onlyError(R"(["x\uDC00"])"), "1:4: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(onlyError(R"(["\uD83D\u0041"])"), "1:3: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(onlyError(R"(["\uD83D\uD83D"])"), "1:3: unpaired UTF-16 surrogate in \\u escape");
    EXPECT_EQ(onlyError(R"(["\uD83Dx"])"), "1:3: unpaired UTF-16 surrogate in \\u escape");
}

TEST(JsonDocumentSyntax, InvalidUtf8) {
    // A lone continuation byte, a truncated sequence, an overlong encoding, an
    // encoded surrogate, a code point above U+10FFFF, 0xFF.
    EXPECT_EQ(onlyError("[\"ab\x80\"]"), "1:5: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xC3\"]"), "1:3: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xC0\xAF\"]"), "1:3: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xE0\x80\xAF\"]"), "1:3: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xED\xA0\x80\"]"), "1:3: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xF4\x90\x80\x80\"]"), "1:3: invalid UTF-8 in a string");
    EXPECT_EQ(onlyError("[\"\xFF\"]"), "1:3: invalid UTF-8 in a string");
    // After valid multi-byte text the column still counts characters.
    EXPECT_EQ(onlyError("[\"\xC3\xA9\xC3\xA9\xFF\"]"), "1:5: invalid UTF-8 in a string");
    // Outside a string the byte is named.
    EXPECT_EQ(onlyError("[\xC3\xA9]"), "1:2: expected a value, found byte 0xC3");
}

TEST(JsonDocumentSyntax, ControlCharactersInStrings) {
    EXPECT_EQ(onlyError("[\"a\tb\"]"), "1:4: control character inside a string (escape it)");
    EXPECT_EQ(onlyError(std::string_view("[\"a\0b\"]", 7)),
              "1:4: control character inside a string (escape it)");
    EXPECT_EQ(onlyError("[\"ab\ncd\"]"),
              "1:5: unterminated string (a line break inside a string must be written \\n)");
}

TEST(JsonDocumentSyntax, UnterminatedStringPointsAtItsStart) {
    EXPECT_EQ(onlyError("{\"a\": \"abc"), "1:7: unterminated string");
    EXPECT_EQ(onlyError("[\n  \"abc\\"), "2:3: unterminated string");
    EXPECT_EQ(onlyError("{\"ke"), "1:2: unterminated string");
}

TEST(JsonDocumentSyntax, UnterminatedContainers) {
    EXPECT_EQ(onlyError("[1, 2"), "1:6: expected ',' or ']' in an array, found end of file");
    EXPECT_EQ(onlyError("{\"a\": 1"), "1:8: expected ',' or '}' in an object, found end of file");
    EXPECT_EQ(onlyError("{\"a\":"), "1:6: expected a value, found end of file");
    EXPECT_EQ(onlyError("{"), "1:2: expected a member name in double quotes, found end of file");
    EXPECT_EQ(onlyError("["), "1:2: expected a value, found end of file");
}

TEST(JsonDocumentSyntax, TrailingGarbage) {
    EXPECT_EQ(onlyError("{} x"), "1:4: unexpected 'x' after the end of the document");
    EXPECT_EQ(onlyError("[1]\n\n  ]"), "3:3: unexpected ']' after the end of the document");
    EXPECT_EQ(onlyError("1 2"), "1:3: unexpected '2' after the end of the document");
    EXPECT_EQ(onlyError("{}\x01"), "1:3: unexpected byte 0x01 after the end of the document");
    // Trailing whitespace is fine.
    EXPECT_TRUE(parseJsonDocument("{} \n\t\r\n").ok);
}

TEST(JsonDocumentSyntax, OnlyTheFirstSyntaxErrorIsReported) {
    const JsonParseResult r = parseJsonDocument("[01, 'x', tru]");
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].message, "numbers must not have leading zeros");
}

TEST(JsonDocumentSyntax, NestingLimit) {
    // kMaxJsonNesting levels are fine; one more is not.
    const std::string ok = std::string(kMaxJsonNesting, '[') + std::string(kMaxJsonNesting, ']');
    const JsonParseResult good = parseJsonDocument(ok);
    EXPECT_TRUE(good.ok);
    EXPECT_TRUE(good.errors.empty());

    const std::string deep =
        std::string(kMaxJsonNesting + 1, '[') + std::string(kMaxJsonNesting + 1, ']');
    EXPECT_EQ(onlyError(deep), "1:" + std::to_string(kMaxJsonNesting + 1) +
                                   ": nested deeper than " + std::to_string(kMaxJsonNesting) +
                                   " levels");

    // Objects count as levels too, mixed with arrays.
    std::string mixed;
    for (std::size_t i = 0; i <= kMaxJsonNesting; ++i) mixed += i % 2 ? "[" : "{\"k\":";
    // 64 openers `{"k":` (5 columns) and 64 `[` before the failing `{`.
    EXPECT_EQ(onlyError(mixed), "1:385: nested deeper than 128 levels");

    // Very deep input fails cleanly (no stack overflow).
    const std::string huge(100000, '[');
    EXPECT_EQ(onlyError(huge), "1:129: nested deeper than 128 levels");
}

// ---------------------------------------------------------------- helpers

TEST(JsonDocumentHelpers, DescribeTypeAndValue) {
    EXPECT_EQ(describeType(Type::Null), "null");
    EXPECT_EQ(describeType(Type::Bool), "a boolean");
    EXPECT_EQ(describeType(Type::Number), "a number");
    EXPECT_EQ(describeType(Type::String), "a string");
    EXPECT_EQ(describeType(Type::Array), "an array");
    EXPECT_EQ(describeType(Type::Object), "an object");

    EXPECT_EQ(describeValue(parseOk("true")), "true");
    EXPECT_EQ(describeValue(parseOk("false")), "false");
    EXPECT_EQ(describeValue(parseOk("42")), "42");
    EXPECT_EQ(describeValue(parseOk("-3")), "-3");
    EXPECT_EQ(describeValue(parseOk("1.5")), "1.5");
    EXPECT_EQ(describeValue(parseOk("\"abc\"")), "\"abc\"");
    EXPECT_EQ(describeValue(parseOk("null")), "null");
    EXPECT_EQ(describeValue(parseOk("[1]")), "an array");
    EXPECT_EQ(describeValue(parseOk("{}")), "an object");
    // Long strings are cut to 37 characters and "...".
    const std::string longText(50, 'x');
    EXPECT_EQ(describeValue(parseOk("\"" + longText + "\"")),
              "\"" + std::string(37, 'x') + "...\"");
    const std::string forty(40, 'y');
    EXPECT_EQ(describeValue(parseOk("\"" + forty + "\"")), "\"" + forty + "\"");
}

TEST(JsonDocumentHelpers, SetReplacesInPlaceOrAppends) {
    JsonNode o = parseOk(R"({"a": 1, "b": 2})");
    JsonNode three = parseOk("3");
    o.set("a", three, SourcePos{9, 9});
    ASSERT_EQ(o.keys.size(), 2u);
    EXPECT_EQ(o.keys[0], "a");
    EXPECT_EQ(o.find("a")->integer, 3);
    EXPECT_EQ(at(o.keyPos[0]), "1:2") << "replacing keeps the key's place";
    JsonNode four = parseOk("4");
    o.set("c", four, SourcePos{7, 8});
    ASSERT_EQ(o.keys.size(), 3u);
    EXPECT_EQ(o.keys[2], "c");
    EXPECT_EQ(at(o.keyPos[2]), "7:8");
    EXPECT_EQ(o.find("c")->integer, 4);
    const JsonNode& co = o;
    EXPECT_EQ(co.find("b")->integer, 2);
}

}  // namespace
}  // namespace asyncscope::scenario
