#include "plugins/anthropic/messages_stream.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "plugins/sse.h"
#include "src/core/claim_extractor.h"
#include "src/core/renderer.h"
#include "tests/unit/plugins/stream_test_support.h"

namespace fg::anthropic {
namespace {

using plugins::stream_test::Answer;
using plugins::stream_test::Bytes;
using plugins::stream_test::Fabricate;
using plugins::stream_test::Join;
using plugins::stream_test::kDeltas;
using plugins::stream_test::kMarkdownAnswer;
using plugins::stream_test::kTrickyAnswer;
using plugins::stream_test::LongAnswer;
using plugins::stream_test::Quote;
using plugins::stream_test::RandomDeltas;
using plugins::stream_test::RandomReads;
using plugins::stream_test::StreamRun;

using plugins::CheckRequest;
using plugins::ChoiceReport;

// --- upstream streams, written as in the Messages API documentation ------------------------------

std::string Event(std::string_view name, std::string_view data) {
  return "event: " + std::string(name) + "\ndata: " + std::string(data) + "\n\n";
}

const std::string kMessageStart = Event(
    "message_start",
    R"({"type": "message_start", "message": {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", )"
    R"("type": "message", "role": "assistant", "content": [], "model": "claude-sonnet-4-20250514", )"
    R"("stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 472, )"
    R"("output_tokens": 2}}})");
const std::string kPing = Event("ping", R"({"type": "ping"})");
const std::string kMessageDelta = Event(
    "message_delta",
    R"({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null}, )"
    R"("usage": {"output_tokens": 89}})");
const std::string kMessageStop = Event("message_stop", R"({"type": "message_stop"})");

std::string TextStart(int index, std::string_view text = "") {
  return Event("content_block_start",
               R"({"type": "content_block_start", "index": )" + std::to_string(index) +
                   R"(, "content_block": {"type": "text", "text": )" + Quote(text) + "}}");
}

std::string TextDelta(int index, std::string_view text) {
  return Event("content_block_delta",
               R"({"type": "content_block_delta", "index": )" + std::to_string(index) +
                   R"(, "delta": {"type": "text_delta", "text": )" + Quote(text) + "}}");
}

std::string BlockStop(int index) {
  return Event("content_block_stop",
               R"({"type": "content_block_stop", "index": )" + std::to_string(index) + "}");
}

// A thinking block whose thinking states claims that must never be checked.
std::string ThinkingBlock(int index) {
  const std::string i = std::to_string(index);
  return Event("content_block_start", R"({"type": "content_block_start", "index": )" + i +
                                          R"(, "content_block": {"type": "thinking", )"
                                          R"("thinking": ""}})") +
         Event("content_block_delta",
               R"({"type": "content_block_delta", "index": )" + i +
                   R"(, "delta": {"type": "thinking_delta", "thinking": "Berlin is in Spain. )"
                   R"(The moon is made of cheese.\n\n"}})") +
         Event("content_block_delta",
               R"({"type": "content_block_delta", "index": )" + i +
                   R"(, "delta": {"type": "thinking_delta", "thinking": "Oslo is in Peru."}})") +
         Event("content_block_delta",
               R"({"type": "content_block_delta", "index": )" + i +
                   R"(, "delta": {"type": "signature_delta", "signature": )"
                   R"("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"}})") +
         BlockStop(index);
}

// A tool_use block whose input states claims that must never be checked.
std::string ToolUseBlock(int index) {
  const std::string i = std::to_string(index);
  return Event(
             "content_block_start",
             R"({"type": "content_block_start", "index": )" + i +
                 R"(, "content_block": {"type": "tool_use", "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", )"
                 R"("name": "get_weather", "input": {}}})") +
         Event("content_block_delta", R"({"type": "content_block_delta", "index": )" + i +
                                          R"(, "delta": {"type": "input_json_delta", )"
                                          R"("partial_json": ""}})") +
         Event("content_block_delta", R"({"type": "content_block_delta", "index": )" + i +
                                          R"(, "delta": {"type": "input_json_delta", )"
                                          R"("partial_json": "{\"location\": \"Paris is in )"
                                          R"(Spain. Rome\"}"}})") +
         BlockStop(index);
}

// message_start, one text block (index 0) with a ping after its start, message_delta,
// message_stop.
std::string TextStream(const std::vector<std::string>& deltas) {
  std::string out = kMessageStart + TextStart(0) + kPing;
  for (const std::string& d : deltas) out += TextDelta(0, d);
  return out + BlockStop(0) + kMessageDelta + kMessageStop;
}

// As a model with extended thinking and tools answers: a thinking block (0), the text block (1),
// a tool_use block (2).
std::string RealisticStream(const std::vector<std::string>& deltas) {
  std::string out = kMessageStart + ThinkingBlock(0) + TextStart(1) + kPing;
  for (const std::string& d : deltas) out += TextDelta(1, d);
  return out + BlockStop(1) + ToolUseBlock(2) + kMessageDelta + kMessageStop;
}

// --- driving a stream --------------------------------------------------------------------------

StreamRun Drive(Mode mode, const std::vector<std::string_view>& pieces,
                Answer answer = Answer::kAtOnce, bool clean = true) {
  MessagesStream s(mode);
  return plugins::stream_test::DriveStream(s, pieces, answer, clean);
}

StreamRun DriveWhole(Mode mode, std::string_view input, Answer answer = Answer::kAtOnce) {
  return Drive(mode, {input}, answer);
}

// --- reading what the client got, as the SDKs' accumulators do ---------------------------------

struct ClientView {
  std::vector<SseEvent> events;
  std::vector<std::string> kinds;     // each event's name (or data type), in order
  std::map<int, std::string> text;    // assembled text of each text block
  std::vector<std::string> factgate;  // data of factgate events
  std::vector<std::string> errors;    // data of error events
  int unopened_deltas = 0;            // deltas for a block not open: the SDKs raise on these
  bool stop_last = false;             // message_stop was the last event
};

