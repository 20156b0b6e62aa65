#include "verifiers/taxonomy_verifier.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/core/wordnet.h"
#include "tests/testing/temp_dir.h"
#include "tests/unit/verifiers/evidence_builder.h"
#include "tests/unit/verifiers/wordnet_fixture.h"

namespace fg {
namespace {

// A small noun hierarchy in the wndb format: animals (taxa are members of groups, '#m'; roles
// such as "pet" and "pollinator" are not), celestial bodies, and people.
constexpr const char* kDataNoun =
    "  1 header\n"
    "00000100 03 n 01 physical_entity 0 000 | an entity that has physical existence\n"
    "00000200 03 n 01 organism 0 001 @ 00000100 n 0000 | a living thing\n"
    "00000300 03 n 01 animal 0 001 @ 00000200 n 0000 | a living organism that moves\n"
    "00000400 03 n 01 person 0 001 @ 00000200 n 0000 | a human being\n"
    "00000500 05 n 01 vertebrate 0 002 @ 00000300 n 0000 #m 00000510 n 0000 | an animal with "
    "a backbone\n"
    "00000510 08 n 01 Vertebrata 0 000 | the group\n"
    "00000600 05 n 01 mammal 0 002 @ 00000500 n 0000 #m 00000610 n 0000 | a warm-blooded "
    "vertebrate\n"
    "00000610 08 n 01 Mammalia 0 000 | the class\n"
    "00000700 05 n 01 aquatic_vertebrate 0 001 @ 00000500 n 0000 | a vertebrate living in water\n"
    "00000800 05 n 01 fish 0 002 @ 00000700 n 0000 #m 00000810 n 0000 | a cold-blooded aquatic "
    "vertebrate\n"
    "00000810 08 n 01 Pisces 0 000 | the group\n"
    "00000900 05 n 01 bird 0 002 @ 00000500 n 0000 #m 00000910 n 0000 | a warm-blooded egg-laying "
    "vertebrate\n"
    "00000910 08 n 01 Aves 0 000 | the class\n"
    "00001000 05 n 01 cetacean 0 002 @ 00000600 n 0000 #m 00001010 n 0000 | a large aquatic "
    "mammal\n"
    "00001010 08 n 01 Cetacea 0 000 | the order\n"
    "00001100 05 n 01 whale 0 002 @ 00001000 n 0000 #m 00001010 n 0000 | a large cetacean\n"
    "00001200 05 n 01 bat 0 002 @ 00000600 n 0000 #m 00001210 n 0000 | a nocturnal mouselike "
    "mammal\n"
    "00001210 08 n 01 Chiroptera 0 000 | the order\n"
    "00001300 05 n 01 pet 0 001 @ 00000300 n 0000 | a domesticated animal kept for companionship\n"
    "00001400 05 n 01 dog 0 003 @ 00000600 n 0000 @ 00001300 n 0000 #m 00001410 n 0000 | a "
    "domesticated canine\n"
    "00001410 08 n 01 Canis 0 000 | the genus\n"
    "00001500 05 n 02 carnivore 0 order_carnivore 0 002 @ 00000600 n 0000 #m 00001510 n 0000 | "
    "a meat-eating mammal of the order Carnivora\n"
    "00001510 08 n 01 Carnivora 0 000 | the order\n"
    "00001550 05 n 01 carnivore 0 001 @ 00000300 n 0000 | any animal that feeds on flesh\n"
    "00001600 05 n 01 shark 0 002 @ 00000800 n 0000 #m 00001610 n 0000 | a predatory fish\n"
    "00001610 08 n 01 Selachii 0 000 | the order\n"
    "00001700 05 n 02 dolphinfish 0 dolphin 0 002 @ 00000800 n 0000 #m 00001610 n 0000 | a food "
    "fish\n"
    "00001750 05 n 01 dolphin 0 002 @ 00001000 n 0000 #m 00001010 n 0000 | a small toothed "
    "whale\n"
    "00001780 05 n 01 porpoise 0 002 @ 00001000 n 0000 #m 00001010 n 0000 | a small cetacean\n"
    "00001790 05 n 01 porpoise 0 002 @ 00000800 n 0000 #m 00001610 n 0000 | a fish, in this "
    "made-up second sense\n"
    "00001800 03 n 01 natural_object 0 001 @ 00000100 n 0000 | a natural thing\n"
    "00001900 17 n 01 celestial_body 0 001 @ 00001800 n 0000 | a natural object in space\n"
    "00002000 17 n 01 star 0 001 @ 00001900 n 0000 | a celestial body of hot gases\n"
    "00002100 17 n 01 planet 0 001 @ 00001900 n 0000 | a body revolving around a star\n"
    "00002200 17 n 01 Sun 0 001 @i 00002000 n 0000 | the star at the center of the solar system\n"
    "00002300 17 n 01 Mars 0 001 @i 00002100 n 0000 | the fourth planet\n"
    "00002400 18 n 01 lawyer 0 001 @ 00000400 n 0000 | a professional who practices law\n"
    "00002500 18 n 01 doctor 0 001 @ 00000400 n 0000 | a licensed medical practitioner\n"
    "00002600 03 n 01 matter 0 001 @ 00000100 n 0000 | that which has mass\n"
    "00002700 27 n 02 chemical_element 0 element 0 001 @ 00002600 n 0000 | a substance of one "
    "kind of atom\n"
    "00002800 27 n 02 compound 0 chemical_compound 0 001 @ 00002600 n 0000 | a substance of "
    "bonded elements\n"
    "00002900 27 n 01 mixture 0 001 @ 00002600 n 0000 | substances mixed, not bonded\n"
    "00003000 27 n 01 water 0 001 @ 00002800 n 0000 | a binary compound\n"
    "00003100 27 n 01 gold 0 001 @ 00002700 n 0000 | a noble metal\n"
    "00003200 27 n 01 gas 0 001 @ 00002600 n 0000 | a state of matter\n"
    "00003300 27 n 02 gasoline 0 gas 0 001 @ 00002800 n 0000 | a fuel\n"
    "00003400 27 n 01 steam 0 001 @ 00002900 n 0000 | a mixture, in this made-up fixture\n"
    "00003500 09 n 01 element 0 000 | an abstract part of something\n";
constexpr const char* kIndexNoun =
    "  1 header\n"
    "animal n 1 0 1 0 00000300  \n"
    "aquatic_vertebrate n 1 0 1 0 00000700  \n"
    "bat n 1 0 1 0 00001200  \n"
    "bird n 1 0 1 0 00000900  \n"
    "carnivore n 2 0 2 0 00001500 00001550  \n"
    "celestial_body n 1 0 1 0 00001900  \n"
    "cetacean n 1 0 1 0 00001000  \n"
    "chemical_element n 1 0 1 0 00002700  \n"
    "compound n 1 0 1 0 00002800  \n"
    "doctor n 1 0 1 0 00002500  \n"
    "dog n 1 0 1 0 00001400  \n"
    "dolphin n 2 0 2 0 00001700 00001750  \n"
    "dolphinfish n 1 0 1 0 00001700  \n"
    "element n 2 0 2 0 00003500 00002700  \n"
    "fish n 1 0 1 0 00000800  \n"
    "gas n 2 0 2 0 00003200 00003300  \n"
    "gasoline n 1 0 1 0 00003300  \n"
    "gold n 1 0 1 0 00003100  \n"
    "lawyer n 1 0 1 0 00002400  \n"
    "mammal n 1 0 1 0 00000600  \n"
    "mars n 1 0 1 0 00002300  \n"
    "matter n 1 0 1 0 00002600  \n"
    "mixture n 1 0 1 0 00002900  \n"
    "natural_object n 1 0 1 0 00001800  \n"
    "order_carnivore n 1 0 1 0 00001500  \n"
    "organism n 1 0 1 0 00000200  \n"
    "person n 1 0 1 0 00000400  \n"
    "pet n 1 0 1 0 00001300  \n"
    "physical_entity n 1 0 1 0 00000100  \n"
    "planet n 1 0 1 0 00002100  \n"
    "porpoise n 2 0 2 0 00001780 00001790  \n"
    "shark n 1 0 1 0 00001600  \n"
    "star n 1 0 1 0 00002000  \n"
    "steam n 1 0 1 0 00003400  \n"
    "sun n 1 0 1 0 00002200  \n"
    "vertebrate n 1 0 1 0 00000500  \n"
    "water n 1 0 1 0 00003000  \n"
    "whale n 1 0 1 0 00001100  \n";

std::shared_ptr<const Lexicon> LoadHierarchy(const fg::testing::TempDir& dir) {
  return fg::testing::LoadNouns(dir, kDataNoun, kIndexNoun);
}

class TaxonomyVerifierTest : public ::testing::Test {
 protected:
  TaxonomyVerifierTest() : lexicon_(LoadHierarchy(dir_)), verifier_(lexicon_.get()) {
    evidence_.SetTitle("whale");  // a knowledge base's entry
    evidence_.Add("whale: a large cetacean.", 0.5);
  }
  std::optional<Judgement> Judge(const std::string& claim) {
    auto ev = evidence_.Build();
    return verifier_.Judge(fg::testing::MakeClaim(claim, ClaimKind::kOther), ev);
  }
  bool Applies(const std::string& claim) {
    return verifier_.AppliesTo(fg::testing::MakeClaim(claim, ClaimKind::kOther));
  }

