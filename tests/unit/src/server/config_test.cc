#include "src/server/config.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

namespace fg::server {
namespace {

namespace fs = std::filesystem;

class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fg_config_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  static Result<LoadedServerConfig> Load(const std::string& file,
                                         const std::map<std::string, std::string>& env,
                                         const std::vector<std::string>& flags) {
    return LoadServerConfig(file, env, flags);
  }
  static std::string Error(const Result<LoadedServerConfig>& r) {
    EXPECT_FALSE(r.ok());
    return r.status().message();
  }

  fs::path dir_;
};

TEST_F(ServerConfigTest, DefaultsWhenNothingGiven) {
  auto r = Load("", {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ServerConfig& c = r->config;
  EXPECT_FALSE(r->help_requested);
  EXPECT_EQ(r->config_file, "");
  EXPECT_EQ(c.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.mode, "annotate");
  EXPECT_EQ(c.limits.max_body_bytes, 8u << 20);
  EXPECT_TRUE(c.upstream_tls_verify);
  EXPECT_TRUE(ValidateServerConfig(ServerConfig{}).ok());
}

TEST_F(ServerConfigTest, LayersOverrideInOrder) {
  const std::string file = Write("c.json", R"({
    // a comment
    "mode": "cite", /* another */
    "budget_ms": 100,
    "io_threads": 2,
    "kb": ["a", "b",],
    "limits": {"max_body_bytes": 1000, "read_timeout_ms": 7},
  })");
  auto r = Load(file,
                {{"FACTGATE_BUDGET_MS", "200"},
                 {"FACTGATE_IO_THREADS", "3"},
                 {"FACTGATE_LIMITS_MAX_BODY_BYTES", "2000"},
                 {"PATH", "/bin"}},
                {"--io-threads=4", "--max-body-bytes", "3000"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ServerConfig& c = r->config;
  EXPECT_EQ(r->config_file, file);
  EXPECT_EQ(c.mode, "cite");    // file
  EXPECT_EQ(c.budget_ms, 200);  // env over file
  EXPECT_EQ(c.io_threads, 4);   // flag over env
  EXPECT_EQ(c.limits.max_body_bytes, 3000u);
  EXPECT_EQ(c.limits.read_timeout_ms, 7);
  EXPECT_EQ(c.kb, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(r->warnings.empty());
}

TEST_F(ServerConfigTest, KbListFromEnvAndRepeatedFlags) {
  const std::string file = Write("c.json", R"({"kb": ["file"]})");
  auto env_only = Load(file, {{"FACTGATE_KB", " x, y ,,tcp://h:1"}}, {});
  ASSERT_TRUE(env_only.ok()) << env_only.status().ToString();
  EXPECT_EQ(env_only->config.kb, (std::vector<std::string>{"x", "y", "tcp://h:1"}));

  auto flags = Load(file, {{"FACTGATE_KB", "x"}}, {"--kb", "p", "--kb=q"});
  ASSERT_TRUE(flags.ok()) << flags.status().ToString();
  EXPECT_EQ(flags->config.kb, (std::vector<std::string>{"p", "q"}));

  auto cleared = Load(file, {{"FACTGATE_KB", ""}}, {});
  ASSERT_TRUE(cleared.ok());
  EXPECT_TRUE(cleared->config.kb.empty());
}

TEST_F(ServerConfigTest, BooleanFlagForms) {
  auto bare = Load("", {}, {"--fail-closed"});
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->config.fail_closed);

  auto explicit_false = Load("", {{"FACTGATE_FAIL_CLOSED", "true"}}, {"--fail-closed=false"});
  ASSERT_TRUE(explicit_false.ok());
  EXPECT_FALSE(explicit_false->config.fail_closed);

  auto spaced = Load("", {}, {"--upstream-tls-verify", "false", "--mode", "off"});
  ASSERT_TRUE(spaced.ok()) << spaced.status().ToString();
  EXPECT_FALSE(spaced->config.upstream_tls_verify);
  EXPECT_EQ(spaced->config.mode, "off");

  EXPECT_NE(Error(Load("", {}, {"--fail-closed=maybe"})).find("--fail-closed"), std::string::npos);
}

TEST_F(ServerConfigTest, ConfigFlagPicksTheFile) {
  const std::string a = Write("a.json", R"({"mode": "cite"})");
  const std::string b = Write("b.json", R"({"mode": "rewrite"})");
  auto from_flag = Load(a, {}, {"--config", b});
  ASSERT_TRUE(from_flag.ok());
  EXPECT_EQ(from_flag->config.mode, "rewrite");
  EXPECT_EQ(from_flag->config_file, b);

  auto from_env = Load(a, {{"FACTGATE_CONFIG", b}}, {});
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->config.mode, "rewrite");
}

TEST_F(ServerConfigTest, HelpShortCircuits) {
  auto r = Load("/no/such/file.json", {}, {"--bogus", "--help"});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->help_requested);
  auto h = Load("", {}, {"-h"});
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->help_requested);
}

TEST_F(ServerConfigTest, UnknownKeySuggestsTheNearestOne) {
  const std::string file = Write("factgate.json", R"({"limts": {}})");
  EXPECT_EQ(Error(Load(file, {}, {})),
            file + ": unknown setting \"limts\" (did you mean \"limits\"?)");

  const std::string nested = Write("n.json", R"({"limits": {"max_bdy_bytes": 1}})");
  EXPECT_EQ(Error(Load(nested, {}, {})),
            nested +
                ": unknown setting \"limits.max_bdy_bytes\" (did you mean "
                "\"limits.max_body_bytes\"?)");

  const std::string misplaced = Write("m.json", R"({"max_body_bytes": 1})");
  EXPECT_NE(Error(Load(misplaced, {}, {})).find("did you mean \"limits.max_body_bytes\"?"),
            std::string::npos);

  const std::string far = Write("f.json", R"({"completely_different": 1})");
  EXPECT_EQ(Error(Load(far, {}, {})), far + ": unknown setting \"completely_different\"");
}

TEST_F(ServerConfigTest, WrongTypeNamesKeyAndExpectedType) {
  const std::string file = Write("t.json", R"({"budget_ms": "fast"})");
  EXPECT_EQ(Error(Load(file, {}, {})),
            file + ": setting \"budget_ms\" must be an integer between 1 and 600000, got a string");

  const std::string list = Write("l.json", R"({"kb": "dir"})");
  EXPECT_NE(Error(Load(list, {}, {})).find("\"kb\" must be an array of strings"),
            std::string::npos);

  const std::string group = Write("g.json", R"({"limits": 5})");
  EXPECT_NE(Error(Load(group, {}, {})).find("\"limits\" must be an object, got the number 5"),
            std::string::npos);

  const std::string fraction = Write("d.json", R"({"limits": {"max_body_bytes": 1.5}})");
  EXPECT_NE(Error(Load(fraction, {}, {})).find("got the number 1.5"), std::string::npos);

  const std::string negative = Write("n.json", R"({"limits": {"max_body_bytes": -1}})");
  EXPECT_NE(Error(Load(negative, {}, {})).find("\"limits.max_body_bytes\" must be an integer"),
            std::string::npos);

  const std::string boolean = Write("b.json", R"({"fail_closed": "yes"})");
  EXPECT_NE(Error(Load(boolean, {}, {})).find("must be true or false"), std::string::npos);
}

TEST_F(ServerConfigTest, ParseErrorGivesLineAndColumn) {
  const std::string file = Write("p.json", "{\n  \"mode\": \"cite\"\n  \"listen\": \"x\"\n}");
  const std::string error = Error(Load(file, {}, {}));
  EXPECT_EQ(error.rfind(file + ":3:3: invalid JSON: ", 0), 0u) << error;

  const std::string not_object = Write("a.json", "[1]");
  EXPECT_NE(Error(Load(not_object, {}, {})).find("expected a JSON object"), std::string::npos);
}

TEST_F(ServerConfigTest, MissingFileIsNotFound) {
  auto r = Load((dir_ / "nope.json").string(), {}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
}

TEST_F(ServerConfigTest, ValidationNamesSettingAndOrigin) {
  EXPECT_EQ(Error(Load("", {{"FACTGATE_MODE", "loud"}}, {})),
            "mode (from FACTGATE_MODE): must be one of off, annotate, cite, rewrite; got \"loud\"");
  EXPECT_EQ(Error(Load("", {}, {"--io-threads", "0"})),
            "--io-threads: must be between 1 and 256, got 0");
  EXPECT_EQ(Error(Load("", {}, {"--worker-threads=257"})),
            "--worker-threads: must be between 0 and 256, got 257");
  EXPECT_NE(Error(Load("", {}, {"--budget-ms", "abc"})).find("--budget-ms: expected an integer"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--listen", "localhost"})).find("listen (from --listen)"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--upstream", "ftp://x"})).find("http:// or https://"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--log-level", "loud"})).find("log_level (from --log-level)"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--max-text-bytes=0"})).find("must be between 1"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--kb="})).find("kb (from --kb): entry 1 must not be empty"),
            std::string::npos);

  const std::string file = Write("v.json", R"({"mode": "loud"})");
  EXPECT_NE(Error(Load(file, {}, {})).find("mode (from " + file + ")"), std::string::npos);
  // A later layer can fix an earlier one.
  EXPECT_TRUE(Load(file, {}, {"--mode", "off"}).ok());

  ServerConfig bad;
  bad.budget_ms = 0;
  EXPECT_EQ(ValidateServerConfig(bad).message(), "budget_ms: must be between 1 and 600000, got 0");
}

