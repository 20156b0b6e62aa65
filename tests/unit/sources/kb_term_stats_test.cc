#include "sources/kb_term_stats.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace fg {
namespace {

TEST(KbTermStatsTest, RareKbTermsWeighMore) {
  std::string dir = (std::filesystem::temp_directory_path() / "fg_kb_term_stats_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  {
    auto writer = KbWriter::Open(dir);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (int i = 0; i < 6; ++i) {
      Document d;
      d.id = "d" + std::to_string(i);
      d.text = i == 0 ? "Lincoln was a president in 1861." : "A president was elected.";
      ASSERT_TRUE((*writer)->Add(d).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto kb = XapianKb::Open({dir});
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  KbTermStats stats(kb->get());
  EXPECT_GT(stats.Idf("lincoln"), stats.Idf("presid"));  // stems, as the indexer writes them
  EXPECT_GT(stats.Idf("unseen"), stats.Idf("lincoln"));
  EXPECT_DOUBLE_EQ(stats.Idf("1861"), stats.Idf("lincoln"));  // numbers are indexed as written
  EXPECT_DOUBLE_EQ(stats.Idf("lincoln"), SmoothedIdf(6, 1));
  std::filesystem::remove_all(dir);
}

// A KB folder deleted and built again while open: the remembered counts are the old database's
// and must go (regression: they stayed until the cache turned over).
TEST(KbTermStatsTest, ForgetsACountsOfAKbBuiltAgain) {
  std::string dir = (std::filesystem::temp_directory_path() / "fg_kb_term_new_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  auto build = [&](int documents, int with_lincoln) {
    std::filesystem::remove_all(dir);
    auto writer = KbWriter::Open(dir);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (int i = 0; i < documents; ++i) {
      Document d;
      d.id = "d" + std::to_string(i);
      d.text = i < with_lincoln ? "Lincoln was a president." : "A president was elected.";
      ASSERT_TRUE((*writer)->Add(d).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  };
  build(6, 1);
  XapianKbOptions options;
  options.replacement_check_ms = 0;
  auto kb = XapianKb::Open({dir}, options);
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  KbTermStats stats(kb->get());
  EXPECT_DOUBLE_EQ(stats.Idf("lincoln"), SmoothedIdf(6, 1));
  build(3, 3);
  ASSERT_TRUE((*kb)->Search("president", 5).ok());  // the search notices the new database
  EXPECT_EQ((*kb)->generation(), 1u);
  EXPECT_DOUBLE_EQ(stats.Idf("lincoln"), SmoothedIdf(3, 3));
  EXPECT_EQ(stats.DocumentFrequency("lincoln"), 3u);
  std::filesystem::remove_all(dir);
}

TEST(KbTermStatsTest, DocumentFrequencyCountsPassagesHoldingTheStem) {
  std::string dir = (std::filesystem::temp_directory_path() / "fg_kb_term_df_XXXXXX").string();
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  auto add = [&](const std::string& id, const std::string& title, const std::string& text) {
    auto writer = KbWriter::Open(dir);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    Document d;
    d.id = id;
    d.title = title;
    d.text = text;
    ASSERT_TRUE((*writer)->Add(d).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  };
  add("d1", "", "Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
  add("d2", "Atwood", "The Handmaid's Tale is a novel by the Canadian author.");
  add("d3", "", "Lincoln's presidents and Jean-Paul Sartre.");
  add("d0", "Pablo Larra\xC3\xADn", "A Chilean director.");
  auto kb = XapianKb::Open({dir});
  ASSERT_TRUE(kb.ok()) << kb.status().ToString();
  KbTermStats stats(kb->get());
  // Stems as TermForToken gives them, capitalised words and possessives included.
  EXPECT_EQ(stats.DocumentFrequency("lincoln"), 2u);
  EXPECT_EQ(stats.DocumentFrequency("assassin"), 1u);
  EXPECT_EQ(stats.DocumentFrequency("handmaid"), 1u);
  EXPECT_EQ(stats.DocumentFrequency("atwood"), 1u);  // from the title
  EXPECT_EQ(stats.DocumentFrequency("presid"), 1u);
  EXPECT_EQ(stats.DocumentFrequency("sartr"), 1u);  // the indexer splits "Jean-Paul" at hyphens
  EXPECT_EQ(stats.DocumentFrequency("1865"), 1u);
  // TermForToken folds accents; the KB counts the folded word too (regression: it had none).
  EXPECT_EQ(stats.DocumentFrequency("larrain"), 1u);
  EXPECT_EQ(stats.DocumentFrequency("meridian"), 0u);
  EXPECT_EQ(stats.DocumentFrequency(""), std::nullopt);
  // Idf keeps its meaning, and shares what DocumentFrequency looked up.
  EXPECT_DOUBLE_EQ(stats.Idf("lincoln"), SmoothedIdf(4, 2));
  EXPECT_DOUBLE_EQ(stats.Idf("meridian"), SmoothedIdf(4, 0));

  // A word added later is seen at once, though its count of 0 was looked up before.
  add("d4", "", "The meridian passes through Greenwich.");
  EXPECT_EQ(stats.DocumentFrequency("meridian"), 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fg
