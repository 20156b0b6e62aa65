#include "sources/kb_term_stats.h"

#include <cctype>
#include <string>

namespace fg {

std::optional<KbTermStats::Counts> KbTermStats::Lookup(std::string_view term,
                                                       bool refresh_zero) const {
  // Numbers are indexed as written; words as "Z" + stem. (Appended rather than `"Z" + ...`,
  // which trips GCC 12's -Wrestrict false positive.)
  std::string key;
  if (!std::isdigit(static_cast<unsigned char>(term[0]))) key += 'Z';
  key += term;
  const uint64_t generation = kb_->generation();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (generation != generation_) {
      cache_.clear();
      generation_ = generation;
    }
    auto it = cache_.find(key);
    if (it != cache_.end() && !(refresh_zero && it->second.document_frequency == 0)) {
      return it->second;
    }
  }
  Result<std::pair<size_t, size_t>> counts = kb_->TermFrequency(key);
  if (!counts.ok()) return std::nullopt;
  Counts found{counts->first, counts->second};
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_) return found;  // the KB was replaced meanwhile
  if (cache_.size() >= kCacheCapacity) cache_.clear();
  cache_.insert_or_assign(std::move(key), found);
  return found;
}

double KbTermStats::Idf(std::string_view term) const {
  if (term.empty()) return SmoothedIdf(1, 0);
  std::optional<Counts> counts = Lookup(term, /*refresh_zero=*/false);
  if (!counts) return SmoothedIdf(1, 0);
  return SmoothedIdf(counts->documents, counts->document_frequency);
}

std::optional<size_t> KbTermStats::DocumentFrequency(std::string_view term) const {
  if (term.empty()) return std::nullopt;
  std::optional<Counts> counts = Lookup(term, /*refresh_zero=*/true);
  if (!counts) return std::nullopt;
  return counts->document_frequency;
}

}  // namespace fg
