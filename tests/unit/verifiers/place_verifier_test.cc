#include "verifiers/place_verifier.h"

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

// A small WordNet map in the wndb format: kinds (continent, country, capital), places that lie
// within each other by part-holonym pointers ('#p'), and a person, who is no place.
constexpr const char* kDataNoun =
    "  1 header\n"
    "00000100 15 n 01 continent 0 000 | a large landmass\n"
    "00000200 15 n 01 country 0 000 | the territory of a nation\n"
    "00000300 15 n 01 capital 0 000 | a seat of government\n"
    "00000400 15 n 01 national_capital 0 001 @ 00000300 n 0000 | the capital city of a nation\n"
    "00000500 06 n 01 tower 0 000 | a tall structure\n"
    "00000600 17 n 01 range 0 000 | a series of mountains\n"
    "00000700 18 n 01 composer 0 000 | someone who composes music\n"
    "00000750 17 n 01 river 0 000 | a large stream\n"
    "00000800 15 n 01 Europe 0 001 @i 00000100 n 0000 | the second smallest continent\n"
    "00000900 15 n 01 Asia 0 001 @i 00000100 n 0000 | the largest continent\n"
    "00001000 15 n 01 Africa 0 001 @i 00000100 n 0000 | the second largest continent\n"
    "00001100 15 n 01 France 0 002 @i 00000200 n 0000 #p 00000800 n 0000 | a republic\n"
    "00001200 15 n 02 Germany 0 Federal_Republic_of_Germany 0 002 @i 00000200 n 0000 #p 00000800 n "
    "0000 | a republic\n"
    "00001300 15 n 01 Nepal 0 002 @i 00000200 n 0000 #p 00000900 n 0000 | a kingdom\n"
    "00001350 15 n 01 Tibet 0 002 @i 00000200 n 0000 #p 00000900 n 0000 | a region\n"
    "00001400 15 n 02 Paris 0 capital_of_France 0 002 @i 00000400 n 0000 #p 00001100 n 0000 "
    "| the French capital\n"
    "00001450 15 n 01 Dijon 0 002 @i 00000300 n 0000 #p 00001100 n 0000 | a city\n"
    "00001500 15 n 02 Berlin 0 capital_of_Federal_Republic_of_Germany 0 002 @i 00000400 n 0000 "
    "#p 00001200 n 0000 | the German capital\n"
    "00001550 15 n 01 Munich 0 002 @i 00000300 n 0000 #p 00001200 n 0000 | a city\n"
    "00001600 06 n 01 Eiffel_Tower 0 002 @i 00000500 n 0000 #p 00001400 n 0000 | a tower\n"
    "00001700 17 n 01 Himalayas 0 003 @i 00000600 n 0000 #p 00001300 n 0000 #p 00001350 n 0000 "
    "| a mountain range\n"
    "00001800 17 n 02 Everest 0 Mount_Everest 0 002 @i 00000600 n 0000 #p 00001700 n 0000 "
    "| a mountain\n"
    "00001850 17 n 01 Nile 0 002 @i 00000750 n 0000 #p 00001000 n 0000 | a river\n"
    "00001900 18 n 01 Mozart 0 001 @i 00000700 n 0000 | an Austrian composer\n"
    "00002000 15 n 01 United_States 0 001 @i 00000200 n 0000 | a republic\n"
    "00002100 15 n 01 West 0 002 @i 00000600 n 0000 #p 00002000 n 0000 | the western US\n"
    "00002200 15 n 01 Canada 0 002 @i 00000200 n 0000 #p 00002300 n 0000 | a nation\n"
    "00002250 15 n 01 Toronto 0 002 @i 00000300 n 0000 #p 00002200 n 0000 | a city\n"
    "00002270 15 n 01 Paris 0 002 @i 00000300 n 0000 #p 00002000 n 0000 | a town in Texas\n"
    "00002300 15 n 01 North_America 0 001 @i 00000100 n 0000 | a continent\n"
    "00002400 15 n 01 England 0 002 @i 00000200 n 0000 #p 00000800 n 0000 | a country\n"
    "00002500 15 n 01 archipelago 0 000 | a group of islands\n"
    "00002600 15 n 01 Japan 0 002 @i 00000200 n 0000 #p 00000900 n 0000 | a monarchy\n"
    "00002650 15 n 01 Japan 0 001 @i 00002500 n 0000 | a string of islands east of Asia\n"
    "00002700 15 n 01 Australia 0 002 @i 00000200 n 0000 #p 00002750 n 0000 | a nation\n"
    "00002750 15 n 01 Australia 0 001 @i 00000100 n 0000 | the smallest continent\n";
