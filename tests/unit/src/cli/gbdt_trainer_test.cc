#include "src/cli/gbdt_trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>
#include <span>
#include <vector>

#include "tests/unit/src/cli/toy_rows.h"

namespace fg::cli {
namespace {

using Toy = toy::ToyRows;
constexpr auto Separable = toy::SeparableRows;

GbdtParams Small(int bags) {
  GbdtParams p;
  p.rounds = 30;
  p.max_depth = 3;
  p.eta = 0.3;
  p.bags = bags;
  return p;
}

TEST(GbdtTrainerTest, LearnsToyDataDeterministically) {
  Toy train = Separable(800, 1), test = Separable(400, 2);
  auto a = TrainBinaryHead(train.x, train.labels, train.weights, Small(1));
  auto b = TrainBinaryHead(train.x, train.labels, train.weights, Small(1));
  ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString();
  EXPECT_EQ(a->head.trees.size(), 30u);
  size_t correct = 0;
  for (size_t r = 0; r < test.x.rows(); ++r) {
    correct += (a->head.RawProbability(test.Row(r)) >= 0.5) == (test.labels[r] == 1.0f) ? 1 : 0;
    EXPECT_EQ(a->head.Margin(test.Row(r)), b->head.Margin(test.Row(r))) << r;
  }
  EXPECT_GE(correct, 0.9 * test.x.rows());
  EXPECT_NEAR(std::accumulate(a->feature_gain.begin(), a->feature_gain.end(), 0.0), 1.0, 1e-9);
  EXPECT_GT(a->feature_gain[0], a->feature_gain[2]);
}

TEST(GbdtTrainerTest, BagsAverageTheMarginsOfOneSeedEach) {
  Toy train = Separable(800, 3), test = Separable(200, 4);
  auto bagged = TrainBinaryHead(train.x, train.labels, train.weights, Small(3));
  ASSERT_TRUE(bagged.ok()) << bagged.status().ToString();
  EXPECT_EQ(bagged->head.trees.size(), 90u);
  std::vector<TrainedHead> singles;
  for (int k = 0; k < 3; ++k) {
    GbdtParams one = Small(1);
    one.seed += k;
    auto head = TrainBinaryHead(train.x, train.labels, train.weights, one);
    ASSERT_TRUE(head.ok());
    singles.push_back(std::move(*head));
  }
  // Different seeds sample differently: the bags are not three copies of one ensemble.
  bool differ = false;
  for (size_t r = 0; r < test.x.rows(); ++r) {
    double average = 0;
    for (const TrainedHead& s : singles) average += s.head.Margin(test.Row(r)) / 3;
    EXPECT_NEAR(bagged->head.Margin(test.Row(r)), average, 1e-5) << r;
    differ |= singles[0].head.Margin(test.Row(r)) != singles[1].head.Margin(test.Row(r));
  }
  EXPECT_TRUE(differ);
  for (size_t f = 0; f < 3; ++f) {
    double average = 0;
    for (const TrainedHead& s : singles) average += s.feature_gain[f] / 3;
    EXPECT_NEAR(bagged->feature_gain[f], average, 1e-9) << f;
  }
}

}  // namespace
}  // namespace fg::cli
