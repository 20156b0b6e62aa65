// ModelJudge: the verdict for a claim from the expert verifiers and the trained verdict model.
//
// Like a sparse mixture of experts, each claim goes only to the experts whose AppliesTo() accepts
// it (comparison, existence, temporal, numeric, place, relation, and the rule-based entailment
// verifier for every claim). Two experts decide alone, because what they know is not a matter of
// degree: arithmetic (comparison) and a named work or person the knowledge base has no trace of
// (existence: not_enough_info, never supported — a word of its name occurs nowhere in the KB).
// A third decides alone when it is all but certain: the temporal expert refuting a year at
// confidence 0.85 or above (ModelJudgeOptions::temporal_veto), such as a death year against the
// life dates of the claim's subject, which the model, having learned temporal refutations mostly
// from VitaminC's "as of" dates, left at not_enough_info by a hair (a cost of 0.003 balanced
// accuracy on vitaminc dev, none elsewhere; docs/ACCURACY.md). And a named work whose words the
// KB knows but no evidence sentence holds together turns a "supported" into not_enough_info
// (ModelJudgeOptions::missing_work_veto): that evidence cannot support the claim; nor can it
// refute it, unless a specific expert does (ModelJudgeOptions::unseen_name_veto, for people too).
// The place expert decides alone at confidence 0.9 (ModelJudgeOptions::place_veto): a refutation
// (WordNet's map puts the place the evidence names in another country than the claim's) and a
// support of a claim that says no more than where a place is ("Melbourne is a city in Australia",
// which the model had refuted at 0.74) are not a matter of degree; nor is the superlative expert's
// verdict at 0.9 (ModelJudgeOptions::superlative_veto: an entry gives the claim's first rank to
// another thing, or another rank to the subject, or the subject's own entry gives it that rank),
// nor the authorship expert's support or
// refutation at 0.9 (a sentence links the work to the claim's person, or to another: "Robinson
// Crusoe: the hero of Daniel Defoe's novel"), nor the taxonomy expert's verdict at 0.9 (WordNet
// files a whale under mammals, not fishes). A decisive support that cites no sentence (the
// place expert reading WordNet's map: "Lake Baikal is in Russia") decides only against a model that
// does not support; where the model supports too, the model's probability and citation stand and
// the expert is named. A decisive refutation that cites no sentence (the map: a city that lies
// elsewhere is no capital of Italy) yields to another specific expert's cited refutation ("Paris:
// the capital of France"). Experts may ask for follow-up queries (Verifier::FollowUpQueries: a
// work's title, a ranking without its subject); what those find goes only to them, and the
// model reads the claim's own evidence only, as in training. Otherwise every expert's verdict and
// confidence become features beside the claim × evidence features (verifiers/claim_features.h), the
// verdict model gives the three verdicts' calibrated probabilities, and the most probable verdict
// wins with its probability as the confidence. (Measured and rejected, docs/ACCURACY.md: letting
// the numeric or relation expert decide alone above a confidence, and requiring P >= 0.5 for
// "supported"; both lowered macro-F1 on most dev sets.) The report names the most specific expert
// that reached the same verdict (its evidence and correction are used), or "entailment" when only
// the model's reading of the evidence did; such a verdict cites the rule-based entailment expert's
// sentence when it lies in the best-ranked passage, else that passage's best-aligned sentence (the
// ranking weighs retrieval beside alignment; citing the best-ranked passage raised citation
// precision on covidfact and check-covid dev by 10 and 6 points).
//
// Immutable after construction, thread-safe, never throws. The featurizer and model must outlive
// the judge.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "src/core/verifier.h"
#include "verifiers/claim_features.h"
#include "verifiers/verdict_model.h"

