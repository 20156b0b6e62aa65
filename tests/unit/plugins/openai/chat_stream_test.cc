#include "plugins/openai/chat_stream.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "plugins/sse.h"
#include "src/core/claim_extractor.h"
#include "src/core/renderer.h"
#include "tests/unit/plugins/stream_test_support.h"

namespace fg::openai {
namespace {

using plugins::stream_test::Answer;
using plugins::stream_test::Fabricate;
using plugins::stream_test::Join;
using plugins::stream_test::kDeltas;
using plugins::stream_test::kMarkdownAnswer;
using plugins::stream_test::kTrickyAnswer;
using plugins::stream_test::LongAnswer;
using plugins::stream_test::Quote;
using plugins::stream_test::RandomDeltas;
using plugins::stream_test::StreamRun;

// --- upstream streams ---------------------------------------------------------------------------

constexpr char kHead[] =
    R"("id":"chatcmpl-7","object":"chat.completion.chunk","created":1700000000,"model":"m-1",)"
    R"("system_fingerprint":"fp_9")";

std::string ChatChunk(const std::string& choices, const std::string& extra = "") {
  return std::string("data: {") + kHead + extra + ",\"choices\":[" + choices + "]}\n\n";
}

std::string ContentChoice(int index, std::string_view text, const char* finish = nullptr) {
  return "{\"index\":" + std::to_string(index) + ",\"delta\":{\"content\":" + Quote(text) +
         "},\"logprobs\":null,\"finish_reason\":" + (finish ? Quote(finish) : "null") + "}";
}

std::string RoleChoice(int index) {
  return "{\"index\":" + std::to_string(index) +
         R"(,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,)"
         R"("finish_reason":null})";
}

std::string FinishChoice(int index, const char* reason = "stop") {
  return "{\"index\":" + std::to_string(index) +
         ",\"delta\":{},\"logprobs\":null,\"finish_reason\":" + Quote(reason) + "}";
}

constexpr char kDone[] = "data: [DONE]\n\n";

// A chat stream of one choice: role chunk, one chunk per delta, finish chunk, [DONE].
std::string ChatStreamOf(const std::vector<std::string>& deltas) {
  std::string out = ChatChunk(RoleChoice(0));
  for (const std::string& d : deltas) out += ChatChunk(ContentChoice(0, d));
  out += ChatChunk(FinishChoice(0));
  out += kDone;
  return out;
}

std::string CompletionsChunk(int index, std::string_view text, const char* finish = nullptr) {
  return "data: {\"id\":\"cmpl-3\",\"object\":\"text_completion\",\"created\":5,\"model\":\"m\","
         "\"choices\":[{\"index\":" +
         std::to_string(index) + ",\"text\":" + Quote(text) +
         ",\"logprobs\":null,\"finish_reason\":" + (finish ? Quote(finish) : "null") + "}]}\n\n";
}

// --- driving a stream
// -------------------------------------------------------------------------------

StreamRun Drive(Api api, Mode mode, const std::vector<std::string_view>& pieces,
                Answer answer = Answer::kAtOnce, bool clean = true) {
  ChatStream s(api, mode);
  return plugins::stream_test::DriveStream(s, pieces, answer, clean);
}

StreamRun DriveWhole(Api api, Mode mode, std::string_view input, Answer answer = Answer::kAtOnce) {
  return Drive(api, mode, {input}, answer);
}

// --- reading what the client got
// -------------------------------------------------------------------

struct ClientView {
  std::vector<SseEvent> events;
  std::map<int, std::string> content;  // concatenated content per choice
  std::vector<std::string> report;     // data of chunks with "factgate"
  bool done = false;                   // saw [DONE]
  bool done_last = false;              // [DONE] was the last event
  std::vector<std::string> finish_reasons;
};

// `strict`: every event of the output must be terminated (false for damaged upstreams, whose
// bytes after [DONE] pass as they are).
ClientView View(const std::string& output, Api api = Api::kChat, bool strict = true) {
  ClientView v;
  SseParser parser;
  v.events = parser.Feed(output);
  for (SseEvent& e : parser.Finish()) v.events.push_back(std::move(e));
  for (const SseEvent& e : v.events) {
    if (strict) {
      EXPECT_TRUE(e.terminated) << e.raw;
    }
    if (e.comment) continue;
    if (e.data == "[DONE]") {
      v.done = true;
      continue;
    }
    rapidjson::Document doc;
    doc.Parse(e.data.c_str());
    if (doc.HasParseError() || !doc.IsObject()) continue;
    if (doc.HasMember("factgate")) v.report.push_back(e.data);
    if (!doc.HasMember("choices") || !doc["choices"].IsArray()) continue;
    for (const auto& c : doc["choices"].GetArray()) {
      if (!c.IsObject() || !c.HasMember("index") || !c["index"].IsInt()) continue;
      int index = c["index"].GetInt();
      const rapidjson::Value* text = nullptr;
      if (api == Api::kChat && c.HasMember("delta") && c["delta"].IsObject() &&
          c["delta"].HasMember("content")) {
        text = &c["delta"]["content"];
      } else if (api == Api::kCompletions && c.HasMember("text")) {
        text = &c["text"];
      }
      if (text != nullptr && text->IsString()) v.content[index] += text->GetString();
      if (c.HasMember("finish_reason") && c["finish_reason"].IsString()) {
        v.finish_reasons.push_back(c["finish_reason"].GetString());
      }
    }
  }
  v.done_last = !v.events.empty() && v.events.back().data == "[DONE]";
  return v;
}

const Report& ReportOf(const StreamRun& run, int index) {
  for (const ChoiceReport& r : run.reports) {
    if (r.index == index) return r.report;
  }
  static const Report kEmpty;
  ADD_FAILURE() << "no report for choice " << index;
  return kEmpty;
}

std::string TextOf(const std::vector<std::string>& deltas) { return Join(deltas); }

// The report chunk's "factgate" member.
rapidjson::Document FactgateOf(const ClientView& v) {
  rapidjson::Document doc;
  EXPECT_EQ(v.report.size(), 1u);
  if (v.report.empty()) return doc;
  doc.Parse(v.report.back().c_str());
  return doc;
}

// --- off and annotate
// ---------------------------------------------------------------------------------

TEST(ChatStreamTest, OffPassesBytesThrough) {
  const std::string input = ChatStreamOf(kDeltas) + "garbage";
  StreamRun run = DriveWhole(Api::kChat, Mode::kOff, input);
  EXPECT_EQ(run.output, input);
  EXPECT_EQ(run.requests, 0u);
  EXPECT_TRUE(run.reports.empty());
}

// Annotate: output == input with the report chunk inserted before [DONE], for every split.
TEST(ChatStreamTest, AnnotateForwardsInputAndAddsReportBeforeDone) {
  const std::string input = ChatStreamOf(kDeltas);
  StreamRun whole = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  ClientView v = View(whole.output);
  ASSERT_EQ(v.report.size(), 1u);
  const std::string report_event = FormatSseData(v.report[0]);
  std::string want = input;
  want.insert(want.size() - std::string(kDone).size(), report_event);
  EXPECT_EQ(whole.output, want);
  EXPECT_TRUE(v.done_last);
  EXPECT_EQ(v.content[0], TextOf(kDeltas));
  EXPECT_GT(whole.requests, 3u);

  // Every split point of a shorter stream.
  const std::string small = ChatStreamOf(
      {"Paris", " is in", " Spain.", " Dr", ".", " Smith lives in the U.S.", " The end."});
  StreamRun small_whole = DriveWhole(Api::kChat, Mode::kAnnotate, small);
  for (size_t cut = 1; cut < small.size(); ++cut) {
    std::string_view in = small;
    StreamRun split = Drive(Api::kChat, Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(split.output, small_whole.output) << "cut at " << cut;
  }
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < input.size(); ++i) bytes.push_back(std::string_view(input).substr(i, 1));
  EXPECT_EQ(Drive(Api::kChat, Mode::kAnnotate, bytes).output, want);
  EXPECT_EQ(Drive(Api::kChat, Mode::kAnnotate, bytes, Answer::kAtEndReversed).output, want);
}

TEST(ChatStreamTest, AnnotateReportChunkShape) {
  StreamRun run = DriveWhole(Api::kChat, Mode::kAnnotate, ChatStreamOf(kDeltas));
  ClientView v = View(run.output);
  rapidjson::Document doc = FactgateOf(v);
  EXPECT_STREQ(doc["id"].GetString(), "chatcmpl-7");
  EXPECT_STREQ(doc["object"].GetString(), "chat.completion.chunk");
  EXPECT_EQ(doc["created"].GetInt64(), 1700000000);
  EXPECT_STREQ(doc["model"].GetString(), "m-1");
  EXPECT_TRUE(doc["choices"].IsArray());
  EXPECT_EQ(doc["choices"].Size(), 0u);
  const auto& fg = doc["factgate"];
  const auto& claims = fg["claims"];
  ASSERT_GE(claims.Size(), 4u);
  EXPECT_STREQ(claims[0]["id"].GetString(), "c1");
  EXPECT_EQ(claims[0]["choice"].GetInt(), 0);
  EXPECT_STREQ(claims[0]["text"].GetString(), "Paris is in Spain");
  EXPECT_STREQ(claims[0]["verdict"].GetString(), "refuted");
  EXPECT_TRUE(fg["summary"]["checked"].GetBool());
  EXPECT_EQ(fg["summary"]["claims"].GetUint(), claims.Size());
  EXPECT_EQ(fg["choices"][0]["index"].GetInt(), 0);
  // Spans are offsets into the choice's whole text.
  const std::string text = TextOf(kDeltas);
  for (const auto& c : claims.GetArray()) {
    size_t b = c["span"][0].GetUint64();
    size_t e = c["span"][1].GetUint64();
    EXPECT_EQ(text.substr(b, e - b), c["text"].GetString());
  }
  // Claims are those of the whole text.
  std::vector<Claim> all = ExtractClaims(text);
  EXPECT_EQ(claims.Size(), all.size());
}

TEST(ChatStreamTest, AnnotateCrlfUpstream) {
  std::string input = ChatStreamOf({"Paris", " is in Spain.", " Rome is old."});
  std::string crlf;
  for (char c : input) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (size_t cut = 1; cut < crlf.size(); ++cut) {
    std::string_view in = crlf;
    StreamRun run = Drive(Api::kChat, Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)});
    ClientView v = View(run.output);
    ASSERT_EQ(v.report.size(), 1u) << cut;
    std::string want = crlf;
    want.insert(want.size() - std::string("data: [DONE]\r\n\r\n").size(),
                FormatSseData(v.report[0]));
    ASSERT_EQ(run.output, want) << "cut at " << cut;
    EXPECT_EQ(run.requests, 2u);
  }
}

