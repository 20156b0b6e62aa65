// Word tokens with exact byte spans: the shared first step of claim extraction, query building and
// evidence alignment.
//
// A token is a word (letters, digits inside words, inner apostrophes ' or ’ and hyphens:
// "don't", "covid-19"), a number ("1,500,000", "3.14", "1809") or a single punctuation character.
// Non-ASCII characters count as letters, so UTF-8 words stay whole, except Unicode punctuation
// (curly quotes, dashes, ellipsis, « », fullwidth and CJK marks), which are punctuation tokens,
// and Unicode spaces (no-break, zero-width, soft hyphen, BOM), which separate like white space.
// A chemical formula whose subscript lost its formatting is one word: text taken from web pages
// writes CO₂ as "CO 2" or "CO₂", claims write "CO2", and all three are the token "co2" (the head is
// two or three of the capitals C, H, N, O, S, F, or O alone, then one digit 2-9 standing alone:
// "CO 2", "CH 4", "SF 6", "O 3"; not "CI 2" or "CO 2.5").
// Thread-safe, no state.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

enum class TokenType { kWord, kNumber, kPunct };

struct Token {
  std::string_view text;  // the original bytes (a view into the tokenized text)
  std::string lower;      // ASCII-lowercased text
  Span span;
  TokenType type = TokenType::kWord;
  bool capitalized = false;  // first character is an ASCII capital letter
};

std::vector<Token> Tokenize(std::string_view text);

// The text with every formula the tokenizer joins written as one word ("CO 2" and "CO₂" become
// "CO2"), for indexers that split words themselves (Xapian's TermGenerator); the text itself when
// there is none.
std::string JoinFormulas(std::string_view text);

// Common English function words ("the", "of", "was", ...). Takes a lowercased word.
bool IsStopWord(std::string_view lower_word);

std::string AsciiLower(std::string_view text);

// The word with the accented Latin letters of Latin-1 and Latin Extended-A (U+00C0-U+017F) written
// as their plain lowercase letters: "larraín" is "larrain", "dvořák" is "dvorak", "ß" is "ss".
// Claims often drop the accents their evidence keeps. Other bytes are kept as they are.
std::string FoldLatinAccents(std::string_view word);
// Whether FoldLatinAccents may change the word: it holds a lead byte of U+00C0-U+017F.
bool HasLatinAccents(std::string_view word);

// Bytes of the Unicode punctuation or space character starting at text[i], 0 if there is none.
size_t UnicodeMarkLength(std::string_view text, size_t i);
// True for a mark (as measured above) that is a space rather than punctuation.
bool IsUnicodeSpace(std::string_view mark);

}  // namespace fg
