#include "sources/http_fetcher.h"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <cstdlib>
#include <thread>

#include "tests/testing/test_http_server.h"

namespace fg {
namespace {

using testing::TestServer;

std::string Reply(int status, const std::string& type, const std::string& body,
                  const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra +
         "Connection: close\r\n\r\n" + body;
}

std::string Redirect(const std::string& location) {
  return "HTTP/1.1 302 Found\r\nLocation: " + location +
         "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

class HttpFetcherTest : public ::testing::Test {
 protected:
  HttpFetcherTest() : server_([this](const std::string& path) { return Handle(path); }) {
    options_.policy.allowed_hosts = {"127.0.0.1", "localhost"};
    options_.policy.private_hosts = {"127.0.0.1"};
    options_.timeout = std::chrono::milliseconds(2000);
  }
  std::string Handle(const std::string& path) {
    std::string self = "http://127.0.0.1:" + std::to_string(server_.port());
    if (path == "/page") return Reply(200, "text/html; charset=utf-8", "<p>Paris</p>");
    if (path == "/api?q=1") return Reply(200, "application/json", R"({"ok":true})");
    if (path == "/missing") return Reply(404, "text/plain", "no such page");
    if (path == "/big") return Reply(200, "text/html", std::string(5000, 'x'));
    if (path == "/to-page") return Redirect("/page");
    if (path == "/to-relative") return Redirect("page");
    if (path == "/to-absolute") return Redirect(self + "/page");
    if (path == "/to-localhost") {
      return Redirect("http://localhost:" + std::to_string(server_.port()) + "/page");
    }
    if (path == "/to-metadata") return Redirect("http://169.254.169.254/latest/meta-data/");
    if (path == "/loop") return Redirect("/loop");
    if (path == "/slow") {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      return Reply(200, "text/html", "late");
    }
    return Reply(500, "text/plain", "unexpected path " + path);
  }
  TestServer server_;
  FetchOptions options_;
};

TEST_F(HttpFetcherTest, FetchesAPage) {
  auto page = Fetch(server_.Url("/page"), options_);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<p>Paris</p>");
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page->url, server_.Url("/page"));
}

TEST_F(HttpFetcherTest, ErrorStatusesAreResults) {
  auto missing = Fetch(server_.Url("/missing"), options_);
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->status, 404);
}

TEST_F(HttpFetcherTest, FollowsRedirectsOfEveryForm) {
  for (const char* path : {"/to-page", "/to-relative", "/to-absolute"}) {
    auto page = Fetch(server_.Url(path), options_);
    ASSERT_TRUE(page.ok()) << path << ": " << page.status().ToString();
    EXPECT_EQ(page->body, "<p>Paris</p>") << path;
    EXPECT_EQ(page->url, server_.Url("/page")) << path;
  }
}

TEST_F(HttpFetcherTest, RedirectsAreCheckedHopByHop) {
  // localhost is an allowed host, but it resolves to loopback and is not listed as private.
  auto to_localhost = Fetch(server_.Url("/to-localhost"), options_);
  ASSERT_FALSE(to_localhost.ok());
  EXPECT_NE(to_localhost.status().message().find("loopback"), std::string::npos)
      << to_localhost.status().message();
  auto to_metadata = Fetch(server_.Url("/to-metadata"), options_);
  ASSERT_FALSE(to_metadata.ok());
  EXPECT_NE(to_metadata.status().message().find("169.254.169.254 is not allowed"),
            std::string::npos)
      << to_metadata.status().message();
  auto loop = Fetch(server_.Url("/loop"), options_);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.status().code(), Status::Code::kResourceExhausted);
}

TEST_F(HttpFetcherTest, RefusesWhatThePolicyForbids) {
  FetchOptions strict = options_;
  strict.policy.private_hosts.clear();
  auto refused = Fetch(server_.Url("/page"), strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  auto other = Fetch("http://example.org/", options_);
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("not allowed"), std::string::npos);
  EXPECT_FALSE(Fetch("file:///etc/passwd", options_).ok());
}

TEST_F(HttpFetcherTest, LimitsSizeTypeAndTime) {
  FetchOptions small = options_;
  small.max_bytes = 1000;
  auto big = Fetch(server_.Url("/big"), small);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), Status::Code::kResourceExhausted);

  FetchOptions json_only = options_;
  json_only.content_types = {"application/json"};
  EXPECT_TRUE(Fetch(server_.Url("/api?q=1"), json_only).ok());
  auto html = Fetch(server_.Url("/page"), json_only);
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.status().message().find("content type"), std::string::npos);

  FetchOptions quick = options_;
  quick.timeout = std::chrono::milliseconds(300);
  auto slow = Fetch(server_.Url("/slow"), quick);
  ASSERT_FALSE(slow.ok());
  EXPECT_EQ(slow.status().code(), Status::Code::kDeadlineExceeded);
}

