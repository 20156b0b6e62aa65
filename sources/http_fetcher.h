// HTTP GET for the web sources (search APIs, MediaWiki, pages to extract text from), with the
// outbound-request guard (sources/net_guard.h) on the URL and on every redirect: only allowed
// hosts, only public addresses unless the host is listed as private, a connection only to the
// addresses that were checked. Limits: a deadline for the whole fetch (redirects included), a
// response size limit, a redirect limit, the accepted content types; TLS certificates and host
// names are verified unless the options say otherwise.
//
// Fetch is synchronous: it runs its own Asio io_context on the calling thread, so call it from a
// worker thread (the sources run on the verification workers, never on an I/O thread).
// Thread-safe (no shared state); never throws.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sources/net_guard.h"
#include "src/core/status.h"

namespace fg {

struct FetchOptions {
  NetPolicy policy;
  std::chrono::milliseconds timeout{5000};  // for the whole fetch, redirects included
  size_t max_bytes = 2u << 20;              // response body limit
  int max_redirects = 3;
  // Accepted media types of the final response ("application/json", "text/html"); empty: any.
  std::vector<std::string> content_types;
  bool verify_tls = true;
  std::string ca_file;  // PEM bundle trusted besides the system's; empty: the system's only
  std::string user_agent = "factgate/0.1 (+fact verification)";
};

struct FetchResult {
  std::string url;  // the final URL, after redirects
  int status = 0;   // the final response's status (2xx, or an error status the server sent)
  std::string content_type;
  std::string body;
};

// Errors: kInvalidArgument — refused by the guard (the reason says which host or address), a bad
// URL or redirect target, or a content type not accepted; kResourceExhausted — the body is over
// max_bytes, or more than max_redirects redirects; kDeadlineExceeded — the timeout passed;
// kUnavailable — name resolution, connection, TLS or protocol failure. A final non-2xx status is a
// result, not an error.
Result<FetchResult> Fetch(std::string_view url, const FetchOptions& options);

// The absolute URL of a redirect's Location relative to `base` (absolute, scheme-relative,
// absolute-path or relative-path forms); kInvalidArgument when it cannot be resolved.
Result<std::string> ResolveLocation(const HttpUrl& base, std::string_view location);

}  // namespace fg
