// Verifier: judges one claim against the evidence sentences aligned with it.
//
// The pipeline retrieves passages for a claim, splits them into sentences and ranks those by how
// well they align with the claim (verifiers/evidence.h). The router (verifiers/router.h) then asks
// only the verifiers whose AppliesTo() accepts the claim, in a fixed order, and aggregates their
// judgements; the report names the verifier that decided.
//
// Contract: implementations are immutable after construction, thread-safe, and never throw.
// Judge returns std::nullopt to abstain (nothing to say about this claim with this evidence).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

// One sentence of a retrieved passage, aligned with a claim.
struct EvidenceSentence {
  const Passage* passage = nullptr;  // owned by the caller; outlives the Judge call
  Span span;                         // the sentence, as byte offsets within passage->text
  double alignment = 0;  // [0, 1]: IDF-weighted share of the claim's content terms it covers
  // [0, 1]: the same over the claim's terms other than numbers — what the sentence shares with the
  // claim around its quantities and years, which numeric and temporal checks compare (a refuting
  // sentence states another number, so its full alignment is low by design).
  double context_alignment = 0;
  // True for a sentence found by a follow-up query (Verifier::FollowUpQueries), not by the claim's
  // own retrieval: such sentences come after all others, and only the verifiers that asked for
  // follow-ups see them (see OwnEvidence below).
  bool follow_up = false;
  std::string_view text() const {
    return std::string_view(passage->text).substr(span.begin, span.size());
  }
};

struct Judgement {
  Verdict verdict = Verdict::kNotEnoughInfo;
  double confidence = 0;  // [0, 1], the verifier's own estimate that `verdict` is right
  // Indexes into the evidence list that justify the verdict, best first (may be empty, e.g. for a
  // claim decided by arithmetic alone).
  std::vector<size_t> evidence;
  // For a refuted claim: the claim text with the evidence's value substituted.
  std::optional<std::string> correction;
  // Which verifier decided; a composite (the router) fills it in with the deciding member's name.
  std::string verifier;
  // Set by the trained verdict model (verifiers/model_judge.h): all three verdicts' probabilities.
  std::optional<VerdictProbabilities> probabilities;
};

class Verifier {
 public:
  virtual ~Verifier() = default;
  // Stable name shown in reports: "entailment", "numeric", "temporal", "comparison".
  virtual std::string_view name() const = 0;
  // True when this verifier can say something about claims like this one (kind, content).
  virtual bool AppliesTo(const Claim& claim) const = 0;
  // `evidence` is sorted by alignment, best first, and may be empty.
  virtual std::optional<Judgement> Judge(const Claim& claim,
                                         std::span<const EvidenceSentence> evidence) const = 0;
  // What Judge(claim, {}) says when that is supported or refuted (a claim decidable by arithmetic
  // alone), else nullopt or not_enough_info: the pipeline asks before retrieving, and only such a
  // verdict saves it the retrieval. A verifier may answer this cheaper than Judge.
  virtual std::optional<Judgement> JudgeWithoutEvidence(const Claim& claim) const {
    return Judge(claim, {});
  }
  // Texts the pipeline should search for besides the claim, because what settles the claim may
  // not share its words: the work's title for "Charles Dickens wrote Moby Dick" (the entry that
  // names its author is Melville's), the ranking without its subject for "Mars is the largest
  // planet" (Jupiter's entry). Their best sentences are appended to the claim's evidence, marked
  // `follow_up`. A verifier that asks for none is given none: composites (ModelJudge, Router)
  // return their members' queries and hand each member only the evidence it may see
  // (EvidenceFor). Default: none.
  virtual std::vector<std::string> FollowUpQueries(const Claim&) const { return {}; }
};

// The claim's own evidence: `evidence` less the follow-up sentences at its end.
inline std::span<const EvidenceSentence> OwnEvidence(std::span<const EvidenceSentence> evidence) {
  size_t own = 0;
  while (own < evidence.size() && !evidence[own].follow_up) ++own;
  return evidence.first(own);
}

// What `member` of a composite verifier may see of `evidence`: all of it when it asked for
// follow-ups for this claim, else the claim's own evidence. Indexes into either are indexes into
// `evidence`.
inline std::span<const EvidenceSentence> EvidenceFor(const Verifier& member, const Claim& claim,
                                                     std::span<const EvidenceSentence> evidence) {
  std::span<const EvidenceSentence> own = OwnEvidence(evidence);
  if (own.size() == evidence.size() || member.FollowUpQueries(claim).empty()) return own;
  return evidence;
}

}  // namespace fg
