#include "verifiers/model_judge.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "src/core/term_stats.h"
#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

using fg::testing::MakeClaim;

// An expert with a configurable name that applies to one claim kind (kOther: to every claim) and
// answers with a fixed judgement, or abstains.
class FakeExpert : public Verifier {
 public:
  FakeExpert(std::string name, ClaimKind kind, std::optional<Judgement> judgement)
      : name_(std::move(name)), kind_(kind), judgement_(std::move(judgement)) {}
  std::string_view name() const override { return name_; }
  bool AppliesTo(const Claim& claim) const override {
    return kind_ == ClaimKind::kOther || claim.kind == kind_;
  }
  std::optional<Judgement> Judge(const Claim&, std::span<const EvidenceSentence>) const override {
    ++calls;
    return judgement_;
  }
  mutable int calls = 0;

 private:
  std::string name_;
  ClaimKind kind_;
  std::optional<Judgement> judgement_;
};

Judgement Says(Verdict verdict, double confidence, std::vector<size_t> evidence = {},
               std::optional<std::string> correction = std::nullopt) {
  Judgement j;
  j.verdict = verdict;
  j.confidence = confidence;
  j.evidence = std::move(evidence);
  j.correction = std::move(correction);
  return j;
}

double Logit(double p) { return std::log(p / (1 - p)); }

// A model without trees: P(supported) = p_supported, P(refuted | not supported) = p_refuted.
VerdictModel FixedModel(double p_supported, double p_refuted_given_not) {
  BinaryHead supported, refuted;
  supported.base_margin = Logit(p_supported);
  refuted.base_margin = Logit(p_refuted_given_not);
  return VerdictModel("test", ClaimFeaturizer::Names(), std::move(supported), std::move(refuted),
                      LexicalModel{}, "{}");
}

size_t Slot(std::string_view name) {
  const std::vector<std::string>& names = ClaimFeaturizer::Names();
  auto it = std::find(names.begin(), names.end(), name);
  EXPECT_NE(it, names.end()) << "no feature named " << name;
  return static_cast<size_t>(it - names.begin());
}

class ModelJudgeTest : public ::testing::Test {
 protected:
  ModelJudgeTest() {
    stats_.AddDocument("Lincoln was born in 1809 in Kentucky.");
    stats_.AddDocument("Lincoln died in 1865.");
    evidence_.Add("Lincoln was born in 1809 in Kentucky.", 0.9);
    evidence_.Add("Lincoln died in 1865.", 0.5);
    evidence_.Add("Kentucky is a state.", 0.2);
  }

  // Adds an expert and returns it, so a test can count its calls.
  FakeExpert* Expert(std::string name, ClaimKind kind, std::optional<Judgement> judgement) {
    auto e = std::make_unique<FakeExpert>(std::move(name), kind, std::move(judgement));
    FakeExpert* raw = e.get();
    experts_.push_back(std::move(e));
    return raw;
  }

  // Hands the experts added so far to a new judge.
  ModelJudge MakeJudge(const VerdictModel* model, ModelJudgeOptions options = {}) {
    std::vector<std::unique_ptr<Verifier>> experts = std::move(experts_);
    experts_.clear();
    return ModelJudge(std::move(experts), &featurizer_, model, options);
  }

  std::optional<Judgement> JudgeWith(const VerdictModel* model, ClaimKind kind,
                                     bool with_evidence = true) {
    ModelJudge judge = MakeJudge(model);
    evidence_list_ = with_evidence ? evidence_.Build() : std::vector<EvidenceSentence>{};
    return judge.Judge(MakeClaim("Lincoln was born in 1809", kind), evidence_list_);
  }

  CountingTermStats stats_;
  Aligner aligner_{&stats_, nullptr};
  ClaimFeaturizer featurizer_{&aligner_, nullptr};
  fg::testing::EvidenceBuilder evidence_;
  std::vector<EvidenceSentence> evidence_list_;
  std::vector<std::unique_ptr<Verifier>> experts_;
};

