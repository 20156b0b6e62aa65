#include "src/server/http_responses.h"

#include "plugins/openai/openai_adapter.h"
#include "plugins/openai/openai_dialect.h"

namespace fg::server {

http::status HttpStatusFor(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return http::status::ok;
    case Status::Code::kInvalidArgument:
      return http::status::bad_request;
    case Status::Code::kNotFound:
      return http::status::not_found;
    case Status::Code::kResourceExhausted:
      return http::status::payload_too_large;
    case Status::Code::kDeadlineExceeded:
      return http::status::gateway_timeout;
    case Status::Code::kUnavailable:
      return http::status::service_unavailable;
    default:
      return http::status::internal_server_error;
  }
}

std::string_view ErrorTypeFor(http::status status) {
  return openai::ErrorTypeFor(static_cast<int>(status));
}

std::string OpenAiErrorBody(std::string_view message, std::string_view type,
                            std::string_view code) {
  return openai::ErrorBody(message, type, code);
}

Response JsonResponse(http::status status, std::string body, unsigned version, bool keep_alive) {
  Response res{status, version};
  res.set(http::field::content_type, "application/json");
  res.keep_alive(keep_alive);
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response ErrorResponse(http::status status, std::string_view message, std::string_view code,
                       unsigned version, bool keep_alive) {
  return JsonResponse(status, OpenAiErrorBody(message, ErrorTypeFor(status), code), version,
                      keep_alive);
}

}  // namespace fg::server
