// Toy training rows for the trainers' unit tests (linear_trainer_test, gbdt_trainer_test): three
// features in [-1, 1], label 1 exactly when x0 + x1 > 0 (rows within 0.05 of that boundary are
// pushed off it), x2 noise. The same seed gives the same rows.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "src/cli/gbdt_trainer.h"

namespace fg::cli::toy {

struct ToyRows {
  FeatureMatrix x;
  std::vector<float> labels;    // 0 / 1
  std::vector<int> int_labels;  // the same
  std::vector<float> weights;   // all 1
  std::span<const float> Row(size_t r) const { return {x.values.data() + r * x.cols, x.cols}; }
};

inline ToyRows SeparableRows(size_t rows, uint32_t seed) {
  std::mt19937 rng(seed);
  auto uniform = [&] { return static_cast<float>(rng() % 20001) / 10000.0f - 1.0f; };
  ToyRows t;
  t.x.cols = 3;
  for (size_t r = 0; r < rows; ++r) {
    float a = uniform(), b = uniform(), noise = uniform();
    if (std::fabs(a + b) < 0.05f) a += a + b < 0 ? -0.1f : 0.1f;  // a margin between the classes
    t.x.values.insert(t.x.values.end(), {a, b, noise});
    t.labels.push_back(a + b > 0 ? 1.0f : 0.0f);
    t.int_labels.push_back(a + b > 0 ? 1 : 0);
    t.weights.push_back(1.0f);
  }
  return t;
}

}  // namespace fg::cli::toy
