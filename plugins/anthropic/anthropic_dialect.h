// The Anthropic Messages dialect behind the plugin seam (plugins/dialect.h): POST /v1/messages
// (checked; whole bodies here, streams through messages_stream.h), GET /v1/models and
// /v1/models/{id} (relayed untouched). Streams are "text/event-stream".
//
// Text: only the "text" content blocks of a message, each its own alternative: a report's "choice"
// is the block's position in "content" (0 for an answer of one text block, 1 for a text block after
// a thinking block, ...). Never tool_use input, thinking, redacted_thinking, server_tool_use or
// tool results.
//
// Whole bodies (ApplyReports):
//   off       the body unchanged (not even parsed);
//   annotate  a top-level "factgate" member (plugins::WriteReportJson) added, last; an existing one
//             is replaced;
//   cite      as annotate, and each reported text block's "text" replaced by RenderCite of it;
//   rewrite   as annotate, and each reported text block's "text" replaced by RenderRewrite of it.
// Every other member keeps its place and value (RapidJSON with full precision: integers exactly,
// other numbers by value; not the upstream's white space or string escapes). Reports for indices
// that are not text blocks change no text but are still reported. A body that is not a JSON object
// is kInvalidArgument.
//
// Errors are Anthropic-shaped: {"type": "error", "error": {"type", "message"}}, the type following
// the HTTP status (ErrorTypeFor). factgate's machine-readable `code`, when given, goes in an extra
// "code" member of "error": the SDKs read "type" and "message" and keep unknown members (the Python
// SDK's models allow extra fields; the TypeScript SDK keeps the parsed JSON), so the shape they
// parse is unchanged and the message stays for humans.
//
// Immutable, thread-safe.
#pragma once

#include "plugins/dialect.h"

namespace fg::anthropic {

class AnthropicDialect : public plugins::Dialect {
 public:
  std::string_view name() const override { return "anthropic"; }
  std::vector<plugins::DialectRoute> routes() const override;
  // Every Anthropic client sends it; it tells GET /v1/models apart from OpenAI's.
  std::string_view marker_header() const override { return "anthropic-version"; }
  bool IsStream(std::string_view content_type) const override;
  Result<std::vector<plugins::ChoiceText>> ExtractTexts(std::string_view path,
                                                        std::string_view body) const override;
  Result<std::string> ApplyReports(
      std::string_view path, std::string_view body, Mode mode,
      const std::vector<plugins::ChoiceReport>& reports) const override;
  std::unique_ptr<plugins::StreamProcessor> NewStream(std::string_view path,
                                                      Mode mode) const override;
  std::string ErrorBody(int http_status, std::string_view message,
                        std::string_view code) const override;
};

// The Anthropic error "type" for an HTTP status: invalid_request_error (400 and other 4xx),
// authentication_error (401), permission_error (403), not_found_error (404), request_too_large
// (413), rate_limit_error (429), overloaded_error (529), api_error (other 5xx).
std::string_view ErrorTypeFor(int http_status);

// {"type":"error","error":{"type":<type>,"message":<message>[,"code":<code>]}}; "code" only when
// `code` is not empty.
std::string ErrorJson(std::string_view type, std::string_view message, std::string_view code);

}  // namespace fg::anthropic
