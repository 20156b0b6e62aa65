#include "src/server/proxy_relay.h"

#include <openssl/ssl.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "src/core/renderer.h"
#include "src/core/tokenizer.h"
#include "src/server/http_responses.h"
#include "src/server/parallel_verify.h"

namespace fg::server {
namespace {

using Clock = std::chrono::steady_clock;
using namespace asio::experimental::awaitable_operators;
namespace ssl = asio::ssl;

constexpr size_t kRelayChunkBytes = 16u << 10;
// The upstream answer's first read: Beast's buffer would otherwise start at 512 bytes, so an
// everyday completion (~700 bytes with its headers) took two reads.
constexpr size_t kFirstUpstreamReadBytes = 8u << 10;
constexpr size_t kMaxPipelinedBytes = 64u << 10;  // read from the client while a relay runs

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Hop-by-hop headers (RFC 9110 §7.6.1) never cross the proxy, nor do the ones named in Connection.
constexpr std::array<std::string_view, 9> kHopByHop = {"connection",
                                                       "keep-alive",
                                                       "proxy-connection",
                                                       "proxy-authenticate",
                                                       "proxy-authorization",
                                                       "te",
                                                       "trailer",
                                                       "transfer-encoding",
                                                       "upgrade"};

// The lower-cased header names listed in `fields`' Connection headers (usually none).
std::vector<std::string> ConnectionTokens(const http::fields& fields) {
  std::vector<std::string> names;
  for (const auto& f : fields) {
    if (f.name() != http::field::connection) continue;
    std::string_view value(f.value().data(), f.value().size());
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t comma = value.find(',', pos);
      std::string_view token =
          value.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
      size_t b = token.find_first_not_of(" \t");
      size_t e = token.find_last_not_of(" \t");
      if (b != std::string_view::npos) names.push_back(AsciiLower(token.substr(b, e - b + 1)));
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
  }
  return names;
}

// Copies `from` into `to` except hop-by-hop headers and those in `skip` (lower case).
void CopyFields(const http::fields& from, http::fields& to,
                std::initializer_list<std::string_view> skip) {
  const std::vector<std::string> named = ConnectionTokens(from);
  auto dropped = [&](std::string_view name) {
    auto in = [name](const auto& list) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    return in(kHopByHop) || in(skip) || in(named);
  };
  for (const auto& f : from) {
    std::string name = AsciiLower(std::string_view(f.name_string().data(), f.name_string().size()));
    if (dropped(name)) continue;
    to.insert(f.name_string(), f.value());
  }
}

std::string_view HeaderValue(const http::fields& fields, http::field name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string_view()
                            : std::string_view(it->value().data(), it->value().size());
}

bool IsTimeout(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::timed_out;
}

// State shared by the session's coroutines and the worker-pool checks of one streamed answer.
// Touched only on the session's executor (the checks post their results back to it).
struct StreamState {
  StreamState(asio::any_io_executor ex, std::unique_ptr<plugins::StreamProcessor> processor)
      : stream(std::move(processor)), wake(ex) {}
  std::unique_ptr<plugins::StreamProcessor> stream;
  asio::steady_timer wake;  // cancelled to wake the writer: new output or a check answered
  bool upstream_done = false;
  bool client_gone = false;
  double check_seconds = 0;  // worker time spent on this answer's checks
  // Set once the budget is spent: queued checks are skipped (read by worker threads).
  std::atomic<bool> abandoned{false};
};

class Exchange {
 public:
  Exchange(Service& service, const ProxyBinding& binding, beast::tcp_stream& client,
           Request& request, Mode mode, bool checkable, RequestInfo& info)
      : service_(service),
        binding_(binding),
        client_(client),
        request_(request),
        path_(TargetPath(std::string_view(request.target().data(), request.target().size()))),
        mode_(mode),
        checkable_(checkable),
        info_(info),
        upstream_timeout_(service.config.limits.upstream_timeout_ms),
        write_timeout_(service.config.limits.read_timeout_ms) {}

