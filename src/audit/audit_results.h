// Audit results: what the audit learns about one transcript, the rows written for it
// (claims.jsonl, transcripts.jsonl, errors.jsonl) and the running totals behind summary.json. The
// shapes are documented in docs/AUDIT.md.
//
// Rows are pure functions of their inputs, so an audit's files are byte-identical from run to run.
// AuditTotals is a plain value: the runner adds transcripts in input order, and saves and restores
// it with the checkpoint so that a resumed audit ends with the same totals.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/audit/transcript_reader.h"
#include "src/core/report_json_writer.h"
#include "src/core/status.h"
#include "src/core/types.h"

namespace fg::audit {

// One checked assistant turn: the index of its message and the verdict report on its text.
struct CheckedTurn {
  int turn = 0;
  Report report;  // claim ids numbered c1, c2, ... across the whole transcript
};

struct TranscriptResult {
  std::string id;    // the line's id, else "FILE:LINE" (see TranscriptId)
  std::string file;  // the input as named on the command line ("-" for standard input)
  size_t line = 0;   // 1-based
  Transcript transcript;
  std::vector<CheckedTurn> turns;  // in message order; assistant turns with text only
};

// The id a transcript is reported under: its own, else the input's file name (without folders;
// "stdin" for "-") and the line number, "a.jsonl:17".
std::string TranscriptId(const Transcript& transcript, std::string_view file, size_t line);

using fg::VerdictCounts;  // src/core/report_json_writer.h
VerdictCounts CountVerdicts(const TranscriptResult& result);
// supported / claims; negative when there are no claims.
double Factuality(const VerdictCounts& counts);
// A transcript is flagged when one of its claims is refuted.
inline bool Flagged(const VerdictCounts& counts) { return counts.refuted > 0; }

// The rows for one transcript, each a line of compact JSON ending in "\n".
std::string ClaimRows(const TranscriptResult& result);  // one per claim; "" without claims
std::string TranscriptRow(const TranscriptResult& result);
std::string ErrorRow(std::string_view file, size_t line, std::string_view reason);

// What summary.json reports besides the totals.
struct SummaryContext {
  std::vector<std::string> inputs;
  std::vector<std::string> kb_paths;
  uint64_t kb_documents = 0;
  uint64_t kb_passages = 0;
  std::string verdict_model;  // empty: the rule-based verifiers (null in the JSON)
  double elapsed_s = 0;
};

class AuditTotals {
 public:
  static constexpr size_t kBins = 10;

  void Add(const TranscriptResult& result);
  void AddBadLine() { ++bad_lines_; }

  uint64_t transcripts() const { return transcripts_; }
  uint64_t bad_lines() const { return bad_lines_; }
  const VerdictCounts& verdicts() const { return verdicts_; }
  // refuted / claims; 0 without claims.
  double refuted_rate() const;

  // summary.json (pretty-printed, ending in "\n").
  std::string SummaryJson(const SummaryContext& context) const;

  // The checkpoint's copy: every member, exactly (doubles round-trip).
  void WriteState(JsonWriter& w) const;
  static Result<AuditTotals> FromState(const rapidjson::Value& state);

  bool operator==(const AuditTotals&) const = default;

 private:
  struct ModelTotals {
    uint64_t transcripts = 0;
    uint64_t flagged = 0;
    VerdictCounts verdicts;
    bool operator==(const ModelTotals&) const = default;
  };
  using Histogram = std::array<uint64_t, kBins>;

  uint64_t transcripts_ = 0;
  uint64_t flagged_ = 0;
  uint64_t turns_checked_ = 0;
  uint64_t bad_lines_ = 0;
  uint64_t with_claims_ = 0;
  double factuality_sum_ = 0;
  VerdictCounts verdicts_;
  std::map<std::string, ModelTotals> models_;  // "" for transcripts that name no model
  std::array<Histogram, 3> histogram_{};       // by verdict: supported, refuted, not_enough_info
};

}  // namespace fg::audit
