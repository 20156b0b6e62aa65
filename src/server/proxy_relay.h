// The OpenAI-compatible sidecar: relays /v1/chat/completions, /v1/completions and /v1/models to
// the configured upstream and, by mode, checks the assistant's text on the way back
// (shared/DESIGN.md "Proxy modes"; plugins/openai/ knows the dialect).
//
// - Request body and headers go upstream unchanged except hop-by-hop headers, Host, and
//   x-factgate-mode (and Accept-Encoding when the answer must be read).
// - The upstream's status, headers and body come back faithfully; only a 200 JSON or event-stream
//   answer in a checking mode is changed. Unreachable upstream: 502; timeout: 504 (OpenAI-shaped).
// - Streams are forwarded event by event as they arrive; checks run on the worker pool while the
//   answer streams; the report travels in-band before [DONE] (plugins/openai/chat_stream.h).
// - A client that disconnects cancels the upstream request.
// - Connections to a plain-HTTP upstream are kept alive and reused: first the one this client
//   connection used last (`held`), else one from the pool (UpstreamPool); a reused one the
//   upstream closed before answering is retried once on a fresh connection.
// - Budget: after the upstream answer is complete, checking may delay it by at most budget_ms;
//   then unfinished checks are abandoned (summary.checked false), or with fail_closed the answer
//   is refused (non-streaming: 503) or ended with an error event (streaming).
//
// Writes the whole response to the client itself (streams cannot be returned as one object).
#pragma once

#include "src/server/internal/http.h"
#include "src/server/route_table.h"
#include "src/server/service.h"

namespace fg::server {

struct RelayOutcome {
  unsigned status = 0;      // HTTP status sent to the client (0: nothing was sent)
  bool keep_alive = false;  // the client connection may serve another request
  double upstream_seconds = 0;
};

// `held` belongs to the client connection (the caller releases it when that connection ends).
asio::awaitable<RelayOutcome> RelayToUpstream(Service& service, beast::tcp_stream& client,
                                              beast::flat_buffer& client_buffer, Request& request,
                                              const RouteMatch& match, RequestInfo& info,
                                              HeldUpstream& held);

}  // namespace fg::server
