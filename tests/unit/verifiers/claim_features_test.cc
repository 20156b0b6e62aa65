#include "verifiers/claim_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/term_stats.h"
#include "src/core/wordnet.h"
#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

using fg::testing::MakeClaim;

// The value of the feature called `name`, looked up through Names(); NaN (and a failure) when
// there is no such feature.
float At(const std::vector<float>& features, std::string_view name) {
  const std::vector<std::string>& names = ClaimFeaturizer::Names();
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    ADD_FAILURE() << "no feature named " << name;
    return std::numeric_limits<float>::quiet_NaN();
  }
  size_t slot = static_cast<size_t>(it - names.begin());
  if (slot >= features.size()) {
    ADD_FAILURE() << "feature " << name << " is past the vector's end";
    return std::numeric_limits<float>::quiet_NaN();
  }
  return features[slot];
}

class ClaimFeaturesTest : public ::testing::Test {
 protected:
  ClaimFeaturesTest() {
    stats_.AddDocument("Abraham Lincoln was assassinated by John Wilkes Booth in 1865.");
    stats_.AddDocument("The Nile is the longest river in Africa.");
    stats_.AddDocument("Telemundo is a Spanish-language television network.");
    stats_.AddDocument("Sales of cars rose in 2020.");
  }

  std::vector<float> Compute(const std::string& claim, const std::vector<std::string>& sentences,
                             std::span<const ExpertOpinion> opinions = {},
                             const LexicalModel* lexical = nullptr,
                             std::vector<std::string>* keys = nullptr) {
    evidence_.Clear();
    for (const std::string& s : sentences) evidence_.Add(s, 0.8);
    std::vector<EvidenceSentence> ev = evidence_.Build();
    ClaimFeaturizer featurizer(&aligner_, nullptr, lexical);
    return featurizer.Compute(MakeClaim(claim, ClaimKind::kRelation), ev, opinions, keys);
  }

