#include "sources/kb_term_stats.h"

#include <xapian.h>

#include <cctype>

namespace fg {

KbTermStats::~KbTermStats() = default;

Result<std::unique_ptr<KbTermStats>> KbTermStats::Open(const std::vector<std::string>& paths) {
  std::unique_ptr<KbTermStats> stats(new KbTermStats());
  stats->paths_ = paths;
  try {
    stats->db_ = std::make_unique<Xapian::Database>();
    for (const std::string& path : paths) stats->db_->add_database(Xapian::Database(path));
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot read term statistics: " + e.get_description());
  }
  return stats;
}

double KbTermStats::Idf(std::string_view term) const {
  if (term.empty()) return SmoothedIdf(1, 0);
  // Numbers are indexed unprefixed; words as "Z" + stem.
  std::string key = std::isdigit(static_cast<unsigned char>(term[0])) ? std::string(term)
                                                                      : "Z" + std::string(term);
  std::lock_guard<std::mutex> lock(mu_);
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      return SmoothedIdf(db_->get_doccount(), db_->get_termfreq(key));
    } catch (const Xapian::DatabaseModifiedError&) {
      try {
        db_->reopen();
      } catch (const Xapian::Error&) {
        break;
      }
    } catch (const Xapian::Error&) {
      break;
    }
  }
  return SmoothedIdf(1, 0);
}

}  // namespace fg
