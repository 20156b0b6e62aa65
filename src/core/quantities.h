// Quantities and dates in text, with exact byte spans: the shared ground of the numeric, temporal
// and comparison verifiers.
//
// ExtractQuantities finds numbers ("1,500,000", "3.14", "-4", "twelve", "a dozen", "one-hundred and
// four"), scaled numbers ("1.5 million", "2k", "$5bn"), percentages, money, measurements with a
// unit, ranges ("between 5 and 10", "5-10") and the approximate/bound marker in front of them
// ("about", "more than", "at least"). Values are normalised to a canonical unit (kilometres ->
// metres, pounds -> kilograms, Fahrenheit -> Celsius, mph -> km/h), so "1,865" equals "1865" and
// "1.5 million" equals "1,500,000".
//
// ExtractDates finds years ("1809", "44 BC", "AD 800"), full dates ("12 February 1809", "February
// 12, 1809", "1809-02-12"), months with years, decades ("1990s", "'90s"), centuries ("the 19th
// century", "nineteenth century") and year ranges ("(1809-1865)"). Every date is an interval of
// days at its precision, so "1809" contains "12 February 1809" and "the 19th century" contains
// 1865. A bare four-digit number between 1000 and 2100 is a year, not a quantity, unless a unit,
// scale word, percent sign or currency goes with it ("1865 metres" is a quantity). Numbers that
// belong to a name or a notation are not quantities either: "PlayStation 5", "127 Hours" (but "14
// Bulgarian cities" counts), "Dolphin Tale 2 got" (after two capitalised words), "Dirty 30 is"
// (after one, before "is", "was", "has"...), "Fantastic Four", "747SP", a clock time "18:10" or "4
// p.m.", the scale of a rating ("6/10", "70 out of 100"), the short second year of a season
// ("2019-20") and, with dates skipped, the day of "August 5" or "6 August".
//
// All functions are pure: thread-safe, no state, never throw. Spans are byte offsets into the text
// given, half-open [begin, end).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/types.h"

