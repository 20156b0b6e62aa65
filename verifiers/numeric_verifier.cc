#include "verifiers/numeric_verifier.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"
#include "verifiers/internal/agreement.h"

namespace fg {
namespace {

constexpr size_t kWindow = 3;  // content words looked at on each side of a quantity

// Lowercase content word with a plural "s" dropped, so "metres" meets "metre".
std::string Key(const Token& t) {
  std::string w = t.lower;
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
  return w;
}

// What surrounds a quantity: the content words nearest to it on each side, within its clause (not
// reaching past a neighbouring quantity, a comma or a conjunction), with their distance in content
// words (1 = adjacent), and its head, the content word right after it ("2 million residents").
struct Neighbourhood {
  std::vector<std::pair<std::string, int>> before, after;
  std::set<std::string> words, before_words, after_words;
  std::string head;  // empty when the next token is not a content word
};

bool EndsClause(const Token& t) {
  static const std::set<std::string, std::less<>> kBreaks = {"and",     "but",   "while",
                                                             "whereas", "which", "or"};
  return t.text == "," || t.text == ";" || t.text == ":" || kBreaks.count(t.lower) > 0;
}

Neighbourhood Around(std::string_view text, const std::vector<Token>& tokens,
                     const std::vector<Quantity>& qs, size_t which) {
  const Quantity& q = qs[which];
  const size_t lower = which > 0 ? qs[which - 1].span.end : 0;
  const size_t upper = which + 1 < qs.size() ? qs[which + 1].span.begin : text.size();
  auto content = [](const Token& t) {
    return t.type == TokenType::kWord && t.lower.size() >= 2 && !IsStopWord(t.lower);
  };
  Neighbourhood n;
  std::vector<std::string> before;  // nearest last
  bool first_after = true;
  bool after_open = true;
  for (const Token& t : tokens) {
    if (t.span.begin >= lower && t.span.end <= q.span.begin) {
      if (EndsClause(t)) before.clear();
      if (content(t)) before.push_back(Key(t));
    } else if (t.span.begin >= q.span.end && t.span.end <= upper && after_open) {
      if (first_after && content(t)) n.head = Key(t);
      first_after = false;
      if (EndsClause(t)) after_open = false;
      if (after_open && content(t) && n.after.size() < kWindow) {
        n.after.emplace_back(Key(t), static_cast<int>(n.after.size()) + 1);
      }
    }
  }
  for (size_t k = 0; k < before.size() && k < kWindow; ++k) {
    n.before.emplace_back(before[before.size() - 1 - k], static_cast<int>(k) + 1);
  }
  for (const auto& [w, d] : n.before) {
    n.words.insert(w);
    n.before_words.insert(w);
  }
  for (const auto& [w, d] : n.after) {
    n.words.insert(w);
    n.after_words.insert(w);
  }
  return n;
}

// Distance between the allowed intervals, relative to the larger magnitude (0 when they meet).
double RelativeGap(const Quantity& a, const Quantity& b, double rel_tol) {
  auto [alo, ahi] = AllowedInterval(a, rel_tol / 2);
  auto [blo, bhi] = AllowedInterval(b, rel_tol / 2);
  double gap = std::max(blo - ahi, alo - bhi);
  if (gap <= 0) return 0;
  double scale =
      std::max({std::fabs(a.low), std::fabs(a.high), std::fabs(b.low), std::fabs(b.high), 1e-12});
  return gap / scale;
}

// A claim that bounds a value ("less than 37 critics", "more than 1 billion views") against an
// exact figure in the evidence ("37 critics"): the bound holds or it does not, strictly, with no
// rounding tolerance (37 is not less than 37). nullopt when the comparison is not of that kind.
std::optional<bool> BoundHolds(const Quantity& claim, const Quantity& evidence) {
  if (!UnitsCompatible(claim, evidence) || evidence.bound != QuantityBound::kExact ||
      evidence.is_range || claim.is_range) {
    return std::nullopt;
  }
  const double v = evidence.value, x = claim.value;
  switch (claim.bound) {
    case QuantityBound::kMoreThan:
      return v > x;
    case QuantityBound::kLessThan:
      return v < x;
    case QuantityBound::kAtLeast:
      return v >= x;
    case QuantityBound::kAtMost:
      return v <= x;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool NumericVerifier::AppliesTo(const Claim& claim) const {
  return !ExtractQuantities(claim.text).empty();
}

std::optional<Judgement> NumericVerifier::Judge(const Claim& claim,
                                                std::span<const EvidenceSentence> evidence) const {
  const std::vector<Quantity> claim_qs = ExtractQuantities(claim.text);
  if (claim_qs.empty()) return std::nullopt;
  const std::vector<Token> claim_tokens = Tokenize(claim.text);
  std::set<std::string> claim_all;
  for (const Token& t : claim_tokens) {
    if (t.type == TokenType::kWord && !IsStopWord(t.lower)) claim_all.insert(Key(t));
  }

  for (size_t ci = 0; ci < claim_qs.size(); ++ci) {
    const Quantity& cq = claim_qs[ci];
    const Neighbourhood claim_n = Around(claim.text, claim_tokens, claim_qs, ci);
    std::optional<Judgement> result;
    double best_alignment = 0;
    int conflicts = 0;
    for (size_t idx = 0; idx < evidence.size(); ++idx) {
      const EvidenceSentence& ev = evidence[idx];
      if (ev.passage == nullptr || ev.context_alignment < options_.min_alignment) continue;
      const std::string_view sentence = ev.text();
      const std::vector<Quantity> ev_qs = ExtractQuantities(sentence);
      const std::vector<Token> ev_tokens = Tokenize(sentence);
      // The quantity of the same unit whose neighbourhood shares most with the claim speaks of
      // the same thing; the same head noun weighs most. Counts with different head nouns ("40
      // rooms", "3 million visitors") never match.
      const Quantity* best = nullptr;
      int best_score = 0;
      int compatible = 0;
      for (size_t k = 0; k < ev_qs.size(); ++k) {
        if (!UnitsCompatible(cq, ev_qs[k])) continue;
        ++compatible;
        const Neighbourhood n = Around(sentence, ev_tokens, ev_qs, k);
        if (cq.unit.empty() && !claim_n.head.empty() && !n.head.empty() && claim_n.head != n.head) {
          continue;
        }
        // Shared words count more the nearer they stand to the quantity, and more again on the
        // same side of it as in the claim: in "freezes below 0 degrees and boils at 100 degrees",
        // "boils" describes the 100.
        int score = 0;
        auto add = [&](const std::vector<std::pair<std::string, int>>& side,
                       const std::set<std::string>& claim_side) {
          for (const auto& [w, distance] : side) {
            int weight = static_cast<int>(kWindow) + 1 - distance;
            score += weight * static_cast<int>(claim_all.count(w) + claim_n.words.count(w) +
                                               claim_side.count(w));
          }
        };
        add(n.before, claim_n.before_words);
        add(n.after, claim_n.after_words);
        if (!claim_n.head.empty() && claim_n.head == n.head) score += 3;
        if (best == nullptr || score > best_score) {
          best = &ev_qs[k];
          best_score = score;
        }
      }
      if (best == nullptr) continue;
      const bool measurement = !cq.unit.empty() && cq.unit != "%";
      if (best_score == 0 && !(measurement && compatible == 1)) continue;

      Verdict verdict;
      if (std::optional<bool> holds = BoundHolds(cq, *best)) {
        verdict = *holds ? Verdict::kSupported : Verdict::kRefuted;
      } else if (SameQuantity(cq, *best, options_.rel_tol)) {
        verdict = Verdict::kSupported;
      } else if (RelativeGap(cq, *best, options_.rel_tol) > options_.refute_margin) {
        verdict = Verdict::kRefuted;
      } else {
        continue;  // close but not equal: rounding or a different count, say nothing
      }
      if (!result) {
        result = Judgement{};
        result->verdict = verdict;
        best_alignment = ev.context_alignment;
        if (verdict == Verdict::kRefuted) {
          result->correction = ReplaceSpan(claim.text, cq.span, SurfaceText(sentence, best->span));
        }
      }
      if (verdict == result->verdict) {
        result->evidence.push_back(idx);
      } else {
        ++conflicts;
      }
    }
    if (result) {
      result->confidence = internal::AgreementConfidence(best_alignment, result->evidence.size(),
                                                         static_cast<size_t>(conflicts));
      return result;
    }
  }
  return std::nullopt;
}

}  // namespace fg
