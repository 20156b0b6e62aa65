#include "verifiers/verdict_model.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace fg {
namespace {

constexpr std::string_view kFormat = "factgate-verdict-model";

double Sigmoid(double margin) { return 1.0 / (1.0 + std::exp(-margin)); }

template <typename T>
bool ReadArray(const rapidjson::Value& obj, const char* key, std::vector<T>* out) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsArray()) return false;
  out->clear();
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsNumber()) return false;
    out->push_back(static_cast<T>(v.GetDouble()));
  }
  return true;
}

Result<RegressionTree> ReadTree(const rapidjson::Value& v, size_t features) {
  RegressionTree t;
  std::vector<double> threshold;
  if (!v.IsObject() || !ReadArray(v, "feature", &t.feature) || !ReadArray(v, "left", &t.left) ||
      !ReadArray(v, "right", &t.right) || !ReadArray(v, "threshold", &threshold) ||
      !ReadArray(v, "default_left", &t.default_left)) {
    return Status::InvalidArgument("a tree lacks feature/left/right/threshold/default_left");
  }
  size_t n = t.feature.size();
  if (n == 0 || t.left.size() != n || t.right.size() != n || threshold.size() != n ||
      t.default_left.size() != n) {
    return Status::InvalidArgument("a tree's arrays differ in length");
  }
  for (double d : threshold) t.threshold.push_back(static_cast<float>(d));
  for (size_t i = 0; i < n; ++i) {
    if (t.left[i] < 0) continue;
    // Children come after their parent, so evaluation always ends at a leaf.
    bool ok = t.left[i] > static_cast<int32_t>(i) && t.right[i] > static_cast<int32_t>(i) &&
              static_cast<size_t>(t.left[i]) < n && static_cast<size_t>(t.right[i]) < n &&
              t.feature[i] >= 0 && static_cast<size_t>(t.feature[i]) < features;
    if (!ok) return Status::InvalidArgument("a tree node points outside its tree");
  }
  return t;
}

Result<BinaryHead> ReadHead(const rapidjson::Value& heads, const char* name, size_t features) {
  auto it = heads.FindMember(name);
  if (it == heads.MemberEnd() || !it->value.IsObject()) {
    return Status::InvalidArgument(std::string("missing head \"") + name + "\"");
  }
  const rapidjson::Value& h = it->value;
  BinaryHead head;
  auto margin = h.FindMember("base_margin");
  auto trees = h.FindMember("trees");
  if (margin == h.MemberEnd() || !margin->value.IsNumber() || trees == h.MemberEnd() ||
      !trees->value.IsArray()) {
    return Status::InvalidArgument(std::string("head \"") + name + "\" lacks base_margin/trees");
  }
  head.base_margin = margin->value.GetDouble();
  for (const auto& tv : trees->value.GetArray()) {
    Result<RegressionTree> tree = ReadTree(tv, features);
    if (!tree.ok()) return tree.status().WithPrefix(std::string("head \"") + name + "\": ");
    head.trees.push_back(std::move(*tree));
  }
  auto cal = h.FindMember("calibration");
  if (cal != h.MemberEnd()) {
    std::vector<double> x, y;
    if (!cal->value.IsObject() || !ReadArray(cal->value, "x", &x) ||
        !ReadArray(cal->value, "y", &y) || x.size() != y.size()) {
      return Status::InvalidArgument(std::string("head \"") + name + "\": bad calibration");
    }
    for (size_t i = 1; i < x.size(); ++i) {
      if (x[i] < x[i - 1] || y[i] < y[i - 1]) {
        return Status::InvalidArgument(std::string("head \"") + name +
                                       "\": calibration points must be sorted and non-decreasing");
      }
    }
    head.calibration = IsotonicCalibration(std::move(x), std::move(y));
  }
  return head;
}

