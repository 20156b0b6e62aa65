#include "src/server/server.h"

#include <malloc.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

#include "plugins/registry.h"
#include "src/core/renderer.h"
#include "src/server/http_responses.h"
#include "src/server/internal/http.h"
#include "src/server/metrics_registry.h"
#include "src/server/proxy_relay.h"
#include "src/server/rest_routes.h"
#include "src/server/route_table.h"
#include "src/server/server_metrics.h"
#include "src/server/service.h"

namespace fg::server {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kDrainTimeout = std::chrono::seconds(30);
constexpr size_t kFirstRequestReadBytes = 8u << 10;
// See Server::Impl::AnchorTimers.
constexpr auto kAnchorPeriod = std::chrono::seconds(1);
constexpr auto kTrimInterval = std::chrono::seconds(5);

// A live connection, as the drain logic sees it.
struct Connection {
  asio::any_io_executor strand;
  beast::tcp_stream* stream = nullptr;  // valid while the session runs
  bool busy = false;                    // a request is being read or answered
};

}  // namespace

struct Server::Impl {
  explicit Impl(const ServerConfig& c, Logger* l)
      : config(c),
        log(l),
        metrics(registry),
        ioc(c.io_threads),
        workers(c.worker_threads > 0 ? c.worker_threads
                                     : std::max(1u, std::thread::hardware_concurrency())),
        tls(asio::ssl::context::tls_client),
        acceptor(ioc),
        signals(ioc, SIGINT, SIGTERM),
        drain_timer(ioc),
        anchor(ioc) {}

  ServerConfig config;
  Logger* log;
  Registry registry;
  ServerMetrics metrics;
  asio::io_context ioc;
  asio::thread_pool workers;
  asio::ssl::context tls;
  Service service;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer drain_timer;
  asio::steady_timer anchor;
  std::mutex mu;  // guards connections
  std::list<Connection> connections;
  std::atomic<bool> stopping{false};
  Clock::time_point last_trim{};  // guarded by mu

