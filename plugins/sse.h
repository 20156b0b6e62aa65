// Server-sent events (text/event-stream), as the WHATWG HTML spec defines them: an incremental
// parser for upstream streams and the two writers the proxy needs.
//
// The parser is built for a relay: every event carries `raw`, the exact bytes it was made of, so an
// event can be forwarded untouched, and concatenating the raws of all events returned by Feed and
// Finish gives back the input byte for byte. Blank lines that do not end a block (stray extra blank
// lines) are kept at the front of the next event's raw. Comment-only blocks (": keep-alive") are
// returned too, with comment = true, because a relay must forward them.
//
// Parsing follows the spec's field rules: lines end in CRLF, LF or CR (a CR at the end of one Feed
// and an LF at the start of the next count as one CRLF, so a line ending in CR at the end of a Feed
// is processed with the next Feed or at Finish: results never depend on how the input was split);
// one U+FEFF at the very start of the stream is ignored (and kept in raw); "data"
// lines join with "\n"; one space after the colon is dropped; a line without a colon is a field
// with an empty value; unknown fields (and "retry") are ignored. Unlike a browser, the parser
// returns a block even when its data is empty, and `id` is the id field of this block only (no
// "last event id" carried over).
//
// Not thread-safe (one parser per stream). Never fails: any bytes give events.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fg {

struct SseEvent {
  std::string event;  // the "event" field; empty when the block has none (a browser says "message")
  std::string data;   // the "data" lines joined by "\n"; empty when none
  std::string id;     // the "id" field of this block; empty when none
  std::string raw;    // the exact bytes of the block, including its terminating blank line
  bool comment = false;    // the block has no field lines (only comments, or only blank lines)
  bool terminated = true;  // false for the event Finish() returns: the stream ended inside it
};

class SseParser {
 public:
  // Parses the next bytes of the stream (split anywhere, even inside a CRLF or the BOM) and returns
  // the events they complete, in order.
  std::vector<SseEvent> Feed(std::string_view bytes);
  // The stream ended: returns what is left, in order: a block whose blank line was a CR at the very
  // end (terminated), then the unterminated last block if any bytes of it were seen (its raw is
  // what was there; terminated = false). The parser is then ready for a new stream.
  std::vector<SseEvent> Finish();

 private:
  void Consume(std::string_view bytes, std::vector<SseEvent>& out);
  void ProcessLine(std::vector<SseEvent>& out);
  SseEvent TakeEvent(bool terminated);

  bool bom_checked_ = false;
  std::string bom_prefix_;   // the first bytes while they may still be a BOM
  bool cr_pending_ = false;  // line_ ended with a CR at the end of the last Feed
  std::string line_;         // the current line so far, without its line ending
  std::string raw_;          // bytes of the current block so far
  bool has_lines_ = false;   // the block has a non-blank line
  bool has_fields_ = false;
  std::string event_;
  std::string data_;
  bool has_data_ = false;
  std::string id_;
};

// "data: <line>\n" for each line of `data` (split at CRLF, LF or CR), then the blank line "\n".
std::string FormatSseData(std::string_view data);
// "event: <name>\n" (omitted when name is empty), the data lines as FormatSseData, "\n".
std::string FormatSseEvent(std::string_view name, std::string_view data);
// The raw of an unterminated last event (Finish, terminated = false) made whole: its last line
// ended ("\n") and a blank line after it; "" stays "".
std::string TerminateSseEvent(std::string raw);

}  // namespace fg
