#include "src/core/alignment.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "src/core/segmenter.h"
#include "src/core/wordnet.h"

namespace fg {
namespace {

Passage MakePassage(std::string title, std::string text, int rank = 0) {
  Passage p;
  p.doc_id = title;
  p.title = std::move(title);
  p.text = std::move(text);
  p.rank = rank;
  p.source = "kb";
  return p;
}

TEST(AlignerTest, PrepareMarksNamesAndNumbers) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("Abraham Lincoln was born in 1809 in Kentucky.");
  ASSERT_EQ(c.terms.size(), 5u);    // abraham lincoln born 1809 kentucki
  EXPECT_TRUE(c.terms[0].is_name);  // sentence start, but followed by a capitalised word
  EXPECT_TRUE(c.terms[1].is_name);
  EXPECT_FALSE(c.terms[2].is_name);
  EXPECT_TRUE(c.terms[3].is_number);
  EXPECT_TRUE(c.terms[4].is_name);
  EXPECT_GT(c.terms[3].weight, c.terms[2].weight);
}

TEST(AlignerTest, CoverageCountsSentenceAndTitle) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("polar bears are endangered");
  Coverage full = aligner.Cover(c, "Polar bears are endangered animals.", "");
  EXPECT_DOUBLE_EQ(full.score, 1.0);
  Coverage none = aligner.Cover(c, "Penguins live in Antarctica.", "");
  EXPECT_DOUBLE_EQ(none.score, 0.0);
  // "polar bear" found only in the title counts, but less.
  Coverage titled = aligner.Cover(c, "They are endangered.", "Polar bear");
  EXPECT_GT(titled.score, 0.5);
  EXPECT_LT(titled.score, 1.0);
  EXPECT_EQ(titled.how[0], 3);
}

TEST(AlignerTest, CoverTermsMatchesCoverOnTheSameText) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("polar bears are endangered");
  Coverage by_text = aligner.Cover(c, "They are endangered.", "Polar bear");
  Coverage by_terms =
      aligner.CoverTerms(c, Aligner::Terms("They are endangered."), Aligner::Terms("Polar bear"));
  EXPECT_DOUBLE_EQ(by_terms.score, by_text.score);
  EXPECT_EQ(by_terms.how, by_text.how);
  EXPECT_EQ(Aligner::Terms("Bears, bears and polar bears."),
            (std::vector<std::string>{"bear", "polar"}));
}

TEST(AlignerTest, AnalyzePassageGivesTheSentencesAndTermsOfSplittingAndTokenizing) {
  Passage p = MakePassage("Abraham Lincoln",
                          "Lincoln was born in 1809. He died in 1865. Dr. Mudd set Booth's leg.");
  std::shared_ptr<const PassageAnalysis> a = AnalyzePassage(p);
  std::vector<Sentence> sentences = SplitSentences(p.text);
  ASSERT_EQ(a->sentences.size(), sentences.size());
  ASSERT_EQ(a->sentences.size(), 3u);
  for (size_t i = 0; i < sentences.size(); ++i) {
    EXPECT_EQ(a->sentences[i].span.begin, sentences[i].span.begin);
    EXPECT_EQ(a->sentences[i].span.end, sentences[i].span.end);
    EXPECT_EQ(a->sentences[i].terms, Aligner::Terms(std::string_view(p.text).substr(
                                         sentences[i].span.begin, sentences[i].span.size())));
  }
  EXPECT_EQ(a->title_terms, Aligner::Terms(p.title));
  EXPECT_GT(a->bytes(), sizeof(PassageAnalysis));
}

// Passages that carry their analysis (the KB's passage cache) score exactly as those that do not.
TEST(AlignerTest, ScoresTheSameWithAndWithoutAPassageAnalysis) {
  Aligner aligner(nullptr, nullptr);
  std::vector<Passage> plain = {
      MakePassage("Abraham Lincoln", "Lincoln was born in 1809 in Kentucky. He died in 1865.", 0),
      MakePassage("Kentucky", "Kentucky is a state. Its capital is Frankfort.", 1),
      MakePassage("", "Nothing about the claim here.", 2)};
  std::vector<Passage> analysed = plain;
  for (Passage& p : analysed) p.analysis = AnalyzePassage(p);
  for (const char* text : {"Abraham Lincoln was born in 1809.", "Frankfort is in Kentucky.",
                           "the"}) {  // the last has no terms at all
    SCOPED_TRACE(text);
    PreparedClaim claim = aligner.Prepare(text);
    std::vector<EvidenceSentence> a = aligner.ScoreSentences(claim, plain);
    std::vector<EvidenceSentence> b = aligner.ScoreSentences(claim, analysed);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].passage - plain.data(), b[i].passage - analysed.data());
      EXPECT_EQ(a[i].span.begin, b[i].span.begin);
      EXPECT_EQ(a[i].span.end, b[i].span.end);
      EXPECT_EQ(a[i].alignment, b[i].alignment);
      EXPECT_EQ(a[i].context_alignment, b[i].context_alignment);
    }
  }
}

TEST(AlignerTest, OrderedPairShareCountsClaimWordPairsKeptInOrderAndNear) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("Lincoln was born in Kentucky");  // lincoln, born, kentucki
  auto seq = [](std::vector<std::string> terms) { return terms; };
  EXPECT_DOUBLE_EQ(Aligner::OrderedPairShare(c, seq({"lincoln", "born", "kentucki"})), 1.0);
  // Reversed order: neither pair.
  EXPECT_DOUBLE_EQ(Aligner::OrderedPairShare(c, seq({"kentucki", "born", "lincoln"})), 0.0);
  // "born" then "kentucki" four terms later is too far; "lincoln born" still counts.
  EXPECT_DOUBLE_EQ(
      Aligner::OrderedPairShare(c, seq({"lincoln", "born", "a", "b", "c", "kentucki"})), 0.5);
}

