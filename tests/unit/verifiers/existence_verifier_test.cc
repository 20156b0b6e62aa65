#include "verifiers/existence_verifier.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

Claim MakeClaim(std::string text, ClaimKind kind = ClaimKind::kOther) {
  return fg::testing::MakeClaim(std::move(text), kind);
}

// Statistics that know nothing about document frequencies (the TermStats default).
class IdfOnlyStats : public TermStats {
 public:
  double Idf(std::string_view) const override { return 1.0; }
};

class ExistenceVerifierTest : public ::testing::Test {
 protected:
  ExistenceVerifierTest() {
    // The KB: a real author, her real novel, and the words "glass" and "orchard" in other entries.
    stats_.AddDocument(
        "Margaret Atwood is a Canadian novelist, author of The Handmaid's Tale and Alias Grace.");
    stats_.AddDocument("Glass is a brittle transparent solid made from sand.");
    stats_.AddDocument("An orchard is a planting of fruit trees; the Booker Prize is a prize.");
  }
  void Add(const std::string& sentence, double alignment = 0.8) {
    evidence_.Add(sentence, alignment);
  }
  std::optional<Judgement> Judge(const std::string& claim, const TermStats* stats) {
    auto ev = evidence_.Build();
    return ExistenceVerifier(stats).Judge(MakeClaim(claim, ClaimKind::kExistence), ev);
  }
  std::optional<Judgement> Judge(const std::string& claim) { return Judge(claim, &stats_); }

  CountingTermStats stats_;
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(ExistenceVerifierTest, InventedBookByRealAuthorIsNotEnoughInfo) {
  Add("Margaret Atwood is a Canadian novelist, author of The Handmaid's Tale and Alias Grace.");
  // "Meridian" occurs nowhere in the KB.
  auto j = Judge("The novel \"The Glass Meridian\" by Margaret Atwood won the Booker Prize");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_TRUE(j->evidence.empty());
  EXPECT_FALSE(j->correction);
}

TEST_F(ExistenceVerifierTest, TitleOfKnownWordsNeverTogetherIsNotEnoughInfo) {
  Add("Margaret Atwood is a Canadian novelist, author of The Handmaid's Tale and Alias Grace.");
  Add("Glass is a brittle transparent solid made from sand.", 0.3);
  // "Glass" and "Orchard" are both in the KB, never together.
  auto j = Judge("Margaret Atwood wrote the novel The Glass Orchard in 1994");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
  // A work: the confidence at which the model judge lets no "supported" stand.
  EXPECT_DOUBLE_EQ(j->confidence, ExistenceVerifierOptions{}.missing_work_confidence);
  EXPECT_TRUE(j->evidence.empty());
}

TEST_F(ExistenceVerifierTest, PersonOfKnownWordsNeverTogetherIsLessSure) {
  Add("Margaret Atwood is a Canadian novelist, author of The Handmaid's Tale and Alias Grace.");
  Add("Orchard Street runs through the old town.", 0.3);
  // A person may go by other names than the claim's; a title is written one way.
  auto j = Judge("The poet Margaret Orchard won the Booker Prize in 1994");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_DOUBLE_EQ(j->confidence, ExistenceVerifierOptions{}.not_together_confidence);
  EXPECT_LT(ExistenceVerifierOptions{}.not_together_confidence,
            ExistenceVerifierOptions{}.missing_work_confidence);
}

TEST_F(ExistenceVerifierTest, InventedPersonIsNotEnoughInfo) {
  Add("Penicillin is an antibiotic.");
  auto j = Judge("The chemist Elvira Quintanilla discovered penicillin");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "existence");
}

TEST_F(ExistenceVerifierTest, WorkTheKbKnowsAbstains) {
  Add("Margaret Atwood is a Canadian novelist, author of The Handmaid's Tale and Alias Grace.");
  EXPECT_FALSE(Judge("Margaret Atwood wrote the novel The Handmaid's Tale"));
  EXPECT_FALSE(Judge("The novel \"Alias Grace\" by Margaret Atwood is about a murder"));
  EXPECT_FALSE(Judge("Alias Grace by Margaret Atwood appeared in 1996"));
}

TEST_F(ExistenceVerifierTest, TitleFoundOnlyInThePassageTitleAbstains) {
  evidence_.SetTitle("The Handmaid's Tale");
  Add("A dystopian novel by Margaret Atwood.");
  EXPECT_FALSE(Judge("The book The Handmaid's Tale was written by Margaret Atwood"));
}

