#include "verifiers/numeric_verifier.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/stemmer.h"
#include "src/core/tokenizer.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/agreement.h"

namespace fg {
namespace {

constexpr size_t kWindow = 3;  // content words looked at on each side of a quantity

// Where a figure counts, as its scope words say: the whole world ("worldwide", "global",
// "globally") or outside the home market ("outside", "other" as in "other territories",
// "overseas", "abroad", "foreign", "international", "internationally"). Each class is one key.
constexpr std::string_view kWorld = "worldwide";
constexpr std::string_view kAbroad = "abroad";
std::string_view ScopeClass(std::string_view lower) {
  if (lower == "worldwide" || lower == "global" || lower == "globally") return kWorld;
  if (lower == "outside" || lower == "other" || lower == "overseas" || lower == "abroad" ||
      lower == "foreign" || lower == "international" || lower == "internationally") {
    return kAbroad;
  }
  return {};
}

// A text's tokens with each word's key, stemmed once: the English stem for words that are not stop
// words ("metres" meets "metre", "rated" meets "rating"), a scope word's class ("global" meets
// "worldwide"), empty for the rest.
struct Words {
  std::vector<Token> tokens;
  std::vector<std::string> keys;  // one per token
};

Words ReadWords(std::string_view text) {
  Words w;
  w.tokens = Tokenize(text);
  for (const Token& t : w.tokens) {
    const std::string_view scope = ScopeClass(t.lower);
    const bool word = t.type == TokenType::kWord && (!IsStopWord(t.lower) || !scope.empty());
    w.keys.push_back(!word            ? std::string()
                     : !scope.empty() ? std::string(scope)
                                      : StemEnglish(t.lower));
  }
  return w;
}

// What surrounds a quantity: the content words nearest to it on each side, within its clause (not
// reaching past a neighbouring quantity, a comma or a conjunction), with their distance in content
// words (1 = adjacent), and its head, the content word right after it ("2 million residents").
struct Neighbourhood {
  std::vector<std::pair<std::string, int>> before, after;
  std::set<std::string> words, before_words, after_words;
  std::string head;  // empty when the next token is not a content word
  // The capitalised content words before it in its clause (for a rank: whose rank it is).
  std::set<std::string> names_before;
  // The next word only says where or how the figure counts ("6.6 million worldwide"): not a noun
  // of its own.
  bool head_is_scope = false;
  // A count followed by "of": a part of something ("7 of his tackles", "20 of the 24 cases").
  bool part = false;
  // The class of the nearest scope word in its window that stands nearer to it than to the
  // neighbouring figure (ScopeClass): "$5.7 million in other territories for a worldwide total of
  // $46.3 million" has "abroad" for the first figure and "worldwide" for the second.
  std::string scope;
};

// Words that, right after a figure, say where or how it counts rather than what it counts.
bool IsScopeWord(std::string_view lower) {
  static const std::set<std::string, std::less<>> kScope = {
      "worldwide",    "global",       "globally",   "overall",    "internationally",
      "domestically", "abroad",       "overseas",   "altogether", "combined",
      "apiece",       "respectively", "nationwide", "elsewhere"};
  return kScope.count(lower) > 0;
}

bool EndsClause(const Token& t) {
  static const std::set<std::string, std::less<>> kBreaks = {"and",     "but",   "while",
                                                             "whereas", "which", "or"};
  return t.text == "," || t.text == ";" || t.text == ":" || kBreaks.count(t.lower) > 0;
}

// Fills a neighbourhood's word sets from its `before` and `after` lists.
void IndexWords(Neighbourhood& n) {
  n.words.clear();
  n.before_words.clear();
  n.after_words.clear();
  for (const auto& [w, d] : n.before) n.before_words.insert(w);
  for (const auto& [w, d] : n.after) n.after_words.insert(w);
  n.words = n.before_words;
  n.words.insert(n.after_words.begin(), n.after_words.end());
}

// What a rank ranks by: the first word after it, read across hyphens and past "most" and "least"
// ("the fifth-highest scoring", "the 38th most abundant", "the eleventh highest-grossing" all rank
// by the first word: "highest", "abundant", "highest"), stemmed; empty for a stop word ("the
// first to ...") or none.
std::string RankHead(std::string_view text, const Quantity& rank) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  size_t i = rank.span.end;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '-')) ++i;
    size_t j = i;
    while (j < text.size() && letter(text[j])) ++j;
    if (j == i) return "";
    const std::string word = AsciiLower(text.substr(i, j - i));
    if (word != "most" && word != "least") return IsStopWord(word) ? "" : StemEnglish(word);
    i = j;
  }
  return "";
}

