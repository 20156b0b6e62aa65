#include "sources/ineb2_scorer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fg {
namespace {

// The part of a passage's IneB2 weight that does not depend on the query, for a term with
// `wdf` occurrences in a passage of `length`: wdfn * b / (wdfn + 1), wdfn = wdf * log2(1 +
// average / length), b = (F + 1) / n. Kept lists and Xapian-list leaves both use it, so their
// scores agree to the bit.
double PassagePart(Xapian::termcount wdf, Xapian::termcount length, double c_average, double b) {
  if (wdf == 0) return 0.0;
  const double wdfn = wdf * std::log2(1 + c_average / length);
  return wdfn * b / (wdfn + 1.0);
}

}  // namespace

std::shared_ptr<const IneB2Memory> IneB2Memory::Read(const Xapian::Database& db,
                                                     size_t posting_budget_bytes,
                                                     Xapian::doccount min_kept_termfreq) {
  auto memory = std::make_shared<IneB2Memory>();
  memory->revision_ = db.get_revision();
  memory->budget_ = posting_budget_bytes;
  memory->min_termfreq_ = std::max<Xapian::doccount>(1, min_kept_termfreq);
  memory->lengths_.assign(static_cast<size_t>(db.get_lastdocid()) + 1, kAbsent);
  // The empty term's posting list is every passage, in order: one forward read of the lengths.
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    memory->lengths_[*it] = it.get_doclength();
  }
  return memory;
}

size_t IneB2Memory::posting_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

IneB2Memory::TermStatistics IneB2Memory::Statistics(const Xapian::Database& db,
                                                    const std::string& term) const {
  const bool same_revision = db.get_revision() == revision_;
  if (same_revision) {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = statistics_.find(term);
    if (found != statistics_.end()) return found->second;
  }
  TermStatistics s;
  s.termfreq = db.get_termfreq(term);
  if (s.termfreq > 0) {
    s.collection_freq = db.get_collection_freq(term);
    s.wdf_upper_bound = db.get_wdf_upper_bound(term);
  }
  if (same_revision) {
    std::lock_guard<std::mutex> lock(mu_);
    if (statistics_.size() < kMaxRememberedTerms) statistics_.emplace(term, s);
  }
  return s;
}

std::shared_ptr<const IneB2Memory::KeptPostings> IneB2Memory::Postings(
    const Xapian::Database& db, const std::string& term, Xapian::doccount termfreq) const {
  if (termfreq < min_termfreq_ || budget_ == 0) return nullptr;
  const size_t bytes = static_cast<size_t>(termfreq) * (sizeof(Xapian::docid) + sizeof(double));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto found = kept_.find(term);
    if (found != kept_.end()) return found->second;
    if (used_ + bytes > budget_) return nullptr;
  }
  if (db.get_revision() != revision_) return nullptr;
  // Read outside the lock; another thread may read the same list meanwhile (one copy is kept).
  auto list = std::make_shared<KeptPostings>();
  list->docids.reserve(termfreq);
  list->parts.reserve(termfreq);
  const double c_average = db.get_avlength();
  const double b = (static_cast<double>(db.get_collection_freq(term)) + 1.0) / termfreq;
  for (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    Xapian::termcount length;
    if (!FindLength(*it, &length)) length = db.get_doclength(*it);
    list->docids.push_back(*it);
    list->parts.push_back(PassagePart(it.get_wdf(), length, c_average, b));
  }
  if (list->docids.size() != termfreq) return nullptr;  // statistics and list disagree: don't keep
  std::lock_guard<std::mutex> lock(mu_);
  auto [where, added] = kept_.emplace(term, nullptr);
  if (!added) return where->second;
  if (used_ + bytes > budget_) {
    kept_.erase(where);
    return nullptr;
  }
  used_ += bytes;
  where->second = std::move(list);
  return where->second;
}

namespace {

// One query term as a posting source weighted like Xapian::IneB2Weight(1.0):
//   wdfn = wdf * log2(1 + c * average length / length)
//   weight = wdfn / (wdfn + 1) * (F + 1) / n * idf * factor,
//   idf = log2((N + 1) / (N * (1 - exp(-F / N)) + 0.5)),
// N passages, n of them holding the term, F its occurrences in all of them. The upper bound is
// IneB2Weight's, from the largest wdf and the shortest passage. With a kept list (IneB2Memory)
// the leaf walks its arrays, otherwise Xapian's posting list.
class IneB2Term : public Xapian::PostingSource {
 public:
  IneB2Term(std::string term, double factor, std::shared_ptr<const IneB2Memory> memory,
            std::shared_ptr<const std::vector<Xapian::docid>> only)
      : term_(std::move(term)),
        factor_(factor),
        memory_(std::move(memory)),
        only_(std::move(only)) {}

  Xapian::PostingSource* clone() const override {
    return new IneB2Term(term_, factor_, memory_, only_);
  }
  std::string name() const override { return "fg::IneB2Term"; }