  // Sends the request upstream over `up` (connected) and the answer back to the client.
  template <typename Stream>
  asio::awaitable<RelayOutcome> Run(Stream& up) {
    auto& lowest = beast::get_lowest_layer(up);
    http::request<http::string_body> upreq = UpstreamRequest();
    lowest.expires_after(upstream_timeout_);
    auto [wec, wn] = co_await http::async_write(up, upreq, kNoThrow);
    if (wec && reused_ && !IsTimeout(wec)) {
      retry_ = true;  // a pooled connection the upstream had closed: the caller reconnects
      co_return outcome_;
    }
    if (wec) {
      PrepareUpstreamError(wec, "sending the request");
      co_return co_await SendError();
    }

    http::response_parser<http::buffer_body> parser;
    parser.body_limit(boost::none);
    if (request_.method() == http::verb::head) parser.skip(true);
    beast::flat_buffer ubuf;
    ubuf.reserve(kFirstUpstreamReadBytes);
    lowest.expires_after(upstream_timeout_);
    auto [hec, hn] = co_await http::async_read_header(up, ubuf, parser, kNoThrow);
    if (hec && reused_ && hn == 0 && !IsTimeout(hec)) {
      // Closed by the upstream before it read the request (the keep-alive race): nothing was
      // answered, so the request is sent again once on a fresh connection.
      retry_ = true;
      co_return outcome_;
    }
    if (hec) {
      PrepareUpstreamError(hec, "reading the answer's headers");
      co_return co_await SendError();
    }

    const auto& head = parser.get();
    std::string type = AsciiLower(HeaderValue(head, http::field::content_type));
    std::string encoding = AsciiLower(HeaderValue(head, http::field::content_encoding));
    bool plain = encoding.empty() || encoding == "identity";
    bool ok = head.result() == http::status::ok;
    if (checkable_ && ok && plain && binding_.dialect->IsStream(type)) {
      co_await RelayStream(up, ubuf, parser);
    } else if (checkable_ && ok && plain && type.find("json") != std::string::npos) {
      co_await RelayChecked(up, ubuf, parser);
    } else {
      co_await RelayPlain(up, ubuf, parser);
    }
    // Reusable only when the whole answer was read and nothing more came.
    reusable_ =
        parser.is_done() && parser.keep_alive() && ubuf.size() == 0 && lowest.socket().is_open();
    co_return outcome_;
  }

  // For the caller: set `reused` before Run() on a pooled connection; after it, retry() says
  // the connection was stale (nothing sent to the client, run again on a fresh one) and
  // reusable() whether the connection may go back to the pool.
  void set_reused(bool reused) {
    reused_ = reused;
    retry_ = false;
  }
  bool retry() const { return retry_; }
  bool reusable() const { return reusable_; }

  // An error answer for the client, sent by SendError() before anything was relayed. (Two steps
  // so that no temporary string sits inside a co_await expression: see internal/http.h.)
  void PrepareError(http::status status, std::string_view message, std::string_view code) {
    info_.error = std::string(message);
    error_ =
        JsonResponse(status, binding_.dialect->ErrorBody(static_cast<int>(status), message, code),
                     request_.version(), request_.keep_alive());
  }

  void PrepareUpstreamError(const beast::error_code& ec, std::string_view when) {
    if (IsTimeout(ec)) {
      PrepareError(http::status::gateway_timeout,
                   "the upstream model server did not answer in time (" + std::string(when) + ")",
                   "upstream_timeout");
    } else {
      PrepareError(
          http::status::bad_gateway,
          "the upstream model server failed while " + std::string(when) + ": " + ec.message(),
          "upstream_error");
    }
  }

  asio::awaitable<RelayOutcome> SendError() {
    outcome_.status = error_.result_int();
    client_.expires_after(write_timeout_);
    auto [ec, n] = co_await http::async_write(client_, error_, kNoThrow);
    outcome_.keep_alive = !ec && error_.keep_alive();
    co_return outcome_;
  }

  RelayOutcome& outcome() { return outcome_; }

