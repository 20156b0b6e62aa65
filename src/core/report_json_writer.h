// Building blocks of the verdict report JSON (shared/DESIGN.md, "Verdict report") for code that
// embeds report pieces in larger documents, such as the OpenAI plugin's "factgate" object.
// ReportToJson (src/core/report_json.h) is built from these, so a claim is written by one function
// everywhere.
//
// Each function has one overload per writer type: PrettyWriter hides (does not override) Writer's
// methods, so passing it as a Writer& would lose the formatting. Pure, thread-safe, never throw.
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;
using PrettyJsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Optional changes to one claim object.
struct ClaimJsonFields {
  std::string_view id;        // written instead of result.claim.id when non-empty
  std::optional<int> choice;  // when set, a "choice" member is written right after "id"
  // The audit's claims.jsonl: when `transcript` is non-empty, "transcript" and then "turn" (when
  // set) are written first, before "id".
  std::string_view transcript;
  std::optional<int> turn;
};

// One element of the report's "claims" array: {["transcript", "turn",] "id", ["choice",] "text",
// "span", "kind", "verdict", "confidence", "verifier", "citations", "correction"}.
void WriteClaimResult(JsonWriter& w, const ClaimResult& result, const ClaimJsonFields& fields = {});
void WriteClaimResult(PrettyJsonWriter& w, const ClaimResult& result,
                      const ClaimJsonFields& fields = {});

// Claims counted by verdict.
struct VerdictCounts {
  size_t claims = 0;
  size_t supported = 0;
  size_t refuted = 0;
  size_t not_enough_info = 0;

  void Count(Verdict verdict);           // adds one claim with this verdict
  void Add(const VerdictCounts& other);  // adds every count of `other`
  bool operator==(const VerdictCounts&) const = default;
};

// The report's "summary" object.
struct ReportSummary : VerdictCounts {
  bool checked = true;
  std::vector<std::string> errors;  // written only when non-empty
  double elapsed_ms = 0;
};
ReportSummary Summarize(const Report& report);

// {"claims", "supported", "refuted", "not_enough_info", "checked", ["errors",] "elapsed_ms"}.
void WriteSummary(JsonWriter& w, const ReportSummary& summary);
void WriteSummary(PrettyJsonWriter& w, const ReportSummary& summary);

}  // namespace fg