TEST(ChatStreamTest, ReportWaitsForChecksThenDone) {
  ChatStream s(Api::kChat, Mode::kAnnotate);
  s.Feed(ChatStreamOf({"Paris is in Spain.", " Rome is in Italy."}));
  std::vector<CheckRequest> requests = s.TakeCheckRequests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].ticket, requests[1].ticket);
  std::string out = s.TakeOutput();
  EXPECT_EQ(out.find("[DONE]"), std::string::npos);  // held
  EXPECT_EQ(out.find("factgate"), std::string::npos);
  EXPECT_EQ(s.PendingChecks(), 2u);
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
  EXPECT_EQ(out.rfind(kDone), out.size() - std::string(kDone).size());
  EXPECT_TRUE(s.Done());  // everything is out, even before upstream's end is reported
  s.FinishUpstream(true);
  EXPECT_EQ(s.TakeOutput(), "");
  EXPECT_TRUE(s.Done());
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].report.claims[0].claim.span, (Span{0, 17}));
  EXPECT_EQ(reports[0].report.elapsed_ms, 42.5);
  rapidjson::Document doc = FactgateOf(View(out));
  EXPECT_DOUBLE_EQ(doc["factgate"]["summary"]["elapsed_ms"].GetDouble(), 42.5);
}

// --- cite
// ---------------------------------------------------------------------------------------------