 private:
  http::request<http::string_body> UpstreamRequest() const {
    const UpstreamUrl& u = *binding_.upstream;
    std::string_view target(request_.target().data(), request_.target().size());
    // The part of the path the upstream's base URL already holds (OpenAI's "/v1").
    std::string_view prefix = binding_.dialect->upstream_prefix();
    if (!prefix.empty() && target.starts_with(prefix)) target.remove_prefix(prefix.size());
    http::request<http::string_body> up{request_.method(), u.base_path + std::string(target), 11};
    std::initializer_list<std::string_view> skip_checked = {"host", "content-length",
                                                            "x-factgate-mode", "accept-encoding"};
    std::initializer_list<std::string_view> skip_plain = {"host", "content-length",
                                                          "x-factgate-mode"};
    CopyFields(request_, up, checkable_ ? skip_checked : skip_plain);
    bool default_port = (u.tls && u.port == 443) || (!u.tls && u.port == 80);
    std::string host = u.host.find(':') != std::string::npos ? "[" + u.host + "]" : u.host;
    up.set(http::field::host, default_port ? host : host + ":" + std::to_string(u.port));
    up.body() = request_.body();
    if (request_.method() != http::verb::get && request_.method() != http::verb::head) {
      up.prepare_payload();
    }
    up.keep_alive(binding_.pool != nullptr && binding_.pool->enabled());
    return up;
  }

  // The client's response header built from the upstream's: same status and fields, minus
  // hop-by-hop and length fields (the caller sets framing).
  http::response<http::empty_body> ClientHead(const http::response_header<>& uphead) {
    http::response<http::empty_body> head;
    head.version(request_.version());
    // The number, not result(): statuses Beast has no name for (Anthropic's 529) must pass too.
    head.result(uphead.result_int());
    head.reason(uphead.reason());
    CopyFields(uphead, head, {"content-length"});
    head.set("x-factgate-request-id", info_.id);
    head.keep_alive(request_.keep_alive());
    return head;
  }

  asio::awaitable<bool> WriteHead(http::response<http::empty_body>& head) {
    outcome_.status = head.result_int();
    http::response_serializer<http::empty_body> sr(head);
    client_.expires_after(write_timeout_);
    auto [ec, n] = co_await http::async_write_header(client_, sr, kNoThrow);
    co_return !ec;
  }

  // Writes body bytes: as one chunk when `chunked`, raw otherwise.
  asio::awaitable<bool> WriteBody(std::string_view data, bool chunked) {
    if (data.empty()) co_return true;
    client_.expires_after(write_timeout_);
    if (!chunked) {
      auto [ec, n] = co_await asio::async_write(client_, asio::buffer(data), kNoThrow);
      co_return !ec;
    }
    char size_line[24];
    int len = std::snprintf(size_line, sizeof size_line, "%zx\r\n", data.size());
    std::array<asio::const_buffer, 3> parts = {asio::buffer(size_line, static_cast<size_t>(len)),
                                               asio::buffer(data), asio::buffer("\r\n", 2)};
    auto [ec, n] = co_await asio::async_write(client_, parts, kNoThrow);
    co_return !ec;
  }

  asio::awaitable<bool> WriteLastChunk() {
    client_.expires_after(write_timeout_);
    auto [ec, n] = co_await asio::async_write(client_, asio::buffer("0\r\n\r\n", 5), kNoThrow);
    co_return !ec;
  }

  // Reads the next piece of the upstream body into `buf`; an empty view with no error means the
  // body is complete.
  template <typename Stream, typename Parser>
  asio::awaitable<std::pair<beast::error_code, std::string_view>> ReadSome(Stream& up,
                                                                           beast::flat_buffer& ubuf,
                                                                           Parser& parser,
                                                                           char* buf, size_t cap) {
    for (;;) {
      if (parser.is_done()) co_return std::pair{beast::error_code{}, std::string_view()};
      parser.get().body().data = buf;
      parser.get().body().size = cap;
      beast::get_lowest_layer(up).expires_after(upstream_timeout_);
      auto [ec, n] = co_await http::async_read_some(up, ubuf, parser, kNoThrow);
      if (ec == http::error::need_buffer) ec = {};
      size_t got = cap - parser.get().body().size;
      if (ec) co_return std::pair{ec, std::string_view(buf, got)};
      if (got > 0) co_return std::pair{beast::error_code{}, std::string_view(buf, got)};
    }
  }

