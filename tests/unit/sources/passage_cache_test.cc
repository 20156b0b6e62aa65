#include "sources/passage_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "src/core/alignment.h"

namespace fg {
namespace {

std::shared_ptr<const Passage> MakePassage(const std::string& id, size_t text_bytes) {
  auto p = std::make_shared<Passage>();
  p->doc_id = id;
  p->title = "a title long enough to own a heap block";
  p->text = std::string(text_bytes, 'x');
  return p;
}

TEST(PassageCacheTest, FindsWhatWasAdded) {
  PassageCache cache(7, 1 << 20);
  EXPECT_EQ(cache.revision(), 7u);
  EXPECT_EQ(cache.Find(1), nullptr);
  auto p = MakePassage("doc-1", 100);
  cache.Add(1, p);
  EXPECT_EQ(cache.Find(1), p);
  EXPECT_EQ(cache.Find(2), nullptr);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), PassageCache::CostOf(*p));
}

TEST(PassageCacheTest, CountsAPassagesAnalysisToo) {
  Passage p = *MakePassage("doc-1", 0);
  p.text = "One sentence here. Another sentence there.";
  const size_t bare = PassageCache::CostOf(p);
  p.analysis = AnalyzePassage(p);
  EXPECT_EQ(PassageCache::CostOf(p), bare + p.analysis->bytes());
}

TEST(PassageCacheTest, ReplacingAPassageCountsItOnce) {
  PassageCache cache(1, 1 << 20);
  cache.Add(1, MakePassage("old", 100));
  auto newer = MakePassage("new", 300);
  cache.Add(1, newer);
  EXPECT_EQ(cache.Find(1), newer);
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(cache.bytes(), PassageCache::CostOf(*newer));
}

TEST(PassageCacheTest, DropsTheLeastRecentlyUsedToStayWithinTheBudget) {
  const size_t cost = PassageCache::CostOf(*MakePassage("d", 1000));
  PassageCache cache(1, 3 * cost);  // room for three
  for (Xapian::docid did = 1; did <= 3; ++did) cache.Add(did, MakePassage("d", 1000));
  ASSERT_NE(cache.Find(1), nullptr);  // 1 is now the most recently used; 2 the least
  cache.Add(4, MakePassage("d", 1000));
  EXPECT_EQ(cache.Find(2), nullptr);
  EXPECT_NE(cache.Find(1), nullptr);
  EXPECT_NE(cache.Find(3), nullptr);
  EXPECT_NE(cache.Find(4), nullptr);
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_LE(cache.bytes(), 3 * cost);
}

TEST(PassageCacheTest, KeepsNothingLargerThanTheBudget) {
  PassageCache cache(1, 500);
  cache.Add(1, MakePassage("big", 1000));
  EXPECT_EQ(cache.Find(1), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
  PassageCache none(1, 0);
  none.Add(1, MakePassage("small", 1));
  EXPECT_EQ(none.size(), 0u);
}

TEST(PassageCacheTest, ManyThreadsAtOnce) {
  const size_t cost = PassageCache::CostOf(*MakePassage("d", 200));
  PassageCache cache(1, 50 * cost);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (Xapian::docid i = 0; i < 2000; ++i) {
        const Xapian::docid did = 1 + (i * 7 + static_cast<Xapian::docid>(t)) % 120;
        std::shared_ptr<const Passage> found = cache.Find(did);
        if (found == nullptr) {
          cache.Add(did, MakePassage("doc-" + std::to_string(did), 200));
        } else {
          EXPECT_EQ(found->doc_id, "doc-" + std::to_string(did));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(cache.bytes(), 50 * cost);
  EXPECT_LE(cache.size(), 50u);
}

}  // namespace
}  // namespace fg