// Cite: the client's content == RenderCite(text, report), and the output is the same for every
// split of the upstream bytes and every answer order.
TEST(ChatStreamTest, CiteContentEqualsRenderCite) {
  const std::string input = ChatStreamOf(kDeltas);
  StreamRun whole = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(whole.output);
  const std::string text = TextOf(kDeltas);
  EXPECT_EQ(v.content[0], RenderCite(text, ReportOf(whole, 0)));
  EXPECT_NE(v.content[0].find("Spain. [1]"), std::string::npos) << v.content[0];
  EXPECT_NE(v.content[0].find("\n\nSources:\n[1] France"), std::string::npos);
  EXPECT_TRUE(v.done_last);
  EXPECT_EQ(v.finish_reasons, std::vector<std::string>{"stop"});

  StreamRun reversed = DriveWhole(Api::kChat, Mode::kCite, input, Answer::kAtEndReversed);
  EXPECT_EQ(reversed.output, whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 11) {
    std::string_view in = input;
    StreamRun split =
        Drive(Api::kChat, Mode::kCite, {in.substr(0, cut), in.substr(cut)}, Answer::kAtEndReversed);
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < input.size(); ++i) bytes.push_back(std::string_view(input).substr(i, 1));
  EXPECT_EQ(Drive(Api::kChat, Mode::kCite, bytes).output, whole.output);
}

// The exact chunks of a split: content up to the sentence end, the marker, the rest with the
// original's other fields.
TEST(ChatStreamTest, CiteSplitsChunkAtSentenceEnd) {
  const std::string input =
      ChatChunk(ContentChoice(0, "Rome is old")) +
      ChatChunk(R"({"index":0,"delta":{"content":". It is"},"logprobs":{"content":[]},)"
                R"("finish_reason":null})") +
      ChatChunk(FinishChoice(0)) + kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(run.output);
  ASSERT_EQ(v.events.size(), 8u);
  EXPECT_EQ(v.events[0].raw, ChatChunk(ContentChoice(0, "Rome is old")));
  EXPECT_EQ(v.events[1].data, std::string("{") + kHead +
                                  R"(,"choices":[{"index":0,"delta":{"content":"."},)"
                                  R"("finish_reason":null}]})");
  EXPECT_EQ(v.events[2].data, std::string("{") + kHead +
                                  R"(,"choices":[{"index":0,"delta":{"content":" [1]"},)"
                                  R"("finish_reason":null}]})");
  EXPECT_EQ(v.events[3].data, std::string("{") + kHead +
                                  R"(,"choices":[{"index":0,"delta":{"content":" It is"},)"
                                  R"("logprobs":{"content":[]},"finish_reason":null}]})");
  EXPECT_EQ(v.events[4].data,
            std::string("{") + kHead + R"(,"choices":[{"index":0,"delta":{"content":)" +
                Quote("\n\nSources:\n[1] Rome \u2014 \"q\" (https://example.org/Rome)") +
                R"(},"finish_reason":null}]})");
  EXPECT_EQ(v.events[5].raw, ChatChunk(FinishChoice(0)));
  EXPECT_NE(v.events[6].data.find("factgate"), std::string::npos);
  EXPECT_EQ(v.events[7].raw, kDone);
  EXPECT_EQ(v.content[0], RenderCite("Rome is old. It is", ReportOf(run, 0)));
}

TEST(ChatStreamTest, CiteHoldsLaterEventsBehindPendingSentence) {
  ChatStream s(Api::kChat, Mode::kCite);
  const std::string rome = ChatChunk(ContentChoice(0, "Rome is ancient."));
  s.Feed(rome);
  std::vector<CheckRequest> first = s.TakeCheckRequests();
  ASSERT_EQ(first.size(), 1u);      // checked as soon as its end is clear, and since nothing in
  EXPECT_EQ(s.TakeOutput(), rome);  // it is left open for a closer, forwarded at once
  s.Feed(ChatChunk(ContentChoice(0, " Oslo")) + ": ping\n\n" +
         ChatChunk(ContentChoice(0, " is cold")));
  EXPECT_EQ(s.TakeOutput(), "");  // the rest queues behind the marker of "Rome is ancient."
  s.Feed(ChatChunk(ContentChoice(0, ". Paris")));
  std::vector<CheckRequest> second = s.TakeCheckRequests();
  ASSERT_EQ(second.size(), 1u);
  s.OnClaimChecked(second[0].ticket, Fabricate(second[0].claim));  // out of order
  EXPECT_EQ(s.TakeOutput(), "");
  s.OnClaimChecked(first[0].ticket, Fabricate(first[0].claim));
  ClientView v = View(s.TakeOutput());
  // marker, " Oslo", ping, " is cold", "." (split), marker, " Paris"
  ASSERT_EQ(v.events.size(), 7u);
  EXPECT_EQ(v.content[0], " [1] Oslo is cold. [2] Paris");
  EXPECT_TRUE(v.events[2].comment);
}