  // Relays the answer untouched (mode off, errors, other content types).
  template <typename Stream, typename Parser>
  asio::awaitable<RelayOutcome> RelayPlain(Stream& up, beast::flat_buffer& ubuf, Parser& parser) {
    auto head = ClientHead(parser.get());
    auto length = parser.content_length();
    bool chunked = false;
    const bool bodyless = request_.method() == http::verb::head ||
                          parser.get().result_int() == 204 || parser.get().result_int() == 304;
    if (bodyless) {
      if (length) head.content_length(*length);
    } else if (length) {
      head.content_length(*length);
    } else if (request_.version() >= 11) {
      head.chunked(true);
      chunked = true;
    } else {
      head.keep_alive(false);  // HTTP/1.0 without a length: the end of the body is the close
    }
    bool keep = head.keep_alive();
    if (!bodyless && length && *length > 0 && *length <= kRelayChunkBytes && !parser.is_done() &&
        ubuf.size() >= *length) {
      // The whole body came with the headers: one write for both (one system call, where head
      // and body apart take two). Bodies still on their way go out piece by piece below.
      co_return co_await WriteWhole(std::move(head), up, ubuf, parser, keep);
    }
    if (!co_await WriteHead(head)) co_return outcome_;
    std::vector<char> buf(kRelayChunkBytes);
    bool clean = true;
    for (;;) {
      auto [ec, data] = co_await ReadSome(up, ubuf, parser, buf.data(), buf.size());
      if (!data.empty() && !co_await WriteBody(data, chunked)) co_return outcome_;
      if (ec) {
        clean = false;
        break;
      }
      if (data.empty()) break;
    }
    if (chunked && clean && !co_await WriteLastChunk()) co_return outcome_;
    outcome_.keep_alive = keep && clean;
    co_return outcome_;
  }

  // RelayPlain's answer whose body is all in `ubuf` already: taken from there (no reads) and
  // written with the head in one write.
  template <typename Stream, typename Parser>
  asio::awaitable<RelayOutcome> WriteWhole(http::response<http::empty_body> head, Stream& up,
                                           beast::flat_buffer& ubuf, Parser& parser, bool keep) {
    http::response<http::string_body> whole(std::move(head.base()));
    std::vector<char> buf(kRelayChunkBytes);
    for (;;) {
      auto [ec, data] = co_await ReadSome(up, ubuf, parser, buf.data(), buf.size());
      whole.body().append(data);
      if (ec) {
        // Cannot happen with the body buffered; if it does, the answer is cut as RelayPlain's.
        keep = false;
        break;
      }
      if (data.empty()) break;
    }
    outcome_.status = whole.result_int();
    client_.expires_after(write_timeout_);
    auto [ec, n] = co_await http::async_write(client_, whole, kNoThrow);
    outcome_.keep_alive = keep && !ec;
    co_return outcome_;
  }

