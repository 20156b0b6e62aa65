#include "verifiers/lexical_model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_set>

#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

constexpr size_t kMaxClaimKeys = 8;
constexpr size_t kMaxSentenceKeys = 40;

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

double LexicalHead::Margin(std::span<const std::string> keys) const {
  double m = bias;
  for (const std::string& k : keys) {
    auto it = weights.find(k);
    if (it != weights.end()) m += it->second;
  }
  return m;
}

std::vector<std::string> LexicalModel::Keys(const PreparedClaim& claim, const Coverage& coverage,
                                            std::string_view sentence, bool claim_negated,
                                            bool sentence_negated) {
  std::vector<std::string> uncovered;
  std::unordered_set<std::string> claim_terms;
  for (size_t i = 0; i < claim.terms.size(); ++i) {
    const ClaimTerm& t = claim.terms[i];
    claim_terms.insert(t.term);
    for (const std::string& alt : t.alternatives) claim_terms.insert(alt);
    std::string key = t.is_number ? "<num>" : t.term;
    if (i < coverage.how.size() && coverage.how[i] == 0 && uncovered.size() < kMaxClaimKeys &&
        std::find(uncovered.begin(), uncovered.end(), key) == uncovered.end()) {
      uncovered.push_back(std::move(key));
    }
  }
  std::vector<std::string> extra;
  std::unordered_set<std::string> seen;
  for (const Token& token : Tokenize(sentence)) {
    std::string term = TermForToken(token);
    if (term.empty() || claim_terms.count(term)) continue;
    if (token.type == TokenType::kNumber) term = "<num>";
    if (!seen.insert(term).second) continue;
    extra.push_back(std::move(term));
    if (extra.size() >= kMaxSentenceKeys) break;
  }
  if (claim_negated) uncovered.push_back("<neg>");
  if (sentence_negated) extra.push_back("<neg>");
  std::vector<std::string> keys;
  keys.reserve(uncovered.size() * (extra.size() + 1) + extra.size());
  for (const std::string& c : uncovered) keys.push_back("c:" + c);
  for (const std::string& e : extra) keys.push_back("e:" + e);
  for (const std::string& c : uncovered) {
    for (const std::string& e : extra) keys.push_back("x:" + c + "|" + e);
  }
  return keys;
}

LexicalHead FitLexicalHead(const std::vector<std::vector<std::string>>& keys,
                           const std::vector<int>& labels, const std::vector<float>& weights,
                           const LexicalFitOptions& options) {
  // Keys are numbered in first-seen order, so the result does not depend on hashing.
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string> names;
  std::vector<std::vector<size_t>> rows(keys.size());
  for (size_t r = 0; r < keys.size(); ++r) {
    for (const std::string& k : keys[r]) {
      auto [it, fresh] = index.emplace(k, names.size());
      if (fresh) names.push_back(k);
      rows[r].push_back(it->second);
    }
  }
  std::vector<double> w(names.size(), 0.0), g2(names.size(), 0.0);
  double bias = 0, bias_g2 = 0;
  std::vector<size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937 rng(options.seed);
  constexpr double kEps = 1e-8;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t r : order) {
      double margin = bias;
      for (size_t k : rows[r]) margin += w[k];
      double weight = weights.empty() ? 1.0 : weights[r];
      double grad = (Sigmoid(margin) - labels[r]) * weight;
      bias_g2 += grad * grad;
      bias -= options.learning_rate * grad / std::sqrt(bias_g2 + kEps);
      for (size_t k : rows[r]) {
        double gk = grad + options.l2 * w[k];
        g2[k] += gk * gk;
        w[k] -= options.learning_rate * gk / std::sqrt(g2[k] + kEps);
      }
    }
  }
  std::vector<size_t> strongest(names.size());
  std::iota(strongest.begin(), strongest.end(), 0);
  std::stable_sort(strongest.begin(), strongest.end(),
                   [&](size_t a, size_t b) { return std::fabs(w[a]) > std::fabs(w[b]); });
  if (strongest.size() > options.keep) strongest.resize(options.keep);
  LexicalHead head;
  head.bias = bias;
  for (size_t k : strongest) {
    if (w[k] != 0) head.weights.emplace(names[k], static_cast<float>(w[k]));
  }
  return head;
}

}  // namespace fg