TEST(AlignerTest, SentencePrecisionIsTheShareOfTheSentenceTheClaimAccountsFor) {
  Aligner aligner(nullptr, nullptr);
  std::vector<std::string> known = Aligner::MatchableTerms(aligner.Prepare("polar bears swim"));
  EXPECT_DOUBLE_EQ(Aligner::SentencePrecision(known, Aligner::Terms("Polar bears swim.")), 1.0);
  // Two of four terms: polar, bear against seal, hunt.
  EXPECT_DOUBLE_EQ(Aligner::SentencePrecision(known, Aligner::Terms("Polar bears hunt seals.")),
                   0.5);
  EXPECT_DOUBLE_EQ(Aligner::SentencePrecision(known, {}), 0.0);
}

TEST(AlignerTest, RareTermsDominateCoverage) {
  CountingTermStats stats;
  for (int i = 0; i < 50; ++i) stats.AddDocument("the city is large");
  stats.AddDocument("Ulaanbaatar");
  Aligner aligner(&stats, nullptr);
  PreparedClaim c = aligner.Prepare("ulaanbaatar is a large city");
  double rare = aligner.Cover(c, "Ulaanbaatar", "").score;
  double common = aligner.Cover(c, "a large city", "").score;
  EXPECT_GT(rare, common);
}

TEST(AlignerTest, AlignRanksSentencesAcrossPassages) {
  Aligner aligner(nullptr, nullptr);
  std::vector<Passage> passages = {
      MakePassage("A", "Cats purr. Dogs bark loudly at night.", 0),
      MakePassage("B", "Birds sing. The dog barks at strangers at night.", 1)};
  PreparedClaim c = aligner.Prepare("Dogs bark at night");
  auto ev = aligner.Align(c, passages, 2);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].text(), "Dogs bark loudly at night.");
  EXPECT_EQ(ev[0].passage, &passages[0]);
  EXPECT_GE(ev[0].alignment, ev[1].alignment);
  EXPECT_EQ(aligner.ScoreSentences(c, passages).size(), 4u);  // every sentence, scored
}

TEST(AlignerTest, ContextAlignmentLeavesNumbersOut) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("Lincoln was born in 1820");
  // Same year, other person vs. same person, other year: only the context tells them apart.
  std::vector<Passage> passages = {
      MakePassage("West", "Benjamin West was born in 1738 and died in 1820."),
      MakePassage("Lincoln", "Lincoln was born in 1809.")};
  auto scored = aligner.ScoreSentences(c, passages);
  ASSERT_EQ(scored.size(), 2u);
  EXPECT_DOUBLE_EQ(scored[0].alignment, scored[1].alignment);
  EXPECT_LT(scored[0].context_alignment, scored[1].context_alignment);
  EXPECT_DOUBLE_EQ(scored[1].context_alignment, 1.0);
}

// Regression from FEVER pairs: "It was signed ... on 26 June 1945" aligned with only "signed" of
// "The United Nations Charter was signed on April 26, 1945", too weakly for the temporal expert,
// because evidence given with a claim has no title to name the pronoun's subject.
TEST(AlignerTest, APronounInAnUntitledPassageStandsForTheClaimsSubject) {
  Aligner aligner(nullptr, nullptr);
  PreparedClaim c = aligner.Prepare("The United Nations Charter was signed in San Francisco");
  auto score = [&](const std::string& title, const std::string& text) {
    std::vector<Passage> passages = {MakePassage(title, text)};
    auto scored = aligner.ScoreSentences(c, passages);
    EXPECT_EQ(scored.size(), 1u);
    return scored.empty() ? Coverage{}
                          : Coverage{scored[0].alignment, scored[0].context_alignment, {}};
  };
  const Coverage pronoun = score("", "It was signed in San Francisco.");
  const Coverage named = score("", "The United Nations Charter was signed in San Francisco.");
  const Coverage other = score("", "The treaty was signed in San Francisco.");
  EXPECT_LT(pronoun.score, named.score);  // the title's credit, not a match in the sentence
  EXPECT_GT(pronoun.score, other.score);
  EXPECT_GT(pronoun.context_score, 0.8);
  // Only a pronoun opening the sentence, only without a title (a title gives its own credit).
  EXPECT_DOUBLE_EQ(score("", "Later it was signed in San Francisco.").score, other.score);
  EXPECT_DOUBLE_EQ(score("Treaty", "It was signed in San Francisco.").score, other.score);
  // A claim that does not open with a name has no subject to lend.
  c = aligner.Prepare("In 1945 the charter was signed in San Francisco");
  EXPECT_DOUBLE_EQ(score("", "It was signed in San Francisco.").score,
                   score("", "The treaty was signed in San Francisco.").score);
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

TEST(AlignerTest, WordNetFormsAndSynonymsCountAsMatches) {
  if (!std::filesystem::exists("/usr/share/wordnet/data.noun")) {
    GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  }
  auto lexicon = Lexicon::Load("/usr/share/wordnet");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Aligner with(nullptr, lexicon->get());
  Aligner without(nullptr, nullptr);
  const char* claim = "volcanic ash covered the automobile";
  const char* sentence = "Ash from the volcano covered the car.";
  Coverage c = with.Cover(with.Prepare(claim), sentence, "");
  EXPECT_EQ(c.how[0], 2);  // volcanic ~ volcano: a derivational form
  EXPECT_EQ(c.how[3], 2);  // automobile ~ car: a synonym
  EXPECT_GT(c.score, without.Cover(without.Prepare(claim), sentence, "").score);
}

}  // namespace
}  // namespace fg
