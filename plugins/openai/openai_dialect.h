// The OpenAI dialect behind the plugin seam (plugins/dialect.h): POST /v1/chat/completions and
// /v1/completions (checked; whole bodies through openai_adapter.h, streams through chat_stream.h),
// GET /v1/models and /v1/models/{id} (relayed untouched). Errors are OpenAI-shaped:
// {"error": {"message", "type", "code"}}, the type following the HTTP status.
//
// Immutable, thread-safe.
#pragma once

#include "plugins/dialect.h"

namespace fg::openai {

class OpenAiDialect : public plugins::Dialect {
 public:
  std::string_view name() const override { return "openai"; }
  std::vector<plugins::DialectRoute> routes() const override;
  std::string_view upstream_prefix() const override { return "/v1"; }
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

// The OpenAI error "type" for an HTTP status: authentication_error (401), permission_error (403),
// not_found_error (404), rate_limit_error (429), server_error (5xx), else invalid_request_error.
std::string_view ErrorTypeFor(int http_status);

}  // namespace fg::openai
