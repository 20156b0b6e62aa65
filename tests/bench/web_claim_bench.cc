// Benchmark of claim latency with web evidence: Pipeline::CheckClaim for each claim of a text
// file (one claim per line), with a MediaWiki as the only source, three passes over the same
// claims in one run: cold (every search and page fetched: evidence-cache misses), warm (the same
// claims again: cache hits), and offline (cache only). Prints per-claim latency p50/p90/mean per
// pass, verdict counts, and the ratios.
//
// Usage: web_claim_bench --mediawiki API_URL --cache DIR --claims FILE [--pages N]
// Run by hand (tests/bench/mediawiki_bench.sh); not part of the test suite.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "src/cli/args.h"
#include "src/engine/engine.h"

using Clock = std::chrono::steady_clock;

namespace {

struct Pass {
  std::vector<double> ms;
  int supported = 0, refuted = 0, undecided = 0, degraded = 0;
};

double Quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))];
}

double Mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / v.size();
}

Pass Run(const fg::Pipeline& pipeline, const std::vector<std::string>& claims) {
  Pass pass;
  for (const std::string& text : claims) {
    fg::Claim claim;
    claim.id = "c1";
    claim.text = text;
    claim.span = {0, text.size()};
    auto start = Clock::now();
    fg::ClaimCheck check = pipeline.CheckClaim(claim);
    pass.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    if (!check.errors.empty()) ++pass.degraded;
    switch (check.result.verdict) {
      case fg::Verdict::kSupported:
        ++pass.supported;
        break;
      case fg::Verdict::kRefuted:
        ++pass.refuted;
        break;
      default:
        ++pass.undecided;
    }
  }
  return pass;
}

void Print(const char* name, const Pass& p) {
  std::printf("%-28s p50 %8.2f ms  p90 %8.2f ms  mean %8.2f ms   supported %d refuted %d nei %d"
              " degraded %d\n",
              name, Quantile(p.ms, 0.5), Quantile(p.ms, 0.9), Mean(p.ms), p.supported, p.refuted,
              p.undecided, p.degraded);
}

}  // namespace

int main(int argc, char** argv) {
  auto args = fg::cli::Args::Parse(std::vector<std::string>(argv + 1, argv + argc),
                                   {"--mediawiki", "--cache", "--claims", "--pages"}, {});
  if (!args.ok() || !args->Has("--mediawiki") || !args->Has("--cache") || !args->Has("--claims")) {
    std::fprintf(stderr,
                 "usage: web_claim_bench --mediawiki API_URL --cache DIR --claims FILE "
                 "[--pages N]\n");
    return 2;
  }
  std::vector<std::string> claims;
  std::ifstream in(args->Get("--claims"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) claims.push_back(line);
  }
  if (claims.empty()) {
    std::fprintf(stderr, "web_claim_bench: no claims in %s\n", args->Get("--claims").c_str());
    return 2;
  }
  auto open = [&](bool offline) {
    fg::EngineOptions o;
    o.model_path = fg::DefaultModelPath();
    o.web.mediawiki_urls = {args->Get("--mediawiki")};
    o.web.private_hosts = {"127.0.0.1"};
    o.web.cache_dir = args->Get("--cache");
    o.web.offline = offline;
    o.web.pages = static_cast<size_t>(*args->GetInt("--pages", 3));
    return fg::Engine::Open(o);
  };
  auto online = open(false);
  auto offline = open(true);
  if (!online.ok() || !offline.ok()) {
    std::fprintf(stderr, "web_claim_bench: %s\n",
                 (online.ok() ? offline.status() : online.status()).message().c_str());
    return 2;
  }
  std::printf("%zu claims, one thread, MediaWiki at %s\n", claims.size(),
              args->Get("--mediawiki").c_str());
  Pass cold = Run((*online)->pipeline(), claims);
  Pass warm = Run((*online)->pipeline(), claims);
  Pass replay = Run((*offline)->pipeline(), claims);
  Print("cold (cache misses)", cold);
  Print("warm (cache hits)", warm);
  Print("offline (cache only)", replay);
  std::printf("miss/hit latency ratio: p50 %.1fx, mean %.1fx\n",
              Quantile(cold.ms, 0.5) / std::max(1e-9, Quantile(warm.ms, 0.5)),
              Mean(cold.ms) / std::max(1e-9, Mean(warm.ms)));
  return 0;
}
