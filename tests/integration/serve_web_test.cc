// `factgate serve` with web evidence: a real MediaWiki on loopback
// (tests/testing/mediawiki_server.h), a tiny KB, and the real binary serving POST /v1/verify. A
// claim stated on one wiki page is cited with the page's URL, revision and fetch time; a request's
// "sources" picks which configured sources are asked (unknown names are a 400); with the wiki gone
// the answer still comes, marked as partly checked, and what the evidence cache holds is still
// cited. Skipped when MediaWiki or php is missing, except under CI=true.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/cli_support.h"
#include "tests/testing/mediawiki_server.h"

extern char** environ;

namespace fg::testing {
namespace {

constexpr char kLighthouse[] = "The Kessel Point Lighthouse was built in 1871.";
constexpr char kRiver[] = "The Velmora River is 412 kilometres long.";
constexpr char kNile[] = "The Nile is about 6,650 kilometres long.";  // in the KB only

std::vector<MediaWikiServer::Page> Pages() {
  return {
      {"Kessel Point Lighthouse",
       "The '''Kessel Point Lighthouse''' is a lighthouse on the northern tip of [[Brannoch "
       "Island]]. It was built in 1871 to a design by the engineer Mara Quintell. The octagonal "
       "tower is 38 metres tall."},
      {"Velmora River",
       "The '''Velmora River''' is a river in the Eastmarch region. It is 412 kilometres long and "
       "is known for its turquoise water."},
      {"Brannoch Island",
       "'''Brannoch Island''' is an island off the Eastmarch coast with an area of 54 square "
       "kilometres. Its landmark is the [[Kessel Point Lighthouse]]."},
  };
}

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

std::string Json(const std::string& text, const std::string& sources_json = "") {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  std::string body = R"({"text": ")" + escaped + "\"";
  if (!sources_json.empty()) body += R"(, "sources": )" + sources_json;
  return body + "}";
}

struct HttpReply {
  int status = 0;
  std::string body;
  std::string error;  // why there is no reply
};

// One POST on a fresh connection to 127.0.0.1:port (Connection: close; read to the end).
HttpReply Post(int port, const std::string& path, const std::string& body) {
  HttpReply reply;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    reply.error = "socket failed";
    return reply;
  }
  timeval timeout{60, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    reply.error = "cannot connect to port " + std::to_string(port);
    return reply;
  }
  std::string request = "POST " + path +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      close(fd);
      reply.error = "send failed";
      return reply;
    }
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buf[1 << 14];
  for (;;) {
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  size_t head_end = raw.find("\r\n\r\n");
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) {
    reply.error = "not an HTTP response: " + raw;
    return reply;
  }
  reply.status = std::atoi(raw.c_str() + 9);
  reply.body = raw.substr(head_end + 4);
  return reply;
}

// `factgate serve` on 127.0.0.1:0 with its stderr (the JSON log) in a file.
class Factgate {
 public:
  // Empty `why_not` once it logs the port it listens on.
  Factgate(std::vector<std::string> args, const std::string& log, std::string* why_not)
      : log_(log) {
    args.insert(args.begin(), {FACTGATE_BIN, "serve", "--listen", "127.0.0.1:0"});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      pid_ = -1;
      *why_not = "cannot run " + std::string(FACTGATE_BIN);
      return;
    }
    // The server logs {"msg":"listening","port":N} once it accepts connections.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::istringstream lines(ReadFile(log_));
      for (std::string line; std::getline(lines, line);) {
        rapidjson::Document doc;
        doc.Parse(line.c_str());
        if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("msg") &&
            doc["msg"].IsString() && std::string(doc["msg"].GetString()) == "listening" &&
            doc.HasMember("port") && doc["port"].IsInt()) {
          port_ = doc["port"].GetInt();
          return;
        }
      }
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        *why_not = "factgate serve exited before listening: " + ReadFile(log_);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    *why_not = "factgate serve did not log \"listening\" within 60 s: " + ReadFile(log_);
  }
  ~Factgate() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 300; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  Factgate(const Factgate&) = delete;
  Factgate& operator=(const Factgate&) = delete;

  int port() const { return port_; }
  std::string log() const { return ReadFile(log_); }

 private:
  std::string log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

class ServeWebTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!MediaWikiServer::Installed()) {
      if (InCi()) FAIL() << MediaWikiServer::MissingPackages();
      GTEST_SKIP() << MediaWikiServer::MissingPackages() << "; skipping";
    }
    std::string why_not;
    wiki_ = std::make_unique<MediaWikiServer>((dir_.path() / "wiki").string(), Pages(), &why_not);
    ASSERT_TRUE(why_not.empty()) << why_not;

    const std::string kb = (dir_.path() / "kb").string();
    const std::string corpus =
        dir_.Write(
                "corpus.jsonl",
                R"({"id": "nile", "title": "Nile", "text": "The Nile is a river in northeastern )"
                R"(Africa. It flows north into the Mediterranean Sea. The Nile is about 6,650 )"
                R"(kilometres long."})"
                "\n"
                R"({"id": "everest", "title": "Mount Everest", "text": "Mount Everest is a )"
                R"(mountain in the Himalayas on the border of Nepal and Tibet."})"
                "\n")
            .string();
    CommandResult index = RunFactgate("index --kb " + kb + " " + corpus);
    ASSERT_EQ(index.code, 0) << index.err;

    factgate_ = std::make_unique<Factgate>(
        std::vector<std::string>{"--kb", kb, "--mediawiki", wiki_->api_url(), "--web-private",
                                 "127.0.0.1", "--web-when", "always", "--web-cache",
                                 (dir_.path() / "web-cache").string(), "--budget-ms", "30000"},
        (dir_.path() / "factgate.log").string(), &why_not);
    ASSERT_TRUE(why_not.empty()) << why_not;
  }

  // POST /v1/verify; the reply's JSON body, and its HTTP status in *status.
  rapidjson::Document Verify(const std::string& body, int* status) {
    HttpReply reply = Post(factgate_->port(), "/v1/verify", body);
    EXPECT_TRUE(reply.error.empty()) << reply.error << "\n" << factgate_->log();
    *status = reply.status;
    rapidjson::Document doc;
    doc.Parse(reply.body.c_str());
    EXPECT_FALSE(doc.HasParseError()) << reply.body;
    EXPECT_TRUE(doc.IsObject()) << reply.body;
    return doc;
  }
  // The same, expecting 200 and a report.
  rapidjson::Document VerifyOk(const std::string& body) {
    int status = 0;
    rapidjson::Document doc = Verify(body, &status);
    EXPECT_EQ(status, 200) << body;
    EXPECT_TRUE(doc.IsObject() && doc.HasMember("claims") && doc.HasMember("summary")) << body;
    return doc;
  }

  // The citations of every claim whose "source" is `source`.
  static std::vector<const rapidjson::Value*> CitationsFrom(const rapidjson::Document& report,
                                                            const std::string& source) {
    std::vector<const rapidjson::Value*> out;
    if (!report.IsObject() || !report.HasMember("claims")) return out;
    for (const auto& claim : report["claims"].GetArray()) {
      for (const auto& citation : claim["citations"].GetArray()) {
        if (std::string(citation["source"].GetString()) == source) out.push_back(&citation);
      }
    }
    return out;
  }
  static size_t CitationCount(const rapidjson::Document& report) {
    size_t n = 0;
    for (const auto& claim : report["claims"].GetArray()) n += claim["citations"].Size();
    return n;
  }
  static std::string FirstVerdict(const rapidjson::Document& report) {
    if (!report.IsObject() || !report.HasMember("claims") || report["claims"].Empty()) return "";
    return report["claims"][0]["verdict"].GetString();
  }
  std::string PageUrl(const std::string& title) const {
    return wiki_->base_url() + "/index.php/" + title;
  }

  TempDir dir_;
  std::unique_ptr<MediaWikiServer> wiki_;
  std::unique_ptr<Factgate> factgate_;
};