TEST(ChatStreamTest, CiteMarkerAfterLateRecognisedEnd) {
  // "U.S." only ends once the next word is whole; the chunks after it wait for that.
  for (const std::vector<std::string>& deltas : std::vector<std::vector<std::string>>{
           {"Obama", " lived", " in", " the", " U.S.", " The", " end", "."},
           {"Obama lived in the U.S. ", "The", " end."},
           {"Obama lived in the U", ".", "S", ".", " ", "Th", "e end."},
           {"Rome is old", ".", "**", " Oslo", " is", " cold", "\n", "\n", "- Oslo is cold\n"}}) {
    StreamRun run = DriveWhole(Api::kChat, Mode::kCite, ChatStreamOf(deltas));
    EXPECT_EQ(View(run.output).content[0], RenderCite(TextOf(deltas), ReportOf(run, 0)))
        << TextOf(deltas);
  }
}

TEST(ChatStreamTest, CiteTextWithFinishReasonInSameChunk) {
  const std::string input = ChatChunk(RoleChoice(0)) + ChatChunk(ContentChoice(0, "Rome is ")) +
                            ChatChunk(ContentChoice(0, "old. Oslo is cold.\n", "stop"),
                                      R"(,"usage":{"total_tokens":9},"timings":{"n":1})") +
                            kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(run.output);
  const std::string text = "Rome is old. Oslo is cold.\n";
  EXPECT_EQ(v.content[0], RenderCite(text, ReportOf(run, 0)));
  // The original chunk (usage, timings, finish_reason) comes after the sources list, empty.
  const SseEvent& last_chunk = v.events[v.events.size() - 3];
  rapidjson::Document doc;
  doc.Parse(last_chunk.data.c_str());
  EXPECT_STREQ(doc["choices"][0]["finish_reason"].GetString(), "stop");
  EXPECT_STREQ(doc["choices"][0]["delta"]["content"].GetString(), "");
  EXPECT_EQ(doc["usage"]["total_tokens"].GetInt(), 9);
  EXPECT_TRUE(doc.HasMember("timings"));
  const SseEvent& sources = v.events[v.events.size() - 4];
  EXPECT_NE(sources.data.find("Sources:"), std::string::npos);
}

TEST(ChatStreamTest, CiteMovesRoleToFirstPart) {
  const std::string input =
      ChatChunk(R"({"index":0,"delta":{"role":"assistant","content":"Rome is old. It"},)"
                R"("finish_reason":null})") +
      ChatChunk(ContentChoice(0, " is big.", "stop")) + kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(run.output);
  rapidjson::Document first;
  first.Parse(v.events[0].data.c_str());
  EXPECT_STREQ(first["choices"][0]["delta"]["role"].GetString(), "assistant");
  EXPECT_STREQ(first["choices"][0]["delta"]["content"].GetString(), "Rome is old.");
  rapidjson::Document rest;
  rest.Parse(v.events[2].data.c_str());
  EXPECT_FALSE(rest["choices"][0]["delta"].HasMember("role"));
  EXPECT_STREQ(rest["choices"][0]["delta"]["content"].GetString(), " It");
  EXPECT_EQ(v.content[0], RenderCite("Rome is old. It is big.", ReportOf(run, 0)));
}

TEST(ChatStreamTest, CiteWithoutFinishReasonAddsSourcesAtEnd) {
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old. Oslo is cold")) + kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(run.output);
  EXPECT_EQ(v.content[0], RenderCite("Rome is old. Oslo is cold", ReportOf(run, 0)));
  EXPECT_NE(v.content[0].find("Oslo is cold [2]\n\nSources:"), std::string::npos);
  EXPECT_TRUE(v.done_last);
}

// --- rewrite
// ------------------------------------------------------------------------------------------

TEST(ChatStreamTest, RewriteContentEqualsRenderRewrite) {
  const std::string input = ChatStreamOf(kDeltas);
  StreamRun whole = DriveWhole(Api::kChat, Mode::kRewrite, input);
  ClientView v = View(whole.output);
  const std::string text = TextOf(kDeltas);
  const std::string want = RenderRewrite(text, ReportOf(whole, 0));
  EXPECT_EQ(v.content[0], want);
  EXPECT_NE(want.find("Paris is in France."), std::string::npos) << want;
  EXPECT_NE(want.find("Berlin is in Spain [refuted]."), std::string::npos) << want;
  EXPECT_EQ(v.finish_reasons, std::vector<std::string>{"stop"});
  EXPECT_TRUE(v.done_last);
  // No upstream text chunk was forwarded as it was.
  for (const std::string& d : kDeltas) {
    EXPECT_EQ(whole.output.find(ChatChunk(ContentChoice(0, d))), std::string::npos) << d;
  }
  // The role chunk had no text: forwarded untouched, first.
  EXPECT_EQ(whole.output.find(ChatChunk(RoleChoice(0))), 0u);

  StreamRun reversed = DriveWhole(Api::kChat, Mode::kRewrite, input, Answer::kAtEndReversed);
  EXPECT_EQ(reversed.output, whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 13) {
    std::string_view in = input;
    StreamRun split = Drive(Api::kChat, Mode::kRewrite, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
}

TEST(ChatStreamTest, RewriteHoldsTextUntilSentenceChecked) {
  ChatStream s(Api::kChat, Mode::kRewrite);
  s.Feed(ChatChunk(RoleChoice(0)) + ChatChunk(ContentChoice(0, "Paris is in")));
  EXPECT_EQ(s.TakeOutput(), ChatChunk(RoleChoice(0)));
  s.Feed(ChatChunk(ContentChoice(0, " Spain. Rome")));
  EXPECT_EQ(s.TakeOutput(), "");
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  ClientView v = View(s.TakeOutput());
  EXPECT_EQ(v.content[0], "Paris is in France.");
  s.Feed(ChatChunk(ContentChoice(0, " is ancient.")));
  r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].claim.text, "Rome is ancient");
  EXPECT_EQ(r[0].claim.span, (Span{19, 34}));
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  EXPECT_EQ(View(s.TakeOutput()).content[0], " Rome is ancient.");
}