TEST_F(ModelJudgeTest, OnlyApplicableExpertsAreAsked) {
  FakeExpert* comparison =
      Expert("comparison", ClaimKind::kComparison, Says(Verdict::kRefuted, 0.99));
  FakeExpert* temporal = Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kSupported, 0.8));
  FakeExpert* entailment =
      Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  VerdictModel model = FixedModel(0.7, 0.5);
  ModelJudge judge = MakeJudge(&model);
  EXPECT_EQ(judge.Route(MakeClaim("x", ClaimKind::kTemporal)),
            (std::vector<std::string_view>{"temporal", "entailment"}));
  EXPECT_EQ(judge.Route(MakeClaim("x", ClaimKind::kComparison)),
            (std::vector<std::string_view>{"comparison", "entailment"}));
  EXPECT_EQ(judge.Route(MakeClaim("x", ClaimKind::kRelation)),
            (std::vector<std::string_view>{"entailment"}));

  auto ev = evidence_.Build();
  auto j = judge.Judge(MakeClaim("Lincoln was born in 1809", ClaimKind::kTemporal), ev);
  ASSERT_TRUE(j);
  // The comparison expert would have decided alone had it been asked.
  EXPECT_EQ(comparison->calls, 0);
  EXPECT_EQ(temporal->calls, 1);
  EXPECT_EQ(entailment->calls, 1);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "temporal");
}

TEST_F(ModelJudgeTest, ComparisonVerdictDecidesAlone) {
  Expert("comparison", ClaimKind::kComparison,
         Says(Verdict::kRefuted, 0.95, {}, "220 is more than 200"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.95, 0.5);  // the model would say supported
  auto j = JudgeWith(&model, ClaimKind::kComparison);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "comparison");
  EXPECT_DOUBLE_EQ(j->confidence, 0.95);
  EXPECT_EQ(j->correction, "220 is more than 200");
  EXPECT_FALSE(j->probabilities);
}

TEST_F(ModelJudgeTest, ComparisonWithoutVerdictLeavesItToTheModel) {
  Expert("comparison", ClaimKind::kComparison, Says(Verdict::kNotEnoughInfo, 0.99));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.6, {1}));
  VerdictModel model = FixedModel(0.8, 0.5);
  auto j = JudgeWith(&model, ClaimKind::kComparison);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_TRUE(j->probabilities);
  EXPECT_DOUBLE_EQ(j->confidence, 0.8);
}

TEST_F(ModelJudgeTest, ConfidentExistenceNotEnoughInfoDecidesAlone) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.9));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_FALSE(j->probabilities);
}

TEST_F(ModelJudgeTest, LessConfidentExistenceOnlyInformsTheModel) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.85));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_TRUE(j->probabilities);
}

// Regression: "Jane Austen wrote the novel \"The Silent Harbor of Dreams\"" came back supported
// from the model against Austen's entry, which names no such novel.
TEST_F(ModelJudgeTest, AMissingWorkLetsNoSupportStand) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.87));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);  // supported
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
  EXPECT_DOUBLE_EQ(j->confidence, 0.87);
  EXPECT_TRUE(j->evidence.empty());
}

// Regression (default KB): "Charles Dickens wrote Oliver Twist" was refuted at 0.44 against his
// entry, which names no novel. Evidence that never names the work cannot refute it by the model's
// reading alone (nor by the rule-based entailment reader's).
TEST_F(ModelJudgeTest, AnUnseenNameLetsNoRefutationOfTheModelsStand) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.85));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kRefuted, 0.9, {0}));
  VerdictModel model = FixedModel(0.1, 0.9);  // refuted
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
  EXPECT_TRUE(j->evidence.empty());
}

