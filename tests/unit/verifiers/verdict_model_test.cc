#include "verifiers/verdict_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

double Sigmoid(double m) { return 1.0 / (1.0 + std::exp(-m)); }

// node 0: feature[f] < threshold ? node 1 (leaf `low`) : node 2 (leaf `high`).
RegressionTree Stump(int32_t f, float threshold, float low, float high, bool default_left) {
  RegressionTree t;
  t.feature = {f, 0, 0};
  t.threshold = {threshold, low, high};
  t.left = {1, -1, -1};
  t.right = {2, -1, -1};
  t.default_left = {static_cast<uint8_t>(default_left ? 1 : 0), 0, 0};
  return t;
}

const std::vector<std::string>& Features() {
  static const std::vector<std::string> kFeatures = {"entail_max", "numeric_match", "bm25_top"};
  return kFeatures;
}

VerdictModel MakeModel() {
  BinaryHead supported;
  supported.base_margin = -0.1234567890123457;
  supported.trees = {Stump(0, 0.5f, -1.25f, 1.75f, true), Stump(2, 3.3f, 0.1f, -0.3f, false)};
  supported.calibration = IsotonicCalibration({0.1, 0.4, 0.7, 0.9}, {0.05, 0.3, 0.71, 0.97});
  BinaryHead refuted;
  refuted.base_margin = 0.3141592653589793;
  refuted.trees = {Stump(1, 0.25f, -0.7f, 1.1f, false)};
  // No calibration: identity.
  LexicalModel lexical;
  lexical.supported.bias = -0.25;
  lexical.supported.weights = {{"c:outsid", -1.5f}, {"x:sell|vend", 0.875f}};
  lexical.refuted.bias = 0.125;
  lexical.refuted.weights = {{"e:not", 2.25f}};
  return VerdictModel("test-1", Features(), supported, refuted, lexical,
                      R"({"dataset":"toy","n":12})");
}

std::vector<std::vector<float>> Inputs() {
  return {{0.0f, 0.0f, 0.0f},  {0.9f, 0.0f, 5.0f}, {0.5f, 0.25f, 3.3f}, {kNaN, kNaN, kNaN},
          {0.49f, 1.0f, 1.0f}, {1.0f, 1.0f, 1.0f}, {0.2f, kNaN, 9.0f}};
}

TEST(VerdictModelTest, TreeSendsBelowThresholdLeftAndEqualRight) {
  RegressionTree t = Stump(0, 0.5f, -1.0f, 2.0f, true);
  EXPECT_EQ(t.Eval(std::vector<float>{0.4f}), -1.0);
  EXPECT_EQ(t.Eval(std::vector<float>{-100.0f}), -1.0);
  EXPECT_EQ(t.Eval(std::vector<float>{0.5f}), 2.0);
  EXPECT_EQ(t.Eval(std::vector<float>{0.6f}), 2.0);
}

TEST(VerdictModelTest, TreeSendsNaNItsDefaultWay) {
  EXPECT_EQ(Stump(0, 0.5f, -1.0f, 2.0f, true).Eval(std::vector<float>{kNaN}), -1.0);
  EXPECT_EQ(Stump(0, 0.5f, -1.0f, 2.0f, false).Eval(std::vector<float>{kNaN}), 2.0);
}

TEST(VerdictModelTest, TreeReadsTheNodesFeature) {
  RegressionTree t = Stump(1, 0.5f, -1.0f, 2.0f, true);
  EXPECT_EQ(t.Eval(std::vector<float>{0.9f, 0.1f}), -1.0);
  EXPECT_EQ(t.Eval(std::vector<float>{0.1f, 0.9f}), 2.0);
}