namespace fg {

// What the words in front of a quantity say about the true value.
enum class QuantityBound {
  kExact,        // "330 metres"
  kApproximate,  // "about", "around", "approximately", "roughly", "nearly", "almost", "some", "~"
  kMoreThan,     // "more than", "over", "above", "greater than"
  kLessThan,     // "less than", "fewer than", "under", "below"
  kAtLeast,      // "at least"
  kAtMost,       // "at most", "up to", "no more than"
};

struct Quantity {
  // Canonical value. For a range ("between 5 and 10") `value` is the low end; `low`/`high` are the
  // ends (both equal to `value` for a single number).
  double value = 0;
  double low = 0;
  double high = 0;
  bool is_range = false;
  // Canonical unit; quantities compare only within one unit:
  //   ""      plain count            "%"     percentage
  //   "USD" "EUR" "GBP" "JPY"        money (no exchange rates)
  //   "m" (lengths), "m2" (areas), "kg" (masses), "°C" (temperatures), "km/h" (speeds),
  //   "year" (durations and ages: "10 years", "a 10-year-old"), "rank" (ordinals:
  //   ExtractOrdinals).
  std::string unit;
  // The written unit's factor to the canonical one: 0.3048 for "feet", 1000 for "km", 1 for
  // "metres" and for plain counts. Figures written in different units were converted, and a
  // conversion rounds.
  double unit_factor = 1;
  QuantityBound bound = QuantityBound::kExact;
  bool approximate = false;  // bound != kExact
  // The place value of the last digit as written, in the canonical unit: 1 for "75", 100 for
  // "1,500", 0.01 for "3.14", 100000 for "1.5 million". 0 when unknown (number words, ranges).
  double precision = 0;
  Span span;        // the whole mention, marker words included ("about $5bn")
  Span value_span;  // the number(s) with currency and unit, no marker ("$5bn")
};

struct QuantityOptions {
  // Leave numbers that are part of a date (years, days of a date, centuries) out.
  bool skip_dates = true;
  // Read "between 5 and 10", "from 5 to 10" and "5-10" as ranges.
  bool ranges = true;
};

// The quantities in `text`, in order of appearance, non-overlapping.
std::vector<Quantity> ExtractQuantities(std::string_view text, const QuantityOptions& options = {});

// The ordinal ranks in `text` ("the third largest city", "his 38th goal", "the fifth-highest",
// "twenty-first"; "debut" before a noun is the first), as quantities in the unit "rank" written to
// precision 1, in order of appearance. Not ranks: ordinals that are part of a date ("July 13th",
// "the 13th of July", "the 19th century"), the time in "a second" or "per second", and a
// capitalised ordinal before a capitalised word (a name: "Fifth Avenue", "First World War"). Kept
// apart from ExtractQuantities: a rank is no amount, and only the numeric verifier compares them.
std::vector<Quantity> ExtractOrdinals(std::string_view text);

// Parses one number written in digits ("1,500,000", "3.14", "-4") or as a small number word
// ("twelve", "twenty-five"); nullopt for anything else, trailing text included.
std::optional<double> ParseNumber(std::string_view text);

// "1500000", "3.5", "-4": shortest decimal form, no exponent, at most 6 decimals.
std::string FormatNumber(double value);

// True when the two quantities can be compared (same canonical unit).
bool UnitsCompatible(const Quantity& a, const Quantity& b);

// The closed interval of values the mention allows: [low, high] widened by `rel_tol` of the
// magnitude, by 10% more for approximate markers, and open-ended (±infinity) on the side a bound
// leaves open ("more than 5" -> [5, inf)).
std::pair<double, double> AllowedInterval(const Quantity& q, double rel_tol);

// True when two exact figures written in digits differ at the precision both are written to:
// "75" and "76", "92 %" and "93 %", "7.1" and "7.2" (however close), but not "1.5 million" and
// "1,523,000" (the coarser is written to the hundred thousand) or "1,865" and "1865". Figures in
// different written units never differ as written ("4807 meters" and "15,781 feet": one is a
// rounded conversion of a figure like the other); they compare within the tolerance only.
bool DifferAsWritten(const Quantity& a, const Quantity& b);

// True when the units are compatible and the allowed intervals overlap, e.g. "1,865" and "1865",
// "1.5 million" and "1,500,000", "about 330 m" and "324 metres", "5 km" and "5000 m". When both
// are approximate they compare as exact values ("about 58.57 %" is not "about 68.57 %"). Two
// figures that differ as written (above) are never the same.
bool SameQuantity(const Quantity& a, const Quantity& b, double rel_tol);

// text[span]; empty when the span lies outside the text.
std::string_view SurfaceText(std::string_view text, Span span);

// `text` with text[span] replaced by `replacement` (used to build corrections).
std::string ReplaceSpan(std::string_view text, Span span, std::string_view replacement);

// ---- Dates -----------------------------------------------------------------------------------

enum class DatePrecision { kDay, kMonth, kYear, kDecade, kCentury };  // finest to coarsest

// The coarser of two precisions ("1809" is coarser than "12 February 1809").
inline DatePrecision CoarserPrecision(DatePrecision a, DatePrecision b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

// A closed interval of days, counted from 1970-01-01 in the proleptic Gregorian calendar.
struct DateInterval {
  int64_t first_day = 0;
  int64_t last_day = 0;
  bool Contains(const DateInterval& other) const {
    return first_day <= other.first_day && other.last_day <= last_day;
  }
  bool Overlaps(const DateInterval& other) const {
    return first_day <= other.last_day && other.first_day <= last_day;
  }
  bool operator==(const DateInterval&) const = default;
};

struct DateMention {
  Span span;  // the whole mention: "12 February 1809", "(1809-1865)", "19th century", "1990s"
  DatePrecision precision = DatePrecision::kYear;
  // A single date has start == end. A range ("(1809-1865)", "1914–1918") has its first end in
  // `start` and its last end in `end`.
  DateInterval start;
  DateInterval end;
  Span start_span;  // surface of each end; both equal `span` for a single date
  Span end_span;
  bool is_range = false;
  bool parenthesized = false;  // "(1809-1865)": in dictionaries, born - died
  // First and last year covered, as written: 44 BC is -44 (there is no year 0).
  int year_from = 0;
  int year_to = 0;
  DateInterval whole() const { return {start.first_day, end.last_day}; }
};

// The dates in `text`, in order of appearance, non-overlapping.
std::vector<DateMention> ExtractDates(std::string_view text);

// Day number of a date; `year` is astronomical (1 BC is 0, 2 BC is -1).
int64_t DaysFromCivil(int year, int month, int day);

// The interval formatted at `precision`, from its first day: "1809", "44 BC", "AD 14", "February
// 1809", "12 February 1809", "1990s", "19th century". Years before 1000 carry their era.
std::string FormatDate(const DateInterval& interval, DatePrecision precision);

}  // namespace fg
