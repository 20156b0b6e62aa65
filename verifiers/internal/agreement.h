// How sure a verifier that reads several evidence sentences is: the numeric and temporal
// verifiers decide on the first sentence that speaks of the claim's value, count the sentences
// that agree and those that contradict it, and turn that into a confidence here.
// Private to verifiers/.
#pragma once

#include <algorithm>
#include <cstddef>

namespace fg::internal {

// 0.55 + 0.4 x the deciding sentence's alignment, scaled down by the share of contradicting
// sentences (never below 0.5).
inline double AgreementConfidence(double alignment, size_t agreeing, size_t conflicting) {
  double confidence = 0.55 + 0.4 * std::clamp(alignment, 0.0, 1.0);
  if (conflicting > 0) {
    double agree = static_cast<double>(agreeing);
    confidence = std::max(0.5, confidence * agree / (agree + static_cast<double>(conflicting)));
  }
  return confidence;
}

}  // namespace fg::internal
