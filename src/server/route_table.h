// The service's routes (shared/DESIGN.md, "HTTP API"): which handler a request goes to, decided
// from its method and target alone, plus the query-string and path decoding the handlers need.
//
// Pure functions, no HTTP library: the session asks MatchRoute, then runs the named handler.
// Metrics and logs label requests with RouteLabel, never with the raw target (bounded label sets).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace fg::server {

enum class Route {
  kVerify,            // POST /v1/verify
  kClaims,            // POST /v1/claims
  kKbSearch,          // GET /v1/kb/search?q=&k=
  kKbAddDocuments,    // POST /v1/kb/documents
  kKbDeleteDocument,  // DELETE /v1/kb/documents/{id}
  kHealthz,           // GET /healthz
  kReadyz,            // GET /readyz
  kMetrics,           // GET /metrics
  kChatCompletions,   // POST /v1/chat/completions (proxied)
  kCompletions,       // POST /v1/completions (proxied)
  kModels,            // GET /v1/models and /v1/models/{id} (proxied)
  kNotFound,          // no such path
  kMethodNotAllowed,  // known path, other method
};

struct RouteMatch {
  Route route = Route::kNotFound;
  std::string param;  // the decoded {id} of kKbDeleteDocument; empty otherwise
  std::string allow;  // for kMethodNotAllowed: the Allow header value
};

// `target` is the request target as sent ("/v1/kb/search?q=x"); HEAD is accepted where GET is.
RouteMatch MatchRoute(std::string_view method, std::string_view target);

// Stable label for metrics and logs: "verify", "chat_completions", "not_found", ...
std::string_view RouteLabel(Route route);

// True for the routes relayed to the upstream model server.
bool IsProxyRoute(Route route);

// The path part of a target, without the query string.
std::string_view TargetPath(std::string_view target);

// Query-string parameters, percent-decoded ('+' is a space); the first of repeated keys wins.
std::map<std::string, std::string> ParseQuery(std::string_view target);

// Percent-decodes `text`; malformed escapes are kept as they are. With `plus_is_space`, '+' → ' '.
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace fg::server