  asio::awaitable<void> Accept();
  // Keeps a timer due within kAnchorPeriod pending for as long as the server runs. Asio re-arms
  // the kernel's timer (one timerfd_settime call) each time a newly set timer is the earliest of
  // all, and every socket operation sets its timeout (now plus seconds), which with nothing
  // earlier pending is the earliest each time: 7 such calls for one relayed request in `off`
  // mode. With this timer always earlier, only its own renewal re-arms the kernel's, once a
  // second. (Timeouts shorter than the period still work; they just re-arm it again.)
  asio::awaitable<void> AnchorTimers();
  asio::awaitable<void> Session(tcp::socket socket, std::list<Connection>::iterator self);
  asio::awaitable<void> RefuseConnection(tcp::socket socket, std::list<Connection>::iterator self);
  void Forget(std::list<Connection>::iterator self);
  asio::awaitable<bool> Serve(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                              Request& request, HeldUpstream& held);
  // Sends `res` (an error; the connection closes after it).
  asio::awaitable<void> Refuse(beast::tcp_stream& stream, Response& res);
  void BeginDrain();
  void MaybeFinishDrain();
};

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto strand = asio::make_strand(ioc);
    auto [ec, socket] = co_await acceptor.async_accept(strand, kNoThrow);
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      log->Warn("accept failed", {{"error", ec.message()}});
      continue;
    }
    // Responses go out as several writes (header, body, stream chunks): without TCP_NODELAY,
    // Nagle's algorithm meets the client's delayed ACK and adds ~40 ms to a response.
    beast::error_code nodelay_ec;
    socket.set_option(tcp::no_delay(true), nodelay_ec);
    std::list<Connection>::iterator self;
    size_t open = 0;
    {
      std::lock_guard lock(mu);
      open = connections.size();
      self = connections.insert(connections.end(), Connection{strand, nullptr, true});
    }
    metrics.ConnectionOpened();
    if (open >= config.limits.max_connections) {
      asio::co_spawn(strand, RefuseConnection(std::move(socket), self), asio::detached);
      continue;
    }
    asio::co_spawn(strand, Session(std::move(socket), self), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::AnchorTimers() {
  for (;;) {
    anchor.expires_after(kAnchorPeriod);
    auto [ec] = co_await anchor.async_wait(kNoThrow);
    if (ec) co_return;  // cancelled: the server is stopping
  }
}

// Over the connection limit: answer 503 at once and close, rather than leave the client hanging.
asio::awaitable<void> Server::Impl::RefuseConnection(tcp::socket socket,
                                                     std::list<Connection>::iterator self) {
  beast::tcp_stream stream(std::move(socket));
  metrics.RequestRejected(503);
  Response refusal = ErrorResponse(http::status::service_unavailable, "too many connections",
                                   "too_many_connections", 11, false);
  co_await Refuse(stream, refusal);
  Forget(self);
}

void Server::Impl::Forget(std::list<Connection>::iterator self) {
  bool trim = false;
  {
    std::lock_guard lock(mu);
    connections.erase(self);
    // After a burst (1,000 streams) glibc keeps the freed heap; hand it back once the server is
    // idle, at most every few seconds, so resident memory returns to its idle size.
    auto now = Clock::now();
    if (connections.empty() && now - last_trim > kTrimInterval) {
      last_trim = now;
      trim = true;
    }
  }
  if (trim) asio::post(workers, [] { malloc_trim(0); });
  metrics.ConnectionClosed();
  MaybeFinishDrain();
}

asio::awaitable<void> Server::Impl::Refuse(beast::tcp_stream& stream, Response& res) {
  stream.expires_after(std::chrono::milliseconds(config.limits.read_timeout_ms));
  co_await http::async_write(stream, res, kNoThrow);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> Server::Impl::Session(tcp::socket socket,
                                            std::list<Connection>::iterator self) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  // Beast's buffer would start at 512 bytes: a chat request of a few kilobytes then takes
  // several reads. (8 KB per connection: 8 MB for 1,000 open streams.)
  buffer.reserve(kFirstRequestReadBytes);
  HeldUpstream held;  // the upstream connection this client connection used last
  {
    std::lock_guard lock(mu);
    self->stream = &stream;
  }
  const Limits& limits = config.limits;
  for (;;) {
    {
      std::lock_guard lock(mu);
      self->busy = false;
    }
    if (service.draining.load()) break;
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
    parser.body_limit(limits.max_body_bytes);
    stream.expires_after(std::chrono::milliseconds(limits.idle_timeout_ms));
    auto [hec, hn] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
    {
      std::lock_guard lock(mu);
      self->busy = true;
    }
    if (!hec && parser.get()[http::field::expect] == "100-continue") {
      // curl and others wait for this before sending large bodies.
      stream.expires_after(std::chrono::milliseconds(limits.read_timeout_ms));
      co_await asio::async_write(stream, asio::buffer("HTTP/1.1 100 Continue\r\n\r\n", 25),
                                 kNoThrow);
    }
    beast::error_code ec = hec;
    if (!ec) {
      stream.expires_after(std::chrono::milliseconds(limits.read_timeout_ms));
      auto [bec, bn] = co_await http::async_read(stream, buffer, parser, kNoThrow);
      ec = bec;
    }
    if (ec) {
      // Answer what the client can act on; a closed or idle connection just ends.
      if (ec == http::error::header_limit) {
        metrics.RequestRejected(431);
        Response refusal = ErrorResponse(http::status::request_header_fields_too_large,
                                         "the request headers are larger than " +
                                             std::to_string(limits.max_header_bytes) + " bytes",
                                         "headers_too_large", 11, false);
        co_await Refuse(stream, refusal);
      } else if (ec == http::error::body_limit) {
        metrics.RequestRejected(413);
        Response refusal = ErrorResponse(
            http::status::payload_too_large,
            "the request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes",
            "body_too_large", 11, false);
        co_await Refuse(stream, refusal);
      } else if (ec.category() == http::make_error_code(http::error::end_of_stream).category() &&
                 ec != http::error::end_of_stream && ec != http::error::partial_message) {
        metrics.RequestRejected(400);
        Response refusal =
            ErrorResponse(http::status::bad_request, "malformed HTTP request: " + ec.message(),
                          "bad_request", 11, false);
        co_await Refuse(stream, refusal);
      }
      break;
    }
    Request request = parser.release();
    bool keep_alive = co_await Serve(stream, buffer, request, held);
    if (!keep_alive) break;
  }
  held.Release();
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  {
    std::lock_guard lock(mu);
    self->stream = nullptr;
  }
  Forget(self);
}

asio::awaitable<bool> Server::Impl::Serve(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                                          Request& request, HeldUpstream& held) {
  auto start = Clock::now();
  RequestInfo info;
  info.id = NewRequestId();
  std::string_view target(request.target().data(), request.target().size());
  RouteMatch match =
      MatchRoute(std::string_view(request.method_string().data(), request.method_string().size()),
                 target, service.proxy_routes,
                 [&request](std::string_view name) { return request.find(name) != request.end(); });
  metrics.RequestStarted();
  unsigned status = 0;
  bool keep_alive = false;
  double upstream_seconds = 0;
  if (match.route == Route::kProxy) {
    RelayOutcome out =
        co_await RelayToUpstream(service, stream, buffer, request, match, info, held);
    status = out.status;
    keep_alive = out.keep_alive;
    upstream_seconds = out.upstream_seconds;
    if (upstream_seconds > 0) metrics.UpstreamObserved(Label(match), upstream_seconds);
  } else {
    Response res = co_await HandleRestRoute(service, match, request, info);
    res.set("x-factgate-request-id", info.id);
    if (service.draining.load()) res.keep_alive(false);
    if (request.method() == http::verb::head) res.body().clear();
    status = res.result_int();
    stream.expires_after(std::chrono::milliseconds(config.limits.read_timeout_ms));
    auto [ec, n] = co_await http::async_write(stream, res, kNoThrow);
    keep_alive = !ec && res.keep_alive();
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::string_view route = Label(match);
  metrics.RequestFinished(route, status, seconds);
  std::vector<LogField> fields = {{"request_id", info.id},
                                  {"method", std::string(request.method_string())},
                                  {"route", std::string(route)},
                                  {"status", static_cast<int64_t>(status)},
                                  {"latency_ms", seconds * 1000.0}};
  if (!info.mode.empty()) fields.push_back({"mode", info.mode});
  if (upstream_seconds > 0) fields.push_back({"upstream_ms", upstream_seconds * 1000.0});
  if (info.supported + info.refuted + info.not_enough_info > 0 || !info.mode.empty()) {
    fields.push_back({"supported", static_cast<int64_t>(info.supported)});
    fields.push_back({"refuted", static_cast<int64_t>(info.refuted)});
    fields.push_back({"not_enough_info", static_cast<int64_t>(info.not_enough_info)});
    fields.push_back({"checked", info.checked});
  }
  if (!info.error.empty()) fields.push_back({"error", info.error});
  log->Info("request", fields);
  co_return keep_alive && !service.draining.load();
}

void Server::Impl::BeginDrain() {
  if (service.draining.exchange(true)) return;
  log->Info("draining", {{"connections", static_cast<int64_t>(connections.size())}});
  beast::error_code ignored;
  acceptor.close(ignored);
  signals.cancel();
  {
    // Idle keep-alive connections are closed now; busy ones close after their response.
    std::lock_guard lock(mu);
    for (Connection& c : connections) {
      if (c.busy || c.stream == nullptr) continue;
      asio::post(c.strand, [this, stream = c.stream, &c] {
        std::lock_guard inner(mu);
        // The session may have become busy or ended meanwhile; only an idle one is cancelled.
        for (Connection& live : connections) {
          if (&live == &c && !live.busy && live.stream == stream) {
            beast::error_code e;
            stream->socket().cancel(e);
          }
        }
      });
    }
  }
  drain_timer.expires_after(kDrainTimeout);
  drain_timer.async_wait([this](beast::error_code ec) {
    if (ec) return;
    log->Warn("drain timeout: closing the remaining connections", {});
    ioc.stop();
  });
  MaybeFinishDrain();
}

void Server::Impl::MaybeFinishDrain() {
  if (!service.draining.load()) return;
  std::lock_guard lock(mu);
  if (!connections.empty()) return;
  asio::post(ioc, [this] {
    drain_timer.cancel();
    anchor.cancel();
    ioc.stop();
  });
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  if (impl_) {
    impl_->ioc.stop();
    impl_->workers.join();
  }
}

// Every binding's routes. A path two dialects serve goes to the one whose marker header the request
// carries (that dialect's entries first, the header required), else to the other.
std::vector<ProxyEntry> ProxyRoutesOf(const std::vector<ProxyBinding>& bindings) {
  std::vector<ProxyEntry> marked, plain;
  for (size_t i = 0; i < bindings.size(); ++i) {
    const plugins::Dialect& dialect = *bindings[i].dialect;
    for (const plugins::DialectRoute& r : dialect.routes()) {
      bool shared = false;
      for (size_t j = 0; j < bindings.size(); ++j) {
        if (j == i) continue;
        for (const plugins::DialectRoute& o : bindings[j].dialect->routes()) {
          shared = shared || (o.path == r.path && o.method == r.method);
        }
      }
      ProxyEntry e{r.method, r.path, ProxyLabel(r.path), "", i, r.checked};
      if (shared && !dialect.marker_header().empty()) {
        e.marker_header = std::string(dialect.marker_header());
        marked.push_back(std::move(e));
      } else {
        plain.push_back(std::move(e));
      }
    }
  }
  marked.insert(marked.end(), plain.begin(), plain.end());
  return marked;
}

Result<std::unique_ptr<Server>> Server::Create(const ServerConfig& config, Logger* log) {
  auto impl = std::make_unique<Impl>(config, log);
  Service& service = impl->service;
  service.config = config;
  service.default_mode = ParseMode(config.mode).value_or(Mode::kAnnotate);
  // The dialects served (plugins/), each with its upstream and routes.
  auto bind = [&](std::unique_ptr<plugins::Dialect> dialect, const std::string& url,
                  std::string setting) -> Status {
    ProxyBinding binding;
    binding.dialect = std::move(dialect);
    binding.upstream_setting = std::move(setting);
    if (!url.empty()) {
      auto upstream = ParseUpstreamUrl(url);
      if (!upstream.ok()) return upstream.status();
      binding.upstream = *upstream;
    }
    binding.pool = std::make_unique<UpstreamPool>(
        binding.upstream && !binding.upstream->tls ? config.limits.upstream_idle_connections : 0);
    service.bindings.push_back(std::move(binding));
    return Status::Ok();
  };
  for (std::unique_ptr<plugins::Dialect>& dialect : plugins::AllDialects()) {
    std::string name(dialect->name());
    if (Status s = bind(std::move(dialect), UpstreamFor(config, name), UpstreamSettingFor(name));
        !s.ok()) {
      return s;
    }
  }
  service.proxy_routes = ProxyRoutesOf(service.bindings);
  EngineOptions engine_options;
  engine_options.kb_paths = config.kb;
  engine_options.wordnet_dir = config.wordnet_dir;
  if (config.model != "none") {
    engine_options.model_path = config.model.empty() ? DefaultModelPath() : config.model;
  }
  const WebConfig& web = config.web;
  engine_options.web.mediawiki_urls = web.mediawiki;
  engine_options.web.searxng_url = web.searxng;
  engine_options.web.always = web.when == "always";
  engine_options.web.allowed_hosts = web.allow;
  engine_options.web.private_hosts = web.private_hosts;
  engine_options.web.pages = static_cast<size_t>(web.pages);
  engine_options.web.timeout_ms = static_cast<unsigned>(web.timeout_ms);
  engine_options.web.max_concurrent = static_cast<size_t>(web.max_concurrent);
  engine_options.web.cache_dir = web.cache_dir;
  engine_options.web.cache_ttl_seconds = web.cache_ttl_seconds;
  engine_options.web.offline = web.offline;
  auto engine = Engine::Open(engine_options);
  if (!engine.ok()) return engine.status();
  service.engine = std::move(*engine);
  service.workers = &impl->workers;
  service.metrics = &impl->metrics;
  service.log = log;
  beast::error_code ec;
  impl->tls.set_default_verify_paths(ec);
  bool tls_upstream = false;
  for (const ProxyBinding& b : service.bindings)
    tls_upstream = tls_upstream || (b.upstream && b.upstream->tls);
  if (ec && config.upstream_tls_verify && tls_upstream) {
    return Status::Unavailable("cannot load the system's CA certificates: " + ec.message());
  }
  service.tls = &impl->tls;

  auto listen = ParseListen(config.listen);
  if (!listen.ok()) return listen.status();
  auto address = asio::ip::make_address(listen->host, ec);
  if (ec) {
    return Status::InvalidArgument("listen address \"" + listen->host +
                                   "\" is not an IP address: " + ec.message());
  }
  tcp::endpoint endpoint(address, listen->port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status::Unavailable("cannot listen on " + config.listen + ": " + ec.message());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const { return impl_->acceptor.local_endpoint().port(); }

Status Server::Run() {
  Impl& impl = *impl_;
  impl.signals.async_wait([&impl](beast::error_code ec, int signal) {
    if (ec) return;
    impl.log->Info("signal received", {{"signal", static_cast<int64_t>(signal)}});
    impl.BeginDrain();
  });
  asio::co_spawn(impl.acceptor.get_executor(), impl.Accept(), asio::detached);
  asio::co_spawn(impl.ioc, impl.AnchorTimers(), asio::detached);
  auto endpoint = impl.acceptor.local_endpoint();
  impl.log->Info("listening", {{"address", endpoint.address().to_string()},
                               {"port", static_cast<int64_t>(endpoint.port())},
                               {"upstream", impl.config.upstream},
                               {"mode", impl.config.mode}});
  std::vector<std::thread> threads;
  for (int i = 1; i < impl.config.io_threads; ++i) {
    threads.emplace_back([&impl] { impl.ioc.run(); });
  }
  impl.ioc.run();
  for (std::thread& t : threads) t.join();
  impl.workers.join();
  impl.log->Info("stopped", {});
  return Status::Ok();
}

void Server::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginDrain(); });
}

}  // namespace fg::server
