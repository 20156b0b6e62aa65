#include "sources/ineb2_scorer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

// A Glass database of 600 passages of random length over a small vocabulary, so that words are
// frequent, repeat inside passages and stand next to each other often ("alpha beta").
class IneB2ScorerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(temp_.path().empty());
    dir_ = temp_.path() / "db";
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator indexer;
    indexer.set_stemmer(Xapian::Stem("english"));
    indexer.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::mt19937 rng(7);
    const std::vector<std::string> words = {"alpha",  "beta", "gamma", "delta",     "epsilon",
                                            "zeta",   "eta",  "theta", "iota",      "kappa",
                                            "lambda", "mu",   "rare",  "alpha beta"};
    std::uniform_int_distribution<int> length(1, 40), pick(0, static_cast<int>(words.size()) - 2);
    for (int i = 0; i < 600; ++i) {
      std::string text;
      int n = length(rng);
      for (int w = 0; w < n; ++w) {
        // "rare" in few passages; "alpha beta" side by side in many.
        int k = pick(rng);
        if (words[k] == "rare" && i % 37 != 0) k = 0;
        text += (rng() % 5 == 0 ? words.back() : words[k]) + " ";
      }
      Xapian::Document doc;
      indexer.set_document(doc);
      indexer.index_text(text);
      if (i % 3 == 0) indexer.index_text("gamma delta", 2);  // a "title" with wdf 2
      db.add_document(doc);
    }
    db.delete_document(5);  // a gap in the document numbers
    db.commit();
  }

  using TermLeafFn = std::function<Xapian::Query(const std::string&, double)>;
  // Builds a query from term leaves; `ours` tells which leaves it is given.
  using MakeQuery = std::function<Xapian::Query(const TermLeafFn& leaf, bool ours)>;

  // Xapian's own IneB2 ranking of a query next to the same query made of IneB2TermQuery leaves,
  // once walking Xapian's posting lists and once with every list kept in memory.
  void ExpectSameRanking(const MakeQuery& make, const std::string& what, size_t k = 50) {
    Xapian::Database db(dir_.string());
    ExpectSameRanking(make, what + " (Xapian's lists)", k, IneB2Memory::Read(db, 0));
    std::shared_ptr<const IneB2Memory> kept = IneB2Memory::Read(db, size_t{1} << 20, 1);
    ExpectSameRanking(make, what + " (lists kept)", k, kept);
    EXPECT_GT(kept->posting_bytes(), 0u) << what;
    // Room for about one list: some leaves read memory, the others Xapian.
    const size_t one_list = db.get_termfreq("Zalpha") * (sizeof(Xapian::docid) + sizeof(double));
    ExpectSameRanking(make, what + " (some lists kept)", k, IneB2Memory::Read(db, one_list, 1));
  }
  void ExpectSameRanking(const MakeQuery& make, const std::string& what, size_t k,
                         std::shared_ptr<const IneB2Memory> memory) {
    Xapian::Database db(dir_.string());
    Xapian::Enquire xapian(db);
    xapian.set_weighting_scheme(Xapian::IneB2Weight());
    xapian.set_query(make(
        [](const std::string& t, double f) {
          return f == 1.0 ? Xapian::Query(t) : Xapian::Query(f, Xapian::Query(t));
        },
        false));
    Xapian::MSet expected = xapian.get_mset(0, static_cast<Xapian::doccount>(k));
    Xapian::Enquire ours(db);
    ours.set_weighting_scheme(Xapian::IneB2Weight());
    ours.set_query(
        make([&](const std::string& t, double f) { return IneB2TermQuery(t, f, memory); }, true));
    Xapian::MSet got = ours.get_mset(0, static_cast<Xapian::doccount>(k));
    ASSERT_GT(expected.size(), 0u) << what;
    ASSERT_EQ(got.size(), expected.size()) << what;
    for (Xapian::doccount i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(*got[i], *expected[i]) << what << " rank " << i;
      EXPECT_NEAR(got[i].get_weight(), expected[i].get_weight(), 1e-9 * expected[i].get_weight())
          << what << " rank " << i;
    }
  }

  // A restricted leaf against the unrestricted one, with lengths and kept postings from `lengths`.
  void ExpectRestricted(std::shared_ptr<const IneB2Memory> lengths, const std::string& what);

  testing::TempDir temp_;
  fs::path dir_;
};

