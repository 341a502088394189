// Text edits that change one value of a JSON document and keep the rest of
// it as written (the scenario builder's edits): every kind, the layout new
// items take from their neighbours, moves between lists, and refusals.
#include <asyncscope/scenario/json_edit.hpp>

#include <gtest/gtest.h>

#include <string>

namespace asyncscope::scenario {
namespace {

const JsonPath kRoot;

TEST(JsonEdit, PathsReadAsTheLoaderWritesThem) {
    EXPECT_EQ(pathText(kRoot / "templates" / "main" / std::size_t{2} / "duration"),
              "templates.main[2].duration");
    EXPECT_EQ(pathText(kRoot / "start" / std::size_t{0}), "start[0]");
    JsonTextEdit e(R"({"a": {"b": [1, {"c": true}]}})");
    ASSERT_TRUE(e.ok());
    const JsonNode* c = nodeAt(e.root(), kRoot / "a" / "b" / std::size_t{1} / "c");
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->boolean);
    EXPECT_EQ(nodeAt(e.root(), kRoot / "a" / "b" / std::size_t{2}), nullptr);
    EXPECT_EQ(nodeAt(e.root(), kRoot / "a" / std::size_t{0}), nullptr);
    EXPECT_EQ(e.slice(kRoot / "a" / "b"), R"([1, {"c": true}])");
}

TEST(JsonEdit, QuotingEscapesWhatJsonNeedsAndKeepsTheRest) {
    EXPECT_EQ(jsonQuote("say \"hi\"\\\n\x01"), R"("say \"hi\"\\\n\u0001")");
    EXPECT_EQ(jsonQuote("锁"), "\"锁\"");
    EXPECT_EQ(jsonMembers({{"step", jsonQuote("sleep")}, {"duration", jsonQuote("5ms")}}),
              R"({"step": "sleep", "duration": "5ms"})");
}

TEST(JsonEdit, ReplacingAValueKeepsEveryOtherByte) {
    const std::string text = "{\n  \"x\": 1,   // not JSON\n}";
    JsonTextEdit bad(text);
    EXPECT_FALSE(bad.ok());
    EXPECT_FALSE(bad.replace(kRoot / "x", "2"));
    EXPECT_EQ(bad.text(), text);

    JsonTextEdit e("{\n  \"x\":   1 ,\n  \"unknown\": [true]\n}\n");
    ASSERT_TRUE(e.replace(kRoot / "x", "\"5ms\""));
    EXPECT_EQ(e.text(), "{\n  \"x\":   \"5ms\" ,\n  \"unknown\": [true]\n}\n");
    EXPECT_FALSE(e.replace(kRoot / "y", "1"));
    EXPECT_FALSE(e.replace(kRoot / "x", "{"));  // would not parse
    EXPECT_EQ(e.text(), "{\n  \"x\":   \"5ms\" ,\n  \"unknown\": [true]\n}\n");
}

TEST(JsonEdit, NewMembersFollowTheirNeighboursLayout) {
    JsonTextEdit lines("{\n  \"a\": 1\n}");
    ASSERT_TRUE(lines.setMember(kRoot, "b", "2"));
    EXPECT_EQ(lines.text(), "{\n  \"a\": 1,\n  \"b\": 2\n}");
    ASSERT_TRUE(lines.setMember(kRoot, "c", "3"));
    EXPECT_EQ(lines.text(), "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}");
    ASSERT_TRUE(lines.setMember(kRoot, "b", "[]"));  // in place
    EXPECT_EQ(lines.text(), "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": 3\n}");

    JsonTextEdit one(R"({"step": "sleep"})");
    ASSERT_TRUE(one.setMember(kRoot, "duration", R"("1ms")"));
    EXPECT_EQ(one.text(), R"({"step": "sleep", "duration": "1ms"})");
    JsonTextEdit empty("{}");
    ASSERT_TRUE(empty.setMember(kRoot, "k", "true"));
    EXPECT_EQ(empty.text(), R"({"k": true})");
    EXPECT_FALSE(empty.setMember(kRoot / "k", "x", "1"));  // not an object
}

TEST(JsonEdit, RemovingAMemberTakesItsComma) {
    JsonTextEdit e("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}");
    ASSERT_TRUE(e.removeMember(kRoot, "b"));
    EXPECT_EQ(e.text(), "{\n  \"a\": 1,\n  \"c\": 3\n}");
    ASSERT_TRUE(e.removeMember(kRoot, "c"));
    EXPECT_EQ(e.text(), "{\n  \"a\": 1\n}");
    ASSERT_TRUE(e.removeMember(kRoot, "a"));
    EXPECT_EQ(e.text(), "{}");
    EXPECT_FALSE(e.removeMember(kRoot, "a"));
}

TEST(JsonEdit, RenamingAMemberKeepsItsPlaceAndRefusesATakenName) {
    JsonTextEdit e(R"({"resources": {"cache": {"kind": "mutex"}, "db": {"kind": "notify"}}})");
    ASSERT_TRUE(e.renameMember(kRoot / "resources", "cache", "store"));
    EXPECT_EQ(e.text(), R"({"resources": {"store": {"kind": "mutex"}, "db": {"kind": "notify"}}})");
    EXPECT_FALSE(e.renameMember(kRoot / "resources", "store", "db"));
    EXPECT_FALSE(e.renameMember(kRoot / "resources", "nothing", "x"));
}

TEST(JsonEdit, ItemsGoWhereAskedInTheListsLayout) {
    JsonTextEdit e("{\"main\": [\n      {\"step\": \"a\"},\n      {\"step\": \"b\"}\n    ]}");
    const JsonPath main = kRoot / "main";
    ASSERT_TRUE(e.insertItem(main, 1, R"({"step": "x"})"));
    ASSERT_TRUE(e.insertItem(main, 3, R"({"step": "z"})"));
    ASSERT_TRUE(e.insertItem(main, 0, R"({"step": "first"})"));
    EXPECT_EQ(
        e.text(),
        "{\"main\": [\n      {\"step\": \"first\"},\n      {\"step\": \"a\"},\n"
        "      {\"step\": \"x\"},\n      {\"step\": \"b\"},\n      {\"step\": \"z\"}\n    ]}");
    EXPECT_FALSE(e.insertItem(main, 9, "1"));

    JsonTextEdit flat("[1, 2]");
    ASSERT_TRUE(flat.insertItem(kRoot, 2, "3"));
    EXPECT_EQ(flat.text(), "[1, 2, 3]");
    JsonTextEdit single("[\n  1\n]");
    ASSERT_TRUE(single.insertItem(kRoot, 1, "2"));
    EXPECT_EQ(single.text(), "[\n  1,\n  2\n]");
    JsonTextEdit none("[ ]");
    ASSERT_TRUE(none.insertItem(kRoot, 0, "7"));
    EXPECT_EQ(none.text(), "[7]");
}

TEST(JsonEdit, AFirstObjectInAnEmptyListAtALinesEndGetsALineOfItsOwn) {
    JsonTextEdit e("{\n    \"main\": [],\n    \"x\": {\"steps\": []}\n}");
    ASSERT_TRUE(e.insertItem(kRoot / "main", 0, R"({"step": "yield"})"));
    EXPECT_EQ(e.text(),
              "{\n    \"main\": [\n        {\"step\": \"yield\"}\n    ],\n    \"x\": "
              "{\"steps\": []}\n}");
    // The next one follows it, on its own line too.
    ASSERT_TRUE(e.insertItem(kRoot / "main", 1, R"({"step": "join"})"));
    EXPECT_EQ(e.slice(kRoot / "main"),
              "[\n        {\"step\": \"yield\"},\n        {\"step\": \"join\"}\n    ]");
    // Not at the end of its line, or not an object: it stays on the line.
    ASSERT_TRUE(e.insertItem(kRoot / "x" / "steps", 0, R"({"step": "yield"})"));
    EXPECT_EQ(e.slice(kRoot / "x"), R"({"steps": [{"step": "yield"}]})");
    JsonTextEdit scalars("{\n  \"a\": []\n}");
    ASSERT_TRUE(scalars.insertItem(kRoot / "a", 0, "1"));
    EXPECT_EQ(scalars.text(), "{\n  \"a\": [1]\n}");
    JsonTextEdit flat(R"({"a": []})");
    ASSERT_TRUE(flat.insertItem(kRoot / "a", 0, "{}"));
    EXPECT_EQ(flat.text(), R"({"a": [{}]})");
}

TEST(JsonEdit, MembersGoBeforeTheOneAsked) {
    JsonTextEdit e("{\n  \"version\": 1,\n  \"start\": []\n}");
    ASSERT_TRUE(e.insertMember(kRoot, 1, "resources", "{}"));
    EXPECT_EQ(e.text(), "{\n  \"version\": 1,\n  \"resources\": {},\n  \"start\": []\n}");
    ASSERT_TRUE(e.setMember(kRoot / "resources", "cache", R"({"kind": "mutex"})"));
    EXPECT_EQ(e.slice(kRoot / "resources"), "{\n    \"cache\": {\"kind\": \"mutex\"}\n  }");
    EXPECT_FALSE(e.insertMember(kRoot, 0, "start", "[]"));  // there already
    EXPECT_FALSE(e.insertMember(kRoot, 9, "z", "1"));
}

TEST(JsonEdit, RemovingAnItemTakesItsSeparator) {
    JsonTextEdit e("[\n  1,\n  2,\n  3\n]");
    ASSERT_TRUE(e.removeItem(kRoot, 1));
    EXPECT_EQ(e.text(), "[\n  1,\n  3\n]");
    ASSERT_TRUE(e.removeItem(kRoot, 1));
    EXPECT_EQ(e.text(), "[\n  1\n]");
    ASSERT_TRUE(e.removeItem(kRoot, 0));
    EXPECT_EQ(e.text(), "[]");
    EXPECT_FALSE(e.removeItem(kRoot, 0));
}

TEST(JsonEdit, MovesWithinAListAndBetweenListsCarryTheItemsText) {
    JsonTextEdit e("[1, 2, 3, 4]");
    ASSERT_TRUE(e.moveItem(kRoot, 0, kRoot, 4));  // to the end
    EXPECT_EQ(e.text(), "[2, 3, 4, 1]");
    ASSERT_TRUE(e.moveItem(kRoot, 3, kRoot, 0));  // back to the front
    EXPECT_EQ(e.text(), "[1, 2, 3, 4]");
    ASSERT_TRUE(e.moveItem(kRoot, 2, kRoot, 1));  // up one
    EXPECT_EQ(e.text(), "[1, 3, 2, 4]");
    ASSERT_TRUE(e.moveItem(kRoot, 1, kRoot, 1));  // where it is
    EXPECT_EQ(e.text(), "[1, 3, 2, 4]");

    // Into a later sibling's nested list: that sibling moves up one place.
    JsonTextEdit n(R"([{"s": "a"}, {"s": "r", "steps": [{"s": "b"}]}])");
    ASSERT_TRUE(n.moveItem(kRoot, 0, kRoot / std::size_t{1} / "steps", 1));
    EXPECT_EQ(n.text(), R"([{"s": "r", "steps": [{"s": "b"}, {"s": "a"}]}])");
    // Out again, and never into itself.
    ASSERT_TRUE(n.moveItem(kRoot / std::size_t{0} / "steps", 0, kRoot, 0));
    EXPECT_EQ(n.text(), R"([{"s": "b"}, {"s": "r", "steps": [{"s": "a"}]}])");
    EXPECT_FALSE(n.moveItem(kRoot, 1, kRoot / std::size_t{1} / "steps", 0));
    EXPECT_EQ(n.text(), R"([{"s": "b"}, {"s": "r", "steps": [{"s": "a"}]}])");
}

}  // namespace
}  // namespace asyncscope::scenario
