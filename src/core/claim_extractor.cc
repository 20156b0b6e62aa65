// Check-worthiness and kinds are decided from word lists and token shapes: there is no tagger in
// core, so every rule errs towards keeping a sentence (a verifier answers "not enough info" for a
// claim it cannot check, while a dropped claim is never checked at all).
#include "src/core/claim_extractor.h"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "src/core/segmenter.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

// A sorted word list built once from an initializer list.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {
    std::sort(words_.begin(), words_.end());
  }
  bool contains(std::string_view w) const {
    return std::binary_search(words_.begin(), words_.end(), w);
  }

 private:
  std::vector<std::string_view> words_;
};

// Auxiliaries, contractions and frequent verb forms that the suffix rules below miss.
const WordSet& Verbs() {
  static const WordSet set = {
      "am",      "are",     "aren't",  "ate",      "be",      "beat",    "became",   "become",
      "becomes", "been",    "began",   "begun",    "being",   "bore",    "born",     "bought",
      "broke",   "broken",  "brought", "built",    "came",    "can",     "can't",    "cannot",
      "caught",  "chose",   "chosen",  "contain",  "cost",    "could",   "couldn't", "cut",
      "dealt",   "did",     "didn't",  "died",     "do",      "does",    "doesn't",  "don't",
      "drank",   "drawn",   "drew",    "drove",    "eaten",   "exist",   "fed",      "fell",
      "felt",    "fled",    "flew",    "flown",    "flows",   "fought",  "found",    "froze",
      "frozen",  "gave",    "given",   "gone",     "got",     "grew",    "grown",    "had",
      "hadn't",  "has",     "hasn't",  "have",     "haven't", "he's",    "heard",    "held",
      "hid",     "hit",     "hung",    "include",  "is",      "isn't",   "it's",     "kept",
      "knew",    "known",   "laid",    "lay",      "led",     "left",    "lent",     "lies",
      "lit",     "live",    "lost",    "made",     "make",    "may",     "meant",    "met",
      "might",   "must",    "orbit",   "paid",     "produce", "put",     "ran",      "rang",
      "read",    "remain",  "risen",   "rode",     "rose",    "said",    "sang",     "sank",
      "sat",     "saw",     "seen",    "sent",     "set",     "shall",   "she's",    "shone",
      "shot",    "should",  "slept",   "sold",     "spent",   "spoke",   "spoken",   "spread",
      "stood",   "stole",   "struck",  "sung",     "swam",    "taken",   "taught",   "that's",
      "there's", "they're", "thought", "threw",    "told",    "took",    "tore",     "understood",
      "used",    "was",     "wasn't",  "went",     "were",    "weren't", "will",     "won",
      "won't",   "wore",    "would",   "wouldn't", "written", "wrote"};
  return set;
}

// Base forms whose "-s" form is a verb ("boils", "contains").
const WordSet& BaseVerbs() {
  static const WordSet set = {
      "allow",     "appear",   "belong",   "boil",    "border",  "cause",  "consist", "contain",
      "cover",     "create",   "describe", "eat",     "equal",   "exceed", "exist",   "flow",
      "form",      "freeze",   "grow",     "have",    "help",    "hold",   "host",    "include",
      "lie",       "live",     "make",     "mean",    "measure", "melt",   "need",    "occur",
      "orbit",     "own",      "play",     "produce", "provide", "reach",  "refer",   "remain",
      "represent", "require",  "run",      "say",     "seem",    "serve",  "show",    "stand",
      "state",     "surround", "take",     "use",     "weigh",   "win"};
  return set;
}

// Words after which a lowercase "-s" word is most likely a verb ("boils at", "hosts the").
const WordSet& VerbFollowers() {
  static const WordSet set = {"a",   "about", "across",  "an",  "around", "at",   "between",
                              "by",  "for",   "from",    "her", "his",    "in",   "into",
                              "its", "more",  "near",    "on",  "over",   "than", "that",
                              "the", "their", "through", "to",  "under",  "up",   "with"};
  return set;
}

// Lowercase words ending in "-ed" that are not verbs.
const WordSet& NotEdVerbs() {
  static const WordSet set = {"bed",    "breed",  "hundred", "indeed", "kindred", "naked", "needed",
                              "ragged", "sacred", "seed",    "shed",   "speed",   "wicked"};
  return set;
}

bool IsWord(const Token& t) { return t.type != TokenType::kPunct; }

