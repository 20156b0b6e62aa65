// KbTermStats: IDF of stemmed terms as the knowledge base counts them, for evidence alignment.
//
// Looks up the document frequencies of the "Z"-prefixed stems (and raw numbers) that the KB
// indexer writes (sources/xapian_kb.h), through the KB's own thread-safe handle pool. A failed
// lookup counts the term as unseen (highest IDF) rather than failing the check.
#pragma once

#include <string_view>

#include "sources/xapian_kb.h"
#include "src/core/term_stats.h"

namespace fg {

class KbTermStats : public TermStats {
 public:
  // `kb` is borrowed and must outlive this object.
  explicit KbTermStats(const XapianKb* kb) : kb_(kb) {}

  double Idf(std::string_view term) const override;

 private:
  const XapianKb* kb_;
};

}  // namespace fg
