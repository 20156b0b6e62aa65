// A small Prometheus metrics registry: counters, gauges and histograms, rendered in the text
// exposition format (version 0.0.4) that GET /metrics serves.
//
// A family (one metric name) is registered once at start-up and holds one series per label set.
// Labels are (name, value) pairs; they are rendered sorted by name, so {a, b} and {b, a} name the
// same series. Values are escaped per the format (\\, \", \n). Label names must match
// [a-zA-Z_][a-zA-Z0-9_]* and metric names [a-zA-Z_:][a-zA-Z0-9_:]*; "le" is reserved for
// histogram buckets. A series appears in Render() once it has been touched (WithLabels, Inc, Set,
// Observe); call WithLabels({}) at start-up to show an unlabelled metric at 0 before its first use.
//
// Thread-safety: everything may be called from any thread. Updating a series is lock-free
// (atomics); finding a series by labels takes a shared (reader) lock, and only creating a new
// label combination takes the exclusive lock. Hot paths can keep the Series& that WithLabels
// returns and skip the lookup. Render() reads each value atomically, but is not a snapshot across
// series. References returned by registration and WithLabels stay valid for the registry's
// lifetime.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fg::server {

inline constexpr char kPrometheusContentType[] = "text/plain; version=0.0.4; charset=utf-8";

using Labels = std::vector<std::pair<std::string, std::string>>;

// Common part of the three metric kinds; not used directly.
class MetricFamily {
 public:
  virtual ~MetricFamily() = default;
  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  // "counter" | "gauge" | "histogram".
  virtual std::string_view type() const = 0;
  // Appends the "# HELP" and "# TYPE" lines, then the samples of every series.
  virtual void RenderTo(std::string& out) const = 0;

 protected:
  MetricFamily(std::string name, std::string help)
      : name_(std::move(name)), help_(std::move(help)) {}
  void RenderHeader(std::string& out) const;

 private:
  std::string name_;
  std::string help_;
};

namespace internal {

// `a="x",b="y"`: labels sorted by name, values escaped; "" for no labels.
std::string RenderLabels(const Labels& labels);

// The series of one family, keyed by rendered labels; std::map gives Render() a stable order.
template <typename S>
class SeriesMap {
 public:
  // Finds the series for `labels`, or creates it with `make()` (a std::unique_ptr<S>).
  template <typename Make>
  S& FindOrCreate(const Labels& labels, Make make) {
    std::string key = RenderLabels(labels);
    {
      std::shared_lock<std::shared_mutex> lock(mu_);
      auto it = series_.find(key);
      if (it != series_.end()) return *it->second;
    }
    std::unique_lock<std::shared_mutex> lock(mu_);
    auto [it, inserted] = series_.try_emplace(std::move(key));
    if (inserted) it->second = make();
    return *it->second;
  }
  // Calls fn(rendered_labels, series) in sorted order.
  template <typename Fn>
  void ForEach(Fn fn) const {
    std::shared_lock<std::shared_mutex> lock(mu_);
    for (const auto& [labels, series] : series_) fn(labels, *series);
  }

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, std::unique_ptr<S>> series_;
};

}  // namespace internal

// A monotonically increasing count.
class Counter final : public MetricFamily {
 public:
  class Series {
   public:
    void Inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
    uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

   private:
    std::atomic<uint64_t> value_{0};
  };

  Series& WithLabels(const Labels& labels);
  void Inc(const Labels& labels = {}, uint64_t n = 1) { WithLabels(labels).Inc(n); }
  std::string_view type() const override { return "counter"; }

  void RenderTo(std::string& out) const override;

 private:
  friend class Registry;
  using MetricFamily::MetricFamily;
  internal::SeriesMap<Series> series_;
};

// A value that goes up and down.
class Gauge final : public MetricFamily {
 public:
  class Series {
   public:
    void Set(double v) { value_.store(v, std::memory_order_relaxed); }
    void Add(double d);
    double Value() const { return value_.load(std::memory_order_relaxed); }

   private:
    std::atomic<double> value_{0.0};
  };

  Series& WithLabels(const Labels& labels);
  void Set(const Labels& labels, double v) { WithLabels(labels).Set(v); }
  void Add(const Labels& labels, double d) { WithLabels(labels).Add(d); }
  std::string_view type() const override { return "gauge"; }

  void RenderTo(std::string& out) const override;

 private:
  friend class Registry;
  using MetricFamily::MetricFamily;
  internal::SeriesMap<Series> series_;
};

// Observations counted into fixed buckets; renders cumulative name_bucket{le=...} lines (ending
// with le="+Inf"), name_sum and name_count. _count always equals the +Inf bucket.
class Histogram final : public MetricFamily {
 public:
  class Series {
   public:
    void Observe(double value);
    uint64_t Count() const;
    double Sum() const { return sum_.load(std::memory_order_relaxed); }

   private:
    friend class Histogram;
    explicit Series(const std::vector<double>* bounds);
    const std::vector<double>* bounds_;
    // counts_[i]: observations in (bounds[i-1], bounds[i]]; the last one is (bounds.back(), +Inf).
    std::unique_ptr<std::atomic<uint64_t>[]> counts_;
    std::atomic<double> sum_{0.0};
  };

  Series& WithLabels(const Labels& labels);
  void Observe(const Labels& labels, double value) { WithLabels(labels).Observe(value); }
  const std::vector<double>& bounds() const { return bounds_; }
  std::string_view type() const override { return "histogram"; }
  void RenderTo(std::string& out) const override;

 private:
  friend class Registry;
  Histogram(std::string name, std::string help, std::vector<double> bounds);
  std::vector<double> bounds_;  // finite upper bounds, ascending, no duplicates
  internal::SeriesMap<Series> series_;
};

// `count` bounds start, start*factor, start*factor^2, ... (start > 0, factor > 1).
std::vector<double> ExponentialBuckets(double start, double factor, int count);

class Registry {
 public:
  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Registering a name again returns the existing family when the kind matches (a histogram's
  // buckets are those of the first registration). A different kind, or an invalid name, is a
  // programming error: the process aborts with a message.
  Counter& AddCounter(std::string name, std::string help);
  Gauge& AddGauge(std::string name, std::string help);
  // `buckets`: upper bounds; sorted, deduplicated and stripped of +Inf/NaN here.
  Histogram& AddHistogram(std::string name, std::string help, std::vector<double> buckets);

  // All families in registration order, each series in sorted label order.
  std::string Render() const;

 private:
  template <typename F, typename Make>
  F& Add(const std::string& name, Make make);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<MetricFamily>> families_;
};

}  // namespace fg::server
