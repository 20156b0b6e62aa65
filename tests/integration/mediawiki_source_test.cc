// The MediaWiki source against a real MediaWiki (Debian's mediawiki, php -S, SQLite; see
// tests/testing/mediawiki_server.h): the Source conformance suite over the wiki, citations with
// the page URL and revision id from TextExtracts and from parsed pages, and `factgate verify
// --mediawiki` end to end — a claim the KB cannot decide checked on the wiki, replayed offline
// from the evidence cache once the wiki is gone, and a degraded report (not a failed answer) for
// what the cache does not hold. Skipped when the packages are missing, except under CI.
#include "sources/mediawiki_source.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/cli_support.h"
#include "tests/testing/mediawiki_server.h"
#include "tests/testing/source_conformance.h"

namespace fg::testing {
namespace {

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::vector<MediaWikiServer::Page> WikiPages() {
  return {
      {"Kessel Point Lighthouse",
       "The '''Kessel Point Lighthouse''' is a lighthouse on the northern tip of [[Brannoch "
       "Island]]. It was built in 1871 to a design by the engineer Mara Quintell. The octagonal "
       "tower is 38 metres tall and was automated in 1964.<ref>Lights of the coast, 1970.</ref>\n\n"
       "== References ==\n<references />"},
      {"Brannoch Island",
       "'''Brannoch Island''' is an island with an area of 54 square kilometres and about 2,300 "
       "inhabitants. Its landmark is the [[Kessel Point Lighthouse]]."},
      {"Velmora River",
       "The '''Velmora River''' is a river in the Eastmarch region. It is 412 kilometres long and "
       "flows north into Lake Tirrow."},
  };
}

// One wiki per test (ctest runs every test in a process of its own).
class WikiTest : public ::testing::Test {
 protected:
  void Start(const std::vector<MediaWikiServer::Page>& pages) {
    if (!MediaWikiServer::Installed()) {
      if (InCi()) FAIL() << MediaWikiServer::MissingPackages();
      GTEST_SKIP() << MediaWikiServer::MissingPackages() << "; skipping";
    }
    std::string why;
    wiki_ = std::make_unique<MediaWikiServer>((dir_.path() / "wiki").string(), pages, &why);
    ASSERT_TRUE(why.empty()) << why;
  }
  MediaWikiOptions Options() const {
    MediaWikiOptions o;
    o.api_url = wiki_->api_url();
    o.fetch.policy.allowed_hosts = {"127.0.0.1"};
    o.fetch.policy.private_hosts = {"127.0.0.1"};
    return o;
  }
  std::string PageUrl(const std::string& page) const {
    return wiki_->base_url() + "/index.php/" + page;
  }
  TempDir dir_;
  std::unique_ptr<MediaWikiServer> wiki_;
};

TEST_F(WikiTest, CitesThePageUrlAndRevisionFromExtractsAndFromParsedPages) {
  Start(WikiPages());
  if (IsSkipped() || HasFatalFailure()) return;
  for (auto text : {MediaWikiOptions::Text::kExtracts, MediaWikiOptions::Text::kParse}) {
    MediaWikiOptions o = Options();
    o.text = text;
    MediaWikiSource source(o);
    std::vector<std::string> unavailable;
    auto found = source.SearchParts("The Kessel Point Lighthouse was built in 1871", 5,
                                    &unavailable, std::nullopt);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_TRUE(unavailable.empty()) << unavailable.front();
    ASSERT_FALSE(found->empty());
    const Passage& best = found->front();
    EXPECT_EQ(best.source, "mediawiki");
    EXPECT_EQ(best.url, PageUrl("Kessel_Point_Lighthouse"));
    EXPECT_EQ(best.title, "Kessel Point Lighthouse");
    EXPECT_NE(best.text.find("It was built in 1871"), std::string::npos) << best.text;
    // Wiki markup and reference lists do not reach the evidence.
    EXPECT_EQ(best.text.find("'''"), std::string::npos) << best.text;
    EXPECT_EQ(best.text.find("Lights of the coast"), std::string::npos) << best.text;
    ASSERT_FALSE(best.revision.empty());
    EXPECT_EQ(best.revision.find_first_not_of("0123456789"), std::string::npos) << best.revision;
    EXPECT_GT(best.fetched_at, 1700000000);
  }
}

TEST_F(WikiTest, VerifyChecksUndecidedClaimsOnTheWikiAndReplaysThemOffline) {
  Start(WikiPages());
  if (IsSkipped() || HasFatalFailure()) return;
  std::string kb = (dir_.path() / "kb").string();
  // (The mini corpus has two bad lines on purpose: exit code 1, the good documents indexed.)
  RunFactgate("index --kb " + kb + " " + SourceDir() + "/tests/data/mini_corpus.jsonl");
  ASSERT_TRUE(std::filesystem::exists(kb));
  std::string flags = " --kb " + kb + " --compact --mediawiki " + wiki_->api_url() +
                      " --web-private 127.0.0.1 --web-cache " + (dir_.path() / "cache").string();
  auto verify = [&](const std::string& text, const std::string& extra) {
    std::string input = dir_.Write("answer.txt", text).string();
    CommandResult r = RunFactgate("verify" + flags + extra + " " + input);
    EXPECT_EQ(r.code, 0) << r.err;
    auto doc = std::make_unique<rapidjson::Document>();
    doc->Parse(r.out.c_str());
    EXPECT_FALSE(doc->HasParseError()) << r.out << r.err;
    return doc;
  };
  auto right = verify("The Kessel Point Lighthouse was built in 1871.", "");
  ASSERT_EQ((*right)["claims"].Size(), 1u) << "";
  const auto& claim = (*right)["claims"][0];
  EXPECT_STREQ(claim["verdict"].GetString(), "supported");
  ASSERT_GT(claim["citations"].Size(), 0u);
  const auto& cite = claim["citations"][0];
  EXPECT_STREQ(cite["source"].GetString(), "mediawiki");
  EXPECT_EQ(std::string(cite["url"].GetString()), PageUrl("Kessel_Point_Lighthouse"));
  ASSERT_TRUE(cite.HasMember("revision_id"));
  EXPECT_GT(std::stoll(cite["revision_id"].GetString()), 0);
  ASSERT_TRUE(cite.HasMember("fetched_at"));
  EXPECT_EQ(std::string(cite["fetched_at"].GetString()).size(), 20u);  // 2026-11-29T00:00:00Z
  EXPECT_TRUE((*right)["summary"]["checked"].GetBool());

  auto wrong = verify("The Kessel Point Lighthouse was built in 1890.", "");
  EXPECT_STREQ((*wrong)["claims"][0]["verdict"].GetString(), "refuted");
  ASSERT_TRUE((*wrong)["claims"][0]["correction"].IsString());
  EXPECT_NE(std::string((*wrong)["claims"][0]["correction"].GetString()).find("1871"),
            std::string::npos);

  // The wiki goes away: the cache replays what was asked; the rest degrades the report only.
  wiki_->Stop();
  auto replay = verify("The Kessel Point Lighthouse was built in 1871.", " --offline");
  EXPECT_STREQ((*replay)["claims"][0]["verdict"].GetString(), "supported");
  EXPECT_STREQ((*replay)["claims"][0]["citations"][0]["revision_id"].GetString(),
               cite["revision_id"].GetString());
  EXPECT_STREQ((*replay)["claims"][0]["citations"][0]["fetched_at"].GetString(),
               cite["fetched_at"].GetString());
  auto degraded = verify("The Velmora River is 412 kilometres long.", "");
  EXPECT_STREQ((*degraded)["claims"][0]["verdict"].GetString(), "not_enough_info");
  EXPECT_FALSE((*degraded)["summary"]["checked"].GetBool());
  ASSERT_TRUE((*degraded)["summary"].HasMember("errors"));
  EXPECT_NE(std::string((*degraded)["summary"]["errors"][0].GetString()).find("mediawiki"),
            std::string::npos);
}

// An audit run again from the evidence cache alone, with the wiki gone, writes the same claims.
TEST_F(WikiTest, AuditReplaysExactlyFromTheCache) {
  Start(WikiPages());
  if (IsSkipped() || HasFatalFailure()) return;
  std::string transcripts =
      dir_.Write("transcripts.jsonl",
                 R"({"id": "t1", "prompt": "Tell me about Kessel Point.", "response": "The )"
                 R"(Kessel Point Lighthouse was built in 1871. Its tower is 45 metres tall."})"
                 "\n"
                 R"({"id": "t2", "prompt": "And the river?", "response": "The Velmora River )"
                 R"(is 412 kilometres long. It flows south into Lake Tirrow."})"
                 "\n")
          .string();
  std::string web = " --mediawiki " + wiki_->api_url() +
                    " --web-private 127.0.0.1 --web-when always --web-cache " +
                    (dir_.path() / "cache").string() + " --quiet";
  std::string online = (dir_.path() / "online").string();
  CommandResult first = RunFactgate("audit --no-wordnet " + transcripts + " --out " + online + web);
  ASSERT_EQ(first.code, 0) << first.err;
  std::string claims = ReadFile(std::filesystem::path(online) / "claims.jsonl");
  EXPECT_NE(claims.find("\"source\":\"mediawiki\""), std::string::npos) << claims;
  wiki_->Stop();
  std::string offline = (dir_.path() / "offline").string();
  CommandResult replay =
      RunFactgate("audit --no-wordnet " + transcripts + " --out " + offline + web + " --offline");
  ASSERT_EQ(replay.code, 0) << replay.err;
  EXPECT_EQ(ReadFile(std::filesystem::path(offline) / "claims.jsonl"), claims);
  EXPECT_EQ(ReadFile(std::filesystem::path(offline) / "transcripts.jsonl"),
            ReadFile(std::filesystem::path(online) / "transcripts.jsonl"));
}

