// Alignment of a claim with evidence: which retrieved sentences speak of what the claim says.
//
// A claim is prepared once (content terms with IDF weights, names and numbers weighted up, WordNet
// synonyms as alternatives); then every sentence of every retrieved passage gets a coverage score:
// the IDF-weighted share of the claim's terms found in the sentence (a synonym counts a little
// less, a term found only in the passage's title less again, since titles name the subject that
// sentences leave implicit; in a passage without a title, a sentence that opens with a pronoun
// lends that credit to the claim's opening names instead). The best sentences become the
// EvidenceSentence list the verifiers judge.
//
// Thread-safe once constructed; the TermStats and Lexicon must outlive the Aligner.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"
#include "src/core/types.h"
#include "src/core/verifier.h"

namespace fg {

class Lexicon;

struct AlignerOptions {
  double synonym_credit = 0.85;  // a claim term matched only through a WordNet synonym
  double title_credit = 0.8;     // a claim term found only in the passage title
  double name_boost = 1.5;       // extra weight for capitalised names
  double number_boost = 1.5;     // extra weight for numbers
  size_t max_synonyms = 6;       // per claim term
  size_t max_related_forms = 3;  // WordNet derivational forms per claim term ("volcanic": volcano)
};

struct ClaimTerm {
  std::string term;   // stem or number (TermForToken)
  std::string lower;  // the word as written, lowercased
  double weight = 0;
  bool is_name = false;
  bool is_number = false;
  // Stems of the WordNet base form, synonyms and derivational forms.
  std::vector<std::string> alternatives;
};

struct PreparedClaim {
  std::vector<ClaimTerm> terms;
  double total_weight = 0;
};

// How one sentence covers one prepared claim.
struct Coverage {
  double score = 0;          // [0, 1]
  double context_score = 0;  // [0, 1], over the claim's terms other than numbers
  // Per claim term: 0 missing, 1 in the sentence, 2 through a synonym, 3 only in the title.
  std::vector<int> how;
};

// What aligning claims against a passage needs from the passage alone: its sentences with their
// sorted distinct terms (Aligner::Terms), and its title's terms.
struct PassageAnalysis {
  struct SentenceTerms {
    Span span;  // in the passage's text
    std::vector<std::string> terms;
  };
  std::vector<SentenceTerms> sentences;
  std::vector<std::string> title_terms;
  size_t bytes() const;  // an estimate of the memory it holds
};
// Computes it for `passage` (its text and title).
std::shared_ptr<const PassageAnalysis> AnalyzePassage(const Passage& passage);

class Aligner {
 public:
  // `stats` may be null (every term weighs the same); `lexicon` may be null (no synonyms).
  Aligner(const TermStats* stats, const Lexicon* lexicon, AlignerOptions options = {});

  PreparedClaim Prepare(std::string_view claim_text) const;
  // The lexicon given at construction (may be null).
  const Lexicon* lexicon() const { return lexicon_; }
  Coverage Cover(const PreparedClaim& claim, std::string_view sentence,
                 std::string_view title) const;
  // Cover on terms already found: `sentence_terms` and `title_terms` as Terms() gives them.
  Coverage CoverTerms(const PreparedClaim& claim, const std::vector<std::string>& sentence_terms,
                      const std::vector<std::string>& title_terms) const;
  // The sorted distinct terms of a text (stems and numbers, as claims' terms are matched).
  static std::vector<std::string> Terms(std::string_view text);
  // The same from the text's tokens (Tokenize), for a caller that has them already.
  static std::vector<std::string> Terms(std::span<const Token> tokens);
  // The other direction: the share of the sentence's distinct terms (Terms()) that are the claim's
  // or their synonyms — how much of the sentence is about what the claim says; 0 for none.
  // `claim_terms` is MatchableTerms(claim), computed once per claim. (Unweighted: IDF lookups
  // for every evidence word cost more than the feature gains.)
  static double SentencePrecision(const std::vector<std::string>& claim_terms,
                                  const std::vector<std::string>& sentence_terms);
  // The claim's terms and their alternatives, sorted and distinct.
  static std::vector<std::string> MatchableTerms(const PreparedClaim& claim);
  // Word order: the share of the claim's consecutive term pairs that `sentence_terms` (in text
  // order, as TermForToken gives them) has in the same order at most three terms apart. The claim
  // must have at least two terms.
  static double OrderedPairShare(const PreparedClaim& claim,
                                 const std::vector<std::string>& sentence_terms);
  // Every sentence of every passage with its alignment and context alignment, in passage order.
  // Spans point into the passages' text, which must outlive the result.
  std::vector<EvidenceSentence> ScoreSentences(const PreparedClaim& claim,
                                               std::span<const Passage> passages) const;
  // The best `max_sentences` of `scored`, highest alignment first (ties: the better-ranked
  // passage first).
  static std::vector<EvidenceSentence> Best(std::vector<EvidenceSentence> scored,
                                            size_t max_sentences);
  // ScoreSentences, then Best.
  std::vector<EvidenceSentence> Align(const PreparedClaim& claim, std::span<const Passage> passages,
                                      size_t max_sentences) const;

 private:
  const TermStats* stats_;
  const Lexicon* lexicon_;
  AlignerOptions options_;
};

}  // namespace fg
