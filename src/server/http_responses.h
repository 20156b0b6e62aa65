// Building HTTP responses: JSON bodies, the OpenAI-shaped error body, and the single mapping from
// a fg::Status code to an HTTP status (STYLE: map Status to HTTP in one place).
//
// Folder-private (uses Beast types); the route handlers and the proxy use it.
#pragma once

#include <string>
#include <string_view>

#include "src/core/status.h"
#include "src/server/internal/http.h"

namespace fg::server {

// The HTTP status for a Status code: kInvalidArgument 400, kNotFound 404, kResourceExhausted 413,
// kDeadlineExceeded 504, kUnavailable 503, everything else 500.
http::status HttpStatusFor(Status::Code code);

// The OpenAI error "type" for an HTTP status: 4xx "invalid_request_error", 401/403
// "authentication_error"/"permission_error", 404 "not_found_error", 5xx "server_error"...
std::string_view ErrorTypeFor(http::status status);

// {"error": {"message": ..., "type": ..., "code": ...}}; `code` null when empty.
std::string OpenAiErrorBody(std::string_view message, std::string_view type, std::string_view code);

// A response with `body` as application/json, keep-alive and version taken from the request.
Response JsonResponse(http::status status, std::string body, unsigned version, bool keep_alive);

// An OpenAI-shaped error response; `code` is a short stable machine-readable string.
Response ErrorResponse(http::status status, std::string_view message, std::string_view code,
                       unsigned version, bool keep_alive);

}  // namespace fg::server
