// KbTermStats: IDF of stemmed terms as the knowledge base counts them, for evidence alignment.
//
// Reads document frequencies of the "Z"-prefixed stems (and raw numbers) that the KB indexer writes
// (sources/xapian_kb.h) from the same database paths. Thread-safe (one Xapian handle behind a
// mutex; a lookup is a B-tree probe of a few microseconds). Xapian errors never escape: a failed
// lookup counts the term as unseen, and the handle is reopened when the database changed.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"
#include "src/core/term_stats.h"

namespace Xapian {
class Database;
}

namespace fg {

class KbTermStats : public TermStats {
 public:
  static Result<std::unique_ptr<KbTermStats>> Open(const std::vector<std::string>& paths);
  ~KbTermStats() override;

  double Idf(std::string_view term) const override;

 private:
  KbTermStats() = default;
  mutable std::mutex mu_;
  std::vector<std::string> paths_;
  std::unique_ptr<Xapian::Database> db_;
};

}  // namespace fg
