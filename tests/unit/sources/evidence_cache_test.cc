#include "sources/evidence_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1'700'000'000;
constexpr int64_t kTtl = 3600;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

CachedEvidence Entry(std::string source, std::string key, std::string body,
                     int64_t fetched_at = kNow) {
  CachedEvidence e;
  e.source = std::move(source);
  e.key = std::move(key);
  e.content_type = "text/html; charset=utf-8";
  e.body = std::move(body);
  e.fetched_at = fetched_at;
  return e;
}

class EvidenceCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(tmp_.path().empty());
    dir_ = tmp_.path() / "cache";
    auto cache = EvidenceCache::Open({dir_.string(), kTtl});
    ASSERT_TRUE(cache.ok()) << cache.status().ToString();
    cache_ = std::move(*cache);
  }

  fs::path EntryFile(std::string_view source, std::string_view key) const {
    return dir_ / EvidenceCache::EntryPath(source, key);
  }

  testing::TempDir tmp_;
  fs::path dir_;
  std::unique_ptr<EvidenceCache> cache_;
};

TEST_F(EvidenceCacheTest, OpenCreatesTheFolder) {
  EXPECT_TRUE(fs::is_directory(dir_));
  auto nested = EvidenceCache::Open({(tmp_.path() / "a" / "b" / "c").string(), kTtl});
  ASSERT_TRUE(nested.ok()) << nested.status().ToString();
  EXPECT_TRUE(fs::is_directory(tmp_.path() / "a" / "b" / "c"));
}

TEST_F(EvidenceCacheTest, OpenOnAFileFailsClearly) {
  fs::path file = tmp_.Write("plain", "not a folder");
  auto cache = EvidenceCache::Open({file.string(), kTtl});
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(cache.status().message().find("is not a folder"), std::string::npos)
      << cache.status().message();
  EXPECT_NE(cache.status().message().find(file.string()), std::string::npos);

  auto below = EvidenceCache::Open({(file / "sub").string(), kTtl});
  ASSERT_FALSE(below.ok());
  EXPECT_EQ(below.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(below.status().message().find("cannot create folder"), std::string::npos)
      << below.status().message();

  auto empty = EvidenceCache::Open({"", kTtl});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  auto negative = EvidenceCache::Open({dir_.string(), -1});
  ASSERT_FALSE(negative.ok());
}

TEST_F(EvidenceCacheTest, RoundTripsABinaryBody) {
  const char kBytes[] = "\0\x01\xff\xfe<html>\n\0\xc3\x28 end";
  std::string body(kBytes, sizeof kBytes - 1);
  ASSERT_EQ(body.size(), 18u);
  CachedEvidence in = Entry("page", "https://example.org/a?b=1", body);
  in.content_type = "application/octet-stream";
  ASSERT_TRUE(cache_->Put(in).ok());

  auto out = cache_->Get("page", "https://example.org/a?b=1", false, kNow);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->source, "page");
  EXPECT_EQ(out->key, "https://example.org/a?b=1");
  EXPECT_EQ(out->content_type, "application/octet-stream");
  EXPECT_EQ(out->fetched_at, kNow);
  EXPECT_EQ(out->body, body);
}

TEST_F(EvidenceCacheTest, RoundTripsAnEmptyBodyAndOddKeys) {
  std::string key = "line\nbreak \"quoted\" \\ \x01 \xe2\x82\xac \xff";
  ASSERT_TRUE(cache_->Put(Entry("searxng", key, "")).ok());
  auto out = cache_->Get("searxng", key, false, kNow);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->key, key);
  EXPECT_EQ(out->body, "");
}

TEST_F(EvidenceCacheTest, StoresTheDocumentedFileFormat) {
  ASSERT_TRUE(cache_->Put(Entry("mediawiki", "lincoln", "BODY\nBYTES")).ok());
  // FNV-1a 64 of "mediawiki\nlincoln", computed independently.
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : std::string("mediawiki\nlincoln")) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  std::string rel = std::string(hex, 2) + "/" + hex + ".entry";
  EXPECT_EQ(EvidenceCache::EntryPath("mediawiki", "lincoln"), rel);
  EXPECT_EQ(ReadFile(dir_ / rel),
            "{\"source\":\"mediawiki\",\"key\":\"lincoln\",\"content_type\":\"text/html; "
            "charset=utf-8\",\"fetched_at\":1700000000,\"body_bytes\":10}\nBODY\nBYTES");
}

