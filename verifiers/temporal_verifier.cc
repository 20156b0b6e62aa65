#include "verifiers/temporal_verifier.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/agreement.h"
#include "verifiers/internal/entry_title.h"

namespace fg {
namespace {

// Which end of a range ("(1809-1865)", "1914-1918") an event speaks of.
enum class End { kNone, kStart, kFinish };

struct Event {
  std::string key;  // "born", "died", or the first five letters of the event word
  End end = End::kNone;
  Span span;
};

struct EventWord {
  std::string_view word;
  std::string_view key;
  End end;
};

constexpr EventWord kEventWords[] = {
    {"born", "born", End::kStart},        {"birth", "born", End::kStart},
    {"died", "died", End::kFinish},       {"dies", "died", End::kFinish},
    {"death", "died", End::kFinish},      {"assassinated", "died", End::kFinish},
    {"killed", "died", End::kFinish},     {"executed", "died", End::kFinish},
    {"murdered", "died", End::kFinish},   {"began", "began", End::kStart},
    {"begun", "began", End::kStart},      {"started", "start", End::kStart},
    {"founded", "found", End::kStart},    {"established", "estab", End::kStart},
    {"opened", "opene", End::kStart},     {"ended", "ended", End::kFinish},
    {"closed", "close", End::kFinish},    {"completed", "compl", End::kFinish},
    {"finished", "finis", End::kFinish},  {"released", "relea", End::kNone},
    {"published", "publi", End::kNone},   {"built", "built", End::kNone},
    {"constructed", "built", End::kNone}, {"invented", "inven", End::kNone},
    {"discovered", "disco", End::kNone},  {"elected", "elect", End::kNone},
    {"signed", "signe", End::kNone},      {"married", "marri", End::kNone},
    {"launched", "launc", End::kNone},    {"created", "creat", End::kNone},
    {"written", "wrote", End::kNone},     {"wrote", "wrote", End::kNone},
    {"won", "won", End::kNone},           {"crowned", "crown", End::kNone},
    {"introduced", "intro", End::kNone},  {"landed", "lande", End::kNone},
    {"occurred", "occur", End::kNone},    {"fought", "fough", End::kNone},
    {"became", "becam", End::kNone},      {"invaded", "invad", End::kNone},
    {"premiered", "premi", End::kNone},
};

// "the death of her father", "the birth of his son": a relative's life, not the subject's.
bool OfARelative(const std::vector<Token>& tokens, size_t i) {
  if (tokens[i].lower != "death" && tokens[i].lower != "birth") return false;
  if (i + 2 >= tokens.size() || tokens[i + 1].lower != "of") return false;
  const std::string& owner = tokens[i + 2].lower;
  return owner == "his" || owner == "her" || owner == "their" || owner == "its";
}

std::vector<Event> Events(std::string_view text) {
  std::vector<Event> out;
  const std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (OfARelative(tokens, i)) continue;
    for (const EventWord& e : kEventWords) {
      if (tokens[i].lower == e.word) out.push_back({std::string(e.key), e.end, tokens[i].span});
    }
  }
  return out;
}

size_t Distance(Span a, Span b) {
  if (a.end <= b.begin) return b.begin - a.end;
  if (b.end <= a.begin) return a.begin - b.end;
  return 0;
}

// How firmly `text` is broken between the two spans: 0 within a clause; 1 across a clause, a
// comma or a conjunction ("and", "but", "while", "whereas", "which"); 2 across a semicolon or a
// colon, which end a statement of their own ("Born at Ajaccio, Jan. 7, 1768; died at Longwood, St.
// Helena, May 5, 1821": the death's date is the later one). These clauses are not those of
// entailment_verifier.h (HasNegationAbout, DeniesAt), and on purpose: "and" joins two events with
// dates of their own ("premiered in 2015 and was released in 2016"), but a negation spans it ("did
// not win or place and did not ..."); a bracket holds an event's own date ("died in Paris
// (1950)"), but closes a negation's reach.
int BreakBetween(std::string_view text, Span a, Span b) {
  const size_t from = std::min(a.end, b.end), to = std::max(a.begin, b.begin);
  if (from >= to) return 0;
  const std::string_view between = text.substr(from, to - from);
  if (between.find(';') != std::string_view::npos || between.find(": ") != std::string_view::npos) {
    return 2;
  }
  if (between.find(',') != std::string_view::npos) return 1;
  for (std::string_view word : {" and ", " but ", " while ", " whereas ", " which "}) {
    if (between.find(word) != std::string_view::npos) return 1;
  }
  return 0;
}

// The part of an evidence date the claim is compared with.
struct Reading {
  DateInterval interval;
  Span span;
  DatePrecision precision;
  bool whole_range = false;
  bool life_dates = false;  // read from a gloss's "(1809-1865)", which dates the title's subject
  // The date of the other end of a life: "(born August 12, 1991)" read for a claim that someone
  // died on a date. It bounds the claim's date but cannot correct it.
  bool other_end = false;
};

// "born" for "died" and "died" for "born"; empty for other events.
std::string_view OtherEndOfLife(std::string_view key) {
  if (key == "born") return "died";
  if (key == "died") return "born";
  return {};
}

// A regnal number after a name: "II" of "Elizabeth II", "VIII" of "Henry VIII".
bool IsRegnalNumber(std::string_view word) {
  return !word.empty() && word.size() <= 5 &&
         word.find_first_not_of("IVXL") == std::string_view::npos;
}

// The regnal number after tokens[i], or empty.
std::string_view NumberAfter(const std::vector<Token>& tokens, size_t i) {
  if (i + 1 < tokens.size() && IsRegnalNumber(tokens[i + 1].text)) return tokens[i + 1].text;
  return {};
}

// True when the passage title names one of the claim's capitalised words: the passage is about
// the claim's subject. An untitled passage cannot say, and counts as about it. A name with a
// regnal number is another person where the title gives the name only with another number:
// "Elizabeth, Elizabeth I" is not about "Queen Elizabeth II".
bool TitleNamesClaimSubject(std::string_view claim, std::string_view title) {
  if (title.empty()) return true;
  const std::vector<Token> title_tokens = Tokenize(title);
  const std::vector<Token> claim_tokens = Tokenize(claim);
  for (size_t i = 0; i < claim_tokens.size(); ++i) {
    const Token& t = claim_tokens[i];
    if (t.type != TokenType::kWord || !t.capitalized || IsStopWord(t.lower) ||
        IsRegnalNumber(t.text)) {
      continue;
    }
    const std::string_view number = NumberAfter(claim_tokens, i);
    bool bare = false, other_number = false;
    for (size_t j = 0; j < title_tokens.size(); ++j) {
      if (title_tokens[j].lower != t.lower) continue;
      const std::string_view title_number = NumberAfter(title_tokens, j);
      if (number.empty() || title_number == number) return true;
      if (title_number.empty()) {
        bare = true;
      } else {
        other_number = true;
      }
    }
    if (bare && !other_number) return true;
  }
  return false;
}

// True when words join the two dates into a span: "from 1914 to 1918", "between 1861 and 1865".
bool FromTo(std::string_view sentence, const DateMention& a, const DateMention& b) {
  if (a.span.end > b.span.begin || a.start.first_day > b.start.first_day) return false;
  const std::string between = AsciiLower(sentence.substr(a.span.end, b.span.begin - a.span.end));
  const std::string before = AsciiLower(sentence.substr(0, a.span.begin));
  return (between == " to " && before.ends_with("from ")) ||
         (between == " and " && before.ends_with("between "));
}

// Picks the date in an evidence sentence that speaks of the claim's event, if any.
std::optional<Reading> Pick(const std::vector<DateMention>& dates, std::string_view sentence,
                            const std::optional<Event>& claim_event, bool own_entry) {
  if (dates.empty()) return std::nullopt;
  const std::vector<Event> events = Events(sentence);
  const DateMention* chosen = nullptr;
  bool life_dates = false, other_end = false;
  if (claim_event) {
    // The date nearest to the same event word in the sentence, one in the event's clause first:
    // "Filmed beginning in 2015, Moonlight premiered at Telluride on September 2, 2016"
    // premiered in 2016.
    auto nearest_to = [&](std::string_view key) -> const DateMention* {
      const DateMention* nearest = nullptr;
      size_t best = std::string_view::npos;
      for (const Event& e : events) {
        if (e.key != key) continue;
        for (const DateMention& d : dates) {
          if (d.parenthesized) continue;
          size_t dist = Distance(e.span, d.span);
          dist += BreakBetween(sentence, e.span, d.span) * sentence.size();
          if (dist < best) {
            best = dist;
            nearest = &d;
          }
        }
      }
      return nearest;
    };
    chosen = nearest_to(claim_event->key);
    // Dictionary glosses: "Abraham Lincoln (1809-1865)" gives birth and death years.
    if (chosen == nullptr && claim_event->end != End::kNone) {
      for (const DateMention& d : dates) {
        if (d.is_range && d.parenthesized) {
          chosen = &d;
          life_dates = true;
          break;
        }
      }
    }
    // "(born August 12, 1991)" for a claim that someone died: the birth bounds the death.
    if (chosen == nullptr && !OtherEndOfLife(claim_event->key).empty()) {
      chosen = nearest_to(OtherEndOfLife(claim_event->key));
      other_end = chosen != nullptr && !chosen->is_range;
      if (!other_end) chosen = nullptr;
    }
    // The subject's own entry, with no event word: its one range is the subject's span ("French
    // Revolution: the revolution in France against the Bourbons; 1789-1799", "World War I: a war
    // ... from 1914 to 1918"). Not for a life: a person's entry may give a reign so ("King of
    // England from 1509 to 1547").
    if (chosen == nullptr && own_entry && events.empty() && claim_event->end != End::kNone &&
        OtherEndOfLife(claim_event->key).empty()) {
      const DateMention* range = nullptr;
      int ranges = 0;
      for (const DateMention& d : dates) {
        if (!d.is_range) continue;
        range = &d;
        ++ranges;
      }
      if (ranges == 1) {
        chosen = range;
        life_dates = true;
      } else if (ranges == 0 && dates.size() == 2 && FromTo(sentence, dates[0], dates[1])) {
        // "from 1914 to 1918": the first date begins the span, the second ends it.
        chosen = claim_event->end == End::kStart ? &dates[0] : &dates[1];
        life_dates = true;
      }
    }
  } else if (events.empty() && dates.size() == 1 && !dates[0].parenthesized) {
    // No event on either side: the sentence's only date, if it aligns strongly (checked by the
    // caller).
    chosen = &dates[0];
  }
  if (chosen == nullptr) return std::nullopt;
  Reading r;
  r.life_dates = life_dates;
  r.other_end = other_end;
  r.precision = chosen->precision;
  if (!chosen->is_range) {
    r.interval = chosen->start;
    r.span = chosen->span;
  } else if (claim_event && claim_event->end == End::kStart) {
    r.interval = chosen->start;
    r.span = chosen->start_span;
  } else if (claim_event && claim_event->end == End::kFinish) {
    r.interval = chosen->end;
    r.span = chosen->end_span;
  } else {
    r.interval = chosen->whole();
    r.span = chosen->span;
    r.whole_range = true;
  }
  return r;
}

// "before 1999", "after October 2018", "since 2010": the claim bounds its event's date.
enum class DateBound { kNone, kBefore, kAfter, kSince };

// The bound word(s) right in front of the claim's date, and where they start.
DateBound BoundBefore(std::string_view text, Span date, size_t* bound_begin) {
  std::string before = AsciiLower(text.substr(0, date.begin));
  while (!before.empty() && before.back() == ' ') before.pop_back();
  static const std::pair<std::string_view, DateBound> kWords[] = {
      {"prior to", DateBound::kBefore}, {"earlier than", DateBound::kBefore},
      {"before", DateBound::kBefore},   {"later than", DateBound::kAfter},
      {"after", DateBound::kAfter},     {"since", DateBound::kSince}};
  for (const auto& [words, bound] : kWords) {
    if (!before.ends_with(words)) continue;
    size_t start = before.size() - words.size();
    if (start > 0 && std::isalpha(static_cast<unsigned char>(before[start - 1]))) continue;
    *bound_begin = start;
    return bound;
  }
  return DateBound::kNone;
}

// Whether the evidence's date satisfies the claim's bound: true, false, or nullopt when the
// evidence is too coarse to tell.
std::optional<bool> DateBoundHolds(DateBound bound, const DateInterval& claimed,
                                   const DateInterval& found) {
  switch (bound) {
    case DateBound::kBefore:
      if (found.last_day < claimed.first_day) return true;
      if (found.first_day >= claimed.first_day) return false;
      return std::nullopt;
    case DateBound::kAfter:
      if (found.first_day > claimed.last_day) return true;
      if (found.last_day <= claimed.last_day) return false;
      return std::nullopt;
    case DateBound::kSince:
      if (found.first_day >= claimed.first_day) return true;
      if (found.last_day < claimed.first_day) return false;
      return std::nullopt;
    case DateBound::kNone:
      break;
  }
  return std::nullopt;
}

}  // namespace

