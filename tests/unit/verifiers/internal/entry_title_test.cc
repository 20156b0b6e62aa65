#include "verifiers/internal/entry_title.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/unit/verifiers/evidence_builder.h"

namespace fg::internal {
namespace {

TEST(EntryTitleTest, ATitleNamesWhatItListsAndThoseLessGenericWords) {
  EXPECT_TRUE(TitleNames("Baikal, Lake Baikal, Baykal, Lake Baykal", "Lake Baikal"));
  EXPECT_TRUE(TitleNames("Baikal, Lake Baikal", "lake baikal"));  // case aside
  EXPECT_TRUE(TitleNames("Everest", "Mount Everest"));            // "Mount" says the kind
  EXPECT_TRUE(TitleNames("Nile, Nile River", "The Nile"));
  EXPECT_TRUE(TitleNames("Great Wall, Great Wall of China", "The Great Wall"));
}

TEST(EntryTitleTest, ATitleWithAWordTheNameLacksIsAboutSomethingElse) {
  EXPECT_FALSE(TitleNames("Texas chachalaca, Ortilis vetula macalli", "Texas"));
  EXPECT_FALSE(TitleNames("Dolomite Alps", "The Alps"));
  EXPECT_FALSE(TitleNames("Greenland Sea", "Greenland"));
  EXPECT_FALSE(TitleNames("Northern Ireland", "Ireland"));
  EXPECT_FALSE(TitleNames("Mount", "Mount Everest"));  // a distinctive word is missing
  EXPECT_FALSE(TitleNames("", "Everest"));
  EXPECT_FALSE(TitleNames("Everest", ""));
  EXPECT_FALSE(TitleNames("Everest", "the"));
}

TEST(EntryTitleTest, TheFirstNameIsTheEntrysHeadword) {
  EXPECT_EQ(FirstTitleName("Baikal, Lake Baikal"), "Baikal");
  EXPECT_EQ(FirstTitleName(" Jupiter "), "Jupiter");
  EXPECT_EQ(FirstTitleName(""), "");
}

TEST(EntryTitleTest, TheFirstNameInFullAddsOnlyGenericWords) {
  EXPECT_EQ(FirstTitleNameInFull("Angel, Angel Falls"), "Angel Falls");
  EXPECT_EQ(FirstTitleNameInFull("Victoria, Lake Victoria, Victoria Nyanza"), "Lake Victoria");
  EXPECT_EQ(FirstTitleNameInFull("Cairo, Egyptian capital, capital of Egypt"), "Cairo");
  EXPECT_EQ(FirstTitleNameInFull("Sahara, Sahara Desert"), "Sahara");  // "desert" is not generic
  EXPECT_EQ(FirstTitleNameInFull(""), "");
}

TEST(EntryTitleTest, TheFullNameIsTheFirstOfTwoWordsOrMore) {
  EXPECT_EQ(FullTitleName("Melville, Herman Melville"), "Herman Melville");
  EXPECT_EQ(FullTitleName("Dickens, Charles Dickens, Charles John Huffam Dickens"),
            "Charles Dickens");
  EXPECT_EQ(FullTitleName("Homer"), "Homer");
  EXPECT_EQ(FullTitleName(""), "");
}

TEST(EntryTitleTest, ATitleMayNamePartOfAName) {
  EXPECT_TRUE(TitleNamesPartOf("Tom Sawyer", "The Adventures of Tom Sawyer"));
  EXPECT_FALSE(TitleNamesPartOf("Sawyer", "The Adventures of Tom Sawyer"));  // one word: common
  EXPECT_FALSE(TitleNamesPartOf("Tom Thumb", "The Adventures of Tom Sawyer"));
  EXPECT_FALSE(TitleNamesPartOf("", "Moby Dick"));
}

TEST(EntryTitleTest, GenericWordsSayTheKind) {
  EXPECT_TRUE(IsGenericNameWord("lake"));
  EXPECT_TRUE(IsGenericNameWord("the"));
  EXPECT_FALSE(IsGenericNameWord("baikal"));
}

TEST(EntryTitleTest, ANameStandsWholeInTheText) {
  const std::vector<Token> caesar = Tokenize("Julius Caesar was assassinated in 44 BC");
  EXPECT_TRUE(TitleNameStandsIn("Caesar, Julius Caesar, Gaius Julius Caesar", caesar));
  EXPECT_FALSE(TitleNameStandsIn(
      "Augustus, Gaius Octavianus, Gaius Julius Caesar Octavianus, Octavian", caesar));
  // A capitalised word of the name must be capitalised in the text; lower-case words need not.
  EXPECT_FALSE(TitleNameStandsIn("Caesar", Tokenize("the caesar salad was invented in 1924")));
  EXPECT_TRUE(TitleNameStandsIn("Leonardo da Vinci", Tokenize("Leonardo Da Vinci was born")));
  EXPECT_TRUE(TitleNameStandsIn("Sea level rise", Tokenize("Sea level rise of 65 centimeters")));
  // A common noun's entry is no name.
  EXPECT_FALSE(TitleNameStandsIn("tower", Tokenize("The Eiffel tower is 300 meters high")));
  EXPECT_FALSE(TitleNameStandsIn("", caesar));
}

TEST(EntryTitleTest, TheEntriesOfTheValuesSubjectComeFirst) {
  fg::testing::EntryBuilder entries;
  for (std::string title : {"Sears Tower", "Fahrenheit", "Eiffel Tower", ""}) {
    entries.Add(title, "text");
  }
  const std::vector<EvidenceSentence> evidence = entries.Build();
  const std::string claim = "The Eiffel Tower is 1454 feet tall";
  EXPECT_EQ(OwnEntries(evidence, claim, claim.find("1454")),
            (std::vector<bool>{false, false, true, false}));
  EXPECT_EQ(OwnEntriesFirst(OwnEntries(evidence, claim, claim.find("1454"))),
            (std::vector<size_t>{2, 0, 1, 3}));
  // Only the words before the value name its subject: not the unit after it.
  const std::string warmer = "April is now 6 degrees Fahrenheit warmer";
  EXPECT_EQ(OwnEntriesFirst(OwnEntries(evidence, warmer, warmer.find('6'))),
            (std::vector<size_t>{0, 1, 2, 3}));
}

}  // namespace
}  // namespace fg::internal
