#include "src/core/rank_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace fg {
namespace {

Passage MakePassage(std::string doc, std::string title, std::string text, double score, int rank) {
  Passage p;
  p.doc_id = std::move(doc);
  p.title = std::move(title);
  p.source = "kb";
  p.text = std::move(text);
  p.score = score;
  p.rank = rank;
  return p;
}

class RankFeaturesTest : public ::testing::Test {
 protected:
  RankFeaturesTest() : aligner_(nullptr, nullptr) {}

  // The rows of `passages` against `claim`, as the pipeline computes them.
  std::vector<float> Rows(const std::string& claim, const std::vector<Passage>& passages,
                          size_t k = 4) {
    PreparedClaim prepared = aligner_.Prepare(claim);
    std::vector<EvidenceSentence> scored = aligner_.ScoreSentences(prepared, passages);
    return ComputeRankFeatures(aligner_, prepared, passages, scored, k);
  }
  static float At(const std::vector<float>& rows, size_t passage, const std::string& name) {
    const auto& names = RankFeatureNames();
    auto it = std::find(names.begin(), names.end(), name);
    EXPECT_NE(it, names.end()) << name;
    return rows[passage * names.size() + static_cast<size_t>(it - names.begin())];
  }

  Aligner aligner_;
};

TEST_F(RankFeaturesTest, NamesAreDistinctAndOneRowPerPassage) {
  const auto& names = RankFeatureNames();
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<Passage> passages = {MakePassage("a", "A", "One sentence.", 1, 0),
                                   MakePassage("b", "B", "Another one. And more.", 1, 1)};
  EXPECT_EQ(Rows("One sentence", passages).size(), 2 * names.size());
  EXPECT_TRUE(Rows("One sentence", {}).empty());
}

TEST_F(RankFeaturesTest, TheSentenceThatCoversTheClaimScoresHigher) {
  std::vector<Passage> passages = {
      MakePassage("noise", "Cats", "Cats sleep all day. Cats purr.", 10, 0),
      MakePassage("lincoln", "Abraham Lincoln", "He was a lawyer. Lincoln was born in Kentucky.", 5,
                  1)};
  std::vector<float> rows = Rows("Lincoln was born in Kentucky", passages);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_sentence_alignment"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_sentence_alignment"), 0.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_sentence_vs_pool"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_sentence_rank"), 0.0f);  // no passage is better
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_sentence_rank"), 0.5f);  // one of two is better
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_passage_coverage"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_ordered_pairs"), 1.0f);  // born-Kentucky-Lincoln in order
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_heaviest_missing"), 0.0f);
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_heaviest_missing"), 1.0f);
  EXPECT_GT(At(rows, 1, "rank_title_coverage"), 0.0f);  // "Lincoln" is in the title
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_title_coverage"), 0.0f);
  // Retrieval: relative to the best score, and the position out of k = 4.
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_retrieval_relative"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_retrieval_relative"), 0.5f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_retrieval_position"), 0.25f);
  // "Lincoln" and "Kentucky" are names; the claim has no numbers.
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_names_covered"), 1.0f);
  EXPECT_TRUE(std::isnan(At(rows, 1, "rank_numbers_covered")));
  // Of the sentence's terms (lincoln, born, kentucky) all are the claim's.
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_sentence_precision"), 1.0f);
}

TEST_F(RankFeaturesTest, QuotedTitlesSharedDocumentsAndArticles) {
  std::vector<Passage> passages = {
      MakePassage("Polar bear:1", "Polar bear", "\"Are polar bear populations increasing?\".", 9,
                  0),
      MakePassage("Polar bear:2", "Polar bear", "Polar bear populations are declining.", 8, 1),
      MakePassage("doc", "Seal", "Seals eat fish.", 2, 2),
      MakePassage("doc", "Seal", "Seals live on ice.", 1, 3)};
  std::vector<float> rows = Rows("The polar bear population is growing", passages);
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_quoted_title"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_quoted_title"), 0.0f);
  EXPECT_FLOAT_EQ(At(rows, 2, "rank_doc_share"), 0.5f);  // two of the four passages are "doc"
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_doc_share"), 0.25f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_title_share"), 0.5f);  // two are from "Polar bear"
  // An article's best passage speaks for all its passages.
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_title_best_retrieval"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 3, "rank_title_best_retrieval"), 2.0f / 9.0f);
}

TEST_F(RankFeaturesTest, SourcesWithoutScoresFallBackToPositions) {
  std::vector<Passage> passages = {MakePassage("a", "", "Lincoln was born.", 0, 0),
                                   MakePassage("b", "", "Lincoln died.", 0, 2)};
  std::vector<float> rows = Rows("Lincoln was born", passages, 4);
  EXPECT_FLOAT_EQ(At(rows, 0, "rank_retrieval_relative"), 1.0f);
  EXPECT_FLOAT_EQ(At(rows, 1, "rank_retrieval_relative"), 0.5f);
  EXPECT_TRUE(std::isnan(At(rows, 0, "rank_title_share")));  // no title
}

}  // namespace
}  // namespace fg
