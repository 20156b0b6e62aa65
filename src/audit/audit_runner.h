// The audit runner (factgate audit): reads transcripts from the inputs in order, checks every
// assistant turn on all cores, and writes the rows, summary, report and training data into the
// output folder (docs/AUDIT.md).
//
// Flow: one reader thread turns input lines into numbered work items; worker threads parse and
// verify them; the calling thread writes the results strictly in input order, so outputs are
// byte-identical whatever the thread count. At most `window` items are between reading and
// writing, so memory stays flat however large the input. The writer checkpoints every
// `checkpoint_interval_s` (src/audit/audit_state.h); after Ctrl-C (`stop`) or a crash, a run with
// `resume` continues from the last checkpoint and ends with the same files as an uninterrupted run.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "src/audit/audit_results.h"
#include "src/audit/html_report.h"
#include "src/audit/progress.h"
#include "src/core/pipeline.h"
#include "src/core/status.h"

namespace fg::audit {

struct AuditOptions {
  std::vector<std::string> inputs;  // files (plain or gzip) or "-" for standard input
  std::string out_dir;
  bool resume = false;     // continue an unfinished audit in out_dir
  bool overwrite = false;  // discard an unfinished audit in out_dir and start again
  size_t threads = 0;      // workers; 0: one per core
  size_t window = 0;       // items between reader and writer; 0: 64 per worker
  ProgressStyle progress = ProgressStyle::kQuiet;
  double progress_interval_s = 10;  // for ProgressStyle::kLines
  std::string export_sft;           // paths of the training-data files; empty: not written
  std::string export_preferences;
  HtmlReportOptions report;
  SummaryContext context;  // what summary.json says of the KB and model; inputs and time are set
  // What else the outputs depend on (KB paths, model, options), for the resume check.
  std::string fingerprint;
  double checkpoint_interval_s = 2;
  size_t max_line_bytes = 64u << 20;
  const std::atomic<bool>* stop = nullptr;  // set (by a signal handler) to stop early
};

struct AuditOutcome {
  AuditTotals totals;
  uint64_t lines_done = 0;
  bool interrupted = false;       // stopped early; the state is saved for --resume
  bool already_complete = false;  // --resume found nothing left to do
};

// The inputs as the command line names them, with each folder replaced by the transcript files
// under it (recursively; names ending in .jsonl, .ndjson or .json, optionally followed by .gz),
// sorted by path so that the order never depends on the file system. kInvalidArgument names a
// folder that holds no such file or cannot be read; files and "-" are kept as given.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs);

// Every assistant message with non-blank text, verified; claim ids numbered across the transcript.
TranscriptResult CheckTranscript(const Pipeline& pipeline, Transcript transcript,
                                 const std::string& file, size_t line);

// Set-up errors (an input that cannot be opened, an output folder that cannot be written, an
// unfinished audit without --resume or --overwrite, a resume whose inputs or options changed) are
// returned before any work; write errors end the run with the state of the last checkpoint intact.
Result<AuditOutcome> RunAudit(const Pipeline& pipeline, const AuditOptions& options);

}  // namespace fg::audit
