#include "src/server/server.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

namespace fg::server {
namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerConfig config;
    config.listen = "127.0.0.1:0";
    config.worker_threads = 1;
    auto server = Server::Create(config, &log_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    runner_ = std::thread([this] { run_status_ = server_->Run(); });
  }
  void TearDown() override {
    if (!server_) return;
    server_->Stop();
    runner_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.ToString();
  }

  // A connected client socket, after one whole request/response (so the server has accepted).
  int Connect() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_->port());
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    EXPECT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
    EXPECT_EQ(write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    char buf[1024];
    ssize_t n = read(fd, buf, sizeof buf);
    EXPECT_GT(n, 0);
    EXPECT_EQ(std::string(buf, n > 12 ? 12 : 0), "HTTP/1.1 200");
    return fd;
  }

  Logger log_{[](std::string_view) {}, LogLevel::kError};
  std::unique_ptr<Server> server_;
  std::thread runner_;
  Status run_status_;
};

// Regression: responses are written in several pieces; without TCP_NODELAY each one after the
// first waited for the client's delayed ACK (~40 ms per response, found by the proxy benchmark).
TEST_F(ServerTest, AcceptedConnectionsHaveNagleTurnedOff) {
  int client = Connect();
  int checked = 0;
  DIR* dir = opendir("/proc/self/fd");
  ASSERT_NE(dir, nullptr);
  while (dirent* entry = readdir(dir)) {
    int fd = std::atoi(entry->d_name);
    if (fd <= 2 || fd == client) continue;
    sockaddr_in local{};
    socklen_t len = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) continue;
    if (local.sin_family != AF_INET || ntohs(local.sin_port) != server_->port()) continue;
    int listening = 0;
    len = sizeof listening;
    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
    if (listening) continue;
    int nodelay = 0;
    len = sizeof nodelay;
    ASSERT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len), 0);
    EXPECT_NE(nodelay, 0) << "fd " << fd;
    ++checked;
  }
  closedir(dir);
  close(client);
  EXPECT_EQ(checked, 1);
}

TEST_F(ServerTest, StopDrainsAndRunReturns) {
  int client = Connect();
  close(client);
  // TearDown stops the server and checks that Run() returned OK.
}

}  // namespace
}  // namespace fg::server