TEST_F(ServerConfigTest, FlagErrors) {
  EXPECT_EQ(Error(Load("", {}, {"--lisen", "x"})),
            "unknown flag --lisen (did you mean --listen?); see --help");
  EXPECT_EQ(Error(Load("", {}, {"--zzzzzzzzz"})), "unknown flag --zzzzzzzzz; see --help");
  EXPECT_EQ(Error(Load("", {}, {"--listen"})), "--listen needs a value");
  EXPECT_EQ(Error(Load("", {}, {"--upstream", "--mode", "off"})), "--upstream needs a value");
  EXPECT_NE(Error(Load("", {}, {"stray"})).find("unexpected argument \"stray\""),
            std::string::npos);
}

TEST_F(ServerConfigTest, UnknownEnvironmentVariableIsAWarning) {
  auto r = Load("", {{"FACTGATE_LISTN", "x"}, {"HOME", "/root"}}, {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "unknown environment variable FACTGATE_LISTN ignored (did you mean FACTGATE_LISTEN?)");
}

TEST_F(ServerConfigTest, ConfigToJsonMasksTokenAndNestsLimits) {
  ServerConfig c;
  c.admin_token = "secret";
  c.kb = {"a"};
  const std::string json = ConfigToJson(c);
  EXPECT_EQ(json.find("secret"), std::string::npos);
  rapidjson::Document doc;
  doc.Parse(json);
  ASSERT_FALSE(doc.HasParseError()) << json;
  EXPECT_STREQ(doc["admin_token"].GetString(), "***");
  EXPECT_EQ(doc["limits"]["max_body_bytes"].GetUint64(), 8u << 20);
  EXPECT_STREQ(doc["kb"][0].GetString(), "a");
  EXPECT_TRUE(doc["upstream_tls_verify"].GetBool());

  EXPECT_NE(ConfigToJson(ServerConfig{}).find("\"admin_token\":\"\""), std::string::npos);
}

TEST_F(ServerConfigTest, ConfigToJsonRoundTripsThroughAFile) {
  ServerConfig c;
  c.mode = "rewrite";
  c.kb = {"x", "y"};
  c.limits.max_connections = 5;
  c.fail_closed = true;
  const std::string file = Write("round.json", ConfigToJson(c));
  auto r = Load(file, {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ConfigToJson(r->config), ConfigToJson(c));
}

TEST_F(ServerConfigTest, HelpListsEveryFlagWithEnvAndDefault) {
  const std::string help = ServeHelp();
  EXPECT_EQ(help.rfind("usage: factgate serve", 0), 0u);
  EXPECT_NE(help.find("--config FILE"), std::string::npos);
  for (const SettingInfo& s : DescribeServerSettings()) {
    EXPECT_NE(help.find("  " + s.flag), std::string::npos) << s.flag;
    EXPECT_NE(help.find("(env " + s.env), std::string::npos) << s.env;
    EXPECT_NE(help.find(s.doc), std::string::npos) << s.key;
  }
  EXPECT_NE(help.find("(env FACTGATE_LIMITS_MAX_BODY_BYTES, default 8388608)"), std::string::npos);
  EXPECT_NE(help.find("--fail-closed[=true|false]"), std::string::npos);
  size_t start = 0;
  while (start < help.size()) {
    const size_t end = help.find('\n', start);
    EXPECT_LE(end - start, 100u) << help.substr(start, end - start);
    start = end + 1;
  }
}

TEST_F(ServerConfigTest, EverySettingWorksThroughEveryChannel) {
  for (const SettingInfo& s : DescribeServerSettings()) {
    std::string value = s.type == "boolean"   ? (s.default_value == "true" ? "false" : "true")
                        : s.type == "integer" ? "7"
                        : s.key == "mode"     ? "cite"
                        : s.key == "listen"   ? "127.0.0.1:9"
                        : s.key == "upstream" || s.key == "anthropic_upstream" ||
                                s.key == "ollama_upstream" || s.key == "web.mediawiki" ||
                                s.key == "web.searxng"
                            ? "http://h:1/v1"
                        : s.key == "log_level" ? "debug"
                        : s.key == "web.when"  ? "always"
                                               : "v";
    // The other web settings need a web source, and offline its cache.
    std::map<std::string, std::string> base_env;
    std::vector<std::string> base_flags;
    if (s.key.starts_with("web.") && s.key != "web.searxng") {
      base_env["FACTGATE_WEB_SEARXNG"] = "http://base:1";
      base_flags.push_back("--searxng=http://base:1");
    }
    if (s.key == "web.offline") {
      base_env["FACTGATE_WEB_CACHE_DIR"] = "cache";
      base_flags.push_back("--web-cache=cache");
    }
    auto base = Load("", base_env, {});
    ASSERT_TRUE(base.ok()) << s.key << ": " << base.status().ToString();
    std::map<std::string, std::string> env = base_env;
    env[s.env] = value;
    auto via_env = Load("", env, {});
    ASSERT_TRUE(via_env.ok()) << s.env << ": " << via_env.status().ToString();
    std::vector<std::string> flags = base_flags;
    flags.push_back(s.flag + "=" + value);
    auto via_flag = Load("", {}, flags);
    ASSERT_TRUE(via_flag.ok()) << s.flag << ": " << via_flag.status().ToString();
    EXPECT_EQ(ConfigToJson(via_env->config), ConfigToJson(via_flag->config)) << s.key;
    EXPECT_NE(ConfigToJson(via_env->config), ConfigToJson(base->config)) << s.key;
  }
}

TEST_F(ServerConfigTest, WebDefaultsAreOff) {
  auto r = Load("", {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const WebConfig& web = r->config.web;
  EXPECT_FALSE(web.enabled());
  EXPECT_TRUE(web.mediawiki.empty());
  EXPECT_EQ(web.searxng, "");
  EXPECT_EQ(web.when, "fallback");
  EXPECT_TRUE(web.allow.empty());
  EXPECT_TRUE(web.private_hosts.empty());
  EXPECT_EQ(web.pages, 3);
  EXPECT_EQ(web.timeout_ms, 3000);
  EXPECT_EQ(web.max_concurrent, 4);
  EXPECT_EQ(web.cache_dir, "");
  EXPECT_EQ(web.cache_ttl_seconds, 604800);
  EXPECT_FALSE(web.offline);

  // The settings table names them after the flags of factgate verify.
  std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"web.mediawiki", {"FACTGATE_WEB_MEDIAWIKI", "--mediawiki"}},
      {"web.searxng", {"FACTGATE_WEB_SEARXNG", "--searxng"}},
      {"web.when", {"FACTGATE_WEB_WHEN", "--web-when"}},
      {"web.allow", {"FACTGATE_WEB_ALLOW", "--web-allow"}},
      {"web.private", {"FACTGATE_WEB_PRIVATE", "--web-private"}},
      {"web.pages", {"FACTGATE_WEB_PAGES", "--web-pages"}},
      {"web.timeout_ms", {"FACTGATE_WEB_TIMEOUT_MS", "--web-timeout-ms"}},
      {"web.max_concurrent", {"FACTGATE_WEB_MAX_CONCURRENT", "--web-concurrency"}},
      {"web.cache_dir", {"FACTGATE_WEB_CACHE_DIR", "--web-cache"}},
      {"web.cache_ttl_seconds", {"FACTGATE_WEB_CACHE_TTL_SECONDS", "--web-cache-ttl"}},
      {"web.offline", {"FACTGATE_WEB_OFFLINE", "--offline"}},
  };
  for (const SettingInfo& s : DescribeServerSettings()) {
    if (!s.key.starts_with("web.")) continue;
    auto it = expected.find(s.key);
    ASSERT_NE(it, expected.end()) << s.key;
    EXPECT_EQ(s.env, it->second.first);
    EXPECT_EQ(s.flag, it->second.second);
    expected.erase(it);
  }
  EXPECT_TRUE(expected.empty());
  const std::string help = ServeHelp();
  EXPECT_NE(help.find("--web-pages N\n"), std::string::npos);
  EXPECT_NE(help.find("(env FACTGATE_WEB_CACHE_TTL_SECONDS, default 604800)"), std::string::npos);
}

TEST_F(ServerConfigTest, WebFromJson) {
  const std::string file = Write("web.json", R"({
    "kb": ["kb"],
    "web": {
      // every key
      "mediawiki": ["https://en.wikipedia.org/w/api.php", "http://wiki.lan:8080/w/api.php"],
      "searxng": "http://127.0.0.1:8888",
      "when": "always",
      "allow": ["*.example.org", "example.com"],
      "private": ["wiki.lan"],
      "pages": 20,
      "timeout_ms": 1500,
      "max_concurrent": 256,
      "cache_dir": "/var/cache/factgate",
      "cache_ttl_seconds": 0,
      "offline": true,
    },
  })");
  auto r = Load(file, {}, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const WebConfig& web = r->config.web;
  EXPECT_TRUE(web.enabled());
  EXPECT_EQ(web.mediawiki, (std::vector<std::string>{"https://en.wikipedia.org/w/api.php",
                                                     "http://wiki.lan:8080/w/api.php"}));
  EXPECT_EQ(web.searxng, "http://127.0.0.1:8888");
  EXPECT_EQ(web.when, "always");
  EXPECT_EQ(web.allow, (std::vector<std::string>{"*.example.org", "example.com"}));
  EXPECT_EQ(web.private_hosts, std::vector<std::string>{"wiki.lan"});
  EXPECT_EQ(web.pages, 20);
  EXPECT_EQ(web.timeout_ms, 1500);
  EXPECT_EQ(web.max_concurrent, 256);
  EXPECT_EQ(web.cache_dir, "/var/cache/factgate");
  EXPECT_EQ(web.cache_ttl_seconds, 0);
  EXPECT_TRUE(web.offline);

  // The effective config shows them under "web", and reads back the same.
  rapidjson::Document doc;
  doc.Parse(ConfigToJson(r->config));
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["web"]["mediawiki"][1].GetString(), "http://wiki.lan:8080/w/api.php");
  EXPECT_STREQ(doc["web"]["private"][0].GetString(), "wiki.lan");
  EXPECT_EQ(doc["web"]["pages"].GetInt(), 20);
  EXPECT_TRUE(doc["web"]["offline"].GetBool());
  const std::string round = Write("round.json", ConfigToJson(r->config));
  auto again = Load(round, {}, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(ConfigToJson(again->config), ConfigToJson(r->config));
}

TEST_F(ServerConfigTest, WebFromEnvironment) {
  auto r = Load("",
                {{"FACTGATE_WEB_MEDIAWIKI", "http://a/w/api.php, https://b/w/api.php"},
                 {"FACTGATE_WEB_SEARXNG", "http://127.0.0.1:8888"},
                 {"FACTGATE_WEB_WHEN", "always"},
                 {"FACTGATE_WEB_ALLOW", "a.org,b.org"},
                 {"FACTGATE_WEB_PRIVATE", "127.0.0.1"},
                 {"FACTGATE_WEB_PAGES", "5"},
                 {"FACTGATE_WEB_TIMEOUT_MS", "250"},
                 {"FACTGATE_WEB_MAX_CONCURRENT", "8"},
                 {"FACTGATE_WEB_CACHE_DIR", "/tmp/c"},
                 {"FACTGATE_WEB_CACHE_TTL_SECONDS", "60"},
                 {"FACTGATE_WEB_OFFLINE", "yes"}},
                {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->warnings.empty());
  const WebConfig& web = r->config.web;
  EXPECT_EQ(web.mediawiki, (std::vector<std::string>{"http://a/w/api.php", "https://b/w/api.php"}));
  EXPECT_EQ(web.searxng, "http://127.0.0.1:8888");
  EXPECT_EQ(web.when, "always");
  EXPECT_EQ(web.allow, (std::vector<std::string>{"a.org", "b.org"}));
  EXPECT_EQ(web.private_hosts, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(web.pages, 5);
  EXPECT_EQ(web.timeout_ms, 250);
  EXPECT_EQ(web.max_concurrent, 8);
  EXPECT_EQ(web.cache_dir, "/tmp/c");
  EXPECT_EQ(web.cache_ttl_seconds, 60);
  EXPECT_TRUE(web.offline);
}

TEST_F(ServerConfigTest, WebFromFlagsOverFileAndEnvironment) {
  const std::string file = Write("web.json", R"({"web": {
    "mediawiki": ["http://file/w/api.php"], "pages": 2, "private": ["file.lan"]}})");
  auto r = Load(file, {{"FACTGATE_WEB_PAGES", "4"}, {"FACTGATE_WEB_TIMEOUT_MS", "900"}},
                {"--mediawiki",
                 "http://127.0.0.1:1/api.php",
                 "--mediawiki=https://b/w/api.php",
                 "--searxng",
                 "http://127.0.0.1:8888",
                 "--web-when",
                 "always",
                 "--web-allow",
                 "a.org",
                 "--web-allow=b.org",
                 "--web-private",
                 "127.0.0.1",
                 "--web-pages",
                 "6",
                 "--web-concurrency",
                 "16",
                 "--web-cache",
                 "cache",
                 "--web-cache-ttl",
                 "120",
                 "--offline"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const WebConfig& web = r->config.web;
  // The first flag of a list replaces the file's entries; later ones add to it.
  EXPECT_EQ(web.mediawiki,
            (std::vector<std::string>{"http://127.0.0.1:1/api.php", "https://b/w/api.php"}));
  EXPECT_EQ(web.searxng, "http://127.0.0.1:8888");
  EXPECT_EQ(web.when, "always");
  EXPECT_EQ(web.allow, (std::vector<std::string>{"a.org", "b.org"}));
  EXPECT_EQ(web.private_hosts, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(web.pages, 6);         // flag over env over file
  EXPECT_EQ(web.timeout_ms, 900);  // env
  EXPECT_EQ(web.max_concurrent, 16);
  EXPECT_EQ(web.cache_dir, "cache");
  EXPECT_EQ(web.cache_ttl_seconds, 120);
  EXPECT_TRUE(web.offline);

  auto timeout = Load("", {}, {"--mediawiki", "http://w/api.php", "--web-timeout-ms=42"});
  ASSERT_TRUE(timeout.ok()) << timeout.status().ToString();
  EXPECT_EQ(timeout->config.web.timeout_ms, 42);
  // verify's --web-timeout is spelled with the unit here, like serve's other times.
  EXPECT_EQ(Error(Load("", {}, {"--web-timeout", "42"})),
            "unknown flag --web-timeout (did you mean --web-timeout-ms?); see --help");
}

TEST_F(ServerConfigTest, WebUrlsMustBeHttp) {
  EXPECT_EQ(Error(Load("", {}, {"--mediawiki", "ftp://wiki/api.php"})),
            "web.mediawiki (from --mediawiki): entry 1 URL \"ftp://wiki/api.php\": must start "
            "with http:// or https://");
  EXPECT_NE(Error(Load("", {}, {"--mediawiki", "http://ok/api.php", "--mediawiki", "wiki/api.php"}))
                .find("web.mediawiki (from --mediawiki): entry 2 URL \"wiki/api.php\""),
            std::string::npos);
  EXPECT_EQ(Error(Load("", {{"FACTGATE_WEB_SEARXNG", "127.0.0.1:8888"}}, {})),
            "web.searxng (from FACTGATE_WEB_SEARXNG): URL \"127.0.0.1:8888\": must start with "
            "http:// or https://");
  EXPECT_NE(Error(Load("", {}, {"--searxng", "http://h/search?q=x"})).find("query or fragment"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, {"--mediawiki="})).find("web.mediawiki (from --mediawiki): entry 1"),
            std::string::npos);
  const std::string file = Write("u.json", R"({"web": {"mediawiki": ["en.wikipedia.org"]}})");
  EXPECT_NE(Error(Load(file, {}, {})).find("web.mediawiki (from " + file + "): entry 1 URL"),
            std::string::npos);
}

TEST_F(ServerConfigTest, WebRangesAndChoices) {
  const std::vector<std::string> wiki = {"--mediawiki", "http://w/api.php"};
  const auto with_wiki = [&wiki](std::vector<std::string> more) {
    more.insert(more.begin(), wiki.begin(), wiki.end());
    return more;
  };
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-when", "sometimes"}))),
            "web.when (from --web-when): must be fallback or always; got \"sometimes\"");
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-pages", "21"}))),
            "--web-pages: must be between 1 and 20, got 21");
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-pages", "0"}))),
            "--web-pages: must be between 1 and 20, got 0");
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-concurrency", "257"}))),
            "--web-concurrency: must be between 1 and 256, got 257");
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-timeout-ms", "0"}))),
            "--web-timeout-ms: must be between 1 and 600000, got 0");
  EXPECT_EQ(Error(Load("", {}, with_wiki({"--web-cache-ttl", "-1"}))),
            "--web-cache-ttl: must be between 0 and 2147483647, got -1");
  EXPECT_NE(Error(Load("", {}, with_wiki({"--offline=perhaps"}))).find("--offline"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, with_wiki({"--web-private="})))
                .find("web.private (from --web-private): entry 1 must not be empty"),
            std::string::npos);
  EXPECT_NE(Error(Load("", {}, with_wiki({"--web-allow="})))
                .find("web.allow (from --web-allow): entry 1 must not be empty"),
            std::string::npos);

  const std::string pages = Write("p.json", R"({"web": {"mediawiki": ["http://w/api.php"],
    "pages": 50}})");
  EXPECT_EQ(
      Error(Load(pages, {}, {})),
      pages + ": setting \"web.pages\" must be an integer between 1 and 20, got the number 50");
  const std::string list = Write("l.json", R"({"web": {"mediawiki": "http://w/api.php"}})");
  EXPECT_NE(Error(Load(list, {}, {})).find("\"web.mediawiki\" must be an array of strings"),
            std::string::npos);
  const std::string group = Write("g.json", R"({"web": true})");
  EXPECT_NE(Error(Load(group, {}, {})).find("\"web\" must be an object, got true"),
            std::string::npos);
  const std::string typo = Write("t.json", R"({"web": {"timeout": 5}})");
  EXPECT_EQ(Error(Load(typo, {}, {})),
            typo + ": unknown setting \"web.timeout\" (did you mean \"web.timeout_ms\"?)");
}

