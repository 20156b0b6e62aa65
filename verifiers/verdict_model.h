// Verdict model: the trained scorer that turns a claim's features (verifiers/claim_features.h)
// into calibrated probabilities of supported, refuted and not_enough_info.
//
// Two gradient-boosted tree ensembles, trained by `factgate train` (xgboost, binary logistic):
// the "supported" head gives P(supported); the "refuted" head gives P(refuted | not supported).
// Each head's raw probability is calibrated by isotonic regression fitted on held-out data, and
// P(refuted) = (1 - P(supported)) x P(refuted | not supported). Trees are evaluated here, without
// xgboost: a node sends a feature value below its threshold left, a missing value (NaN) its
// default way, and a leaf adds its value to the head's margin.
//
// The file also carries the lexical model (verifiers/lexical_model.h) whose margins are features.
// The model file (JSON, config/models/) records the feature names it was trained on; loading
// fails with a clear Status when they differ from the featurizer's, so a model never reads the
// wrong columns. Immutable once loaded; Predict is thread-safe and allocation-free.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/rank_features.h"
#include "src/core/status.h"
#include "src/core/types.h"
#include "verifiers/calibration.h"
#include "verifiers/lexical_model.h"

namespace fg {

// The split rule of every tree: a value below the threshold goes left, a missing one (NaN) its
// node's default way.
inline bool GoesLeft(float value, float threshold, bool default_left) {
  return std::isnan(value) ? default_left : value < threshold;
}

// One regression tree in flat arrays; node 0 is the root, left[i] < 0 marks a leaf.
struct RegressionTree {
  std::vector<int32_t> feature, left, right;
  std::vector<float> threshold;  // split value, or the leaf's value at a leaf
  std::vector<uint8_t> default_left;
  double Eval(std::span<const float> x) const;
};

// The trees of a head with all their nodes in one array of 12-byte nodes, each node's two
// children side by side, for speed: Sum walks four trees at a time, so that their memory reads
// overlap, and adds the leaves in tree order, as the trees one by one do (the same sum, bit for
// bit). Trees reading a feature past 65535 are not packed (tree_count() is then 0).
class PackedTrees {
 public:
  PackedTrees() = default;
  explicit PackedTrees(const std::vector<RegressionTree>& trees);
  size_t tree_count() const { return roots_.size(); }
  double Sum(double start, std::span<const float> x) const;  // start + every tree's leaf

 private:
  struct Node {
    float value;   // split value, or the leaf's value at a leaf
    int32_t left;  // index into nodes_ of the left child, the right one next to it; < 0: leaf
    uint16_t feature;
    uint8_t default_left;
  };
  // The child of inner node `n` that `x` goes to.
  const Node* Child(const Node* n, std::span<const float> x) const {
    const bool go_left = GoesLeft(x[n->feature], n->value, n->default_left != 0);
    return &nodes_[static_cast<size_t>(n->left) + (go_left ? 0 : 1)];
  }
  std::vector<Node> nodes_;
  std::vector<uint32_t> roots_;
};

struct BinaryHead {
  double base_margin = 0;
  std::vector<RegressionTree> trees;
  IsotonicCalibration calibration;
  // Packs `trees` for Margin (VerdictModel packs its heads); the same margins either way. A head
  // whose trees changed after packing must be packed again.
  void Pack() { packed = PackedTrees(trees); }
  PackedTrees packed;
  double Margin(std::span<const float> x) const;          // base margin plus every tree's leaf
  double RawProbability(std::span<const float> x) const;  // sigmoid of the margin
  double Probability(std::span<const float> x) const;     // calibrated
};

// It may also carry a relevance head: trees over a retrieved passage's features
// (src/core/rank_features.h) trained on which passages annotators marked as evidence; as a
// RelevanceScorer it orders the pipeline's retrieved pool. Its feature names are checked at load
// like the verdict features'. A model without one leaves the pipeline's fixed formula in place.
class VerdictModel : public RelevanceScorer {
 public:
  VerdictModel(std::string version, std::vector<std::string> feature_names, BinaryHead supported,
               BinaryHead refuted, LexicalModel lexical, std::string training_json = "{}",
               std::optional<BinaryHead> relevance = std::nullopt);

  // Reads a model file; `expected_features` are the featurizer's names.
  static Result<std::shared_ptr<const VerdictModel>> Load(
      const std::string& path, const std::vector<std::string>& expected_features);
  static Result<std::shared_ptr<const VerdictModel>> FromJson(
      std::string_view json, const std::vector<std::string>& expected_features);
  // The model file's text: deterministic (fixed key order and number formatting).
  std::string ToJson() const;

  VerdictProbabilities Predict(std::span<const float> features) const;
  // The relevance head's margin for a row of RankFeatureNames() values (0 without the head).
  double Relevance(std::span<const float> features) const override;
  bool has_relevance() const { return relevance_.has_value(); }

  const std::string& version() const { return version_; }
  const std::vector<std::string>& feature_names() const { return feature_names_; }
  const BinaryHead& supported_head() const { return supported_; }
  const BinaryHead& refuted_head() const { return refuted_; }
  // The learned word associations whose margins are two of the features.
  const LexicalModel& lexical() const { return lexical_; }

 private:
  std::string version_;
  std::vector<std::string> feature_names_;
  BinaryHead supported_, refuted_;
  LexicalModel lexical_;
  std::string training_json_;
  std::optional<BinaryHead> relevance_;  // what it was trained on and its metrics, kept verbatim
};

}  // namespace fg
