#include "src/core/quantities.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace fg {
namespace {

struct QuantityCase {
  std::string text;
  std::string surface;  // text[span]
  double low;
  double high;
  std::string unit;
  QuantityBound bound = QuantityBound::kExact;
};

std::string Surface(const std::string& text, Span span) {
  return std::string(SurfaceText(text, span));
}

TEST(QuantitiesTest, ExtractsEachFormWithExactSpans) {
  using B = QuantityBound;
  const std::vector<QuantityCase> cases = {
      {"It has 1,500,000 people.", "1,500,000", 1500000, 1500000, ""},
      {"Pi is 3.14 or so.", "3.14", 3.14, 3.14, ""},
      {"It fell to -4 overnight.", "-4", -4, -4, ""},
      {"There were twelve apostles.", "twelve", 12, 12, ""},
      {"She bought a dozen eggs.", "a dozen", 12, 12, ""},
      {"We saw twenty-five ships.", "twenty-five", 25, 25, ""},
      {"It cost a hundred pounds sterling.", "a hundred pounds sterling", 100, 100, "GBP"},
      {"The city has 1.5 million people.", "1.5 million", 1500000, 1500000, ""},
      {"They sold 3 billion units.", "3 billion", 3e9, 3e9, ""},
      {"About 2k users.", "About 2k", 2000, 2000, "", B::kApproximate},
      {"The deal was worth $5bn.", "$5bn", 5e9, 5e9, "USD"},
      {"It costs US$20.", "US$20", 20, 20, "USD"},
      {"It costs \u20ac30 now.", "\u20ac30", 30, 30, "EUR"},
      {"It costs \u00a340.", "\u00a340", 40, 40, "GBP"},
      {"It costs 50 dollars.", "50 dollars", 50, 50, "USD"},
      {"Turnout was 45%.", "45%", 45, 45, "%"},
      {"Turnout was 45 percent.", "45 percent", 45, 45, "%"},
      {"Turnout was 45 per cent.", "45 per cent", 45, 45, "%"},
      {"The road is 12 km long.", "12 km", 12000, 12000, "m"},
      {"The road is 12 kilometres long.", "12 kilometres", 12000, 12000, "m"},
      {"The road is 12 kilometers long.", "12 kilometers", 12000, 12000, "m"},
      {"The tower is 330 metres tall.", "330 metres", 330, 330, "m"},
      {"The tower is 330m tall.", "330m", 330, 330, "m"},
      {"A 15 cm ruler.", "15 cm", 0.15, 0.15, "m"},
      {"A 3 mm gap.", "3 mm", 0.003, 0.003, "m"},
      {"It is 26.2 miles.", "26.2 miles", 26.2 * 1609.344, 26.2 * 1609.344, "m"},
      {"It weighs 70 kg.", "70 kg", 70, 70, "kg"},
      {"It weighs 500 g.", "500 g", 0.5, 0.5, "kg"},
      {"It weighs 10 lb.", "10 lb", 4.5359237, 4.5359237, "kg"},
      {"It weighs 10 pounds.", "10 pounds", 4.5359237, 4.5359237, "kg"},
      {"Water boils at 100\u00b0C.", "100\u00b0C", 100, 100, "\u00b0C"},
      {"Water boils at 212\u00b0F.", "212\u00b0F", 100, 100, "\u00b0C"},
      {"It was 30 degrees Celsius.", "30 degrees Celsius", 30, 30, "\u00b0C"},
      {"A top speed of 300 km/h.", "300 km/h", 300, 300, "km/h"},
      {"A top speed of 60 mph.", "60 mph", 60 * 1.609344, 60 * 1.609344, "km/h"},
      {"He is 42 years old.", "42 years old", 42, 42, "year"},
      {"A 10-year-old boy.", "10-year-old", 10, 10, "year"},
      {"It lasted 30 years.", "30 years", 30, 30, "year"},
      {"It is nearly 500 metres.", "nearly 500 metres", 500, 500, "m", B::kApproximate},
      {"It has around 40 rooms.", "around 40", 40, 40, "", B::kApproximate},
      {"It has over 40 rooms.", "over 40", 40, 40, "", B::kMoreThan},
      {"It has more than 40 rooms.", "more than 40", 40, 40, "", B::kMoreThan},
      {"It has less than 40 rooms.", "less than 40", 40, 40, "", B::kLessThan},
      {"It has at least 40 rooms.", "at least 40", 40, 40, "", B::kAtLeast},
      {"It takes between 5 and 10 days.", "between 5 and 10", 5, 10, ""},
      {"It takes between 5 and 10 km.", "between 5 and 10 km", 5000, 10000, "m"},
      {"It takes 5-10 days.", "5-10", 5, 10, ""},
      {"It takes 5\u201310 days.", "5\u201310", 5, 10, ""},
      {"It has 5-10 million fans.", "5-10 million", 5e6, 1e7, ""},
      {"The 1865 metres path.", "1865 metres", 1865, 1865, "m"},
      {"It spans 1,865 acres.", "1,865", 1865, 1865, ""},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.text);
    auto qs = ExtractQuantities(tc.text);
    ASSERT_EQ(qs.size(), 1u);
    EXPECT_EQ(Surface(tc.text, qs[0].span), tc.surface);
    EXPECT_NEAR(qs[0].low, tc.low, 1e-9 * std::max(1.0, std::fabs(tc.low)));
    EXPECT_NEAR(qs[0].high, tc.high, 1e-9 * std::max(1.0, std::fabs(tc.high)));
    EXPECT_EQ(qs[0].value, qs[0].low);
    EXPECT_EQ(qs[0].unit, tc.unit);
    EXPECT_EQ(qs[0].bound, tc.bound);
    EXPECT_EQ(qs[0].approximate, tc.bound != QuantityBound::kExact);
    EXPECT_EQ(qs[0].is_range, tc.low != tc.high);
  }
}

