#include "sources/web_access.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tests/testing/temp_dir.h"
#include "tests/testing/test_http_server.h"

namespace fg {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing::TestServer;

std::string Reply(const std::string& body, int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

class WebAccessTest : public ::testing::Test {
 protected:
  WebAccessTest() : server_([this](const std::string& path) { return Handle(path); }) {
    options_.fetch.policy.allowed_hosts = {"127.0.0.1"};
    options_.fetch.policy.private_hosts = {"127.0.0.1"};
    options_.fetch.timeout = milliseconds(5000);
  }
  std::string Handle(const std::string& path) {
    if (path == "/slow") std::this_thread::sleep_for(milliseconds(slow_ms_));
    if (path == "/missing") return Reply("no", 404);
    return Reply("body of " + path);
  }
  Result<WebResponse> Get(const WebAccess& web, const std::string& path,
                          Deadline deadline = std::nullopt) {
    return web.Get("test", path, server_.Url(path), {"text/plain"}, deadline);
  }

  int slow_ms_ = 1500;
  TestServer server_;
  WebSourceOptions options_;
};

TEST_F(WebAccessTest, CachesGoodAnswersAndReplaysThemOffline) {
  testing::TempDir dir;
  auto cache = EvidenceCache::Open({(dir.path() / "cache").string()});
  ASSERT_TRUE(cache.ok());
  options_.cache = cache->get();
  WebAccess web(options_);
  auto first = Get(web, "/page");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->body, "body of /page");
  EXPECT_FALSE(first->from_cache);
  EXPECT_GT(first->fetched_at, 1700000000);
  auto again = Get(web, "/page");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->from_cache);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->fetched_at, first->fetched_at);
  EXPECT_EQ(server_.requests(), 1);
  // A non-2xx answer is an error and is not cached.
  auto missing = Get(web, "/missing");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("404"), std::string::npos);
  options_.offline = true;
  WebAccess offline(options_);
  EXPECT_TRUE(Get(offline, "/page").ok());
  auto never = Get(offline, "/missing");
  ASSERT_FALSE(never.ok());
  EXPECT_NE(never.status().message().find("offline"), std::string::npos);
  EXPECT_EQ(server_.requests(), 2);
}

TEST_F(WebAccessTest, GivesUpAtTheDeadline) {
  WebAccess web(options_);
  auto start = Clock::now();
  auto slow = Get(web, "/slow", Clock::now() + milliseconds(200));
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.status().code(), Status::Code::kDeadlineExceeded) << slow.status().ToString();
  EXPECT_LT(Clock::now() - start, milliseconds(1400));  // not the server's 1500 ms
  // A deadline already past sends nothing.
  std::this_thread::sleep_for(milliseconds(1500));  // the slow answer is done
  int before = server_.requests();
  auto late = Get(web, "/page", Clock::now() - milliseconds(1));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), Status::Code::kDeadlineExceeded);
  EXPECT_EQ(server_.requests(), before);
}

TEST_F(WebAccessTest, AtMostMaxConcurrentRequestsInFlight) {
  slow_ms_ = 800;
  options_.max_concurrent = 1;
  WebAccess web(options_);
  std::atomic<bool> started{false};
  std::thread busy([&] {
    started = true;
    EXPECT_TRUE(Get(web, "/slow").ok());
  });
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(milliseconds(150));
  // The one slot is taken: a request that cannot wait past its deadline gets none.
  auto waiting = Get(web, "/page", Clock::now() + milliseconds(150));
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.status().code(), Status::Code::kDeadlineExceeded);
  EXPECT_NE(waiting.status().message().find("no free connection"), std::string::npos)
      << waiting.status().ToString();
  // Without a deadline it waits for the slot.
  EXPECT_TRUE(Get(web, "/page").ok());
  busy.join();
}

TEST(RunConcurrentlyTest, RunsEveryIndexOnce) {
  std::vector<std::atomic<int>> runs(5);
  RunConcurrently(5, [&](size_t i) { ++runs[i]; });
  for (auto& r : runs) EXPECT_EQ(r.load(), 1);
  RunConcurrently(0, [](size_t) { FAIL(); });
}

TEST(RankPagesTest, PassagesCarryTheirPagesRevisionAndFetchTime) {
  std::vector<WebPage> pages(3);
  pages[0].document = {"http://a/1", "Nile", "The Nile is a river in Africa. It flows north.",
                       "http://a/1", "",     ""};
  pages[0].revision = "12";
  pages[0].fetched_at = 1800000000;
  pages[1].document = {"http://a/2", "Empty", "", "http://a/2", "", ""};  // skipped
  pages[2].document = {"http://a/3", "Everest", "Mount Everest is the highest mountain.",
                       "http://a/3", "",        ""};
  pages[2].fetched_at = 1800000100;
  auto found = RankPages(pages, "The Nile flows north", 5, "web", {});
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().doc_id, "http://a/1");
  EXPECT_EQ(found->front().source, "web");
  EXPECT_EQ(found->front().revision, "12");
  EXPECT_EQ(found->front().fetched_at, 1800000000);
  for (const Passage& p : *found) EXPECT_NE(p.doc_id, "http://a/2");
  auto none = RankPages({}, "The Nile", 5, "web", {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(DocIdForUrlTest, LongUrlsAreShortenedAndStayDistinct) {
  EXPECT_EQ(DocIdForUrl("https://example.org/a"), "https://example.org/a");
  std::string a = "https://example.org/" + std::string(300, 'a');
  std::string b = a + "b";
  EXPECT_LE(DocIdForUrl(a).size(), kMaxDocIdBytes);
  EXPECT_NE(DocIdForUrl(a), DocIdForUrl(b));
}

TEST(UrlEncodeTest, KeepsUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("a b&c=d/é~-_."), "a%20b%26c%3Dd%2F%C3%A9~-_.");
}

}  // namespace
}  // namespace fg
