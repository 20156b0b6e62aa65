#include "src/core/wordnet.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

constexpr const char* kWordNetDir = "/usr/share/wordnet";

// A tiny WordNet database in the wndb format. Offsets only need to increase through each file.
// "dog" has two senses whose index order (frump first) differs from the data file order.
constexpr const char* kDataNoun =
    "  1 This software and database is being provided to you, the LICENSEE\n"
    "00000100 05 n 02 dog 0 domestic_dog 0 001 @ 00000200 n 0000 | a domesticated canid; "
    "\"the dog barked all night\"  \n"
    "00000200 05 n 01 canine 0 001 @ 00000400 n 0000 | a carnivorous mammal\n"
    "00000400 05 n 01 carnivore 0 000 | a meat eater\n"
    "00000500 05 n 02 goose 0 Anser 0 000 | a web-footed bird\n"
    "00000600 06 n 02 car 0 automobile 0 000 | a motor vehicle\n"
    "00000700 05 n 01 cat 0 000 | a feline\n"
    "00000800 18 n 02 Lincoln 0 Abraham_Lincoln 0 001 @i 00000900 n 0000 | 16th President of the "
    "United States; was assassinated by Booth (1809-1865)\n"
    "00000900 18 n 01 President_of_the_United_States 0 000 | the head of state\n"
    "00001000 18 n 02 frump 0 dog 1 000 | a dull unattractive woman\n";
constexpr const char* kDataVerb =
    "  1 header\n"
    "00000100 30 v 01 increase 0 001 ! 00000200 v 0101 01 + 02 00 | become bigger\n"
    "00000200 30 v 01 decrease 0 001 ! 00000100 v 0101 01 + 02 00 | become smaller\n"
    "00000300 38 v 01 run 0 000 02 + 01 00 + 02 00 | move fast by using your feet\n";
constexpr const char* kDataAdj =
    "  1 header\n"
    "00000100 00 a 02 hot 0 raging(p) 0 002 ! 00000300 a 0101 & 00000200 a 0000 | used of "
    "physical heat\n"
    "00000200 00 s 01 scorching 0 001 & 00000100 a 0000 | hot enough to burn\n"
    "00000300 00 a 01 cold 0 001 ! 00000100 a 0101 | having a low temperature\n";
constexpr const char* kDataAdv = "00000100 02 r 01 quickly 0 000 | rapidly\n";
constexpr const char* kIndexNoun =
    "  1 header\n"
    "abraham_lincoln n 1 1 @i 1 0 00000800  \n"
    "anser n 1 0 1 0 00000500  \n"
    "automobile n 1 0 1 0 00000600  \n"
    "canine n 1 1 @ 1 0 00000200  \n"
    "car n 1 0 1 0 00000600  \n"
    "carnivore n 1 0 1 0 00000400  \n"
    "cat n 1 0 1 0 00000700  \n"
    "dog n 2 1 @ 2 1 00001000 00000100  \n"
    "domestic_dog n 1 1 @ 1 0 00000100  \n"
    "frump n 1 0 1 0 00001000  \n"
    "goose n 1 0 1 0 00000500  \n"
    "lincoln n 1 1 @i 1 0 00000800  \n"
    "president_of_the_united_states n 1 0 1 0 00000900  \n";
constexpr const char* kIndexVerb =
    "decrease v 1 1 ! 1 0 00000200  \n"
    "increase v 1 1 ! 1 0 00000100  \n"
    "run v 1 0 1 0 00000300  \n";
constexpr const char* kIndexAdj =
    "cold a 1 1 ! 1 0 00000300  \n"
    "hot a 1 2 ! & 1 0 00000100  \n"
    "raging a 1 1 & 1 0 00000100  \n"
    "scorching a 1 1 & 1 0 00000200  \n";
constexpr const char* kIndexAdv = "quickly r 1 0 1 0 00000100  \n";

class WordNetTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) { temp_.Write(name, text); }
  void WriteFixture() {
    Write("data.noun", kDataNoun);
    Write("data.verb", kDataVerb);
    Write("data.adj", kDataAdj);
    Write("data.adv", kDataAdv);
    Write("index.noun", kIndexNoun);
    Write("index.verb", kIndexVerb);
    Write("index.adj", kIndexAdj);
    Write("index.adv", kIndexAdv);
    Write("noun.exc", "geese goose\n");
    Write("verb.exc", "ran run\n");
    Write("adj.exc", "hotter hot\n");
    Write("adv.exc", "");
  }
  std::shared_ptr<const Lexicon> LoadFixture() {
    WriteFixture();
    auto lexicon = Lexicon::Load(dir_.string());
    EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
    return lexicon.ok() ? *lexicon : nullptr;
  }

  fg::testing::TempDir temp_;
  fs::path dir_ = temp_.path();
};

