#include "src/core/report_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "src/core/report_json_writer.h"

namespace fg {
namespace {

Report SampleReport() {
  Report report;
  ClaimResult r;
  r.claim = {"c1",
             "Abraham Lincoln was assassinated by John Wilkes Booth.",
             {0, 54},
             ClaimKind::kRelation,
             ""};
  r.verdict = Verdict::kSupported;
  r.confidence = 0.91234;
  r.verifier = "entailment";
  r.citations.push_back(
      {"kb", "wn:n11132462", "Lincoln", "", "was assassinated by Booth", {118, 143}});
  report.claims.push_back(r);
  ClaimResult wrong = r;
  wrong.claim.id = "c2";
  wrong.verdict = Verdict::kRefuted;
  wrong.correction = "Lincoln was born in 1809";
  wrong.citations[0].url = "https://example.org/lincoln";
  report.claims.push_back(wrong);
  report.elapsed_ms = 1.8;
  return report;
}

// Validates the DESIGN.md report shape field by field.
TEST(ReportJsonTest, MatchesDesignShape) {
  rapidjson::Document doc;
  doc.Parse(ReportToJson(SampleReport()).c_str());
  ASSERT_FALSE(doc.HasParseError());
  ASSERT_TRUE(doc["claims"].IsArray());
  const auto& c = doc["claims"][0];
  EXPECT_STREQ(c["id"].GetString(), "c1");
  EXPECT_STREQ(c["text"].GetString(), "Abraham Lincoln was assassinated by John Wilkes Booth.");
  ASSERT_TRUE(c["span"].IsArray());
  EXPECT_EQ(c["span"][0].GetUint(), 0u);
  EXPECT_EQ(c["span"][1].GetUint(), 54u);
  EXPECT_STREQ(c["kind"].GetString(), "relation");
  EXPECT_STREQ(c["verdict"].GetString(), "supported");
  EXPECT_DOUBLE_EQ(c["confidence"].GetDouble(), 0.912);
  EXPECT_STREQ(c["verifier"].GetString(), "entailment");
  const auto& cit = c["citations"][0];
  for (const char* key : {"source", "doc_id", "title", "quote"}) {
    EXPECT_TRUE(cit[key].IsString()) << key;
  }
  EXPECT_TRUE(cit["url"].IsNull());
  EXPECT_EQ(cit["quote_span"][0].GetUint(), 118u);
  EXPECT_TRUE(c["correction"].IsNull());
  const auto& c2 = doc["claims"][1];
  EXPECT_STREQ(c2["verdict"].GetString(), "refuted");
  EXPECT_STREQ(c2["correction"].GetString(), "Lincoln was born in 1809");
  EXPECT_STREQ(c2["citations"][0]["url"].GetString(), "https://example.org/lincoln");
  const auto& s = doc["summary"];
  EXPECT_EQ(s["claims"].GetUint(), 2u);
  EXPECT_EQ(s["supported"].GetUint(), 1u);
  EXPECT_EQ(s["refuted"].GetUint(), 1u);
  EXPECT_EQ(s["not_enough_info"].GetUint(), 0u);
  EXPECT_TRUE(s["checked"].GetBool());
  EXPECT_FALSE(s.HasMember("errors"));
  EXPECT_DOUBLE_EQ(s["elapsed_ms"].GetDouble(), 1.8);
}

TEST(ReportJsonTest, UncheckedReportListsErrors) {
  Report report;
  report.checked = false;
  report.errors = {"kb: unavailable: disk gone"};
  rapidjson::Document doc;
  doc.Parse(ReportToJson(report, {.pretty = false}).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_FALSE(doc["summary"]["checked"].GetBool());
  EXPECT_STREQ(doc["summary"]["errors"][0].GetString(), "kb: unavailable: disk gone");
}

TEST(ReportJsonTest, EscapesText) {
  Report report;
  ClaimResult r;
  r.claim = {"c1", "He said \"hi\"\n\\ é", {0, 16}, ClaimKind::kOther, ""};
  report.claims.push_back(r);
  rapidjson::Document doc;
  doc.Parse(ReportToJson(report).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(std::string(doc["claims"][0]["text"].GetString()), r.claim.text);
}

TEST(ReportJsonTest, ClaimsOnly) {
  rapidjson::Document doc;
  doc.Parse(ClaimsToJson({{"c1", "Water boils.", {3, 15}, ClaimKind::kOther, ""}}).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_EQ(doc["claims"][0]["span"][0].GetUint(), 3u);
  EXPECT_FALSE(doc["claims"][0].HasMember("verdict"));
}

TEST(ReportJsonTest, AuditFieldsComeFirst) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  ClaimJsonFields fields;
  fields.transcript = "t\"1";
  fields.turn = 3;
  WriteClaimResult(w, SampleReport().claims[0], fields);
  std::string json(buffer.GetString(), buffer.GetSize());
  EXPECT_EQ(json.rfind(R"({"transcript":"t\"1","turn":3,"id":"c1","text":)", 0), 0u) << json;

  rapidjson::StringBuffer plain_buffer;
  JsonWriter plain(plain_buffer);
  WriteClaimResult(plain, SampleReport().claims[0]);
  EXPECT_EQ(std::string(plain_buffer.GetString()).find("transcript"), std::string::npos);
}

}  // namespace
}  // namespace fg
