#include "verifiers/temporal_verifier.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/unit/verifiers/evidence_builder.h"

namespace fg {
namespace {

Claim MakeClaim(std::string text) {
  return fg::testing::MakeClaim(std::move(text), ClaimKind::kTemporal);
}

class TemporalVerifierTest : public ::testing::Test {
 protected:
  void Add(const std::string& sentence, double alignment) { evidence_.Add(sentence, alignment); }
  std::optional<Judgement> Judge(const std::string& claim, TemporalVerifierOptions options = {}) {
    auto ev = evidence_.Build();
    return TemporalVerifier(options).Judge(MakeClaim(claim), ev);
  }

  fg::testing::EvidenceBuilder evidence_;
};

struct Case {
  std::string evidence;
  std::string claim;
  std::optional<Verdict> verdict;  // nullopt: abstain
  std::string correction;          // for refuted
};

TEST_F(TemporalVerifierTest, Table) {
  const auto S = Verdict::kSupported;
  const auto R = Verdict::kRefuted;
  const std::vector<Case> cases = {
      // The Lincoln cases: a dictionary range picks its end by the event word.
      {"Abraham Lincoln (1809-1865) was the 16th President of the United States.",
       "Lincoln was born in 1820", R, "Lincoln was born in 1809"},
      {"Abraham Lincoln (1809-1865) was the 16th President of the United States.",
       "Lincoln was born in 1809", S, ""},
      {"Abraham Lincoln (1809-1865) was the 16th President of the United States.",
       "Lincoln died in 1865", S, ""},
      {"Abraham Lincoln (1809-1865) was the 16th President of the United States.",
       "Lincoln died in 1809", R, "Lincoln died in 1865"},
      // Wikipedia's life dates as full dates, also in FEVER's tokenised form with "--".
      {"Ricardo Montalban (November 25, 1920 \u2013 January 14, 2009) was a Mexican actor.",
       "Ricardo Montalban was born in 2009", R, "Ricardo Montalban was born in 1920"},
      {"Ricardo Montalban (November 25, 1920 \u2013 January 14, 2009) was a Mexican actor.",
       "Ricardo Montalban was born in 1920", S, ""},
      {"Ricardo Montalban ( KSG ; November 25 , 1920 -- January 14 , 2009 ) was a Mexican actor .",
       "Ricardo Montalban died in 2009", S, ""},
      {"Ricardo Montalban ( KSG ; November 25 , 1920 -- January 14 , 2009 ) was a Mexican actor .",
       "Ricardo Montalban died in 1920", R, "Ricardo Montalban died in 2009"},
      {"Lincoln was born February 12, 1809, in Kentucky.", "Lincoln was born in 1820", R,
       "Lincoln was born in 1809"},
      {"Lincoln was born February 12, 1809, in Kentucky.", "Lincoln was born in 1809", S, ""},
      {"Lincoln was born February 12, 1809, in Kentucky.", "Lincoln was born on 12 March 1809", R,
       "Lincoln was born on February 12, 1809"},
      {"Lincoln was born February 12, 1809, in Kentucky.", "Lincoln was born in the 18th century",
       R, "Lincoln was born in the 19th century"},
      // A bounded date ("before", "after", "since") holds or not, strictly; a refuted bound is
      // corrected to the date itself (regressions: VitaminC's "born before 1999" was supported).
      {"Trevor Moran (born September 30, 1999) is an American singer.",
       "Trevor Moran was born before 1999", R, "Trevor Moran was born on September 30, 1999"},
      {"Trevor Moran (born September 30, 1999) is an American singer.",
       "Trevor Moran was born before 2005", S, ""},
      {"Trevor Moran (born September 30, 1999) is an American singer.",
       "Trevor Moran was born after 1995", S, ""},
      {"The band's second album was released on 31 October 2011.",
       "The band's second album was released before October 30, 2011", R,
       "The band's second album was released on 31 October 2011"},
      {"Season 3 would be released in late July 2018.",
       "Season 3 would be released after October 2018", R,
       "Season 3 would be released in July 2018"},
      // Centuries and decades contain years.
      {"Lincoln died in 1865 in Washington.", "Lincoln died in the 19th century", S, ""},
      {"Lincoln died in 1865 in Washington.", "Lincoln died in the nineteenth century", S, ""},
      {"The album was released in 1994.", "The album was released in the 1990s", S, ""},
      {"The album was released in 1984.", "The album was released in the 1990s", R,
       "The album was released in the 1980s"},
      // Coarser evidence is consistent; it supports when the sentence aligns strongly.
      {"Lincoln was born in 1809 in Kentucky.", "Lincoln was born on 12 February 1809", S, ""},
      // The event word picks the date among several.
      {"Lincoln was born in 1809 and died in 1865.", "Lincoln died in 1809", R,
       "Lincoln died in 1865"},
      {"Lincoln was born in 1809 and died in 1865.", "Lincoln was born in 1809", S, ""},
      // Ranges without a start or end event: the whole interval.
      {"The tower was built 1887\u20131889 in Paris.", "The tower was built in 1888", S, ""},
      {"The tower was built 1887\u20131889 in Paris.", "The tower was built in 1900", R,
       "The tower was built in 1887\u20131889"},
      // BC years.
      {"Caesar died in 44 BC in Rome.", "Caesar died in 43 BC", R, "Caesar died in 44 BC"},
      // Abstain: another event, or no date at all.
      {"Lincoln was assassinated in 1865.", "Lincoln was born in 1820", std::nullopt, ""},
      {"Lincoln was a lawyer in Illinois.", "Lincoln was born in 1820", std::nullopt, ""},
      {"Abraham Lincoln (1809-1865) was a president.", "Lincoln was elected in 1860", std::nullopt,
       ""},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.claim + " | " + tc.evidence);
    evidence_.Clear();
    Add(tc.evidence, 0.8);
    auto j = Judge(tc.claim);
    ASSERT_EQ(j.has_value(), tc.verdict.has_value());
    if (!j) continue;
    EXPECT_EQ(j->verdict, *tc.verdict);
    EXPECT_EQ(j->evidence, std::vector<size_t>{0});
    if (*tc.verdict == Verdict::kRefuted) {
      EXPECT_EQ(j->correction, tc.correction);
    } else {
      EXPECT_FALSE(j->correction);
    }
    EXPECT_GT(j->confidence, 0.5);
    EXPECT_LE(j->confidence, 1.0);
  }
}

// Regression from FEVER: "a 1940 comedy" was read as a count of comedies, so "Private Lives is a
// 1940 comedy" against "a 1930 comedy" came back supported by the "three acts" alone.
TEST_F(TemporalVerifierTest, AttributiveYears) {
  Add("Private Lives is a 1930 comedy of manners in three acts by Noel Coward .", 0.9);
  auto j = Judge("Private Lives is a 1940 comedy in three acts by Noel Coward.");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Private Lives is a 1930 comedy in three acts by Noel Coward.");
}

// Regressions from FEVER: "Richard Dawson was not born on November 20th, 1932" was supported by his
// birth date. A claim denying its date is refuted by that date, with no correction, and says
// nothing against another date; a title's "Never" is no denial.
TEST_F(TemporalVerifierTest, AClaimThatDeniesItsDate) {
  Add("Richard Dawson ( born 20 November 1932 -- 2 June 2012 ) was a British-American actor .",
      0.9);
  auto denied = Judge("Richard Dawson was not born on November 20th, 1932.");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->verdict, Verdict::kRefuted);
  EXPECT_FALSE(denied->correction);
  EXPECT_FALSE(Judge("Richard Dawson wasn't born in 1950."));
  evidence_.Clear();
  Add("Never Say Die ! is an album released in 1978 by Black Sabbath .", 0.9);
  auto title = Judge("Black Sabbath released Never Say Die ! in 1978.");
  ASSERT_TRUE(title);
  EXPECT_EQ(title->verdict, Verdict::kSupported);
}

