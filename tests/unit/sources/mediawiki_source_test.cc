#include "sources/mediawiki_source.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "src/core/tokenizer.h"
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

std::string Json(const std::string& body) { return Reply("application/json", body); }

// The query parameters of a request target, percent-decoded.
std::map<std::string, std::string> Params(const std::string& target) {
  std::map<std::string, std::string> out;
  size_t q = target.find('?');
  if (q == std::string::npos) return out;
  std::string query = target.substr(q + 1);
  auto decode = [](const std::string& s) {
    std::string d;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        d += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        d += s[i] == '+' ? ' ' : s[i];
      }
    }
    return d;
  };
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    size_t eq = pair.find('=');
    if (eq != std::string::npos) out[pair.substr(0, eq)] = decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

// A MediaWiki API with two pages, answering the calls MediaWikiSource makes: list=search over
// page text (every word must occur, as MediaWiki's database search wants), prop=extracts|info
// (or, with `has_extracts` false, the warning a wiki without TextExtracts gives), action=parse.
class FakeWiki {
 public:
  FakeWiki() : server_([this](const std::string& path) { return Handle(path); }) {}

  std::string api() const { return server_.Url("/w/api.php"); }
  int requests() const { return server_.requests(); }
  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }
  bool has_extracts = true;
  bool fail_lighthouse = false;

 private:
  struct Page {
    std::string title;
    std::string text;
    int revid;
  };
  std::vector<Page> Pages() const {
    return {{"Kessel Point Lighthouse",
             "Kessel Point Lighthouse is a lighthouse on Brannoch Island. It was built in 1871 to "
             "a design by Mara Quintell. The octagonal tower is 38 metres tall.",
             4711},
            {"Velmora River",
             "The Velmora River is a river in the Eastmarch. It is 412 kilometres long and flows "
             "north into Lake Tirrow.",
             815}};
  }
  std::string Handle(const std::string& target) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      log_.push_back(target);
    }
    auto p = Params(target);
    if (target.rfind("/w/api.php?", 0) != 0 || p["format"] != "json" || p["formatversion"] != "2") {
      return Reply("text/plain", "bad request " + target, 400);
    }
    if (p["action"] == "query" && p["list"] == "search") {
      if (p["srwhat"] != "text") return Json(R"({"query": {"search": []}})");
      std::string hits;
      for (const Page& page : Pages()) {
        bool all = true;
        std::string word;
        std::string words = p["srsearch"] + " ";
        for (char c : words) {
          if (c != ' ') {
            word += c;
            continue;
          }
          if (!word.empty() && page.text.find(word) == std::string::npos) all = false;
          word.clear();
        }
        if (all)
          hits += std::string(hits.empty() ? "" : ",") + R"({"ns": 0, "title": ")" + page.title +
                  R"("})";
      }
      return Json(R"({"batchcomplete": true, "query": {"search": [)" + hits + "]}}");
    }
    if (p["action"] == "query" && p.count("titles")) {
      for (const Page& page : Pages()) {
        if (page.title != p["titles"]) continue;
        if (fail_lighthouse && page.title == "Kessel Point Lighthouse") {
          return Reply("text/plain", "overloaded", 503);
        }
        std::string info = R"("ns": 0, "title": ")" + page.title + R"(", "lastrevid": )" +
                           std::to_string(page.revid) + R"(, "fullurl": "http://wiki.test/wiki/)" +
                           page.title + "\"";
        bool wants_extract = p["prop"].find("extracts") != std::string::npos;
        if (wants_extract && has_extracts) {
          return Json(R"({"query": {"pages": [{)" + info + R"(, "extract": ")" + page.text +
                      R"("}]}})");
        }
        std::string warning =
            wants_extract
                ? R"("warnings": {"query": {"warnings": "Unrecognized value for parameter \"prop\": extracts"}}, )"
                : "";
        return Json("{" + warning + R"("query": {"pages": [{)" + info + "}]}}");
      }
      return Json(R"({"query": {"pages": [{"ns": 0, "title": ")" + p["titles"] +
                  R"(", "missing": true}]}})");
    }
    if (p["action"] == "parse") {
      for (const Page& page : Pages()) {
        if (page.title != p["page"]) continue;
        return Json(R"({"parse": {"title": ")" + page.title + R"(", "revid": )" +
                    std::to_string(page.revid) +
                    R"(, "text": "<div class=\"mw-parser-output\"><p>)" + page.text +
                    R"(</p></div>"}})");
      }
      return Json(R"({"error": {"code": "missingtitle", "info": "The page doesn't exist."}})");
    }
    return Json(R"({"error": {"code": "badvalue", "info": "Unrecognized value."}})");
  }

  std::mutex mu_;
  std::vector<std::string> log_;
  TestServer server_;
};

class MediaWikiSourceTest : public ::testing::Test {
 protected:
  MediaWikiSourceTest() {
    options_.api_url = wiki_.api();
    options_.fetch.policy.allowed_hosts = {"127.0.0.1"};
    options_.fetch.policy.private_hosts = {"127.0.0.1"};
    options_.fetch.timeout = std::chrono::milliseconds(2000);
  }
  FakeWiki wiki_;
  MediaWikiOptions options_;
};

