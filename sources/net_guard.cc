// Outbound-request guard: URL parsing, host allow-lists, address classes, checked resolution.
#include "sources/net_guard.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "src/core/tokenizer.h"

namespace fg {
namespace {

std::string CanonicalHost(std::string_view host) {
  std::string h = AsciiLower(host);
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

bool InV4(uint32_t ip, uint32_t net, int bits) {
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (ip & mask) == (net & mask);
}

constexpr uint32_t V4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

AddressClass ClassifyV4(uint32_t ip) {
  if (ip == V4(169, 254, 169, 254) || ip == V4(100, 100, 100, 200)) return AddressClass::kMetadata;
  if (InV4(ip, V4(0, 0, 0, 0), 8)) return AddressClass::kUnspecified;
  if (InV4(ip, V4(127, 0, 0, 0), 8)) return AddressClass::kLoopback;
  if (InV4(ip, V4(10, 0, 0, 0), 8) || InV4(ip, V4(172, 16, 0, 0), 12) ||
      InV4(ip, V4(192, 168, 0, 0), 16)) {
    return AddressClass::kPrivate;
  }
  if (InV4(ip, V4(169, 254, 0, 0), 16)) return AddressClass::kLinkLocal;
  if (InV4(ip, V4(100, 64, 0, 0), 10)) return AddressClass::kSharedNat;
  if (InV4(ip, V4(224, 0, 0, 0), 4)) return AddressClass::kMulticast;
  if (InV4(ip, V4(192, 0, 0, 0), 24) || InV4(ip, V4(192, 0, 2, 0), 24) ||
      InV4(ip, V4(198, 51, 100, 0), 24) || InV4(ip, V4(203, 0, 113, 0), 24) ||
      InV4(ip, V4(198, 18, 0, 0), 15) || InV4(ip, V4(240, 0, 0, 0), 4)) {
    return AddressClass::kReserved;  // includes 255.255.255.255
  }
  return AddressClass::kPublic;
}

uint32_t V4At(const std::array<uint8_t, 16>& b, size_t at) {
  return (uint32_t{b[at]} << 24) | (uint32_t{b[at + 1]} << 16) | (uint32_t{b[at + 2]} << 8) |
         uint32_t{b[at + 3]};
}

bool PrefixIs(const std::array<uint8_t, 16>& b, std::initializer_list<uint8_t> prefix, int bits) {
  int i = 0;
  for (uint8_t byte : prefix) {
    int take = std::min(8, bits - 8 * i);
    if (take <= 0) break;
    uint8_t mask = static_cast<uint8_t>(0xff << (8 - take));
    if ((b[static_cast<size_t>(i)] & mask) != (byte & mask)) return false;
    ++i;
  }
  return true;
}

AddressClass ClassifyV6(const std::array<uint8_t, 16>& b) {
  bool zero_96 = std::all_of(b.begin(), b.begin() + 12, [](uint8_t x) { return x == 0; });
  if (zero_96) {
    uint32_t low = V4At(b, 12);
    if (low == 0) return AddressClass::kUnspecified;
    if (low == 1) return AddressClass::kLoopback;
    return AddressClass::kReserved;  // deprecated IPv4-compatible form
  }
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) carry an IPv4 address.
  bool mapped = std::all_of(b.begin(), b.begin() + 10, [](uint8_t x) { return x == 0; }) &&
                b[10] == 0xff && b[11] == 0xff;
  bool nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b &&
               std::all_of(b.begin() + 4, b.begin() + 12, [](uint8_t x) { return x == 0; });
  if (mapped || nat64) return ClassifyV4(V4At(b, 12));
  if (b[0] == 0x20 && b[1] == 0x02) return ClassifyV4(V4At(b, 2));  // 6to4
  static constexpr std::array<uint8_t, 16> kAwsMetadata = {
      // fd00:ec2::254
      0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};
  if (b == kAwsMetadata) return AddressClass::kMetadata;
  if (PrefixIs(b, {0xfc}, 7)) return AddressClass::kPrivate;
  if (PrefixIs(b, {0xfe, 0x80}, 10)) return AddressClass::kLinkLocal;
  if (PrefixIs(b, {0xfe, 0xc0}, 10)) return AddressClass::kReserved;  // deprecated site-local
  if (b[0] == 0xff) return AddressClass::kMulticast;
  if (PrefixIs(b, {0x20, 0x01, 0x0d, 0xb8}, 32) || PrefixIs(b, {0x20, 0x01, 0x00, 0x00}, 32) ||
      PrefixIs(b, {0x01, 0x00, 0, 0, 0, 0, 0, 0}, 64)) {
    return AddressClass::kReserved;  // documentation, Teredo, discard-only
  }
  return AddressClass::kPublic;
}

bool HostListed(const std::vector<std::string>& list, const std::string& host, bool wildcards) {
  for (const std::string& entry : list) {
    std::string e = CanonicalHost(entry);
    if (e == host || (wildcards && e == "*")) return true;
    if (wildcards && e.size() > 2 && e.starts_with("*.")) {
      std::string_view suffix = std::string_view(e).substr(1);  // ".example.org"
      if (host.size() > suffix.size() && host.ends_with(suffix)) return true;
    }
  }
  return false;
}

}  // namespace

std::string_view AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic:
      return "public";
    case AddressClass::kLoopback:
      return "loopback";
    case AddressClass::kPrivate:
      return "private";
    case AddressClass::kLinkLocal:
      return "link-local";
    case AddressClass::kSharedNat:
      return "shared (carrier-grade NAT)";
    case AddressClass::kMetadata:
      return "cloud metadata";
    case AddressClass::kMulticast:
      return "multicast";
    case AddressClass::kUnspecified:
      return "unspecified";
    case AddressClass::kReserved:
      return "reserved";
    case AddressClass::kInvalid:
      break;
  }
  return "not an IP address";
}

