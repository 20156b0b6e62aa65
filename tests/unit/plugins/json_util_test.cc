#include "plugins/json_util.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

namespace fg::plugins {
namespace {

TEST(JsonUtilTest, MemberFindsObjectMembersOnly) {
  rapidjson::Document doc;
  doc.Parse(R"({"a": 1, "b": null, "c": [1]})");
  ASSERT_NE(Member(doc, "a"), nullptr);
  EXPECT_EQ(Member(doc, "a")->GetInt(), 1);
  ASSERT_NE(Member(doc, "b"), nullptr);
  EXPECT_TRUE(Member(doc, "b")->IsNull());
  EXPECT_EQ(Member(doc, "missing"), nullptr);
  EXPECT_EQ(Member(doc["c"], "a"), nullptr);  // not an object
}

TEST(JsonUtilTest, StringOfIsEmptyUnlessAString) {
  rapidjson::Document doc;
  doc.Parse(R"({"s": "x\u0000y", "n": 3})");
  EXPECT_EQ(StringOf(Member(doc, "s")), std::string("x\0y", 3));
  EXPECT_EQ(StringOf(Member(doc, "n")), "");
  EXPECT_EQ(StringOf(nullptr), "");
}

TEST(JsonUtilTest, SerializeIsCompact) {
  const std::string json = R"({"a":[1,2.5,"\u00e9"],"b":{"c":null},"d":1.25,"e":-12345678901234})";
  rapidjson::Document doc;
  doc.Parse<kJsonParseFlags>(json.data(), json.size());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(Serialize(doc), R"({"a":[1,2.5,"é"],"b":{"c":null},"d":1.25,"e":-12345678901234})");
  rapidjson::Document spaced;
  spaced.Parse(R"({ "k" : [ true , false ] })");
  EXPECT_EQ(Serialize(spaced), R"({"k":[true,false]})");
}

}  // namespace
}  // namespace fg::plugins
