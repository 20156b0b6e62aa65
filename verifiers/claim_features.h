// Claim features: the fixed-length numeric description of one claim against its evidence that the
// trained verdict model (verifiers/verdict_model.h) scores.
//
// One vector per claim, computed from the best-aligned evidence sentences (the pipeline's list,
// best first) and from what the expert verifiers said about the claim: IDF-weighted coverage of
// the claim's terms by the sentence and by its whole passage (exact, through WordNet synonyms or
// only in the title), the heaviest term left uncovered, ordered word pairs shared, claim words
// the sentence replaces by others between words both share, how much of the sentence the claim
// accounts for, names, numbers and subjects agreeing or clashing, negation and
// WordNet antonyms, claim words that are WordNet hypernyms or hyponyms of the sentence's words,
// quantifiers, hedges and directions of change on each side, the claim's kind,
// the retrieval rank and score, the learned lexical model's margins (verifiers/lexical_model.h),
// and each expert's verdict and confidence. Names() lists them in
// vector order; a model file records the names it was trained on, and loading checks them.
//
// Thread-safe once constructed; the Aligner and Lexicon (may be null) must outlive the featurizer.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/alignment.h"
#include "src/core/verifier.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/lexical_model.h"

namespace fg {

class Lexicon;

// What one expert verifier said about the claim (abstentions are simply absent).
struct ExpertOpinion {
  std::string_view expert;  // Verifier::name()
  Verdict verdict = Verdict::kNotEnoughInfo;
  double confidence = 0;
};

class ClaimFeaturizer {
 public:
  // `lexical` (may be null: its two features are missing) comes with the verdict model.
  ClaimFeaturizer(const Aligner* aligner, const Lexicon* lexicon,
                  const LexicalModel* lexical = nullptr);

  // Feature names, in vector order; stable within a model version.
  static const std::vector<std::string>& Names();
  // The experts whose opinions are features, in the order they appear in Names().
  static const std::vector<std::string_view>& Experts();

  // `evidence` is the judge's list (best first, may be empty). With `lexical_keys`, also gives the
  // lexical model's keys for the sentence the features describe (for training it).
  std::vector<float> Compute(const Claim& claim, std::span<const EvidenceSentence> evidence,
                             std::span<const ExpertOpinion> opinions,
                             std::vector<std::string>* lexical_keys = nullptr) const;
  // The slots of the lexical model's two margins in the vector (training fills them in).
  static size_t LexicalSupportedSlot();
  static size_t LexicalRefutedSlot();

 private:
  const Aligner* aligner_;
  const Lexicon* lexicon_;  // may be null: the WordNet hypernym features are missing
  const LexicalModel* lexical_;
  EntailmentVerifier entailment_;  // for its per-sentence features
};

}  // namespace fg