TEST_F(ServerConfigTest, WebSettingsNeedAWebSource) {
  const std::string needs =
      ": needs a web source: set web.mediawiki (--mediawiki URL) or web.searxng (--searxng URL)";
  EXPECT_EQ(Error(Load("", {}, {"--web-cache", "cache"})),
            "web.cache_dir (from --web-cache)" + needs);
  EXPECT_EQ(Error(Load("", {{"FACTGATE_WEB_WHEN", "always"}}, {})),
            "web.when (from FACTGATE_WEB_WHEN)" + needs);
  EXPECT_EQ(Error(Load("", {}, {"--offline"})), "web.offline (from --offline)" + needs);
  EXPECT_EQ(Error(Load("", {}, {"--web-private", "127.0.0.1"})),
            "web.private (from --web-private)" + needs);
  const std::string file = Write("n.json", R"({"web": {"pages": 5}})");
  EXPECT_EQ(Error(Load(file, {}, {})), "web.pages (from " + file + ")" + needs);
  // Settings spelled out at their defaults (as config/factgate.json has them) need nothing.
  const std::string defaults = Write("d.json", R"({"web": {"when": "fallback", "pages": 3,
    "allow": [], "offline": false, "cache_ttl_seconds": 604800}})");
  EXPECT_TRUE(Load(defaults, {}, {}).ok());
  // Either source will do.
  EXPECT_TRUE(Load(file, {}, {"--searxng", "http://127.0.0.1:8888"}).ok());
  EXPECT_TRUE(Load(file, {{"FACTGATE_WEB_MEDIAWIKI", "http://w/api.php"}}, {}).ok());

  ServerConfig code;
  code.web.max_concurrent = 2;
  EXPECT_EQ(ValidateServerConfig(code).message(), "web.max_concurrent" + needs);
  code.web.searxng = "http://127.0.0.1:8888";
  EXPECT_TRUE(ValidateServerConfig(code).ok());
}