constexpr const char* kIndexNoun =
    "  1 header\n"
    "africa n 1 0 1 0 00001000  \n"
    "asia n 1 0 1 0 00000900  \n"
    "archipelago n 1 0 1 0 00002500  \n"
    "australia n 2 0 2 0 00002700 00002750  \n"
    "japan n 2 0 2 0 00002650 00002600  \n"
    "berlin n 1 0 1 0 00001500  \n"
    "canada n 1 0 1 0 00002200  \n"
    "capital_of_france n 1 0 1 0 00001400  \n"
    "capital_of_federal_republic_of_germany n 1 0 1 0 00001500  \n"
    "federal_republic_of_germany n 1 0 1 0 00001200  \n"
    "munich n 1 0 1 0 00001550  \n"
    "england n 1 0 1 0 00002400  \n"
    "north_america n 1 0 1 0 00002300  \n"
    "toronto n 1 0 1 0 00002250  \n"
    "united_states n 1 0 1 0 00002000  \n"
    "west n 1 0 1 0 00002100  \n"
    "capital n 1 0 1 0 00000300  \n"
    "composer n 1 0 1 0 00000700  \n"
    "continent n 1 0 1 0 00000100  \n"
    "country n 1 0 1 0 00000200  \n"
    "dijon n 1 0 1 0 00001450  \n"
    "eiffel_tower n 1 0 1 0 00001600  \n"
    "europe n 1 0 1 0 00000800  \n"
    "everest n 1 0 1 0 00001800  \n"
    "france n 1 0 1 0 00001100  \n"
    "germany n 1 0 1 0 00001200  \n"
    "himalayas n 1 0 1 0 00001700  \n"
    "mount_everest n 1 0 1 0 00001800  \n"
    "mozart n 1 0 1 0 00001900  \n"
    "national_capital n 1 0 1 0 00000400  \n"
    "nepal n 1 0 1 0 00001300  \n"
    "nile n 1 0 1 0 00001850  \n"
    "paris n 2 0 2 0 00001400 00002270  \n"
    "range n 1 0 1 0 00000600  \n"
    "river n 1 0 1 0 00000750  \n"
    "tibet n 1 0 1 0 00001350  \n"
    "tower n 1 0 1 0 00000500  \n";

std::shared_ptr<const Lexicon> LoadMap(const fg::testing::TempDir& dir) {
  return fg::testing::LoadNouns(dir, kDataNoun, kIndexNoun);
}

class PlaceVerifierTest : public ::testing::Test {
 protected:
  PlaceVerifierTest() : lexicon_(LoadMap(dir_)), verifier_(lexicon_.get()) {}
  void Add(const std::string& sentence) { evidence_.Add(sentence, 0.8); }
  std::optional<Judgement> Judge(const std::string& claim) {
    auto ev = evidence_.Build();
    return verifier_.Judge(fg::testing::MakeClaim(claim, ClaimKind::kRelation), ev);
  }
  bool Applies(const std::string& claim) {
    return verifier_.AppliesTo(fg::testing::MakeClaim(claim, ClaimKind::kRelation));
  }

