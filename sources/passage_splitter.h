// Passage splitter: cuts a document's text into the passages a knowledge base indexes and returns.
//
// Passages follow sentence boundaries (fg::SplitSentences): consecutive sentences are grouped while
// the passage stays within `max_bytes`; a Markdown heading starts a new passage. A sentence longer
// than max_bytes becomes a passage of its own, and one longer than 4 x max_bytes is cut at word
// boundaries into pieces of at most that size. With max_bytes = 0 every sentence is its own passage
// (long ones cut at 4 x kDefaultPassageBytes). Text that holds no sentence at all (only code, say)
// is treated as one long sentence, so a non-blank document always yields at least one passage.
//
// Each passage is an exact slice of the text: text.substr(span.begin, span.size()), trimmed of
// surrounding white space; spans are in increasing order and do not overlap. Cuts never split a
// UTF-8 character. Thread-safe, no state.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

inline constexpr size_t kDefaultPassageBytes = 600;

struct PassageOptions {
  // Upper bound on a passage's size in bytes (one over-long sentence excepted, see above);
  // 0 = one passage per sentence.
  size_t max_bytes = kDefaultPassageBytes;
};

std::vector<Span> SplitPassages(std::string_view text, const PassageOptions& options = {});

}  // namespace fg
