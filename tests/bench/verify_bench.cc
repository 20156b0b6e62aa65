// Benchmark of claim verification on a real KB: per-claim latency (p50, p99) and throughput of
// Pipeline::CheckClaim on one thread, plus the process's peak resident memory.
//
// Usage: verify_bench --kb DIR --claims FILE.jsonl [--limit N] [--threads N] [--model FILE]
//   FILE.jsonl: one object per line with a "claim" string (any evaluation-format file works).
// Run by hand (tests/bench/run_benchmarks.sh); not part of the test suite.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "src/cli/args.h"
#include "src/cli/jsonl.h"
#include "src/core/claim_extractor.h"
#include "src/engine/engine.h"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  auto args = fg::cli::Args::Parse(std::vector<std::string>(argv + 1, argv + argc),
                                   {"--kb", "--claims", "--limit", "--threads", "--model"}, {});
  if (!args.ok() || !args->Has("--kb") || !args->Has("--claims")) {
    std::fprintf(stderr,
                 "usage: verify_bench --kb DIR --claims FILE.jsonl [--limit N] [--threads N] "
                 "[--model FILE]\n");
    return 2;
  }
  size_t limit = static_cast<size_t>(args->GetInt("--limit", 5000).value());
  size_t threads = static_cast<size_t>(args->GetInt("--threads", 1).value());
  std::vector<fg::Claim> claims;
  fg::Status read = fg::cli::ForEachJsonLine(
      args->Get("--claims"),
      [&](const rapidjson::Value& obj, size_t) -> std::string {
        std::string text = fg::cli::StringField(obj, "claim");
        if (text.empty()) return "no \"claim\"";
        if (claims.size() < limit) {
          fg::Claim claim;
          claim.id = "c" + std::to_string(claims.size() + 1);
          claim.text = text;
          claim.span = {0, text.size()};
          claim.kind = fg::ClassifyClaim(text);
          claims.push_back(std::move(claim));
        }
        return "";
      },
      nullptr);
  if (!read.ok()) {
    std::fprintf(stderr, "verify_bench: %s\n", read.ToString().c_str());
    return 2;
  }
  fg::EngineOptions options;
  options.kb_paths = args->All("--kb");
  options.model_path = args->Get("--model");  // none: the rule-based verifiers
  auto load_start = Clock::now();
  auto engine = fg::Engine::Open(options);
  if (!engine.ok()) {
    std::fprintf(stderr, "verify_bench: %s\n", engine.status().ToString().c_str());
    return 2;
  }
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - load_start).count();
  const fg::Pipeline& pipeline = (*engine)->pipeline();
  // Warm the OS page cache and Xapian's handles with a first pass over a few claims.
  for (size_t i = 0; i < std::min<size_t>(200, claims.size()); ++i) {
    (void)pipeline.CheckClaim(claims[i]);
  }
  std::vector<double> latency_ms(claims.size());
  std::atomic<size_t> next{0};
  auto start = Clock::now();
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < claims.size(); i = next++) {
        auto t0 = Clock::now();
        (void)pipeline.CheckClaim(claims[i]);
        latency_ms[i] = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      }
    });
  }
  for (auto& th : pool) th.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latency_ms.begin(), latency_ms.end());
  auto pct = [&](double p) {
    return latency_ms.empty() ? 0.0 : latency_ms[static_cast<size_t>(p * (latency_ms.size() - 1))];
  };
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "{\"claims\": %zu, \"threads\": %zu, \"claims_per_second\": %.1f, \"p50_ms\": %.3f, "
      "\"p99_ms\": %.3f, \"engine_load_ms\": %.0f, \"peak_rss_mb\": %.1f}\n",
      claims.size(), threads, claims.size() / seconds, pct(0.50), pct(0.99), load_ms,
      usage.ru_maxrss / 1024.0);
  return 0;
}
