// Two passes over the text, both linear: a line pass that recognises Markdown blocks (headings,
// list items, tables, code) and hands each block's inline content to a sentence pass, which looks
// for terminators and decides from their surroundings whether a sentence really ends there.
#include "src/core/segmenter.h"

#include <array>
#include <cstdint>

#include "src/core/tokenizer.h"

namespace fg {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAsciiLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiAlpha(unsigned char c) { return IsAsciiLower(c) || IsAsciiUpper(c); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
// Bytes >= 0x80 are parts of UTF-8 letters, symbols or emoji: all count as content.
bool IsContent(unsigned char c) { return IsAsciiAlpha(c) || IsDigit(c) || c >= 0x80; }

// Titles and Latin abbreviations that (almost) never end a sentence.
constexpr std::string_view kNeverFinal[] = {
    "adm", "approx", "ca",   "capt", "cf",  "cmdr", "col",  "dr",  "e.g",    "eq",
    "eqs", "fig",    "figs", "gen",  "gov", "hon",  "i.e",  "lt",  "messrs", "mme",
    "mr",  "mrs",    "ms",   "mt",   "pp",  "pres", "prof", "ref", "refs",   "rep",
    "rev", "sen",    "sgt",  "st",   "viz", "vol",  "vs"};
// Abbreviations that may end a sentence: they do only when a sentence-starting word follows.
constexpr std::string_view kMaybeFinal[] = {
    "al",  "apr", "aug", "ave", "blvd", "bros", "co",   "corp", "dec", "dept",
    "est", "etc", "feb", "inc", "jan",  "jr",   "jul",  "jun",  "llc", "ltd",
    "mar", "no",  "nos", "nov", "oct",  "sep",  "sept", "sr",   "univ"};
// Capitalised words that commonly start a sentence but are not in the stop-word list.
constexpr std::string_view kStarters[] = {"although",  "however", "meanwhile", "many",
                                          "therefore", "thus",    "today",     "yes"};

// Finds the ends of `code spans` in one block. Remembers which backtick run lengths have no
// closer left, so that unbalanced backticks keep the scan linear.
class CodeSpanFinder {
 public:
  void Reset() { no_closer_.fill(false); }

  // If a code span opens at i (a run of backticks), the position just past its closing run, else
  // 0. `end` bounds the block.
  size_t End(std::string_view text, size_t i, size_t end) {
    size_t run = 0;
    while (i + run < end && text[i + run] == '`') ++run;
    // Very long runs are taken literally; it keeps the cache small and the scan linear.
    if (run >= no_closer_.size() || no_closer_[run]) return 0;
    size_t j = i + run;
    while (j < end) {
      if (text[j] != '`') {
        ++j;
        continue;
      }
      size_t k = j;
      while (k < end && text[k] == '`') ++k;
      if (k - j == run) return k;
      j = k;
    }
    no_closer_[run] = true;
    return 0;
  }

 private:
  std::array<bool, 32> no_closer_{};
};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view word) {
  for (std::string_view w : list) {
    if (w == word) return true;
  }
  return false;
}

// The sentence pass over one block of inline text [begin, end).
class InlineSplitter {
 public:
  InlineSplitter(std::string_view text, std::vector<Sentence>& out) : text_(text), out_(out) {}

  // Splits [begin, end) into sentences. A heading is always a single sentence.
  void Split(size_t begin, size_t end, bool heading) {
    begin_ = begin;
    end_ = end;
    code_.Reset();
    size_t start = begin;
    bool has_code = false;
    size_t i = begin;
    while (i < end) {
      unsigned char c = At(i);
      if (c == '`') {
        size_t close = code_.End(text_, i, end);
        if (close != 0) {
          has_code = true;
          i = close;
        } else {
          while (i < end && At(i) == '`') ++i;
        }
        continue;
      }
      if (!heading && (c == 'h' || c == 'w') && IsUrlStart(i)) {
        i = UrlEnd(i);
        continue;
      }
      size_t len = TerminatorLength(i);
      if (len == 0 || heading) {
        ++i;
        continue;
      }
      // A run of terminators ("?!", "...", "…").
      size_t run_end = i;
      size_t count = 0;
      bool cjk = false;
      while (run_end < end) {
        size_t l = TerminatorLength(run_end);
        if (l == 0) break;
        cjk = l == 3 && At(run_end) != 0xE2;  // 。！？ but not …
        run_end += l;
        ++count;
      }
      size_t after = SkipClosers(run_end);
      bool boundary = false;
      if (after >= end || cjk) {
        boundary = true;
      } else if (IsSpace(At(after))) {
        size_t next = after;
        while (next < end && IsSpace(At(next))) ++next;
        boundary = next >= end || EndsHere(i, count == 1 && c == '.', next);
      }
      if (boundary) {
        Emit(start, after, has_code, false);
        start = after;
        has_code = false;
        i = after;
      } else {
        i = run_end;
      }
    }
    Emit(start, end, has_code, heading);
  }

