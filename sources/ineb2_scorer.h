// IneB2 ranking that reads passage lengths from memory instead of from Glass.
//
// Xapian's IneB2Weight (the KB's ranking, see xapian_kb.h) needs every matching passage's length.
// Glass keeps lengths in one chunked list that a query reads forward, passage by passage, so on a
// large KB looking lengths up costs more than all the rest of a query (docs/BENCHMARKS.md). Here
// the lengths of one database revision are read once into a table (4 bytes per passage), and each
// query term becomes a Xapian::PostingSource that walks the term's posting list and weighs each
// passage with IneB2Weight's formula (parameter c = 1) over the same statistics. Xapian's matcher
// combines these leaves as it combines terms, so the ranking and the scores are Xapian's own (the
// unit test compares them with Xapian's IneB2Weight, score for score).
//
// For ONE local database (not several shards combined, not a remote one): a PostingSource sees
// document numbers of the database it is given. Thread-safe: a table is immutable once read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace fg {

// The length (number of indexed term occurrences) of every passage of one database revision.
class PassageLengths {
 public:
  // Reads every passage's length from `db`, which must be one local database. Throws what Xapian
  // throws (the caller catches).
  static std::shared_ptr<const PassageLengths> Read(const Xapian::Database& db);

  // The database revision the table was read from.
  Xapian::rev revision() const { return revision_; }
  // The length of passage `did`; false when `did` is not in the table.
  bool Find(Xapian::docid did, Xapian::termcount* length) const {
    if (did >= lengths_.size() || lengths_[did] == kAbsent) return false;
    *length = lengths_[did];
    return true;
  }

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  Xapian::rev revision_ = 0;
  std::vector<uint32_t> lengths_;  // by docid; kAbsent for deleted or unused numbers
};

// The query leaf standing for Query(term) scaled by `factor` (OP_SCALE_WEIGHT): it matches the
// passages holding the term and weighs each exactly as Xapian::IneB2Weight() weighs that leaf
// (each leaf with its own wqf of 1, also when the term occurs in the query more than once),
// taking lengths from `lengths`, which must have been read from the database the query runs on
// (a passage missing from it is looked up in Xapian).
// With `only` (sorted document numbers), the leaf matches just those of the term's passages.
Xapian::Query IneB2TermQuery(const std::string& term, double factor,
                             std::shared_ptr<const PassageLengths> lengths,
                             std::shared_ptr<const std::vector<Xapian::docid>> only = nullptr);

}  // namespace fg