TEST_F(EvidenceCacheTest, MissesWhatWasNeverStored) {
  ASSERT_TRUE(cache_->Put(Entry("mediawiki", "lincoln", "x")).ok());
  EXPECT_FALSE(cache_->Get("mediawiki", "douglass", true, kNow).has_value());
  EXPECT_FALSE(cache_->Get("searxng", "lincoln", true, kNow).has_value());
}

TEST_F(EvidenceCacheTest, PutReplacesTheEntry) {
  ASSERT_TRUE(cache_->Put(Entry("page", "k", "old body that is longer")).ok());
  ASSERT_TRUE(cache_->Put(Entry("page", "k", "new", kNow + 5)).ok());
  auto out = cache_->Get("page", "k", false, kNow + 5);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->body, "new");
  EXPECT_EQ(out->fetched_at, kNow + 5);
}

TEST_F(EvidenceCacheTest, PutRejectsAnEmptySource) {
  Status s = cache_->Put(Entry("", "k", "b"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
}

TEST_F(EvidenceCacheTest, ExpiresAfterTheTtlUnlessExpiredAreAllowed) {
  ASSERT_TRUE(cache_->Put(Entry("searxng", "q", "b", kNow)).ok());
  EXPECT_TRUE(cache_->Get("searxng", "q", false, kNow + kTtl).has_value());  // exactly the TTL
  EXPECT_FALSE(cache_->Get("searxng", "q", false, kNow + kTtl + 1).has_value());
  auto replay = cache_->Get("searxng", "q", true, kNow + kTtl + 1000000);
  ASSERT_TRUE(replay.has_value());
  EXPECT_EQ(replay->body, "b");
}

TEST_F(EvidenceCacheTest, AnEntryForAnotherKeyUnderThisNameIsAMiss) {
  // A hash collision, made by hand: key b's file placed where key a's belongs.
  ASSERT_TRUE(cache_->Put(Entry("page", "b", "body of b")).ok());
  fs::path a = EntryFile("page", "a");
  fs::create_directories(a.parent_path());
  fs::copy_file(EntryFile("page", "b"), a);
  EXPECT_FALSE(cache_->Get("page", "a", true, kNow).has_value());
  EXPECT_FALSE(cache_->Get("searxng", "b", true, kNow).has_value());
  auto b = cache_->Get("page", "b", true, kNow);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->body, "body of b");
}

TEST_F(EvidenceCacheTest, ATruncatedOrDamagedEntryIsAMiss) {
  ASSERT_TRUE(cache_->Put(Entry("page", "k", "0123456789")).ok());
  fs::path file = EntryFile("page", "k");
  std::string whole = ReadFile(file);
  ASSERT_TRUE(cache_->Get("page", "k", false, kNow).has_value());

  WriteFile(file, whole.substr(0, whole.size() - 1));  // body cut short
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());
  WriteFile(file, whole.substr(0, whole.find('\n')));  // header only, no newline
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());
  WriteFile(file, whole.substr(0, 20));  // header cut short
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());
  WriteFile(file, whole + "extra");  // more than body_bytes
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());
  WriteFile(file, "");
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());

  WriteFile(file, whole);
  EXPECT_TRUE(cache_->Get("page", "k", true, kNow).has_value());
}

TEST_F(EvidenceCacheTest, StatsCountEntriesBytesAndExpired) {
  auto empty = cache_->Stats(kNow);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->entries, 0u);
  EXPECT_EQ(empty->bytes, 0u);
  EXPECT_EQ(empty->expired, 0u);

  ASSERT_TRUE(cache_->Put(Entry("page", "fresh", "abc", kNow)).ok());
  ASSERT_TRUE(cache_->Put(Entry("page", "old", "defg", kNow - kTtl - 1)).ok());
  ASSERT_TRUE(cache_->Put(Entry("page", "damaged", "hij", kNow)).ok());
  fs::path damaged = EntryFile("page", "damaged");
  WriteFile(damaged, ReadFile(damaged) + "!");
  uint64_t bytes = fs::file_size(EntryFile("page", "fresh")) +
                   fs::file_size(EntryFile("page", "old")) + fs::file_size(damaged);

  auto stats = cache_->Stats(kNow);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 3u);
  EXPECT_EQ(stats->bytes, bytes);
  EXPECT_EQ(stats->expired, 2u);  // the old one and the damaged one
}

