// Benchmark of KB retrieval over shards: XapianKb::Search for each claim of an evaluation file, on
// one thread, against the KBs given (local folders and/or "tcp://HOST:PORT" shards served by
// xapian-tcpsrv, searched as one). Prints queries/s, latency p50/p99, a checksum of the sets of top
// passages and the sum of their scores, so that runs over the same passages split differently can
// be compared. With --compare, the same claims also run on a second KB handle on which Xapian's
// IneB2Weight reads passage lengths itself (XapianKbOptions::length_table = false), interleaved
// claim by claim, and the output says for how many claims the two top-20 lists are the same (as
// sets, in order, and score for score up to a relative 1e-9) and each one's speed.
// --no-length-table measures only that. With `--compare --reference no-posting-cache` the second
// handle keeps the length table but no posting lists in memory (posting_cache_bytes = 0);
// --no-posting-cache measures only that.
//
// Usage: kb_search_bench --kb DIR|tcp://HOST:PORT [--kb ...] --claims FILE.jsonl [--limit N]
//                        [--compare [--reference xapian|no-posting-cache] | --no-length-table |
//                         --no-posting-cache]
// Run by hand (tests/bench/shard_bench.sh); not part of the test suite.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sources/xapian_kb.h"
#include "src/cli/args.h"
#include "src/cli/jsonl.h"

using Clock = std::chrono::steady_clock;

namespace {

struct Run {
  std::vector<double> ms;
  size_t checksum = 0, failed = 0;
  double score_sum = 0, seconds = 0;

  double Percentile(double q) {
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0.0 : ms[static_cast<size_t>(q * (ms.size() - 1))];
  }
  void Print(const char* label, size_t queries) {
    std::printf(
        "{\"ranking\": \"%s\", \"queries\": %zu, \"failed\": %zu, \"queries_per_second\": %.1f, "
        "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"top20_set_checksum\": \"%016zx\", "
        "\"top20_score_sum\": %.4f}\n",
        label, queries, failed, queries / seconds, Percentile(0.5), Percentile(0.99), checksum,
        score_sum);
  }
};

// Searches one claim, timing it into `run`; the passages' keys ("doc@offset") in rank order, and
// their scores into `scores`.
std::vector<std::string> SearchOne(const fg::XapianKb& kb, const std::string& claim, Run* run,
                                   std::vector<double>* scores) {
  auto t0 = Clock::now();
  auto found = kb.Search(claim, 20);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  run->ms.push_back(ms);
  run->seconds += ms / 1000;
  std::vector<std::string> keys;
  if (!found.ok()) {
    ++run->failed;
    return keys;
  }
  // Order-insensitive: passages tied on score may come in another order (shards number their
  // documents differently, and Xapian breaks ties by document number).
  for (const fg::Passage& p : *found) {
    keys.push_back(p.doc_id + "@" + std::to_string(p.doc_offset));
    run->checksum += std::hash<std::string>()(keys.back());
    run->score_sum += p.score;
    scores->push_back(p.score);
  }
  return keys;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = fg::cli::Args::Parse(std::vector<std::string>(argv + 1, argv + argc),
                                   {"--kb", "--claims", "--limit", "--reference"},
                                   {"--compare", "--no-length-table", "--no-posting-cache"});
  const std::string reference_kind =
      args.ok() && args->Has("--reference") ? args->Get("--reference") : "xapian";
  if (!args.ok() || !args->Has("--kb") || !args->Has("--claims") ||
      (reference_kind != "xapian" && reference_kind != "no-posting-cache")) {
    std::fprintf(stderr,
                 "usage: kb_search_bench --kb DIR|tcp://HOST:PORT [--kb ...] --claims FILE.jsonl "
                 "[--limit N] [--compare [--reference xapian|no-posting-cache] | "
                 "--no-length-table | --no-posting-cache]\n");
    return 2;
  }
  auto limit = args->GetInt("--limit", 2000);
  if (!limit.ok()) {
    std::fprintf(stderr, "kb_search_bench: --limit takes a number\n");
    return 2;
  }
  fg::XapianKbOptions options;
  options.length_table = !args->Has("--no-length-table");
  if (args->Has("--no-posting-cache")) options.posting_cache_bytes = 0;
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
  auto kb = fg::XapianKb::Open(args->All("--kb"), options);
  if (!kb.ok()) {
    std::fprintf(stderr, "kb_search_bench: %s\n", kb.status().message().c_str());
    return 2;
  }
  const bool compare = args->Has("--compare");
  std::unique_ptr<fg::XapianKb> reference;  // only with --compare
  if (compare) {
    fg::XapianKbOptions other = options;
    if (reference_kind == "xapian") {
      other.length_table = false;
    } else {
      other.posting_cache_bytes = 0;
    }
    auto opened = fg::XapianKb::Open(args->All("--kb"), other);
    if (!opened.ok()) {
      std::fprintf(stderr, "kb_search_bench: %s\n", opened.status().message().c_str());
      return 2;
    }
    reference = std::move(*opened);
  }
  Run run, ref_run;
  size_t same_set = 0, same_order = 0, same_scores = 0;
  for (const std::string& claim : claims) {
    std::vector<double> scores, ref_scores;
    std::vector<std::string> keys = SearchOne(**kb, claim, &run, &scores);
    if (!compare) continue;
    std::vector<std::string> ref = SearchOne(*reference, claim, &ref_run, &ref_scores);
    if (keys == ref) ++same_order;
    // Equal up to rounding: the same weights may be added up in another order.
    if (scores.size() == ref_scores.size() &&
        std::equal(scores.begin(), scores.end(), ref_scores.begin(),
                   [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::abs(b); })) {
      ++same_scores;
    }
    std::sort(keys.begin(), keys.end());
    std::sort(ref.begin(), ref.end());
    if (keys == ref) ++same_set;
  }
  const char* label = !options.length_table              ? "xapian lengths"
                      : options.posting_cache_bytes == 0 ? "length table"
                                                         : "length table + kept postings";
  run.Print(label, claims.size());
  if (compare) {
    ref_run.Print(reference_kind == "xapian" ? "xapian lengths" : "length table", claims.size());
    std::printf(
        "{\"claims\": %zu, \"same_top20_set\": %zu, \"same_top20_order\": %zu, "
        "\"same_top20_scores\": %zu, \"p50_ratio\": %.3f, \"queries_per_second_ratio\": %.3f}\n",
        claims.size(), same_set, same_order, same_scores,
        run.Percentile(0.5) / ref_run.Percentile(0.5), ref_run.seconds / run.seconds);
  }
  return 0;
}