  // A whole JSON answer: read it, check every choice, send it back changed by mode.
  template <typename Stream, typename Parser>
  asio::awaitable<RelayOutcome> RelayChecked(Stream& up, beast::flat_buffer& ubuf, Parser& parser) {
    std::string body;
    std::vector<char> buf(kRelayChunkBytes);
    for (;;) {
      auto [ec, data] = co_await ReadSome(up, ubuf, parser, buf.data(), buf.size());
      body.append(data);
      if (body.size() > service_.config.limits.max_body_bytes) {
        {
          PrepareError(http::status::bad_gateway, "the upstream answer is too large to check",
                       "upstream_too_large");
          co_return co_await SendError();
        }
      }
      if (ec) {
        PrepareUpstreamError(ec, "reading the answer");
        co_return co_await SendError();
      }
      if (data.empty()) break;
    }
    outcome_.upstream_seconds = SecondsSince(started_);
    auto texts = binding_.dialect->ExtractTexts(path_, body);
    std::vector<plugins::ChoiceReport> reports;
    if (texts.ok()) {
      auto deadline = Clock::now() + std::chrono::milliseconds(service_.config.budget_ms);
      const Pipeline& pipeline = service_.engine->pipeline();
      auto start = Clock::now();
      for (const plugins::ChoiceText& choice : *texts) {
        Report report =
            co_await VerifyInParallel(*service_.workers, pipeline, choice.text, deadline);
        reports.push_back({choice.index, std::move(report)});
      }
      service_.metrics->VerificationObserved(SecondsSince(start));
    }
    std::vector<const Report*> views;
    for (const auto& r : reports) {
      info_.Count(r.report);
      service_.metrics->CountVerdicts(r.report);
      views.push_back(&r.report);
    }
    if (!info_.checked && service_.config.fail_closed) {
      {
        PrepareError(http::status::service_unavailable,
                     "the answer could not be fully verified (fail_closed is set)",
                     "verification_incomplete");
        co_return co_await SendError();
      }
    }
    std::string out_body = body;
    if (texts.ok()) {
      auto applied = binding_.dialect->ApplyReports(path_, body, mode_, reports);
      if (applied.ok()) out_body = std::move(*applied);
    }
    auto head = ClientHead(parser.get());
    head.set("x-factgate-mode", ModeName(mode_));
    if (texts.ok()) {
      head.set("x-factgate-verdict", VerdictHeaderValue(views));
      head.set("x-factgate-checked", info_.checked ? "true" : "false");
    }
    head.content_length(out_body.size());
    bool keep = head.keep_alive();
    if (!co_await WriteHead(head)) co_return outcome_;
    if (!co_await WriteBody(out_body, false)) co_return outcome_;
    outcome_.keep_alive = keep;
    co_return outcome_;
  }

  // A streamed answer: forwarded event by event; checks run behind it on the worker pool.
  template <typename Stream, typename Parser>
  asio::awaitable<RelayOutcome> RelayStream(Stream& up, beast::flat_buffer& ubuf, Parser& parser) {
    auto head = ClientHead(parser.get());
    head.set("x-factgate-mode", ModeName(mode_));
    bool chunked = request_.version() >= 11;
    if (chunked) {
      head.chunked(true);
    } else {
      head.keep_alive(false);
    }
    bool keep = head.keep_alive();
    if (!co_await WriteHead(head)) co_return outcome_;
    auto ex = co_await asio::this_coro::executor;
    auto state = std::make_shared<StreamState>(ex, binding_.dialect->NewStream(path_, mode_));
    state->stream->SetFailClosed(service_.config.fail_closed);
    co_await (ReadUpstream(up, ubuf, parser, state) && WriteStream(up, state, chunked));
    for (const auto& r : state->stream->Reports()) {
      info_.Count(r.report);
      service_.metrics->CountVerdicts(r.report);
    }
    if (state->check_seconds > 0) service_.metrics->VerificationObserved(state->check_seconds);
    outcome_.keep_alive = keep && !state->client_gone && state->stream->Done();
    co_return outcome_;
  }

  // The budget of a streamed answer is spent by the worker time of its checks (they run while the
  // answer streams) plus, after the upstream's end, the wait for the last ones.
  static void SpendBudget(StreamState& state, int budget_ms, std::string_view why) {
    if (state.abandoned.exchange(true)) return;
    state.stream->AbandonPendingChecks("the verification budget of " + std::to_string(budget_ms) +
                                       " ms ran out" + std::string(why));
  }

