#include "src/core/claim_extractor.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace fg {
namespace {

std::vector<std::string> ClaimTexts(std::string_view text) {
  std::vector<std::string> out;
  for (const Claim& c : ExtractClaims(text)) out.push_back(c.text);
  return out;
}

struct WorthyCase {
  const char* sentence;
  bool want;
};
void PrintTo(const WorthyCase& c, std::ostream* os) { *os << '"' << c.sentence << '"'; }

class CheckWorthyTest : public testing::TestWithParam<WorthyCase> {};

TEST_P(CheckWorthyTest, Decides) {
  EXPECT_EQ(IsCheckWorthy(GetParam().sentence), GetParam().want) << GetParam().sentence;
}

INSTANTIATE_TEST_SUITE_P(Table, CheckWorthyTest,
                         testing::ValuesIn(std::vector<WorthyCase>{
                             // Factual statements.
                             {"Paris is the capital of France.", true},
                             {"Water boils at 100 degrees Celsius.", true},
                             {"Lincoln was born in 1809.", true},
                             {"Abraham Lincoln was assassinated by John Wilkes Booth.", true},
                             {"A whale is a mammal.", true},
                             {"The Eiffel Tower was completed in 1889.", true},
                             {"Charles I was executed in 1649.", true},
                             {"Yes, Paris is the capital of France.", true},
                             {"**Mount Everest is 8,849 metres tall.**", true},
                             {"Our solar system has eight planets.", true},
                             {"The population grew by 5% in 2020.", true},
                             {"Lincoln was born in May 1809.", true},
                             // Questions.
                             {"Is Paris the capital of France?", false},
                             {"What year was Lincoln born?", false},
                             // Greetings, thanks.
                             {"Sure!", false},
                             {"Hope this helps!", false},
                             {"Thank you for asking about France.", false},
                             {"Great question about the history of Rome.", false},
                             // Instructions and imperatives.
                             {"Run the following command to install it.", false},
                             {"Note that you should restart the server.", false},
                             {"Make sure the file exists.", false},
                             {"Please check the documentation.", false},
                             {"Then open `config.yaml` and set the flag.", false},
                             {"To install it, run the installer.", false},
                             {"Use of antibiotics rose by 5% in 2010.", true},
                             {"You can use the flag to change it.", false},
                             // Opinions and hedges.
                             {"I think Paris is beautiful.", false},
                             {"I believe the answer is 42.", false},
                             {"The treaty might have been signed in 1648.", false},
                             {"The tower may be the tallest in Europe.", false},
                             {"It was possibly built by the Romans.", false},
                             {"In my opinion, Rome is the best city.", false},
                             {"This is arguably the best novel ever written.", false},
                             {"Paris is a beautiful city.", false},
                             // First-person and meta statements.
                             {"As an AI language model, I cannot browse the internet.", false},
                             {"I can't browse the web.", false},
                             {"Here is a summary of the main points.", false},
                             {"We will look at three examples.", false},
                             {"My knowledge has a cutoff date.", false},
                             // Fragments, lead-ins, code.
                             {"The capital of France", false},
                             {"Key facts:", false},
                             {"Population: 2 million", false},
                             {"Born: February 12, 1809", false},
                             {"The main causes were:", false},
                             {"Paris.", false},
                             {"`rm -rf build`", false},
                             {"int x = compute(y);", false},
                             {"", false},
                         }));

TEST(ClaimExtractorTest, ExtractsFactualSentencesWithExactSpans) {
  std::string text =
      "Sure! Here is what I found.\n\n# Lincoln\n\nAbraham Lincoln was born in 1809. "
      "Do you want more? Paris is the capital of France.\n\nHope this helps!";
  auto claims = ExtractClaims(text);
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].id, "c1");
  EXPECT_EQ(claims[0].text, "Abraham Lincoln was born in 1809");
  EXPECT_EQ(claims[1].id, "c2");
  EXPECT_EQ(claims[1].text, "Paris is the capital of France");
  for (const Claim& c : claims) {
    EXPECT_EQ(text.substr(c.span.begin, c.span.size()), c.text);
  }
  EXPECT_EQ(claims[0].span.begin, text.find("Abraham"));
}