  CountingTermStats stats_;
  Aligner aligner_{&stats_, nullptr};
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(ClaimFeaturesTest, NamesAreUniqueAndMatchTheVector) {
  const std::vector<std::string>& names = ClaimFeaturizer::Names();
  std::set<std::string> distinct(names.begin(), names.end());
  EXPECT_EQ(distinct.size(), names.size());
  EXPECT_EQ(Compute("Lincoln was born in 1809", {}).size(), names.size());
  EXPECT_EQ(Compute("Lincoln was born in 1809", {"Lincoln was born in 1809."}).size(),
            names.size());
  EXPECT_EQ(names[ClaimFeaturizer::LexicalSupportedSlot()], "lexical_supported");
  EXPECT_EQ(names[ClaimFeaturizer::LexicalRefutedSlot()], "lexical_refuted");
}

TEST_F(ClaimFeaturesTest, NamesEndWithThreePerExpertInOrder) {
  const std::vector<std::string>& names = ClaimFeaturizer::Names();
  const std::vector<std::string_view>& experts = ClaimFeaturizer::Experts();
  ASSERT_FALSE(experts.empty());
  EXPECT_EQ(experts.front(), "comparison");
  EXPECT_NE(std::find(experts.begin(), experts.end(), "entailment"), experts.end());
  ASSERT_GE(names.size(), 3 * experts.size());
  size_t base = names.size() - 3 * experts.size();
  EXPECT_EQ(names[base], "comparison_supports");
  for (size_t e = 0; e < experts.size(); ++e) {
    std::string expert(experts[e]);
    EXPECT_EQ(names[base + 3 * e], expert + "_supports");
    EXPECT_EQ(names[base + 3 * e + 1], expert + "_refutes");
    EXPECT_EQ(names[base + 3 * e + 2], expert + "_not_enough_info");
  }
}

TEST_F(ClaimFeaturesTest, WithoutEvidenceOnlyClaimFeaturesAreSet) {
  ClaimFeaturizer featurizer(&aligner_, nullptr);
  auto f = featurizer.Compute(MakeClaim("Lincoln was born in 1809", ClaimKind::kTemporal), {}, {});
  // lincoln, born, 1809 ("was" and "in" are stop words).
  EXPECT_EQ(At(f, "claim_terms"), 3);
  EXPECT_EQ(At(f, "claim_names"), 1);
  EXPECT_EQ(At(f, "claim_numbers"), 1);
  EXPECT_EQ(At(f, "claim_kind"), static_cast<float>(ClaimKind::kTemporal));
  EXPECT_EQ(At(f, "claim_negated"), 0);
  EXPECT_EQ(At(f, "evidence_sentences"), 0);
  for (std::string_view name :
       {"align_0", "context_align_0", "coverage", "content_coverage", "exact_share",
        "negation_mismatch", "evidence_negated", "direction_conflict", "retrieval_rank",
        "retrieval_score", "lexical_supported", "lexical_refuted"}) {
    EXPECT_TRUE(std::isnan(At(f, name))) << name;
  }
  for (std::string_view expert : ClaimFeaturizer::Experts()) {
    EXPECT_EQ(At(f, std::string(expert) + "_supports"), 0) << expert;
  }
}

TEST_F(ClaimFeaturesTest, ExpertOpinionsLandInTheirSlots) {
  std::vector<ExpertOpinion> opinions = {{"numeric", Verdict::kRefuted, 0.8},
                                         {"temporal", Verdict::kSupported, 0.6},
                                         {"entailment", Verdict::kNotEnoughInfo, 0.7}};
  auto f = Compute("Lincoln was born in 1809", {"Lincoln was born in 1809."}, opinions);
  for (std::string_view expert : ClaimFeaturizer::Experts()) {
    for (std::string_view verdict : {"supports", "refutes", "not_enough_info"}) {
      std::string name = std::string(expert) + "_" + std::string(verdict);
      float expected = 0;
      if (name == "numeric_refutes") expected = 0.8f;
      if (name == "temporal_supports") expected = 0.6f;
      if (name == "entailment_not_enough_info") expected = 0.7f;
      EXPECT_FLOAT_EQ(At(f, name), expected) << name;
    }
  }
}

TEST_F(ClaimFeaturesTest, RestatementIsCoveredAndUnrelatedSentenceIsNot) {
  const std::string claim = "Abraham Lincoln was assassinated by John Wilkes Booth";
  auto same = Compute(claim, {"Abraham Lincoln was assassinated by John Wilkes Booth."});
  EXPECT_FLOAT_EQ(At(same, "coverage"), 1.0f);
  EXPECT_NEAR(At(same, "exact_share"), 1.0, 1e-5);
  EXPECT_EQ(At(same, "synonym_share"), 0);
  EXPECT_EQ(At(same, "title_share"), 0);
  EXPECT_EQ(At(same, "heaviest_missing"), 0);
  EXPECT_FLOAT_EQ(At(same, "ordered_pairs"), 1.0f);
  EXPECT_FLOAT_EQ(At(same, "evidence_precision"), 1.0f);
  EXPECT_EQ(At(same, "negation_mismatch"), 0);
  EXPECT_EQ(At(same, "subject_in_evidence"), 1);
  EXPECT_EQ(At(same, "evidence_sentences"), 1);

  auto unrelated = Compute(claim, {"The Nile is the longest river in Africa."});
  EXPECT_LT(At(unrelated, "coverage"), 0.2f);
  EXPECT_LT(At(unrelated, "exact_share"), 0.2f);
  EXPECT_GT(At(unrelated, "heaviest_missing"), 0);
  EXPECT_EQ(At(unrelated, "subject_in_evidence"), 0);
}

TEST_F(ClaimFeaturesTest, NegatedEvidenceSetsNegationFeatures) {
  const std::string claim = "Telemundo is an English-language television network";
  auto negated = Compute(claim, {"Telemundo is not an English-language television network."});
  EXPECT_EQ(At(negated, "claim_negated"), 0);
  EXPECT_EQ(At(negated, "evidence_negated"), 1);
  EXPECT_EQ(At(negated, "negation_mismatch"), 1);
  EXPECT_EQ(At(negated, "any_negation_mismatch"), 1);

  auto affirmative = Compute(claim, {"Telemundo is an English-language television network."});
  EXPECT_EQ(At(affirmative, "evidence_negated"), 0);
  EXPECT_EQ(At(affirmative, "negation_mismatch"), 0);
  EXPECT_EQ(At(affirmative, "any_negation_mismatch"), 0);
}

TEST_F(ClaimFeaturesTest, OppositeDirectionsConflict) {
  auto opposite = Compute("Sales increased in 2020", {"Sales decreased in 2020."});
  EXPECT_EQ(At(opposite, "claim_direction"), 1);
  EXPECT_EQ(At(opposite, "direction_conflict"), 1);

  auto same = Compute("Sales increased in 2020", {"Sales increased sharply in 2020."});
  EXPECT_EQ(At(same, "direction_conflict"), 0);
  // A sentence that states no direction does not conflict.
  auto flat = Compute("Sales increased in 2020", {"Sales were five million in 2020."});
  EXPECT_EQ(At(flat, "direction_conflict"), 0);
  auto down = Compute("Sales decreased in 2020", {"Sales decreased in 2020."});
  EXPECT_EQ(At(down, "claim_direction"), -1);
  EXPECT_EQ(At(down, "direction_conflict"), 0);
}

// A word put in another's place between words the two share (FEVER's substituted claims).
TEST_F(ClaimFeaturesTest, SubstitutedWordsBetweenSharedOnes) {
  const std::vector<std::string> nba = {
      "The Pelicans compete in the National Basketball Association as a member club."};
  auto football = Compute("The Pelicans compete in the National Football Association.", nba);
  EXPECT_GT(At(football, "substitution"), 0.1);
  EXPECT_EQ(At(football, "edge_substitution"), 0);
  auto same = Compute("The Pelicans compete in the National Basketball Association.", nba);
  EXPECT_EQ(At(same, "substitution"), 0);
  // A word the sentence does not have, with nothing in its place, is no substitution.
  auto added = Compute("The Pelicans compete in the National Basketball Association often.", nba);
  EXPECT_EQ(At(added, "substitution"), 0);
  auto plus = Compute(
      "The Pelicans compete in the National Basketball Association happily as a "
      "member club.",
      nba);
  EXPECT_EQ(At(plus, "substitution"), 0);
  // At the claim's end, the one neighbour it has decides.
  auto statue = Compute("Bonobos live south of the statue.",
                        {"Bonobos live south of the river , apart from chimpanzees ."});
  EXPECT_EQ(At(statue, "substitution"), 0);
  EXPECT_GT(At(statue, "edge_substitution"), 0.1);
}

TEST_F(ClaimFeaturesTest, RetrievalRankAndScoreComeFromTheBestSentencesPassage) {
  const std::string claim = "Abraham Lincoln was assassinated by John Wilkes Booth";
  std::vector<Passage> passages(2);
  passages[0].doc_id = "top";
  passages[0].text = "The Nile is the longest river in Africa.";
  passages[0].rank = 0;
  passages[0].score = 10.0;
  passages[1].doc_id = "lower";
  passages[1].text = "Abraham Lincoln was assassinated by John Wilkes Booth.";
  passages[1].rank = 2;
  passages[1].score = 5.0;
  // The sentence that restates the claim is second in the list and comes from the lower-ranked
  // passage; the features describe it, not the first sentence.
  std::vector<EvidenceSentence> ev = {
      {&passages[0], {0, passages[0].text.size()}, 0.7, 0.7},
      {&passages[1], {0, passages[1].text.size()}, 0.6, 0.6},
  };
  ClaimFeaturizer featurizer(&aligner_, nullptr);
  auto f = featurizer.Compute(MakeClaim(claim, ClaimKind::kRelation), ev, {});
  EXPECT_EQ(At(f, "retrieval_rank"), 2);
  EXPECT_FLOAT_EQ(At(f, "retrieval_score"), 0.5f);
  EXPECT_FLOAT_EQ(At(f, "coverage"), 1.0f);
  EXPECT_EQ(At(f, "evidence_sentences"), 2);
  EXPECT_FLOAT_EQ(At(f, "align_0"), 0.7f);
  EXPECT_FLOAT_EQ(At(f, "align_1"), 0.6f);
  EXPECT_EQ(At(f, "aligned_sentences"), 2);
}

TEST_F(ClaimFeaturesTest, LexicalMarginsComeFromTheModel) {
  const std::string claim = "Lincoln was born in 1820";
  const std::vector<std::string> sentences = {"Lincoln was born in 1809."};
  auto without = Compute(claim, sentences);
  EXPECT_TRUE(std::isnan(At(without, "lexical_supported")));
  EXPECT_TRUE(std::isnan(At(without, "lexical_refuted")));

  LexicalModel lexical;
  lexical.supported.bias = 0.5;
  lexical.supported.weights = {{"c:<num>", -2.0f}, {"e:unrelated", 4.0f}};
  lexical.refuted.bias = -0.5;
  lexical.refuted.weights = {{"x:<num>|<num>", 3.0f}};
  std::vector<std::string> keys;
  auto with = Compute(claim, sentences, {}, &lexical, &keys);
  EXPECT_FLOAT_EQ(At(with, "lexical_supported"), -1.5f);
  EXPECT_FLOAT_EQ(At(with, "lexical_refuted"), 2.5f);
  EXPECT_FLOAT_EQ(At(with, "lexical_supported"),
                  static_cast<float>(lexical.supported.Margin(keys)));
  EXPECT_FLOAT_EQ(At(with, "lexical_refuted"), static_cast<float>(lexical.refuted.Margin(keys)));
}

TEST_F(ClaimFeaturesTest, LexicalKeysAreGivenForTheSentence) {
  std::vector<std::string> keys;
  Compute("Lincoln was born in 1820", {"Lincoln was born in 1809."}, {}, nullptr, &keys);
  EXPECT_EQ(keys, (std::vector<std::string>{"c:<num>", "e:<num>", "x:<num>|<num>"}));

  // Negation reaches the keys of the side that has it.
  keys.clear();
  Compute("Telemundo is an English-language television network",
          {"Telemundo is not an English-language television network."}, {}, nullptr, &keys);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "e:<neg>"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "c:<neg>"), keys.end());
}