TEST_F(ServerConfigTest, WebOfflineNeedsTheCache) {
  const std::string message =
      ": offline answers come from the evidence cache: set web.cache_dir (--web-cache DIR)";
  EXPECT_EQ(Error(Load("", {}, {"--mediawiki", "http://w/api.php", "--offline"})),
            "web.offline (from --offline)" + message);
  EXPECT_EQ(
      Error(Load("", {{"FACTGATE_WEB_OFFLINE", "true"}, {"FACTGATE_WEB_SEARXNG", "http://s"}}, {})),
      "web.offline (from FACTGATE_WEB_OFFLINE)" + message);
  EXPECT_TRUE(
      Load("", {}, {"--mediawiki", "http://w/api.php", "--offline", "--web-cache", "c"}).ok());
  // A later layer can turn it off again.
  EXPECT_TRUE(Load("", {{"FACTGATE_WEB_OFFLINE", "true"}, {"FACTGATE_WEB_SEARXNG", "http://s"}},
                   {"--offline=false"})
                  .ok());

  ServerConfig code;
  code.web.mediawiki = {"http://w/api.php"};
  code.web.offline = true;
  EXPECT_EQ(ValidateServerConfig(code).message(), "web.offline" + message);
}

// Shipped configuration must never rot: every server config under config/ loads.
TEST_F(ServerConfigTest, EveryShippedConfigLoads) {
  const char* root = std::getenv("FG_SOURCE_DIR");
  if (root == nullptr) GTEST_SKIP() << "FG_SOURCE_DIR not set (ctest sets it)";
  const fs::path config_dir = fs::path(root) / "config";
  int loaded = 0;
  for (const auto& entry : fs::recursive_directory_iterator(config_dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    const fs::path relative = fs::relative(entry.path(), config_dir);
    if (*relative.begin() == "models") continue;  // model files, not server configs
    auto r = Load(entry.path().string(), {}, {});
    EXPECT_TRUE(r.ok()) << entry.path() << ": " << r.status().ToString();
    ++loaded;
  }
  EXPECT_GE(loaded, 2);

  // The default file spells out exactly the defaults, every one of them.
  auto defaults = Load((config_dir / "factgate.json").string(), {}, {});
  ASSERT_TRUE(defaults.ok()) << defaults.status().ToString();
  EXPECT_EQ(ConfigToJson(defaults->config), ConfigToJson(ServerConfig{}));
  std::ifstream in(config_dir / "factgate.json");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const SettingInfo& s : DescribeServerSettings()) {
    const std::string leaf = s.key.substr(s.key.rfind('.') + 1);
    EXPECT_NE(text.find("\"" + leaf + "\":"), std::string::npos) << s.key << " missing";
  }
}

