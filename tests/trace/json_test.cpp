// JsonWriter escaping and repair rules; parseJson round trips and error offsets.
#include <asyncscope/trace/json_writer.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <sstream>

using namespace asyncscope::trace;

namespace {

std::string escaped(std::string_view s) {
    return JsonWriter::quote(s);
}

template <class F>
std::string written(F&& f) {
    std::ostringstream os;
    JsonWriter w(os);
    f(w);
    w.finish();
    return os.str();
}

std::string parseError(std::string_view text) {
    std::string error;
    EXPECT_FALSE(parseJson(text, &error).has_value()) << text;
    return error;
}

}  // namespace

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(escaped("plain"), "\"plain\"");
    EXPECT_EQ(escaped("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(escaped("C:\\dir"), "\"C:\\\\dir\"");
    EXPECT_EQ(escaped("a\nb\tc\rd\be\ff"), "\"a\\nb\\tc\\rd\\be\\ff\"");
    EXPECT_EQ(escaped(std::string_view("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(escaped(std::string_view("nul\0!", 5)), "\"nul\\u0000!\"");
    EXPECT_EQ(escaped("slash / stays"), "\"slash / stays\"");
    EXPECT_EQ(escaped("del \x7f"), "\"del \\u007f\"");  // for Perfetto's tokenizer
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalidBytes) {
    EXPECT_EQ(escaped("gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80"),
              "\"gr\xC3\xBC\xC3\x9F \xE2\x82\xAC \xF0\x9F\x98\x80\"");
    const std::string fffd = "\xEF\xBF\xBD";
    EXPECT_EQ(escaped("a\xFFz"), "\"a" + fffd + "z\"");         // never valid
    EXPECT_EQ(escaped("a\x80z"), "\"a" + fffd + "z\"");         // lone continuation
    EXPECT_EQ(escaped("\xC0\xAF"), "\"" + fffd + fffd + "\"");  // overlong '/': two bad bytes
    EXPECT_EQ(escaped("\xED\xA0\x80"), "\"" + fffd + fffd + fffd + "\"");  // surrogate D800
    EXPECT_EQ(escaped("\xE2\x82z"), "\"" + fffd + "z\"");          // truncated: one maximal subpart
    EXPECT_EQ(escaped("end\xF0\x9F\x98"), "\"end" + fffd + "\"");  // truncated at the end
    EXPECT_EQ(escaped("\xF4\x90\x80\x80"), "\"" + fffd + fffd + fffd + fffd + "\"");  // > U+10FFFF

    // Whatever goes in, the output parses and holds valid UTF-8.
    std::string all;
    for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
    auto v = parseJson(escaped(all));
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->asString().substr(0, 128), all.substr(0, 128));
}

TEST(JsonWriter, WritesNestedDocumentsWithCommas) {
    std::string s = written([](JsonWriter& w) {
        w.beginObject();
        w.field("a", 1).field("b", "two").field("c", true).key("d").null();
        w.key("e")
            .beginArray()
            .value(1)
            .value(-2)
            .value(2.5)
            .beginObject()
            .endObject()
            .beginArray()
            .endArray();
        w.endArray();
        w.field("big", std::numeric_limits<unsigned long long>::max());
        w.field("neg", std::numeric_limits<long long>::min());
        w.endObject();
    });
    EXPECT_EQ(s,
              "{\"a\":1,\"b\":\"two\",\"c\":true,\"d\":null,\"e\":[1,-2,2.5,{},[]],"
              "\"big\":18446744073709551615,\"neg\":-9223372036854775808}");
    EXPECT_TRUE(parseJson(s).has_value());
}

TEST(JsonWriter, DoublesAreShortestAndNonFiniteBecomesNull) {
    std::string s = written([](JsonWriter& w) {
        w.beginArray().value(0.1).value(1234.567).value(1e300).value(-0.0).value(5.0);
        w.value(std::nan("")).value(std::numeric_limits<double>::infinity());
        w.value(-std::numeric_limits<double>::infinity()).endArray();
    });
    EXPECT_EQ(s, "[0.1,1234.567,1e+300,-0,5,null,null,null]");
    auto v = parseJson(s);
    ASSERT_TRUE(v.has_value());
    EXPECT_DOUBLE_EQ((*v)[1].asNumber(), 1234.567);
    EXPECT_TRUE((*v)[5].isNull());
}

TEST(JsonWriter, RepairsMisuseIntoWellFormedJson) {
    // Value without a key in an object, key inside an array, a dangling key,
    // mismatched end calls, unclosed containers.
    std::string s = written([](JsonWriter& w) {
        w.beginObject().value(1).key("k").key("j").value(2);
        w.key("arr").beginArray().key("ignored").value(3).endObject();  // closes the array
        w.key("dangling").endArray();                                   // closes the object
        w.endObject().endArray();                                       // nothing open: no-op
    });
    EXPECT_EQ(s, "{\"\":1,\"k\":null,\"j\":2,\"arr\":[3],\"dangling\":null}");
    EXPECT_TRUE(parseJson(s).has_value());

    std::string unclosed = written([](JsonWriter& w) { w.beginArray().beginObject().key("x"); });
    EXPECT_EQ(unclosed, "[{\"x\":null}]");

    // Two top-level values become JSON Lines.
    std::string lines = written([](JsonWriter& w) { w.value(1).beginObject().endObject(); });
    EXPECT_EQ(lines, "1\n{}");
}

TEST(JsonWriter, AnyCallSequenceGivesValidJson) {
    std::mt19937 rng(7);
    for (int round = 0; round < 500; ++round) {
        std::ostringstream os;
        JsonWriter w(os);
        w.beginArray();
        for (int op = 0; op < 40 && w.depth() > 0; ++op) {
            switch (rng() % 10) {
            case 0: w.beginObject(); break;
            case 1: w.beginArray(); break;
            case 2: w.endObject(); break;
            case 3: w.endArray(); break;
            case 4: w.key(rng() % 2 ? "k" : "\x01\xFF"); break;
            case 5: w.value("s\"\n"); break;
            case 6: w.value(static_cast<long long>(rng()) - 1000); break;
            case 7: w.value(rng() % 3 ? 0.25 : std::nan("")); break;
            case 8: w.null(); break;
            case 9: w.lineBreak(); break;
            }
        }
        w.finish();
        std::string error;
        EXPECT_TRUE(parseJson(os.str(), &error).has_value()) << error << "\n" << os.str();
    }
}

TEST(JsonWriter, LineBreaksGoAfterTheComma) {
    std::string s = written([](JsonWriter& w) {
        w.beginArray();
        w.lineBreak().value(1);
        w.lineBreak().value(2);
        w.lineBreak().endArray();
    });
    EXPECT_EQ(s, "[\n1,\n2\n]");
}

TEST(JsonParser, RoundTripsWhatTheWriterWrites) {
    std::string s = written([](JsonWriter& w) {
        w.beginObject();
        w.field("name", "q\"uote\\ \n\x01 \xC3\xA9");
        w.field("id", 42u)
            .field("neg", -7)
            .field("pi", 3.14159)
            .field("yes", true)
            .field("no", false);
        w.key("none").null();
        w.key("list").beginArray().value("x").beginArray().value(1).endArray().endArray();
        w.endObject();
    });
    std::string error;
    auto v = parseJson(s, &error);
    ASSERT_TRUE(v.has_value()) << error;
    ASSERT_TRUE(v->isObject());
    EXPECT_EQ((*v)["name"].asString(), "q\"uote\\ \n\x01 \xC3\xA9");
    EXPECT_TRUE((*v)["id"].isInteger());
    EXPECT_EQ((*v)["id"].asInteger(), 42);
    EXPECT_EQ((*v)["neg"].asInteger(), -7);
    EXPECT_FALSE((*v)["pi"].isInteger());
    EXPECT_DOUBLE_EQ((*v)["pi"].asNumber(), 3.14159);
    EXPECT_TRUE((*v)["yes"].asBool());
    EXPECT_TRUE((*v)["no"].isBool());
    EXPECT_FALSE((*v)["no"].asBool());
    EXPECT_TRUE((*v)["none"].isNull());
    EXPECT_EQ((*v)["list"].size(), 2u);
    EXPECT_EQ((*v)["list"][0].asString(), "x");
    EXPECT_EQ((*v)["list"][1][0].asInteger(), 1);
    EXPECT_EQ(v->keys(),
              (std::vector<std::string>{"name", "id", "neg", "pi", "yes", "no", "none", "list"}));
    EXPECT_EQ((*v)["missing"].type(), JsonValue::Type::Null);
    EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(JsonParser, DecodesEscapesAndSurrogatePairs) {
    auto v = parseJson(R"(" \u00e9 \u20AC \ud83d\ude00 \/ \b\f\n\r\t ")");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->asString(), " \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 / \b\f\n\r\t ");
}

TEST(JsonParser, AcceptsNumbersAndWhitespaceOfTheGrammar) {
    auto v = parseJson(
        " \t\r\n[0, -0, 1.5e3, 2E-2, -12.25e+1, 123456789012345678901234567890, 1e-400] \n");
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ((*v)[0].asInteger(), 0);
    EXPECT_DOUBLE_EQ((*v)[2].asNumber(), 1500.0);
    EXPECT_DOUBLE_EQ((*v)[3].asNumber(), 0.02);
    EXPECT_DOUBLE_EQ((*v)[4].asNumber(), -122.5);
    EXPECT_FALSE((*v)[5].isInteger());  // too big for 64 bits: kept as a double
    EXPECT_DOUBLE_EQ((*v)[5].asNumber(), 1.2345678901234568e29);
    EXPECT_EQ((*v)[6].asNumber(), 0.0);
}

TEST(JsonParser, ReportsTheByteOffsetOfErrors) {
    EXPECT_EQ(parseError(""), "byte 0: unexpected end of input, expected a value");
    EXPECT_EQ(parseError("{\"a\":1} x"), "byte 8: trailing characters after the JSON value");
    EXPECT_EQ(parseError("[1,2,]"), "byte 5: unexpected character ']', expected a value");
    EXPECT_EQ(parseError("{\"a\" 1}"), "byte 5: expected ':' after object key");
    EXPECT_EQ(parseError("{\"a\":1,}"), "byte 7: expected a string key in object");
    EXPECT_EQ(parseError("[1 2]"), "byte 3: expected ',' or ']' in array");
    EXPECT_EQ(parseError("[1,"), "byte 3: unexpected end of input, expected a value");
    EXPECT_EQ(parseError("01"), "byte 1: leading zeros are not allowed in numbers");
    EXPECT_EQ(parseError("[-]"), "byte 2: expected a digit");
    EXPECT_EQ(parseError("1."), "byte 2: expected a digit after the decimal point");
    EXPECT_EQ(parseError("1e400"), "byte 0: number out of range");
    EXPECT_EQ(parseError("tru"), "byte 3: invalid literal, expected 'true'");
    EXPECT_EQ(parseError("nul!"), "byte 3: invalid literal, expected 'null'");
    EXPECT_EQ(parseError("\"abc"), "byte 4: unterminated string");
    EXPECT_EQ(parseError("\"a\nb\""), "byte 2: control character in string (must be escaped)");
    EXPECT_EQ(parseError("\"a\\qb\""), "byte 2: invalid escape '\\q'");
    EXPECT_EQ(parseError("\"\\u12G4\""), "byte 5: expected 4 hex digits after \\u");
    EXPECT_EQ(parseError("\"x\\udc00\""), "byte 2: lone low surrogate in \\u escape");
    EXPECT_EQ(parseError("\"x\\ud800y\""),
              "byte 2: high surrogate not followed by a low surrogate");
    EXPECT_EQ(parseError("\"ok \xC3\x28\""), "byte 4: invalid UTF-8 in string");
    EXPECT_EQ(parseError("[1] // comment"), "byte 4: trailing characters after the JSON value");
    EXPECT_EQ(parseError("\x01"), "byte 0: unexpected character '\\x01', expected a value");
}

TEST(JsonParser, LimitsNestingDepth) {
    std::string deep(kMaxJsonDepth, '[');
    deep += std::string(kMaxJsonDepth, ']');
    EXPECT_TRUE(parseJson(deep).has_value());
    std::string tooDeep(kMaxJsonDepth + 1, '[');
    tooDeep += std::string(kMaxJsonDepth + 1, ']');
    EXPECT_EQ(parseError(tooDeep), "byte " + std::to_string(kMaxJsonDepth) + ": nesting too deep");
}

TEST(JsonParser, NullErrorPointerIsFine) {
    EXPECT_FALSE(parseJson("[", nullptr).has_value());
    EXPECT_TRUE(parseJson("null", nullptr).has_value());
}