// A claim word the sentence lacks that is a WordNet hypernym ("canine" for "dog") or hyponym of
// one of its words; missing without a lexicon.
TEST_F(ClaimFeaturesTest, WordNetHypernymsOfTheSentencesWords) {
  auto none = Compute("Rex is a loyal canine", {"Rex is a loyal dog."});
  EXPECT_TRUE(std::isnan(At(none, "claim_more_general")));
  EXPECT_TRUE(std::isnan(At(none, "claim_more_specific")));
  auto lexicon = Lexicon::Load("/usr/share/wordnet");
  if (!lexicon.ok()) GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  ClaimFeaturizer featurizer(&aligner_, lexicon->get());
  auto features = [&](const std::string& claim, const std::string& sentence) {
    evidence_.Clear();
    evidence_.Add(sentence, 0.8);
    std::vector<EvidenceSentence> ev = evidence_.Build();
    return featurizer.Compute(MakeClaim(claim, ClaimKind::kDefinition), ev, {});
  };
  auto general = features("Rex is a loyal canine", "Rex is a loyal dog.");
  EXPECT_GT(At(general, "claim_more_general"), 0.0f);
  EXPECT_EQ(At(general, "claim_more_specific"), 0.0f);
  auto specific = features("Rex is a loyal dog", "Rex is a loyal canine.");
  EXPECT_GT(At(specific, "claim_more_specific"), 0.0f);
  EXPECT_EQ(At(specific, "claim_more_general"), 0.0f);
  auto unrelated = features("Rex is a loyal canine", "Rex is a loyal friend.");
  EXPECT_EQ(At(unrelated, "claim_more_general"), 0.0f);
  EXPECT_EQ(At(unrelated, "claim_more_specific"), 0.0f);
}

}  // namespace
}  // namespace fg
