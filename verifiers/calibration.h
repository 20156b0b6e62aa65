// Calibration: turns a model's raw probability into one that matches observed frequencies, fitted
// on data held apart from training.
//
// Isotonic regression (pool-adjacent-violators) fits a non-decreasing step function from raw score
// to the weighted share of positives; Apply interpolates linearly between the fitted blocks'
// centres, so nearby scores get nearby probabilities, and clamps outside the fitted range. Fit is
// deterministic. Immutable after fitting; Apply is thread-safe.
#pragma once

#include <span>
#include <vector>

namespace fg {

class IsotonicCalibration {
 public:
  IsotonicCalibration() = default;  // identity: Apply(x) == x
  // Points must be sorted by x with non-decreasing y (as Fit produces them and a model file
  // stores them).
  IsotonicCalibration(std::vector<double> x, std::vector<double> y);

  // `labels` are 0 or 1; `weights` may be empty (all 1). Sizes must match.
  static IsotonicCalibration Fit(std::span<const double> scores, std::span<const int> labels,
                                 std::span<const double> weights = {});

  double Apply(double score) const;
  bool identity() const { return x_.empty(); }
  const std::vector<double>& x() const { return x_; }
  const std::vector<double>& y() const { return y_; }

 private:
  std::vector<double> x_, y_;
};

}  // namespace fg