ClientView View(const std::string& output, bool strict = true) {
  ClientView v;
  SseParser parser;
  v.events = parser.Feed(output);
  for (SseEvent& e : parser.Finish()) v.events.push_back(std::move(e));
  std::set<int> open;
  for (const SseEvent& e : v.events) {
    if (strict) {
      EXPECT_TRUE(e.terminated) << e.raw;
    }
    if (e.comment) continue;
    rapidjson::Document doc;
    doc.Parse(e.data.c_str());
    const bool object = !doc.HasParseError() && doc.IsObject();
    std::string kind = e.event;
    if (kind.empty() && object && doc.HasMember("type") && doc["type"].IsString()) {
      kind = doc["type"].GetString();
    }
    v.kinds.push_back(kind);
    if (kind == "factgate") v.factgate.push_back(e.data);
    if (kind == "error") v.errors.push_back(e.data);
    if (!object || !doc.HasMember("index") || !doc["index"].IsInt()) continue;
    const int index = doc["index"].GetInt();
    // A member's string, or "" (damaged upstreams pass through).
    auto string_of = [](const rapidjson::Value& v, const char* name) -> std::string {
      if (!v.IsObject() || !v.HasMember(name) || !v[name].IsString()) return "";
      return v[name].GetString();
    };
    if (kind == "content_block_start" && doc.HasMember("content_block")) {
      open.insert(index);
      const auto& block = doc["content_block"];
      if (string_of(block, "type") == "text") v.text[index] = string_of(block, "text");
    } else if (kind == "content_block_delta" && doc.HasMember("delta")) {
      if (!open.contains(index)) ++v.unopened_deltas;
      const auto& delta = doc["delta"];
      if (string_of(delta, "type") == "text_delta") v.text[index] += string_of(delta, "text");
    } else if (kind == "content_block_stop") {
      open.erase(index);
    }
  }
  v.stop_last = !v.kinds.empty() && v.kinds.back() == "message_stop";
  return v;
}

const Report& ReportOf(const StreamRun& run, int index) {
  for (const ChoiceReport& r : run.reports) {
    if (r.index == index) return r.report;
  }
  static const Report kEmpty;
  ADD_FAILURE() << "no report for block " << index;
  return kEmpty;
}

// The factgate event's data.
rapidjson::Document FactgateOf(const ClientView& v) {
  rapidjson::Document doc;
  EXPECT_EQ(v.factgate.size(), 1u);
  if (v.factgate.empty()) return doc;
  doc.Parse(v.factgate.back().c_str());
  return doc;
}

// The input with the output's factgate event inserted before the last message_stop.
std::string WithReport(const std::string& input, const ClientView& v) {
  EXPECT_EQ(v.factgate.size(), 1u);
  if (v.factgate.empty()) return input;
  std::string want = input;
  want.insert(want.rfind(kMessageStop), FormatSseEvent("factgate", v.factgate[0]));
  return want;
}

std::vector<std::string> ClaimTexts(std::string_view text) {
  std::vector<std::string> out;
  for (const Claim& c : ExtractClaims(text)) out.push_back(c.text);
  return out;
}

// --- off and annotate --------------------------------------------------------------------------

TEST(MessagesStreamTest, OffPassesBytesThroughUnparsed) {
  const std::string input = RealisticStream(kDeltas) + "event: garbage\ndata: {";
  StreamRun run = Drive(Mode::kOff, Bytes(input));
  EXPECT_EQ(run.output, input);
  EXPECT_TRUE(run.requested_texts.empty());
  EXPECT_TRUE(run.reports.empty());
}

// Annotate: output == input with the factgate event inserted before message_stop, for every split
// and answer order.
TEST(MessagesStreamTest, AnnotateForwardsInputAndAddsReportBeforeMessageStop) {
  const std::string input = RealisticStream(kDeltas);
  StreamRun whole = DriveWhole(Mode::kAnnotate, input);
  ClientView v = View(whole.output);
  const std::string want = WithReport(input, v);
  EXPECT_EQ(whole.output, want);
  EXPECT_TRUE(v.stop_last);
  ASSERT_GE(v.kinds.size(), 2u);
  EXPECT_EQ(v.kinds[v.kinds.size() - 2], "factgate");
  EXPECT_EQ(v.text[1], Join(kDeltas));
  EXPECT_EQ(whole.requested_texts, ClaimTexts(Join(kDeltas)));
  EXPECT_EQ(Drive(Mode::kAnnotate, Bytes(input)).output, want);
  EXPECT_EQ(Drive(Mode::kAnnotate, Bytes(input), Answer::kAtEndReversed).output, want);

  // Every split point of a shorter stream.
  const std::string small = TextStream(
      {"Paris", " is in", " Spain.", " Dr", ".", " Smith lives in the U.S.", " The end."});
  const std::string small_want = DriveWhole(Mode::kAnnotate, small).output;
  for (size_t cut = 1; cut < small.size(); ++cut) {
    std::string_view in = small;
    StreamRun split =
        Drive(Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)}, Answer::kAtEndReversed);
    ASSERT_EQ(split.output, small_want) << "cut at " << cut;
  }
}

