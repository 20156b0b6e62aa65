#include "src/server/parallel_verify.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace fg::server {
namespace {

using Clock = std::chrono::steady_clock;
using Checks = std::vector<std::optional<ClaimCheck>>;

// One task per claim on the pool; the last one to finish resumes the caller with every check.
template <typename Handler>
struct Fanout {
  Fanout(size_t n, Handler h) : checks(n), remaining(n), handler(std::move(h)) {}
  Checks checks;
  std::atomic<size_t> remaining;
  Handler handler;
};

// Not a coroutine (see OnWorkers in internal/http.h).
auto CheckAll(asio::thread_pool& pool, const Pipeline& pipeline, const std::vector<Claim>& claims,
              Clock::time_point deadline) {
  return asio::async_initiate<decltype(asio::use_awaitable), void(Checks)>(
      [&pool, &pipeline, &claims, deadline](auto handler) {
        using State = Fanout<decltype(handler)>;
        auto home = asio::get_associated_executor(handler);
        auto state = std::make_shared<State>(claims.size(), std::move(handler));
        for (size_t i = 0; i < claims.size(); ++i) {
          asio::post(pool, [state, home, &pipeline, &claims, deadline, i] {
            // A claim not started before the deadline stays unchecked (nullopt).
            if (Clock::now() < deadline)
              state->checks[i] = pipeline.CheckClaim(claims[i], deadline);
            if (state->remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
              asio::post(home, [state] { std::move(state->handler)(std::move(state->checks)); });
            }
          });
        }
      },
      asio::use_awaitable);
}

}  // namespace

asio::awaitable<Report> VerifyInParallel(asio::thread_pool& workers, const Pipeline& pipeline,
                                         std::string_view text, Clock::time_point deadline) {
  auto start = Clock::now();
  Report report;
  Report* out = &report;
  std::vector<Claim> claims = co_await OnWorkers(
      workers, [&pipeline, text, out] { return pipeline.ExtractFor(text, out); });
  Checks checks;
  if (!claims.empty()) checks = co_await CheckAll(workers, pipeline, claims, deadline);
  Pipeline::Add(claims, std::move(checks), &report);
  report.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  co_return report;
}

}  // namespace fg::server