// The event's date is the one in its clause (regressions from FEVER: "Moonlight premiered at the
// Telluride Film Festival in 2016" was corrected to 2015, the year filming began, and "James Jones
// won the Three-Point Contest in 2011" to the 2007-08 season of another clause).
TEST_F(TemporalVerifierTest, TheEventsDateIsInItsClause) {
  Add("Filmed in Miami , beginning in 2015 , Moonlight premiered at the Telluride Film Festival on "
      "September 2 , 2016 .",
      0.9);
  auto moonlight = Judge("Moonlight premiered at the Telluride Film Festival in 2016.");
  ASSERT_TRUE(moonlight);
  EXPECT_EQ(moonlight->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("He finished third in three-point percentage during the 2007 -- 08 season and won the "
      "Three-Point Contest in 2011 .",
      0.9);
  auto jones = Judge("James Jones won the Three-Point Contest in 2011.");
  ASSERT_TRUE(jones);
  EXPECT_EQ(jones->verdict, Verdict::kSupported);
  // With no date in its clause, the nearest date still counts.
  evidence_.Clear();
  Add("In 1990 , he founded the company .", 0.9);
  auto founded = Judge("He founded the company in 1991.");
  ASSERT_TRUE(founded);
  EXPECT_EQ(founded->verdict, Verdict::kRefuted);
}

// A birth date bounds a death date and the other way round (regressions from FEVER: "Keith
// Stanfield died on August 12, 1991" was supported by "( born August 12 , 1991 )"). Dying on or
// before the day of birth is refuted, with no correction: the evidence does not say when.
TEST_F(TemporalVerifierTest, TheOtherEndOfALifeBoundsTheClaimsDate) {
  Add("LaKeith Lee `` Keith '' Stanfield ( born August 12 , 1991 ) is an American actor .", 0.9);
  auto same_day = Judge("Keith Stanfield died on August 12, 1991.");
  ASSERT_TRUE(same_day);
  EXPECT_EQ(same_day->verdict, Verdict::kRefuted);
  EXPECT_FALSE(same_day->correction);
  auto earlier = Judge("Keith Stanfield died in 1950.");
  ASSERT_TRUE(earlier);
  EXPECT_EQ(earlier->verdict, Verdict::kRefuted);
  EXPECT_FALSE(Judge("Keith Stanfield died in 2040."));         // later: consistent, no proof
  EXPECT_FALSE(Judge("Keith Stanfield did not die in 1991."));  // a denial agrees
  EXPECT_FALSE(Judge("Keith Stanfield died before 2000."));     // a bound is left alone
  evidence_.Clear();
  Add("Lincoln was murdered in 1865 .", 0.9);
  auto born = Judge("Lincoln was born in 1870.");
  ASSERT_TRUE(born);
  EXPECT_EQ(born->verdict, Verdict::kRefuted);
  EXPECT_FALSE(Judge("Lincoln was born in 1809."));
  auto died = Judge("Lincoln died in 1865.");  // "murdered" is a death
  ASSERT_TRUE(died);
  EXPECT_EQ(died->verdict, Verdict::kSupported);
}

// Regression (default KB): "Queen Elizabeth II died in 2022" was refuted with the correction "died
// in 1952" from "became the Queen ... in 1952 on the death of her father (1926-)": the death was
// her father's.
TEST_F(TemporalVerifierTest, TheDeathOfARelativeIsNotTheSubjects) {
  Add("Elizabeth II: daughter of George VI who became the Queen of England and Northern Ireland in "
      "1952 on the death of her father (1926-)",
      0.9);
  EXPECT_FALSE(Judge("Queen Elizabeth II died in 2022."));
  evidence_.Clear();
  Add("He became king in 1936 on the death of his father .", 0.9);
  EXPECT_FALSE(Judge("Edward VIII died in 1972."));
  evidence_.Clear();
  // The subject's own death still counts, with "of" or without.
  Add("Lincoln was president until the death of Lincoln in 1865 .", 0.9);
  auto own = Judge("Lincoln died in 1865.");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->verdict, Verdict::kSupported);
  evidence_.Clear();
  Add("After her death in 1901 , her son Edward became king .", 0.9);
  auto hers = Judge("Queen Victoria died in 1850.");
  ASSERT_TRUE(hers);
  EXPECT_EQ(hers->verdict, Verdict::kRefuted);
}

