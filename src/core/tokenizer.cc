#include "src/core/tokenizer.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string_view>

namespace fg {
namespace {

// ASCII tests written out: std::isalpha and std::isspace are calls that consult the locale, and
// the tokenizer asks them for every byte it reads.
bool IsAsciiLetter(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
bool IsLetter(unsigned char c) { return IsAsciiLetter(c) || c >= 0x80; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(unsigned char c) { return IsLetter(c) || IsDigit(c); }
bool IsSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Lowercase ASCII, each starting with a letter (IsStopWord groups them by it).
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

// A formula head: "CO", "CH", "NO", "SO", "SF", "NH", ... (two or three of the capitals of the
// common gases' elements) or "O" alone. `digit` is the subscript that follows.
bool IsFormulaHead(std::string_view word, char digit) {
  if (word == "O") return digit == '2' || digit == '3';
  if (word.size() < 2 || word.size() > 3) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return c == 'C' || c == 'H' || c == 'N' || c == 'O' || c == 'S' || c == 'F';
  });
}

// Bytes of the detached subscript after the word text[start, end): " 2" when the word is a
// formula head and one digit 2-9 follows after one space, not part of a longer number or word.
size_t DetachedSubscript(std::string_view text, size_t start, size_t end) {
  auto at = [&](size_t k) -> unsigned char {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  if (at(end) != ' ' || at(end + 1) < '2' || at(end + 1) > '9') return 0;
  unsigned char after = at(end + 2);
  if (IsAlnum(after) || ((after == '.' || after == ',') && IsDigit(at(end + 3)))) return 0;
  return IsFormulaHead(text.substr(start, end - start), static_cast<char>(at(end + 1))) ? 2 : 0;
}

// Unicode subscript digits ₀-₉ (U+2080-2089, E2 82 80-89) as ASCII digits.
void AsciiSubscripts(std::string* word) {
  size_t k = word->find("\xE2\x82");
  while (k != std::string::npos) {
    unsigned char last = k + 2 < word->size() ? static_cast<unsigned char>((*word)[k + 2]) : 0;
    if (last >= 0x80 && last <= 0x89) {
      word->replace(k, 3, 1, static_cast<char>('0' + (last - 0x80)));
    } else {
      ++k;
    }
    k = word->find("\xE2\x82", k);
  }
}

}  // namespace

size_t UnicodeMarkLength(std::string_view text, size_t i) {
  auto at = [&](size_t k) -> unsigned char {
    return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
  };
  unsigned char c0 = at(i), c1 = at(i + 1), c2 = at(i + 2);
  if (c0 == 0xC2 && c1 >= 0xA0 && c1 <= 0xBF) return 2;    // U+00A0-00BF: NBSP, « », soft hyphen
  if (c0 == 0xC3 && (c1 == 0x97 || c1 == 0xB7)) return 2;  // × ÷
  if (c0 == 0xE2 && (c1 == 0x80 || c1 == 0x81) && c2 >= 0x80 && c2 <= 0xBF) {
    return 3;  // U+2000-207F: special spaces, dashes, curly quotes, ellipsis, ...
  }
  if (c0 == 0xE3 && c1 == 0x80 && c2 >= 0x80 && c2 <= 0xBF) return 3;  // U+3000-303F: CJK marks
  if (c0 == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;                // U+FEFF: byte order mark
  if (c0 == 0xEF && c1 == 0xBC && ((c2 >= 0x81 && c2 <= 0x8F) || (c2 >= 0x9A && c2 <= 0xA0))) {
    return 3;  // fullwidth ！ to ／ and ： to ＠
  }
  return 0;
}

bool IsUnicodeSpace(std::string_view mark) {
  static constexpr std::string_view kSpaces[] = {
      "\xC2\xA0",  // no-break space
      "\xC2\xAD",  // soft hyphen (invisible)
      "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
      "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
      "\xE2\x80\x8A", "\xE2\x80\x8B",                  // en quad .. zero width space
      "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0",  // narrow nbsp, math space, joiner
      "\xE3\x80\x80", "\xEF\xBB\xBF"};                 // ideographic space, BOM
  return std::find(std::begin(kSpaces), std::end(kSpaces), mark) != std::end(kSpaces);
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

namespace {

// The first byte of the UTF-8 letters U+00C0-U+017F.
bool IsLatinAccentLead(unsigned char b) { return b >= 0xC3 && b <= 0xC5; }

}  // namespace

bool HasLatinAccents(std::string_view word) {
  return std::any_of(word.begin(), word.end(),
                     [](char c) { return IsLatinAccentLead(static_cast<unsigned char>(c)); });
}

std::string FoldLatinAccents(std::string_view word) {
  // U+00C0 to U+00FF, upper and lower case alike ('\0' keeps the letter: "×", "÷").
  static constexpr std::string_view kLatin1[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  // U+0100 to U+017F, by the first code point of each letter's run.
  struct Run {
    unsigned first;
    std::string_view plain;
  };
  static constexpr Run kExtendedA[] = {
      {0x100, "a"}, {0x106, "c"},  {0x10E, "d"}, {0x112, "e"}, {0x11C, "g"}, {0x124, "h"},
      {0x128, "i"}, {0x132, "ij"}, {0x134, "j"}, {0x136, "k"}, {0x139, "l"}, {0x143, "n"},
      {0x14C, "o"}, {0x152, "oe"}, {0x154, "r"}, {0x15A, "s"}, {0x162, "t"}, {0x168, "u"},
      {0x174, "w"}, {0x176, "y"},  {0x179, "z"}, {0x17F, "s"}};
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size(); ++i) {
    const auto lead = static_cast<unsigned char>(word[i]);
    const auto next = i + 1 < word.size() ? static_cast<unsigned char>(word[i + 1]) : 0;
    if (IsLatinAccentLead(lead) && (next & 0xC0) == 0x80) {
      const unsigned code = ((lead & 0x1Fu) << 6) | (next & 0x3Fu);
      std::string_view plain;
      if (code >= 0xC0 && code <= 0xFF) {
        plain = kLatin1[code - 0xC0];
      } else if (code >= 0x100 && code <= 0x17F) {
        for (const Run& r : kExtendedA) {
          if (r.first <= code) plain = r.plain;
        }
      }
      if (!plain.empty()) {
        out += plain;
        ++i;
        continue;
      }
    }
    out += word[i];
  }
  return out;
}

bool IsStopWord(std::string_view lower_word) {
  // The stop words grouped by first letter: a word is compared only with its own group's.
  struct Groups {
    std::array<std::vector<std::string_view>, 26> by_letter;
    size_t longest = 0;
  };
  static const Groups groups = [] {
    Groups g;
    for (std::string_view w : kStopWords) {
      g.by_letter[static_cast<size_t>(w[0] - 'a')].push_back(w);
      g.longest = std::max(g.longest, w.size());
    }
    return g;
  }();
  if (lower_word.empty() || lower_word.size() > groups.longest) return false;
  auto first = static_cast<unsigned char>(lower_word[0] - 'a');
  if (first >= 26) return false;
  for (std::string_view w : groups.by_letter[first]) {
    if (w == lower_word) return true;
  }
  return false;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  const size_t n = text.size();
  tokens.reserve(n / 4 + 1);  // English averages about 5 bytes a token, spaces included
  size_t i = 0;
  auto at = [&](size_t k) -> unsigned char {
    return k < n ? static_cast<unsigned char>(text[k]) : 0;
  };
  // A word character: ASCII letters and digits, and bytes of non-ASCII characters that are not
  // punctuation or spaces.
  // (ASCII bytes are never part of a Unicode mark.)
  auto word_char_at = [&](size_t k) {
    unsigned char b = at(k);
    return b < 0x80 ? IsAlnum(b) : UnicodeMarkLength(text, k) == 0;
  };
  auto apostrophe_at = [&](size_t k) -> size_t {  // an apostrophe inside a word: ' or ’
    if (at(k) == '\'') return 1;
    if (at(k) == 0xE2 && at(k + 1) == 0x80 && at(k + 2) == 0x99) return 3;
    return 0;
  };
  while (i < n) {
    unsigned char c = at(i);
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    TokenType type;
    size_t subscript = 0;  // bytes of a formula's detached subscript (" 2" of "CO 2")
    if (size_t mark = UnicodeMarkLength(text, i); mark > 0) {
      i += mark;
      if (IsUnicodeSpace(text.substr(start, mark))) continue;
      Token t;
      t.text = text.substr(start, mark);
      t.lower = std::string(t.text);
      t.span = {start, i};
      t.type = TokenType::kPunct;
      tokens.push_back(std::move(t));
      continue;
    }
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
      if (IsLetter(at(i)) && word_char_at(i)) {
        while (i < n && (word_char_at(i) || (at(i) == '-' && word_char_at(i + 1)))) ++i;
        type = TokenType::kWord;
      }
    } else if (IsLetter(c)) {
      while (i < n) {
        if (word_char_at(i)) {
          ++i;
        } else if (at(i) == '-' && word_char_at(i + 1)) {
          i += 2;
        } else if (size_t a = apostrophe_at(i); a > 0 && word_char_at(i + a)) {
          i += a + 1;
        } else {
          break;
        }
      }
      type = TokenType::kWord;
      subscript = DetachedSubscript(text, start, i);
    } else {
      ++i;
      type = TokenType::kPunct;
    }
    Token t;
    t.text = text.substr(start, i + subscript - start);
    t.lower = AsciiLower(text.substr(start, i - start));
    if (subscript > 0) {
      t.lower += text[i + 1];
      i += subscript;
    } else if (type == TokenType::kWord) {
      AsciiSubscripts(&t.lower);
    }
    t.span = {start, i};
    t.type = type;
    t.capitalized = c >= 'A' && c <= 'Z';
    tokens.push_back(std::move(t));
  }
  return tokens;
}

std::string JoinFormulas(std::string_view text) {
  // Most texts have neither a subscript character nor a capital, a space and a digit 2-9 in a row:
  // they are returned as they are without tokenizing.
  bool candidate = text.find("\xE2\x82") != std::string_view::npos;
  for (size_t k = 2; !candidate && k < text.size(); ++k) {
    candidate = text[k] >= '2' && text[k] <= '9' && text[k - 1] == ' ' && text[k - 2] >= 'A' &&
                text[k - 2] <= 'Z';
  }
  if (!candidate) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const Token& t : Tokenize(text)) {
    if (t.type != TokenType::kWord || t.text.size() == t.lower.size()) continue;
    // A joined formula ("CO 2": text one byte longer) or subscript characters (two bytes longer
    // each): the word as the tokenizer reads it, in its original case.
    out.append(text.substr(copied, t.span.begin - copied));
    std::string word(t.text);
    if (size_t space = word.find(' '); space != std::string::npos) word.erase(space, 1);
    AsciiSubscripts(&word);
    out += word;
    copied = t.span.end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace fg