Xapian::Query Or(std::vector<Xapian::Query> parts) {
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

TEST_F(IneB2ScorerTest, LengthsAreXapians) {
  Xapian::Database db(dir_.string());
  std::shared_ptr<const IneB2Memory> lengths = IneB2Memory::Read(db);
  EXPECT_EQ(lengths->revision(), db.get_revision());
  size_t seen = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    Xapian::termcount length = 0;
    if (did == 5) {
      EXPECT_FALSE(lengths->FindLength(did, &length));  // deleted
      continue;
    }
    ASSERT_TRUE(lengths->FindLength(did, &length)) << did;
    EXPECT_EQ(length, db.get_doclength(did)) << did;
    ++seen;
  }
  EXPECT_EQ(seen, db.get_doccount());
  Xapian::termcount length = 0;
  EXPECT_FALSE(lengths->FindLength(db.get_lastdocid() + 1, &length));
  EXPECT_FALSE(lengths->FindLength(0, &length));
}

TEST_F(IneB2ScorerTest, SingleTermsWeighAsXapianWeighsThem) {
  ExpectSameRanking([](const TermLeafFn& leaf, bool) { return leaf("Zalpha", 1.0); }, "one word");
  ExpectSameRanking([](const TermLeafFn& leaf, bool) { return leaf("Zrare", 1.0); }, "a rare word");
  ExpectSameRanking(
      [](const TermLeafFn& leaf, bool) {
        return Or({leaf("Zalpha", 2.0), leaf("Zgamma", 1.0), leaf("Zrare", 2.0),
                   leaf("Zdelta", 0.4), leaf("Znowher", 1.0)});
      },
      "scaled words and one absent from the KB");
}

TEST_F(IneB2ScorerTest, PhrasesAndRepeatedTermsWeighAsXapianWeighsThem) {
  auto phrase = [](const std::vector<std::string>& words) {
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                         static_cast<Xapian::termcount>(words.size()));
  };
  // Xapian weighs a phrase as the sum of its words; ours is the AND of the words' leaves,
  // filtered by the phrase (as BuildQuery makes it).
  ExpectSameRanking(
      [&](const TermLeafFn& leaf, bool ours) {
        Xapian::Query words(Xapian::Query::OP_AND, leaf("alpha", 1.0), leaf("beta", 1.0));
        Xapian::Query p =
            ours ? Xapian::Query(Xapian::Query::OP_FILTER, words, phrase({"alpha", "beta"}))
                 : phrase({"alpha", "beta"});
        return Or({leaf("Zalpha", 2.0), leaf("Zbeta", 2.0), p});
      },
      "a phrase next to its stemmed words");
  // The same term twice: each leaf counts once (wqf 1), as Xapian counts it.
  ExpectSameRanking(
      [&](const TermLeafFn& leaf, bool) {
        return Or({leaf("Zalpha", 1.0), leaf("Zalpha", 2.0), leaf("Zbeta", 1.0)});
      },
      "a term in two leaves");
}

TEST_F(IneB2ScorerTest, RestrictedLeafMatchesOnlyTheGivenPassages) {
  Xapian::Database db(dir_.string());
  ExpectRestricted(IneB2Memory::Read(db, 0), "Xapian's lists");
  ExpectRestricted(IneB2Memory::Read(db, size_t{1} << 20, 1), "lists kept");
}

void IneB2ScorerTest::ExpectRestricted(std::shared_ptr<const IneB2Memory> lengths,
                                       const std::string& what) {
  SCOPED_TRACE(what);
  Xapian::Database db(dir_.string());
  auto only = std::make_shared<std::vector<Xapian::docid>>();
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); did += 7) only->push_back(did);
  Xapian::Enquire all(db), some(db);
  all.set_query(IneB2TermQuery("Zalpha", 1.0, lengths));
  some.set_query(IneB2TermQuery("Zalpha", 1.0, lengths, only));
  Xapian::MSet everywhere = all.get_mset(0, db.get_doccount());
  Xapian::MSet restricted = some.get_mset(0, db.get_doccount());
  size_t expected = 0;
  for (Xapian::MSetIterator it = everywhere.begin(); it != everywhere.end(); ++it) {
    if ((*it - 1) % 7 != 0) continue;
    ++expected;
    Xapian::MSetIterator found = restricted.begin();
    while (found != restricted.end() && *found != *it) ++found;
    ASSERT_NE(found, restricted.end()) << *it;
    EXPECT_DOUBLE_EQ(found.get_weight(), it.get_weight());
  }
  EXPECT_GT(expected, 10u);
  EXPECT_EQ(restricted.size(), expected);
}

