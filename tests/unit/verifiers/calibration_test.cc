#include "verifiers/calibration.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace fg {
namespace {

TEST(IsotonicCalibrationTest, UnfittedIsIdentity) {
  IsotonicCalibration cal;
  EXPECT_TRUE(cal.identity());
  EXPECT_TRUE(cal.x().empty());
  for (double s : {-1.0, 0.0, 0.123, 0.5, 0.999, 2.0}) EXPECT_EQ(cal.Apply(s), s);
}

TEST(IsotonicCalibrationTest, FitOnNoDataIsIdentity) {
  IsotonicCalibration cal = IsotonicCalibration::Fit({}, {});
  EXPECT_TRUE(cal.identity());
  EXPECT_EQ(cal.Apply(0.3), 0.3);
}

TEST(IsotonicCalibrationTest, SeparableDataGivesZeroBelowAndOneAbove) {
  std::vector<double> scores = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
  std::vector<int> labels = {0, 0, 0, 1, 1, 1};
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels);
  ASSERT_FALSE(cal.identity());
  // Equal neighbours pool: one block of negatives at their mean score, one of positives.
  ASSERT_EQ(cal.x().size(), 2u);
  EXPECT_NEAR(cal.x()[0], 0.2, 1e-12);
  EXPECT_NEAR(cal.x()[1], 0.8, 1e-12);
  EXPECT_EQ(cal.y(), (std::vector<double>{0.0, 1.0}));
  for (double s : {0.0, 0.1, 0.2}) EXPECT_EQ(cal.Apply(s), 0.0) << s;
  for (double s : {0.8, 0.9, 1.0}) EXPECT_EQ(cal.Apply(s), 1.0) << s;
  EXPECT_NEAR(cal.Apply(0.5), 0.5, 1e-12);
}

TEST(IsotonicCalibrationTest, UnsortedInputIsSortedByScore) {
  std::vector<double> scores = {0.9, 0.1, 0.8, 0.2};
  std::vector<int> labels = {1, 0, 1, 0};
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels);
  EXPECT_EQ(cal.Apply(0.1), 0.0);
  EXPECT_EQ(cal.Apply(0.9), 1.0);
}

TEST(IsotonicCalibrationTest, PoolsAViolatingPairIntoItsWeightedMean) {
  // Sorted: (0.1, 0, w1) (0.2, 1, w1) (0.3, 0, w3) (0.4, 1, w1). The pair at 0.2/0.3 violates
  // monotonicity and pools into x = (0.2*1 + 0.3*3) / 4 = 0.275, y = (1*1 + 0*3) / 4 = 0.25.
  std::vector<double> scores = {0.1, 0.2, 0.3, 0.4};
  std::vector<int> labels = {0, 1, 0, 1};
  std::vector<double> weights = {1, 1, 3, 1};
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels, weights);
  ASSERT_EQ(cal.x().size(), 3u);
  EXPECT_NEAR(cal.x()[0], 0.1, 1e-12);
  EXPECT_NEAR(cal.x()[1], 0.275, 1e-12);
  EXPECT_NEAR(cal.x()[2], 0.4, 1e-12);
  EXPECT_NEAR(cal.y()[0], 0.0, 1e-12);
  EXPECT_NEAR(cal.y()[1], 0.25, 1e-12);
  EXPECT_NEAR(cal.y()[2], 1.0, 1e-12);

  // Unweighted, the same pair pools to its plain mean.
  IsotonicCalibration plain = IsotonicCalibration::Fit(scores, labels);
  ASSERT_EQ(plain.x().size(), 3u);
  EXPECT_NEAR(plain.x()[1], 0.25, 1e-12);
  EXPECT_NEAR(plain.y()[1], 0.5, 1e-12);
}

TEST(IsotonicCalibrationTest, PoolingCascadesBackwards) {
  // (0.1, 1) (0.2, 1) (0.3, 0): the last point pools with the block of both earlier ones.
  std::vector<double> scores = {0.1, 0.2, 0.3};
  std::vector<int> labels = {1, 1, 0};
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels);
  ASSERT_EQ(cal.x().size(), 1u);
  EXPECT_NEAR(cal.x()[0], 0.2, 1e-12);
  EXPECT_NEAR(cal.y()[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(cal.Apply(0.0), 2.0 / 3, 1e-12);
  EXPECT_NEAR(cal.Apply(1.0), 2.0 / 3, 1e-12);
}

TEST(IsotonicCalibrationTest, ZeroWeightPointsAreIgnored) {
  std::vector<double> scores = {0.1, 0.5, 0.9};
  std::vector<int> labels = {0, 0, 1};
  std::vector<double> weights = {1, 0, 1};
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels, weights);
  ASSERT_EQ(cal.x().size(), 2u);
  EXPECT_NEAR(cal.x()[0], 0.1, 1e-12);
  EXPECT_NEAR(cal.x()[1], 0.9, 1e-12);
}

