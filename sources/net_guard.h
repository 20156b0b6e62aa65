// Outbound-request guard for the web sources (MediaWiki, SearXNG, page fetches): decides whether
// factgate may connect to a URL's host and to the addresses that host resolved to, so that an
// answer's claims can never make factgate reach into the network it runs in (server-side request
// forgery).
//
// Rules (NetPolicy):
// - only http and https URLs, and only hosts the source's configuration allows: an exact name
//   ("en.wikipedia.org", or an IP literal), "*.example.org" for every subdomain of example.org, or
//   "*" for any host (pages found by a search engine; their addresses are still checked below);
//   names compare case-insensitively, a trailing dot ignored;
// - after DNS resolution every address must be public: loopback, private (RFC 1918, IPv6 unique
//   local), link-local, carrier-grade NAT, cloud metadata (169.254.169.254, fd00:ec2::254,
//   100.100.100.200), multicast, unspecified, documentation and other reserved ranges are refused,
//   including when wrapped in IPv6 (IPv4-mapped, NAT64, 6to4) — unless that exact host is listed in
//   `private_hosts` (a wiki on the LAN; 127.0.0.1 in tests). One refused address refuses the
//   host: a name resolving to a public and a private address is not trusted;
// - the caller connects only to the addresses ResolveChecked returned (never resolves again), and
//   runs the same checks on every redirect target.
//
// Pure functions except ResolveChecked (getaddrinfo, blocking: call it on a worker thread).
// Thread-safe; never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace fg {

struct NetPolicy {
  std::vector<std::string> allowed_hosts;  // "en.wikipedia.org", "*.example.org", "10.0.0.5"
  std::vector<std::string> private_hosts;  // exact hosts whose non-public addresses are allowed
};

enum class AddressClass {
  kPublic,
  kLoopback,
  kPrivate,
  kLinkLocal,
  kSharedNat,  // 100.64.0.0/10
  kMetadata,   // cloud instance metadata endpoints
  kMulticast,
  kUnspecified,
  kReserved,  // documentation, benchmarking, broadcast, future use, deprecated transition forms
  kInvalid,   // not an IP address
};
std::string_view AddressClassName(AddressClass c);

// The class of a numeric IPv4 or IPv6 address ("127.0.0.1", "::ffff:10.0.0.1").
AddressClass ClassifyAddress(std::string_view ip);

struct HttpUrl {
  std::string scheme;  // "http" | "https"
  std::string host;    // lowercased; IPv6 literals without brackets
  unsigned port = 0;   // the default port when the URL names none
  std::string target;  // path and query, "/" when empty; no fragment
};
// kInvalidArgument for anything but an absolute http(s) URL with a host (user-info is refused:
// "http://good.org@evil.org/" names evil.org, a classic way to fool a reader).
Result<HttpUrl> ParseHttpUrl(std::string_view url);

// kPermissionDenied-like refusals are kInvalidArgument with the reason ("host evil.org is not
// allowed for this source").
Status CheckHost(const NetPolicy& policy, std::string_view host);
Status CheckAddresses(const NetPolicy& policy, std::string_view host,
                      const std::vector<std::string>& addresses);

// ParseHttpUrl + CheckHost + getaddrinfo + CheckAddresses: the numeric addresses to connect to.
// kUnavailable when the name does not resolve.
Result<std::vector<std::string>> ResolveChecked(const NetPolicy& policy, std::string_view url,
                                                HttpUrl* parsed = nullptr);

}  // namespace fg