TEST_F(IneB2ScorerTest, KeepsFrequentListsWithinTheBudget) {
  Xapian::Database db(dir_.string());
  const Xapian::doccount alpha = db.get_termfreq("Zalpha"), beta = db.get_termfreq("Zbeta");
  const Xapian::doccount rare = db.get_termfreq("Zrare");
  ASSERT_GT(rare, 0u);
  ASSERT_GT(alpha, rare);
  ASSERT_GT(beta, rare);
  const size_t per_posting = sizeof(Xapian::docid) + sizeof(double);
  std::shared_ptr<const IneB2Memory> memory = IneB2Memory::Read(db, alpha * per_posting, rare + 1);
  EXPECT_EQ(memory->Postings(db, "Zrare", rare), nullptr);  // rarer than the minimum
  auto kept = memory->Postings(db, "Zalpha", alpha);
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(memory->Postings(db, "Zalpha", alpha), kept);  // kept once, not read again
  EXPECT_EQ(memory->posting_bytes(), alpha * per_posting);
  EXPECT_EQ(memory->Postings(db, "Zbeta", beta), nullptr);  // the budget is spent
  std::vector<Xapian::docid> xapian;
  for (auto it = db.postlist_begin("Zalpha"); it != db.postlist_end("Zalpha"); ++it) {
    xapian.push_back(*it);
  }
  EXPECT_EQ(kept->docids, xapian);
  ASSERT_EQ(kept->parts.size(), xapian.size());
  EXPECT_EQ(IneB2Memory::Read(db, 0, 1)->Postings(db, "Zalpha", alpha), nullptr);  // no budget
}

TEST_F(IneB2ScorerTest, KeepsNoListFromAnotherRevision) {
  Xapian::Database old_db(dir_.string());
  std::shared_ptr<const IneB2Memory> memory = IneB2Memory::Read(old_db, size_t{1} << 20, 1);
  {
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_term("Zalpha");
    db.add_document(doc);
    db.commit();
  }
  Xapian::Database new_db(dir_.string());
  ASSERT_NE(new_db.get_revision(), memory->revision());
  EXPECT_EQ(memory->Postings(new_db, "Zalpha", new_db.get_termfreq("Zalpha")), nullptr);
  EXPECT_EQ(memory->posting_bytes(), 0u);
}

TEST_F(IneB2ScorerTest, RemembersTermStatisticsOfItsOwnRevisionOnly) {
  Xapian::Database old_db(dir_.string());
  std::shared_ptr<const IneB2Memory> memory = IneB2Memory::Read(old_db);
  for (const char* term : {"Zalpha", "Zrare", "Znowhere"}) {
    SCOPED_TRACE(term);
    for (int ask = 0; ask < 2; ++ask) {  // looked up, then remembered
      IneB2Memory::TermStatistics s = memory->Statistics(old_db, term);
      EXPECT_EQ(s.termfreq, old_db.get_termfreq(term));
      EXPECT_EQ(s.collection_freq, old_db.get_collection_freq(term));
      EXPECT_EQ(s.wdf_upper_bound, old_db.get_wdf_upper_bound(term));
    }
  }
  const Xapian::doccount before = old_db.get_termfreq("Zalpha");
  {
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_term("Zalpha", 7);
    db.add_document(doc);
    db.commit();
  }
  Xapian::Database new_db(dir_.string());
  // Another revision's statistics are its own, never the remembered ones.
  IneB2Memory::TermStatistics s = memory->Statistics(new_db, "Zalpha");
  EXPECT_EQ(s.termfreq, before + 1);
  EXPECT_EQ(s.collection_freq, new_db.get_collection_freq("Zalpha"));
  EXPECT_EQ(memory->Statistics(old_db, "Zalpha").termfreq, before);
}

}  // namespace
}  // namespace fg
