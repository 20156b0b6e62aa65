// Where a growing model answer's sentences end for good: the sentence-completion rules the
// streaming dialects share (see plugins/stream_sentences.h).
#include "plugins/stream_sentences.h"

#include <string>

namespace fg::plugins {

static bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
static bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool EndsWith(std::string_view text, size_t end, std::string_view suffix) {
  return end >= suffix.size() && text.substr(end - suffix.size(), suffix.size()) == suffix;
}

// Back over closing quotes, brackets and emphasis markers that may follow a terminator.
size_t BackOverClosers(std::string_view text, size_t e, size_t begin) {
  while (e > begin) {
    char c = text[e - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*' || c == '_') {
      --e;
    } else if (e - begin >= 3 && (EndsWith(text, e, "\u201D") || EndsWith(text, e, "\u2019"))) {
      e -= 3;
    } else if (e - begin >= 2 && EndsWith(text, e, "\u00BB")) {
      e -= 2;
    } else {
      break;
    }
  }
  return e;
}

static bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Whether a sentence terminator ends right at e (and after begin).
bool TerminatorBefore(std::string_view text, size_t e, size_t begin) {
  if (e <= begin) return false;
  const char t = text[e - 1];
  return t == '.' || t == '!' || t == '?' || EndsWith(text, e, "\u2026") ||
         EndsWith(text, e, "\u3002") || EndsWith(text, e, "\uFF01") || EndsWith(text, e, "\uFF1F");
}

// Whether the segmenter ends a sentence at `end` of `prefix + "Next"`: "Next" is capitalised but
// not a function word, so titles, initials, acronyms and abbreviations like "etc." do not end
// there.
static bool ProbeEnds(std::string prefix, size_t end) {
  prefix += "Next";
  for (const Sentence& s : SplitSentences(prefix)) {
    if (s.span.end == end) return true;
  }
  return false;
}

static size_t Count(std::string_view s, std::string_view what) {
  size_t n = 0;
  for (size_t pos = s.find(what); pos != std::string_view::npos;
       pos = s.find(what, pos + what.size())) {
    ++n;
  }
  return n;
}

// Whether a sentence opens a double quote, bracket or emphasis that it has not closed yet.
static bool HasUnclosedOpener(std::string_view s) {
  const size_t stars = Count(s, "*");
  const size_t double_stars = Count(s, "**");
  return Count(s, "\"") % 2 == 1 || double_stars % 2 == 1 || (stars - 2 * double_stars) % 2 == 1 ||
         Count(s, "\u201C") > Count(s, "\u201D") || Count(s, "(") > Count(s, ")") ||
         Count(s, "[") > Count(s, "]");
}

// Whether the word before a final "." (the end of `before`) surely is a word and not an
// abbreviation the segmenter does not know ("5 ft. tall", "10 min. later"): four or more letters
// (or a non-ASCII one), and not one of a few longer abbreviations. Other words wait for the next
// one, which shows whether a sentence starts.
static bool LikelyFinalWord(std::string_view before) {
  size_t b = before.size();
  while (b > 0 &&
         (IsAsciiAlpha(before[b - 1]) || static_cast<unsigned char>(before[b - 1]) >= 0x80)) {
    --b;
  }
  std::string_view word = before.substr(b);
  if (word.empty()) return b > 0 && IsDigit(before[b - 1]);                     // "in 1865."
  if (b > 0 && (before[b - 1] == '.' || IsDigit(before[b - 1]))) return false;  // "e.g.", "3rd."
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) return true;
  if (word.size() < 4) return false;
  std::string lower;
  for (char c : word) lower += static_cast<char>(IsAsciiUpper(c) ? c - 'A' + 'a' : c);
  for (std::string_view abbreviation : {"incl", "excl", "resp", "cont", "ibid", "abbr", "approx"}) {
    if (lower == abbreviation) return false;
  }
  return true;
}

// Whether `last`, the last sentence of a growing text, is already complete by its punctuation.
static bool EndsComplete(std::string_view text, const Sentence& last) {
  const size_t end = last.span.end;
  for (size_t k = end; k < text.size(); ++k) {
    if (!IsSpace(text[k])) return false;
  }
  const size_t e = BackOverClosers(text, end, last.span.begin);
  if (!TerminatorBefore(text, e, last.span.begin)) return false;
  // An ellipsis often continues the sentence ("Well... maybe").
  if (EndsWith(text, e, "..") || EndsWith(text, e, "\u2026")) return false;
  if (text[e - 1] == '.' &&
      !LikelyFinalWord(text.substr(last.span.begin, e - 1 - last.span.begin))) {
    return false;
  }
  if (end == text.size()) {
    // "3." at the very end may be the start of "3.14".
    if (e == end && text[e - 1] == '.' && e >= 2 && IsDigit(text[e - 2])) return false;
    // A quote, bracket or emphasis opened in the sentence is likely closed right after the
    // terminator ("**Rome is old.**"), and the closer belongs to the sentence.
    if (HasUnclosedOpener(text.substr(last.span.begin, end - last.span.begin))) return false;
  }
  std::string prefix(text);
  if (end == text.size()) prefix += ' ';
  return ProbeEnds(std::move(prefix), end);
}

// Whether a blank line (which always ends a sentence) follows pos.
static bool BlankLineAfter(std::string_view text, size_t pos) {
  bool newline = false;
  for (size_t k = pos; k < text.size(); ++k) {
    if (text[k] == '\n') {
      if (newline) return true;
      newline = true;
    } else if (!IsSpace(text[k])) {
      newline = false;
    }
  }
  return false;
}

// How many of `sentences` (SplitSentences of a growing text) are already complete.
size_t CompleteCount(std::string_view text, const std::vector<Sentence>& sentences) {
  const size_t n = sentences.size();
  if (n == 0) return 0;
  const Sentence& last = sentences.back();
  size_t p = last.span.begin;
  while (p < text.size() && IsAsciiAlpha(text[p])) ++p;
  if (p >= text.size()) {
    // The last sentence is one unfinished word. The end before it stands unless it depends on
    // that word (after "U.S." only a sentence-starting word ends the sentence).
    if (n >= 2 &&
        ProbeEnds(std::string(text.substr(0, last.span.begin)), sentences[n - 2].span.end)) {
      return n - 1;
    }
    return n >= 2 ? n - 2 : 0;
  }
  return EndsComplete(text, last) || BlankLineAfter(text, last.span.end) ? n : n - 1;
}

// Closing quotes, brackets and emphasis markers at pos (bytes), as the segmenter counts them.
size_t ClosersAt(std::string_view text, size_t pos) {
  size_t e = pos;
  while (e < text.size()) {
    char c = text[e];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*' || c == '_') {
      ++e;
    } else if (text.substr(e).starts_with("\u201D") || text.substr(e).starts_with("\u2019")) {
      e += 3;
    } else if (text.substr(e).starts_with("\u00BB")) {
      e += 2;
    } else {
      break;
    }
  }
  return e - pos;
}

// Whether anything in the unfinished part of a text could end a sentence; saves segmenter runs.
bool MayEnd(std::string_view pending) {
  for (char c : pending) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '|' || u == 0xE2 || u == 0xE3 ||
        u == 0xEF) {
      return true;
    }
  }
  return false;
}

std::vector<Sentence> CompletedSentences(std::string_view text) {
  std::vector<Sentence> sentences = SplitSentences(text);
  sentences.resize(CompleteCount(text, sentences));
  return sentences;
}

}  // namespace fg::plugins