// A specific expert's refutation stands: "wrote Emma" against "wrote Persuasion".
TEST_F(ModelJudgeTest, AnUnseenNameLeavesAnExpertsRefutationStanding) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.87));
  Expert("relation", ClaimKind::kExistence, Says(Verdict::kRefuted, 0.7, {0}));
  VerdictModel model = FixedModel(0.1, 0.9);  // refuted
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "relation");
  // And a weaker finding (below the veto) only informs the model.
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.8));
  j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(ModelJudgeTest, WithoutAKbAMissingWorkOnlyInformsTheModel) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.87));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);
  ModelJudge judge =
      MakeJudge(&model, {.existence_veto = std::numeric_limits<double>::infinity(),
                         .missing_work_veto = std::numeric_limits<double>::infinity(),
                         .unseen_name_veto = std::numeric_limits<double>::infinity()});
  evidence_list_ = evidence_.Build();
  auto j =
      judge.Judge(MakeClaim("Lincoln was born in 1809", ClaimKind::kExistence), evidence_list_);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kNotEnoughInfo, 0.87));
  VerdictModel refuting = FixedModel(0.1, 0.9);
  ModelJudge without_kb =
      MakeJudge(&refuting, {.existence_veto = std::numeric_limits<double>::infinity(),
                            .missing_work_veto = std::numeric_limits<double>::infinity(),
                            .unseen_name_veto = std::numeric_limits<double>::infinity()});
  j = without_kb.Judge(MakeClaim("Lincoln was born in 1809", ClaimKind::kExistence),
                       evidence_list_);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(ModelJudgeTest, ExistenceSupportIsNotDecisive) {
  Expert("existence", ClaimKind::kExistence, Says(Verdict::kSupported, 0.99, {2}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  VerdictModel model = FixedModel(0.1, 0.2);  // not_enough_info most probable
  auto j = JudgeWith(&model, ClaimKind::kExistence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_TRUE(j->probabilities);
}

// Regression: "Charles Darwin died in 1900" against his entry's life dates was refuted by the
// temporal expert at 0.86 and left at not_enough_info by a retrained model.
TEST_F(ModelJudgeTest, ConfidentTemporalRefutationDecidesAlone) {
  Judgement refuted = Says(Verdict::kRefuted, 0.86, {0});
  refuted.correction = "Lincoln was born in 1809";
  Expert("temporal", ClaimKind::kTemporal, refuted);
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  VerdictModel model = FixedModel(0.05, 0.45);  // not_enough_info most probable
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "temporal");
  EXPECT_EQ(j->correction, "Lincoln was born in 1809");
  EXPECT_DOUBLE_EQ(j->confidence, 0.86);
}

TEST_F(ModelJudgeTest, LessConfidentTemporalRefutationOnlyInformsTheModel) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.8, {0}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  VerdictModel model = FixedModel(0.05, 0.45);
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_TRUE(j->probabilities);
}

TEST_F(ModelJudgeTest, ConfidentTemporalSupportIsNotDecisive) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kSupported, 0.99, {0}));
  VerdictModel model = FixedModel(0.05, 0.45);
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
}

// A place the claim puts in one country or continent and WordNet in another: all but certain.
TEST_F(ModelJudgeTest, ConfidentPlaceRefutationDecidesAlone) {
  Judgement refuted = Says(Verdict::kRefuted, 0.9, {0});
  refuted.correction = "Lincoln was born in Kentucky";
  Expert("place", ClaimKind::kRelation, refuted);
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.6));
  VerdictModel model = FixedModel(0.9, 0.1);  // supported most probable
  auto j = JudgeWith(&model, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "place");
  EXPECT_EQ(j->correction, "Lincoln was born in Kentucky");
}

// A support decides alone too when the claim says no more than where the place is (the expert
// then gives 0.9; a rank such as "the 24th largest city in" leaves it at 0.85).
TEST_F(ModelJudgeTest, SettledPlaceSupportDecidesAlone) {
  Expert("place", ClaimKind::kRelation, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel refuting = FixedModel(0.05, 0.9);  // refuted most probable
  auto j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "place");
}

TEST_F(ModelJudgeTest, ConfidentSuperlativeVerdictDecidesAlone) {
  Judgement refuted = Says(Verdict::kRefuted, 0.9, {1});
  refuted.correction = "Jupiter is the largest planet";
  Expert("superlative", ClaimKind::kRelation, refuted);
  VerdictModel model = FixedModel(0.9, 0.1);  // supported most probable
  auto j = JudgeWith(&model, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "superlative");
  EXPECT_EQ(j->correction, "Jupiter is the largest planet");
  // So does its support, from the subject's own entry (regression, default KB: "The Pacific Ocean
  // is the biggest ocean" was refuted at 0.60 against "Pacific: the largest ocean in the world").
  Expert("superlative", ClaimKind::kRelation, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "superlative");
}

// Regression (default KB): "Herman Melville wrote Moby Dick" was refuted at 0.54 against "author
// of Moby Dick". The authorship expert's support decides alone.
TEST_F(ModelJudgeTest, ConfidentAuthorshipSupportDecidesAlone) {
  Expert("authorship", ClaimKind::kRelation, Says(Verdict::kSupported, 0.9, {1}));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  auto j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "authorship");
  EXPECT_EQ(j->evidence, std::vector<size_t>{1});
  // Below the veto it only stands beside the model.
  Expert("authorship", ClaimKind::kRelation, Says(Verdict::kSupported, 0.8, {1}));
  j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

