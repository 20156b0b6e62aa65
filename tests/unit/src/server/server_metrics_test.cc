#include "src/server/server_metrics.h"

#include <gtest/gtest.h>

namespace fg::server {
namespace {

bool Has(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

TEST(ServerMetricsTest, ShowsEveryDocumentedSeriesBeforeAnyTraffic) {
  Registry registry;
  ServerMetrics metrics(registry);
  std::string text = metrics.Render();
  for (const char* family :
       {"factgate_http_requests_total", "factgate_http_request_duration_seconds",
        "factgate_upstream_duration_seconds", "factgate_verification_duration_seconds",
        "factgate_verdicts_total", "factgate_inflight_requests", "factgate_open_connections"}) {
    EXPECT_NE(text.find(std::string("# TYPE ") + family), std::string::npos) << family;
  }
  EXPECT_TRUE(Has(text, "factgate_verdicts_total{verdict=\"refuted\"} 0"));
  EXPECT_TRUE(Has(text, "factgate_inflight_requests 0"));
}

TEST(ServerMetricsTest, CountsRequestsVerdictsAndInflight) {
  Registry registry;
  ServerMetrics metrics(registry);
  metrics.RequestStarted();
  metrics.RequestStarted();
  EXPECT_TRUE(Has(metrics.Render(), "factgate_inflight_requests 2"));
  metrics.RequestFinished("verify", 200, 0.002);
  metrics.RequestFinished("verify", 400, 0.0001);
  metrics.RequestRejected(413);
  Report report;
  report.claims.resize(3);
  report.claims[0].verdict = Verdict::kSupported;
  report.claims[1].verdict = Verdict::kRefuted;
  report.claims[2].verdict = Verdict::kRefuted;
  metrics.CountVerdicts(report);
  std::string text = metrics.Render();
  EXPECT_TRUE(Has(text, "factgate_inflight_requests 0"));
  EXPECT_TRUE(Has(text, "factgate_http_requests_total{route=\"verify\",status=\"200\"} 1"));
  EXPECT_TRUE(Has(text, "factgate_http_requests_total{route=\"verify\",status=\"400\"} 1"));
  EXPECT_TRUE(Has(text, "factgate_http_requests_total{route=\"invalid\",status=\"413\"} 1"));
  EXPECT_TRUE(Has(text, "factgate_verdicts_total{verdict=\"refuted\"} 2"));
  EXPECT_TRUE(Has(text, "factgate_verdicts_total{verdict=\"supported\"} 1"));
  EXPECT_TRUE(Has(text, "factgate_http_request_duration_seconds_count{route=\"verify\"} 2"));
}

TEST(ServerMetricsTest, TracksOpenConnections) {
  Registry registry;
  ServerMetrics metrics(registry);
  metrics.ConnectionOpened();
  metrics.ConnectionOpened();
  metrics.ConnectionClosed();
  EXPECT_TRUE(Has(metrics.Render(), "factgate_open_connections 1"));
}

}  // namespace
}  // namespace fg::server