TEST(QuantitiesTest, ValueSpanLeavesOutTheMarker) {
  std::string text = "It is about $5bn.";
  auto qs = ExtractQuantities(text);
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(Surface(text, qs[0].span), "about $5bn");
  EXPECT_EQ(Surface(text, qs[0].value_span), "$5bn");
}

TEST(QuantitiesTest, IgnoresYearsOrdinalsAndCodes) {
  for (std::string text :
       {"Lincoln was born in 1809.", "the 19th century", "born 12 February 1809", "COVID-19 spread",
        "one of the largest cities", "in the 1990s", "Abraham Lincoln (1809-1865)", "in 44 BC"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ExtractQuantities(text).empty());
  }
}

TEST(QuantitiesTest, FindsSeveralInOrder) {
  std::string text = "Of 200 people, 45% voted and 3.5 km was walked.";
  auto qs = ExtractQuantities(text);
  ASSERT_EQ(qs.size(), 3u);
  EXPECT_EQ(Surface(text, qs[0].span), "200");
  EXPECT_EQ(Surface(text, qs[1].span), "45%");
  EXPECT_EQ(Surface(text, qs[2].span), "3.5 km");
}

TEST(QuantitiesTest, OptionsKeepYearsAndDropRanges) {
  QuantityOptions options;
  options.skip_dates = false;
  options.ranges = false;
  auto qs = ExtractQuantities("2000 is more than 1999 and 5-3 differs", options);
  ASSERT_GE(qs.size(), 2u);
  EXPECT_EQ(qs[0].value, 2000);
  EXPECT_EQ(qs[1].value, 1999);
  EXPECT_EQ(qs[1].bound, QuantityBound::kMoreThan);
}

Quantity First(const std::string& text) {
  auto qs = ExtractQuantities(text);
  EXPECT_FALSE(qs.empty()) << text;
  return qs.empty() ? Quantity{} : qs[0];
}

