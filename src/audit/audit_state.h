// The files an audit writes and the checkpoint that makes it resumable (factgate audit --resume).
//
// While an audit runs, every output is appended to "<final name>.part". Every so often the runner
// checkpoints: the parts are flushed and synced to disk, then the state file
// (<out>/.factgate-audit.json, written under a temporary name, synced and renamed) records how many
// input lines are done, each part's size at that moment, and the running totals. A run killed at
// any moment thus leaves the parts and the last state. On --resume each part is cut back to its
// recorded size (rows written after the checkpoint are dropped, so no half-written row survives)
// and the run goes on from the next input line. At the end each part is renamed to its final
// name, so a file under a final name is always complete.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "src/audit/audit_results.h"
#include "src/core/status.h"

namespace fg::audit {

// One output file being appended to as "<path>.part". Not thread-safe; closes on destruction.
class PartFile {
 public:
  // A new, empty part (an existing one is truncated).
  static Result<std::unique_ptr<PartFile>> Create(const std::string& path);
  // The part of an interrupted run, cut back to `size` bytes. When the part is gone but the final
  // file has that size (the run was killed while renaming at the end), the final file is taken
  // back. kInvalidArgument when neither holds at least `size` bytes.
  static Result<std::unique_ptr<PartFile>> Reopen(const std::string& path, uint64_t size);
  ~PartFile();
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;

  Status Append(std::string_view bytes);
  // Flushes and fsyncs, so that size() bytes are on disk.
  Status Sync();
  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }  // the final name
  std::string part_path() const { return path_ + ".part"; }
  // Syncs, closes and renames the part to the final name.
  Status Commit();

 private:
  PartFile(std::string path, std::FILE* file, uint64_t size)
      : path_(std::move(path)), file_(file), size_(size) {}
  std::string path_;
  std::FILE* file_ = nullptr;
  uint64_t size_ = 0;
};

// Writes `bytes` to `path` so that readers see either the old file or the whole new one: a
// temporary file in the same folder, fsync, rename, fsync of the folder.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// What the state file holds.
struct AuditState {
  // Everything the outputs depend on besides the KB's content: inputs with their sizes and times,
  // KB paths, the verdict model, output options. A resume with a different fingerprint is refused.
  std::string fingerprint;
  uint64_t lines_done = 0;  // input lines (over all inputs, in order) whose rows are in the parts
  bool complete = false;    // the final files are in place
  std::map<std::string, uint64_t> parts;  // final path -> size of its part at the checkpoint
  AuditTotals totals;
  double elapsed_s = 0;  // time spent by the runs so far

  static std::string PathIn(const std::string& out_dir);
  // kNotFound when there is no state file; kInvalidArgument when it cannot be parsed.
  static Result<AuditState> Load(const std::string& path);
  Status Save(const std::string& path) const;
};

}  // namespace fg::audit
