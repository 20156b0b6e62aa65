// Sentence segmentation with exact byte spans, Markdown-aware.
//
// Splits model output into sentences: survives abbreviations (Dr., U.S., e.g., Inc.), initials
// (J. R. R. Tolkien), decimals and versions (3.14, v1.2), ellipses, quotations, URLs and e-mail
// addresses. Markdown structure is respected: headings, list items and table cells end sentences
// and their markers (#, -, *, 1.) are outside the spans; fenced and indented code blocks and inline
// code never produce sentences (inline code is kept inside the sentence that contains it, and
// flagged). Thread-safe, no state.
//
// Contract: linear time, never fails. Any bytes give spans that are non-empty, in order,
// non-overlapping, inside the text, trimmed of white space, and contain at least one letter, digit
// or non-ASCII byte. A blank line always ends a sentence, a single newline never does. Each table
// cell is split on its own (the |---| row is skipped). Known limit: a sentence that runs over
// several blockquote lines keeps the inner "> " markers inside its span.
#pragma once

#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

struct Sentence {
  Span span;                     // trimmed of surrounding white space and Markdown markers
  bool from_heading = false;     // the sentence is a Markdown heading
  bool has_inline_code = false;  // the sentence contains `inline code`
};

std::vector<Sentence> SplitSentences(std::string_view text);

}  // namespace fg