TEST_F(MediaWikiSourceTest, CitesThePageUrlAndRevision) {
  MediaWikiSource source(options_);
  std::vector<std::string> unavailable;
  auto found = source.SearchParts("The Kessel Point Lighthouse was built in 1871", 5, &unavailable,
                                  std::nullopt);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found->empty());
  EXPECT_TRUE(unavailable.empty());
  const Passage& best = found->front();
  EXPECT_EQ(best.source, "mediawiki");
  EXPECT_EQ(best.url, "http://wiki.test/wiki/Kessel Point Lighthouse");
  EXPECT_EQ(best.doc_id, best.url);
  EXPECT_EQ(best.title, "Kessel Point Lighthouse");
  EXPECT_EQ(best.revision, "4711");
  EXPECT_GT(best.fetched_at, 1700000000);
  EXPECT_NE(best.text.find("built in 1871"), std::string::npos);
  // Every search asks for the page text, not only the titles.
  for (const std::string& request : wiki_.Log()) {
    if (request.find("list=search") != std::string::npos) {
      EXPECT_NE(request.find("srwhat=text"), std::string::npos) << request;
    }
  }
}

TEST_F(MediaWikiSourceTest, WithoutTextExtractsReadsTheParsedPage) {
  wiki_.has_extracts = false;
  MediaWikiSource source(options_);
  auto found = source.Search("The Kessel Point Lighthouse was built in 1871", 5);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found->empty());
  EXPECT_NE(found->front().text.find("built in 1871"), std::string::npos);
  EXPECT_EQ(found->front().text.find("<p>"), std::string::npos);
  EXPECT_EQ(found->front().revision, "4711");
  // Once the wiki has shown it has no TextExtracts, extracts are not asked for again.
  size_t before = wiki_.Log().size();
  ASSERT_TRUE(source.Search("The Velmora River flows north", 5).ok());
  std::vector<std::string> log = wiki_.Log();
  for (size_t i = before; i < log.size(); ++i) {
    EXPECT_EQ(log[i].find("extracts"), std::string::npos) << log[i];
  }
}

TEST_F(MediaWikiSourceTest, ExtractsOnlyFailsOnAWikiWithoutThem) {
  wiki_.has_extracts = false;
  options_.text = MediaWikiOptions::Text::kExtracts;
  MediaWikiSource source(options_);
  std::vector<std::string> unavailable;
  auto found = source.SearchParts("The Kessel Point Lighthouse was built in 1871", 5, &unavailable,
                                  std::nullopt);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->empty());
  ASSERT_EQ(unavailable.size(), 1u);
  EXPECT_NE(unavailable[0].find("Kessel Point Lighthouse"), std::string::npos) << unavailable[0];
}

TEST_F(MediaWikiSourceTest, SearchesNamesAloneWhenAllWordsFindNothing) {
  MediaWikiSource source(options_);
  // "erected" is on no page, so the search with every key word finds nothing.
  auto found = source.Search("The Kessel Point Lighthouse was erected in 1871", 5);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().title, "Kessel Point Lighthouse");
  std::vector<std::string> searches;
  for (const std::string& r : wiki_.Log()) {
    if (r.find("list=search") != std::string::npos) searches.push_back(Params(r)["srsearch"]);
  }
  ASSERT_EQ(searches.size(), 2u);
  EXPECT_EQ(searches[0], "Kessel Point Lighthouse erected 1871");
  EXPECT_EQ(searches[1], "Kessel Point Lighthouse");
}

TEST_F(MediaWikiSourceTest, AFailingPageIsNamedAndTheOthersStillCount) {
  wiki_.fail_lighthouse = true;
  MediaWikiSource source(options_);
  std::vector<std::string> unavailable;
  // "is" and "a" are stop words: nothing to search for, nothing fails.
  auto nothing = source.SearchParts("It is a", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(nothing.ok());
  EXPECT_TRUE(nothing->empty());
  EXPECT_TRUE(unavailable.empty());
  auto lighthouse = source.SearchParts("The Kessel Point Lighthouse was built in 1871", 5,
                                       &unavailable, std::nullopt);
  ASSERT_TRUE(lighthouse.ok()) << lighthouse.status().ToString();
  EXPECT_TRUE(lighthouse->empty());
  ASSERT_EQ(unavailable.size(), 1u);
  EXPECT_NE(unavailable[0].find("'Kessel Point Lighthouse' unavailable"), std::string::npos)
      << unavailable[0];
  EXPECT_NE(unavailable[0].find("503"), std::string::npos) << unavailable[0];
  unavailable.clear();
  auto river = source.SearchParts("The Velmora River flows north", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(river.ok());
  EXPECT_FALSE(river->empty());
  EXPECT_TRUE(unavailable.empty());
}

TEST_F(MediaWikiSourceTest, ApiErrorsAndRefusedHostsAreUnavailable) {
  MediaWikiOptions wrong = options_;
  wrong.api_url = wiki_.api() + "x";  // answers 400
  auto bad = MediaWikiSource(wrong).Search("The Velmora River flows north", 5);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kUnavailable);
  MediaWikiOptions refused = options_;
  refused.fetch.policy.private_hosts.clear();  // 127.0.0.1 is loopback: refused
  auto result = MediaWikiSource(refused).Search("The Velmora River flows north", 5);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("loopback"), std::string::npos);
}

