#include "sources/net_guard.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

TEST(NetGuardTest, ClassifiesAddresses) {
  struct Case {
    const char* ip;
    AddressClass want;
  };
  for (Case c : std::initializer_list<Case>{
           {"8.8.8.8", AddressClass::kPublic},
           {"93.184.216.34", AddressClass::kPublic},
           {"127.0.0.1", AddressClass::kLoopback},
           {"127.255.255.254", AddressClass::kLoopback},
           {"10.1.2.3", AddressClass::kPrivate},
           {"172.16.0.1", AddressClass::kPrivate},
           {"172.31.255.255", AddressClass::kPrivate},
           {"172.32.0.1", AddressClass::kPublic},
           {"192.168.1.1", AddressClass::kPrivate},
           {"169.254.169.254", AddressClass::kMetadata},
           {"169.254.10.1", AddressClass::kLinkLocal},
           {"100.64.0.1", AddressClass::kSharedNat},
           {"100.100.100.200", AddressClass::kMetadata},
           {"0.0.0.0", AddressClass::kUnspecified},
           {"224.0.0.1", AddressClass::kMulticast},
           {"255.255.255.255", AddressClass::kReserved},
           {"192.0.2.10", AddressClass::kReserved},
           {"198.18.0.1", AddressClass::kReserved},
           {"::", AddressClass::kUnspecified},
           {"::1", AddressClass::kLoopback},
           {"::ffff:127.0.0.1", AddressClass::kLoopback},
           {"::ffff:10.0.0.1", AddressClass::kPrivate},
           {"::ffff:8.8.8.8", AddressClass::kPublic},
           {"64:ff9b::a9fe:a9fe", AddressClass::kMetadata},  // NAT64 of 169.254.169.254
           {"2002:7f00:1::", AddressClass::kLoopback},       // 6to4 of 127.0.0.1
           {"fc00::1", AddressClass::kPrivate},
           {"fd12:3456::1", AddressClass::kPrivate},
           {"fd00:ec2::254", AddressClass::kMetadata},
           {"fe80::1%eth0", AddressClass::kLinkLocal},
           {"ff02::1", AddressClass::kMulticast},
           {"2001:db8::1", AddressClass::kReserved},
           {"2606:4700:4700::1111", AddressClass::kPublic},
           {"localhost", AddressClass::kInvalid},
           {"2130706433", AddressClass::kInvalid},
       }) {
    EXPECT_EQ(ClassifyAddress(c.ip), c.want) << c.ip;
  }
}

TEST(NetGuardTest, ParsesHttpUrls) {
  auto u = ParseHttpUrl("HTTPS://En.Wikipedia.org./wiki/Lincoln?x=1#top");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "en.wikipedia.org");
  EXPECT_EQ(u->port, 443u);
  EXPECT_EQ(u->target, "/wiki/Lincoln?x=1");
  auto v6 = ParseHttpUrl("http://[::1]:8080");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 8080u);
  EXPECT_EQ(v6->target, "/");
  auto query = ParseHttpUrl("http://example.org?q=1");
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->target, "/?q=1");
  for (const char* bad : {"ftp://example.org/", "file:///etc/passwd", "gopher://x", "example.org",
                          "http://", "http://:80/", "http://good.org@evil.org/",
                          "http://example.org:0/", "http://example.org:99999/",
                          "http://example.org:8o/", "http://[::1/", "http://exa mple.org/"}) {
    EXPECT_FALSE(ParseHttpUrl(bad).ok()) << bad;
  }
}

TEST(NetGuardTest, OnlyListedHostsAndTheirSubdomains) {
  NetPolicy policy;
  policy.allowed_hosts = {"en.wikipedia.org", "*.example.org", "10.0.0.5"};
  EXPECT_TRUE(CheckHost(policy, "en.wikipedia.org").ok());
  EXPECT_TRUE(CheckHost(policy, "EN.Wikipedia.ORG.").ok());
  EXPECT_TRUE(CheckHost(policy, "a.example.org").ok());
  EXPECT_TRUE(CheckHost(policy, "a.b.example.org").ok());
  EXPECT_TRUE(CheckHost(policy, "10.0.0.5").ok());
  EXPECT_FALSE(CheckHost(policy, "example.org").ok());  // the wildcard means subdomains
  EXPECT_FALSE(CheckHost(policy, "badexample.org").ok());
  EXPECT_FALSE(CheckHost(policy, "de.wikipedia.org").ok());
  EXPECT_FALSE(CheckHost(policy, "en.wikipedia.org.evil.com").ok());
  NetPolicy any;
  any.allowed_hosts = {"*"};
  EXPECT_TRUE(CheckHost(any, "news.example.com").ok());
  EXPECT_FALSE(CheckAddresses(any, "news.example.com", {"10.0.0.1"}).ok());  // still public only
  Status refused = CheckHost(policy, "metadata.google.internal");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("not allowed"), std::string::npos);
}

TEST(NetGuardTest, NonPublicAddressesNeedTheExactHostListed) {
  NetPolicy policy;
  policy.allowed_hosts = {"wiki.internal", "*.corp.example"};
  policy.private_hosts = {"wiki.internal"};
  EXPECT_TRUE(CheckAddresses(policy, "wiki.internal", {"10.0.0.7"}).ok());
  EXPECT_TRUE(CheckAddresses(policy, "docs.corp.example", {"93.184.216.34"}).ok());
  Status refused = CheckAddresses(policy, "docs.corp.example", {"93.184.216.34", "127.0.0.1"});
  ASSERT_FALSE(refused.ok());  // one bad address refuses the host
  EXPECT_NE(refused.message().find("127.0.0.1, a loopback address"), std::string::npos)
      << refused.message();
  EXPECT_FALSE(CheckAddresses(policy, "docs.corp.example", {"169.254.169.254"}).ok());
  EXPECT_FALSE(CheckAddresses(policy, "docs.corp.example", {}).ok());
  EXPECT_FALSE(CheckAddresses(policy, "docs.corp.example", {"not-an-ip"}).ok());
}

TEST(NetGuardTest, ResolveCheckedRefusesLoopbackBehindAName) {
  NetPolicy policy;
  policy.allowed_hosts = {"localhost", "127.0.0.1"};
  // localhost is allowed as a host, but resolves to loopback: refused until listed as private.
  auto refused = ResolveChecked(policy, "http://localhost:8080/wiki");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("loopback"), std::string::npos);
  policy.private_hosts = {"127.0.0.1"};
  HttpUrl parsed;
  auto ok = ResolveChecked(policy, "http://127.0.0.1:8080/w/api.php?a=1", &parsed);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(parsed.port, 8080u);
  EXPECT_EQ(parsed.target, "/w/api.php?a=1");
  // A host not on the list is refused before any DNS query.
  auto other = ResolveChecked(policy, "http://example.org/");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not allowed"), std::string::npos);
  // Numeric tricks resolve to loopback and are refused as well.
  policy.allowed_hosts.push_back("2130706433");
  auto decimal = ResolveChecked(policy, "http://2130706433/");
  ASSERT_FALSE(decimal.ok());
}

}  // namespace
}  // namespace fg
