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

TEST(EntryTitleTest, GenericWordsSayTheKind) {
  EXPECT_TRUE(IsGenericNameWord("lake"));
  EXPECT_TRUE(IsGenericNameWord("the"));
  EXPECT_FALSE(IsGenericNameWord("baikal"));
}

}  // namespace
}  // namespace fg::internal