// The token's lowercase text with typographic apostrophes folded to ASCII.
std::string Folded(const Token& t) {
  std::string s = t.lower;
  for (size_t p = s.find("\u2019"); p != std::string::npos; p = s.find("\u2019", p)) {
    s.replace(p, 3, "'");
  }
  return s;
}

bool IsVerbToken(const std::vector<Token>& toks, size_t i) {
  const Token& t = toks[i];
  if (t.type != TokenType::kWord) return false;
  std::string w = Folded(t);
  if (Verbs().contains(w)) return true;
  if (t.capitalized) return false;  // names, and imperatives are judged elsewhere
  size_t n = w.size();
  if (n >= 5 && w.ends_with("ed") && !NotEdVerbs().contains(w)) return true;
  if (n >= 4 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is")) {
    std::string_view base(w.data(), n - 1);
    if (BaseVerbs().contains(base)) return true;
    if (w.ends_with("es") && BaseVerbs().contains(std::string_view(w.data(), n - 2))) return true;
    if (i + 1 < toks.size()) {
      const Token& next = toks[i + 1];
      if (next.type == TokenType::kNumber || VerbFollowers().contains(next.lower)) return true;
    }
  }
  return false;
}

bool HasVerb(const std::vector<Token>& toks, size_t from, size_t to) {
  for (size_t i = from; i < to && i < toks.size(); ++i) {
    if (IsVerbToken(toks, i)) return true;
  }
  return false;
}

size_t CountWords(const std::vector<Token>& toks, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to && i < toks.size(); ++i) n += IsWord(toks[i]);
  return n;
}

bool IsSpaceByte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Discourse openers that carry no content: "Yes, Paris is..." checks "Paris is...".
constexpr std::string_view kOpeners[] = {"absolutely",
                                         "actually",
                                         "additionally",
                                         "also",
                                         "basically",
                                         "certainly",
                                         "essentially",
                                         "fact",
                                         "finally",
                                         "first",
                                         "firstly",
                                         "fun fact",
                                         "furthermore",
                                         "however",
                                         "importantly",
                                         "in addition",
                                         "in conclusion",
                                         "in fact",
                                         "in short",
                                         "in summary",
                                         "indeed",
                                         "interestingly",
                                         "moreover",
                                         "no",
                                         "note",
                                         "notably",
                                         "of course",
                                         "ok",
                                         "okay",
                                         "overall",
                                         "second",
                                         "secondly",
                                         "so",
                                         "sure",
                                         "to summarize",
                                         "well",
                                         "yes"};

// [b, e) without surrounding white space, wrapping emphasis or quotes, leading openers, trailing
// sentence punctuation and citation markers.
Span TrimClaim(std::string_view text, Span span) {
  size_t b = span.begin;
  size_t e = span.end;
  for (bool changed = true; changed && b < e;) {
    changed = false;
    while (b < e && IsSpaceByte(text[b])) {
      ++b;
      changed = true;
    }
    while (e > b && IsSpaceByte(text[e - 1])) {
      --e;
      changed = true;
    }
    // Trailing punctuation and "[1]" markers.
    while (e > b) {
      char c = text[e - 1];
      if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',' || c == ':') {
        --e;
      } else if (e - b >= 3 && text.substr(e - 3, 3) == "\u2026") {
        e -= 3;
      } else if (c == ']') {
        size_t k = e - 1;
        while (k > b && text[k - 1] >= '0' && text[k - 1] <= '9') --k;
        if (k == e - 1 || k == b || text[k - 1] != '[') break;
        e = k - 1;
      } else {
        break;
      }
      changed = true;
    }
    // Emphasis or quotes around the whole claim.
    if (e - b >= 2) {
      char first = text[b];
      if ((first == '*' || first == '_') && text[e - 1] == first) {
        while (e - b >= 2 && text[b] == first && text[e - 1] == first) {
          ++b;
          --e;
        }
        changed = true;
        continue;
      }
      if ((first == '"' && text[e - 1] == '"') || (first == '(' && text[e - 1] == ')')) {
        ++b;
        --e;
        changed = true;
        continue;
      }
      if (e - b >= 6 && text.substr(b, 3) == "\u201C" && text.substr(e - 3, 3) == "\u201D") {
        b += 3;
        e -= 3;
        changed = true;
        continue;
      }
    }
    for (std::string_view opener : kOpeners) {
      std::string_view rest = text.substr(b, e - b);
      if (!StartsWithNoCase(rest, opener) || rest.size() <= opener.size() + 1) continue;
      char after = rest[opener.size()];
      if ((after == ',' || after == ':') && IsSpaceByte(rest[opener.size() + 1])) {
        b += opener.size() + 1;
        changed = true;
        break;
      }
    }
  }
  return {b, e};
}