// Regression (default KB): "Charles Dickens wrote Robinson Crusoe" was supported at 0.53 against
// "Robinson Crusoe: the hero of Daniel Defoe's novel". The authorship expert's refutation (another
// maker) decides alone, with its correction.
TEST_F(ModelJudgeTest, ConfidentAuthorshipRefutationDecidesAlone) {
  Expert("authorship", ClaimKind::kRelation,
         Says(Verdict::kRefuted, 0.9, {1}, "Daniel Defoe wrote Robinson Crusoe"));
  VerdictModel supporting = FixedModel(0.9, 0.1);
  auto j = JudgeWith(&supporting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "authorship");
  EXPECT_EQ(j->correction, "Daniel Defoe wrote Robinson Crusoe");
}

// Regression (default KB): "Jane Austen wrote Pride and Prejudice" was refuted at 0.47, and
// "Picasso painted Guernica" supported at 0.56, against entries that name no work. The authorship
// expert's "the person's entry is here and nothing names the work" lets neither stand.
TEST_F(ModelJudgeTest, AWorkNothingNamesLetsTheModelNeitherSupportNorRefute) {
  for (double p_supported : {0.9, 0.05}) {
    Expert("authorship", ClaimKind::kRelation, Says(Verdict::kNotEnoughInfo, 0.85));
    VerdictModel model = FixedModel(p_supported, 0.9);
    auto j = JudgeWith(&model, ClaimKind::kRelation);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo) << p_supported;
    EXPECT_EQ(j->verifier, "authorship");
    EXPECT_TRUE(j->evidence.empty());
  }
  // A specific expert's refutation stands against it.
  Expert("authorship", ClaimKind::kRelation, Says(Verdict::kNotEnoughInfo, 0.85));
  Expert("temporal", ClaimKind::kRelation, Says(Verdict::kRefuted, 0.7, {0}));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  auto j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "temporal");
}

// Regression (default KB): "The whale is a fish" was supported at 0.91. The taxonomy expert's
// refutation (WordNet files the whale under mammals) decides alone; its support, which cites no
// sentence, decides against a model that does not support.
TEST_F(ModelJudgeTest, ConfidentTaxonomyVerdictsDecide) {
  Expert("taxonomy", ClaimKind::kOther, Says(Verdict::kRefuted, 0.9, {}, "The whale is a mammal"));
  VerdictModel supporting = FixedModel(0.9, 0.1);
  auto j = JudgeWith(&supporting, ClaimKind::kOther);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "taxonomy");
  EXPECT_EQ(j->correction, "The whale is a mammal");
  Expert("taxonomy", ClaimKind::kOther, Says(Verdict::kSupported, 0.9));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  j = JudgeWith(&refuting, ClaimKind::kOther);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "taxonomy");
}

// A support from WordNet's map cites no sentence: it decides against a model that refutes, but a
// model that supports keeps its own probability and cites the sentence it read.
TEST_F(ModelJudgeTest, AnUncitedSupportDecidesOnlyAgainstTheModel) {
  Expert("place", ClaimKind::kRelation, Says(Verdict::kSupported, 0.9));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  auto j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "place");
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_TRUE(j->evidence.empty());
  Expert("place", ClaimKind::kRelation, Says(Verdict::kSupported, 0.9));
  VerdictModel supporting = FixedModel(0.8, 0.5);
  j = JudgeWith(&supporting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_NEAR(j->confidence, 0.8, 1e-9);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  // A refutation that cites nothing (WordNet's name for a capital) still decides alone.
  Expert("place", ClaimKind::kRelation, Says(Verdict::kRefuted, 0.9));
  j = JudgeWith(&supporting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "place");
}

