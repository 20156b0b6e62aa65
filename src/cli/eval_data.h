// Evaluation data shared by `factgate eval` and `factgate train`: reading claims.jsonl and
// pairs.jsonl rows (shared/DESIGN.md, "Evaluation format"), and the fixed split of a dataset
// that has no split of its own into train, calibration and dev parts.
//
// The split depends only on the claim's text (lowercased, white space collapsed), so every pair
// of one claim lands in the same part and the parts never change between runs or machines:
// FNV-1a 64 of that text, modulo 10: 0-5 train, 6-7 calibration, 8-9 dev.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"
#include "src/core/types.h"

namespace fg::cli {

struct EvalRow {
  std::string id, claim, label, evidence_text;
  std::vector<std::string> evidence_ids;  // claims mode: gold documents
};

// Reads claims (claims mode) or pairs, at most `limit` of them (0: all). Pairs are detokenised
// (FEVER's "-LRB-" and friends). Bad lines are reported on stderr and counted in `bad_lines`.
Status ReadEvalRows(const std::string& path, bool pairs_mode, size_t limit,
                    std::vector<EvalRow>* rows, size_t* bad_lines);

// Undoes FEVER/PTB tokenisation ("-LRB-" for "(", "``" for a quote) so evidence reads as text.
std::string Detokenize(std::string s);

// A claim for the pipeline from a row (kind classified, span over the whole text).
Claim ClaimFromRow(const EvalRow& row);

// FNV-1a 64 of the claim lowercased with white space collapsed: what SplitOf buckets.
uint64_t ClaimHash(std::string_view claim);

enum class DataSplit { kTrain, kCalibration, kDev };
DataSplit SplitOf(std::string_view claim);
// "train" | "calibration" | "dev"
std::string_view SplitName(DataSplit split);
// Parses a --split value: "train", "calibration", "dev"; false for anything else.
bool ParseSplit(std::string_view name, DataSplit* split);

// Runs fn(0) .. fn(n-1) on `threads` threads (at least one), each index once.
void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn);

// A temporary directory (for a KB built from a corpus), removed with everything in it when the
// object goes.
class TempDir {
 public:
  TempDir() = default;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  bool Create();  // false when no directory could be made
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace fg::cli
