// ServerMetrics: the service's Prometheus metrics (GET /metrics), named in one place.
//
//   factgate_http_requests_total{route,status}          requests answered, by route and status
//   factgate_http_request_duration_seconds{route}       request latency, first byte in to last out
//   factgate_upstream_duration_seconds{route}           proxied exchanges with the upstream
//   factgate_verification_duration_seconds              worker time spent checking one text
//   factgate_verdicts_total{verdict}                    claims checked, by verdict
//   factgate_inflight_requests                          requests being answered now
//   factgate_open_connections                           client connections open now
//
// Thread-safe (the registry's series are atomics).
#pragma once

#include <string>
#include <string_view>

#include "src/core/types.h"
#include "src/server/metrics_registry.h"

namespace fg::server {

class ServerMetrics {
 public:
  explicit ServerMetrics(Registry& registry);

  void RequestStarted();
  // Ends a request started with RequestStarted(); `route` from RouteLabel().
  void RequestFinished(std::string_view route, unsigned status, double seconds);
  // A request refused before it could be routed (too large, malformed): route "invalid".
  void RequestRejected(unsigned status);
  void UpstreamObserved(std::string_view route, double seconds);
  void VerificationObserved(double seconds);
  void CountVerdicts(const Report& report);
  void ConnectionOpened();
  void ConnectionClosed();

  std::string Render() const { return registry_.Render(); }

 private:
  Registry& registry_;
  Counter& requests_;
  Histogram& request_seconds_;
  Histogram& upstream_seconds_;
  Histogram& verification_seconds_;
  Counter& verdicts_;
  Gauge::Series& inflight_;
  Gauge::Series& connections_;
};

}  // namespace fg::server