// Regression (default KB): "Paris is the capital of Italy" was corrected to "Paris is the capital
// of France" citing Paris's entry; the place expert's refutation from WordNet's map, citing
// nothing, then put "Rome is the capital of Italy" in its place. The cited refutation of another
// specific expert is the same verdict with a reason to read; the rule-based entailment expert's
// is not specific enough.
TEST_F(ModelJudgeTest, AnUncitedRefutationYieldsToACitedOne) {
  VerdictModel supporting = FixedModel(0.8, 0.5);
  Judgement uncited = Says(Verdict::kRefuted, 0.9);
  uncited.correction = "Rome is the capital of Italy";
  Judgement cited = Says(Verdict::kRefuted, 0.7, {0});
  cited.correction = "Paris is the capital of France";
  Expert("place", ClaimKind::kRelation, uncited);
  Expert("relation", ClaimKind::kRelation, cited);
  auto j = JudgeWith(&supporting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "relation");
  EXPECT_EQ(j->correction, "Paris is the capital of France");
  Expert("place", ClaimKind::kRelation, uncited);
  Expert("entailment", ClaimKind::kRelation, cited);
  j = JudgeWith(&supporting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verifier, "place");
  EXPECT_EQ(j->correction, "Rome is the capital of Italy");
}

TEST_F(ModelJudgeTest, LessConfidentPlaceVerdictsLeaveItToTheModel) {
  Expert("place", ClaimKind::kRelation, Says(Verdict::kRefuted, 0.85, {0}));
  VerdictModel model = FixedModel(0.9, 0.1);
  auto j = JudgeWith(&model, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  experts_.clear();
  Expert("place", ClaimKind::kRelation, Says(Verdict::kSupported, 0.85, {0}));
  VerdictModel refuting = FixedModel(0.05, 0.9);
  j = JudgeWith(&refuting, ClaimKind::kRelation);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(ModelJudgeTest, MostProbableVerdictWinsWithItsProbability) {
  struct Case {
    double p_supported, p_refuted_given_not;
    Verdict verdict;
    double confidence;
  };
  const Case cases[] = {
      {0.7, 0.5, Verdict::kSupported, 0.7},
      {0.2, 0.75, Verdict::kRefuted, 0.8 * 0.75},
      {0.1, 0.2, Verdict::kNotEnoughInfo, 0.9 * 0.8},
  };
  for (const Case& c : cases) {
    Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
    VerdictModel model = FixedModel(c.p_supported, c.p_refuted_given_not);
    auto j = JudgeWith(&model, ClaimKind::kTemporal);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->verdict, c.verdict) << c.p_supported;
    EXPECT_NEAR(j->confidence, c.confidence, 1e-9) << c.p_supported;
    ASSERT_TRUE(j->probabilities);
    EXPECT_NEAR(j->probabilities->supported, c.p_supported, 1e-9);
    EXPECT_NEAR(j->probabilities->refuted, (1 - c.p_supported) * c.p_refuted_given_not, 1e-9);
    EXPECT_NEAR(j->probabilities->not_enough_info,
                (1 - c.p_supported) * (1 - c.p_refuted_given_not), 1e-9);
  }
}

TEST_F(ModelJudgeTest, MostSpecificAgreeingExpertExplainsARefutation) {
  Expert("temporal", ClaimKind::kTemporal,
         Says(Verdict::kRefuted, 0.7, {1}, "Lincoln was born in 1810"));
  Expert("numeric", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.9, {2}, "other correction"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8, {0}));
  VerdictModel model = FixedModel(0.1, 0.9);  // refuted
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "temporal");
  EXPECT_EQ(j->evidence, std::vector<size_t>{1});
  EXPECT_EQ(j->correction, "Lincoln was born in 1810");
  EXPECT_NEAR(j->confidence, 0.81, 1e-9);
}

TEST_F(ModelJudgeTest, SupportTakesNoCorrection) {
  Expert("temporal", ClaimKind::kTemporal,
         Says(Verdict::kRefuted, 0.7, {1}, "Lincoln was born in 1810"));
  Expert("relation", ClaimKind::kTemporal,
         Says(Verdict::kSupported, 0.6, {2}, "a correction a supported verdict must drop"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);  // supported
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "relation");
  EXPECT_EQ(j->evidence, std::vector<size_t>{2});
  EXPECT_FALSE(j->correction);
}

TEST_F(ModelJudgeTest, WithoutAgreeingExpertEntailmentCitesTheFirstSentence) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kSupported, 0.7, {1}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  VerdictModel model = FixedModel(0.1, 0.9);  // refuted
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_FALSE(j->correction);
}

TEST_F(ModelJudgeTest, WithoutAgreeingExpertTheEntailmentExpertsEvidenceIsCited) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.7, {1}, "corrected"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6, {2}));
  VerdictModel model = FixedModel(0.9, 0.5);  // supported
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_EQ(j->evidence, std::vector<size_t>{2});
  EXPECT_FALSE(j->correction);
}