TEST(VerdictModelTest, PackedTreesGiveTheSameMarginsAsTheTreesOneByOne) {
  // Deeper trees than stumps: node 0 splits to an inner node 1 and a leaf; node 1 to two leaves.
  RegressionTree deep;
  deep.feature = {0, 2, 0, 0, 0};
  deep.threshold = {0.5f, 3.0f, -0.5f, 0.25f, 2.0f};
  deep.left = {1, 3, -1, -1, -1};
  deep.right = {2, 4, -1, -1, -1};
  deep.default_left = {0, 1, 0, 0, 0};
  BinaryHead head;
  head.base_margin = 0.0625;
  head.trees = {Stump(0, 0.5f, -1.25f, 1.75f, true), deep, Stump(1, 0.25f, -0.7f, 1.1f, false)};
  BinaryHead packed = head;
  packed.Pack();
  ASSERT_EQ(packed.packed.tree_count(), 3u);
  for (const std::vector<float>& x : Inputs()) {
    double expected = head.base_margin;
    for (const RegressionTree& t : head.trees) expected += t.Eval(x);
    EXPECT_EQ(head.Margin(x), expected);    // not packed: tree by tree
    EXPECT_EQ(packed.Margin(x), expected);  // packed: the same sum, bit for bit
  }
  // In `deep`, x[0] >= 0.5 goes right to the leaf -0.5; below it node 1 reads x[2]: < 3 (or NaN,
  // its default) to the leaf 0.25, else to 2.0.
  const double last = -0.7f;  // the third tree's leaf for x[1] < 0.25
  EXPECT_DOUBLE_EQ(packed.packed.Sum(0, std::vector<float>{0.9f, 0.0f, 0.0f}), 1.75 - 0.5 + last);
  EXPECT_DOUBLE_EQ(packed.packed.Sum(0, std::vector<float>{0.1f, 0.0f, kNaN}), -1.25 + 0.25 + last);
  EXPECT_DOUBLE_EQ(packed.packed.Sum(0, std::vector<float>{0.1f, 0.0f, 4.0f}), -1.25 + 2.0 + last);
}

// A random tree of depth <= 5 over 4 features, some nodes sending NaN left.
RegressionTree RandomTree(std::mt19937& rng) {
  RegressionTree t;
  auto add = [&](auto& self, int depth) -> int32_t {
    const int32_t at = static_cast<int32_t>(t.left.size());
    t.feature.push_back(static_cast<int32_t>(rng() % 4));
    t.threshold.push_back(static_cast<float>(rng() % 2001) / 1000.0f - 1.0f);
    t.left.push_back(-1);
    t.right.push_back(-1);
    t.default_left.push_back(static_cast<uint8_t>(rng() % 2));
    if (depth < 5 && rng() % 4 != 0) {
      const int32_t l = self(self, depth + 1);
      const int32_t r = self(self, depth + 1);
      t.left[static_cast<size_t>(at)] = l;
      t.right[static_cast<size_t>(at)] = r;
    }
    return at;
  };
  add(add, 0);
  return t;
}

TEST(VerdictModelTest, PackedForestsSumAsTheTreesOneByOneDo) {
  // 4 trees at a time and the rest one by one: 0 to 11 trees, inputs with NaNs.
  std::mt19937 rng(11);
  for (size_t count = 0; count <= 11; ++count) {
    BinaryHead head;
    head.base_margin = -0.125;
    for (size_t i = 0; i < count; ++i) head.trees.push_back(RandomTree(rng));
    BinaryHead packed = head;
    packed.Pack();
    ASSERT_EQ(packed.packed.tree_count(), count);
    for (int k = 0; k < 200; ++k) {
      std::vector<float> x(4);
      for (float& v : x) v = rng() % 7 == 0 ? kNaN : static_cast<float>(rng() % 2001) / 1000 - 1;
      double expected = head.base_margin;
      for (const RegressionTree& t : head.trees) expected += t.Eval(x);
      ASSERT_EQ(packed.packed.Sum(head.base_margin, x), expected) << count << " trees, input " << k;
    }
  }
}

TEST(VerdictModelTest, RawProbabilityIsSigmoidOfMarginPlusLeaves) {
  BinaryHead head;
  head.base_margin = 0.3;
  head.trees = {Stump(0, 0.5f, -1.0f, 2.0f, true), Stump(1, 0.0f, 0.25f, -0.5f, true)};
  std::vector<float> x = {0.7f, -1.0f};  // leaves 2.0 and 0.25
  EXPECT_NEAR(head.RawProbability(x), Sigmoid(0.3 + 2.0 + 0.25), 1e-12);
  x = {0.1f, 1.0f};  // leaves -1.0 and -0.5
  EXPECT_NEAR(head.RawProbability(x), Sigmoid(0.3 - 1.0 - 0.5), 1e-12);
  // Identity calibration: the calibrated probability is the raw one.
  EXPECT_EQ(head.Probability(x), head.RawProbability(x));

  BinaryHead empty;
  EXPECT_NEAR(empty.RawProbability(x), 0.5, 1e-12);
}

