// Progress of a long audit on stderr: a bar redrawn in place on a terminal (done/total, rate,
// ETA), plain lines every few seconds when stderr is a file or a pipe, nothing when quiet.
//
// Not thread-safe: the audit's writer thread owns it. Update is cheap when nothing is due.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace fg::audit {

enum class ProgressStyle { kBar, kLines, kQuiet };
// kQuiet when quiet, else kBar when stderr is a terminal, else kLines.
ProgressStyle DefaultProgressStyle(bool quiet);

// One progress report. `total` 0 means unknown (standard input). The rate counts only the lines
// done by this run (`run_lines` in `elapsed_s`), so a resumed run's ETA is right.
struct ProgressFigures {
  uint64_t done = 0;
  uint64_t total = 0;
  uint64_t run_lines = 0;
  uint64_t claims = 0;  // claims written by this run
  double elapsed_s = 0;
};
// "[#########-----------]  4512/10000  45%  180.3 lines/s  812 claims/s  ETA 0:30" (bar), or
// "audit: 4512/10000 lines (45%), 180.3 lines/s, 812 claims/s, ETA 0:30" (lines).
std::string FormatProgress(const ProgressFigures& figures, bool bar);

class Progress {
 public:
  Progress(ProgressStyle style, uint64_t total, uint64_t already_done, std::FILE* out = stderr,
           double line_interval_s = 10);
  // Lines done so far (including those of earlier runs) and claims written by this run.
  void Update(uint64_t done, uint64_t run_claims);
  // The last report, then a newline for the bar.
  void Finish(uint64_t done, uint64_t run_claims);

 private:
  ProgressFigures Figures(uint64_t done, uint64_t run_claims) const;

  ProgressStyle style_;
  uint64_t total_;
  uint64_t already_done_;
  std::FILE* out_;
  double interval_s_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace fg::audit
