#include "sources/searxng_source.h"

#include <gtest/gtest.h>

#include "tests/testing/source_conformance.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_http_server.h"

namespace fg {
namespace {

using testing::TestServer;

std::string Reply(const std::string& type, const std::string& body, int status = 200) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
         body;
}

// A SearXNG-style engine and the pages it finds, all on one loopback server.
class SearxngSourceTest : public ::testing::Test {
 protected:
  SearxngSourceTest() : server_([this](const std::string& path) { return Handle(path); }) {
    options_.base_url = "http://127.0.0.1:" + std::to_string(server_.port()) + "/";
    options_.fetch.policy.allowed_hosts = {"127.0.0.1"};
    options_.fetch.policy.private_hosts = {"127.0.0.1"};
    options_.fetch.timeout = std::chrono::milliseconds(2000);
    options_.pages = 3;
  }
  std::string Page(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(server_.port()) + path;
  }
  std::string Handle(const std::string& path) {
    if (path.rfind("/search?q=", 0) == 0) {
      last_query_ = path;
      return Reply(
          "application/json",
          R"({"query": "x", "results": [)"
          R"({"url": ")" +
              Page("/eiffel") +
              R"(", "title": "Eiffel Tower", "content": "A tower in Paris."},)"
              R"({"url": ")" +
              Page("/broken") +
              R"(", "title": "Broken", "content": "The Eiffel Tower snippet from a broken page was completed in 1889."},)"
              R"({"url": ")" +
              Page("/nile") +
              R"(", "title": "Nile", "content": "A river."},)"
              R"({"url": ")" +
              Page("/never") + R"(", "title": "Fourth", "content": "Not read."}]})");
    }
    if (path == "/eiffel") {
      return Reply("text/html; charset=utf-8",
                   "<html><head><title>Eiffel Tower - Example</title></head><body>"
                   "<nav><a href='/'>Home</a> <a href='/towers'>Towers</a></nav>"
                   "<main><h1>Eiffel Tower</h1><p>The Eiffel Tower is a wrought-iron lattice "
                   "tower in Paris. It was completed in 1889 and is 330 metres tall.</p>"
                   "<p>It is named after the engineer Gustave Eiffel, whose company designed "
                   "and built the tower for the 1889 World's Fair.</p></main>"
                   "<footer>Copyright Example</footer></body></html>");
    }
    if (path == "/nile") {
      return Reply("text/html", "<p>The Nile is a river in Africa that flows north.</p>");
    }
    if (path == "/broken") return Reply("text/plain", "gone", 404);
    return Reply("text/plain", "unexpected " + path, 500);
  }

  TestServer server_;
  SearxngOptions options_;
  std::string last_query_;
};

TEST_F(SearxngSourceTest, RanksPassagesOfTheResultPages) {
  SearxngSource source(options_);
  std::vector<std::string> unavailable;
  auto found =
      source.SearchParts("The Eiffel Tower was completed in 1889", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found->empty());
  const Passage& best = found->front();
  EXPECT_EQ(best.source, "searxng");
  EXPECT_EQ(best.url, Page("/eiffel"));
  EXPECT_EQ(best.doc_id, Page("/eiffel"));
  EXPECT_EQ(best.title, "Eiffel Tower");
  EXPECT_NE(best.text.find("completed in 1889"), std::string::npos) << best.text;
  for (const Passage& p : *found) {
    EXPECT_EQ(p.text.find("Home"), std::string::npos) << p.text;       // navigation dropped
    EXPECT_EQ(p.text.find("Copyright"), std::string::npos) << p.text;  // footer dropped
    EXPECT_NE(p.url, Page("/never"));                                  // only the top 3 pages
  }
  // The broken page is named, and its snippet stands in for it.
  ASSERT_EQ(unavailable.size(), 1u);
  EXPECT_NE(unavailable[0].find(Page("/broken")), std::string::npos) << unavailable[0];
  EXPECT_NE(unavailable[0].find("404"), std::string::npos) << unavailable[0];
  bool snippet = false;
  for (const Passage& p : *found) snippet = snippet || p.url == Page("/broken");
  EXPECT_TRUE(snippet);
  // The query went out percent-encoded and lower-cased.
  EXPECT_EQ(last_query_,
            "/search?q=the%20eiffel%20tower%20was%20completed%20in%201889&format=json");
}