TEST_F(WordNetTest, LoadReportsMissingFiles) {
  auto lexicon = Lexicon::Load(dir_.string());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), Status::Code::kNotFound);
  EXPECT_NE(lexicon.status().message().find("data.noun"), std::string::npos);

  WriteFixture();
  fs::remove(dir_ / "verb.exc");
  lexicon = Lexicon::Load(dir_.string());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), Status::Code::kNotFound);
  EXPECT_NE(lexicon.status().message().find("verb.exc"), std::string::npos);
}

TEST_F(WordNetTest, LoadRejectsMalformedLines) {
  WriteFixture();
  Write("data.adv", "00000100 02 r 03 quickly 0 000 | rapidly\n");  // says 3 words, has 1
  auto lexicon = Lexicon::Load(dir_.string());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(lexicon.status().message().find("data.adv"), std::string::npos);
}

TEST_F(WordNetTest, CountsLemmasAndSynsets) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  EXPECT_EQ(lexicon->synset_count(), 16u);
  EXPECT_EQ(lexicon->lemma_count(), 21u);
  EXPECT_TRUE(lexicon->Contains("Abraham_Lincoln"));
  EXPECT_TRUE(lexicon->Contains("abraham lincoln"));
  EXPECT_TRUE(lexicon->Contains("raging"));  // adjective marker "(p)" stripped
  EXPECT_FALSE(lexicon->Contains("raging(p)"));
  EXPECT_FALSE(lexicon->Contains("geese"));  // Contains does no morphology
}

TEST_F(WordNetTest, FindsSynonymsThroughSharedSynsets) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  struct Case {
    const char* a;
    const char* b;
    bool expected;
  };
  const Case cases[] = {
      {"car", "automobile", true},
      {"automobile", "car", true},
      {"cars", "automobile", true},
      {"geese", "anser", true},
      {"dog", "domestic dog", true},
      {"dog", "domestic_dog", true},
      {"dog", "frump", true},
      {"car", "dog", false},
      {"domestic dog", "frump", false},
      {"car", "car", true},
      {"unknownword", "unknownword", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lexicon->AreSynonyms(c.a, c.b), c.expected) << c.a << " / " << c.b;
  }
}

TEST_F(WordNetTest, FindsOnlyDirectLexicalAntonyms) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  struct Case {
    const char* a;
    const char* b;
    bool expected;
  };
  const Case cases[] = {
      {"hot", "cold", true},
      {"cold", "hot", true},
      {"hotter", "cold", true},
      {"increase", "decrease", true},
      {"increased", "decreases", true},
      {"raging", "cold", false},     // same synset as "hot", but the pointer is from "hot"
      {"scorching", "cold", false},  // similar-to satellites are not followed
      {"hot", "hot", false},
      {"car", "dog", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(lexicon->AreAntonyms(c.a, c.b), c.expected) << c.a << " / " << c.b;
    // The two-step form gives the same answer.
    EXPECT_EQ(lexicon->HasAntonymIn(lexicon->AntonymIds(c.a), c.b), c.expected)
        << c.a << " / " << c.b;
  }
  EXPECT_TRUE(lexicon->AntonymIds("car").empty());
  EXPECT_FALSE(lexicon->HasAntonymIn({}, "cold"));
}

TEST_F(WordNetTest, FollowsHypernymAndInstanceChainsUpToMaxDepth) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  EXPECT_TRUE(lexicon->IsHypernymOf("canine", "dog", 1));
  EXPECT_TRUE(lexicon->IsHypernymOf("carnivore", "dog", 2));
  EXPECT_FALSE(lexicon->IsHypernymOf("carnivore", "dog", 1));
  EXPECT_TRUE(lexicon->IsHypernymOf("carnivore", "dogs"));
  EXPECT_FALSE(lexicon->IsHypernymOf("dog", "carnivore"));
  EXPECT_TRUE(lexicon->IsHypernymOf("president of the united states", "Lincoln"));
  EXPECT_FALSE(lexicon->IsHypernymOf("carnivore", "cat"));
  EXPECT_FALSE(lexicon->IsHypernymOf("carnivore", "unknownword"));
}

