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

// A bound against a bound (regression from FEVER: "grossed under $873 million" against "grossed
// over $ 873 million" was supported, as was "over"): disjoint refutes, nested supports, and
// partly overlapping says nothing.
TEST_F(NumericVerifierTest, BoundAgainstBound) {
  Add("The films collectively grossed over $ 873 million at the box office worldwide .", 0.9);
  auto under = Judge("The Saw films grossed under $873 million.");
  ASSERT_TRUE(under);
  EXPECT_EQ(under->verdict, Verdict::kRefuted);
  auto over = Judge("The Saw films grossed over $873 million.");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->verdict, Verdict::kSupported);
  auto at_most = Judge("The Saw films grossed at most $873 million.");
  ASSERT_TRUE(at_most);
  EXPECT_EQ(at_most->verdict, Verdict::kRefuted);
  EXPECT_EQ(Judge("The Saw films grossed more than $500 million.")->verdict, Verdict::kSupported);
  EXPECT_FALSE(Judge("The Saw films grossed more than $900 million."));
  EXPECT_FALSE(Judge("The Saw films grossed less than $900 million."));
}

// Regressions from VitaminC, each with little in common with its evidence but the figure.
TEST_F(NumericVerifierTest, EveryQuantityOfTheClaimCounts) {
  // The first quantity agrees, the second does not: refuted, corrected where it fails.
  Add("Rotten Tomatoes gave the film a rating of 70 % , based on 105 reviews .", 0.2);
  auto j = Judge("The film has a rating of 70 % based on more than 106 reviews");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(*j->correction, "The film has a rating of 70 % based on 105 reviews");
  EXPECT_EQ(Judge("The film has a rating of 70 % based on more than 100 reviews")->verdict,
            Verdict::kSupported);
}

