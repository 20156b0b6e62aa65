// The service's own routes: verification (/v1/verify, /v1/claims), the knowledge base
// (/v1/kb/search, /v1/kb/documents), and the operational ones (/healthz, /readyz, /metrics).
//
// Each handler takes a complete request and returns the complete response; errors become
// OpenAI-shaped JSON bodies. Retrieval, verification and KB writes run on the worker pool; the
// coroutine resumes on the session's executor. Never throws.
#pragma once

#include "src/server/internal/http.h"
#include "src/server/route_table.h"
#include "src/server/service.h"

namespace fg::server {

asio::awaitable<Response> HandleRestRoute(Service& service, const RouteMatch& match,
                                          const Request& request, RequestInfo& info);

}  // namespace fg::server
