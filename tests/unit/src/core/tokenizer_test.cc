#include "src/core/tokenizer.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

std::vector<std::string> Texts(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s)) out.emplace_back(t.text);
  return out;
}

TEST(TokenizerTest, SplitsWordsNumbersAndPunctuation) {
  EXPECT_EQ(Texts("Lincoln was born in 1809."),
            (std::vector<std::string>{"Lincoln", "was", "born", "in", "1809", "."}));
  EXPECT_EQ(Texts("1,500,000 people; 3.14 pi"),
            (std::vector<std::string>{"1,500,000", "people", ";", "3.14", "pi"}));
  EXPECT_EQ(Texts("don't covid-19 19th"), (std::vector<std::string>{"don't", "covid-19", "19th"}));
}

TEST(TokenizerTest, SpansAreExactForUtf8) {
  std::string s = "Gödel proved it";
  auto toks = Tokenize(s);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(s.substr(toks[0].span.begin, toks[0].span.size()), "Gödel");
  EXPECT_EQ(toks[1].span.begin, 7u);
  EXPECT_TRUE(toks[0].capitalized);
  EXPECT_EQ(toks[0].type, TokenType::kWord);
}

TEST(TokenizerTest, TypesAndLowercase) {
  auto toks = Tokenize("The 42 !");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_EQ(toks[0].lower, "the");
  EXPECT_EQ(toks[1].type, TokenType::kNumber);
  EXPECT_EQ(toks[2].type, TokenType::kPunct);
}

TEST(TokenizerTest, StopWords) {
  EXPECT_TRUE(IsStopWord("the"));
  EXPECT_TRUE(IsStopWord("was"));
  EXPECT_FALSE(IsStopWord("lincoln"));
  EXPECT_FALSE(IsStopWord(""));
  // The first and last of the list, the longest, and words that differ from one by a letter.
  EXPECT_TRUE(IsStopWord("a"));
  EXPECT_TRUE(IsStopWord("t"));
  EXPECT_TRUE(IsStopWord("yourself"));
  EXPECT_FALSE(IsStopWord("yourselves"));
  EXPECT_FALSE(IsStopWord("thee"));
  EXPECT_FALSE(IsStopWord("wash"));
  // Only lowercase words are asked for; anything else is not a stop word.
  EXPECT_FALSE(IsStopWord("The"));
  EXPECT_FALSE(IsStopWord("1865"));
  EXPECT_FALSE(IsStopWord("\xC3\xA0"));
}

// Bytes that are white space only in some locales, or letters only outside ASCII, are handled
// the same whatever the locale (the tokenizer no longer asks <cctype>).
TEST(TokenizerTest, AsciiClassesWithoutLocale) {
  std::vector<Token> tokens = Tokenize("a\tb\nc\vd\fe\rf g");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[6].text, "g");
  tokens = Tokenize("x\x1Fy");  // a control byte is punctuation, not space
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].type, TokenType::kPunct);
  tokens = Tokenize("[z] Zeta_9 @");
  ASSERT_EQ(tokens.size(), 7u);
  EXPECT_EQ(tokens[1].text, "z");
  EXPECT_EQ(tokens[3].text, "Zeta");
  EXPECT_EQ(tokens[3].lower, "zeta");
  EXPECT_EQ(tokens[4].text, "_");
  EXPECT_EQ(tokens[5].text, "9");
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

// Regression: curly quotes, dashes and no-break spaces used to be glued to words as "letters",
// so "‘lockdown’" never matched "lockdown" in the KB.
TEST(TokenizerTest, UnicodePunctuationSeparatesWords) {
  EXPECT_EQ(Texts("the ‘lockdown’ ended"),
            (std::vector<std::string>{"the", "‘", "lockdown", "’", "ended"}));
  EXPECT_EQ(Texts("“Yes” — said he…"),
            (std::vector<std::string>{"“", "Yes", "”", "—", "said", "he", "…"}));
  EXPECT_EQ(Texts("100\xC2\xA0km and\xC2\xAD"
                  "atmospheric"),
            (std::vector<std::string>{"100", "km", "and", "atmospheric"}));
  EXPECT_EQ(Texts("it’s Gödel’s"), (std::vector<std::string>{"it’s", "Gödel’s"}));
  EXPECT_EQ(Texts("中文，测试"), (std::vector<std::string>{"中文", "，", "测试"}));
  EXPECT_EQ(Texts("3×4"), (std::vector<std::string>{"3", "×", "4"}));
}

}  // namespace
}  // namespace fg
