#include "verifiers/place_verifier.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/entry_title.h"
#include "verifiers/relation_verifier.h"

namespace fg {
namespace {

using WordSet = std::set<std::string, std::less<>>;

bool IsWord(const Token& t) { return t.type == TokenType::kWord; }

// Verbs that place the subject without an event: "is in", "lies in", "stands in".
bool IsPlacingVerb(std::string_view w) {
  static const WordSet kWords = {"is",     "are",   "was",  "were", "lies",    "lie",     "lay",
                                 "stands", "stand", "sits", "sit",  "located", "situated"};
  return kWords.contains(w);
}

// Words of a noun phrase that name an event or a verb's doing rather than a place: a predicate
// holding one ("was born in", "was built in", "won an award in") is not about where the subject
// is. Words ending in "ed" count as such too, but for these.
bool IsEventWord(std::string_view w) {
  static const WordSet kEvents = {"born",  "built",  "made",    "held",  "won",   "known",
                                  "seen",  "sold",   "written", "taken", "shot",  "died",
                                  "dies",  "lived",  "lives",   "grew",  "grown", "begun",
                                  "began", "become", "became",  "found", "given", "left"};
  static const WordSet kPlacing = {"located", "situated", "landlocked"};
  if (kEvents.contains(w)) return true;
  return w.size() > 3 && w.ends_with("ed") && !kPlacing.contains(w);
}

// A person's doings that take a place without locating the subject ("born in Dijon", "died in
// Vienna"); a place right after one of these is not where the subject is.
bool IsPersonalEvent(std::string_view w) {
  static const WordSet kWords = {
      "born",     "died",        "buried",       "lived",    "educated",   "raised",  "studied",
      "worked",   "married",     "grew",         "moved",    "emigrated",  "exiled",  "killed",
      "executed", "murdered",    "assassinated", "fought",   "played",     "won",     "elected",
      "founded",  "established", "published",    "released", "premiered",  "signed",  "visited",
      "toured",   "performed",   "taught",       "trained",  "imprisoned", "crowned", "defeated"};
  return kWords.contains(w);
}

bool IsPlacePreposition(std::string_view w) {
  static const WordSet kWords = {"in", "at", "near", "through", "across", "on", "of", "within"};
  return kWords.contains(w);
}

// True when the predicate tokens only place the subject: a placing verb first, "in" last, and
// between them "located"/"situated" or a short noun phrase without an event word.
bool PlacesTheSubject(const std::vector<Token>& p) {
  if (p.size() < 2 || p.back().lower != "in" || !IsPlacingVerb(p.front().lower)) return false;
  if (p.size() > 8) return false;
  for (size_t k = 1; k + 1 < p.size(); ++k) {
    if (p[k].type == TokenType::kPunct) return false;
    if (IsWord(p[k]) && IsEventWord(p[k].lower)) return false;
  }
  return true;
}

// True when the predicate says no more than where the subject is: "is in", "is located in", "is a
// city in", "is a small town in"; not "is the highest mountain in" or "is the 24th largest city
// in", whose rank or uniqueness the place alone does not settle.
bool OnlyPlaces(const std::vector<Token>& p) {
  static const WordSet kRanks = {"first", "second", "third", "fourth", "fifth",     "last",
                                 "only",  "main",   "most",  "least",  "top",       "best",
                                 "worst", "one",    "major", "chief",  "principal", "leading"};
  if (p.size() == 2) return true;
  if (p.size() == 3) return p[1].lower == "located" || p[1].lower == "situated";
  if (p[1].lower != "a" && p[1].lower != "an") return false;
  if (p.size() > 5) return false;
  for (size_t k = 2; k + 1 < p.size(); ++k) {
    if (!IsWord(p[k]) || kRanks.contains(p[k].lower) || p[k].lower.ends_with("est") ||
        std::any_of(p[k].lower.begin(), p[k].lower.end(),
                    [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return false;
    }
  }
  return true;
}

// True for "is the capital of" and "is the capital city of": the present capital, which a country
// or state has one of. ("Kyoto was the capital of Japan" is another matter.)
bool NamesTheCapital(const std::vector<Token>& p) {
  std::vector<std::string_view> words;
  for (const Token& t : p) words.push_back(t.lower);
  using Words = std::vector<std::string_view>;
  return words == Words{"is", "the", "capital", "of"} ||
         words == Words{"is", "the", "capital", "city", "of"};
}

// The claim's parts the expert needs.
struct PlaceClaim {
  std::vector<std::string> subject_words;  // the distinctive words of its name, lowercased
  std::string subject_name;                // its whole name, lowercased, without "the"
  std::vector<uint32_t> subject;           // the subject's place senses (may be empty)
  std::vector<uint32_t> object;            // the claim's place senses
  Span replaced;  // the object's name, with its article ("in the Himalayas")
  // "Sydney is the capital of Australia": the claim names the capital of the object (a country
  // or state), and a correction replaces the subject (`subject_span`).
  bool capital = false;
  Span subject_span;
  // The predicate says no more than where the subject is (OnlyPlaces): a support settles it.
  bool only_places = false;
};

std::string WithoutArticle(std::string_view name) {
  for (std::string_view article : {"The ", "the "}) {
    if (name.starts_with(article)) return std::string(name.substr(article.size()));
  }
  return std::string(name);
}

// The words of a place's name that tell it from others: "Amazon" of "The Amazon River", "Eiffel"
// of "Eiffel Tower"; all its words when every one is generic ("The Great Wall").
std::vector<std::string> DistinctiveWords(std::string_view name) {
  std::vector<std::string> all, distinctive;
  for (const Token& t : Tokenize(name)) {
    if (!IsWord(t)) continue;
    all.push_back(t.lower);
    if (!internal::IsGenericNameWord(t.lower)) distinctive.push_back(t.lower);
  }
  return distinctive.empty() ? all : distinctive;
}

std::optional<PlaceClaim> ParsePlaceClaim(const Lexicon& lexicon, std::string_view text) {
  std::optional<RelationParts> parts = ParseRelation(text);
  if (!parts || parts->subject.size() == 0 || parts->object.size() == 0) return std::nullopt;
  const std::vector<Token> predicate = Tokenize(SurfaceText(text, parts->predicate));
  PlaceClaim c;
  c.capital = NamesTheCapital(predicate);
  if (!c.capital && !PlacesTheSubject(predicate)) return std::nullopt;
  c.only_places = !c.capital && OnlyPlaces(predicate);
  c.subject_span = parts->subject;
  const std::string subject = WithoutArticle(SurfaceText(text, parts->subject));
  c.subject = lexicon.Places(subject);
  // A person or thing WordNet knows that is no place: "in" gives no location of it.
  if (c.subject.empty() && lexicon.Contains(AsciiLower(subject))) return std::nullopt;
  c.subject_words = DistinctiveWords(subject);
  c.subject_name = AsciiLower(subject);
  if (c.subject_words.empty()) return std::nullopt;
  c.object = lexicon.Places(SurfaceText(text, parts->object));
  if (c.object.empty()) return std::nullopt;
  if (c.capital && std::none_of(c.object.begin(), c.object.end(), [&](uint32_t y) {
        Lexicon::PlaceKind kind = lexicon.KindOf(y);
        return kind == Lexicon::PlaceKind::kCountry || kind == Lexicon::PlaceKind::kState;
      })) {
    return std::nullopt;
  }
  c.replaced = parts->object;
  std::string_view before = text.substr(0, parts->object.begin);
  for (std::string_view article : {"the ", "The "}) {
    if (before.ends_with(article)) c.replaced.begin -= article.size();
  }
  return c;
}

// True when a preposition of place comes at most three words before t[i] ("in the central
// Himalayas", "of Tibet and Nepal"), or three more past each "and" or "or" between (up to nine:
// "in northeastern Europe and northern Asia"), with no person's event just before it ("born in").
bool AfterPlacePreposition(const std::vector<Token>& t, size_t i) {
  size_t reach = 4;
  for (size_t k = i; k > 0 && i - k < reach; --k) {
    const Token& w = t[k - 1];
    if (IsWord(w) && (w.lower == "and" || w.lower == "or")) reach = std::min<size_t>(reach + 3, 10);
    if (w.type == TokenType::kPunct && w.text != ",") return false;
    if (!IsWord(w) || !IsPlacePreposition(w.lower)) continue;
    for (size_t j = k - 1; j > 0 && k - 1 - j < 2; --j) {
      if (IsWord(t[j - 1]) && IsPersonalEvent(t[j - 1].lower)) return false;
    }
    return true;
  }
  return false;
}

// Inside a place's name, lowercase words may join capitalised ones ("Gulf of Mexico").
bool IsNameJoiner(const Token& t) {
  return IsWord(t) && (t.lower == "of" || t.lower == "the" || t.lower == "de");
}

// True when the word is one of the subject's distinctive words.
bool Names(const PlaceClaim& claim, const Token& w) {
  return IsWord(w) && std::find(claim.subject_words.begin(), claim.subject_words.end(), w.lower) !=
                          claim.subject_words.end();
}

// One past the run of capitalised words (and joiners between them) that starts at t[i].
size_t RunEnd(const std::vector<Token>& t, size_t i) {
  size_t end = i + 1;
  while (end < t.size() && IsWord(t[end]) &&
         (t[end].capitalized || (IsNameJoiner(t[end]) && end + 1 < t.size() && IsWord(t[end + 1]) &&
                                 t[end + 1].capitalized))) {
    ++end;
  }
  return end;
}

// Where the name in the run t[i, end) begins: a capitalised stop word opens a sentence rather
// than a name ("In Paris", "The Hague").
size_t NameBegin(const std::vector<Token>& t, size_t i, size_t end) {
  while (i < end && IsStopWord(t[i].lower)) ++i;
  return i;
}

std::string NameText(const std::vector<Token>& t, size_t begin, size_t end) {
  std::string text(t[begin].text);
  for (size_t k = begin + 1; k < end; ++k) text += " " + std::string(t[k].text);
  return text;
}

struct Mention {
  std::vector<uint32_t> places;
};

// Adds the place named by t[begin, end) to `out` when WordNet knows it, it is not the subject,
// and a preposition of place comes before it.
void AddPlace(const Lexicon& lexicon, const std::vector<Token>& t, size_t begin, size_t end,
              const PlaceClaim& claim, std::vector<Mention>& out) {
  constexpr size_t kMaxNameWords = 5;
  if (begin >= end || end - begin > kMaxNameWords) return;
  std::vector<uint32_t> places = lexicon.Places(NameText(t, begin, end));
  if (places.empty()) return;
  bool subject =
      std::any_of(t.begin() + static_cast<std::ptrdiff_t>(begin),
                  t.begin() + static_cast<std::ptrdiff_t>(end),
                  [&](const Token& w) { return Names(claim, w); }) ||
      std::any_of(places.begin(), places.end(), [&](uint32_t p) {
        return std::find(claim.subject.begin(), claim.subject.end(), p) != claim.subject.end();
      });
  if (!subject && AfterPlacePreposition(t, begin)) out.push_back({std::move(places)});
}

// The places a sentence names after a preposition of place, other than the subject's own. A name
// is a whole run of capitalised words ("West Midlands"), never a part of one: "West" alone is a
// region of the United States, and "the American University of Paris" is no place.
std::vector<Mention> PlacesNamed(const Lexicon& lexicon, const std::vector<Token>& t,
                                 const PlaceClaim& claim) {
  std::vector<Mention> out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsWord(t[i]) || !t[i].capitalized) continue;
    const size_t end = RunEnd(t, i);
    const size_t begin = NameBegin(t, i, end);
    i = end - 1;
    if (begin >= end) continue;
    // Only the whole run: "the American University of Paris" names no place.
    AddPlace(lexicon, t, begin, end, claim, out);
  }
  return out;
}

// Place names written with "the" ("the United States", "the Himalayas"); WordNet's lemmas lack it.
bool NeedsArticle(std::string_view name) {
  static const WordSet kFirst = {"United", "Czech", "Dominican", "Central"};
  static const WordSet kLast = {"Republic",  "Kingdom",     "States",      "Islands", "Isles",
                                "Emirates",  "Netherlands", "Philippines", "Bahamas", "Maldives",
                                "Himalayas", "Alps",        "Andes",       "Rockies"};
  std::vector<Token> t = Tokenize(name);
  return !t.empty() && (kFirst.contains(t.front().text) || kLast.contains(t.back().text));
}

bool Contains(const std::vector<uint32_t>& v, uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// What one sentence says of the claim: a verdict, and for a refutation the claim corrected.
struct Reading {
  Verdict verdict = Verdict::kNotEnoughInfo;
  std::string correction;
  std::optional<uint32_t> place;  // the place the correction names, when read from the map
};

// Where the subject is: a place the sentence names within the claim's supports; one lying in
// another place of the claim's place's kind refutes.
Reading ReadWhere(const Lexicon& lexicon, const PlaceClaim& c, const Claim& claim,
                  const std::vector<Token>& t) {
  Reading r;
  std::optional<uint32_t> other;
  for (const Mention& m : PlacesNamed(lexicon, t, c)) {
    for (uint32_t z : m.places) {
      for (uint32_t y : c.object) {
        if (lexicon.Within(z, y)) {
          r.verdict = Verdict::kSupported;
          return r;
        }
        if (other) continue;
        std::optional<uint32_t> enclosing = lexicon.EnclosingOfKind(z, lexicon.KindOf(y));
        if (enclosing && !Contains(c.object, *enclosing) && !lexicon.Within(y, *enclosing) &&
            !lexicon.Within(*enclosing, y)) {
          other = enclosing;
        }
      }
    }
  }
  if (!other) return r;
  std::string place = lexicon.PlaceName(*other);
  if (NeedsArticle(place)) place = "the " + place;
  r.verdict = Verdict::kRefuted;
  r.correction = ReplaceSpan(claim.text, c.replaced, place);
  r.place = other;
  return r;
}

// Words before "capital" that make it one of several ("the administrative capital of South
// Africa", "the state capital of New South Wales"), and words that put it in the past.
bool IsCapitalQualifier(std::string_view w) {
  static const WordSet kWords = {
      "administrative", "legislative", "judicial",  "executive",  "state",      "provincial",
      "regional",       "former",      "cultural",  "financial",  "commercial", "economic",
      "ancient",        "old",         "historic",  "historical", "de",         "facto",
      "summer",         "winter",      "religious", "royal",      "imperial",   "colonial"};
  return kWords.contains(w);
}
bool IsPastMarker(std::string_view w) {
  static const WordSet kWords = {"former", "formerly", "once", "until", "previously", "was",
                                 "were",   "ancient",  "old",  "then",  "became"};
  return kWords.contains(w);
}

// True when the sentence gives its subject a share in governing the claim's country or state:
// a capital of one branch ("the judicial capital ... in Bolivia", "the de facto capital") or a
// seat of one ("the seat of the legislative branch of the government of South Africa").
bool SharesTheCapital(const Lexicon& lexicon, const PlaceClaim& c, const std::vector<Token>& t) {
  static const WordSet kBranches = {"administrative", "legislative", "judicial",   "executive",
                                    "constitutional", "facto",       "government", "judiciary",
                                    "parliament",     "official"};
  bool shares = false;
  for (size_t i = 1; i < t.size() && !shares; ++i) {
    if (t[i].lower == "capital" && kBranches.contains(t[i - 1].lower)) shares = true;
    if (t[i - 1].lower == "seat" && t[i].lower == "of") {
      for (size_t k = i + 1; k < t.size() && k <= i + 3; ++k)
        shares |= kBranches.contains(t[k].lower);
    }
  }
  if (!shares) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsWord(t[i]) || !t[i].capitalized) continue;
    const size_t end = RunEnd(t, i);
    const size_t begin = NameBegin(t, i, end);
    if (begin < end) {
      for (uint32_t p : lexicon.Places(NameText(t, begin, end))) {
        if (Contains(c.object, p)) return true;
      }
    }
    i = end - 1;
  }
  return false;
}

// The capital: a sentence saying "<name> ... the capital of <the claim's place>" supports when
// the name is the claim's subject, and refutes when it is another city WordNet places in it
// (a country or state has one capital). The name is the passage title's first, else the
// sentence's.
Reading ReadCapital(const Lexicon& lexicon, const PlaceClaim& c, const Claim& claim,
                    const std::vector<Token>& t, const std::vector<Token>& title) {
  Reading r;
  if (std::any_of(t.begin(), t.end(), [](const Token& w) { return IsPastMarker(w.lower); })) {
    return r;
  }
  bool states = false;
  for (size_t i = 0; i < t.size() && !states; ++i) {
    if (t[i].lower != "capital" || (i > 0 && IsCapitalQualifier(t[i - 1].lower))) continue;
    size_t j = i + 1;
    if (j < t.size() && t[j].lower == "city") ++j;
    if (j >= t.size() || t[j].lower != "of") continue;
    ++j;
    if (j < t.size() && t[j].lower == "the") ++j;
    if (j >= t.size() || !IsWord(t[j]) || !t[j].capitalized) continue;
    for (uint32_t p : lexicon.Places(NameText(t, j, RunEnd(t, j)))) states |= Contains(c.object, p);
  }
  if (!states) return r;
  const std::vector<Token>& source = title.empty() ? t : title;
  size_t i = 0;
  while (i < source.size() && !(IsWord(source[i]) && source[i].capitalized)) ++i;
  if (i == source.size()) return r;
  const size_t end = RunEnd(source, i);
  const size_t begin = NameBegin(source, i, end);
  if (begin >= end) return r;
  if (std::any_of(source.begin() + static_cast<std::ptrdiff_t>(begin),
                  source.begin() + static_cast<std::ptrdiff_t>(end),
                  [&](const Token& w) { return Names(c, w); })) {
    r.verdict = Verdict::kSupported;
    return r;
  }
  const std::string holder = NameText(source, begin, end);
  for (uint32_t h : lexicon.Places(holder)) {
    if (lexicon.KindOf(h) != Lexicon::PlaceKind::kCity) continue;
    for (uint32_t y : c.object) {
      if (!lexicon.Within(h, y)) continue;
      r.verdict = Verdict::kRefuted;
      r.correction = ReplaceSpan(claim.text, c.subject_span, holder);
      return r;
    }
  }
  return r;
}

// True when the claim's subject is a city and no sense of its name lies in the claim's place y
// (nor around it): "Sao Tome is the capital of Denmark". A capital lies in its country or state.
bool CityElsewhere(const Lexicon& lexicon, const PlaceClaim& c, uint32_t y) {
  const auto city = [&](uint32_t s) { return lexicon.KindOf(s) == Lexicon::PlaceKind::kCity; };
  return std::any_of(c.subject.begin(), c.subject.end(), city) &&
         std::none_of(c.subject.begin(), c.subject.end(),
                      [&](uint32_t s) { return lexicon.Within(s, y) || lexicon.Within(y, s); });
}

// True when the claim's subject is a city outside every sense of the claim's place.
bool CityElsewhere(const Lexicon& lexicon, const PlaceClaim& c) {
  return !c.object.empty() && std::all_of(c.object.begin(), c.object.end(),
                                          [&](uint32_t y) { return CityElsewhere(lexicon, c, y); });
}

// The capital WordNet names for the claim's country or state (a lemma "capital of Australia" of
// Canberra's synset) when the claim's subject is another city WordNet places in it, or a city
// elsewhere (CityElsewhere); nullopt otherwise, and for a subject WordNet does not know (a
// capital newer than WordNet may be true).
std::optional<std::string> CapitalByName(const Lexicon& lexicon, const PlaceClaim& c) {
  for (uint32_t y : c.object) {
    // Any of the country's names: Beijing is WordNet's "capital of Red China", not "of China".
    std::vector<uint32_t> capitals;
    for (const std::string& name : lexicon.SynsetLemmas(y)) {
      for (const char* prefix : {"capital of ", "capital of the "}) {
        for (uint32_t capital : lexicon.Places(prefix + name)) {
          if (!Contains(capitals, capital)) capitals.push_back(capital);
        }
      }
    }
    const bool elsewhere = CityElsewhere(lexicon, c, y);
    for (uint32_t capital : capitals) {
      if (Contains(c.subject, capital) || !lexicon.Within(capital, y)) continue;
      if (elsewhere) return lexicon.PlaceName(capital);
      for (uint32_t s : c.subject) {
        if (lexicon.KindOf(s) == Lexicon::PlaceKind::kCity && lexicon.Within(s, y)) {
          return lexicon.PlaceName(capital);
        }
      }
    }
  }
  return std::nullopt;
}

// True when WordNet's map puts the subject (its first place sense: WordNet's most frequent) within
// the claim's place.
bool LiesWithin(const Lexicon& lexicon, const PlaceClaim& c) {
  if (c.subject.empty()) return false;
  return std::any_of(c.object.begin(), c.object.end(),
                     [&](uint32_t y) { return lexicon.Within(c.subject.front(), y); });
}

// True when some place sense of the subject lies within the claim's place (Paris, Texas, in the
// United States).
bool SomeSenseWithin(const Lexicon& lexicon, const PlaceClaim& c) {
  return std::any_of(c.subject.begin(), c.subject.end(), [&](uint32_t s) {
    return std::any_of(c.object.begin(), c.object.end(),
                       [&](uint32_t y) { return lexicon.Within(s, y); });
  });
}

// The kind the subject (its first place sense) shares with the claim's place: a city, state,
// country or continent like it; nullopt otherwise.
std::optional<Lexicon::PlaceKind> KindShared(const Lexicon& lexicon, const PlaceClaim& c) {
  if (c.subject.empty()) return std::nullopt;
  const Lexicon::PlaceKind kind = lexicon.KindOf(c.subject.front());
  if (kind == Lexicon::PlaceKind::kOther ||
      std::none_of(c.object.begin(), c.object.end(),
                   [&](uint32_t y) { return lexicon.KindOf(y) == kind; })) {
    return std::nullopt;
  }
  return kind;
}

// What WordNet's map alone says of the claim. It supports when the subject's first place sense
// (WordNet's most frequent) lies within the claim's place (Baikal in Siberia, Siberia in Russia).
// It refutes when no sense of the subject lies there and each lies within a place of the claim's
// place's kind that is not it (Texas in the United States for "Texas is in Mexico"), or, for a
// country or continent, is such a place itself ("Scotland is in England": Scotland is a country
// that lies in the United Kingdom); the correction names the place when every sense agrees on it.
// A sense the map nests in no place of that kind, and is no city, state, country or continent
// itself, is left out ("Japan: a string of more than 3,000 islands" beside Japan the country, in
// Asia); a sense that is a continent itself (Australia), in a claim about a continent, lies in
// no other, and leaves the refutation without a correction.
Reading ReadTheMap(const Lexicon& lexicon, const PlaceClaim& c, const Claim& claim) {
  Reading r;
  if (c.capital || c.subject.empty()) return r;
  if (LiesWithin(lexicon, c)) {
    r.verdict = Verdict::kSupported;
    return r;
  }
  if (SomeSenseWithin(lexicon, c)) return r;
  const std::optional<Lexicon::PlaceKind> shared = KindShared(lexicon, c);
  if (shared == Lexicon::PlaceKind::kCountry || shared == Lexicon::PlaceKind::kContinent) {
    r.verdict = Verdict::kRefuted;
    return r;
  }
  std::optional<uint32_t> other;
  bool agree = true;
  for (uint32_t y : c.object) {
    const Lexicon::PlaceKind kind = lexicon.KindOf(y);
    if (kind == Lexicon::PlaceKind::kOther) return r;
    for (uint32_t s : c.subject) {
      std::optional<uint32_t> e = lexicon.EnclosingOfKind(s, kind);
      // A sense of no kind the map nests nowhere ("Japan: a string of more than 3,000 islands")
      // says nothing either way; the others decide.
      if (!e && lexicon.KindOf(s) == Lexicon::PlaceKind::kOther) continue;
      if (!e || *e == y || lexicon.Within(y, *e) || lexicon.Within(*e, y)) return r;
      // A sense that is a continent itself (Australia, for "Australia is in Europe") lies in no
      // other: the claim is wrong, but no place corrects it. A city in a city may be a district.
      if (*e == s && kind != Lexicon::PlaceKind::kContinent) return r;
      if (*e == s) agree = false;
      if (other && *other != *e) agree = false;
      if (!other) other = e;
    }
  }
  if (!other) return r;
  r.verdict = Verdict::kRefuted;
  if (agree) {
    std::string place = lexicon.PlaceName(*other);
    if (NeedsArticle(place)) place = "the " + place;
    r.correction = ReplaceSpan(claim.text, c.replaced, place);
  }
  return r;
}

}  // namespace