TEST(ChatStreamTest, RewriteKeepsOtherPayloadInOrder) {
  const std::string input =
      ChatChunk(ContentChoice(0, "Paris is in Spain")) +
      ChatChunk(
          R"({"index":0,"delta":{"content":".","reasoning_content":"hmm"},"finish_reason":null})") +
      ChatChunk(ContentChoice(0, " Rome is old.", "length"), R"(,"usage":{"total_tokens":3})") +
      kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kRewrite, input);
  ClientView v = View(run.output);
  EXPECT_EQ(v.content[0], "Paris is in France. Rome is old.");
  // "Paris..." region, the chunk that completed it (its reasoning kept, its text emptied),
  // " Rome..." region, finish chunk with usage, report, [DONE].
  ASSERT_EQ(v.events.size(), 6u);
  EXPECT_NE(v.events[0].data.find("Paris is in France."), std::string::npos);
  EXPECT_NE(v.events[1].data.find("\"reasoning_content\":\"hmm\""), std::string::npos);
  EXPECT_NE(v.events[1].data.find("\"content\":\"\""), std::string::npos);
  EXPECT_NE(v.events[2].data.find(" Rome is old."), std::string::npos);
  EXPECT_NE(v.events[3].data.find("\"usage\""), std::string::npos);
  EXPECT_NE(v.events[3].data.find("\"finish_reason\":\"length\""), std::string::npos);
  EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Paris is in Spain", "Rome is old"}));
}

// --- several choices
// --------------------------------------------------------------------------------

std::string TwoChoiceStream() {
  std::string s = ChatChunk(RoleChoice(0)) + ChatChunk(RoleChoice(1));
  const std::vector<std::pair<int, std::string>> deltas = {
      {0, "Paris is"}, {1, "Rome is"},   {0, " in Spain."}, {1, " old. Oslo"},
      {0, " Rome"},    {1, " is cold."}, {0, " is old."},   {1, " Berlin is in Spain"}};
  for (const auto& [i, d] : deltas) s += ChatChunk(ContentChoice(i, d));
  // One chunk carrying both choices, text past a sentence end in each.
  s += ChatChunk(ContentChoice(0, " Oslo is cold. It") + "," + ContentChoice(1, ". Rome is old"));
  s += ChatChunk(FinishChoice(1)) + ChatChunk(ContentChoice(0, " is big.", "stop"));
  s += ChatChunk("", R"(,"usage":{"total_tokens":30})");
  return s + kDone;
}

TEST(ChatStreamTest, TwoInterleavedChoicesCite) {
  const std::string input = TwoChoiceStream();
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input, Answer::kAtEndReversed);
  ClientView v = View(run.output);
  const std::string text0 = "Paris is in Spain. Rome is old. Oslo is cold. It is big.";
  const std::string text1 = "Rome is old. Oslo is cold. Berlin is in Spain. Rome is old";
  EXPECT_EQ(v.content[0], RenderCite(text0, ReportOf(run, 0)));
  EXPECT_EQ(v.content[1], RenderCite(text1, ReportOf(run, 1)));
  // Numbering is per choice.
  EXPECT_EQ(v.content[1].substr(0, 16), "Rome is old. [1]");
  EXPECT_TRUE(v.done_last);
  rapidjson::Document doc = FactgateOf(v);
  EXPECT_EQ(doc["factgate"]["choices"].Size(), 2u);
  // The usage chunk passes through.
  EXPECT_NE(run.output.find(ChatChunk("", R"(,"usage":{"total_tokens":30})")), std::string::npos);
}

TEST(ChatStreamTest, TwoInterleavedChoicesRewriteAndAnnotate) {
  const std::string input = TwoChoiceStream();
  StreamRun run = DriveWhole(Api::kChat, Mode::kRewrite, input);
  ClientView v = View(run.output);
  EXPECT_EQ(v.content[0], "Paris is in France. Rome is old. Oslo is cold. It is big.");
  EXPECT_EQ(v.content[1], "Rome is old. Oslo is cold. Berlin is in Spain [refuted]. Rome is old");
  StreamRun annotate = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  ClientView a = View(annotate.output);
  EXPECT_EQ(a.content[1], "Rome is old. Oslo is cold. Berlin is in Spain. Rome is old");
  rapidjson::Document doc = FactgateOf(a);
  const auto& claims = doc["factgate"]["claims"];
  ASSERT_EQ(claims.Size(), 8u);
  EXPECT_EQ(claims[0]["choice"].GetInt(), 0);
  EXPECT_EQ(claims[7]["choice"].GetInt(), 1);
  EXPECT_STREQ(claims[7]["id"].GetString(), "c8");
  EXPECT_EQ(doc["factgate"]["summary"]["refuted"].GetUint(), 2u);
}

// --- what is never checked
// ----------------------------------------------------------------------------

TEST(ChatStreamTest, ToolCallsOnlyStream) {
  const std::string input =
      ChatChunk(R"({"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,)"
                R"("id":"call_1","type":"function","function":{"name":"f","arguments":""}}]},)"
                R"("finish_reason":null})") +
      ChatChunk(R"({"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":)"
                R"("{\"q\": \"Paris is in Spain. Rome is old.\"}"}}]},"finish_reason":null})") +
      ChatChunk(FinishChoice(0, "tool_calls")) + kDone;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, input);
    EXPECT_EQ(run.requests, 0u);
    ClientView v = View(run.output);
    ASSERT_EQ(v.report.size(), 1u);
    std::string want = input;
    want.insert(want.size() - std::string(kDone).size(), FormatSseData(v.report[0]));
    EXPECT_EQ(run.output, want) << ModeName(mode);
    rapidjson::Document doc = FactgateOf(v);
    EXPECT_EQ(doc["factgate"]["summary"]["claims"].GetUint(), 0u);
    // The choice is still reported, with no claims (regression: it was left out).
    ASSERT_EQ(doc["factgate"]["choices"].Size(), 1u);
    EXPECT_EQ(doc["factgate"]["choices"][0]["index"].GetInt(), 0);
  }
}

