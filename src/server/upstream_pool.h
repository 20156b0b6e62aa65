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
//
// Re-binding costs four system calls per request (the socket leaves Asio's reactor and joins it
// again, is made non-blocking again, and its address family is asked). So a client connection
// also keeps the last upstream connection it used (HeldUpstream), on its own executor, for its
// next request; a held connection counts against the capacity as an idle one does.
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
  Clock::duration max_idle() const { return max_idle_; }
  // A live idle connection, bound to `executor`, or nothing.
  std::optional<boost::asio::ip::tcp::socket> Take(const boost::asio::any_io_executor& executor);
  // Keeps `socket` for reuse (or closes it when the pool is full or off).
  void Give(boost::asio::ip::tcp::socket socket);
  size_t idle() const;
  // Connections HeldUpstream objects keep.
  size_t held() const;

  // False when an idle connection has data waiting or was closed by the upstream (one recv).
  static bool StillOpen(int fd);

 private:
  friend class HeldUpstream;
  // A place for a held connection within the capacity (false when none is left), and giving it
  // back.
  bool TryHold();
  void Unhold();

  struct Idle {
    int fd;
    boost::asio::ip::tcp protocol;
    Clock::time_point since;
  };

  const size_t capacity_;
  const Clock::duration max_idle_;
  mutable std::mutex mu_;
  std::vector<Idle> idle_;  // most recently used last
  size_t held_ = 0;         // guarded by mu_
};

// The upstream connection one client connection keeps between its requests (see above). Used by
// one session at a time (not thread-safe); the pool must outlive it.
class HeldUpstream {
 public:
  HeldUpstream() = default;
  HeldUpstream(const HeldUpstream&) = delete;
  HeldUpstream& operator=(const HeldUpstream&) = delete;

  // The held connection if it came from `pool`, has been idle less than the pool's max_idle and
  // is still open; else nothing (a stale one is closed). Either way nothing is held after.
  std::optional<boost::asio::ip::tcp::socket> Take(UpstreamPool& pool);
  // Holds `socket`, a connection to `pool`'s upstream, for the next request; what was held
  // before goes to its pool. Without room in `pool`'s capacity, `socket` goes to the pool
  // instead (which keeps it if it can).
  void Keep(UpstreamPool& pool, boost::asio::ip::tcp::socket socket);
  // Gives what is held to its pool (when the client connection ends).
  void Release();
  bool holds() const { return socket_.has_value(); }

 private:
  UpstreamPool* pool_ = nullptr;  // set while a connection is held
  std::optional<boost::asio::ip::tcp::socket> socket_;
  UpstreamPool::Clock::time_point since_;
};

}  // namespace fg::server
