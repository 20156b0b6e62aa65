// The Ollama dialect behind the plugin seam (plugins/dialect.h): POST /api/chat and /api/generate
// (checked), GET /api/tags (relayed untouched). Ollama streams by default (application/x-ndjson,
// through plugins/ollama/ndjson_stream.h); a request with "stream": false gets one
// application/json object, handled here.
//
// Whole bodies: the answer's text is message.content (chat, a string) or response (generate); never
// message.thinking / thinking or message.tool_calls. Ollama has one answer, alternative 0.
// ApplyReports: off returns the body unchanged (not parsed); annotate adds a top-level "factgate"
// member (plugins::WriteReportJson), last, replacing an existing one; cite and rewrite also replace
// the text with RenderCite / RenderRewrite of the report with index 0. Every other member keeps its
// order and value (integers exactly, other numbers by value; RapidJSON with full precision), but
// not the upstream's white space or string escapes. Errors are Ollama-shaped: {"error": "..."}.
//
// Immutable, thread-safe, never throws.
#pragma once

#include "plugins/dialect.h"

namespace fg::ollama {

class OllamaDialect : public plugins::Dialect {
 public:
  std::string_view name() const override { return "ollama"; }
  std::vector<plugins::DialectRoute> routes() const override;
  // "application/x-ndjson" (any parameters, any case).
  bool IsStream(std::string_view content_type) const override;
  // One ChoiceText {0, text} when the body has its text as a string, else none.
  Result<std::vector<plugins::ChoiceText>> ExtractTexts(std::string_view path,
                                                        std::string_view body) const override;
  Result<std::string> ApplyReports(
      std::string_view path, std::string_view body, Mode mode,
      const std::vector<plugins::ChoiceReport>& reports) const override;
  std::unique_ptr<plugins::StreamProcessor> NewStream(std::string_view path,
                                                      Mode mode) const override;
  // {"error": message}; the status and code are not part of Ollama's error shape.
  std::string ErrorBody(int http_status, std::string_view message,
                        std::string_view code) const override;
};

}  // namespace fg::ollama
