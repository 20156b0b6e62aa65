#include "src/server/metrics_registry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace fg::server {
namespace {

TEST(MetricsRegistryTest, RendersCounterWithSortedSeries) {
  Registry registry;
  Counter& requests = registry.AddCounter("fg_requests_total", "Requests served.");
  requests.Inc({{"route", "/v1/verify"}, {"code", "200"}}, 2);
  requests.Inc({{"code", "200"}, {"route", "/healthz"}});
  requests.Inc({{"route", "/v1/verify"}, {"code", "200"}});
  EXPECT_EQ(registry.Render(),
            "# HELP fg_requests_total Requests served.\n"
            "# TYPE fg_requests_total counter\n"
            "fg_requests_total{code=\"200\",route=\"/healthz\"} 1\n"
            "fg_requests_total{code=\"200\",route=\"/v1/verify\"} 3\n");
}

TEST(MetricsRegistryTest, FamiliesInRegistrationOrderAndEmptyFamiliesShowHeaders) {
  Registry registry;
  Gauge& inflight = registry.AddGauge("fg_inflight", "Requests in flight.");
  registry.AddCounter("fg_errors_total", "Errors.");
  Counter& unlabelled = registry.AddCounter("fg_started_total", "Starts.");
  unlabelled.WithLabels({});
  inflight.Add({}, 3);
  inflight.Add({}, -1.5);
  EXPECT_EQ(registry.Render(),
            "# HELP fg_inflight Requests in flight.\n"
            "# TYPE fg_inflight gauge\n"
            "fg_inflight 1.5\n"
            "# HELP fg_errors_total Errors.\n"
            "# TYPE fg_errors_total counter\n"
            "# HELP fg_started_total Starts.\n"
            "# TYPE fg_started_total counter\n"
            "fg_started_total 0\n");
}

TEST(MetricsRegistryTest, GaugeSetAndSpecialValues) {
  Registry registry;
  Gauge& g = registry.AddGauge("g", "A gauge.");
  g.Set({{"k", "a"}}, 42);
  g.Set({{"k", "b"}}, 1.0 / 0.0);
  g.Set({{"k", "c"}}, -1.0 / 0.0);
  g.Set({{"k", "d"}}, 0.25);
  EXPECT_EQ(registry.Render(),
            "# HELP g A gauge.\n"
            "# TYPE g gauge\n"
            "g{k=\"a\"} 42\n"
            "g{k=\"b\"} +Inf\n"
            "g{k=\"c\"} -Inf\n"
            "g{k=\"d\"} 0.25\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  Registry registry;
  Counter& c = registry.AddCounter("c", "Line one\nback\\slash \"quoted\".");
  c.Inc({{"path", "a\"b\\c\nd"}});
  EXPECT_EQ(registry.Render(),
            "# HELP c Line one\\nback\\\\slash \"quoted\".\n"
            "# TYPE c counter\n"
            "c{path=\"a\\\"b\\\\c\\nd\"} 1\n");
}

TEST(MetricsRegistryTest, HistogramRendersCumulativeBuckets) {
  Registry registry;
  Histogram& h = registry.AddHistogram("fg_latency_seconds", "Latency.", {1, 0.1, 2.5, 0.1});
  EXPECT_EQ(h.bounds(), (std::vector<double>{0.1, 1, 2.5}));
  h.Observe({{"route", "v"}}, 0.05);
  h.Observe({{"route", "v"}}, 0.1);  // upper bounds are inclusive
  h.Observe({{"route", "v"}}, 0.5);
  h.Observe({{"route", "v"}}, 10);
  EXPECT_EQ(registry.Render(),
            "# HELP fg_latency_seconds Latency.\n"
            "# TYPE fg_latency_seconds histogram\n"
            "fg_latency_seconds_bucket{route=\"v\",le=\"0.1\"} 2\n"
            "fg_latency_seconds_bucket{route=\"v\",le=\"1\"} 3\n"
            "fg_latency_seconds_bucket{route=\"v\",le=\"2.5\"} 3\n"
            "fg_latency_seconds_bucket{route=\"v\",le=\"+Inf\"} 4\n"
            "fg_latency_seconds_sum{route=\"v\"} 10.65\n"
            "fg_latency_seconds_count{route=\"v\"} 4\n");
  EXPECT_EQ(h.WithLabels({{"route", "v"}}).Count(), 4u);
}

TEST(MetricsRegistryTest, HistogramWithoutLabels) {
  Registry registry;
  Histogram& h = registry.AddHistogram("h", "H.", {1});
  h.Observe({}, 2);
  EXPECT_EQ(registry.Render(),
            "# HELP h H.\n"
            "# TYPE h histogram\n"
            "h_bucket{le=\"1\"} 0\n"
            "h_bucket{le=\"+Inf\"} 1\n"
            "h_sum 2\n"
            "h_count 1\n");
}

TEST(MetricsRegistryTest, ReRegisteringReturnsTheSameFamily) {
  Registry registry;
  Counter& a = registry.AddCounter("x_total", "X.");
  Counter& b = registry.AddCounter("x_total", "X again.");
  EXPECT_EQ(&a, &b);
  Counter::Series& s1 = a.WithLabels({{"a", "1"}, {"b", "2"}});
  Counter::Series& s2 = a.WithLabels({{"b", "2"}, {"a", "1"}});
  EXPECT_EQ(&s1, &s2);
}

TEST(MetricsRegistryDeathTest, KindClashAborts) {
  Registry registry;
  registry.AddCounter("x", "X.");
  EXPECT_DEATH(registry.AddGauge("x", "X."), "registered as counter");
  EXPECT_DEATH(registry.AddGauge("bad-name", "X."), "invalid metric name");
}

TEST(MetricsRegistryTest, ExponentialBuckets) {
  EXPECT_EQ(ExponentialBuckets(1, 2, 4), (std::vector<double>{1, 2, 4, 8}));
  EXPECT_TRUE(ExponentialBuckets(0, 2, 4).empty());
}

TEST(MetricsRegistryTest, ConcurrentUpdatesAreNotLost) {
  Registry registry;
  Counter& c = registry.AddCounter("c_total", "C.");
  Gauge& g = registry.AddGauge("g", "G.");
  Histogram& h = registry.AddHistogram("h", "H.", {0.5});
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        // New label combinations are created while others increment existing ones.
        c.Inc({{"shard", std::to_string(i % 4)}});
        c.Inc({{"thread", std::to_string(t)}});
        g.Add({}, 1);
        h.Observe({}, i % 2 == 0 ? 0.25 : 1);
        if (i % 1000 == 0) (void)registry.Render();
      }
    });
  }
  for (auto& th : threads) th.join();
  uint64_t shards = 0;
  for (int s = 0; s < 4; ++s) shards += c.WithLabels({{"shard", std::to_string(s)}}).Value();
  EXPECT_EQ(shards, uint64_t{kThreads} * kPerThread);
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(c.WithLabels({{"thread", std::to_string(t)}}).Value(), uint64_t{kPerThread});
  }
  EXPECT_EQ(g.WithLabels({}).Value(), double{kThreads} * kPerThread);
  EXPECT_EQ(h.WithLabels({}).Count(), uint64_t{kThreads} * kPerThread);
  EXPECT_EQ(h.WithLabels({}).Sum(), kThreads * kPerThread / 2 * 1.25);
  EXPECT_NE(registry.Render().find("h_bucket{le=\"0.5\"} 80000\n"), std::string::npos);
}

}  // namespace
}  // namespace fg::server