TEST(QuantitiesTest, SameQuantity) {
  struct Case {
    std::string a, b;
    bool same;
  };
  const std::vector<Case> cases = {
      {"1,865 acres", "1865 acres", true},
      {"1.5 million", "1,500,000", true},
      {"5 km", "5000 m", true},
      {"about 330 metres", "324 metres", true},
      {"330 metres", "324 metres", false},
      {"330 metres", "500 metres", false},
      {"330 metres", "330 kg", false},
      {"45%", "45", false},
      {"more than 300 metres", "330 metres", true},
      {"more than 400 metres", "330 metres", false},
      {"between 5 and 10 days", "7 days", true},
      {"100\u00b0C", "212\u00b0F", true},
      {"$5bn", "5 billion dollars", true},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.a + " vs " + tc.b);
    Quantity a = First(tc.a), b = First(tc.b);
    EXPECT_EQ(SameQuantity(a, b, 0.01), tc.same);
    EXPECT_EQ(SameQuantity(b, a, 0.01), tc.same);
  }
  EXPECT_TRUE(UnitsCompatible(First("5 km"), First("3 miles")));
  EXPECT_FALSE(UnitsCompatible(First("5 km"), First("3 kg")));
}

// A figure written to the unit is that figure: "75 games" is not "76 games", although they are
// within 2 %; trailing zeros and decimals say how far a figure may be rounded (regressions from
// VitaminC: "play 75 games" against "76 games" and "92 %" against "93 %" were supported).
TEST(QuantitiesTest, FiguresThatDifferAsWritten) {
  EXPECT_DOUBLE_EQ(First("75 games").precision, 1);
  EXPECT_DOUBLE_EQ(First("1,500 games").precision, 100);
  EXPECT_NEAR(First("3.14 m").precision, 0.01, 1e-12);
  EXPECT_DOUBLE_EQ(First("1.5 million").precision, 100000);
  EXPECT_DOUBLE_EQ(First("5 km").precision, 1000);
  EXPECT_DOUBLE_EQ(First("twelve games").precision, 0);
  EXPECT_DOUBLE_EQ(First("between 5 and 10 days").precision, 0);
  struct Case {
    std::string a, b;
    bool differ;
  };
  const std::vector<Case> cases = {
      {"75 games", "76 games", true},
      {"92%", "93%", true},
      {"7.1 points", "7.2 points", true},
      {"3.14 m", "3.15 m", true},
      {"8,336,817 people", "8,336,818 people", true},
      {"3.14 m", "3.149 m", false},
      {"1.5 million", "1,523,000", false},
      {"1,865 acres", "1865 acres", false},
      {"2 million", "2,050,000", false},
      {"5 km", "5,000 m", false},
      // A figure in another unit was converted, and conversions round: only the tolerance
      // compares them. "metres" and "meters" are one written unit.
      {"4807 meters", "15,781 feet", false},
      {"6650 kilometers", "4150 miles", false},
      {"4807 metres", "4809 meters", true},
      {"about 75 games", "76 games", false},
      {"more than 75 games", "76 games", false},
      {"between 75 and 80 games", "76 games", false},
      {"twelve games", "13 games", false},
      {"75 games", "76 kg", false},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.a + " vs " + tc.b);
    Quantity a = First(tc.a), b = First(tc.b);
    EXPECT_EQ(DifferAsWritten(a, b), tc.differ);
    EXPECT_EQ(DifferAsWritten(b, a), tc.differ);
    if (tc.differ) {
      EXPECT_FALSE(SameQuantity(a, b, 0.02));
    }
  }
  EXPECT_TRUE(SameQuantity(First("3.14 m"), First("3.149 m"), 0.02));
  EXPECT_TRUE(SameQuantity(First("1.5 million"), First("1,523,000"), 0.02));
}

TEST(QuantitiesTest, ParseAndFormatNumbers) {
  EXPECT_EQ(ParseNumber("1,500,000"), 1500000);
  EXPECT_EQ(ParseNumber("3.14"), 3.14);
  EXPECT_EQ(ParseNumber("-4"), -4);
  EXPECT_EQ(ParseNumber("twelve"), 12);
  EXPECT_EQ(ParseNumber("twenty-five"), 25);
  EXPECT_EQ(ParseNumber("12 apples"), std::nullopt);
  EXPECT_EQ(ParseNumber("apple"), std::nullopt);
  EXPECT_EQ(FormatNumber(1500000), "1500000");
  EXPECT_EQ(FormatNumber(3.5), "3.5");
  EXPECT_EQ(FormatNumber(-4), "-4");
}

