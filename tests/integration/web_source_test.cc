// `factgate verify` with web evidence: a SearXNG-style engine and its result pages on a loopback
// fixture server (tests/testing/test_http_server.h), the real binary, the mini KB. A claim the KB
// cannot decide is looked up on the web, cited with the page's URL, replayed offline from the
// evidence cache, and degrades the report (not the answer) when the engine is gone.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <string>

#include "tests/integration/cli_support.h"
#include "tests/testing/test_http_server.h"

namespace fg::testing {
namespace {

std::string Reply(const std::string& type, const std::string& body) {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

class WebSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>([this](const std::string& path) {
      if (path.rfind("/search?", 0) == 0) {
        return Reply("application/json", R"({"results": [{"url": ")" + Page() +
                                             R"(", "title": "Zorblax Tower", "content": "A tower."}]})");
      }
      return Reply("text/html",
                   "<html><body><nav><a href='/'>Home</a></nav><main><h1>Zorblax Tower</h1>"
                   "<p>The Zorblax Tower is a steel tower in Springfield. The Zorblax Tower was "
                   "completed in 1911 and is 120 metres tall.</p></main></body></html>");
    });
    kb_ = (dir_.path() / "kb").string();
    RunFactgate("index --kb " + kb_ + " " + SourceDir() + "/tests/data/mini_corpus.jsonl");
    web_ = " --searxng http://127.0.0.1:" + std::to_string(server_->port()) +
           " --web-private 127.0.0.1 --web-allow 127.0.0.1 --web-cache " +
           (dir_.path() / "cache").string();
    flags_ = " --kb " + kb_ + " --compact" +
             (std::filesystem::exists("/usr/share/wordnet/data.noun") ? "" : " --no-wordnet");
  }
  std::string Page() const {
    return "http://127.0.0.1:" + std::to_string(server_->port()) + "/zorblax";
  }
  rapidjson::Document Verify(const std::string& text, const std::string& extra) {
    std::string input = dir_.Write("answer.txt", text).string();
    CommandResult r = RunFactgate("verify" + flags_ + extra + " " + input);
    EXPECT_EQ(r.code, 0) << r.err;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_FALSE(doc.HasParseError()) << r.out << r.err;
    return doc;
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  std::string kb_, web_, flags_;
};

TEST_F(WebSourceTest, UndecidedClaimsAreCheckedOnTheWebAndReplayedOffline) {
  rapidjson::Document without = Verify("The Zorblax Tower was completed in 1911.", "");
  ASSERT_EQ(without["claims"].Size(), 1u);
  EXPECT_STREQ(without["claims"][0]["verdict"].GetString(), "not_enough_info");

  rapidjson::Document with = Verify("The Zorblax Tower was completed in 1911.", web_);
  ASSERT_EQ(with["claims"].Size(), 1u);
  const auto& claim = with["claims"][0];
  EXPECT_STREQ(claim["verdict"].GetString(), "supported");
  ASSERT_GT(claim["citations"].Size(), 0u);
  EXPECT_STREQ(claim["citations"][0]["source"].GetString(), "searxng");
  EXPECT_EQ(std::string(claim["citations"][0]["url"].GetString()), Page());
  EXPECT_TRUE(with["summary"]["checked"].GetBool());

  rapidjson::Document wrong = Verify("The Zorblax Tower was completed in 1925.", web_);
  EXPECT_STREQ(wrong["claims"][0]["verdict"].GetString(), "refuted");
  ASSERT_TRUE(wrong["claims"][0]["correction"].IsString());
  EXPECT_NE(std::string(wrong["claims"][0]["correction"].GetString()).find("1911"),
            std::string::npos);

  // The engine goes away: offline answers replay the cache; online ones degrade the report.
  int requests = server_->requests();
  EXPECT_GE(requests, 2);
  server_.reset();
  rapidjson::Document replay =
      Verify("The Zorblax Tower was completed in 1911.", web_ + " --offline");
  EXPECT_STREQ(replay["claims"][0]["verdict"].GetString(), "supported");
  EXPECT_TRUE(replay["summary"]["checked"].GetBool());
  rapidjson::Document degraded = Verify("The Zorblax Tower was 300 metres tall.", web_);
  EXPECT_FALSE(degraded["summary"]["checked"].GetBool());
  ASSERT_TRUE(degraded["summary"].HasMember("errors"));
  EXPECT_NE(std::string(degraded["summary"]["errors"][0].GetString()).find("searxng"),
            std::string::npos);
}

TEST_F(WebSourceTest, KbDecidedClaimsDoNotAskTheWeb) {
  rapidjson::Document doc =
      Verify("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.", web_);
  EXPECT_STREQ(doc["claims"][0]["verdict"].GetString(), "supported");
  EXPECT_STREQ(doc["claims"][0]["citations"][0]["source"].GetString(), "kb");
  EXPECT_EQ(server_->requests(), 0);
}

TEST_F(WebSourceTest, FlagErrors) {
  CommandResult r = RunFactgate("verify" + flags_ + " --web-cache x -");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("need a web source"), std::string::npos) << r.err;
  r = RunFactgate("verify" + flags_ + " --searxng http://127.0.0.1:1 --offline -");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--web-cache"), std::string::npos) << r.err;
  r = RunFactgate("verify" + flags_ + " --searxng ftp://x -");
  EXPECT_EQ(r.code, 2);
  r = RunFactgate("verify" + flags_ + " --searxng http://127.0.0.1:1 --web-when sometimes -");
  EXPECT_EQ(r.code, 2);
}

}  // namespace
}  // namespace fg::testing
