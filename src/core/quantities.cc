#include "src/core/quantities.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <string>

#include "src/core/tokenizer.h"

namespace fg {
namespace {

// A light scanner of its own rather than fg::Tokenize: quantities need "5–10", "25°C", "$5bn",
// "10-year-old" and "1990s" split into their parts, with a note of which parts touch.
enum class TokKind { kNum, kWord, kSym };

struct Tok {
  TokKind kind = TokKind::kSym;
  Span span;
  std::string_view text;
  std::string lower;
  bool space_before = true;  // white space (or the start of the text) precedes this token
};

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::vector<Tok> Scan(std::string_view text) {
  std::vector<Tok> toks;
  const size_t n = text.size();
  auto at = [&](size_t k) -> unsigned char {
    return k < n ? static_cast<unsigned char>(text[k]) : 0;
  };
  bool space = true;
  size_t i = 0;
  while (i < n) {
    unsigned char c = at(i);
    if (IsSpace(c) || c == 0xA0) {
      space = true;
      ++i;
      continue;
    }
    // U+00A0 no-break space as UTF-8.
    if (c == 0xC2 && at(i + 1) == 0xA0) {
      space = true;
      i += 2;
      continue;
    }
    Tok t;
    size_t start = i;
    if (IsDigit(c)) {
      while (i < n) {
        if (IsDigit(at(i))) {
          ++i;
        } else if ((at(i) == ',' || at(i) == '.') && IsDigit(at(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      t.kind = TokKind::kNum;
    } else if (IsAsciiLetter(c)) {
      while (i < n && IsAsciiLetter(at(i))) ++i;
      t.kind = TokKind::kWord;
    } else {
      i = std::min(n, i + Utf8Length(c));
      t.kind = TokKind::kSym;
    }
    t.span = {start, i};
    t.text = text.substr(start, i - start);
    t.lower.assign(t.text);
    for (char& ch : t.lower) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    t.space_before = space;
    space = false;
    toks.push_back(std::move(t));
  }
  return toks;
}

class Cursor {
 public:
  explicit Cursor(const std::vector<Tok>& toks) : toks_(toks) {}
  size_t size() const { return toks_.size(); }
  bool Valid(size_t i) const { return i < toks_.size(); }
  const Tok& operator[](size_t i) const { return toks_[i]; }
  bool Word(size_t i, std::string_view w) const {
    return Valid(i) && toks_[i].kind == TokKind::kWord && toks_[i].lower == w;
  }
  bool Sym(size_t i, std::string_view s) const {
    return Valid(i) && toks_[i].kind == TokKind::kSym && toks_[i].text == s;
  }
  bool Num(size_t i) const { return Valid(i) && toks_[i].kind == TokKind::kNum; }
  // A hyphen, en dash, em dash, or the minus sign some texts put between life dates.
  bool Dash(size_t i) const {
    return Sym(i, "-") || Sym(i, "\u2013") || Sym(i, "\u2014") || Sym(i, "\u2212");
  }
  // Token i touches the token before it.
  bool Glued(size_t i) const { return Valid(i) && !toks_[i].space_before; }

 private:
  const std::vector<Tok>& toks_;
};

// ---- numbers ---------------------------------------------------------------------------------

struct NumberWord {
  std::string_view word;
  int value;
};
constexpr NumberWord kNumberWords[] = {
    {"zero", 0},     {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},
    {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},
    {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},
    {"seventy", 70}, {"eighty", 80},  {"ninety", 90},
};

std::optional<int> NumberWordValue(std::string_view lower) {
  for (const auto& w : kNumberWords) {
    if (w.word == lower) return w.value;
  }
  return std::nullopt;
}

constexpr std::string_view kOrdinalWords[] = {
    "first",     "second",    "third",       "fourth",     "fifth",      "sixth",      "seventh",
    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",    "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};

// 1 for "first" to 9 for "ninth" (what follows "twenty-" in an ordinal); nullopt otherwise.
std::optional<int> OrdinalUnitValue(std::string_view lower) {
  for (int k = 0; k < 9; ++k) {
    if (lower == kOrdinalWords[k]) return k + 1;
  }
  return std::nullopt;
}

// The word glued after a tens word at token i and a dash ("five" of "twenty-five", "first" of
// "twenty-first"), or nullptr when token i (of value `tens`) is not so followed.
const Tok* HyphenedAfterTens(const Cursor& c, size_t i, int tens) {
  if (tens < 20 || tens % 10 != 0 || !c.Dash(i + 1) || !c.Glued(i + 1) || !c.Glued(i + 2)) {
    return nullptr;
  }
  return &c[i + 2];
}

// The value of "twenty-five" when token i is "twenty" (of value `tens`) and *next is set past the
// units; nullopt when no units word follows.
std::optional<int> TensAndUnitsAt(const Cursor& c, size_t i, int tens, size_t* next) {
  const Tok* after = HyphenedAfterTens(c, i, tens);
  const std::optional<int> unit = after ? NumberWordValue(after->lower) : std::nullopt;
  if (!unit || *unit < 1 || *unit > 9) return std::nullopt;
  *next = i + 3;
  return tens + *unit;
}

// A number from 1 to 99 in words at token i ("four", "twenty", "twenty-five"); *next is the token
// after it.
std::optional<int> BelowHundredAt(const Cursor& c, size_t i, size_t* next) {
  if (!c.Valid(i) || c[i].kind != TokKind::kWord) return std::nullopt;
  const std::optional<int> v = NumberWordValue(c[i].lower);
  if (!v || *v == 0) return std::nullopt;
  *next = i + 1;
  if (auto whole = TensAndUnitsAt(c, i, *v, next)) return whole;
  return v;
}

std::optional<double> ParseDigits(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != ',') clean.push_back(c);
  }
  if (clean.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size()) return std::nullopt;
  return v;
}

// The place value of the last significant digit of digits as written: 1 for "75", 100 for
// "1,500" (trailing zeros may be rounding), 0.01 for "3.14".
double DigitsPrecision(std::string_view text) {
  if (size_t dot = text.find('.'); dot != std::string_view::npos) {
    return std::pow(10.0, -static_cast<double>(text.size() - dot - 1));
  }
  double precision = 1;
  for (size_t k = text.size(); k-- > 1 && (text[k] == '0' || text[k] == ',');) {
    if (text[k] == '0') precision *= 10;
  }
  return precision;
}

double ScaleWordValue(std::string_view lower) {
  if (lower == "thousand") return 1e3;
  if (lower == "million") return 1e6;
  if (lower == "billion") return 1e9;
  if (lower == "trillion") return 1e12;
  return 0;
}

// Suffixes that only count as scale words when glued to the number ("2k", "$5bn", "$3m").
double GluedScaleValue(std::string_view lower, bool money) {
  if (lower == "k") return 1e3;
  if (lower == "bn") return 1e9;
  if (lower == "mn") return 1e6;
  if (money && lower == "m") return 1e6;
  if (money && lower == "b") return 1e9;
  return 0;
}

struct ParsedNumber {
  double value = 0;
  size_t next = 0;  // token after the number
  bool scaled = false;
  double scale = 1;      // the scale word's value (1e6 for "million"), 1 when none
  double precision = 0;  // of digits as written, scale included (Quantity::precision); 0 for words
};

// A number at token i: digits (with a glued leading minus), number words ("twenty-five", "a
// dozen", "three hundred"), then an optional scale ("million", glued "k").
std::optional<ParsedNumber> ParseNumberAt(const Cursor& c, size_t i, bool money) {
  if (!c.Valid(i)) return std::nullopt;
  ParsedNumber p;
  bool negative = false;
  if (c.Sym(i, "-") && c.Num(i + 1) && c.Glued(i + 1) &&
      (i == 0 || c[i].space_before || c[i - 1].kind == TokKind::kSym)) {
    negative = true;
    ++i;
  }
  if (c.Num(i)) {
    // Digits glued after a word ("COVID-19", "A380") or followed by an ordinal suffix are not
    // quantities.
    if (!negative && c.Glued(i) && i > 0 &&
        (c[i - 1].kind == TokKind::kWord ||
         (c.Dash(i - 1) && i > 1 && c.Glued(i - 1) && c[i - 2].kind == TokKind::kWord))) {
      return std::nullopt;
    }
    if (c.Valid(i + 1) && c.Glued(i + 1) &&
        (c.Word(i + 1, "st") || c.Word(i + 1, "nd") || c.Word(i + 1, "rd") ||
         c.Word(i + 1, "th"))) {
      return std::nullopt;
    }
    auto v = ParseDigits(c[i].text);
    if (!v) return std::nullopt;
    p.value = negative ? -*v : *v;
    p.precision = DigitsPrecision(c[i].text);
    p.next = i + 1;
  } else if (negative) {
    return std::nullopt;
  } else if ((c.Word(i, "a") || c.Word(i, "an")) && c.Valid(i + 1) &&
             (c.Word(i + 1, "dozen") || c.Word(i + 1, "hundred") ||
              ScaleWordValue(c[i + 1].lower) > 0)) {
    p.value = c.Word(i + 1, "dozen")     ? 12
              : c.Word(i + 1, "hundred") ? 100
                                         : ScaleWordValue(c[i + 1].lower);
    p.scaled = ScaleWordValue(c[i + 1].lower) > 0;
    p.scale = p.scaled ? p.value : 1;
    p.next = i + 2;
    return p;
  } else if (c.Word(i, "dozen")) {
    p.value = 12;
    p.next = i + 1;
  } else if (c.Valid(i) && c[i].kind == TokKind::kWord) {
    auto v = NumberWordValue(c[i].lower);
    if (!v) return std::nullopt;
    // "one of the ..." speaks of a member, not a count.
    if (*v == 1 && c.Word(i + 1, "of")) return std::nullopt;
    p.value = *v;
    p.next = i + 1;
    if (auto whole = TensAndUnitsAt(c, i, *v, &p.next)) {
      p.value = *whole;
    } else if (const Tok* after = HyphenedAfterTens(c, i, *v);
               after && OrdinalUnitValue(after->lower)) {
      return std::nullopt;  // "twenty-first" is an ordinal (ExtractOrdinals), not twenty
    }
    // "three hundred", "one-hundred", then "and four", "and twenty-five" or "twenty".
    const bool hyphened =
        c.Dash(p.next) && c.Glued(p.next) && c.Word(p.next + 1, "hundred") && c.Glued(p.next + 1);
    if (c.Word(p.next, "hundred") || hyphened) {
      p.value *= 100;
      p.next += hyphened ? 2 : 1;
      const size_t k = c.Word(p.next, "and") ? p.next + 1 : p.next;
      size_t after = 0;
      if (auto rest = BelowHundredAt(c, k, &after)) {
        p.value += *rest;
        p.next = after;
      }
    }
  } else {
    return std::nullopt;
  }
  if (c.Valid(p.next)) {
    const Tok& s = c[p.next];
    double scale = s.kind == TokKind::kWord ? ScaleWordValue(s.lower) : 0;
    if (scale == 0 && s.kind == TokKind::kWord && !s.space_before) {
      scale = GluedScaleValue(s.lower, money);
    }
    if (scale > 0) {
      p.value *= scale;
      p.precision *= scale;
      p.scale = scale;
      p.scaled = true;
      ++p.next;
    }
  }
  return p;
}

// ---- units -----------------------------------------------------------------------------------

struct UnitDef {
  std::array<std::string_view, 3> words;  // surface tokens, lowercase; empty entries unused
  std::string_view canonical;
  double factor;
  double offset;  // canonical = value * factor + offset
};

// Longer patterns first where one is a prefix of another.
constexpr UnitDef kUnits[] = {
    {{"%"}, "%", 1, 0},
    {{"percent"}, "%", 1, 0},
    {{"per", "cent"}, "%", 1, 0},
    {{"pct"}, "%", 1, 0},
    {{"dollars"}, "USD", 1, 0},
    {{"dollar"}, "USD", 1, 0},
    {{"usd"}, "USD", 1, 0},
    {{"euros"}, "EUR", 1, 0},
    {{"euro"}, "EUR", 1, 0},
    {{"eur"}, "EUR", 1, 0},
    {{"pounds", "sterling"}, "GBP", 1, 0},
    {{"gbp"}, "GBP", 1, 0},
    {{"yen"}, "JPY", 1, 0},
    {{"km", "/", "h"}, "km/h", 1, 0},
    {{"km", "per", "hour"}, "km/h", 1, 0},
    {{"kilometres", "per", "hour"}, "km/h", 1, 0},
    {{"kilometers", "per", "hour"}, "km/h", 1, 0},
    {{"kph"}, "km/h", 1, 0},
    {{"kmh"}, "km/h", 1, 0},
    {{"mph"}, "km/h", 1.609344, 0},
    {{"miles", "per", "hour"}, "km/h", 1.609344, 0},
    {{"m", "/", "s"}, "km/h", 3.6, 0},
    {{"metres", "per", "second"}, "km/h", 3.6, 0},
    {{"meters", "per", "second"}, "km/h", 3.6, 0},
    {{"square", "kilometres"}, "m2", 1e6, 0},
    {{"square", "kilometers"}, "m2", 1e6, 0},
    {{"square", "km"}, "m2", 1e6, 0},
    {{"sq", "km"}, "m2", 1e6, 0},
    {{"km", "\u00b2"}, "m2", 1e6, 0},
    {{"km", "2"}, "m2", 1e6, 0},
    {{"square", "miles"}, "m2", 2589988.110336, 0},
    {{"sq", "mi"}, "m2", 2589988.110336, 0},
    {{"square", "metres"}, "m2", 1, 0},
    {{"square", "meters"}, "m2", 1, 0},
    {{"m", "\u00b2"}, "m2", 1, 0},
    {{"km"}, "m", 1000, 0},
    {{"kilometres"}, "m", 1000, 0},
    {{"kilometers"}, "m", 1000, 0},
    {{"kilometre"}, "m", 1000, 0},
    {{"kilometer"}, "m", 1000, 0},
    {{"metres"}, "m", 1, 0},
    {{"meters"}, "m", 1, 0},
    {{"metre"}, "m", 1, 0},
    {{"meter"}, "m", 1, 0},
    {{"m"}, "m", 1, 0},
    {{"cm"}, "m", 0.01, 0},
    {{"centimetres"}, "m", 0.01, 0},
    {{"centimeters"}, "m", 0.01, 0},
    {{"mm"}, "m", 0.001, 0},
    {{"millimetres"}, "m", 0.001, 0},
    {{"millimeters"}, "m", 0.001, 0},
    {{"miles"}, "m", 1609.344, 0},
    {{"mile"}, "m", 1609.344, 0},
    {{"mi"}, "m", 1609.344, 0},
    {{"feet"}, "m", 0.3048, 0},
    {{"foot"}, "m", 0.3048, 0},
    {{"ft"}, "m", 0.3048, 0},
    {{"inches"}, "m", 0.0254, 0},
    {{"inch"}, "m", 0.0254, 0},
    {{"kg"}, "kg", 1, 0},
    {{"kilograms"}, "kg", 1, 0},
    {{"kilogram"}, "kg", 1, 0},
    {{"kilogrammes"}, "kg", 1, 0},
    {{"g"}, "kg", 0.001, 0},
    {{"grams"}, "kg", 0.001, 0},
    {{"gram"}, "kg", 0.001, 0},
    {{"grammes"}, "kg", 0.001, 0},
    {{"lb"}, "kg", 0.45359237, 0},
    {{"lbs"}, "kg", 0.45359237, 0},
    {{"pounds"}, "kg", 0.45359237, 0},
    {{"pound"}, "kg", 0.45359237, 0},
    {{"tonnes"}, "kg", 1000, 0},
    {{"tonne"}, "kg", 1000, 0},
    {{"tons"}, "kg", 1000, 0},
    {{"ton"}, "kg", 1000, 0},
    {{"\u00b0", "c"}, "\u00b0C", 1, 0},
    {{"\u00b0", "f"}, "\u00b0C", 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    {{"\u2103"}, "\u00b0C", 1, 0},
    {{"degrees", "celsius"}, "\u00b0C", 1, 0},
    {{"degrees", "centigrade"}, "\u00b0C", 1, 0},
    {{"degrees", "c"}, "\u00b0C", 1, 0},
    {{"degrees", "fahrenheit"}, "\u00b0C", 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    {{"degrees", "f"}, "\u00b0C", 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    {{"year", "-", "old"}, "year", 1, 0},
    {{"years", "old"}, "year", 1, 0},
    {{"years"}, "year", 1, 0},
    {{"year"}, "year", 1, 0},
    {{"yrs"}, "year", 1, 0},
};

// The unit starting at token i (a glued "-" before it is allowed: "10-year-old", "5-metre").
const UnitDef* MatchUnit(const Cursor& c, size_t i, size_t* next) {
  if (c.Sym(i, "-") && c.Glued(i) && c.Glued(i + 1)) ++i;
  for (const UnitDef& u : kUnits) {
    size_t k = i;
    bool ok = true;
    for (std::string_view w : u.words) {
      if (w.empty()) break;
      // Digits inside a unit ("km2") must touch what comes before them.
      if (!c.Valid(k) || c[k].lower != w || (k > i && c.Num(k) && !c.Glued(k))) {
        ok = false;
        break;
      }
      ++k;
    }
    // A one-letter unit ("m", "g") must not be the start of a longer word or an initial ("5 m.").
    if (ok && u.words[1].empty() && u.words[0].size() == 1 && IsAsciiLetter(u.words[0][0]) &&
        c.Sym(k, ".") && c.Glued(k) && c.Valid(k + 1) && c.Glued(k + 1)) {
      ok = false;
    }
    if (ok) {
      *next = k;
      return &u;
    }
  }
  return nullptr;
}

const UnitDef* CurrencyPrefix(const Cursor& c, size_t i, size_t* next) {
  static constexpr UnitDef kDollar = {{"$"}, "USD", 1, 0};
  static constexpr UnitDef kEuro = {{"\u20ac"}, "EUR", 1, 0};
  static constexpr UnitDef kPound = {{"\u00a3"}, "GBP", 1, 0};
  static constexpr UnitDef kYen = {{"\u00a5"}, "JPY", 1, 0};
  if (c.Word(i, "us") && c.Sym(i + 1, "$") && c.Glued(i + 1)) ++i;
  const UnitDef* u = nullptr;
  if (c.Sym(i, "$")) u = &kDollar;
  if (c.Sym(i, "\u20ac")) u = &kEuro;
  if (c.Sym(i, "\u00a3")) u = &kPound;
  if (c.Sym(i, "\u00a5")) u = &kYen;
  if (!u && (c.Word(i, "usd") || c.Word(i, "eur") || c.Word(i, "gbp")) && c.Num(i + 1)) {
    u = c.Word(i, "usd") ? &kDollar : c.Word(i, "eur") ? &kEuro : &kPound;
  }
  if (!u) return nullptr;
  *next = i + 1;
  return u;
}

// A scale word, unit or percent sign at token i: what turns a year-like number into a quantity.
bool QuantitySuffixAt(const Cursor& c, size_t i) {
  size_t next = 0;
  if (!c.Valid(i)) return false;
  if (c[i].kind == TokKind::kWord &&
      (ScaleWordValue(c[i].lower) > 0 || (c.Glued(i) && GluedScaleValue(c[i].lower, false) > 0))) {
    return true;
  }
  const UnitDef* u = MatchUnit(c, i, &next);
  // "in 1809 years" is odd, but "the 2000 metres" is a distance; a year-old unit after a year-like
  // number ("1990 year") is rare enough to read as a year.
  return u != nullptr && u->canonical != "year";
}

// ---- quantities --------------------------------------------------------------------------------

struct RawQuantity {
  double low = 0, high = 0;
  bool is_range = false;
  double precision = 0;  // the (first) number's ParsedNumber::precision; ranges have none
  const UnitDef* unit = nullptr;
  size_t begin = 0, end = 0;  // tokens [begin, end)
};

std::optional<RawQuantity> ParseQuantityCore(const Cursor& c, size_t i, bool ranges) {
  RawQuantity q;
  q.begin = i;
  size_t k = i;
  const UnitDef* currency = CurrencyPrefix(c, i, &k);
  if (currency && !c.Glued(k) && !c.Num(k)) return std::nullopt;
  auto n = ParseNumberAt(c, k, currency != nullptr);
  if (!n) return std::nullopt;
  q.low = q.high = n->value;
  q.precision = n->precision;
  k = n->next;
  if (ranges && c.Dash(k) && c.Glued(k) && c.Glued(k + 1)) {
    size_t k2 = k + 1;
    if (currency) CurrencyPrefix(c, k2, &k2);
    auto hi = ParseNumberAt(c, k2, currency != nullptr);
    // "5-10 million": the scale of the high end applies to the low end too.
    double low = hi && hi->scale > 1 && n->scale == 1 ? n->value * hi->scale : n->value;
    if (hi && hi->value > low) {
      q.low = low;
      q.high = hi->value;
      q.is_range = true;
      k = hi->next;
    }
  }
  size_t after_unit = k;
  const UnitDef* unit = nullptr;
  if (!currency) {
    unit = MatchUnit(c, k, &after_unit);
  } else if (c.Valid(k)) {
    // "$5 million dollars" is unusual; only a trailing currency word is absorbed.
    size_t tmp = k;
    const UnitDef* u = MatchUnit(c, k, &tmp);
    if (u && u->canonical == currency->canonical) after_unit = tmp;
  }
  q.unit = currency ? currency : unit;
  q.end = unit || currency ? after_unit : k;
  return q;
}

Quantity MakeQuantity(const Cursor& c, const RawQuantity& raw, size_t marker_begin,
                      QuantityBound bound) {
  Quantity q;
  double factor = raw.unit ? raw.unit->factor : 1;
  double offset = raw.unit ? raw.unit->offset : 0;
  q.low = raw.low * factor + offset;
  q.high = raw.high * factor + offset;
  q.value = q.low;
  q.is_range = raw.is_range;
  q.precision = raw.is_range ? 0 : raw.precision * std::fabs(factor);
  q.unit = raw.unit ? std::string(raw.unit->canonical) : "";
  q.unit_factor = factor;
  q.bound = bound;
  q.approximate = bound != QuantityBound::kExact;
  q.value_span = {c[raw.begin].span.begin, c[raw.end - 1].span.end};
  q.span = {c[marker_begin].span.begin, q.value_span.end};
  return q;
}

struct Marker {
  std::array<std::string_view, 3> words;
  QuantityBound bound;
};
constexpr Marker kMarkers[] = {
    {{"no", "more", "than"}, QuantityBound::kAtMost},
    {{"more", "than"}, QuantityBound::kMoreThan},
    {{"greater", "than"}, QuantityBound::kMoreThan},
    {{"higher", "than"}, QuantityBound::kMoreThan},
    {{"larger", "than"}, QuantityBound::kMoreThan},
    {{"over"}, QuantityBound::kMoreThan},
    {{"above"}, QuantityBound::kMoreThan},
    {{"less", "than"}, QuantityBound::kLessThan},
    {{"fewer", "than"}, QuantityBound::kLessThan},
    {{"lower", "than"}, QuantityBound::kLessThan},
    {{"smaller", "than"}, QuantityBound::kLessThan},
    {{"under"}, QuantityBound::kLessThan},
    {{"below"}, QuantityBound::kLessThan},
    {{"at", "least"}, QuantityBound::kAtLeast},
    {{"at", "most"}, QuantityBound::kAtMost},
    {{"up", "to"}, QuantityBound::kAtMost},
    {{"about"}, QuantityBound::kApproximate},
    {{"around"}, QuantityBound::kApproximate},
    {{"approximately"}, QuantityBound::kApproximate},
    {{"approx"}, QuantityBound::kApproximate},
    {{"roughly"}, QuantityBound::kApproximate},
    {{"nearly"}, QuantityBound::kApproximate},
    {{"almost"}, QuantityBound::kApproximate},
    {{"circa"}, QuantityBound::kApproximate},
    {{"some"}, QuantityBound::kApproximate},
    {{"~"}, QuantityBound::kApproximate},
};

std::optional<std::pair<QuantityBound, size_t>> MatchMarker(const Cursor& c, size_t i) {
  // "Averaged over 14 reviews, it scored 50 %" spreads an average over them: no bound (but "it
  // averaged over a million viewers" is one).
  if (i > 0 && c.Word(i, "over") && c.Word(i - 1, "averaged") && (i == 1 || c.Sym(i - 2, ","))) {
    return std::nullopt;
  }
  for (const Marker& m : kMarkers) {
    size_t k = i;
    bool ok = true;
    for (std::string_view w : m.words) {
      if (w.empty()) break;
      if (!c.Valid(k) || c[k].lower != w) {
        ok = false;
        break;
      }
      ++k;
    }
    if (ok) return std::make_pair(m.bound, k);
  }
  return std::nullopt;
}

// ---- dates -----------------------------------------------------------------------------------

constexpr std::string_view kMonthNames[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};

// Month at token i ("February", "Feb", "Feb.", "Sept"); sets *next past it.
int MonthAt(const Cursor& c, size_t i, size_t* next) {
  if (!c.Valid(i) || c[i].kind != TokKind::kWord) return 0;
  const std::string& w = c[i].lower;
  for (int m = 0; m < 12; ++m) {
    std::string_view full = kMonthNames[m];
    bool abbrev = w.size() >= 3 && w.size() < full.size() && full.substr(0, w.size()) == w &&
                  (w.size() == 3 || w == "sept");
    if (w == full || abbrev) {
      // "may" alone is a verb too; only a capital May counts.
      if (m == 4 && c[i].text[0] != 'M') return 0;
      *next = i + 1;
      if (abbrev && c.Sym(i + 1, ".") && c.Glued(i + 1)) *next = i + 2;
      return m + 1;
    }
  }
  return 0;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Plain digits only (no "," or "."), value in [1, 9999].
std::optional<int> IntegerAt(const Cursor& c, size_t i, size_t max_digits) {
  if (!c.Num(i)) return std::nullopt;
  std::string_view t = c[i].text;
  if (t.size() > max_digits || t.find_first_of(",.") != std::string_view::npos) return std::nullopt;
  return std::atoi(std::string(t).c_str());
}

bool EraWord(const Cursor& c, size_t i, bool* bc, size_t* next) {
  // Upper case "BC"/"AD"/"BCE"/"CE", or dotted "B.C."/"A.D.".
  if (!c.Valid(i) || c[i].kind != TokKind::kWord) return false;
  std::string_view t = c[i].text;
  if (t == "BC" || t == "BCE" || t == "AD" || t == "CE") {
    *bc = t[0] == 'B';
    *next = i + 1;
    return true;
  }
  if ((t == "B" || t == "A") && c.Sym(i + 1, ".") && c.Valid(i + 2) &&
      ((t == "B" && c[i + 2].text == "C") || (t == "A" && c[i + 2].text == "D"))) {
    *bc = t == "B";
    *next = c.Sym(i + 3, ".") ? i + 4 : i + 3;
    return true;
  }
  return false;
}

struct YearParse {
  int year = 0;  // as written, BC negative
  size_t next = 0;
  bool explicit_era = false;
};

// A year at token i. With an era ("44 BC", "AD 800") any 1-4 digit number; without one, only four
// digits in [1000, 2100] (checking what follows is the caller's business).
std::optional<YearParse> YearAt(const Cursor& c, size_t i) {
  YearParse y;
  if (c.Valid(i) && (c[i].text == "AD" || c[i].text == "CE") && !c.Glued(i + 1)) {
    auto v = IntegerAt(c, i + 1, 4);
    if (v && *v > 0) {
      y.year = *v;
      y.next = i + 2;
      y.explicit_era = true;
      return y;
    }
  }
  auto v = IntegerAt(c, i, 4);
  if (!v) return std::nullopt;
  bool bc = false;
  size_t next = 0;
  if (*v > 0 && EraWord(c, i + 1, &bc, &next)) {
    y.year = bc ? -*v : *v;
    y.next = next;
    y.explicit_era = true;
    return y;
  }
  if (c[i].text.size() != 4 || *v < 1000 || *v > 2100) return std::nullopt;
  y.year = *v;
  y.next = i + 1;
  return y;
}

int Astronomical(int year) { return year < 0 ? year + 1 : year; }

DateInterval YearInterval(int year_from, int year_to) {
  return {DaysFromCivil(Astronomical(year_from), 1, 1),
          DaysFromCivil(Astronomical(year_to), 12, 31)};
}

void CivilFromDays(int64_t z, int* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2 ? 1 : 0));
}

// An ordinal at token i: "19th", "nineteenth", "twenty-first".
std::optional<int> OrdinalAt(const Cursor& c, size_t i, size_t* next) {
  if (c.Num(i) && c.Valid(i + 1) && c.Glued(i + 1) &&
      (c.Word(i + 1, "st") || c.Word(i + 1, "nd") || c.Word(i + 1, "rd") || c.Word(i + 1, "th"))) {
    auto v = IntegerAt(c, i, 2);
    if (!v) return std::nullopt;
    *next = i + 2;
    return *v;
  }
  if (!c.Valid(i) || c[i].kind != TokKind::kWord) return std::nullopt;
  for (int k = 0; k < 20; ++k) {
    if (c[i].lower == kOrdinalWords[k]) {
      *next = i + 1;
      return k + 1;
    }
  }
  static constexpr std::string_view kTensOrdinals[] = {
      "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"};
  for (int k = 0; k < 7; ++k) {
    if (c[i].lower == kTensOrdinals[k]) {
      *next = i + 1;
      return 30 + 10 * k;
    }
  }
  const std::optional<int> tens = NumberWordValue(c[i].lower);
  if (tens && *tens >= 20 && *tens % 10 == 0 && c.Dash(i + 1) && c.Valid(i + 2)) {
    if (auto unit = OrdinalUnitValue(c[i + 2].lower)) {
      *next = i + 3;
      return *tens + *unit;
    }
  }
  return std::nullopt;
}

struct DateParse {
  DateMention mention;
  size_t end_tok = 0;
};

DateMention SingleDate(Span span, DatePrecision precision, DateInterval interval, int year_from,
                       int year_to) {
  DateMention d;
  d.span = span;
  d.precision = precision;
  d.start = d.end = interval;
  d.start_span = d.end_span = span;
  d.year_from = year_from;
  d.year_to = year_to;
  return d;
}

std::optional<DateParse> DateAt(const Cursor& c, size_t i) {
  auto span_of = [&](size_t b, size_t e) { return Span{c[b].span.begin, c[e - 1].span.end}; };
  size_t k = 0;
  // "(1809-1865)", "1914–1918", "1809-02-12".
  {
    size_t b = i;
    bool paren = c.Sym(i, "(");
    if (paren) ++b;
    auto y1 = YearAt(c, b);
    // "(100-44 BC)": one era after both years of a life before Christ.
    if (paren && (!y1 || !y1->explicit_era) && c.Dash(b + 1)) {
      auto v1 = IntegerAt(c, b, 4);
      auto y2 = YearAt(c, b + 2);
      if (v1 && *v1 > 0 && y2 && y2->explicit_era && y2->year < 0 && *v1 >= -y2->year) {
        y1 = YearParse{-*v1, b + 1, true};
      }
    }
    if (y1 && c.Dash(y1->next)) {
      // ISO date: 1809-02-12.
      auto mo = IntegerAt(c, y1->next + 1, 2);
      if (!paren && !y1->explicit_era && mo && c.Glued(y1->next) && c.Glued(y1->next + 1) &&
          c.Dash(y1->next + 2) && c.Glued(y1->next + 2) && c.Glued(y1->next + 3)) {
        auto dd = IntegerAt(c, y1->next + 3, 2);
        if (dd && *mo >= 1 && *mo <= 12 && *dd >= 1 && *dd <= DaysInMonth(y1->year, *mo)) {
          int64_t day = DaysFromCivil(y1->year, *mo, *dd);
          DateParse p;
          p.end_tok = y1->next + 4;
          p.mention = SingleDate(span_of(i, p.end_tok), DatePrecision::kDay, {day, day}, y1->year,
                                 y1->year);
          return p;
        }
      }
      auto y2 = YearAt(c, y1->next + 1);
      if (y2 && y2->year >= y1->year && (!paren || c.Sym(y2->next, ")"))) {
        DateParse p;
        p.end_tok = paren ? y2->next + 1 : y2->next;
        DateMention& d = p.mention;
        d.span = span_of(i, p.end_tok);
        d.precision = DatePrecision::kYear;
        d.start = YearInterval(y1->year, y1->year);
        d.end = YearInterval(y2->year, y2->year);
        d.start_span = span_of(b, y1->next);
        d.end_span = span_of(y1->next + 1, y2->next);
        d.is_range = true;
        d.parenthesized = paren;
        d.year_from = y1->year;
        d.year_to = y2->year;
        return p;
      }
    }
  }
  // Past an ordinal suffix glued to the number before token k ("12th"), if there is one.
  auto skip_ordinal_suffix = [&](size_t k) {
    bool suffix = c.Valid(k) && c.Glued(k) &&
                  (c.Word(k, "st") || c.Word(k, "nd") || c.Word(k, "rd") || c.Word(k, "th"));
    return suffix ? k + 1 : k;
  };
  // A full date from token i whose year is read at token yk, if the day fits the month.
  auto day_date = [&](int day, int month, size_t yk) -> std::optional<DateParse> {
    auto y = YearAt(c, yk);
    if (!y || day < 1 || day > DaysInMonth(Astronomical(y->year), month)) return std::nullopt;
    int64_t d = DaysFromCivil(Astronomical(y->year), month, day);
    DateParse p;
    p.end_tok = y->next;
    p.mention = SingleDate(span_of(i, p.end_tok), DatePrecision::kDay, {d, d}, y->year, y->year);
    return p;
  };
  // "12 February 1809", "12th of February 1809".
  if (auto day = IntegerAt(c, i, 2)) {
    k = skip_ordinal_suffix(i + 1);
    if (c.Word(k, "of")) ++k;
    size_t after_month = 0;
    if (int month = MonthAt(c, k, &after_month)) {
      size_t yk = c.Sym(after_month, ",") ? after_month + 1 : after_month;
      if (auto p = day_date(*day, month, yk)) return p;
    }
  }
  // "February 12, 1809", "February 1809".
  if (int month = MonthAt(c, i, &k)) {
    if (auto day = IntegerAt(c, k, 2)) {
      size_t yk = skip_ordinal_suffix(k + 1);
      if (c.Sym(yk, ",")) ++yk;
      if (auto p = day_date(*day, month, yk)) return p;
    }
    // "February 1809", "February, 1809", "December of 1936".
    size_t yk = c.Sym(k, ",") || c.Word(k, "of") ? k + 1 : k;
    if (auto y = YearAt(c, yk)) {
      int ay = Astronomical(y->year);
      DateParse p;
      p.end_tok = y->next;
      p.mention = SingleDate(
          span_of(i, p.end_tok), DatePrecision::kMonth,
          {DaysFromCivil(ay, month, 1), DaysFromCivil(ay, month, DaysInMonth(ay, month))}, y->year,
          y->year);
      return p;
    }
  }
  // "19th century", "nineteenth century BC".
  if (auto n = OrdinalAt(c, i, &k); n && *n >= 1 && c.Word(k, "century")) {
    size_t end = k + 1;
    bool bc = false;
    size_t era_next = 0;
    if (EraWord(c, end, &bc, &era_next)) end = era_next;
    int from = bc ? -(*n * 100) : (*n - 1) * 100 + 1;
    int to = bc ? -((*n - 1) * 100 + 1) : *n * 100;
    DateParse p;
    p.end_tok = end;
    p.mention =
        SingleDate(span_of(i, end), DatePrecision::kCentury, YearInterval(from, to), from, to);
    return p;
  }
  // "1990s", "1990's", "'90s".
  {
    size_t b = i;
    bool short_form = c.Sym(i, "'") || c.Sym(i, "\u2019");
    if (short_form) ++b;
    auto v = IntegerAt(c, b, short_form ? 2 : 4);
    if (v && *v % 10 == 0 && c.Valid(b + 1) && c.Glued(b + 1) &&
        (!short_form || c[b].text.size() == 2) && (short_form || c[b].text.size() == 4)) {
      size_t s = b + 1;
      if ((c.Sym(s, "'") || c.Sym(s, "\u2019")) && c.Glued(s + 1)) ++s;
      if (c.Word(s, "s")) {
        int decade = short_form ? 1900 + *v : *v;
        DateParse p;
        p.end_tok = s + 1;
        p.mention = SingleDate(span_of(i, s + 1), DatePrecision::kDecade,
                               YearInterval(decade, decade + 9), decade, decade + 9);
        return p;
      }
    }
  }
  // A bare year: "1809", "44 BC", "AD 800".
  if (auto y = YearAt(c, i)) {
    if (!y->explicit_era) {
      // Not a year when it is a quantity ("1865 metres", "$2000") or glued to other text
      // ("A1900", "1900-A").
      if (QuantitySuffixAt(c, y->next) || (c.Glued(i) && i > 0 && !c.Sym(i - 1, "(") &&
                                           !c.Sym(i - 1, "'") && !c.Sym(i - 1, "\""))) {
        return std::nullopt;
      }
      if (c.Num(i + 1) && c.Glued(i + 1)) return std::nullopt;
      // "1865 acres" counts acres; "in 1865 troops ...", "1865 was" and "In 1865 Lincoln" name
      // a year.
      static constexpr std::string_view kYearPrepositions[] = {
          "in",    "since", "until", "till", "by",  "from", "of",      "during", "before", "after",
          "circa", "c",     "year",  "to",   "and", "or",   "between", "early",  "late",   "mid"};
      bool after_preposition = false;
      if (i > 0) {
        for (std::string_view w : kYearPrepositions) after_preposition |= c.Word(i - 1, w);
      }
      // "a 1930 comedy", "the 2016 film", "his 1999 album": a determiner in front of a year and
      // one noun makes the year an attribute ("a 1865 acres" is not English; "the 1500 soldiers"
      // counts them, plural). So does an opening bracket, as in a title's "(2005 film)".
      bool attributive = false;
      if (i > 0 && c.Valid(i + 1) && c[i + 1].kind == TokKind::kWord) {
        static constexpr std::string_view kDeterminers[] = {"the", "his",   "her",
                                                            "its", "their", "s"};
        const bool plural = c[i + 1].lower.size() > 2 && c[i + 1].lower.back() == 's';
        attributive = c.Word(i - 1, "a") || c.Word(i - 1, "an") || (!plural && c.Sym(i - 1, "("));
        for (std::string_view w : kDeterminers) attributive |= !plural && c.Word(i - 1, w);
      }
      size_t unused = 0;
      if (!after_preposition && !attributive && c.Valid(i + 1) && c[i + 1].kind == TokKind::kWord &&
          !IsStopWord(c[i + 1].lower) && c[i + 1].text[0] >= 'a' && c[i + 1].text[0] <= 'z' &&
          !MonthAt(c, i + 1, &unused)) {
        return std::nullopt;
      }
    }
    DateParse p;
    p.end_tok = y->next;
    p.mention = SingleDate(span_of(i, y->next), DatePrecision::kYear,
                           YearInterval(y->year, y->year), y->year, y->year);
    return p;
  }
  return std::nullopt;
}

struct DateScan {
  std::vector<DateMention> dates;
  std::vector<bool> covered;  // per token: inside a date
};

// The token after a dash at token i: "-", "\u2013", "\u2014", "\u2212", or "--" written as two
// hyphens (FEVER's tokenised Wikipedia text); 0 when there is none.
size_t AfterDash(const Cursor& c, size_t i) {
  if (c.Sym(i, "-") && c.Sym(i + 1, "-") && c.Glued(i + 1)) return i + 2;
  return c.Dash(i) ? i + 1 : 0;
}

// Whether tokens [b, e) sit inside parentheses that close right at token e: "(November 25, 1920 –
// January 14, 2009)", also after other text in the same parentheses ("(pronunciation; ...)").
bool ClosesParenthesis(const Cursor& c, size_t b, size_t e) {
  if (!c.Sym(e, ")")) return false;
  for (size_t k = b; k-- > 0 && b - k <= 40;) {
    if (c.Sym(k, ")")) return false;
    if (c.Sym(k, "(")) return true;
  }
  return false;
}

// Two single dates joined by a dash, the second not before the first, as one range: "November
// 25, 1920 – January 14, 2009" (Wikipedia's life dates), "March 1915 -- June 1916". The
// range's precision is the coarser of its ends'.
std::optional<DateParse> JoinedRange(const Cursor& c, size_t i, const DateParse& first) {
  // A day, month or year; not a range, decade or century.
  auto single = [](const DateMention& m) {
    return !m.is_range && m.precision != DatePrecision::kCentury &&
           m.precision != DatePrecision::kDecade;
  };
  const DateMention& a = first.mention;
  if (!single(a)) return std::nullopt;
  size_t next = AfterDash(c, first.end_tok);
  if (next == 0) return std::nullopt;
  auto second = DateAt(c, next);
  if (!second || !single(second->mention)) return std::nullopt;
  const DateMention& b = second->mention;
  if (b.start.first_day < a.start.first_day) return std::nullopt;
  DateParse p;
  p.end_tok = second->end_tok;
  DateMention& d = p.mention;
  d.span = {a.span.begin, b.span.end};
  d.precision = CoarserPrecision(a.precision, b.precision);
  d.start = a.start;
  d.end = b.start;
  d.start_span = a.span;
  d.end_span = b.span;
  d.is_range = true;
  d.parenthesized = ClosesParenthesis(c, i, p.end_tok);
  d.year_from = a.year_from;
  d.year_to = b.year_to;
  return p;
}

DateScan ScanDates(const Cursor& c) {
  DateScan out;
  out.covered.assign(c.size(), false);
  for (size_t i = 0; i < c.size();) {
    auto p = DateAt(c, i);
    if (!p) {
      ++i;
      continue;
    }
    if (auto joined = JoinedRange(c, i, *p)) p = joined;
    for (size_t k = i; k < p->end_tok; ++k) out.covered[k] = true;
    out.dates.push_back(p->mention);
    i = p->end_tok;
  }
  return out;
}

}  // namespace

namespace {

// A number that belongs to something other than an amount: a clock time ("18:10"), a name with
// letters glued on ("747SP") or a number in a title or name ("PlayStation 5", "127 Hours"), the
// scale of a rating ("6/10", "70 out of 100"); with dates skipped also the short second year of a
// season ("2019-20") and the day of a date without a year ("August 5", "6 August").
bool PartOfAName(const Cursor& c, const RawQuantity& q, bool skip_dates) {
  const size_t b = q.begin, e = q.end;
  const bool digits = c.Num(b);
  if (c.Sym(e, ":") && c.Glued(e) && c.Num(e + 1) && c.Glued(e + 1)) return true;
  if (b >= 2 && c.Sym(b - 1, ":") && c.Glued(b - 1) && c.Glued(b) && c.Num(b - 2)) return true;
  if (digits && c.Valid(e) && c[e].kind == TokKind::kWord && c.Glued(e)) return true;
  // A clock time: "4 p.m.", "10 A.M.".
  if (digits && (c.Word(e, "a") || c.Word(e, "p")) && c.Sym(e + 1, ".") && c.Glued(e + 1) &&
      c.Word(e + 2, "m") && c.Glued(e + 2)) {
    return true;
  }
  auto capitalized = [&](size_t k) {
    return c.Valid(k) && c[k].kind == TokKind::kWord && c[k].text[0] >= 'A' && c[k].text[0] <= 'Z';
  };
  // A capitalised number word after a capitalised word is a name's: "Fantastic Four", "Formula
  // One", "Channel Four" (at the start of a sentence, "Four people died" is a count).
  if (!digits && q.unit == nullptr && e == b + 1 && b >= 1 && capitalized(b) &&
      capitalized(b - 1)) {
    return true;
  }
  if (!digits || q.unit != nullptr || e != b + 1) return false;
  // The scale of a rating: the 10 of "6/10", the 100 of "70 out of 100" and "3 stars out of 5".
  if (b >= 2 && c.Sym(b - 1, "/") && c.Glued(b - 1) && c.Glued(b) && c.Num(b - 2)) return true;
  if (b >= 3 && c.Word(b - 1, "of") && c.Word(b - 2, "out") &&
      (c.Num(b - 3) || (b >= 4 && c.Num(b - 4) && c[b - 3].kind == TokKind::kWord))) {
    return true;
  }
  // A number in a title or a name: "PlayStation 5", "Chapter 3 (film)", "127 Hours"; not one
  // before an initialism, which qualifies the count ("19 U.S. Supreme Court Justices").
  auto initialism = [&](size_t k) {
    return capitalized(k) && c[k].text.size() == 1 && c.Sym(k + 1, ".") && c.Glued(k + 1) &&
           capitalized(k + 2) && c.Glued(k + 2);
  };
  auto lower_word = [&](size_t k) {
    return c.Valid(k) && c[k].kind == TokKind::kWord && !capitalized(k);
  };
  size_t unused = 0;
  // Nor one before a capitalised adjective and a plural noun: "14 Bulgarian cities".
  const bool adjective = lower_word(e + 1) && c[e + 1].lower.size() > 3 &&
                         c[e + 1].lower.back() == 's' && !IsStopWord(c[e + 1].lower);
  if (capitalized(e) && MonthAt(c, e, &unused) == 0 && !initialism(e) && !adjective) return true;
  // Before a lowercase word only after two capitalised words ("Dolphin Tale 2 got"; "Bulgaria 92
  // cases" is a count), the first not a preposition opening the sentence ("In Texas 5 people").
  auto preposition = [&](size_t k) {
    static const std::set<std::string, std::less<>> kPrepositions = {
        "In", "On", "At", "By", "For", "From", "Since", "After", "Before", "During", "Of", "To"};
    return kPrepositions.count(c[k].text) > 0;
  };
  // After one capitalised word (not a preposition: "Of 5 is") and before a verb of being or
  // having: "Dirty 30 is the thirtieth season", "Apollo 11 was" ("Texas 5 people" counts).
  auto verb = [&](size_t k) {
    static const std::set<std::string, std::less<>> kVerbs = {"is",  "was", "are", "were",
                                                              "has", "had", "have"};
    return c.Valid(k) && c[k].kind == TokKind::kWord && kVerbs.count(c[k].text) > 0;
  };
  if (b >= 1 && capitalized(b - 1) && !preposition(b - 1) && MonthAt(c, b - 1, &unused) == 0 &&
      verb(e)) {
    return true;
  }
  if (b >= 2 && capitalized(b - 1) && !c.Sym(b - 2, ".") && MonthAt(c, b - 1, &unused) == 0 &&
      (!lower_word(e) || (capitalized(b - 2) && !preposition(b - 2)))) {
    return true;
  }
  if (!skip_dates) return false;
  if (b >= 2 && c.Dash(b - 1) && c.Glued(b - 1) && c.Glued(b) && c.Num(b - 2) &&
      c[b - 2].text.size() == 4 && c[b].text.size() == 2) {
    return true;
  }
  const std::string_view day = c[b].text;
  if (day.size() > 2 || !std::all_of(day.begin(), day.end(), [](char ch) { return IsDigit(ch); }) ||
      day == "0" || day == "00" || std::stoi(std::string(day)) > 31) {
    return false;
  }
  size_t next = 0;
  return (b >= 1 && MonthAt(c, b - 1, &next) > 0) || MonthAt(c, e, &next) > 0;
}

}  // namespace

// ---- public: quantities ------------------------------------------------------------------------

std::vector<Quantity> ExtractQuantities(std::string_view text, const QuantityOptions& options) {
  std::vector<Tok> toks = Scan(text);
  Cursor c(toks);
  std::vector<bool> covered(toks.size(), false);
  if (options.skip_dates) covered = ScanDates(c).covered;
  std::vector<Quantity> out;
  auto free_range = [&](size_t b, size_t e) {
    for (size_t k = b; k < e && k < covered.size(); ++k) {
      if (covered[k]) return false;
    }
    return true;
  };
  for (size_t i = 0; i < toks.size();) {
    if (covered[i]) {
      ++i;
      continue;
    }
    size_t marker_begin = i;
    QuantityBound bound = QuantityBound::kExact;
    size_t k = i;
    if (auto m = MatchMarker(c, i)) {
      bound = m->first;
      k = m->second;
    }
    // "between 5 and 10 km", "from 5 to 10".
    if (options.ranges && (c.Word(k, "between") || c.Word(k, "from"))) {
      auto a = ParseQuantityCore(c, k + 1, false);
      std::string_view joiner = c.Word(k, "between") ? "and" : "to";
      if (a && c.Word(a->end, joiner)) {
        auto b = ParseQuantityCore(c, a->end + 1, false);
        if (b && free_range(k, b->end)) {
          const UnitDef* unit = b->unit ? b->unit : a->unit;
          if ((a->unit == nullptr || a->unit->canonical == unit->canonical) && b->low > a->low) {
            RawQuantity r;
            r.low = a->low;
            r.high = b->high;
            r.is_range = true;
            r.unit = unit;
            r.begin = k;
            r.end = b->end;
            Quantity q = MakeQuantity(c, r, marker_begin, bound);
            if (a->unit && b->unit) {
              q.low = a->low * a->unit->factor + a->unit->offset;
              q.value = q.low;
            }
            out.push_back(q);
            i = b->end;
            continue;
          }
        }
      }
    }
    auto raw = ParseQuantityCore(c, k, options.ranges);
    if (raw && free_range(k, raw->end) && !PartOfAName(c, *raw, options.skip_dates)) {
      out.push_back(MakeQuantity(c, *raw, marker_begin, bound));
      i = raw->end;
      continue;
    }
    if (k != i) {
      // A marker with no number after it: try again from the next token.
      ++i;
      continue;
    }
    ++i;
  }
  return out;
}

std::vector<Quantity> ExtractOrdinals(std::string_view text) {
  std::vector<Tok> toks = Scan(text);
  Cursor c(toks);
  const std::vector<bool> covered = ScanDates(c).covered;
  auto lowercase_word = [&](size_t k) {
    return c.Valid(k) && c[k].kind == TokKind::kWord &&
           !(c[k].text[0] >= 'A' && c[k].text[0] <= 'Z');
  };
  std::vector<Quantity> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (covered[i]) continue;
    size_t next = i + 1;
    std::optional<int> rank = OrdinalAt(c, i, &next);
    if (!rank && c.Word(i, "debut") && lowercase_word(i + 1) && !IsStopWord(c[i + 1].lower)) {
      rank = 1;  // "his debut album", not "made his debut in 2001"
    }
    if (!rank) continue;
    bool skip = false;
    for (size_t k = i; k < next; ++k) skip = skip || covered[k];
    size_t unused = 0;
    // Dates the date reader left ("the 13th of July", "13th-century"), a unit of time ("a
    // second" and "per second" with no noun after them) and names ("Fifth Avenue", "First World
    // War").
    const size_t after = c.Dash(next) ? next + 1 : next;
    skip = skip || c.Word(after, "century") || c.Word(after, "centuries") ||
           c.Word(after, "millennium") || (i > 0 && MonthAt(c, i - 1, &unused) > 0) ||
           (c.Word(next, "of") && MonthAt(c, next + 1, &unused) > 0);
    const bool noun_next = lowercase_word(next) && !IsStopWord(c[next].lower);
    skip = skip ||
           (c.Word(i, "second") && i > 0 && !noun_next &&
            (c.Word(i - 1, "a") || c.Word(i - 1, "one") || c.Word(i - 1, "per") || c.Num(i - 1)));
    skip = skip || (c[i].kind == TokKind::kWord && !lowercase_word(i) && c.Valid(next) &&
                    c[next].kind == TokKind::kWord && !lowercase_word(next));
    if (skip) {
      i = next - 1;
      continue;
    }
    Quantity q;
    q.value = q.low = q.high = *rank;
    q.unit = "rank";
    q.precision = 1;
    q.span = q.value_span = {c[i].span.begin, c[next - 1].span.end};
    out.push_back(q);
    i = next - 1;
  }
  return out;
}

std::optional<double> ParseNumber(std::string_view text) {
  std::vector<Tok> toks = Scan(text);
  Cursor c(toks);
  auto n = ParseNumberAt(c, 0, false);
  if (!n || n->next != toks.size() || n->scaled) return std::nullopt;
  return n->value;
}

std::string FormatNumber(double value) {
  char buf[64];
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof(buf), "%.0f", value);
    return buf;
  }
  std::snprintf(buf, sizeof(buf), "%.6f", value);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool UnitsCompatible(const Quantity& a, const Quantity& b) { return a.unit == b.unit; }

std::pair<double, double> AllowedInterval(const Quantity& q, double rel_tol) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kApproxTol = 0.10;
  double tol = rel_tol + (q.bound == QuantityBound::kApproximate ? kApproxTol : 0);
  double lo = q.low - std::fabs(q.low) * tol;
  double hi = q.high + std::fabs(q.high) * tol;
  switch (q.bound) {
    case QuantityBound::kMoreThan:
    case QuantityBound::kAtLeast:
      hi = kInf;
      break;
    case QuantityBound::kLessThan:
    case QuantityBound::kAtMost:
      lo = -kInf;
      break;
    default:
      break;
  }
  return {lo, hi};
}

bool DifferAsWritten(const Quantity& a, const Quantity& b) {
  if (a.bound != QuantityBound::kExact || b.bound != QuantityBound::kExact) return false;
  if (a.precision <= 0 || b.precision <= 0 || !UnitsCompatible(a, b)) return false;
  if (a.unit_factor != b.unit_factor) return false;
  // Less a hair, for the binary fractions of decimal digits (3.15 - 3.14 is 0.01000...02).
  return std::fabs(a.value - b.value) >= std::max(a.precision, b.precision) * (1 - 1e-9);
}

bool SameQuantity(const Quantity& a, const Quantity& b, double rel_tol) {
  if (!UnitsCompatible(a, b) || DifferAsWritten(a, b)) return false;
  if (a.bound == QuantityBound::kApproximate && b.bound == QuantityBound::kApproximate) {
    // "about 58.57 %" and "about 68.57 %" state the same approximate figure or not: compared as
    // exact values, the approximations cancel.
    Quantity ea = a, eb = b;
    ea.bound = eb.bound = QuantityBound::kExact;
    return SameQuantity(ea, eb, rel_tol);
  }
  // Half the tolerance on each side, so two exact values match when they differ by <= rel_tol.
  auto [alo, ahi] = AllowedInterval(a, rel_tol / 2);
  auto [blo, bhi] = AllowedInterval(b, rel_tol / 2);
  return alo <= bhi && blo <= ahi;
}

std::string_view SurfaceText(std::string_view text, Span span) {
  if (span.begin > span.end || span.end > text.size()) return {};
  return text.substr(span.begin, span.size());
}

std::string ReplaceSpan(std::string_view text, Span span, std::string_view replacement) {
  if (span.begin > span.end || span.end > text.size()) return std::string(text);
  std::string out(text.substr(0, span.begin));
  out.append(replacement);
  out.append(text.substr(span.end));
  return out;
}

// ---- public: dates
// -------------------------------------------------------------------------------

std::vector<DateMention> ExtractDates(std::string_view text) {
  std::vector<Tok> toks = Scan(text);
  Cursor c(toks);
  return ScanDates(c).dates;
}

int64_t DaysFromCivil(int year, int month, int day) {
  // Howard Hinnant's days_from_civil.
  int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string FormatDate(const DateInterval& interval, DatePrecision precision) {
  int y = 0, m = 0, d = 0;
  CivilFromDays(interval.first_day, &y, &m, &d);
  // Years before 1000 carry their era, so that a correction of "14 BC" reads "AD 14".
  auto year_text = [](int astro) {
    if (astro <= 0) return std::to_string(1 - astro) + " BC";
    return (astro < 1000 ? "AD " : "") + std::to_string(astro);
  };
  std::string month = std::string(kMonthNames[m - 1]);
  month[0] = static_cast<char>(month[0] - 'a' + 'A');
  switch (precision) {
    case DatePrecision::kDay:
      return std::to_string(d) + " " + month + " " + year_text(y);
    case DatePrecision::kMonth:
      return month + " " + year_text(y);
    case DatePrecision::kYear:
      return year_text(y);
    case DatePrecision::kDecade:
      return std::to_string(y - ((y % 10) + 10) % 10) + "s";
    case DatePrecision::kCentury: {
      bool bc = y <= 0;
      int year = bc ? 1 - y : y;
      int n = bc ? (year + 99) / 100 : (year - 1) / 100 + 1;
      std::string suffix = "th";
      if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1) suffix = "st";
        if (n % 10 == 2) suffix = "nd";
        if (n % 10 == 3) suffix = "rd";
      }
      return std::to_string(n) + suffix + " century" + (bc ? " BC" : "");
    }
  }
  return year_text(y);
}

}  // namespace fg
