#include "verifiers/superlative_verifier.h"

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

bool IsWord(const Token& t) { return t.type == TokenType::kWord; }

bool IsSuperlativeWord(std::string_view w) {
  static const WordSet kWords = {
      "largest", "biggest",   "longest",  "highest", "tallest",  "deepest",  "smallest",
      "oldest",  "youngest",  "heaviest", "fastest", "hottest",  "coldest",  "driest",
      "wettest", "brightest", "busiest",  "richest", "poorest",  "widest",   "shortest",
      "lowest",  "greatest",  "nearest",  "closest", "farthest", "furthest", "strongest",
      "densest", "lightest",  "saltiest"};
  return kWords.contains(w);
}

// One form for superlatives that rank alike: "biggest" is "largest", "closest" is "nearest".
std::string RankingWord(std::string_view w) {
  if (w == "biggest") return "largest";
  if (w == "closest") return "nearest";
  if (w == "furthest") return "farthest";
  return std::string(w);
}

// "nearest" and "farthest" rank by distance to a reference: "the nearest planet to the sun".
bool RanksByDistance(std::string_view superlative) {
  return superlative == "nearest" || superlative == "farthest";
}

// Words that end a noun phrase: prepositions, conjunctions and relative words.
bool EndsNounPhrase(std::string_view w) {
  static const WordSet kWords = {"in",    "on",    "of",   "among", "from", "to",  "at",
                                 "by",    "since", "ever", "and",   "or",   "but", "that",
                                 "which", "with",  "for",  "after", "than", "is",  "was"};
  return kWords.contains(w);
}

// A scope that is everything there is: "in the world", "on Earth", "in the solar system".
bool IsWorldScope(const std::vector<std::string>& scope) {
  static const WordSet kWorld = {"world",  "earth", "universe", "solar", "system",
                                 "planet", "globe", "sky",      "night"};
  return std::all_of(scope.begin(), scope.end(),
                     [](const std::string& w) { return kWorld.contains(w); });
}

// Words that put what a sentence says in the past: "was the tallest building until 1931".
bool IsPastWord(std::string_view w) {
  static const WordSet kWords = {"was",  "were",       "until", "formerly", "former",
                                 "once", "previously", "had",   "then"};
  return kWords.contains(w);
}

// The rank an ordinal gives: "second" and "2nd" give 2.
std::optional<int> Ordinal(std::string_view w) {
  static constexpr std::pair<std::string_view, int> kWords[] = {
      {"first", 1}, {"second", 2},  {"third", 3},  {"fourth", 4}, {"fifth", 5},
      {"sixth", 6}, {"seventh", 7}, {"eighth", 8}, {"ninth", 9},  {"tenth", 10}};
  for (const auto& [word, rank] : kWords) {
    if (w == word) return rank;
  }
  size_t digits = 0;
  while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
  if (digits == 0 || digits > 3 || digits + 2 != w.size()) return std::nullopt;
  const std::string_view suffix = w.substr(digits);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return std::nullopt;
  return std::stoi(std::string(w.substr(0, digits)));
}

// One form for singular and plural: "planets" and "planet", "countries" and "country".
std::string Singular(const std::string& w) {
  if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && w.ends_with("s") && !w.ends_with("ss")) return w.substr(0, w.size() - 1);
  return w;
}

// A superlative and what follows it, read from tokens: t[at] is the superlative ("largest", or
// "most" before "populous"), the noun phrase follows, then perhaps a scope.
struct Ranking {
  std::string superlative;         // "largest", "most populous"
  std::vector<std::string> noun;   // singular forms: {"planet"}, {"freshwater", "lake"}
  std::vector<std::string> scope;  // lowercased words after "in"/"on"/"of", without "the"
  bool world = false;              // a scope of everything ("the world's", "in the world")
};

