#include "verifiers/numeric_verifier.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

Claim MakeClaim(std::string text) {
  return fg::testing::MakeClaim(std::move(text), ClaimKind::kNumeric);
}

class NumericVerifierTest : public ::testing::Test {
 protected:
  void Add(const std::string& sentence, double alignment) { evidence_.Add(sentence, alignment); }
  std::optional<Judgement> Judge(const std::string& claim, NumericVerifierOptions options = {}) {
    auto ev = evidence_.Build();
    return NumericVerifier(options).Judge(MakeClaim(claim), ev);
  }

  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(NumericVerifierTest, SupportsTheSameValue) {
  Add("The Eiffel Tower is 330 metres tall.", 0.9);
  auto j = Judge("The Eiffel Tower is 330 metres tall");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_FALSE(j->correction);
  EXPECT_GT(j->confidence, 0.8);
}

// A bound holds or not, strictly and without rounding tolerance (regressions from VitaminC: "less
// than 37 critics" against "37 critics" was supported).
TEST_F(NumericVerifierTest, BoundsAreStrict) {
  Add("The film holds an average score of 23, based on 37 critics.", 0.9);
  auto less = Judge("The film was reviewed by less than 37 critics");
  ASSERT_TRUE(less);
  EXPECT_EQ(less->verdict, Verdict::kRefuted);
  EXPECT_EQ(*less->correction, "The film was reviewed by 37 critics");
  auto at_most = Judge("The film was reviewed by at most 37 critics");
  ASSERT_TRUE(at_most);
  EXPECT_EQ(at_most->verdict, Verdict::kSupported);
  auto more = Judge("The film was reviewed by more than 30 critics");
  ASSERT_TRUE(more);
  EXPECT_EQ(more->verdict, Verdict::kSupported);
  auto fewer = Judge("The film was reviewed by fewer than 30 critics");
  ASSERT_TRUE(fewer);
  EXPECT_EQ(fewer->verdict, Verdict::kRefuted);
}

TEST_F(NumericVerifierTest, RefutesWithCorrection) {
  Add("The Eiffel Tower is 330 metres tall.", 0.9);
  auto j = Judge("The Eiffel Tower is 500 metres tall");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The Eiffel Tower is 330 metres tall");
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
}

TEST_F(NumericVerifierTest, ConvertsUnitsAndScales) {
  Add("The Eiffel Tower is 330 m tall and the city has 1,500,000 inhabitants.", 0.8);
  auto j = Judge("The Eiffel Tower is about 0.33 km tall");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  j = Judge("The city has 1.5 million inhabitants");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  j = Judge("The city has 2.5 million inhabitants");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The city has 1,500,000 inhabitants");
}

TEST_F(NumericVerifierTest, CommaThousandsCompareEqual) {
  Add("The parish had 1,865 residents in the census.", 0.8);
  auto j = Judge("The parish had 1865 residents");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(NumericVerifierTest, PicksTheQuantityAboutTheSameThing) {
  Add("Paris has 20 districts and 2,100,000 residents.", 0.8);
  auto j = Judge("Paris has 30 districts");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Paris has 20 districts");
  j = Judge("Paris has 2.1 million residents");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(NumericVerifierTest, HonoursBoundsAndApproximations) {
  Add("The bridge is 1,280 metres long.", 0.9);
  EXPECT_EQ(Judge("The bridge is more than 1 km long")->verdict, Verdict::kSupported);
  EXPECT_EQ(Judge("The bridge is less than 1 km long")->verdict, Verdict::kRefuted);
  EXPECT_EQ(Judge("The bridge is about 1,300 metres long")->verdict, Verdict::kSupported);
  EXPECT_EQ(Judge("The bridge is between 1 and 2 km long")->verdict, Verdict::kSupported);
}

TEST_F(NumericVerifierTest, AbstainsOnMismatchedUnitsOrWeakEvidence) {
  Add("The statue weighs 225 tonnes.", 0.9);
  EXPECT_FALSE(Judge("The statue is 93 metres tall"));
  evidence_.Clear();
  Add("The Eiffel Tower is 330 metres tall.", 0.3);  // below the alignment threshold
  EXPECT_FALSE(Judge("The Eiffel Tower is 500 metres tall"));
  NumericVerifierOptions lenient;
  lenient.min_alignment = 0.2;
  EXPECT_TRUE(Judge("The Eiffel Tower is 500 metres tall", lenient));
  evidence_.Clear();
  Add("The museum has 40 rooms.", 0.9);
  EXPECT_FALSE(Judge("The museum has 3 million visitors"));  // no shared word near the number
  EXPECT_FALSE(Judge("The museum has many rooms"));
}

TEST_F(NumericVerifierTest, CloseButUnequalAbstains) {
  Add("The city has 2,050,000 residents.", 0.9);
  EXPECT_FALSE(Judge("The city has 2 million residents"));
}

TEST_F(NumericVerifierTest, UsesBestAlignedDecisiveSentenceAndCollectsAgreeingOnes) {
  Add("The river is long.", 0.9);
  Add("The river is 6,650 km long.", 0.8);
  Add("The river, 6650 kilometres long, flows north.", 0.7);
  auto j = Judge("The river is 6,650 km long");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence, (std::vector<size_t>{1, 2}));
}

TEST_F(NumericVerifierTest, AppliesToNonYearQuantities) {
  NumericVerifier v;
  EXPECT_TRUE(v.AppliesTo(MakeClaim("The tower is 330 metres tall")));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("Turnout was 45%")));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("Lincoln was born in 1809")));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("It happened in the 19th century")));
  EXPECT_EQ(v.name(), "numeric");
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

// Regression: "boils" sits after the 0 and before the 100; the 0 used to win the tie and the
// claim was "corrected" to the freezing point.
TEST_F(NumericVerifierTest, PicksTheQuantityTheSharedWordDescribes) {
  Add("Water freezes into ice below 0 degrees centigrade and boils at 100 degrees centigrade.",
      0.9);
  auto j = Judge("Water boils at 100 degrees Celsius at sea level");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("Water freezes into ice below 0 degrees centigrade and boils at 100 degrees centigrade.",
      0.9);
  j = Judge("Water boils at 90 degrees Celsius");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Water boils at 100 degrees centigrade");
}

}  // namespace
}  // namespace fg
