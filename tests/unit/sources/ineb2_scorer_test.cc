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

  // Xapian's own IneB2 ranking of a query next to the same query made of IneB2TermQuery leaves.
  void ExpectSameRanking(const MakeQuery& make, const std::string& what, size_t k = 50) {
    Xapian::Database db(dir_.string());
    std::shared_ptr<const PassageLengths> lengths = PassageLengths::Read(db);
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
        make([&](const std::string& t, double f) { return IneB2TermQuery(t, f, lengths); }, true));
    Xapian::MSet got = ours.get_mset(0, static_cast<Xapian::doccount>(k));
    ASSERT_GT(expected.size(), 0u) << what;
    ASSERT_EQ(got.size(), expected.size()) << what;
    for (Xapian::doccount i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(*got[i], *expected[i]) << what << " rank " << i;
      EXPECT_NEAR(got[i].get_weight(), expected[i].get_weight(), 1e-9 * expected[i].get_weight())
          << what << " rank " << i;
    }
  }

  testing::TempDir temp_;
  fs::path dir_;
};

Xapian::Query Or(std::vector<Xapian::Query> parts) {
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

TEST_F(IneB2ScorerTest, LengthsAreXapians) {
  Xapian::Database db(dir_.string());
  std::shared_ptr<const PassageLengths> lengths = PassageLengths::Read(db);
  EXPECT_EQ(lengths->revision(), db.get_revision());
  size_t seen = 0;
  for (Xapian::docid did = 1; did <= db.get_lastdocid(); ++did) {
    Xapian::termcount length = 0;
    if (did == 5) {
      EXPECT_FALSE(lengths->Find(did, &length));  // deleted
      continue;
    }
    ASSERT_TRUE(lengths->Find(did, &length)) << did;
    EXPECT_EQ(length, db.get_doclength(did)) << did;
    ++seen;
  }
  EXPECT_EQ(seen, db.get_doccount());
  Xapian::termcount length = 0;
  EXPECT_FALSE(lengths->Find(db.get_lastdocid() + 1, &length));
  EXPECT_FALSE(lengths->Find(0, &length));
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
  std::shared_ptr<const PassageLengths> lengths = PassageLengths::Read(db);
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

}  // namespace
}  // namespace fg
