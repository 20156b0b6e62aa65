#include "src/audit/audit_results.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

namespace fg::audit {
namespace {

ClaimResult MakeClaim(std::string id, std::string text, Span span, Verdict verdict,
                      double confidence) {
  ClaimResult r;
  r.claim.id = std::move(id);
  r.claim.text = std::move(text);
  r.claim.span = span;
  r.claim.kind = ClaimKind::kTemporal;
  r.verdict = verdict;
  r.confidence = confidence;
  r.verifier = "temporal";
  return r;
}

// Two turns: turn 1 with a refuted and a supported claim, turn 3 with a not_enough_info claim.
TranscriptResult Sample(std::string model = "gpt-4o") {
  TranscriptResult r;
  r.id = "t1";
  r.file = "logs/a.jsonl";
  r.line = 7;
  r.transcript.id = "t1";
  r.transcript.model = std::move(model);
  r.transcript.messages = {{"user", "Tell me."},
                           {"assistant", "Lincoln was born in 1810. He died in 1865."},
                           {"user", "More?"},
                           {"assistant", "He liked cats."}};
  CheckedTurn first;
  first.turn = 1;
  ClaimResult refuted =
      MakeClaim("c1", "Lincoln was born in 1810", {0, 24}, Verdict::kRefuted, 0.87);
  refuted.correction = "Lincoln was born in 1809";
  refuted.citations.push_back({"kb", "wn:1", "Lincoln", "", "(1809-1865)", {5, 16}});
  first.report.claims.push_back(refuted);
  first.report.claims.push_back(
      MakeClaim("c2", "He died in 1865", {26, 41}, Verdict::kSupported, 0.1));
  CheckedTurn second;
  second.turn = 3;
  second.report.claims.push_back(
      MakeClaim("c3", "He liked cats", {0, 13}, Verdict::kNotEnoughInfo, 0.99999));
  r.turns = {first, second};
  return r;
}

rapidjson::Document Parse(const std::string& line) {
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  EXPECT_FALSE(doc.HasParseError()) << line;
  return doc;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(AuditResultsTest, TranscriptIdFallsBackToFileAndLine) {
  Transcript t;
  EXPECT_EQ(TranscriptId(t, "logs/day1/a.jsonl.gz", 17), "a.jsonl.gz:17");
  EXPECT_EQ(TranscriptId(t, "-", 3), "stdin:3");
  EXPECT_EQ(TranscriptId(t, "plain.jsonl", 1), "plain.jsonl:1");
  t.id = "conv-9";
  EXPECT_EQ(TranscriptId(t, "a.jsonl", 17), "conv-9");
}

TEST(AuditResultsTest, ClaimRowsNameTranscriptAndTurn) {
  std::string rows = ClaimRows(Sample());
  ASSERT_EQ(rows.back(), '\n');
  std::vector<std::string> lines = Lines(rows);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].rfind(
                R"({"transcript":"t1","turn":1,"id":"c1","text":"Lincoln was born in 1810")", 0),
            0u)
      << lines[0];
  rapidjson::Document third = Parse(lines[2]);
  EXPECT_EQ(third["turn"].GetInt(), 3);
  EXPECT_STREQ(third["verdict"].GetString(), "not_enough_info");
  rapidjson::Document first = Parse(lines[0]);
  EXPECT_STREQ(first["correction"].GetString(), "Lincoln was born in 1809");
  EXPECT_STREQ(first["citations"][0]["quote"].GetString(), "(1809-1865)");
  EXPECT_EQ(ClaimRows(TranscriptResult{}), "");
}

TEST(AuditResultsTest, TranscriptRowCountsAndTurns) {
  rapidjson::Document row = Parse(TranscriptRow(Sample()));
  EXPECT_STREQ(row["id"].GetString(), "t1");
  EXPECT_STREQ(row["file"].GetString(), "logs/a.jsonl");
  EXPECT_EQ(row["line"].GetUint(), 7u);
  EXPECT_STREQ(row["format"].GetString(), "openai_messages");
  EXPECT_STREQ(row["model"].GetString(), "gpt-4o");
  EXPECT_EQ(row["claims"].GetUint(), 3u);
  EXPECT_EQ(row["supported"].GetUint(), 1u);
  EXPECT_EQ(row["refuted"].GetUint(), 1u);
  EXPECT_EQ(row["not_enough_info"].GetUint(), 1u);
  EXPECT_DOUBLE_EQ(row["factuality"].GetDouble(), 0.3333);
  EXPECT_TRUE(row["flagged"].GetBool());
  EXPECT_TRUE(row["checked"].GetBool());
  EXPECT_FALSE(row.HasMember("errors"));
  ASSERT_EQ(row["turns"].Size(), 2u);
  EXPECT_EQ(row["turns"][1]["turn"].GetInt(), 3);
  EXPECT_STREQ(row["turns"][1]["text"].GetString(), "He liked cats.");
}

TEST(AuditResultsTest, TranscriptRowWithoutClaimsOrModel) {
  TranscriptResult r = Sample("");
  r.turns.clear();
  rapidjson::Document row = Parse(TranscriptRow(r));
  EXPECT_TRUE(row["model"].IsNull());
  EXPECT_TRUE(row["factuality"].IsNull());
  EXPECT_FALSE(row["flagged"].GetBool());
  EXPECT_EQ(row["turns"].Size(), 0u);
}

TEST(AuditResultsTest, UncheckedTurnListsItsErrorsOnce) {
  TranscriptResult r = Sample();
  for (CheckedTurn& turn : r.turns) {
    turn.report.checked = false;
    turn.report.errors = {"kb: unavailable"};
  }
  rapidjson::Document row = Parse(TranscriptRow(r));
  EXPECT_FALSE(row["checked"].GetBool());
  ASSERT_EQ(row["errors"].Size(), 1u);
  EXPECT_STREQ(row["errors"][0].GetString(), "kb: unavailable");
}

TEST(AuditResultsTest, ErrorRowEscapes) {
  rapidjson::Document row = Parse(ErrorRow("a \"b\".jsonl", 12, "invalid JSON: x"));
  EXPECT_STREQ(row["file"].GetString(), "a \"b\".jsonl");
  EXPECT_EQ(row["line"].GetUint(), 12u);
  EXPECT_STREQ(row["reason"].GetString(), "invalid JSON: x");
}

TEST(AuditResultsTest, SummaryTotalsModelsAndHistogram) {
  AuditTotals totals;
  totals.Add(Sample("gpt-4o"));
  totals.Add(Sample(""));
  TranscriptResult clean = Sample("claude");
  clean.turns.resize(1);
  clean.turns[0].report.claims.erase(clean.turns[0].report.claims.begin());  // supported only
  totals.Add(clean);
  totals.AddBadLine();
  SummaryContext context;
  context.inputs = {"a.jsonl"};
  context.kb_paths = {"kb"};
  context.kb_documents = 10;
  context.kb_passages = 12;
  context.verdict_model = "";
  context.elapsed_s = 2;
  rapidjson::Document s = Parse(totals.SummaryJson(context));
  EXPECT_EQ(s["transcripts"].GetUint(), 3u);
  EXPECT_EQ(s["flagged"].GetUint(), 2u);
  EXPECT_EQ(s["turns_checked"].GetUint(), 5u);
  EXPECT_EQ(s["claims"].GetUint(), 7u);
  EXPECT_EQ(s["bad_lines"].GetUint(), 1u);
  EXPECT_EQ(s["verdicts"]["supported"].GetUint(), 3u);
  EXPECT_EQ(s["verdicts"]["refuted"].GetUint(), 2u);
  EXPECT_EQ(s["verdicts"]["not_enough_info"].GetUint(), 2u);
  EXPECT_DOUBLE_EQ(s["refuted_rate"].GetDouble(), 0.2857);
  // Mean of 1/3, 1/3 and 1.
  EXPECT_DOUBLE_EQ(s["factuality_mean"].GetDouble(), 0.5556);
  ASSERT_EQ(s["models"].Size(), 3u);
  EXPECT_STREQ(s["models"][0]["model"].GetString(), "claude");
  EXPECT_STREQ(s["models"][1]["model"].GetString(), "gpt-4o");
  EXPECT_TRUE(s["models"][2]["model"].IsNull());
  EXPECT_EQ(s["models"][0]["flagged"].GetUint(), 0u);
  EXPECT_DOUBLE_EQ(s["models"][0]["refuted_rate"].GetDouble(), 0.0);
  const auto& h = s["confidence_histogram"];
  ASSERT_EQ(h["bins"].Size(), 11u);
  // 0.1 falls in [0.1, 0.2); 0.87 in [0.8, 0.9); 0.99999 shows as 1.0 and falls in [0.9, 1].
  EXPECT_EQ(h["supported"][1].GetUint(), 3u);
  EXPECT_EQ(h["refuted"][8].GetUint(), 2u);
  EXPECT_EQ(h["not_enough_info"][9].GetUint(), 2u);
  EXPECT_EQ(s["kb"]["documents"].GetUint(), 10u);
  EXPECT_TRUE(s["verdict_model"].IsNull());
  EXPECT_DOUBLE_EQ(s["transcripts_per_second"].GetDouble(), 1.5);
  EXPECT_DOUBLE_EQ(s["claims_per_second"].GetDouble(), 3.5);
}

TEST(AuditResultsTest, EmptySummaryHasNullRates) {
  rapidjson::Document s = Parse(AuditTotals{}.SummaryJson({}));
  EXPECT_TRUE(s["refuted_rate"].IsNull());
  EXPECT_TRUE(s["factuality_mean"].IsNull());
  EXPECT_EQ(s["models"].Size(), 0u);
}

TEST(AuditResultsTest, StateRoundTripsExactly) {
  AuditTotals totals;
  totals.Add(Sample("gpt-4o"));
  totals.Add(Sample(""));
  TranscriptResult other = Sample("x");
  other.turns[0].report.claims.push_back(
      MakeClaim("c9", "More", {0, 4}, Verdict::kSupported, 0.5));  // factuality 2/4, sums inexact
  totals.Add(other);
  totals.AddBadLine();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  totals.WriteState(w);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(buffer.GetString());
  ASSERT_FALSE(doc.HasParseError());
  auto restored = AuditTotals::FromState(doc);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_TRUE(*restored == totals);
  EXPECT_EQ(restored->SummaryJson({}), totals.SummaryJson({}));
}

TEST(AuditResultsTest, BrokenStateIsRejected) {
  rapidjson::Document doc;
  doc.Parse(R"({"transcripts": 1})");
  EXPECT_FALSE(AuditTotals::FromState(doc).ok());
  doc.Parse("[]");
  EXPECT_FALSE(AuditTotals::FromState(doc).ok());
}

}  // namespace
}  // namespace fg::audit
