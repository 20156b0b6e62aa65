// IneB2 ranking that reads passage lengths, and frequent terms' postings, from memory instead of
// from Glass.
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
// Reading a long posting list from Glass costs tens of nanoseconds a posting; a name such as
// "United States" brings ~25,000 of them into one query. So the posting lists of frequent terms
// are also kept, on first use, as arrays of document numbers and the per-passage part of their
// weight (12 bytes a posting), up to a byte budget: the same numbers, computed once per revision.
//
// For ONE local database (not several shards combined, not a remote one): a PostingSource sees
// document numbers of the database it is given. Thread-safe: lengths are immutable once read, and
// kept posting lists are added under a lock and never change.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace fg {

// What the IneB2 leaves read from memory for one database revision.
class IneB2Memory {
 public:
  // Reads every passage's length from `db`, which must be one local database. Posting lists of
  // terms in at least `min_kept_termfreq` passages are kept when first asked for (Postings()),
  // while all kept lists together take at most `posting_budget_bytes` (0: none are kept). Throws
  // what Xapian throws (the caller catches).
  static std::shared_ptr<const IneB2Memory> Read(const Xapian::Database& db,
                                                 size_t posting_budget_bytes = 0,
                                                 Xapian::doccount min_kept_termfreq = 64);

  // The database revision the table was read from.
  Xapian::rev revision() const { return revision_; }
  // The length of passage `did`; false when `did` is not in the table.
  bool FindLength(Xapian::docid did, Xapian::termcount* length) const {
    if (did >= lengths_.size() || lengths_[did] == kAbsent) return false;
    *length = lengths_[did];
    return true;
  }

  // One term's posting list with, for each passage, the part of its IneB2 weight that does not
  // depend on the query: wdfn * (F + 1) / (n * (wdfn + 1)), wdfn = wdf * log2(1 + avglen / len).
  struct KeptPostings {
    std::vector<Xapian::docid> docids;  // ascending
    std::vector<double> parts;          // by position in docids
  };
  // The kept list of `term` (in `termfreq` passages of `db`, which must be at revision()), read
  // and kept on first use. Null when the term is rarer than the minimum, the budget does not hold
  // it, or `db` is at another revision. Throws what Xapian throws.
  std::shared_ptr<const KeptPostings> Postings(const Xapian::Database& db, const std::string& term,
                                               Xapian::doccount termfreq) const;
  // Bytes of posting lists kept so far.
  size_t posting_bytes() const;

  // A term's statistics in `db`, remembered per term for this revision (each is a B-tree lookup
  // in Glass, and a query asks for them again and again): up to kMaxRememberedTerms terms, after
  // which new terms are looked up each time. Looked up, not remembered, when `db` is at another
  // revision. Throws what Xapian throws.
  struct TermStatistics {
    Xapian::doccount termfreq = 0;
    Xapian::termcount collection_freq = 0;
    Xapian::termcount wdf_upper_bound = 0;
  };
  static constexpr size_t kMaxRememberedTerms = 100'000;
  TermStatistics Statistics(const Xapian::Database& db, const std::string& term) const;

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  Xapian::rev revision_ = 0;
  std::vector<uint32_t> lengths_;  // by docid; kAbsent for deleted or unused numbers
  size_t budget_ = 0;
  Xapian::doccount min_termfreq_ = 0;
  mutable std::mutex mu_;
  mutable size_t used_ = 0;  // guarded by mu_
  mutable std::unordered_map<std::string, std::shared_ptr<const KeptPostings>> kept_;  // by mu_
  mutable std::unordered_map<std::string, TermStatistics> statistics_;                 // by mu_
};

// The query leaf standing for Query(term) scaled by `factor` (OP_SCALE_WEIGHT): it matches the
// passages holding the term and weighs each exactly as Xapian::IneB2Weight() weighs that leaf
// (each leaf with its own wqf of 1, also when the term occurs in the query more than once),
// taking lengths and kept postings from `memory`, which must have been read from the database the
// query runs on (a passage missing from it is looked up in Xapian).
// With `only` (sorted document numbers), the leaf matches just those of the term's passages.
Xapian::Query IneB2TermQuery(const std::string& term, double factor,
                             std::shared_ptr<const IneB2Memory> memory,
                             std::shared_ptr<const std::vector<Xapian::docid>> only = nullptr);

}  // namespace fg