Result<LexicalHead> ReadLexicalHead(const rapidjson::Value& lexical, const char* name) {
  auto it = lexical.FindMember(name);
  if (it == lexical.MemberEnd() || !it->value.IsObject() || !it->value.HasMember("bias") ||
      !it->value["bias"].IsNumber() || !it->value.HasMember("weights") ||
      !it->value["weights"].IsObject()) {
    return Status::InvalidArgument(std::string("lexical head \"") + name + "\" lacks bias/weights");
  }
  LexicalHead head;
  head.bias = it->value["bias"].GetDouble();
  for (const auto& m : it->value["weights"].GetObject()) {
    if (!m.value.IsNumber()) {
      return Status::InvalidArgument(std::string("lexical head \"") + name +
                                     "\": a weight is not a number");
    }
    head.weights.emplace(m.name.GetString(), static_cast<float>(m.value.GetDouble()));
  }
  head.Index();
  return head;
}

template <typename Writer>
void WriteLexicalHead(Writer& w, const LexicalHead& head) {
  w.StartObject();
  w.Key("bias");
  w.Double(head.bias);
  w.Key("weights");
  w.StartObject();
  std::map<std::string, float> sorted(head.weights.begin(), head.weights.end());
  for (const auto& [key, weight] : sorted) {
    w.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
    w.Double(static_cast<double>(weight));
  }
  w.EndObject();
  w.EndObject();
}

template <typename Writer, typename T>
void WriteArray(Writer& w, const char* key, const std::vector<T>& values) {
  w.Key(key);
  w.StartArray();
  for (T v : values) {
    if constexpr (std::is_floating_point_v<T>) {
      w.Double(static_cast<double>(v));
    } else {
      w.Int64(static_cast<int64_t>(v));
    }
  }
  w.EndArray();
}

