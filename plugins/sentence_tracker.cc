// The sentence tracking of the streaming processors; see sentence_tracker.h.
#include "plugins/sentence_tracker.h"

#include <algorithm>
#include <utility>

#include "plugins/stream_sentences.h"
#include "src/core/claim_extractor.h"

namespace fg::plugins {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

void MarkUnchecked(Report& report, const std::string& reason) {
  report.checked = false;
  if (std::find(report.errors.begin(), report.errors.end(), reason) == report.errors.end()) {
    report.errors.push_back(reason);
  }
}

bool HasOpenMarkup(std::string_view sentence) {
  size_t stars = 0, underscores = 0, quotes = 0;
  int parens = 0, brackets = 0, curly = 0;
  for (size_t i = 0; i < sentence.size(); ++i) {
    char ch = sentence[i];
    if (ch == '*' && i + 1 < sentence.size() && sentence[i + 1] == '*') {
      ++stars;
      ++i;
    } else if (ch == '_' && i + 1 < sentence.size() && sentence[i + 1] == '_') {
      ++underscores;
      ++i;
    } else if (ch == '"') {
      ++quotes;
    } else if (ch == '(') {
      ++parens;
    } else if (ch == ')') {
      --parens;
    } else if (ch == '[') {
      ++brackets;
    } else if (ch == ']') {
      --brackets;
    } else if (sentence.substr(i).starts_with("\u201C")) {
      ++curly;
    } else if (sentence.substr(i).starts_with("\u201D")) {
      --curly;
    }
  }
  return stars % 2 == 1 || underscores % 2 == 1 || quotes % 2 == 1 || parens > 0 || brackets > 0 ||
         curly > 0;
}

// Cite: the marker of such a region goes after the closers. (The owner still holds the text then:
// text ending in a terminator is never decided.)
void SentenceTracker::ExtendOverClosers(size_t old_size) {
  if (records.empty() || done_end != old_size || records.back().end != old_size ||
      marker_cursor >= records.size()) {
    return;
  }
  std::string_view t = text;
  size_t e = old_size;
  if (TerminatorBefore(t, e, 0)) {
    while (e < t.size()) {
      std::string_view rest = t.substr(e);
      if (t[e] == '.' || t[e] == '!' || t[e] == '?') {
        ++e;
      } else if (rest.starts_with("\u2026") || rest.starts_with("\u3002") ||
                 rest.starts_with("\uFF01") || rest.starts_with("\uFF1F")) {
        e += 3;
      } else {
        break;
      }
    }
  }
  e += ClosersAt(t, e);
  records.back().end = e;
  done_end = e;
}

// Cost: the segmenter and the extractor run on a window, not the whole text, so a long answer
// stays linear. The window starts at a restart point, a paragraph start where the segmenter's
// state is known to be fresh, so sentences after it come out exactly as over the whole text.
// The extractor's window reaches back at least kContextBytes for pronoun context.
std::vector<size_t> SentenceTracker::Advance(bool finish, const ClaimSink& sink) {
  std::vector<size_t> ends;
  std::string_view t = text;
  const size_t from = RestartBefore(done_end);
  std::string_view window = t.substr(from);
  std::vector<Sentence> sentences;
  if (finish) {
    sentences = SplitSentences(window);
    for (const Sentence& s : sentences) {
      if (s.span.end + from > done_end) ends.push_back(s.span.end + from);
    }
    open_end = kNone;
  } else {
    if (t.size() == scanned_size) return {};
    scanned_size = t.size();
    std::string_view pending = t.substr(done_end);
    if (!MayEnd(pending)) {
      size_t e = t.size();
      while (e > done_end && IsSpace(t[e - 1])) --e;
      open_end = e > done_end ? e : kNone;
      return {};
    }
    sentences = SplitSentences(window);
    const size_t complete = CompleteCount(window, sentences);
    for (size_t i = 0; i < complete; ++i) {
      if (sentences[i].span.end + from > done_end) ends.push_back(sentences[i].span.end + from);
    }
    const size_t done = ends.empty() ? done_end : ends.back();
    open_end = sentences.size() > complete && sentences.back().span.end + from > done
                   ? sentences.back().span.end + from
                   : kNone;
    for (size_t i = 0; i < complete; ++i) AddRestart(sentences[i].span.begin + from);
  }
  std::vector<size_t> created;
  if (!ends.empty()) {
    const size_t context_from = ContextStart(from, sentences);
    std::vector<Claim> claims =
        ClaimBudget() > 0 ? ExtractClaims(t.substr(context_from, ends.back() - context_from))
                          : std::vector<Claim>{};
    for (Claim& claim : claims) {
      claim.span.begin += context_from;
      claim.span.end += context_from;
    }
    for (size_t end : ends) {
      SentenceRecord r;
      r.begin = done_end;
      r.end = end;
      r.claims_begin = report.claims.size();
      const size_t record_index = records.size();
      for (Claim& claim : claims) {
        if (claim.span.begin >= r.begin && claim.span.begin < r.end && ClaimBudget() > 0) {
          claim.id = "c" + std::to_string(report.claims.size() + 1);  // windows number from c1
          ClaimResult result;
          result.claim = claim;
          report.claims.push_back(std::move(result));
          if (sink(record_index, report.claims.size() - 1, std::move(claim))) ++r.pending;
        }
      }
      r.claims_end = report.claims.size();
      records.push_back(r);
      created.push_back(record_index);
      done_end = end;
    }
  }
  if (finish && done_end < t.size()) created.push_back(AddRest());
  return created;
}

// Where the extractor's window starts: the last point at least kContextBytes before done_end
// (for pronoun context) that is a restart point or the start of a sentence that opens with a
// letter on a line without "|" (from there the segmenter splits the rest of the paragraph as
// over the whole text; this keeps one long paragraph from costing quadratic time).
size_t SentenceTracker::ContextStart(size_t from, const std::vector<Sentence>& sentences) const {
  const size_t want = done_end > kContextBytes ? done_end - kContextBytes : 0;
  size_t best = RestartBefore(want);
  std::string_view t = text;
  for (const Sentence& s : sentences) {
    const size_t b = s.span.begin + from;
    if (b > want) break;
    if (b <= best || !IsAsciiAlpha(t[b])) continue;
    size_t line_end = t.find('\n', b);
    if (t.substr(b, line_end == std::string_view::npos ? line_end : line_end - b).find('|') ==
        std::string_view::npos) {
      best = b;
    }
  }
  return best;
}

// Claims the answer may still get: as many as ExtractClaims gives one text by default.
size_t SentenceTracker::ClaimBudget() const {
  const size_t max = ExtractOptions{}.max_claims;
  return report.claims.size() < max ? max - report.claims.size() : 0;
}

// The last restart point at or before pos.
size_t SentenceTracker::RestartBefore(size_t pos) const {
  auto it = std::upper_bound(restarts.begin(), restarts.end(), pos);
  return *(it - 1);  // restarts[0] == 0
}

// Records the start of a complete sentence as a restart point when the segmenter must be in its
// initial state there: the sentence opens a plain paragraph (a letter at the start of a line,
// after a blank line; a whole line without "|", so no table).
void SentenceTracker::AddRestart(size_t begin) {
  std::string_view t = text;
  if (begin <= restarts.back() || begin < 2 || t[begin - 1] != '\n' || !IsAsciiAlpha(t[begin])) {
    return;
  }
  size_t k = begin - 1;
  while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\r')) --k;
  if (k == 0 || t[k - 1] != '\n') return;
  size_t line_end = t.find('\n', begin);
  if (line_end == std::string_view::npos ||
      t.substr(begin, line_end - begin).find('|') != std::string_view::npos) {
    return;
  }
  restarts.push_back(begin);
}

bool SentenceTracker::Decided() const {
  if (finished) return true;
  std::string_view t = text;
  // Ends in a terminator: closers or the next word may still move or make the end — unless the
  // sentence is already complete (a long last word: "... United States.") and nothing in it is
  // left open that a closer could still close. Holding it would delay a streamed sentence until
  // the next token, which may be seconds away.
  if (TerminatorBefore(t, BackOverClosers(t, t.size(), 0), 0)) {
    return !records.empty() && done_end == t.size() &&
           !HasOpenMarkup(t.substr(records.back().begin));
  }
  if (open_end == kNone) return true;
  // White space or Markdown markers after the open sentence: it may end before them.
  if (open_end < t.size()) return false;
  // "... U.S. The": a possible end before an unfinished capitalised word.
  size_t p = t.size();
  while (p > done_end && IsAsciiAlpha(t[p - 1])) --p;
  if (p == t.size() || !IsAsciiUpper(t[p])) return true;
  size_t q = p;
  while (q > done_end && IsSpace(t[q - 1])) --q;
  if (q == p) return true;
  return !TerminatorBefore(t, BackOverClosers(t, q, done_end), done_end);
}

size_t SentenceTracker::AddRest() {
  SentenceRecord rest;
  rest.begin = done_end;
  rest.end = text.size();
  rest.claims_begin = rest.claims_end = report.claims.size();
  records.push_back(rest);
  done_end = text.size();
  return records.size() - 1;
}

void SentenceTracker::Answer(size_t record, size_t claim, ClaimResult result,
                             const std::vector<std::string>& source_errors) {
  for (const std::string& error : source_errors) MarkUnchecked(report, error);
  ClaimResult& slot = report.claims[claim];
  result.claim = std::move(slot.claim);
  slot = std::move(result);
  --records[record].pending;
}

void SentenceTracker::Abandon(size_t record, size_t claim, const std::string& reason) {
  ClaimResult& slot = report.claims[claim];
  ClaimResult nei;
  nei.claim = std::move(slot.claim);
  slot = std::move(nei);
  --records[record].pending;
  MarkUnchecked(report, reason);
}

std::span<const ClaimResult> SentenceTracker::ClaimsOf(const SentenceRecord& r) const {
  return std::span<const ClaimResult>(report.claims)
      .subspan(r.claims_begin, r.claims_end - r.claims_begin);
}

SentenceTracker::MarkerPlaces SentenceTracker::TakeMarkers(size_t a, size_t b) {
  MarkerPlaces places;
  for (; marker_cursor < records.size() && records[marker_cursor].end <= b; ++marker_cursor) {
    const SentenceRecord& rec = records[marker_cursor];
    if (!rec.HasClaims()) continue;
    if (rec.end <= a) {
      places.before.push_back(marker_cursor);
    } else if (rec.end < b) {
      places.inside.push_back(marker_cursor);
    } else {
      places.after.push_back(marker_cursor);
    }
  }
  return places;
}

std::vector<size_t> SentenceTracker::TakeRestMarkers() {
  std::vector<size_t> rest;
  for (; marker_cursor < records.size(); ++marker_cursor) {
    if (records[marker_cursor].HasClaims()) rest.push_back(marker_cursor);
  }
  return rest;
}

}  // namespace fg::plugins