TEST(ChatStreamTest, ReasoningIsNeverChecked) {
  const std::string input =
      ChatChunk(R"({"index":0,"delta":{"reasoning_content":"Berlin is in Spain. So is Rome."},)"
                R"("finish_reason":null})") +
      ChatChunk(R"({"index":0,"delta":{"reasoning":"Oslo is in Peru. "},"finish_reason":null})") +
      ChatChunk(R"({"index":0,"delta":{"content":"Rome is old.","reasoning_content":null},)"
                R"("finish_reason":null})") +
      ChatChunk(FinishChoice(0)) + kDone;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, input);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    // Reasoning chunks are forwarded untouched.
    EXPECT_EQ(run.output.find(ChatChunk(
                  R"({"index":0,"delta":{"reasoning_content":"Berlin is in Spain. So is Rome."},)"
                  R"("finish_reason":null})")),
              0u);
  }
}

TEST(ChatStreamTest, UsageChunksWithEmptyOrNullChoicesPassThrough) {
  const std::string usage = ChatChunk("", R"(,"usage":{"prompt_tokens":1,"total_tokens":5})");
  std::string vllm =
      "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":2,"
      "\"model\":\"v\",\"choices\":null,\"usage\":{\"total_tokens\":5}}\n\n";
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old.")) +
                            ChatChunk(FinishChoice(0)) + usage + vllm + kDone;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, input);
    size_t u = run.output.find(usage);
    size_t n = run.output.find(vllm);
    ASSERT_NE(u, std::string::npos) << ModeName(mode);
    ASSERT_NE(n, std::string::npos) << ModeName(mode);
    EXPECT_LT(u, n);
    EXPECT_LT(n, run.output.find("factgate"));
    // The report takes id/created/model from the last chunk.
    rapidjson::Document doc = FactgateOf(View(run.output));
    EXPECT_STREQ(doc["id"].GetString(), "x");
    EXPECT_STREQ(doc["model"].GetString(), "v");
  }
}

TEST(ChatStreamTest, LlamaCppFinalChunkWithUsageAndTimings) {
  const std::string final_chunk =
      R"(data: {"choices":[{"finish_reason":"stop","index":0,"delta":{}}],"created":9,)"
      R"("id":"chatcmpl-l","model":"llama","object":"chat.completion.chunk",)"
      R"("usage":{"completion_tokens":4,"prompt_tokens":2,"total_tokens":6},)"
      R"("timings":{"prompt_n":2,"predicted_ms":1.5}})"
      "\n\n";
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old. Oslo")) +
                            ChatChunk(ContentChoice(0, " is cold.")) + final_chunk + kDone;
  StreamRun annotate = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  EXPECT_NE(annotate.output.find(final_chunk), std::string::npos);
  StreamRun cite = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(cite.output);
  EXPECT_EQ(v.content[0], RenderCite("Rome is old. Oslo is cold.", ReportOf(cite, 0)));
  // No text in the final chunk: it goes untouched, after the sources list.
  size_t at = cite.output.find(final_chunk);
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(cite.output.find("Sources:"), at);
  StreamRun rewrite = DriveWhole(Api::kChat, Mode::kRewrite, input);
  EXPECT_NE(rewrite.output.find(final_chunk), std::string::npos);
  EXPECT_EQ(View(rewrite.output).content[0], "Rome is old. Oslo is cold.");
}

// --- errors, drops, budgets
// ---------------------------------------------------------------------------

TEST(ChatStreamTest, MidStreamErrorStopsChecking) {
  const std::string error =
      R"(data: {"error":{"message":"overloaded","type":"server_error","code":null}})"
      "\n\n";
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old. Paris is in")) + error +
                            ChatChunk(ContentChoice(0, " Spain. Oslo is cold.")) + kDone;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, input);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    ClientView v = View(run.output);
    size_t e = run.output.find(error);
    ASSERT_NE(e, std::string::npos);
    // Everything after the error passes as it came; the report is still added before [DONE].
    EXPECT_NE(run.output.find(ChatChunk(ContentChoice(0, " Spain. Oslo is cold."))),
              std::string::npos);
    EXPECT_EQ(v.report.size(), 1u);
    EXPECT_TRUE(v.done_last);
    if (mode == Mode::kRewrite) {
      // The held text went out, unchanged, before the error.
      EXPECT_EQ(v.content[0], "Rome is old. Paris is in Spain. Oslo is cold.");
      EXPECT_LT(run.output.find(" Paris is in"), e);
    }
  }
}

TEST(ChatStreamTest, DroppedUpstreamGetsReportAndNoDone) {
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old. Oslo is")) +
                            ChatChunk(ContentChoice(0, " cold")) + "data: {\"id\":\"chatc";
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = Drive(Api::kChat, mode, {input}, Answer::kAtEndReversed, /*clean=*/false);
    ClientView v = View(run.output);
    EXPECT_FALSE(v.done);
    EXPECT_EQ(v.report.size(), 1u);
    EXPECT_EQ(run.output.find("chatc\""), std::string::npos);  // the truncated event is dropped
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Rome is old", "Oslo is cold"}));
    if (mode == Mode::kRewrite) {
      EXPECT_EQ(v.content[0], "Rome is old. Oslo is cold");
    }
    if (mode == Mode::kCite) {
      EXPECT_EQ(v.content[0], RenderCite("Rome is old. Oslo is cold", ReportOf(run, 0)));
    }
    EXPECT_TRUE(v.events.back().data.find("factgate") != std::string::npos);
  }
}