// Life dates joined by a minus sign (regression from FEVER: "( April 8 , 1974 \u2212 February 2 ,
// 2013 )" was two dates, and the claim that Chris Kyle died on February 2, 2013 found none).
TEST_F(TemporalVerifierTest, LifeDatesJoinedByAMinusSign) {
  Add("Christopher Scott Kyle ( April 8 , 1974 \u2212 February 2 , 2013 ) was a United States Navy "
      "SEAL veteran .",
      0.9);
  auto died = Judge("On February 2, 2013, Chris Kyle died.");
  ASSERT_TRUE(died);
  EXPECT_EQ(died->verdict, Verdict::kSupported);
  auto wrong = Judge("Chris Kyle died in 1974.");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->verdict, Verdict::kRefuted);
  EXPECT_EQ(wrong->correction, "Chris Kyle died in 2013.");
}

TEST_F(TemporalVerifierTest, CoarserEvidenceNeedsStrongAlignment) {
  Add("Lincoln was born in 1809 in Kentucky.", 0.6);
  EXPECT_FALSE(Judge("Lincoln was born on 12 February 1809"));
  TemporalVerifierOptions options;
  options.coarse_support_alignment = 0.5;
  auto j = Judge("Lincoln was born on 12 February 1809", options);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

TEST_F(TemporalVerifierTest, SkipsWeakSentencesAndCollectsAgreeingOnes) {
  Add("Lincoln was born in 1700.", 0.2);  // below the alignment threshold
  Add("Lincoln was born in 1809.", 0.9);
  Add("Abraham Lincoln (1809-1865), lawyer.", 0.7);
  auto j = Judge("Lincoln was born in 1820");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->evidence, (std::vector<size_t>{1, 2}));
  EXPECT_EQ(j->correction, "Lincoln was born in 1809");
}