TEST_F(WordNetTest, ListsHypernymsNearestFirstUpToMaxDepth) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  std::vector<std::string> one = lexicon->Hypernyms("dog", 1, 100);
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one.front(), "canine");
  EXPECT_EQ(std::find(one.begin(), one.end(), "carnivore"), one.end());
  std::vector<std::string> two = lexicon->Hypernyms("dogs", 2, 100);  // through the base form
  EXPECT_NE(std::find(two.begin(), two.end(), "canine"), two.end());
  EXPECT_NE(std::find(two.begin(), two.end(), "carnivore"), two.end());
  EXPECT_EQ(lexicon->Hypernyms("dog", 2, 1).size(), 1u);  // capped
  EXPECT_TRUE(lexicon->Hypernyms("unknownword", 3, 100).empty());
  // Every listed lemma agrees with IsHypernymOf.
  for (const std::string& h : two) EXPECT_TRUE(lexicon->IsHypernymOf(h, "dog", 2)) << h;
}

// Kinds (what the taxonomy expert reads): noun senses in sense order, through base forms; a
// synset's direct hypernyms; membership in a group ('#m').
TEST_F(WordNetTest, GivesNounSensesAndTheirHypernyms) {
  auto lexicon = LoadFixture();
  ASSERT_TRUE(lexicon);
  const std::vector<uint32_t> dogs = lexicon->NounSenses("dogs");
  ASSERT_EQ(dogs.size(), 2u);
  EXPECT_EQ(lexicon->SynsetLemmas(dogs[0]), (std::vector<std::string>{"frump", "dog"}));
  EXPECT_EQ(lexicon->SynsetLemmas(dogs[1]), (std::vector<std::string>{"dog", "domestic dog"}));
  const std::vector<uint32_t> up = lexicon->DirectHypernyms(dogs[1]);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(lexicon->SynsetLemmas(up[0]), std::vector<std::string>{"canine"});
  EXPECT_TRUE(lexicon->DirectHypernyms(dogs[0]).empty());
  EXPECT_TRUE(lexicon->NounSenses("run").empty());  // a verb only
  EXPECT_TRUE(lexicon->NounSenses("unicorn").empty());
  EXPECT_TRUE(lexicon->DirectHypernyms(1000000).empty());
  EXPECT_FALSE(lexicon->IsMemberOfGroup(dogs[1]));  // the fixture has no '#m'
}

TEST_F(WordNetTest, FindsBaseForms) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  const std::pair<const char*, const char*> cases[] = {
      {"geese", "goose"},          // noun exception list
      {"ran", "run"},              // verb exception list
      {"hotter", "hot"},           // adjective exception list
      {"cats", "cat"},             // noun rule -s
      {"increasing", "increase"},  // verb rule -ing -> -e
      {"increased", "increase"},   // verb rule -ed -> -e
      {"colder", "cold"},          // adjective rule -er
      {"dog", "dog"},              // already a lemma
      {"Domestic_Dogs", "domestic dog"},
      {"xyzzy", "xyzzy"},  // unknown: returned normalized
  };
  for (const auto& [word, base] : cases) {
    EXPECT_EQ(lexicon->BaseForm(word), base) << word;
  }
}

TEST_F(WordNetTest, ListsSynonymsInSenseOrder) {
  auto lexicon = LoadFixture();
  ASSERT_NE(lexicon, nullptr);
  EXPECT_EQ(lexicon->Synonyms("dog", 10), (std::vector<std::string>{"frump", "domestic dog"}));
  EXPECT_EQ(lexicon->Synonyms("dogs", 1), (std::vector<std::string>{"frump"}));
  EXPECT_EQ(lexicon->Synonyms("lincoln", 10), (std::vector<std::string>{"abraham lincoln"}));
  EXPECT_TRUE(lexicon->Synonyms("cat", 10).empty());
  EXPECT_TRUE(lexicon->Synonyms("unknownword", 10).empty());
}