 private:
  unsigned char At(size_t i) const { return i < end_ ? static_cast<unsigned char>(text_[i]) : 0; }

  bool StartsWith(size_t i, std::string_view s) const {
    return i + s.size() <= end_ && text_.substr(i, s.size()) == s;
  }

  // Byte length of a sentence terminator at i: . ! ? (1), … 。！？ (3), else 0.
  size_t TerminatorLength(size_t i) const {
    unsigned char c = At(i);
    if (c == '.' || c == '!' || c == '?') return 1;
    if (c < 0xE2) return 0;
    if (StartsWith(i, "\u2026") || StartsWith(i, "\u3002") || StartsWith(i, "\uFF01") ||
        StartsWith(i, "\uFF1F")) {
      return 3;
    }
    return 0;
  }

  // Past closing quotes, brackets, emphasis markers and citation markers ("[1]") after a
  // terminator: they belong to the sentence that just ended.
  size_t SkipClosers(size_t i) const {
    while (i < end_) {
      unsigned char c = At(i);
      if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*' || c == '_') {
        ++i;
      } else if (StartsWith(i, "\u201D") || StartsWith(i, "\u2019")) {
        i += 3;
      } else if (StartsWith(i, "\u00BB")) {
        i += 2;
      } else if (c == '[') {
        size_t j = i + 1;
        while (j < end_ && j - i <= 5 && IsDigit(At(j))) ++j;
        if (j == i + 1 || At(j) != ']') break;
        i = j + 1;
      } else {
        break;
      }
    }
    return i;
  }

  // Given a terminator run starting at `term` followed by white space, and the first
  // non-space byte `next`, decides whether the sentence ends.
  bool EndsHere(size_t term, bool single_period, size_t next) const {
    unsigned char n = At(next);
    if (IsAsciiLower(n) || n == ',' || n == ';' || n == ':') return false;
    if (!single_period) return true;
    // The word before the period: ASCII letters with inner dots ("U.S", "e.g", "Dr").
    size_t b = term;
    while (b > begin_ && term - b < 16 && (IsAsciiAlpha(At(b - 1)) || At(b - 1) == '.')) --b;
    while (b < term && At(b) == '.') ++b;
    if (b == term || term - b >= 16 || (b > begin_ && IsContent(At(b - 1)))) return true;
    std::array<char, 16> buf{};
    size_t len = term - b;
    bool inner_dot = false;
    for (size_t k = 0; k < len; ++k) {
      char ch = text_[b + k];
      if (ch == '.') inner_dot = true;
      buf[k] =
          IsAsciiUpper(static_cast<unsigned char>(ch)) ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
    std::string_view word(buf.data(), len);
    if (InList(kNeverFinal, word)) return false;
    bool initial = len == 1 && IsAsciiUpper(At(b));
    if (initial || InList(kMaybeFinal, word) || (inner_dot && IsAcronym(word))) {
      return StartsSentence(next);
    }
    return true;
  }

  // "u.s", "ph.d", "a.m": dotted segments of one or two letters.
  static bool IsAcronym(std::string_view word) {
    size_t seg = 0;
    for (char ch : word) {
      if (ch == '.') {
        if (seg == 0) return false;
        seg = 0;
      } else if (++seg > 2) {
        return false;
      }
    }
    return seg > 0;
  }

  // A capitalised function word ("The", "It", "However") that is not itself an initial.
  bool StartsSentence(size_t i) const {
    if (!IsAsciiUpper(At(i))) return false;
    std::array<char, 12> buf{};
    size_t len = 0;
    while (len < buf.size() && IsAsciiAlpha(At(i + len))) {
      unsigned char ch = At(i + len);
      buf[len++] = static_cast<char>(IsAsciiUpper(ch) ? ch - 'A' + 'a' : ch);
    }
    if (len == buf.size() || At(i + len) == '.') return false;
    std::string_view word(buf.data(), len);
    return IsStopWord(word) || InList(kStarters, word);
  }

  bool IsUrlStart(size_t i) const {
    if (i > 0 && IsContent(At(i - 1))) return false;
    return StartsWith(i, "http://") || StartsWith(i, "https://") || StartsWith(i, "www.");
  }

  // End of a URL starting at i: up to white space, minus trailing punctuation.
  size_t UrlEnd(size_t i) const {
    size_t j = i;
    while (j < end_ && !IsSpace(At(j)) && At(j) != '<' && At(j) != '>' && At(j) != '"' &&
           At(j) != '`') {
      ++j;
    }
    while (j > i + 4) {
      unsigned char c = At(j - 1);
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
          c == ']' || c == '\'' || c == '*' || c == '_') {
        --j;
      } else {
        break;
      }
    }
    return j;
  }