TEST(VerdictModelTest, ProbabilityAppliesTheCalibration) {
  BinaryHead head;
  head.trees = {Stump(0, 0.5f, -10.0f, 10.0f, true)};
  head.calibration = IsotonicCalibration({0.2, 0.8}, {0.3, 0.6});
  EXPECT_NEAR(head.Probability(std::vector<float>{0.0f}), 0.3, 1e-12);  // raw ~0, clamped
  EXPECT_NEAR(head.Probability(std::vector<float>{1.0f}), 0.6, 1e-12);  // raw ~1, clamped
  head.trees.clear();                                                   // raw 0.5: midway
  EXPECT_NEAR(head.Probability(std::vector<float>{0.0f}), 0.45, 1e-12);
}

TEST(VerdictModelTest, PredictCombinesTheHeads) {
  VerdictModel model = MakeModel();
  for (const std::vector<float>& x : Inputs()) {
    VerdictProbabilities p = model.Predict(x);
    double s = model.supported_head().Probability(x);
    double r_given_not = model.refuted_head().Probability(x);
    EXPECT_NEAR(p.supported, s, 1e-12);
    EXPECT_NEAR(p.refuted, (1 - s) * r_given_not, 1e-12);
    EXPECT_NEAR(p.supported + p.refuted + p.not_enough_info, 1.0, 1e-12);
    EXPECT_GE(p.not_enough_info, 0.0);
  }
  // A hand-checked point: all features 0 (supported leaves -1.25 and 0.1, refuted leaf -0.7).
  std::vector<float> zero = {0.0f, 0.0f, 0.0f};
  double raw_s = Sigmoid(-0.1234567890123457 - 1.25 + 0.1);
  double s = IsotonicCalibration({0.1, 0.4, 0.7, 0.9}, {0.05, 0.3, 0.71, 0.97}).Apply(raw_s);
  double r = Sigmoid(0.3141592653589793 - 0.7);
  VerdictProbabilities p = model.Predict(zero);
  EXPECT_NEAR(p.supported, s, 1e-6);
  EXPECT_NEAR(p.refuted, (1 - s) * r, 1e-6);
  EXPECT_NEAR(p.not_enough_info, (1 - s) * (1 - r), 1e-6);
}

TEST(VerdictModelTest, JsonRoundTripKeepsPredictionsAndText) {
  VerdictModel model = MakeModel();
  std::string json = model.ToJson();
  auto loaded = VerdictModel::FromJson(json, Features());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const VerdictModel& copy = **loaded;
  EXPECT_EQ(copy.version(), "test-1");
  EXPECT_EQ(copy.feature_names(), Features());
  EXPECT_EQ(copy.supported_head().base_margin, model.supported_head().base_margin);
  EXPECT_EQ(copy.refuted_head().base_margin, model.refuted_head().base_margin);
  EXPECT_EQ(copy.supported_head().calibration.x(), model.supported_head().calibration.x());
  EXPECT_EQ(copy.supported_head().calibration.y(), model.supported_head().calibration.y());
  EXPECT_TRUE(copy.refuted_head().calibration.identity());
  for (const std::vector<float>& x : Inputs()) {
    VerdictProbabilities a = model.Predict(x);
    VerdictProbabilities b = copy.Predict(x);
    EXPECT_EQ(a.supported, b.supported);
    EXPECT_EQ(a.refuted, b.refuted);
    EXPECT_EQ(a.not_enough_info, b.not_enough_info);
  }
  EXPECT_EQ(copy.ToJson(), json);
  EXPECT_NE(json.find("\"dataset\""), std::string::npos);  // training info kept verbatim
  // The lexical model travels in the same file.
  EXPECT_EQ(copy.lexical().supported.bias, -0.25);
  EXPECT_EQ(copy.lexical().supported.weights, model.lexical().supported.weights);
  EXPECT_EQ(copy.lexical().refuted.bias, 0.125);
  EXPECT_EQ(copy.lexical().refuted.weights, model.lexical().refuted.weights);
}

