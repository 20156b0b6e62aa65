#include "verifiers/entailment_verifier.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "src/core/wordnet.h"

namespace fg {
namespace {

class EntailmentVerifierTest : public ::testing::Test {
 protected:
  std::optional<Judgement> JudgeAgainst(const EntailmentVerifier& v, const Aligner& aligner,
                                        const std::string& claim_text,
                                        std::vector<std::string> sentences,
                                        const std::string& title = "") {
    passages_.clear();
    for (auto& s : sentences) {
      Passage p;
      p.doc_id = "d";
      p.title = title;
      p.text = s;
      passages_.push_back(p);
    }
    Claim claim{"c1", claim_text, {0, claim_text.size()}, ClaimKind::kRelation, ""};
    evidence_ = aligner.Align(aligner.Prepare(claim_text), passages_, 8);
    return v.Judge(claim, evidence_);
  }
  std::vector<Passage> passages_;
  std::vector<EvidenceSentence> evidence_;
};

TEST_F(EntailmentVerifierTest, SupportsWhenEvidenceCoversTheClaim) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Abraham Lincoln was assassinated by John Wilkes Booth",
                        {"Abraham Lincoln was assassinated by John Wilkes Booth in 1865."});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_GT(j->confidence, 0.5);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
}

TEST_F(EntailmentVerifierTest, NotEnoughInfoWhenEvidenceIsUnrelated) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Abraham Lincoln was assassinated by John Wilkes Booth",
                        {"The Nile is the longest river in Africa."});
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  auto none = JudgeAgainst(v, aligner, "Lincoln was a lawyer", {});
  EXPECT_EQ(none->verdict, Verdict::kNotEnoughInfo);
}

TEST_F(EntailmentVerifierTest, NegationMismatchRefutes) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Telemundo is an English-language television network",
                        {"Telemundo is not an English-language television network."});
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(EntailmentVerifierTest, MissingNameIsNotSupport) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Thomas Edison invented the telephone",
                        {"Alexander Graham Bell invented the telephone."});
  EXPECT_NE(j->verdict, Verdict::kSupported);
}

// Regression: the Berlin passage "supported" that the Eiffel Tower is in Berlin.
TEST_F(EntailmentVerifierTest, AnotherTitledSubjectIsNoSupport) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "The Eiffel Tower is located in Berlin",
                        {"Berlin, German capital: capital of Germany located in eastern Germany."},
                        "Berlin, German capital");
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  // The same words under the tower's own title do support.
  j = JudgeAgainst(v, aligner, "The Eiffel Tower is located in Paris",
                   {"It is located in Paris, on the Champ de Mars."}, "Eiffel Tower");
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

// Regression: "Mount Kilimanjaro is in Peru" was supported by "... located in Tanzania".
TEST_F(EntailmentVerifierTest, AnotherPlaceInThePredicateIsNoSupport) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Mount Kilimanjaro is in Peru",
                        {"The highest peak in Africa, Mount Kilimanjaro, is located in Tanzania."},
                        "Kilimanjaro, Mount Kilimanjaro");
  EXPECT_NE(j->verdict, Verdict::kSupported);
  j = JudgeAgainst(v, aligner, "Mount Kilimanjaro is in Tanzania",
                   {"The highest peak in Africa, Mount Kilimanjaro, is located in Tanzania."},
                   "Kilimanjaro, Mount Kilimanjaro");
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

// Regression: "Called also rock snake." refuted a claim about Monty Python through its "not".
TEST_F(EntailmentVerifierTest, RefutingNeedsTheClaimsSubject) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Guido van Rossum did not name the language after a snake",
                        {"The language is named after a snake."});
  EXPECT_NE(j->verdict, Verdict::kRefuted);
  j = JudgeAgainst(v, aligner, "Guido van Rossum did not name the language after a snake",
                   {"Guido van Rossum named the language after a snake."});
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
}

TEST_F(EntailmentVerifierTest, WordNetAntonymRefutes) {
  if (!std::filesystem::exists("/usr/share/wordnet/data.adj")) {
    GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  }
  auto lexicon = Lexicon::Load("/usr/share/wordnet");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  Aligner aligner(nullptr, lexicon->get());
  EntailmentVerifier v(&aligner, lexicon->get());
  auto j = JudgeAgainst(v, aligner, "The water in the northern lake is cold in summer",
                        {"The water in the northern lake is hot in summer."});
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EntailmentFeatures f =
      v.Features(aligner.Prepare("The lake is cold"), "The lake is cold", "The lake is hot", "");
  EXPECT_TRUE(f.antonym);
  EXPECT_FALSE(f.negation_mismatch);
}

TEST(NegationTest, Cues) {
  EXPECT_TRUE(HasNegation("He did not go"));
  EXPECT_TRUE(HasNegation("He didn't go"));
  EXPECT_TRUE(HasNegation("She never left"));
  EXPECT_FALSE(HasNegation("Nothingness is a concept"));
  EXPECT_FALSE(HasNegation("He went home"));
  EXPECT_FALSE(HasNegation("It is named after Monty Python, not the snake"));
  EXPECT_TRUE(HasNegation("It is not named after the snake, but after Monty Python"));
}

