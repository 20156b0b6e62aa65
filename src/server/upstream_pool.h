// UpstreamPool: idle keep-alive connections to a plain-HTTP upstream, so that a proxied request
// reuses one instead of opening a new TCP connection (on loopback that is most of a relay's
// overhead). TLS upstreams are not pooled.
//
// A connection is given back only after an exchange that read the whole answer with the upstream
// keeping the connection alive. Sockets are kept as bare file descriptors and re-bound to the
// taker's executor, so a pooled socket never carries another connection's strand. Take() skips
// connections the upstream has closed meanwhile (or that sat idle longer than `max_idle`); one can
// still close just after it is taken, which the relay handles by retrying once on a fresh
// connection. Thread-safe.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

namespace fg::server {

class UpstreamPool {
 public:
  using Clock = std::chrono::steady_clock;

  // `capacity` 0 turns pooling off (Take finds nothing, Give closes).
  explicit UpstreamPool(size_t capacity, Clock::duration max_idle = std::chrono::seconds(30))
      : capacity_(capacity), max_idle_(max_idle) {}
  ~UpstreamPool();
  UpstreamPool(const UpstreamPool&) = delete;
  UpstreamPool& operator=(const UpstreamPool&) = delete;

  bool enabled() const { return capacity_ > 0; }
  // A live idle connection, bound to `executor`, or nothing.
  std::optional<boost::asio::ip::tcp::socket> Take(const boost::asio::any_io_executor& executor);
  // Keeps `socket` for reuse (or closes it when the pool is full or off).
  void Give(boost::asio::ip::tcp::socket socket);
  size_t idle() const;

 private:
  struct Idle {
    int fd;
    boost::asio::ip::tcp protocol;
    Clock::time_point since;
  };
  static bool StillOpen(int fd);

  const size_t capacity_;
  const Clock::duration max_idle_;
  mutable std::mutex mu_;
  std::vector<Idle> idle_;  // most recently used last
};

}  // namespace fg::server