TEST(VerdictModelTest, JsonRoundTripKeepsUnroundedNumbers) {
  // Numbers that need all 17 significant digits must come back bit for bit.
  BinaryHead head;
  head.base_margin = 0.1 + 0.2;  // 0.30000000000000004
  head.trees = {Stump(0, 0.1f, 1.0f / 3, -2.0f / 3, true)};
  head.calibration = IsotonicCalibration({1.0 / 3, 2.0 / 3}, {0.1 * 3, 0.7});
  VerdictModel model("v", Features(), head, head, LexicalModel{});
  auto copy = VerdictModel::FromJson(model.ToJson(), Features());
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ((*copy)->supported_head().base_margin, head.base_margin);
  EXPECT_EQ((*copy)->supported_head().trees[0].threshold, head.trees[0].threshold);
  EXPECT_EQ((*copy)->supported_head().calibration.x(), head.calibration.x());
  EXPECT_EQ((*copy)->supported_head().calibration.y(), head.calibration.y());
  EXPECT_EQ((*copy)->ToJson(), model.ToJson());
}

TEST(VerdictModelTest, LoadReadsAFileAndReportsAMissingOne) {
  testing::TempDir dir;
  std::string json = MakeModel().ToJson();
  std::string path = dir.Write("model.json", json).string();
  auto loaded = VerdictModel::Load(path, Features());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->ToJson(), json);

  auto missing = VerdictModel::Load((dir.path() / "nope.json").string(), Features());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.json"), std::string::npos);

  std::string bad = dir.Write("bad.json", "{").string();
  auto broken = VerdictModel::Load(bad, Features());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("bad.json"), std::string::npos);
}

// A model file with the features "f0", "f1" (or `features`) and heads given as JSON text; an
// empty head is left out.
std::string ModelJson(const std::string& supported, const std::string& refuted,
                      const std::string& format = "factgate-verdict-model",
                      const std::string& features = R"(["f0", "f1"])") {
  std::string heads = "{";
  if (!supported.empty()) heads += R"("supported": )" + supported;
  if (!supported.empty() && !refuted.empty()) heads += ", ";
  if (!refuted.empty()) heads += R"("refuted": )" + refuted;
  heads += "}";
  return R"({"format": ")" + format + R"(", "version": "v", "features": )" + features +
         R"(, "heads": )" + heads + "}";
}

std::string HeadJson(const std::string& tree, const std::string& calibration = "") {
  std::string out = R"({"base_margin": 0.5, "trees": [)" + tree + "]";
  if (!calibration.empty()) out += R"(, "calibration": )" + calibration;
  return out + "}";
}

const char kGoodTree[] = R"({"feature": [1, 0, 0], "threshold": [0.5, -1, 1], "left": [1, -1, -1],)"
                         R"( "right": [2, -1, -1], "default_left": [1, 0, 0]})";

const std::vector<std::string> kTwo = {"f0", "f1"};

TEST(VerdictModelTest, HandWrittenJsonLoads) {
  auto model = VerdictModel::FromJson(
      ModelJson(HeadJson(kGoodTree, R"({"x": [0.1, 0.9], "y": [0.2, 0.8]})"), HeadJson(kGoodTree)),
      kTwo);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ((*model)->version(), "v");
  // f1 = 0.7 >= 0.5 goes right: margin 0.5 + 1.
  EXPECT_NEAR((*model)->refuted_head().RawProbability(std::vector<float>{0.0f, 0.7f}), Sigmoid(1.5),
              1e-12);
}

void ExpectInvalid(const std::string& json, const std::string& fragment,
                   const std::vector<std::string>& features = kTwo) {
  auto model = VerdictModel::FromJson(json, features);
  ASSERT_FALSE(model.ok()) << json;
  EXPECT_EQ(model.status().code(), Status::Code::kInvalidArgument) << json;
  EXPECT_NE(model.status().message().find(fragment), std::string::npos)
      << model.status().message() << " lacks \"" << fragment << "\"";
}

TEST(VerdictModelTest, RejectsInvalidJson) {
  ExpectInvalid("", "invalid JSON");
  ExpectInvalid("{\"format\": ", "invalid JSON");
  ExpectInvalid("not json at all", "invalid JSON");
}

TEST(VerdictModelTest, RejectsAWrongFormat) {
  ExpectInvalid("[]", "format");
  ExpectInvalid("{}", "format");
  ExpectInvalid(ModelJson(HeadJson(kGoodTree), HeadJson(kGoodTree), "xgboost"), "format");
}

