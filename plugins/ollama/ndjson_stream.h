// Ollama dialect, streaming part: the processor for one streamed answer of POST /api/chat or
// /api/generate (Ollama streams unless the request says "stream": false), and the NDJSON line
// splitter under it. The proxy session feeds the processor the upstream body and writes what it
// hands back to the client; the processor decides what to forward, what to hold, what to add, and
// which claims to check. It mirrors plugins/openai/chat_stream.h in Ollama's wire format.
//
// Wire format (application/x-ndjson): one JSON object per line,
//   chat:     {"model", "created_at", "message": {"role": "assistant", "content": "tok",
//              ["thinking"], ["tool_calls"]}, "done": false}
//   generate: {"model", "created_at", "response": "tok", ["thinking"], "done": false}
// and a last line with "done": true, "done_reason" and durations (generate: also "context"). A
// mid-stream failure is a line {"error": "..."} without "done". Ollama has one answer per
// response: it is reported as alternative 0.
//
// A pure state machine: no I/O, no clocks, no threads. Not thread-safe: it lives on the session's
// strand. Never throws; any bytes are accepted.
//
// Contract (the owner's loop is plugins/dialect.h's):
// - Lines. Upstream is split at "\n" (NdjsonLineSplitter); a line's bytes include its "\n" or
//   "\r\n". Every complete line is forwarded as its exact bytes, in order, as soon as it is
//   complete, except where the mode says otherwise below. Lines that are not JSON objects (blank
//   lines, garbage) and objects without a boolean "done" (unknown shapes) pass through untouched
//   and are not checked. A line with a non-null "error" and no "done" passes through untouched and
//   stops checking: later lines pass as they are (but the done line, which still carries the
//   report), no further claims are extracted, checks already requested are still awaited.
// - Text. chat: message.content, generate: response (strings only). Never message.thinking /
//   thinking, message.tool_calls, images or anything else. The text of the done line (Ollama
//   leaves it empty) counts as the answer's last piece.
// - Sentences complete as plugins::CompletedSentences says (plugins/stream_sentences.h); at the
//   done line or the end of upstream the rest is complete. For newly complete sentences
//   ExtractClaims runs over the text up to their end (from a paragraph or sentence start at least
//   1 KiB before them, for pronoun context and linear cost), and the claims starting inside them
//   are requested, one CheckRequest each (tickets unique per stream; claim ids "c1", "c2", ...;
//   spans are byte offsets into the whole answer text; at most 1000 claims, as ExtractClaims). A
//   sentence's "region" runs from the end of the previous complete sentence to its own end.
// - Lines factgate writes end like the upstream line they stem from ("\n" or "\r\n"; "\n" when
//   there is none). Fresh text lines, for markers, the sources list, split and rewritten text:
//     chat:     {"model": M, "created_at": C, "message": {"role": "assistant", "content": T},
//                "done": false}
//     generate: {"model": M, "created_at": C, "response": T, "done": false}
//   with M and C copied (as JSON values) from the upstream line that completed the sentence, or
//   the last one seen; a member upstream did not send is left out.
// - The done line and the report. In annotate, cite and rewrite, the line with "done": true is
//   held until every check is answered or abandoned, then re-serialized with every member kept (in
//   order; integers exact, other numbers by value) and "factgate": <the report object,
//   plugins::WriteReportJson> added last (an existing "factgate" is replaced). Lines after it pass
//   as they are, behind it. When upstream ends without a done line (cleanly, dropped, or after an
//   error line), one report line is written last instead,
//     chat:     {"model": M, "created_at": C, "message": {"role": "assistant", "content": ""},
//                "done": false, "factgate": {...}}
//     generate: {"model": M, "created_at": C, "response": "", "done": false, "factgate": {...}}
//   (M, C from the last line). No done line is invented: the ollama client (npm "ollama") yields
//   every parsed line, stops after the first "done": true and throws "Did not receive done or
//   success response in stream." when the body ends without one; an invented done line would hide
//   the truncation from it, while this line reads as one more empty text piece (so code that reads
//   message.content keeps working) before the client raises. An unterminated last line is
//   completed with a line ending and handled like any other when it is a JSON object; otherwise it
//   is dropped (it would run into the report line), unless it comes after the done line.
// - off: the bytes pass through untouched (not even parsed); no checks, no report.
// - annotate: the upstream bytes go out untouched as lines complete; only the done line is
//   re-serialized with the report. So output == input with the done line replaced.
// - cite: as annotate, plus citation markers (SourceNumbering::MarkersFor) as fresh text lines
//   right after the sentence they belong to. While a sentence with claims awaits its checks, every
//   later line queues behind its marker. To put each marker exactly at its sentence's end, a text
//   line is held (with every line after it) while the end of the sentence it belongs to is not yet
//   decided: while the text ends in a terminator and the sentence is not yet complete or leaves a
//   quote, bracket or emphasis open, ends in white space or Markdown markers after an unfinished
//   sentence, or ends in a capitalised word after a possible end ("U.S. Th"); it is released with
//   the next text line (or the done line, the end, an error line). A complete sentence with
//   nothing left open goes out at once; the cost: a terminator run split across lines ("tall." +
//   "..") gets its marker before the rest of the run. A line whose text runs past a sentence end is
//   split: fresh text lines up to each sentence end, each followed by its markers, and the original
//   line, re-serialized, carrying the last part of the text and all its other members. Before the
//   done line, the SourcesList() goes out as a fresh text line if not empty (text on the done line
//   goes first, in fresh lines, and the done line follows with its text emptied). What holds: the
//   text a client assembles == RenderCite(text, report), whatever the chunking, as long as later
//   text does not move a sentence end the rules above took as final (see chat_stream.h).
// - rewrite: the text is held per sentence region. A line whose only payload is held text (model,
//   created_at, role, done: false, logprobs aside) is not forwarded; a line with other payload
//   (thinking, tool_calls, images, the done line, ...) is forwarded in order with its text emptied
//   and its "logprobs" removed (they describe the held tokens). When a region's checks are
//   answered, one fresh text line with RewriteSentence of that region goes out; regions go out in
//   order, before the line that completed them. What holds: the assembled text ==
//   RenderRewrite(text, report). Before an error line the held text is released unchanged.
// - Abandoning (AbandonPendingChecks): every pending claim becomes not_enough_info with confidence
//   0 and no citations; the report gets checked = false and the reason in errors; output held for
//   them is released. Claims found afterwards are not requested: they are reported the same way.
// - Fail closed (SetFailClosed(true)): when the report ends up unchecked (budget spent, a source
//   failed), the stream ends with {"error": "factgate: verification incomplete: <first error>"}
//   instead of the done line (or the report line): the ollama client raises it.
// - Results. OnClaimChecked stores `result` with its claim replaced by the requested claim (so
//   spans stay offsets into the answer); unknown or abandoned tickets are ignored.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/dialect.h"
#include "src/core/renderer.h"
#include "src/core/types.h"