// Tokens of `text` outside `inline code` spans.
std::vector<Token> ProseTokens(std::string_view text, bool* had_code) {
  std::vector<Token> toks = Tokenize(text);
  std::vector<Token> out;
  out.reserve(toks.size());
  bool in_code = false;
  *had_code = false;
  for (Token& t : toks) {
    if (t.text == "`") {
      in_code = !in_code;
      *had_code = true;
      continue;
    }
    if (!in_code) out.push_back(std::move(t));
  }
  return out;
}

// " w1 w2 ... " over the lowercase words, for phrase look-ups with word boundaries.
std::string Joined(const std::vector<Token>& toks) {
  std::string s = " ";
  for (const Token& t : toks) {
    s += Folded(t);
    s += ' ';
  }
  return s;
}

// Phrases are written " like this "; searching from their first letter (then checking the space
// before) keeps the search selective.
bool ContainsAny(const std::string& joined, std::initializer_list<std::string_view> phrases) {
  for (std::string_view p : phrases) {
    std::string_view body = p.substr(1);
    for (size_t pos = joined.find(body, 1); pos != std::string::npos;
         pos = joined.find(body, pos + 1)) {
      if (joined[pos - 1] == ' ') return true;
    }
  }
  return false;
}

bool IsPersonalPronoun(const std::vector<Token>& toks, size_t i) {
  static const WordSet set = {"i'd",   "i'll",   "i'm",      "i've",   "me",     "mine",
                              "my",    "myself", "we",       "we'd",   "we'll",  "we're",
                              "we've", "you",    "you'd",    "you'll", "you're", "you've",
                              "your",  "yours",  "yourself", "let's"};
  const Token& t = toks[i];
  if (t.text == "I") {
    // "Charles I was king", "World War I": a regnal or ordinal numeral after a name.
    return i == 0 || !toks[i - 1].capitalized;
  }
  return set.contains(Folded(t));
}

bool IsImperativeStart(const std::vector<Token>& toks) {
  static const WordSet imperatives = {
      "add",     "apply",  "ask",     "avoid",     "be",       "call",     "change",  "check",
      "choose",  "click",  "compile", "configure", "consider", "contact",  "copy",    "create",
      "define",  "do",     "don't",   "download",  "edit",     "enable",   "ensure",  "enter",
      "execute", "find",   "follow",  "go",        "imagine",  "import",   "include", "install",
      "keep",    "let",    "look",    "make",      "navigate", "never",    "note",    "open",
      "paste",   "please", "press",   "read",      "refer",    "remember", "remove",  "replace",
      "restart", "run",    "save",    "see",       "select",   "set",      "start",   "stop",
      "take",    "think",  "try",     "type",      "update",   "use",      "verify",  "visit",
      "write"};
  static const WordSet subject_markers = {"are", "can", "had",  "has",  "have", "is",
                                          "of",  "was", "were", "will", "'s"};
  static const WordSet fillers = {"again", "also", "finally", "first", "just",
                                  "next",  "now",  "simply",  "then"};
  // "To install it, run ...", "If it fails, restart ...": the instruction follows the comma.
  static const WordSet lead_clauses = {"after", "before", "for", "if", "once", "to", "when"};
  auto imperative_at = [&](size_t i) {
    while (i < toks.size() && (!IsWord(toks[i]) || fillers.contains(toks[i].lower))) ++i;
    if (i >= toks.size() || !imperatives.contains(Folded(toks[i]))) return false;
    size_t j = i + 1;
    return j >= toks.size() || !subject_markers.contains(toks[j].lower);
  };
  if (imperative_at(0)) return true;
  if (!toks.empty() && lead_clauses.contains(toks[0].lower)) {
    for (size_t i = 1; i < toks.size(); ++i) {
      if (toks[i].text == ",") return imperative_at(i + 1);
    }
  }
  return false;
}

// "may" as a modal (lowercase), not the month.
bool HasHedgeModal(const std::vector<Token>& toks) {
  for (const Token& t : toks) {
    if (t.text == "may") return true;
  }
  return false;
}

