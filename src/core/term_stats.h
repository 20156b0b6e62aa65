// TermStats: how rare a term is in the evidence collection, for IDF-weighted alignment.
//
// Terms are Porter2 stems of lowercased words (src/core/stemmer.h), the same stems the KB indexes,
// or number strings as written without thousands separators. The KB supplies its own statistics
// (sources/kb_term_stats.h); pairs-mode evaluation builds a CountingTermStats from the evidence
// texts. Contract: Idf and DocumentFrequency are thread-safe and never throw; an unknown term gets
// the highest IDF. DocumentFrequency lets a verifier ask whether the collection knows a term at all
// (verifiers/existence_verifier.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "src/core/tokenizer.h"

namespace fg {

class TermStats {
 public:
  virtual ~TermStats() = default;
  // log((N + 1) / (df + 0.5)), smoothed: > 0 for every term.
  virtual double Idf(std::string_view term) const = 0;
  // In how many documents (for the KB: passages) `term` occurs; 0 for a term never seen.
  // std::nullopt when this implementation cannot tell (the default) or the lookup failed.
  virtual std::optional<size_t> DocumentFrequency(std::string_view /*term*/) const {
    return std::nullopt;
  }
};

// In-memory document frequencies, filled once with AddDocument and then read-only.
class CountingTermStats : public TermStats {
 public:
  // Counts each distinct stem of `text` once.
  void AddDocument(std::string_view text);
  double Idf(std::string_view term) const override;
  std::optional<size_t> DocumentFrequency(std::string_view term) const override;
  size_t documents() const { return documents_; }

 private:
  std::unordered_map<std::string, size_t> df_;
  size_t documents_ = 0;
};

// The term a token contributes: the stem of a word (an ordinal "1st".."20th" as its word, so
// "1st" and "first" meet), the digits of a number ("1,865" -> "1865"), or "" for punctuation and
// stop words.
std::string TermForToken(const Token& token);

// The smoothed IDF formula shared by every implementation.
double SmoothedIdf(size_t documents, size_t document_frequency);

}  // namespace fg
