#include "src/core/stemmer.h"

#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>

// Follows the Snowball "english" (Porter2) definition step by step; the comments name its steps.
// The word is edited in place in the result string: every rule shortens it or grows it by at most
// one byte, so one reservation covers all edits.

namespace fg {
namespace {

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
};

bool IsVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool EndsWith(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

void ReplaceSuffix(std::string& word, size_t suffix_size, std::string_view replacement) {
  word.resize(word.size() - suffix_size);
  word.append(replacement);
}

// The rule with the longest suffix that `word` ends with, or nullptr.
template <size_t N>
const Rule* LongestMatch(std::string_view word, const std::array<Rule, N>& rules) {
  const Rule* best = nullptr;
  for (const Rule& rule : rules) {
    if (EndsWith(word, rule.suffix) &&
        (best == nullptr || rule.suffix.size() > best->suffix.size())) {
      best = &rule;
    }
  }
  return best;
}

// Start of the region after the first non-vowel that follows a vowel, searching from `start`.
size_t RegionAfter(std::string_view word, size_t start) {
  for (size_t i = start + 1; i < word.size(); ++i) {
    if (IsVowel(word[i - 1]) && !IsVowel(word[i])) return i + 1;
  }
  return word.size();
}

bool HasVowel(std::string_view part) {
  for (char c : part) {
    if (IsVowel(c)) return true;
  }
  return false;
}

// A short syllable ends the word: non-vowel, vowel, non-vowel other than w, x, Y; or a two-letter
// word that is a vowel followed by a non-vowel.
bool EndsWithShortSyllable(std::string_view word) {
  const size_t n = word.size();
  if (n == 2) return IsVowel(word[0]) && !IsVowel(word[1]);
  if (n < 3) return false;
  const char last = word[n - 1];
  return !IsVowel(word[n - 3]) && IsVowel(word[n - 2]) && !IsVowel(last) && last != 'w' &&
         last != 'x' && last != 'Y';
}

bool IsDouble(std::string_view word) {
  if (word.size() < 2) return false;
  const char c = word.back();
  if (c != word[word.size() - 2]) return false;
  return c == 'b' || c == 'd' || c == 'f' || c == 'g' || c == 'm' || c == 'n' || c == 'p' ||
         c == 'r' || c == 't';
}

bool IsValidLiEnding(char c) {
  return c == 'c' || c == 'd' || c == 'e' || c == 'g' || c == 'h' || c == 'k' || c == 'm' ||
         c == 'n' || c == 'r' || c == 't';
}

// Words the algorithm treats specially before any step (Porter2 "exception1").
constexpr std::array<Rule, 18> kExceptions1 = {{
    {"skis", "ski"},
    {"skies", "sky"},
    {"dying", "die"},
    {"lying", "lie"},
    {"tying", "tie"},
    {"idly", "idl"},
    {"gently", "gentl"},
    {"ugly", "ugli"},
    {"early", "earli"},
    {"only", "onli"},
    {"singly", "singl"},
    {"sky", "sky"},
    {"news", "news"},
    {"howe", "howe"},
    {"atlas", "atlas"},
    {"cosmos", "cosmos"},
    {"bias", "bias"},
    {"andes", "andes"},
}};

// Words left alone after step 1a (Porter2 "exception2").
constexpr std::array<std::string_view, 8> kExceptions2 = {
    "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"};

constexpr std::array<Rule, 3> kStep0 = {{{"'s'", ""}, {"'s", ""}, {"'", ""}}};

constexpr std::array<Rule, 24> kStep2 = {{
    {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},   {"abli", "able"},
    {"entli", "ent"},   {"izer", "ize"},    {"ization", "ize"}, {"ational", "ate"},
    {"ation", "ate"},   {"ator", "ate"},    {"alism", "al"},    {"aliti", "al"},
    {"alli", "al"},     {"fulness", "ful"}, {"ousli", "ous"},   {"ousness", "ous"},
    {"iveness", "ive"}, {"iviti", "ive"},   {"biliti", "ble"},  {"bli", "ble"},
    {"ogi", "og"},      {"fulli", "ful"},   {"lessli", "less"}, {"li", ""},
}};

constexpr std::array<Rule, 9> kStep3 = {{
    {"tional", "tion"},
    {"ational", "ate"},
    {"alize", "al"},
    {"icate", "ic"},
    {"iciti", "ic"},
    {"ical", "ic"},
    {"ful", ""},
    {"ness", ""},
    {"ative", ""},
}};

constexpr std::array<Rule, 18> kStep4 = {{
    {"al", ""},
    {"ance", ""},
    {"ence", ""},
    {"er", ""},
    {"ic", ""},
    {"able", ""},
    {"ible", ""},
    {"ant", ""},
    {"ement", ""},
    {"ment", ""},
    {"ent", ""},
    {"ism", ""},
    {"ate", ""},
    {"iti", ""},
    {"ous", ""},
    {"ive", ""},
    {"ize", ""},
    {"ion", ""},
}};

void Step1a(std::string& w) {
  if (EndsWith(w, "sses")) {
    ReplaceSuffix(w, 4, "ss");
  } else if (EndsWith(w, "ied") || EndsWith(w, "ies")) {
    ReplaceSuffix(w, 3, w.size() > 4 ? "i" : "ie");
  } else if (EndsWith(w, "us") || EndsWith(w, "ss")) {
    // Unchanged.
  } else if (EndsWith(w, "s")) {
    // Delete if a vowel occurs before the letter preceding the s ("gaps" -> "gap", "gas" stays).
    if (w.size() >= 3 && HasVowel(std::string_view(w).substr(0, w.size() - 2))) w.pop_back();
  }
}

void Step1b(std::string& w, size_t r1) {
  static constexpr std::array<Rule, 6> kSuffixes = {
      {{"eed", ""}, {"eedly", ""}, {"ed", ""}, {"edly", ""}, {"ing", ""}, {"ingly", ""}}};
  const Rule* rule = LongestMatch(w, kSuffixes);
  if (rule == nullptr) return;
  const size_t start = w.size() - rule->suffix.size();
  if (rule->suffix == "eed" || rule->suffix == "eedly") {
    if (start >= r1) ReplaceSuffix(w, rule->suffix.size(), "ee");
    return;
  }
  if (!HasVowel(std::string_view(w).substr(0, start))) return;
  w.resize(start);
  if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz")) {
    w.push_back('e');
  } else if (IsDouble(w)) {
    w.pop_back();
  } else if (r1 >= w.size() && EndsWithShortSyllable(w)) {
    w.push_back('e');
  }
}

void Step1c(std::string& w) {
  const size_t n = w.size();
  if (n > 2 && (w[n - 1] == 'y' || w[n - 1] == 'Y') && !IsVowel(w[n - 2])) w[n - 1] = 'i';
}

void Step2(std::string& w, size_t r1) {
  const Rule* rule = LongestMatch(w, kStep2);
  if (rule == nullptr) return;
  const size_t start = w.size() - rule->suffix.size();
  if (start < r1) return;
  if (rule->suffix == "ogi") {
    if (start == 0 || w[start - 1] != 'l') return;
  } else if (rule->suffix == "li") {
    if (start == 0 || !IsValidLiEnding(w[start - 1])) return;
  }
  ReplaceSuffix(w, rule->suffix.size(), rule->replacement);
}

void Step3(std::string& w, size_t r1, size_t r2) {
  const Rule* rule = LongestMatch(w, kStep3);
  if (rule == nullptr) return;
  const size_t start = w.size() - rule->suffix.size();
  if (start < r1) return;
  if (rule->suffix == "ative" && start < r2) return;
  ReplaceSuffix(w, rule->suffix.size(), rule->replacement);
}

void Step4(std::string& w, size_t r2) {
  const Rule* rule = LongestMatch(w, kStep4);
  if (rule == nullptr) return;
  const size_t start = w.size() - rule->suffix.size();
  if (start < r2) return;
  if (rule->suffix == "ion") {
    if (start == 0 || (w[start - 1] != 's' && w[start - 1] != 't')) return;
  }
  w.resize(start);
}

void Step5(std::string& w, size_t r1, size_t r2) {
  if (w.empty()) return;
  const size_t start = w.size() - 1;
  if (w.back() == 'e') {
    if (start >= r2 ||
        (start >= r1 && !EndsWithShortSyllable(std::string_view(w).substr(0, start)))) {
      w.pop_back();
    }
  } else if (w.back() == 'l') {
    if (start >= r2 && start > 0 && w[start - 1] == 'l') w.pop_back();
  }
}

}  // namespace

