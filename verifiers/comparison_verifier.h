// ComparisonVerifier: decides claims that are pure arithmetic, with no evidence.
//
// A small, exact grammar: EXPR RELATION EXPR, where EXPR is a quantity ("220", "1.5 million",
// "45%", "3 km"), "twice X", "half of X", "N times X", "X plus/minus/times/divided by Y", "the
// sum/product of X and Y", "the difference between X and Y", "P% of X", and RELATION is "is (not)
// less/smaller/lower/fewer than", "is (not) greater/more/larger/bigger/higher than", "... or equal
// to", "is at least/at most", "is (equal to)", "equals", "exceeds", "=", "<", ">". Examples: "220
// is less than 200" (refuted), "5 is more than twice 2" (supported), "10% of 200 is 20"
// (supported). Any other word ("Paris has more people than 2 million") makes it abstain; so do
// units that do not compare (metres vs kilograms). A refuted equality with a plain number on the
// right gets that number corrected.
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"

namespace fg {

struct ComparisonVerifierOptions {
  double confidence = 0.99;       // of a decided claim
  double approximate_tol = 0.10;  // relative slack for equality when a side says "about"
};

class ComparisonVerifier : public Verifier {
 public:
  explicit ComparisonVerifier(ComparisonVerifierOptions options = {}) : options_(options) {}
  std::string_view name() const override { return "comparison"; }
  // kind == kComparison, or the text has two numbers and a comparison or arithmetic phrase.
  bool AppliesTo(const Claim& claim) const override;
  // Ignores `evidence`; abstains unless the whole claim parses.
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  ComparisonVerifierOptions options_;
};

}  // namespace fg
