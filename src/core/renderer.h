// Renderer: the last stage of the flow, which turns a checked answer back into text for the user in
// one of the proxy modes: annotate (text untouched, the report travels beside it), cite (citation
// markers after checked sentences plus a sources list) or rewrite (refuted claims corrected where
// the evidence says how, otherwise marked).
//
// Pure functions and a small value class, no I/O; thread-compatible (a SourceNumbering belongs to
// one answer). All spans are byte offsets into the rendered text, as Claim::span. Claims are taken
// in the order given (the extractor's order: by position, non-overlapping); a claim whose span
// falls outside its text or overlaps the previous rewritten claim is left alone.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/types.h"

namespace fg {

enum class Mode {
  kOff,       // plain relay: nothing checked, nothing added
  kAnnotate,  // text untouched; the report travels beside it
  kCite,      // markers like " [1]" after checked sentences, then a sources list
  kRewrite,   // refuted claims replaced by their correction, or marked " [refuted]"
};

// "off" | "annotate" | "cite" | "rewrite", case-insensitive, surrounding white space ignored.
std::optional<Mode> ParseMode(std::string_view name);
std::string_view ModeName(Mode mode);

// "supported=3; refuted=1; not_enough_info=2": verdict counts over all given reports (null
// pointers are skipped), for the x-factgate-verdict header.
std::string VerdictHeaderValue(const std::vector<const Report*>& reports);

// Numbers cited sources across one answer: the same (source, doc_id) always gets the same number,
// first come first numbered, starting at 1.
class SourceNumbering {
 public:
  // Markers for the claims of one sentence: " [1][2]" (leading space), each number once, in order
  // of first citation. Only supported and refuted claims with citations get markers
  // (not_enough_info never); empty string when none does.
  std::string MarkersFor(std::span<const ClaimResult> claims);
  // "\n\nSources:\n[1] Title — \"quote\" (url)\n[2] ..." with no final newline. The title falls
  // back to the doc_id when empty; the quote and url parts are omitted when empty; runs of white
  // space in title and quote are shown as one space. Empty string when nothing was numbered.
  std::string SourcesList() const;
  size_t size() const { return sources_.size(); }

 private:
  size_t Number(const Citation& citation);

  std::map<std::pair<std::string, std::string>, size_t> numbers_;
  std::vector<Citation> sources_;  // sources_[n - 1] is the first citation numbered n
};

// Cite mode on a whole text: SplitSentences(text) gives the sentences; a claim belongs to the first
// sentence that ends after the claim's begin. Right after the end of each sentence (after its
// closing punctuation and quotes) whose claims get markers, the markers are inserted; then
// SourcesList() is appended after the whole text. Claims starting after the last sentence get no
// marker.
std::string RenderCite(std::string_view text, const Report& report);

// Rewrite mode on a whole text: each refuted claim that has a correction is replaced by the
// correction (its span); a refuted claim without a correction keeps its text and gets " [refuted]"
// right after its span. All other bytes are kept as they are.
std::string RenderRewrite(std::string_view text, const Report& report);

// The rewrite rules on one piece of a larger text (the streaming path): `sentence` is
// text[sentence_begin, sentence_begin + sentence.size()), and claims' spans are offsets into that
// larger text. Only claims lying wholly inside the piece are applied.
std::string RewriteSentence(std::string_view sentence, size_t sentence_begin,
                            std::span<const ClaimResult> claims);

}  // namespace fg
