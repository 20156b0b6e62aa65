#include "verifiers/comparison_verifier.h"

#include <cmath>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

// The claim as a sequence of quantities and lowercase words/symbols.
struct Item {
  bool is_number = false;
  Quantity q;
  std::string word;
};

std::vector<Item> Items(std::string_view text, int* numbers) {
  QuantityOptions options;
  options.skip_dates = false;  // "2000 is more than 1999" compares numbers, not years
  options.ranges = false;      // "10-4" is a subtraction here, "between 3 and 10" two operands
  const std::vector<Quantity> qs = ExtractQuantities(text, options);
  std::vector<Item> items;
  size_t next_q = 0;
  for (const Token& t : Tokenize(text)) {
    while (next_q < qs.size() && qs[next_q].value_span.end <= t.span.begin) {
      items.push_back({true, qs[next_q], ""});
      ++next_q;
    }
    if (next_q < qs.size() && t.span.begin < qs[next_q].value_span.end &&
        qs[next_q].value_span.begin < t.span.end) {
      continue;  // part of the quantity
    }
    // "about" in "is about 20" lives on in the quantity's approximate flag; bound markers ("more
    // than") stay words, as they are the relation.
    if (next_q < qs.size() && qs[next_q].bound == QuantityBound::kApproximate &&
        t.span.begin >= qs[next_q].span.begin && t.span.end <= qs[next_q].value_span.begin) {
      continue;
    }
    if (t.type == TokenType::kPunct && (t.lower == "." || t.lower == "," || t.lower == "!")) {
      continue;
    }
    items.push_back({false, {}, t.lower});
  }
  for (; next_q < qs.size(); ++next_q) items.push_back({true, qs[next_q], ""});
  *numbers = static_cast<int>(qs.size());
  return items;
}

struct Value {
  double v = 0;
  std::string unit;
  bool approximate = false;
};

enum class Relation { kLess, kLessEq, kGreater, kGreaterEq, kEqual };

class Parser {
 public:
  explicit Parser(const std::vector<Item>& items) : items_(items) {}

  bool AtEnd() const { return pos_ == items_.size(); }
  size_t pos() const { return pos_; }

  std::optional<Value> Expr() {
    auto left = Term();
    while (left) {
      bool plus = Accept("plus") || Accept("+");
      bool minus = !plus && (Accept("minus") || Accept("-"));
      if (!plus && !minus) break;
      auto right = Term();
      if (!right || right->unit != left->unit) return std::nullopt;
      left->v += plus ? right->v : -right->v;
      left->approximate |= right->approximate;
    }
    return left;
  }

  // Relation words; `negated` is set by "is not ...".
  std::optional<Relation> ParseRelation(bool* negated) {
    *negated = false;
    if (Accept("=")) return Relation::kEqual;
    if (Accept("<")) return Accept("=") ? Relation::kLessEq : Relation::kLess;
    if (Accept(">")) return Accept("=") ? Relation::kGreaterEq : Relation::kGreater;
    if (Accept("equals")) return Relation::kEqual;
    if (Accept("exceeds")) return Relation::kGreater;
    if (!(Accept("is") || Accept("are") || Accept("was") || Accept("were"))) return std::nullopt;
    *negated = Accept("not");
    for (std::string_view w : {"less", "smaller", "lower", "fewer"}) {
      if (Accept(w)) {
        if (!Accept("than")) return std::nullopt;
        return OrEqual() ? Relation::kLessEq : Relation::kLess;
      }
    }
    for (std::string_view w : {"greater", "more", "larger", "bigger", "higher"}) {
      if (Accept(w)) {
        if (!Accept("than")) return std::nullopt;
        return OrEqual() ? Relation::kGreaterEq : Relation::kGreater;
      }
    }
    if (Accept("over") || Accept("above")) return Relation::kGreater;
    if (Accept("under") || Accept("below")) return Relation::kLess;
    if (Accept("at")) {
      if (Accept("least")) return Relation::kGreaterEq;
      if (Accept("most")) return Relation::kLessEq;
      return std::nullopt;
    }
    if (Accept("equal")) return Accept("to") ? Relation::kEqual : std::optional<Relation>();
    if (Accept("the")) {
      if (Accept("same") && Accept("as")) return Relation::kEqual;
      --pos_;  // "is the sum of ...": the article belongs to the expression
    }
    return Relation::kEqual;
  }

