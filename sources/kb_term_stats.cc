#include "sources/kb_term_stats.h"

#include <cctype>
#include <string>

namespace fg {

double KbTermStats::Idf(std::string_view term) const {
  if (term.empty()) return SmoothedIdf(1, 0);
  // Numbers are indexed as written; words as "Z" + stem.
  std::string key = std::isdigit(static_cast<unsigned char>(term[0])) ? std::string(term)
                                                                      : "Z" + std::string(term);
  Result<std::pair<size_t, size_t>> counts = kb_->TermFrequency(key);
  if (!counts.ok()) return SmoothedIdf(1, 0);
  return SmoothedIdf(counts->second, counts->first);
}

}  // namespace fg
