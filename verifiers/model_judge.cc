#include "verifiers/model_judge.h"

#include <algorithm>

namespace fg {
namespace {

// Experts whose verdict stands on its own, whatever the model makes of the evidence: arithmetic,
// a named entity with a word the knowledge base has never seen (the existence expert's surest
// finding; its weaker "the words are never together" only informs the model), and a year the
// evidence contradicts beyond doubt.
bool Decisive(const Judgement& j, const ModelJudgeOptions& options) {
  if (j.verifier == "comparison") return j.verdict != Verdict::kNotEnoughInfo;
  if (j.verifier == "existence") {
    return j.verdict == Verdict::kNotEnoughInfo && j.confidence >= options.existence_veto;
  }
  if (j.verifier == "temporal") {
    return j.verdict == Verdict::kRefuted && j.confidence >= options.temporal_veto;
  }
  if (j.verifier == "place") {
    return j.verdict != Verdict::kNotEnoughInfo && j.confidence >= options.place_veto;
  }
  if (j.verifier == "superlative") {
    return j.verdict != Verdict::kNotEnoughInfo && j.confidence >= options.superlative_veto;
  }
  if (j.verifier == "taxonomy") {
    return j.verdict != Verdict::kNotEnoughInfo && j.confidence >= options.taxonomy_veto;
  }
  if (j.verifier == "authorship") {
    return j.verdict != Verdict::kNotEnoughInfo && j.confidence >= options.authorship_veto;
  }
  return false;
}

// The authorship expert's word that the claim's person has an entry here and nothing names the
// claim's work (ModelJudgeOptions::unseen_name_veto).
bool UnnamedWork(const Judgement& j, const ModelJudgeOptions& options) {
  return j.verifier == "authorship" && j.verdict == Verdict::kNotEnoughInfo &&
         j.confidence >= options.unseen_name_veto;
}

// The existence expert's surest word on a named work that the evidence never holds together, or
// the authorship expert's on a work nothing names: no "supported" of the model's may stand
// against it (ModelJudgeOptions::missing_work_veto, unseen_name_veto).
bool VetoesSupport(const Judgement& j, const ModelJudgeOptions& options) {
  return (j.verifier == "existence" && j.verdict == Verdict::kNotEnoughInfo &&
          j.confidence >= options.missing_work_veto) ||
         UnnamedWork(j, options);
}

// The existence expert's word on a named work or person whose words the KB knows but no evidence
// sentence holds together: no refutation of the model's own may stand against it
// (ModelJudgeOptions::unseen_name_veto).
bool VetoesRefutation(const Judgement& j, const ModelJudgeOptions& options) {
  return (j.verifier == "existence" && j.verdict == Verdict::kNotEnoughInfo &&
          j.confidence >= options.unseen_name_veto) ||
         UnnamedWork(j, options);
}

// The sentence a verdict of the model's own reading cites: the rule-based entailment expert's
// choice when it lies in the best-ranked passage, else that passage's best-aligned sentence
// (`evidence` is best-aligned first). The passage ranking weighs retrieval beside alignment, and
// a sentence that only aligns well in a lower-ranked passage is seldom the evidence a reader
// would be pointed to (docs/ACCURACY.md: citation precision).
size_t CitedSentence(std::span<const EvidenceSentence> evidence, size_t rule_choice) {
  int top = evidence[0].passage->rank;
  for (const EvidenceSentence& ev : evidence) top = std::min(top, ev.passage->rank);
  if (rule_choice < evidence.size() && evidence[rule_choice].passage->rank == top) {
    return rule_choice;
  }
  for (size_t i = 0; i < evidence.size(); ++i) {
    if (evidence[i].passage->rank == top) return i;
  }
  return 0;
}

}  // namespace

ModelJudge::ModelJudge(std::vector<std::unique_ptr<Verifier>> experts,
                       const ClaimFeaturizer* featurizer, const VerdictModel* model,
                       ModelJudgeOptions options)
    : experts_(std::move(experts)), featurizer_(featurizer), model_(model), options_(options) {}

std::vector<std::string_view> ModelJudge::Route(const Claim& claim) const {
  std::vector<std::string_view> names;
  for (const auto& e : experts_) {
    if (e->AppliesTo(claim)) names.push_back(e->name());
  }
  return names;
}

std::vector<std::string> ModelJudge::FollowUpQueries(const Claim& claim) const {
  std::vector<std::string> queries;
  for (const auto& e : experts_) {
    if (!e->AppliesTo(claim)) continue;
    for (std::string& q : e->FollowUpQueries(claim)) queries.push_back(std::move(q));
  }
  return queries;
}

std::vector<ModelJudge::Asked> ModelJudge::Ask(const Claim& claim,
                                               std::span<const EvidenceSentence> evidence) const {
  std::vector<Asked> asked;
  for (const auto& e : experts_) {
    if (!e->AppliesTo(claim)) continue;
    std::optional<Judgement> j = e->Judge(claim, EvidenceFor(*e, claim, evidence));
    if (!j) continue;
    j->verifier = std::string(e->name());
    asked.push_back({e.get(), std::move(*j)});
  }
  return asked;
}

std::vector<float> ModelJudge::FeaturesFrom(const Claim& claim,
                                            std::span<const EvidenceSentence> evidence,
                                            const std::vector<Asked>& asked,
                                            std::vector<std::string>* lexical_keys) const {
  std::vector<ExpertOpinion> opinions;
  for (const Asked& a : asked) {
    opinions.push_back({a.expert->name(), a.judgement.verdict, a.judgement.confidence});
  }
  return featurizer_->Compute(claim, evidence, opinions, lexical_keys);
}

std::vector<float> ModelJudge::Features(const Claim& claim,
                                        std::span<const EvidenceSentence> evidence,
                                        std::vector<std::string>* lexical_keys) const {
  return FeaturesFrom(claim, OwnEvidence(evidence), Ask(claim, evidence), lexical_keys);
}

std::optional<Judgement> ModelJudge::JudgeWithoutEvidence(const Claim& claim) const {
  if (model_ == nullptr) return Judge(claim, {});
  for (Asked& a : Ask(claim, {})) {
    if (Decisive(a.judgement, options_)) return std::move(a.judgement);
  }
  return std::nullopt;
}

std::optional<Judgement> ModelJudge::Judge(const Claim& claim,
                                           std::span<const EvidenceSentence> evidence) const {
  std::vector<Asked> asked = Ask(claim, evidence);
  // A support that cites nothing (the place expert's reading of WordNet's map, which no sentence
  // states) decides only against a model that does not support: where the model supports too,
  // its reading of the evidence gives the citation.
  // A refutation that cites nothing (the map: "Paris is the capital of Italy" names a city that
  // lies elsewhere) yields to another specific expert's refutation that cites a sentence: the
  // same verdict, with a reason the reader can check ("Paris: the capital of France").
  const Judgement* uncited_support = nullptr;
  for (const Asked& a : asked) {
    if (!Decisive(a.judgement, options_)) continue;
    if (model_ != nullptr && a.judgement.verdict == Verdict::kSupported &&
        a.judgement.evidence.empty()) {
      if (uncited_support == nullptr) uncited_support = &a.judgement;
      continue;
    }
    if (a.judgement.verdict == Verdict::kRefuted && a.judgement.evidence.empty()) {
      for (const Asked& other : asked) {
        if (other.judgement.verdict == Verdict::kRefuted && !other.judgement.evidence.empty() &&
            other.judgement.verifier != "entailment") {
          return other.judgement;
        }
      }
    }
    return a.judgement;
  }
  if (model_ == nullptr) {
    // Without a model: the first expert that reaches a verdict decides, as the router does.
    for (const Asked& a : asked) {
      if (a.judgement.verdict != Verdict::kNotEnoughInfo) return a.judgement;
    }
    Judgement none;
    none.confidence = 0.5;
    none.verifier = asked.empty() ? "none" : asked.back().judgement.verifier;
    return none;
  }
  Judgement out;
  out.verifier = "entailment";
  // The model reads the claim's own evidence only: follow-up sentences are for the experts that
  // asked for them, and the model was trained without them.
  VerdictProbabilities p = model_->Predict(FeaturesFrom(claim, OwnEvidence(evidence), asked));
  out.probabilities = p;
  if (OwnEvidence(evidence).empty()) {
    // Before retrieval (or when nothing was found) only the decisive experts could say more.
    if (uncited_support != nullptr) return *uncited_support;
    out.verdict = Verdict::kNotEnoughInfo;
    out.confidence = p.not_enough_info;
    return out;
  }
  if (p.supported >= p.refuted && p.supported >= p.not_enough_info) {
    for (const Asked& a : asked) {
      if (VetoesSupport(a.judgement, options_)) return a.judgement;
    }
    out.verdict = Verdict::kSupported;
    out.confidence = p.supported;
  } else if (uncited_support != nullptr) {
    return *uncited_support;
  } else if (p.refuted >= p.not_enough_info) {
    // Evidence that never names a work or person of the claim cannot refute what the claim says
    // of it by the model's reading alone; a specific expert's refutation stands.
    const Judgement* unseen = nullptr;
    bool expert_refutes = false;
    for (const Asked& a : asked) {
      if (VetoesRefutation(a.judgement, options_)) unseen = &a.judgement;
      if (a.judgement.verifier != "entailment" && a.judgement.verdict == Verdict::kRefuted) {
        expert_refutes = true;
      }
    }
    if (unseen != nullptr && !expert_refutes) return *unseen;
    out.verdict = Verdict::kRefuted;
    out.confidence = p.refuted;
  } else {
    out.verdict = Verdict::kNotEnoughInfo;
    out.confidence = p.not_enough_info;
  }
  // The most specific expert that reached the same verdict explains it; the rule-based
  // entailment expert's sentences stand in when it names none.
  const Judgement* rule = nullptr;
  for (const Asked& a : asked) {
    if (a.expert->name() == "entailment") rule = &a.judgement;
  }
  if (out.verdict != Verdict::kNotEnoughInfo) {
    for (const Asked& a : asked) {
      if (a.judgement.verdict != out.verdict) continue;
      out.verifier = a.judgement.verifier;
      out.evidence = a.judgement.evidence;
      if (out.verdict == Verdict::kRefuted) out.correction = a.judgement.correction;
      break;
    }
    if (out.evidence.empty() || out.verifier == "entailment") {
      size_t rule_choice = rule != nullptr && !rule->evidence.empty() ? rule->evidence[0] : 0;
      out.evidence = {CitedSentence(OwnEvidence(evidence), rule_choice)};
    }
  }
  return out;
}

}  // namespace fg
