#include "src/core/rank_features.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

enum Feature : size_t {
  kSentenceMean,
  kSentenceAlignment,
  kSentenceContext,
  kSentenceVsPool,
  kSentenceRankInPool,
  kPassageCoverage,
  kTitleCoverage,
  kSynonymShare,
  kTitleOnlyShare,
  kNamesCovered,
  kNumbersCovered,
  kHeaviestMissing,
  kOrderedPairs,
  kRetrievalRelative,
  kRetrievalPosition,
  kSentenceWords,
  kPassageSentences,
  kQuotedTitle,
  kDocShare,
  kTitleShare,
  kTitleBestRetrieval,
  kSentencePrecision,
  kClaimTerms,
  kFeatureCount
};

const float kMissing = std::numeric_limits<float>::quiet_NaN();

// The terms of a text in order (stems and numbers, as the aligner matches them), each with its
// byte offset in the text.
std::vector<std::pair<std::string, size_t>> TermSequence(std::string_view text) {
  std::vector<std::pair<std::string, size_t>> terms;
  for (const Token& token : Tokenize(text)) {
    std::string term = TermForToken(token);
    if (!term.empty()) terms.emplace_back(std::move(term), token.span.begin);
  }
  return terms;
}

// Sorted distinct.
std::vector<std::string> Distinct(std::vector<std::string> terms) {
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

// A sentence that is a quoted title ("Ask the experts: ..." from a reference list).
bool QuotedTitle(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  auto opens = [&](std::string_view q) { return s.starts_with(q); };
  auto closes = [&](std::string_view q) { return s.ends_with(q); };
  bool open = opens("\"") || opens("\xE2\x80\x9C");
  bool close = closes("\"") || closes("\".") || closes("\xE2\x80\x9D") || closes("\xE2\x80\x9D.") ||
               closes(".\"");
  return open && close;
}

}  // namespace

const std::vector<std::string>& RankFeatureNames() {
  static const std::vector<std::string> names = {
      "rank_sentence_mean",      "rank_sentence_alignment", "rank_sentence_context",
      "rank_sentence_vs_pool",   "rank_sentence_rank",      "rank_passage_coverage",
      "rank_title_coverage",     "rank_synonym_share",      "rank_title_only_share",
      "rank_names_covered",      "rank_numbers_covered",    "rank_heaviest_missing",
      "rank_ordered_pairs",      "rank_retrieval_relative", "rank_retrieval_position",
      "rank_sentence_words",     "rank_passage_sentences",  "rank_quoted_title",
      "rank_doc_share",          "rank_title_share",        "rank_title_best_retrieval",
      "rank_sentence_precision", "rank_claim_terms"};
  return names;
}