Neighbourhood Around(std::string_view text, const Words& words, const std::vector<Quantity>& qs,
                     size_t which) {
  const Quantity& q = qs[which];
  const size_t lower = which > 0 ? qs[which - 1].span.end : 0;
  const size_t upper = which + 1 < qs.size() ? qs[which + 1].span.begin : text.size();
  auto content = [&](size_t i) {
    return !words.keys[i].empty() && words.tokens[i].lower.size() >= 2;
  };
  // A piece of an initialism ("U", "." of "U.S."), which qualifies the head rather than being it:
  // "19 U.S. Supreme Court Justices" counts justices.
  auto initial = [&](size_t i) {
    const Token& t = words.tokens[i];
    if (t.text.size() == 1 && t.capitalized) return true;
    return t.text == "." && i > 0 && words.tokens[i - 1].text.size() == 1 &&
           words.tokens[i - 1].capitalized && words.tokens[i - 1].span.end == t.span.begin;
  };
  Neighbourhood n;
  std::vector<std::string> before;  // nearest last
  bool first_after = true;
  bool after_open = true;
  for (size_t i = 0; i < words.tokens.size(); ++i) {
    const Token& t = words.tokens[i];
    const std::string& key = words.keys[i];
    if (t.span.begin >= lower && t.span.end <= q.span.begin) {
      if (EndsClause(t)) {
        before.clear();
        n.names_before.clear();
      }
      if (content(i)) before.push_back(key);
      if (content(i) && t.capitalized) n.names_before.insert(key);
    } else if (t.span.begin >= q.span.end && t.span.end <= upper && after_open) {
      if (first_after && initial(i)) continue;
      if (first_after && t.lower == "of" && q.unit.empty()) n.part = true;
      // An adverb before a word is no head either: "747 officially confirmed cases".
      const bool adverb = content(i) && !t.capitalized && t.lower.size() >= 6 &&
                          t.lower.ends_with("ly") && i + 1 < words.tokens.size() &&
                          !words.keys[i + 1].empty();
      if (first_after && content(i) && !adverb) {
        n.head = key;
        n.head_is_scope = IsScopeWord(t.lower);
      }
      first_after = first_after && adverb;
      if (EndsClause(t)) after_open = false;
      if (after_open && content(i) && n.after.size() < kWindow) {
        n.after.emplace_back(key, static_cast<int>(n.after.size()) + 1);
      }
    }
  }
  for (size_t k = 0; k < before.size() && k < kWindow; ++k) {
    n.before.emplace_back(before[before.size() - 1 - k], static_cast<int>(k) + 1);
  }
  if (q.unit == "rank") {
    n.head = RankHead(text, q);
    n.head_is_scope = false;
  }
  IndexWords(n);
  return n;
}