TEST_F(ServeWebTest, WikiEvidenceIsCitedWithPageUrlRevisionAndFetchTime) {
  rapidjson::Document report = VerifyOk(Json(kLighthouse));
  ASSERT_EQ(report["claims"].Size(), 1u);
  EXPECT_EQ(FirstVerdict(report), "supported");
  EXPECT_TRUE(report["summary"]["checked"].GetBool());
  auto cited = CitationsFrom(report, "mediawiki");
  ASSERT_FALSE(cited.empty()) << factgate_->log();
  const rapidjson::Value& c = *cited[0];
  EXPECT_EQ(std::string(c["url"].GetString()), PageUrl("Kessel_Point_Lighthouse"));
  EXPECT_EQ(std::string(c["title"].GetString()), "Kessel Point Lighthouse");
  EXPECT_NE(std::string(c["quote"].GetString()).find("1871"), std::string::npos);
  ASSERT_TRUE(c.HasMember("revision_id") && c["revision_id"].IsString());
  EXPECT_TRUE(std::regex_match(std::string(c["revision_id"].GetString()), std::regex("[0-9]+")))
      << c["revision_id"].GetString();
  ASSERT_TRUE(c.HasMember("fetched_at") && c["fetched_at"].IsString());
  EXPECT_TRUE(
      std::regex_match(std::string(c["fetched_at"].GetString()),
                       std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")))
      << c["fetched_at"].GetString();
  // Nothing in the KB is about the lighthouse.
  EXPECT_TRUE(CitationsFrom(report, "kb").empty());
}

TEST_F(ServeWebTest, RequestPicksTheSourcesItNames) {
  // The KB alone: nothing from the wiki, even with the web configured to be always asked.
  rapidjson::Document kb_only = VerifyOk(Json(kLighthouse, R"(["kb"])"));
  EXPECT_TRUE(CitationsFrom(kb_only, "mediawiki").empty());
  EXPECT_NE(FirstVerdict(kb_only), "supported");
  rapidjson::Document nile_kb = VerifyOk(Json(kNile, R"(["kb"])"));
  EXPECT_EQ(FirstVerdict(nile_kb), "supported");
  EXPECT_FALSE(CitationsFrom(nile_kb, "kb").empty());

  // The wiki alone: no KB citations.
  rapidjson::Document wiki_only = VerifyOk(Json(kLighthouse, R"(["mediawiki"])"));
  EXPECT_EQ(FirstVerdict(wiki_only), "supported");
  EXPECT_FALSE(CitationsFrom(wiki_only, "mediawiki").empty());
  rapidjson::Document nile_wiki = VerifyOk(Json(kNile, R"(["mediawiki"])"));
  EXPECT_TRUE(CitationsFrom(nile_wiki, "kb").empty());
  EXPECT_NE(FirstVerdict(nile_wiki), "supported");

  // Both, in any order, repeats allowed.
  rapidjson::Document both =
      VerifyOk(Json(std::string(kLighthouse) + " " + kNile, R"(["mediawiki", "kb", "mediawiki"])"));
  EXPECT_FALSE(CitationsFrom(both, "mediawiki").empty());
  EXPECT_FALSE(CitationsFrom(both, "kb").empty());

  // None: no retrieval at all.
  rapidjson::Document none = VerifyOk(Json(kLighthouse, "[]"));
  EXPECT_EQ(CitationCount(none), 0u);

  // Unknown names, and malformed lists, are refused with the names that would do.
  int status = 0;
  rapidjson::Document unknown = Verify(Json(kLighthouse, R"(["kb", "nope"])"), &status);
  EXPECT_EQ(status, 400);
  ASSERT_TRUE(unknown.HasMember("error"));
  EXPECT_STREQ(unknown["error"]["code"].GetString(), "invalid_sources");
  const std::string message = unknown["error"]["message"].GetString();
  EXPECT_NE(message.find("\"nope\""), std::string::npos) << message;
  EXPECT_NE(message.find("available: \"kb\", \"mediawiki\""), std::string::npos) << message;
  Verify(Json(kLighthouse, R"("kb")"), &status);
  EXPECT_EQ(status, 400);
  Verify(Json(kLighthouse, "[1]"), &status);
  EXPECT_EQ(status, 400);
}

TEST_F(ServeWebTest, WikiDownDegradesTheReportNotTheAnswer) {
  rapidjson::Document before = VerifyOk(Json(kLighthouse));
  ASSERT_FALSE(CitationsFrom(before, "mediawiki").empty()) << factgate_->log();
  wiki_->Stop();

  // A claim the cache has never seen: the answer comes, marked as partly checked.
  rapidjson::Document after = VerifyOk(Json(kRiver));
  ASSERT_TRUE(after["summary"].HasMember("checked"));
  EXPECT_FALSE(after["summary"]["checked"].GetBool());
  ASSERT_TRUE(after["summary"].HasMember("errors"));
  bool names_wiki = false;
  for (const auto& e : after["summary"]["errors"].GetArray()) {
    names_wiki = names_wiki || std::string(e.GetString()).find("mediawiki") != std::string::npos;
  }
  EXPECT_TRUE(names_wiki) << "errors do not name mediawiki";
  EXPECT_EQ(CitationCount(after), 0u);

  // What the wiki answered before still comes from the evidence cache.
  rapidjson::Document cached = VerifyOk(Json(kLighthouse));
  EXPECT_TRUE(cached["summary"]["checked"].GetBool());
  auto cited = CitationsFrom(cached, "mediawiki");
  ASSERT_FALSE(cited.empty());
  EXPECT_EQ(std::string((*cited[0])["url"].GetString()), PageUrl("Kessel_Point_Lighthouse"));

  // A request that leaves the wiki out is not degraded by it.
  rapidjson::Document kb_only = VerifyOk(Json(kRiver, R"(["kb"])"));
  EXPECT_TRUE(kb_only["summary"]["checked"].GetBool());
}

// With web sources and no KB the service has somewhere to look, so it is ready.
TEST_F(ServeWebTest, ReadyWithWebSourcesAlone) {
  std::string why_not;
  Factgate web_only({"--mediawiki", wiki_->api_url(), "--web-private", "127.0.0.1", "--upstream",
                     "http://127.0.0.1:9/v1"},
                    (dir_.path() / "web-only.log").string(), &why_not);
  ASSERT_TRUE(why_not.empty()) << why_not;
  auto ready = Fetch("http://127.0.0.1:" + std::to_string(web_only.port()) + "/readyz",
                     MediaWikiServer::LoopbackFetchOptions());
  ASSERT_TRUE(ready.ok()) << ready.status().ToString();
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_NE(ready->body.find(R"("kb":false)"), std::string::npos) << ready->body;
  EXPECT_NE(ready->body.find(R"("sources":["mediawiki"])"), std::string::npos) << ready->body;
}

}  // namespace
}  // namespace fg::testing
