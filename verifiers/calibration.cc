#include "verifiers/calibration.h"

#include <algorithm>
#include <numeric>

namespace fg {

IsotonicCalibration::IsotonicCalibration(std::vector<double> x, std::vector<double> y)
    : x_(std::move(x)), y_(std::move(y)) {}

IsotonicCalibration IsotonicCalibration::Fit(std::span<const double> scores,
                                             std::span<const int> labels,
                                             std::span<const double> weights) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Blocks of pooled points: weighted mean score (x), weighted share of positives (y), weight.
  struct Block {
    double sx = 0, sy = 0, w = 0;
  };
  std::vector<Block> blocks;
  for (size_t i : order) {
    double w = weights.empty() ? 1.0 : weights[i];
    if (w <= 0) continue;
    blocks.push_back({scores[i] * w, (labels[i] != 0 ? 1.0 : 0.0) * w, w});
    while (blocks.size() > 1) {
      Block& last = blocks.back();
      Block& prev = blocks[blocks.size() - 2];
      if (prev.sy / prev.w < last.sy / last.w) break;
      prev.sx += last.sx;
      prev.sy += last.sy;
      prev.w += last.w;
      blocks.pop_back();
    }
  }
  std::vector<double> x, y;
  for (const Block& b : blocks) {
    x.push_back(b.sx / b.w);
    y.push_back(b.sy / b.w);
  }
  return IsotonicCalibration(std::move(x), std::move(y));
}

double IsotonicCalibration::Apply(double score) const {
  if (x_.empty()) return score;
  if (score <= x_.front()) return y_.front();
  if (score >= x_.back()) return y_.back();
  size_t hi = static_cast<size_t>(std::upper_bound(x_.begin(), x_.end(), score) - x_.begin());
  size_t lo = hi - 1;
  double span = x_[hi] - x_[lo];
  if (span <= 0) return y_[hi];
  double t = (score - x_[lo]) / span;
  return y_[lo] + t * (y_[hi] - y_[lo]);
}

}  // namespace fg