// Every quantity's neighbourhood, with the words a coordinated figure leaves out filled in from the
// figure before it: in "sold 3.6 million copies in the US, and 6.6 million worldwide" the second
// figure is also of copies sold. A figure inherits when nothing of its own clause stands before it,
// a scope word ends its phrase ("worldwide", "overall": no noun of its own) and the figure before
// it has a head noun, both being counts (money and measures have their unit for a noun); it then
// takes that figure's words before it and its head (nearest after it). A figure followed by "of" or
// "in" inherits nothing: "under 268,000 of them" and "including 19 in Republika Srpska" are parts,
// not the same count.
std::vector<Neighbourhood> Neighbourhoods(std::string_view text, const Words& words,
                                          const std::vector<Quantity>& qs) {
  std::vector<Neighbourhood> out;
  for (size_t k = 0; k < qs.size(); ++k) {
    Neighbourhood n = Around(text, words, qs, k);
    if (k > 0) {
      const Neighbourhood& prev = out[k - 1];
      if (n.before.empty() && n.head_is_scope && !prev.head.empty() && !prev.head_is_scope &&
          qs[k].unit.empty() && qs[k - 1].unit.empty()) {
        n.before = prev.before;
        std::vector<std::pair<std::string, int>> after = {{prev.head, 1}};
        for (const auto& [w, d] : n.after) {
          if (after.size() < kWindow && w != prev.head) after.emplace_back(w, d + 1);
        }
        n.after = std::move(after);
        IndexWords(n);
        n.head = prev.head;
        n.head_is_scope = false;
      }
    }
    out.push_back(std::move(n));
  }
  // Each figure's scope: its nearest scope word that is no nearer to the figure beside it.
  auto distance_in = [](const std::vector<std::pair<std::string, int>>& side,
                        const std::string& w) {
    for (const auto& [word, d] : side) {
      if (word == w) return d;
    }
    return 1000;
  };
  // A scope word on one side of a figure is its own unless the figure beside it on that side
  // stands nearer to the word (a tie goes to the figure before the word).
  auto take_scope = [&](Neighbourhood& n, const std::vector<std::pair<std::string, int>>& side,
                        const std::vector<std::pair<std::string, int>>* beyond, bool wins_ties,
                        int* nearest) {
    for (const auto& [w, d] : side) {
      if (w != kWorld && w != kAbroad) continue;
      const int theirs = beyond ? distance_in(*beyond, w) : 1000;
      if ((wins_ties ? theirs >= d : theirs > d) && d < *nearest) {
        *nearest = d;
        n.scope = w;
      }
    }
  };
  for (size_t k = 0; k < out.size(); ++k) {
    int nearest = 1000;
    take_scope(out[k], out[k].after, k + 1 < out.size() ? &out[k + 1].before : nullptr, true,
               &nearest);
    take_scope(out[k], out[k].before, k > 0 ? &out[k - 1].after : nullptr, false, &nearest);
  }
  return out;
}

// A text's figures with their neighbourhoods: its quantities, then its ordinal ranks (a rank inside
// a quantity, "metres per second", left out). Each kind's neighbourhoods are bounded by figures of
// its own kind only, so a rank does not cut a quantity's words short.
struct Figures {
  std::vector<Quantity> quantities;
  std::vector<Neighbourhood> around;  // one per quantity
};

Figures ReadFigures(std::string_view text, const Words& words) {
  Figures f;
  f.quantities = ExtractQuantities(text);
  std::vector<Quantity> ranks;
  for (const Quantity& rank : ExtractOrdinals(text)) {
    const bool inside =
        std::any_of(f.quantities.begin(), f.quantities.end(), [&](const Quantity& q) {
          return rank.span.begin < q.span.end && q.span.begin < rank.span.end;
        });
    if (!inside) ranks.push_back(rank);
  }
  f.around = Neighbourhoods(text, words, f.quantities);
  std::vector<Neighbourhood> rank_around = Neighbourhoods(text, words, ranks);
  f.quantities.insert(f.quantities.end(), ranks.begin(), ranks.end());
  f.around.insert(f.around.end(), std::make_move_iterator(rank_around.begin()),
                  std::make_move_iterator(rank_around.end()));
  return f;
}

// Distance between the allowed intervals, relative to the larger magnitude (0 when they meet).
// Two approximate figures compare as exact ones, as SameQuantity does.
double RelativeGap(Quantity a, Quantity b, double rel_tol) {
  if (a.bound == QuantityBound::kApproximate && b.bound == QuantityBound::kApproximate) {
    a.bound = b.bound = QuantityBound::kExact;
  }
  auto [alo, ahi] = AllowedInterval(a, rel_tol / 2);
  auto [blo, bhi] = AllowedInterval(b, rel_tol / 2);
  double gap = std::max(blo - ahi, alo - bhi);
  if (gap <= 0) return 0;
  double scale =
      std::max({std::fabs(a.low), std::fabs(a.high), std::fabs(b.low), std::fabs(b.high), 1e-12});
  return gap / scale;
}

