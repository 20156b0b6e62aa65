#include "verifiers/existence_verifier.h"

#include <algorithm>
#include <functional>
#include <set>

#include "src/core/stemmer.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

using WordSet = std::set<std::string, std::less<>>;

bool In(const WordSet& set, std::string_view word) { return set.find(word) != set.end(); }

// Nouns that announce a specific work when a title follows ("the novel The Road").
const WordSet& WorkWords() {
  static const WordSet kWords = {
      "album", "article",  "biography", "book",     "dissertation", "documentary", "essay",
      "film",  "memoir",   "monograph", "movie",    "musical",      "novel",       "novella",
      "opera", "painting", "paper",     "play",     "poem",         "report",      "series",
      "show",  "song",     "study",     "symphony", "textbook",     "thesis",      "treatise"};
  return kWords;
}

const WordSet& TitleIntroducers() {
  static const WordSet kWords = {"called", "entitled", "named", "titled"};
  return kWords;
}

// A work word is a noun only after one of these ("the study", "Orwell's novel", "a 1949 film"):
// "studies show Americans ..." names no work.
const WordSet& Determiners() {
  static const WordSet kWords = {"a",    "an",  "her",   "his",  "its",   "my",  "our",
                                 "that", "the", "their", "this", "whose", "your"};
  return kWords;
}

// Lowercase words allowed inside a title ("The Lord of the Rings", "Gone with the Wind").
const WordSet& TitleConnectors() {
  static const WordSet kWords = {"a",   "an", "and", "at", "for", "from", "in",   "into",
                                 "nor", "of", "on",  "or", "the", "to",   "upon", "with"};
  return kWords;
}

// Lowercase words allowed inside a person's name ("Leonardo da Vinci", "Ludwig van Beethoven").
const WordSet& NameParticles() {
  static const WordSet kWords = {"al", "bin", "da",  "de", "del", "della", "den", "der",
                                 "di", "du",  "ibn", "la", "le",  "van",   "von"};
  return kWords;
}