// Evidence from two retrieved passages: the passage ranked second holds the best-aligned
// sentence (0) and another (2); the passage ranked first holds sentence 1.
class ModelJudgeCitationTest : public ModelJudgeTest {
 protected:
  ModelJudgeCitationTest() {
    second_.doc_id = "second";
    second_.rank = 1;
    second_.text = "Lincoln was born in 1809. He was born in a cabin.";
    first_.doc_id = "first";
    first_.rank = 0;
    first_.text = "Abraham Lincoln was born on February 12, 1809.";
    ranked_ = {{&second_, {0, 25}, 0.9, 0.9},
               {&first_, {0, first_.text.size()}, 0.7, 0.7},
               {&second_, {26, second_.text.size()}, 0.3, 0.3}};
  }

  std::optional<Judgement> JudgeRanked(const VerdictModel* model) {
    ModelJudge judge = MakeJudge(model);
    return judge.Judge(MakeClaim("Lincoln was born in 1809", ClaimKind::kTemporal), ranked_);
  }

  Passage first_, second_;
  std::vector<EvidenceSentence> ranked_;
};

TEST_F(ModelJudgeCitationTest, TheModelsVerdictCitesTheBestRankedPassage) {
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);  // supported
  auto j = JudgeRanked(&model);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_EQ(j->evidence, std::vector<size_t>{1});
}

TEST_F(ModelJudgeCitationTest, TheEntailmentExpertsChoiceInTheBestRankedPassageStands) {
  second_.rank = 0;
  first_.rank = 1;
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6, {2}));
  VerdictModel model = FixedModel(0.1, 0.9);  // refuted
  auto j = JudgeRanked(&model);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_EQ(j->evidence, std::vector<size_t>{2});
}

TEST_F(ModelJudgeCitationTest, ASpecificExpertCitesTheSentenceItDecidedOn) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kSupported, 0.8, {2}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);  // supported
  auto j = JudgeRanked(&model);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verifier, "temporal");
  EXPECT_EQ(j->evidence, std::vector<size_t>{2});
}

TEST_F(ModelJudgeTest, NotEnoughInfoIsExplainedByTheModelAndCitesNothing) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kNotEnoughInfo, 0.7, {1}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6, {0}));
  VerdictModel model = FixedModel(0.1, 0.2);  // not_enough_info
  auto j = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_TRUE(j->evidence.empty());
  EXPECT_FALSE(j->correction);
}

TEST_F(ModelJudgeTest, EmptyEvidenceIsNotEnoughInfo) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kSupported, 0.9, {0}));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9, {0}));
  VerdictModel model = FixedModel(0.9, 0.5);  // the model leans to supported
  auto j = JudgeWith(&model, ClaimKind::kTemporal, /*with_evidence=*/false);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  ASSERT_TRUE(j->probabilities);
  EXPECT_NEAR(j->confidence, j->probabilities->not_enough_info, 1e-12);
  EXPECT_NEAR(j->confidence, 0.05, 1e-9);
  EXPECT_TRUE(j->evidence.empty());
}

TEST_F(ModelJudgeTest, WithoutEvidenceOnlyADecisiveExpertAnswers) {
  // A comparison verdict comes before retrieval, as from Judge with no evidence.
  Expert("comparison", ClaimKind::kComparison,
         Says(Verdict::kRefuted, 0.95, {}, "220 is more than 200"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.9));
  VerdictModel model = FixedModel(0.9, 0.5);
  ModelJudge judge = MakeJudge(&model);
  auto quick =
      judge.JudgeWithoutEvidence(MakeClaim("220 is less than 200", ClaimKind::kComparison));
  ASSERT_TRUE(quick);
  EXPECT_EQ(quick->verdict, Verdict::kRefuted);
  EXPECT_EQ(quick->verifier, "comparison");
  EXPECT_EQ(quick->correction, "220 is more than 200");
  // Otherwise the model, which says not_enough_info without evidence, is not asked at all.
  auto none = judge.JudgeWithoutEvidence(MakeClaim("Lincoln was born in 1809", ClaimKind::kOther));
  EXPECT_FALSE(none);
  auto full = judge.Judge(MakeClaim("Lincoln was born in 1809", ClaimKind::kOther), {});
  ASSERT_TRUE(full);
  EXPECT_EQ(full->verdict, Verdict::kNotEnoughInfo);
  // Without a model, the first expert's verdict, as Judge gives it.
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8));
  ModelJudge rules = MakeJudge(nullptr);
  auto first = rules.JudgeWithoutEvidence(MakeClaim("Lincoln was born in 1809", ClaimKind::kOther));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->verdict, Verdict::kSupported);
  EXPECT_EQ(first->verifier, "entailment");
}

