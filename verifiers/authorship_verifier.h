// AuthorshipVerifier: the authorship expert — supports "<person> wrote <work>" when a sentence
// says the same in other words: "Herman Melville, American novelist, author of Moby Dick", "the
// series of "Harry Potter" novels by J.K. Rowling", "Melville's Moby Dick".
//
// Claims: a person's name (capitalised words, initials, "da", "van", "von", "de" between them),
// then "wrote", "authored", "composed", "painted", "directed" or "sculpted", then a title: from
// the first capitalised word after the verb (past "the" and a work word: "the novel") to the last
// capitalised word before anything else (a lowercase word that joins a title, "and", "of", "the",
// "in", may stand between: "War and Peace"). No negation.
//
// Evidence: a sentence that names the work (its words in order, letters and digits compared, so
// "Moby-Dick" is "Moby Dick"; a leading "The" may be left out) and the person (the sentence holds
// the person's last name, or its passage title lists the person's name), and links them: "author
// of", "writer of", "composer of", "painter of", "creator of" or "director of" (up to two words
// between) before the work; "by" and the person's last name after the work (up to four words
// between: "novels by J.K. Rowling"); the person's last name and "'s" right before it; or the
// claim's verb (or "written") right before it. Such a sentence supports, at confidence 0.9, at
// which ModelJudge lets the support decide alone (ModelJudgeOptions::authorship_veto): the
// trained model, which learned "wrote" from FEVER's wordings, had refuted "Herman Melville wrote
// Moby Dick" at 0.54 against "author of Moby Dick". The expert never refutes: that the evidence
// gives the work another author is the relation expert's and the model's to weigh.
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"

namespace fg {

struct AuthorshipVerifierOptions {
  double support_confidence = 0.9;
};

class AuthorshipVerifier : public Verifier {
 public:
  explicit AuthorshipVerifier(AuthorshipVerifierOptions options = {}) : options_(options) {}

  std::string_view name() const override { return "authorship"; }
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  AuthorshipVerifierOptions options_;
};

}  // namespace fg