struct ListenCase {
  std::string input;
  bool ok;
  std::string host;
  uint16_t port;
};

class ParseListenTest : public ::testing::TestWithParam<ListenCase> {};

TEST_P(ParseListenTest, Parses) {
  const ListenCase& c = GetParam();
  auto r = ParseListen(c.input);
  ASSERT_EQ(r.ok(), c.ok) << c.input << ": " << r.status().ToString();
  if (!c.ok) return;
  EXPECT_EQ(r->host, c.host);
  EXPECT_EQ(r->port, c.port);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseListenTest,
    ::testing::Values(ListenCase{"127.0.0.1:8080", true, "127.0.0.1", 8080},
                      ListenCase{"0.0.0.0:0", true, "0.0.0.0", 0},
                      ListenCase{"localhost:65535", true, "localhost", 65535},
                      ListenCase{"[::1]:8080", true, "::1", 8080},
                      ListenCase{"[::]:1", true, "::", 1}, ListenCase{"127.0.0.1", false, "", 0},
                      ListenCase{":8080", false, "", 0}, ListenCase{"h:65536", false, "", 0},
                      ListenCase{"h:-1", false, "", 0}, ListenCase{"h:80x", false, "", 0},
                      ListenCase{"::1:8080", false, "", 0}, ListenCase{"[::1]", false, "", 0},
                      ListenCase{"[::1:80", false, "", 0}, ListenCase{"bad host:80", false, "", 0},
                      ListenCase{"", false, "", 0}));

