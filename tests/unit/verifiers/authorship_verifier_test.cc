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
  EXPECT_FALSE(Judge("Herman Melville wrote Typee"));  // another work: not said here
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

TEST_F(AuthorshipVerifierTest, TheFollowUpQueryIsTheWorksTitle) {
  const auto queries = [&](const std::string& claim) {
    return verifier_.FollowUpQueries(fg::testing::MakeClaim(claim, ClaimKind::kRelation));
  };
  EXPECT_EQ(queries("Charles Dickens wrote Moby Dick"), std::vector<std::string>{"Moby Dick"});
  EXPECT_EQ(queries("Leo Tolstoy wrote the novel War and Peace."),
            std::vector<std::string>{"War and Peace"});
  EXPECT_EQ(queries("Jane Austen wrote The Silent Harbor"),
            std::vector<std::string>{"The Silent Harbor"});
  EXPECT_TRUE(queries("Herman Melville was born in 1819").empty());
  // A capitalised work word is the title's own.
  EXPECT_EQ(queries("Mozart composed the Symphony of Light"),
            std::vector<std::string>{"Symphony of Light"});
}

// Regression (default KB): "Charles Dickens wrote Moby Dick" was refuted at 0.69 against his own
// entry, with no correction; the follow-up query brings Melville's.
TEST_F(AuthorshipVerifierTest, AnotherAuthorOfTheWorkRefutesWithTheirName) {
  evidence_.SetTitle("Melville");
  Add("Herman Melville, American novelist, author of Moby-Dick; b. 1819.");
  auto j = Judge("Charles Dickens wrote Moby Dick");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_DOUBLE_EQ(j->confidence, 0.9);
  EXPECT_EQ(j->evidence, std::vector<size_t>{0});
  EXPECT_EQ(j->correction, "Herman Melville wrote Moby Dick");
  // WordNet's way: the entry's title gives the author's full name.
  evidence_.Clear();
  evidence_.SetTitle("Melville, Herman Melville");
  Add("Melville, Herman Melville: United States writer, author of Moby Dick (1819-1891).");
  j = Judge("Jane Austen wrote Moby Dick");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Herman Melville wrote Moby Dick");
  // A director is no author.
  EXPECT_FALSE(Judge("Charles Dickens directed Moby Dick"));
}

TEST_F(AuthorshipVerifierTest, AWorkByAnotherRefutesOnlyInTheClaimsCraft) {
  Add("Moby Dick, an 1851 novel by Herman Melville, sold poorly.");
  auto j = Judge("Charles Dickens wrote Moby Dick");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Herman Melville wrote Moby Dick");
  evidence_.Clear();
  Add("Moby Dick, a film by John Huston, opened in 1956.");  // a film says nothing of the book
  EXPECT_FALSE(Judge("Herman Melville wrote Moby Dick"));
  j = Judge("Orson Welles directed Moby Dick");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "John Huston directed Moby Dick");
  evidence_.Clear();
  Add("War and Peace, translated by Constance Garnett, appeared in 1904.");
  EXPECT_FALSE(Judge("Leo Tolstoy wrote War and Peace"));
  evidence_.Clear();
  Add("To film Tolstoy's War and Peace took years.");
  j = Judge("Charles Dickens wrote War and Peace");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Tolstoy wrote War and Peace");
  evidence_.Clear();
  Add("Good Omens, a novel by Terry Pratchett and Neil Gaiman, appeared in 1990.");
  EXPECT_EQ(Judge("Neil Gaiman wrote Good Omens")->verdict, Verdict::kSupported);
  j = Judge("Stephen King wrote Good Omens");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Terry Pratchett and Neil Gaiman wrote Good Omens");
  // A sentence that names the claim's person too does not refute.
  evidence_.Clear();
  Add("Moby Dick, a novel by Herman Melville, was admired by Dickens.");
  EXPECT_FALSE(Judge("Charles Dickens wrote Moby Dick"));
}

// Regression (default KB): "Charles Dickens wrote Robinson Crusoe" was supported at 0.53 against
// the work's own entry; every sentence of that entry is about the work.
TEST_F(AuthorshipVerifierTest, TheWorksOwnEntryNamesItsMaker) {
  evidence_.SetTitle("Robinson Crusoe");
  Add("Robinson Crusoe: the hero of Daniel Defoe's novel about a shipwrecked sailor.");
  auto j = Judge("Daniel Defoe wrote Robinson Crusoe");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  j = Judge("Charles Dickens wrote Robinson Crusoe");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Daniel Defoe wrote Robinson Crusoe");
  evidence_.Clear();
  evidence_.SetTitle("AEneid");
  Add("The great epic poem of Virgil, of which the hero is AEneas.");
  j = Judge("Homer wrote the Aeneid");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Virgil wrote the Aeneid");
  evidence_.Clear();
  evidence_.SetTitle("Pilgrim's Progress");
  Add("Pilgrim's Progress: an allegory written by John Bunyan in 1678.");
  j = Judge("John Bunyan wrote The Pilgrim's Progress");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  evidence_.Clear();
  evidence_.SetTitle("Odyssey");
  Add("Odyssey: a Greek epic poem (attributed to Homer) describing the journey of Odysseus.");
  j = Judge("Virgil wrote the Odyssey");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Homer wrote the Odyssey");
  EXPECT_EQ(Judge("Homer wrote the Odyssey")->verdict, Verdict::kSupported);
  // Makers named together are all makers of the work.
  evidence_.Clear();
  evidence_.SetTitle("Communist Manifesto");
  Add("Communist Manifesto: a socialist manifesto written by Marx and Engels (1842).");
  EXPECT_EQ(Judge("Friedrich Engels wrote the Communist Manifesto")->verdict, Verdict::kSupported);
  EXPECT_EQ(Judge("Karl Marx wrote the Communist Manifesto")->verdict, Verdict::kSupported);
  j = Judge("Lenin wrote the Communist Manifesto");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Marx and Engels wrote the Communist Manifesto");
  // The same words in another entry say nothing of who made the work.
  evidence_.SetTitle("allegory");
  EXPECT_FALSE(Judge("Charles Dickens wrote Pilgrim's Progress"));
}

