// Entailment verifier: judges a claim against its best-aligned evidence sentences from lexical
// alignment features, for every kind of claim.
//
// Features per sentence: IDF-weighted coverage of the claim's terms (stems and WordNet synonyms,
// title as context), names of the claim missing from the evidence, numbers of the claim missing
// while the evidence states others, a negation present on one side only, and a WordNet antonym of
// an unmatched claim word in the evidence. High coverage with no conflict supports; high coverage
// with a negation or antonym conflict refutes; anything else is not enough information.
// A trained scorer replaces the hand-set weights in a later issue; the features stay.
//
// Thread-safe; the Aligner and Lexicon must outlive the verifier.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/alignment.h"
#include "src/core/tokenizer.h"
#include "src/core/verifier.h"

namespace fg {

class Lexicon;

struct EntailmentOptions {
  double support_coverage = 0.6;      // coverage needed to support
  double refute_coverage = 0.6;       // coverage needed before a conflict refutes
  double missing_name_penalty = 0.0;  // subtracted per share of the claim's names missing
  // The support score mixes coverage of all the claim's terms with coverage of its terms other
  // than names (evidence often leaves the subject implicit): (1 - w) * all + w * content.
  double content_weight = 0.5;
  // Support needs at least this coverage of the claim's terms that are not names.
  double min_content_coverage = 0.5;
  size_t sentences_considered = 3;
};

// The features of one claim × sentence pair, exposed for tests and for the trained model.
struct EntailmentFeatures {
  double coverage = 0;
  double content_coverage = 0;  // coverage over the claim's terms that are not names
  double missing_names = 0;     // share of the claim's names not found
  bool number_conflict = false;
  // At least half of the claim's names are missing from the evidence, which names somebody or
  // something else: it is about another subject ("Bell invented the telephone" for a claim about
  // Edison).
  bool name_conflict = false;
  bool all_names_missing = false;
  // A name the claim gives after its subject ("Kilimanjaro is in Peru") is missing while the
  // sentence names something else ("located in Tanzania"): no support, though no refutation.
  bool object_conflict = false;  // the claim has names and the evidence shows none of them
  bool negation_mismatch = false;
  bool antonym = false;
  std::vector<int> how;  // per claim term, how the sentence covers it (Coverage::how)
};

class EntailmentVerifier : public Verifier {
 public:
  EntailmentVerifier(const Aligner* aligner, const Lexicon* lexicon,
                     EntailmentOptions options = {});

  std::string_view name() const override { return "entailment"; }
  bool AppliesTo(const Claim&) const override { return true; }
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

  EntailmentFeatures Features(const PreparedClaim& prepared, std::string_view claim_text,
                              std::string_view sentence, std::string_view title) const;

 private:
  const Aligner* aligner_;
  const Lexicon* lexicon_;
  EntailmentOptions options_;
};

// True when the text contains a negation cue (not, n't, never, no, none, neither, nor, without,
// lacks...).
bool HasNegation(std::string_view text);
// The same over the text's tokens (Tokenize).
bool HasNegation(std::span<const Token> tokens);
// True when a clause of the sentence (between commas, semicolons, brackets, "but", "although",
// "which", ...) holds a negation cue and one of the claim's terms (or their WordNet alternatives):
// in "Arizona has two state songs, although neither is named as such" the negation speaks of
// something else.
bool HasNegationAbout(std::span<const Token> sentence, const PreparedClaim& claim);
// True when the clause of `text` holding `span` (clauses as for HasNegationAbout) denies it with a
// verbal negation ("not", "never", "n't", "cannot", "unable", "lacks", "incapable") before it:
// "Dawson was not born on 20 November 1932" denies its date; "SummerSlam had no pre-show, but
// contested ten matches" does not deny its count, nor does "no" in "with no score" (a noun's
// negation, not the statement's), nor "not" in "said in 2008 that bands should not go on" the year.
bool DeniesAt(std::string_view text, Span span);

}  // namespace fg
