#include "src/core/term_stats.h"

#include <cmath>
#include <unordered_set>

#include "src/core/stemmer.h"

namespace fg {

namespace {

// "1st" .. "20th" as the words they stand for, so that "1st President" meets "first president".
std::string OrdinalWord(std::string_view lower) {
  static constexpr std::string_view kOrdinals[] = {
      "",           "first",      "second",     "third",     "fourth",    "fifth",
      "sixth",      "seventh",    "eighth",     "ninth",     "tenth",     "eleventh",
      "twelfth",    "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
      "eighteenth", "nineteenth", "twentieth"};
  if (lower.size() < 3 || lower.size() > 4) return "";
  std::string_view digits = lower.substr(0, lower.size() - 2);
  std::string_view suffix = lower.substr(lower.size() - 2);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return "";
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return "";
    n = n * 10 + (c - '0');
  }
  return n >= 1 && n <= 20 ? std::string(kOrdinals[n]) : "";
}

}  // namespace

std::string TermForToken(const Token& token) {
  switch (token.type) {
    case TokenType::kPunct:
      return "";
    case TokenType::kNumber: {
      std::string digits;
      for (char c : token.text) {
        if (c != ',') digits += c;
      }
      return digits;
    }
    case TokenType::kWord: {
      if (IsStopWord(token.lower)) return "";
      std::string ordinal = OrdinalWord(token.lower);
      if (!ordinal.empty()) return StemEnglish(ordinal);
      // Folding copies the word, so only a word it may change is folded.
      return StemEnglish(HasLatinAccents(token.lower) ? FoldLatinAccents(token.lower)
                                                      : token.lower);
    }
  }
  return "";
}

double SmoothedIdf(size_t documents, size_t document_frequency) {
  return std::log((static_cast<double>(documents) + 1.0) /
                  (static_cast<double>(document_frequency) + 0.5));
}

void CountingTermStats::AddDocument(std::string_view text) {
  std::unordered_set<std::string> seen;
  for (const Token& token : Tokenize(text)) {
    std::string term = TermForToken(token);
    if (!term.empty() && seen.insert(term).second) ++df_[term];
  }
  ++documents_;
}

double CountingTermStats::Idf(std::string_view term) const {
  auto it = df_.find(std::string(term));
  return SmoothedIdf(documents_, it == df_.end() ? 0 : it->second);
}

std::optional<size_t> CountingTermStats::DocumentFrequency(std::string_view term) const {
  auto it = df_.find(std::string(term));
  return it == df_.end() ? 0 : it->second;
}

}  // namespace fg
