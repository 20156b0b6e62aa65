// `factgate cache stats` and `factgate cache prune`: report on and clean the on-disk evidence cache
// of the web sources (sources/evidence_cache.h).
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "sources/evidence_cache.h"
#include "src/cli/args.h"
#include "src/cli/commands.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage:
  factgate cache stats --cache DIR [--ttl SECONDS]
  factgate cache prune --cache DIR [--ttl SECONDS] [--all]

stats prints {"entries", "bytes", "expired"}: the cached search results and pages, their size on
disk, and how many are older than the TTL (or unreadable). prune removes the expired ones (all of
them with --all), and temporary files left by a crash, and prints {"removed": N}.

Options:
  --cache DIR       the evidence cache folder (required; must exist)
  --ttl SECONDS     how old an entry may be before it expires (default 604800, one week)
  --all             prune: remove every entry, expired or not
  --help            this text
)";

}  // namespace

int RunCache(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"--cache", "--ttl"}, {"--all", "--help"});
  if (!args.ok()) {
    std::fprintf(stderr, "factgate cache: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args->positional().size() != 1) {
    std::fprintf(stderr, "factgate cache: expected 'stats' or 'prune' (see --help)\n");
    return 2;
  }
  const std::string& sub = args->positional()[0];
  if (sub != "stats" && sub != "prune") {
    std::fprintf(stderr, "factgate cache: unknown subcommand '%s' (see --help)\n", sub.c_str());
    return 2;
  }
  if (!args->Has("--cache")) {
    std::fprintf(stderr, "factgate cache: --cache DIR is required (see --help)\n");
    return 2;
  }
  if (sub == "stats" && args->Has("--all")) {
    std::fprintf(stderr, "factgate cache: --all is for prune only (see --help)\n");
    return 2;
  }
  EvidenceCache::Options options;
  options.dir = args->Get("--cache");
  auto ttl = args->GetInt("--ttl", options.ttl_seconds);
  if (!ttl.ok()) {
    std::fprintf(stderr, "factgate cache: %s\n", ttl.status().message().c_str());
    return 2;
  }
  options.ttl_seconds = *ttl;
  // Inspecting a folder that is not there is almost always a mistyped path: say so rather than
  // create an empty cache.
  std::error_code ec;
  if (std::filesystem::exists(options.dir, ec) && !std::filesystem::is_directory(options.dir, ec)) {
    std::fprintf(stderr, "factgate cache: %s is not a folder\n", options.dir.c_str());
    return 2;
  }
  if (!std::filesystem::is_directory(options.dir, ec)) {
    std::fprintf(stderr, "factgate cache: no cache folder at %s\n", options.dir.c_str());
    return 2;
  }
  auto cache = EvidenceCache::Open(options);
  if (!cache.ok()) {
    std::fprintf(stderr, "factgate cache: %s\n", cache.status().message().c_str());
    return 2;
  }
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  if (sub == "stats") {
    auto stats = (*cache)->Stats(now);
    if (!stats.ok()) {
      std::fprintf(stderr, "factgate cache: %s\n", stats.status().message().c_str());
      return 2;
    }
    std::printf("{\"entries\": %llu, \"bytes\": %llu, \"expired\": %llu}\n",
                static_cast<unsigned long long>(stats->entries),
                static_cast<unsigned long long>(stats->bytes),
                static_cast<unsigned long long>(stats->expired));
    return 0;
  }
  auto removed = (*cache)->Prune(now, args->Has("--all"));
  if (!removed.ok()) {
    std::fprintf(stderr, "factgate cache: %s\n", removed.status().message().c_str());
    return 2;
  }
  std::printf("{\"removed\": %llu}\n", static_cast<unsigned long long>(*removed));
  return 0;
}

}  // namespace fg::cli
