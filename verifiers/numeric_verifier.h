// NumericVerifier: checks a claim's quantity ("330 metres", "1.5 million people", "45%") against
// the quantities in the evidence sentences.
//
// For each evidence sentence aligned well enough with the claim (best first), it looks for a
// quantity in the same unit that speaks of the same thing: the content words around it overlap
// the words around the claim's quantity ("population", "tall", the noun after the number). Equal
// values (within a relative tolerance, honouring "about", "more than" and ranges) support the
// claim; a clearly different value refutes it, and the correction is the claim with its quantity
// replaced by the evidence's surface text. Years and dates are left to the temporal verifier.
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"

namespace fg {

struct NumericVerifierOptions {
  // Evidence sentences aligned below this with the claim are not read.
  double min_alignment = 0.5;
  // Two exact values match when they differ by at most this share of their magnitude.
  double rel_tol = 0.02;
  // Values further apart than this share (beyond the tolerances) refute; in between, abstain.
  double refute_margin = 0.05;
};

class NumericVerifier : public Verifier {
 public:
  explicit NumericVerifier(NumericVerifierOptions options = {}) : options_(options) {}
  std::string_view name() const override { return "numeric"; }
  // The claim states a quantity that is not a year or a date.
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  NumericVerifierOptions options_;
};

}  // namespace fg
