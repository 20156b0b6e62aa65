#include "src/cli/eval_data.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <set>
#include <thread>

#include "src/cli/jsonl.h"
#include "src/core/claim_extractor.h"

namespace fg::cli {

std::string Detokenize(std::string s) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"},
      {"-LCB-", "{"}, {"-RCB-", "}"}, {"``", "\""},   {"''", "\""}};
  for (const auto& [from, to] : kMap) {
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
      s.replace(pos, std::strlen(from), to);
      pos += std::strlen(to);
    }
  }
  return s;
}

Status ReadEvalRows(const std::string& path, bool pairs_mode, size_t limit,
                    std::vector<EvalRow>* rows, size_t* bad_lines) {
  static const std::set<std::string> kLabels = {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO",
                                                "NOT_SUPPORTED"};
  return ForEachJsonLine(
      path,
      [&](const rapidjson::Value& obj, size_t) -> std::string {
        if (limit > 0 && rows->size() >= limit) return "";
        EvalRow row;
        row.id = StringField(obj, "id");
        row.claim = StringField(obj, "claim");
        row.label = StringField(obj, "label");
        if (row.claim.empty()) return "missing \"claim\"";
        if (!kLabels.count(row.label)) return "missing or unknown \"label\"";
        auto ev = obj.FindMember("evidence");
        if (pairs_mode) {
          if (ev == obj.MemberEnd() || !ev->value.IsString()) return "missing \"evidence\" text";
          row.evidence_text = Detokenize(ev->value.GetString());
          row.claim = Detokenize(row.claim);
        } else if (ev != obj.MemberEnd() && ev->value.IsArray()) {
          for (const auto& id : ev->value.GetArray()) {
            if (id.IsString()) row.evidence_ids.emplace_back(id.GetString());
          }
        }
        rows->push_back(std::move(row));
        return "";
      },
      bad_lines);
}

Claim ClaimFromRow(const EvalRow& row) {
  Claim c;
  c.id = row.id;
  c.text = row.claim;
  c.span = {0, row.claim.size()};
  c.kind = ClassifyClaim(row.claim);
  return c;
}

uint64_t ClaimHash(std::string_view claim) {
  uint64_t h = 1469598103934665603ULL;
  bool space = false, started = false;
  for (char ch : claim) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = started;
      continue;
    }
    started = true;
    if (space) {
      h = (h ^ ' ') * 1099511628211ULL;
      space = false;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    h = (h ^ c) * 1099511628211ULL;
  }
  return h;
}

DataSplit SplitOf(std::string_view claim) {
  uint64_t bucket = ClaimHash(claim) % 10;
  if (bucket < 6) return DataSplit::kTrain;
  if (bucket < 8) return DataSplit::kCalibration;
  return DataSplit::kDev;
}

std::string_view SplitName(DataSplit split) {
  switch (split) {
    case DataSplit::kTrain:
      return "train";
    case DataSplit::kCalibration:
      return "calibration";
    case DataSplit::kDev:
      return "dev";
  }
  return "train";
}

bool ParseSplit(std::string_view name, DataSplit* split) {
  for (DataSplit s : {DataSplit::kTrain, DataSplit::kCalibration, DataSplit::kDev}) {
    if (SplitName(s) == name) {
      *split = s;
      return true;
    }
  }
  return false;
}

void ParallelFor(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::max<size_t>(threads, 1); ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

bool TempDir::Create() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "factgate-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return false;
  path_ = tmpl;
  return true;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

}  // namespace fg::cli
