#include "src/core/segmenter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace fg {
namespace {

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.span.begin, s.span.size()));
  }
  return out;
}

struct Case {
  const char* name;
  const char* text;
  std::vector<std::string> want;
};

class SegmenterTableTest : public testing::TestWithParam<Case> {};

TEST_P(SegmenterTableTest, SplitsIntoExpectedSentences) {
  const Case& c = GetParam();
  EXPECT_EQ(Texts(c.text), c.want) << c.text;
}

const Case kCases[] = {
    {"Empty", "", {}},
    {"OnlySpace", "  \n\t \n", {}},
    {"Simple",
     "Paris is in France. Berlin is in Germany.",
     {"Paris is in France.", "Berlin is in Germany."}},
    {"NoFinalPunctuation", "One sentence. Another one", {"One sentence.", "Another one"}},
    {"QuestionAndExclamation", "Is it true? Yes! It is.", {"Is it true?", "Yes!", "It is."}},
    {"Titles",
     "Dr. Smith met Mr. Jones and Mrs. Brown on St. Mark's Square.",
     {"Dr. Smith met Mr. Jones and Mrs. Brown on St. Mark's Square."}},
    {"MoreTitles",
     "Prof. Lee, Gen. Grant and Sen. Kerry spoke. Then they left.",
     {"Prof. Lee, Gen. Grant and Sen. Kerry spoke.", "Then they left."}},
    {"CountryAcronymMidSentence",
     "The U.S. Army and the U.K. Parliament met.",
     {"The U.S. Army and the U.K. Parliament met."}},
    {"CountryAcronymEndsSentence",
     "He moved to the U.S. The move was hard.",
     {"He moved to the U.S.", "The move was hard."}},
    {"LatinAbbreviations",
     "Use fruit, e.g. apples, i.e. red ones. Next one.",
     {"Use fruit, e.g. apples, i.e. red ones.", "Next one."}},
    {"EtcEndsSentence",
     "Apples, pears, etc. The list goes on.",
     {"Apples, pears, etc.", "The list goes on."}},
    {"EtcMidSentence", "Apples, pears, etc. are fruit.", {"Apples, pears, etc. are fruit."}},
    {"Companies",
     "Apple Inc. and Acme Ltd. merged with Foo Corp. in 2001.",
     {"Apple Inc. and Acme Ltd. merged with Foo Corp. in 2001."}},
    {"CompanyEndsSentence",
     "He works for Apple Inc. It is large.",
     {"He works for Apple Inc.", "It is large."}},
    {"VersusApprox",
     "Team A vs. Team B drew approx. 5000 fans.",
     {"Team A vs. Team B drew approx. 5000 fans."}},
    {"NumberAbbreviation", "It is No. 5 on the list.", {"It is No. 5 on the list."}},
    {"Months",
     "He was born on Feb. 12, 1809 and died in Apr. 1865. He was 56.",
     {"He was born on Feb. 12, 1809 and died in Apr. 1865.", "He was 56."}},
    {"Junior",
     "Martin Luther King Jr. was born in Atlanta.",
     {"Martin Luther King Jr. was born in Atlanta."}},
    {"Initials",
     "J. R. R. Tolkien wrote it. George W. Bush read it.",
     {"J. R. R. Tolkien wrote it.", "George W. Bush read it."}},
    {"InitialsRepeated",
     "A. A. Milne wrote Winnie-the-Pooh.",
     {"A. A. Milne wrote Winnie-the-Pooh."}},
    {"LetterEndsSentence", "Take vitamin C. It helps.", {"Take vitamin C.", "It helps."}},
    {"Decimals",
     "Pi is 3.14 and e is 2.718. Both are irrational.",
     {"Pi is 3.14 and e is 2.718.", "Both are irrational."}},
    {"Versions",
     "Upgrade from v1.2 to 1.2.3 today. It works.",
     {"Upgrade from v1.2 to 1.2.3 today.", "It works."}},
    {"NumberEndsSentence",
     "Lincoln was born in 1809. He died in 1865.",
     {"Lincoln was born in 1809.", "He died in 1865."}},
    {"EllipsisMidSentence", "Well... maybe not.", {"Well... maybe not."}},
    {"EllipsisEndsSentence", "He waited... Then he left.", {"He waited...", "Then he left."}},
    {"UnicodeEllipsis", "He waited\u2026 Then he left.", {"He waited\u2026", "Then he left."}},
    {"QuoteEndsSentence", "He said 'stop.' Then he left.", {"He said 'stop.'", "Then he left."}},
    {"DoubleQuoteEndsSentence",
     "She said \"No!\" Nobody moved.",
     {"She said \"No!\"", "Nobody moved."}},
    {"CurlyQuotes",
     "She said \u201CYes.\u201D He nodded.",
     {"She said \u201CYes.\u201D", "He nodded."}},
    {"QuotedQuestionMidSentence", "\"Why?\" she asked.", {"\"Why?\" she asked."}},
    {"Parenthesis", "It is old (see above.) The end.", {"It is old (see above.)", "The end."}},
    {"CitationMarker",
     "Paris is the capital.[1] It is big.",
     {"Paris is the capital.[1]", "It is big."}},
    {"Url",
     "See https://example.com/a.b?x=1 for more. It helps.",
     {"See https://example.com/a.b?x=1 for more.", "It helps."}},
    {"UrlEndsSentence",
     "Go to https://example.com. Then log in.",
     {"Go to https://example.com.", "Then log in."}},
    {"Www", "Visit www.example.org. It is free.", {"Visit www.example.org.", "It is free."}},
    {"Email",
     "Write to a.b@c.org. Answers come fast.",
     {"Write to a.b@c.org.", "Answers come fast."}},
    {"EmailMidSentence", "Mail a.b@c.org now.", {"Mail a.b@c.org now."}},
    {"SingleNewlineJoins", "Lincoln was born\nin 1809.", {"Lincoln was born\nin 1809."}},
    {"BlankLineSplits", "First part\n\nSecond part", {"First part", "Second part"}},
    {"CrLf", "One.\r\n\r\nTwo.\r\n", {"One.", "Two."}},
    {"HardWrappedYear",
     "He was born in\n1809. He died later.",
     {"He was born in\n1809.", "He died later."}},
    {"Heading", "# The Title\nBody text here.", {"The Title", "Body text here."}},
    {"HeadingClosingHashes", "## Section ##\n", {"Section"}},
    {"HashWithoutSpaceIsText", "#hashtag is text.", {"#hashtag is text."}},
    {"SetextHeading", "Title\n=====\nBody.", {"Title", "Body."}},
    {"BulletList",
     "- Paris is in France\n- Rome is in Italy\n* Oslo\n+ Bern",
     {"Paris is in France", "Rome is in Italy", "Oslo", "Bern"}},
    {"NumberedList",
     "1. First item\n2. Second item\n3) Third",
     {"First item", "Second item", "Third"}},
    {"ListAfterParagraph",
     "Facts:\n- Water boils at 100 C.\n- Ice melts at 0 C.",
     {"Facts:", "Water boils at 100 C.", "Ice melts at 0 C."}},
    {"ListItemContinuation",
     "- Lincoln was born\n  in 1809.\n- He died.",
     {"Lincoln was born\n  in 1809.", "He died."}},
    {"NestedList", "1. Top\n    - Nested item\n2. Next", {"Top", "Nested item", "Next"}},
    {"TaskList", "- [x] Done task\n- [ ] Open task", {"Done task", "Open task"}},
    {"Table",
     "| City | Country |\n|---|:---:|\n| Paris | France |\n| Rome | Italy |",
     {"City", "Country", "Paris", "France", "Rome", "Italy"}},
    {"TableWithoutOuterPipes",
     "City | Country\n--- | ---\nParis | France\n\nAfter.",
     {"City", "Country", "Paris", "France", "After."}},
    {"TableCellWithPipeInCode", "| a | `x|y` |\n|---|---|", {"a", "`x|y`"}},
    {"FencedCode", "Before.\n```python\nx = 1. y = 2.\n```\nAfter.", {"Before.", "After."}},
    {"TildeFence", "~~~\ncode. here.\n~~~\nAfter.", {"After."}},
    {"LongerFenceNeedsLongerClose", "````\n```\nstill code.\n````\nAfter.", {"After."}},
    {"UnclosedFence", "Text.\n```\ncode. never closed.", {"Text."}},
    {"IndentedCode", "Intro.\n\n    int x = 1;\n    y = 2. z = 3.\n\nOutro.", {"Intro.", "Outro."}},
    {"InlineCode", "Run `make. all` to build it. Done.", {"Run `make. all` to build it.", "Done."}},
    {"UnbalancedBacktick", "A ` lone tick. Next.", {"A ` lone tick.", "Next."}},
    {"Emphasis",
     "**Paris** is the capital. *Rome* is old.",
     {"**Paris** is the capital.", "*Rome* is old."}},
    {"BoldSentence", "**This is bold.** Next one.", {"**This is bold.**", "Next one."}},
    {"ThematicBreak", "One.\n\n---\n\nTwo.", {"One.", "Two."}},
    {"Blockquote", "> Quoted text. Second.\n\nAfter.", {"Quoted text.", "Second.", "After."}},
    {"CjkTerminators",
     "\u6211\u662F\u5B66\u751F\u3002\u4F60\u597D\uFF01",
     {"\u6211\u662F\u5B66\u751F\u3002", "\u4F60\u597D\uFF01"}},
    {"PunctuationOnlyDropped", "...\n\n---x\n\n!!", {"---x"}},
};

