#include "src/server/route_table.h"

#include <gtest/gtest.h>

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
      {"POST", "/v1/chat/completions", Route::kChatCompletions},
      {"POST", "/v1/completions", Route::kCompletions},
      {"GET", "/v1/models", Route::kModels},
      {"GET", "/v1/models/gpt-4o", Route::kModels},
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

TEST(RouteTableTest, MethodNotAllowedNamesTheAllowedMethod) {
  EXPECT_EQ(MatchRoute("GET", "/v1/chat/completions").allow, "POST");
  EXPECT_EQ(MatchRoute("POST", "/v1/models").allow, "GET, HEAD");
}

TEST(RouteTableTest, ProxyRoutesAreTheOpenAiOnes) {
  EXPECT_TRUE(IsProxyRoute(Route::kChatCompletions));
  EXPECT_TRUE(IsProxyRoute(Route::kCompletions));
  EXPECT_TRUE(IsProxyRoute(Route::kModels));
  EXPECT_FALSE(IsProxyRoute(Route::kVerify));
  EXPECT_EQ(RouteLabel(Route::kChatCompletions), "chat_completions");
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
