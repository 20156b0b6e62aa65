// The OpenAI dialect: routes, and the adapter and stream processor behind the seam.
#include "plugins/openai/openai_dialect.h"

#include "plugins/openai/chat_stream.h"
#include "plugins/openai/openai_adapter.h"

namespace fg::openai {
namespace {

// Completions for /v1/completions, chat for everything else checked.
Api ApiFor(std::string_view path) {
  return path.starts_with("/v1/completions") ? Api::kCompletions : Api::kChat;
}

}  // namespace

std::vector<plugins::DialectRoute> OpenAiDialect::routes() const {
  return {{"POST", "/v1/chat/completions", true},
          {"POST", "/v1/completions", true},
          {"GET", "/v1/models", false},
          {"GET", "/v1/models/*", false}};
}

bool OpenAiDialect::IsStream(std::string_view content_type) const {
  return content_type.starts_with("text/event-stream");
}

Result<std::vector<plugins::ChoiceText>> OpenAiDialect::ExtractTexts(std::string_view path,
                                                                     std::string_view body) const {
  return ExtractChoiceTexts(body, ApiFor(path));
}

Result<std::string> OpenAiDialect::ApplyReports(
    std::string_view path, std::string_view body, Mode mode,
    const std::vector<plugins::ChoiceReport>& reports) const {
  return openai::ApplyReports(body, ApiFor(path), mode, reports);
}

std::unique_ptr<plugins::StreamProcessor> OpenAiDialect::NewStream(std::string_view path,
                                                                   Mode mode) const {
  return std::make_unique<ChatStream>(ApiFor(path), mode);
}

std::string_view ErrorTypeFor(int http_status) {
  switch (http_status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 429:
      return "rate_limit_error";
    default:
      return http_status >= 500 ? "server_error" : "invalid_request_error";
  }
}

std::string OpenAiDialect::ErrorBody(int http_status, std::string_view message,
                                     std::string_view code) const {
  return openai::ErrorBody(message, ErrorTypeFor(http_status), code);
}

}  // namespace fg::openai
