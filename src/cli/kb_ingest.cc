#include "src/cli/kb_ingest.h"

#include <cstdio>

#include "sources/document_reader.h"

namespace fg::cli {

Status IngestGenerated(
    const std::string& kb_dir,
    const std::function<Status(const std::function<Status(Document&&)>&)>& produce,
    IngestReport* report, const KbWriterOptions& options) {
  auto writer = KbWriter::Open(kb_dir, options);
  if (!writer.ok()) return writer.status();
  Status s = produce([&](Document&& doc) { return (*writer)->Add(doc); });
  if (!s.ok()) return s;  // the writer's destructor cancels the transaction
  s = (*writer)->Commit();
  if (report != nullptr) report->counts = (*writer)->counts();
  return s;
}

Status IngestFiles(const std::string& kb_dir, const std::vector<std::string>& files,
                   const std::vector<std::string>& delete_ids, IngestReport* report,
                   const KbWriterOptions& options) {
  auto writer = KbWriter::Open(kb_dir, options);
  if (!writer.ok()) return writer.status();
  for (const std::string& id : delete_ids) {
    Status s = (*writer)->Delete(id);
    if (!s.ok()) return s;
  }
  std::vector<InputProblem> problems;
  for (const std::string& file : files) {
    Status s = ReadDocuments(
        file, [&](Document&& doc) { return (*writer)->Add(doc); }, &problems);
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