TEST(ClaimExtractorTest, SpansAreExactWithMultiByteText) {
  std::string text = "Caf\u00E9s opened in 1686. \u00C9mile Zola was born in Paris in 1840.";
  auto claims = ExtractClaims(text);
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].text, "Caf\u00E9s opened in 1686");
  EXPECT_EQ(claims[1].text, "\u00C9mile Zola was born in Paris in 1840");
  for (const Claim& c : claims) {
    EXPECT_EQ(text.substr(c.span.begin, c.span.size()), c.text);
  }
}

TEST(ClaimExtractorTest, StripsOpenersEmphasisAndCitationMarkers) {
  EXPECT_EQ(ClaimTexts("Yes, Paris is the capital of France."),
            (std::vector<std::string>{"Paris is the capital of France"}));
  EXPECT_EQ(ClaimTexts("**Rome was founded in 753 BC.**"),
            (std::vector<std::string>{"Rome was founded in 753 BC"}));
  EXPECT_EQ(ClaimTexts("Paris is the capital of France.[1]"),
            (std::vector<std::string>{"Paris is the capital of France"}));
  EXPECT_EQ(ClaimTexts("- **Paris** is the capital of France"),
            (std::vector<std::string>{"**Paris** is the capital of France"}));
}

struct DecomposeCase {
  const char* text;
  std::vector<std::string> want;
};
void PrintTo(const DecomposeCase& c, std::ostream* os) { *os << '"' << c.text << '"'; }

class DecomposeTest : public testing::TestWithParam<DecomposeCase> {};

TEST_P(DecomposeTest, SplitsOnlyWhereSafe) {
  const DecomposeCase& c = GetParam();
  std::string text = c.text;
  auto claims = ExtractClaims(text);
  std::vector<std::string> got;
  for (const Claim& claim : claims) {
    got.push_back(claim.text);
    EXPECT_EQ(text.substr(claim.span.begin, claim.span.size()), claim.text);
  }
  EXPECT_EQ(got, c.want) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, DecomposeTest,
    testing::ValuesIn(std::vector<DecomposeCase>{
        {"Lincoln was born in 1809 and died in 1865.",
         {"Lincoln was born in 1809", "died in 1865"}},
        {"Paris is in France, and Berlin is in Germany.",
         {"Paris is in France", "Berlin is in Germany"}},
        {"Paris is in France; Rome is in Italy.", {"Paris is in France", "Rome is in Italy"}},
        {"The sun is a star, but the moon is a satellite.",
         {"The sun is a star", "the moon is a satellite"}},
        {"The Moon is 384,400 km away, and light takes 1.3 seconds to get here.",
         {"The Moon is 384,400 km away", "light takes 1.3 seconds to get here"}},
        {"Lincoln was elected in 1860 and he was shot in 1865.",
         {"Lincoln was elected in 1860", "he was shot in 1865"}},
        // Never split lists of nouns, numbers or names.
        {"He bought salt and pepper at the market.", {"He bought salt and pepper at the market"}},
        {"The lake is between 5 and 10 metres deep.", {"The lake is between 5 and 10 metres deep"}},
        {"Marks and Spencer is a British retailer.", {"Marks and Spencer is a British retailer"}},
        {"Tom and Jerry were created by Hanna and Barbera.",
         {"Tom and Jerry were created by Hanna and Barbera"}},
        {"He was not a poet but a painter.", {"He was not a poet but a painter"}},
        {"When Rome fell and the empire split, trade declined.",
         {"When Rome fell and the empire split, trade declined"}},
    }));

TEST(ClaimExtractorTest, SplitClausesKeepTheSharedSubjectAsContext) {
  auto claims =
      ExtractClaims("Albert Einstein was born in Germany and formulated the theory of relativity.");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[0].context, "");
  EXPECT_EQ(claims[1].text, "formulated the theory of relativity");
  EXPECT_EQ(claims[1].context, "Albert Einstein");
  // A clause with its own subject needs none.
  claims = ExtractClaims("Paris is in France, and Berlin is in Germany.");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[1].context, "");
  claims = ExtractClaims("Lincoln was born in 1809 and later died in 1865.");
  ASSERT_EQ(claims.size(), 2u);
  EXPECT_EQ(claims[1].context, "Lincoln");
}

