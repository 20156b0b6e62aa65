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

namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr uint64_t kFnvPrime = 1099511628211ULL;

uint64_t Fnv(uint64_t h, std::string_view bytes) {
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
  return h;
}

// Numbers' terms are their digits ("1865", "3.14"); words' terms start with a letter.
bool IsNumberTerm(std::string_view term) {
  return !term.empty() && term[0] >= '0' && term[0] <= '9';
}

// The words on each side that the keys are made of (see the header).
struct KeyParts {
  std::vector<std::string_view> uncovered;  // claim side
  std::vector<std::string_view> extra;      // sentence side
};

KeyParts PartsOf(const PreparedClaim& claim, const Coverage& coverage,
                 const std::vector<std::string>& sentence_terms, bool claim_negated,
                 bool sentence_negated) {
  static const std::string kNum = "<num>", kNeg = "<neg>";
  KeyParts parts;
  std::unordered_set<std::string_view> claim_terms;
  for (size_t i = 0; i < claim.terms.size(); ++i) {
    const ClaimTerm& t = claim.terms[i];
    claim_terms.insert(t.term);
    for (const std::string& alt : t.alternatives) claim_terms.insert(alt);
    std::string_view key = t.is_number ? std::string_view(kNum) : std::string_view(t.term);
    if (i < coverage.how.size() && coverage.how[i] == 0 && parts.uncovered.size() < kMaxClaimKeys &&
        std::find(parts.uncovered.begin(), parts.uncovered.end(), key) == parts.uncovered.end()) {
      parts.uncovered.push_back(key);
    }
  }
  for (const std::string& term : sentence_terms) {
    if (claim_terms.count(term)) continue;
    std::string_view key = IsNumberTerm(term) ? std::string_view(kNum) : std::string_view(term);
    if (std::find(parts.extra.begin(), parts.extra.end(), key) != parts.extra.end()) continue;
    parts.extra.push_back(key);
    if (parts.extra.size() >= kMaxSentenceKeys) break;
  }
  if (claim_negated) parts.uncovered.push_back(kNeg);
  if (sentence_negated) parts.extra.push_back(kNeg);
  return parts;
}

std::vector<std::string> TermsOf(std::string_view sentence) {
  std::vector<std::string> terms;
  for (const Token& token : Tokenize(sentence)) {
    std::string term = TermForToken(token);
    if (!term.empty()) terms.push_back(std::move(term));
  }
  return terms;
}

}  // namespace

uint64_t LexicalKeyHash(std::string_view key) { return Fnv(kFnvOffset, key); }

void LexicalHead::Index() {
  hashed.clear();
  for (const auto& [key, weight] : weights) hashed[LexicalKeyHash(key)] += weight;
}

double LexicalHead::MarginOfHashes(std::span<const uint64_t> keys) const {
  double m = bias;
  for (uint64_t k : keys) {
    auto it = hashed.find(k);
    if (it != hashed.end()) m += it->second;
  }
  return m;
}

std::vector<std::string> LexicalModel::Keys(const PreparedClaim& claim, const Coverage& coverage,
                                            const std::vector<std::string>& sentence_terms,
                                            bool claim_negated, bool sentence_negated) {
  KeyParts p = PartsOf(claim, coverage, sentence_terms, claim_negated, sentence_negated);
  std::vector<std::string> keys;
  keys.reserve(p.uncovered.size() * (p.extra.size() + 1) + p.extra.size());
  for (std::string_view c : p.uncovered) keys.push_back("c:" + std::string(c));
  for (std::string_view e : p.extra) keys.push_back("e:" + std::string(e));
  for (std::string_view c : p.uncovered) {
    for (std::string_view e : p.extra) {
      keys.push_back("x:" + std::string(c) + "|" + std::string(e));
    }
  }
  return keys;
}

std::vector<std::string> LexicalModel::Keys(const PreparedClaim& claim, const Coverage& coverage,
                                            std::string_view sentence, bool claim_negated,
                                            bool sentence_negated) {
  return Keys(claim, coverage, TermsOf(sentence), claim_negated, sentence_negated);
}

std::vector<uint64_t> LexicalModel::KeyHashes(const PreparedClaim& claim, const Coverage& coverage,
                                              const std::vector<std::string>& sentence_terms,
                                              bool claim_negated, bool sentence_negated) {
  KeyParts p = PartsOf(claim, coverage, sentence_terms, claim_negated, sentence_negated);
  std::vector<uint64_t> keys;
  keys.reserve(p.uncovered.size() * (p.extra.size() + 1) + p.extra.size());
  for (std::string_view c : p.uncovered) keys.push_back(Fnv(Fnv(kFnvOffset, "c:"), c));
  for (std::string_view e : p.extra) keys.push_back(Fnv(Fnv(kFnvOffset, "e:"), e));
  for (std::string_view c : p.uncovered) {
    uint64_t head = Fnv(Fnv(Fnv(kFnvOffset, "x:"), c), "|");
    for (std::string_view e : p.extra) keys.push_back(Fnv(head, e));
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
  head.Index();
  return head;
}

}  // namespace fg