TEST(ChatStreamTest, UnterminatedLastEventIsCompleted) {
  const std::string input = ChatChunk(ContentChoice(0, "Rome is old.")) + "data: [DONE]";
  StreamRun run = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  ClientView v = View(run.output);
  EXPECT_TRUE(v.done_last);
  EXPECT_EQ(v.events.back().raw, "data: [DONE]\n\n");
  // Clean end without [DONE]: the report is last, no [DONE] invented.
  StreamRun no_done =
      DriveWhole(Api::kChat, Mode::kAnnotate, ChatChunk(ContentChoice(0, "Rome is old.", "stop")));
  ClientView n = View(no_done.output);
  EXPECT_FALSE(n.done);
  EXPECT_EQ(n.report.size(), 1u);
}

TEST(ChatStreamTest, AbandonReleasesOutputAndMarksUnchecked) {
  ChatStream s(Api::kChat, Mode::kCite);
  s.Feed(ChatChunk(ContentChoice(0, "Rome is old. Oslo is cold.")) + ChatChunk(FinishChoice(0)) +
         kDone);
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 2u);
  s.OnClaimChecked(r[1].ticket, Fabricate(r[1].claim));
  std::string out = s.TakeOutput();
  EXPECT_EQ(out.find("[DONE]"), std::string::npos);
  s.AbandonPendingChecks("budget: 200 ms exceeded");
  EXPECT_EQ(s.PendingChecks(), 0u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));  // too late: ignored
  out += s.TakeOutput();
  s.FinishUpstream(true);
  out += s.TakeOutput();
  EXPECT_TRUE(s.Done());
  ClientView v = View(out);
  EXPECT_EQ(v.content[0],
            "Rome is old. Oslo is cold. [1]\n\nSources:\n[1] Oslo \u2014 \"q\" "
            "(https://example.org/Oslo)");
  rapidjson::Document doc = FactgateOf(v);
  const auto& fg = doc["factgate"];
  EXPECT_FALSE(fg["summary"]["checked"].GetBool());
  EXPECT_STREQ(fg["summary"]["errors"][0].GetString(), "budget: 200 ms exceeded");
  EXPECT_STREQ(fg["claims"][0]["verdict"].GetString(), "not_enough_info");
  EXPECT_EQ(fg["claims"][0]["confidence"].GetDouble(), 0.0);
  EXPECT_STREQ(fg["claims"][1]["verdict"].GetString(), "supported");
}

TEST(ChatStreamTest, ClaimsAfterAbandonAreNotRequested) {
  ChatStream s(Api::kChat, Mode::kRewrite);
  s.Feed(ChatChunk(ContentChoice(0, "Paris is in Spain. Rome")));
  ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
  s.AbandonPendingChecks("deadline");
  EXPECT_EQ(View(s.TakeOutput()).content[0], "Paris is in Spain.");  // released unchanged
  s.Feed(ChatChunk(ContentChoice(0, " is old.", "stop")) + kDone);
  EXPECT_TRUE(s.TakeCheckRequests().empty());
  ClientView v = View(s.TakeOutput());
  EXPECT_EQ(v.content[0], " Rome is old.");
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].report.claims.size(), 2u);
  EXPECT_FALSE(reports[0].report.checked);
  EXPECT_EQ(reports[0].report.errors, std::vector<std::string>{"deadline"});
  EXPECT_TRUE(v.done_last);
}

// --- pass-through of odd events
// -------------------------------------------------------------------

TEST(ChatStreamTest, OddEventsPassThroughUntouched) {
  const std::string odd =
      ": keep-alive\n\n"
      "event: ping\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"X is Y.\"}}]}\n\n"
      "data: not json\n\n"
      "data: [1,2]\n\n"
      "data:\n\n"
      "id: 5\n\n";
  const std::string input =
      ChatChunk(ContentChoice(0, "Rome is old.")) + odd + ChatChunk(FinishChoice(0)) + kDone;
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, input);
  EXPECT_NE(run.output.find(odd), std::string::npos);
  EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"});
}

// --- completions
// ---------------------------------------------------------------------------------------

TEST(ChatStreamTest, CompletionsApi) {
  const std::string input = CompletionsChunk(0, " Paris is in") +
                            CompletionsChunk(0, " Spain. Rome is") +
                            CompletionsChunk(0, " old.", "stop") + kDone;
  const std::string text = " Paris is in Spain. Rome is old.";
  StreamRun cite = DriveWhole(Api::kCompletions, Mode::kCite, input);
  ClientView c = View(cite.output, Api::kCompletions);
  EXPECT_EQ(c.content[0], RenderCite(text, ReportOf(cite, 0)));
  rapidjson::Document marker;
  marker.Parse(c.events[2].data.c_str());
  EXPECT_STREQ(marker["object"].GetString(), "text_completion");
  EXPECT_STREQ(marker["choices"][0]["text"].GetString(), " [1]");
  StreamRun rewrite = DriveWhole(Api::kCompletions, Mode::kRewrite, input);
  EXPECT_EQ(View(rewrite.output, Api::kCompletions).content[0],
            " Paris is in France. Rome is old.");
  StreamRun annotate = DriveWhole(Api::kCompletions, Mode::kAnnotate, input);
  rapidjson::Document doc = FactgateOf(View(annotate.output, Api::kCompletions));
  EXPECT_STREQ(doc["object"].GetString(), "text_completion");
  EXPECT_STREQ(doc["id"].GetString(), "cmpl-3");
  EXPECT_EQ(doc["factgate"]["claims"].Size(), 2u);
}

// --- random chunkings ----------------------------------------------------------------------------

class RandomChunkingTest : public testing::TestWithParam<std::string> {};