bool TemporalVerifier::AppliesTo(const Claim& claim) const {
  return !ExtractDates(claim.text).empty();
}

std::optional<Judgement> TemporalVerifier::Judge(const Claim& claim,
                                                 std::span<const EvidenceSentence> evidence) const {
  const std::vector<DateMention> claim_dates = ExtractDates(claim.text);
  if (claim_dates.empty()) return std::nullopt;
  const DateMention& cd = claim_dates.front();
  const DateInterval claimed = cd.whole();
  size_t bound_begin = cd.span.begin;
  const DateBound bound = BoundBefore(claim.text, cd.span, &bound_begin);

  // The claim's event: the event word nearest its date.
  std::optional<Event> claim_event;
  for (const Event& e : Events(claim.text)) {
    if (!claim_event || Distance(e.span, cd.span) < Distance(claim_event->span, cd.span)) {
      claim_event = e;
    }
  }

  const bool claim_denies = DeniesAt(claim.text, cd.span);
  std::optional<Judgement> result;
  double best_alignment = 0;
  int conflicts = 0;
  // The entries of the claim's subject are read first, so that their date decides and corrects
  // the claim, and another person's entry that shares a word of the name only agrees or conflicts:
  // "Julius Caesar was assassinated in 44 BC" against Augustus's "(63 BC - AD 14)" and Caesar's
  // "(100-44 BC)".
  const std::vector<bool> own = internal::OwnEntries(evidence, claim.text, cd.span.begin);
  const std::vector<size_t> order = internal::OwnEntriesFirst(own);
  for (size_t idx : order) {
    const EvidenceSentence& ev = evidence[idx];
    if (ev.passage == nullptr || ev.context_alignment < options_.min_alignment) continue;
    if (!claim_event && ev.context_alignment < options_.coarse_support_alignment) continue;
    const std::string_view sentence = ev.text();
    auto reading = Pick(ExtractDates(sentence), sentence, claim_event, own[idx]);
    if (!reading) continue;
    // Life dates belong to the entry's subject: Schnabel's "(1882-1951)" in a gloss that mentions
    // Mozart says nothing of when Mozart was born.
    if (reading->life_dates && !TitleNamesClaimSubject(claim.text, ev.passage->title)) continue;
    const DateInterval& found = reading->interval;

    Verdict verdict;
    if (reading->other_end) {
      // Died on or before the day of birth, or born on or after the day of death: refuted. A
      // later death, or an earlier birth, is consistent and says nothing.
      if (bound != DateBound::kNone) continue;
      const bool died = claim_event->key == "died";
      if (died ? claimed.first_day > found.last_day : claimed.last_day < found.first_day) continue;
      verdict = Verdict::kRefuted;
    } else if (bound != DateBound::kNone) {
      std::optional<bool> holds = DateBoundHolds(bound, claimed, found);
      if (!holds) continue;
      verdict = *holds ? Verdict::kSupported : Verdict::kRefuted;
    } else if (claimed.Contains(found)) {
      verdict = Verdict::kSupported;  // the evidence is as fine as the claim, or finer
    } else if (found.Contains(claimed)) {
      // The evidence is coarser ("1809" for "12 February 1809"): consistent, not proof.
      if (ev.context_alignment < options_.coarse_support_alignment) continue;
      verdict = Verdict::kSupported;
    } else if (!claimed.Overlaps(found)) {
      verdict = Verdict::kRefuted;
    } else {
      continue;  // partly overlapping intervals say nothing clear
    }
    // A denial in the claim ("was not born on 20 November 1932") turns the reading.
    const bool same_date = verdict == Verdict::kSupported;
    const std::optional<Verdict> read_as = internal::UnderDenial(
        verdict, claim_denies, claim_denies && DeniesAt(sentence, reading->span));
    if (!read_as) continue;
    verdict = *read_as;
    if (!result) {
      result = Judgement{};
      result->verdict = verdict;
      best_alignment = ev.context_alignment;
      if (verdict == Verdict::kRefuted && !same_date && !reading->other_end) {
        std::string replacement;
        const DatePrecision precision = CoarserPrecision(cd.precision, reading->precision);
        if (reading->whole_range ||
            (cd.precision == DatePrecision::kDay && reading->precision == DatePrecision::kDay)) {
          replacement = std::string(SurfaceText(sentence, reading->span));
        } else {
          replacement = FormatDate(found, precision);
        }
        // A refuted bound ("before 1999") is corrected to the date itself ("in 1999").
        Span replaced = cd.span;
        if (bound != DateBound::kNone) {
          replaced.begin = bound_begin;
          replacement = (reading->precision == DatePrecision::kDay ? "on " : "in ") +
                        std::string(SurfaceText(sentence, reading->span));
        }
        result->correction = ReplaceSpan(claim.text, replaced, replacement);
      }
    }
    if (verdict == result->verdict) {
      result->evidence.push_back(idx);
    } else {
      ++conflicts;
    }
  }
  if (!result) return std::nullopt;
  result->confidence = internal::AgreementConfidence(best_alignment, result->evidence.size(),
                                                     static_cast<size_t>(conflicts));
  return result;
}

}  // namespace fg
