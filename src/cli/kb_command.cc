// `factgate kb build-default` and `factgate kb stats`.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "sources/default_kb.h"
#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/kb_ingest.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage:
  factgate kb build-default --kb DIR [options]
  factgate kb stats --kb DIR

build-default indexes data that Debian packages ship: WordNet's glosses (package wordnet-base:
nouns, verbs, adjectives and adverbs; one document per synset, titled by its lemmas) and, when installed, the GCIDE
dictionary (package dict-gcide). Running it again replaces the same documents (no duplicates).

Options:
  --kb DIR            the knowledge base to build or inspect (required)
  --wordnet DIR       WordNet data (default /usr/share/wordnet)
  --gcide DIR         GCIDE dictd data (default /usr/share/dictd)
  --no-gcide          WordNet only
  --passage-bytes N   passage size bound in bytes (default 600)
  --shard I/N         keep only the documents of shard I of N (docs/SHARDS.md)
  --help              this text
)";

int BuildDefault(const Args& args) {
  std::string wordnet = args.Get("--wordnet", "/usr/share/wordnet");
  std::string gcide = args.Get("--gcide", "/usr/share/dictd");
  bool use_gcide = !args.Has("--no-gcide");
  if (use_gcide && !std::filesystem::exists(gcide + "/gcide.index")) {
    if (args.Has("--gcide")) {
      std::fprintf(stderr, "factgate kb: no GCIDE data in %s (install dict-gcide)\n",
                   gcide.c_str());
      return 2;
    }
    std::fprintf(stderr, "factgate kb: GCIDE not installed (dict-gcide); WordNet only\n");
    use_gcide = false;
  }
  auto passage_bytes = args.GetInt("--passage-bytes", static_cast<long long>(kDefaultPassageBytes));
  if (!passage_bytes.ok()) {
    std::fprintf(stderr, "factgate kb: %s\n", passage_bytes.status().message().c_str());
    return 2;
  }
  auto shard = args.Has("--shard") ? ParseShard(args.Get("--shard")) : ShardFilter{};
  if (!shard.ok()) {
    std::fprintf(stderr, "factgate kb: %s\n", shard.status().message().c_str());
    return 2;
  }
  KbWriterOptions options;
  options.passages.max_bytes = static_cast<size_t>(*passage_bytes);
  auto start = std::chrono::steady_clock::now();
  size_t wordnet_docs = 0, gcide_docs = 0;
  IngestReport report;
  Status s = IngestGenerated(
      args.Get("--kb"),
      [&](const std::function<Status(Document &&)>& add) -> Status {
        Status add_error;
        auto sink = [&](size_t* counter) {
          return [&, counter](Document&& doc) {
            if (!add_error.ok()) return;
            add_error = add(std::move(doc));
            ++*counter;
          };
        };
        Status read = ForEachWordNetDocument(wordnet, sink(&wordnet_docs));
        if (!read.ok()) return read;
        if (!add_error.ok()) return add_error;
        if (use_gcide) {
          read = ForEachGcideDocument(gcide, sink(&gcide_docs));
          if (!read.ok()) return read;
        }
        return add_error;
      },
      &report, options, *shard);
  if (!s.ok()) {
    std::fprintf(stderr, "factgate kb: %s (nothing was changed)\n", s.message().c_str());
    return 2;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"wordnet_documents\": %zu, \"gcide_documents\": %zu, \"passages_added\": %zu, "
      "\"seconds\": %.1f, \"passages_per_second\": %.0f}\n",
      wordnet_docs, gcide_docs, report.counts.passages_added, seconds,
      seconds > 0 ? report.counts.passages_added / seconds : 0.0);
  return 0;
}

int Stats(const Args& args) {
  auto kb = XapianKb::Open(args.All("--kb"));
  if (!kb.ok()) {
    std::fprintf(stderr, "factgate kb: %s\n", kb.status().message().c_str());
    return 2;
  }
  auto stats = (*kb)->Stats();
  if (!stats.ok()) {
    std::fprintf(stderr, "factgate kb: %s\n", stats.status().message().c_str());
    return 2;
  }
  std::printf("{\"documents\": %zu, \"passages\": %zu}\n", stats->documents, stats->passages);
  return 0;
}

}  // namespace

int RunKb(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"--kb", "--wordnet", "--gcide", "--passage-bytes", "--shard"},
                          {"--no-gcide", "--help"});
  if (!args.ok()) {
    std::fprintf(stderr, "factgate kb: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (args->positional().size() != 1) {
    std::fprintf(stderr, "factgate kb: expected 'build-default' or 'stats' (see --help)\n");
    return 2;
  }
  if (!args->Has("--kb")) {
    std::fprintf(stderr, "factgate kb: --kb DIR is required (see --help)\n");
    return 2;
  }
  const std::string& sub = args->positional()[0];
  if (sub == "build-default") return BuildDefault(*args);
  if (sub == "stats") return Stats(*args);
  std::fprintf(stderr, "factgate kb: unknown subcommand '%s' (see --help)\n", sub.c_str());
  return 2;
}

}  // namespace fg::cli