INSTANTIATE_TEST_SUITE_P(Cases, SegmenterTableTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(SegmenterTest, FlagsHeadingsAndInlineCode) {
  std::string text = "# Intro `x`\nPlain text. Has `code` inside.";
  auto sentences = SplitSentences(text);
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_TRUE(sentences[0].from_heading);
  EXPECT_TRUE(sentences[0].has_inline_code);
  EXPECT_FALSE(sentences[1].from_heading);
  EXPECT_FALSE(sentences[1].has_inline_code);
  EXPECT_FALSE(sentences[2].from_heading);
  EXPECT_TRUE(sentences[2].has_inline_code);
}

TEST(SegmenterTest, SpansAreExactForMultiByteText) {
  std::string text =
      "Caf\u00E9 cr\u00E8me is sweet. \u4E2D\u6587 is Chinese. Rockets \U0001F680 fly fast! "
      "\u00C9mile Zola wrote novels.";
  auto sentences = SplitSentences(text);
  std::vector<std::string> want = {"Caf\u00E9 cr\u00E8me is sweet.", "\u4E2D\u6587 is Chinese.",
                                   "Rockets \U0001F680 fly fast!", "\u00C9mile Zola wrote novels."};
  ASSERT_EQ(sentences.size(), want.size());
  size_t from = 0;
  for (size_t i = 0; i < want.size(); ++i) {
    size_t pos = text.find(want[i], from);
    ASSERT_NE(pos, std::string::npos);
    EXPECT_EQ(sentences[i].span, (Span{pos, pos + want[i].size()})) << want[i];
    from = pos + want[i].size();
  }
}

TEST(SegmenterTest, SpansAreTrimmedOrderedAndInsideText) {
  std::string text =
      "  # Head  \n\n  Para one.   Para two.\n\n- item one\n| a | b |\n|---|---|\n"
      "> quote.\n   Trailing.   ";
  auto sentences = SplitSentences(text);
  ASSERT_FALSE(sentences.empty());
  size_t last_end = 0;
  for (const Sentence& s : sentences) {
    ASSERT_LE(s.span.end, text.size());
    ASSERT_LT(s.span.begin, s.span.end);
    EXPECT_GE(s.span.begin, last_end);
    last_end = s.span.end;
    std::string_view piece = std::string_view(text).substr(s.span.begin, s.span.size());
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(piece.front()))) << piece;
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(piece.back()))) << piece;
  }
}