  // Runs the processor's check requests on the worker pool. The callbacks own what they use (the
  // state, the pipeline and the budget outlive this Exchange if the client leaves first).
  void SubmitChecks(const std::shared_ptr<StreamState>& state, asio::any_io_executor home) {
    const int budget_ms = service_.config.budget_ms;
    const Pipeline* pipeline = &service_.engine->pipeline();
    for (plugins::CheckRequest& check : state->stream->TakeCheckRequests()) {
      asio::post(*service_.workers, [state, home, pipeline, budget_ms,
                                     check = std::move(check)]() mutable {
        if (state->abandoned.load()) return;  // the processor has given up on this ticket
        auto start = Clock::now();
        // No claim may take longer than the stream's whole budget (a slow web source gives up).
        ClaimCheck checked =
            pipeline->CheckClaim(check.claim, start + std::chrono::milliseconds(budget_ms));
        double seconds = SecondsSince(start);
        asio::post(home, [state, budget_ms, ticket = check.ticket, seconds,
                          checked = std::move(checked)]() mutable {
          state->check_seconds += seconds;
          state->stream->SetElapsedMs(state->check_seconds * 1000.0);
          state->stream->OnClaimChecked(ticket, std::move(checked.result), checked.errors);
          if (state->check_seconds * 1000.0 >= budget_ms) SpendBudget(*state, budget_ms, "");
          state->wake.cancel();
        });
      });
    }
  }

  template <typename Stream, typename Parser>
  asio::awaitable<void> ReadUpstream(Stream& up, beast::flat_buffer& ubuf, Parser& parser,
                                     const std::shared_ptr<StreamState>& state) {
    auto home = co_await asio::this_coro::executor;
    std::vector<char> buf(kRelayChunkBytes);
    bool clean = true;
    for (;;) {
      auto [ec, data] = co_await ReadSome(up, ubuf, parser, buf.data(), buf.size());
      if (state->client_gone) co_return;
      if (!data.empty()) {
        state->stream->Feed(data);
        SubmitChecks(state, home);
        state->wake.cancel();
      }
      if (ec) {
        clean = false;
        info_.error = "upstream stream ended early: " + ec.message();
        break;
      }
      if (data.empty()) break;
    }
    outcome_.upstream_seconds = SecondsSince(started_);
    state->stream->FinishUpstream(clean);
    SubmitChecks(state, home);
    state->upstream_done = true;
    state->wake.cancel();
  }

  template <typename Stream>
  asio::awaitable<void> WriteStream(Stream& up, const std::shared_ptr<StreamState>& state,
                                    bool chunked) {
    std::optional<Clock::time_point> deadline;
    for (;;) {
      std::string out = state->stream->TakeOutput();
      if (!out.empty()) {
        if (!co_await WriteBody(out, chunked)) {
          state->client_gone = true;
          beast::error_code ignored;
          beast::get_lowest_layer(up).socket().close(ignored);  // cancels the upstream request
          co_return;
        }
        continue;
      }
      if (state->stream->Done()) break;
      if (state->upstream_done && !deadline) {
        double left_ms = std::max(0.0, service_.config.budget_ms - state->check_seconds * 1000.0);
        deadline = Clock::now() + std::chrono::microseconds(static_cast<int64_t>(left_ms * 1000));
      }
      state->wake.expires_at(deadline ? *deadline : Clock::time_point::max());
      auto [ec] = co_await state->wake.async_wait(kNoThrow);
      asio::cancellation_state cancel_state = co_await asio::this_coro::cancellation_state;
      if (cancel_state.cancelled() != asio::cancellation_type::none) co_return;
      if (!ec && deadline && Clock::now() >= *deadline && state->stream->PendingChecks() > 0) {
        SpendBudget(*state, service_.config.budget_ms, " waiting for the last checks");
      }
    }
    if (chunked) co_await WriteLastChunk();
  }

