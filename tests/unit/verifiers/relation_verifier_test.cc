#include "verifiers/relation_verifier.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "src/core/wordnet.h"
#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

Claim MakeClaim(std::string text, ClaimKind kind = ClaimKind::kRelation) {
  return fg::testing::MakeClaim(std::move(text), kind);
}

class RelationVerifierTest : public ::testing::Test {
 protected:
  RelationVerifierTest() : aligner_(nullptr, nullptr), verifier_(&aligner_) {}
  void Add(const std::string& sentence, double alignment = 0.8) {
    evidence_.Add(sentence, alignment);
  }
  std::optional<Judgement> Judge(const Claim& claim) {
    auto ev = evidence_.Build();
    return verifier_.Judge(claim, ev);
  }
  std::optional<Judgement> Judge(const std::string& claim) { return Judge(MakeClaim(claim)); }

  Aligner aligner_;
  RelationVerifier verifier_;
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(RelationVerifierTest, RefutesAnotherNameInTheSlotWithCorrection) {
  Add("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
  auto j = Judge("Lincoln was assassinated by Oswald");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "relation");
  EXPECT_EQ(j->correction, "Lincoln was assassinated by John Wilkes Booth");
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_GT(j->confidence, 0.8);
}

// Regression from FEVER: "Michael Vick is a former quarterback in the NFL" was refuted by "in the
// National Football League ( NFL )" and corrected to it.
TEST_F(RelationVerifierTest, AnAcronymIsTheSameName) {
  Add("Michael Vick is a former quarterback who played 13 seasons in the National Football League "
      ".");
  auto j = Judge("Michael Vick is a former quarterback in the NFL.");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  auto other = Judge("Michael Vick is a former quarterback in the NBA.");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->verdict, Verdict::kRefuted);
}

