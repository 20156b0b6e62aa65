#include "src/cli/linear_trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "tests/unit/src/cli/toy_rows.h"

namespace fg::cli {
namespace {

using Toy = toy::ToyRows;
using toy::SeparableRows;

double Accuracy(const LinearHead& h, const Toy& t) {
  size_t correct = 0;
  for (size_t r = 0; r < t.x.rows(); ++r) {
    double p = h.Probability({t.x.values.data() + r * t.x.cols, t.x.cols});
    correct += (p >= 0.5) == (t.int_labels[r] == 1) ? 1 : 0;
  }
  return static_cast<double>(correct) / static_cast<double>(t.x.rows());
}

TEST(LinearTrainerTest, SeparatesSeparableData) {
  Toy train = SeparableRows(600, 1), select = SeparableRows(200, 2), test = SeparableRows(400, 3);
  auto head = TrainLinearHead(train.x, train.labels, select.x, select.int_labels);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_GE(Accuracy(head->head, test), 0.97);
  // The signal columns outweigh the noise column by far.
  EXPECT_GT(head->head.coef[0], 10 * std::fabs(head->head.coef[2]));
  EXPECT_GT(head->head.coef[1], 10 * std::fabs(head->head.coef[2]));
  EXPECT_TRUE(head->missing_columns.empty());
  EXPECT_EQ(head->expanded_cols, 3u);
}

TEST(LinearTrainerTest, ChoosesTheCWithTheLowestSelectionLogLoss) {
  Toy train = SeparableRows(300, 4), select = SeparableRows(200, 5);
  auto head = TrainLinearHead(train.x, train.labels, select.x, select.int_labels);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  const std::vector<double> grid = LinearParams{}.c_grid;
  ASSERT_EQ(head->select_log_loss.size(), grid.size());
  size_t best = 0;
  for (size_t i = 1; i < grid.size(); ++i) {
    if (head->select_log_loss[i] < head->select_log_loss[best]) best = i;
  }
  EXPECT_EQ(head->c, grid[best]);
  // On separable data weak regularisation fits better than strong.
  EXPECT_GT(head->c, 0.01);
}

TEST(LinearTrainerTest, IsDeterministic) {
  Toy train = SeparableRows(500, 6), select = SeparableRows(100, 7);
  auto a = TrainLinearHead(train.x, train.labels, select.x, select.int_labels);
  auto b = TrainLinearHead(train.x, train.labels, select.x, select.int_labels);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->c, b->c);
  EXPECT_EQ(a->head.intercept, b->head.intercept);
  EXPECT_EQ(a->head.coef, b->head.coef);
  EXPECT_EQ(a->head.missing_coef, b->head.missing_coef);
  EXPECT_EQ(a->select_log_loss, b->select_log_loss);
}

TEST(LinearTrainerTest, AddsAMissingIndicatorPerColumnEverMissing) {
  // Column 1 is missing exactly for the positive rows, column 0 is noise, column 2 is never
  // missing and constant: only the missingness tells the classes apart.
  FeatureMatrix x;
  x.cols = 3;
  std::vector<float> labels;
  std::mt19937 rng(8);
  for (int r = 0; r < 400; ++r) {
    bool positive = r % 2 == 0;
    float noise = static_cast<float>(rng() % 1000) / 1000.0f;
    float v = static_cast<float>(rng() % 1000) / 1000.0f;
    x.values.insert(x.values.end(), {noise, positive ? std::nanf("") : v, 5.0f});
    labels.push_back(positive ? 1.0f : 0.0f);
  }
  LinearParams params;
  params.c_grid = {10};  // without selection rows the first C is used
  auto head = TrainLinearHead(x, labels, {}, {}, params);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->c, 10);
  EXPECT_EQ(head->missing_columns, std::vector<size_t>{1});
  EXPECT_EQ(head->expanded_cols, 4u);
  EXPECT_EQ(head->head.missing_coef[0], 0.0);
  EXPECT_EQ(head->head.missing_coef[2], 0.0);
  EXPECT_EQ(head->head.coef[2], 0.0);  // a constant column carries nothing
  EXPECT_GT(head->head.missing_coef[1], 0.0);
  const float missing_row[] = {0.5f, std::nanf(""), 5.0f};
  const float present_row[] = {0.5f, 0.5f, 5.0f};
  EXPECT_GT(head->head.Probability(missing_row), 0.9);
  EXPECT_LT(head->head.Probability(present_row), 0.1);
}

TEST(LinearTrainerTest, StandardisesColumns) {
  // Scaling a column by 1000 changes nothing once columns are standardised.
  Toy train = SeparableRows(300, 9);
  FeatureMatrix scaled = train.x;
  for (size_t r = 0; r < scaled.rows(); ++r) scaled.values[r * 3 + 1] *= 1000.0f;
  auto a = TrainLinearHead(train.x, train.labels, {}, {});
  auto b = TrainLinearHead(scaled, train.labels, {}, {});
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t r = 0; r < train.x.rows(); r += 7) {
    double pa = a->head.Probability({train.x.values.data() + r * 3, 3});
    double pb = b->head.Probability({scaled.values.data() + r * 3, 3});
    EXPECT_NEAR(pa, pb, 1e-4) << "row " << r;
  }
}

TEST(LinearTrainerTest, RejectsOneClassAndInfiniteValues) {
  FeatureMatrix x;
  x.cols = 1;
  x.values = {1, 2, 3};
  EXPECT_EQ(TrainLinearHead(x, {1, 1, 1}, {}, {}).status().code(), Status::Code::kInvalidArgument);
  x.values[1] = INFINITY;
  EXPECT_EQ(TrainLinearHead(x, {1, 0, 1}, {}, {}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(TrainLinearHead(x, {1, 0}, {}, {}).ok());
}

TEST(LinearTrainerTest, MeasuresBinaryProbabilities) {
  const std::vector<double> p = {0.1, 0.4, 0.4, 0.8};
  const std::vector<int> y = {0, 0, 1, 1};
  BinaryMetrics m = MeasureBinary(p, y);
  EXPECT_EQ(m.n, 4u);
  EXPECT_NEAR(m.log_loss, -(std::log(0.9) + std::log(0.6) + std::log(0.4) + std::log(0.8)) / 4,
              1e-12);
  EXPECT_DOUBLE_EQ(m.accuracy, 0.75);
  // Positive pairs: (0.4 vs 0.1) 1, (0.4 vs 0.4) 0.5, (0.8 vs both) 2 -> 3.5 of 4.
  EXPECT_DOUBLE_EQ(m.auc, 0.875);
  // Bins: {0.1: 0 of 1}, {0.4, 0.4: 1 of 2}, {0.8: 1 of 1}.
  EXPECT_NEAR(m.ece, (0.1 + 2 * 0.1 + 0.2) / 4, 1e-12);

  // Weights count a row that many times.
  const std::vector<double> w = {1, 1, 1, 3};
  BinaryMetrics weighted = MeasureBinary(p, y, w);
  BinaryMetrics repeated = MeasureBinary(std::vector<double>{0.1, 0.4, 0.4, 0.8, 0.8, 0.8},
                                         std::vector<int>{0, 0, 1, 1, 1, 1});
  EXPECT_NEAR(weighted.log_loss, repeated.log_loss, 1e-12);
  EXPECT_NEAR(weighted.accuracy, repeated.accuracy, 1e-12);
  EXPECT_NEAR(weighted.auc, repeated.auc, 1e-12);
  EXPECT_NEAR(weighted.ece, repeated.ece, 1e-12);
}

}  // namespace
}  // namespace fg::cli