// Reads the ranking whose superlative starts at t[at]; nullopt when there is none there.
std::optional<Ranking> ReadRanking(const std::vector<Token>& t, size_t at) {
  Ranking r;
  size_t i = at;
  if (i >= t.size() || !IsWord(t[i])) return std::nullopt;
  if (IsSuperlativeWord(t[i].lower)) {
    r.superlative = RankingWord(t[i].lower);
    ++i;
  } else if (t[i].lower == "most" && i + 1 < t.size() && IsWord(t[i + 1]) &&
             !EndsNounPhrase(t[i + 1].lower)) {
    r.superlative = "most " + t[i + 1].lower;
    i += 2;
  } else {
    return std::nullopt;
  }
  while (i < t.size() && IsWord(t[i]) && !EndsNounPhrase(t[i].lower) && r.noun.size() < 4) {
    r.noun.push_back(Singular(t[i].lower));
    ++i;
  }
  if (r.noun.empty() || r.noun.size() > 3) return std::nullopt;
  // A restriction this reading does not follow ("the largest city to the north of the Arctic
  // Circle", "the largest city after Cairo", "the tallest building that ...") is no ranking of
  // all things of the kind; "with" describes more often than it restricts ("Asia: the largest
  // continent with 60% of the earth's population").
  // A distance's reference is its scope: "to the sun" of "the nearest planet to the sun".
  static const WordSet kNoRestriction = {"in", "on", "of", "and", "or", "but", "is", "was", "with"};
  const bool reference = i < t.size() && RanksByDistance(r.superlative) &&
                         (t[i].lower == "to" || t[i].lower == "from");
  if (i < t.size() && IsWord(t[i]) && !kNoRestriction.contains(t[i].lower) && !reference) {
    return std::nullopt;
  }
  if (i < t.size() &&
      (t[i].lower == "in" || t[i].lower == "on" || t[i].lower == "of" || reference)) {
    for (++i; i < t.size() && t[i].type != TokenType::kPunct; ++i) {
      if (t[i].lower == "and" || t[i].lower == "or") break;
      if (IsWord(t[i]) && t[i].lower != "the") r.scope.push_back(t[i].lower);
    }
  }
  r.world = IsWorldScope(r.scope);
  if (r.world) r.scope.clear();
  return r;
}

// The claim: its subject, and the ranking it gives the subject.
struct SuperlativeClaim {
  Span subject;              // "Mars", "The Amazon"
  std::string subject_name;  // its text
  Ranking ranking;
  size_t superlative_begin = 0;  // where the superlative starts in the claim's text
};

std::optional<SuperlativeClaim> ParseClaim(std::string_view text) {
  // Most claims are turned away here, untokenized: no "the", or no "most" or "...est".
  if (text.find("the ") == std::string_view::npos ||
      (text.find("est ") == std::string_view::npos &&
       text.find("most ") == std::string_view::npos && !text.ends_with("est"))) {
    return std::nullopt;
  }
  const std::vector<Token> t = Tokenize(text);
  size_t verb = 0;
  while (verb < t.size() && t[verb].lower != "is" && t[verb].lower != "are") ++verb;
  if (verb == 0 || verb + 2 >= t.size() || verb > 6 || HasNegation(t)) return std::nullopt;
  // The subject is a name: capitalised words, "of" and "the" between them ("Statue of Liberty").
  for (size_t i = 0; i < verb; ++i) {
    const bool joiner = i > 0 && (t[i].lower == "of" || t[i].lower == "the");
    if (!IsWord(t[i]) || !(t[i].capitalized || joiner)) return std::nullopt;
  }
  if (t[0].lower == "it" || t[0].lower == "this" || t[0].lower == "they") return std::nullopt;
  size_t i = verb + 1;
  if (t[i].lower != "the") return std::nullopt;
  ++i;
  bool world = false;
  if (i < t.size() && t[i].lower == "world's") {
    world = true;
    ++i;
  }
  if (i < t.size() && Ordinal(t[i].lower)) return std::nullopt;  // the numeric expert's
  SuperlativeClaim c;
  c.superlative_begin = i < t.size() ? t[i].span.begin : 0;
  std::optional<Ranking> r = ReadRanking(t, i);
  if (!r) return std::nullopt;
  if (world && r->scope.empty()) r->world = true;
  c.ranking = std::move(*r);
  c.subject = {t[0].span.begin, t[verb - 1].span.end};
  c.subject_name = std::string(SurfaceText(text, c.subject));
  return c;
}

// What one entry's sentence says: the rank it gives its subject in the claim's ranking.
struct Said {
  int rank = 0;           // 0: nothing
  std::string rank_text;  // "2nd"
};