  Service& service_;
  const ProxyBinding& binding_;
  beast::tcp_stream& client_;
  Request& request_;
  std::string path_;  // the request's path, which tells the dialect which API it is
  Mode mode_;
  bool checkable_;
  RequestInfo& info_;
  std::chrono::milliseconds upstream_timeout_;
  std::chrono::milliseconds write_timeout_;
  Clock::time_point started_ = Clock::now();
  RelayOutcome outcome_;
  Response error_;
  bool reused_ = false;
  bool retry_ = false;
  bool reusable_ = false;
};

// Connects to the binding's upstream and runs the exchange over plain TCP or TLS.
// `client_stays`: the client connection may send another request (else `held` is not used for
// what this exchange leaves).
asio::awaitable<RelayOutcome> ConnectAndRun(Service& service, const ProxyBinding& binding,
                                            Exchange& exchange, HeldUpstream& held,
                                            bool client_stays) {
  const UpstreamUrl& u = *binding.upstream;
  auto ex = co_await asio::this_coro::executor;
  // After an exchange, a connection that may carry another is held for this client's next
  // request, or pooled for anyone's when this client is leaving.
  auto keep = [&](beast::tcp_stream& up) {
    if (!exchange.reusable()) return;
    up.expires_never();
    if (client_stays) {
      held.Keep(*binding.pool, up.release_socket());
    } else {
      binding.pool->Give(up.release_socket());
    }
  };
  if (!u.tls) {
    // This client connection's own, else one from the pool.
    std::optional<tcp::socket> reused = held.Take(*binding.pool);
    if (!reused) reused = binding.pool->Take(ex);
    if (reused) {
      beast::tcp_stream up(std::move(*reused));
      exchange.set_reused(true);
      RelayOutcome out = co_await exchange.Run(up);
      if (!exchange.retry()) {
        keep(up);
        co_return out;
      }
      exchange.set_reused(false);  // stale: fall through to a fresh connection
    }
  }
  // An IP address needs no resolver (Asio resolves on a helper thread: ~0.1 ms per request).
  std::vector<tcp::endpoint> endpoints;
  beast::error_code address_ec;
  auto address = asio::ip::make_address(u.host, address_ec);
  if (!address_ec) {
    endpoints.emplace_back(address, u.port);
  } else {
    tcp::resolver resolver(ex);
    auto [rec, results] = co_await resolver.async_resolve(u.host, std::to_string(u.port), kNoThrow);
    if (rec) {
      exchange.PrepareError(http::status::bad_gateway,
                            "cannot resolve the upstream host " + u.host + ": " + rec.message(),
                            "upstream_unreachable");
      co_return co_await exchange.SendError();
    }
    for (const auto& entry : results) endpoints.push_back(entry.endpoint());
  }
  auto connect_timeout =
      std::chrono::milliseconds(service.config.limits.upstream_connect_timeout_ms);
  if (!u.tls) {
    beast::tcp_stream up(ex);
    up.expires_after(connect_timeout);
    auto [cec, ep] = co_await up.async_connect(endpoints, kNoThrow);
    if (cec) {
      if (IsTimeout(cec)) {
        {
          exchange.PrepareError(http::status::gateway_timeout,
                                "connecting to the upstream model server timed out",
                                "upstream_timeout");
          co_return co_await exchange.SendError();
        }
      }
      {
        exchange.PrepareError(http::status::bad_gateway,
                              "the upstream model server is unreachable: " + cec.message(),
                              "upstream_unreachable");
        co_return co_await exchange.SendError();
      }
    }
    beast::error_code ignored;
    up.socket().set_option(tcp::no_delay(true), ignored);  // see Server: Nagle vs delayed ACK
    RelayOutcome out = co_await exchange.Run(up);
    keep(up);
    co_return out;
  }
  beast::ssl_stream<beast::tcp_stream> up(ex, *service.tls);
  if (!SSL_set_tlsext_host_name(up.native_handle(), u.host.c_str())) {
    {
      exchange.PrepareError(http::status::bad_gateway, "TLS set-up failed (SNI)",
                            "upstream_tls_error");
      co_return co_await exchange.SendError();
    }
  }
  if (service.config.upstream_tls_verify) {
    up.set_verify_mode(ssl::verify_peer);
    up.set_verify_callback(ssl::host_name_verification(u.host));
  } else {
    up.set_verify_mode(ssl::verify_none);
  }
  beast::get_lowest_layer(up).expires_after(connect_timeout);
  auto [cec, ep] = co_await beast::get_lowest_layer(up).async_connect(endpoints, kNoThrow);
  if (cec) {
    {
      exchange.PrepareError(
          IsTimeout(cec) ? http::status::gateway_timeout : http::status::bad_gateway,
          "the upstream model server is unreachable: " + cec.message(),
          IsTimeout(cec) ? "upstream_timeout" : "upstream_unreachable");
      co_return co_await exchange.SendError();
    }
  }
  beast::error_code ignored;
  beast::get_lowest_layer(up).socket().set_option(tcp::no_delay(true), ignored);
  beast::get_lowest_layer(up).expires_after(connect_timeout);
  auto [hec] = co_await up.async_handshake(ssl::stream_base::client, kNoThrow);
  if (hec) {
    {
      exchange.PrepareError(http::status::bad_gateway,
                            "TLS handshake with the upstream failed: " + hec.message(),
                            "upstream_tls_error");
      co_return co_await exchange.SendError();
    }
  }
  co_return co_await exchange.Run(up);
}

// Completes when the client closes its connection (or errs); bytes it sends meanwhile (a
// pipelined request) are kept in `buffer` for the session.
asio::awaitable<void> WatchClient(beast::tcp_stream& client, beast::flat_buffer& buffer) {
  for (;;) {
    if (buffer.size() >= kMaxPipelinedBytes) {
      asio::steady_timer forever(co_await asio::this_coro::executor, Clock::time_point::max());
      co_await forever.async_wait(kNoThrow);
      co_return;
    }
    auto [ec, n] = co_await client.socket().async_read_some(buffer.prepare(4096), kNoThrow);
    buffer.commit(n);
    if (ec) co_return;
  }
}

}  // namespace

asio::awaitable<RelayOutcome> RelayToUpstream(Service& service, beast::tcp_stream& client,
                                              beast::flat_buffer& client_buffer, Request& request,
                                              const RouteMatch& match, RequestInfo& info,
                                              HeldUpstream& held) {
  const ProxyBinding& binding = service.bindings.at(match.proxy->binding);
  Mode mode = service.default_mode;
  bool checkable = false;
  Exchange exchange(service, binding, client, request, mode, false, info);
  if (!binding.upstream) {
    {
      exchange.PrepareError(http::status::service_unavailable,
                            "no upstream is configured for " +
                                std::string(binding.dialect->name()) + " requests (set " +
                                binding.upstream_setting + ")",
                            "no_upstream");
      co_return co_await exchange.SendError();
    }
  }
  if (auto it = request.find("x-factgate-mode"); it != request.end()) {
    auto parsed = ParseMode(std::string_view(it->value().data(), it->value().size()));
    if (!parsed) {
      {
        exchange.PrepareError(http::status::bad_request,
                              "x-factgate-mode must be one of off, annotate, cite, rewrite",
                              "invalid_mode");
        co_return co_await exchange.SendError();
      }
    }
    mode = *parsed;
  }
  info.mode = std::string(ModeName(mode));
  if (match.proxy->checked && mode != Mode::kOff && request.method() == http::verb::post) {
    rapidjson::Document body;
    body.Parse(request.body().data(), request.body().size());
    if (body.HasParseError() || !body.IsObject()) {
      {
        exchange.PrepareError(http::status::bad_request,
                              "the request body is not a valid JSON object", "invalid_json");
        co_return co_await exchange.SendError();
      }
    }
    checkable = true;
  }
  Exchange run(service, binding, client, request, mode, checkable, info);
  auto result = co_await (ConnectAndRun(service, binding, run, held, request.keep_alive()) ||
                          WatchClient(client, client_buffer));
  if (result.index() == 0) co_return std::get<0>(result);
  // The client went away first: the upstream request was cancelled with it.
  RelayOutcome gone = run.outcome();
  gone.keep_alive = false;
  info.error = "client closed the connection";
  co_return gone;
}

}  // namespace fg::server