TEST(MessagesStreamTest, AnnotateFactgateEventShape) {
  StreamRun run = DriveWhole(Mode::kAnnotate, RealisticStream(kDeltas));
  ClientView v = View(run.output);
  rapidjson::Document doc = FactgateOf(v);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["type"].GetString(), "factgate");
  EXPECT_EQ(doc.MemberCount(), 2u);
  const auto& fg = doc["factgate"];
  const auto& claims = fg["claims"];
  const std::string text = Join(kDeltas);
  ASSERT_EQ(claims.Size(), ExtractClaims(text).size());
  ASSERT_GE(claims.Size(), 4u);
  EXPECT_STREQ(claims[0]["id"].GetString(), "c1");
  EXPECT_EQ(claims[0]["choice"].GetInt(), 1);  // the text block's index in "content"
  EXPECT_STREQ(claims[0]["text"].GetString(), "Paris is in Spain");
  EXPECT_STREQ(claims[0]["verdict"].GetString(), "refuted");
  EXPECT_STREQ(claims[0]["correction"].GetString(), "Paris is in France");
  // Spans are offsets into the block's whole text.
  for (const auto& c : claims.GetArray()) {
    size_t b = c["span"][0].GetUint64();
    size_t e = c["span"][1].GetUint64();
    EXPECT_EQ(text.substr(b, e - b), c["text"].GetString());
  }
  EXPECT_TRUE(fg["summary"]["checked"].GetBool());
  // Only the text block is reported (not the thinking or tool_use blocks).
  ASSERT_EQ(fg["choices"].Size(), 1u);
  EXPECT_EQ(fg["choices"][0]["index"].GetInt(), 1);
  // The exact bytes of the event.
  EXPECT_NE(
      run.output.find("event: factgate\ndata: {\"type\":\"factgate\",\"factgate\":{\"claims\":["),
      std::string::npos);
}

TEST(MessagesStreamTest, AnnotateCrlfUpstream) {
  std::string input = TextStream({"Paris", " is in Spain.", " Rome is old."});
  std::string crlf;
  for (char c : input) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (size_t cut = 1; cut < crlf.size(); cut += 3) {
    std::string_view in = crlf;
    StreamRun run = Drive(Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)});
    ClientView v = View(run.output);
    ASSERT_EQ(v.factgate.size(), 1u) << cut;
    std::string want = crlf;
    want.insert(want.rfind("event: message_stop"), FormatSseEvent("factgate", v.factgate[0]));
    ASSERT_EQ(run.output, want) << "cut at " << cut;
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Paris is in Spain", "Rome is old"}));
  }
}

TEST(MessagesStreamTest, MessageStopWaitsForChecks) {
  MessagesStream s(Mode::kAnnotate);
  s.Feed(TextStream({"Paris is in Spain.", " Rome is in Italy."}));
  std::vector<CheckRequest> requests = s.TakeCheckRequests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].ticket, requests[1].ticket);
  std::string out = s.TakeOutput();
  EXPECT_EQ(out.find("message_stop"), std::string::npos);  // held
  EXPECT_EQ(out.find("factgate"), std::string::npos);
  EXPECT_NE(out.find("message_delta"), std::string::npos);  // everything before it is out
  EXPECT_EQ(s.PendingChecks(), 2u);
  EXPECT_FALSE(s.Done());
  s.OnClaimChecked(requests[1].ticket, Fabricate(requests[1].claim));
  EXPECT_EQ(s.TakeOutput(), "");
  s.OnClaimChecked(requests[1].ticket, Fabricate(requests[1].claim));  // twice: ignored
  s.OnClaimChecked(999, ClaimResult{});                                // unknown: ignored
  EXPECT_EQ(s.PendingChecks(), 1u);
  ClaimResult wrong = Fabricate(requests[0].claim);
  wrong.claim.span = {1000, 2000};  // the requested claim is kept
  s.SetElapsedMs(42.5);
  s.OnClaimChecked(requests[0].ticket, wrong);
  out = s.TakeOutput();
  ASSERT_TRUE(out.ends_with(kMessageStop));
  EXPECT_TRUE(out.starts_with("event: factgate\n"));
  EXPECT_TRUE(s.Done());  // everything is out, even before upstream's end is reported
  s.FinishUpstream(true);
  EXPECT_EQ(s.TakeOutput(), "");
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].index, 0);
  EXPECT_EQ(reports[0].report.claims[0].claim.span, (Span{0, 17}));
  EXPECT_EQ(reports[0].report.elapsed_ms, 42.5);
  rapidjson::Document doc = FactgateOf(View(out));
  EXPECT_DOUBLE_EQ(doc["factgate"]["summary"]["elapsed_ms"].GetDouble(), 42.5);
}

// --- what is checked ---------------------------------------------------------------------------

TEST(MessagesStreamTest, ThinkingAndToolUseAreNeverChecked) {
  const std::string input = RealisticStream({"Rome is old."});
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(mode, input);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    // The thinking and tool_use blocks are forwarded untouched, in their places.
    EXPECT_EQ(run.output.find(kMessageStart + ThinkingBlock(0) + TextStart(1)), 0u)
        << ModeName(mode);
    EXPECT_NE(run.output.find(BlockStop(1) + ToolUseBlock(2) + kMessageDelta), std::string::npos)
        << ModeName(mode);
    ASSERT_EQ(run.reports.size(), 1u);
    EXPECT_EQ(run.reports[0].index, 1);
  }
}

TEST(MessagesStreamTest, ToolUseOnlyAnswerHasAnEmptyReport) {
  const std::string input = kMessageStart + ToolUseBlock(0) + kMessageDelta + kMessageStop;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(mode, input);
    EXPECT_TRUE(run.requested_texts.empty());
    ClientView v = View(run.output);
    EXPECT_EQ(run.output, WithReport(input, v)) << ModeName(mode);
    rapidjson::Document doc = FactgateOf(v);
    EXPECT_EQ(doc["factgate"]["summary"]["claims"].GetUint(), 0u);
    EXPECT_EQ(doc["factgate"]["choices"].Size(), 0u);
  }
}