TEST_F(EvidenceCacheTest, PruneRemovesExpiredOrEverything) {
  ASSERT_TRUE(cache_->Put(Entry("page", "fresh", "abc", kNow)).ok());
  ASSERT_TRUE(cache_->Put(Entry("searxng", "fresh too", "abc", kNow - kTtl)).ok());
  ASSERT_TRUE(cache_->Put(Entry("page", "old", "defg", kNow - kTtl - 1)).ok());
  ASSERT_TRUE(cache_->Put(Entry("mediawiki", "older", "x", 0)).ok());

  auto removed = cache_->Prune(kNow, false);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(*removed, 2u);
  EXPECT_FALSE(fs::exists(EntryFile("page", "old")));
  EXPECT_FALSE(fs::exists(EntryFile("mediawiki", "older")));
  EXPECT_TRUE(cache_->Get("page", "fresh", false, kNow).has_value());
  EXPECT_TRUE(cache_->Get("searxng", "fresh too", false, kNow).has_value());

  removed = cache_->Prune(kNow, false);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0u);

  removed = cache_->Prune(kNow, true);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2u);
  auto stats = cache_->Stats(kNow);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 0u);
  EXPECT_FALSE(cache_->Get("page", "fresh", true, kNow).has_value());
}

TEST_F(EvidenceCacheTest, LeftoverTempFilesAreIgnoredAndPrunedWhenOld) {
  // Temporary files are aged by their modification time, so this test runs on the real clock.
  int64_t real_now = static_cast<int64_t>(std::time(nullptr));
  ASSERT_TRUE(cache_->Put(Entry("page", "k", "body", real_now)).ok());
  fs::path sub = EntryFile("page", "k").parent_path();
  std::string stem = EntryFile("page", "k").stem().string();
  // A crashed Put of a newer version of the same key, and one still being written.
  fs::path stale = sub / (stem + ".1.2.3.tmp");
  fs::path young = sub / (stem + ".1.2.4.tmp");
  WriteFile(stale, "{\"source\":\"page\",\"key\":\"k\",\"content_type\":\"\",\"fetch");
  WriteFile(young, "partial");

  auto got = cache_->Get("page", "k", false, real_now);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->body, "body");
  auto stats = cache_->Stats(real_now);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 1u);
  EXPECT_EQ(stats->expired, 0u);
  EXPECT_EQ(stats->bytes, fs::file_size(EntryFile("page", "k")));

  auto removed = cache_->Prune(real_now, false);  // both are younger than a minute
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0u);
  EXPECT_TRUE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(young));

  fs::last_write_time(stale, fs::file_time_type::clock::now() - std::chrono::minutes(5));
  removed = cache_->Prune(real_now, false);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 0u);  // temporary files are not entries
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(young));
  EXPECT_TRUE(fs::exists(EntryFile("page", "k")));

  removed = cache_->Prune(real_now, true);  // --all still spares a Put in flight
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1u);
  EXPECT_TRUE(fs::exists(young));
}

TEST_F(EvidenceCacheTest, IgnoresUnrelatedFiles) {
  ASSERT_TRUE(cache_->Put(Entry("page", "k", "body")).ok());
  WriteFile(dir_ / "README", "notes");
  fs::create_directories(dir_ / "other");
  WriteFile(dir_ / "other" / "x.entry", "not ours");
  auto stats = cache_->Stats(kNow);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, 1u);
  auto removed = cache_->Prune(kNow, true);
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 1u);
  EXPECT_TRUE(fs::exists(dir_ / "README"));
  EXPECT_TRUE(fs::exists(dir_ / "other" / "x.entry"));
}

TEST_F(EvidenceCacheTest, StatsFailWhenTheFolderIsGone) {
  fs::remove_all(dir_);
  auto stats = cache_->Stats(kNow);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), Status::Code::kUnavailable);
  auto removed = cache_->Prune(kNow, true);
  EXPECT_FALSE(removed.ok());
  EXPECT_FALSE(cache_->Get("page", "k", true, kNow).has_value());
}

struct NormaliseCase {
  const char* in;
  const char* want;
};