  fg::testing::TempDir dir_;
  std::shared_ptr<const Lexicon> lexicon_;
  PlaceVerifier verifier_;
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(PlaceVerifierTest, AnotherCityRefutesWithCorrection) {
  evidence_.SetTitle("Eiffel Tower");
  Add("Eiffel Tower: a wrought iron tower that was constructed in Paris in 1889.");
  auto j = Judge("The Eiffel Tower is located in Berlin");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "place");
  EXPECT_EQ(j->correction, "The Eiffel Tower is located in Paris");
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
}

// Regression (default KB): "Lake Baikal is in Russia" was refuted; Baikal's entry names only a
// continent, but WordNet's map puts it in Siberia, and Siberia in Russia. The support cites no
// sentence, and needs the subject's own entry (a titled passage about it) among the evidence.
TEST_F(PlaceVerifierTest, WordNetsMapSupportsWhatTheEntryDoesNotSay) {
  evidence_.SetTitle("Everest, Mount Everest");
  Add("Everest: the highest mountain in the world.");
  auto j = Judge("Mount Everest is in Nepal");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_TRUE(j->evidence.empty());
  j = Judge("Mount Everest is the highest mountain in Asia");  // a rank: less sure
  ASSERT_TRUE(j);
  EXPECT_DOUBLE_EQ(j->confidence, 0.85);
  j = Judge("Paris is the capital of Nepal");  // a city elsewhere: the map refutes it
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  evidence_.Clear();
  evidence_.SetTitle("Nepal");  // another entry: the map is the KB's all the same
  Add("Nepal: a kingdom in the Himalayas.");
  EXPECT_TRUE(Judge("Mount Everest is in Nepal"));
  evidence_.Clear();
  evidence_.SetTitle("");  // given evidence (pairs mode) has no titles: only it speaks
  Add("Everest is the highest mountain in the world.");
  EXPECT_FALSE(Judge("Mount Everest is in Nepal"));
}

// The map refutes when no sense of the subject lies in the claim's place and each lies in another
// place of its kind: "Texas is in Mexico" (Texas in the United States), "Scotland is in England"
// (a country, in the United Kingdom). Regression (default KB): both were supported, the first from
// an entry titled "Texas chachalaca" ("of Mexico and Texas").
TEST_F(PlaceVerifierTest, WordNetsMapRefutesWhatNoSentenceSays) {
  evidence_.SetTitle("Texas chachalaca");
  Add("Texas chachalaca: of Mexico and Texas.");
  evidence_.SetTitle("Everest, Mount Everest");
  Add("Everest: the highest mountain in the world.");
  auto j = Judge("Mount Everest is in Africa");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mount Everest is in Asia");
  EXPECT_TRUE(j->evidence.empty());
  j = Judge("Germany is in France");  // a country in another country
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_FALSE(j->correction);
  EXPECT_TRUE(Judge("Paris is in Europe"));  // within: supported
  EXPECT_FALSE(Judge("Dijon is in Paris"));  // a city in a city: a district may be both
  // Nor does a sentence's place stand against the map. Regression (default KB): "Toronto: ... on
  // Lake Ontario" (a lake of the United States too) supported "Toronto is in the United States".
  evidence_.Clear();
  evidence_.SetTitle("Toronto");
  Add("Toronto: the largest city in the West.");
  j = Judge("Toronto is in the United States");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Toronto is in Canada");
  // A name with a sense in the claim's place: an entry about its other sense refutes nothing.
  // Regression (default KB): "Paris: a town in northeastern Texas" refuted "Paris is in Europe"
  // with "North America".
  evidence_.Clear();
  evidence_.SetTitle("Paris");
  Add("Paris: a town in the United States.");
  j = Judge("Paris is in Europe");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);  // the map's first sense
  EXPECT_TRUE(j->evidence.empty());
  // The Himalayas lie in Nepal and Tibet: no one country of Everest's is the other one.
  EXPECT_FALSE(Judge("Mount Everest is in France"));
}