TEST_F(ExistenceVerifierTest, NoNamedEntityAbstains) {
  Add("Water boils at 100 degrees Celsius at sea level.");
  EXPECT_FALSE(Judge("Water boils at 100 degrees at sea level"));
  // A single capitalised word opening the sentence is no entity, even one the KB never saw.
  EXPECT_FALSE(Judge("Zebrafish regrow their fins"));
  // A quotation is not a title.
  EXPECT_FALSE(Judge("The motto was \"never give up on the zorbling\""));
}

TEST_F(ExistenceVerifierTest, NullStatsAbstains) {
  Add("Penicillin is an antibiotic.");
  EXPECT_FALSE(Judge("The novel \"The Glass Meridian\" by Margaret Atwood won a prize", nullptr));
  EXPECT_FALSE(Judge("The chemist Elvira Quintanilla discovered penicillin", nullptr));
}

TEST_F(ExistenceVerifierTest, StatsWithoutDocumentFrequencyAbstain) {
  IdfOnlyStats idf_only;
  Add("Penicillin is an antibiotic.");
  EXPECT_FALSE(Judge("The chemist Elvira Quintanilla discovered penicillin", &idf_only));
}

TEST_F(ExistenceVerifierTest, WithoutEvidenceOnlyAnUnknownWordDecides) {
  // Nothing retrieved (or a source failed): known words prove nothing, an unknown one still does.
  EXPECT_FALSE(Judge("Margaret Atwood wrote the novel The Glass Orchard"));
  auto j = Judge("Margaret Atwood wrote the novel The Glass Meridian");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
}

TEST_F(ExistenceVerifierTest, OpeningWordOfANameNeedNotBeInTheEvidence) {
  // "Novelist" opens the sentence: a common word, so "Atwood" alone identifies her.
  Add("Atwood is a Canadian novelist.");
  EXPECT_FALSE(Judge("Novelist Atwood lives in Toronto"));
  // Not so inside the sentence: "Margaret Ellison" is not "Margaret Atwood".
  auto j = Judge("The prize went to Margaret Ellison");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
}

TEST_F(ExistenceVerifierTest, AppliesToExistenceClaimsAndClaimsNamingWorksOrPeople) {
  ExistenceVerifier v(&stats_);
  EXPECT_TRUE(v.AppliesTo(MakeClaim("Water is wet", ClaimKind::kExistence)));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("She wrote \"The Glass Meridian\" in 2003")));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("The prize went to Margaret Ellison")));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("Water boils at 100 degrees")));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("Paris is the capital of France")));
}

struct EntityCase {
  std::string claim;
  std::vector<std::vector<std::string>> words;  // per entity, in order
};

TEST(FindNamedEntitiesTest, FindsWorksAuthorsAndPeople) {
  const std::vector<EntityCase> cases = {
      {"The novel \"The Glass Meridian\" by Margaret Atwood won the Booker Prize",
       {{"Glass", "Meridian"}, {"Margaret", "Atwood"}, {"Booker", "Prize"}}},
      {"Orwell's dystopian novel Nineteen Eighty-Four appeared in 1949",
       {{"Nineteen", "Eighty-Four"}}},
      {"She starred in the film called Heat", {{"Heat"}}},
      {"The Lord of the Rings by J. R. R. Tolkien is long", {{"Lord", "Rings"}, {"Tolkien"}}},
      {"A paper by Jane Smith described the effect", {{"Jane", "Smith"}}},
      {"He admired Leonardo da Vinci", {{"Leonardo", "Vinci"}}},
      {"President Lincoln spoke in March", {}},
      {"Paris is the capital of France", {}},
      {"Written by Tolkien, the book sold well", {}},
      {"Studies show Americans sleep less", {}},
      {"He said \"we will never surrender to the enemy\"", {}},
  };
  for (const EntityCase& c : cases) {
    std::vector<NamedEntity> found = FindNamedEntities(c.claim);
    std::vector<std::vector<std::string>> words;
    for (const NamedEntity& e : found) words.push_back(e.words);
    EXPECT_EQ(words, c.words) << c.claim;
  }
}

TEST(FindNamedEntitiesTest, MarksWorksSpansAndOptionalOpeningWords) {
  std::string claim = "Margaret Ellison wrote \"Night Rain\"";
  std::vector<NamedEntity> found = FindNamedEntities(claim);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_FALSE(found[0].work);
  EXPECT_TRUE(found[0].first_word_optional);
  EXPECT_EQ(claim.substr(found[0].span.begin, found[0].span.size()), "Margaret Ellison");
  EXPECT_TRUE(found[1].work);
  EXPECT_FALSE(found[1].first_word_optional);
  EXPECT_EQ(claim.substr(found[1].span.begin, found[1].span.size()), "Night Rain");
}

}  // namespace
}  // namespace fg
