#include "verifiers/authorship_verifier.h"

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

bool IsCreationVerb(std::string_view w) {
  static const WordSet kWords = {"wrote",   "authored", "composed",
                                 "painted", "directed", "sculpted"};
  return kWords.contains(w);
}
bool IsWorkWord(std::string_view w) {
  static const WordSet kWords = {"novel", "book",  "play", "poem",     "opera", "symphony",
                                 "film",  "movie", "song", "painting", "essay", "story"};
  return kWords.contains(w);
}
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
  std::string last_name;         // its key: "melville"
  std::string verb;              // "wrote"
  std::string work;              // the title's key: "mobydick"
  std::string work_without_the;  // the same without a leading "The" ("oldmanandthesea")
};

// True when the text may hold a making verb: most claims are turned away here, untokenized.
bool MayHoldCreationVerb(std::string_view text) {
  for (std::string_view verb :
       {"wrote", "authored", "composed", "painted", "directed", "sculpted"}) {
    if (text.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

std::optional<AuthorshipClaim> ParseClaim(std::string_view text) {
  if (!MayHoldCreationVerb(text)) return std::nullopt;
  const std::vector<Token> t = Tokenize(text);
  size_t verb = 0;
  while (verb < t.size() && !IsCreationVerb(t[verb].lower)) ++verb;
  if (verb == 0 || verb + 1 >= t.size() || HasNegation(t)) return std::nullopt;
  // The person: capitalised words, initials ("J. K. Rowling") and name joiners.
  size_t last = verb;
  for (size_t i = 0; i < verb; ++i) {
    if (!IsWord(t[i])) {
      const bool after_initial = t[i].text == "." && i > 0 && t[i - 1].text.size() == 1;
      if (!after_initial) return std::nullopt;
      continue;
    }
    if (!t[i].capitalized && !(i > 0 && IsNameJoiner(t[i].lower))) return std::nullopt;
    last = i;
  }
  if (last == verb || t[last].text.size() < 2) return std::nullopt;
  AuthorshipClaim c;
  c.author = std::string(SurfaceText(text, {t[0].span.begin, t[last].span.end}));
  c.last_name = Key(t[last].text);
  c.verb = t[verb].lower;
  // The work: past "the" and a work word, then from the first capitalised word to the last one
  // before anything that is neither capitalised nor a title's joiner.
  size_t i = verb + 1;
  if (i + 1 < t.size() && t[i].text == "the") ++i;  // "the Mona Lisa"; "The" opens a title
  if (i < t.size() && IsWorkWord(t[i].lower)) ++i;  // "the novel War and Peace"
  while (i < t.size() && !IsWord(t[i]) && (t[i].text == "\"" || t[i].text == "\u201c")) ++i;
  if (i >= t.size() || !IsWord(t[i]) || !t[i].capitalized) return std::nullopt;
  const size_t start = i;
  size_t end = i;
  for (; i < t.size() && IsWord(t[i]); ++i) {
    if (t[i].capitalized) {
      end = i;
    } else if (!IsTitleJoiner(t[i].lower)) {
      break;
    }
  }
  for (size_t k = start; k <= end; ++k) c.work += Key(t[k].text);
  c.work_without_the = t[start].lower == "the" && end > start ? c.work.substr(3) : c.work;
  if (c.work.size() < 3) return std::nullopt;
  return c;
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

}  // namespace

bool AuthorshipVerifier::AppliesTo(const Claim& claim) const {
  return ParseClaim(claim.text).has_value();
}

std::optional<Judgement> AuthorshipVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  std::optional<AuthorshipClaim> c = ParseClaim(claim.text);
  if (!c) return std::nullopt;
  std::vector<size_t> supporting;
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const EvidenceSentence& ev = evidence[idx];
    const std::string_view sentence = ev.text();
    if (HasNegation(sentence)) continue;
    const std::vector<Token> t = Tokenize(sentence);
    std::vector<std::string> keys;
    keys.reserve(t.size());
    for (const Token& w : t) keys.push_back(IsWord(w) ? Key(w.text) : std::string());
    // The person: the last name in the sentence (it may end a possessive: "Melville's"), or
    // the passage title listing the whole name.
    const bool titled = ev.passage != nullptr && internal::TitleNames(ev.passage->title, c->author);
    bool person = titled;
    for (const std::string& k : keys) {
      person = person || k == c->last_name || k == c->last_name + "s";
    }
    if (!person) continue;
    bool links = false;
    for (size_t i = 0; i < t.size() && !links; ++i) {
      size_t end = 0;
      if (!Spells(keys, i, c->work, &end) && !Spells(keys, i, c->work_without_the, &end)) {
        continue;
      }
      links = WholeTitle(t, i, end) && Links(t, keys, i, end, *c, titled);
    }
    if (links) supporting.push_back(idx);
  }
  if (supporting.empty()) return std::nullopt;
  Judgement j;
  j.verifier = std::string(name());
  j.verdict = Verdict::kSupported;
  j.confidence = options_.support_confidence;
  j.evidence = std::move(supporting);
  return j;
}

}  // namespace fg
