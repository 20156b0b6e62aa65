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

ClaimResult Decided(Verdict verdict, double confidence) {
  ClaimResult r;
  r.verdict = verdict;
  r.confidence = confidence;
  return r;
}

ClaimResult WithProbabilities(Verdict verdict, double confidence, double supported,
                              double refuted) {
  ClaimResult r = Decided(verdict, confidence);
  r.probabilities = VerdictProbabilities{supported, refuted, 1 - supported - refuted};
  return r;
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

TEST(MetricsTest, LabelSpaceOfGoldLabels) {
  using L = std::vector<std::string>;
  EXPECT_EQ(LabelSpaceOf(L{"SUPPORTED", "NOT_SUPPORTED"}), LabelSpace::kBinary);
  EXPECT_EQ(LabelSpaceOf(L{"NOT_SUPPORTED", "NOT_SUPPORTED"}), LabelSpace::kBinary);
  EXPECT_EQ(LabelSpaceOf(L{"SUPPORTED", "REFUTED", "REFUTED"}), LabelSpace::kSupportRefute);
  EXPECT_EQ(LabelSpaceOf(L{"REFUTED"}), LabelSpace::kSupportRefute);
  EXPECT_EQ(LabelSpaceOf(L{"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"}), LabelSpace::kThreeWay);
  EXPECT_EQ(LabelSpaceOf(L{"NOT_ENOUGH_INFO", "SUPPORTED"}), LabelSpace::kThreeWay);
  // A single NOT_SUPPORTED row anywhere makes the set binary.
  EXPECT_EQ(LabelSpaceOf(L{"SUPPORTED", "SUPPORTED", "SUPPORTED", "NOT_SUPPORTED"}),
            LabelSpace::kBinary);
}

TEST(MetricsTest, PredictInBinaryThresholdsSupportedAtHalf) {
  // The probabilities decide, whatever verdict and confidence the result carries.
  LabelPrediction p =
      PredictIn(LabelSpace::kBinary, WithProbabilities(Verdict::kRefuted, 0.9, 0.7, 0.2));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.7);
  p = PredictIn(LabelSpace::kBinary, WithProbabilities(Verdict::kSupported, 0.9, 0.3, 0.1));
  EXPECT_EQ(p.label, "NOT_SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.7);
  p = PredictIn(LabelSpace::kBinary, WithProbabilities(Verdict::kNotEnoughInfo, 0.9, 0.5, 0.5));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.5);
  p = PredictIn(LabelSpace::kBinary, WithProbabilities(Verdict::kSupported, 0.9, 0.49, 0.0));
  EXPECT_EQ(p.label, "NOT_SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.51);
}

TEST(MetricsTest, PredictInSupportRefuteSplitsTheUndecidedMassEvenly) {
  // P(s) = 0.3, P(r) = 0.1, P(nei) = 0.6: supported with 0.3 + 0.6 / 2 = 0.6, although NEI is
  // likeliest (renormalising over the two labels would have said 0.75).
  LabelPrediction p = PredictIn(LabelSpace::kSupportRefute,
                                WithProbabilities(Verdict::kNotEnoughInfo, 0.6, 0.3, 0.1));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_NEAR(p.confidence, 0.6, 1e-12);
  p = PredictIn(LabelSpace::kSupportRefute,
                WithProbabilities(Verdict::kNotEnoughInfo, 0.6, 0.1, 0.3));
  EXPECT_EQ(p.label, "REFUTED");
  EXPECT_NEAR(p.confidence, 0.6, 1e-12);
  p = PredictIn(LabelSpace::kSupportRefute, WithProbabilities(Verdict::kSupported, 0.9, 0.2, 0.6));
  EXPECT_EQ(p.label, "REFUTED");
  EXPECT_NEAR(p.confidence, 0.7, 1e-12);
  // Without undecided mass the two labels' probabilities stand as they are.
  p = PredictIn(LabelSpace::kSupportRefute, WithProbabilities(Verdict::kSupported, 0.8, 0.8, 0.2));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_NEAR(p.confidence, 0.8, 1e-12);
  // All of it undecided: an even split, counted as supported.
  p = PredictIn(LabelSpace::kSupportRefute,
                WithProbabilities(Verdict::kNotEnoughInfo, 1.0, 0.0, 0.0));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.5);
}

TEST(MetricsTest, PredictInThreeWayKeepsTheVerdict) {
  LabelPrediction p =
      PredictIn(LabelSpace::kThreeWay, WithProbabilities(Verdict::kNotEnoughInfo, 0.55, 0.3, 0.15));
  EXPECT_EQ(p.label, "NOT_ENOUGH_INFO");
  EXPECT_DOUBLE_EQ(p.confidence, 0.55);
  p = PredictIn(LabelSpace::kThreeWay, WithProbabilities(Verdict::kRefuted, 0.8, 0.1, 0.8));
  EXPECT_EQ(p.label, "REFUTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.8);
}

TEST(MetricsTest, PredictInWithoutProbabilitiesUsesTheVerdict) {
  LabelPrediction p = PredictIn(LabelSpace::kBinary, Decided(Verdict::kRefuted, 0.8));
  EXPECT_EQ(p.label, "NOT_SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.8);
  p = PredictIn(LabelSpace::kBinary, Decided(Verdict::kNotEnoughInfo, 0.4));
  EXPECT_EQ(p.label, "NOT_SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.4);
  p = PredictIn(LabelSpace::kBinary, Decided(Verdict::kSupported, 0.3));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.3);
  p = PredictIn(LabelSpace::kSupportRefute, Decided(Verdict::kRefuted, 0.65));
  EXPECT_EQ(p.label, "REFUTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.65);
  p = PredictIn(LabelSpace::kSupportRefute, Decided(Verdict::kNotEnoughInfo, 0.6));
  EXPECT_EQ(p.label, "NOT_ENOUGH_INFO");
  EXPECT_DOUBLE_EQ(p.confidence, 0.6);
  p = PredictIn(LabelSpace::kThreeWay, Decided(Verdict::kSupported, 0.95));
  EXPECT_EQ(p.label, "SUPPORTED");
  EXPECT_DOUBLE_EQ(p.confidence, 0.95);
}

}  // namespace
}  // namespace fg
