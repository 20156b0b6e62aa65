#include "src/cli/linear_trainer.h"

#include <linear.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

namespace fg::cli {
namespace {

double Sigmoid(double margin) { return 1.0 / (1.0 + std::exp(-margin)); }

double Round(double v, double scale) { return std::round(v * scale) / scale; }

void Silent(const char*) {}

struct ModelFree {
  void operator()(model* m) const { free_and_destroy_model(&m); }
};

// The expanded, standardised training columns: value column c of the input is expanded column c;
// the indicator of input column missing[k] is expanded column cols + k.
struct Expansion {
  size_t cols = 0;
  std::vector<size_t> missing;
  std::vector<double> mean, inv_std;  // per expanded column; inv_std 0 for a constant column
  size_t expanded() const { return cols + missing.size(); }
  double Value(std::span<const float> row, size_t j) const {
    if (j < cols) return std::isnan(row[j]) ? 0.0 : row[j];
    return std::isnan(row[missing[j - cols]]) ? 1.0 : 0.0;
  }
};

Result<Expansion> Expand(const FeatureMatrix& x) {
  Expansion e;
  e.cols = x.cols;
  const size_t rows = x.rows();
  for (size_t c = 0; c < x.cols; ++c) {
    bool any_missing = false;
    for (size_t r = 0; r < rows; ++r) {
      float v = x.values[r * x.cols + c];
      if (std::isinf(v)) {
        return Status::InvalidArgument("feature column " + std::to_string(c) +
                                       " has an infinite value");
      }
      any_missing = any_missing || std::isnan(v);
    }
    if (any_missing) e.missing.push_back(c);
  }
  const size_t n = e.expanded();
  e.mean.assign(n, 0.0);
  e.inv_std.assign(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    double sum = 0;
    for (size_t r = 0; r < rows; ++r) sum += e.Value({x.values.data() + r * x.cols, x.cols}, j);
    double mean = sum / static_cast<double>(rows);
    double sq = 0;
    for (size_t r = 0; r < rows; ++r) {
      double d = e.Value({x.values.data() + r * x.cols, x.cols}, j) - mean;
      sq += d * d;
    }
    double sd = std::sqrt(sq / static_cast<double>(rows));
    e.mean[j] = mean;
    e.inv_std[j] = sd > 1e-12 ? 1.0 / sd : 0.0;
  }
  return e;
}

// liblinear's sparse rows: the non-zero standardised values (1-based indices), the bias node at
// index expanded + 1, and the -1 terminator.
struct SparseRows {
  std::vector<feature_node> nodes;
  std::vector<feature_node*> rows;
};

SparseRows ToSparse(const FeatureMatrix& x, const Expansion& e) {
  SparseRows s;
  const size_t n = e.expanded();
  std::vector<size_t> starts;
  for (size_t r = 0; r < x.rows(); ++r) {
    std::span<const float> row(x.values.data() + r * x.cols, x.cols);
    starts.push_back(s.nodes.size());
    for (size_t j = 0; j < n; ++j) {
      double z = (e.Value(row, j) - e.mean[j]) * e.inv_std[j];
      if (z != 0) s.nodes.push_back({static_cast<int>(j + 1), z});
    }
    s.nodes.push_back({static_cast<int>(n + 1), 1.0});
    s.nodes.push_back({-1, 0.0});
  }
  for (size_t start : starts) s.rows.push_back(s.nodes.data() + start);
  return s;
}

// Folds the standardisation into coefficients on the raw features.
LinearHead Fold(const model& m, const Expansion& e) {
  const size_t n = e.expanded();
  // For two classes liblinear keeps one weight vector, for the class m.label[0].
  const double sign = m.label[0] == 1 ? 1.0 : -1.0;
  LinearHead h;
  h.coef.assign(e.cols, 0.0);
  h.missing_coef.assign(e.cols, 0.0);
  h.intercept = sign * m.w[n] * m.bias;
  for (size_t j = 0; j < n; ++j) {
    double k = sign * m.w[j] * e.inv_std[j];
    h.intercept -= k * e.mean[j];
    if (j < e.cols) {
      h.coef[j] = k;
    } else {
      h.missing_coef[e.missing[j - e.cols]] = k;
    }
  }
  return h;
}

double LogLoss(const LinearHead& h, const FeatureMatrix& x, const std::vector<int>& labels) {
  std::vector<double> p(x.rows());
  for (size_t r = 0; r < x.rows(); ++r)
    p[r] = h.Probability({x.values.data() + r * x.cols, x.cols});
  return MeasureBinary(p, labels).log_loss;
}

std::string FormatNumber(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

double LinearHead::Margin(std::span<const float> x) const {
  double margin = intercept;
  for (size_t c = 0; c < coef.size(); ++c) {
    margin += std::isnan(x[c]) ? missing_coef[c] : coef[c] * x[c];
  }
  return margin;
}

double LinearHead::Probability(std::span<const float> x) const { return Sigmoid(Margin(x)); }

std::string LiblinearVersion() {
  return std::to_string(liblinear_version / 100) + "." +
         std::to_string(liblinear_version / 10 % 10) + "." + std::to_string(liblinear_version % 10);
}

Result<TrainedLinearHead> TrainLinearHead(const FeatureMatrix& x, const std::vector<float>& labels,
                                          const FeatureMatrix& select,
                                          const std::vector<int>& select_labels,
                                          const LinearParams& params) {
  const size_t rows = x.rows();
  if (rows == 0 || labels.size() != rows || params.c_grid.empty()) {
    return Status::InvalidArgument("no training rows, no C to try, or labels do not match rows");
  }
  if (select.cols != x.cols && select.rows() > 0) {
    return Status::InvalidArgument("the selection rows have other columns than the training rows");
  }
  if (select_labels.size() != select.rows()) {
    return Status::InvalidArgument("selection labels do not match the selection rows");
  }
  size_t positives = 0;
  for (float y : labels) positives += y > 0.5f ? 1 : 0;
  if (positives == 0 || positives == rows) {
    return Status::InvalidArgument("a linear head needs both classes among its training rows");
  }
  auto expansion = Expand(x);
  if (!expansion.ok()) return expansion.status();
  const Expansion& e = *expansion;
  SparseRows sparse = ToSparse(x, e);
  std::vector<double> y(rows);
  for (size_t r = 0; r < rows; ++r) y[r] = labels[r] > 0.5f ? 1.0 : 0.0;

  problem prob{};
  prob.l = static_cast<int>(rows);
  prob.n = static_cast<int>(e.expanded() + 1);
  prob.y = y.data();
  prob.x = sparse.rows.data();
  prob.bias = 1.0;
  set_print_string_function(&Silent);

  TrainedLinearHead out;
  out.missing_columns = e.missing;
  out.expanded_cols = e.expanded();
  std::unique_ptr<model, ModelFree> best;
  double best_loss = std::numeric_limits<double>::infinity();
  for (double c : params.c_grid) {
    parameter param{};
    param.solver_type = L2R_LR;
    param.eps = params.eps;
    param.C = c;
    if (const char* error = check_parameter(&prob, &param)) {
      return Status::InvalidArgument(std::string("liblinear: ") + error);
    }
    std::unique_ptr<model, ModelFree> m(train(&prob, &param));
    if (!m) return Status::Internal("liblinear did not return a model for C " + FormatNumber(c));
    double loss = select.rows() > 0 ? LogLoss(Fold(*m, e), select, select_labels) : 0.0;
    out.select_log_loss.push_back(loss);
    if (!best || loss < best_loss) {
      best = std::move(m);
      best_loss = loss;
      out.c = c;
    }
    if (select.rows() == 0) break;
  }
  out.head = Fold(*best, e);

  // The folded head must give liblinear's own probabilities.
  int label_index = best->label[0] == 1 ? 0 : 1;
  double estimates[2];
  for (size_t r = 0; r < rows && r < 2000; ++r) {
    predict_probability(best.get(), sparse.rows[r], estimates);
    double ours = out.head.Probability({x.values.data() + r * x.cols, x.cols});
    if (std::fabs(ours - estimates[label_index]) > 1e-6) {
      return Status::Internal("the folded linear head disagrees with liblinear on row " +
                              std::to_string(r) + " (" + std::to_string(ours) + " vs " +
                              std::to_string(estimates[label_index]) + ")");
    }
  }
  return out;
}

BinaryMetrics MeasureBinary(std::span<const double> p, std::span<const int> labels,
                            std::span<const double> weights) {
  BinaryMetrics m;
  m.n = p.size();
  if (p.empty() || labels.size() != p.size() || (!weights.empty() && weights.size() != p.size())) {
    return m;
  }
  auto weight = [&](size_t i) { return weights.empty() ? 1.0 : weights[i]; };
  constexpr double kEps = 1e-15;
  double total = 0, loss = 0, correct = 0;
  double bin_w[10] = {}, bin_p[10] = {}, bin_pos[10] = {};
  for (size_t i = 0; i < p.size(); ++i) {
    const double w = weight(i), q = std::clamp(p[i], kEps, 1 - kEps);
    const bool positive = labels[i] == 1;
    total += w;
    loss -= w * (positive ? std::log(q) : std::log(1 - q));
    correct += (p[i] >= 0.5) == positive ? w : 0;
    int b = std::min(9, static_cast<int>(std::clamp(p[i], 0.0, 1.0) * 10));
    bin_w[b] += w;
    bin_p[b] += w * p[i];
    bin_pos[b] += positive ? w : 0;
  }
  if (total <= 0) return m;
  m.log_loss = loss / total;
  m.accuracy = correct / total;
  for (int b = 0; b < 10; ++b) {
    if (bin_w[b] <= 0) continue;
    m.ece += bin_w[b] / total * std::fabs(bin_p[b] / bin_w[b] - bin_pos[b] / bin_w[b]);
  }
  // AUC: walk the rows by rising score; a positive scores against the negatives below it, half
  // against those tied with it.
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  double neg_below = 0, pos_total = 0, pairs = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    double pos_tied = 0, neg_tied = 0;
    for (; j < order.size() && p[order[j]] == p[order[i]]; ++j) {
      (labels[order[j]] == 1 ? pos_tied : neg_tied) += weight(order[j]);
    }
    pairs += pos_tied * (neg_below + 0.5 * neg_tied);
    neg_below += neg_tied;
    pos_total += pos_tied;
    i = j;
  }
  m.auc = pos_total > 0 && neg_below > 0 ? pairs / (pos_total * neg_below) : 0.5;
  return m;
}

Result<std::string> CompareHeadJson(const HeadRows& rows, const BinaryHead& trees,
                                    double trees_train_seconds, const GbdtParams& params,
                                    const LinearParams& linear_params) {
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  const FeatureMatrix& cal = rows.calibration;
  auto row = [&](size_t r) {
    return std::span<const float>(cal.values.data() + r * cal.cols, cal.cols);
  };

  // The control: the same trees without row weights.
  Clock::time_point start = Clock::now();
  std::vector<float> ones(rows.train_labels.size(), 1.0f);
  auto unweighted = TrainBinaryHead(rows.train, rows.train_labels, ones, params);
  if (!unweighted.ok()) return unweighted.status();
  const double unweighted_seconds = seconds_since(start);

  start = Clock::now();
  auto linear =
      TrainLinearHead(rows.train, rows.train_labels, cal, rows.calibration_labels, linear_params);
  if (!linear.ok()) return linear.status();
  const double linear_seconds = seconds_since(start);

  // Best of five timed passes over the calibration rows.
  auto ns_per_row = [&](auto score) {
    double best = std::numeric_limits<double>::infinity();
    volatile double sink = 0;
    for (int pass = 0; pass < 5 && cal.rows() > 0; ++pass) {
      Clock::time_point t = Clock::now();
      double sum = 0;
      for (size_t r = 0; r < cal.rows(); ++r) sum += score(row(r));
      sink = sink + sum;
      best = std::min(best, std::chrono::duration<double, std::nano>(Clock::now() - t).count() /
                                static_cast<double>(cal.rows()));
    }
    return std::isfinite(best) ? best : 0.0;
  };

  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto metrics = [&](const char* key, const BinaryMetrics& m) {
    w.Key(key);
    w.StartObject();
    w.Key("log_loss");
    w.Double(Round(m.log_loss, 1e4));
    w.Key("accuracy");
    w.Double(Round(m.accuracy, 1e4));
    w.Key("auc");
    w.Double(Round(m.auc, 1e4));
    w.Key("ece");
    w.Double(Round(m.ece, 1e4));
    w.EndObject();
  };
  auto learner = [&](const char* key, auto score, double train_seconds) {
    std::vector<double> p(cal.rows());
    for (size_t r = 0; r < cal.rows(); ++r) p[r] = score(row(r));
    w.Key(key);
    w.StartObject();
    metrics("unweighted", MeasureBinary(p, rows.calibration_labels));
    metrics("weighted", MeasureBinary(p, rows.calibration_labels, rows.calibration_weights));
    w.Key("timing");
    w.StartObject();
    w.Key("train_seconds");
    w.Double(Round(train_seconds, 1e3));
    w.Key("predict_ns_per_row");
    w.Double(Round(ns_per_row(score), 10));
    w.EndObject();
    w.EndObject();
  };

  w.StartObject();
  w.Key("train_rows");
  w.Uint64(rows.train.rows());
  w.Key("calibration_rows");
  w.Uint64(cal.rows());
  w.Key("linear_c");
  w.Double(linear->c);
  w.Key("linear_select_log_loss");
  w.StartArray();
  for (double l : linear->select_log_loss) w.Double(Round(l, 1e4));
  w.EndArray();
  w.Key("linear_columns");
  w.Uint64(linear->expanded_cols);
  learner(
      "trees", [&](std::span<const float> x) { return trees.RawProbability(x); },
      trees_train_seconds);
  learner(
      "trees_unweighted",
      [&](std::span<const float> x) { return unweighted->head.RawProbability(x); },
      unweighted_seconds);
  learner(
      "linear", [&](std::span<const float> x) { return linear->head.Probability(x); },
      linear_seconds);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fg::cli