namespace {

std::string StemUncached(std::string_view lower_word) {
  for (const Rule& rule : kExceptions1) {
    if (lower_word == rule.suffix) return std::string(rule.replacement);
  }
  if (lower_word.size() < 3) return std::string(lower_word);
  for (char c : lower_word) {
    if (static_cast<unsigned char>(c) >= 0x80) return std::string(lower_word);
  }

  std::string w;
  w.reserve(lower_word.size() + 1);
  w.assign(lower_word);

  // Prelude: drop a leading apostrophe; mark consonant-y as 'Y'.
  if (w.front() == '\'') w.erase(0, 1);
  if (w.empty()) return w;
  if (w[0] == 'y') w[0] = 'Y';
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] == 'y' && IsVowel(w[i - 1])) w[i] = 'Y';
  }

  // Regions R1 and R2, with the Porter2 prefixes whose R1 starts after the prefix.
  size_t r1;
  if (w.starts_with("gener") || w.starts_with("arsen")) {
    r1 = 5;
  } else if (w.starts_with("commun")) {
    r1 = 6;
  } else {
    r1 = RegionAfter(w, 0);
  }
  const size_t r2 = r1 < w.size() ? RegionAfter(w, r1) : w.size();

  if (const Rule* rule = LongestMatch(w, kStep0)) ReplaceSuffix(w, rule->suffix.size(), "");
  Step1a(w);

  bool exception2 = false;
  for (std::string_view word : kExceptions2) exception2 = exception2 || w == word;
  if (!exception2) {
    Step1b(w, r1);
    Step1c(w);
    Step2(w, r1);
    Step3(w, r1, r2);
    Step4(w, r2);
    Step5(w, r1, r2);
  }

  for (char& c : w) {
    if (c == 'Y') c = 'y';
  }
  return w;
}

}  // namespace

std::string StemEnglish(std::string_view lower_word) {
  // The same words are stemmed again and again (every sentence is scored against several
  // claims, and the verdict model reads the best ones again): each thread remembers the stems it
  // computed, up to a bound.
  constexpr size_t kCacheLimit = 50000;
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string key;
  key.assign(lower_word);
  auto hit = cache.find(key);
  if (hit != cache.end()) return hit->second;
  std::string stem = StemUncached(lower_word);
  if (cache.size() >= kCacheLimit) cache.clear();
  cache.emplace(key, stem);
  return stem;
}

}  // namespace fg
