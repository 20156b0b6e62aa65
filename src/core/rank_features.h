// Passage relevance: the features that describe one retrieved passage against a claim, and the
// interface of a trained scorer that re-ranks the retrieved pool with them.
//
// The pipeline retrieves `retrieve_k` passages per source and keeps the best few for the judge.
// Without a scorer it ranks them by a fixed formula (best sentence alignment plus the retrieval
// score relative to the source's best). With one (the relevance head of the verdict model,
// trained by `factgate train` on which passages annotators marked as evidence), every passage gets
// the feature row below and the scorer's value orders the pool.
//
// The features are relative where they can be (to the claim's weight, to the best passage of the
// pool), so that a scorer trained on one corpus transfers to another: the best sentence's
// coverage (exact, context, through synonyms), the whole passage's and the title's coverage, the
// names and numbers covered, the heaviest claim term left uncovered, ordered claim word pairs
// found in the sentence, the retrieval score relative to the best and the position, the sentence's
// length and whether it is a quoted title (a reference, rarely evidence), how many pool passages
// come from the same document, and the claim's size.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "src/core/alignment.h"
#include "src/core/types.h"
#include "src/core/verifier.h"

namespace fg {

// A trained relevance scorer. Thread-safe; higher means more likely to hold the claim's evidence.
class RelevanceScorer {
 public:
  virtual ~RelevanceScorer() = default;
  // `features` holds RankFeatureNames().size() values in that order.
  virtual double Relevance(std::span<const float> features) const = 0;
};

// Feature names, in row order; a model file records them and loading checks them.
const std::vector<std::string>& RankFeatureNames();

// One row of RankFeatureNames().size() values per passage, row-major, in passage order.
// `scored` is Aligner::ScoreSentences(claim, passages) (every sentence, in passage order);
// `retrieve_k` is how many passages each source was asked for (for the position feature).
std::vector<float> ComputeRankFeatures(const Aligner& aligner, const PreparedClaim& claim,
                                       std::span<const Passage> passages,
                                       std::span<const EvidenceSentence> scored, size_t retrieve_k);

}  // namespace fg
