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

// Web text loses a formula's subscript ("CO 2", "CO₂"); claims write "CO2". All are one word.
TEST(TokenizerTest, FormulasWithDetachedSubscriptsAreOneWord) {
  struct Case {
    std::string text;
    std::vector<std::string> texts;
    std::vector<std::string> lower;
  };
  const std::vector<Case> cases = {
      {"CO 2 rose", {"CO 2", "rose"}, {"co2", "rose"}},
      {"CO\xE2\x82\x82 rose", {"CO\xE2\x82\x82", "rose"}, {"co2", "rose"}},
      {"CO2 rose", {"CO2", "rose"}, {"co2", "rose"}},
      {"CH 4, SF 6 and O 3.",
       {"CH 4", ",", "SF 6", "and", "O 3", "."},
       {"ch4", ",", "sf6", "and", "o3", "."}},
      // Not formulas: another head, a longer number, a digit glued to more, a 1, O with 5.
      {"CI 2 of", {"CI", "2", "of"}, {"ci", "2", "of"}},
      {"CO 2.5 ppm", {"CO", "2.5", "ppm"}, {"co", "2.5", "ppm"}},
      {"CO 25", {"CO", "25"}, {"co", "25"}},
      {"CO 2a", {"CO", "2a"}, {"co", "2a"}},
      {"CO 1", {"CO", "1"}, {"co", "1"}},
      {"O 5", {"O", "5"}, {"o", "5"}},
      {"co 2", {"co", "2"}, {"co", "2"}},
      {"CO  2", {"CO", "2"}, {"co", "2"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::vector<std::string> texts, lower;
    for (const Token& t : Tokenize(c.text)) {
      texts.emplace_back(t.text);
      lower.push_back(t.lower);
      EXPECT_EQ(c.text.substr(t.span.begin, t.span.size()), t.text);
    }
    EXPECT_EQ(texts, c.texts);
    EXPECT_EQ(lower, c.lower);
  }
}

TEST(TokenizerTest, JoinFormulasWritesThemAsOneWord) {
  EXPECT_EQ(JoinFormulas("Levels of CO 2 and CH 4 rose."), "Levels of CO2 and CH4 rose.");
  EXPECT_EQ(JoinFormulas("CO\xE2\x82\x82 at 415 ppm"), "CO2 at 415 ppm");
  EXPECT_EQ(JoinFormulas("O 3 and H\xE2\x82\x82O"), "O3 and H2O");
  EXPECT_EQ(JoinFormulas("CO 2"), "CO2");
  // Unchanged: no formula, or only look-alikes.
  EXPECT_EQ(JoinFormulas("Lincoln was born in 1809."), "Lincoln was born in 1809.");
  EXPECT_EQ(JoinFormulas("Route A 2 and CI 2 of CO 2.5"), "Route A 2 and CI 2 of CO 2.5");
  EXPECT_EQ(JoinFormulas(""), "");
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

TEST(TokenizerTest, FoldLatinAccentsWritesPlainLetters) {
  EXPECT_EQ(FoldLatinAccents("larra\u00edn"), "larrain");
  EXPECT_EQ(FoldLatinAccents("n\u00c9stor"), "nestor");  // capitals too (AsciiLower keeps them)
  EXPECT_EQ(FoldLatinAccents("dvo\u0159\u00e1k"), "dvorak");
  EXPECT_EQ(FoldLatinAccents("\u0142\u00f3d\u017a"), "lodz");
  EXPECT_EQ(FoldLatinAccents("stra\u00dfe"), "strasse");
  EXPECT_EQ(FoldLatinAccents("\u00e6on \u0153uvre"), "aeon oeuvre");
  // Other letters and signs stay: Greek, Cyrillic, the multiplication sign.
  EXPECT_EQ(FoldLatinAccents("\u03b1\u0431 3\u00d74"), "\u03b1\u0431 3\u00d74");
  EXPECT_EQ(FoldLatinAccents("plain"), "plain");
  EXPECT_EQ(FoldLatinAccents("\xc3"), "\xc3");  // a cut-off sequence is kept as it is
  EXPECT_TRUE(HasLatinAccents("larra\u00edn"));
  EXPECT_TRUE(HasLatinAccents("\u0142odz"));
  EXPECT_FALSE(HasLatinAccents("plain \u03b1\u0431"));
}

}  // namespace
}  // namespace fg
