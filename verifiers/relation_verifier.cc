#include "verifiers/relation_verifier.h"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"
#include "src/core/wordnet.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/agreement.h"

namespace fg {
namespace {

using WordSet = std::set<std::string, std::less<>>;
using TermSet = std::set<std::string, std::less<>>;

bool IsWord(const Token& t) { return t.type == TokenType::kWord; }
bool IsCapital(const Token& t) { return IsWord(t) && t.capitalized; }
bool IsArticle(const Token& t) {
  return IsWord(t) && (t.lower == "the" || t.lower == "a" || t.lower == "an");
}
bool StartsLowercase(const Token& t) {
  return IsWord(t) && !t.text.empty() && t.text[0] >= 'a' && t.text[0] <= 'z';
}

// Lowercase words allowed inside a name ("Leonardo da Vinci", "Ludwig van Beethoven").
bool IsNameParticle(const Token& t) {
  static const WordSet kWords = {"al", "bin", "da",  "de", "del", "della", "den", "der",
                                 "di", "du",  "ibn", "la", "le",  "van",   "von"};
  return IsWord(t) && kWords.contains(t.lower);
}

// One past the end of the name starting at the capitalised t[start]: capitalised words, particles
// inside, and initials with their full stop ("John F. Kennedy").
size_t NameEnd(const std::vector<Token>& t, size_t start) {
  size_t end = start + 1;
  for (size_t j = start + 1; j < t.size(); ++j) {
    bool initial_stop = t[j].text == "." && IsCapital(t[j - 1]) && t[j - 1].text.size() == 1;
    if (IsCapital(t[j])) {
      end = j + 1;
    } else if (!initial_stop && !IsNameParticle(t[j])) {
      break;
    }
  }
  return end;
}

// The terms of the capitalised words of t[s, e) ("The Eiffel Tower" -> eiffel, tower).
std::vector<std::string> NameTerms(const std::vector<Token>& t, size_t s, size_t e) {
  std::vector<std::string> terms;
  for (size_t k = s; k < e; ++k) {
    if (!IsCapital(t[k])) continue;
    std::string term = TermForToken(t[k]);
    if (!term.empty()) terms.push_back(std::move(term));
  }
  return terms;
}

void AddTerms(std::string_view text, TermSet* terms) {
  for (const Token& token : Tokenize(text)) {
    std::string term = TermForToken(token);
    if (!term.empty()) terms->insert(std::move(term));
  }
}

bool AllIn(const std::vector<std::string>& terms, const TermSet& set) {
  return std::all_of(terms.begin(), terms.end(),
                     [&](const std::string& x) { return set.contains(x); });
}

bool SameName(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  TermSet sa(a.begin(), a.end()), sb(b.begin(), b.end());
  return AllIn(a, sb) || AllIn(b, sa);
}

// The initials of the capitalised words in [b, e) ("National Football League" -> "NFL"), and
// whether [b, e) is one all-capital word of two to six letters ("NFL").
std::string Initials(const std::vector<Token>& t, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e && i < t.size(); ++i) {
    if (IsCapital(t[i])) out.push_back(t[i].text[0]);
  }
  return out;
}
bool IsAcronym(const std::vector<Token>& t, size_t b, size_t e) {
  if (e != b + 1 || b >= t.size() || t[b].text.size() < 2 || t[b].text.size() > 6) return false;
  return std::all_of(t[b].text.begin(), t[b].text.end(),
                     [](char c) { return c >= 'A' && c <= 'Z'; });
}
// One name is the other's acronym: "the NFL" and "the National Football League".
bool AcronymOf(const std::vector<Token>& a, size_t ab, size_t ae, const std::vector<Token>& b,
               size_t bb, size_t be) {
  return (IsAcronym(a, ab, ae) && be > bb + 1 && a[ab].text == Initials(b, bb, be)) ||
         (IsAcronym(b, bb, be) && ae > ab + 1 && b[bb].text == Initials(a, ab, ae));
}

// Token positions of a parsed relation claim.
struct Parse {
  size_t subject_begin = 0, subject_end = 0;  // equal when the claim opens with no name
  size_t predicate_begin = 0, anchor = 0;     // the predicate is [predicate_begin, anchor]
  size_t object_begin = 0, object_end = 0;
};

std::optional<Parse> ParseTokens(const std::vector<Token>& t) {
  const size_t n = t.size();
  Parse p;
  auto named = [&](size_t s, size_t e) { return !NameTerms(t, s, e).empty(); };
  // The subject: the first name, unless a common noun comes first ("The telephone ...").
  for (size_t i = 0; i < n; ++i) {
    if (StartsLowercase(t[i]) && !IsStopWord(t[i].lower)) break;
    if (!IsCapital(t[i])) continue;
    size_t e = NameEnd(t, i);
    if (named(i, e)) {
      p.subject_begin = i;
      p.subject_end = e;
      break;
    }
    i = e - 1;
  }
  // The object: the first later name right after a lowercase word (articles aside), the anchor,
  // with a lowercase predicate between the subject (or the last punctuation) and the anchor.
  const size_t from = p.subject_end;
  for (size_t j = from; j < n; ++j) {
    if (!IsCapital(t[j])) continue;
    size_t e = NameEnd(t, j);
    size_t k = j;
    while (k > from && IsArticle(t[k - 1])) --k;
    if (named(j, e) && k > from && StartsLowercase(t[k - 1])) {
      size_t begin = k - 1;
      while (begin > from && t[begin - 1].type != TokenType::kPunct) --begin;
      // No other name in the predicate ("The" opening "The telephone was invented by" is none).
      bool lowercase = std::none_of(t.begin() + static_cast<std::ptrdiff_t>(begin),
                                    t.begin() + static_cast<std::ptrdiff_t>(k), [](const Token& w) {
                                      return IsCapital(w) && !IsStopWord(w.lower);
                                    });
      bool content = std::any_of(t.begin() + static_cast<std::ptrdiff_t>(begin),
                                 t.begin() + static_cast<std::ptrdiff_t>(k),
                                 [](const Token& w) { return !TermForToken(w).empty(); });
      // A lone stop word ("by" after a comma) is no predicate.
      if (lowercase && (content || k - begin >= 2)) {
        p.predicate_begin = begin;
        p.anchor = k - 1;
        p.object_begin = j;
        p.object_end = e;
        return p;
      }
    }
    j = e - 1;
  }
  return std::nullopt;
}

Span TokenSpan(const std::vector<Token>& t, size_t s, size_t e) {
  return s < e ? Span{t[s].span.begin, t[e - 1].span.end} : Span{};
}

// What the claim needs from a sentence, prepared once per Judge call.
struct Relation {
  std::vector<Token> tokens;
  Parse parse;
  std::vector<std::string> object;       // terms of the object name
  std::vector<std::string> subject;      // terms of the subject name (or of the claim's context)
  std::vector<std::string> later_heads;  // last terms of the names after the object
  std::vector<std::string> predicate;    // content terms of the predicate before the anchor
  std::vector<std::string> exact;        // the predicate's words, when none is a content word
  std::string anchor_term;               // the anchor's term, or its lowercase text
  bool anchor_is_content = false;
  bool past = false;  // the predicate says "former" or the like itself
};

// Words that put a role in the past: "the former capital of Turkey" is not its capital.
bool IsPastQualifier(std::string_view w) {
  return w == "former" || w == "formerly" || w == "once" || w == "onetime" || w == "erstwhile" ||
         w == "ex";
}

bool AnchorAt(const Relation& r, const Token& t) {
  if (!IsWord(t)) return false;
  return r.anchor_is_content ? TermForToken(t) == r.anchor_term : t.lower == r.anchor_term;
}

// The claim's predicate ends at e[a]: its content words stand before it, the last one within
// `gap` tokens; or, for a predicate of stop words, its words stand right before it.
bool PredicateEndsAt(const Relation& r, const std::vector<Token>& e, size_t a, size_t gap) {
  if (r.predicate.empty()) {
    if (r.exact.size() > a + 1) return false;
    size_t start = a + 1 - r.exact.size();
    for (size_t i = 0; i < r.exact.size(); ++i) {
      if (e[start + i].lower != r.exact[i]) return false;
    }
    return true;
  }
  size_t q = a;
  for (size_t back = 1; back <= gap + 1 && back <= a; ++back) {
    if (TermForToken(e[a - back]) == r.predicate.back()) {
      q = a - back;
      break;
    }
  }
  if (q == a) return false;
  if (!r.past && q > 0 && IsPastQualifier(e[q - 1].lower)) return false;
  TermSet before;
  for (size_t i = 0; i < q; ++i) before.insert(TermForToken(e[i]));
  return std::all_of(r.predicate.begin(), r.predicate.end() - 1,
                     [&](const std::string& term) { return before.contains(term); });
}

// What one evidence sentence says of the claim's object slot.
struct SlotReading {
  bool same = false;
  std::optional<Span> other;  // a different name in the slot, as bytes of the sentence
};

SlotReading ReadSlot(const Relation& r, const std::vector<Token>& e,
                     const RelationVerifierOptions& options) {
  SlotReading reading;
  for (size_t a = 0; a < e.size() && !reading.same; ++a) {
    if (!AnchorAt(r, e[a]) || !PredicateEndsAt(r, e, a, options.max_predicate_gap)) continue;
    size_t s = a + 1;
    size_t skipped = 0;
    while (s < e.size() && StartsLowercase(e[s])) {
      if (!IsArticle(e[s])) {
        if (IsStopWord(e[s].lower) || skipped == options.max_slot_skip) break;
        ++skipped;
      }
      ++s;
    }
    if (s >= e.size() || !IsCapital(e[s])) continue;
    size_t end = NameEnd(e, s);
    std::vector<std::string> name = NameTerms(e, s, end);
    if (name.empty()) continue;
    // The claim's subject in the slot ("Booth was shot by Lincoln"'s reverse): not this relation.
    if (std::any_of(name.begin(), name.end(), [&](const std::string& term) {
          return std::find(r.subject.begin(), r.subject.end(), term) != r.subject.end();
        })) {
      continue;
    }
    if (SameName(r.object, name) ||
        AcronymOf(r.tokens, r.parse.object_begin, r.parse.object_end, e, s, end)) {
      reading.same = true;
    } else if (!reading.other) {
      reading.other = TokenSpan(e, s, end);
    }
  }
  return reading;
}

}  // namespace

