// The plugin seam: what a model-API dialect (OpenAI, Anthropic Messages, Ollama, ...) knows, so
// that the proxy's core — sessions, relay, budgets, metrics — knows none. A dialect knows, for its
// routes: where the model's text is in a response and in a stream, how the verdicts are written
// back without breaking that dialect's clients (the report, citation markers, rewritten text), and
// how its errors look. Adding a dialect means adding one folder under plugins/ with a Dialect.
//
// The report object every dialect carries ("factgate": claims, summary, choices) is written by
// WriteReportJson, the same for all; "choice" is the index of the answer alternative the text came
// from (OpenAI's choices[i].index; 0 where a dialect has one answer).
//
// Contracts: Dialect implementations are immutable and thread-safe; StreamProcessors are pure state
// machines (no I/O, no clocks, no threads), not thread-safe (one per stream, on its session's
// strand). Nothing throws; any upstream bytes are accepted.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/renderer.h"
#include "src/core/report_json_writer.h"
#include "src/core/status.h"
#include "src/core/types.h"

namespace fg::plugins {

// The model's text of one answer alternative in a response.
struct ChoiceText {
  int index = 0;  // the alternative's index (OpenAI choices[i].index; 0 for single answers)
  std::string text;
};

// The verdicts on one alternative's text; spans are offsets into that text.
struct ChoiceReport {
  int index = 0;
  Report report;
};

// A claim a stream processor wants checked; its owner later answers with OnClaimChecked and the
// same ticket.
struct CheckRequest {
  uint64_t ticket = 0;
  Claim claim;
};

// The "factgate" object:
//   {"claims": [each claim as in ReportToJson, with "choice": index after "id"; ids renumbered
//               "c1", "c2", ... across choices in the order given],
//    "summary": {claims, supported, refuted, not_enough_info, checked (all choices checked),
//                "errors" (every choice's errors, once each; only when not checked),
//                elapsed_ms (the largest over choices)},
//    "choices": [{"index": i, "summary": {... that choice alone, same rules ...}}]}
void WriteReportJson(JsonWriter& w, const std::vector<ChoiceReport>& reports);
std::string ReportJson(const std::vector<ChoiceReport>& reports);

// For whole-body ApplyReports: the JSON object `doc` serialized with the "factgate" object
// (WriteReportJson) as its last member, replacing any "factgate" member it had. `doc` must be an
// object.
std::string SerializeWithReport(const rapidjson::Value& doc,
                                const std::vector<ChoiceReport>& reports);

// For whole-body ApplyReports in cite and rewrite: replaces the string `text` with
// RenderCite(text, report) (cite) or RenderRewrite(text, report) (any other mode).
void RenderTextValue(rapidjson::Value& text, Mode mode, const Report& report,
                     rapidjson::Document::AllocatorType& allocator);

// One streamed answer in a dialect. The owner's loop: Feed / FinishUpstream with upstream bytes;
// TakeCheckRequests and run each check elsewhere, later OnClaimChecked with the same ticket (any
// order, interleaved with Feed), or AbandonPendingChecks when the budget runs out; after each call,
// TakeOutput and write it to the client; stop when Done().
//
// Every implementation keeps to these rules (each dialect's header says how, in its wire format):
// - Upstream events are forwarded as their exact bytes, in order, as soon as they are complete,
//   unless the mode needs them held (cite: a marker must follow its sentence; rewrite: text is held
//   per sentence); unknown events pass through untouched; an upstream error event passes through
//   and stops the checking.
// - Only the model's answer text is checked (never tool-call arguments, reasoning or thinking).
// - off: bytes pass through untouched, not even parsed. annotate: the report is added once, just
//   before the stream's end marker (or last, when upstream ends without one). cite: markers
//   (RenderCite) right after their sentences, in the dialect's own text events. rewrite: the text
//   the client assembles equals RenderRewrite(text, report).
// - Abandoning makes every pending claim not_enough_info with confidence 0; its report is then
//   checked = false with the reason. With fail-closed set, an unchecked report ends the stream with
//   the dialect's error event instead of the report.
class StreamProcessor {
 public:
  virtual ~StreamProcessor() = default;
  // Upstream body bytes as they arrive (any split). Ignored after FinishUpstream.
  virtual void Feed(std::string_view bytes) = 0;
  // Upstream body ended; `clean` is false when the connection dropped mid-stream.
  virtual void FinishUpstream(bool clean) = 0;
  // `source_errors`: sources that failed for this claim; its report becomes checked = false.
  virtual void OnClaimChecked(uint64_t ticket, ClaimResult result,
                              const std::vector<std::string>& source_errors) = 0;
  virtual void AbandonPendingChecks(std::string reason) = 0;
  // Claims to check, in order; the owner moves them out.
  virtual std::vector<CheckRequest> TakeCheckRequests() = 0;
  // Bytes ready for the client now, in order.
  virtual std::string TakeOutput() = 0;
  // Everything written (the report included) and nothing pending.
  virtual bool Done() const = 0;
  // Checks requested and not yet answered or abandoned.
  virtual size_t PendingChecks() const = 0;
  // Reports collected so far, by alternative (for metrics, logs, headers).
  virtual std::vector<ChoiceReport> Reports() const = 0;
  // The elapsed time the report shows; the owner, who has the clock, sets it (default 0).
  virtual void SetElapsedMs(double elapsed_ms) = 0;
  virtual void SetFailClosed(bool fail_closed) = 0;
};

// One route a dialect serves, relayed to its upstream.
struct DialectRoute {
  std::string method;   // "POST" or "GET" (GET routes also answer HEAD)
  std::string path;     // "/v1/messages"; a path ending in "/*" also matches anything below it
  bool checked = true;  // answers carry model text to check (false: relayed untouched, e.g. lists)
};

class Dialect {
 public:
  virtual ~Dialect() = default;
  // Short stable name: "openai", "anthropic", "ollama" (configuration and metrics use it).
  virtual std::string_view name() const = 0;
  virtual std::vector<DialectRoute> routes() const = 0;
  // The start of the client's path that the configured upstream base URL already ends with: the
  // OpenAI convention is a base URL with /v1 ("http://host:8000/v1"), so "/v1/chat/completions"
  // goes to base + "/chat/completions"; other dialects' base URLs are bare hosts (prefix "").
  virtual std::string_view upstream_prefix() const { return ""; }
  // A request header that marks a request as this dialect's when its path is shared with another
  // dialect (Anthropic's GET /v1/models carries "anthropic-version"); empty: none needed.
  virtual std::string_view marker_header() const { return ""; }