  fg::testing::TempDir dir_;
  std::shared_ptr<const Lexicon> lexicon_;
  TaxonomyVerifier verifier_;
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(TaxonomyVerifierTest, AppliesToWhatKindOfThingSomethingIs) {
  EXPECT_TRUE(Applies("The whale is a fish."));
  EXPECT_TRUE(Applies("Whales are mammals"));
  EXPECT_TRUE(Applies("A whale is a type of mammal"));
  EXPECT_TRUE(Applies("Mars is a planet"));
  EXPECT_FALSE(Applies("The whale is not a fish"));                 // negated
  EXPECT_FALSE(Applies("The whale is a fish that lives in seas"));  // says more
  EXPECT_FALSE(Applies("The whale is a large fish"));               // "large fish": no noun
  EXPECT_FALSE(Applies("The unicorn is a mammal"));                 // not a WordNet noun
  EXPECT_FALSE(Applies("The whale is big"));
}

// Regression (default KB): "Gold is a chemical element" was refuted at 0.66.
TEST_F(TaxonomyVerifierTest, AKindAboveTheSubjectSupports) {
  for (const char* claim : {"The whale is a mammal", "Whales are mammals", "A whale is an animal",
                            "A whale is a type of vertebrate", "The Sun is a star"}) {
    auto j = Judge(claim);
    ASSERT_TRUE(j) << claim;
    EXPECT_EQ(j->verdict, Verdict::kSupported) << claim;
    EXPECT_EQ(j->verifier, "taxonomy");
    EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  }
  // The subject's own entry is cited; without it, nothing (WordNet's hierarchy is no sentence).
  EXPECT_EQ(Judge("The whale is a mammal")->evidence, std::vector<size_t>{0});
  EXPECT_TRUE(Judge("The Sun is a star")->evidence.empty());
}

// Regression (default KB): "The whale is a fish" and "The bat is a bird" were supported at 0.91.
TEST_F(TaxonomyVerifierTest, ABranchBesideTheKindRefutesWithTheSubjectsBranch) {
  auto j = Judge("The whale is a fish");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The whale is a mammal");
  j = Judge("The bat is a bird");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The bat is a mammal");
  j = Judge("Mars is a star");  // celestial bodies meet at their root
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  j = Judge("Sharks are mammals");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_FALSE(j->correction);  // no correction for plurals
}

// Regression (default KB): "Water is a chemical element" was supported at 0.89.
TEST_F(TaxonomyVerifierTest, AnElementACompoundAndAMixtureExcludeEachOther) {
  auto j = Judge("Water is a chemical element");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Water is a compound");
  j = Judge("Water is an element");  // the first material sense of "element"
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  j = Judge("Gold is a compound");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Gold is a chemical element");
  EXPECT_EQ(Judge("Gold is an element")->verdict, Verdict::kSupported);
  // "gas" is first a state of matter: its rarer compound sense (gasoline) refutes nothing.
  EXPECT_FALSE(Judge("Steam is a gas"));
}

TEST_F(TaxonomyVerifierTest, RolesPeopleAndMoreSpecificKindsSayNothing) {
  EXPECT_EQ(Judge("A dog is a pet")->verdict, Verdict::kSupported);  // filed under pet too
  EXPECT_FALSE(Judge("A whale is a pet"));      // a role, no class: may be either
  EXPECT_FALSE(Judge("A lawyer is a doctor"));  // people's roles overlap
  EXPECT_FALSE(Judge("A mammal is a whale"));   // some are
  // "carnivore" is an order of mammals and any flesh-eater: a shark may be the second.
  EXPECT_FALSE(Judge("A shark is a carnivore"));
}

TEST_F(TaxonomyVerifierTest, ARarerSenseDoesNotSupportAgainstTheCommonOne) {
  // The first "porpoise" is the cetacean: its rarer fish sense supports nothing.
  EXPECT_FALSE(Judge("The porpoise is a fish"));
  // WordNet's first "dolphin" is the dolphinfish: that sense decides.
  auto j = Judge("The dolphin is a fish");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(TaxonomyVerifierTest, OnlyAgainstAKnowledgeBase) {
  evidence_.SetTitle("");  // evidence given with the claim (pairs mode)
  EXPECT_FALSE(Judge("The whale is a fish"));
  EXPECT_FALSE(Judge("The whale is a mammal"));
}

TEST(TaxonomyVerifierWithoutLexiconTest, AppliesToNothing) {
  TaxonomyVerifier verifier(nullptr);
  EXPECT_FALSE(
      verifier.AppliesTo(fg::testing::MakeClaim("The whale is a fish", ClaimKind::kOther)));
}

}  // namespace
}  // namespace fg
