#include "src/audit/training_export.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace fg::audit {
namespace {

ClaimResult MakeClaim(Span span, std::string text, Verdict verdict,
                      std::optional<std::string> correction = std::nullopt) {
  ClaimResult r;
  r.claim.text = std::move(text);
  r.claim.span = span;
  r.verdict = verdict;
  r.correction = std::move(correction);
  return r;
}

// user, assistant (turn 1: one refuted claim with a correction), user, assistant (turn 3).
TranscriptResult Sample() {
  TranscriptResult r;
  r.id = "t1";
  r.transcript.messages = {{"system", "Be brief."},
                           {"assistant", "Lincoln was born in 1810. He was tall."},
                           {"user", "And?"},
                           {"assistant", "He died in 1865."}};
  CheckedTurn first;
  first.turn = 1;
  first.report.claims = {
      MakeClaim({0, 24}, "Lincoln was born in 1810", Verdict::kRefuted, "Lincoln was born in 1809"),
      MakeClaim({26, 37}, "He was tall", Verdict::kNotEnoughInfo)};
  CheckedTurn second;
  second.turn = 3;
  second.report.claims = {MakeClaim({0, 15}, "He died in 1865", Verdict::kSupported)};
  r.turns = {first, second};
  return r;
}

rapidjson::Document Parse(const std::string& line) {
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  rapidjson::Document doc;
  doc.Parse(line.c_str());
  EXPECT_FALSE(doc.HasParseError()) << line;
  return doc;
}

TEST(TrainingExportTest, SftReplacesCorrectedTurnsOnly) {
  rapidjson::Document doc = Parse(SftRecord(Sample()));
  const auto& messages = doc["messages"];
  ASSERT_EQ(messages.Size(), 4u);
  EXPECT_STREQ(messages[0]["role"].GetString(), "system");
  EXPECT_STREQ(messages[1]["role"].GetString(), "assistant");
  EXPECT_STREQ(messages[1]["content"].GetString(), "Lincoln was born in 1809. He was tall.");
  EXPECT_STREQ(messages[3]["content"].GetString(), "He died in 1865.");
}

TEST(TrainingExportTest, PreferencePairPerCorrectedTurn) {
  std::string records = PreferenceRecords(Sample());
  ASSERT_EQ(std::count(records.begin(), records.end(), '\n'), 1);
  rapidjson::Document doc = Parse(records);
  EXPECT_STREQ(doc["id"].GetString(), "t1#1");
  ASSERT_EQ(doc["prompt"].Size(), 1u);
  EXPECT_STREQ(doc["prompt"][0]["content"].GetString(), "Be brief.");
  EXPECT_STREQ(doc["chosen"][0]["role"].GetString(), "assistant");
  EXPECT_STREQ(doc["chosen"][0]["content"].GetString(), "Lincoln was born in 1809. He was tall.");
  EXPECT_STREQ(doc["rejected"][0]["content"].GetString(), "Lincoln was born in 1810. He was tall.");
}

TEST(TrainingExportTest, UncorrectedRefutationBlocksSftButNotOtherTurnsPairs) {
  TranscriptResult r = Sample();
  r.turns[1].report.claims[0].verdict = Verdict::kRefuted;  // no correction
  EXPECT_EQ(SftRecord(r), "");
  rapidjson::Document doc = Parse(PreferenceRecords(r));
  EXPECT_STREQ(doc["id"].GetString(), "t1#1");
}

TEST(TrainingExportTest, NothingWithoutRefutations) {
  TranscriptResult r = Sample();
  r.turns[0].report.claims[0].verdict = Verdict::kSupported;
  EXPECT_EQ(SftRecord(r), "");
  EXPECT_EQ(PreferenceRecords(r), "");
}

TEST(TrainingExportTest, BatchLinesHaveNoPromptAndGiveNothing) {
  TranscriptResult r = Sample();
  r.transcript.format = TranscriptFormat::kOpenAiBatch;
  EXPECT_EQ(SftRecord(r), "");
  EXPECT_EQ(PreferenceRecords(r), "");
}

}  // namespace
}  // namespace fg::audit
