#include "src/cli/kb_ingest.h"

#include <cstdio>
#include <stdexcept>

#include "sources/document_reader.h"

namespace fg::cli {

bool ShardFilter::Keeps(const Document& doc) const {
  return count <= 1 || ShardOf(doc.id, count) == index;
}

Result<ShardFilter> ParseShard(const std::string& text) {
  size_t slash = text.find('/');
  ShardFilter shard;
  try {
    if (slash == std::string::npos) throw std::invalid_argument(text);
    size_t used = 0;
    shard.index = std::stoul(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument(text);
    shard.count = std::stoul(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    return Status::InvalidArgument(
        "--shard wants I/N (this KB's shard and the number of shards), "
        "got '" +
        text + "'");
  }
  if (shard.count == 0 || shard.index >= shard.count) {
    return Status::InvalidArgument("--shard " + text + ": I must be at least 0 and less than N");
  }
  return shard;
}

Status IngestGenerated(
    const std::string& kb_dir,
    const std::function<Status(const std::function<Status(Document&&)>&)>& produce,
    IngestReport* report, const KbWriterOptions& options, const ShardFilter& shard) {
  auto writer = KbWriter::Open(kb_dir, options);
  if (!writer.ok()) return writer.status();
  Status s = produce(
      [&](Document&& doc) { return shard.Keeps(doc) ? (*writer)->Add(doc) : Status::Ok(); });
  if (!s.ok()) return s;  // the writer's destructor cancels the transaction
  s = (*writer)->Commit();
  if (report != nullptr) report->counts = (*writer)->counts();
  return s;
}

Status IngestFiles(const std::string& kb_dir, const std::vector<std::string>& files,
                   const std::vector<std::string>& delete_ids, IngestReport* report,
                   const KbWriterOptions& options, const ShardFilter& shard) {
  auto writer = KbWriter::Open(kb_dir, options);
  if (!writer.ok()) return writer.status();
  for (const std::string& id : delete_ids) {
    Status s = (*writer)->Delete(id);
    if (!s.ok()) return s;
  }
  std::vector<InputProblem> problems;
  for (const std::string& file : files) {
    Status s = ReadDocuments(
        file, [&](Document&& doc) { return shard.Keeps(doc) ? (*writer)->Add(doc) : Status::Ok(); },
        &problems);
    if (!s.ok()) return s;
  }
  for (const InputProblem& p : problems) {
    std::fprintf(stderr, "%s:%zu: %s; line skipped\n", p.file.c_str(), p.line, p.reason.c_str());
  }
  Status s = (*writer)->Commit();
  if (report != nullptr) {
    report->counts = (*writer)->counts();
    report->bad_lines = problems.size();
  }
  return s;
}

}  // namespace fg::cli
