// Shared Beast/Asio vocabulary for the server's files: namespace aliases, the request and response
// types every handler uses, and the no-throw completion token (Asio and Beast are always called
// through their error_code forms: nothing throws on the request path).
//
// Folder-private: only files in src/server include this.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <type_traits>
#include <utility>

namespace fg::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// co_await op(..., kNoThrow) yields a tuple (error_code, results...) instead of throwing.
inline constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// Runs `fn` on `pool` (the worker pool: Xapian and the verifiers never run on an I/O thread) and
// resumes the awaiting coroutine on its own executor with fn's result: `R r = co_await
// OnWorkers(pool, fn);`.
//
// Deliberately not a coroutine, and `fn` should capture only references or trivially
// destructible values: GCC 12 destroys temporaries with non-trivial destructors twice when they
// appear inside a co_await expression (found with AddressSanitizer). For the same reason, server
// code builds strings it passes to awaited calls in named locals first.
template <typename Fn>
auto OnWorkers(asio::thread_pool& pool, Fn fn) {
  using R = std::invoke_result_t<Fn>;
  return asio::async_initiate<decltype(asio::use_awaitable), void(R)>(
      [&pool](auto handler, Fn task) {
        auto home = asio::get_associated_executor(handler);
        asio::post(pool, [home, task = std::move(task), handler = std::move(handler)]() mutable {
          R result = task();
          asio::post(home, [handler = std::move(handler), result = std::move(result)]() mutable {
            std::move(handler)(std::move(result));
          });
        });
      },
      asio::use_awaitable, std::move(fn));
}

}  // namespace fg::server
