// AuthorshipVerifier: the authorship expert — supports "<person> wrote <work>" when a sentence
// says the same in other words: "Herman Melville, American novelist, author of Moby Dick", "the
// series of "Harry Potter" novels by J.K. Rowling", "Melville's Moby Dick".
//
// Claims: a person's name (capitalised words, initials, "da", "van", "von", "de" between them),
// then "wrote", "authored", "composed", "painted", "directed" or "sculpted", then a title: from
// the first capitalised word after the verb (past "the" and a work word: "the novel") to the last
// capitalised word before anything else (a lowercase word that joins a title, "and", "of", "the",
// "in", may stand between: "War and Peace"). The same said in the passive ("Moby Dick was
// written by Herman Melville": the title is all that stands before "was") or with a maker noun
// ("Herman Melville is the author of Moby Dick", "The composer of Aida was Verdi"; "author",
// "writer", "composer", "painter", "sculptor", not "director", which heads agencies as often as
// films). No negation.
//
// Evidence: a sentence that names the work (its words in order, letters and digits compared, so
// "Moby-Dick" is "Moby Dick"; a leading "The" may be left out; a title is capitalised, so WordNet's
// "psychotic, psycho: ..." names no "Psycho") and the person (the sentence holds the person's
// last name, or its passage title lists the person's name), and links them: "author of",
// "writer of", "composer of", "painter of", "creator of" or "director of" (up to two words
// between) before the work; "by" and the person's last name after the work (up to four words
// between: "novels by J.K. Rowling"); the person's last name and "'s" right before it; or the
// claim's verb (or "written") right before it. A sentence of the work's own entry (its capitalised
// title names the work, or a part of it: "Tom Sawyer") links its maker in other ways too:
// "Daniel Defoe's novel", "an allegory written by John Bunyan", "the great epic poem of Virgil",
// "(attributed to Homer)".
//
//   - Such a link to the claim's person supports, at confidence 0.9.
//   - The same links to another person, in a sentence that does not name the claim's, refute at
//     0.9, and the correction names that person ("Herman Melville wrote Moby Dick" for "Charles
//     Dickens wrote Moby Dick", from "Herman Melville, American novelist, author of Moby Dick").
//     Only makers of the claim's craft count: "a film by John Huston" or "translated by" says
//     nothing of who wrote the book; "author of" said in an entry is said of the entry's subject
//     (the title's full name: "Herman Melville" of "Melville, Herman Melville").
//   - With neither, when the person's entry (a passage titled with the person's name) is there
//     and nothing names the work, the expert says not_enough_info at 0.85: that evidence can say
//     nothing of the claim ("Jane Austen wrote Pride and Prejudice" against her entry, which the
//     model had refuted at 0.47).
//
// ModelJudge lets the support and the refutation decide alone (ModelJudgeOptions::authorship_veto:
// the trained model, which learned "wrote" from FEVER's wordings, had refuted "Herman Melville
// wrote Moby Dick" at 0.54 against "author of Moby Dick"), and lets the not_enough_info keep the
// model from supporting or refuting on its own reading (ModelJudgeOptions::unseen_name_veto).
// The work's own entry, or another's that names its maker, rarely shares words with the claim's
// person, so the expert asks the pipeline to search for the work's title too (FollowUpQueries).
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/verifier.h"

namespace fg {

struct AuthorshipVerifierOptions {
  double support_confidence = 0.9;
  double refute_confidence = 0.9;
  double unnamed_work_confidence = 0.85;
};

class AuthorshipVerifier : public Verifier {
 public:
  explicit AuthorshipVerifier(AuthorshipVerifierOptions options = {}) : options_(options) {}

  std::string_view name() const override { return "authorship"; }
  bool AppliesTo(const Claim& claim) const override;
  // The work's title as the claim writes it ("Moby Dick"): the entry that names its maker may
  // not name the claim's person.
  std::vector<std::string> FollowUpQueries(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  AuthorshipVerifierOptions options_;
};

}  // namespace fg