// Capitalised words that say nothing about which entity is meant.
const WordSet& NotDistinctive() {
  static const WordSet kWords = {
      // Honorifics and titles.
      "captain", "doctor", "dr", "general", "governor", "king", "lady", "lord", "miss", "mr", "mrs",
      "ms", "pope", "president", "prince", "princess", "prof", "professor", "queen", "saint",
      "senator", "sir", "st",
      // Months and weekdays.
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday"};
  return kWords;
}

bool IsWord(const Token& t) { return t.type == TokenType::kWord; }
bool IsCapital(const Token& t) { return IsWord(t) && t.capitalized; }
bool IsQuote(const Token& t) { return t.text == "\"" || t.text == "\u201C" || t.text == "\u201D"; }

bool OpensSentence(const std::vector<Token>& t, size_t i) {
  if (i == 0) return true;
  std::string_view prev = t[i - 1].text;
  return prev == "." || prev == "!" || prev == "?" || prev == ":";
}

bool IsPossessive(const Token& t) {
  return IsWord(t) && (t.lower.ends_with("'s") || t.lower.ends_with("\u2019s"));
}

// t[i] is a work word used as a noun: a determiner, possessive or year stands just before it or
// one word earlier ("the novel", "Orwell's dystopian novel", "the 1949 film").
bool IsWorkNoun(const std::vector<Token>& t, size_t i) {
  if (!IsWord(t[i]) || t[i].capitalized || !In(WorkWords(), t[i].lower)) return false;
  for (size_t back = 1; back <= 2 && back <= i; ++back) {
    const Token& d = t[i - back];
    if (In(Determiners(), d.lower) || IsPossessive(d) || d.type == TokenType::kNumber) return true;
  }
  return false;
}

// A word that tells a following quotation is a title: a work word or "titled", "called" ...
bool IsTitleCue(const Token& t) {
  return IsWord(t) && (In(WorkWords(), t.lower) || In(TitleIntroducers(), t.lower));
}

// Which words of an entity's tokens identify it.
enum class Words {
  kContent,  // a quoted title: every word but stop words
  kTitle,    // a Title Case title: its capitalised words but stop words ("The King and I": King)
  kName,     // a name: the same without honorifics, months and weekdays ("President Lincoln")
};

bool IsDistinctive(const Token& t, Words words) {
  switch (words) {
    case Words::kContent:
      return IsWord(t) && !IsStopWord(t.lower);
    case Words::kTitle:
      return IsCapital(t) && t.lower.size() >= 2 && !IsStopWord(t.lower);
    case Words::kName:
      return IsCapital(t) && t.lower.size() >= 2 && !IsStopWord(t.lower) &&
             !In(NotDistinctive(), t.lower);
  }
  return false;
}

// One past the end of the Title Case run starting at the capitalised t[start]: capitalised words,
// connectors inside, numbers right after a capitalised word ("Apollo 13").
size_t TitleRunEnd(const std::vector<Token>& t, size_t start, const std::vector<bool>& used) {
  size_t end = start + 1;
  for (size_t j = start + 1; j < t.size() && !used[j]; ++j) {
    if (IsCapital(t[j]) || (t[j].type == TokenType::kNumber && j == end)) {
      end = j + 1;
    } else if (!IsWord(t[j]) || !In(TitleConnectors(), t[j].lower)) {
      break;
    }
  }
  return end;
}

// One past the end of the name starting at the capitalised t[start]: capitalised words, particles
// inside, and initials with their full stop ("J. R. R. Tolkien").
size_t NameRunEnd(const std::vector<Token>& t, size_t start, const std::vector<bool>& used) {
  size_t end = start + 1;
  for (size_t j = start + 1; j < t.size() && !used[j]; ++j) {
    bool initial_stop = t[j].text == "." && IsCapital(t[j - 1]) && t[j - 1].text.size() == 1;
    if (IsCapital(t[j])) {
      end = j + 1;
    } else if (!initial_stop && !(IsWord(t[j]) && In(NameParticles(), t[j].lower))) {
      break;
    }
  }
  return end;
}

// The entity spelled by tokens [s, e), with its distinctive words.
NamedEntity MakeEntity(const std::vector<Token>& t, size_t s, size_t e, Words words) {
  NamedEntity entity;
  entity.span = {t[s].span.begin, t[e - 1].span.end};
  entity.work = words != Words::kName;
  for (size_t k = s; k < e; ++k) {
    if (!IsDistinctive(t[k], words)) continue;
    if (entity.words.empty() && words != Words::kContent && OpensSentence(t, k)) {
      entity.first_word_optional = true;
    }
    entity.words.emplace_back(t[k].text);
  }
  return entity;
}

// The KB terms of one written word: its lowercased parts between hyphens (the KB's indexer splits
// there), without a possessive "'s", stemmed as the KB stems them.
struct WordTerm {
  std::string term;
  // The KB indexes this exact stem: plain ASCII letters (the indexer lowercases and stems other
  // characters in its own way, and keeps apostrophes inside words).
  bool lookup = false;
};

std::vector<WordTerm> TermsOfWord(std::string_view word) {
  std::string lower = AsciiLower(word);
  for (std::string_view suffix : {"'s", "\u2019s", "'", "\u2019"}) {
    if (lower.size() > suffix.size() && lower.ends_with(suffix)) {
      lower.resize(lower.size() - suffix.size());
      break;
    }
  }
  std::vector<WordTerm> terms;
  size_t begin = 0;
  while (begin <= lower.size()) {
    size_t end = std::min(lower.find('-', begin), lower.size());
    std::string part = lower.substr(begin, end - begin);
    begin = end + 1;
    if (part.empty() || IsStopWord(part)) continue;
    WordTerm wt;
    wt.lookup = std::all_of(part.begin(), part.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    wt.term = StemEnglish(part);
    terms.push_back(std::move(wt));
  }
  return terms;
}

void AddTextTerms(std::string_view text, std::set<std::string>* terms) {
  for (const Token& token : Tokenize(text)) {
    if (!IsWord(token)) continue;
    for (WordTerm& wt : TermsOfWord(token.text)) terms->insert(std::move(wt.term));
  }
}

// Some evidence sentence, with its passage title, holds every one of `terms`.
bool FoundTogether(const std::vector<std::string>& terms,
                   std::span<const EvidenceSentence> evidence) {
  for (const EvidenceSentence& ev : evidence) {
    if (ev.passage == nullptr) continue;
    std::set<std::string> have;
    AddTextTerms(ev.text(), &have);
    AddTextTerms(ev.passage->title, &have);
    if (std::all_of(terms.begin(), terms.end(),
                    [&](const std::string& term) { return have.contains(term); })) {
      return true;
    }
  }
  return false;
}

// The confidence that the KB has no trace of `entity`, or nullopt when it has one or cannot tell.
std::optional<double> NoTraceConfidence(const NamedEntity& entity,
                                        std::span<const EvidenceSentence> evidence,
                                        const TermStats& stats,
                                        const ExistenceVerifierOptions& options) {
  std::vector<WordTerm> all;
  std::vector<std::string> required;
  for (size_t i = 0; i < entity.words.size(); ++i) {
    for (WordTerm& wt : TermsOfWord(entity.words[i])) {
      if (i > 0 || !entity.first_word_optional) required.push_back(wt.term);
      all.push_back(std::move(wt));
    }
  }
  if (required.empty() || FoundTogether(required, evidence)) return std::nullopt;
  bool unknown = false;
  bool all_counted = true;
  for (const WordTerm& wt : all) {
    std::optional<size_t> df = wt.lookup ? stats.DocumentFrequency(wt.term) : std::nullopt;
    if (!df) {
      all_counted = false;
    } else if (*df == 0) {
      unknown = true;
    }
  }
  if (unknown) return options.unknown_word_confidence;
  // Every word is in the KB somewhere, yet not together where retrieval looked. Without evidence
  // (nothing retrieved, or a source failed) that proves nothing.
  if (all_counted && !evidence.empty()) {
    return entity.work ? options.missing_work_confidence : options.not_together_confidence;
  }
  return std::nullopt;
}

}  // namespace

std::vector<NamedEntity> FindNamedEntities(std::string_view claim_text) {
  const std::vector<Token> t = Tokenize(claim_text);
  const size_t n = t.size();
  std::vector<bool> used(n, false);
  std::vector<NamedEntity> found;
  std::vector<size_t> work_ends;  // one past each work's last token (its closing quote included)
  auto mark = [&](size_t s, size_t e) { std::fill(used.begin() + s, used.begin() + e, true); };

  // Quoted titles: in Title Case, or after a work word or "titled" (a quotation is neither).
  for (size_t i = 0; i < n; ++i) {
    if (!IsQuote(t[i])) continue;
    size_t j = i + 1;
    while (j < n && !IsQuote(t[j])) ++j;
    if (j >= n) break;
    size_t words = 0;
    bool title_case = true;
    for (size_t k = i + 1; k < j; ++k) {
      if (!IsWord(t[k])) continue;
      if (!t[k].capitalized && (words == 0 || !IsStopWord(t[k].lower))) title_case = false;
      ++words;
    }
    bool cued = (i >= 1 && IsTitleCue(t[i - 1])) || (i >= 2 && IsTitleCue(t[i - 2]));
    if (words > 0 && words <= kMaxQuotedTitleWords && (title_case || cued)) {
      NamedEntity entity = MakeEntity(t, i + 1, j, Words::kContent);
      mark(i, j + 1);
      if (!entity.words.empty()) {
        found.push_back(std::move(entity));
        work_ends.push_back(j + 1);
      }
    }
    i = j;
  }

  // A Title Case title after a work word: "the novel The Road", "a film called Heat".
  for (size_t i = 0; i < n; ++i) {
    if (used[i] || !IsWorkNoun(t, i)) continue;
    size_t k = i + 1;
    if (k < n && In(TitleIntroducers(), t[k].lower)) ++k;
    if (k < n && t[k].text == ",") ++k;
    if (k >= n || used[k] || !IsCapital(t[k])) continue;
    size_t e = TitleRunEnd(t, k, used);
    NamedEntity entity = MakeEntity(t, k, e, Words::kTitle);
    mark(k, e);
    if (!entity.words.empty()) {
      found.push_back(std::move(entity));
      work_ends.push_back(e);
    }
  }

  // "WORK by AUTHOR": the author after a work found above, after a work word ("a paper by Jane
  // Smith"), or after a Title Case title that is more than the sentence's opening word.
  for (size_t k = 1; k + 1 < n; ++k) {
    if (t[k].lower != "by" || used[k + 1] || !IsCapital(t[k + 1])) continue;
    bool after_work =
        std::find(work_ends.begin(), work_ends.end(), k) != work_ends.end() || IsWorkNoun(t, k - 1);
    if (!after_work && IsCapital(t[k - 1]) && !used[k - 1]) {
      size_t s = k - 1;
      while (s > 0 && !used[s - 1] &&
             (IsCapital(t[s - 1]) || (IsWord(t[s - 1]) && In(TitleConnectors(), t[s - 1].lower)))) {
        --s;
      }
      while (!IsCapital(t[s])) ++s;  // a title opens with a capital, not a connector
      NamedEntity work = MakeEntity(t, s, k, Words::kTitle);
      bool lone_opener = work.words.size() == 1 && work.first_word_optional;  // "Written by"
      if (!work.words.empty() && !lone_opener) {
        mark(s, k);
        found.push_back(std::move(work));
        after_work = true;
      }
    }
    if (!after_work) continue;
    size_t e = NameRunEnd(t, k + 1, used);
    NamedEntity author = MakeEntity(t, k + 1, e, Words::kName);
    mark(k + 1, e);
    if (!author.words.empty()) found.push_back(std::move(author));
  }

  // Any other name of two or more distinctive words: a person ("Margaret Ellison") or a place.
  for (size_t i = 0; i < n; ++i) {
    if (used[i] || !IsCapital(t[i])) continue;
    size_t e = NameRunEnd(t, i, used);
    NamedEntity entity = MakeEntity(t, i, e, Words::kName);
    if (entity.words.size() >= 2) found.push_back(std::move(entity));
    i = e - 1;
  }

  std::sort(found.begin(), found.end(),
            [](const NamedEntity& a, const NamedEntity& b) { return a.span.begin < b.span.begin; });
  return found;
}

bool ExistenceVerifier::AppliesTo(const Claim& claim) const {
  return claim.kind == ClaimKind::kExistence || !FindNamedEntities(claim.text).empty();
}

std::optional<Judgement> ExistenceVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  if (stats_ == nullptr) return std::nullopt;
  std::optional<double> confidence;
  for (const NamedEntity& entity : FindNamedEntities(claim.text)) {
    std::optional<double> c = NoTraceConfidence(entity, evidence, *stats_, options_);
    if (c && (!confidence || *c > *confidence)) confidence = c;
  }
  if (!confidence) return std::nullopt;
  Judgement judgement;
  judgement.verdict = Verdict::kNotEnoughInfo;
  judgement.confidence = *confidence;
  judgement.verifier = std::string(name());
  return judgement;
}

}  // namespace fg
