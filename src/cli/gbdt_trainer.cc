#include "src/cli/gbdt_trainer.h"

#include <rapidjson/document.h>
#include <xgboost/c_api.h>

#include <cmath>
#include <memory>
#include <string>

namespace fg::cli {
namespace {

Status XgbError(const char* what) {
  return Status::Internal(std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

struct DMatrixFree {
  void operator()(void* h) const { XGDMatrixFree(h); }
};
struct BoosterFree {
  void operator()(void* h) const { XGBoosterFree(h); }
};

// Reads one tree of xgboost's JSON model into our format.
Result<RegressionTree> ConvertTree(const rapidjson::Value& t) {
  RegressionTree out;
  const char* keys[] = {"left_children", "right_children", "split_indices", "split_conditions",
                        "default_left"};
  for (const char* k : keys) {
    if (!t.HasMember(k) || !t[k].IsArray()) {
      return Status::Internal(std::string("xgboost tree without ") + k);
    }
  }
  const auto& left = t["left_children"].GetArray();
  const auto& right = t["right_children"].GetArray();
  const auto& index = t["split_indices"].GetArray();
  const auto& cond = t["split_conditions"].GetArray();
  const auto& dflt = t["default_left"].GetArray();
  size_t n = left.Size();
  if (right.Size() != n || index.Size() != n || cond.Size() != n || dflt.Size() != n) {
    return Status::Internal("xgboost tree arrays differ in length");
  }
  for (size_t i = 0; i < n; ++i) {
    int32_t l = left[i].GetInt();
    out.left.push_back(l);
    out.right.push_back(right[i].GetInt());
    out.feature.push_back(l < 0 ? 0 : index[i].GetInt());
    // At a leaf, split_conditions holds the leaf's value.
    out.threshold.push_back(static_cast<float>(cond[i].GetDouble()));
    out.default_left.push_back(
        static_cast<uint8_t>(dflt[i].IsBool() ? dflt[i].GetBool() : dflt[i].GetInt() != 0));
  }
  return out;
}

}  // namespace

std::string XgboostVersion() {
  int major = 0, minor = 0, patch = 0;
  XGBoostVersion(&major, &minor, &patch);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

namespace {

// One ensemble with params.seed (params.bags is not read).
Result<TrainedHead> TrainOneBag(const FeatureMatrix& x, const std::vector<float>& labels,
                                const std::vector<float>& weights, const GbdtParams& params) {
  size_t rows = x.rows();
  if (rows == 0 || labels.size() != rows || weights.size() != rows) {
    return Status::InvalidArgument("no training rows, or labels/weights do not match the rows");
  }
  DMatrixHandle dm_raw = nullptr;
  if (XGDMatrixCreateFromMat(x.values.data(), rows, x.cols, std::nanf(""), &dm_raw) != 0) {
    return XgbError("creating the training matrix");
  }
  std::unique_ptr<void, DMatrixFree> dm(dm_raw);
  if (XGDMatrixSetFloatInfo(dm.get(), "label", labels.data(), rows) != 0 ||
      XGDMatrixSetFloatInfo(dm.get(), "weight", weights.data(), rows) != 0) {
    return XgbError("setting labels and weights");
  }
  BoosterHandle b_raw = nullptr;
  DMatrixHandle mats[] = {dm.get()};
  if (XGBoosterCreate(mats, 1, &b_raw) != 0) return XgbError("creating the booster");
  std::unique_ptr<void, BoosterFree> booster(b_raw);
  const std::pair<std::string, std::string> settings[] = {
      {"objective", "binary:logistic"},
      {"tree_method", "hist"},
      {"nthread", "1"},
      {"verbosity", "0"},
      {"base_score", "0.5"},
      {"seed", std::to_string(params.seed)},
      {"max_depth", std::to_string(params.max_depth)},
      {"eta", std::to_string(params.eta)},
      {"subsample", std::to_string(params.subsample)},
      {"colsample_bytree", std::to_string(params.colsample)},
      {"min_child_weight", std::to_string(params.min_child_weight)},
      {"lambda", std::to_string(params.lambda)},
  };
  for (const auto& [k, v] : settings) {
    if (XGBoosterSetParam(booster.get(), k.c_str(), v.c_str()) != 0) {
      return XgbError(("setting " + k).c_str());
    }
  }
  for (int round = 0; round < params.rounds; ++round) {
    if (XGBoosterUpdateOneIter(booster.get(), round, dm.get()) != 0) {
      return XgbError("training");
    }
  }

  bst_ulong len = 0;
  const char* buffer = nullptr;
  if (XGBoosterSaveModelToBuffer(booster.get(), R"({"format": "json"})", &len, &buffer) != 0) {
    return XgbError("exporting the model");
  }
  rapidjson::Document doc;
  doc.Parse(buffer, len);
  if (doc.HasParseError() || !doc.HasMember("learner")) {
    return Status::Internal("xgboost exported a model factgate cannot read");
  }
  const rapidjson::Value& learner = doc["learner"];
  TrainedHead out;
  double base_score = std::stod(learner["learner_model_param"]["base_score"].GetString());
  out.head.base_margin = std::log(base_score / (1 - base_score));
  for (const auto& t : learner["gradient_booster"]["model"]["trees"].GetArray()) {
    Result<RegressionTree> tree = ConvertTree(t);
    if (!tree.ok()) return tree.status();
    out.head.trees.push_back(std::move(*tree));
  }

  // The exported trees must give xgboost's own margins.
  bst_ulong n_pred = 0;
  const float* margins = nullptr;
  if (XGBoosterPredict(booster.get(), dm.get(), /*output margin*/ 1, 0, 0, &n_pred, &margins) !=
      0) {
    return XgbError("predicting");
  }
  for (size_t r = 0; r < rows && r < 2000; ++r) {
    std::span<const float> row(x.values.data() + r * x.cols, x.cols);
    double ours = out.head.base_margin;
    for (const RegressionTree& t : out.head.trees) ours += t.Eval(row);
    if (std::fabs(ours - margins[r]) > 1e-3 * std::max(1.0, std::fabs(ours))) {
      return Status::Internal("the exported trees disagree with xgboost on row " +
                              std::to_string(r) + " (" + std::to_string(ours) + " vs " +
                              std::to_string(margins[r]) + ")");
    }
  }

  bst_ulong n_features = 0, dim = 0;
  const char** names = nullptr;
  const bst_ulong* shape = nullptr;
  const float* scores = nullptr;
  out.feature_gain.assign(x.cols, 0.0);
  if (XGBoosterFeatureScore(booster.get(), R"({"importance_type": "total_gain"})", &n_features,
                            &names, &dim, &shape, &scores) == 0) {
    double total = 0;
    for (bst_ulong i = 0; i < n_features; ++i) {
      // Unnamed features are reported as "f<index>".
      std::string name = names[i];
      if (name.size() < 2 || name[0] != 'f') continue;
      size_t index = std::stoul(name.substr(1));
      if (index < x.cols) {
        out.feature_gain[index] = scores[i];
        total += scores[i];
      }
    }
    if (total > 0) {
      for (double& g : out.feature_gain) g /= total;
    }
  }
  return out;
}

}  // namespace

Result<TrainedHead> TrainBinaryHead(const FeatureMatrix& x, const std::vector<float>& labels,
                                    const std::vector<float>& weights, const GbdtParams& params) {
  if (params.bags <= 1) return TrainOneBag(x, labels, weights, params);
  TrainedHead out;
  out.feature_gain.assign(x.cols, 0.0);
  const double share = 1.0 / params.bags;
  for (int bag = 0; bag < params.bags; ++bag) {
    GbdtParams one = params;
    one.seed = params.seed + bag;
    Result<TrainedHead> trained = TrainOneBag(x, labels, weights, one);
    if (!trained.ok()) return trained.status();
    out.head.base_margin += share * trained->head.base_margin;
    for (RegressionTree& tree : trained->head.trees) {
      for (size_t i = 0; i < tree.left.size(); ++i) {
        if (tree.left[i] < 0) tree.threshold[i] = static_cast<float>(tree.threshold[i] * share);
      }
      out.head.trees.push_back(std::move(tree));
    }
    for (size_t f = 0; f < x.cols; ++f) out.feature_gain[f] += share * trained->feature_gain[f];
  }
  return out;
}

}  // namespace fg::cli