constexpr std::string_view kSubordinators[] = {"after", "although", "as",      "because", "before",
                                               "if",    "once",     "since",   "though",  "unless",
                                               "until", "when",     "whereas", "while"};

bool StartsSubordinate(const std::vector<Token>& toks) {
  for (const Token& t : toks) {
    if (!IsWord(t)) continue;
    return std::find(std::begin(kSubordinators), std::end(kSubordinators), t.lower) !=
           std::end(kSubordinators);
  }
  return false;
}

// A clause starts at i: a verb (the subject is shared with the left clause), or a subject followed
// closely by a verb. After a comma ("..., and light takes 1.3 seconds") any word may be the
// subject; without one only a name, pronoun or determiner may, so "salt and pepper are" stays.
// Adverbs that may open a clause before its verb ("and later moved to ...").
bool IsClauseAdverb(const Token& t) {
  static const WordSet adverbs = {"also",         "eventually", "finally", "later",
                                  "subsequently", "then",       "thus"};
  return adverbs.contains(t.lower);
}

bool ClauseStartsAt(const std::vector<Token>& toks, size_t i, size_t end, bool after_comma) {
  while (i < end && IsClauseAdverb(toks[i])) ++i;
  if (i >= end) return false;
  if (IsVerbToken(toks, i) && !toks[i].capitalized) return true;
  static const WordSet subjects = {"a",   "an",  "he",    "her",   "his",  "it",   "its",
                                   "she", "the", "their", "these", "they", "this", "those"};
  if (!after_comma && !toks[i].capitalized && !subjects.contains(toks[i].lower)) return false;
  for (size_t k = i + 1; k < end && k <= i + 5; ++k) {
    if (toks[k].lower == "and" || toks[k].lower == "or" || toks[k].text == ",") return false;
    if (IsVerbToken(toks, k)) return true;
  }
  return false;
}

// The words of a claim before its first verb ("Abraham Lincoln" in "Abraham Lincoln was born in
// 1809"), or "" when it opens with a verb or has none.
std::string SubjectOf(std::string_view claim) {
  std::vector<Token> toks = Tokenize(claim);
  for (size_t t = 0; t < toks.size(); ++t) {
    if (IsVerbToken(toks, t)) {
      return t > 0 ? std::string(claim.substr(0, toks[t - 1].span.end)) : "";
    }
  }
  return "";
}

// A personal pronoun opening a claim, which stands for an earlier sentence's subject.
bool StartsWithPronoun(std::string_view claim) {
  static const WordSet pronouns = {"he", "she", "it", "they"};
  std::vector<Token> toks = Tokenize(claim.substr(0, std::min<size_t>(claim.size(), 8)));
  return !toks.empty() && pronouns.contains(toks[0].lower);
}

// One atomic clause of a claim, with the subject it shares with the first clause when it has
// none of its own.
struct Clause {
  Span span;
  std::string context;
};

// Splits one check-worthy claim span into atomic clauses where that is safe.
std::vector<Clause> Decompose(std::string_view text, Span span) {
  std::string_view claim = text.substr(span.begin, span.size());
  std::vector<Token> toks = Tokenize(claim);
  std::vector<Clause> out;
  if (StartsSubordinate(toks)) {
    out.push_back({span, ""});
    return out;
  }
  // The first clause's subject, which a verb-initial clause shares.
  const std::string subject = SubjectOf(claim);
  std::string next_context;
  size_t seg = 0;  // first token of the current clause
  int depth = 0;
  bool in_quote = false;
  bool in_code = false;
  for (size_t t = 0; t < toks.size(); ++t) {
    std::string_view w = toks[t].text;
    if (w == "`") in_code = !in_code;
    if (w == "\"") in_quote = !in_quote;
    if (w == "(" || w == "[") ++depth;
    if ((w == ")" || w == "]") && depth > 0) --depth;
    if (in_code || in_quote || depth > 0) continue;
    bool semicolon = w == ";";
    bool conjunction = w == "and" || w == "but";
    if (!semicolon && !conjunction) continue;
    size_t left_end = t;
    if (left_end > seg && toks[left_end - 1].text == ",") --left_end;
    if (CountWords(toks, seg, left_end) < 3 || !HasVerb(toks, seg, left_end)) continue;
    // The right clause runs to the next ";" at most.
    size_t right_end = t + 1;
    while (right_end < toks.size() && toks[right_end].text != ";") ++right_end;
    if (CountWords(toks, t + 1, right_end) < 3) continue;
    if (semicolon ? !HasVerb(toks, t + 1, right_end)
                  : !ClauseStartsAt(toks, t + 1, right_end, left_end < t)) {
      continue;
    }
    out.push_back({{span.begin + toks[seg].span.begin, span.begin + toks[left_end - 1].span.end},
                   next_context});
    seg = t + 1;
    size_t first = seg;
    while (first < right_end && IsClauseAdverb(toks[first])) ++first;
    bool shares_subject = first < right_end && IsVerbToken(toks, first) && !toks[first].capitalized;
    next_context = shares_subject ? subject : "";
  }
  if (seg < toks.size()) {
    out.push_back({{span.begin + toks[seg].span.begin, span.end}, next_context});
  }
  for (Clause& c : out) c.span = TrimClaim(text, c.span);
  std::erase_if(out, [](const Clause& c) { return c.span.size() == 0; });
  return out;
}

