// A linear baseline for the verdict model's heads, and the measurement that compares it with the
// gradient-boosted trees (src/cli/gbdt_trainer.h). Used only by `factgate train
// --compare-learners`; the shipped model is the trees (docs/ACCURACY-learners.md says why).
//
// The linear head is an L2-regularised logistic regression trained with liblinear (Debian's
// liblinear-dev, solver L2R_LR, bias term on) on the same dense FeatureMatrix the trees get,
// expanded the way a linear model needs: a missing value (NaN) becomes 0, every column that is
// ever missing in training gets a 0/1 "missing" indicator column, and every expanded column is
// standardised with its training-row mean and standard deviation. C is chosen from a small grid
// by log loss on a selection set (the calibration rows). liblinear 2.3 has no per-row weights,
// so the linear head is trained unweighted.
//
// The fitted head folds the standardisation into its coefficients, so scoring one row is a single
// pass over the raw features. Deterministic: liblinear's primal Newton solver uses no randomness,
// and the same rows in the same order give the same coefficients. After training, the folded
// head is checked against liblinear's own probabilities.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "src/cli/gbdt_trainer.h"
#include "src/core/status.h"
#include "verifiers/verdict_model.h"

namespace fg::cli {

struct LinearParams {
  std::vector<double> c_grid = {0.01, 0.1, 1, 10};  // tried in this order; ties keep the first
  double eps = 0.01;  // liblinear's stopping tolerance (its default for L2R_LR)
};

// margin = intercept + sum over columns c of (NaN ? missing_coef[c] : coef[c] * x[c]).
struct LinearHead {
  double intercept = 0;
  std::vector<double> coef;          // one per input column
  std::vector<double> missing_coef;  // one per input column; 0 for a column never missing
  double Margin(std::span<const float> x) const;
  double Probability(std::span<const float> x) const;  // sigmoid of the margin
};

struct TrainedLinearHead {
  LinearHead head;
  double c = 0;                         // the C chosen
  std::vector<double> select_log_loss;  // per C of the grid, on the selection rows
  std::vector<size_t> missing_columns;  // input columns that got a missing indicator
  size_t expanded_cols = 0;             // columns liblinear saw, bias not counted
};

// `labels` are 0/1 with both classes present. `select` and `select_labels` (may be empty: then
// the grid's first C is used) choose C.
Result<TrainedLinearHead> TrainLinearHead(const FeatureMatrix& x, const std::vector<float>& labels,
                                          const FeatureMatrix& select,
                                          const std::vector<int>& select_labels,
                                          const LinearParams& params = {});

// The numbers both learners are measured by, from raw (uncalibrated) probabilities of the
// positive class. `weights` may be empty (all 1).
struct BinaryMetrics {
  size_t n = 0;
  double log_loss = 0;  // probabilities clamped to [1e-15, 1 - 1e-15]
  double accuracy = 0;  // predicting positive when p >= 0.5
  double auc = 0;       // ties count one half
  double ece = 0;       // 10 equal-width bins of p: sum of |mean p - share positive| by bin weight
};
BinaryMetrics MeasureBinary(std::span<const double> p, std::span<const int> labels,
                            std::span<const double> weights = {});

// One head's rows exactly as `factgate train` gives them to the trees and to calibration.
struct HeadRows {
  FeatureMatrix train;
  std::vector<float> train_labels;  // no weights: both models trained here are unweighted
  FeatureMatrix calibration;
  std::vector<int> calibration_labels;
  std::vector<double> calibration_weights;
};

// Measures the shipped trees (`trees`, trained in `trees_train_seconds`), the same trees retrained
// without row weights (a control: the linear head cannot use weights), and the linear head, on
// the head's calibration rows. Returns one JSON object:
//   {"train_rows", "calibration_rows", "linear_c", "linear_select_log_loss", "linear_columns",
//    "trees": {...}, "trees_unweighted": {...}, "linear": {...}}
// where each learner has "unweighted" and "weighted" metrics (log_loss, accuracy, auc, ece) and
// "timing" (train_seconds, predict_ns_per_row): only "timing" varies from run to run.
Result<std::string> CompareHeadJson(const HeadRows& rows, const BinaryHead& trees,
                                    double trees_train_seconds, const GbdtParams& params,
                                    const LinearParams& linear_params = {});

// "2.3.0"
std::string LiblinearVersion();

}  // namespace fg::cli
