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
