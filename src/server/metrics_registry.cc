#include "src/server/metrics_registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fg::server {

namespace {

bool ValidName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                    (allow_colon && c == ':') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "metrics registry: %s\n", message.c_str());
  std::abort();
}

void AppendEscaped(std::string& out, std::string_view s, bool escape_quotes) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// Prometheus spells non-finite values NaN, +Inf and -Inf; finite ones in the shortest form that
// reads back exactly.
void AppendDouble(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
    out.append(buf, ec == std::errc() ? end : buf);
  }
}

void AppendSample(std::string& out, std::string_view name, std::string_view suffix,
                  const std::string& labels, std::string_view value) {
  out.append(name).append(suffix);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(value).append("\n");
}

void AtomicAdd(std::atomic<double>& target, double d) {
  double old = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(old, old + d, std::memory_order_relaxed)) {
  }
}

}  // namespace

namespace internal {

std::string RenderLabels(const Labels& labels) {
  std::string out;
  if (labels.empty()) return out;
  const Labels* sorted = &labels;
  Labels copy;
  const auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(labels.begin(), labels.end(), by_name)) {
    copy = labels;
    std::stable_sort(copy.begin(), copy.end(), by_name);
    sorted = &copy;
  }
  for (const auto& [name, value] : *sorted) {
    if (!out.empty()) out += ',';
    out += name;
    out += "=\"";
    AppendEscaped(out, value, /*escape_quotes=*/true);
    out += '"';
  }
  return out;
}

}  // namespace internal

void MetricFamily::RenderHeader(std::string& out) const {
  out.append("# HELP ").append(name_).append(" ");
  AppendEscaped(out, help_, /*escape_quotes=*/false);
  out.append("\n# TYPE ").append(name_).append(" ").append(type()).append("\n");
}

Counter::Series& Counter::WithLabels(const Labels& labels) {
  return series_.FindOrCreate(labels, [] { return std::make_unique<Series>(); });
}

void Counter::RenderTo(std::string& out) const {
  RenderHeader(out);
  series_.ForEach([&](const std::string& labels, const Series& s) {
    AppendSample(out, name(), "", labels, std::to_string(s.Value()));
  });
}

void Gauge::Series::Add(double d) { AtomicAdd(value_, d); }

Gauge::Series& Gauge::WithLabels(const Labels& labels) {
  return series_.FindOrCreate(labels, [] { return std::make_unique<Series>(); });
}

void Gauge::RenderTo(std::string& out) const {
  RenderHeader(out);
  series_.ForEach([&](const std::string& labels, const Series& s) {
    std::string value;
    AppendDouble(value, s.Value());
    AppendSample(out, name(), "", labels, value);
  });
}

Histogram::Series::Series(const std::vector<double>* bounds)
    : bounds_(bounds), counts_(new std::atomic<uint64_t>[bounds->size() + 1]) {
  for (size_t i = 0; i <= bounds_->size(); ++i) counts_[i].store(0, std::memory_order_relaxed);
}

void Histogram::Series::Observe(double value) {
  // Bucket i counts value <= bounds[i]; lower_bound finds the first bound not below the value.
  const size_t i = static_cast<size_t>(std::lower_bound(bounds_->begin(), bounds_->end(), value) -
                                       bounds_->begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, value);
}

uint64_t Histogram::Series::Count() const {
  uint64_t total = 0;
  for (size_t i = 0; i <= bounds_->size(); ++i) total += counts_[i].load(std::memory_order_relaxed);
  return total;
}

Histogram::Histogram(std::string name, std::string help, std::vector<double> bounds)
    : MetricFamily(std::move(name), std::move(help)) {
  bounds.erase(
      std::remove_if(bounds.begin(), bounds.end(), [](double b) { return !std::isfinite(b); }),
      bounds.end());
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  bounds_ = std::move(bounds);
}

Histogram::Series& Histogram::WithLabels(const Labels& labels) {
  return series_.FindOrCreate(labels,
                              [this] { return std::unique_ptr<Series>(new Series(&bounds_)); });
}

void Histogram::RenderTo(std::string& out) const {
  RenderHeader(out);
  series_.ForEach([&](const std::string& labels, const Series& s) {
    const std::string prefix = labels.empty() ? "" : labels + ",";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += s.counts_[i].load(std::memory_order_relaxed);
      std::string le = prefix + "le=\"";
      AppendDouble(le, i < bounds_.size() ? bounds_[i] : INFINITY);
      le += '"';
      AppendSample(out, name(), "_bucket", le, std::to_string(cumulative));
    }
    std::string sum;
    AppendDouble(sum, s.Sum());
    AppendSample(out, name(), "_sum", labels, sum);
    // The +Inf bucket, so _count matches it even while other threads observe.
    AppendSample(out, name(), "_count", labels, std::to_string(cumulative));
  });
}

std::vector<double> ExponentialBuckets(double start, double factor, int count) {
  std::vector<double> out;
  if (start <= 0 || factor <= 1) return out;
  double b = start;
  for (int i = 0; i < count; ++i, b *= factor) out.push_back(b);
  return out;
}

template <typename F, typename Make>
F& Registry::Add(const std::string& name, Make make) {
  if (!ValidName(name, /*allow_colon=*/true)) Die("invalid metric name \"" + name + "\"");
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& family : families_) {
    if (family->name() != name) continue;
    auto* same = dynamic_cast<F*>(family.get());
    if (same == nullptr) {
      Die("metric \"" + name + "\" registered as " + std::string(family->type()) +
          " and again as another kind");
    }
    return *same;
  }
  families_.push_back(make());
  return static_cast<F&>(*families_.back());
}

Counter& Registry::AddCounter(std::string name, std::string help) {
  return Add<Counter>(name, [&] { return std::unique_ptr<Counter>(new Counter(name, help)); });
}

Gauge& Registry::AddGauge(std::string name, std::string help) {
  return Add<Gauge>(name, [&] { return std::unique_ptr<Gauge>(new Gauge(name, help)); });
}

Histogram& Registry::AddHistogram(std::string name, std::string help, std::vector<double> buckets) {
  return Add<Histogram>(name, [&] {
    return std::unique_ptr<Histogram>(new Histogram(name, help, std::move(buckets)));
  });
}

std::string Registry::Render() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& family : families_) family->RenderTo(out);
  return out;
}

}  // namespace fg::server