bool IsNumberWord(std::string_view w) {
  static const WordSet set = {
      "billion",  "dozen", "eight",    "eighteen", "eighty",   "eleven",   "fifteen",
      "fifty",    "five",  "forty",    "four",     "fourteen", "half",     "hundred",
      "million",  "nine",  "nineteen", "ninety",   "percent",  "seven",    "seventeen",
      "seventy",  "six",   "sixteen",  "sixty",    "ten",      "thirteen", "thirty",
      "thousand", "three", "trillion", "twelve",   "twenty",   "two"};
  return set.contains(w);
}

bool LooksLikeYear(const std::vector<Token>& toks, size_t i) {
  const Token& t = toks[i];
  if (t.type != TokenType::kNumber) return false;
  std::string_view s = t.text;
  if (s.size() < 3 || s.size() > 4 || s.find_first_not_of("0123456789") != s.npos) return false;
  int value = std::stoi(std::string(s));
  static const WordSet eras = {"ad", "bc", "bce", "ce"};
  bool era_after = i + 1 < toks.size() && eras.contains(toks[i + 1].lower);
  bool era_before = i > 0 && toks[i - 1].lower == "ad";
  if (era_after || era_before) return true;
  if (s.size() != 4 || value < 1000 || value > 2100) return false;
  // "2000 people", "1500 km": a quantity, not a year.
  if (i + 1 < toks.size()) {
    const Token& next = toks[i + 1];
    if (next.text == "%") return false;
    if (next.type == TokenType::kWord && !next.capitalized && !IsStopWord(next.lower)) {
      return false;
    }
  }
  return true;
}

bool IsTemporal(const std::vector<Token>& toks) {
  static const WordSet months = {"april", "august", "december", "february", "january",  "july",
                                 "june",  "march",  "november", "october",  "september"};
  static const WordSet days = {"friday",   "monday",  "saturday", "sunday",
                               "thursday", "tuesday", "wednesday"};
  static const WordSet units = {"centuries", "century", "day",   "days",      "decade",
                                "decades",   "hour",    "hours", "millennia", "millennium",
                                "minute",    "minutes", "month", "months",    "second",
                                "seconds",   "week",    "weeks", "year",      "years"};
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    const std::string& w = t.lower;
    if (LooksLikeYear(toks, i)) return true;
    if (t.capitalized && (months.contains(w) || days.contains(w))) return true;
    if (t.text == "May" && ((i + 1 < toks.size() && toks[i + 1].type == TokenType::kNumber) ||
                            (i > 0 && (toks[i - 1].lower == "in" || toks[i - 1].lower == "of")))) {
      return true;
    }
    if (w == "century" || w == "centuries" || w == "millennium" || w == "decade" ||
        w == "decades") {
      return true;
    }
    // "1990s", "1800s".
    if (t.type == TokenType::kWord && w.size() == 5 && w.back() == 's' &&
        w.find_first_not_of("0123456789") == 4) {
      return true;
    }
    // Durations: "3 years", "five days".
    bool quantity = t.type == TokenType::kNumber || IsNumberWord(w);
    if (quantity && i + 1 < toks.size() && units.contains(toks[i + 1].lower)) return true;
  }
  return false;
}