TEST(QuantitiesTest, ReplaceSpanBuildsCorrections) {
  std::string claim = "The Eiffel Tower is 500 metres tall";
  auto q = First(claim);
  EXPECT_EQ(ReplaceSpan(claim, q.span, "330 metres"), "The Eiffel Tower is 330 metres tall");
  EXPECT_EQ(ReplaceSpan("abc", Span{5, 6}, "x"), "abc");
}

// ---- dates ----

struct DateCase {
  std::string text;
  std::string surface;
  DatePrecision precision;
  int year_from;
  int year_to;
};

TEST(QuantitiesTest, ExtractsDatesWithExactSpans) {
  using P = DatePrecision;
  const std::vector<DateCase> cases = {
      {"Lincoln was born in 1809.", "1809", P::kYear, 1809, 1809},
      {"Born 12 February 1809 in Kentucky.", "12 February 1809", P::kDay, 1809, 1809},
      {"Born February 12, 1809 in Kentucky.", "February 12, 1809", P::kDay, 1809, 1809},
      {"Born on the 12th of February 1809.", "12th of February 1809", P::kDay, 1809, 1809},
      {"Born 1809-02-12 in Kentucky.", "1809-02-12", P::kDay, 1809, 1809},
      {"Published in March 1859.", "March 1859", P::kMonth, 1859, 1859},
      {"Published in Sept. 1859.", "Sept. 1859", P::kMonth, 1859, 1859},
      {"She died in December of 1936.", "December of 1936", P::kMonth, 1936, 1936},
      {"It was popular in the 1990s.", "1990s", P::kDecade, 1990, 1999},
      {"It was popular in the '90s.", "'90s", P::kDecade, 1990, 1999},
      {"It happened in the 19th century.", "19th century", P::kCentury, 1801, 1900},
      {"It happened in the nineteenth century.", "nineteenth century", P::kCentury, 1801, 1900},
      {"It happened in the twenty-first century.", "twenty-first century", P::kCentury, 2001, 2100},
      {"It happened in the 5th century BC.", "5th century BC", P::kCentury, -500, -401},
      {"Caesar died in 44 BC.", "44 BC", P::kYear, -44, -44},
      {"Charlemagne was crowned in AD 800.", "AD 800", P::kYear, 800, 800},
      {"Abraham Lincoln (1809-1865) was president.", "(1809-1865)", P::kYear, 1809, 1865},
      {"The war (1914\u20131918) ended.", "(1914\u20131918)", P::kYear, 1914, 1918},
      {"The war of 1914\u20131918 ended.", "1914\u20131918", P::kYear, 1914, 1918},
      {"The war of 1914\u22121918 ended.", "1914\u22121918", P::kYear, 1914, 1918},
      // Two dates joined by a dash are one range at the coarser precision of its ends.
      {"Montalban (November 25, 1920 \u2013 January 14, 2009) acted.",
       "November 25, 1920 \u2013 January 14, 2009", P::kDay, 1920, 2009},
      {"Montalban ( November 25 , 1920 -- January 14 , 2009 ) acted .",
       "November 25 , 1920 -- January 14 , 2009", P::kDay, 1920, 2009},
      {"The siege (March 1915 \u2014 9 January 1916) failed.", "March 1915 \u2014 9 January 1916",
       P::kMonth, 1915, 1916},
      {"The war ( 1914 -- 1918 ) ended .", "1914 -- 1918", P::kYear, 1914, 1918},
  };
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.text);
    auto ds = ExtractDates(tc.text);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(Surface(tc.text, ds[0].span), tc.surface);
    EXPECT_EQ(ds[0].precision, tc.precision);
    EXPECT_EQ(ds[0].year_from, tc.year_from);
    EXPECT_EQ(ds[0].year_to, tc.year_to);
  }
}