bool PlaceVerifier::AppliesTo(const Claim& claim) const {
  return lexicon_ != nullptr && ParsePlaceClaim(*lexicon_, claim.text).has_value();
}

std::optional<Judgement> PlaceVerifier::Judge(const Claim& claim,
                                              std::span<const EvidenceSentence> evidence) const {
  if (lexicon_ == nullptr || HasNegation(claim.text)) return std::nullopt;
  std::optional<PlaceClaim> c = ParsePlaceClaim(*lexicon_, claim.text);
  if (!c) return std::nullopt;
  std::vector<size_t> supporting, refuting;
  std::string correction;
  bool shares_the_role = false;
  // The evidence comes from a knowledge base of titled entries, not given with the claim: only
  // then does WordNet's map speak where no sentence does.
  bool from_a_kb = false;
  // Entries about two places of one name ("Cairo: a town ... in Illinois", "Cairo: the capital of
  // Egypt") refute "Cairo is in Asia" with different places: then no correction is sure.
  bool corrections_disagree = false;
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const EvidenceSentence& ev = evidence[idx];
    if (ev.passage == nullptr) continue;
    const std::string_view sentence = ev.text();
    if (HasNegation(sentence)) continue;
    const std::vector<Token> t = Tokenize(sentence);
    const std::vector<Token> title = Tokenize(ev.passage->title);
    // About the subject: a titled passage's title names it ("bolti: food fish of the Nile and
    // other rivers of Africa and Asia" is not about the Nile), else the sentence does.
    const bool about_subject =
        title.empty()
            ? std::any_of(t.begin(), t.end(), [&](const Token& w) { return Names(*c, w); })
            : internal::TitleNames(ev.passage->title, c->subject_name);
    if (!title.empty()) from_a_kb = true;
    Reading reading;
    if (c->capital) {
      // A country may have several seats of government: "Sucre: the judicial capital ... of
      // Bolivia", "Cape Town: ... the seat of the legislative branch". Then no other city's
      // being the capital refutes the claim.
      if (about_subject && SharesTheCapital(*lexicon_, *c, t)) shares_the_role = true;
      reading = ReadCapital(*lexicon_, *c, claim, t, title);
    } else {
      if (!about_subject) continue;
      reading = ReadWhere(*lexicon_, *c, claim, t);
    }
    if (reading.verdict == Verdict::kSupported) supporting.push_back(idx);
    if (reading.verdict == Verdict::kRefuted) {
      refuting.push_back(idx);
      if (refuting.size() == 1) {
        correction = std::move(reading.correction);
      } else if (reading.correction != correction) {
        corrections_disagree = true;
      }
    }
  }
  // A name with a sense inside the claim's place is not refuted by an entry about another sense:
  // "Paris: a town in northeastern Texas" does not refute "Paris is in Europe".
  if (!c->capital && SomeSenseWithin(*lexicon_, *c)) refuting.clear();
  // A sentence does not put a place WordNet's map puts elsewhere in the claim's: "Toronto: ... on
  // Lake Ontario" (a lake of the United States too) does not put Toronto in the United States.
  // Nor does a country lie in another country, or a city in another city, unless the map nests
  // them (Scotland in the United Kingdom): "Monaco: ... a tiny enclave on the French Riviera"
  // does not put Monaco in France.
  const Reading map = ReadTheMap(*lexicon_, *c, claim);
  if (map.verdict == Verdict::kRefuted ||
      (!c->capital && !LiesWithin(*lexicon_, *c) && KindShared(*lexicon_, *c))) {
    supporting.clear();
  }
  if (shares_the_role && supporting.empty()) return std::nullopt;
  Judgement j;
  if (supporting.empty() && refuting.empty() && from_a_kb) {
    // No sentence says where the subject is: WordNet's map may. Cites nothing.
    if (map.verdict != Verdict::kNotEnoughInfo) {
      j.verifier = std::string(name());
      j.verdict = map.verdict;
      j.confidence = map.verdict == Verdict::kRefuted ? options_.refute_confidence
                     : c->only_places                 ? options_.settled_support_confidence
                                                      : options_.support_confidence;
      if (!map.correction.empty()) j.correction = map.correction;
      return j;
    }
  }
  if (supporting.empty() && refuting.empty()) {
    // No sentence names the capital (retrieval found the subject's entries, not the capital's):
    // WordNet's own name for it does, when the subject is another city of that country or state;
    // a city elsewhere is no capital of it, named or not. Not before retrieval (no evidence at
    // all): a sentence that names it is the better citation.
    if (!c->capital || evidence.empty()) return std::nullopt;
    const std::optional<std::string> capital = CapitalByName(*lexicon_, *c);
    if (!capital && !CityElsewhere(*lexicon_, *c)) return std::nullopt;
    j.verifier = std::string(name());
    j.verdict = Verdict::kRefuted;
    j.confidence = options_.refute_confidence;
    if (capital) j.correction = ReplaceSpan(claim.text, c->subject_span, *capital);
    return j;
  }
  j.verifier = std::string(name());
  if (!supporting.empty()) {
    j.verdict = Verdict::kSupported;
    j.confidence =
        c->only_places ? options_.settled_support_confidence : options_.support_confidence;
    j.evidence = std::move(supporting);
    return j;
  }
  j.verdict = Verdict::kRefuted;
  j.confidence = options_.refute_confidence;
  j.evidence = std::move(refuting);
  if (!corrections_disagree) j.correction = std::move(correction);
  return j;
}

}  // namespace fg
