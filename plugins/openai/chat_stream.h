// OpenAI dialect, streaming part: the processor for one streamed ("stream": true) response of
// /v1/chat/completions or /v1/completions. The proxy session feeds it the upstream body and writes
// what it hands back to the client; the processor decides what to forward, what to hold, what to
// add, and which claims to check. DESIGN.md: "stream first, check each sentence as it completes,
// send annotations in-band before the end marker".
//
// A pure state machine: no I/O, no clocks, no threads. Not thread-safe: it lives on the session's
// strand. Never throws; any bytes are accepted.
//
// The owner's loop: Feed / FinishUpstream with upstream bytes; TakeCheckRequests and run each check
// (elsewhere), later OnClaimChecked with the same ticket (any order, interleaved with Feed), or
// AbandonPendingChecks when the budget runs out; after each call, TakeOutput and write it; stop
// when Done().
//
// Contract:
// - Events. Upstream is parsed as server-sent events (plugins/sse.h). Every event is forwarded as
//   its exact raw bytes, in order, except where the mode says otherwise below. Comments, named
//   events, empty data, non-JSON data, JSON that is not an object, and chunks whose "choices" is
//   missing, null or [] (usage chunks; vLLM sends null) pass through untouched. An event whose JSON
//   has a non-null top-level "error" (or an "event: error") passes through untouched and stops
//   checking: later events pass through as they are (but [DONE], which still gets the report
//   before it), no further claims are extracted, checks already requested are still awaited.
// - Text. Per choice index: chat = choices[].delta.content, completions = choices[].text (strings
//   only). Never delta.reasoning_content, delta.reasoning, delta.tool_calls, refusal. Each choice
//   accumulates its own text; text arriving for a choice after its finish_reason is passed through
//   and not checked.
// - Sentences. A sentence of a choice's text is complete when
//     * the segmenter (SplitSentences) shows another sentence after it and that boundary cannot
//       change any more: either it holds whatever word comes next (a "." after an ordinary word, a
//       blank line, a new list item) or the next sentence's first word has ended (after "U.S.",
//       "J." or "etc." only a sentence-starting word ends the sentence); or
//     * the text ends (but for white space) with [.!?] (or 。！？) and closers, at a point the
//       segmenter ends a sentence even before a capitalised non-function word, and the word before
//       a
//       "." has 4+ letters (or a non-ASCII one) and is no known abbreviation, or is a number
//       followed by white space; not an ellipsis, and not when the sentence has an unclosed quote,
//       bracket or emphasis at the very end of the text (its closer is likely next: "**Rome is
//       old.**"); or
//     * a blank line follows it.
//   When the choice gets its finish_reason, or at [DONE] or the end of upstream, the rest is
//   complete. For newly complete sentences ExtractClaims runs over the choice's text up to their
//   end (from a paragraph or sentence start at least 1 KiB before them, which keeps long answers
//   linear and gives pronouns their context), and the claims starting inside them are requested,
//   one CheckRequest each (tickets unique per stream; claim ids "c1", "c2", ... per choice; spans
//   are byte offsets into the choice's full text; at most 1000 claims per choice, as
//   ExtractClaims). A sentence's "region"
//   runs from the end of the previous complete sentence (white space and Markdown markers between
//   sentences included) to its own end.
// - [DONE] and the report. In annotate, cite and rewrite, upstream's "data: [DONE]" event is held
//   until every check is answered or abandoned; then one extra chunk goes out,
//     data: {"id": <last chunk's id>, "object": "chat.completion.chunk" | "text_completion",
//            "created": <last created>, "model": <last model>, "choices": [],
//            "factgate": <ReportJson>}
//   followed by upstream's [DONE] event bytes. When upstream ends without [DONE] (cleanly or not,
//   or after an error event) the report chunk is the last thing written, and no [DONE] is invented.
//   An unterminated last event (no blank line before the end) is completed with a line ending and
//   handled like any other when its data is [DONE] or a JSON object, or is a comment; otherwise it
//   is dropped (forwarding a truncated event would corrupt the report chunk after it).
// - off: the bytes pass through untouched (not even parsed); no checks, no report.
// - annotate: the upstream bytes go out untouched as events complete; only the report chunk is
//   added before [DONE]. So output == input with the report chunk inserted before the [DONE] event.
// - cite: as annotate, plus citation markers as extra content deltas: right after a complete
//   sentence whose claims get markers, a chunk with the completing chunk's id/object/created/
//   model/system_fingerprint and choices [{"index": i, "delta": {"content": " [1]"},
//   "finish_reason": null}] (completions: {"index": i, "text": " [1]", "finish_reason": null});
//   one SourceNumbering per choice. While a sentence with claims awaits its checks, every later
//   event queues behind it. To put each marker exactly at its sentence's end, a choice's chunk is
//   held (with every event after it) while the end of the sentence it belongs to is not yet
//   decided: while the text ends in a terminator and the sentence is not yet complete or leaves a
//   quote, bracket or emphasis open (closers may follow: "**Paris." + "**"), ends in white space or
//   Markdown markers after an unfinished sentence, or ends in a capitalised word after a possible
//   end ("U.S. Th"). It is released with the choice's next chunk (or its finish, [DONE], an error).
//   A complete sentence with nothing left open goes out at once (a stream that pauses after "...
//   United States." shows it without waiting for the next token); the cost: a terminator run split
//   across chunks ("tall." + "..") gets its marker before the rest of the run. A chunk whose text
//   runs past a sentence end is split: fresh content-only chunks (same identity fields; a delta
//   "role" moves to the first) up to each sentence end, each followed by its markers, and the
//   original chunk, re-serialized, carrying the last part of the text and all its other fields
//   (finish_reason, usage, logprobs — logprobs therefore stay whole on that last part). A chunk
//   holding several choices is first split into one chunk per choice (top-level fields other than
//   the identity ones ride on the last). Before the chunk with a choice's finish_reason, the
//   choice's SourcesList() goes out as a content delta if not empty (when that chunk has text too,
//   the text goes first in a content-only chunk and the original follows with empty text); a choice
//   that never got a finish_reason gets it before the report. What holds: the client's content for
//   a choice == RenderCite(choice text, that choice's report), whatever the chunking, as long as
//   later text does not move a sentence end the rules above took as final (Markdown that changes
//   the line above: a setext underline or a table delimiter row; an abbreviation unknown to the
//   segmenter that ends the text with a 4+ letter word before its
//   "."). Random chunkings of two Markdown texts are tested for this.
// - rewrite: the text of content deltas is held per sentence region. A chunk whose only payload is
//   held text is not forwarded; a chunk with other payload (role, tool_calls, reasoning,
//   finish_reason, usage, ...) is forwarded in order with its text emptied and its logprobs nulled.
//   When a region's checks are answered, one content chunk (fresh, as in cite) with RewriteSentence
//   of that region goes out; regions go out in order, before the chunk that completed them. What
//   holds: the concatenated content of a choice == RenderRewrite(choice text, that choice's
//   report). After an error event the held text is released unchanged before the error.
// - Abandoning (AbandonPendingChecks): every pending claim becomes not_enough_info with
//   confidence 0 and no citations; its choice's report gets checked = false and the reason in
//   errors; output held for them is released. Claims found afterwards are not requested: they are
//   reported the same way.
// - Results. OnClaimChecked stores `result` with its claim replaced by the requested claim (so
//   spans stay offsets into the choice's text); unknown or abandoned tickets are ignored.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/dialect.h"
#include "plugins/openai/openai_adapter.h"
#include "plugins/stream_sentences.h"
#include "src/core/renderer.h"
#include "src/core/segmenter.h"
#include "src/core/types.h"