template <typename Writer>
void WriteHead(Writer& w, const BinaryHead& head) {
  w.StartObject();
  w.Key("base_margin");
  w.Double(head.base_margin);
  w.Key("calibration");
  w.StartObject();
  WriteArray(w, "x", head.calibration.x());
  WriteArray(w, "y", head.calibration.y());
  w.EndObject();
  w.Key("trees");
  w.StartArray();
  for (const RegressionTree& t : head.trees) {
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    w.StartObject();
    WriteArray(w, "feature", t.feature);
    WriteArray(w, "threshold", t.threshold);
    WriteArray(w, "left", t.left);
    WriteArray(w, "right", t.right);
    WriteArray(w, "default_left", t.default_left);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

double RegressionTree::Eval(std::span<const float> x) const {
  size_t node = 0;
  while (left[node] >= 0) {
    const bool go_left =
        GoesLeft(x[static_cast<size_t>(feature[node])], threshold[node], default_left[node] != 0);
    node = static_cast<size_t>(go_left ? left[node] : right[node]);
  }
  return threshold[node];
}

PackedTrees::PackedTrees(const std::vector<RegressionTree>& trees) {
  for (const RegressionTree& t : trees) {
    for (size_t i = 0; i < t.left.size(); ++i) {
      if (t.left[i] >= 0 && (t.feature[i] < 0 || t.feature[i] > UINT16_MAX)) {
        nodes_.clear();
        roots_.clear();
        return;
      }
    }
  }
  for (const RegressionTree& t : trees) {
    roots_.push_back(static_cast<uint32_t>(nodes_.size()));
    nodes_.push_back({});
    // (node in t, its place in nodes_), children placed side by side as their parent is reached.
    std::vector<std::pair<size_t, size_t>> pending = {{0, nodes_.size() - 1}};
    while (!pending.empty()) {
      auto [from, to] = pending.back();
      pending.pop_back();
      Node node{t.threshold[from], -1, 0, t.default_left[from]};
      if (t.left[from] >= 0) {
        node.feature = static_cast<uint16_t>(t.feature[from]);
        node.left = static_cast<int32_t>(nodes_.size());
        nodes_.push_back({});
        nodes_.push_back({});
        pending.push_back({static_cast<size_t>(t.left[from]), static_cast<size_t>(node.left)});
        pending.push_back({static_cast<size_t>(t.right[from]), static_cast<size_t>(node.left) + 1});
      }
      nodes_[to] = node;
    }
  }
}

double PackedTrees::Sum(double start, std::span<const float> x) const {
  double sum = start;
  const size_t n = roots_.size();
  size_t t = 0;
  for (; t + 4 <= n; t += 4) {
    const Node* a = &nodes_[roots_[t]];
    const Node* b = &nodes_[roots_[t + 1]];
    const Node* c = &nodes_[roots_[t + 2]];
    const Node* d = &nodes_[roots_[t + 3]];
    while (a->left >= 0 || b->left >= 0 || c->left >= 0 || d->left >= 0) {
      if (a->left >= 0) a = Child(a, x);
      if (b->left >= 0) b = Child(b, x);
      if (c->left >= 0) c = Child(c, x);
      if (d->left >= 0) d = Child(d, x);
    }
    sum += a->value;
    sum += b->value;
    sum += c->value;
    sum += d->value;
  }
  for (; t < n; ++t) {
    const Node* a = &nodes_[roots_[t]];
    while (a->left >= 0) a = Child(a, x);
    sum += a->value;
  }
  return sum;
}

double BinaryHead::Margin(std::span<const float> x) const {
  if (packed.tree_count() == trees.size() && !trees.empty()) return packed.Sum(base_margin, x);
  double margin = base_margin;
  for (const RegressionTree& t : trees) margin += t.Eval(x);
  return margin;
}

double BinaryHead::RawProbability(std::span<const float> x) const { return Sigmoid(Margin(x)); }

double BinaryHead::Probability(std::span<const float> x) const {
  return calibration.Apply(RawProbability(x));
}

VerdictModel::VerdictModel(std::string version, std::vector<std::string> feature_names,
                           BinaryHead supported, BinaryHead refuted, LexicalModel lexical,
                           std::string training_json, std::optional<BinaryHead> relevance)
    : version_(std::move(version)),
      feature_names_(std::move(feature_names)),
      supported_(std::move(supported)),
      refuted_(std::move(refuted)),
      lexical_(std::move(lexical)),
      training_json_(std::move(training_json)),
      relevance_(std::move(relevance)) {
  supported_.Pack();
  refuted_.Pack();
  if (relevance_) relevance_->Pack();
}

Result<std::shared_ptr<const VerdictModel>> VerdictModel::Load(
    const std::string& path, const std::vector<std::string>& expected_features) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read the verdict model " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto model = FromJson(text.str(), expected_features);
  if (!model.ok()) return model.status().WithPrefix("verdict model " + path + ": ");
  return model;
}

Result<std::shared_ptr<const VerdictModel>> VerdictModel::FromJson(
    std::string_view json, const std::vector<std::string>& expected_features) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    return Status::InvalidArgument(std::string("invalid JSON: ") +
                                   rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject() || !doc.HasMember("format") || !doc["format"].IsString() ||
      doc["format"].GetString() != kFormat) {
    return Status::InvalidArgument("not a factgate verdict model (\"format\" is not \"" +
                                   std::string(kFormat) + "\")");
  }
  std::string version =
      doc.HasMember("version") && doc["version"].IsString() ? doc["version"].GetString() : "";
  std::vector<std::string> names;
  if (doc.HasMember("features") && doc["features"].IsArray()) {
    for (const auto& v : doc["features"].GetArray()) {
      if (v.IsString()) names.emplace_back(v.GetString());
    }
  }
  if (names != expected_features) {
    return Status::InvalidArgument("its features (" + std::to_string(names.size()) +
                                   ") are not the ones this factgate computes (" +
                                   std::to_string(expected_features.size()) +
                                   "); retrain it with `factgate train`");
  }
  if (!doc.HasMember("heads") || !doc["heads"].IsObject()) {
    return Status::InvalidArgument("missing \"heads\"");
  }
  auto supported = ReadHead(doc["heads"], "supported", names.size());
  if (!supported.ok()) return supported.status();
  auto refuted = ReadHead(doc["heads"], "refuted", names.size());
  if (!refuted.ok()) return refuted.status();
  LexicalModel lexical;
  if (doc.HasMember("lexical")) {
    const rapidjson::Value& lv = doc["lexical"];
    if (!lv.IsObject()) return Status::InvalidArgument("\"lexical\" is not an object");
    auto ls = ReadLexicalHead(lv, "supported");
    if (!ls.ok()) return ls.status();
    auto lr = ReadLexicalHead(lv, "refuted");
    if (!lr.ok()) return lr.status();
    lexical.supported = std::move(*ls);
    lexical.refuted = std::move(*lr);
  }
  std::optional<BinaryHead> relevance;
  if (doc.HasMember("relevance")) {
    const rapidjson::Value& rv = doc["relevance"];
    std::vector<std::string> rank_names;
    if (rv.IsObject() && rv.HasMember("features") && rv["features"].IsArray()) {
      for (const auto& v : rv["features"].GetArray()) {
        if (v.IsString()) rank_names.emplace_back(v.GetString());
      }
    }
    if (rank_names != RankFeatureNames()) {
      return Status::InvalidArgument(
          "its relevance features are not the ones this factgate computes; retrain it with "
          "`factgate train`");
    }
    auto head = ReadHead(rv, "head", rank_names.size());
    if (!head.ok()) return head.status().WithPrefix("relevance: ");
    relevance = std::move(*head);
  }
  std::string training = "{}";
  if (doc.HasMember("training")) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    doc["training"].Accept(w);
    training = buffer.GetString();
  }
  return std::make_shared<const VerdictModel>(
      std::move(version), std::move(names), std::move(*supported), std::move(*refuted),
      std::move(lexical), std::move(training), std::move(relevance));
}