TEST_F(SearxngSourceTest, CachedRunsReplayOffline) {
  testing::TempDir dir;
  auto cache = EvidenceCache::Open({(dir.path() / "cache").string()});
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  options_.cache = cache->get();
  SearxngSource online(options_);
  auto first = online.Search("The Eiffel Tower was completed in 1889", 5);
  ASSERT_TRUE(first.ok());
  int requests = server_.requests();
  EXPECT_EQ(requests, 4);  // the search and three pages

  auto again = online.Search("the  Eiffel tower was completed in 1889 ", 5);  // same query
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(server_.requests(), requests + 1);  // only the broken page is asked again

  options_.offline = true;
  SearxngSource offline(options_);
  auto replay = offline.Search("The Eiffel Tower was completed in 1889", 5);
  ASSERT_TRUE(replay.ok()) << replay.status().ToString();
  ASSERT_EQ(replay->size(), first->size());
  for (size_t i = 0; i < first->size(); ++i) {
    EXPECT_EQ((*replay)[i].text, (*first)[i].text);
    EXPECT_EQ((*replay)[i].url, (*first)[i].url);
  }
  EXPECT_EQ(server_.requests(), requests + 1);  // offline: nothing fetched
  auto unknown = offline.Search("Mount Everest is 8,849 metres high", 5);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(unknown.status().message().find("offline"), std::string::npos);
}

TEST_F(SearxngSourceTest, RefusedOrFailingSearchIsUnavailable) {
  SearxngOptions refused = options_;
  refused.fetch.policy.private_hosts.clear();  // 127.0.0.1 is loopback: refused
  auto result = SearxngSource(refused).Search("The Eiffel Tower", 5);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("loopback"), std::string::npos);
  SearxngOptions wrong = options_;
  wrong.base_url = Page("/broken");
  EXPECT_FALSE(SearxngSource(wrong).Search("The Eiffel Tower", 5).ok());
  EXPECT_EQ(UrlEncode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

// The Source conformance suite over a fixture engine whose result pages hold the corpus.
std::unique_ptr<Source> ConformanceEngine(const testing::TempDir&, std::string*) {
  struct Engine : public testing::ForwardingSource {
    Engine() : server([this](const std::string& path) { return Handle(path); }) {
      SearxngOptions o;
      o.base_url = "http://127.0.0.1:" + std::to_string(server.port());
      o.fetch.policy.allowed_hosts = {"127.0.0.1"};
      o.fetch.policy.private_hosts = {"127.0.0.1"};
      o.pages = testing::ConformanceCorpus().size();
      source = std::make_unique<SearxngSource>(o);
      target = source.get();
    }
    std::string Handle(const std::string& path) {
      const auto& corpus = testing::ConformanceCorpus();
      if (path.rfind("/search?", 0) == 0) {
        std::string results;
        for (const Document& d : corpus) {
          if (!results.empty()) results += ",";
          results += R"({"url": "http://127.0.0.1:)" + std::to_string(server.port()) + "/" + d.id +
                     R"(", "title": ")" + d.title + R"("})";
        }
        return Reply("application/json", R"({"results": [)" + results + "]}");
      }
      for (const Document& d : corpus) {
        if (path == "/" + d.id) return Reply("text/plain", d.text);
      }
      return Reply("text/plain", "", 404);
    }
    TestServer server;
    std::unique_ptr<SearxngSource> source;
  };
  return std::make_unique<Engine>();
}

}  // namespace

namespace testing {
INSTANTIATE_TEST_SUITE_P(Searxng, SourceConformanceTest,
                         ::testing::Values(SourceFactory{"FixtureEngine", ConformanceEngine}),
                         [](const ::testing::TestParamInfo<SourceFactory>& info) {
                           return info.param.name;
                         });
}  // namespace testing
}  // namespace fg