// Deltas whose index is not an open text block (never started, a tool_use block, already
// stopped, a second start for a known index) pass through unchecked.
TEST(MessagesStreamTest, TextOutsideOpenTextBlocksIsNotChecked) {
  const std::string input = kMessageStart + TextDelta(7, "Paris is in Spain.") + TextStart(0) +
                            TextDelta(0, "Rome is old.") + BlockStop(0) +
                            TextDelta(0, " Oslo is in Peru.") + TextStart(0) +
                            TextDelta(0, " Lima is in Chile.") + kMessageStop;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(mode, input);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    EXPECT_EQ(run.output.find(kMessageStart + TextDelta(7, "Paris is in Spain.")), 0u);
    EXPECT_NE(run.output.find(TextDelta(0, " Oslo is in Peru.") + TextStart(0) +
                              TextDelta(0, " Lima is in Chile.")),
              std::string::npos);
  }
}

// Events without an "event:" line are recognised by their data's "type".
TEST(MessagesStreamTest, EventKindFromDataType) {
  const std::string input =
      "data: {\"type\": \"content_block_start\", \"index\": 0, \"content_block\": "
      "{\"type\": \"text\", \"text\": \"\"}}\n\n"
      "data: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": "
      "{\"type\": \"text_delta\", \"text\": \"Rome is old. Oslo is cold.\"}}\n\n"
      "data: {\"type\": \"content_block_stop\", \"index\": 0}\n\n"
      "data: {\"type\": \"message_stop\"}\n\n";
  StreamRun run = DriveWhole(Mode::kCite, input);
  EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Rome is old", "Oslo is cold"}));
  ClientView v = View(run.output);
  EXPECT_EQ(v.text[0], RenderCite("Rome is old. Oslo is cold.", ReportOf(run, 0)));
  EXPECT_TRUE(v.stop_last);
}

// A content_block_start that already carries text: that text is the block's beginning.
TEST(MessagesStreamTest, TextInContentBlockStart) {
  const std::string input = kMessageStart + TextStart(0, "Paris is in Spain. Rome") +
                            TextDelta(0, " is old.") + BlockStop(0) + kMessageStop;
  const std::string text = "Paris is in Spain. Rome is old.";
  StreamRun annotate = DriveWhole(Mode::kAnnotate, input);
  EXPECT_EQ(annotate.output, WithReport(input, View(annotate.output)));
  EXPECT_EQ(annotate.requested_texts,
            (std::vector<std::string>{"Paris is in Spain", "Rome is old"}));
  StreamRun cite = DriveWhole(Mode::kCite, input);
  ClientView c = View(cite.output);
  EXPECT_EQ(c.text[0], RenderCite(text, ReportOf(cite, 0)));
  EXPECT_EQ(c.unopened_deltas, 0);
  StreamRun rewrite = DriveWhole(Mode::kRewrite, input);
  EXPECT_EQ(View(rewrite.output).text[0], "Paris is in France. Rome is old.");
}

// --- cite --------------------------------------------------------------------------------------

