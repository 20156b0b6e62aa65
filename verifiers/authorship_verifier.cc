#include "verifiers/authorship_verifier.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/entry_title.h"

namespace fg {
namespace {

using WordSet = std::set<std::string, std::less<>>;

bool IsWord(const Token& t) { return t.type != TokenType::kPunct; }

// The making verbs a claim may use, each with its passive ("wrote", "written").
constexpr std::pair<std::string_view, std::string_view> kMakingVerbs[] = {
    {"wrote", "written"},   {"authored", "authored"}, {"composed", "composed"},
    {"painted", "painted"}, {"directed", "directed"}, {"sculpted", "sculpted"}};

// The maker nouns, each with the making verb it stands for ("author" of what one wrote).
constexpr std::pair<std::string_view, std::string_view> kMakerNouns[] = {
    {"author", "wrote"},    {"writer", "wrote"},      {"composer", "composed"},
    {"painter", "painted"}, {"director", "directed"}, {"sculptor", "sculpted"}};

bool IsCreationVerb(std::string_view w) {
  return std::any_of(std::begin(kMakingVerbs), std::end(kMakingVerbs),
                     [&](const auto& verb) { return verb.first == w; });
}

// The active making verb of a passive participle: "written" is "wrote"; empty for other words.
std::string_view ActiveOf(std::string_view w) {
  for (const auto& [active, passive] : kMakingVerbs) {
    if (passive == w) return active;
  }
  return {};
}

// The making verb a maker noun stands for ("author": "wrote"); empty for other words.
std::string_view MakerVerb(std::string_view w) {
  for (const auto& [noun, verb] : kMakerNouns) {
    if (noun == w) return verb;
  }
  return {};
}

// What a making verb makes: the maker nouns and work words that go with it.
enum class Craft { kWriting, kMusic, kPainting, kFilm, kSculpture };

Craft CraftOf(std::string_view verb) {
  if (verb == "composed") return Craft::kMusic;
  if (verb == "painted") return Craft::kPainting;
  if (verb == "directed") return Craft::kFilm;
  if (verb == "sculpted") return Craft::kSculpture;
  return Craft::kWriting;  // "wrote", "authored"
}

// Work words, and the craft each belongs to.
std::optional<Craft> WorkWordCraft(std::string_view w) {
  static const std::pair<std::string_view, Craft> kWords[] = {
      {"novel", Craft::kWriting},     {"book", Craft::kWriting},
      {"play", Craft::kWriting},      {"tragedy", Craft::kWriting},
      {"comedy", Craft::kWriting},    {"novella", Craft::kWriting},
      {"poem", Craft::kWriting},      {"essay", Craft::kWriting},
      {"story", Craft::kWriting},     {"opera", Craft::kMusic},
      {"symphony", Craft::kMusic},    {"song", Craft::kMusic},
      {"film", Craft::kFilm},         {"movie", Craft::kFilm},
      {"painting", Craft::kPainting}, {"portrait", Craft::kPainting},
      {"statue", Craft::kSculpture},  {"sculpture", Craft::kSculpture}};
  for (const auto& [word, craft] : kWords) {
    if (w == word) return craft;
  }
  return std::nullopt;
}
bool IsWorkWord(std::string_view w) { return WorkWordCraft(w).has_value(); }

// Lowercase words inside a title: "War and Peace", "The Old Man and the Sea".
bool IsTitleJoiner(std::string_view w) {
  static const WordSet kWords = {"and", "of", "the", "a",  "an",   "in",
                                 "on",  "to", "for", "at", "from", "with"};
  return kWords.contains(w);
}
// Lowercase words inside a person's name: "Leonardo da Vinci", "Ludwig van Beethoven".
bool IsNameJoiner(std::string_view w) {
  static const WordSet kWords = {"da", "de", "van", "von", "der", "la", "le", "del", "di"};
  return kWords.contains(w);
}
// "author of", "composer of": the person made the work named after it.
bool IsMakerNoun(std::string_view w) {
  static const WordSet kWords = {"author", "writer", "composer", "painter", "creator", "director"};
  return kWords.contains(w);
}
// A maker noun that names the claim's craft: "author of" says who wrote a work, "director of"
// who directed it; a "creator" made it in any craft.
bool MakerNounFits(Craft craft, std::string_view w) {
  const std::string_view verb = MakerVerb(w);
  return w == "creator" || (!verb.empty() && CraftOf(verb) == craft);
}
// The passive of a making verb of the claim's craft: "written by", "composed by".
bool PassiveFits(Craft craft, std::string_view w) {
  const std::string_view verb = ActiveOf(w);
  return !verb.empty() && CraftOf(verb) == craft;
}

// The letters and digits of a text, lowercased: "Moby-Dick" and "Moby Dick" are both "mobydick".
std::string Key(std::string_view text) {
  std::string key;
  for (char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return key;
}

struct AuthorshipClaim {
  std::string author;            // "Herman Melville"
  Span author_span;              // where it stands in the claim
  std::string title;             // the work as the claim writes it: "Moby Dick"
  std::string last_name;         // its key: "melville"
  std::string verb;              // "wrote"
  std::string work;              // the title's key: "mobydick"
  std::string work_without_the;  // the same without a leading "The" ("oldmanandthesea")
};

// The making verb of a maker noun in a claim ("<person> is the author of <work>"); empty for other
// words and for "director", which heads agencies and schools as often as films.
std::string_view VerbOfMaker(std::string_view w) {
  return w == "director" ? std::string_view() : MakerVerb(w);
}

// True when the text may hold a making verb, its passive or a maker noun and "of": most claims
// are turned away here, untokenized.
bool MayHoldCreationVerb(std::string_view text) {
  for (const auto& [active, passive] : kMakingVerbs) {
    if (text.find(active) != std::string_view::npos) return true;
    if (text.find(passive) != std::string_view::npos) return true;
  }
  for (const auto& [noun, verb] : kMakerNouns) {
    if (!VerbOfMaker(noun).empty() && text.find(std::string(noun) + " of") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// The person named by all of t[begin, end): capitalised words, initials ("J. K. Rowling") and
// name joiners ("da"), ending on a capitalised word of two letters or more. Sets the claim's
// person; false when the tokens are no such name.
bool ReadPerson(std::string_view text, const std::vector<Token>& t, size_t begin, size_t end,
                AuthorshipClaim* c) {
  if (begin >= end) return false;
  size_t last = end;
  for (size_t i = begin; i < end; ++i) {
    if (!IsWord(t[i])) {
      const bool after_initial = t[i].text == "." && i > begin && t[i - 1].text.size() == 1;
      if (!after_initial) return false;
      continue;
    }
    if (!t[i].capitalized && !(i > begin && IsNameJoiner(t[i].lower))) return false;
    last = i;
  }
  if (last == end || t[last].text.size() < 2 || !t[last].capitalized) return false;
  c->author_span = {t[begin].span.begin, t[last].span.end};
  c->author = std::string(SurfaceText(text, c->author_span));
  c->last_name = Key(t[last].text);
  return true;
}

// The end of the person's name that starts at t[begin]: one past its last token, or `begin`.
size_t PersonEnd(const std::vector<Token>& t, size_t begin) {
  size_t end = begin;
  for (size_t i = begin; i < t.size(); ++i) {
    const bool initial_dot = t[i].text == "." && i > begin && t[i - 1].text.size() == 1 &&
                             i + 1 < t.size() && IsWord(t[i + 1]) && t[i + 1].capitalized;
    if (initial_dot) continue;
    if (!IsWord(t[i]) || !(t[i].capitalized || (i > begin && IsNameJoiner(t[i].lower)))) break;
    if (t[i].capitalized) end = i + 1;
  }
  return end;
}

// Reads the work from t[i]: past "the" and a work word ("the novel War and Peace"; a capitalised
// one is the title's own: "the Symphony of Light") and quotes, from the first capitalised word to
// the last one before anything that is neither capitalised nor a title's joiner, `until` at the
// latest. Sets the claim's work and returns one past its last token; nullopt when there is none.
std::optional<size_t> ReadWork(std::string_view text, const std::vector<Token>& t, size_t i,
                               size_t until, AuthorshipClaim* c) {
  if (i + 1 < until && t[i].text == "the") ++i;  // "the Mona Lisa"; "The" opens a title
  if (i < until && IsWorkWord(t[i].lower) && !t[i].capitalized) ++i;
  while (i < until && !IsWord(t[i]) && (t[i].text == "\"" || t[i].text == "\u201c")) ++i;
  if (i >= until || !IsWord(t[i]) || !t[i].capitalized) return std::nullopt;
  const size_t start = i;
  size_t end = i;
  for (; i < until && IsWord(t[i]); ++i) {
    if (t[i].capitalized) {
      end = i;
    } else if (!IsTitleJoiner(t[i].lower)) {
      break;
    }
  }
  c->work.clear();
  for (size_t k = start; k <= end; ++k) c->work += Key(t[k].text);
  c->title = std::string(SurfaceText(text, {t[start].span.begin, t[end].span.end}));
  c->work_without_the = t[start].lower == "the" && end > start ? c->work.substr(3) : c->work;
  if (c->work.size() < 3) return std::nullopt;
  return end + 1;
}

// True when only closing quotes stand in t[from, to).
bool OnlyQuotes(const std::vector<Token>& t, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (t[i].text != "\"" && t[i].text != "\u201d") return false;
  }
  return true;
}

// "<person> wrote <work>", "<work> was written by <person>", "<person> is the author of <work>"
// and "the author of <work> is <person>".
std::optional<AuthorshipClaim> ParseClaim(std::string_view text) {
  if (!MayHoldCreationVerb(text)) return std::nullopt;
  const std::vector<Token> t = Tokenize(text);
  if (HasNegation(t)) return std::nullopt;
  AuthorshipClaim c;
  const auto is_be = [&](size_t i) { return t[i].lower == "was" || t[i].lower == "is"; };
  for (size_t k = 1; k + 1 < t.size(); ++k) {
    // "<person> wrote <work>".
    if (IsCreationVerb(t[k].lower)) {
      c.verb = t[k].lower;
      if (ReadPerson(text, t, 0, k, &c) && ReadWork(text, t, k + 1, t.size(), &c)) return c;
      return std::nullopt;
    }
    // "<work> was written by <person>": the work is all that stands before "was".
    if (is_be(k) && k + 3 < t.size() && !ActiveOf(t[k + 1].lower).empty() &&
        t[k + 2].lower == "by") {
      c.verb = std::string(ActiveOf(t[k + 1].lower));
      const std::optional<size_t> work_end = ReadWork(text, t, 0, k, &c);
      if (!work_end || !OnlyQuotes(t, *work_end, k)) return std::nullopt;
      if (ReadPerson(text, t, k + 3, PersonEnd(t, k + 3), &c)) return c;
      return std::nullopt;
    }
    // "<person> is the author of <work>", "the author of <work> is <person>".
    if (t[k - 1].lower == "the" && t[k + 1].lower == "of" && !VerbOfMaker(t[k].lower).empty()) {
      c.verb = std::string(VerbOfMaker(t[k].lower));
      if (k >= 3 && is_be(k - 2)) {
        if (ReadPerson(text, t, 0, k - 2, &c) && ReadWork(text, t, k + 2, t.size(), &c)) return c;
        return std::nullopt;
      }
      if (k != 1) return std::nullopt;
      size_t be = k + 2;
      while (be < t.size() && !is_be(be)) ++be;
      if (be + 1 >= t.size()) return std::nullopt;
      const std::optional<size_t> work_end = ReadWork(text, t, k + 2, be, &c);
      if (!work_end || !OnlyQuotes(t, *work_end, be)) return std::nullopt;
      if (ReadPerson(text, t, be + 1, PersonEnd(t, be + 1), &c)) return c;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// True when some of the sentence's tokens, from `t[i]` on, spell `key`; `end` is then one past
// the last of them.
bool Spells(const std::vector<std::string>& keys, size_t i, const std::string& key, size_t* end) {
  std::string joined;
  for (size_t j = i; j < keys.size() && joined.size() < key.size(); ++j) {
    if (keys[j].empty()) return false;  // punctuation inside: not the title
    joined += keys[j];
    if (joined == key) {
      *end = j + 1;
      return true;
    }
    if (key.compare(0, joined.size(), joined) != 0) return false;
  }
  return false;
}

// True when t[begin, end) is a whole title, not a part of a longer one: "War" in "War and Peace".
bool WholeTitle(const std::vector<Token>& t, size_t begin, size_t end) {
  const auto capital = [&](size_t i) { return i < t.size() && IsWord(t[i]) && t[i].capitalized; };
  if (capital(end) || (end < t.size() && IsTitleJoiner(t[end].lower) && capital(end + 1))) {
    return false;
  }
  if (begin > 0 && IsWord(t[begin - 1]) && t[begin - 1].capitalized) {
    // An article or a possessive ("Melville's Moby Dick") opens the title; a name word extends it.
    const std::string& w = t[begin - 1].lower;
    if (w != "the" && !w.ends_with("'s") && !w.ends_with("\u2019s")) return false;
  }
  return !(begin > 1 && IsTitleJoiner(t[begin - 1].lower) && capital(begin - 2));
}

// True when the tokens of the sentence link the person to the work spelled at t[begin, end);
// `titled` says the passage title names the person.
bool Links(const std::vector<Token>& t, const std::vector<std::string>& keys, size_t begin,
           size_t end, const AuthorshipClaim& c, bool titled) {
  const auto named_before = [&](size_t limit) {
    for (size_t k = 0; k < limit; ++k) {
      if (keys[k] == c.last_name) return true;
    }
    return false;
  };
  // Skip back over "the" and quotes before the work.
  size_t before = begin;
  while (before > 0 && (t[before - 1].lower == "the" || !IsWord(t[before - 1]))) --before;
  // "[Melville,] author of [the] Moby Dick", up to two words between "of" and the work; the
  // person named before it or the entry about the person, or "author of Moby Dick was Melville".
  for (size_t k = before; k > 0 && before - k < 3; --k) {
    if (t[k - 1].lower != "of" || k < 2 || !IsMakerNoun(t[k - 2].lower)) continue;
    const bool after = end + 1 < t.size() && (t[end].lower == "was" || t[end].lower == "is") &&
                       keys[end + 1] == c.last_name;
    if (titled || named_before(k - 2) || after) return true;
  }
  // "Melville's Moby Dick", "Melville wrote Moby Dick", "written by".
  if (before > 0) {
    const std::string& w = t[before - 1].lower;
    if (w == c.last_name + "'s" || w == c.last_name + "\u2019s") return true;
    if ((w == c.verb || w == "written") && named_before(before - 1)) return true;
  }
  // "Moby Dick ... by Herman Melville": "by" up to four tokens after the work, the last name up
  // to six after "by".
  for (size_t k = end; k < t.size() && k < end + 5; ++k) {
    if (t[k].lower != "by") continue;
    for (size_t n = k + 1; n < t.size() && n < k + 7; ++n) {  // "by J . K . Rowling"
      if (keys[n] == c.last_name) return true;
    }
  }
  return false;
}

// The name that starts at t[from]: capitalised words, initials ("J . K . Rowling") and name
// joiners ("da"), ending on a capitalised word of two letters or more; its span in the sentence,
// or nullopt.
std::optional<Span> NameAt(const std::vector<Token>& t, size_t from) {
  std::optional<Span> name;
  for (size_t i = from; i < t.size(); ++i) {
    const bool initial = IsWord(t[i]) && t[i].capitalized && t[i].text.size() == 1 &&
                         i + 1 < t.size() && t[i + 1].text == ".";
    if (initial) {
      ++i;  // the dot
      continue;
    }
    if (IsWord(t[i]) && t[i].capitalized && t[i].lower != "the" && t[i].text.size() >= 2) {
      name = Span{t[from].span.begin, t[i].span.end};
      continue;
    }
    if (!(IsWord(t[i]) && IsNameJoiner(t[i].lower) && name)) break;
  }
  return name;
}

// One or more makers named together: "Marx and Engels", "Paul McCartney and John Lennon".
struct Maker {
  std::string text;                     // as the sentence writes it
  std::vector<std::string> last_names;  // keys: "marx", "engels"
};

// The key of a name's last word: "defoe" of "Daniel Defoe".
std::string LastNameKey(std::string_view name) {
  const size_t space = name.rfind(' ');
  return Key(space == std::string_view::npos ? name : name.substr(space + 1));
}

Maker OneMaker(std::string name) {
  Maker m;
  m.last_names = {LastNameKey(name)};
  m.text = std::move(name);
  return m;
}

// The names that start at t[from], joined by "," or "and" ("Marx and Engels"); nullopt for none.
std::optional<Maker> NamesAt(std::string_view sentence, const std::vector<Token>& t, size_t from) {
  std::optional<Maker> m;
  size_t begin = 0, end = 0;
  for (size_t i = from; i < t.size();) {
    std::optional<Span> name = NameAt(t, i);
    if (!name) break;
    if (!m) {
      m = Maker();
      begin = name->begin;
    }
    end = name->end;
    m->last_names.push_back(LastNameKey(SurfaceText(sentence, *name)));
    while (i < t.size() && t[i].span.begin < name->end) ++i;
    if (i + 1 < t.size() && (t[i].text == "," || t[i].lower == "and" || t[i].text == "&")) {
      ++i;
      if (t[i].lower == "and" && t[i - 1].text == ",") ++i;  // "A, B, and C"
      continue;
    }
    break;
  }
  if (m) m->text = std::string(SurfaceText(sentence, {begin, end}));
  return m;
}

// The name whose possessive is t[at - 1] ("Daniel Defoe's", "Tolstoy\u2019s"), without the
// "'s"; nullopt when t[at - 1] is no capitalised possessive.
std::optional<std::string> PossessorBefore(std::string_view sentence, const std::vector<Token>& t,
                                           size_t at) {
  if (at == 0 || !IsWord(t[at - 1]) || !t[at - 1].capitalized) return std::nullopt;
  const std::string& w = t[at - 1].lower;
  const size_t suffix = w.ends_with("'s") ? 2 : w.ends_with("\u2019s") ? 4 : 0;
  if (suffix == 0 || w.size() <= suffix + 1) return std::nullopt;
  size_t start = at - 1;
  // Not a capitalised function word or a dictionary's cross-reference: "See Milton's \"Paradise
  // Lost\"" names Milton.
  const auto opens_sentence = [&](const std::string& w) {
    return w == "the" || w == "see" || w == "cf" || w == "compare" || IsStopWord(w);
  };
  while (start > 0 && IsWord(t[start - 1]) &&
         (t[start - 1].capitalized || IsNameJoiner(t[start - 1].lower)) &&
         !opens_sentence(t[start - 1].lower)) {
    --start;
  }
  std::string name(SurfaceText(sentence, {t[start].span.begin, t[at - 1].span.end}));
  name.resize(name.size() - suffix);
  return name;
}

// Another maker of the work spelled at t[begin, end), when the sentence gives one: "Moby Dick, a
// novel by Herman Melville" (only punctuation, articles, figures, a work word or a making verb of
// the claim's craft between the work and "by": not "a film by", "translated by"), or "author of
// Moby Dick" said of the sentence's opening name ("Herman Melville, American novelist, author of
// Moby Dick") or of the entry's subject (`title`). The caller has made sure the sentence does not
// name the claim's person.
std::optional<Maker> OtherMaker(std::string_view sentence, const std::vector<Token>& t,
                                size_t begin, size_t end, const AuthorshipClaim& c,
                                std::string_view title) {
  const Craft craft = CraftOf(c.verb);
  for (size_t k = end; k < t.size() && k < end + 5; ++k) {
    const std::string& w = t[k].lower;
    if (w == "by") return NamesAt(sentence, t, k + 1);
    const bool punct = !IsWord(t[k]) && w != "." && w != ";" && w != ":";
    const bool fits = w == "a" || w == "an" || w == "the" || t[k].type == TokenType::kNumber ||
                      WorkWordCraft(w) == craft || PassiveFits(craft, w);
    if (!punct && !fits) break;
  }
  size_t before = begin;
  while (before > 0 && (t[before - 1].lower == "the" || !IsWord(t[before - 1]))) --before;
  // "Tolstoy's War and Peace".
  if (std::optional<std::string> owner = PossessorBefore(sentence, t, before)) {
    return OneMaker(std::move(*owner));
  }
  for (size_t k = before; k > 0 && before - k < 3; --k) {
    if (t[k - 1].lower != "of" || k < 2 || !MakerNounFits(craft, t[k - 2].lower)) continue;
    // The sentence's opening name, when a comma follows it, unless it opens the entry's own
    // list of names ("Melville, Herman Melville: ..."): then the title's full name.
    const std::string_view subject = internal::FullTitleName(title);
    if (std::optional<Span> name = NameAt(t, 0)) {
      size_t after = 0;
      while (after < t.size() && t[after].span.begin < name->end) ++after;
      const std::string_view opening = SurfaceText(sentence, *name);
      if (after < t.size() && t[after].text == "," && !internal::TitleNames(title, opening)) {
        return OneMaker(std::string(opening));
      }
    }
    if (!subject.empty() && Key(subject) != c.work && Key(subject) != c.work_without_the) {
      return OneMaker(std::string(subject));
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// True when one of the makers has the claim's person's last name.
bool Names(const Maker& m, const std::string& last_name) {
  return std::find(m.last_names.begin(), m.last_names.end(), last_name) != m.last_names.end();
}

// True when the title's first listed name is capitalised: a proper name ("Robinson Crusoe"), not
// WordNet's lemma of a common noun ("psychotic, psycho" for "Psycho").
bool CapitalisedTitle(std::string_view title) {
  return !title.empty() && std::isupper(static_cast<unsigned char>(title.front()));
}

// The makers a sentence of the work's own entry names for it (every sentence of that entry is
// about the work): "Robinson Crusoe: the hero of Daniel Defoe's novel", "Pilgrim's Progress: an
// allegory written by John Bunyan", "The great epic poem of Virgil". Only work words and passive
// verbs of the claim's craft count ("a film by" says nothing of who wrote the book).
std::vector<Maker> EntryMakers(std::string_view sentence, const std::vector<Token>& t,
                               Craft craft) {
  std::vector<Maker> makers;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i].lower;
    // "<Name>'s [up to two words] <work word>".
    if (std::optional<std::string> owner = PossessorBefore(sentence, t, i + 1)) {
      size_t k = i + 1;
      while (k < t.size() && k < i + 3 && IsWord(t[k]) && !t[k].capitalized &&
             WorkWordCraft(t[k].lower) != craft) {
        ++k;
      }
      if (k < t.size() && WorkWordCraft(t[k].lower) == craft) {
        makers.push_back(OneMaker(std::move(*owner)));
      }
    }
    // "<work word | passive> by <Name>", "<work word> of <Name>", "attributed to <Name>".
    if ((w == "by" || w == "of" || w == "to") && i > 0 && i + 1 < t.size()) {
      const std::string& prev = t[i - 1].lower;
      const bool fits = (w != "to" && WorkWordCraft(prev) == craft) ||
                        (w == "by" && PassiveFits(craft, prev)) ||
                        (w == "to" && prev == "attributed");
      if (!fits) continue;
      if (std::optional<Maker> m = NamesAt(sentence, t, i + 1)) makers.push_back(std::move(*m));
    }
  }
  return makers;
}

}  // namespace

bool AuthorshipVerifier::AppliesTo(const Claim& claim) const {
  return ParseClaim(claim.text).has_value();
}

std::vector<std::string> AuthorshipVerifier::FollowUpQueries(const Claim& claim) const {
  std::optional<AuthorshipClaim> c = ParseClaim(claim.text);
  if (!c) return {};
  return {c->title};
}

std::optional<Judgement> AuthorshipVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  std::optional<AuthorshipClaim> c = ParseClaim(claim.text);
  if (!c) return std::nullopt;
  std::vector<size_t> supporting, refuting;
  std::vector<Maker> makers;  // the other makers the refuting sentences name
  bool person_entry = false;  // a passage whose title names the claim's person
  bool work_named = false;    // some sentence or title names the work
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const EvidenceSentence& ev = evidence[idx];
    const std::string_view title = ev.passage != nullptr ? std::string_view(ev.passage->title) : "";
    const bool titled = internal::TitleNames(title, c->author);
    person_entry = person_entry || titled;
    // The work's own entry (every sentence of it is about the work).
    const bool work_entry =
        CapitalisedTitle(title) &&
        (internal::TitleNames(title, c->title) || internal::TitleNamesPartOf(title, c->title));
    work_named = work_named || work_entry;
    const std::string_view sentence = ev.text();
    const std::vector<Token> t = Tokenize(sentence);
    std::vector<std::string> keys;
    keys.reserve(t.size());
    for (const Token& w : t) keys.push_back(IsWord(w) ? Key(w.text) : std::string());
    // The person: the last name in the sentence (it may end a possessive: "Melville's"), or
    // the passage title listing the whole name.
    bool person = titled;
    for (const std::string& k : keys) {
      person = person || k == c->last_name || k == c->last_name + "s";
    }
    const bool negated = HasNegation(sentence);
    bool links = false;
    std::optional<Maker> other;
    // What the work's own entry says of its maker.
    if (work_entry && !negated) {
      for (Maker& maker : EntryMakers(sentence, t, CraftOf(c->verb))) {
        if (Names(maker, c->last_name)) {
          links = true;
        } else if (!person && !other) {
          other = std::move(maker);
        }
      }
    }
    for (size_t i = 0; i < t.size() && !links; ++i) {
      size_t end = 0;
      if (!Spells(keys, i, c->work, &end) && !Spells(keys, i, c->work_without_the, &end)) {
        continue;
      }
      if (!WholeTitle(t, i, end)) continue;
      // A title is capitalised: "psychotic, psycho: a person ..." names no work "Psycho".
      if (!t[i].capitalized) continue;
      work_named = true;
      if (negated) continue;
      if (person) {
        links = Links(t, keys, i, end, *c, titled);
      } else if (!other) {
        other = OtherMaker(sentence, t, i, end, *c, title);
      }
    }
    if (links) {
      supporting.push_back(idx);
    } else if (other && !Names(*other, c->last_name)) {
      refuting.push_back(idx);
      // The same makers however written ("Thomas More", "Sir Thomas More"): the longest writing.
      auto same = std::find_if(makers.begin(), makers.end(),
                               [&](const Maker& m) { return m.last_names == other->last_names; });
      if (same == makers.end()) {
        makers.push_back(std::move(*other));
      } else if (other->text.size() > same->text.size()) {
        same->text = std::move(other->text);
      }
    }
  }
  Judgement j;
  j.verifier = std::string(name());
  if (!supporting.empty()) {
    j.verdict = Verdict::kSupported;
    j.confidence = options_.support_confidence;
    j.evidence = std::move(supporting);
    return j;
  }
  if (!refuting.empty()) {
    j.verdict = Verdict::kRefuted;
    j.confidence = options_.refute_confidence;
    j.evidence = std::move(refuting);
    if (makers.size() == 1) {
      j.correction = ReplaceSpan(claim.text, c->author_span, makers.front().text);
    }
    return j;
  }
  if (person_entry && !work_named) {
    // The person's entry is here, and nothing names the work: the evidence cannot say whether
    // the person made it.
    j.verdict = Verdict::kNotEnoughInfo;
    j.confidence = options_.unnamed_work_confidence;
    return j;
  }
  return std::nullopt;
}

}  // namespace fg