// Regression (default KB): "Japan is in Europe" was supported at 0.92 (from a plant's entry naming
// Europe and Japan), and "Australia is in Europe" at 0.91: a sense of Japan that the map nests
// nowhere (the islands), and a sense of Australia that is a continent itself, kept the map quiet.
TEST_F(PlaceVerifierTest, SensesTheMapCannotPlaceDoNotKeepItQuiet) {
  evidence_.SetTitle("Japan");
  Add("Japan: a constitutional monarchy occupying the Japanese archipelago.");
  auto j = Judge("Japan is in Europe");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Japan is in Asia");  // the country's continent: the islands have none
  j = Judge("Japan is in Asia");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  evidence_.Clear();
  evidence_.SetTitle("Australia");
  Add("Australia: a nation occupying the whole of the Australian continent.");
  j = Judge("Australia is in Europe");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_FALSE(j->correction);  // "Australia is in Australia" would correct nothing
}

// Regression (default KB): "Russia, Russian Federation: a federation in northeastern Europe and
// northern Asia" refuted "Russia is in Asia", with "Europe": a place after "and" went unread.
TEST_F(PlaceVerifierTest, PlacesJoinedByAndAreAllRead) {
  evidence_.SetTitle("Everest, Mount Everest");
  Add("Everest: a peak on the border of eastern Nepal and southern Tibet.");
  auto j = Judge("Mount Everest is in Tibet");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
}

TEST_F(PlaceVerifierTest, APlaceWithinTheClaimsSupports) {
  evidence_.SetTitle("Eiffel Tower");
  Add("Eiffel Tower: a wrought iron tower that was constructed in Paris in 1889.");
  for (const char* claim :
       {"The Eiffel Tower is in Paris", "The Eiffel Tower is in France",
        "The Eiffel Tower is located in France", "The Eiffel Tower is a tower in Europe"}) {
    auto j = Judge(claim);
    ASSERT_TRUE(j) << claim;
    EXPECT_EQ(j->verdict, Verdict::kSupported) << claim;
    EXPECT_FALSE(j->correction) << claim;
    EXPECT_DOUBLE_EQ(j->confidence, 0.9) << claim;  // the place settles it
  }
  // A rank or uniqueness the place does not settle: a weaker support.
  for (const char* claim : {"The Eiffel Tower is the tallest tower in France",
                            "The Eiffel Tower is a 2nd tower in France",
                            "The Eiffel Tower is the main tower in France"}) {
    auto j = Judge(claim);
    ASSERT_TRUE(j) << claim;
    EXPECT_EQ(j->verdict, Verdict::kSupported) << claim;
    EXPECT_DOUBLE_EQ(j->confidence, 0.85) << claim;
  }
}

// The claim names a continent; the evidence a range that lies in two countries of another.
TEST_F(PlaceVerifierTest, TheCorrectionIsThePlaceOfTheClaimsKind) {
  evidence_.SetTitle("Everest, Mount Everest");
  Add("Everest: a mountain in the central Himalayas; the highest mountain peak in the world.");
  auto j = Judge("Mount Everest is the highest mountain in Africa");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mount Everest is the highest mountain in Asia");
}

