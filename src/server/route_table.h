// The service's routes (shared/DESIGN.md, "HTTP API"): which handler a request goes to, decided
// from its method and target (and, for paths two dialects share, one marker header), plus the
// query-string and path decoding the handlers need. The REST routes are fixed here; the relayed
// routes come from the dialect plugins (plugins/dialect.h) as ProxyEntry lists the server builds.
//
// Pure functions, no HTTP library: the session asks MatchRoute, then runs the named handler.
// Metrics and logs label requests with Label, never with the raw target (bounded label sets).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <span>
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
  kProxy,             // a dialect's route, relayed to its upstream (RouteMatch::proxy says which)
  kNotFound,          // no such path
  kMethodNotAllowed,  // known path, other method
};

// One relayed route, from a dialect's DialectRoute.
struct ProxyEntry {
  std::string method;         // "POST" or "GET" (GET also answers HEAD)
  std::string path;           // exact, or ending in "/*": anything below that folder
  std::string label;          // for metrics and logs (ProxyLabel of the path)
  std::string marker_header;  // lower case; when set, only requests carrying it match
  size_t binding = 0;         // which dialect and upstream serve it (the server's index)
  bool checked = true;        // its answers carry model text to check
};

struct RouteMatch {
  Route route = Route::kNotFound;
  std::string param;                  // the decoded {id} of kKbDeleteDocument; empty otherwise
  std::string allow;                  // for kMethodNotAllowed: the Allow header value
  const ProxyEntry* proxy = nullptr;  // for kProxy: the entry (an element of the given list)
};

// `target` is the request target as sent ("/v1/kb/search?q=x"); HEAD is accepted where GET is.
// The REST routes are tried first, then `proxy` in order (an entry with a marker header only when
// `has_header` says the request carries it).
RouteMatch MatchRoute(std::string_view method, std::string_view target,
                      std::span<const ProxyEntry> proxy = {},
                      const std::function<bool(std::string_view)>& has_header = {});

// Stable label for metrics and logs: "verify", "not_found", ... ("proxy" for kProxy: use Label).
std::string_view RouteLabel(Route route);
// The label of a match: its proxy entry's label ("chat_completions", "messages", "api_chat"), or
// RouteLabel of its route.
std::string_view Label(const RouteMatch& match);
// A relayed path's label: without a leading "/v1/" (or "/"), a trailing "/*", '/' as '_':
// "/v1/chat/completions" -> "chat_completions", "/api/chat" -> "api_chat", "/v1/models/*" ->
// "models".
std::string ProxyLabel(std::string_view path);

// The path part of a target, without the query string.
std::string_view TargetPath(std::string_view target);

// Query-string parameters, percent-decoded ('+' is a space); the first of repeated keys wins.
std::map<std::string, std::string> ParseQuery(std::string_view target);

// Percent-decodes `text`; malformed escapes are kept as they are. With `plus_is_space`, '+' → ' '.
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace fg::server
