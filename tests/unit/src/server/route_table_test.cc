#include "src/server/route_table.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace fg::server {
namespace {

struct RouteCase {
  const char* method;
  const char* target;
  Route route;
};

TEST(RouteTableTest, MatchesEveryRouteOfTheDesign) {
  const RouteCase cases[] = {
      {"POST", "/v1/verify", Route::kVerify},
      {"POST", "/v1/claims", Route::kClaims},
      {"GET", "/v1/kb/search?q=lincoln&k=3", Route::kKbSearch},
      {"POST", "/v1/kb/documents", Route::kKbAddDocuments},
      {"DELETE", "/v1/kb/documents/wn%3An123", Route::kKbDeleteDocument},
      {"GET", "/healthz", Route::kHealthz},
      {"HEAD", "/healthz", Route::kHealthz},
      {"GET", "/readyz", Route::kReadyz},
      {"GET", "/metrics", Route::kMetrics},
      {"POST", "/v1/verify/", Route::kVerify},
      {"GET", "/v1/verify", Route::kMethodNotAllowed},
      {"POST", "/healthz", Route::kMethodNotAllowed},
      {"GET", "/v2/verify", Route::kNotFound},
      {"GET", "/", Route::kNotFound},
      {"DELETE", "/v1/kb/documents/", Route::kMethodNotAllowed},  // the collection itself
  };
  for (const RouteCase& c : cases) {
    EXPECT_EQ(MatchRoute(c.method, c.target).route, c.route) << c.method << " " << c.target;
  }
}

TEST(RouteTableTest, DecodesTheDocumentId) {
  RouteMatch m = MatchRoute("DELETE", "/v1/kb/documents/wn%3An123%20x");
  EXPECT_EQ(m.param, "wn:n123 x");
}

// Relayed routes as the server builds them from two dialects; the second shares /v1/models and is
// told apart by its marker header.
std::vector<ProxyEntry> TwoDialects() {
  return {
      {"GET", "/v1/models", "models", "anthropic-version", 1, false},
      {"POST", "/v1/messages", "messages", "", 1, true},
      {"POST", "/v1/chat/completions", "chat_completions", "", 0, true},
      {"POST", "/v1/completions", "completions", "", 0, true},
      {"GET", "/v1/models", "models", "", 0, false},
      {"GET", "/v1/models/*", "models", "", 0, false},
  };
}

TEST(RouteTableTest, RelayedRoutesComeFromTheDialects) {
  std::vector<ProxyEntry> proxy = TwoDialects();
  auto none = [](std::string_view) { return false; };
  auto anthropic = [](std::string_view name) { return name == "anthropic-version"; };
  RouteMatch chat = MatchRoute("POST", "/v1/chat/completions", proxy, none);
  ASSERT_EQ(chat.route, Route::kProxy);
  EXPECT_EQ(chat.proxy, &proxy[2]);
  EXPECT_EQ(Label(chat), "chat_completions");
  EXPECT_EQ(MatchRoute("GET", "/v1/models", proxy, none).proxy, &proxy[4]);
  EXPECT_EQ(MatchRoute("GET", "/v1/models", proxy, anthropic).proxy, &proxy[0]);
  EXPECT_EQ(MatchRoute("HEAD", "/v1/models/gpt-4o", proxy, none).proxy, &proxy[5]);
  EXPECT_EQ(MatchRoute("GET", "/v1/models/", proxy, none).proxy, &proxy[4]);  // trailing '/'
  EXPECT_EQ(MatchRoute("POST", "/v1/messages?beta=true", proxy, none).proxy, &proxy[1]);
  // The REST routes come first and stay without dialects.
  EXPECT_EQ(MatchRoute("POST", "/v1/verify", proxy, none).route, Route::kVerify);
  EXPECT_EQ(MatchRoute("POST", "/v1/chat/completions").route, Route::kNotFound);
  EXPECT_EQ(Label(MatchRoute("POST", "/v1/verify")), "verify");
}

TEST(RouteTableTest, MethodNotAllowedNamesTheAllowedMethod) {
  std::vector<ProxyEntry> proxy = TwoDialects();
  RouteMatch get_chat = MatchRoute("GET", "/v1/chat/completions", proxy);
  EXPECT_EQ(get_chat.route, Route::kMethodNotAllowed);
  EXPECT_EQ(get_chat.allow, "POST");
  EXPECT_EQ(MatchRoute("POST", "/v1/models", proxy).allow, "GET, HEAD");
  EXPECT_EQ(MatchRoute("GET", "/v1/verify").allow, "POST");
}

TEST(RouteTableTest, ProxyLabels) {
  EXPECT_EQ(ProxyLabel("/v1/chat/completions"), "chat_completions");
  EXPECT_EQ(ProxyLabel("/v1/models/*"), "models");
  EXPECT_EQ(ProxyLabel("/api/chat"), "api_chat");
  EXPECT_EQ(ProxyLabel("/v1/messages"), "messages");
}

TEST(RouteTableTest, ParsesQueryStrings) {
  auto q = ParseQuery("/v1/kb/search?q=Abraham+Lincoln%27s&k=3&k=9&flag#frag");
  EXPECT_EQ(q["q"], "Abraham Lincoln's");
  EXPECT_EQ(q["k"], "3");  // the first of repeated keys
  EXPECT_EQ(q.count("flag"), 1u);
  EXPECT_EQ(q["flag"], "");
  EXPECT_TRUE(ParseQuery("/v1/kb/search").empty());
}

TEST(RouteTableTest, PercentDecodingKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("100%", false), "100%");
  EXPECT_EQ(PercentDecode("%zz%4", false), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b%2Bc", true), "a b+c");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(TargetPath("/x/y?z=1"), "/x/y");
}

}  // namespace
}  // namespace fg::server
