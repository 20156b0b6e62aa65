// Lexical model: learned word associations between a claim and its best evidence sentence, the
// paraphrase and contrast knowledge that coverage alone lacks ("outside" against "in", "sells"
// for "vends", "incapable" as a denial).
//
// A claim × sentence pair becomes a bag of string keys: the claim's words the sentence does not
// cover ("c:outsid"), the sentence's words the claim does not use ("e:in"), their crossings
// ("x:outsid|in"), and negation on either side. Two logistic regressions over those keys, trained
// by `factgate train` on the same rows as the trees, give margins for supported-vs-not and
// refuted-vs-not-enough-info; the margins are two of the verdict model's features (stacked:
// training rows get margins from models that did not see them). Only the strongest weights are
// kept in the model file, as readable keys.
//
// Immutable once built; Margin is thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/core/alignment.h"

namespace fg {

// The FNV-1a 64 hash a key is looked up by at run time (no key strings are built there).
uint64_t LexicalKeyHash(std::string_view key);

struct LexicalHead {
  double bias = 0;
  std::unordered_map<std::string, float> weights;  // by key, as the model file stores them
  std::unordered_map<uint64_t, float> hashed;      // the same by LexicalKeyHash; see Index()
  // Rebuilds `hashed` from `weights`; call after changing `weights`.
  void Index();
  double Margin(std::span<const std::string> keys) const;
  double MarginOfHashes(std::span<const uint64_t> keys) const;
};

struct LexicalFitOptions {
  int epochs = 4;
  double learning_rate = 0.1;  // AdaGrad
  double l2 = 1e-6;
  size_t keep = 20000;  // strongest weights kept
  uint32_t seed = 7;
};

// Logistic regression by AdaGrad over the rows' keys; `labels` 0/1, `weights` per row (may be
// empty: all 1). Deterministic for the same rows, options and seed.
LexicalHead FitLexicalHead(const std::vector<std::vector<std::string>>& keys,
                           const std::vector<int>& labels, const std::vector<float>& weights,
                           const LexicalFitOptions& options);

struct LexicalModel {
  LexicalHead supported;  // supported vs not
  LexicalHead refuted;    // refuted vs not_enough_info

  // The keys of a claim against one sentence; `coverage` is Aligner::Cover of the claim over it,
  // `sentence_terms` the sentence's terms in order (TermForToken, empty ones dropped).
  static std::vector<std::string> Keys(const PreparedClaim& claim, const Coverage& coverage,
                                       const std::vector<std::string>& sentence_terms,
                                       bool claim_negated, bool sentence_negated);
  // The same, from the sentence's text.
  static std::vector<std::string> Keys(const PreparedClaim& claim, const Coverage& coverage,
                                       std::string_view sentence, bool claim_negated,
                                       bool sentence_negated);
  // LexicalKeyHash of each of Keys(...), without building the strings.
  static std::vector<uint64_t> KeyHashes(const PreparedClaim& claim, const Coverage& coverage,
                                         const std::vector<std::string>& sentence_terms,
                                         bool claim_negated, bool sentence_negated);
};

}  // namespace fg