TEST(QuantitiesTest, YearOrCount) {
  // A year-like number followed by a lowercase noun counts things, unless a preposition names it
  // as a time.
  EXPECT_TRUE(ExtractDates("The farm covers 1865 acres.").empty());
  EXPECT_EQ(ExtractQuantities("The farm covers 1865 acres.").size(), 1u);
  EXPECT_EQ(ExtractDates("In 1865 troops entered the city.").size(), 1u);
  EXPECT_TRUE(ExtractQuantities("In 1865 troops entered the city.").empty());
  EXPECT_EQ(ExtractDates("1865 was a hard year.").size(), 1u);
  // After a determiner and before one noun, the number is the year of what the noun names.
  for (std::string text : {"Private Lives is a 1930 comedy of manners.", "It is the 2016 film.",
                           "Her 1999 album sold well.", "Wilson's 2016 book sold well."}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ExtractDates(text).size(), 1u);
    EXPECT_TRUE(ExtractQuantities(text).empty());
  }
  EXPECT_TRUE(ExtractDates("The 1500 soldiers marched.").empty());
  EXPECT_EQ(ExtractQuantities("The 1500 soldiers marched.").size(), 1u);
}

// Numbers that belong to a name or a notation, not to an amount (regressions from VitaminC).
TEST(QuantitiesTest, NumbersInNamesAndNotationsAreNotQuantities) {
  for (std::string text :
       {"It was developed for PlayStation 5 .", "Insidious : Chapter 3 ( film ) earned a lot .",
        "127 Hours is a film .", "The Boeing 747SP is stored in Riyadh .",
        "It was reported at 18:10 .", "the 2019-20 coronavirus pandemic",
        "He debuted on August 5 .", "He debuted on 6 August , as City won ."}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ExtractQuantities(text).empty());
  }
  // The scale of a rating is not a second figure.
  std::vector<Quantity> q = ExtractQuantities("a score of 70 out of 100 and a rating of 7.89/10");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].value, 70);
  EXPECT_EQ(q[1].value, 7.89);
  // Also with a word between (regression from VitaminC: "more than 2 stars out of 5" against "3
  // stars out of 5" was corrected to "2 stars out of 3").
  q = ExtractQuantities("He rated it more than 2 stars out of 5 .");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].value, 2);
  // Amounts stay amounts, ranges stay ranges.
  EXPECT_EQ(ExtractQuantities("between 5-10 people").size(), 1u);
  EXPECT_TRUE(ExtractQuantities("between 5-10 people")[0].is_range);
  EXPECT_EQ(ExtractQuantities("It has 2,000-1,500 seats .").size(), 2u);
  EXPECT_EQ(ExtractQuantities("Bulgaria had 92 cases by 18 March .").size(), 1u);
  EXPECT_EQ(ExtractQuantities("He scored 38 goals .").size(), 1u);
  EXPECT_EQ(ExtractQuantities("It weighs 5 kg .").size(), 1u);
}

// A number after two capitalised words is part of a title even before a lowercase word
// (regressions from VitaminC and FEVER: "Dolphin Tale 2 got a rating of 70 %" was corrected to
// "Dolphin Tale 7 got", and "Despicable Me 2 was produced by Illumination Entertainment in 2014"
// was supported by the numeric expert on a "2" in its evidence). After one capitalised word, or a
// capitalised word after a preposition opening the sentence, the number stays a figure when a
// lowercase word follows.
TEST(QuantitiesTest, ANumberAfterATitlesWordsIsPartOfIt) {
  std::vector<Quantity> q =
      ExtractQuantities("After 61 reviews , Dolphin Tale 2 got a rating of 70 % .");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].value, 61);
  EXPECT_EQ(q[1].value, 70);
  EXPECT_TRUE(
      ExtractQuantities("Despicable Me 2 was produced by Illumination Entertainment .").empty());
  EXPECT_TRUE(ExtractQuantities("The Incredibles 2 is a film .").empty());
  EXPECT_EQ(ExtractQuantities("By March , Bulgaria 92 cases were confirmed .").size(), 1u);
  EXPECT_EQ(ExtractQuantities("In Texas 5 people died .").size(), 1u);
}