// Cite: the client's text == RenderCite(text, report), and the output is the same for every split
// of the upstream bytes and every answer order.
TEST(MessagesStreamTest, CiteTextEqualsRenderCite) {
  const std::string input = RealisticStream(kDeltas);
  StreamRun whole = DriveWhole(Mode::kCite, input);
  ClientView v = View(whole.output);
  const std::string text = Join(kDeltas);
  EXPECT_EQ(v.text[1], RenderCite(text, ReportOf(whole, 1)));
  EXPECT_NE(v.text[1].find("Spain. [1]"), std::string::npos) << v.text[1];
  EXPECT_NE(v.text[1].find("\n\nSources:\n[1] France"), std::string::npos);
  EXPECT_EQ(v.unopened_deltas, 0);
  EXPECT_TRUE(v.stop_last);
  EXPECT_EQ(v.factgate.size(), 1u);

  StreamRun reversed = DriveWhole(Mode::kCite, input, Answer::kAtEndReversed);
  EXPECT_EQ(reversed.output, whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 7) {
    std::string_view in = input;
    StreamRun split =
        Drive(Mode::kCite, {in.substr(0, cut), in.substr(cut)}, Answer::kAtEndReversed);
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
  EXPECT_EQ(Drive(Mode::kCite, Bytes(input)).output, whole.output);
}

// The exact events of a split: text up to the sentence end, the marker, the rest in the
// re-serialized original, the sources list before content_block_stop.
TEST(MessagesStreamTest, CiteSplitsDeltaAtSentenceEnd) {
  const std::string input = kMessageStart + TextStart(0) + TextDelta(0, "Rome is old") +
                            TextDelta(0, ". It is") + BlockStop(0) + kMessageDelta + kMessageStop;
  StreamRun run = DriveWhole(Mode::kCite, input);
  ClientView v = View(run.output);
  ASSERT_EQ(v.events.size(), 11u);
  EXPECT_EQ(v.events[0].raw, kMessageStart);
  EXPECT_EQ(v.events[1].raw, TextStart(0));
  EXPECT_EQ(v.events[2].raw, TextDelta(0, "Rome is old"));
  EXPECT_EQ(v.events[3].raw,
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            "\"delta\":{\"type\":\"text_delta\",\"text\":\".\"}}\n\n");
  EXPECT_EQ(v.events[4].raw,
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            "\"delta\":{\"type\":\"text_delta\",\"text\":\" [1]\"}}\n\n");
  EXPECT_EQ(v.events[5].raw,
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            "\"delta\":{\"type\":\"text_delta\",\"text\":\" It is\"}}\n\n");
  EXPECT_EQ(v.events[6].data,
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
            "\"text\":" +
                Quote("\n\nSources:\n[1] Rome \u2014 \"q\" (https://example.org/Rome)") + "}}");
  EXPECT_EQ(v.events[7].raw, BlockStop(0));
  EXPECT_EQ(v.events[8].raw, kMessageDelta);
  EXPECT_EQ(v.kinds[9], "factgate");
  EXPECT_EQ(v.events[10].raw, kMessageStop);
  EXPECT_EQ(v.text[0], RenderCite("Rome is old. It is", ReportOf(run, 0)));
}

TEST(MessagesStreamTest, CiteHoldsLaterEventsBehindPendingSentence) {
  MessagesStream s(Mode::kCite);
  const std::string head = kMessageStart + TextStart(0) + TextDelta(0, "Rome is ancient.");
  s.Feed(head);
  std::vector<CheckRequest> first = s.TakeCheckRequests();
  ASSERT_EQ(first.size(), 1u);      // checked as soon as its end is clear, and since nothing in
  EXPECT_EQ(s.TakeOutput(), head);  // it is left open for a closer, forwarded at once
  s.Feed(TextDelta(0, " Oslo") + kPing + "event: future_event\ndata: {\"x\": 1}\n\n" +
         TextDelta(0, " is cold"));
  EXPECT_EQ(s.TakeOutput(), "");  // the rest queues behind the marker of "Rome is ancient."
  s.Feed(TextDelta(0, ". Paris"));
  std::vector<CheckRequest> second = s.TakeCheckRequests();
  ASSERT_EQ(second.size(), 1u);
  s.OnClaimChecked(second[0].ticket, Fabricate(second[0].claim));  // out of order
  EXPECT_EQ(s.TakeOutput(), "");
  s.OnClaimChecked(first[0].ticket, Fabricate(first[0].claim));
  std::string out = s.TakeOutput();
  // marker, " Oslo", ping, future_event, " is cold", "." (split), marker, " Paris"
  ClientView v = View(head + out);
  EXPECT_EQ(v.text[0], "Rome is ancient. [1] Oslo is cold. [2] Paris");
  EXPECT_NE(out.find(TextDelta(0, " Oslo") + kPing + "event: future_event\ndata: {\"x\": 1}\n\n" +
                     TextDelta(0, " is cold")),
            std::string::npos);
  s.Feed(BlockStop(0) + kMessageStop);
  s.FinishUpstream(true);
  EXPECT_TRUE(s.TakeCheckRequests().empty());  // "Paris" makes no claim
  v = View(head + out + s.TakeOutput());
  EXPECT_TRUE(s.Done());
  EXPECT_EQ(v.text[0],
            "Rome is ancient. [1] Oslo is cold. [2] Paris\n\nSources:\n[1] Rome \u2014 \"q\" "
            "(https://example.org/Rome)\n[2] Oslo \u2014 \"q\" (https://example.org/Oslo)");
}

TEST(MessagesStreamTest, CiteMarkerAfterLateRecognisedEnd) {
  for (const std::vector<std::string>& deltas : std::vector<std::vector<std::string>>{
           {"Obama", " lived", " in", " the", " U.S.", " The", " end", "."},
           {"Obama lived in the U.S. ", "The", " end."},
           {"Obama lived in the U", ".", "S", ".", " ", "Th", "e end."},
           {"Rome is old", ".", "**", " Oslo", " is", " cold", "\n", "\n", "- Oslo is cold\n"}}) {
    StreamRun run = DriveWhole(Mode::kCite, TextStream(deltas));
    ClientView v = View(run.output);
    EXPECT_EQ(v.text[0], RenderCite(Join(deltas), ReportOf(run, 0))) << Join(deltas);
    EXPECT_EQ(v.unopened_deltas, 0);
  }
}

// Upstream ends without content_block_stop or message_stop: the sources list still goes out, for
// the block that is still open, and the report is last.
TEST(MessagesStreamTest, CiteWithoutBlockStopAddsSourcesAtEnd) {
  const std::string input =
      kMessageStart + TextStart(0) + TextDelta(0, "Rome is old. Oslo is cold");
  StreamRun run = Drive(Mode::kCite, {input}, Answer::kAtEndReversed, /*clean=*/false);
  ClientView v = View(run.output);
  EXPECT_EQ(v.text[0], RenderCite("Rome is old. Oslo is cold", ReportOf(run, 0)));
  EXPECT_NE(v.text[0].find("Oslo is cold [2]\n\nSources:"), std::string::npos);
  EXPECT_EQ(v.unopened_deltas, 0);
  EXPECT_EQ(v.kinds.back(), "factgate");
}

// Citations deltas of a text block pass in order; each block has its own numbering.
TEST(MessagesStreamTest, CiteTwoTextBlocksAroundAToolCall) {
  const std::string citation = Event(
      "content_block_delta",
      R"({"type": "content_block_delta", "index": 0, "delta": {"type": "citations_delta", )"
      R"("citation": {"type": "char_location", "cited_text": "Rome is old.", "document_index": 0, )"
      R"("document_title": "Rome", "start_char_index": 0, "end_char_index": 12}}})");
  const std::string input = kMessageStart + TextStart(0) + citation + TextDelta(0, "Rome is old.") +
                            TextDelta(0, " Oslo is cold.") + BlockStop(0) + ToolUseBlock(1) +
                            TextStart(2) + TextDelta(2, "Oslo is cold. Paris is") +
                            TextDelta(2, " in Spain.") + BlockStop(2) + kMessageDelta +
                            kMessageStop;
  StreamRun run = DriveWhole(Mode::kCite, input, Answer::kAtEndReversed);
  ClientView v = View(run.output);
  EXPECT_EQ(v.text[0], RenderCite("Rome is old. Oslo is cold.", ReportOf(run, 0)));
  EXPECT_EQ(v.text[2], RenderCite("Oslo is cold. Paris is in Spain.", ReportOf(run, 2)));
  EXPECT_TRUE(
      v.text[2].starts_with("Oslo is cold. [1] Paris is in Spain. [2]\n\nSources:\n[1] Oslo"))
      << v.text[2];
  EXPECT_EQ(v.unopened_deltas, 0);
  EXPECT_EQ(run.output.find(kMessageStart + TextStart(0) + citation), 0u);
  EXPECT_NE(run.output.find(ToolUseBlock(1)), std::string::npos);
  rapidjson::Document doc = FactgateOf(v);
  const auto& claims = doc["factgate"]["claims"];
  ASSERT_EQ(claims.Size(), 4u);
  EXPECT_EQ(claims[0]["choice"].GetInt(), 0);
  EXPECT_EQ(claims[3]["choice"].GetInt(), 2);
  EXPECT_STREQ(claims[3]["id"].GetString(), "c4");
  EXPECT_EQ(doc["factgate"]["choices"].Size(), 2u);
}

// --- rewrite -----------------------------------------------------------------------------------

TEST(MessagesStreamTest, RewriteTextEqualsRenderRewrite) {
  const std::string input = RealisticStream(kDeltas);
  StreamRun whole = DriveWhole(Mode::kRewrite, input);
  ClientView v = View(whole.output);
  const std::string text = Join(kDeltas);
  const std::string want = RenderRewrite(text, ReportOf(whole, 1));
  EXPECT_EQ(v.text[1], want);
  EXPECT_NE(want.find("Paris is in France."), std::string::npos) << want;
  EXPECT_NE(want.find("Berlin is in Spain [refuted]."), std::string::npos) << want;
  EXPECT_EQ(v.unopened_deltas, 0);
  EXPECT_TRUE(v.stop_last);
  // No upstream text_delta was forwarded as it was; everything else was.
  for (const std::string& d : kDeltas) {
    EXPECT_EQ(whole.output.find(TextDelta(1, d)), std::string::npos) << d;
  }
  EXPECT_EQ(whole.output.find(kMessageStart + ThinkingBlock(0) + TextStart(1) + kPing), 0u);
  EXPECT_NE(whole.output.find(BlockStop(1) + ToolUseBlock(2) + kMessageDelta), std::string::npos);

  StreamRun reversed = DriveWhole(Mode::kRewrite, input, Answer::kAtEndReversed);
  EXPECT_EQ(reversed.output, whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 7) {
    std::string_view in = input;
    StreamRun split = Drive(Mode::kRewrite, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
}

TEST(MessagesStreamTest, RewriteHoldsTextUntilSentenceChecked) {
  MessagesStream s(Mode::kRewrite);
  s.Feed(kMessageStart + TextStart(0) + TextDelta(0, "Paris is in"));
  EXPECT_EQ(s.TakeOutput(), kMessageStart + TextStart(0));
  s.Feed(TextDelta(0, " Spain. Rome") + kPing);
  EXPECT_EQ(s.TakeOutput(), "");  // the ping waits behind the sentence's rewrite
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  std::string out = s.TakeOutput();
  EXPECT_EQ(out,
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            "\"delta\":{\"type\":\"text_delta\",\"text\":\"Paris is in France.\"}}\n\n" +
                kPing);
  s.Feed(TextDelta(0, " is ancient."));
  r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].claim.text, "Rome is ancient");
  EXPECT_EQ(r[0].claim.span, (Span{19, 34}));
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  ClientView v = View(kMessageStart + TextStart(0) + out + s.TakeOutput());
  EXPECT_EQ(v.text[0], "Paris is in France. Rome is ancient.");
}

// --- errors, drops, budgets --------------------------------------------------------------------

TEST(MessagesStreamTest, MidStreamErrorStopsChecking) {
  const std::string error =
      Event("error",
            R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})");
  const std::string input = kMessageStart + TextStart(0) +
                            TextDelta(0, "Rome is old. Paris is in") + error +
                            TextDelta(0, " Spain. Oslo is cold.") + BlockStop(0) + TextStart(1) +
                            TextDelta(1, "Lima is in Peru.");
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = Drive(mode, {input}, Answer::kAtEndReversed, /*clean=*/false);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    ClientView v = View(run.output);
    const size_t e = run.output.find(error);
    ASSERT_NE(e, std::string::npos);
    // Everything after the error passes as it came; the report is still added, last.
    EXPECT_TRUE(run.output.substr(e).starts_with(error + TextDelta(0, " Spain. Oslo is cold.") +
                                                 BlockStop(0) + TextStart(1) +
                                                 TextDelta(1, "Lima is in Peru.")))
        << ModeName(mode);
    EXPECT_EQ(v.factgate.size(), 1u);
    EXPECT_EQ(v.kinds.back(), "factgate");
    // The client had the whole text block up to the error before it.
    ClientView before = View(run.output.substr(0, e));
    if (mode == Mode::kRewrite) {
      EXPECT_EQ(before.text[0], "Rome is old. Paris is in");
    } else if (mode == Mode::kCite) {
      EXPECT_EQ(before.text[0],
                "Rome is old. [1] Paris is in\n\nSources:\n[1] Rome \u2014 \"q\" "
                "(https://example.org/Rome)");
    } else {
      EXPECT_EQ(before.text[0], "Rome is old. Paris is in");
    }
    rapidjson::Document doc = FactgateOf(v);
    EXPECT_EQ(doc["factgate"]["claims"].Size(), 1u);
  }
}