// The Himalayas lie in two countries: which one the mountain is in would be a guess.
TEST_F(PlaceVerifierTest, APlaceInSeveralOfTheKindSaysNothing) {
  evidence_.SetTitle("Everest");
  Add("Everest: a mountain in the central Himalayas.");
  EXPECT_FALSE(Judge("Mount Everest is in Germany"));
  auto j = Judge("Mount Everest is in Nepal");  // but it does lie in each
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

// On a border: Tibet is another country than Nepal, but Nepal is named too.
TEST_F(PlaceVerifierTest, OneSupportingPlaceOutweighsOthers) {
  evidence_.SetTitle("Everest");
  Add("Everest: a mountain on the border of Tibet and Nepal.");
  auto j = Judge("Mount Everest is in Nepal");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  j = Judge("Mount Everest is in Germany");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mount Everest is in Tibet");  // the first place named
}

TEST_F(PlaceVerifierTest, APlaceContainingTheClaimsSaysNothing) {
  evidence_.SetTitle("Dijon");  // WordNet's map puts Dijon in France, not in Paris
  Add("Dijon: a city in France.");
  EXPECT_FALSE(Judge("Dijon is located in Paris"));
}

// Regression (default KB): "bolti: food fish of the Nile and other rivers of Africa and Asia"
// supported "The Nile is a river in Asia".
TEST_F(PlaceVerifierTest, ATitledPassageAboutSomethingElseSaysNothing) {
  evidence_.SetTitle("bolti, Tilapia nilotica");
  Add("bolti: important food fish of the Nile and other rivers of Africa and Asia.");
  auto bolti = Judge("The Nile is a river in Asia");  // the map speaks, the sentence does not
  ASSERT_TRUE(bolti);
  EXPECT_EQ(bolti->verdict, Verdict::kRefuted);
  EXPECT_TRUE(bolti->evidence.empty());
  evidence_.Clear();
  evidence_.SetTitle("Nile, Nile River");
  Add("Nile: the world's longest river; flows northward through eastern Africa.");
  auto j = Judge("The Nile is a river in Asia");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The Nile is a river in Africa");
}

TEST_F(PlaceVerifierTest, APlaceAfterAPersonsEventIsNotTheSubjects) {
  Add("Gustave Eiffel, born in Dijon, built the Eiffel Tower.");
  EXPECT_FALSE(Judge("The Eiffel Tower is located in Berlin"));
  evidence_.Clear();
  Add("The Eiffel Tower stands in Paris.");  // untitled: the sentence names the subject
  auto j = Judge("The Eiffel Tower is located in Berlin");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

// Regression (FEVER): "in the West Midlands, England" refuted "Birmingham is in England" with
// "United States", reading "West" (a region of the United States) out of "West Midlands".
TEST_F(PlaceVerifierTest, APlaceIsAWholeName) {
  Add("Birmingham is a city and metropolitan borough in the West Midlands, England.");
  EXPECT_FALSE(Judge("Birmingham is in England"));  // "England" follows no preposition
  evidence_.Clear();
  // Regression (VitaminC): "Following a period at the McGill University in Canada, he graduated
  // from the American University of Paris" refuted "McGill University is located in Montreal".
  Add("After a period at the Eiffel Tower School in France, he graduated from the American "
      "University of Paris.");
  EXPECT_FALSE(Judge("The Eiffel Tower School is located in Dijon"));
  evidence_.Clear();
  Add("In Paris stands the Eiffel Tower.");  // "In" opens the sentence, not the name
  auto j = Judge("The Eiffel Tower is in Berlin");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "The Eiffel Tower is in Paris");
}

TEST_F(PlaceVerifierTest, TheCorrectionWritesTheArticleANameTakes) {
  Add("Arizona is a state in the West.");
  auto j = Judge("Arizona is in Canada");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Arizona is in the United States");
  evidence_.Clear();
  Add("Dijon is a city in eastern France.");
  j = Judge("Dijon is a city in the United States");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Dijon is a city in France");
}

TEST_F(PlaceVerifierTest, NegationSaysNothing) {
  Add("The Eiffel Tower stands in Paris.");
  EXPECT_FALSE(Judge("The Eiffel Tower is not located in Berlin"));
  evidence_.Clear();
  Add("The Eiffel Tower was never in Paris.");
  EXPECT_FALSE(Judge("The Eiffel Tower is located in Berlin"));
}

TEST_F(PlaceVerifierTest, AppliesOnlyToWhereANamedPlaceIs) {
  EXPECT_TRUE(Applies("The Eiffel Tower is located in Berlin"));
  EXPECT_TRUE(Applies("Mount Everest is the highest mountain in Africa"));
  EXPECT_TRUE(Applies("The Nile lies in Africa"));
  EXPECT_TRUE(Applies("The Burj Khalifa is in Paris"));  // a name WordNet does not know
  EXPECT_FALSE(Applies("Mozart was born in Paris"));     // an event
  EXPECT_FALSE(Applies("The Eiffel Tower was built in Paris"));
  EXPECT_FALSE(Applies("Mozart is in Paris"));               // a person WordNet knows
  EXPECT_FALSE(Applies("The tower is in Paris"));            // no name to place
  EXPECT_FALSE(Applies("The Eiffel Tower is in Atlantis"));  // no place WordNet knows
  EXPECT_FALSE(Applies("The Eiffel Tower is near Paris"));
  EXPECT_FALSE(PlaceVerifier(nullptr).AppliesTo(
      fg::testing::MakeClaim("The Eiffel Tower is in Paris", ClaimKind::kRelation)));
}

// "X is the capital of Y": a country or state has one capital.
TEST_F(PlaceVerifierTest, AnotherCitySaidToBeTheCapitalRefutes) {
  evidence_.SetTitle("Paris, capital of France");
  Add("Paris, capital of France: the largest city of France.");
  auto j = Judge("Dijon is the capital of France");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Paris is the capital of France");
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  j = Judge("Paris is the capital of France");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  // No sentence names Germany's capital, but Dijon lies in France, and WordNet names Berlin.
  j = Judge("Dijon is the capital of Germany");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Berlin is the capital of Germany");
  EXPECT_TRUE(j->evidence.empty());
}

// Retrieval may find only the subject's entries: WordNet's lemma "capital of France" names the
// capital, for a subject that is another city of that country.
TEST_F(PlaceVerifierTest, WordNetNamesTheCapitalTheEvidenceDoesNot) {
  evidence_.SetTitle("Dijon");
  Add("Dijon: a city in eastern France; once the capital of France.");  // the past: not now
  auto j = Judge("Dijon is the capital of France");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Paris is the capital of France");
  EXPECT_TRUE(j->evidence.empty());
  evidence_.Clear();
  // Regression (default KB): "Shanghai is the capital of China" was supported; WordNet names
  // Beijing "capital of Red China", after another of China's names.
  Add("Munich: a city in southern Germany.");
  j = Judge("Munich is the capital of Germany");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Berlin is the capital of Germany");
  EXPECT_FALSE(Judge("Naypyidaw is the capital of France"));  // newer than WordNet, maybe
  // A city elsewhere is no capital of France, named by WordNet or not (regression, default KB:
  // "Sao Tome is the capital of Denmark" was supported at 0.54).
  j = Judge("Berlin is the capital of France");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Paris is the capital of France");
  j = Judge("Berlin is the capital of Nepal");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_FALSE(j->correction);
  EXPECT_FALSE(verifier_.Judge(
      fg::testing::MakeClaim("Dijon is the capital of France", ClaimKind::kRelation),
      {}));  // before retrieval: the evidence may cite the capital
}

// Regression (default KB): "Sucre: the judicial capital and seat of the judiciary in Bolivia"
// was refuted with "La Paz is the capital of Bolivia".
TEST_F(PlaceVerifierTest, ACityWithAShareInGoverningIsNotRefuted) {
  Add("Dijon is the judicial capital and seat of the judiciary in France.");
  Add("Paris is the capital of France.");
  EXPECT_FALSE(Judge("Dijon is the capital of France"));
  evidence_.Clear();
  evidence_.SetTitle("Dijon");
  Add("Dijon: the state capital of Burgundy in France.");  // another role: the capital's is free
  auto j = Judge("Dijon is the capital of France");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(PlaceVerifierTest, OnlyThePresentCapitalIsOneOfAKind) {
  EXPECT_TRUE(Applies("Dijon is the capital of France"));
  EXPECT_TRUE(Applies("Dijon is the capital city of France"));
  EXPECT_FALSE(Applies("Dijon was the capital of France"));
  EXPECT_FALSE(Applies("Dijon is the capital of Europe"));  // a continent has none
  EXPECT_FALSE(Applies("Dijon is a capital of France"));
}

}  // namespace
}  // namespace fg
