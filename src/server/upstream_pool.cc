#include "src/server/upstream_pool.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace fg::server {

UpstreamPool::~UpstreamPool() {
  for (const Idle& i : idle_) ::close(i.fd);
}

// An idle HTTP/1.1 connection has nothing to read: readable means the upstream closed it (EOF) or
// sent something unasked; either way it cannot carry another exchange.
bool UpstreamPool::StillOpen(int fd) {
  char byte;
  ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

std::optional<boost::asio::ip::tcp::socket> UpstreamPool::Take(
    const boost::asio::any_io_executor& executor) {
  for (;;) {
    std::optional<Idle> taken;
    {
      std::lock_guard lock(mu_);
      if (idle_.empty()) return std::nullopt;
      taken = idle_.back();
      idle_.pop_back();
    }
    const Idle& found = *taken;
    if (Clock::now() - found.since > max_idle_ || !StillOpen(found.fd)) {
      ::close(found.fd);
      continue;
    }
    boost::asio::ip::tcp::socket socket(executor);
    boost::system::error_code ec;
    socket.assign(found.protocol, found.fd, ec);
    if (ec) {
      ::close(found.fd);
      continue;
    }
    return socket;
  }
}

void UpstreamPool::Give(boost::asio::ip::tcp::socket socket) {
  boost::system::error_code ec;
  if (!enabled() || !socket.is_open()) return;
  {
    std::lock_guard lock(mu_);
    if (idle_.size() + held_ >= capacity_) return;  // full: the socket closes
  }
  auto protocol = socket.local_endpoint(ec).protocol();
  if (ec) return;
  int fd = socket.release(ec);
  if (ec) return;
  std::lock_guard lock(mu_);
  if (idle_.size() + held_ >= capacity_) {
    ::close(fd);
    return;
  }
  idle_.push_back({fd, protocol, Clock::now()});
}

size_t UpstreamPool::idle() const {
  std::lock_guard lock(mu_);
  return idle_.size();
}

size_t UpstreamPool::held() const {
  std::lock_guard lock(mu_);
  return held_;
}

bool UpstreamPool::TryHold() {
  std::lock_guard lock(mu_);
  if (idle_.size() + held_ >= capacity_) return false;
  ++held_;
  return true;
}

void UpstreamPool::Unhold() {
  std::lock_guard lock(mu_);
  --held_;
}

std::optional<boost::asio::ip::tcp::socket> HeldUpstream::Take(UpstreamPool& pool) {
  if (!socket_) return std::nullopt;
  if (pool_ != &pool) {  // another upstream's: back to its own pool
    Release();
    return std::nullopt;
  }
  boost::asio::ip::tcp::socket socket = std::move(*socket_);
  socket_.reset();
  pool_ = nullptr;
  pool.Unhold();
  if (UpstreamPool::Clock::now() - since_ > pool.max_idle() ||
      !UpstreamPool::StillOpen(socket.native_handle())) {
    return std::nullopt;  // stale: the socket closes here
  }
  return socket;
}

void HeldUpstream::Keep(UpstreamPool& pool, boost::asio::ip::tcp::socket socket) {
  Release();
  if (!pool.TryHold()) {
    pool.Give(std::move(socket));
    return;
  }
  pool_ = &pool;
  socket_ = std::move(socket);
  since_ = UpstreamPool::Clock::now();
}

void HeldUpstream::Release() {
  if (!socket_) return;
  UpstreamPool* to = std::exchange(pool_, nullptr);
  boost::asio::ip::tcp::socket socket = std::move(*socket_);
  socket_.reset();
  to->Unhold();
  to->Give(std::move(socket));
}

}  // namespace fg::server