  void Emit(size_t b, size_t e, bool has_code, bool heading) {
    while (b < e && IsSpace(At(b))) ++b;
    while (e > b && IsSpace(static_cast<unsigned char>(text_[e - 1]))) --e;
    bool content = false;
    for (size_t k = b; k < e && !content; ++k) content = IsContent(At(k));
    if (!content) return;
    Sentence s;
    s.span = {b, e};
    s.from_heading = heading;
    s.has_inline_code = has_code;
    out_.push_back(s);
  }

  std::string_view text_;
  std::vector<Sentence>& out_;
  size_t begin_ = 0;
  size_t end_ = 0;
  CodeSpanFinder code_;
};

// One physical line: [begin, end) without its line break; `next` starts the following line.
struct Line {
  size_t begin = 0;
  size_t end = 0;
  size_t next = 0;
};

Line LineAt(std::string_view text, size_t pos) {
  size_t nl = text.find('\n', pos);
  Line line;
  line.begin = pos;
  line.end = nl == std::string_view::npos ? text.size() : nl;
  line.next = nl == std::string_view::npos ? text.size() : nl + 1;
  if (line.end > line.begin && text[line.end - 1] == '\r') --line.end;
  return line;
}

// The line pass: a small state machine over Markdown blocks.
class BlockSplitter {
 public:
  explicit BlockSplitter(std::string_view text) : text_(text), inline_(text, out_) {}

  std::vector<Sentence> Run() {
    size_t pos = 0;
    while (pos < text_.size()) {
      Line line = LineAt(text_, pos);
      HandleLine(line);
      pos = line.next;
    }
    FlushParagraph();
    return std::move(out_);
  }

 private:
  enum class State { kNone, kParagraph, kFence, kIndentedCode, kTable };

  unsigned char At(size_t i) const {
    return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0;
  }

  // Content start after indentation; `indent` gets the column width (tabs to multiples of 4).
  size_t SkipIndent(size_t b, size_t e, size_t& indent) const {
    indent = 0;
    while (b < e && (At(b) == ' ' || At(b) == '\t')) {
      indent = At(b) == '\t' ? (indent / 4 + 1) * 4 : indent + 1;
      ++b;
    }
    return b;
  }

  // Blockquote markers ("> > ") stripped from the start of a line.
  size_t SkipQuotes(size_t b, size_t e, bool& quoted) const {
    quoted = false;
    size_t indent = 0;
    size_t p = SkipIndent(b, e, indent);
    while (p < e && indent < 4 && At(p) == '>') {
      quoted = true;
      ++p;
      p = SkipIndent(p, e, indent);
      indent = 0;
    }
    return quoted ? p : b;
  }