TEST_F(MediaWikiSourceTest, OfflineReplaysTheCache) {
  testing::TempDir dir;
  auto cache = EvidenceCache::Open({(dir.path() / "cache").string()});
  ASSERT_TRUE(cache.ok());
  options_.cache = cache->get();
  MediaWikiSource online(options_);
  auto first = online.Search("The Velmora River is 412 kilometres long", 5);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_FALSE(first->empty());
  int requests = wiki_.requests();
  options_.offline = true;
  MediaWikiSource offline(options_);
  auto replay = offline.Search("The Velmora River is 412 kilometres long", 5);
  ASSERT_TRUE(replay.ok()) << replay.status().ToString();
  ASSERT_EQ(replay->size(), first->size());
  for (size_t i = 0; i < first->size(); ++i) {
    EXPECT_EQ((*replay)[i].text, (*first)[i].text);
    EXPECT_EQ((*replay)[i].revision, (*first)[i].revision);
    EXPECT_EQ((*replay)[i].fetched_at, (*first)[i].fetched_at);  // when it was really fetched
  }
  EXPECT_EQ(wiki_.requests(), requests);
  auto unknown = offline.Search("Lake Tirrow is deep", 5);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("offline"), std::string::npos);
}

TEST(WikiSearchQueryTest, KeepsNamesNumbersAndContentWords) {
  EXPECT_EQ(
      WikiSearchQuery("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.", 6, false),
      "Abraham Lincoln John Wilkes Booth 1865");
  EXPECT_EQ(WikiSearchQuery("The river is 412 kilometres long.", 6, false),
            "river 412 kilometres long");
  // A capital opening the sentence counts as a name only when names alone are asked for.
  EXPECT_EQ(WikiSearchQuery("Scientists say the Nile flows north.", 6, true), "Scientists Nile");
  // Names alone leave out the numbers a wrong claim gets wrong.
  EXPECT_EQ(WikiSearchQuery("The Kessel Point Lighthouse was built in 1890.", 6, true),
            "Kessel Point Lighthouse");
  EXPECT_EQ(WikiSearchQuery("the of and", 6, false), "");
  EXPECT_EQ(WikiSearchQuery("Paris paris PARIS", 6, false), "Paris");
  EXPECT_EQ(WikiSearchQuery("a b c", 0, false), "");
}

// The Source conformance suite over a fake wiki whose pages are the corpus.
std::unique_ptr<Source> ConformanceWiki(const testing::TempDir&, std::string*) {
  struct Wiki : public testing::ForwardingSource {
    Wiki() : server([this](const std::string& path) { return Handle(path); }) {
      MediaWikiOptions o;
      o.api_url = server.Url("/api.php");
      o.fetch.policy.allowed_hosts = {"127.0.0.1"};
      o.fetch.policy.private_hosts = {"127.0.0.1"};
      o.pages = testing::ConformanceCorpus().size();
      source = std::make_unique<MediaWikiSource>(o);
      target = source.get();
    }
    std::string Handle(const std::string& target) {
      auto p = Params(target);
      const auto& corpus = testing::ConformanceCorpus();
      if (p["list"] == "search") {
        std::string hits;
        for (const Document& d : corpus) {
          std::string lower = AsciiLower(d.text);
          bool all = true;
          for (const Token& t : Tokenize(p["srsearch"])) {
            all = all && lower.find(t.lower) != std::string::npos;
          }
          if (all) hits += std::string(hits.empty() ? "" : ",") + R"({"title": ")" + d.id + "\"}";
        }
        return Json(R"({"query": {"search": [)" + hits + "]}}");
      }
      for (const Document& d : corpus) {
        if (p["titles"] != d.id) continue;
        return Json(R"({"query": {"pages": [{"title": ")" + d.title + R"(", "lastrevid": 7, )" +
                    R"("fullurl": "http://127.0.0.1/wiki/)" + d.id + R"(", "extract": ")" + d.text +
                    R"("}]}})");
      }
      return Json(R"({"query": {"pages": [{"missing": true}]}})");
    }
    TestServer server;
    std::unique_ptr<MediaWikiSource> source;
  };
  return std::make_unique<Wiki>();
}

}  // namespace

namespace testing {
INSTANTIATE_TEST_SUITE_P(MediaWiki, SourceConformanceTest,
                         ::testing::Values(SourceFactory{"FakeWiki", ConformanceWiki}),
                         [](const ::testing::TestParamInfo<SourceFactory>& info) {
                           return info.param.name;
                         });
}  // namespace testing
}  // namespace fg
