#include "src/server/upstream_pool.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>

namespace fg::server {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A connected loopback pair: `client` (what the pool keeps) and `server` (the upstream's end).
class UpstreamPoolTest : public ::testing::Test {
 protected:
  void Connect(tcp::socket& client, tcp::socket& server) {
    tcp::acceptor acceptor(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
  }
  asio::io_context ioc_;
};

TEST_F(UpstreamPoolTest, GivesBackALiveConnection) {
  UpstreamPool pool(4);
  tcp::socket client(ioc_), server(ioc_);
  Connect(client, server);
  auto port = client.local_endpoint().port();
  pool.Give(std::move(client));
  EXPECT_EQ(pool.idle(), 1u);
  auto taken = pool.Take(ioc_.get_executor());
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->local_endpoint().port(), port);  // the same connection, bound anew
  EXPECT_EQ(pool.idle(), 0u);
  EXPECT_FALSE(pool.Take(ioc_.get_executor()).has_value());
}

TEST_F(UpstreamPoolTest, SkipsConnectionsTheUpstreamClosedOrWroteTo) {
  UpstreamPool pool(4);
  tcp::socket c1(ioc_), s1(ioc_), c2(ioc_), s2(ioc_);
  Connect(c1, s1);
  Connect(c2, s2);
  pool.Give(std::move(c1));
  pool.Give(std::move(c2));
  s1.close();                                     // closed by the upstream
  asio::write(s2, asio::buffer("HTTP/1.1 200"));  // unasked bytes
  EXPECT_FALSE(pool.Take(ioc_.get_executor()).has_value());
  EXPECT_EQ(pool.idle(), 0u);
}

TEST_F(UpstreamPoolTest, KeepsAtMostItsCapacityAndNothingWhenOff) {
  UpstreamPool pool(1);
  tcp::socket c1(ioc_), s1(ioc_), c2(ioc_), s2(ioc_);
  Connect(c1, s1);
  Connect(c2, s2);
  pool.Give(std::move(c1));
  pool.Give(std::move(c2));
  EXPECT_EQ(pool.idle(), 1u);

  UpstreamPool off(0);
  EXPECT_FALSE(off.enabled());
  tcp::socket c3(ioc_), s3(ioc_);
  Connect(c3, s3);
  off.Give(std::move(c3));
  EXPECT_EQ(off.idle(), 0u);
  EXPECT_FALSE(off.Take(ioc_.get_executor()).has_value());
}

TEST_F(UpstreamPoolTest, DropsConnectionsIdleTooLong) {
  UpstreamPool pool(4, std::chrono::seconds(0));
  tcp::socket client(ioc_), server(ioc_);
  Connect(client, server);
  pool.Give(std::move(client));
  EXPECT_FALSE(pool.Take(ioc_.get_executor()).has_value());
}

TEST_F(UpstreamPoolTest, HeldConnectionComesBackToItsClientConnection) {
  UpstreamPool pool(4);
  HeldUpstream held;
  tcp::socket client(ioc_), server(ioc_);
  Connect(client, server);
  auto port = client.local_endpoint().port();
  held.Keep(pool, std::move(client));
  EXPECT_TRUE(held.holds());
  EXPECT_EQ(pool.held(), 1u);
  EXPECT_EQ(pool.idle(), 0u);  // held, not pooled: other client connections do not get it
  EXPECT_FALSE(pool.Take(ioc_.get_executor()).has_value());
  auto taken = held.Take(pool);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->local_endpoint().port(), port);
  EXPECT_FALSE(held.holds());
  EXPECT_EQ(pool.held(), 0u);
  EXPECT_FALSE(held.Take(pool).has_value());
}

TEST_F(UpstreamPoolTest, HeldConnectionIsDroppedWhenStale) {
  UpstreamPool pool(4);
  HeldUpstream closed, wrote;
  tcp::socket c1(ioc_), s1(ioc_), c2(ioc_), s2(ioc_);
  Connect(c1, s1);
  Connect(c2, s2);
  closed.Keep(pool, std::move(c1));
  wrote.Keep(pool, std::move(c2));
  s1.close();                                     // closed by the upstream
  asio::write(s2, asio::buffer("HTTP/1.1 200"));  // unasked bytes
  EXPECT_FALSE(closed.Take(pool).has_value());
  EXPECT_FALSE(wrote.Take(pool).has_value());
  EXPECT_EQ(pool.held(), 0u);
  EXPECT_EQ(pool.idle(), 0u);

  UpstreamPool no_idling(4, std::chrono::seconds(0));
  HeldUpstream idle;
  tcp::socket c3(ioc_), s3(ioc_);
  Connect(c3, s3);
  idle.Keep(no_idling, std::move(c3));
  EXPECT_FALSE(idle.Take(no_idling).has_value());
}

TEST_F(UpstreamPoolTest, HeldConnectionsCountAgainstTheCapacity) {
  UpstreamPool pool(1);
  HeldUpstream first, second;
  tcp::socket c1(ioc_), s1(ioc_), c2(ioc_), s2(ioc_), c3(ioc_), s3(ioc_);
  Connect(c1, s1);
  Connect(c2, s2);
  Connect(c3, s3);
  first.Keep(pool, std::move(c1));
  second.Keep(pool, std::move(c2));  // no room: given to the pool, which is full too
  EXPECT_FALSE(second.holds());
  EXPECT_EQ(pool.held(), 1u);
  EXPECT_EQ(pool.idle(), 0u);
  pool.Give(std::move(c3));
  EXPECT_EQ(pool.idle(), 0u);
  // Released when its client connection ends: then pooled for anyone.
  first.Release();
  EXPECT_EQ(pool.held(), 0u);
  EXPECT_EQ(pool.idle(), 1u);

  UpstreamPool off(0);
  HeldUpstream none;
  tcp::socket c4(ioc_), s4(ioc_);
  Connect(c4, s4);
  none.Keep(off, std::move(c4));
  EXPECT_FALSE(none.holds());
}

TEST_F(UpstreamPoolTest, HeldConnectionOfAnotherUpstreamGoesToItsOwnPool) {
  UpstreamPool a(4), b(4);
  HeldUpstream held;
  tcp::socket client(ioc_), server(ioc_);
  Connect(client, server);
  held.Keep(a, std::move(client));
  EXPECT_FALSE(held.Take(b).has_value());  // b's upstream is another server
  EXPECT_FALSE(held.holds());
  EXPECT_EQ(a.held(), 0u);
  EXPECT_EQ(a.idle(), 1u);
  EXPECT_EQ(b.idle(), 0u);
}

}  // namespace
}  // namespace fg::server
