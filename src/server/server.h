// Server: `factgate serve` — the HTTP service (REST routes) and the OpenAI-compatible sidecar
// proxy on Boost.Beast/Asio (shared/DESIGN.md "HTTP API").
//
// Threads: `io_threads` run the Asio event loop (accepting, reading, writing, relaying; every
// connection is one coroutine on its own strand); `worker_threads` run retrieval, verification and
// KB writes, so a slow check never stalls a connection. Shutdown: SIGTERM or SIGINT (or Stop())
// stops accepting, closes idle keep-alive connections, lets in-flight requests finish (up to the
// drain timeout), then Run() returns.
//
// This header keeps Boost out of its includers; everything else lives in server.cc.
#pragma once

#include <cstdint>
#include <memory>

#include "src/core/status.h"
#include "src/server/config.h"
#include "src/server/log.h"

namespace fg::server {

class Server {
 public:
  // Opens the engine (KB, WordNet) and binds the listening socket. Errors are start-up errors:
  // the caller prints them and exits (a missing KB, a port in use, a bad upstream URL).
  static Result<std::unique_ptr<Server>> Create(const ServerConfig& config, Logger* log);
  ~Server();

  // The bound port (useful with port 0).
  uint16_t port() const;
  // Serves until a signal or Stop(), then drains. Returns OK after a clean drain.
  Status Run();
  // Thread-safe; may be called from any thread, also before Run().
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fg::server
