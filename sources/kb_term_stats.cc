#include "sources/kb_term_stats.h"

#include <cctype>
#include <string>

namespace fg {

double KbTermStats::Idf(std::string_view term) const {
  if (term.empty()) return SmoothedIdf(1, 0);
  // Numbers are indexed as written; words as "Z" + stem.
  std::string key = std::isdigit(static_cast<unsigned char>(term[0])) ? std::string(term)
                                                                      : "Z" + std::string(term);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
  }
  Result<std::pair<size_t, size_t>> counts = kb_->TermFrequency(key);
  if (!counts.ok()) return SmoothedIdf(1, 0);
  double idf = SmoothedIdf(counts->second, counts->first);
  std::lock_guard<std::mutex> lock(mu_);
  if (cache_.size() >= kCacheCapacity) cache_.clear();
  cache_.emplace(std::move(key), idf);
  return idf;
}

}  // namespace fg
