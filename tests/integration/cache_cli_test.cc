// `factgate cache stats|prune` with the real binary, on a cache folder whose entry files the test
// writes by hand in the documented format (sources/evidence_cache.h), which pins that format.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

namespace fs = std::filesystem;

// Writes an entry as the cache stores it: DIR/<2 hex>/<16 hex>.entry, the hex being FNV-1a 64 of
// source + '\n' + key; a compact JSON line, then the body. Returns the file.
fs::path WriteEntry(const fs::path& dir, const std::string& source, const std::string& key,
                    const std::string& body, int64_t fetched_at) {
  uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : source + "\n" + key) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  fs::path file = dir / std::string(hex, 2) / (std::string(hex) + ".entry");
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary)
      << "{\"source\":\"" << source << "\",\"key\":\"" << key
      << "\",\"content_type\":\"text/html\",\"fetched_at\":" << fetched_at
      << ",\"body_bytes\":" << body.size() << "}\n"
      << body;
  return file;
}

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(CacheCliTest, StatsAndPruneAHandWrittenCache) {
  TempDir tmp;
  fs::path dir = tmp.path() / "cache";
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  fs::path fresh = WriteEntry(dir, "mediawiki", "abraham lincoln", "<p>born 1809</p>", now - 10);
  fs::path page = WriteEntry(dir, "page", "https://example.org/", std::string("a\0b", 3), now);
  fs::path old = WriteEntry(dir, "searxng", "everest height", "{}", now - 8 * 24 * 3600);
  fs::path stale_tmp = fresh.parent_path() / (fresh.stem().string() + ".1.2.3.tmp");
  std::ofstream(stale_tmp) << "half";
  fs::last_write_time(stale_tmp, fs::file_time_type::clock::now() - std::chrono::minutes(10));
  uint64_t bytes = fs::file_size(fresh) + fs::file_size(page) + fs::file_size(old);

  std::string cache = " --cache " + dir.string();
  CommandResult r = RunFactgate("cache stats" + cache);
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document stats = Json(r.out);
  EXPECT_EQ(stats["entries"].GetUint64(), 3u);
  EXPECT_EQ(stats["bytes"].GetUint64(), bytes);
  EXPECT_EQ(stats["expired"].GetUint64(), 1u);  // the default TTL is a week

  r = RunFactgate("cache stats --ttl 5" + cache);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["expired"].GetUint64(), 2u);

  r = RunFactgate("cache prune" + cache);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["removed"].GetUint64(), 1u);
  EXPECT_FALSE(fs::exists(old));
  EXPECT_FALSE(fs::exists(stale_tmp));
  EXPECT_TRUE(fs::exists(fresh));
  EXPECT_TRUE(fs::exists(page));

  r = RunFactgate("cache stats" + cache);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["entries"].GetUint64(), 2u);
  EXPECT_EQ(Json(r.out)["expired"].GetUint64(), 0u);

  r = RunFactgate("cache prune --all" + cache);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["removed"].GetUint64(), 2u);
  EXPECT_FALSE(fs::exists(fresh));
  EXPECT_FALSE(fs::exists(page));

  // Usage errors: exit 2 with a message on stderr and nothing on stdout.
  for (const std::string& bad :
       {std::string("cache"), std::string("cache stats"), std::string("cache clear" + cache),
        std::string("cache stats --ttl soon" + cache), std::string("cache stats --all" + cache),
        std::string("cache stats --cache " + (tmp.path() / "missing").string()),
        std::string("cache stats --bogus" + cache)}) {
    r = RunFactgate(bad);
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("factgate cache: "), std::string::npos) << bad << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << bad;
  }
  r = RunFactgate("cache --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("factgate cache prune --cache DIR"), std::string::npos);
}

}  // namespace
}  // namespace fg::testing
