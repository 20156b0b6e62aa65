// How sure a verifier that reads several evidence sentences is: the numeric and temporal
// verifiers decide on the first sentence that speaks of the claim's value, count the sentences
// that agree and those that contradict it, and turn that into a confidence here; and what their
// reading means when the claim denies its value.
// Private to verifiers/.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>

#include "src/core/verifier.h"

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

// A value expert's reading of a claim that denies its value ("was not born on 20 November 1932",
// "did not have more than a million viewers"): the value the evidence states refutes the claim,
// with no correction to offer, unless the evidence denies it too; a different value says nothing,
// since the claim may deny for another reason than the value. A denial in the evidence alone is
// not read: long evidence sentences deny other things in clauses the reader cannot tell apart.
// nullopt when the reading says nothing.
inline std::optional<Verdict> UnderDenial(Verdict reading, bool claim_denies,
                                          bool evidence_denies) {
  if (!claim_denies) return reading;
  if (reading != Verdict::kSupported) return std::nullopt;
  return evidence_denies ? Verdict::kSupported : Verdict::kRefuted;
}

}  // namespace fg::internal