  void init(const Xapian::Database& db) override {
    db_ = db;
    started_ = false;
    at_only_ = 0;
    pos_ = 0;
    const IneB2Memory::TermStatistics stats = memory_->Statistics(db, term_);
    termfreq_ = stats.termfreq;
    kept_ = memory_->Postings(db, term_, termfreq_);  // null for an absent term
    if (kept_ == nullptr) {
      it_ = db.postlist_begin(term_);
      end_ = db.postlist_end(term_);
    }
    matches_max_ = only_ == nullptr ? termfreq_
                                    : std::min<Xapian::doccount>(
                                          termfreq_, static_cast<Xapian::doccount>(only_->size()));
    matches_min_ = only_ == nullptr ? termfreq_ : 0;
    if (termfreq_ == 0) {
      it_ = end_;
      set_maxweight(0);
      return;
    }
    const double n_passages = db.get_doccount();
    const double f = static_cast<double>(stats.collection_freq);
    const double n = termfreq_;
    const double expected = n_passages * (1.0 - std::exp(-f / n_passages));
    const double idf = std::log2((n_passages + 1.0) / (expected + 0.5));
    idf_factor_ = idf * factor_;
    c_average_ = db.get_avlength();
    b_ = (f + 1.0) / n;
    double wdfn_upper = stats.wdf_upper_bound;
    if (wdfn_upper == 0) {
      set_maxweight(0);
      return;
    }
    wdfn_upper *= std::log2(1 + c_average_ / db.get_doclength_lower_bound());
    set_maxweight((f + 1.0) / (n + n / wdfn_upper) * idf * factor_);
  }

  Xapian::doccount get_termfreq_min() const override { return matches_min_; }
  Xapian::doccount get_termfreq_est() const override { return matches_max_; }
  Xapian::doccount get_termfreq_max() const override { return matches_max_; }

  void next(double min_weight) override {
    if (!started_) {
      started_ = true;
      MoveTo(1);
    } else if (kept_ != nullptr && only_ == nullptr) {
      if (pos_ < kept_->docids.size()) ++pos_;
    } else if (!at_end()) {
      MoveTo(get_docid() + 1);
    }
    if (min_weight > get_maxweight()) ToEnd();
  }
  void skip_to(Xapian::docid did, double min_weight) override {
    started_ = true;
    if (!at_end() && get_docid() < did) MoveTo(did);
    if (min_weight > get_maxweight()) ToEnd();
  }
  bool at_end() const override {
    return kept_ != nullptr ? pos_ == kept_->docids.size() : it_ == end_;
  }
  Xapian::docid get_docid() const override { return kept_ != nullptr ? kept_->docids[pos_] : *it_; }

  double get_weight() const override {
    if (kept_ != nullptr) return kept_->parts[pos_] * idf_factor_;
    Xapian::termcount length;
    if (!memory_->FindLength(*it_, &length)) length = db_.get_doclength(*it_);
    return PassagePart(it_.get_wdf(), length, c_average_, b_) * idf_factor_;
  }

 private:
  void ToEnd() {
    if (kept_ != nullptr) {
      pos_ = kept_->docids.size();
    } else {
      it_ = end_;
    }
  }

  // The first position from pos_ on whose passage is `did` or later (the term's passages
  // ascend; skips are mostly short, so look close by first).
  void KeptSkipTo(Xapian::docid did) {
    const std::vector<Xapian::docid>& ids = kept_->docids;
    size_t step = 1, low = pos_;
    while (low + step < ids.size() && ids[low + step] < did) {
      low += step;
      step *= 2;
    }
    const size_t high = std::min(ids.size(), low + step + 1);
    pos_ = std::lower_bound(ids.begin() + low, ids.begin() + high, did) - ids.begin();
  }
  void SkipTo(Xapian::docid did) {
    if (kept_ != nullptr) {
      KeptSkipTo(did);
    } else {
      it_.skip_to(did);
    }
  }

  // To the first passage from `did` on that holds the term (and is one of only_).
  void MoveTo(Xapian::docid did) {
    if (only_ == nullptr) {
      SkipTo(did);
      return;
    }
    while (!at_end()) {
      at_only_ = std::lower_bound(only_->begin() + at_only_, only_->end(), did) - only_->begin();
      if (at_only_ == only_->size()) {
        ToEnd();
        return;
      }
      SkipTo((*only_)[at_only_]);
      if (at_end() || get_docid() == (*only_)[at_only_]) return;
      did = get_docid();
    }
  }

  std::string term_;
  double factor_;
  std::shared_ptr<const IneB2Memory> memory_;
  std::shared_ptr<const std::vector<Xapian::docid>> only_;
  size_t at_only_ = 0;
  Xapian::doccount matches_min_ = 0, matches_max_ = 0;
  Xapian::Database db_;
  std::shared_ptr<const IneB2Memory::KeptPostings> kept_;  // null: walk Xapian's list
  size_t pos_ = 0;                                         // in kept_
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
  Xapian::doccount termfreq_ = 0;
  double idf_factor_ = 0, c_average_ = 0, b_ = 0;
};

}  // namespace

Xapian::Query IneB2TermQuery(const std::string& term, double factor,
                             std::shared_ptr<const IneB2Memory> memory,
                             std::shared_ptr<const std::vector<Xapian::docid>> only) {
  auto* source = new IneB2Term(term, factor, std::move(memory), std::move(only));
  return Xapian::Query(source->release());
}

}  // namespace fg