// The values a single quantity allows, read strictly: "37" is [37, 37], "more than 37" (37, inf),
// "at most 37" (-inf, 37]. nullopt for approximate values and ranges.
struct Bounds {
  double lo = -INFINITY, hi = INFINITY;
  bool lo_open = true, hi_open = true;
};
std::optional<Bounds> StrictBounds(const Quantity& q) {
  if (q.is_range) return std::nullopt;
  Bounds b;
  switch (q.bound) {
    case QuantityBound::kExact:
      b = {q.value, q.value, false, false};
      break;
    case QuantityBound::kMoreThan:
      b.lo = q.value;
      break;
    case QuantityBound::kAtLeast:
      b.lo = q.value;
      b.lo_open = false;
      break;
    case QuantityBound::kLessThan:
      b.hi = q.value;
      break;
    case QuantityBound::kAtMost:
      b.hi = q.value;
      b.hi_open = false;
      break;
    default:
      return std::nullopt;
  }
  return b;
}

// What a claim that bounds a value ("less than 37 critics", "more than 1 billion views") says
// against the evidence's figure, exact ("37 critics") or bounded itself ("over 873 million"),
// strictly, with no rounding tolerance (37 is not less than 37).
enum class BoundCheck {
  kNotABound,  // the claim states no bound (or an approximate one), or one side is a range
  kHolds,      // every value the evidence allows satisfies the claim
  kFails,      // none does
  kUnknown,    // some do ("more than 5" against "more than 3")
};
BoundCheck CheckBound(const Quantity& claim, const Quantity& evidence, double rel_tol) {
  if (claim.bound == QuantityBound::kExact || !UnitsCompatible(claim, evidence)) {
    return BoundCheck::kNotABound;
  }
  std::optional<Bounds> e;
  if (evidence.bound == QuantityBound::kApproximate && !evidence.is_range) {
    // "about 99.4 %" settles "less than 95 %", but "about 1,000" not "more than 1,000".
    const double slack = rel_tol * std::fabs(evidence.value);
    if (std::fabs(evidence.value - claim.value) <= slack) return BoundCheck::kUnknown;
    e = Bounds{evidence.value, evidence.value, false, false};
  } else {
    e = StrictBounds(evidence);
  }
  const std::optional<Bounds> c = StrictBounds(claim);
  if (!c || !e) return BoundCheck::kNotABound;
  // e's lower end at or above c's (and likewise for the upper ends): e lies inside c.
  const bool lo_inside = e->lo > c->lo || (e->lo == c->lo && (e->lo_open || !c->lo_open));
  const bool hi_inside = e->hi < c->hi || (e->hi == c->hi && (e->hi_open || !c->hi_open));
  if (lo_inside && hi_inside) return BoundCheck::kHolds;
  const bool below = e->hi < c->lo || (e->hi == c->lo && (e->hi_open || c->lo_open));
  const bool above = e->lo > c->hi || (e->lo == c->hi && (e->lo_open || c->hi_open));
  return below || above ? BoundCheck::kFails : BoundCheck::kUnknown;
}

}  // namespace

bool NumericVerifier::AppliesTo(const Claim& claim) const {
  return !ExtractQuantities(claim.text).empty() || !ExtractOrdinals(claim.text).empty();
}