TEST(MessagesStreamTest, MessageStopAfterErrorStillGetsTheReportBeforeIt) {
  const std::string error =
      Event("error", R"({"type": "error", "error": {"type": "api_error", "message": "boom"}})");
  std::string input = TextStream({"Rome is ancient.", " Oslo is cold."});
  input.insert(input.find(TextDelta(0, " Oslo is cold.")), error);
  StreamRun run = DriveWhole(Mode::kAnnotate, input);
  ClientView v = View(run.output);
  EXPECT_EQ(run.output, WithReport(input, v));
  EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is ancient"});
}

TEST(MessagesStreamTest, DroppedUpstreamGetsReportAndNoMessageStop) {
  const std::string input = kMessageStart + TextStart(0) + TextDelta(0, "Rome is old. Oslo is") +
                            TextDelta(0, " cold") +
                            "event: content_block_delta\ndata: {\"type\": \"con";
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = Drive(mode, {input}, Answer::kAtEndReversed, /*clean=*/false);
    ClientView v = View(run.output);
    EXPECT_EQ(std::count(v.kinds.begin(), v.kinds.end(), "message_stop"), 0);
    EXPECT_EQ(v.kinds.back(), "factgate");
    EXPECT_EQ(run.output.find("\"con\n"), std::string::npos);  // the truncated event is dropped
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Rome is old", "Oslo is cold"}));
    if (mode == Mode::kRewrite) {
      EXPECT_EQ(v.text[0], "Rome is old. Oslo is cold");
    }
    if (mode == Mode::kCite) {
      EXPECT_EQ(v.text[0], RenderCite("Rome is old. Oslo is cold", ReportOf(run, 0)));
    }
  }
}