TEST_F(ModelJudgeTest, WithoutModelTheFirstVerdictDecides) {
  Expert("temporal", ClaimKind::kTemporal, std::nullopt);
  Expert("numeric", ClaimKind::kTemporal, Says(Verdict::kNotEnoughInfo, 0.9));
  Expert("relation", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.7, {1}, "corrected"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.8, {0}));
  auto j = JudgeWith(nullptr, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "relation");
  EXPECT_DOUBLE_EQ(j->confidence, 0.7);
  EXPECT_EQ(j->evidence, std::vector<size_t>{1});
  EXPECT_EQ(j->correction, "corrected");
  EXPECT_FALSE(j->probabilities);
}

TEST_F(ModelJudgeTest, WithoutModelOrVerdictTheLastAnsweringExpertIsNamed) {
  Expert("temporal", ClaimKind::kTemporal, Says(Verdict::kNotEnoughInfo, 0.9));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kNotEnoughInfo, 0.6));
  Expert("late", ClaimKind::kTemporal, std::nullopt);
  auto j = JudgeWith(nullptr, ClaimKind::kTemporal);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_DOUBLE_EQ(j->confidence, 0.5);
  EXPECT_FALSE(j->probabilities);

  auto none = JudgeWith(nullptr, ClaimKind::kTemporal);  // no experts left
  ASSERT_TRUE(none);
  EXPECT_EQ(none->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(none->verifier, "none");
}

TEST_F(ModelJudgeTest, FeaturesCarryTheApplicableExpertsOpinions) {
  Expert("comparison", ClaimKind::kComparison, Says(Verdict::kRefuted, 0.99));
  Expert("numeric", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.8));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.6, {0}));
  VerdictModel model = FixedModel(0.5, 0.5);
  ModelJudge judge = MakeJudge(&model);
  auto ev = evidence_.Build();
  std::vector<std::string> keys;
  auto f = judge.Features(MakeClaim("Lincoln was born in 1809", ClaimKind::kTemporal), ev, &keys);
  ASSERT_EQ(f.size(), ClaimFeaturizer::Names().size());
  EXPECT_FLOAT_EQ(f[Slot("numeric_refutes")], 0.8f);
  EXPECT_FLOAT_EQ(f[Slot("entailment_supports")], 0.6f);
  EXPECT_EQ(f[Slot("comparison_refutes")], 0);
  EXPECT_EQ(f[Slot("evidence_sentences")], 3);
  EXPECT_FALSE(keys.empty());
}

TEST_F(ModelJudgeTest, TheModelReadsTheExpertsOpinions) {
  // One split on "numeric_refutes": below 0.5 the supported head leans to supported, above it
  // strongly against.
  RegressionTree tree;
  tree.feature = {static_cast<int32_t>(Slot("numeric_refutes")), -1, -1};
  tree.left = {1, -1, -1};
  tree.right = {2, -1, -1};
  tree.threshold = {0.5f, 2.0f, -4.0f};
  tree.default_left = {1, 0, 0};
  BinaryHead supported, refuted;
  supported.trees.push_back(tree);
  refuted.base_margin = Logit(0.9);
  VerdictModel model("test", ClaimFeaturizer::Names(), supported, refuted, LexicalModel{}, "{}");

  Expert("numeric", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.8, {1}, "corrected"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.6, {0}));
  auto refuting = JudgeWith(&model, ClaimKind::kTemporal);
  ASSERT_TRUE(refuting);
  EXPECT_EQ(refuting->verdict, Verdict::kRefuted);
  EXPECT_EQ(refuting->verifier, "numeric");

  // The numeric expert does not apply to a relation claim: its opinion is absent.
  Expert("numeric", ClaimKind::kTemporal, Says(Verdict::kRefuted, 0.8, {1}, "corrected"));
  Expert("entailment", ClaimKind::kOther, Says(Verdict::kSupported, 0.6, {0}));
  auto supporting = JudgeWith(&model, ClaimKind::kRelation);
  ASSERT_TRUE(supporting);
  EXPECT_EQ(supporting->verdict, Verdict::kSupported);
  EXPECT_EQ(supporting->verifier, "entailment");
  EXPECT_EQ(supporting->evidence, std::vector<size_t>{0});
}