std::vector<float> ComputeRankFeatures(const Aligner& aligner, const PreparedClaim& claim,
                                       std::span<const Passage> passages,
                                       std::span<const EvidenceSentence> scored,
                                       size_t retrieve_k) {
  const size_t n = passages.size();
  std::vector<float> rows(n * kFeatureCount, kMissing);
  if (n == 0) return rows;
  // Each passage's best sentence, on the mean of coverage and context coverage.
  std::vector<const EvidenceSentence*> best(n, nullptr);
  std::vector<size_t> sentences(n, 0);
  for (const EvidenceSentence& ev : scored) {
    size_t i = static_cast<size_t>(ev.passage - passages.data());
    if (i >= n) continue;
    ++sentences[i];
    double mean = 0.5 * (ev.alignment + ev.context_alignment);
    if (best[i] == nullptr || mean > 0.5 * (best[i]->alignment + best[i]->context_alignment)) {
      best[i] = &ev;
    }
  }
  std::vector<double> mean(n, 0.0);
  for (size_t i = 0; i < n; ++i) {
    if (best[i] != nullptr) mean[i] = 0.5 * (best[i]->alignment + best[i]->context_alignment);
  }
  const double pool_best = *std::max_element(mean.begin(), mean.end());
  std::unordered_map<std::string_view, double> top_score;
  std::unordered_map<std::string_view, size_t> per_doc, per_title;
  for (const Passage& p : passages) {
    double& top = top_score[p.source];
    top = std::max(top, p.score);
    ++per_doc[p.doc_id];
    if (!p.title.empty()) ++per_title[p.title];
  }
  // The best retrieval score (relative to its source's best) among the passages of each title:
  // how well the article as a whole matches.
  std::unordered_map<std::string_view, double> title_best;
  for (const Passage& p : passages) {
    if (p.title.empty()) continue;
    double top = top_score[p.source];
    double& best_of_title = title_best[p.title];
    best_of_title = std::max(best_of_title, top > 0 ? std::max(0.0, p.score) / top : 0.0);
  }
  double max_weight = 0, name_weight = 0, number_weight = 0;
  for (const ClaimTerm& t : claim.terms) {
    max_weight = std::max(max_weight, t.weight);
    if (t.is_name) name_weight += t.weight;
    if (t.is_number) number_weight += t.weight;
  }
  const double k = static_cast<double>(std::max<size_t>(retrieve_k, 1));
  std::unordered_map<std::string_view, std::vector<std::string>> title_terms;
  const std::vector<std::string> known = Aligner::MatchableTerms(claim);
  for (size_t i = 0; i < n; ++i) {
    const Passage& p = passages[i];
    float* row = &rows[i * kFeatureCount];
    size_t better = 0;
    for (size_t j = 0; j < n; ++j) better += mean[j] > mean[i] ? 1 : 0;
    row[kSentenceMean] = static_cast<float>(mean[i]);
    row[kSentenceVsPool] = pool_best > 0 ? static_cast<float>(mean[i] / pool_best) : 0.0f;
    row[kSentenceRankInPool] = static_cast<float>(better) / static_cast<float>(n);
    row[kPassageSentences] = static_cast<float>(std::log1p(static_cast<double>(sentences[i])));
    row[kDocShare] = static_cast<float>(per_doc[p.doc_id]) / static_cast<float>(n);
    if (!p.title.empty()) {
      row[kTitleShare] = static_cast<float>(per_title[p.title]) / static_cast<float>(n);
      row[kTitleBestRetrieval] = static_cast<float>(title_best[p.title]);
    }
    row[kClaimTerms] = static_cast<float>(std::log1p(static_cast<double>(claim.terms.size())));
    double top = top_score[p.source];
    row[kRetrievalRelative] = static_cast<float>(top > 0 ? std::max(0.0, p.score) / top
                                                         : 1.0 - std::min(1.0, p.rank / k));
    row[kRetrievalPosition] = static_cast<float>(std::min(1.0, p.rank / k));
    auto cached = title_terms.find(p.title);
    if (cached == title_terms.end()) {
      cached = title_terms.emplace(p.title, Aligner::Terms(p.title)).first;
    }
    const std::vector<std::string>& in_title = cached->second;
    // The passage is read once; its best sentence's terms are those within the sentence's span.
    std::vector<std::pair<std::string, size_t>> passage_terms = TermSequence(p.text);
    std::vector<std::string> all_terms;
    for (const auto& [term, offset] : passage_terms) all_terms.push_back(term);
    Coverage whole = aligner.CoverTerms(claim, Distinct(std::move(all_terms)), in_title);
    row[kPassageCoverage] = static_cast<float>(whole.score);
    row[kTitleCoverage] = static_cast<float>(aligner.CoverTerms(claim, in_title, {}).score);
    double names = 0, numbers = 0;
    for (size_t t = 0; t < claim.terms.size(); ++t) {
      if (whole.how[t] == 0) continue;
      if (claim.terms[t].is_name) names += claim.terms[t].weight;
      if (claim.terms[t].is_number) numbers += claim.terms[t].weight;
    }
    if (name_weight > 0) row[kNamesCovered] = static_cast<float>(names / name_weight);
    if (number_weight > 0) row[kNumbersCovered] = static_cast<float>(numbers / number_weight);
    if (best[i] == nullptr) continue;
    std::string_view sentence = best[i]->text();
    row[kSentenceAlignment] = static_cast<float>(best[i]->alignment);
    row[kSentenceContext] = static_cast<float>(best[i]->context_alignment);
    std::vector<std::string> sequence;
    for (const auto& [term, offset] : passage_terms) {
      if (offset >= best[i]->span.begin && offset < best[i]->span.end) sequence.push_back(term);
    }
    std::vector<std::string> in_sentence = Distinct(sequence);
    Coverage cov = aligner.CoverTerms(claim, in_sentence, in_title);
    double synonym = 0, title_only = 0, missing = 0;
    for (size_t t = 0; t < claim.terms.size(); ++t) {
      double w = claim.terms[t].weight;
      if (cov.how[t] == 2) synonym += w;
      if (cov.how[t] == 3) title_only += w;
      if (cov.how[t] == 0) missing = std::max(missing, w);
    }
    if (claim.total_weight > 0) {
      row[kSynonymShare] = static_cast<float>(synonym / claim.total_weight);
      row[kTitleOnlyShare] = static_cast<float>(title_only / claim.total_weight);
    }
    if (max_weight > 0) row[kHeaviestMissing] = static_cast<float>(missing / max_weight);
    if (claim.terms.size() >= 2) {
      row[kOrderedPairs] = static_cast<float>(Aligner::OrderedPairShare(claim, sequence));
    }
    row[kSentencePrecision] = static_cast<float>(Aligner::SentencePrecision(known, in_sentence));
    // Content words only (stop words and punctuation are not terms).
    row[kSentenceWords] = static_cast<float>(std::log1p(static_cast<double>(sequence.size())));
    row[kQuotedTitle] = QuotedTitle(sentence) ? 1.0f : 0.0f;
  }
  return rows;
}

}  // namespace fg