AddressClass ClassifyAddress(std::string_view ip) {
  std::string text(ip);
  if (size_t percent = text.find('%'); percent != std::string::npos) text.resize(percent);
  in_addr v4{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return ClassifyV4(ntohl(v4.s_addr));
  std::array<uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text.c_str(), v6.data()) == 1) return ClassifyV6(v6);
  return AddressClass::kInvalid;
}

Result<HttpUrl> ParseHttpUrl(std::string_view url) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("bad URL '" + std::string(url.substr(0, 200)) + "': " + why);
  };
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return bad("not absolute");
  HttpUrl out;
  out.scheme = AsciiLower(url.substr(0, colon));
  if (out.scheme != "http" && out.scheme != "https") return bad("only http and https");
  std::string_view rest = url.substr(colon + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (authority.find('@') != std::string_view::npos) return bad("user names in URLs are refused");
  if (authority.find_first_of(" \t\r\n\\") != std::string_view::npos) return bad("bad host");
  std::string_view host = authority, port_text;
  if (authority.starts_with("[")) {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unclosed IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("bad host");
      port_text = after.substr(1);
    }
  } else if (size_t c = authority.rfind(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    port_text = authority.substr(c + 1);
  }
  if (host.empty()) return bad("no host");
  out.host = CanonicalHost(host);
  out.port = out.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
      return bad("bad port");
    }
    out.port = port;
  }
  if (size_t hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  out.target = tail.empty() || tail[0] != '/' ? "/" + std::string(tail) : std::string(tail);
  return out;
}

Status CheckHost(const NetPolicy& policy, std::string_view host) {
  std::string h = CanonicalHost(host);
  if (HostListed(policy.allowed_hosts, h, true)) return Status::Ok();
  return Status::InvalidArgument("host " + h + " is not allowed for this source");
}

Status CheckAddresses(const NetPolicy& policy, std::string_view host,
                      const std::vector<std::string>& addresses) {
  std::string h = CanonicalHost(host);
  if (addresses.empty()) return Status::Unavailable("host " + h + " has no address");
  bool private_ok = HostListed(policy.private_hosts, h, false);
  for (const std::string& address : addresses) {
    AddressClass c = ClassifyAddress(address);
    if (c == AddressClass::kInvalid) {
      return Status::InvalidArgument("host " + h + " resolved to '" + address +
                                     "', not an IP address");
    }
    if (c == AddressClass::kPublic || private_ok) continue;
    return Status::InvalidArgument(
        "host " + h + " resolves to " + address + ", a " + std::string(AddressClassName(c)) +
        " address; refused (list the host in private_hosts to allow it)");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> ResolveChecked(const NetPolicy& policy, std::string_view url,
                                                HttpUrl* parsed) {
  Result<HttpUrl> u = ParseHttpUrl(url);
  if (!u.ok()) return u.status();
  Status allowed = CheckHost(policy, u->host);
  if (!allowed.ok()) return allowed;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(u->host.c_str(), nullptr, &hints, &found);
  if (rc != 0) {
    return Status::Unavailable("cannot resolve " + u->host + ": " + gai_strerror(rc));
  }
  std::vector<std::string> addresses;
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        a->ai_family == AF_INET
            ? static_cast<const void*>(&reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr);
    if (a->ai_family != AF_INET && a->ai_family != AF_INET6) continue;
    if (inet_ntop(a->ai_family, raw, text, sizeof text) == nullptr) continue;
    if (std::find(addresses.begin(), addresses.end(), text) == addresses.end()) {
      addresses.push_back(text);
    }
  }
  freeaddrinfo(found);
  Status checked = CheckAddresses(policy, u->host, addresses);
  if (!checked.ok()) return checked;
  if (parsed != nullptr) *parsed = std::move(*u);
  return addresses;
}

}  // namespace fg
