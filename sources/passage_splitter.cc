#include "sources/passage_splitter.h"

#include "src/core/segmenter.h"

namespace fg {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Narrows `span` to exclude surrounding white space; may become empty.
Span Trim(std::string_view text, Span span) {
  while (span.begin < span.end && IsSpace(text[span.begin])) ++span.begin;
  while (span.end > span.begin && IsSpace(text[span.end - 1])) --span.end;
  return span;
}

// Appends `span` to `out`, cut into pieces of at most `limit` bytes at the last white space before
// the limit (or, in one unbroken word, at the last UTF-8 character boundary).
void AppendCut(std::string_view text, Span span, size_t limit, std::vector<Span>* out) {
  span = Trim(text, span);
  while (span.size() > limit) {
    size_t cut = span.begin + limit;
    size_t space = cut;
    while (space > span.begin && !IsSpace(text[space])) --space;
    if (space > span.begin) {
      cut = space;
    } else {
      while (cut > span.begin + 1 && IsUtf8Continuation(text[cut])) --cut;
    }
    Span piece = Trim(text, {span.begin, cut});
    if (piece.size() > 0) out->push_back(piece);
    span = Trim(text, {cut, span.end});
  }
  if (span.size() > 0) out->push_back(span);
}

}  // namespace

std::vector<Span> SplitPassages(std::string_view text, const PassageOptions& options) {
  const size_t max_bytes = options.max_bytes;
  const size_t hard_limit = 4 * (max_bytes > 0 ? max_bytes : kDefaultPassageBytes);
  std::vector<Sentence> sentences = SplitSentences(text);
  std::vector<Span> out;
  if (sentences.empty()) {
    AppendCut(text, {0, text.size()}, hard_limit, &out);
    return out;
  }
  bool open = false;  // a passage [current.begin, current.end) is being grown
  Span current;
  size_t last_end = 0;  // guards against overlapping sentence spans
  auto flush = [&] {
    if (open) AppendCut(text, current, hard_limit, &out);
    open = false;
  };
  for (const Sentence& sentence : sentences) {
    Span s = Trim(text, sentence.span);
    if (s.size() == 0 || s.begin < last_end) continue;
    last_end = s.end;
    if (open && (max_bytes == 0 || sentence.from_heading || s.end - current.begin > max_bytes)) {
      flush();
    }
    if (!open) {
      current = s;
      open = true;
    } else {
      current.end = s.end;
    }
  }
  flush();
  return out;
}

}  // namespace fg
