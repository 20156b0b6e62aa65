// Pipeline: one answer text in, one verdict report out — extraction, retrieval, alignment,
// judgement and aggregation into claims with verdicts, confidences, citations and corrections.
//
// The pipeline knows sources and verifiers only through their interfaces (src/core/source.h,
// src/core/verifier.h); the CLI and the server assemble the concrete ones. A claim is first judged
// without evidence (arithmetic needs none); otherwise every source is asked for `retrieve_k`
// passages, which are re-ranked by how well their best sentence aligns with the claim plus their
// retrieval score relative to the source's best one, and the best sentences of the kept passages go
// to the judge. When the judge asks for follow-up queries (a work's title, a ranking without its
// subject: Verifier::FollowUpQueries), the main sources are asked for each too and the sentences
// that align best with it follow the claim's own. With a trained relevance scorer
// (PipelineOptions::relevance), the scorer orders the passages instead, from the features of
// src/core/rank_features.h. Supported and refuted claims cite the sentences the deciding verifier
// used (verifiers/model_judge.h: for the model's own reading, the best-ranked passage's);
// not_enough_info claims cite nothing. A failing source makes the report `checked: false` with the
// reason; it never fails the report.
//
// Thread-safe: Verify and CheckClaim may be called from many threads at once.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/alignment.h"
#include "src/core/rank_features.h"
#include "src/core/source.h"
#include "src/core/types.h"
#include "src/core/verifier.h"

namespace fg {

struct PipelineOptions {
  size_t retrieve_k = 20;         // passages asked of each source
  size_t passages_kept = 5;       // after re-ranking
  size_t evidence_sentences = 8;  // best-aligned sentences handed to the verifiers
  size_t max_citations = 2;
  // Re-ranking: coverage + rank_weight * retrieval score / the source's best score for the claim.
  double rank_weight = 2.0;
  // A trained relevance scorer (borrowed; src/core/rank_features.h): when set, it orders the
  // retrieved pool instead of the formula above.
  const RelevanceScorer* relevance = nullptr;
  size_t max_claims = 2000;  // per text; the rest are reported as not checked
  // Fallback sources (the web, when configured to be asked only then) are consulted for a claim
  // whose verdict from the main sources is not_enough_info or below this confidence.
  double fallback_confidence = 0.8;
  // Follow-up queries (Verifier::FollowUpQueries): passages asked of each main source per query,
  // and the best-aligned sentences (aligned with the query) kept per query.
  size_t follow_up_k = 20;
  size_t follow_up_sentences = 4;
};

// One claim checked, plus what retrieval found (for evaluation and debugging).
struct ClaimCheck {
  ClaimResult result;
  std::vector<std::string> ranked_doc_ids;  // distinct documents after re-ranking, best first
  std::vector<std::string> errors;          // sources that failed for this claim
};

// What retrieval and alignment found for one claim: the passages (owned) and their best-aligned
// sentences, which point into `passages`. Move-only, so the pointers stay valid.
struct GatheredEvidence {
  std::vector<Passage> passages;
  std::vector<EvidenceSentence> sentences;  // best first, at most evidence_sentences, then the
                                            // follow-up sentences (EvidenceSentence::follow_up)
  std::vector<Passage> follow_up_passages;  // what the follow-up sentences point into
  std::vector<std::string> ranked_doc_ids;  // distinct documents after re-ranking, best first
  std::vector<std::string> errors;          // sources that failed

  GatheredEvidence() = default;
  GatheredEvidence(GatheredEvidence&&) = default;
  GatheredEvidence& operator=(GatheredEvidence&&) = default;
  GatheredEvidence(const GatheredEvidence&) = delete;
  GatheredEvidence& operator=(const GatheredEvidence&) = delete;
};

// A claim's retrieved pool with every passage's relevance features (for training the scorer).
struct CandidatePool {
  std::vector<Passage> passages;
  std::vector<float> features;  // RankFeatureNames().size() values per passage, row-major
};

class Pipeline {
 public:
  // Pointers are borrowed and must outlive the pipeline. `sources` may be empty (then only
  // evidence-free verifiers can decide).
  // `fallback` sources are asked only when the main ones leave a claim undecided (see
  // PipelineOptions::fallback_confidence); then the evidence of all is ranked together.
  Pipeline(std::vector<const Source*> sources, const Aligner* aligner, const Verifier* judge,
           PipelineOptions options = {}, std::vector<const Source*> fallback = {});

  // Checks every claim of `text`. With a deadline, claims not yet started when it passes are
  // reported as not_enough_info with confidence 0 and the report becomes checked: false ("the
  // verification budget ran out after K of N claims"); a claim already started is finished.
  Report Verify(std::string_view text,
                std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt) const;
  // With a deadline, sources that wait on the network give up by then (see Source::SearchParts).
  ClaimCheck CheckClaim(const Claim& claim, Deadline deadline = std::nullopt) const;

  // Verify in three steps, for callers that check a text's claims in parallel (the server):
  // ExtractFor gives the claims to check (at most max_claims; beyond that `report` becomes
  // checked: false), each is checked with CheckClaim (any thread, any order), and Add puts the
  // checks into `report` in claim order: `checks[i]` for claims[i], or nullopt for a claim that was
  // never started because the budget ran out (reported as not_enough_info, confidence 0).
  // Verify(text, deadline) == this with the checks run one after another.
  std::vector<Claim> ExtractFor(std::string_view text, Report* report) const;
  static void Add(const std::vector<Claim>& claims, std::vector<std::optional<ClaimCheck>> checks,
                  Report* report);
  // Judges a claim against the given passages only (pairs-mode evaluation).
  ClaimResult JudgeAgainst(const Claim& claim, std::span<const Passage> passages) const;

  // The evidence the judge would see for `claim` (its text as given; no context is added):
  // retrieved from every source and re-ranked, or aligned within the given passages. For training
  // the verdict model on exactly what the judge sees.
  GatheredEvidence Gather(const Claim& claim) const;
  GatheredEvidence GatherFrom(const Claim& claim, std::vector<Passage> passages) const;
  // Everything retrieval found for `claim` (retrieve_k per source), before re-ranking, with the
  // features a relevance scorer reads.
  CandidatePool Pool(const Claim& claim) const;

 private:
  ClaimCheck CheckWithContext(const Claim& claim, Deadline deadline) const;
  ClaimResult Decide(const Claim& claim, std::span<const EvidenceSentence> evidence) const;

  // The passages of every source in `sources` for `query` (k per source), asked at once;
  // failures go to `errors`.
  std::vector<Passage> Retrieve(std::string_view query, size_t k,
                                const std::vector<const Source*>& sources, Deadline deadline,
                                std::vector<std::string>* errors) const;
  // One follow-up query's passages from the main sources.
  struct FollowUp {
    std::string query;
    std::vector<Passage> passages;
  };
  std::vector<FollowUp> RetrieveFollowUps(const Claim& claim, Deadline deadline,
                                          std::vector<std::string>* errors) const;
  // Appends the follow-ups' best sentences to `g` (passages already among g's own are skipped).
  void AttachFollowUps(const std::vector<FollowUp>& follow_ups, GatheredEvidence* g) const;
  // Re-ranks `found` for the claim and picks the evidence sentences.
  GatheredEvidence Rank(const Claim& claim, std::vector<Passage> found) const;

  std::vector<const Source*> sources_;
  std::vector<const Source*> fallback_;
  const Aligner* aligner_;
  const Verifier* judge_;
  PipelineOptions options_;
};

}  // namespace fg
