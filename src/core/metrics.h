// Evaluation metrics for `factgate eval`: accuracy, macro-F1, balanced accuracy, per-label scores,
// confusion matrix, expected calibration error, evidence recall and citation precision, in the
// metrics object shape fixed by shared/DESIGN.md ("Evaluation format").
//
// Gold labels are "SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO", or the binary "SUPPORTED" /
// "NOT_SUPPORTED". Predictions are verdicts; on a binary set refuted and not_enough_info count as
// NOT_SUPPORTED. Macro-F1 and balanced accuracy average over the gold labels present.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/core/types.h"

namespace fg {

// The label a verdict counts as: binary sets fold refuted and not_enough_info together.
std::string PredictedLabel(Verdict verdict, bool binary);

// Which labels a dataset's gold rows use: SUPPORTED / NOT_SUPPORTED (binary), only SUPPORTED and
// REFUTED (a two-way task such as check-covid's), or all three verdicts.
enum class LabelSpace { kBinary, kSupportRefute, kThreeWay };
LabelSpace LabelSpaceOf(const std::vector<std::string>& gold_labels);

struct LabelPrediction {
  std::string label;
  double confidence = 0;
};
// The prediction on a dataset with this label space. With the verdict model's probabilities the
// decision is made within the task's labels: binary, SUPPORTED when P(supported) >= 0.5 with
// confidence max(P, 1 - P); two-way, the likelier of supported and refuted, with
// P(supported) + P(not enough info) / 2 as the probability of supported (the undecided mass
// counts half for each label). Without probabilities (rules, arithmetic) the verdict counts as
// PredictedLabel says, with its own confidence.
LabelPrediction PredictIn(LabelSpace space, const ClaimResult& result);

struct EvalItem {
  std::string gold;       // gold label
  std::string predicted;  // PredictedLabel(...)
  double confidence = 0;  // of the predicted label
  // Claims mode with gold evidence: did the top 5 documents contain one? Empty otherwise.
  std::optional<bool> evidence_hit_at_5;
  // Citations that named a gold document / all citations given (claims mode with gold evidence).
  int citations_correct = 0;
  int citations_total = 0;
};

struct LabelScores {
  double precision = 0, recall = 0, f1 = 0;
  size_t support = 0;
};

struct EvalMetrics {
  size_t n = 0;
  double accuracy = 0, macro_f1 = 0, balanced_accuracy = 0, ece = 0;
  std::map<std::string, LabelScores> labels;
  std::map<std::string, std::map<std::string, size_t>> confusion;  // gold -> predicted -> count
  std::optional<double> evidence_recall_at_5;
  std::optional<double> citation_precision;
  double claims_per_second = 0;
};

// `seconds` is the wall time the predictions took (for claims_per_second).
EvalMetrics ComputeMetrics(const std::vector<EvalItem>& items, double seconds);
std::string MetricsToJson(const EvalMetrics& metrics);

}  // namespace fg