// An HTTPS server on 127.0.0.1 with the tests' self-signed certificate (tests/data/tls), one
// connection at a time, answering every request with a small HTML page.
class TlsTestServer {
 public:
  TlsTestServer() {
    std::string dir =
        std::string(std::getenv("FG_SOURCE_DIR") ? std::getenv("FG_SOURCE_DIR") : ".") +
        "/tests/data/tls/";
    ctx_ = SSL_CTX_new(TLS_server_method());
    ok_ = SSL_CTX_use_certificate_file(ctx_, (dir + "localhost.crt").c_str(), SSL_FILETYPE_PEM) ==
              1 &&
          SSL_CTX_use_PrivateKey_file(ctx_, (dir + "localhost.key").c_str(), SSL_FILETYPE_PEM) == 1;
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(fd_, 16);
    thread_ = std::thread([this] { Serve(); });
  }
  ~TlsTestServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
    SSL_CTX_free(ctx_);
  }
  bool ok() const { return ok_; }
  std::string Url(const std::string& host, const std::string& path) const {
    return "https://" + host + ":" + std::to_string(port_) + path;
  }
  std::string cert() const {
    return std::string(std::getenv("FG_SOURCE_DIR") ? std::getenv("FG_SOURCE_DIR") : ".") +
           "/tests/data/tls/localhost.crt";
  }

 private:
  void Serve() {
    for (;;) {
      int client = accept(fd_, nullptr, nullptr);
      if (client < 0) return;
      SSL* ssl = SSL_new(ctx_);
      SSL_set_fd(ssl, client);
      if (SSL_accept(ssl) == 1) {
        std::string request;
        char buf[4096];
        while (request.find("\r\n\r\n") == std::string::npos) {
          int n = SSL_read(ssl, buf, sizeof buf);
          if (n <= 0) break;
          request.append(buf, static_cast<size_t>(n));
        }
        std::string reply = Reply(200, "text/html", "<p>Secret of Paris</p>");
        SSL_write(ssl, reply.data(), static_cast<int>(reply.size()));
        SSL_shutdown(ssl);
      }
      SSL_free(ssl);
      close(client);
    }
  }
  SSL_CTX* ctx_ = nullptr;
  bool ok_ = false;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

TEST(HttpFetcherTlsTest, VerifiesCertificatesUnlessToldNotTo) {
  TlsTestServer server;
  ASSERT_TRUE(server.ok()) << "cannot load tests/data/tls (is FG_SOURCE_DIR set?)";
  FetchOptions options;
  options.policy.allowed_hosts = {"127.0.0.1"};
  options.policy.private_hosts = {"127.0.0.1"};
  options.timeout = std::chrono::milliseconds(3000);
  // On by default: a self-signed certificate is refused.
  auto untrusted = Fetch(server.Url("127.0.0.1", "/page"), options);
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(untrusted.status().message().find("certificate"), std::string::npos)
      << untrusted.status().ToString();
  // Trusted through ca_file: the certificate names 127.0.0.1, so the fetch succeeds.
  FetchOptions trusted = options;
  trusted.ca_file = server.cert();
  auto page = Fetch(server.Url("127.0.0.1", "/page"), trusted);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body, "<p>Secret of Paris</p>");
  // Verification off: any certificate.
  FetchOptions unverified = options;
  unverified.verify_tls = false;
  EXPECT_TRUE(Fetch(server.Url("127.0.0.1", "/page"), unverified).ok());
  // A CA file that cannot be read is a set-up error.
  FetchOptions missing = options;
  missing.ca_file = "/nonexistent/ca.pem";
  auto bad = Fetch(server.Url("127.0.0.1", "/page"), missing);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
}

TEST(ResolveLocationTest, AllForms) {
  HttpUrl base{"https", "example.org", 443, "/wiki/a/b?x=1"};
  EXPECT_EQ(*ResolveLocation(base, "https://other.org/p"), "https://other.org/p");
  EXPECT_EQ(*ResolveLocation(base, "//cdn.example.org/p"), "https://cdn.example.org/p");
  EXPECT_EQ(*ResolveLocation(base, "/root"), "https://example.org/root");
  EXPECT_EQ(*ResolveLocation(base, "c"), "https://example.org/wiki/a/c");
  EXPECT_EQ(*ResolveLocation(base, "c#frag"), "https://example.org/wiki/a/c");
  HttpUrl port{"http", "127.0.0.1", 8080, "/"};
  EXPECT_EQ(*ResolveLocation(port, "/x"), "http://127.0.0.1:8080/x");
  EXPECT_FALSE(ResolveLocation(base, "").ok());
}

}  // namespace
}  // namespace fg