TEST(IsotonicCalibrationTest, FitIsNonDecreasingAndInterpolatesBetweenBlockCentres) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> scores;
  std::vector<int> labels;
  for (int i = 0; i < 500; ++i) {
    double s = uniform(rng);
    scores.push_back(s);
    labels.push_back(uniform(rng) < s ? 1 : 0);  // P(positive) = score, plus noise
  }
  IsotonicCalibration cal = IsotonicCalibration::Fit(scores, labels);
  ASSERT_GE(cal.x().size(), 3u);
  ASSERT_EQ(cal.x().size(), cal.y().size());
  for (size_t i = 1; i < cal.x().size(); ++i) {
    EXPECT_LE(cal.x()[i - 1], cal.x()[i]) << i;
    EXPECT_LT(cal.y()[i - 1], cal.y()[i]) << i;  // equal neighbours would have been pooled
  }
  for (double y : cal.y()) {
    EXPECT_GE(y, 0.0);
    EXPECT_LE(y, 1.0);
  }
  // At a block centre Apply gives the block's value; halfway between two it gives the midpoint.
  for (size_t i = 0; i + 1 < cal.x().size(); ++i) {
    EXPECT_NEAR(cal.Apply(cal.x()[i]), cal.y()[i], 1e-12) << i;
    double mid = (cal.x()[i] + cal.x()[i + 1]) / 2;
    EXPECT_NEAR(cal.Apply(mid), (cal.y()[i] + cal.y()[i + 1]) / 2, 1e-9) << i;
  }
  double previous = -1;
  for (int i = 0; i <= 1000; ++i) {
    double v = cal.Apply(i / 1000.0);
    EXPECT_GE(v, previous) << i;
    previous = v;
  }
}

TEST(IsotonicCalibrationTest, ApplyInterpolatesLinearlyBetweenGivenPoints) {
  IsotonicCalibration cal({0.2, 0.6, 1.0}, {0.1, 0.3, 0.9});
  EXPECT_FALSE(cal.identity());
  EXPECT_NEAR(cal.Apply(0.4), 0.2, 1e-12);
  EXPECT_NEAR(cal.Apply(0.3), 0.15, 1e-12);
  EXPECT_NEAR(cal.Apply(0.7), 0.45, 1e-12);
  EXPECT_NEAR(cal.Apply(0.6), 0.3, 1e-12);
}

TEST(IsotonicCalibrationTest, ApplyClampsOutsideTheFittedRange) {
  IsotonicCalibration cal({0.2, 0.6}, {0.1, 0.8});
  EXPECT_EQ(cal.Apply(0.2), 0.1);
  EXPECT_EQ(cal.Apply(0.0), 0.1);
  EXPECT_EQ(cal.Apply(-3.0), 0.1);
  EXPECT_EQ(cal.Apply(0.6), 0.8);
  EXPECT_EQ(cal.Apply(1.0), 0.8);
  EXPECT_EQ(cal.Apply(42.0), 0.8);
}

TEST(IsotonicCalibrationTest, FitIsDeterministic) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> scores, weights;
  std::vector<int> labels;
  for (int i = 0; i < 300; ++i) {
    // Coarse scores so that ties occur.
    scores.push_back(static_cast<int>(uniform(rng) * 20) / 20.0);
    labels.push_back(uniform(rng) < 0.4 ? 1 : 0);
    weights.push_back(0.5 + uniform(rng));
  }
  IsotonicCalibration a = IsotonicCalibration::Fit(scores, labels, weights);
  IsotonicCalibration b = IsotonicCalibration::Fit(scores, labels, weights);
  EXPECT_EQ(a.x(), b.x());
  EXPECT_EQ(a.y(), b.y());
}

}  // namespace
}  // namespace fg