// The rank the sentence `t` (from an entry titled `title`) gives its own subject in the claim's
// ranking, or nothing.
Said ReadSentence(const std::vector<Token>& t, std::string_view title, const Ranking& claim) {
  Said said;
  for (size_t at = 0; at < t.size(); ++at) {
    std::optional<Ranking> r = ReadRanking(t, at);
    if (!r || r->superlative != claim.superlative) continue;
    // The same ranking: the claim's noun phrase opens the sentence's ("highest mountain peak"),
    // within the same scope.
    if (r->noun.size() < claim.noun.size() ||
        !std::equal(claim.noun.begin(), claim.noun.end(), r->noun.begin())) {
      continue;
    }
    // What stands before: [the] [world's] [ordinal] <superlative>.
    size_t k = at;
    int rank = 1;
    std::string rank_text;
    if (k > 0 && Ordinal(t[k - 1].lower)) {
      rank = *Ordinal(t[k - 1].lower);
      rank_text = std::string(t[k - 1].text);
      --k;
    }
    bool world = false;
    if (k > 0 && t[k - 1].lower == "world's") {
      world = true;
      --k;
    }
    // "the", or nothing where the rank opens a clause ("...; second brightest star in the sky").
    const bool article = k > 0 && t[k - 1].lower == "the";
    if (!article && (k == 0 || (t[k - 1].text != ":" && t[k - 1].text != ";"))) continue;
    if (article) --k;  // t[k] is "the"
    if (world && r->scope.empty()) r->world = true;
    if (r->world != claim.world || r->scope != claim.scope) continue;
    // Said of the entry's own subject: it opens the definition or a clause, or follows "it is" or
    // the entry's name and "is".
    size_t clause = k;
    while (clause > 0 && t[clause - 1].text != ":" && t[clause - 1].text != ";") --clause;
    // A quoted example opens a clause too ("; \"Alaska is the largest state in the United
    // States\"").
    while (clause < k && t[clause].type == TokenType::kPunct) ++clause;
    bool own = clause == k;
    // Or joins a definition that opens with a noun phrase: "Cairo: the capital of Egypt and the
    // largest city in Africa" (not after a comma: "a moon of Jupiter, the largest planet").
    if (!own && t[k - 1].lower == "and" &&
        (t[clause].lower == "the" || t[clause].lower == "a" || t[clause].lower == "an") &&
        std::none_of(t.begin() + static_cast<std::ptrdiff_t>(clause),
                     t.begin() + static_cast<std::ptrdiff_t>(k),
                     [](const Token& w) { return w.text == ","; })) {
      own = true;
    }
    if (!own && k >= 2 && (t[k - 1].lower == "is" || t[k - 1].lower == "are")) {
      std::string before;
      for (size_t j = clause; j + 1 < k; ++j) {
        if (t[j].type == TokenType::kPunct) continue;
        if (!before.empty()) before += ' ';
        before += t[j].text;
      }
      own = before == "It" || before == "it" || internal::TitleNames(title, before);
    }
    if (!own) continue;
    said.rank = rank;
    said.rank_text = rank_text;
    return said;
  }
  return said;
}

}  // namespace

bool SuperlativeVerifier::AppliesTo(const Claim& claim) const {
  return ParseClaim(claim.text).has_value();
}

std::vector<std::string> SuperlativeVerifier::FollowUpQueries(const Claim& claim) const {
  std::optional<SuperlativeClaim> c = ParseClaim(claim.text);
  if (!c) return {};
  // "the largest planet" (a scope of the world adds only words that every entry about the world
  // shares), "the largest city in africa".
  std::string query = "the " + c->ranking.superlative;
  for (const std::string& w : c->ranking.noun) query += " " + w;
  if (!c->ranking.scope.empty()) query += " in";
  for (const std::string& w : c->ranking.scope) query += " " + w;
  return {query};
}

std::optional<Judgement> SuperlativeVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  std::optional<SuperlativeClaim> c = ParseClaim(claim.text);
  if (!c) return std::nullopt;
  std::vector<size_t> supporting, own_refuting, other_refuting;
  std::string own_correction;
  std::vector<std::string> others;  // the entries' subjects that hold the first rank
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const EvidenceSentence& ev = evidence[idx];
    if (ev.passage == nullptr || ev.passage->title.empty()) continue;
    const std::string_view sentence = ev.text();
    if (HasNegation(sentence)) continue;
    const std::vector<Token> t = Tokenize(sentence);
    if (std::any_of(t.begin(), t.end(), [](const Token& w) { return IsPastWord(w.lower); })) {
      continue;
    }
    const Said said = ReadSentence(t, ev.passage->title, c->ranking);
    if (said.rank == 0) continue;
    const bool own = internal::TitleNames(ev.passage->title, c->subject_name);
    if (own && said.rank == 1) {
      supporting.push_back(idx);
    } else if (own) {
      own_refuting.push_back(idx);
      if (own_correction.empty() && !said.rank_text.empty()) {
        own_correction = ReplaceSpan(claim.text, {c->superlative_begin, c->superlative_begin},
                                     said.rank_text + " ");
      }
    } else if (said.rank == 1) {
      other_refuting.push_back(idx);
      const std::string other(internal::FirstTitleNameInFull(ev.passage->title));
      if (std::find(others.begin(), others.end(), other) == others.end()) others.push_back(other);
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
  if (own_refuting.empty() && other_refuting.empty()) return std::nullopt;
  j.verdict = Verdict::kRefuted;
  j.confidence = options_.refute_confidence;
  if (!own_refuting.empty()) {
    j.evidence = std::move(own_refuting);
    if (!own_correction.empty()) j.correction = std::move(own_correction);
    return j;
  }
  j.evidence = std::move(other_refuting);
  if (others.size() == 1 && !others.front().empty()) {
    j.correction = ReplaceSpan(claim.text, c->subject, others.front());
  }
  return j;
}

}  // namespace fg
