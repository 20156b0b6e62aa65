#include "src/core/pipeline.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "src/core/claim_extractor.h"

namespace fg {
namespace {

ClaimResult ResultFrom(const Claim& claim, const Judgement& j,
                       std::span<const EvidenceSentence> evidence, size_t max_citations) {
  ClaimResult r;
  r.claim = claim;
  r.verdict = j.verdict;
  r.confidence = std::clamp(j.confidence, 0.0, 1.0);
  r.verifier = j.verifier;
  r.correction = j.correction;
  r.probabilities = j.probabilities;
  // Citations are the evidence a verdict rests on; "not enough information" rests on none, and
  // quoting the nearest miss would read as support.
  if (j.verdict == Verdict::kNotEnoughInfo) return r;
  for (size_t index : j.evidence) {
    if (index >= evidence.size() || r.citations.size() >= max_citations) continue;
    const EvidenceSentence& ev = evidence[index];
    Citation c;
    c.source = ev.passage->source;
    c.doc_id = ev.passage->doc_id;
    c.title = ev.passage->title;
    c.url = ev.passage->url;
    c.revision = ev.passage->revision;
    c.fetched_at = ev.passage->fetched_at;
    c.quote = std::string(ev.text());
    c.quote_span = {ev.passage->doc_offset + ev.span.begin, ev.passage->doc_offset + ev.span.end};
    r.citations.push_back(std::move(c));
  }
  return r;
}

// The fixed re-ranking formula, per passage. Every sentence was scored once (`scored`); a passage
// counts as good as its best sentence, on the mean of coverage and context coverage (a sentence
// stating another year for the same event is exactly the evidence a wrong claim needs): a passage
// whose best sentence covers the claim well beats one that merely shares frequent words. The
// retrieval signal, weighted by `rank_weight`, is each passage's score over the best score its
// source gave this claim (how close it comes to the best match, not just its position); a source
// without scores falls back to the position out of `retrieve_k`.
std::vector<double> FormulaScores(std::span<const Passage> passages,
                                  std::span<const EvidenceSentence> scored, double rank_weight,
                                  size_t retrieve_k) {
  std::vector<double> best(passages.size(), 0.0);
  for (const EvidenceSentence& ev : scored) {
    size_t i = static_cast<size_t>(ev.passage - passages.data());
    best[i] = std::max(best[i], 0.5 * (ev.alignment + ev.context_alignment));
  }
  std::unordered_map<std::string_view, double> best_score;
  for (const Passage& p : passages) {
    double& top = best_score[p.source];
    top = std::max(top, p.score);
  }
  const double k = static_cast<double>(std::max<size_t>(retrieve_k, 1));
  for (size_t i = 0; i < passages.size(); ++i) {
    double top = best_score[passages[i].source];
    double retrieval = top > 0 ? std::max(0.0, passages[i].score) / top
                               : 1.0 - std::min(1.0, passages[i].rank / k);
    best[i] += rank_weight * retrieval;
  }
  return best;
}

}  // namespace

Pipeline::Pipeline(std::vector<const Source*> sources, const Aligner* aligner,
                   const Verifier* judge, PipelineOptions options,
                   std::vector<const Source*> fallback)
    : sources_(std::move(sources)),
      fallback_(std::move(fallback)),
      aligner_(aligner),
      judge_(judge),
      options_(options) {}

ClaimResult Pipeline::Decide(const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  std::optional<Judgement> j = judge_->Judge(claim, evidence);
  if (!j) {
    Judgement none;
    none.confidence = 0.5;
    none.verifier = "none";
    return ResultFrom(claim, none, evidence, options_.max_citations);
  }
  return ResultFrom(claim, *j, evidence, options_.max_citations);
}

ClaimResult Pipeline::JudgeAgainst(const Claim& claim, std::span<const Passage> passages) const {
  return Decide(
      claim, aligner_->Align(aligner_->Prepare(claim.text), passages, options_.evidence_sentences));
}

ClaimCheck Pipeline::CheckClaim(const Claim& original, Deadline deadline) const {
  // A claim split off a longer sentence is checked with the subject it shares ("Lincoln" + "died
  // in 1865"); the report keeps the claim's own text and span.
  Claim claim = original;
  if (!original.context.empty()) claim.text = original.context + " " + original.text;
  ClaimCheck check = CheckWithContext(claim, deadline);
  check.result.claim = original;
  if (check.result.correction && !original.context.empty() &&
      check.result.correction->starts_with(original.context + " ")) {
    check.result.correction->erase(0, original.context.size() + 1);
  }
  return check;
}

ClaimCheck Pipeline::CheckWithContext(const Claim& claim, Deadline deadline) const {
  ClaimCheck check;
  // Claims decidable without evidence (arithmetic) skip retrieval.
  std::optional<Judgement> quick = judge_->JudgeWithoutEvidence(claim);
  if (quick && quick->verdict != Verdict::kNotEnoughInfo) {
    check.result = ResultFrom(claim, *quick, {}, options_.max_citations);
    return check;
  }
  std::vector<std::string> errors;
  std::vector<Passage> passages =
      Retrieve(claim.text, options_.retrieve_k, sources_, deadline, &errors);
  GatheredEvidence gathered =
      fallback_.empty() ? Rank(claim, std::move(passages)) : Rank(claim, passages);
  const std::vector<FollowUp> follow_ups = RetrieveFollowUps(claim, deadline, &errors);
  AttachFollowUps(follow_ups, &gathered);
  check.result = Decide(claim, gathered.sentences);
  if (!fallback_.empty() && (check.result.verdict == Verdict::kNotEnoughInfo ||
                             check.result.confidence < options_.fallback_confidence)) {
    // The fallback sources' passages join the main ones and all are ranked together.
    for (Passage& p : Retrieve(claim.text, options_.retrieve_k, fallback_, deadline, &errors))
      passages.push_back(std::move(p));
    gathered = Rank(claim, std::move(passages));
    AttachFollowUps(follow_ups, &gathered);
    check.result = Decide(claim, gathered.sentences);
  }
  check.ranked_doc_ids = std::move(gathered.ranked_doc_ids);
  check.errors = std::move(errors);
  return check;
}

GatheredEvidence Pipeline::GatherFrom(const Claim& claim, std::vector<Passage> passages) const {
  GatheredEvidence g;
  g.passages = std::move(passages);
  g.sentences =
      aligner_->Align(aligner_->Prepare(claim.text), g.passages, options_.evidence_sentences);
  for (const Passage& p : g.passages) g.ranked_doc_ids.push_back(p.doc_id);
  return g;
}

CandidatePool Pipeline::Pool(const Claim& claim) const {
  CandidatePool pool;
  std::vector<std::string> errors;
  pool.passages = Retrieve(claim.text, options_.retrieve_k, sources_, std::nullopt, &errors);
  PreparedClaim prepared = aligner_->Prepare(claim.text);
  std::vector<EvidenceSentence> scored = aligner_->ScoreSentences(prepared, pool.passages);
  pool.features =
      ComputeRankFeatures(*aligner_, prepared, pool.passages, scored, options_.retrieve_k);
  return pool;
}

GatheredEvidence Pipeline::Gather(const Claim& claim) const {
  std::vector<std::string> errors;
  std::vector<Passage> passages =
      Retrieve(claim.text, options_.retrieve_k, sources_, std::nullopt, &errors);
  GatheredEvidence g = Rank(claim, std::move(passages));
  g.errors = std::move(errors);
  return g;
}

std::vector<Passage> Pipeline::Retrieve(std::string_view query, size_t k,
                                        const std::vector<const Source*>& sources,
                                        Deadline deadline, std::vector<std::string>* errors) const {
  struct Answer {
    std::vector<std::string> unavailable;
    Result<std::vector<Passage>> found = std::vector<Passage>();
  };
  auto ask = [&](const Source* source) {
    Answer a;
    a.found = source->SearchParts(query, k, &a.unavailable, deadline);
    return a;
  };
  // Every source but the first on a thread of its own, so a slow web source costs its own time,
  // not the sum; each keeps to the deadline itself, so waiting for all ends by then.
  std::vector<std::future<Answer>> others;
  for (size_t i = 1; i < sources.size(); ++i) {
    others.push_back(std::async(std::launch::async, ask, sources[i]));
  }
  std::vector<Answer> answers;
  if (!sources.empty()) answers.push_back(ask(sources[0]));
  for (std::future<Answer>& f : others) answers.push_back(f.get());
  std::vector<Passage> passages;
  for (size_t i = 0; i < answers.size(); ++i) {
    std::string name(sources[i]->name());
    for (const std::string& part : answers[i].unavailable) errors->push_back(name + ": " + part);
    if (!answers[i].found.ok()) {
      errors->push_back(name + ": " + answers[i].found.status().ToString());
      continue;
    }
    for (Passage& p : *answers[i].found) passages.push_back(std::move(p));
  }
  return passages;
}

std::vector<Pipeline::FollowUp> Pipeline::RetrieveFollowUps(
    const Claim& claim, Deadline deadline, std::vector<std::string>* errors) const {
  std::vector<FollowUp> follow_ups;
  if (sources_.empty()) return follow_ups;
  for (std::string& query : judge_->FollowUpQueries(claim)) {
    FollowUp f;
    f.passages = Retrieve(query, options_.follow_up_k, sources_, deadline, errors);
    f.query = std::move(query);
    if (!f.passages.empty()) follow_ups.push_back(std::move(f));
  }
  return follow_ups;
}

void Pipeline::AttachFollowUps(const std::vector<FollowUp>& follow_ups, GatheredEvidence* g) const {
  if (follow_ups.empty()) return;
  // A passage the claim's own evidence already holds is not repeated.
  std::unordered_set<std::string> own;
  for (const EvidenceSentence& ev : g->sentences) {
    own.insert(ev.passage->doc_id + "@" + std::to_string(ev.passage->doc_offset));
  }
  // Copy every query's new passages first, so the sentences' pointers into them stay valid.
  std::vector<std::pair<size_t, size_t>> ranges;  // per query: [begin, end) in follow_up_passages
  for (const FollowUp& f : follow_ups) {
    const size_t begin = g->follow_up_passages.size();
    for (const Passage& p : f.passages) {
      if (own.insert(p.doc_id + "@" + std::to_string(p.doc_offset)).second) {
        g->follow_up_passages.push_back(p);
      }
    }
    ranges.emplace_back(begin, g->follow_up_passages.size());
  }
  for (size_t q = 0; q < follow_ups.size(); ++q) {
    const auto [begin, end] = ranges[q];
    if (begin == end) continue;
    std::span<const Passage> passages(g->follow_up_passages.data() + begin, end - begin);
    for (EvidenceSentence& ev : aligner_->Align(aligner_->Prepare(follow_ups[q].query), passages,
                                                options_.follow_up_sentences)) {
      ev.follow_up = true;
      g->sentences.push_back(ev);
    }
  }
}

GatheredEvidence Pipeline::Rank(const Claim& claim, std::vector<Passage> found) const {
  GatheredEvidence g;
  PreparedClaim prepared = aligner_->Prepare(claim.text);
  g.passages = std::move(found);
  std::vector<Passage>& passages = g.passages;
  std::vector<EvidenceSentence> scored = aligner_->ScoreSentences(prepared, passages);
  std::vector<double> score;
  if (options_.relevance != nullptr) {
    std::vector<float> rows =
        ComputeRankFeatures(*aligner_, prepared, passages, scored, options_.retrieve_k);
    const size_t cols = RankFeatureNames().size();
    for (size_t i = 0; i < passages.size(); ++i) {
      score.push_back(
          options_.relevance->Relevance(std::span<const float>(rows.data() + i * cols, cols)));
    }
  } else {
    score = FormulaScores(passages, scored, options_.rank_weight, options_.retrieve_k);
  }
  std::vector<std::pair<double, size_t>> order;
  for (size_t i = 0; i < passages.size(); ++i) order.emplace_back(-score[i], i);
  std::stable_sort(order.begin(), order.end());
  std::vector<bool> kept(passages.size(), false);
  size_t kept_count = 0;
  std::unordered_set<std::string> seen_docs;
  for (const auto& [neg_score, i] : order) {
    if (seen_docs.insert(passages[i].doc_id).second) {
      g.ranked_doc_ids.push_back(passages[i].doc_id);
    }
    if (kept_count < options_.passages_kept) {
      kept[i] = true;
      passages[i].rank = static_cast<int>(kept_count++);  // the rank after re-ranking
    }
  }
  std::erase_if(scored, [&](const EvidenceSentence& ev) {
    return !kept[static_cast<size_t>(ev.passage - passages.data())];
  });
  g.sentences = Aligner::Best(std::move(scored), options_.evidence_sentences);
  return g;
}

std::vector<Claim> Pipeline::ExtractFor(std::string_view text, Report* report) const {
  ExtractOptions extract;
  extract.max_claims = options_.max_claims + 1;
  std::vector<Claim> claims = ExtractClaims(text, extract);
  if (claims.size() > options_.max_claims) {
    claims.resize(options_.max_claims);
    report->checked = false;
    report->errors.push_back("only the first " + std::to_string(options_.max_claims) +
                             " claims were checked");
  }
  return claims;
}

void Pipeline::Add(const std::vector<Claim>& claims, std::vector<std::optional<ClaimCheck>> checks,
                   Report* report) {
  size_t started = 0;
  for (const auto& check : checks) started += check.has_value() ? 1 : 0;
  if (started < claims.size()) {
    report->checked = false;
    report->errors.push_back("the verification budget ran out after " + std::to_string(started) +
                             " of " + std::to_string(claims.size()) + " claims");
  }
  for (size_t i = 0; i < claims.size(); ++i) {
    if (i >= checks.size() || !checks[i]) {
      ClaimResult unchecked;
      unchecked.claim = claims[i];
      unchecked.verdict = Verdict::kNotEnoughInfo;
      unchecked.confidence = 0;
      unchecked.verifier = "none";
      report->claims.push_back(std::move(unchecked));
      continue;
    }
    for (std::string& e : checks[i]->errors) {
      report->checked = false;
      if (std::find(report->errors.begin(), report->errors.end(), e) == report->errors.end()) {
        report->errors.push_back(std::move(e));
      }
    }
    report->claims.push_back(std::move(checks[i]->result));
  }
}

Report Pipeline::Verify(std::string_view text,
                        std::optional<std::chrono::steady_clock::time_point> deadline) const {
  auto start = std::chrono::steady_clock::now();
  Report report;
  std::vector<Claim> claims = ExtractFor(text, &report);
  std::vector<std::optional<ClaimCheck>> checks(claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    if (deadline && std::chrono::steady_clock::now() >= *deadline) break;
    checks[i] = CheckClaim(claims[i], deadline);
  }
  Add(claims, std::move(checks), &report);
  report.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace fg
