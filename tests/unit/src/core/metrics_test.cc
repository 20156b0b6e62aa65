#include "src/core/metrics.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

EvalItem Item(std::string gold, std::string pred, double conf) {
  EvalItem it;
  it.gold = std::move(gold);
  it.predicted = std::move(pred);
  it.confidence = conf;
  return it;
}

TEST(MetricsTest, PredictedLabelFoldsOnBinarySets) {
  EXPECT_EQ(PredictedLabel(Verdict::kRefuted, true), "NOT_SUPPORTED");
  EXPECT_EQ(PredictedLabel(Verdict::kNotEnoughInfo, true), "NOT_SUPPORTED");
  EXPECT_EQ(PredictedLabel(Verdict::kRefuted, false), "REFUTED");
  EXPECT_EQ(PredictedLabel(Verdict::kSupported, true), "SUPPORTED");
}

TEST(MetricsTest, AccuracyF1AndBalancedAccuracy) {
  // Gold: 3 SUPPORTED, 1 REFUTED. Predicted: S, S, R, R.
  std::vector<EvalItem> items = {
      Item("SUPPORTED", "SUPPORTED", 0.9), Item("SUPPORTED", "SUPPORTED", 0.9),
      Item("SUPPORTED", "REFUTED", 0.9), Item("REFUTED", "REFUTED", 0.9)};
  EvalMetrics m = ComputeMetrics(items, 2.0);
  EXPECT_EQ(m.n, 4u);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.75);
  EXPECT_DOUBLE_EQ(m.labels["SUPPORTED"].precision, 1.0);
  EXPECT_NEAR(m.labels["SUPPORTED"].recall, 2.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(m.labels["REFUTED"].precision, 0.5);
  EXPECT_DOUBLE_EQ(m.labels["REFUTED"].recall, 1.0);
  EXPECT_NEAR(m.balanced_accuracy, (2.0 / 3 + 1.0) / 2, 1e-9);
  EXPECT_NEAR(m.macro_f1, (0.8 + 2.0 / 3) / 2, 1e-9);
  EXPECT_EQ(m.confusion["SUPPORTED"]["REFUTED"], 1u);
  EXPECT_DOUBLE_EQ(m.claims_per_second, 2.0);
  // All confidences 0.9, accuracy 0.75: one bin, gap 0.15.
  EXPECT_NEAR(m.ece, 0.15, 1e-9);
  EXPECT_FALSE(m.evidence_recall_at_5.has_value());
}

TEST(MetricsTest, EvidenceRecallAndCitationPrecision) {
  std::vector<EvalItem> items = {Item("SUPPORTED", "SUPPORTED", 0.5),
                                 Item("REFUTED", "SUPPORTED", 0.5),
                                 Item("REFUTED", "REFUTED", 0.5)};
  items[0].evidence_hit_at_5 = true;
  items[0].citations_total = 2;
  items[0].citations_correct = 1;
  items[1].evidence_hit_at_5 = false;
  items[1].citations_total = 1;
  EvalMetrics m = ComputeMetrics(items, 1.0);
  ASSERT_TRUE(m.evidence_recall_at_5.has_value());
  EXPECT_DOUBLE_EQ(*m.evidence_recall_at_5, 0.5);
  EXPECT_NEAR(*m.citation_precision, 1.0 / 3, 1e-9);
}

TEST(MetricsTest, JsonHasEveryField) {
  std::string json = MetricsToJson(ComputeMetrics({Item("SUPPORTED", "SUPPORTED", 1.0)}, 1.0));
  for (const char* key : {"\"n\"", "\"accuracy\"", "\"macro_f1\"", "\"balanced_accuracy\"",
                          "\"labels\"", "\"confusion\"", "\"ece\"", "\"evidence_recall_at_5\"",
                          "\"citation_precision\"", "\"claims_per_second\""}) {
    EXPECT_NE(json.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace fg
