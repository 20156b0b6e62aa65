#include "plugins/stream_sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg::plugins {
namespace {

struct CompletionCase {
  const char* name;
  const char* text;
  std::vector<std::string> want;
};

class CompletedSentencesTest : public testing::TestWithParam<CompletionCase> {};

TEST_P(CompletedSentencesTest, FindsCompleteSentences) {
  const CompletionCase& c = GetParam();
  std::vector<std::string> got;
  for (const Sentence& s : CompletedSentences(c.text)) {
    got.emplace_back(std::string_view(c.text).substr(s.span.begin, s.span.size()));
  }
  EXPECT_EQ(got, c.want) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompletedSentencesTest,
    testing::Values(
        CompletionCase{"Empty", "", {}}, CompletionCase{"Unfinished", "Paris is", {}},
        CompletionCase{"EndsWithPeriod", "Paris is large.", {"Paris is large."}},
        CompletionCase{"TrailingSpace", "Paris is large.  ", {"Paris is large."}},
        CompletionCase{"ShortWordWaitsForNextWord", "Paris is big.", {}},
        CompletionCase{"UnknownAbbreviation", "He was 5 ft.", {}},
        CompletionCase{"LongAbbreviation", "Price incl.", {}},
        CompletionCase{"NonAsciiWord", "Er wohnt in K\u00f6ln.", {"Er wohnt in K\u00f6ln."}},
        CompletionCase{"Exclamation", "Paris is big!", {"Paris is big!"}},
        CompletionCase{"ClosingQuote", "He said \"it is large.\"", {"He said \"it is large.\""}},
        CompletionCase{"Emphasis", "It is **large.**", {"It is **large.**"}},
        CompletionCase{"Title", "It was Dr.", {}}, CompletionCase{"Initial", "It was J.", {}},
        CompletionCase{"Acronym", "He moved to the U.S.", {}},
        CompletionCase{"MaybeFinalAbbreviation", "Apples, pears, etc.", {}},
        CompletionCase{"DecimalMayFollow", "Pi is 3.", {}},
        CompletionCase{"NumberThenSpace", "He died in 1865. ", {"He died in 1865."}},
        CompletionCase{"Ellipsis", "He waited...", {}},
        CompletionCase{"UnicodeEllipsis", "He waited\u2026", {}},
        CompletionCase{"NextSentenceStarted", "Paris is big. It ", {"Paris is big."}},
        CompletionCase{"NextWordUnfinished", "He moved to the U.S. Th", {}},
        CompletionCase{"NextWordFinished", "He moved to the U.S. The ", {"He moved to the U.S."}},
        CompletionCase{"ListItems", "- Paris is big\n- Rome", {"Paris is big"}},
        CompletionCase{"HeadingThenText", "# Facts\nParis is big", {"Facts"}},
        CompletionCase{"OpenCodeFence", "Here:\n\n```\nx = 1. y = 2.", {"Here:"}},
        CompletionCase{
            "TwoComplete", "Oil is black. Milk is white. Eg", {"Oil is black.", "Milk is white."}},
        CompletionCase{"InitialBeforeUnfinishedWord", "It is B. C", {}},
        CompletionCase{"CleanEndBeforeUnfinishedWord", "Paris is big. Ro", {"Paris is big."}},
        CompletionCase{"BlankLineBeforeUnfinishedWord", "Paris is big\n\nRo", {"Paris is big"}},
        CompletionCase{"TwoCompleteAndStarted",
                       "Oil is black. Milk is white. Eggs are",
                       {"Oil is black.", "Milk is white."}},
        CompletionCase{"BlankLineAfterLast", "Oil is black\n\n", {"Oil is black"}},
        CompletionCase{"BlankLineWithSpaces", "Oil is black\n  \n- ", {"Oil is black"}},
        CompletionCase{"SingleNewlineAfterLast", "Oil is black\n", {}}),
    [](const testing::TestParamInfo<CompletionCase>& info) { return info.param.name; });

TEST(StreamSentencesTest, HelpersSeeTerminatorsAndClosers) {
  EXPECT_TRUE(TerminatorBefore("It is big.", 10, 0));
  EXPECT_FALSE(TerminatorBefore("It is big", 9, 0));
  EXPECT_TRUE(TerminatorBefore("Done\u3002", 7, 0));
  EXPECT_EQ(BackOverClosers("**big.**", 8, 0), 6u);
  EXPECT_EQ(ClosersAt("big.\")) x", 4), 3u);  // quote and two brackets
  EXPECT_TRUE(MayEnd("it is."));
  EXPECT_FALSE(MayEnd("it is"));
}

}  // namespace
}  // namespace fg::plugins
