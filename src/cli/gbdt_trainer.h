// Gradient-boosted trees for one binary head of the verdict model, trained with xgboost's C API
// (Debian's libxgboost-dev) and exported into verifiers/verdict_model.h's own tree format, which
// factgate evaluates without xgboost. Used only by `factgate train`.
//
// Deterministic: one thread, a fixed seed, and the same rows in the same order give the same
// trees. After training, the exported trees are checked against xgboost's own margins, so a
// format misunderstanding fails loudly instead of shipping a wrong model.
//
// Bagging over seeds: with bags > 1 the head is `bags` ensembles trained alike with seeds seed,
// seed + 1, ..., whose margins are averaged (every leaf scaled by 1 / bags, the trees of all in
// one list). One seed's row and column sampling moved dev metrics by several points
// (docs/ACCURACY.md); the average of three moves far less.
#pragma once

#include <string>
#include <vector>

#include "src/core/status.h"
#include "verifiers/verdict_model.h"

namespace fg::cli {

struct GbdtParams {
  int rounds = 300;
  int max_depth = 6;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample = 0.8;
  double min_child_weight = 2;
  double lambda = 1;
  int seed = 7;
  int bags = 1;  // ensembles averaged, with seeds seed .. seed + bags - 1
};

// A dense row-major matrix; NaN marks a missing value.
struct FeatureMatrix {
  size_t cols = 0;
  std::vector<float> values;
  size_t rows() const { return cols == 0 ? 0 : values.size() / cols; }
};

struct TrainedHead {
  BinaryHead head;                   // without calibration
  std::vector<double> feature_gain;  // total gain per feature, summing to 1
};

// `labels` are 0/1, `weights` > 0, one per row. feature_gain is the bags' average.
Result<TrainedHead> TrainBinaryHead(const FeatureMatrix& x, const std::vector<float>& labels,
                                    const std::vector<float>& weights, const GbdtParams& params);

// "1.7.4"
std::string XgboostVersion();

}  // namespace fg::cli