TEST_F(WordNetTest, ForEachSynsetStreamsRawSynsets) {
  WriteFixture();
  std::vector<Synset> synsets;
  Status status = ForEachSynset(dir_.string(), 'n', [&](const Synset& s) { synsets.push_back(s); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(synsets.size(), 9u);
  EXPECT_EQ(synsets[0].offset, 100u);
  EXPECT_EQ(synsets[0].pos, 'n');
  EXPECT_EQ(synsets[0].lemmas, (std::vector<std::string>{"dog", "domestic dog"}));
  EXPECT_EQ(synsets[0].gloss, "a domesticated canid; \"the dog barked all night\"");
  EXPECT_EQ(synsets[0].hypernyms, (std::vector<uint32_t>{200}));
  EXPECT_EQ(synsets[6].lemmas, (std::vector<std::string>{"Lincoln", "Abraham Lincoln"}));
  EXPECT_EQ(synsets[6].hypernyms, (std::vector<uint32_t>{900}));

  std::vector<Synset> adjectives;
  status = ForEachSynset(dir_.string(), 'a', [&](const Synset& s) { adjectives.push_back(s); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(adjectives.size(), 3u);
  EXPECT_EQ(adjectives[0].lemmas, (std::vector<std::string>{"hot", "raging"}));
  EXPECT_EQ(adjectives[1].pos, 's');

  EXPECT_EQ(ForEachSynset(dir_.string(), 'x', [](const Synset&) {}).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(ForEachSynset((dir_ / "missing").string(), 'n', [](const Synset&) {}).code(),
            Status::Code::kNotFound);
}

// The installed database (Debian package wordnet-base), loaded once for these tests.
class WordNetRealDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(fs::path(kWordNetDir) / "data.noun")) return;
    auto loaded = Lexicon::Load(kWordNetDir);
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    lexicon_ = new std::shared_ptr<const Lexicon>(*loaded);
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
  }
  void SetUp() override {
    if (lexicon_ == nullptr) {
      GTEST_SKIP() << "WordNet is not installed in " << kWordNetDir
                   << " (Debian package wordnet-base)";
    }
  }
  static std::shared_ptr<const Lexicon>* lexicon_;
};

std::shared_ptr<const Lexicon>* WordNetRealDataTest::lexicon_ = nullptr;

TEST_F(WordNetRealDataTest, AnswersOnTheInstalledDatabase) {
  const Lexicon& lexicon = **lexicon_;
  EXPECT_GT(lexicon.lemma_count(), 140000u);
  EXPECT_GT(lexicon.synset_count(), 110000u);
  EXPECT_TRUE(lexicon.AreSynonyms("car", "automobile"));
  EXPECT_FALSE(lexicon.AreSynonyms("car", "banana"));
  EXPECT_TRUE(lexicon.AreAntonyms("hot", "cold"));
  EXPECT_TRUE(lexicon.AreAntonyms("alive", "dead"));
  auto related = [&](const char* word) { return lexicon.RelatedForms(word, 20); };
  auto has = [](const std::vector<std::string>& v, const char* w) {
    return std::find(v.begin(), v.end(), w) != v.end();
  };
  EXPECT_TRUE(has(related("volcanic"), "volcano"));
  EXPECT_TRUE(has(related("atmospheric"), "atmosphere"));  // a pertainym
  EXPECT_TRUE(has(related("scientists"), "science"));      // through the base form
  EXPECT_FALSE(has(related("volcanic"), "volcanic"));
  EXPECT_TRUE(related("the").empty());
  EXPECT_TRUE(lexicon.AreAntonyms("larger", "smaller"));
  EXPECT_FALSE(lexicon.AreAntonyms("hot", "warm"));
  EXPECT_TRUE(lexicon.IsHypernymOf("carnivore", "dog"));
  EXPECT_TRUE(lexicon.IsHypernymOf("mammal", "whale", 4));
  EXPECT_TRUE(lexicon.IsHypernymOf("president", "Lincoln"));
  EXPECT_FALSE(lexicon.IsHypernymOf("dog", "mammal", 10));
  EXPECT_EQ(lexicon.BaseForm("geese"), "goose");
  EXPECT_EQ(lexicon.BaseForm("was"), "be");
  EXPECT_EQ(lexicon.BaseForm("is"), "be");
  EXPECT_EQ(lexicon.BaseForm("churches"), "church");
  EXPECT_EQ(lexicon.Synonyms("car", 2), (std::vector<std::string>{"auto", "automobile"}));
  // Taxa are members of groups ("mammal" of Mammalia); roles are not ("pet").
  ASSERT_FALSE(lexicon.NounSenses("mammal").empty());
  EXPECT_TRUE(lexicon.IsMemberOfGroup(lexicon.NounSenses("mammal").front()));
  ASSERT_FALSE(lexicon.NounSenses("pet").empty());
  EXPECT_FALSE(lexicon.IsMemberOfGroup(lexicon.NounSenses("pet").front()));

  size_t nouns = 0;
  bool found_lincoln = false;
  Status status = ForEachSynset(kWordNetDir, 'n', [&](const Synset& s) {
    ++nouns;
    if (s.offset == 11132462) {
      found_lincoln = s.gloss.find("assassinated by Booth") != std::string::npos &&
                      s.lemmas.front() == "Lincoln";
    }
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(nouns, 82115u);
  EXPECT_TRUE(found_lincoln);
}

// Places on the installed database: what the place expert (verifiers/place_verifier.h) relies on.
TEST_F(WordNetRealDataTest, LocatesPlacesByPartHolonyms) {
  const Lexicon& lexicon = **lexicon_;
  using Kind = Lexicon::PlaceKind;
  auto place = [&](const char* name) {
    std::vector<uint32_t> senses = lexicon.Places(name);
    EXPECT_FALSE(senses.empty()) << name;
    return senses.empty() ? UINT32_MAX : senses.front();
  };
  const uint32_t paris = place("Paris"), france = place("France"), berlin = place("Berlin");
  const uint32_t tower = place("Eiffel Tower"), nepal = place("Nepal"), asia = place("asia");
  EXPECT_TRUE(lexicon.Places("dog").empty());          // not a named instance
  EXPECT_TRUE(lexicon.Places("Lincoln").size() <= 1);  // the person is no place
  EXPECT_EQ(lexicon.PlaceName(paris), "Paris");
  EXPECT_EQ(lexicon.PlaceName(asia), "Asia");
  const std::vector<std::string> china = lexicon.SynsetLemmas(place("China"));
  EXPECT_NE(std::find(china.begin(), china.end(), "red china"), china.end());
  EXPECT_FALSE(lexicon.Places("capital of red china").empty());  // Beijing's other name
  EXPECT_TRUE(lexicon.SynsetLemmas(UINT32_MAX).empty());
  EXPECT_TRUE(lexicon.Within(tower, paris));
  EXPECT_TRUE(lexicon.Within(tower, france));  // through Paris
  EXPECT_TRUE(lexicon.Within(paris, paris));
  EXPECT_FALSE(lexicon.Within(paris, berlin));
  EXPECT_FALSE(lexicon.Within(france, paris));
  EXPECT_FALSE(lexicon.Within(tower, france, 0));
  EXPECT_EQ(lexicon.KindOf(paris), Kind::kCity);
  EXPECT_EQ(lexicon.KindOf(berlin), Kind::kCity);
  EXPECT_EQ(lexicon.KindOf(france), Kind::kCountry);
  EXPECT_EQ(lexicon.KindOf(nepal), Kind::kCountry);
  EXPECT_EQ(lexicon.KindOf(asia), Kind::kContinent);
  EXPECT_EQ(lexicon.KindOf(place("Texas")), Kind::kState);
  EXPECT_EQ(lexicon.KindOf(place("Sydney")), Kind::kCity);
  EXPECT_EQ(lexicon.KindOf(tower), Kind::kOther);
  EXPECT_EQ(lexicon.EnclosingOfKind(tower, Kind::kCity), std::optional<uint32_t>(paris));
  EXPECT_EQ(lexicon.EnclosingOfKind(nepal, Kind::kContinent), std::optional<uint32_t>(asia));
  EXPECT_EQ(lexicon.EnclosingOfKind(paris, Kind::kCity), std::optional<uint32_t>(paris));
  EXPECT_FALSE(lexicon.EnclosingOfKind(asia, Kind::kCountry).has_value());
  // The Andes lie in several countries of one continent.
  EXPECT_FALSE(lexicon.EnclosingOfKind(place("Andes"), Kind::kCountry).has_value());
  EXPECT_EQ(lexicon.EnclosingOfKind(place("Andes"), Kind::kContinent),
            std::optional<uint32_t>(place("South America")));
  EXPECT_FALSE(lexicon.EnclosingOfKind(paris, Kind::kOther).has_value());
}

}  // namespace
}  // namespace fg
