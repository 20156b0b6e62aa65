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

}  // namespace
}  // namespace fg