std::optional<RelationParts> ParseRelation(std::string_view claim_text) {
  std::vector<Token> t = Tokenize(claim_text);
  std::optional<Parse> p = ParseTokens(t);
  if (!p) return std::nullopt;
  RelationParts parts;
  parts.subject = TokenSpan(t, p->subject_begin, p->subject_end);
  parts.predicate = TokenSpan(t, p->predicate_begin, p->anchor + 1);
  parts.object = TokenSpan(t, p->object_begin, p->object_end);
  return parts;
}

bool RelationVerifier::AppliesTo(const Claim& claim) const {
  if (claim.kind == ClaimKind::kRelation) return true;
  return (claim.kind == ClaimKind::kDefinition || claim.kind == ClaimKind::kOther) &&
         ParseRelation(claim.text).has_value();
}

std::optional<Judgement> RelationVerifier::Judge(const Claim& claim,
                                                 std::span<const EvidenceSentence> evidence) const {
  if (aligner_ == nullptr || HasNegation(claim.text)) return std::nullopt;
  Relation r;
  r.tokens = Tokenize(claim.text);
  std::optional<Parse> parse = ParseTokens(r.tokens);
  if (!parse) return std::nullopt;
  r.parse = *parse;
  const std::vector<Token>& t = r.tokens;
  const Parse& p = r.parse;
  r.object = NameTerms(t, p.object_begin, p.object_end);
  if (p.subject_end > p.subject_begin) {
    r.subject = NameTerms(t, p.subject_begin, p.subject_end);
  } else {
    std::vector<Token> context = Tokenize(claim.context);
    r.subject = NameTerms(context, 0, context.size());
  }
  for (size_t j = p.object_end; j < t.size(); ++j) {
    if (!IsCapital(t[j])) continue;
    size_t e = NameEnd(t, j);
    std::vector<std::string> name = NameTerms(t, j, e);
    if (!name.empty()) r.later_heads.push_back(name.back());
    j = e - 1;
  }
  r.anchor_term = TermForToken(t[p.anchor]);
  r.anchor_is_content = !r.anchor_term.empty();
  if (!r.anchor_is_content) r.anchor_term = t[p.anchor].lower;
  for (size_t k = p.predicate_begin; k < p.anchor; ++k) {
    r.past = r.past || IsPastQualifier(t[k].lower);
    std::string term = TermForToken(t[k]);
    if (!term.empty()) r.predicate.push_back(std::move(term));
  }
  if (r.predicate.empty()) {
    for (size_t k = p.predicate_begin; k <= p.anchor; ++k) r.exact.push_back(t[k].lower);
  }

  // How well a sentence speaks of the claim apart from its object name.
  const Span object = TokenSpan(t, p.object_begin, p.object_end);
  std::string without_object =
      claim.context + " " + claim.text.substr(0, object.begin) + claim.text.substr(object.end);
  const PreparedClaim prepared = aligner_->Prepare(without_object);

  std::optional<Judgement> result;
  double deciding_coverage = 0;
  size_t conflicts = 0;
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const EvidenceSentence& ev = evidence[idx];
    if (ev.passage == nullptr) continue;
    const std::string_view sentence = ev.text();
    const std::string_view title = ev.passage->title;
    double coverage = aligner_->Cover(prepared, sentence, title).context_score;
    if (coverage < options_.min_context_coverage || HasNegation(sentence)) continue;
    TermSet title_terms;
    AddTerms(title, &title_terms);
    TermSet terms = title_terms;
    AddTerms(sentence, &terms);
    // About the claim's subject: its head word (the surname, "Tower") is there.
    if (!r.subject.empty() && !terms.contains(r.subject.back())) continue;

    const std::vector<Token> e = Tokenize(sentence);
    SlotReading reading = ReadSlot(r, e, options_);
    // In an entry about something else (its title does not name the claim's subject), what comes
    // before the first mention of the claim's subject is said of the entry's own: "Schnabel:
    // United States composer (born in Austria) and pianist noted for his interpretations of
    // Beethoven and Mozart" says nothing of where Mozart was born.
    if (reading.other && !reading.same && !title.empty() && !r.subject.empty() &&
        !title_terms.contains(r.subject.back())) {
      const auto mention = std::find_if(
          e.begin(), e.end(), [&](const Token& w) { return TermForToken(w) == r.subject.back(); });
      if (mention == e.end() || mention->span.begin > reading.other->begin) continue;
    }
    Verdict verdict;
    std::optional<std::string> correction;
    if (reading.same && AllIn(r.later_heads, terms)) {
      verdict = Verdict::kSupported;
    } else if (!reading.same && reading.other && !AllIn(r.object, terms)) {
      // The evidence's name may be a kind of the claim's: a "German company" is a "European
      // company" (WordNet: German -> European).
      const Lexicon* lexicon = aligner_->lexicon();
      if (lexicon != nullptr &&
          lexicon->IsHypernymOf(AsciiLower(SurfaceText(claim.text, object)),
                                AsciiLower(SurfaceText(sentence, *reading.other)), 2)) {
        if (!AllIn(r.later_heads, terms)) continue;
        verdict = Verdict::kSupported;
      } else {
        verdict = Verdict::kRefuted;
        correction = ReplaceSpan(claim.text, object, SurfaceText(sentence, *reading.other));
      }
    } else {
      continue;
    }
    if (!result) {
      result = Judgement{};
      result->verdict = verdict;
      result->correction = std::move(correction);
      result->verifier = std::string(name());
      deciding_coverage = coverage;
    }
    if (verdict == result->verdict) {
      result->evidence.push_back(idx);
    } else {
      ++conflicts;
    }
  }
  if (result) {
    result->confidence =
        internal::AgreementConfidence(deciding_coverage, result->evidence.size(), conflicts);
  }
  return result;
}

}  // namespace fg
