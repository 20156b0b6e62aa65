// KbTermStats: IDF and document frequency of stemmed terms as the knowledge base counts them, for
// evidence alignment and for telling whether the KB knows a name at all.
//
// Looks up the document frequencies of the "Z"-prefixed stems (and raw numbers) that the KB
// indexer writes (sources/xapian_kb.h), through the KB's own thread-safe handle pool, and
// remembers each answer: every claim asks for ~10 terms twice, and most terms recur across
// claims. The memory is bounded (kCacheCapacity terms, then it starts afresh), so a KB that grows
// while it is open is reflected as the cache turns over; IDF moves little with a few documents.
// DocumentFrequency looks a remembered count of 0 up again, so a name added to the KB since is
// known at once. A KB folder built again from scratch (XapianKb::generation) empties the memory.
// A failed lookup counts the term as unseen for Idf (highest IDF), gives
// std::nullopt from DocumentFrequency, and is not remembered.
// Thread-safe, never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sources/xapian_kb.h"
#include "src/core/term_stats.h"

namespace fg {

class KbTermStats : public TermStats {
 public:
  static constexpr size_t kCacheCapacity = 1 << 16;

  // `kb` is borrowed and must outlive this object.
  explicit KbTermStats(const XapianKb* kb) : kb_(kb) {}

  double Idf(std::string_view term) const override;
  // Passages holding `term` (a stem as TermForToken gives it, or a number).
  std::optional<size_t> DocumentFrequency(std::string_view term) const override;

 private:
  struct Counts {
    size_t document_frequency = 0;
    size_t documents = 0;
  };
  // The KB's counts for a non-empty `term`, remembered or looked up (always looked up when
  // `refresh_zero` and the remembered count is 0); nullopt when the lookup failed.
  std::optional<Counts> Lookup(std::string_view term, bool refresh_zero) const;

  const XapianKb* kb_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, Counts> cache_;
  mutable uint64_t generation_ = 0;  // the KB's generation the cache holds answers of
};

}  // namespace fg
