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
    std::string value = s.type == "boolean"    ? (s.default_value == "true" ? "false" : "true")
                        : s.type == "integer"  ? "7"
                        : s.key == "mode"      ? "cite"
                        : s.key == "listen"    ? "127.0.0.1:9"
                        : s.key == "upstream"  ? "http://h:1/v1"
                        : s.key == "log_level" ? "debug"
                                               : "v";
    auto via_env = Load("", {{s.env, value}}, {});
    ASSERT_TRUE(via_env.ok()) << s.env << ": " << via_env.status().ToString();
    auto via_flag = Load("", {}, {s.flag + "=" + value});
    ASSERT_TRUE(via_flag.ok()) << s.flag << ": " << via_flag.status().ToString();
    EXPECT_EQ(ConfigToJson(via_env->config), ConfigToJson(via_flag->config)) << s.key;
    EXPECT_NE(ConfigToJson(via_env->config), ConfigToJson(ServerConfig{})) << s.key;
  }
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

}  // namespace
}  // namespace fg::server
