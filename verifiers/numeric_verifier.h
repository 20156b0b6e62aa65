// NumericVerifier: checks a claim's quantity ("330 metres", "1.5 million people", "45%") against
// the quantities in the evidence sentences.
//
// For each evidence sentence aligned well enough with the claim (best first), it looks for a
// quantity in the same unit that speaks of the same thing: the content words around it overlap the
// words around the claim's quantity ("population", "tall", the word after the number, past an
// adverb: "confirmed" in "747 officially confirmed cases"), compared by their stems ("rated" meets
// "rating"). A figure of the claim's scope comes first: the world ("worldwide", "globally") or
// outside the home market ("outside North America", "other territories", "overseas"), a scope word
// between two figures being the nearer one's; for a count, one of the claim's own noun ("2567
// students" for "1500 students") comes first, and a count of things is whole ("9.7" in "an average
// rating of 9.7/10" counts no critics). A coordinated count whose phrase is only a scope word takes
// the words and the noun of the count before it ("3.6 million copies in the US, and 6.6 million
// worldwide": copies too). Equal values (within a relative tolerance, honouring "about", "more
// than" and ranges) support the claim; a clearly different value refutes it, and the correction is
// the claim with its quantity replaced by the evidence's surface text. A bound is checked strictly,
// also against a bound ("under $873 million" against "over $873 million" fails). Every quantity of
// the claim is checked: one the evidence contradicts refutes the claim, else the first one it
// confirms supports it. A sentence that also states the claim's exact figure for the same thing
// does not refute it, nor does a whole refute a part ("57 tackles" against "7 of his tackles").
// Years and dates are left to the temporal verifier.
//
// Ordinal ranks (ExtractOrdinals: "the third largest city", "his debut album") are figures too,
// compared only with ranks of the same thing: the word after the rank ("largest", "album"). A rank
// only refutes, when the sentence ranks the same thing otherwise and nowhere as the claim does
// ("the fourth largest city" against "the third largest city in the county, and the 24th largest
// in the state", corrected to "third"; "the 24th largest city" is left alone), and only when the
// names before the evidence's rank, if any, include one of the claim's ("Buzz Aldrin was the
// second person to walk on the Moon" is no rank of Neil Armstrong's). An agreeing rank is no
// support: "the first case" of one town matches "the first case" of any other.
//
// A claim that denies its figure ("did not have more than a million viewers", DeniesAt in
// verifiers/entailment_verifier.h) is refuted by the figure, with no correction, unless the
// sentence denies it too; another figure then says nothing (internal::UnderDenial).
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"

namespace fg {

struct NumericVerifierOptions {
  // Evidence sentences aligned below this with the claim (context_alignment) are not read. None
  // by default: a sentence that states another figure for the same thing often shares little
  // else with the claim ("Focus received less than 105 reviews" / "... a 57 % approval rating,
  // based on 108 reviews"), and the quantity's own neighbourhood decides whether it speaks of the
  // same thing (vitaminc dev, rules alone: 0.77 of its refutations right at 0 against 0.71 at 0.5,
  // and 2.6 times as many).
  double min_alignment = 0.0;
  // A different value refutes only when its quantity has the claim's head noun ("108 reviews")
  // or its neighbourhood scores at least this much (see Judge); weaker matches only support.
  int min_refute_match = 6;
  // Two exact values match when they differ by at most this share of their magnitude.
  double rel_tol = 0.02;
  // Values further apart than this share (beyond the tolerances) refute; in between, abstain.
  double refute_margin = 0.05;
};

class NumericVerifier : public Verifier {
 public:
  explicit NumericVerifier(NumericVerifierOptions options = {}) : options_(options) {}
  std::string_view name() const override { return "numeric"; }
  // The claim states a quantity that is not a year or a date, or an ordinal rank.
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  NumericVerifierOptions options_;
};

}  // namespace fg