struct UrlCase {
  std::string input;
  bool ok = false;
  bool tls = false;
  std::string host = "";
  uint16_t port = 0;
  std::string base_path = "";
  std::string host_header = "";
};

class ParseUpstreamUrlTest : public ::testing::TestWithParam<UrlCase> {};

TEST_P(ParseUpstreamUrlTest, Parses) {
  const UrlCase& c = GetParam();
  auto r = ParseUpstreamUrl(c.input);
  ASSERT_EQ(r.ok(), c.ok) << c.input << ": " << r.status().ToString();
  if (!c.ok) return;
  EXPECT_EQ(r->tls, c.tls);
  EXPECT_EQ(r->host, c.host);
  EXPECT_EQ(r->port, c.port);
  EXPECT_EQ(r->base_path, c.base_path);
  EXPECT_EQ(r->HostHeader(), c.host_header);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseUpstreamUrlTest,
    ::testing::Values(
        UrlCase{"http://127.0.0.1:8000/v1", true, false, "127.0.0.1", 8000, "/v1",
                "127.0.0.1:8000"},
        UrlCase{"https://api.openai.com/v1", true, true, "api.openai.com", 443, "/v1",
                "api.openai.com"},
        UrlCase{"HTTPS://api.example.com:443/v1/", true, true, "api.example.com", 443, "/v1",
                "api.example.com"},
        UrlCase{"http://h", true, false, "h", 80, "", "h"},
        UrlCase{"http://h/", true, false, "h", 80, "", "h"},
        UrlCase{"http://h:8080/openai/v1", true, false, "h", 8080, "/openai/v1", "h:8080"},
        UrlCase{"http://[::1]:8000/v1", true, false, "::1", 8000, "/v1", "[::1]:8000"},
        UrlCase{"https://[2001:db8::1]/v1", true, true, "2001:db8::1", 443, "/v1", "[2001:db8::1]"},
        UrlCase{"ftp://h/v1", false}, UrlCase{"h:80/v1", false}, UrlCase{"http://", false},
        UrlCase{"http://:80/v1", false}, UrlCase{"http://h:0/v1", false},
        UrlCase{"http://h:99999", false}, UrlCase{"http://u:p@h/v1", false},
        UrlCase{"http://h/v1?x=1", false}, UrlCase{"http://h/v 1", false},
        UrlCase{"http://::1/v1", false}));

TEST(UpstreamForTest, EachDialectHasItsSetting) {
  ServerConfig config;
  config.upstream = "http://a/v1";
  config.anthropic_upstream = "https://api.anthropic.com";
  config.ollama_upstream = "http://127.0.0.1:11434";
  EXPECT_EQ(UpstreamFor(config, "openai"), "http://a/v1");
  EXPECT_EQ(UpstreamFor(config, "anthropic"), "https://api.anthropic.com");
  EXPECT_EQ(UpstreamFor(config, "ollama"), "http://127.0.0.1:11434");
  EXPECT_EQ(UpstreamFor(config, "other"), "");
  EXPECT_EQ(UpstreamSettingFor("openai"),
            "\"upstream\" in the configuration, FACTGATE_UPSTREAM or --upstream");
  EXPECT_EQ(UpstreamSettingFor("anthropic"),
            "\"anthropic_upstream\" in the configuration, FACTGATE_ANTHROPIC_UPSTREAM or "
            "--anthropic-upstream");
}

}  // namespace
}  // namespace fg::server