namespace fg::openai {

class ChatStream : public plugins::StreamProcessor {
 public:
  ChatStream(Api api, Mode mode);
  ~ChatStream() override;
  ChatStream(const ChatStream&) = delete;
  ChatStream& operator=(const ChatStream&) = delete;

  // Upstream body bytes as they arrive (any split). Ignored after FinishUpstream.
  void Feed(std::string_view bytes) override;
  // Upstream body ended (cleanly or not). `clean` is false when the connection dropped mid-stream;
  // both are handled alike (see the contract above).
  void FinishUpstream(bool clean) override;
  // `source_errors`: sources that failed for this claim (the pipeline's ClaimCheck::errors); the
  // claim's choice then reports checked = false with them, as a whole-text check would.
  void OnClaimChecked(uint64_t ticket, ClaimResult result,
                      const std::vector<std::string>& source_errors = {}) override;
  // Budget ran out (or a source failed and fail-open): every pending check is abandoned.
  void AbandonPendingChecks(std::string reason) override;
  // Claims to check, in order; the owner moves them out.
  std::vector<CheckRequest> TakeCheckRequests() override;
  // Bytes ready to be written to the client now, in order.
  std::string TakeOutput() override;
  // True once everything (including [DONE] and the report chunk) has been taken by TakeOutput and
  // nothing is pending; in off mode, once FinishUpstream was called and the output taken.
  bool Done() const override;
  // Checks requested and not yet answered or abandoned (taken by the owner or not).
  size_t PendingChecks() const override;
  // Per-choice reports collected so far, by choice index (for metrics, logs, headers).
  std::vector<ChoiceReport> Reports() const override;
  // The elapsed time the report chunk shows (summary.elapsed_ms of every choice); the owner, who
  // has the clock, sets it before the output that may carry the report (default 0).
  void SetElapsedMs(double elapsed_ms) override;
  // Fail closed: when any choice's report ends up unchecked (budget spent, a source failed), the
  // stream ends with an OpenAI error event ("code": "verification_incomplete") instead of the
  // report chunk and [DONE]: the SDKs raise it. Off by default (fail open).
  void SetFailClosed(bool fail_closed) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The sentences of a growing text that are already complete (plugins/stream_sentences.h).
using plugins::CompletedSentences;

}  // namespace fg::openai