  void HandleLine(const Line& line) {
    const size_t e = line.end;
    if (state_ == State::kFence) {
      if (IsFenceClose(line.begin, e)) state_ = State::kNone;
      return;
    }
    bool quoted = false;
    size_t b = SkipQuotes(line.begin, e, quoted);
    size_t indent = 0;
    size_t cs = SkipIndent(b, e, indent);
    if (quoted) indent = 0;
    const bool blank = cs == e;
    if (state_ == State::kIndentedCode) {
      if (blank || indent >= 4) return;
      state_ = State::kNone;
    }
    if (blank) {
      FlushParagraph();
      state_ = State::kNone;
      return;
    }
    if (indent < 4 || in_list_ || quoted) {
      size_t run = 0;
      unsigned char fc = At(cs);
      while ((fc == '`' || fc == '~') && At(cs + run) == fc && cs + run < e) ++run;
      bool info_has_backtick =
          fc == '`' && text_.substr(cs + run, e - cs - run).find('`') != std::string_view::npos;
      if (run >= 3 && !info_has_backtick) {
        FlushParagraph();
        state_ = State::kFence;
        fence_char_ = fc;
        fence_len_ = run;
        return;
      }
    }
    if (indent >= 4 && state_ != State::kParagraph && !in_list_ && !quoted) {
      FlushParagraph();
      state_ = State::kIndentedCode;
      return;
    }
    if (state_ == State::kTable) {
      if (IsDelimiterRow(cs, e)) return;
      if (Contains(cs, e, '|')) {
        EmitRow(cs, e);
        return;
      }
      state_ = State::kNone;
    }
    if (HandleHeading(cs, e)) return;
    if (state_ == State::kParagraph && !para_list_item_ && IsSetextUnderline(cs, e)) {
      inline_.Split(para_begin_, para_end_, /*heading=*/true);
      state_ = State::kNone;
      return;
    }
    if (IsThematicBreak(cs, e)) {
      FlushParagraph();
      state_ = State::kNone;
      in_list_ = false;
      return;
    }
    if (Contains(cs, e, '|') &&
        ((At(cs) == '|' && CountPipes(cs, e) >= 2) || NextLineIsDelimiter(line.next))) {
      FlushParagraph();
      state_ = State::kTable;
      EmitRow(cs, e);
      return;
    }
    if (HandleListItem(cs, e, indent)) return;
    if (state_ == State::kParagraph) {
      para_end_ = e;
      return;
    }
    if (indent == 0 && !quoted) in_list_ = false;
    StartParagraph(cs, e, false);
  }

  bool HandleHeading(size_t cs, size_t e) {
    size_t level = 0;
    while (At(cs + level) == '#' && cs + level < e) ++level;
    if (level == 0 || level > 6 ||
        (cs + level < e && At(cs + level) != ' ' && At(cs + level) != '\t')) {
      return false;
    }
    FlushParagraph();
    state_ = State::kNone;
    in_list_ = false;
    size_t b = cs + level;
    while (b < e && (At(b) == ' ' || At(b) == '\t')) ++b;
    size_t end = e;
    while (end > b && (At(end - 1) == ' ' || At(end - 1) == '\t')) --end;
    // An optional closing sequence of '#' preceded by a space.
    size_t hashes = end;
    while (hashes > b && At(hashes - 1) == '#') --hashes;
    if (hashes == b || At(hashes - 1) == ' ' || At(hashes - 1) == '\t') end = hashes;
    inline_.Split(b, end, /*heading=*/true);
    return true;
  }

  // "- item", "* item", "+ item", "1. item", "2) item", optionally "- [x] item".
  bool HandleListItem(size_t cs, size_t e, size_t indent) {
    size_t p = cs;
    bool ordered = false;
    unsigned long number = 0;
    if (At(p) == '-' || At(p) == '*' || At(p) == '+') {
      ++p;
    } else {
      size_t digits = 0;
      while (p < e && IsDigit(At(p)) && digits < 9) {
        number = number * 10 + (At(p) - '0');
        ++p;
        ++digits;
      }
      if (digits == 0 || (At(p) != '.' && At(p) != ')')) return false;
      ++p;
      ordered = true;
    }
    if (p < e && At(p) != ' ' && At(p) != '\t') return false;
    // An ordered item interrupts a running paragraph only when it starts a list at 1, so that
    // a hard-wrapped "...born in\n1809. He..." stays one paragraph.
    if (ordered && number != 1 && state_ == State::kParagraph && !para_list_item_ && !in_list_) {
      return false;
    }
    if (!ordered && state_ == State::kParagraph && !para_list_item_ && indent >= 4) return false;
    FlushParagraph();
    in_list_ = true;
    while (p < e && (At(p) == ' ' || At(p) == '\t')) ++p;
    if (p + 3 <= e && At(p) == '[' && At(p + 2) == ']' &&
        (At(p + 1) == ' ' || At(p + 1) == 'x' || At(p + 1) == 'X') &&
        (p + 3 == e || At(p + 3) == ' ')) {
      p += 3;
      while (p < e && At(p) == ' ') ++p;
    }
    if (p >= e) {
      state_ = State::kNone;
      return true;
    }
    StartParagraph(p, e, true);
    return true;
  }