TEST(MessagesStreamTest, UnterminatedLastEventIsCompleted) {
  const std::string input = TextStream({"Rome is old."});
  std::string cut = input.substr(0, input.size() - 2);  // message_stop without its blank line
  StreamRun run = DriveWhole(Mode::kAnnotate, cut);
  ClientView v = View(run.output);
  EXPECT_TRUE(v.stop_last);
  EXPECT_EQ(run.output, WithReport(input, v));
}

TEST(MessagesStreamTest, AbandonReleasesOutputAndMarksUnchecked) {
  MessagesStream s(Mode::kCite);
  s.Feed(TextStream({"Rome is old. Oslo is cold."}));
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 2u);
  s.OnClaimChecked(r[1].ticket, Fabricate(r[1].claim));
  std::string out = s.TakeOutput();
  EXPECT_EQ(out.find("message_stop"), std::string::npos);
  EXPECT_EQ(out.find("content_block_stop"), std::string::npos);  // waits for the sources list
  s.AbandonPendingChecks("budget: 200 ms exceeded");
  EXPECT_EQ(s.PendingChecks(), 0u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));  // too late: ignored
  out += s.TakeOutput();
  s.FinishUpstream(true);
  out += s.TakeOutput();
  EXPECT_TRUE(s.Done());
  ClientView v = View(out);
  EXPECT_EQ(v.text[0],
            "Rome is old. Oslo is cold. [1]\n\nSources:\n[1] Oslo \u2014 \"q\" "
            "(https://example.org/Oslo)");
  EXPECT_TRUE(v.stop_last);
  rapidjson::Document doc = FactgateOf(v);
  const auto& fg = doc["factgate"];
  EXPECT_FALSE(fg["summary"]["checked"].GetBool());
  ASSERT_TRUE(fg["summary"].HasMember("errors"));
  EXPECT_STREQ(fg["summary"]["errors"][0].GetString(), "budget: 200 ms exceeded");
  EXPECT_STREQ(fg["claims"][0]["verdict"].GetString(), "not_enough_info");
  EXPECT_EQ(fg["claims"][0]["confidence"].GetDouble(), 0.0);
  EXPECT_TRUE(fg["claims"][0]["citations"].Empty());
  EXPECT_STREQ(fg["claims"][1]["verdict"].GetString(), "supported");
}

TEST(MessagesStreamTest, ClaimsAfterAbandonAreNotRequested) {
  MessagesStream s(Mode::kRewrite);
  s.Feed(kMessageStart + TextStart(0) + TextDelta(0, "Paris is in Spain. Rome"));
  ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
  s.AbandonPendingChecks("deadline");
  std::string out = s.TakeOutput();
  EXPECT_EQ(View(out).text[0], "Paris is in Spain.");  // released unchanged
  s.Feed(TextDelta(0, " is old.") + BlockStop(0) + kMessageStop);
  EXPECT_TRUE(s.TakeCheckRequests().empty());
  out += s.TakeOutput();
  ClientView v = View(out);
  EXPECT_EQ(v.text[0], "Paris is in Spain. Rome is old.");
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].report.claims.size(), 2u);
  EXPECT_FALSE(reports[0].report.checked);
  EXPECT_EQ(reports[0].report.errors, std::vector<std::string>{"deadline"});
  EXPECT_TRUE(v.stop_last);
}

TEST(MessagesStreamTest, FailClosedEndsWithAnErrorEventInsteadOfTheReport) {
  MessagesStream s(Mode::kAnnotate);
  s.SetFailClosed(true);
  s.Feed(TextStream({"Rome is old."}));
  ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
  s.AbandonPendingChecks("budget ran out");
  s.FinishUpstream(true);
  std::string out = s.TakeOutput();
  EXPECT_TRUE(s.Done());
  ClientView v = View(out);
  EXPECT_TRUE(v.factgate.empty());
  EXPECT_EQ(std::count(v.kinds.begin(), v.kinds.end(), "message_stop"), 0);
  EXPECT_TRUE(out.ends_with(
      "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
      "\"factgate: verification incomplete: budget ran out\",\"code\":"
      "\"verification_incomplete\"}}\n\n"))
      << out;
  // Everything before message_stop went out as it came.
  EXPECT_TRUE(out.starts_with(TextStream({"Rome is old."}).substr(0, out.find("event: error"))));
}

TEST(MessagesStreamTest, FailClosedCheckedAnswerStillGetsItsReport) {
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    MessagesStream s(mode);
    s.SetFailClosed(true);
    s.Feed(TextStream({"Rome is old."}));
    for (const CheckRequest& r : s.TakeCheckRequests()) {
      s.OnClaimChecked(r.ticket, Fabricate(r.claim));
    }
    s.FinishUpstream(true);
    ClientView v = View(s.TakeOutput());
    EXPECT_EQ(v.factgate.size(), 1u);
    EXPECT_TRUE(v.errors.empty());
    EXPECT_TRUE(v.stop_last);
  }
}

