#include "verifiers/authorship_verifier.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

class AuthorshipVerifierTest : public ::testing::Test {
 protected:
  void Add(const std::string& sentence) { evidence_.Add(sentence, 0.8); }
  std::optional<Judgement> Judge(const std::string& claim) {
    auto ev = evidence_.Build();
    return verifier_.Judge(fg::testing::MakeClaim(claim, ClaimKind::kRelation), ev);
  }
  bool Applies(const std::string& claim) {
    return verifier_.AppliesTo(fg::testing::MakeClaim(claim, ClaimKind::kRelation));
  }

  AuthorshipVerifier verifier_;
  fg::testing::EvidenceBuilder evidence_;
};

TEST_F(AuthorshipVerifierTest, AppliesToAPersonWhoMadeANamedWork) {
  EXPECT_TRUE(Applies("Herman Melville wrote Moby Dick"));
  EXPECT_TRUE(Applies("J. K. Rowling wrote Harry Potter"));
  EXPECT_TRUE(Applies("Leonardo da Vinci painted the Mona Lisa"));
  EXPECT_TRUE(Applies("Leo Tolstoy wrote the novel War and Peace"));
  EXPECT_FALSE(Applies("Herman Melville never wrote Moby Dick"));
  EXPECT_FALSE(Applies("Herman Melville wrote novels"));      // no named work
  EXPECT_FALSE(Applies("the sailor wrote Moby Dick"));        // no person's name
  EXPECT_FALSE(Applies("Herman Melville was born in 1819"));  // no making verb
}

// Regression (default KB): supported by no rule, and refuted by the model at 0.54.
TEST_F(AuthorshipVerifierTest, AuthorOfSupports) {
  evidence_.SetTitle("Melville");
  Add("Herman Melville, American novelist, author of Moby-Dick; b. 1819.");
  auto j = Judge("Herman Melville wrote Moby Dick");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "authorship");
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_FALSE(Judge("Charles Dickens wrote Moby Dick"));  // another person: not said here
  EXPECT_FALSE(Judge("Herman Melville wrote Typee"));      // another work: not said here
}

// Regression (default KB): "J. K. Rowling wrote Harry Potter" was refuted at 0.54.
TEST_F(AuthorshipVerifierTest, AWorkByThePersonSupports) {
  evidence_.SetTitle("golden snitch");
  Add("A fictional object described in the series of \"Harry Potter\" novels by J.K. Rowling.");
  auto j = Judge("J. K. Rowling wrote Harry Potter");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("Moby Dick, Melville's novel, appeared in 1851.");
  EXPECT_FALSE(Judge("Herman Melville wrote Moby Dick"));  // "'s" after the work, not before
  evidence_.Clear();
  Add("He loved Melville's Moby Dick.");
  EXPECT_TRUE(Judge("Herman Melville wrote Moby Dick"));
  evidence_.Clear();
  Add("In 1851 Melville wrote Moby Dick.");
  EXPECT_TRUE(Judge("Herman Melville wrote Moby Dick"));
}

TEST_F(AuthorshipVerifierTest, TheLinkMustBeBetweenThePersonAndTheWork) {
  Add("Melville admired Moby Dick, a whale.");  // both named, nothing links them
  EXPECT_FALSE(Judge("Herman Melville wrote Moby Dick"));
  evidence_.Clear();
  Add("Melville did not write Moby Dick.");  // negated
  EXPECT_FALSE(Judge("Herman Melville wrote Moby Dick"));
  evidence_.Clear();
  Add("The author of Moby Dick was Melville; Hawthorne wrote The Scarlet Letter.");
  EXPECT_FALSE(Judge("Nathaniel Hawthorne wrote Moby Dick"));  // "author of" names Melville's
  EXPECT_TRUE(Judge("Nathaniel Hawthorne wrote The Scarlet Letter"));
}

TEST_F(AuthorshipVerifierTest, ATitleIsItsWordsInOrderWhateverTheHyphens) {
  Add("Tolstoy is the author of War and Peace.");
  EXPECT_TRUE(Judge("Leo Tolstoy wrote War and Peace"));
  EXPECT_TRUE(Judge("Leo Tolstoy wrote the novel War and Peace"));
  EXPECT_FALSE(Judge("Leo Tolstoy wrote War"));  // a part of the title is another title
  evidence_.Clear();
  Add("Hemingway, author of The Old Man and the Sea, won the Nobel Prize.");
  EXPECT_TRUE(Judge("Ernest Hemingway wrote The Old Man and the Sea"));
  EXPECT_TRUE(Judge("Ernest Hemingway wrote Old Man and the Sea"));
}

}  // namespace
}  // namespace fg