bool IsNumeric(const std::vector<Token>& toks) {
  for (const Token& t : toks) {
    if (t.type == TokenType::kNumber) return true;
    if (t.type == TokenType::kWord && !t.text.empty() && t.text[0] >= '0' && t.text[0] <= '9') {
      return true;  // "5km", "19th"
    }
    if (IsNumberWord(t.lower)) return true;
    if (t.text == "%" || t.text == "$" || t.text == "\u20AC" || t.text == "\u00A3") return true;
  }
  return false;
}

size_t CountNumbers(const std::vector<Token>& toks) {
  size_t n = 0;
  for (const Token& t : toks) n += t.type == TokenType::kNumber;
  return n;
}

bool IsComparison(const std::vector<Token>& toks, const std::string& joined) {
  if (ContainsAny(joined, {" twice as ", " times as ", " half as ", " times larger ",
                           " times more ", " times bigger ", " times smaller ", " times higher ",
                           " times greater ", " times the ", " times less "})) {
    return true;
  }
  for (size_t i = 1; i < toks.size(); ++i) {
    if (toks[i].lower != "than") continue;
    const std::string& prev = toks[i - 1].lower;
    bool comparative = prev == "more" || prev == "less" || prev == "fewer" ||
                       (prev.size() >= 4 && prev.ends_with("er") && prev != "other" &&
                        prev != "rather" && prev != "number");
    if (!comparative && i >= 2) {
      const std::string& prev2 = toks[i - 2].lower;
      comparative = prev2 == "more" || prev2 == "less";
    }
    if (!comparative) continue;
    if (CountNumbers(toks) >= 2) return true;
    // "more than 5 million people" bounds one quantity; it compares nothing.
    size_t k = i + 1;
    while (k < toks.size() && (toks[k].text == "$" || toks[k].lower == "about")) ++k;
    if (k < toks.size() && toks[k].type != TokenType::kNumber && !IsNumberWord(toks[k].lower)) {
      return true;
    }
  }
  return false;
}

bool IsExistence(const std::vector<Token>& toks, const std::string& joined) {
  if (ContainsAny(joined, {" titled ", " entitled ", " author of ", " authors of ", " authored ",
                           " co-authored "})) {
    return true;
  }
  static const WordSet works = {
      "album",  "article", "biography", "book",  "documentary", "essay",  "film",
      "memoir", "movie",   "novel",     "opera", "paper",       "play",   "poem",
      "report", "series",  "song",      "study", "symphony",    "thesis", "treatise"};
  static const WordSet making = {"composed", "directed", "published", "recorded",
                                 "released", "wrote",    "written"};
  for (size_t i = 0; i < toks.size(); ++i) {
    if (works.contains(toks[i].lower) && i + 1 < toks.size() &&
        (toks[i + 1].lower == "called" || toks[i + 1].lower == "named")) {
      return true;
    }
    if (making.contains(toks[i].lower)) {
      for (size_t k = i + 1; k < toks.size() && k <= i + 3; ++k) {
        if (works.contains(toks[k].lower)) return true;
      }
    }
  }
  return false;
}

bool IsDefinition(const std::vector<Token>& toks, const std::string& joined) {
  if (ContainsAny(joined, {" is defined as ", " are defined as ", " refers to ", " is a type of ",
                           " is a kind of ", " is a form of "})) {
    return true;
  }
  static const WordSet copulas = {"are", "is", "was", "were"};
  static const WordSet relatives = {"that", "which", "who"};
  for (size_t i = 1; i < toks.size() && i <= 8; ++i) {
    if (relatives.contains(toks[i].lower)) return false;
    if (!copulas.contains(toks[i].lower)) continue;
    if (i + 1 >= toks.size()) return false;
    const std::string& next = toks[i + 1].lower;
    return next == "a" || next == "an";
  }
  return false;
}

bool IsRelation(const std::vector<Token>& toks) {
  bool name = false;
  for (size_t i = 0; i < toks.size() && !name; ++i) {
    const Token& t = toks[i];
    if (t.type != TokenType::kWord || !t.capitalized) continue;
    name = i > 0 ? t.text != "I" : !IsStopWord(t.lower);
  }
  return name && HasVerb(toks, 0, toks.size());
}

}  // namespace