TEST_F(RelationVerifierTest, SupportsTheSameName) {
  Add("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
  auto j = Judge("Lincoln was assassinated by Booth");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_FALSE(j->correction);
  // The evidence may name the object more briefly than the claim.
  evidence_.Clear();
  Add("Lincoln was assassinated by Booth.");
  j = Judge("Abraham Lincoln was assassinated by John Wilkes Booth");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(RelationVerifierTest, ReadsTheSubjectFromThePassageTitle) {
  // A WordNet entry: the title names the subject the gloss leaves implicit.
  evidence_.SetTitle("Lincoln, Abraham Lincoln, President Lincoln");
  Add("16th President of the United States; was assassinated by Booth (1809-1865).");
  auto j = Judge("Lincoln was assassinated by Oswald");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Lincoln was assassinated by Booth");
}

TEST_F(RelationVerifierTest, SkipsArticlesAndDescriptionsBeforeTheName) {
  Add("Lincoln was assassinated by the actor John Wilkes Booth.");
  auto j = Judge("Lincoln was assassinated by Oswald");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Lincoln was assassinated by John Wilkes Booth");
}

TEST_F(RelationVerifierTest, PredicateOfStopWordsMustAppearWordForWord) {
  Add("Kilimanjaro is in Tanzania.");
  auto j = Judge("Kilimanjaro is in Peru");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Kilimanjaro is in Tanzania");
  EXPECT_EQ(Judge("Kilimanjaro is in Tanzania")->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("Kilimanjaro is the highest peak in Africa.");
  EXPECT_FALSE(Judge("Kilimanjaro is in Peru"));
}

TEST_F(RelationVerifierTest, AbstainsWhenThePredicateDiffers) {
  Add("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
  EXPECT_FALSE(Judge("Lincoln was defeated by Douglas"));
  EXPECT_FALSE(Judge("Lincoln was elected in Illinois"));
}

TEST_F(RelationVerifierTest, AbstainsWhenEvidenceIsAboutAnotherSubject) {
  Add("President Kennedy was assassinated by Lee Harvey Oswald in Dallas.");
  EXPECT_FALSE(Judge("Lincoln was assassinated by Booth"));
  EXPECT_FALSE(Judge("Lincoln was assassinated by Oswald"));
  // Most of the claim's words are there, but not its subject.
  evidence_.Clear();
  Add("Grant was elected sixteenth president by the Democratic Party.");
  EXPECT_FALSE(Judge("Lincoln was elected sixteenth president by the Republican Party"));
  evidence_.Clear();
  evidence_.SetTitle("Kennedy, John F. Kennedy");
  Add("He was assassinated by Oswald.");
  EXPECT_FALSE(Judge("Lincoln was assassinated by Booth"));
  ASSERT_TRUE(Judge("Kennedy was assassinated by Booth"));  // the same evidence, its own subject
}

// Regression (default KB): a pianist's entry refuted "Mozart was born in Salzburg" with "Mozart
// was born in Austria": the birth it gives, before it names Mozart, is the pianist's.
TEST_F(RelationVerifierTest, AnotherEntrySpeaksOfItsOwnSubjectBeforeTheClaimsIsNamed) {
  evidence_.SetTitle("Schnabel, Artur Schnabel");
  Add("Artur Schnabel: United States composer (born in Austria) and pianist noted for his "
      "interpretations of Beethoven and Mozart.");
  EXPECT_FALSE(Judge("Mozart was born in Salzburg"));
  // After the claim's subject is named, the sentence may speak of it.
  evidence_.Clear();
  evidence_.SetTitle("Salieri, Antonio Salieri");
  Add("Antonio Salieri: a rival of Mozart, who was born in Salzburg.");
  auto j = Judge("Mozart was born in Vienna");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mozart was born in Salzburg");
  // Untitled evidence (pairs mode) is read as before.
  evidence_.Clear();
  evidence_.SetTitle("");
  Add("A pianist (born in Austria) who played Mozart.");
  EXPECT_TRUE(Judge("Mozart was born in Salzburg"));
}

TEST_F(RelationVerifierTest, AbstainsOnNegationOrTheSubjectInTheSlot) {
  Add("Lincoln was not assassinated by Oswald.");
  EXPECT_FALSE(Judge("Lincoln was assassinated by Booth"));
  evidence_.Clear();
  Add("Lincoln was assassinated by Booth.");
  EXPECT_FALSE(Judge("Lincoln was not assassinated by Oswald"));
  evidence_.Clear();
  Add("Douglas defeated Lincoln in the Senate race of 1858.");
  EXPECT_FALSE(Judge("Lincoln defeated Douglas"));
}

TEST_F(RelationVerifierTest, AbstainsWhenTheSentenceAlsoNamesTheClaimsObject) {
  Add("Kilimanjaro is in Tanzania, near the border with Kenya.");
  EXPECT_FALSE(Judge("Kilimanjaro is in Kenya"));
}

TEST_F(RelationVerifierTest, SupportNeedsTheClaimsLaterNames) {
  Add("Marie Curie won the Nobel Prize in Chemistry in 1911.");
  EXPECT_FALSE(Judge("Marie Curie won the Nobel Prize in Physics"));
  EXPECT_EQ(Judge("Marie Curie won the Nobel Prize in Chemistry")->verdict, Verdict::kSupported);
}

TEST_F(RelationVerifierTest, WeakCoverageIsNotRead) {
  Add("The telephone was invented by Alexander Graham Bell.");
  auto j = Judge("The telephone was invented by Edison");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The telephone was invented by Alexander Graham Bell");
  // The phonograph is another subject: coverage of "phonograph invented" is too low.
  EXPECT_FALSE(Judge("The phonograph was invented by Bell"));
}

TEST_F(RelationVerifierTest, ContradictingSentencesLowerConfidence) {
  Add("Lincoln was assassinated by John Wilkes Booth.", 0.9);
  auto alone = Judge("Lincoln was assassinated by Booth");
  ASSERT_TRUE(alone);
  Add("Lincoln was assassinated by Oswald, some claim.", 0.8);
  Add("Lincoln was assassinated by Booth in Washington.", 0.7);
  auto j = Judge("Lincoln was assassinated by Booth");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence, (std::vector<size_t>{0, 2}));
  EXPECT_LT(j->confidence, alone->confidence);
}

TEST_F(RelationVerifierTest, UsesTheClaimsContextAsItsSubject) {
  Add("Lincoln was born in Hodgenville, Kentucky.");
  Claim claim = MakeClaim("was born in Illinois");
  claim.context = "Lincoln";
  auto j = Judge(claim);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "was born in Hodgenville");
}

TEST_F(RelationVerifierTest, NullAlignerAbstains) {
  Add("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
  auto ev = evidence_.Build();
  RelationVerifier v(nullptr);
  EXPECT_FALSE(v.Judge(MakeClaim("Lincoln was assassinated by Oswald"), ev));
}

TEST_F(RelationVerifierTest, AppliesToRelationsAndClaimsNamingAnObject) {
  EXPECT_TRUE(verifier_.AppliesTo(MakeClaim("Lincoln was assassinated by Booth")));
  EXPECT_TRUE(verifier_.AppliesTo(MakeClaim("Lincoln was a lawyer")));  // kind decides
  EXPECT_TRUE(
      verifier_.AppliesTo(MakeClaim("Kilimanjaro is a mountain in Peru", ClaimKind::kDefinition)));
  EXPECT_FALSE(verifier_.AppliesTo(MakeClaim("A whale is a mammal", ClaimKind::kDefinition)));
  EXPECT_FALSE(verifier_.AppliesTo(MakeClaim("Water boils quickly", ClaimKind::kOther)));
  EXPECT_FALSE(verifier_.AppliesTo(MakeClaim("Paris has 20 districts", ClaimKind::kNumeric)));
}

struct ParseCase {
  std::string claim;
  std::string subject, predicate, object;  // all empty: no parse
};

TEST(ParseRelationTest, FindsSubjectPredicateAndObject) {
  const std::vector<ParseCase> cases = {
      {"Lincoln was assassinated by Booth", "Lincoln", "was assassinated by", "Booth"},
      {"Kilimanjaro is in Peru", "Kilimanjaro", "is in", "Peru"},
      {"The Eiffel Tower is located in Paris, France", "The Eiffel Tower", "is located in",
       "Paris"},
      {"In 1865 Lincoln was shot by John Wilkes Booth", "Lincoln", "was shot by",
       "John Wilkes Booth"},
      {"The telephone was invented by Bell", "", "The telephone was invented by", "Bell"},
      {"Lincoln, the 16th President, was killed by Booth", "Lincoln", "was killed by", "Booth"},
      {"Marie Curie won the Nobel Prize in Physics", "Marie Curie", "won", "Nobel Prize"},
      {"The Mona Lisa was painted by Leonardo da Vinci", "The Mona Lisa", "was painted by",
       "Leonardo da Vinci"},
      {"A whale is a mammal", "", "", ""},
      {"Lincoln was tall", "", "", ""},
  };
  for (const ParseCase& c : cases) {
    std::optional<RelationParts> parts = ParseRelation(c.claim);
    if (c.object.empty()) {
      EXPECT_FALSE(parts) << c.claim;
      continue;
    }
    ASSERT_TRUE(parts) << c.claim;
    auto slice = [&](Span s) { return c.claim.substr(s.begin, s.size()); };
    EXPECT_EQ(slice(parts->subject), c.subject) << c.claim;
    EXPECT_EQ(slice(parts->predicate), c.predicate) << c.claim;
    EXPECT_EQ(slice(parts->object), c.object) << c.claim;
  }
}

// Regression from FEVER: "Mercedes-Benz is a division of a European company" was refuted by "a
// division of the German company Daimler AG" and corrected to "a German company". With WordNet, a
// name that is a kind of the claim's supports; another name of the same kind still refutes.
TEST(RelationVerifierWordNetTest, AKindOfTheClaimsNameSupports) {
  auto lexicon = Lexicon::Load("/usr/share/wordnet");
  if (!lexicon.ok()) GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  const Aligner aligner(nullptr, lexicon->get());
  const RelationVerifier verifier(&aligner);
  fg::testing::EvidenceBuilder evidence;
  evidence.Add(
      "Mercedes-Benz is a global automobile manufacturer and a division of the German "
      "company Daimler AG .",
      0.9);
  const auto ev = evidence.Build();
  auto european =
      verifier.Judge(MakeClaim("Mercedes-Benz is a division of a European company."), ev);
  ASSERT_TRUE(european);
  EXPECT_EQ(european->verdict, Verdict::kSupported);
  EXPECT_FALSE(european->correction);
  auto french = verifier.Judge(MakeClaim("Mercedes-Benz is a division of a French company."), ev);
  ASSERT_TRUE(french);
  EXPECT_EQ(french->verdict, Verdict::kRefuted);
  EXPECT_EQ(french->correction.value_or(""), "Mercedes-Benz is a division of a German company.");
}

// Regression (default KB): "Istanbul: the largest city and former capital of Turkey" supported
// "Istanbul is the capital of Turkey".
TEST_F(RelationVerifierTest, AFormerRoleIsNotThePresentOne) {
  Add("Istanbul: the largest city and former capital of Turkey.");
  EXPECT_FALSE(Judge("Istanbul is the capital of Turkey"));
  auto j = Judge("Istanbul is the former capital of Turkey");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

}  // namespace
}  // namespace fg