// An expert that asks for a follow-up query and records how many sentences it was shown.
class AskingExpert : public Verifier {
 public:
  AskingExpert(std::string name, std::vector<std::string> queries, std::optional<Judgement> j)
      : name_(std::move(name)), queries_(std::move(queries)), judgement_(std::move(j)) {}
  std::string_view name() const override { return name_; }
  bool AppliesTo(const Claim&) const override { return true; }
  std::vector<std::string> FollowUpQueries(const Claim&) const override { return queries_; }
  std::optional<Judgement> Judge(const Claim&,
                                 std::span<const EvidenceSentence> evidence) const override {
    seen = evidence.size();
    return judgement_;
  }
  mutable size_t seen = 0;

 private:
  std::string name_;
  std::vector<std::string> queries_;
  std::optional<Judgement> judgement_;
};

// Follow-up sentences (found for an expert's own query) go only to the experts that asked; the
// model's features come from the claim's own evidence, so they are what training saw.
TEST_F(ModelJudgeTest, FollowUpEvidenceGoesOnlyToTheExpertsThatAskedForIt) {
  auto asking = std::make_unique<AskingExpert>(
      "superlative", std::vector<std::string>{"the largest planet"}, std::nullopt);
  auto other = std::make_unique<AskingExpert>("numeric", std::vector<std::string>{}, std::nullopt);
  AskingExpert* asking_raw = asking.get();
  AskingExpert* other_raw = other.get();
  experts_.push_back(std::move(asking));
  experts_.push_back(std::move(other));
  ModelJudge judge = MakeJudge(nullptr);
  const Claim claim = MakeClaim("Lincoln was born in 1809", ClaimKind::kRelation);
  EXPECT_EQ(judge.FollowUpQueries(claim), std::vector<std::string>{"the largest planet"});

  std::vector<EvidenceSentence> evidence = evidence_.Build();
  const std::vector<float> own_features = judge.Features(claim, evidence);
  evidence.push_back(evidence[2]);
  evidence.back().follow_up = true;
  ASSERT_TRUE(judge.Judge(claim, evidence));
  EXPECT_EQ(asking_raw->seen, 4u);
  EXPECT_EQ(other_raw->seen, 3u);
  const std::vector<float> with_follow_up = judge.Features(claim, evidence);
  ASSERT_EQ(with_follow_up.size(), own_features.size());
  for (size_t i = 0; i < own_features.size(); ++i) {  // a missing value (NaN) stays missing
    if (std::isnan(own_features[i])) {
      EXPECT_TRUE(std::isnan(with_follow_up[i])) << ClaimFeaturizer::Names()[i];
    } else {
      EXPECT_EQ(with_follow_up[i], own_features[i]) << ClaimFeaturizer::Names()[i];
    }
  }
}

// A refutation found in follow-up evidence cites that sentence; the model's own reading never does.
TEST_F(ModelJudgeTest, AVerdictFromFollowUpEvidenceCitesIt) {
  experts_.push_back(std::make_unique<AskingExpert>(
      "superlative", std::vector<std::string>{"the largest planet"},
      Says(Verdict::kRefuted, 0.9, {3}, "Jupiter is the largest planet")));
  VerdictModel supporting = FixedModel(0.9, 0.1);
  ModelJudge judge = MakeJudge(&supporting);
  std::vector<EvidenceSentence> evidence = evidence_.Build();
  evidence.push_back(evidence[2]);
  evidence.back().follow_up = true;
  auto j = judge.Judge(MakeClaim("Mars is the largest planet", ClaimKind::kRelation), evidence);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->evidence, std::vector<size_t>{3});

  // Only follow-up evidence: the model has nothing of the claim's own to read.
  experts_.push_back(
      std::make_unique<AskingExpert>("numeric", std::vector<std::string>{"x"}, std::nullopt));
  ModelJudge alone = MakeJudge(&supporting);
  std::vector<EvidenceSentence> only_follow_up = {evidence.back()};
  j = alone.Judge(MakeClaim("Mars is the largest planet", ClaimKind::kRelation), only_follow_up);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
}

}  // namespace
}  // namespace fg