// Regressions from FEVER: "Fantastic Four (2005 film) was released on the 8th" was refuted and
// corrected to "Fantastic Four (Four film)": the name's "Four" was a count, and the year of a
// title's "(2005 film)" a count of films; "Yale's alumni include 19 justices" was refuted by
// "five U.S. Presidents", the "19" of "19 U.S. Supreme Court Justices" being read as a title's;
// "Dirty 30 is a season" was supported by the name's own "30".
TEST(QuantitiesTest, NamesTitlesAndClockTimesAreNotCounts) {
  for (std::string text :
       {"Fantastic Four was released in 2005 .", "He raced in Formula One for years .",
        "The Challenge XXX : Dirty 30 is the thirtieth season .", "Apollo 11 was launched .",
        "It opened at 4 p.m. and closed at 10 A.M. ."}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ExtractQuantities(text).empty());
  }
  const std::string title = "Fantastic Four ( 2005 film ) was released .";
  EXPECT_TRUE(ExtractQuantities(title).empty());
  ASSERT_EQ(ExtractDates(title).size(), 1u);
  EXPECT_EQ(ExtractDates(title)[0].year_from, 2005);
  // Counts stay counts: a sentence's opening number word, a plural noun in brackets, a count
  // qualified by an initialism.
  EXPECT_EQ(ExtractQuantities("Four people died .").size(), 1u);
  EXPECT_EQ(ExtractQuantities("The army ( 1500 soldiers ) left .").size(), 1u);
  std::vector<Quantity> q = ExtractQuantities("including five U.S. Presidents , 19 U.S. Justices");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[1].value, 19);
  // Regression from VitaminC: "127 cases in less than 14 Bulgarian cities" lost its 14 to the
  // "127 Hours" rule and was supported by "in 14 bulgarian cities".
  q = ExtractQuantities("127 cases in less than 14 Bulgarian cities and 40 Professional wins .");
  ASSERT_EQ(q.size(), 3u);
  EXPECT_EQ(q[1].value, 14);
  EXPECT_EQ(q[1].bound, QuantityBound::kLessThan);
  EXPECT_EQ(q[2].value, 40);
}

// Hundreds in words take the tens and units after them (regression from VitaminC: "more than
// one-hundred and four singles" was read as "more than one" and "four", and supported by "has
// released one-hundred and four singles").
TEST(QuantitiesTest, HundredsInWords) {
  struct Case {
    std::string text, surface;
    double value;
  };
  for (const Case& c : std::vector<Case>{
           {"She has released more than one-hundred and four singles .",
            "more than one-hundred and four", 104},
           {"It sold three hundred and twenty-five copies .", "three hundred and twenty-five", 325},
           {"It sold two hundred thousand copies .", "two hundred thousand", 200000},
           {"It sold five hundred copies .", "five hundred", 500},
       }) {
    std::vector<Quantity> q = ExtractQuantities(c.text);
    ASSERT_EQ(q.size(), 1u) << c.text;
    EXPECT_EQ(Surface(c.text, q[0].span), c.surface) << c.text;
    EXPECT_EQ(q[0].value, c.value) << c.text;
  }
  // "and" joins only a number below a hundred: "five hundred people and four dogs" is two counts.
  EXPECT_EQ(ExtractQuantities("five hundred people and four dogs").size(), 2u);
}

// Regression from VitaminC: "Averaged over 14 reviewers, the film scored more than 50 %" was read
// as more than 14 reviewers and refuted by "based on fourteen reviews".
TEST(QuantitiesTest, AveragedOverIsNoBound) {
  std::vector<Quantity> q = ExtractQuantities("Averaged over 14 reviewers , it scored 52 % .");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].bound, QuantityBound::kExact);
  q = ExtractQuantities("The season averaged over a million viewers .");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].bound, QuantityBound::kMoreThan);
}

TEST(QuantitiesTest, ComparativeMarkersAreBounds) {
  std::vector<Quantity> q = ExtractQuantities("a rating higher than 40 % and lower than 7/10");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].bound, QuantityBound::kMoreThan);
  EXPECT_EQ(q[1].bound, QuantityBound::kLessThan);
}