std::string VerdictModel::ToJson() const {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("format");
  w.String(kFormat.data(), static_cast<rapidjson::SizeType>(kFormat.size()));
  w.Key("version");
  w.String(version_);
  w.Key("training");
  rapidjson::Document training;
  training.Parse(training_json_.c_str());
  if (training.HasParseError()) training.SetObject();
  training.Accept(w);
  w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  w.Key("features");
  w.StartArray();
  for (const std::string& n : feature_names_) w.String(n);
  w.EndArray();
  w.SetFormatOptions(rapidjson::kFormatDefault);
  w.Key("heads");
  w.StartObject();
  w.Key("supported");
  WriteHead(w, supported_);
  w.SetFormatOptions(rapidjson::kFormatDefault);
  w.Key("refuted");
  WriteHead(w, refuted_);
  w.SetFormatOptions(rapidjson::kFormatDefault);
  w.EndObject();
  w.Key("lexical");
  w.StartObject();
  w.Key("supported");
  WriteLexicalHead(w, lexical_.supported);
  w.Key("refuted");
  WriteLexicalHead(w, lexical_.refuted);
  w.EndObject();
  if (relevance_) {
    w.Key("relevance");
    w.StartObject();
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    w.Key("features");
    w.StartArray();
    for (const std::string& n : RankFeatureNames()) w.String(n);
    w.EndArray();
    w.SetFormatOptions(rapidjson::kFormatDefault);
    w.Key("head");
    WriteHead(w, *relevance_);
    w.SetFormatOptions(rapidjson::kFormatDefault);
    w.EndObject();
  }
  w.EndObject();
  std::string out = buffer.GetString();
  out += '\n';
  return out;
}

VerdictProbabilities VerdictModel::Predict(std::span<const float> features) const {
  VerdictProbabilities p;
  // A vector of another length is a caller's bug (the featurizer's names were checked at load):
  // judge it as knowing nothing rather than read past its end.
  if (features.size() != feature_names_.size()) {
    p.not_enough_info = 1;
    return p;
  }
  p.supported = supported_.Probability(features);
  double refuted_given_not = refuted_.Probability(features);
  p.refuted = (1 - p.supported) * refuted_given_not;
  p.not_enough_info = (1 - p.supported) * (1 - refuted_given_not);
  return p;
}

double VerdictModel::Relevance(std::span<const float> features) const {
  if (!relevance_ || features.size() != RankFeatureNames().size()) return 0;
  return relevance_->Margin(features);
}

}  // namespace fg
