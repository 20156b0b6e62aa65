// KbTermStats: IDF of stemmed terms as the knowledge base counts them, for evidence alignment.
//
// Looks up the document frequencies of the "Z"-prefixed stems (and raw numbers) that the KB
// indexer writes (sources/xapian_kb.h), through the KB's own thread-safe handle pool, and
// remembers each answer: every claim asks for ~10 terms twice, and most terms recur across
// claims. The memory is bounded (kCacheCapacity terms, then it starts afresh), so a KB that grows
// while it is open is reflected as the cache turns over; IDF moves little with a few documents.
// A failed lookup counts the term as unseen (highest IDF) and is not remembered.
// Thread-safe.
#pragma once

#include <mutex>
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

 private:
  const XapianKb* kb_;
  mutable std::mutex mu_;
  mutable std::unordered_map<std::string, double> cache_;
};

}  // namespace fg