TEST(MessagesStreamTest, FailClosedAfterSourceErrorAndDroppedUpstream) {
  MessagesStream s(Mode::kCite);
  s.SetFailClosed(true);
  s.Feed(kMessageStart + TextStart(0) + TextDelta(0, "Rome is ancient."));
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim), {"kb: unavailable"});
  s.FinishUpstream(false);
  ClientView v = View(s.TakeOutput());
  EXPECT_TRUE(s.Done());
  ASSERT_EQ(v.errors.size(), 1u);
  EXPECT_EQ(v.kinds.back(), "error");
  EXPECT_NE(v.errors[0].find("factgate: verification incomplete: kb: unavailable"),
            std::string::npos);
}

TEST(MessagesStreamTest, AFailedSourceMarksTheBlockUnchecked) {
  MessagesStream s(Mode::kAnnotate);
  s.Feed(TextStream({"Rome is old."}));
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim), {"kb: unavailable"});
  s.FinishUpstream(true);
  rapidjson::Document doc = FactgateOf(View(s.TakeOutput()));
  EXPECT_FALSE(doc["factgate"]["summary"]["checked"].GetBool());
  ASSERT_TRUE(doc["factgate"]["summary"].HasMember("errors"));
  EXPECT_STREQ(doc["factgate"]["summary"]["errors"][0].GetString(), "kb: unavailable");
  EXPECT_STREQ(doc["factgate"]["claims"][0]["verdict"].GetString(), "supported");
}

// --- pass-through ------------------------------------------------------------------------------

TEST(MessagesStreamTest, PingsCommentsAndUnknownEventsPassThroughUntouched) {
  const std::string odd = ": keep-alive\n\n" + kPing +
                          "event: brand_new_event\ndata: {\"type\": \"brand_new_event\", "
                          "\"text\": \"Paris is in Spain.\"}\n\n"
                          "event: content_block_delta\ndata: not json\n\n"
                          "data: [1,2]\n\n"
                          "data:\n\n"
                          "id: 5\n\n";
  const std::string input = kMessageStart + TextStart(0) + TextDelta(0, "Rome is old.") + odd +
                            BlockStop(0) + kMessageStop;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(mode, input);
    EXPECT_NE(run.output.find(odd), std::string::npos) << ModeName(mode);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"});
  }
}

// --- random chunkings --------------------------------------------------------------------------

class RandomChunkingTest : public testing::TestWithParam<std::string> {};

// Whatever the deltas, the reads and the order of answers: annotate forwards the input and adds
// the report, cite's text is RenderCite's, rewrite's is RenderRewrite's, the SDKs never see a
// delta for a block not open, and the claims are those of the whole text.
TEST_P(RandomChunkingTest, KeepsTheContracts) {
  const std::string& text = GetParam();
  const int rounds = text.size() > 2000 ? 4 : 30;
  std::mt19937 rng(42);
  const std::vector<std::string> all = ClaimTexts(text);
  for (int round = 0; round < rounds; ++round) {
    const std::string input = RealisticStream(RandomDeltas(text, rng));
    const Answer answer = round % 2 == 0 ? Answer::kAtOnce : Answer::kAtEndReversed;

    StreamRun annotate = Drive(Mode::kAnnotate, RandomReads(input, rng, 64), answer);
    ASSERT_EQ(annotate.output, WithReport(input, View(annotate.output))) << "round " << round;

    StreamRun cite = Drive(Mode::kCite, RandomReads(input, rng, 64), answer);
    ClientView c = View(cite.output);
    ASSERT_EQ(c.text[1], RenderCite(text, ReportOf(cite, 1))) << "round " << round;
    ASSERT_EQ(c.unopened_deltas, 0);
    ASSERT_TRUE(c.stop_last);

    StreamRun rewrite = Drive(Mode::kRewrite, RandomReads(input, rng, 64), answer);
    ClientView r = View(rewrite.output);
    ASSERT_EQ(r.text[1], RenderRewrite(text, ReportOf(rewrite, 1))) << "round " << round;
    ASSERT_EQ(r.unopened_deltas, 0);

    std::vector<std::string> got;
    for (const ClaimResult& claim : ReportOf(cite, 1).claims) {
      ASSERT_EQ(claim.claim.id, "c" + std::to_string(got.size() + 1));
      got.push_back(claim.claim.text);
    }
    ASSERT_EQ(got, all) << "round " << round;
    ASSERT_EQ(annotate.requested_texts, all);
  }
}

INSTANTIATE_TEST_SUITE_P(Texts, RandomChunkingTest,
                         testing::Values(std::string(kMarkdownAnswer), std::string(kTrickyAnswer),
                                         LongAnswer()));

// Damaged streams (bytes dropped, junk and odd events inserted, cut anywhere) never break the
// processor: it always ends, with every check answered and the report out.
TEST(MessagesStreamTest, DamagedStreamsAlwaysFinish) {
  const std::string clean = RealisticStream(kDeltas);
  const std::vector<std::string> junk = {
      "\n\n",
      "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": \"x\"}\n\n",
      "event: content_block_delta\ndata: {\"index\": 1, \"delta\": 7}\n\n",
      "event: content_block_start\ndata: {\"index\": 1, \"content_block\": null}\n\n",
      "event: content_block_stop\ndata: {\"index\": 1}\n\n",
      "event: error\ndata: {}\n\n",
      ":\r\n",
      "\r",
      "\xff\xfe"};
  std::mt19937 rng(5);
  for (int round = 0; round < 150; ++round) {
    std::string input;
    for (size_t i = 0; i < clean.size(); ++i) {
      unsigned r = rng() % 1000;
      if (r < 5) continue;  // drop a byte
      if (r < 10) input += junk[rng() % junk.size()];
      input += clean[i];
    }
    input.resize(rng() % (input.size() + 1));
    for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
      StreamRun run =
          Drive(mode, RandomReads(input, rng, 64), Answer::kAtEndReversed, /*clean=*/false);
      ClientView v = View(run.output, /*strict=*/false);
      ASSERT_EQ(v.factgate.size(), 1u) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace fg::anthropic
