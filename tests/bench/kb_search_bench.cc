// Benchmark of KB retrieval over shards: XapianKb::Search for each claim of an evaluation file, on
// one thread, against the KBs given (local folders and/or "tcp://HOST:PORT" shards served by
// xapian-tcpsrv, searched as one). Prints queries/s, latency p50/p99, a checksum of the sets of top
// passages and the sum of their scores, so that runs over the same passages split differently can
// be compared.
//
// Usage: kb_search_bench --kb DIR|tcp://HOST:PORT [--kb ...] --claims FILE.jsonl [--limit N]
// Run by hand (tests/bench/shard_bench.sh); not part of the test suite.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "sources/xapian_kb.h"
#include "src/cli/args.h"
#include "src/cli/jsonl.h"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  auto args = fg::cli::Args::Parse(std::vector<std::string>(argv + 1, argv + argc),
                                   {"--kb", "--claims", "--limit"}, {});
  if (!args.ok() || !args->Has("--kb") || !args->Has("--claims")) {
    std::fprintf(stderr,
                 "usage: kb_search_bench --kb DIR|tcp://HOST:PORT [--kb ...] --claims FILE.jsonl "
                 "[--limit N]\n");
    return 2;
  }
  auto limit = args->GetInt("--limit", 2000);
  std::vector<std::string> claims;
  size_t bad = 0;
  fg::Status read = fg::cli::ForEachJsonLine(
      args->Get("--claims"),
      [&](const rapidjson::Value& obj, size_t) -> std::string {
        if (claims.size() >= static_cast<size_t>(*limit)) return "";
        std::string text = fg::cli::StringField(obj, "claim");
        if (!text.empty()) claims.push_back(text);
        return "";
      },
      &bad);
  if (!read.ok()) {
    std::fprintf(stderr, "kb_search_bench: %s\n", read.message().c_str());
    return 2;
  }
  auto kb = fg::XapianKb::Open(args->All("--kb"));
  if (!kb.ok()) {
    std::fprintf(stderr, "kb_search_bench: %s\n", kb.status().message().c_str());
    return 2;
  }
  std::vector<double> ms;
  size_t checksum = 0, failed = 0;
  double score_sum = 0;
  auto start = Clock::now();
  for (const std::string& claim : claims) {
    auto t0 = Clock::now();
    auto found = (*kb)->Search(claim, 20);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!found.ok()) {
      ++failed;
      continue;
    }
    // Order-insensitive: passages tied on score may come in another order (shards number their
    // documents differently, and Xapian breaks ties by document number).
    for (const fg::Passage& p : *found) {
      checksum += std::hash<std::string>()(p.doc_id + "@" + std::to_string(p.doc_offset));
      score_sum += p.score;
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double q) {
    return ms.empty() ? 0.0 : ms[static_cast<size_t>(q * (ms.size() - 1))];
  };
  std::printf(
      "{\"queries\": %zu, \"failed\": %zu, \"queries_per_second\": %.1f, \"p50_ms\": %.3f, "
      "\"p99_ms\": %.3f, \"top20_set_checksum\": \"%016zx\", \"top20_score_sum\": %.4f}\n",
      claims.size(), failed, claims.size() / seconds, pct(0.5), pct(0.99), checksum, score_sum);
  return 0;
}