TEST_F(TemporalVerifierTest, AppliesToDates) {
  TemporalVerifier v;
  EXPECT_TRUE(v.AppliesTo(MakeClaim("Lincoln was born in 1809")));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("It happened in the 19th century")));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("It opened on 1 May 1851")));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("The tower is 330 metres tall")));
  EXPECT_EQ(v.name(), "temporal");
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

// Regression: Schnabel's gloss mentions Mozart, and its "(1882-1951)" refuted "Mozart was born in
// 1770" with the correction "1882".
TEST_F(TemporalVerifierTest, LifeDatesBelongToTheEntrysSubject) {
  evidence_.SetTitle("Schnabel, Artur Schnabel");
  Add("Artur Schnabel: pianist noted for his interpretations of Beethoven and Mozart (1882-1951).",
      1.0);
  auto j = Judge("Mozart was born in 1770");
  EXPECT_FALSE(j && j->verdict == Verdict::kRefuted);
  evidence_.Clear();
  evidence_.SetTitle("Mozart, Wolfgang Amadeus Mozart");
  Add("Mozart: prolific Austrian composer and child prodigy (1756-1791).", 1.0);
  j = Judge("Mozart was born in 1770");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Mozart was born in 1756");
}

// Life dates belong to the entry's subject, and a regnal number is part of the name: Elizabeth I's
// "(1533-1603)" says nothing of when Elizabeth II died.
TEST_F(TemporalVerifierTest, ARegnalNumberNamesAnotherPerson) {
  evidence_.SetTitle("Elizabeth, Elizabeth I");
  Add("Elizabeth I: Queen of England from 1558 to 1603 (1533-1603).", 1.0);
  auto j = Judge("Queen Elizabeth II died in 2022.");
  EXPECT_FALSE(j && j->verdict == Verdict::kRefuted);
  auto same = Judge("Queen Elizabeth I died in 1650.");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->verdict, Verdict::kRefuted);
  EXPECT_EQ(same->correction, "Queen Elizabeth I died in 1603.");
  evidence_.Clear();
  evidence_.SetTitle("Henry VIII");
  Add("Henry VIII: King of England from 1509 to 1547 (1491-1547).", 1.0);
  auto henry = Judge("Henry VIII died in 1600.");
  ASSERT_TRUE(henry);
  EXPECT_EQ(henry->verdict, Verdict::kRefuted);
  EXPECT_FALSE(Judge("Henry IV died in 1600.") &&
               Judge("Henry IV died in 1600.")->verdict == Verdict::kRefuted);
}

