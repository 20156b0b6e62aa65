// Ingestion for the CLI: read input files and add, replace or delete documents in a KB, all in one
// transaction. Used by `factgate index`, `factgate kb build-default` and claims-mode `eval`.
//
// Malformed JSONL lines are reported on stderr as "FILE:LINE: reason" and skipped (the good lines
// are still indexed); a file that cannot be read at all (missing, binary, unknown type) aborts the
// run before anything is committed, so the KB is left exactly as it was.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sources/xapian_kb.h"
#include "src/core/status.h"
#include "src/core/types.h"

namespace fg::cli {

// Which documents this KB keeps when a collection is split into shards (`--shard I/N`): those
// whose id ShardOf (sources/xapian_kb.h) puts in shard `index` of `count`. The default keeps all.
struct ShardFilter {
  size_t index = 0;
  size_t count = 1;
  bool Keeps(const Document& doc) const;
};
// "I/N" with 0 <= I < N; kInvalidArgument otherwise.
Result<ShardFilter> ParseShard(const std::string& text);

struct IngestReport {
  KbWriteCounts counts;
  size_t bad_lines = 0;
};

Status IngestFiles(const std::string& kb_dir, const std::vector<std::string>& files,
                   const std::vector<std::string>& delete_ids, IngestReport* report,
                   const KbWriterOptions& options = {}, const ShardFilter& shard = {});

// Feeds documents from `produce` (which calls its argument once per document) into the KB in one
// transaction; used for the default KB.
Status IngestGenerated(
    const std::string& kb_dir,
    const std::function<Status(const std::function<Status(Document&&)>&)>& produce,
    IngestReport* report, const KbWriterOptions& options = {}, const ShardFilter& shard = {});

}  // namespace fg::cli
