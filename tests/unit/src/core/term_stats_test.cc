#include "src/core/term_stats.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

TEST(TermStatsTest, TermForTokenStemsWordsAndCleansNumbers) {
  auto toks = Tokenize("The connected 1,865 ponies .");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(TermForToken(toks[0]), "");  // stop word
  EXPECT_EQ(TermForToken(toks[1]), "connect");
  EXPECT_EQ(TermForToken(toks[2]), "1865");
  EXPECT_EQ(TermForToken(toks[3]), "poni");
  EXPECT_EQ(TermForToken(toks[4]), "");
}

TEST(TermStatsTest, OrdinalsMeetTheirWords) {
  auto toks = Tokenize("1st first 16th sixteenth 21st 3rd");
  EXPECT_EQ(TermForToken(toks[0]), TermForToken(toks[1]));
  EXPECT_EQ(TermForToken(toks[2]), TermForToken(toks[3]));
  EXPECT_EQ(TermForToken(toks[4]), "21st");
  EXPECT_EQ(TermForToken(toks[5]), "third");
}

// Regression from FEVER: "directed by Pablo Larrain" did not meet "directed by Pablo Larra\u00edn".
TEST(TermStatsTest, AccentedAndPlainWordsAreOneTerm) {
  auto toks = Tokenize("Larra\u00edn Larrain Sacr\u00e9-C\u0153ur Sacre-Coeur");
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(TermForToken(toks[0]), TermForToken(toks[1]));
  EXPECT_EQ(TermForToken(toks[2]), TermForToken(toks[3]));
}

TEST(TermStatsTest, RareTermsWeighMore) {
  CountingTermStats stats;
  stats.AddDocument("Lincoln was president");
  stats.AddDocument("Washington was president");
  stats.AddDocument("the president spoke, the president left");
  EXPECT_EQ(stats.documents(), 3u);
  EXPECT_GT(stats.Idf("lincoln"), stats.Idf("presid"));
  EXPECT_GT(stats.Idf("unseen"), stats.Idf("lincoln"));
  EXPECT_GT(stats.Idf("presid"), 0.0);
}

TEST(TermStatsTest, CountsDocumentFrequencies) {
  CountingTermStats stats;
  stats.AddDocument("Lincoln was president, president of the Union");
  stats.AddDocument("Washington was president");
  EXPECT_EQ(stats.DocumentFrequency("presid"), 2u);  // once per document
  EXPECT_EQ(stats.DocumentFrequency("lincoln"), 1u);
  EXPECT_EQ(stats.DocumentFrequency("unseen"), 0u);  // known to be absent, not unknown
  EXPECT_EQ(stats.DocumentFrequency("the"), 0u);     // stop words are not counted
  EXPECT_DOUBLE_EQ(stats.Idf("lincoln"), SmoothedIdf(2, 1));
}

TEST(TermStatsTest, DocumentFrequencyIsUnknownByDefault) {
  struct IdfOnly : TermStats {
    double Idf(std::string_view) const override { return 1.0; }
  };
  EXPECT_EQ(IdfOnly().DocumentFrequency("lincoln"), std::nullopt);
}

}  // namespace
}  // namespace fg