// Regression (default KB): the Eiffel Tower's "constructed in Paris in 1889" was not read for
// "built", and another tower's "built in Chicago in 1974" refuted "The Eiffel Tower was built in
// 1889" alone.
TEST_F(TemporalVerifierTest, ConstructedIsBuilt) {
  Add("Eiffel Tower: a wrought iron tower that was constructed in Paris in 1889.", 0.8);
  auto j = Judge("The Eiffel Tower was built in 1900");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The Eiffel Tower was built in 1889");
  j = Judge("The Eiffel Tower was built in 1889");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

using TitledEvidence = fg::testing::EntryBuilder;

std::optional<Judgement> JudgeTitled(const TitledEvidence& evidence, const std::string& claim) {
  return TemporalVerifier().Judge(MakeClaim(claim), evidence.Build());
}

// Regression (default KB): Augustus's entry, whose name holds "Julius Caesar", came first and
// refuted "Julius Caesar was assassinated in 44 BC" with 14; Edward VI's "son of Henry VIII ...
// from 1547 to 1553" corrected "Henry VIII died in 1600" to 1553. The entry titled with the
// claim's own name is read first.
TEST(TemporalVerifierTitles, TheSubjectsOwnEntryDecides) {
  TitledEvidence caesar;
  caesar.Add("Augustus, Gaius Octavianus, Gaius Julius Caesar Octavianus, Octavian",
             "Augustus: Roman statesman who became emperor in 27 BC (63 BC - AD 14).");
  caesar.Add("Caesar, Julius Caesar, Gaius Julius Caesar",
             "Caesar: conqueror of Gaul and master of Italy (100-44 BC).");
  auto j = JudgeTitled(caesar, "Julius Caesar was assassinated in 44 BC");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->evidence.front(), 1u);
  j = JudgeTitled(caesar, "Julius Caesar was assassinated in 50 BC");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Julius Caesar was assassinated in 44 BC");

  TitledEvidence henry;
  henry.Add("Edward, Edward VI",
            "Edward VI: King of England from 1547 to 1553; son of Henry VIII; died of "
            "tuberculosis (1537-1553).");
  henry.Add("Henry VIII", "Henry VIII: King of England from 1509 to 1547 (1491-1547).");
  j = JudgeTitled(henry, "Henry VIII died in 1600");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Henry VIII died in 1547");

  // A common noun's entry is no name: its title does not put it first.
  TitledEvidence common;
  common.Add("Eiffel Tower", "Eiffel Tower: a tower that was constructed in Paris in 1889.");
  common.Add("tower", "tower: a structure taller than its diameter; one was built in 1900.");
  j = JudgeTitled(common, "The Eiffel Tower was built in 1900");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "The Eiffel Tower was built in 1889");
}

// Regression (default KB): "French Revolution: the revolution in France against the Bourbons;
// 1789-1799" said nothing of when it began, and the model supported "began in 1799" at 0.65. The
// subject's own entry, with no event word, dates the subject by its one range; not a person's
// (a reign is no life).
TEST(TemporalVerifierTitles, TheOwnEntrysRangeIsTheSubjectsSpan) {
  TitledEvidence revolution;
  revolution.Add("French Revolution",
                 "French Revolution: the revolution in France against the Bourbons; 1789-1799.");
  auto j = JudgeTitled(revolution, "The French Revolution began in 1799");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "The French Revolution began in 1789");
  j = JudgeTitled(revolution, "The French Revolution ended in 1799");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  // In words too: "from 1914 to 1918" (the model had supported "World War I ended in 1920" at
  // 0.92).
  TitledEvidence war;
  war.Add("World War I, Great War",
          "World War I: a war between the allies and the Central "
          "Powers from 1914 to 1918.");
  j = JudgeTitled(war, "World War I ended in 1920");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "World War I ended in 1918");
  j = JudgeTitled(war, "World War I began in 1914");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  // Another entry's range says nothing of the subject.
  TitledEvidence other;
  other.Add("Napoleonic Wars", "Napoleonic Wars: the wars of Napoleon; 1799-1815.");
  EXPECT_FALSE(JudgeTitled(other, "The French Revolution began in 1799"));
  // Nor does a person's reign date a life.
  TitledEvidence king;
  king.Add("Louis XVI", "Louis XVI: king of France; 1774-1792.");
  EXPECT_FALSE(JudgeTitled(king, "Louis XVI was born in 1774"));
}

// Regression (default KB, GCIDE): "Born at Ajaccio, ... Jan. 7, 1768; died at Longwood, St.
// Helena, May 5, 1821" corrected "Napoleon died in 1851" to 1768, the date nearest "died" across
// the semicolon.
TEST_F(TemporalVerifierTest, ASemicolonOrColonEndsTheEventsStatement) {
  Add("Napoleon: Born at Ajaccio, Corsica, Aug. 15, 1766, or, according to some, at Corte, Jan. "
      "7, 1768; died at Longwood, St. Helena, May 5, 1821.",
      0.8);
  auto j = Judge("Napoleon died in 1851");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Napoleon died in 1821");
  evidence_.Clear();
  Add("Note: Elizabeth was born at Greenwich, near London, Sept. 7, 1533: died at Richmond, near "
      "London, March 24, 1603.",
      0.8);
  j = Judge("Elizabeth I died in 1700");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "Elizabeth I died in 1603");
}

// A correction from a year after Christ of a claim before Christ says so: "AD 14", not "14".
TEST_F(TemporalVerifierTest, ACorrectionAcrossTheEraNamesIt) {
  Add("Augustus: Roman statesman who became emperor in 27 BC (63 BC - AD 14).", 0.8);
  auto j = Judge("Augustus died in 14 BC");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->correction, "Augustus died in AD 14");
}

}  // namespace
}  // namespace fg