TEST(EvidenceCacheNormaliseTest, Queries) {
  const NormaliseCase cases[] = {
      {"Abraham Lincoln", "abraham lincoln"},
      {"  Abraham \t\n LINCOLN  ", "abraham lincoln"},
      {"", ""},
      {" \t\r\n ", ""},
      {"a\f\vb", "a b"},
      {"Ünïcode ÉCOLE", "Ünïcode École"},  // only ASCII letters change
      {"born in 1809?", "born in 1809?"},
      {"a\xc2\xa0"
       "b",
       "a\xc2\xa0"
       "b"},  // a no-break space is not ASCII white space
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EvidenceCache::NormaliseQuery(c.in), c.want) << "input: '" << c.in << "'";
  }
}

TEST(EvidenceCacheNormaliseTest, Urls) {
  const NormaliseCase cases[] = {
      {"HTTPS://En.Wikipedia.ORG/wiki/Abraham_Lincoln",
       "https://en.wikipedia.org/wiki/Abraham_Lincoln"},
      {"http://example.org:80/a", "http://example.org/a"},
      {"https://example.org:443/a", "https://example.org/a"},
      {"http://example.org:443/a", "http://example.org:443/a"},
      {"https://example.org:80/a", "https://example.org:80/a"},
      {"http://example.org:8080", "http://example.org:8080/"},
      {"http://example.org", "http://example.org/"},
      {"http://example.org?Q=A%20B&x=Y", "http://example.org/?Q=A%20B&x=Y"},
      {"http://example.org/Path/Case?Q=Keep#Frag", "http://example.org/Path/Case?Q=Keep"},
      {"http://example.org#top", "http://example.org/"},
      {"http://User:Pw@Example.org:80/", "http://User:Pw@example.org/"},
      {"http://[::1]:80/x", "http://[::1]/x"},
      {"http://[FE80::1]:8080/x", "http://[fe80::1]:8080/x"},
      {"http://[::1]/x", "http://[::1]/x"},
      {"http://example.org:/x", "http://example.org/x"},
      {"  https://example.org/a  ", "https://example.org/a"},
      {"example.org/Path#x", "example.org/Path"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(EvidenceCache::NormaliseUrl(c.in), c.want) << "input: '" << c.in << "'";
  }
}

TEST_F(EvidenceCacheTest, ConcurrentPutsAndGetsNeverSeeATornEntry) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 150;
  // A body that proves itself whole: one repeated letter, its length encoded in its first line.
  auto make_body = [](int thread, int round) {
    std::string fill(100 + (thread * 997 + round * 131) % 20000, static_cast<char>('a' + thread));
    return std::to_string(fill.size()) + "\n" + fill;
  };
  auto whole = [](const std::string& body) {
    size_t nl = body.find('\n');
    if (nl == std::string::npos) return false;
    std::string fill = body.substr(nl + 1);
    if (std::to_string(fill.size()) != body.substr(0, nl) || fill.empty()) return false;
    return fill.find_first_not_of(fill[0]) == std::string::npos;
  };
  std::atomic<int> torn{0}, failed_puts{0}, own_misses{0}, shared_hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string own_key = "own " + std::to_string(t);
      for (int r = 0; r < kRounds; ++r) {
        std::string body = make_body(t, r);
        if (!cache_->Put(Entry("page", "shared", body)).ok()) ++failed_puts;
        if (!cache_->Put(Entry("searxng", own_key, body)).ok()) ++failed_puts;
        auto shared = cache_->Get("page", "shared", false, kNow);
        if (shared) {
          ++shared_hits;
          if (!whole(shared->body)) ++torn;
        }
        auto own = cache_->Get("searxng", own_key, false, kNow);
        if (!own) {
          ++own_misses;
        } else if (own->body != body) {
          ++torn;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed_puts.load(), 0);
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(own_misses.load(), 0);
  EXPECT_EQ(shared_hits.load(), kThreads * kRounds);  // a Put always precedes the Get
  auto stats = cache_->Stats(kNow);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->entries, static_cast<uint64_t>(kThreads + 1));
  EXPECT_EQ(stats->expired, 0u);
  // No temporary file is left behind.
  for (const auto& e : fs::recursive_directory_iterator(dir_)) {
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  }
}

}  // namespace
}  // namespace fg