TEST(VerdictModelTest, RejectsFeaturesThatDifferFromTheFeaturizers) {
  std::string heads_ok = HeadJson(kGoodTree);
  ExpectInvalid(ModelJson(heads_ok, heads_ok, "factgate-verdict-model", R"(["f1", "f0"])"),
                "features");
  ExpectInvalid(ModelJson(heads_ok, heads_ok, "factgate-verdict-model", R"(["f0"])"), "features");
  ExpectInvalid(ModelJson(heads_ok, heads_ok, "factgate-verdict-model", R"(["f0", "f1", "f2"])"),
                "features");
  ExpectInvalid(ModelJson(heads_ok, heads_ok), "features", {"f0", "g1"});
  std::string no_features = R"({"format": "factgate-verdict-model", "heads": {"supported": )" +
                            heads_ok + R"(, "refuted": )" + heads_ok + "}}";
  ExpectInvalid(no_features, "features");
}

TEST(VerdictModelTest, RejectsNodesOutsideTheTree) {
  const char* bad_trees[] = {
      // left child index past the end
      R"({"feature": [0, 0, 0], "threshold": [0.5, -1, 1], "left": [5, -1, -1],)"
      R"( "right": [2, -1, -1], "default_left": [1, 0, 0]})",
      // right child index past the end
      R"({"feature": [0, 0, 0], "threshold": [0.5, -1, 1], "left": [1, -1, -1],)"
      R"( "right": [3, -1, -1], "default_left": [1, 0, 0]})",
      // a node pointing at itself would loop forever
      R"({"feature": [0, 0, 0], "threshold": [0.5, -1, 1], "left": [0, -1, -1],)"
      R"( "right": [2, -1, -1], "default_left": [1, 0, 0]})",
      // a node pointing back at its parent
      R"({"feature": [0, 0, 0, 0, 0], "threshold": [0.5, 0.5, -1, 1, 2],)"
      R"( "left": [1, 0, -1, -1, -1], "right": [4, 3, -1, -1, -1],)"
      R"( "default_left": [1, 0, 0, 0, 0]})",
      // feature index out of range (two features)
      R"({"feature": [2, 0, 0], "threshold": [0.5, -1, 1], "left": [1, -1, -1],)"
      R"( "right": [2, -1, -1], "default_left": [1, 0, 0]})",
      // negative feature index
      R"({"feature": [-1, 0, 0], "threshold": [0.5, -1, 1], "left": [1, -1, -1],)"
      R"( "right": [2, -1, -1], "default_left": [1, 0, 0]})",
  };
  for (const char* tree : bad_trees) {
    ExpectInvalid(ModelJson(HeadJson(kGoodTree), HeadJson(tree)), "outside its tree");
    ExpectInvalid(ModelJson(HeadJson(tree), HeadJson(kGoodTree)), "outside its tree");
  }
}

TEST(VerdictModelTest, RejectsMalformedTrees) {
  // Arrays of different lengths.
  ExpectInvalid(ModelJson(HeadJson(R"({"feature": [0, 0], "threshold": [0.5, -1, 1],)"
                                   R"( "left": [1, -1, -1], "right": [2, -1, -1],)"
                                   R"( "default_left": [1, 0, 0]})"),
                          HeadJson(kGoodTree)),
                "differ in length");
  // A missing array.
  ExpectInvalid(ModelJson(HeadJson(R"({"feature": [0, 0, 0], "threshold": [0.5, -1, 1],)"
                                   R"( "left": [1, -1, -1], "right": [2, -1, -1]})"),
                          HeadJson(kGoodTree)),
                "default_left");
  // An empty tree.
  ExpectInvalid(ModelJson(HeadJson(R"({"feature": [], "threshold": [], "left": [], "right": [],)"
                                   R"( "default_left": []})"),
                          HeadJson(kGoodTree)),
                "differ in length");
  // A head without trees.
  ExpectInvalid(ModelJson(R"({"base_margin": 0})", HeadJson(kGoodTree)), "trees");
}

TEST(VerdictModelTest, RejectsNonMonotoneCalibration) {
  ExpectInvalid(ModelJson(HeadJson(kGoodTree, R"({"x": [0.1, 0.5, 0.9], "y": [0.2, 0.6, 0.4]})"),
                          HeadJson(kGoodTree)),
                "non-decreasing");
  ExpectInvalid(
      ModelJson(HeadJson(kGoodTree), HeadJson(kGoodTree, R"({"x": [0.5, 0.1], "y": [0.2, 0.6]})")),
      "sorted");
  ExpectInvalid(
      ModelJson(HeadJson(kGoodTree, R"({"x": [0.1, 0.5], "y": [0.2]})"), HeadJson(kGoodTree)),
      "calibration");
}