TEST(SegmenterTest, SurvivesRandomBytes) {
  std::mt19937 rng(42);
  const std::string alphabet = "ab .!?\n\n|-*#`~>\"'()[]1 \t\xC3\xA9\xE2\x80\xA6\x00\xFF";
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t len = rng() % 400;
    for (size_t i = 0; i < len; ++i) {
      text.push_back(round % 2 == 0 ? static_cast<char>(rng() & 0xFF)
                                    : alphabet[rng() % alphabet.size()]);
    }
    size_t last_end = 0;
    for (const Sentence& s : SplitSentences(text)) {
      ASSERT_LE(s.span.end, text.size());
      ASSERT_LT(s.span.begin, s.span.end);
      ASSERT_GE(s.span.begin, last_end);
      last_end = s.span.end;
    }
  }
}

TEST(SegmenterTest, HugeInputIsFast) {
  std::string unit =
      "Dr. Smith visited the U.S. in 1999. It cost $3.5 million! See https://a.b/c. "
      "Was it `worth. it`? Maybe...\n\n- item one\n| a | b |\n";
  std::string text;
  while (text.size() < 5 * 1024 * 1024) text += unit;
  auto start = std::chrono::steady_clock::now();
  auto sentences = SplitSentences(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(sentences.size(), text.size() / unit.size() * 5);
  EXPECT_LT(seconds, 5.0);
}

TEST(SegmenterTest, AdversarialBackticksAndFencesStayLinear) {
  std::string text;
  for (int i = 0; i < 200000; ++i) text += (i % 3 == 0) ? "`` a ` b " : "``` x ";
  text += "\n";
  for (int i = 0; i < 100000; ++i) text += "```\n";
  auto start = std::chrono::steady_clock::now();
  (void)SplitSentences(text);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
}

}  // namespace
}  // namespace fg
