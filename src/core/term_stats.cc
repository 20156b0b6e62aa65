#include "src/core/term_stats.h"

#include <cmath>
#include <unordered_set>

#include "src/core/stemmer.h"

namespace fg {

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
    case TokenType::kWord:
      if (IsStopWord(token.lower)) return "";
      return StemEnglish(token.lower);
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

}  // namespace fg