TEST(VerdictModelTest, LexicalModelIsOptionalButCheckedWhenPresent) {
  std::string heads = ModelJson(HeadJson(kGoodTree), HeadJson(kGoodTree));
  auto without = VerdictModel::FromJson(heads, kTwo);
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_TRUE((*without)->lexical().supported.weights.empty());

  auto with_lexical = [&](const std::string& lexical) {
    return heads.substr(0, heads.size() - 1) + R"(, "lexical": )" + lexical + "}";
  };
  auto with =
      VerdictModel::FromJson(with_lexical(R"({"supported": {"bias": 0.5, "weights": {"c:a": 1.5}},)"
                                          R"( "refuted": {"bias": -1, "weights": {}}})"),
                             kTwo);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  EXPECT_EQ((*with)->lexical().supported.bias, 0.5);
  EXPECT_EQ((*with)->lexical().supported.weights.at("c:a"), 1.5f);
  EXPECT_EQ((*with)->lexical().refuted.bias, -1.0);

  ExpectInvalid(with_lexical("[]"), "lexical");
  ExpectInvalid(with_lexical(R"({"supported": {"bias": 0.5, "weights": {}}})"), "refuted");
  ExpectInvalid(with_lexical(R"({"supported": {"bias": 0.5, "weights": {"c:a": "x"}},)"
                             R"( "refuted": {"bias": 0, "weights": {}}})"),
                "not a number");
}

TEST(VerdictModelTest, RejectsMissingHeads) {
  ExpectInvalid(R"({"format": "factgate-verdict-model", "features": ["f0", "f1"]})", "heads");
  ExpectInvalid(ModelJson(HeadJson(kGoodTree), ""), "refuted");
  ExpectInvalid(ModelJson("", HeadJson(kGoodTree)), "supported");
}

// A relevance head over the passage features of src/core/rank_features.h.
BinaryHead RelevanceHead() {
  BinaryHead head;
  head.base_margin = 0.25;
  head.trees = {Stump(0, 0.5f, -1.0f, 2.0f, true)};
  return head;
}

TEST(VerdictModelTest, TheRelevanceHeadTravelsInTheFileAndScoresPassages) {
  VerdictModel without = MakeModel();
  EXPECT_FALSE(without.has_relevance());
  std::vector<float> row(RankFeatureNames().size(), 0.0f);
  EXPECT_EQ(without.Relevance(row), 0.0);
  EXPECT_EQ(without.ToJson().find("\"relevance\""), std::string::npos);

  VerdictModel with("test-1", Features(), without.supported_head(), without.refuted_head(),
                    without.lexical(), "{}", RelevanceHead());
  ASSERT_TRUE(with.has_relevance());
  // Its value is the margin: base 0.25 plus the leaf of the first feature's stump.
  row[0] = 0.9f;
  EXPECT_DOUBLE_EQ(with.Relevance(row), 2.25);
  row[0] = 0.1f;
  EXPECT_DOUBLE_EQ(with.Relevance(row), -0.75);
  row[0] = kNaN;
  EXPECT_DOUBLE_EQ(with.Relevance(row), -0.75);                 // NaN goes the default (left) way
  EXPECT_EQ(with.Relevance(std::vector<float>(3, 1.0f)), 0.0);  // a row of another length

  std::string json = with.ToJson();
  auto loaded = VerdictModel::FromJson(json, Features());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE((*loaded)->has_relevance());
  row[0] = 0.9f;
  EXPECT_DOUBLE_EQ((*loaded)->Relevance(row), 2.25);
  EXPECT_EQ((*loaded)->ToJson(), json);
}

TEST(VerdictModelTest, RejectsARelevanceHeadOverOtherFeatures) {
  VerdictModel base = MakeModel();
  std::string json = VerdictModel("test-1", Features(), base.supported_head(), base.refuted_head(),
                                  base.lexical(), "{}", RelevanceHead())
                         .ToJson();
  std::string first = "\"" + RankFeatureNames()[0] + "\"";
  size_t at = json.find(first);
  ASSERT_NE(at, std::string::npos);
  std::string renamed = json;
  renamed.replace(at, first.size(), "\"some_other_feature\"");
  ExpectInvalid(renamed, "relevance features", Features());
  // A head that is not there.
  std::string headless = json;
  size_t head_at = headless.find("\"head\"");
  ASSERT_NE(head_at, std::string::npos);
  headless.replace(head_at, 6, "\"hxad\"");
  ExpectInvalid(headless, "relevance", Features());
}

}  // namespace
}  // namespace fg