bool IsCheckWorthy(std::string_view sentence) {
  Span whole = TrimClaim(sentence, {0, sentence.size()});
  std::string_view core = sentence.substr(whole.begin, whole.size());
  if (core.empty()) return false;
  // Questions and lead-ins to a list or code block.
  size_t last = sentence.find_last_not_of(" \t\r\n\"')]*_\u201D");
  if (last == std::string_view::npos) return false;
  char end = sentence[last];
  if (end == '?' || end == ':') return false;
  if (sentence.substr(0, last + 1).ends_with("\uFF1F")) return false;
  // Code: statement terminators and braces, or nothing but code spans.
  char core_last = core.back();
  if (core_last == '{' || core_last == '}' || end == ';') return false;

  bool had_code = false;
  std::vector<Token> toks = ProseTokens(core, &had_code);
  if (CountWords(toks, 0, toks.size()) < 3) return false;
  // "Born: February 12, 1809": a label and a value; the verb must come after the label.
  size_t verb_from = 0;
  for (size_t i = 0; i < toks.size() && i < 4; ++i) {
    if (toks[i].text == ":") verb_from = i + 1;
  }

  std::string joined = Joined(toks);
  if (ContainsAny(
          joined,
          {// Pleasantries.
           " thank you ", " thanks ", " hope this helps ", " hope that helps ", " you're welcome ",
           " let me know ", " feel free ", " happy to help ", " glad to help ", " great question ",
           " good question ", " good luck ", " best regards ", " hello ", " hi ", " hey ",
           " cheers ",
           // Meta statements.
           " as an ai ", " language model ", " knowledge cutoff ", " training data ",
           " browse the ", " real-time ", " here is ", " here are ", " here's ", " below is ",
           " below are ", " the following ", " this answer ", " this response ", " in this answer ",
           // Opinions and hedges.
           " in my opinion ", " in my view ", " arguably ", " possibly ", " perhaps ", " maybe ",
           " might ", " could be ", " could have ", " probably ", " likely ", " it seems ",
           " seems to ", " seem to ", " it appears ", " presumably ", " supposedly ", " should ",
           " ought to ", " recommend ", " recommended ", " good idea ", " better to ", " best to ",
           // Subjective judgements.
           " beautiful ", " amazing ", " wonderful ", " awesome ", " fantastic ", " terrible ",
           " horrible ", " delicious ", " boring ", " fascinating ", " exciting ", " incredible ",
           " stunning ", " lovely ", " favorite ", " favourite "})) {
    return false;
  }
  if (HasHedgeModal(toks)) return false;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (IsPersonalPronoun(toks, i)) return false;
  }
  if (IsImperativeStart(toks)) return false;
  return HasVerb(toks, verb_from, toks.size());
}

ClaimKind ClassifyClaim(std::string_view claim_text) {
  std::vector<Token> toks = Tokenize(claim_text);
  std::string joined = Joined(toks);
  if (IsComparison(toks, joined)) return ClaimKind::kComparison;
  if (IsExistence(toks, joined)) return ClaimKind::kExistence;
  if (IsTemporal(toks)) return ClaimKind::kTemporal;
  if (IsNumeric(toks)) return ClaimKind::kNumeric;
  if (IsDefinition(toks, joined)) return ClaimKind::kDefinition;
  if (IsRelation(toks)) return ClaimKind::kRelation;
  return ClaimKind::kOther;
}

std::vector<Claim> ExtractClaims(std::string_view text, const ExtractOptions& options) {
  std::vector<Claim> claims;
  // The last subject that was a name ("Lincoln"), for a later claim opening with a pronoun.
  std::string last_named_subject;
  for (const Sentence& sentence : SplitSentences(text)) {
    if (claims.size() >= options.max_claims) break;
    if (sentence.from_heading) continue;
    if (!IsCheckWorthy(text.substr(sentence.span.begin, sentence.span.size()))) continue;
    Span core = TrimClaim(text, sentence.span);
    if (core.size() == 0) continue;
    for (const Clause& clause : Decompose(text, core)) {
      if (claims.size() >= options.max_claims) break;
      Claim claim;
      claim.id = "c" + std::to_string(claims.size() + 1);
      claim.text = std::string(text.substr(clause.span.begin, clause.span.size()));
      claim.span = clause.span;
      claim.context = clause.context;
      if (claim.context.empty() && StartsWithPronoun(claim.text)) {
        claim.context = last_named_subject;
      }
      claim.kind = ClassifyClaim(claim.text);
      claims.push_back(std::move(claim));
    }
    std::string subject = SubjectOf(text.substr(core.begin, core.size()));
    if (!subject.empty() && !StartsWithPronoun(subject) && Tokenize(subject).back().capitalized) {
      last_named_subject = std::move(subject);
    }
  }
  return claims;
}

}  // namespace fg
