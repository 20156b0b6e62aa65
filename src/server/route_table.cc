#include "src/server/route_table.h"

#include <array>

namespace fg::server {
namespace {

struct Entry {
  std::string_view path;
  std::string_view method;
  Route route;
};

constexpr std::array kExact = {
    Entry{"/v1/verify", "POST", Route::kVerify},
    Entry{"/v1/claims", "POST", Route::kClaims},
    Entry{"/v1/kb/search", "GET", Route::kKbSearch},
    Entry{"/v1/kb/documents", "POST", Route::kKbAddDocuments},
    Entry{"/healthz", "GET", Route::kHealthz},
    Entry{"/readyz", "GET", Route::kReadyz},
    Entry{"/metrics", "GET", Route::kMetrics},
};

bool MethodFits(std::string_view want, std::string_view got) {
  return got == want || (want == "GET" && got == "HEAD");
}

RouteMatch Match(std::string_view want, std::string_view method, Route route,
                 std::string param = "") {
  if (MethodFits(want, method)) return {route, std::move(param), ""};
  return {Route::kMethodNotAllowed, "", want == "GET" ? "GET, HEAD" : std::string(want)};
}

// Whether a proxy entry's path covers `path`: equal, or below its "/*" folder.
bool Covers(std::string_view pattern, std::string_view path) {
  if (!pattern.ends_with("/*")) return path == pattern;
  std::string_view folder = pattern.substr(0, pattern.size() - 1);  // with its '/'
  return path.size() > folder.size() && path.starts_with(folder);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view TargetPath(std::string_view target) {
  size_t q = target.find_first_of("?#");
  return q == std::string_view::npos ? target : target.substr(0, q);
}

RouteMatch MatchRoute(std::string_view method, std::string_view target,
                      std::span<const ProxyEntry> proxy,
                      const std::function<bool(std::string_view)>& has_header) {
  std::string_view path = TargetPath(target);
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  for (const Entry& e : kExact) {
    if (path == e.path) return Match(e.method, method, e.route);
  }
  constexpr std::string_view kDocuments = "/v1/kb/documents/";
  if (path.starts_with(kDocuments) && path.size() > kDocuments.size()) {
    return Match("DELETE", method, Route::kKbDeleteDocument,
                 PercentDecode(path.substr(kDocuments.size()), false));
  }
  const ProxyEntry* other_method = nullptr;
  for (const ProxyEntry& e : proxy) {
    if (!Covers(e.path, path)) continue;
    if (!e.marker_header.empty() && !(has_header && has_header(e.marker_header))) continue;
    if (MethodFits(e.method, method)) return {Route::kProxy, "", "", &e};
    if (other_method == nullptr) other_method = &e;
  }
  if (other_method != nullptr) {
    return Match(other_method->method, method, Route::kMethodNotAllowed);
  }
  return {Route::kNotFound, "", ""};
}

std::string ProxyLabel(std::string_view path) {
  if (path.starts_with("/v1/")) {
    path.remove_prefix(4);
  } else if (path.starts_with("/")) {
    path.remove_prefix(1);
  }
  if (path.ends_with("/*")) path.remove_suffix(2);
  std::string label(path);
  for (char& c : label) {
    if (c == '/') c = '_';
  }
  return label;
}

std::string_view Label(const RouteMatch& match) {
  return match.proxy != nullptr ? std::string_view(match.proxy->label) : RouteLabel(match.route);
}

std::string_view RouteLabel(Route route) {
  switch (route) {
    case Route::kVerify:
      return "verify";
    case Route::kClaims:
      return "claims";
    case Route::kKbSearch:
      return "kb_search";
    case Route::kKbAddDocuments:
      return "kb_add_documents";
    case Route::kKbDeleteDocument:
      return "kb_delete_document";
    case Route::kHealthz:
      return "healthz";
    case Route::kReadyz:
      return "readyz";
    case Route::kMetrics:
      return "metrics";
    case Route::kProxy:
      return "proxy";
    case Route::kNotFound:
      return "not_found";
    case Route::kMethodNotAllowed:
      return "method_not_allowed";
  }
  return "unknown";
}

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::map<std::string, std::string> ParseQuery(std::string_view target) {
  std::map<std::string, std::string> params;
  size_t q = target.find('?');
  if (q == std::string_view::npos) return params;
  std::string_view query = target.substr(q + 1);
  if (size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    params.emplace(std::move(key), std::move(value));
  }
  return params;
}

}  // namespace fg::server