namespace fg::ollama {

enum class Api {
  kChat,      // /api/chat: the text is message.content
  kGenerate,  // /api/generate: the text is response
};

// Generate for /api/generate, chat for everything else.
Api ApiFor(std::string_view path);

// One line of an NDJSON body, exactly as it came.
struct NdjsonLine {
  std::string raw;  // the line's bytes, with its "\n" or "\r\n" when it has one

  // Whether the line ended with "\n" (false only for the unterminated last line).
  bool terminated() const { return !raw.empty() && raw.back() == '\n'; }
  // The line ending: "\r\n", "\n", or "" when unterminated.
  std::string_view ending() const;
  // The line without its ending.
  std::string_view body() const;
};

// Splits a byte stream into lines at "\n", however it arrives; concatenating the raws of all lines
// returned by Feed and Finish gives back the input byte for byte. Not thread-safe; never fails.
class NdjsonLineSplitter {
 public:
  // The lines the next bytes complete, in order.
  std::vector<NdjsonLine> Feed(std::string_view bytes);
  // The stream ended: the unterminated last line, if any bytes of it came. The splitter is then
  // ready for a new stream.
  std::optional<NdjsonLine> Finish();

 private:
  std::string partial_;
};

class NdjsonStream : public plugins::StreamProcessor {
 public:
  NdjsonStream(Api api, Mode mode);
  ~NdjsonStream() override;
  NdjsonStream(const NdjsonStream&) = delete;
  NdjsonStream& operator=(const NdjsonStream&) = delete;

  // Upstream body bytes as they arrive (any split). Ignored after FinishUpstream.
  void Feed(std::string_view bytes) override;
  // Upstream body ended; a clean end and a drop are handled alike (see the contract above).
  void FinishUpstream(bool clean) override;
  // `source_errors`: sources that failed for this claim; the report then says checked = false.
  void OnClaimChecked(uint64_t ticket, ClaimResult result,
                      const std::vector<std::string>& source_errors = {}) override;
  void AbandonPendingChecks(std::string reason) override;
  std::vector<plugins::CheckRequest> TakeCheckRequests() override;
  std::string TakeOutput() override;
  // True once everything (the done line with the report, or the report line) has been taken by
  // TakeOutput and nothing is pending; in off mode, once FinishUpstream was called and the output
  // taken.
  bool Done() const override;
  size_t PendingChecks() const override;
  // The answer's report as alternative 0, once a line of the answer (an object with a boolean
  // "done") was seen; empty before, and always in off mode.
  std::vector<plugins::ChoiceReport> Reports() const override;
  void SetElapsedMs(double elapsed_ms) override;
  void SetFailClosed(bool fail_closed) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace fg::ollama