// Regression (default KB): "Jane Austen wrote Pride and Prejudice" was refuted at 0.47 against her
// entry, which names no novel.
TEST_F(AuthorshipVerifierTest, APersonsEntryThatNamesNoWorkIsNotEnoughInfo) {
  evidence_.SetTitle("Austen, Jane Austen");
  Add("Austen, Jane Austen: English novelist noted for her portrayals of families (1775-1817).");
  auto j = Judge("Jane Austen wrote Pride and Prejudice");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_DOUBLE_EQ(j->confidence, 0.85);
  EXPECT_TRUE(j->evidence.empty());
  // A common noun's entry is no title: "psycho" names no film "Psycho".
  evidence_.Clear();
  evidence_.SetTitle("Hitchcock, Alfred Hitchcock");
  Add("Hitchcock, Alfred Hitchcock: English film maker (1899-1980).");
  Add("psychotic, psycho: a person afflicted with psychosis.");
  j = Judge("Alfred Hitchcock directed Psycho");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  // A sentence that names the work leaves it to the others.
  Add("Psycho is remembered for its shower scene.");
  EXPECT_FALSE(Judge("Alfred Hitchcock directed Psycho"));
  // Without the person's entry the expert says nothing.
  evidence_.Clear();
  evidence_.SetTitle("novel");
  Add("A novel is a long fictional narrative.");
  EXPECT_FALSE(Judge("Jane Austen wrote Pride and Prejudice"));
}

// Regressions (default KB): of 21 attributions from WordNet's glosses, each said in the passive
// or with "author of", true and with another author, the model supported 10 of the 21 false ones
// ("Mark Twain is the author of Moby Dick" at 0.64): the expert read only "<person> wrote <work>".
TEST_F(AuthorshipVerifierTest, ThePassiveAndTheMakerNounAreClaimsToo) {
  EXPECT_TRUE(Applies("Moby Dick was written by Herman Melville"));
  EXPECT_TRUE(Applies("The Magic Flute was composed by Mozart"));
  EXPECT_TRUE(Applies("Herman Melville is the author of Moby Dick"));
  EXPECT_TRUE(Applies("The author of Moby Dick is Herman Melville"));
  EXPECT_TRUE(Applies("Verdi was the composer of Aida"));
  EXPECT_FALSE(Applies("Moby Dick was written in 1851"));                          // no maker
  EXPECT_FALSE(Applies("The book Moby Dick was written by Herman Melville"));      // not all title
  EXPECT_FALSE(Applies("John Brennan was the director of Central Intelligence"));  // an agency
  EXPECT_FALSE(Applies("Herman Melville is the author of novels"));                // no named work
  EXPECT_FALSE(Applies("Moby Dick was not written by Herman Melville"));

  evidence_.SetTitle("Melville, Herman Melville");
  Add("Melville, Herman Melville: United States writer, author of Moby Dick (1819-1891).");
  struct Case {
    std::string claim;
    Verdict verdict;
    std::string correction;
  };
  const std::vector<Case> cases = {
      {"Moby Dick was written by Herman Melville", Verdict::kSupported, ""},
      {"Moby Dick was written by Mark Twain in 1851", Verdict::kRefuted,
       "Moby Dick was written by Herman Melville in 1851"},
      {"Herman Melville is the author of Moby Dick", Verdict::kSupported, ""},
      {"Mark Twain is the author of Moby Dick", Verdict::kRefuted,
       "Herman Melville is the author of Moby Dick"},
      {"The author of Moby Dick is Mark Twain", Verdict::kRefuted,
       "The author of Moby Dick is Herman Melville"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim);
    auto j = Judge(c.claim);
    ASSERT_TRUE(j);
    EXPECT_EQ(j->verdict, c.verdict);
    EXPECT_EQ(j->correction.value_or(""), c.correction);
  }
  // The composer of a work is no author of it.
  EXPECT_FALSE(Judge("The composer of Moby Dick is Mark Twain"));
}

// Regression (default KB, GCIDE): "See Milton's \"Paradise Lost,\" Book II." corrected "John Donne
// wrote Paradise Lost" to "See Milton wrote Paradise Lost".
TEST_F(AuthorshipVerifierTest, ACrossReferenceIsNoPartOfTheName) {
  Add("See Milton's \"Paradise Lost,\" Book II., line 883.");
  auto j = Judge("John Donne wrote Paradise Lost");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Milton wrote Paradise Lost");
}

}  // namespace
}  // namespace fg
