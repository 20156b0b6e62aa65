// HTTP GET with the outbound-request guard: redirects checked hop by hop, limits, TLS verification.
#include "sources/http_fetcher.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <future>

namespace fg {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

std::string HostHeader(const HttpUrl& u) {
  std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
  bool default_port =
      (u.scheme == "https" && u.port == 443) || (u.scheme == "http" && u.port == 80);
  return default_port ? host : host + ":" + std::to_string(u.port);
}

std::string UrlText(const HttpUrl& u) { return u.scheme + "://" + HostHeader(u) + u.target; }

std::string MediaType(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string out(t);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status FromError(const beast::error_code& ec, const std::string& what, const std::string& url,
                 size_t max_bytes) {
  if (ec == beast::error::timeout || ec == asio::error::operation_aborted) {
    return Status::DeadlineExceeded(what + " " + url + ": timed out");
  }
  if (ec == http::error::body_limit) {
    return Status::ResourceExhausted("the response of " + url + " is larger than " +
                                     std::to_string(max_bytes) + " bytes");
  }
  return Status::Unavailable(what + " " + url + ": " + ec.message());
}

// One GET of `u` at the checked `addresses`; the response goes to `out` (headers and body).
template <typename Stream>
asio::awaitable<Status> Exchange(Stream& stream, const HttpUrl& u, const FetchOptions& options,
                                 http::response_parser<http::string_body>* parser) {
  http::request<http::empty_body> request{http::verb::get, u.target, 11};
  request.set(http::field::host, HostHeader(u));
  request.set(http::field::user_agent, options.user_agent);
  request.set(http::field::accept, "*/*");
  request.set(http::field::connection, "close");
  auto [wec, written] = co_await http::async_write(stream, request, kNoThrow);
  (void)written;
  if (wec) co_return FromError(wec, "sending the request to", UrlText(u), options.max_bytes);
  beast::flat_buffer buffer;
  auto [rec, read] = co_await http::async_read(stream, buffer, *parser, kNoThrow);
  (void)read;
  if (rec) co_return FromError(rec, "reading the response of", UrlText(u), options.max_bytes);
  co_return Status::Ok();
}

asio::awaitable<Status> Get(const HttpUrl& u, const std::vector<std::string>& addresses,
                            const FetchOptions& options, ssl::context& tls,
                            Clock::time_point deadline,
                            http::response_parser<http::string_body>* parser) {
  auto ex = co_await asio::this_coro::executor;
  std::vector<tcp::endpoint> endpoints;
  for (const std::string& a : addresses) {
    beast::error_code ec;
    asio::ip::address address = asio::ip::make_address(a, ec);
    if (!ec) endpoints.emplace_back(address, static_cast<unsigned short>(u.port));
  }
  if (u.scheme == "http") {
    beast::tcp_stream stream(ex);
    stream.expires_at(deadline);
    auto [cec, ep] = co_await stream.async_connect(endpoints, kNoThrow);
    (void)ep;
    if (cec) co_return FromError(cec, "connecting to", UrlText(u), options.max_bytes);
    co_return co_await Exchange(stream, u, options, parser);
  }
  beast::ssl_stream<beast::tcp_stream> stream(ex, tls);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str())) {
    co_return Status::Unavailable("TLS set-up for " + UrlText(u) + " failed (SNI)");
  }
  if (options.verify_tls) {
    stream.set_verify_mode(ssl::verify_peer);
    stream.set_verify_callback(ssl::host_name_verification(u.host));
  } else {
    stream.set_verify_mode(ssl::verify_none);
  }
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [cec, ep] = co_await beast::get_lowest_layer(stream).async_connect(endpoints, kNoThrow);
  (void)ep;
  if (cec) co_return FromError(cec, "connecting to", UrlText(u), options.max_bytes);
  auto [hec] = co_await stream.async_handshake(ssl::stream_base::client, kNoThrow);
  if (hec) co_return FromError(hec, "TLS handshake with", UrlText(u), options.max_bytes);
  co_return co_await Exchange(stream, u, options, parser);
}

bool IsRedirect(unsigned status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

Result<std::string> ResolveLocation(const HttpUrl& base, std::string_view location) {
  if (location.empty()) return Status::InvalidArgument("a redirect without a Location");
  std::string_view loc = location;
  if (size_t hash = loc.find('#'); hash != std::string_view::npos) loc = loc.substr(0, hash);
  if (loc.find("://") != std::string_view::npos) return std::string(loc);
  if (loc.starts_with("//")) return base.scheme + ":" + std::string(loc);
  std::string origin = base.scheme + "://" + HostHeader(base);
  if (loc.starts_with("/")) return origin + std::string(loc);
  std::string path = base.target.substr(0, base.target.find('?'));
  path = path.substr(0, path.rfind('/') + 1);
  if (loc.starts_with("?")) path = base.target.substr(0, base.target.find('?'));
  return origin + path + std::string(loc);
}

Result<FetchResult> Fetch(std::string_view url, const FetchOptions& options) {
  const Clock::time_point deadline = Clock::now() + options.timeout;
  // Loading the system's certificates costs tens of milliseconds: only for https hops.
  ssl::context tls(ssl::context::tls_client);
  bool tls_ready = false;
  std::string current(url);
  for (int hop = 0;; ++hop) {
    HttpUrl parsed;
    Result<std::vector<std::string>> addresses = ResolveChecked(options.policy, current, &parsed);
    if (!addresses.ok()) return addresses.status();
    if (parsed.scheme == "https" && !tls_ready) {
      beast::error_code ec;
      tls.set_default_verify_paths(ec);
      if (!options.ca_file.empty()) {
        tls.load_verify_file(options.ca_file, ec);
        if (ec) {
          return Status::InvalidArgument("cannot load CA file " + options.ca_file + ": " +
                                         ec.message());
        }
      }
      tls_ready = true;
    }
    if (Clock::now() >= deadline)
      return Status::DeadlineExceeded("fetching " + current + ": timed out");
    http::response_parser<http::string_body> parser;
    parser.body_limit(options.max_bytes);
    asio::io_context ioc;
    std::future<Status> done = asio::co_spawn(
        ioc, Get(parsed, *addresses, options, tls, deadline, &parser), asio::use_future);
    ioc.run();
    Status got = done.get();
    if (!got.ok()) return got;
    const auto& response = parser.get();
    unsigned status = response.result_int();
    if (IsRedirect(status)) {
      if (hop >= options.max_redirects) {
        return Status::ResourceExhausted("more than " + std::to_string(options.max_redirects) +
                                         " redirects from " + std::string(url));
      }
      Result<std::string> next = ResolveLocation(parsed, response[http::field::location]);
      if (!next.ok()) return next.status();
      current = *next;
      continue;
    }
    FetchResult result;
    result.url = UrlText(parsed);
    result.status = static_cast<int>(status);
    result.content_type = std::string(response[http::field::content_type]);
    if (status >= 200 && status < 300 && !options.content_types.empty()) {
      std::string media = MediaType(result.content_type);
      bool accepted = false;
      for (const std::string& t : options.content_types)
        accepted = accepted || MediaType(t) == media;
      if (!accepted) {
        return Status::InvalidArgument(result.url + " answered with content type '" +
                                       result.content_type + "', which this source does not read");
      }
    }
    result.body = response.body();
    return result;
  }
}

}  // namespace fg
