#include "src/server/server_metrics.h"

namespace fg::server {
namespace {

// 0.5 ms .. ~65 s: covers a KB-only check (about 1 ms) up to a long streamed generation.
std::vector<double> LatencyBuckets() { return ExponentialBuckets(0.0005, 2, 18); }

}  // namespace

ServerMetrics::ServerMetrics(Registry& registry)
    : registry_(registry),
      requests_(registry.AddCounter("factgate_http_requests_total",
                                    "HTTP requests answered, by route and status.")),
      request_seconds_(registry.AddHistogram("factgate_http_request_duration_seconds",
                                             "Request latency in seconds, by route.",
                                             LatencyBuckets())),
      upstream_seconds_(registry.AddHistogram(
          "factgate_upstream_duration_seconds",
          "Time from sending a proxied request upstream to the end of its answer, by route.",
          LatencyBuckets())),
      verification_seconds_(registry.AddHistogram(
          "factgate_verification_duration_seconds",
          "Worker time spent checking one text (a /v1/verify body or a proxied answer).",
          LatencyBuckets())),
      verdicts_(registry.AddCounter("factgate_verdicts_total", "Claims checked, by verdict.")),
      inflight_(registry.AddGauge("factgate_inflight_requests", "Requests being answered now.")
                    .WithLabels({})),
      connections_(registry.AddGauge("factgate_open_connections", "Client connections open now.")
                       .WithLabels({})) {
  for (std::string_view v : {"supported", "refuted", "not_enough_info"}) {
    verdicts_.WithLabels({{"verdict", std::string(v)}});
  }
  verification_seconds_.WithLabels({});
}

void ServerMetrics::RequestStarted() { inflight_.Add(1); }

void ServerMetrics::RequestFinished(std::string_view route, unsigned status, double seconds) {
  inflight_.Add(-1);
  requests_.Inc({{"route", std::string(route)}, {"status", std::to_string(status)}});
  request_seconds_.Observe({{"route", std::string(route)}}, seconds);
}

void ServerMetrics::RequestRejected(unsigned status) {
  requests_.Inc({{"route", "invalid"}, {"status", std::to_string(status)}});
}

void ServerMetrics::UpstreamObserved(std::string_view route, double seconds) {
  upstream_seconds_.Observe({{"route", std::string(route)}}, seconds);
}

void ServerMetrics::VerificationObserved(double seconds) {
  verification_seconds_.Observe({}, seconds);
}

void ServerMetrics::CountVerdicts(const Report& report) {
  for (const ClaimResult& c : report.claims) {
    verdicts_.Inc({{"verdict", std::string(VerdictName(c.verdict))}});
  }
}

void ServerMetrics::ConnectionOpened() { connections_.Add(1); }
void ServerMetrics::ConnectionClosed() { connections_.Add(-1); }

}  // namespace fg::server
