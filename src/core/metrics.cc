#include "src/core/metrics.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace fg {
namespace {

double Ratio(double num, double den) { return den > 0 ? num / den : 0.0; }
double Round4(double v) { return std::round(v * 10000) / 10000; }

}  // namespace

std::string PredictedLabel(Verdict verdict, bool binary) {
  switch (verdict) {
    case Verdict::kSupported:
      return "SUPPORTED";
    case Verdict::kRefuted:
      return binary ? "NOT_SUPPORTED" : "REFUTED";
    case Verdict::kNotEnoughInfo:
      return binary ? "NOT_SUPPORTED" : "NOT_ENOUGH_INFO";
  }
  return "NOT_ENOUGH_INFO";
}

LabelSpace LabelSpaceOf(const std::vector<std::string>& gold_labels) {
  bool not_supported = false, nei = false;
  for (const std::string& l : gold_labels) {
    not_supported = not_supported || l == "NOT_SUPPORTED";
    nei = nei || l == "NOT_ENOUGH_INFO";
  }
  if (not_supported) return LabelSpace::kBinary;
  return nei ? LabelSpace::kThreeWay : LabelSpace::kSupportRefute;
}

LabelPrediction PredictIn(LabelSpace space, const ClaimResult& result) {
  LabelPrediction out;
  bool binary = space == LabelSpace::kBinary;
  out.label = PredictedLabel(result.verdict, binary);
  out.confidence = result.confidence;
  if (!result.probabilities || space == LabelSpace::kThreeWay) return out;
  const VerdictProbabilities& p = *result.probabilities;
  if (binary) {
    bool supported = p.supported >= 0.5;
    out.label = supported ? "SUPPORTED" : "NOT_SUPPORTED";
    out.confidence = supported ? p.supported : 1 - p.supported;
    return out;
  }
  // Where the labels are only supported and refuted, the not-enough-info mass is the part the
  // evidence left undecided: it counts half for each label. Spreading it in proportion to
  // P(supported) : P(refuted) instead would claim a certainty the model did not have
  // (docs/ACCURACY.md, "Two labels"). The decision is the same either way.
  double s = std::clamp(p.supported + 0.5 * p.not_enough_info, 0.0, 1.0);
  out.label = s >= 0.5 ? "SUPPORTED" : "REFUTED";
  out.confidence = s >= 0.5 ? s : 1 - s;
  return out;
}

EvalMetrics ComputeMetrics(const std::vector<EvalItem>& items, double seconds) {
  EvalMetrics m;
  m.n = items.size();
  std::set<std::string> gold_labels;
  size_t correct = 0;
  for (const EvalItem& it : items) {
    gold_labels.insert(it.gold);
    ++m.confusion[it.gold][it.predicted];
    if (it.gold == it.predicted) ++correct;
  }
  m.accuracy = Ratio(correct, m.n);
  double f1_sum = 0, recall_sum = 0;
  for (const std::string& label : gold_labels) {
    size_t tp = 0, predicted = 0, support = 0;
    for (const EvalItem& it : items) {
      if (it.predicted == label) ++predicted;
      if (it.gold == label) ++support;
      if (it.gold == label && it.predicted == label) ++tp;
    }
    LabelScores s;
    s.support = support;
    s.precision = Ratio(tp, predicted);
    s.recall = Ratio(tp, support);
    s.f1 = Ratio(2 * s.precision * s.recall, s.precision + s.recall);
    m.labels[label] = s;
    f1_sum += s.f1;
    recall_sum += s.recall;
  }
  if (!gold_labels.empty()) {
    m.macro_f1 = f1_sum / gold_labels.size();
    m.balanced_accuracy = recall_sum / gold_labels.size();
  }
  // ECE over 10 equal-width confidence bins.
  double bin_conf[10] = {}, bin_correct[10] = {};
  size_t bin_n[10] = {};
  for (const EvalItem& it : items) {
    double c = std::clamp(it.confidence, 0.0, 1.0);
    int b = std::min(9, static_cast<int>(c * 10));
    bin_conf[b] += c;
    bin_correct[b] += it.gold == it.predicted ? 1 : 0;
    ++bin_n[b];
  }
  for (int b = 0; b < 10; ++b) {
    if (bin_n[b] == 0) continue;
    m.ece += (static_cast<double>(bin_n[b]) / m.n) *
             std::abs(bin_correct[b] / bin_n[b] - bin_conf[b] / bin_n[b]);
  }
  size_t with_evidence = 0, hits = 0;
  int cit_correct = 0, cit_total = 0;
  for (const EvalItem& it : items) {
    if (it.evidence_hit_at_5) {
      ++with_evidence;
      if (*it.evidence_hit_at_5) ++hits;
      cit_correct += it.citations_correct;
      cit_total += it.citations_total;
    }
  }
  if (with_evidence > 0) {
    m.evidence_recall_at_5 = Ratio(hits, with_evidence);
    m.citation_precision = Ratio(cit_correct, cit_total);
  }
  m.claims_per_second = seconds > 0 ? m.n / seconds : 0;
  return m;
}

std::string MetricsToJson(const EvalMetrics& m) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  w.Key("n");
  w.Uint64(m.n);
  w.Key("accuracy");
  w.Double(Round4(m.accuracy));
  w.Key("macro_f1");
  w.Double(Round4(m.macro_f1));
  w.Key("balanced_accuracy");
  w.Double(Round4(m.balanced_accuracy));
  w.Key("labels");
  w.StartObject();
  for (const auto& [label, s] : m.labels) {
    w.Key(label);
    w.StartObject();
    w.Key("precision");
    w.Double(Round4(s.precision));
    w.Key("recall");
    w.Double(Round4(s.recall));
    w.Key("f1");
    w.Double(Round4(s.f1));
    w.Key("support");
    w.Uint64(s.support);
    w.EndObject();
  }
  w.EndObject();
  w.Key("confusion");
  w.StartObject();
  for (const auto& [gold, row] : m.confusion) {
    w.Key(gold);
    w.StartObject();
    for (const auto& [pred, count] : row) {
      w.Key(pred);
      w.Uint64(count);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("ece");
  w.Double(Round4(m.ece));
  w.Key("evidence_recall_at_5");
  if (m.evidence_recall_at_5) {
    w.Double(Round4(*m.evidence_recall_at_5));
  } else {
    w.Null();
  }
  w.Key("citation_precision");
  if (m.citation_precision) {
    w.Double(Round4(*m.citation_precision));
  } else {
    w.Null();
  }
  w.Key("claims_per_second");
  w.Double(std::round(m.claims_per_second * 10) / 10);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fg