// The evidence's negation counts only in a clause about the claim (regression from FEVER:
// "Arizona is not a state" was supported by "... state songs, although neither is named as such").
TEST(NegationTest, ScopedToTheClaimsTerms) {
  Aligner aligner(nullptr, nullptr);
  const PreparedClaim arizona = aligner.Prepare("Arizona is not a state");
  auto about = [&](std::string_view sentence) {
    return HasNegationAbout(Tokenize(sentence), arizona);
  };
  EXPECT_FALSE(
      about("The U.S. state of Arizona has two official state songs , although neither is named "
            "as such ."));
  EXPECT_TRUE(about("Arizona is not a state."));
  EXPECT_TRUE(about("Arizona, however, never became a state."));
  EXPECT_FALSE(about("Arizona is a state; nobody doubts that."));
  EXPECT_FALSE(about("It is named after Monty Python, not the snake"));
}

TEST_F(EntailmentVerifierTest, NegationInAnotherClauseIsNoConflict) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  const std::string claim = "Arizona is not a state";
  EntailmentFeatures f = v.Features(
      aligner.Prepare(claim), claim,
      "The U.S. state of Arizona has two official state songs, although neither is named as such.",
      "");
  EXPECT_TRUE(f.negation_mismatch);
  f = v.Features(aligner.Prepare("Arizona is a state"), "Arizona is a state",
                 "The U.S. state of Arizona has two official state songs, although neither is "
                 "named as such.",
                 "");
  EXPECT_FALSE(f.negation_mismatch);
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

// Regressions: support from a sentence sharing only the claim's names, or (under a title) only
// its predicate.
TEST_F(EntailmentVerifierTest, SupportNeedsPredicateAndSubject) {
  Aligner aligner(nullptr, nullptr);
  EntailmentVerifier v(&aligner, nullptr);
  auto j = JudgeAgainst(v, aligner, "Albert Einstein formulated the laws of motion",
                        {"Albert Einstein formulated the special theory of relativity."},
                        "Einstein, Albert Einstein");
  EXPECT_NE(j->verdict, Verdict::kSupported);
  j = JudgeAgainst(v, aligner, "Mercury is the largest planet in the solar system",
                   {"Any of the nine large bodies, the largest planet in the solar system."},
                   "planet, major planet");
  EXPECT_NE(j->verdict, Verdict::kSupported);
  // Regression: George Meany's entry ("first president of the AFL-CIO") was cited for George
  // Washington.
  j = JudgeAgainst(v, aligner, "George Washington was the first president of the union",
                   {"George Meany: United States labor leader who was the first president of the "
                    "union."},
                   "Meany, George Meany");
  EXPECT_NE(j->verdict, Verdict::kSupported);
  j = JudgeAgainst(v, aligner, "Jupiter is the largest planet in the solar system",
                   {"Jupiter is the largest planet in the solar system."}, "Jupiter");
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

// Treebank-tokenized text writes "did n't" (regression: "n't" standing alone was no negation, so
// "I do n't think" in VitaminC and FEVER evidence read as affirmative).
TEST(NegationTest, AContractedNotStandingAloneIsANegation) {
  EXPECT_TRUE(HasNegation("I do n't think bands should go on ."));
  EXPECT_TRUE(HasNegation("He didn't go."));
  EXPECT_TRUE(HasNegation("He didn\u2019t go."));
  EXPECT_FALSE(HasNegation("He went."));
}

// DeniesAt: a verbal negation before the span, in its clause.
TEST(NegationTest, DeniesAtReadsTheSpansClause) {
  auto at = [](const std::string& text, const std::string& part) {
    const size_t b = text.find(part);
    return DeniesAt(text, Span{b, b + part.size()});
  };
  EXPECT_TRUE(at("Dawson was not born in 1932.", "1932"));
  EXPECT_TRUE(at("Lyon's population has never increased above 500,000.", "500,000"));
  EXPECT_TRUE(at("It did n't sell 5 copies.", "5"));
  EXPECT_FALSE(at("SummerSlam had no pre-show, but contested ten matches.", "ten"));
  EXPECT_FALSE(at("He scored with no score after 6 minutes.", "6"));
  EXPECT_FALSE(at("He said in 2008 that bands should not go on.", "2008"));
  EXPECT_FALSE(at("It was released in 1978, not 1979.", "1978"));
  EXPECT_FALSE(at("Black Sabbath released Never Say Die! in 1978.", "1978"));
  // FEVER's negations by verb or adjective (regressions: "Poseidon lacked a budget of $160
  // million" was supported by "on a budget of $160 million").
  EXPECT_TRUE(at("Poseidon lacked a budget of $160 million.", "$160 million"));
  EXPECT_TRUE(at("He was incapable of releasing eleven albums.", "eleven"));
  EXPECT_TRUE(HasNegation("South Island lacks 23 percent of the people."));
  // "failed to" denies its own verb, not every figure after it.
  EXPECT_FALSE(
      at("Rami failed to convert a penalty as Marseille was ousted in the round of 16.", "16"));
}

}  // namespace
}  // namespace fg
