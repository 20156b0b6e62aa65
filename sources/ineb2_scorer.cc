#include "sources/ineb2_scorer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fg {

std::shared_ptr<const PassageLengths> PassageLengths::Read(const Xapian::Database& db) {
  auto table = std::make_shared<PassageLengths>();
  table->revision_ = db.get_revision();
  table->lengths_.assign(static_cast<size_t>(db.get_lastdocid()) + 1, kAbsent);
  // The empty term's posting list is every passage, in order: one forward read of the lengths.
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    table->lengths_[*it] = it.get_doclength();
  }
  return table;
}

namespace {

// One query term as a posting source weighted like Xapian::IneB2Weight(1.0):
//   wdfn = wdf * log2(1 + c * average length / length)
//   weight = wdfn / (wdfn + 1) * (F + 1) / n * idf * factor,
//   idf = log2((N + 1) / (N * (1 - exp(-F / N)) + 0.5)),
// N passages, n of them holding the term, F its occurrences in all of them. The upper bound is
// IneB2Weight's, from the largest wdf and the shortest passage.
class IneB2Term : public Xapian::PostingSource {
 public:
  IneB2Term(std::string term, double factor, std::shared_ptr<const PassageLengths> lengths,
            std::shared_ptr<const std::vector<Xapian::docid>> only)
      : term_(std::move(term)),
        factor_(factor),
        lengths_(std::move(lengths)),
        only_(std::move(only)) {}

  Xapian::PostingSource* clone() const override {
    return new IneB2Term(term_, factor_, lengths_, only_);
  }
  std::string name() const override { return "fg::IneB2Term"; }

  void init(const Xapian::Database& db) override {
    db_ = db;
    it_ = db.postlist_begin(term_);
    end_ = db.postlist_end(term_);
    started_ = false;
    at_only_ = 0;
    termfreq_ = db.get_termfreq(term_);
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
    const double f = static_cast<double>(db.get_collection_freq(term_));
    const double n = termfreq_;
    const double expected = n_passages * (1.0 - std::exp(-f / n_passages));
    const double idf = std::log2((n_passages + 1.0) / (expected + 0.5));
    idf_factor_ = idf * factor_;
    c_average_ = db.get_avlength();
    b_ = (f + 1.0) / n;
    double wdfn_upper = db.get_wdf_upper_bound(term_);
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
    } else if (it_ != end_) {
      MoveTo(*it_ + 1);
    }
    if (min_weight > get_maxweight()) it_ = end_;
  }
  void skip_to(Xapian::docid did, double min_weight) override {
    started_ = true;
    if (it_ != end_ && *it_ < did) MoveTo(did);
    if (min_weight > get_maxweight()) it_ = end_;
  }
  bool at_end() const override { return it_ == end_; }
  Xapian::docid get_docid() const override { return *it_; }

  // To the first passage from `did` on that holds the term (and is one of only_).
  void MoveTo(Xapian::docid did) {
    if (only_ == nullptr) {
      it_.skip_to(did);
      return;
    }
    while (it_ != end_) {
      at_only_ = std::lower_bound(only_->begin() + at_only_, only_->end(), did) - only_->begin();
      if (at_only_ == only_->size()) {
        it_ = end_;
        return;
      }
      it_.skip_to((*only_)[at_only_]);
      if (it_ == end_ || *it_ == (*only_)[at_only_]) return;
      did = *it_;
    }
  }

  double get_weight() const override {
    const Xapian::termcount wdf = it_.get_wdf();
    if (wdf == 0) return 0.0;
    Xapian::termcount length;
    if (!lengths_->Find(*it_, &length)) length = db_.get_doclength(*it_);
    const double wdfn = wdf * std::log2(1 + c_average_ / length);
    return wdfn * b_ / (wdfn + 1.0) * idf_factor_;
  }

 private:
  std::string term_;
  double factor_;
  std::shared_ptr<const PassageLengths> lengths_;
  std::shared_ptr<const std::vector<Xapian::docid>> only_;
  size_t at_only_ = 0;
  Xapian::doccount matches_min_ = 0, matches_max_ = 0;
  Xapian::Database db_;
  Xapian::PostingIterator it_, end_;
  bool started_ = false;
  Xapian::doccount termfreq_ = 0;
  double idf_factor_ = 0, c_average_ = 0, b_ = 0;
};

}  // namespace

Xapian::Query IneB2TermQuery(const std::string& term, double factor,
                             std::shared_ptr<const PassageLengths> lengths,
                             std::shared_ptr<const std::vector<Xapian::docid>> only) {
  auto* source = new IneB2Term(term, factor, std::move(lengths), std::move(only));
  return Xapian::Query(source->release());
}

}  // namespace fg