std::optional<Judgement> NumericVerifier::Judge(const Claim& claim,
                                                std::span<const EvidenceSentence> evidence) const {
  const Words claim_words = ReadWords(claim.text);
  Figures claim_figures = ReadFigures(claim.text, claim_words);
  const std::vector<Quantity>& claim_qs = claim_figures.quantities;
  if (claim_qs.empty()) return std::nullopt;
  std::set<std::string> claim_all;
  for (const std::string& key : claim_words.keys) {
    if (!key.empty()) claim_all.insert(key);
  }

  // Each evidence sentence's quantities and words, read once for all of the claim's quantities
  // (empty for sentences not read).
  auto readable = [&](const EvidenceSentence& ev) {
    return ev.passage != nullptr && ev.context_alignment >= options_.min_alignment;
  };
  std::vector<Figures> read(evidence.size());
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    if (readable(evidence[idx])) {
      const std::string_view text = evidence[idx].text();
      read[idx] = ReadFigures(text, ReadWords(text));
    }
  }

  // Each of the claim's quantities is judged on its own; one the evidence contradicts refutes the
  // claim ("less than $159 million in the US and less than $295 million worldwide"), else the
  // first one it confirms supports it.
  std::optional<Judgement> supported;
  const std::vector<Neighbourhood>& claim_around = claim_figures.around;
  for (size_t ci = 0; ci < claim_qs.size(); ++ci) {
    const Quantity& cq = claim_qs[ci];
    const Neighbourhood& claim_n = claim_around[ci];
    // A count of the claim's own noun is the figure it speaks of, whatever words stand before a
    // figure without it: "Fairhope Middle School has more than 1500 students" reads "2567
    // students", not the grades "(7-8)" after the school's name.
    const bool count_with_head = cq.unit.empty() && !claim_n.head.empty();
    // A count of things is whole: "4.47" in "an average rating of 4.47/10" counts no critics
    // (a figure with the claim's own noun is that count however written: "135.71 crore").
    auto whole = [](double v) { return std::fabs(v - std::round(v)) < 1e-9; };
    const bool count_of_things = count_with_head && whole(cq.value);
    const bool claim_denies = DeniesAt(claim.text, cq.span);
    std::optional<Judgement> result;
    double best_alignment = 0;
    int conflicts = 0;
    for (size_t idx = 0; idx < evidence.size(); ++idx) {
      const EvidenceSentence& ev = evidence[idx];
      if (!readable(ev)) continue;
      const std::string_view sentence = ev.text();
      const std::vector<Quantity>& ev_qs = read[idx].quantities;
      // The quantity of the same unit whose neighbourhood shares most with the claim speaks of
      // the same thing; the same head noun weighs most. Counts with different head nouns ("40
      // rooms", "3 million visitors") never match.
      const Quantity* best = nullptr;
      int best_score = 0;
      bool best_head = false;
      bool best_scope = false;
      int compatible = 0;
      // An exact figure of the same thing in the sentence has the claim's exact value.
      bool agrees = false;
      for (size_t k = 0; k < ev_qs.size(); ++k) {
        if (!UnitsCompatible(cq, ev_qs[k])) continue;
        ++compatible;
        const Neighbourhood& n = read[idx].around[k];
        if (cq.unit.empty() && !claim_n.head.empty() && !n.head.empty() && claim_n.head != n.head &&
            !claim_n.after_words.count(n.head) && !n.after_words.count(claim_n.head)) {
          continue;
        }
        const bool head = !claim_n.head.empty() && claim_n.head == n.head;
        // A rank is a rank of what follows it: "the third largest" meets "the fourth largest",
        // not "the first time".
        if (cq.unit == "rank" && !head) continue;
        if (count_of_things && !head && !whole(ev_qs[k].value)) continue;
        // Shared words count more the nearer they stand to the quantity, and more again on the
        // same side of it as in the claim: in "freezes below 0 degrees and boils at 100 degrees",
        // "boils" describes the 100.
        int score = 0;
        auto add = [&](const std::vector<std::pair<std::string, int>>& side,
                       const std::set<std::string>& claim_side) {
          for (const auto& [w, distance] : side) {
            int weight = static_cast<int>(kWindow) + 1 - distance;
            score += weight * static_cast<int>(claim_all.count(w) + claim_n.words.count(w) +
                                               claim_side.count(w));
          }
        };
        add(n.before, claim_n.before_words);
        add(n.after, claim_n.after_words);
        if (head) score += 3;
        // A figure of the claim's scope comes first: "globally" picks "a worldwide total of $450
        // million" over "$181.7 million in North America", "outside North America" the figure "in
        // other territories" (regressions from VitaminC).
        const bool scope = !claim_n.scope.empty() && claim_n.scope == n.scope;
        agrees = agrees || (score > 0 && cq.bound == QuantityBound::kExact &&
                            ev_qs[k].bound == QuantityBound::kExact &&
                            SameQuantity(cq, ev_qs[k], options_.rel_tol));
        const bool better = count_with_head && head != best_head ? head
                            : scope != best_scope                ? scope
                                                                 : score > best_score;
        if (best == nullptr || better) {
          best = &ev_qs[k];
          best_score = score;
          best_head = head;
          best_scope = scope;
        }
      }
      if (best == nullptr) continue;
      if (cq.unit == "rank") {
        // A rank only refutes, and only when no rank of the same thing in the sentence agrees:
        // "its second week compared to the first" holds both. An agreeing rank is no support: "the
        // first case" of one place matches "the first case" of any other.
        bool agreeing = false;
        for (size_t k = 0; k < ev_qs.size(); ++k) {
          agreeing = agreeing || (ev_qs[k].unit == "rank" && ev_qs[k].value == cq.value &&
                                  read[idx].around[k].head == claim_n.head);
        }
        // Nor does the value of another of the claim's ranks of the same thing ("higher in its
        // second week than in the first" against a sentence on the second week).
        for (size_t k = 0; k < claim_qs.size(); ++k) {
          agreeing = agreeing ||
                     (k != ci && claim_qs[k].unit == "rank" && claim_qs[k].value == best->value &&
                      claim_around[k].head == claim_n.head);
        }
        if (agreeing) continue;
        // And only a rank of the claim's subject: when names stand before the sentence's rank, one
        // is the claim's ("Buzz Aldrin was the second person to walk on the Moon" says nothing of
        // Neil Armstrong's rank, but of Aldrin's; "Spanish is her first language" nothing of
        // English). A sentence that names no one there ("He is the fifth-highest scorer") is read
        // as about the claim's subject, as Wikipedia's sentences after the first are.
        const Neighbourhood& ranked = read[idx].around[static_cast<size_t>(best - ev_qs.data())];
        const bool foreign =
            !ranked.names_before.empty() &&
            std::none_of(ranked.names_before.begin(), ranked.names_before.end(),
                         [&](const std::string& name) { return claim_all.count(name) > 0; });
        if (foreign) continue;
      }
      const bool measurement = !cq.unit.empty() && cq.unit != "%";
      if (best_score == 0 && !(measurement && compatible == 1)) continue;

      Verdict verdict;
      const BoundCheck bound = CheckBound(cq, *best, options_.rel_tol);
      if (bound == BoundCheck::kUnknown) {
        continue;  // the evidence's bound neither settles nor contradicts the claim's
      } else if (bound != BoundCheck::kNotABound) {
        verdict = bound == BoundCheck::kHolds ? Verdict::kSupported : Verdict::kRefuted;
      } else if (SameQuantity(cq, *best, options_.rel_tol)) {
        verdict = Verdict::kSupported;
      } else if (DifferAsWritten(cq, *best) ||
                 RelativeGap(cq, *best, options_.rel_tol) > options_.refute_margin) {
        // Another figure at the precision both are written to ("75 games" / "76 games"), or
        // one far enough off that rounding cannot explain it.
        verdict = Verdict::kRefuted;
      } else {
        continue;  // close but not equal: rounding or a different count, say nothing
      }
      // A denial in the claim ("did not have more than a million viewers") turns the reading.
      const bool same_value = verdict == Verdict::kSupported;
      const std::optional<Verdict> read_as = internal::UnderDenial(
          verdict, claim_denies, claim_denies && DeniesAt(sentence, best->span));
      if (!read_as) continue;
      verdict = *read_as;
      // Another value refutes only when it is surely about the same thing, and when no figure of
      // the same thing in the sentence states the claim's: "usually starts around the age of 60
      // and in inherited cases around the age of 50" holds both ages.
      // Nor does a whole refute a part: "7 of his tackles" against "57 tackles".
      const bool whole_for_part =
          claim_n.part && !read[idx].around[static_cast<size_t>(best - ev_qs.data())].part;
      if (verdict == Verdict::kRefuted &&
          ((!best_head && !best_scope && best_score < options_.min_refute_match) ||
           (!same_value && (agrees || whole_for_part)))) {
        continue;
      }
      if (!result) {
        result = Judgement{};
        result->verdict = verdict;
        best_alignment = ev.context_alignment;
        if (verdict == Verdict::kRefuted && !same_value) {
          result->correction = ReplaceSpan(claim.text, cq.span, SurfaceText(sentence, best->span));
        }
      }
      if (verdict == result->verdict) {
        result->evidence.push_back(idx);
      } else {
        ++conflicts;
      }
    }
    if (result) {
      result->confidence = internal::AgreementConfidence(best_alignment, result->evidence.size(),
                                                         static_cast<size_t>(conflicts));
      if (result->verdict == Verdict::kRefuted) return result;
      if (!supported) supported = std::move(result);
    }
  }
  return supported;
}

}  // namespace fg
