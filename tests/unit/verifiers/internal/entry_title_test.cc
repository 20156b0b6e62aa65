#include "verifiers/internal/entry_title.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace fg::internal