// Whatever the chunking and the order of answers: annotate forwards the input and adds the report,
// cite's content is RenderCite's, rewrite's is RenderRewrite's, and the claims are those of the
// whole text.
TEST_P(RandomChunkingTest, KeepsTheContracts) {
  const std::string& text = GetParam();
  const int rounds = getenv("FG_CHUNKING_ROUNDS") ? atoi(getenv("FG_CHUNKING_ROUNDS"))
                                                  : (text.size() > 2000 ? 4 : 40);
  std::mt19937 rng(42);
  std::vector<std::string> all;
  for (const Claim& c : ExtractClaims(text)) all.push_back(c.text);
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::string> deltas = RandomDeltas(text, rng);
    const std::string input = ChatStreamOf(deltas);
    const Answer answer = round % 2 == 0 ? Answer::kAtOnce : Answer::kAtEndReversed;

    StreamRun annotate = DriveWhole(Api::kChat, Mode::kAnnotate, input, answer);
    ClientView a = View(annotate.output);
    ASSERT_EQ(a.report.size(), 1u);
    std::string want = input;
    want.insert(want.size() - std::string(kDone).size(), FormatSseData(a.report[0]));
    ASSERT_EQ(annotate.output, want) << "round " << round;

    StreamRun cite = DriveWhole(Api::kChat, Mode::kCite, input, answer);
    ASSERT_EQ(View(cite.output).content[0], RenderCite(text, ReportOf(cite, 0)))
        << "round " << round;

    StreamRun rewrite = DriveWhole(Api::kChat, Mode::kRewrite, input, answer);
    ASSERT_EQ(View(rewrite.output).content[0], RenderRewrite(text, ReportOf(rewrite, 0)))
        << "round " << round;

    std::vector<std::string> got;
    for (const ClaimResult& r : ReportOf(cite, 0).claims) {
      ASSERT_EQ(r.claim.id, "c" + std::to_string(got.size() + 1));
      got.push_back(r.claim.text);
    }
    ASSERT_EQ(got, all) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(Texts, RandomChunkingTest,
                         testing::Values(std::string(kMarkdownAnswer), std::string(kTrickyAnswer),
                                         LongAnswer()));

// Damaged streams (bytes dropped, junk and odd events inserted, cut anywhere) never break the
// processor: it always ends, with every check answered and the report last or before [DONE].
TEST(ChatStreamTest, DamagedStreamsAlwaysFinish) {
  const std::string clean = ChatStreamOf(kDeltas) + TwoChoiceStream();
  const std::vector<std::string> junk = {"\n\n",
                                         "data: {\"choices\":[{\"index\":\"x\"}]}\n\n",
                                         "data: {\"choices\":[7,null]}\n\n",
                                         ":\r\n",
                                         "data: {\"error\":null}\n\n",
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
      std::vector<std::string_view> pieces;
      for (size_t pos = 0; pos < input.size();) {
        size_t n = 1 + rng() % 40;
        pieces.push_back(std::string_view(input).substr(pos, n));
        pos += n;
      }
      StreamRun run = Drive(Api::kChat, mode, pieces, Answer::kAtEndReversed, /*clean=*/false);
      ClientView v = View(run.output, Api::kChat, /*strict=*/false);
      ASSERT_FALSE(v.report.empty()) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace fg::openai

namespace fg::openai {
namespace {

TEST(ChatStreamFailClosedTest, UncheckedAnswerEndsWithAnErrorEventInsteadOfTheReport) {
  ChatStream s(Api::kChat, Mode::kAnnotate);
  s.SetFailClosed(true);
  s.Feed(ChatChunk(ContentChoice(0, "Rome is old.")) + ChatChunk(FinishChoice(0)) + kDone);
  ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
  s.AbandonPendingChecks("budget ran out");
  s.FinishUpstream(true);
  std::string out = s.TakeOutput();
  EXPECT_TRUE(s.Done());
  EXPECT_EQ(out.find("[DONE]"), std::string::npos);
  EXPECT_EQ(out.find("\"factgate\""), std::string::npos);
  EXPECT_NE(out.find(R"(data: {"error":{"message":"the answer could not be fully verified)"),
            std::string::npos);
  EXPECT_NE(out.find(R"("code":"verification_incomplete")"), std::string::npos);
}

TEST(ChatStreamFailClosedTest, CheckedAnswerStillGetsItsReport) {
  ChatStream s(Api::kChat, Mode::kAnnotate);
  s.SetFailClosed(true);
  s.Feed(ChatChunk(ContentChoice(0, "Rome is old.")) + ChatChunk(FinishChoice(0)) + kDone);
  for (const CheckRequest& r : s.TakeCheckRequests())
    s.OnClaimChecked(r.ticket, Fabricate(r.claim));
  s.FinishUpstream(true);
  std::string out = s.TakeOutput();
  EXPECT_NE(out.find("\"factgate\""), std::string::npos);
  EXPECT_NE(out.find("[DONE]"), std::string::npos);
}

}  // namespace
}  // namespace fg::openai

namespace fg::openai {
namespace {

TEST(ChatStreamSourceErrorTest, AFailedSourceMarksTheChoiceUnchecked) {
  ChatStream s(Api::kChat, Mode::kAnnotate);
  s.Feed(ChatChunk(ContentChoice(0, "Rome is old.")) + ChatChunk(FinishChoice(0)) + kDone);
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim), {"kb: unavailable"});
  s.FinishUpstream(true);
  ClientView v = View(s.TakeOutput());
  rapidjson::Document doc = FactgateOf(v);
  EXPECT_FALSE(doc["factgate"]["summary"]["checked"].GetBool());
  EXPECT_STREQ(doc["factgate"]["summary"]["errors"][0].GetString(), "kb: unavailable");
  EXPECT_STREQ(doc["factgate"]["claims"][0]["verdict"].GetString(), "supported");
}

}  // namespace
}  // namespace fg::openai