// The conformance suite over a real wiki whose pages are the corpus.
std::unique_ptr<Source> RealWiki(const TempDir& dir, std::string* why) {
  struct Wiki : public ForwardingSource {
    std::unique_ptr<MediaWikiServer> server;
    std::unique_ptr<MediaWikiSource> source;
    void Use(std::unique_ptr<MediaWikiSource> s) {
      source = std::move(s);
      target = source.get();
    }
  };
  if (!MediaWikiServer::Installed()) {
    *why = MediaWikiServer::MissingPackages();
    if (InCi()) ADD_FAILURE() << *why;
    return nullptr;
  }
  std::vector<MediaWikiServer::Page> pages;
  for (const Document& d : ConformanceCorpus()) pages.push_back({d.title, d.text});
  auto wiki = std::make_unique<Wiki>();
  wiki->server = std::make_unique<MediaWikiServer>((dir.path() / "wiki").string(), pages, why);
  if (!why->empty()) {
    ADD_FAILURE() << *why;  // installed but not working: a failure, not a skip
    return nullptr;
  }
  MediaWikiOptions o;
  o.api_url = wiki->server->api_url();
  o.fetch.policy.allowed_hosts = {"127.0.0.1"};
  o.fetch.policy.private_hosts = {"127.0.0.1"};
  wiki->Use(std::make_unique<MediaWikiSource>(o));
  return wiki;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(MediaWiki, SourceConformanceTest,
                         ::testing::Values(SourceFactory{"RealWiki", RealWiki}),
                         [](const ::testing::TestParamInfo<SourceFactory>& info) {
                           return info.param.name;
                         });

}  // namespace fg::testing