 private:
  bool Accept(std::string_view w) {
    if (pos_ < items_.size() && !items_[pos_].is_number && items_[pos_].word == w) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool OrEqual() {
    size_t save = pos_;
    if (Accept("or") && Accept("equal") && Accept("to")) return true;
    pos_ = save;
    return false;
  }

  std::optional<Value> Term() {
    auto left = Factor();
    while (left) {
      bool times = Accept("times") || Accept("*") || Accept("\u00d7") ||
                   (Peek("multiplied") && Accept("multiplied") && Accept("by"));
      bool divided =
          !times && (Accept("/") || (Peek("divided") && Accept("divided") && Accept("by")));
      if (!times && !divided) break;
      auto right = Factor();
      if (!right) return std::nullopt;
      if (times) {
        if (!left->unit.empty() && !right->unit.empty()) return std::nullopt;
        left->v *= right->v;
        if (left->unit.empty()) left->unit = right->unit;
      } else {
        if (!right->unit.empty() || right->v == 0) return std::nullopt;
        left->v /= right->v;
      }
      left->approximate |= right->approximate;
    }
    return left;
  }

  bool Peek(std::string_view w) const {
    return pos_ < items_.size() && !items_[pos_].is_number && items_[pos_].word == w;
  }

  std::optional<Value> Scaled(double factor) {
    auto v = Factor();
    if (v) v->v *= factor;
    return v;
  }

  // "the sum of X and Y" and friends.
  std::optional<std::pair<Value, Value>> Pair(std::string_view joiner) {
    auto a = Term();
    if (!a || !Accept(joiner)) return std::nullopt;
    auto b = Term();
    if (!b) return std::nullopt;
    return std::make_pair(*a, *b);
  }

  std::optional<Value> Factor() {
    if (pos_ >= items_.size()) return std::nullopt;
    Accept("the");
    if (Accept("sum")) {
      auto p = Accept("of") ? Pair("and") : std::nullopt;
      if (!p || p->first.unit != p->second.unit) return std::nullopt;
      return Value{p->first.v + p->second.v, p->first.unit,
                   p->first.approximate || p->second.approximate};
    }
    if (Accept("product")) {
      auto p = Accept("of") ? Pair("and") : std::nullopt;
      if (!p || (!p->first.unit.empty() && !p->second.unit.empty())) return std::nullopt;
      return Value{p->first.v * p->second.v, p->first.unit + p->second.unit,
                   p->first.approximate || p->second.approximate};
    }
    if (Accept("difference")) {
      auto p = Accept("between") ? Pair("and") : std::nullopt;
      if (!p || p->first.unit != p->second.unit) return std::nullopt;
      return Value{std::fabs(p->first.v - p->second.v), p->first.unit,
                   p->first.approximate || p->second.approximate};
    }
    if (Accept("twice") || Accept("double")) return Scaled(2);
    if (Accept("triple") || Accept("thrice")) return Scaled(3);
    if (Accept("half")) {
      Accept("of");
      return Scaled(0.5);
    }
    const Item& item = items_[pos_];
    if (!item.is_number) return std::nullopt;
    ++pos_;
    Value v{item.q.value, item.q.unit, item.q.bound == QuantityBound::kApproximate};
    if (item.q.unit == "%" && Accept("of")) {
      auto base = Factor();
      if (!base) return std::nullopt;
      return Value{v.v / 100 * base->v, base->unit, v.approximate || base->approximate};
    }
    return v;
  }

  const std::vector<Item>& items_;
  size_t pos_ = 0;
};

bool Holds(Relation r, double a, double b, double tol) {
  const double slack = tol * std::max(std::fabs(a), std::fabs(b)) + 1e-9;
  switch (r) {
    case Relation::kLess:
      return a < b - slack;
    case Relation::kLessEq:
      return a <= b + slack;
    case Relation::kGreater:
      return a > b + slack;
    case Relation::kGreaterEq:
      return a >= b - slack;
    case Relation::kEqual:
      return std::fabs(a - b) <= slack;
  }
  return false;
}

constexpr std::string_view kPhrases[] = {
    " than ", "equal",      " exceeds ", "sum of",     "product of", "difference between",
    "% of",   "percent of", "twice",     "times",      " plus ",     " minus ",
    "=",      "<",          ">",         "divided by", "half of"};

}  // namespace

bool ComparisonVerifier::AppliesTo(const Claim& claim) const {
  if (claim.kind == ClaimKind::kComparison) return true;
  QuantityOptions options;
  options.skip_dates = false;
  options.ranges = false;
  if (ExtractQuantities(claim.text, options).size() < 2) return false;
  const std::string lower = AsciiLower(claim.text);
  for (std::string_view p : kPhrases) {
    if (lower.find(p) != std::string::npos) return true;
  }
  return false;
}

std::optional<Judgement> ComparisonVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> /*evidence*/) const {
  int numbers = 0;
  const std::vector<Item> items = Items(claim.text, &numbers);
  if (numbers < 2) return std::nullopt;
  Parser parser(items);
  auto left = parser.Expr();
  if (!left) return std::nullopt;
  bool negated = false;
  auto relation = parser.ParseRelation(&negated);
  if (!relation) return std::nullopt;
  const size_t right_begin = parser.pos();
  auto right = parser.Expr();
  if (!right || !parser.AtEnd() || left->unit != right->unit) return std::nullopt;

  const double tol = (left->approximate || right->approximate) ? options_.approximate_tol : 0;
  const bool holds = Holds(*relation, left->v, right->v, tol) != negated;
  Judgement j;
  j.verdict = holds ? Verdict::kSupported : Verdict::kRefuted;
  j.confidence = options_.confidence;
  // "the sum of 2 and 3 is 6" -> "the sum of 2 and 3 is 5".
  const bool single_number_right = right_begin + 1 == items.size() && items[right_begin].is_number;
  if (!holds && !negated && *relation == Relation::kEqual && single_number_right &&
      (right->unit.empty() || right->unit == "%")) {
    const Quantity& q = items[right_begin].q;
    j.correction = ReplaceSpan(claim.text, q.value_span,
                               FormatNumber(left->v) + (right->unit == "%" ? "%" : ""));
  }
  return j;
}

}  // namespace fg