namespace fg {

struct ModelJudgeOptions {
  // The existence expert's not_enough_info decides alone at this confidence or above (its
  // "a word the KB has never seen" finding, verifiers/existence_verifier.h). Infinity: never (the
  // engine's choice when the caller gives the evidence and there is no KB).
  double existence_veto = 0.9;
  // The temporal expert's refutation decides alone at this confidence or above: a year that
  // well-aligned sentences contradict and none confirms ("Charles Darwin died in 1900" against his
  // entry's "(1809-1882)": 0.86). Below it the refutation only informs the model.
  double temporal_veto = 0.85;
  // The existence expert's not_enough_info at this confidence or above turns a "supported" of the
  // model's into not_enough_info: a named work whose words the KB knows, but no evidence sentence
  // holds together ("Jane Austen wrote the novel \"The Silent Harbor of Dreams\""), cannot be
  // supported by that evidence. Refutations stand. Infinity: never.
  double missing_work_veto = 0.87;
  // The existence expert's not_enough_info at this confidence or above (a named work or person
  // whose words the KB knows but no evidence sentence holds together) turns a refutation the
  // model reached on its own (no expert but the rule-based entailment reader refutes) into
  // not_enough_info: evidence that never names the thing cannot refute what the claim says of it
  // ("Charles Dickens wrote Oliver Twist" was refuted at 0.44 against an entry naming no novel).
  // A specific expert's refutation stands. The authorship expert's not_enough_info at this
  // confidence (the person's entry is there, nothing names the work) turns the model's support
  // into not_enough_info too ("Picasso painted Guernica" had been supported at 0.56 against
  // "Spanish painter"). Infinity: never.
  double unseen_name_veto = 0.85;
  // The place expert's verdict decides alone at this confidence or above: a refutation (the
  // claim puts a place in one city, state, country or continent, and WordNet puts the place the
  // evidence names for it in another: "The Eiffel Tower is located in Berlin" against
  // "constructed in Paris"), or a support of a claim that says no more than where the place is
  // (PlaceVerifierOptions::settled_support_confidence). Infinity: never.
  double place_veto = 0.9;
  // The superlative expert's verdict decides alone at this confidence or above: an entry gives
  // the claim's first rank to another ("Jupiter: the largest planet" against "Mars is the largest
  // planet", which the model had supported at 0.66) or the subject another rank ("the 2nd largest
  // ocean"); or the subject's own entry gives it the claim's rank ("Pacific: the largest ocean in
  // the world" for "The Pacific Ocean is the biggest ocean", which the model had refuted at
  // 0.60). Infinity: never.
  double superlative_veto = 0.9;
  // The authorship expert's support or refutation decides alone at this confidence or above: a
  // sentence links the claim's work to the claim's person in other words ("author of Moby Dick",
  // "novels by J.K. Rowling"), which the model, having learned "wrote" from FEVER's wordings,
  // misread; or to another person ("Robinson Crusoe: the hero of Daniel Defoe's novel" against
  // "Charles Dickens wrote Robinson Crusoe", which the model had supported at 0.53). Its
  // not_enough_info (the person's entry is there, nothing names the work) is weighed at
  // unseen_name_veto. Infinity: never.
  double authorship_veto = 0.9;
  // The taxonomy expert's verdict decides alone at this confidence or above: WordNet puts the
  // claim's subject under the kind ("Gold is a chemical element", which the model had refuted),
  // or under a branch beside it ("The whale is a fish": a mammal; supported at 0.91). Its support
  // cites nothing, so it decides only against a model that does not support. Infinity: never.
  double taxonomy_veto = 0.9;
};

class ModelJudge : public Verifier {
 public:
  // `experts` in priority order, most specific first. `model` may be null: then the first expert
  // that reaches a verdict decides, as the rule-based router does.
  ModelJudge(std::vector<std::unique_ptr<Verifier>> experts, const ClaimFeaturizer* featurizer,
             const VerdictModel* model, ModelJudgeOptions options = {});

  std::string_view name() const override { return "model"; }
  bool AppliesTo(const Claim&) const override { return true; }
  // Never abstains.
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;
  // Without evidence the model only ever says not_enough_info, so it is not asked: the decisive
  // experts' verdict (or, with no model, the first expert's), else nullopt.
  std::optional<Judgement> JudgeWithoutEvidence(const Claim& claim) const override;
  // The follow-up queries of the experts that apply to this claim. Their evidence goes only to
  // the experts that asked for it; the model's features and the citation of its own reading come
  // from the claim's own evidence alone.
  std::vector<std::string> FollowUpQueries(const Claim& claim) const override;

  // The model's input for this claim and evidence (what training sees), and optionally the lexical
  // model's keys.
  std::vector<float> Features(const Claim& claim, std::span<const EvidenceSentence> evidence,
                              std::vector<std::string>* lexical_keys = nullptr) const;
  // The experts that apply to this claim, in the order they are asked.
  std::vector<std::string_view> Route(const Claim& claim) const;

 private:
  struct Asked {
    const Verifier* expert;
    Judgement judgement;
  };
  std::vector<Asked> Ask(const Claim& claim, std::span<const EvidenceSentence> evidence) const;
  std::vector<float> FeaturesFrom(const Claim& claim, std::span<const EvidenceSentence> evidence,
                                  const std::vector<Asked>& asked,
                                  std::vector<std::string>* lexical_keys = nullptr) const;

  std::vector<std::unique_ptr<Verifier>> experts_;
  const ClaimFeaturizer* featurizer_;
  const VerdictModel* model_;
  ModelJudgeOptions options_;
};

}  // namespace fg
