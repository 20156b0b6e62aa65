// Anthropic Messages dialect, streaming part: the processor for one streamed ("stream": true)
// response of POST /v1/messages. The proxy session feeds it the upstream body and writes what it
// hands back to the client; the processor decides what to forward, what to hold, what to add, and
// which claims to check. It follows the OpenAI processor (plugins/openai/chat_stream.h) wherever
// the Anthropic wire format allows; where they differ, this header says so.
//
// A pure state machine: no I/O, no clocks, no threads. Not thread-safe: it lives on the session's
// strand. Never throws; any bytes are accepted. The owner's loop is plugins::StreamProcessor's.
//
// Contract:
// - Events. Upstream is parsed as server-sent events (plugins/sse.h); an event's kind is its
//   "event:" name, or, when it has none, its data's "type". Anthropic sends message_start, then per
//   content block content_block_start / content_block_delta... / content_block_stop, then
//   message_delta and message_stop; ping anywhere; error after a 200 status; no [DONE]. Every event
//   is forwarded as its exact raw bytes, in order, except where the mode says otherwise below.
//   Comments, pings, message_start, message_delta, unknown event names, empty or non-JSON data
//   pass through untouched. An error event passes through and stops checking: later events pass as
//   they are (but message_stop, which still gets the report before it), no further claims are
//   extracted, checks already requested are still awaited.
// - Text. Only content blocks whose content_block_start has "content_block": {"type": "text"} are
//   checked, keyed by the event's "index": their start's "text" (normally "") and then the "text"
//   of each "text_delta" for that index (in cite and rewrite, a start that carries text goes out
//   re-serialized with "text": "" and its text follows as a text_delta of its own, handled like
//   any other). Never tool_use input (input_json_delta), thinking
//   (thinking_delta, signature_delta), redacted_thinking, server_tool_use or any other block;
//   citations_delta events pass through in order. A second content_block_start for an index already
//   seen, and deltas after a block's content_block_stop, pass through unchecked. Each text block is
//   its own alternative: its report's "choice" is the block's index in "content".
// - Sentences complete as plugins::CompletedSentences says; at the block's content_block_stop, at
//   message_stop or at the end of upstream, the rest of the block is complete. Claims are extracted
//   exactly as in chat_stream.h (ExtractClaims over the block's text with up to 1 KiB of context;
//   one CheckRequest per claim; tickets unique per stream; claim ids "c1", "c2", ... per block;
//   spans are byte offsets into the block's full text; at most 1000 claims per block). A sentence's
//   "region" runs from the end of the previous complete sentence to its own end.
// - The report. In annotate, cite and rewrite, upstream's message_stop is held until every check
//   is answered or abandoned; then one extra event goes out just before it:
//     event: factgate
//     data: {"type":"factgate","factgate":<plugins::ReportJson>}
//   (the SDKs ignore unknown event names; raw clients read it). When upstream ends without
//   message_stop (cleanly or not, or after an error event) the factgate event is the last thing
//   written; no message_stop is invented. An unterminated last event is completed with a line
//   ending when it is a comment or its data is a JSON object; otherwise it is dropped.
// - Fail closed (SetFailClosed(true)) and some block's report unchecked: instead of the factgate
//   event and message_stop, the stream ends with
//     event: error
//     data: {"type":"error","error":{"type":"api_error","message":"factgate: verification
//            incomplete: <first reason>","code":"verification_incomplete"}}
//   (one line; the SDKs raise it).
// - off: the bytes pass through untouched (not even parsed); no checks, no report.
// - annotate: output == input with the factgate event inserted before message_stop.
// - cite: as annotate, plus citation markers (SourceNumbering::MarkersFor, one numbering per
//   block) as extra events right after the sentence they belong to:
//     event: content_block_delta
//     data: {"type":"content_block_delta","index":<block>,"delta":{"type":"text_delta",
//            "text":" [1]"}}
//   A text_delta that runs past a sentence end with markers is split: fresh text_delta events (same
//   index) up to each such end, each followed by its markers, and the original event,
//   re-serialized, carrying the last part. Before the block's content_block_stop (or, for a block
//   never stopped, before the report) the block's SourcesList() goes out as one more text_delta if
//   not empty. While a sentence with claims awaits its checks, every later event queues behind it.
//   A text_delta whose sentence end is not yet decided is held, with every event after it, by the
//   rules of chat_stream.h (a terminator that closers may follow, white space after an unfinished
//   sentence, "U.S. Th"), until the block's next text_delta, its stop, message_stop or an error.
//   Markers and sources always use the index of a block that is open. What holds: the text a
//   client assembles for a block == RenderCite(block text, its report), whatever the chunking (with
//   the caveats of chat_stream.h on Markdown that changes a line already released).
// - rewrite: the text of a text block is held per sentence region; its text_delta events are not
//   forwarded. When a region's checks are answered, one text_delta with RewriteSentence of that
//   region goes out (none when it is empty); regions go out in order, before the event that
//   completed them. Events without text pass in order. What holds: the text a client assembles for
//   a block == RenderRewrite(block text, its report).
// - Errors. At an error event, cite resolves held text_deltas and adds the sources list of every
//   block still open; rewrite releases every block's held text unchanged; both before the error.
// - Abandoning (AbandonPendingChecks): every pending claim becomes not_enough_info with
//   confidence 0 and no citations; its block's report gets checked = false and the reason in
//   errors; output held for them is released. Claims found afterwards are not requested: they are
//   reported the same way.
// - Results. OnClaimChecked stores `result` with its claim replaced by the requested claim (so
//   spans stay offsets into the block's text); unknown or abandoned tickets are ignored;
//   `source_errors` mark the claim's block unchecked with them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/dialect.h"

namespace fg::anthropic {

class MessagesStream : public plugins::StreamProcessor {
 public:
  explicit MessagesStream(Mode mode);
  ~MessagesStream() override;
  MessagesStream(const MessagesStream&) = delete;
  MessagesStream& operator=(const MessagesStream&) = delete;

  void Feed(std::string_view bytes) override;
  void FinishUpstream(bool clean) override;
  void OnClaimChecked(uint64_t ticket, ClaimResult result,
                      const std::vector<std::string>& source_errors = {}) override;
  void AbandonPendingChecks(std::string reason) override;
  std::vector<plugins::CheckRequest> TakeCheckRequests() override;
  std::string TakeOutput() override;
  // True once everything (the factgate event or the fail-closed error, and message_stop) has been
  // taken by TakeOutput and nothing is pending; in off mode, once FinishUpstream was called and
  // the output taken.
  bool Done() const override;
  size_t PendingChecks() const override;
  // One report per text block, by block index (blocks without claims included).
  std::vector<plugins::ChoiceReport> Reports() const override;
  void SetElapsedMs(double elapsed_ms) override;
  void SetFailClosed(bool fail_closed) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace fg::anthropic