  // Whether an upstream answer with this Content-Type is a stream this dialect processes
  // ("text/event-stream"; Ollama: "application/x-ndjson"); anything else that is JSON is a whole
  // body for ExtractTexts / ApplyReports.
  virtual bool IsStream(std::string_view content_type) const = 0;

  // The answer text of each alternative of a whole (non-streamed) response to `path`, in order;
  // alternatives without text are left out. kInvalidArgument when the body is not a JSON object.
  virtual Result<std::vector<ChoiceText>> ExtractTexts(std::string_view path,
                                                       std::string_view body) const = 0;
  // The body with the verdicts written in: off unchanged; annotate adds the report where the
  // dialect's clients tolerate an extra member; cite and rewrite also edit the text (RenderCite /
  // RenderRewrite). kInvalidArgument when the body is not a JSON object.
  virtual Result<std::string> ApplyReports(std::string_view path, std::string_view body, Mode mode,
                                           const std::vector<ChoiceReport>& reports) const = 0;

  // A processor for one streamed answer to `path`.
  virtual std::unique_ptr<StreamProcessor> NewStream(std::string_view path, Mode mode) const = 0;

  // An error body in this dialect's shape, for errors factgate itself answers (502 upstream
  // unreachable, 504 upstream timeout, 503 verification incomplete with fail-closed, 400/413...).
  // `code` is a short machine-readable reason ("upstream_unreachable"); may be empty.
  virtual std::string ErrorBody(int http_status, std::string_view message,
                                std::string_view code) const = 0;
};

}  // namespace fg::plugins
