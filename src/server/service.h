// Service: everything a request handler may use, built once at start-up by Server and shared by
// every session — the configuration, the engine (KB + pipeline), the worker pool, metrics, the
// logger, and the dialects served with their upstreams and routes.
//
// Folder-private. Thread-safety: all members are either immutable after start-up or thread-safe
// themselves (Engine, ServerMetrics, Logger); KB writes are serialised by kb_write_mu.
#pragma once

#include <atomic>
#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <mutex>
#include <optional>

#include "plugins/dialect.h"
#include "src/core/renderer.h"
#include "src/core/report_json_writer.h"
#include "src/engine/engine.h"
#include "src/server/config.h"
#include "src/server/internal/http.h"
#include "src/server/log.h"
#include "src/server/route_table.h"
#include "src/server/server_metrics.h"
#include "src/server/upstream_pool.h"

namespace fg::server {

// A dialect this factgate serves and the upstream its routes are relayed to.
struct ProxyBinding {
  std::unique_ptr<plugins::Dialect> dialect;
  std::optional<UpstreamUrl> upstream;  // unset: the dialect's routes answer 503
  std::string upstream_setting;         // where it is configured, for that 503's message
  std::unique_ptr<UpstreamPool> pool;   // reused connections (plain HTTP upstreams)
};

struct Service {
  ServerConfig config;
  Mode default_mode = Mode::kAnnotate;
  std::vector<ProxyBinding> bindings;    // one per dialect
  std::vector<ProxyEntry> proxy_routes;  // every binding's routes, for MatchRoute
  std::unique_ptr<Engine> engine;
  asio::thread_pool* workers = nullptr;
  ServerMetrics* metrics = nullptr;
  Logger* log = nullptr;
  asio::ssl::context* tls = nullptr;  // client context for https upstreams
  std::mutex kb_write_mu;             // one KB writer at a time
  std::atomic<bool> draining{false};  // SIGTERM received: finish in-flight requests, take no more

  // Whether any dialect has an upstream to relay to.
  bool HasUpstream() const {
    for (const ProxyBinding& b : bindings) {
      if (b.upstream) return true;
    }
    return false;
  }
};

}  // namespace fg::server

namespace fg::server {

// What one request did, filled in by its handler, for the request's log line and metrics.
struct RequestInfo {
  std::string id;  // also sent back as x-factgate-request-id
  size_t supported = 0;
  size_t refuted = 0;
  size_t not_enough_info = 0;
  bool checked = true;
  std::string mode;   // proxy mode used ("" for REST routes)
  std::string error;  // internal detail of a failure (the client gets a short message)

  void Count(const Report& report) {
    ReportSummary summary = Summarize(report);
    supported += summary.supported;
    refuted += summary.refuted;
    not_enough_info += summary.not_enough_info;
    if (!report.checked) checked = false;
  }
};

}  // namespace fg::server
