// Progress of a long audit on stderr: a bar on a terminal, plain periodic lines otherwise.
#include "src/audit/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cinttypes>

namespace fg::audit {
namespace {

std::string Duration(double seconds) {
  uint64_t s = static_cast<uint64_t>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600, s / 60 % 60,
                  s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 ":%02" PRIu64, s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressStyle DefaultProgressStyle(bool quiet) {
  if (quiet) return ProgressStyle::kQuiet;
  return ::isatty(STDERR_FILENO) ? ProgressStyle::kBar : ProgressStyle::kLines;
}

std::string FormatProgress(const ProgressFigures& f, bool bar) {
  double rate = f.elapsed_s > 0 ? static_cast<double>(f.run_lines) / f.elapsed_s : 0;
  double claim_rate = f.elapsed_s > 0 ? static_cast<double>(f.claims) / f.elapsed_s : 0;
  std::string out;
  char buf[160];
  if (bar) {
    constexpr int kWidth = 24;
    out += '[';
    int filled = 0;
    if (f.total > 0) {
      filled = static_cast<int>(kWidth * std::min<uint64_t>(f.done, f.total) / f.total);
    }
    out.append(static_cast<size_t>(filled), '#');
    out.append(static_cast<size_t>(kWidth - filled), '-');
    out += "]  ";
  } else {
    out += "audit: ";
  }
  if (f.total > 0) {
    std::snprintf(buf, sizeof buf, "%" PRIu64 "/%" PRIu64 "%s (%d%%)", f.done, f.total,
                  bar ? "" : " lines",
                  static_cast<int>(100 * std::min<uint64_t>(f.done, f.total) / f.total));
  } else {
    std::snprintf(buf, sizeof buf, "%" PRIu64 " lines", f.done);
  }
  out += buf;
  std::snprintf(buf, sizeof buf, "%s%.1f lines/s%s%.0f claims/s", bar ? "  " : ", ", rate,
                bar ? "  " : ", ", claim_rate);
  out += buf;
  if (f.total > 0 && rate > 0 && f.done < f.total) {
    out += bar ? "  ETA " : ", ETA ";
    out += Duration(static_cast<double>(f.total - f.done) / rate);
  } else if (f.total > 0 && f.done >= f.total) {
    out += bar ? "  in " : ", in ";
    out += Duration(f.elapsed_s);
  }
  return out;
}

Progress::Progress(ProgressStyle style, uint64_t total, uint64_t already_done, std::FILE* out,
                   double line_interval_s)
    : style_(style),
      total_(total),
      already_done_(already_done),
      out_(out),
      interval_s_(style == ProgressStyle::kBar ? 0.2 : line_interval_s),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressFigures Progress::Figures(uint64_t done, uint64_t run_claims) const {
  ProgressFigures f;
  f.done = done;
  f.total = total_;
  f.run_lines = done >= already_done_ ? done - already_done_ : 0;
  f.claims = run_claims;
  f.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return f;
}

void Progress::Update(uint64_t done, uint64_t run_claims) {
  if (style_ == ProgressStyle::kQuiet) return;
  auto now = std::chrono::steady_clock::now();
  if (std::chrono::duration<double>(now - last_).count() < interval_s_) return;
  last_ = now;
  std::string line = FormatProgress(Figures(done, run_claims), style_ == ProgressStyle::kBar);
  if (style_ == ProgressStyle::kBar) {
    std::fprintf(out_, "\r%s\x1b[K", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

void Progress::Finish(uint64_t done, uint64_t run_claims) {
  if (style_ == ProgressStyle::kQuiet) return;
  std::string line = FormatProgress(Figures(done, run_claims), style_ == ProgressStyle::kBar);
  if (style_ == ProgressStyle::kBar) {
    std::fprintf(out_, "\r%s\x1b[K\n", line.c_str());
  } else {
    std::fprintf(out_, "%s\n", line.c_str());
  }
  std::fflush(out_);
}

}  // namespace fg::audit