TEST(ClaimExtractorTest, OpeningPronounsTakeTheLastNamedSubjectAsContext) {
  auto claims = ExtractClaims(
      "Abraham Lincoln was the 16th president. He was assassinated in 1865. It was a shock.");
  ASSERT_EQ(claims.size(), 3u);
  EXPECT_EQ(claims[0].context, "");
  EXPECT_EQ(claims[1].text, "He was assassinated in 1865");
  EXPECT_EQ(claims[1].context, "Abraham Lincoln");
  EXPECT_EQ(claims[2].context, "Abraham Lincoln");  // a pronoun's own subject is no name
  // Without a named subject before it, a pronoun gets no context.
  claims = ExtractClaims("It was founded in 1998 by two students.");
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].context, "");
}

struct KindCase {
  const char* claim;
  ClaimKind want;
};
void PrintTo(const KindCase& c, std::ostream* os) { *os << '"' << c.claim << '"'; }

class ClassifyTest : public testing::TestWithParam<KindCase> {};

TEST_P(ClassifyTest, Classifies) {
  EXPECT_EQ(ClaimKindName(ClassifyClaim(GetParam().claim)), ClaimKindName(GetParam().want))
      << GetParam().claim;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ClassifyTest,
    testing::ValuesIn(std::vector<KindCase>{
        {"220 is less than 200", ClaimKind::kComparison},
        {"Jupiter is more than twice as large as all other planets", ClaimKind::kComparison},
        {"Russia at 17 million km2 is larger than Canada at 10 million km2",
         ClaimKind::kComparison},
        {"Mount Everest is taller than K2", ClaimKind::kComparison},
        {"Lincoln was born in 1809", ClaimKind::kTemporal},
        {"The war lasted 6 years", ClaimKind::kTemporal},
        {"The building dates from the 19th century", ClaimKind::kTemporal},
        {"The treaty was signed on January 5", ClaimKind::kTemporal},
        {"Rome was founded in 753 BC", ClaimKind::kTemporal},
        {"It became popular in the 1990s", ClaimKind::kTemporal},
        {"Paris has 2 million inhabitants", ClaimKind::kNumeric},
        {"More than 5 million people live in Norway", ClaimKind::kNumeric},
        {"The tax rate is 20%", ClaimKind::kNumeric},
        {"About 2000 people attended the concert", ClaimKind::kNumeric},
        {"The country has three official languages", ClaimKind::kNumeric},
        {"Orwell wrote a book called Animal Farm", ClaimKind::kExistence},
        {"Vaswani published the paper titled Attention Is All You Need in 2017",
         ClaimKind::kExistence},
        {"Tolkien is the author of The Hobbit", ClaimKind::kExistence},
        {"A whale is a mammal", ClaimKind::kDefinition},
        {"Python is an interpreted programming language", ClaimKind::kDefinition},
        {"Photosynthesis is defined as the conversion of light into energy",
         ClaimKind::kDefinition},
        {"Paris is the capital of France", ClaimKind::kRelation},
        {"Lincoln was assassinated by Booth", ClaimKind::kRelation},
        {"the sky appears blue because of scattering", ClaimKind::kOther},
    }));

TEST(ClaimExtractorTest, RespectsMaxClaims) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Paris is the capital of France. ";
  ExtractOptions options;
  options.max_claims = 7;
  auto claims = ExtractClaims(text, options);
  ASSERT_EQ(claims.size(), 7u);
  EXPECT_EQ(claims.back().id, "c7");
}

TEST(ClaimExtractorTest, IgnoresCodeAndTables) {
  std::string text =
      "```\nParis is the capital of France.\n```\n\n| City | Country |\n|---|---|\n"
      "| Paris | France |\n\nRome is the capital of Italy.";
  EXPECT_EQ(ClaimTexts(text), (std::vector<std::string>{"Rome is the capital of Italy"}));
}

TEST(ClaimExtractorTest, SurvivesBinaryInput) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text.push_back(static_cast<char>((i * 7919) & 0xFF));
  auto claims = ExtractClaims(text);
  for (const Claim& c : claims) {
    ASSERT_LE(c.span.end, text.size());
    EXPECT_EQ(text.substr(c.span.begin, c.span.size()), c.text);
  }
}

}  // namespace
}  // namespace fg
