#include "src/core/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

namespace fg {
namespace {

bool IsLetter(unsigned char c) { return std::isalpha(c) || c >= 0x80; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(unsigned char c) { return IsLetter(c) || IsDigit(c); }

// Sorted, so that IsStopWord can binary-search.
constexpr std::string_view kStopWords[] = {
    "a",       "about",  "above",   "after",  "again",  "against",  "all",     "am",    "an",
    "and",     "any",    "are",     "as",     "at",     "be",       "because", "been",  "before",
    "being",   "below",  "between", "both",   "but",    "by",       "can",     "could", "did",
    "do",      "does",   "doing",   "down",   "during", "each",     "few",     "for",   "from",
    "further", "had",    "has",     "have",   "having", "he",       "her",     "here",  "hers",
    "herself", "him",    "himself", "his",    "how",    "i",        "if",      "in",    "into",
    "is",      "it",     "its",     "itself", "just",   "me",       "more",    "most",  "my",
    "myself",  "no",     "nor",     "not",    "now",    "of",       "off",     "on",    "once",
    "only",    "or",     "other",   "our",    "ours",   "out",      "over",    "own",   "same",
    "she",     "should", "so",      "some",   "such",   "than",     "that",    "the",   "their",
    "theirs",  "them",   "then",    "there",  "these",  "they",     "this",    "those", "through",
    "to",      "too",    "under",   "until",  "up",     "very",     "was",     "we",    "were",
    "what",    "when",   "where",   "which",  "while",  "who",      "whom",    "why",   "will",
    "with",    "would",  "you",     "your",   "yours",  "yourself", "also",    "s",     "t"};

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsStopWord(std::string_view lower_word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopWords), std::end(kStopWords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), lower_word);
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  const size_t n = text.size();
  size_t i = 0;
  auto at = [&](size_t k) -> unsigned char {
    return k < n ? static_cast<unsigned char>(text[k]) : 0;
  };
  while (i < n) {
    unsigned char c = at(i);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    TokenType type;
    if (IsDigit(c)) {
      // A number: digits with inner ',' or '.' followed by a digit ("1,500,000", "3.14").
      while (i < n) {
        if (IsDigit(at(i))) {
          ++i;
        } else if ((at(i) == ',' || at(i) == '.') && IsDigit(at(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      type = TokenType::kNumber;
      // Digits glued to letters ("19th", "covid19", "5km") make a word unless pure unit-like
      // suffixes follow; keep it simple: letters directly after digits join the token as a word.
      if (IsLetter(at(i))) {
        while (i < n && (IsAlnum(at(i)) || ((at(i) == '-') && IsAlnum(at(i + 1))))) ++i;
        type = TokenType::kWord;
      }
    } else if (IsLetter(c)) {
      while (i < n) {
        if (IsAlnum(at(i))) {
          ++i;
        } else if ((at(i) == '\'' || at(i) == '-') && IsAlnum(at(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      type = TokenType::kWord;
    } else {
      ++i;
      type = TokenType::kPunct;
    }
    Token t;
    t.text = text.substr(start, i - start);
    t.lower = AsciiLower(t.text);
    t.span = {start, i};
    t.type = type;
    t.capitalized = c >= 'A' && c <= 'Z';
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace fg
