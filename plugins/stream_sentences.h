// Sentence completion in a streamed answer, shared by the streaming dialects (plugins/openai,
// plugins/anthropic, plugins/ollama): which sentences of a growing text are complete for good, so
// they can be checked (and cited) while the answer still streams.
//
// A sentence of the text is complete when
//   * the segmenter (SplitSentences) shows another sentence after it and that boundary cannot
//     change any more: either it holds whatever word comes next (a "." after an ordinary word, a
//     blank line, a new list item) or the next sentence's first word has ended (after "U.S.", "J."
//     or "etc." only a sentence-starting word ends the sentence); or
//   * the text ends (but for white space) with [.!?] (or 。！？) and closers, at a point the
//     segmenter ends a sentence even before a capitalised non-function word, and the word before a
//     "." has 4+ letters (or a non-ASCII one) and is no known abbreviation, or is a number followed
//     by white space; not an ellipsis, and not when the sentence has an unclosed quote, bracket or
//     emphasis at the very end of the text (its closer is likely next: "**Rome is old.**"); or
//   * a blank line follows it.
// When the answer ends, the rest is complete (the caller's business).
//
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "src/core/segmenter.h"

namespace fg::plugins {

// The sentences of `text` that are complete by the rules above, in order.
std::vector<Sentence> CompletedSentences(std::string_view text);

// How many of `sentences` (SplitSentences(text)) are complete by the rules above.
size_t CompleteCount(std::string_view text, const std::vector<Sentence>& sentences);

// Back from `e` over closing quotes, brackets and emphasis markers (not before `begin`).
size_t BackOverClosers(std::string_view text, size_t e, size_t begin);

// Whether a sentence terminator (. ! ? … 。！？) ends right at `e` (and after `begin`).
bool TerminatorBefore(std::string_view text, size_t e, size_t begin);

// The bytes of closing quotes, brackets and emphasis markers starting at `pos`.
size_t ClosersAt(std::string_view text, size_t pos);

// Whether anything in the unfinished part of a text could end a sentence (saves segmenter runs).
bool MayEnd(std::string_view pending);

}  // namespace fg::plugins