// `text` holds exactly one date: a range in parentheses (life dates) from `first` to `last`.
void ExpectLifeDates(const std::string& text, const std::string& first, const std::string& last) {
  SCOPED_TRACE(text);
  auto ds = ExtractDates(text);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_TRUE(ds[0].is_range);
  EXPECT_TRUE(ds[0].parenthesized);
  EXPECT_EQ(Surface(text, ds[0].start_span), first);
  EXPECT_EQ(Surface(text, ds[0].end_span), last);
  EXPECT_EQ(ds[0].start, ExtractDates(first)[0].start);
  EXPECT_EQ(ds[0].end, ExtractDates(last)[0].start);
}

TEST(QuantitiesTest, YearRangeEnds) {
  ExpectLifeDates("Abraham Lincoln (1809-1865) was president.", "1809", "1865");
}

// Regression (default KB): WordNet's Caesar, "(100-44 BC)", had no life dates, and Augustus's
// "(63 BC - AD 14)" corrected "Julius Caesar was assassinated in 44 BC" to 14.
TEST(QuantitiesTest, OneEraAfterBothYearsBeforeChrist) {
  const std::string caesar = "Caesar: conqueror of Gaul (100-44 BC).";
  auto life = ExtractDates(caesar);
  ASSERT_EQ(life.size(), 1u);
  EXPECT_TRUE(life[0].is_range);
  EXPECT_TRUE(life[0].parenthesized);
  EXPECT_EQ(Surface(caesar, life[0].start_span), "100");
  EXPECT_EQ(life[0].start, ExtractDates("100 BC")[0].start);
  EXPECT_EQ(life[0].end, ExtractDates("44 BC")[0].start);
  ExpectLifeDates("Augustus: emperor (63 BC - AD 14).", "63 BC", "AD 14");
  // The era belongs to both years only when the first is the earlier one before Christ.
  auto ds = ExtractDates("Scores (12-44 BC) here.");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_FALSE(ds[0].is_range);
  EXPECT_EQ(ExtractDates("(1809-1865)")[0].start, ExtractDates("1809")[0].start);
}

TEST(QuantitiesTest, JoinedDatesAreOneRange) {
  // Wikipedia's life dates, also after other text inside the same parentheses.
  ExpectLifeDates("Ricardo Montalban (KSG; November 25, 1920 \u2013 January 14, 2009) acted.",
                  "November 25, 1920", "January 14, 2009");
  // Outside parentheses, or with the parentheses closed before, it is a range but no life dates.
  auto open = ExtractDates("From November 25, 1920 - January 14, 2009 he acted.");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_TRUE(open[0].is_range);
  EXPECT_FALSE(open[0].parenthesized);
  auto closed = ExtractDates("He (an actor) acted November 25, 1920 - January 14, 2009 ) here.");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_FALSE(closed[0].parenthesized);
  // A second date before the first is two dates, not a range.
  EXPECT_EQ(ExtractDates("(January 14, 2009 \u2013 November 25, 1920)").size(), 2u);
}