TEST_F(NumericVerifierTest, ReadsSentencesThatShareOnlyTheFigure) {
  Add("The review aggregator website Rotten Tomatoes reported a 57 % approval rating , based on "
      "108 reviews .",
      0.1);
  auto j = Judge("Focus ( film ) received less than 105 reviews .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(NumericVerifierTest, AnotherFigureRefutesOnlyWhenItIsAboutTheSameThing) {
  // The test count's head ("tests") follows "coronavirus" in the claim; the 5,526 of "an increase
  // of 5,526" shares no word near it and must not refute.
  Add("there have been 669,982 tests , of which there were 257,216 confirmed cases ( an increase "
      "of 5,526 from the day before ) in the state .",
      0.4);
  auto j = Judge("The state of New York has performed more than 650,000 coronavirus tests .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

// A count of the claim's own noun is the figure it speaks of, however many of the claim's words
// stand before another figure (regressions from VitaminC: the grades "(7-8)" after the school's
// name refuted "more than 1500 students", and "four Grammy Awards" corrected "seven Latin Grammy
// Awards" although the sentence has "eight Latin Grammy Awards").
TEST_F(NumericVerifierTest, ACountOfTheClaimsNounComesFirst) {
  Add("Fairhope Middle School ( 7-8 ) , 2567 students , Principal Angie Hall .", 0.5);
  auto j = Judge("Fairhope Middle School in Alabama has more than 1500 students .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(NumericVerifierTest, ACountOfTheClaimsNounCorrectsIt) {
  Add("Mana has earned four Grammy Awards , eight Latin Grammy Awards , five MTV Video Music "
      "Awards Latin America and nineteen Billboard Latin Music Awards .",
      0.6);
  auto j = Judge("Mana has earned seven Latin Grammy Awards .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(*j->correction, "Mana has earned eight Latin Grammy Awards .");
}

// Words around a figure meet in any form (regression from VitaminC: "rated below 50 %" found no
// figure in "an approval rating of 100 %": "rated" and "rating" did not meet).
TEST_F(NumericVerifierTest, WordsAroundAFigureMeetByTheirStems) {
  Add("On Rotten Tomatoes the film has an approval rating of 100 % based on 131 reviews .", 0.5);
  auto j = Judge("Blended is rated below 50 % on Rotten Tomatoes .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(*j->correction, "Blended is rated 100 % on Rotten Tomatoes .");
}

// A count of things is whole (regression from VitaminC: "Averaged over 180 critics" was
// corrected to "Averaged 9.7 critics" from "an average rating of 9.7/10"), unless the figure
// has the claim's own noun ("135.71 crore").
TEST_F(NumericVerifierTest, ACountOfThingsIsWhole) {
  Add("On Rotten Tomatoes , the film has an approval rating of 91 % based on 180 reviews , and an "
      "average rating of 9.7/10 .",
      0.5);
  auto j =
      Judge("Averaged over 180 critics , the film holds an approval rating of more than 15 % .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_FALSE(j->correction);
}

// A coordinated figure counts what the figure before it counts: "and 6.6 million worldwide" are
// copies sold too (the claim's "6.6 million copies worldwide" was refuted with the 3.6 million
// copies sold in the United States, the only figure with the claim's noun).
TEST_F(NumericVerifierTest, ACoordinatedFigureCountsWhatTheOneBeforeCounts) {
  Add("The album sold 3.6 million copies in the United States , and 6.6 million worldwide .", 0.6);
  auto worldwide = Judge("The album sold 6.6 million copies worldwide .");
  ASSERT_TRUE(worldwide);
  EXPECT_EQ(worldwide->verdict, Verdict::kSupported);
  auto wrong = Judge("The album sold 5 million copies worldwide .");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->verdict, Verdict::kRefuted);
  EXPECT_EQ(*wrong->correction, "The album sold 6.6 million copies worldwide .");
  auto in_us = Judge("The album sold 4 million copies in the United States .");
  ASSERT_TRUE(in_us);
  EXPECT_EQ(in_us->verdict, Verdict::kRefuted);
  EXPECT_EQ(*in_us->correction, "The album sold 3.6 million copies in the United States .");
}

// A part is not the whole's count: a figure followed by "of them" inherits nothing (from VitaminC:
// with every figure lacking a noun of its own inheriting, "under 268,000 of them were positive"
// read as a count of tests and was refuted by the 695,920 tests performed).
TEST_F(NumericVerifierTest, APartInheritsNothing) {
  Add("there have been 695,920 tests , of which there were 263,460 confirmed cases ( an increase "
      "of 6,244 from the day before ) in the state , and of those 15,740 people have died ( up 438 "
      "overnight ) .",
      0.6);
  auto j = Judge(
      "Less than 700,000 tests for coronavirus have been performed in the state of New York , "
      "under 268,000 of them were positive and of those less than 16,000 people have died .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_FALSE(j->correction);
}

TEST_F(NumericVerifierTest, AFigureWithTheClaimsNounNeedNotBeWhole) {
  Add("The film received positive reviews and has grossed 135.71 crore .", 0.5);
  auto j = Judge("Manikarnika made more than 140 crore .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(*j->correction, "Manikarnika made 135.71 crore .");
}

TEST_F(NumericVerifierTest, ApproximateEvidenceAgainstABound) {
  Add("The closures affected about 99.4 % of the world 's students .", 0.5);
  auto j = Judge("The closures affected less than 95 % of students .");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(Judge("The closures affected more than 90 % of students .")->verdict,
            Verdict::kSupported);
  EXPECT_FALSE(Judge("The closures affected less than 99.5 % of students ."));
  evidence_.Clear();
  Add("The company is owned approximately 68.57 % by the government .", 0.9);
  EXPECT_EQ(Judge("The government owns approximately 58.57 % of the company .")->verdict,
            Verdict::kRefuted);
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

// Regression (default KB): "Mont Blanc is 4807 meters high" was refuted against "(15,781 feet
// high)", 4810 m, as if the two were written to the metre.
TEST_F(NumericVerifierTest, AFigureInAnotherUnitComparesWithinTheTolerance) {
  Add("Mont Blanc: the highest mountain peak in the Alps (15,781 feet high).", 0.8);
  auto j = Judge("Mont Blanc is 4807 meters high");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  j = Judge("Mont Blanc is 4000 meters high");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mont Blanc is 15,781 feet high");
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
  Add("The Eiffel Tower is 330 metres tall.", 0.3);
  NumericVerifierOptions strict;
  strict.min_alignment = 0.5;  // the sentence is below it
  EXPECT_FALSE(Judge("The Eiffel Tower is 500 metres tall", strict));
  EXPECT_TRUE(Judge("The Eiffel Tower is 500 metres tall"));  // by default every sentence counts
  evidence_.Clear();
  Add("The museum has 40 rooms.", 0.9);
  EXPECT_FALSE(Judge("The museum has 3 million visitors"));  // no shared word near the number
  EXPECT_FALSE(Judge("The museum has many rooms"));
}

TEST_F(NumericVerifierTest, CloseButUnequalAbstains) {
  Add("The city has 2,050,000 residents.", 0.9);
  EXPECT_FALSE(Judge("The city has 2 million residents"));
}

// Figures written to the unit differ however close they are (regressions from VitaminC: "play 75
// games" against "76 games" came back supported at 0.79, being within 2 %).
TEST_F(NumericVerifierTest, FiguresWrittenToTheUnitMustBeEqual) {
  Add("Short season leagues play a shortened season of 76 games.", 0.9);
  Add("The film has an approval rating of 93 % on Rotten Tomatoes.", 0.9);
  auto games = Judge("Short season leagues play 75 games");
  ASSERT_TRUE(games);
  EXPECT_EQ(games->verdict, Verdict::kRefuted);
  EXPECT_EQ(*games->correction, "Short season leagues play 76 games");
  auto rating = Judge("The film has an approval rating of 92 %");
  ASSERT_TRUE(rating);
  EXPECT_EQ(rating->verdict, Verdict::kRefuted);
  auto same = Judge("Short season leagues play 76 games");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->verdict, Verdict::kSupported);
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

// Ordinal ranks (regressions from VitaminC: "the fourth largest city" against "the third largest
// city" and "Macklemore's debut studio album" against "the second studio album" were supported).
TEST_F(NumericVerifierTest, AnotherRankOfTheSameThingRefutes) {
  Add("Santa Clarita is the third largest city in Los Angeles County, and the 24th largest in "
      "the state.",
      0.9);
  auto j = Judge("Santa Clarita is the fourth largest city in Los Angeles County.");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(*j->correction, "Santa Clarita is the third largest city in Los Angeles County.");
  // The rank the claim states is in the sentence too: nothing to say.
  EXPECT_FALSE(Judge("Santa Clarita is the 24th largest city in California."));
}

TEST_F(NumericVerifierTest, ARankRanksByTheWordAfterIt) {
  struct Case {
    std::string evidence, claim, correction;
  };
  const std::vector<Case> cases = {
      {"The Heist is the second studio album by American rapper Macklemore.",
       "The Heist is Macklemore's debut studio album.",
       "The Heist is Macklemore's second studio album."},
      {"He is currently the fifth-highest scoring Italian player.",
       "Roberto Baggio is the 4th highest goal scorer.",
       "Roberto Baggio is the fifth highest goal scorer."},
      {"It is the 38th most abundant element in the crust.",
       "Lead is the 37th most abundant element in the crust.",
       "Lead is the 38th most abundant element in the crust."},
  };
  for (const Case& c : cases) {
    evidence_.Clear();
    Add(c.evidence, 0.9);
    auto j = Judge(c.claim);
    ASSERT_TRUE(j) << c.claim;
    EXPECT_EQ(j->verdict, Verdict::kRefuted) << c.claim;
    EXPECT_EQ(j->correction.value_or(""), c.correction);
  }
  // A rank of something else says nothing: "the first time" is no album.
  evidence_.Clear();
  Add("For the first time the band toured Europe.", 0.9);
  EXPECT_FALSE(Judge("The Heist is Macklemore's second album."));
}

// A rank is someone's: another person's rank says nothing of the claim's subject (the numeric
// expert refuted "Neil Armstrong was the first person to walk on the Moon" with "Buzz Aldrin was
// the second person ...", corrected to "second").
TEST_F(NumericVerifierTest, ARankOfAnotherSubjectSaysNothing) {
  Add("Buzz Aldrin was the second person to walk on the Moon.", 0.9);
  EXPECT_FALSE(Judge("Neil Armstrong was the first person to walk on the Moon."));
  auto aldrin = Judge("Aldrin was the first person to walk on the Moon.");
  ASSERT_TRUE(aldrin);
  EXPECT_EQ(aldrin->verdict, Verdict::kRefuted);
  EXPECT_EQ(aldrin->correction.value_or(""), "Aldrin was the second person to walk on the Moon.");
  evidence_.Clear();
  Add("Spanish is her first language, and she also speaks English.", 0.9);
  EXPECT_FALSE(Judge("English is her second language."));
}

TEST_F(NumericVerifierTest, AnAgreeingRankIsNoSupport) {
  Add("The third case of coronavirus was confirmed in Debrecen.", 0.9);
  EXPECT_FALSE(Judge("The third case of coronavirus was confirmed in Szeged."));
  // Nor does a rank the claim itself states refute its other rank of the same thing.
  evidence_.Clear();
  Add("The film grossed $9 million in its second week.", 0.9);
  auto j = Judge("The film grossed less in its second week than in its first week.");
  EXPECT_FALSE(j && j->verdict == Verdict::kRefuted);
}

// Regression from FEVER: "Yale's alumni includes 19 justices" was refuted by "five U.S.
// Presidents": the initialism after a figure is not its head.
TEST_F(NumericVerifierTest, AnInitialismIsNotTheHead) {
  Add("Yale has graduated many notable alumni , including five U.S. Presidents , 19 U.S. Supreme "
      "Court Justices , 20 living billionaires , and many heads of state .",
      0.9);
  auto j = Judge("Yale University's alumni includes 19 justices.");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  auto wrong = Judge("Yale University's alumni includes 17 justices.");
  EXPECT_FALSE(wrong && wrong->verdict == Verdict::kSupported);
}

// A claim that denies its figure is refuted by the figure (regressions from FEVER: "Lyon's
// population has never increased above 500,000" and "did not have a viewership of over a
// million" were supported), and says nothing against another figure; a sentence denying the
// figure too agrees with it.
TEST_F(NumericVerifierTest, AClaimThatDeniesItsFigure) {
  Add("The episode was watched by 7.66 million viewers in its initial broadcast.", 0.9);
  auto denied = Judge("The episode did not have more than a million viewers.");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->verdict, Verdict::kRefuted);
  EXPECT_FALSE(denied->correction);
  EXPECT_FALSE(Judge("The episode did not have more than 9 million viewers."));
  // A negation in another clause, or after the figure, does not deny it.
  auto other = Judge("The episode had 7.66 million viewers, but it did not win an award.");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("Martin said he does not believe bands should keep going past the age of 33 .", 0.9);
  auto both = Judge("Martin said bands should not go beyond the age of 33 .");
  ASSERT_TRUE(both);
  EXPECT_EQ(both->verdict, Verdict::kSupported);
}

// A sentence that states the claim's figure for the same thing besides another does not refute it
// (regression from FEVER: "ALS usually starts around the age of 50" was refuted by "usually starts
// around the age of 60 and in inherited cases around the age of 50" and corrected to 60). A bound
// is no such figure: "less than 74 %" is still refuted by "74 %".
TEST_F(NumericVerifierTest, AnAgreeingFigureBesideAnotherIsNoRefutation) {
  Add("The disease usually starts around the age of 60 and in inherited cases around the age of "
      "50 .",
      0.9);
  auto j = Judge("The disease usually starts around the age of 50.");
  EXPECT_FALSE(j && j->verdict == Verdict::kRefuted);
  evidence_.Clear();
  Add("The film holds a rating of 74 % on Rotten Tomatoes , based on 120 reviews .", 0.9);
  auto bound = Judge("The film 's rating was less than 74 % on Rotten Tomatoes .");
  ASSERT_TRUE(bound);
  EXPECT_EQ(bound->verdict, Verdict::kRefuted);
}

// Regressions from VitaminC: "Thor earned a total of more than $449.5 million globally" was refuted
// by "$181.7 million in North America" beside "a worldwide total of $450 million", and "more than
// 740 confirmed cases" by the 26 of "747 officially confirmed cases in 26 out of 28 provinces".
// "globally" and "worldwide" are one scope, which picks the figure; an adverb before the noun is
// not the head.
TEST_F(NumericVerifierTest, WorldScopeAndAdverbsBeforeTheNoun) {
  Add("Thor earned $ 181.7 million in North America and $ 268.3 million in other territories for "
      "a worldwide total of $ 450 million .",
      0.9);
  auto world = Judge("The film Thor earned a total of more than $ 449.5 million globally .");
  ASSERT_TRUE(world);
  EXPECT_EQ(world->verdict, Verdict::kSupported);
  auto wrong = Judge("The film Thor earned a total of more than $ 460 million globally .");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->verdict, Verdict::kRefuted);
  EXPECT_EQ(wrong->correction.value_or(""),
            "The film Thor earned a total of $ 450 million globally .");
  // A scope word between two figures is the nearer one's: "in other territories" is the $5.7
  // million's, "a worldwide total" the $46.3 million's; and "outside North America" picks the
  // figure "in other territories".
  evidence_.Clear();
  Add("The Night Before has grossed $ 40.6 million in North America and $ 5.7 million in other "
      "territories for a worldwide total of $ 46.3 million .",
      0.9);
  auto total = Judge("The Night Before made over $ 46 million worldwide .");
  ASSERT_TRUE(total);
  EXPECT_EQ(total->verdict, Verdict::kSupported);
  auto abroad = Judge("The Night Before made more than $ 6 million outside North America .");
  ASSERT_TRUE(abroad);
  EXPECT_EQ(abroad->verdict, Verdict::kRefuted);
  EXPECT_EQ(abroad->correction.value_or(""),
            "The Night Before made $ 5.7 million outside North America .");
  evidence_.Clear();
  Add("As of 15 April 2020 , there are 747 officially confirmed cases in 26 out of 28 Bulgarian "
      "provinces .",
      0.9);
  auto cases = Judge("Bulgaria had more than 740 confirmed cases of coronavirus .");
  ASSERT_TRUE(cases);
  EXPECT_EQ(cases->verdict, Verdict::kSupported);
}

// A whole does not refute a part (regression from VitaminC: "Jevon Kearse made 7 of his tackles for
// losses" was refuted by "He also recorded 57 tackles" and corrected to "57 of his tackles"); a
// part of the same whole still does.
TEST_F(NumericVerifierTest, AWholeDoesNotRefuteAPart) {
  Add("He also recorded 57 tackles and he batted away 9 passes .", 0.9);
  auto part = Judge("Jevon Kearse made 7 of his tackles for losses .");
  EXPECT_FALSE(part && part->verdict == Verdict::kRefuted);
  evidence_.Clear();
  Add("He made 12 of his tackles for losses .", 0.9);
  auto other = Judge("Jevon Kearse made 7 of his tackles for losses .");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->verdict, Verdict::kRefuted);
}

TEST_F(NumericVerifierTest, AppliesToAClaimWithOnlyARank) {
  EXPECT_TRUE(NumericVerifier().AppliesTo(MakeClaim("It is the third largest city.")));
  EXPECT_FALSE(NumericVerifier().AppliesTo(MakeClaim("It is a large city.")));
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