  void StartParagraph(size_t b, size_t e, bool list_item) {
    state_ = State::kParagraph;
    para_begin_ = b;
    para_end_ = e;
    para_list_item_ = list_item;
  }

  void FlushParagraph() {
    if (state_ != State::kParagraph) return;
    inline_.Split(para_begin_, para_end_, /*heading=*/false);
    state_ = State::kNone;
  }

  bool IsFenceClose(size_t b, size_t e) const {
    bool quoted = false;
    size_t indent = 0;
    size_t p = SkipIndent(SkipQuotes(b, e, quoted), e, indent);
    size_t run = 0;
    while (p + run < e && At(p + run) == fence_char_) ++run;
    if (run < fence_len_) return false;
    for (size_t k = p + run; k < e; ++k) {
      if (!IsSpace(At(k))) return false;
    }
    return true;
  }

  bool Contains(size_t b, size_t e, char c) const {
    return text_.substr(b, e - b).find(c) != std::string_view::npos;
  }

  size_t CountPipes(size_t b, size_t e) const {
    size_t n = 0;
    for (size_t k = b; k < e; ++k) n += At(k) == '|';
    return n;
  }

  // "|---|:---:|", "--- | ---".
  bool IsDelimiterRow(size_t b, size_t e) const {
    bool dash = false;
    bool pipe = false;
    for (size_t k = b; k < e; ++k) {
      unsigned char c = At(k);
      if (c == '-') {
        dash = true;
      } else if (c == '|') {
        pipe = true;
      } else if (c != ':' && c != ' ' && c != '\t') {
        return false;
      }
    }
    return dash && pipe;
  }

  bool NextLineIsDelimiter(size_t pos) const {
    if (pos >= text_.size()) return false;
    Line next = LineAt(text_, pos);
    bool quoted = false;
    size_t indent = 0;
    size_t b = SkipIndent(SkipQuotes(next.begin, next.end, quoted), next.end, indent);
    return IsDelimiterRow(b, next.end);
  }

  bool IsThematicBreak(size_t b, size_t e) const {
    unsigned char mark = At(b);
    if (mark != '-' && mark != '*' && mark != '_') return false;
    size_t count = 0;
    for (size_t k = b; k < e; ++k) {
      if (At(k) == mark) {
        ++count;
      } else if (At(k) != ' ' && At(k) != '\t') {
        return false;
      }
    }
    return count >= 3;
  }

  bool IsSetextUnderline(size_t b, size_t e) const {
    unsigned char mark = At(b);
    if (mark != '=' && mark != '-') return false;
    size_t k = b;
    while (k < e && At(k) == mark) ++k;
    size_t run = k - b;
    while (k < e && IsSpace(At(k))) ++k;
    return k == e && (mark == '=' || run >= 2);
  }

  // Each cell of a table row is split on its own; escaped pipes and pipes inside `code` do not
  // separate cells.
  void EmitRow(size_t b, size_t e) {
    code_.Reset();
    size_t cell = b;
    size_t k = b;
    while (k < e) {
      unsigned char c = At(k);
      if (c == '\\') {
        k += 2;
        continue;
      }
      if (c == '`') {
        size_t close = code_.End(text_, k, e);
        if (close != 0) {
          k = close;
        } else {
          while (k < e && At(k) == '`') ++k;
        }
        continue;
      }
      if (c == '|') {
        inline_.Split(cell, k, /*heading=*/false);
        cell = k + 1;
      }
      ++k;
    }
    if (cell < e) inline_.Split(cell, e, /*heading=*/false);
  }

  std::string_view text_;
  std::vector<Sentence> out_;
  InlineSplitter inline_;
  CodeSpanFinder code_;
  State state_ = State::kNone;
  size_t para_begin_ = 0;
  size_t para_end_ = 0;
  bool para_list_item_ = false;
  bool in_list_ = false;
  unsigned char fence_char_ = '`';
  size_t fence_len_ = 3;
};

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text) { return BlockSplitter(text).Run(); }

}  // namespace fg
