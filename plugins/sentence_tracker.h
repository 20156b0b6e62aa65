// One growing answer text in a streamed response, shared by the streaming processors
// (plugins/openai/chat_stream.cc per choice, plugins/anthropic/messages_stream.cc per text block,
// plugins/ollama/ndjson_stream.cc for its one answer): which of its sentences are complete
// (plugins/stream_sentences.h), the claims of newly complete sentences, the verdicts collected for
// them, and — for cite — whether every sentence end in the text so far is decided.
//
// Contract:
// - The owner appends text to `text` and then calls Advance. Advance splits the text that became
//   complete into regions (SentenceRecord): a region runs from the end of the previous region
//   (white space and Markdown markers between sentences included) to the end of its sentence; with
//   `finish` the rest of the text is complete too (its last region may hold no sentence).
// - For newly complete regions ExtractClaims runs over the text up to their end, from a paragraph
//   or sentence start at least kContextBytes before them (pronoun context; long answers stay
//   linear), and the claims starting inside a region are added to `report.claims` with ids "c1",
//   "c2", ... (spans are byte offsets into `text`; at most ExtractOptions{}.max_claims in all).
//   Each added claim is handed to the ClaimSink with its region's and its own index; the sink
//   returns true when it requested a check (the region then has one more pending check), false
//   when it did not (e.g. checks were abandoned; the sink marks the report itself).
// - Answer / Abandon settle a pending check; AddRest releases the rest of the text as a region
//   without claims (an error ended the answer).
// - Cite: ExtendOverClosers moves a region end that was the end of the text over the rest of a
//   terminator run and closers appended right after it; Decided tells whether every sentence end
//   in the text so far is known, so that a marker never has to go before bytes already released.
//   `marker_cursor` is the owner's: the first region whose markers are not placed yet.
//
// A plain value type: no I/O, not thread-safe, never throws.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/renderer.h"
#include "src/core/segmenter.h"
#include "src/core/types.h"

namespace fg::plugins {

// One complete sentence region of an answer (or the rest after the last sentence, at the end).
struct SentenceRecord {
  size_t begin = 0;         // end of the previous region
  size_t end = 0;           // end of the sentence
  size_t claims_begin = 0;  // [claims_begin, claims_end) index report.claims
  size_t claims_end = 0;
  size_t pending = 0;  // checks requested and not yet answered or abandoned

  bool HasClaims() const { return claims_end > claims_begin; }
};

// Sets report.checked = false and adds `reason` to its errors (once).
void MarkUnchecked(Report& report, const std::string& reason);

// True when `sentence` leaves a quote, bracket or Markdown emphasis open (a closer may follow).
bool HasOpenMarkup(std::string_view sentence);

class SentenceTracker {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  static constexpr size_t kContextBytes = 1024;

  // Called for each claim added to report.claims (index `claim`) inside region `record`; returns
  // whether a check was requested for it.
  using ClaimSink = std::function<bool(size_t record, size_t claim, Claim claim_to_check)>;

  // Finds newly complete regions, extracts their claims and hands them to `sink`; returns the
  // indices of the new records, in order. With `finish` the rest of the text is complete.
  std::vector<size_t> Advance(bool finish, const ClaimSink& sink);

  // Cite: after `text` grew from `old_size`, the rest of a terminator run and its closers arriving
  // right after a region that ended the text ("Paris." then "**", "tall." then "..") belong to it.
  void ExtendOverClosers(size_t old_size);

  // Cite: whether every sentence end in the text so far is known (always, once finished).
  bool Decided() const;

  // Cite: the regions with claims whose markers are due once text[a, b) goes out, by where each
  // ends: at or before `a` (before), inside it (inside), at `b` (after); marker_cursor moves past
  // every region ending at or before `b`.
  struct MarkerPlaces {
    std::vector<size_t> before;
    std::vector<size_t> inside;
    std::vector<size_t> after;
  };
  MarkerPlaces TakeMarkers(size_t a, size_t b);
  // Cite, at the end: the regions with claims whose markers are not placed yet; marker_cursor moves
  // past every region.
  std::vector<size_t> TakeRestMarkers();

  // The rest of the text after the last region becomes a region without claims; returns its index.
  // Requires done_end < text.size().
  size_t AddRest();

  // A check of claim `claim` in region `record` came back: stores `result` (keeping the requested
  // claim, so spans stay offsets into `text`); `source_errors` make the report unchecked.
  void Answer(size_t record, size_t claim, ClaimResult result,
              const std::vector<std::string>& source_errors);
  // A pending check is given up: the claim becomes not_enough_info with confidence 0.
  void Abandon(size_t record, size_t claim, const std::string& reason);

  // The claims of a region.
  std::span<const ClaimResult> ClaimsOf(const SentenceRecord& r) const;

  std::string text;         // the answer so far
  size_t done_end = 0;      // end of the last region
  size_t scanned_size = 0;  // text size at the last completeness scan
  size_t open_end = kNone;  // end of the incomplete sentence after done_end, if any
  bool finished = false;    // the rest is complete (set by the owner)
  Report report;
  std::vector<SentenceRecord> records;
  std::vector<size_t> restarts = {0};  // see Advance; ascending
  size_t marker_cursor = 0;            // cite: first record whose markers are not placed yet

 private:
  size_t ContextStart(size_t from, const std::vector<Sentence>& sentences) const;
  size_t ClaimBudget() const;
  size_t RestartBefore(size_t pos) const;
  void AddRestart(size_t begin);
};

}  // namespace fg::plugins
