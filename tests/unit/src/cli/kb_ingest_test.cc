#include "src/cli/kb_ingest.h"

#include <gtest/gtest.h>

#include "tests/testing/temp_dir.h"

namespace fg::cli {
namespace {

TEST(ShardTest, ParsesIndexOverCount) {
  auto shard = ParseShard("1/3");
  ASSERT_TRUE(shard.ok());
  EXPECT_EQ(shard->index, 1u);
  EXPECT_EQ(shard->count, 3u);
  for (const char* bad : {"3/3", "0/0", "1", "a/2", "1/2x", "-1/2", "/2", "1/"}) {
    EXPECT_FALSE(ParseShard(bad).ok()) << bad;
  }
}

TEST(ShardTest, EveryDocumentLandsInExactlyOneShard) {
  std::vector<ShardFilter> shards = {{0, 3}, {1, 3}, {2, 3}};
  std::vector<size_t> sizes(3, 0);
  for (int i = 0; i < 3000; ++i) {
    Document doc;
    doc.id = "doc-" + std::to_string(i);
    int owners = 0;
    for (size_t s = 0; s < shards.size(); ++s) {
      if (shards[s].Keeps(doc)) {
        ++owners;
        ++sizes[s];
      }
    }
    EXPECT_EQ(owners, 1) << doc.id;
  }
  for (size_t size : sizes) EXPECT_GT(size, 900u);  // roughly even
  Document any;
  any.id = "x";
  EXPECT_TRUE(ShardFilter{}.Keeps(any));
}

TEST(ShardTest, ShardOfIsStable) {
  // It must never change: KBs split by one version are extended by the next. The empty id hashes
  // to FNV-1a's offset basis.
  EXPECT_EQ(ShardOf("lincoln", 1), 0u);
  EXPECT_EQ(ShardOf("lincoln", 7), 2u);
  EXPECT_EQ(ShardOf("lincoln", 1000), 422u);
  EXPECT_EQ(ShardOf("", 2), 1469598103934665603ull % 2);
}

TEST(ShardTest, IngestKeepsOnlyItsShard) {
  testing::TempDir dir;
  std::string corpus;
  for (int i = 0; i < 40; ++i) {
    corpus += R"({"id": "d)" + std::to_string(i) + R"(", "title": "T", "text": "Fact number )" +
              std::to_string(i) + ".\"}\n";
  }
  std::string file = dir.Write("c.jsonl", corpus).string();
  size_t total = 0;
  for (size_t s = 0; s < 2; ++s) {
    IngestReport report;
    ASSERT_TRUE(IngestFiles((dir.path() / ("kb" + std::to_string(s))).string(), {file}, {}, &report,
                            {}, ShardFilter{s, 2})
                    .ok());
    EXPECT_GT(report.counts.documents_added, 5u);
    total += report.counts.documents_added;
  }
  EXPECT_EQ(total, 40u);
}

}  // namespace
}  // namespace fg::cli
