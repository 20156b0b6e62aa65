// `factgate index`: add, replace or delete documents in a KB.
#include <cstdio>

#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/kb_ingest.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage: factgate index --kb DIR [options] FILE...

Adds documents to the knowledge base in DIR (created if missing). A document whose id is already
in the KB is replaced. Everything happens in one transaction: if a file cannot be read, nothing is
changed. Malformed JSONL lines are reported (FILE:LINE) and skipped; the exit code is then 1.

Inputs:
  *.jsonl, *.json   one object per line: id, title, text, optional url, date, source
  *.txt, *.md       one document per file (id = file name, title = first heading or file name)

Options:
  --kb DIR              the knowledge base (required)
  --delete ID           remove the document with this id (repeatable; FILE may then be omitted)
  --passage-bytes N     passage size bound in bytes (default 600; 0 = one passage per sentence)
  --shard I/N           keep only the documents of shard I of N (split a collection into N KBs,
                        each served by xapian-tcpsrv and searched as one: docs/SHARDS.md)
  --help                this text
)";

}  // namespace

int RunIndex(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, {"--kb", "--delete", "--passage-bytes", "--shard"}, {"--help"});
  if (!args.ok()) {
    std::fprintf(stderr, "factgate index: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args->Has("--kb")) {
    std::fprintf(stderr, "factgate index: --kb DIR is required (see --help)\n");
    return 2;
  }
  if (args->positional().empty() && !args->Has("--delete")) {
    std::fprintf(stderr, "factgate index: name at least one FILE to index (see --help)\n");
    return 2;
  }
  auto passage_bytes =
      args->GetInt("--passage-bytes", static_cast<long long>(kDefaultPassageBytes));
  if (!passage_bytes.ok()) {
    std::fprintf(stderr, "factgate index: %s\n", passage_bytes.status().message().c_str());
    return 2;
  }
  auto shard = args->Has("--shard") ? ParseShard(args->Get("--shard")) : ShardFilter{};
  if (!shard.ok()) {
    std::fprintf(stderr, "factgate index: %s\n", shard.status().message().c_str());
    return 2;
  }
  KbWriterOptions options;
  options.passages.max_bytes = static_cast<size_t>(*passage_bytes);
  IngestReport report;
  Status s = IngestFiles(args->Get("--kb"), args->positional(), args->All("--delete"), &report,
                         options, *shard);
  if (!s.ok()) {
    std::fprintf(stderr, "factgate index: %s (nothing was changed)\n", s.message().c_str());
    return 2;
  }
  const KbWriteCounts& c = report.counts;
  std::printf(
      "{\"documents_added\": %zu, \"documents_replaced\": %zu, \"documents_deleted\": %zu, "
      "\"passages_added\": %zu, \"bad_lines\": %zu}\n",
      c.documents_added, c.documents_replaced, c.documents_deleted, c.passages_added,
      report.bad_lines);
  return report.bad_lines > 0 ? 1 : 0;
}

}  // namespace fg::cli
