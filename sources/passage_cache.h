// Decoded KB passages of one database revision, by document number, kept for the next query that
// retrieves them.
//
// Reading a retrieved passage from Glass costs a B-tree lookup, a zlib inflate and a JSON decode;
// for the 20 passages of a claim that is about an eighth of the claim's time. Retrieval keeps
// coming back to the same passages: 3,000 distinct fever claims against the default KB retrieve
// 60,000 passages, of which a cache of 20,000 already held 70 % (docs/BENCHMARKS.md). The KB keeps
// each passage with its analysis (sentences and terms, Passage::analysis), which the aligner would
// otherwise compute again for every claim. Passages are kept up to a byte budget; the least
// recently used go first. The byte count is an estimate (the
// strings' capacities plus a fixed overhead per entry).
//
// One cache serves one revision (revision()); the KB starts a new one when the database changes,
// since document numbers are only meaningful within a revision. Thread-safe.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "src/core/types.h"

namespace fg {

class PassageCache {
 public:
  PassageCache(Xapian::rev revision, size_t budget_bytes)
      : revision_(revision), budget_(budget_bytes) {}

  Xapian::rev revision() const { return revision_; }
  // The kept passage `did` (and it becomes the most recently used), or null.
  std::shared_ptr<const Passage> Find(Xapian::docid did) const;
  // Keeps `passage` as `did` (replacing what was kept for it), then drops the least recently used
  // passages until the budget holds. A passage larger than the whole budget is not kept.
  void Add(Xapian::docid did, std::shared_ptr<const Passage> passage) const;
  size_t bytes() const;
  size_t size() const;

  // The bytes one kept passage is counted as (its analysis included, when it has one).
  static size_t CostOf(const Passage& passage);

 private:
  using Entry = std::pair<Xapian::docid, std::shared_ptr<const Passage>>;
  void DropLocked(std::list<Entry>::iterator it) const;

  const Xapian::rev revision_;
  const size_t budget_;
  mutable std::mutex mu_;
  mutable std::list<Entry> order_;  // most recently used first; guarded by mu_
  mutable std::unordered_map<Xapian::docid, std::list<Entry>::iterator> where_;  // by mu_
  mutable size_t used_ = 0;                                                      // by mu_
};

}  // namespace fg