TEST(QuantitiesTest, NotDates) {
  for (std::string text : {"It cost $2000.", "A 1500 metres race.", "It has 1,865 acres.",
                           "Scores 31 to 12.", "It may rain.", "Room 12"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(ExtractDates(text).empty());
  }
}

TEST(QuantitiesTest, DateIntervalsNestAtTheirPrecision) {
  auto year = ExtractDates("1809")[0].whole();
  auto day = ExtractDates("12 February 1809")[0].whole();
  auto month = ExtractDates("February 1809")[0].whole();
  auto century = ExtractDates("the 19th century")[0].whole();
  auto y1865 = ExtractDates("1865")[0].whole();
  EXPECT_TRUE(year.Contains(day));
  EXPECT_TRUE(month.Contains(day));
  EXPECT_TRUE(year.Contains(month));
  EXPECT_FALSE(day.Contains(year));
  EXPECT_TRUE(century.Contains(y1865));
  EXPECT_FALSE(century.Contains(ExtractDates("1900s")[0].whole()));
  EXPECT_TRUE(century.Overlaps(ExtractDates("1900s")[0].whole()));
  EXPECT_FALSE(year.Overlaps(y1865));
  EXPECT_EQ(day.first_day, day.last_day);
  EXPECT_EQ(year.last_day - year.first_day, 364);
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
}

TEST(QuantitiesTest, FormatDate) {
  EXPECT_EQ(FormatDate(ExtractDates("12 February 1809")[0].start, DatePrecision::kDay),
            "12 February 1809");
  EXPECT_EQ(FormatDate(ExtractDates("12 February 1809")[0].start, DatePrecision::kMonth),
            "February 1809");
  EXPECT_EQ(FormatDate(ExtractDates("12 February 1809")[0].start, DatePrecision::kYear), "1809");
  EXPECT_EQ(FormatDate(ExtractDates("1865")[0].start, DatePrecision::kCentury), "19th century");
  EXPECT_EQ(FormatDate(ExtractDates("1901")[0].start, DatePrecision::kCentury), "20th century");
  EXPECT_EQ(FormatDate(ExtractDates("1995")[0].start, DatePrecision::kDecade), "1990s");
  EXPECT_EQ(FormatDate(ExtractDates("44 BC")[0].start, DatePrecision::kYear), "44 BC");
  EXPECT_EQ(FormatDate(ExtractDates("AD 14")[0].start, DatePrecision::kYear), "AD 14");
  EXPECT_EQ(FormatDate(ExtractDates("AD 800")[0].start, DatePrecision::kYear), "AD 800");
  EXPECT_EQ(FormatDate(ExtractDates("44 BC")[0].start, DatePrecision::kCentury), "1st century BC");
}

// Ordinal ranks, each with its value and exact span.
TEST(QuantitiesTest, OrdinalsAreRanks) {
  struct Case {
    std::string text, surface;
    double value;
  };
  const std::vector<Case> cases = {
      {"It is the third largest city in the county.", "third", 3},
      {"Lead is the 38th most abundant element.", "38th", 38},
      {"He is the fifth-highest scoring player.", "fifth", 5},
      {"It was their twenty-first album.", "twenty-first", 21},
      {"It is the thirtieth season.", "thirtieth", 30},
      {"the forty-second street", "forty-second", 42},
      {"The Heist is Macklemore's debut studio album.", "debut", 1},
      {"She won a second term in 2012.", "second", 2},
  };
  for (const Case& c : cases) {
    std::vector<Quantity> ranks = ExtractOrdinals(c.text);
    ASSERT_EQ(ranks.size(), 1u) << c.text;
    EXPECT_EQ(Surface(c.text, ranks[0].span), c.surface) << c.text;
    EXPECT_EQ(ranks[0].value, c.value) << c.text;
    EXPECT_EQ(ranks[0].unit, "rank") << c.text;
    EXPECT_EQ(ranks[0].precision, 1) << c.text;
  }
  // Two ranks that differ by one differ as written; the same rank is the same quantity.
  const Quantity third = ExtractOrdinals("the third largest")[0];
  EXPECT_TRUE(DifferAsWritten(third, ExtractOrdinals("the 4th largest")[0]));
  EXPECT_TRUE(SameQuantity(third, ExtractOrdinals("the 3rd largest")[0], 0.02));
  // The tens of a compound ordinal are no count of their own.
  EXPECT_TRUE(ExtractQuantities("It was their twenty-first album.").empty());
  // A rank is no count: it never compares with a plain number.
  EXPECT_FALSE(UnitsCompatible(third, ExtractQuantities("3 cities")[0]));
}

TEST(QuantitiesTest, NotRanks) {
  for (const std::string text : {
           "The film premiered on July 13th, 2007.",   // a date
           "It was founded on the 4th of July.",       // a date
           "It was built in the 13th-century style.",  // a century
           "Light travels 300,000 km per second.",     // a unit of time
           "It took a second.",                        // a time
           "The shop is on Fifth Avenue.",             // a name
           "He fought in the First World War.",        // a name
           "He made his debut in 2001.",               // "debut" as a noun
           "Twenty people came.",                      // a cardinal
       }) {
    EXPECT_TRUE(ExtractOrdinals(text).empty()) << text;
  }
}

}  // namespace
}  // namespace fg
