#include "plugins/ollama/ndjson_stream.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "src/core/claim_extractor.h"
#include "src/core/renderer.h"
#include "tests/unit/plugins/stream_test_support.h"

namespace fg::ollama {
namespace {

using plugins::stream_test::Answer;
using plugins::stream_test::Bytes;
using plugins::stream_test::Fabricate;
using plugins::stream_test::Join;
using plugins::stream_test::kDeltas;
using plugins::stream_test::kMarkdownAnswer;
using plugins::stream_test::kTrickyAnswer;
using plugins::stream_test::Quote;
using plugins::stream_test::RandomDeltas;
using plugins::stream_test::RandomReads;
using plugins::stream_test::StreamRun;

using plugins::CheckRequest;
using plugins::ChoiceReport;

// --- upstream streams ---------------------------------------------------------------------------

constexpr char kChatDoneTail[] =
    R"("done":true,"done_reason":"stop","total_duration":4883583458,"load_duration":1334875,)"
    R"("prompt_eval_count":26,"prompt_eval_duration":342546000,"eval_count":282,)"
    R"("eval_duration":4535599000)";

// Builds an upstream body line by line, as Ollama writes it: each line has its own created_at.
class Upstream {
 public:
  explicit Upstream(Api api, std::string eol = "\n") : api_(api), eol_(std::move(eol)) {}

  // A text line; `message_extra` / `extra` go into the message (chat) or the line (generate).
  Upstream& Text(std::string_view text, const std::string& extra = "") {
    return Line(TextMembers(text, extra) + R"(,"done":false)");
  }
  Upstream& Thinking(std::string_view thinking) {
    return Text("", ",\"thinking\":" + Quote(thinking));
  }
  // A tool call whose arguments hold a sentence that must never be checked.
  Upstream& ToolCall() {
    return Text("", R"(,"tool_calls":[{"function":{"name":"lookup","arguments":)"
                    R"({"query":"Oslo is in Peru.","limit":3}}}])");
  }
  Upstream& Done(std::string_view text = "") {
    if (api_ == Api::kChat) return Line(TextMembers(text, "") + "," + kChatDoneTail);
    return Line(TextMembers(text, "") +
                R"(,"done":true,"done_reason":"stop","context":[1,2,3],"total_duration":9,)"
                R"("eval_count":4,"eval_duration":2.5)");
  }
  Upstream& Raw(const std::string& raw) {
    out_ += raw;
    return *this;
  }
  const std::string& str() const { return out_; }
  std::string CreatedAt(int n) const { return "2025-06-01T10:00:00." + std::to_string(n) + "Z"; }

 private:
  std::string TextMembers(std::string_view text, const std::string& extra) {
    std::string head = R"({"model":"qwen3:8b","created_at":")" + CreatedAt(++n_) + "\",";
    if (api_ == Api::kChat) {
      return head + R"("message":{"role":"assistant","content":)" + Quote(text) + extra + "}";
    }
    return head + "\"response\":" + Quote(text) + extra;
  }
  Upstream& Line(const std::string& body) {
    out_ += body + "}" + eol_;
    return *this;
  }

  Api api_;
  std::string eol_;
  std::string out_;
  int n_ = 0;
};

std::string StreamOf(const std::vector<std::string>& deltas, Api api = Api::kChat,
                     std::string eol = "\n") {
  Upstream u(api, std::move(eol));
  for (const std::string& d : deltas) u.Text(d);
  u.Done();
  return u.str();
}

// A realistic /api/chat stream of a thinking model that also calls a tool.
std::string RealisticChat() {
  Upstream u(Api::kChat);
  u.Thinking("The user asks about Paris.").Thinking(" Berlin is in Spain, I think.");
  u.Text("Paris").Text(" is in").Text(" Spain").Text(". Rome");
  u.ToolCall();
  u.Text(" is old", ",\"thinking\":\"Rome is in Peru.\"").Text(".\n\nThe moon").Text(" is made");
  u.Text(" of cheese.");
  u.Done();
  return u.str();
}
const char kRealisticText[] = "Paris is in Spain. Rome is old.\n\nThe moon is made of cheese.";

// --- driving a stream ---------------------------------------------------------------------------

StreamRun Drive(Api api, Mode mode, const std::vector<std::string_view>& pieces,
                Answer answer = Answer::kAtOnce, bool clean = true) {
  NdjsonStream s(api, mode);
  return plugins::stream_test::DriveStream(s, pieces, answer, clean);
}

StreamRun DriveWhole(Api api, Mode mode, std::string_view input, Answer answer = Answer::kAtOnce) {
  return Drive(api, mode, {input}, answer);
}

const Report& ReportOf(const StreamRun& run) {
  static const Report kEmpty;
  if (run.reports.size() != 1 || run.reports[0].index != 0) {
    ADD_FAILURE() << "expected one report, for alternative 0";
    return kEmpty;
  }
  return run.reports[0].report;
}

// --- reading what the client got ----------------------------------------------------------------

// The output as the ollama npm client reads it: split at "\n", each line JSON.parse'd; it raises
// on a line with "error" and stops after the first "done": true.
struct ClientView {
  std::vector<std::string> lines;  // raw, with their endings
  std::string text;                // the assembled answer up to the done line (or the end)
  std::vector<std::string> errors;
  int done_line = -1;                // index of the first "done": true line
  std::vector<std::string> reports;  // the "factgate" members, serialized
  bool all_terminated = true;
};

ClientView View(const std::string& output, Api api = Api::kChat) {
  ClientView v;
  size_t start = 0;
  while (start < output.size()) {
    size_t nl = output.find('\n', start);
    if (nl == std::string::npos) {
      v.all_terminated = false;
      nl = output.size() - 1;
    }
    v.lines.push_back(output.substr(start, nl + 1 - start));
    start = nl + 1;
  }
  for (size_t i = 0; i < v.lines.size(); ++i) {
    rapidjson::Document doc;
    doc.Parse(v.lines[i].c_str());
    if (doc.HasParseError() || !doc.IsObject()) continue;
    if (doc.HasMember("error") && doc["error"].IsString()) {
      v.errors.push_back(doc["error"].GetString());
    }
    if (doc.HasMember("factgate")) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
      doc["factgate"].Accept(w);
      v.reports.push_back(buffer.GetString());
    }
    if (!doc.HasMember("done") || !doc["done"].IsBool() || v.done_line >= 0) continue;
    const rapidjson::Value* text = nullptr;
    if (api == Api::kChat && doc.HasMember("message") && doc["message"].IsObject() &&
        doc["message"].HasMember("content")) {
      text = &doc["message"]["content"];
    } else if (api == Api::kGenerate && doc.HasMember("response")) {
      text = &doc["response"];
    }
    if (text != nullptr && text->IsString())
      v.text.append(text->GetString(), text->GetStringLength());
    if (doc["done"].GetBool()) v.done_line = static_cast<int>(i);
  }
  return v;
}

rapidjson::Document Parse(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  EXPECT_FALSE(doc.HasParseError()) << json;
  return doc;
}

// The one "factgate" object the client got.
rapidjson::Document FactgateOf(const ClientView& v) {
  EXPECT_EQ(v.reports.size(), 1u);
  if (v.reports.empty()) return Parse("{}");
  return Parse(v.reports.back());
}

std::vector<std::string> MemberNames(const rapidjson::Value& v) {
  std::vector<std::string> names;
  for (const auto& m : v.GetObject()) names.push_back(m.name.GetString());
  return names;
}

// The last line of `s` (with its ending).
std::string LastLine(const std::string& s) {
  size_t end = s.size() - 1;  // the last line's "\n"
  size_t begin = s.rfind('\n', end - 1);
  return s.substr(begin == std::string::npos ? 0 : begin + 1);
}

// Upstream's done line replaced by `done`: what annotate must write.
std::string WithDoneLine(const std::string& input, const std::string& done) {
  return input.substr(0, input.size() - LastLine(input).size()) + done;
}

// --- the line splitter --------------------------------------------------------------------------

TEST(NdjsonLineSplitterTest, KeepsExactBytesForEverySplit) {
  const std::string input = "{\"a\":1}\n{\"b\":2}\r\n\n\r\n  \ngarbage\r{\"c\":3}\npartial";
  const std::vector<std::string> want = {"{\"a\":1}\n", "{\"b\":2}\r\n",        "\n",     "\r\n",
                                         "  \n",        "garbage\r{\"c\":3}\n", "partial"};
  for (size_t cut = 0; cut <= input.size(); ++cut) {
    NdjsonLineSplitter splitter;
    std::vector<NdjsonLine> lines = splitter.Feed(std::string_view(input).substr(0, cut));
    for (NdjsonLine& l : splitter.Feed(std::string_view(input).substr(cut))) {
      lines.push_back(std::move(l));
    }
    std::optional<NdjsonLine> last = splitter.Finish();
    ASSERT_TRUE(last.has_value());
    lines.push_back(*last);
    std::vector<std::string> got;
    for (const NdjsonLine& l : lines) got.push_back(l.raw);
    ASSERT_EQ(got, want) << "cut at " << cut;
  }
  EXPECT_EQ(NdjsonLine{"{\"b\":2}\r\n"}.body(), "{\"b\":2}");
  EXPECT_EQ(NdjsonLine{"{\"b\":2}\r\n"}.ending(), "\r\n");
  EXPECT_EQ(NdjsonLine{"x\n"}.ending(), "\n");
  EXPECT_EQ(NdjsonLine{"x\r"}.body(), "x\r");  // a lone CR does not end a line
  EXPECT_FALSE(NdjsonLine{"x\r"}.terminated());
  EXPECT_TRUE(NdjsonLine{"\n"}.terminated());

  NdjsonLineSplitter splitter;
  EXPECT_TRUE(splitter.Feed("").empty());
  EXPECT_FALSE(splitter.Finish().has_value());
  EXPECT_EQ(splitter.Feed("a\nb").size(), 1u);
  EXPECT_EQ(splitter.Finish()->raw, "b");
  EXPECT_FALSE(splitter.Finish().has_value());  // ready for a new stream
}

// --- off and annotate ---------------------------------------------------------------------------

TEST(NdjsonStreamTest, OffPassesBytesThroughUnparsed) {
  const std::string input = RealisticChat() + "garbage without end";
  StreamRun run = Drive(Api::kChat, Mode::kOff, Bytes(input));
  EXPECT_EQ(run.output, input);
  EXPECT_TRUE(run.requested_texts.empty());
  EXPECT_TRUE(run.reports.empty());
}

// Annotate: output == input with the done line re-serialized with the report, for every split.
TEST(NdjsonStreamTest, AnnotateForwardsLinesAndAddsReportToDoneLine) {
  const std::string input = RealisticChat();
  StreamRun whole = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  ClientView v = View(whole.output);
  ASSERT_EQ(v.reports.size(), 1u);
  const std::string done = LastLine(whole.output);
  EXPECT_EQ(whole.output, WithDoneLine(input, done));
  EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
  EXPECT_EQ(v.text, kRealisticText);
  EXPECT_TRUE(v.errors.empty());

  // The done line keeps every member, in order and value, and "factgate" comes last.
  rapidjson::Document got = Parse(done);
  rapidjson::Document want = Parse(LastLine(input));
  std::vector<std::string> names = MemberNames(got);
  ASSERT_EQ(names.back(), "factgate");
  names.pop_back();
  EXPECT_EQ(names, MemberNames(want));
  got.RemoveMember("factgate");
  EXPECT_TRUE(got == want);
  EXPECT_NE(done.find("\"total_duration\":4883583458"), std::string::npos);

  for (size_t cut = 1; cut < input.size(); ++cut) {
    std::string_view in = input;
    StreamRun split = Drive(Api::kChat, Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
  EXPECT_EQ(Drive(Api::kChat, Mode::kAnnotate, Bytes(input)).output, whole.output);
  EXPECT_EQ(Drive(Api::kChat, Mode::kAnnotate, Bytes(input), Answer::kAtEndReversed).output,
            whole.output);
}

TEST(NdjsonStreamTest, AnnotateReportShape) {
  const std::string text = Join(kDeltas);
  StreamRun run = DriveWhole(Api::kChat, Mode::kAnnotate, StreamOf(kDeltas));
  rapidjson::Document fg = FactgateOf(View(run.output));
  const auto& claims = fg["claims"];
  ASSERT_GE(claims.Size(), 4u);
  EXPECT_STREQ(claims[0]["id"].GetString(), "c1");
  EXPECT_EQ(claims[0]["choice"].GetInt(), 0);
  EXPECT_STREQ(claims[0]["text"].GetString(), "Paris is in Spain");
  EXPECT_STREQ(claims[0]["verdict"].GetString(), "refuted");
  EXPECT_TRUE(fg["summary"]["checked"].GetBool());
  EXPECT_EQ(fg["summary"]["claims"].GetUint(), claims.Size());
  ASSERT_EQ(fg["choices"].Size(), 1u);
  EXPECT_EQ(fg["choices"][0]["index"].GetInt(), 0);
  // Spans are offsets into the whole text, and the claims are those of the whole text.
  for (const auto& c : claims.GetArray()) {
    size_t b = c["span"][0].GetUint64();
    size_t e = c["span"][1].GetUint64();
    EXPECT_EQ(text.substr(b, e - b), c["text"].GetString());
  }
  EXPECT_EQ(claims.Size(), ExtractClaims(text).size());
  for (size_t i = 0; i < run.reports[0].report.claims.size(); ++i) {
    EXPECT_EQ(run.reports[0].report.claims[i].claim.id, "c" + std::to_string(i + 1));
  }
}

TEST(NdjsonStreamTest, AnnotateCrlfLines) {
  const std::string input =
      StreamOf({"Paris", " is in Spain.", " Rome is old."}, Api::kChat, "\r\n");
  StreamRun whole = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  const std::string done = LastLine(whole.output);
  EXPECT_TRUE(done.ends_with("}\r\n"));
  EXPECT_EQ(whole.output, WithDoneLine(input, done));
  EXPECT_EQ(whole.requested_texts, (std::vector<std::string>{"Paris is in Spain", "Rome is old"}));
  for (size_t cut = 1; cut < input.size(); ++cut) {
    std::string_view in = input;
    StreamRun run = Drive(Api::kChat, Mode::kAnnotate, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(run.output, whole.output) << "cut at " << cut;
  }
}

TEST(NdjsonStreamTest, DoneLineWaitsForChecks) {
  NdjsonStream s(Api::kChat, Mode::kAnnotate);
  const std::string input = StreamOf({"Paris is in Spain.", " Rome is in Italy."});
  s.Feed(input);
  std::vector<CheckRequest> requests = s.TakeCheckRequests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].ticket, requests[1].ticket);
  std::string out = s.TakeOutput();
  EXPECT_EQ(out, input.substr(0, input.size() - LastLine(input).size()));  // done line held
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
  EXPECT_NE(out.find("\"done\":true"), std::string::npos);
  EXPECT_TRUE(s.Done());  // everything is out, even before upstream's end is reported
  s.FinishUpstream(true);
  EXPECT_EQ(s.TakeOutput(), "");
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].report.claims[0].claim.span, (Span{0, 17}));
  EXPECT_EQ(reports[0].report.elapsed_ms, 42.5);
  rapidjson::Document fg = FactgateOf(View(out));
  EXPECT_DOUBLE_EQ(fg["summary"]["elapsed_ms"].GetDouble(), 42.5);
}

// --- what is never checked ----------------------------------------------------------------------

TEST(NdjsonStreamTest, ThinkingAndToolCallsAreNeverChecked) {
  const std::string input = RealisticChat();
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, input);
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Paris is in Spain", "Rome is old",
                                                             "The moon is made of cheese"}))
        << ModeName(mode);
    // Lines without answer text go out untouched, in every mode.
    Upstream u(Api::kChat);
    u.Thinking("The user asks about Paris.").Thinking(" Berlin is in Spain, I think.");
    EXPECT_EQ(run.output.find(u.str()), 0u) << ModeName(mode);
    const std::string tool = View(input).lines[6];
    ASSERT_NE(tool.find("tool_calls"), std::string::npos);
    EXPECT_NE(run.output.find(tool), std::string::npos) << ModeName(mode);
  }
  // Generate's "thinking" too.
  Upstream g(Api::kGenerate);
  g.Text("", ",\"thinking\":\"Berlin is in Spain.\"").Text("Rome is old.").Done();
  StreamRun run = DriveWhole(Api::kGenerate, Mode::kAnnotate, g.str());
  EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"});
}

TEST(NdjsonStreamTest, ToolCallsOnlyAnswerIsReportedWithoutClaims) {
  Upstream u(Api::kChat);
  u.ToolCall().Done();
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, u.str());
    EXPECT_TRUE(run.requested_texts.empty());
    EXPECT_EQ(run.output, WithDoneLine(u.str(), LastLine(run.output))) << ModeName(mode);
    rapidjson::Document fg = FactgateOf(View(run.output));
    EXPECT_EQ(fg["summary"]["claims"].GetUint(), 0u);
    ASSERT_EQ(fg["choices"].Size(), 1u);
  }
}

// --- odd lines ----------------------------------------------------------------------------------

TEST(NdjsonStreamTest, NonJsonAndUnknownLinesPassThroughUntouched) {
  const std::string odd =
      "\n"
      "   \r\n"
      "not json\n"
      "[1,2]\n"
      "{\"status\":\"pulling manifest\"}\n"
      "{\"done\":\"yes\",\"message\":{\"content\":\"Berlin is in Spain.\"}}\n"
      "{\"response\":\"Oslo is in Peru.\"}\n"
      "{\"model\":\"m\",\"message\":{\"content\":\"Oslo\"\n";  // broken JSON
  Upstream u(Api::kChat);
  u.Text("Rome is old.").Raw(odd).Text(" Paris is").Text(" in Spain.").Done();
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, u.str());
    EXPECT_NE(run.output.find(odd), std::string::npos) << ModeName(mode);
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Rome is old", "Paris is in Spain"}))
        << ModeName(mode);
    ClientView v = View(run.output);
    if (mode == Mode::kCite) {
      EXPECT_EQ(v.text, RenderCite("Rome is old. Paris is in Spain.", ReportOf(run)));
    }
    if (mode == Mode::kRewrite) {
      EXPECT_EQ(v.text, "Rome is old. Paris is in France.");
    }
  }
}

// --- cite ---------------------------------------------------------------------------------------

// Cite: the assembled text == RenderCite(text, report), and the output is the same for every
// split of the upstream bytes and every answer order.
TEST(NdjsonStreamTest, CiteTextEqualsRenderCite) {
  const std::string input = StreamOf(kDeltas);
  const std::string text = Join(kDeltas);
  StreamRun whole = DriveWhole(Api::kChat, Mode::kCite, input);
  ClientView v = View(whole.output);
  EXPECT_EQ(v.text, RenderCite(text, ReportOf(whole)));
  EXPECT_NE(v.text.find("Spain. [1]"), std::string::npos) << v.text;
  EXPECT_NE(v.text.find("\n\nSources:\n[1] France"), std::string::npos);
  EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
  EXPECT_TRUE(v.all_terminated);

  EXPECT_EQ(DriveWhole(Api::kChat, Mode::kCite, input, Answer::kAtEndReversed).output,
            whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 7) {
    std::string_view in = input;
    StreamRun split =
        Drive(Api::kChat, Mode::kCite, {in.substr(0, cut), in.substr(cut)}, Answer::kAtEndReversed);
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
  EXPECT_EQ(Drive(Api::kChat, Mode::kCite, Bytes(input)).output, whole.output);

  StreamRun realistic = DriveWhole(Api::kChat, Mode::kCite, RealisticChat());
  EXPECT_EQ(View(realistic.output).text, RenderCite(kRealisticText, ReportOf(realistic)));
}

// The exact lines of a split: text up to the sentence end, the marker, the rest with the original's
// other members, the sources list, the done line.
TEST(NdjsonStreamTest, CiteSplitsLineAtSentenceEnd) {
  Upstream u(Api::kChat);
  u.Text("Rome is old").Text(". It is", ",\"images\":null").Done();
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, u.str());
  ClientView v = View(run.output);
  ASSERT_EQ(v.lines.size(), 6u) << run.output;
  const std::string head = R"({"model":"qwen3:8b","created_at":")";
  EXPECT_EQ(v.lines[0], View(u.str()).lines[0]);
  EXPECT_EQ(v.lines[1], head + u.CreatedAt(2) +
                            R"(","message":{"role":"assistant","content":"."},"done":false})"
                            "\n");
  EXPECT_EQ(v.lines[2], head + u.CreatedAt(2) +
                            R"(","message":{"role":"assistant","content":" [1]"},"done":false})"
                            "\n");
  EXPECT_EQ(v.lines[3], head + u.CreatedAt(2) +
                            R"(","message":{"role":"assistant","content":" It is","images":null},)"
                            R"("done":false})"
                            "\n");
  EXPECT_EQ(v.lines[4],
            head + u.CreatedAt(3) + R"(","message":{"role":"assistant","content":)" +
                Quote("\n\nSources:\n[1] Rome \u2014 \"q\" (https://example.org/Rome)") +
                R"(},"done":false})"
                "\n");
  EXPECT_EQ(v.done_line, 5);
  EXPECT_EQ(v.text, RenderCite("Rome is old. It is", ReportOf(run)));
}

TEST(NdjsonStreamTest, CiteGenerateLines) {
  Upstream u(Api::kGenerate);
  u.Text(" Paris is in").Text(" Spain. Rome is").Text(" old.").Done();
  StreamRun run = DriveWhole(Api::kGenerate, Mode::kCite, u.str());
  ClientView v = View(run.output, Api::kGenerate);
  const std::string text = " Paris is in Spain. Rome is old.";
  EXPECT_EQ(v.text, RenderCite(text, ReportOf(run)));
  rapidjson::Document marker = Parse(v.lines[2]);
  EXPECT_EQ(MemberNames(marker),
            (std::vector<std::string>{"model", "created_at", "response", "done"}));
  EXPECT_STREQ(marker["response"].GetString(), " [1]");
  EXPECT_STREQ(marker["created_at"].GetString(), u.CreatedAt(2).c_str());
  EXPECT_FALSE(marker["done"].GetBool());
  // The done line keeps "context" and its durations.
  rapidjson::Document done = Parse(v.lines.back());
  EXPECT_EQ(done["context"].Size(), 3u);
  EXPECT_DOUBLE_EQ(done["eval_duration"].GetDouble(), 2.5);
  EXPECT_TRUE(done.HasMember("factgate"));
}

TEST(NdjsonStreamTest, CiteHoldsLaterLinesBehindPendingSentence) {
  NdjsonStream s(Api::kChat, Mode::kCite);
  Upstream u(Api::kChat);
  u.Text("Rome is ancient.");
  s.Feed(u.str());
  std::vector<CheckRequest> first = s.TakeCheckRequests();
  ASSERT_EQ(first.size(), 1u);         // checked as soon as its end is clear, and since nothing
  EXPECT_EQ(s.TakeOutput(), u.str());  // in it is left open for a closer, forwarded at once
  Upstream more(Api::kChat);
  more.Text(" Oslo").Thinking("hm").Text(" is cold");
  s.Feed(more.str());
  EXPECT_EQ(s.TakeOutput(), "");  // the rest queues behind the marker of "Rome is ancient."
  Upstream last(Api::kChat);
  last.Text(". Paris");
  s.Feed(last.str());
  std::vector<CheckRequest> second = s.TakeCheckRequests();
  ASSERT_EQ(second.size(), 1u);
  s.OnClaimChecked(second[0].ticket, Fabricate(second[0].claim));  // out of order
  EXPECT_EQ(s.TakeOutput(), "");
  s.OnClaimChecked(first[0].ticket, Fabricate(first[0].claim));
  ClientView v = View(s.TakeOutput());
  // marker, " Oslo", thinking, " is cold", "." (split), marker, " Paris"
  ASSERT_EQ(v.lines.size(), 7u);
  EXPECT_EQ(v.text, " [1] Oslo is cold. [2] Paris");
  EXPECT_NE(v.lines[2].find("\"thinking\":\"hm\""), std::string::npos);
}

TEST(NdjsonStreamTest, CiteMarkerAfterLateRecognisedEnd) {
  // "U.S." only ends once the next word is whole; the lines after it wait for that.
  for (const std::vector<std::string>& deltas : std::vector<std::vector<std::string>>{
           {"Obama", " lived", " in", " the", " U.S.", " The", " end", "."},
           {"Obama lived in the U.S. ", "The", " end."},
           {"Obama lived in the U", ".", "S", ".", " ", "Th", "e end."},
           {"Rome is old", ".", "**", " Oslo", " is", " cold", "\n", "\n", "- Oslo is cold\n"},
           // Complete at "ancient." but "__" is open: the closer that follows gets the marker.
           {"__Rome is ancient.", "__", " Oslo is cold."},
           {"Rome is ancient.", "", " Oslo is cold."}}) {
    StreamRun run = DriveWhole(Api::kChat, Mode::kCite, StreamOf(deltas));
    EXPECT_EQ(View(run.output).text, RenderCite(Join(deltas), ReportOf(run))) << Join(deltas);
  }
}

TEST(NdjsonStreamTest, CiteTextOnTheDoneLineGoesBeforeTheSources) {
  Upstream u(Api::kChat);
  u.Text("Rome is ").Done("old. Oslo is cold.");
  StreamRun run = DriveWhole(Api::kChat, Mode::kCite, u.str());
  ClientView v = View(run.output);
  EXPECT_EQ(v.text, RenderCite("Rome is old. Oslo is cold.", ReportOf(run)));
  rapidjson::Document done = Parse(v.lines.back());
  EXPECT_STREQ(done["message"]["content"].GetString(), "");
  EXPECT_TRUE(done["done"].GetBool());
  EXPECT_EQ(done["eval_count"].GetInt(), 282);
  EXPECT_NE(v.lines[v.lines.size() - 2].find("Sources:"), std::string::npos);
}

// --- rewrite ------------------------------------------------------------------------------------

TEST(NdjsonStreamTest, RewriteTextEqualsRenderRewrite) {
  const std::string input = StreamOf(kDeltas);
  const std::string text = Join(kDeltas);
  StreamRun whole = DriveWhole(Api::kChat, Mode::kRewrite, input);
  ClientView v = View(whole.output);
  const std::string want = RenderRewrite(text, ReportOf(whole));
  EXPECT_EQ(v.text, want);
  EXPECT_NE(want.find("Paris is in France."), std::string::npos) << want;
  EXPECT_NE(want.find("Berlin is in Spain [refuted]."), std::string::npos) << want;
  EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
  // No upstream text line was forwarded as it was.
  for (const std::string& line : View(input).lines) {
    if (line.find("\"done\":false") != std::string::npos) {
      EXPECT_EQ(whole.output.find(line), std::string::npos) << line;
    }
  }
  EXPECT_EQ(DriveWhole(Api::kChat, Mode::kRewrite, input, Answer::kAtEndReversed).output,
            whole.output);
  for (size_t cut = 1; cut < input.size(); cut += 13) {
    std::string_view in = input;
    StreamRun split = Drive(Api::kChat, Mode::kRewrite, {in.substr(0, cut), in.substr(cut)});
    ASSERT_EQ(split.output, whole.output) << "cut at " << cut;
  }
}

TEST(NdjsonStreamTest, RewriteHoldsTextUntilSentenceChecked) {
  NdjsonStream s(Api::kChat, Mode::kRewrite);
  Upstream u(Api::kChat);
  u.Thinking("Let me see.").Text("Paris is in");
  s.Feed(u.str());
  EXPECT_EQ(s.TakeOutput(), View(u.str()).lines[0]);  // the thinking line, untouched
  Upstream more(Api::kChat);
  more.Text(" Spain. Rome");
  s.Feed(more.str());
  EXPECT_EQ(s.TakeOutput(), "");
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  EXPECT_EQ(View(s.TakeOutput()).text, "Paris is in France.");
  Upstream last(Api::kChat);
  last.Text(" is ancient.");
  s.Feed(last.str());
  r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].claim.text, "Rome is ancient");
  EXPECT_EQ(r[0].claim.span, (Span{19, 34}));
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));
  EXPECT_EQ(View(s.TakeOutput()).text, " Rome is ancient.");
}

// Lines with other payload pass in order with their text emptied; pure text lines are dropped.
TEST(NdjsonStreamTest, RewriteKeepsOtherPayloadInOrder) {
  Upstream u(Api::kChat);
  u.Text("Paris is in Spain", ",\"images\":null")
      .Text(".", ",\"thinking\":\"hmm\"")
      .ToolCall()
      .Text(" Rome is old.", "")
      .Raw(
          "{\"model\":\"qwen3:8b\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\","
          "\"content\":\" Oslo\"},\"logprobs\":[{\"token\":\" Oslo\",\"logprob\":-0.1}],"
          "\"done\":false}\n")
      .Done(" is cold.");
  StreamRun run = DriveWhole(Api::kChat, Mode::kRewrite, u.str());
  ClientView v = View(run.output);
  EXPECT_EQ(v.text, "Paris is in France. Rome is old. Oslo is cold.");
  // "Paris..." region, the thinking line (text emptied), the tool call line (untouched),
  // " Rome..." region, " Oslo is cold." region, the done line (text emptied).
  ASSERT_EQ(v.lines.size(), 6u) << run.output;
  EXPECT_NE(v.lines[0].find("Paris is in France."), std::string::npos);
  rapidjson::Document thinking = Parse(v.lines[1]);
  EXPECT_STREQ(thinking["message"]["thinking"].GetString(), "hmm");
  EXPECT_STREQ(thinking["message"]["content"].GetString(), "");
  EXPECT_EQ(v.lines[2], View(u.str()).lines[2]);
  EXPECT_NE(v.lines[3].find(" Rome is old."), std::string::npos);
  EXPECT_NE(v.lines[4].find(" Oslo is cold."), std::string::npos);
  EXPECT_EQ(run.output.find("logprob"), std::string::npos);  // dropped with the held text
  rapidjson::Document done = Parse(v.lines[5]);
  EXPECT_STREQ(done["message"]["content"].GetString(), "");
  EXPECT_STREQ(done["done_reason"].GetString(), "stop");
  EXPECT_EQ(run.requested_texts,
            (std::vector<std::string>{"Paris is in Spain", "Rome is old", "Oslo is cold"}));
}

TEST(NdjsonStreamTest, RewriteGenerate) {
  Upstream u(Api::kGenerate);
  u.Text(" Paris is in").Text(" Spain. Rome is").Text(" old.").Done();
  StreamRun run = DriveWhole(Api::kGenerate, Mode::kRewrite, u.str());
  ClientView v = View(run.output, Api::kGenerate);
  EXPECT_EQ(v.text, " Paris is in France. Rome is old.");
  EXPECT_EQ(v.lines.size(), 3u);  // two regions and the done line
  rapidjson::Document region = Parse(v.lines[0]);
  EXPECT_EQ(MemberNames(region),
            (std::vector<std::string>{"model", "created_at", "response", "done"}));
}

// --- errors, ends, budgets ----------------------------------------------------------------------

TEST(NdjsonStreamTest, MidStreamErrorLineStopsChecking) {
  const std::string error = "{\"error\":\"model runner has unexpectedly stopped\"}\n";
  Upstream u(Api::kChat);
  u.Text("Rome is old. Paris is in").Raw(error).Text(" Spain. Oslo is cold.").Done();
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = DriveWhole(Api::kChat, mode, u.str(), Answer::kAtEndReversed);
    EXPECT_EQ(run.requested_texts, std::vector<std::string>{"Rome is old"}) << ModeName(mode);
    size_t e = run.output.find(error);
    ASSERT_NE(e, std::string::npos);
    // Everything after the error passes as it came; the done line still carries the report.
    EXPECT_NE(run.output.find(View(u.str()).lines[2]), std::string::npos);
    ClientView v = View(run.output);
    EXPECT_EQ(v.errors, std::vector<std::string>{"model runner has unexpectedly stopped"});
    EXPECT_EQ(v.reports.size(), 1u);
    EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
    if (mode == Mode::kRewrite) {
      // The held text went out, unchanged, before the error.
      EXPECT_EQ(v.text, "Rome is old. Paris is in Spain. Oslo is cold.");
      EXPECT_LT(run.output.find(" Paris is in"), e);
    }
    if (mode == Mode::kCite) {
      EXPECT_LT(run.output.find(" [1]"), e);  // the awaited marker still goes first
    }
  }
}

TEST(NdjsonStreamTest, ErrorThenEndWritesTheReportLineLast) {
  const std::string error = "{\"error\":\"out of memory\"}\n";
  Upstream u(Api::kChat);
  u.Text("Rome is old.").Raw(error);
  StreamRun run = Drive(Api::kChat, Mode::kAnnotate, {u.str()}, Answer::kAtOnce, false);
  ClientView v = View(run.output);
  EXPECT_EQ(run.output.find(u.str()), 0u);
  EXPECT_EQ(v.reports.size(), 1u);
  EXPECT_NE(v.lines.back().find("\"factgate\""), std::string::npos);
}

// Without a done line: no done line is invented; one report line goes last.
TEST(NdjsonStreamTest, EndWithoutDoneLineWritesReportLine) {
  Upstream u(Api::kChat);
  u.Text("Rome is old. Oslo is").Text(" cold").Raw("{\"model\":\"qwen3:8b\",\"crea");
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    StreamRun run = Drive(Api::kChat, mode, {u.str()}, Answer::kAtEndReversed, /*clean=*/false);
    ClientView v = View(run.output);
    EXPECT_EQ(v.done_line, -1) << ModeName(mode);
    EXPECT_TRUE(v.all_terminated);
    EXPECT_EQ(run.output.find("\"crea\n"), std::string::npos);  // the truncated line is dropped
    EXPECT_EQ(run.requested_texts, (std::vector<std::string>{"Rome is old", "Oslo is cold"}));
    rapidjson::Document last = Parse(v.lines.back());
    EXPECT_EQ(MemberNames(last),
              (std::vector<std::string>{"model", "created_at", "message", "done", "factgate"}));
    EXPECT_STREQ(last["created_at"].GetString(), u.CreatedAt(2).c_str());
    EXPECT_STREQ(last["message"]["role"].GetString(), "assistant");
    EXPECT_STREQ(last["message"]["content"].GetString(), "");
    EXPECT_FALSE(last["done"].GetBool());
    EXPECT_EQ(last["factgate"]["summary"]["claims"].GetUint(), 2u);
    if (mode == Mode::kRewrite) {
      EXPECT_EQ(v.text, "Rome is old. Oslo is cold");
    }
    if (mode == Mode::kCite) {
      EXPECT_EQ(v.text, RenderCite("Rome is old. Oslo is cold", ReportOf(run)));
    }
  }
  // Generate: the same line with "response".
  Upstream g(Api::kGenerate);
  g.Text("Rome is old.");
  StreamRun run = Drive(Api::kGenerate, Mode::kAnnotate, {g.str()});
  rapidjson::Document last = Parse(View(run.output, Api::kGenerate).lines.back());
  EXPECT_EQ(MemberNames(last),
            (std::vector<std::string>{"model", "created_at", "response", "done", "factgate"}));
  EXPECT_STREQ(last["response"].GetString(), "");
}

TEST(NdjsonStreamTest, UnterminatedLastLineIsCompleted) {
  std::string input = StreamOf({"Rome is old."});
  input.pop_back();  // the done line loses its "\n"
  StreamRun run = DriveWhole(Api::kChat, Mode::kAnnotate, input);
  ClientView v = View(run.output);
  EXPECT_TRUE(v.all_terminated);
  EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
  EXPECT_EQ(v.reports.size(), 1u);
  // An unterminated text line at the end, without a done line: completed, then the report line.
  Upstream u(Api::kChat);
  u.Text("Rome is old.");
  std::string cut = u.str();
  cut.pop_back();
  StreamRun no_done = DriveWhole(Api::kChat, Mode::kAnnotate, cut);
  ClientView n = View(no_done.output);
  EXPECT_TRUE(n.all_terminated);
  ASSERT_EQ(n.lines.size(), 2u);
  EXPECT_EQ(n.lines[0], u.str());
  EXPECT_EQ(n.reports.size(), 1u);
  EXPECT_EQ(no_done.requested_texts, std::vector<std::string>{"Rome is old"});
  // After the done line, even a fragment passes as it is.
  const std::string after = StreamOf({"Rome is old."}) + "tail";
  StreamRun tail = DriveWhole(Api::kChat, Mode::kAnnotate, after);
  EXPECT_TRUE(tail.output.ends_with("}\ntail"));
}

TEST(NdjsonStreamTest, AbandonReleasesOutputAndMarksUnchecked) {
  NdjsonStream s(Api::kChat, Mode::kCite);
  s.Feed(StreamOf({"Rome is old. Oslo is cold."}));
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 2u);
  s.OnClaimChecked(r[1].ticket, Fabricate(r[1].claim));
  std::string out = s.TakeOutput();
  EXPECT_EQ(out.find("\"done\":true"), std::string::npos);
  s.AbandonPendingChecks("budget: 200 ms exceeded");
  EXPECT_EQ(s.PendingChecks(), 0u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim));  // too late: ignored
  out += s.TakeOutput();
  s.FinishUpstream(true);
  out += s.TakeOutput();
  EXPECT_TRUE(s.Done());
  ClientView v = View(out);
  EXPECT_EQ(v.text,
            "Rome is old. Oslo is cold. [1]\n\nSources:\n[1] Oslo \u2014 \"q\" "
            "(https://example.org/Oslo)");
  rapidjson::Document fg = FactgateOf(v);
  EXPECT_FALSE(fg["summary"]["checked"].GetBool());
  EXPECT_STREQ(fg["summary"]["errors"][0].GetString(), "budget: 200 ms exceeded");
  EXPECT_STREQ(fg["claims"][0]["verdict"].GetString(), "not_enough_info");
  EXPECT_EQ(fg["claims"][0]["confidence"].GetDouble(), 0.0);
  EXPECT_STREQ(fg["claims"][1]["verdict"].GetString(), "supported");
}

TEST(NdjsonStreamTest, ClaimsAfterAbandonAreNotRequested) {
  NdjsonStream s(Api::kChat, Mode::kRewrite);
  Upstream u(Api::kChat);
  u.Text("Paris is in Spain. Rome");
  s.Feed(u.str());
  ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
  s.AbandonPendingChecks("deadline");
  EXPECT_EQ(View(s.TakeOutput()).text, "Paris is in Spain.");  // released unchanged
  Upstream more(Api::kChat);
  more.Text(" is old.").Done();
  s.Feed(more.str());
  EXPECT_TRUE(s.TakeCheckRequests().empty());
  ClientView v = View(s.TakeOutput());
  EXPECT_EQ(v.text, " Rome is old.");
  std::vector<ChoiceReport> reports = s.Reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].report.claims.size(), 2u);
  EXPECT_FALSE(reports[0].report.checked);
  EXPECT_EQ(reports[0].report.errors, std::vector<std::string>{"deadline"});
  EXPECT_EQ(v.done_line, static_cast<int>(v.lines.size()) - 1);
}

TEST(NdjsonStreamTest, FailClosedEndsWithAnErrorLineInsteadOfTheDoneLine) {
  for (bool with_done : {true, false}) {
    NdjsonStream s(Api::kChat, Mode::kAnnotate);
    s.SetFailClosed(true);
    Upstream u(Api::kChat);
    u.Text("Rome is ancient.");  // complete at once: checked before the end
    if (with_done) u.Done();
    s.Feed(u.str());
    ASSERT_EQ(s.TakeCheckRequests().size(), 1u);
    s.AbandonPendingChecks("budget ran out");
    s.FinishUpstream(true);
    std::string out = s.TakeOutput();
    EXPECT_TRUE(s.Done());
    EXPECT_EQ(out.find("\"done\":true"), std::string::npos);
    EXPECT_EQ(out.find("\"factgate\""), std::string::npos);
    EXPECT_EQ(LastLine(out), "{\"error\":\"factgate: verification incomplete: budget ran out\"}\n");
    EXPECT_EQ(out, View(u.str()).lines[0] + LastLine(out));
  }
}

TEST(NdjsonStreamTest, FailClosedCheckedAnswerStillGetsItsReport) {
  NdjsonStream s(Api::kChat, Mode::kAnnotate);
  s.SetFailClosed(true);
  s.Feed(StreamOf({"Rome is old."}));
  for (const CheckRequest& r : s.TakeCheckRequests())
    s.OnClaimChecked(r.ticket, Fabricate(r.claim));
  s.FinishUpstream(true);
  ClientView v = View(s.TakeOutput());
  EXPECT_TRUE(v.errors.empty());
  EXPECT_EQ(v.reports.size(), 1u);
  EXPECT_GE(v.done_line, 0);
}

TEST(NdjsonStreamTest, AFailedSourceMarksTheReportUnchecked) {
  NdjsonStream s(Api::kChat, Mode::kAnnotate);
  s.Feed(StreamOf({"Rome is old."}));
  std::vector<CheckRequest> r = s.TakeCheckRequests();
  ASSERT_EQ(r.size(), 1u);
  s.OnClaimChecked(r[0].ticket, Fabricate(r[0].claim), {"kb: unavailable"});
  s.FinishUpstream(true);
  rapidjson::Document fg = FactgateOf(View(s.TakeOutput()));
  EXPECT_FALSE(fg["summary"]["checked"].GetBool());
  EXPECT_STREQ(fg["summary"]["errors"][0].GetString(), "kb: unavailable");
  EXPECT_STREQ(fg["claims"][0]["verdict"].GetString(), "supported");
}

TEST(NdjsonStreamTest, CrlfFreshLinesEndLikeUpstream) {
  const std::string input =
      StreamOf({"Paris is in", " Spain. Rome", " is old."}, Api::kChat, "\r\n");
  for (Mode mode : {Mode::kCite, Mode::kRewrite}) {
    StreamRun whole = DriveWhole(Api::kChat, mode, input);
    ClientView v = View(whole.output);
    for (const std::string& line : v.lines) EXPECT_TRUE(line.ends_with("}\r\n")) << line;
    const std::string text = "Paris is in Spain. Rome is old.";
    EXPECT_EQ(v.text, mode == Mode::kCite ? RenderCite(text, ReportOf(whole))
                                          : RenderRewrite(text, ReportOf(whole)));
    for (size_t cut = 1; cut < input.size(); ++cut) {
      std::string_view in = input;
      ASSERT_EQ(Drive(Api::kChat, mode, {in.substr(0, cut), in.substr(cut)}).output, whole.output)
          << "cut at " << cut;
    }
  }
}

// --- random chunkings ---------------------------------------------------------------------------

struct ChunkingCase {
  const char* name;
  std::string text;
  Api api;
};

class RandomChunkingTest : public testing::TestWithParam<ChunkingCase> {};

// Whatever the tokens, the reads and the order of answers: annotate forwards the input and adds
// the report to the done line, cite's text is RenderCite's, rewrite's is RenderRewrite's, and the
// claims are those of the whole text.
TEST_P(RandomChunkingTest, KeepsTheContracts) {
  const std::string& text = GetParam().text;
  const Api api = GetParam().api;
  std::mt19937 rng(42);
  std::vector<std::string> all;
  for (const Claim& c : ExtractClaims(text)) all.push_back(c.text);
  for (int round = 0; round < 24; ++round) {
    Upstream u(api, round % 3 == 2 ? "\r\n" : "\n");
    for (const std::string& d : RandomDeltas(text, rng)) {
      if (rng() % 8 == 0) u.Thinking("Berlin is in Spain. ");
      u.Text(d);
    }
    u.Done();
    const std::string& input = u.str();
    const Answer answer = round % 2 == 0 ? Answer::kAtOnce : Answer::kAtEndReversed;

    StreamRun annotate = Drive(api, Mode::kAnnotate, RandomReads(input, rng, 40), answer);
    ASSERT_EQ(annotate.output, WithDoneLine(input, LastLine(annotate.output))) << "round " << round;
    ASSERT_EQ(View(annotate.output, api).reports.size(), 1u);

    StreamRun cite = Drive(api, Mode::kCite, RandomReads(input, rng, 40), answer);
    ClientView c = View(cite.output, api);
    ASSERT_EQ(c.text, RenderCite(text, ReportOf(cite))) << "round " << round;
    ASSERT_EQ(c.done_line, static_cast<int>(c.lines.size()) - 1);

    StreamRun rewrite = Drive(api, Mode::kRewrite, RandomReads(input, rng, 40), answer);
    ClientView r = View(rewrite.output, api);
    ASSERT_EQ(r.text, RenderRewrite(text, ReportOf(rewrite))) << "round " << round;
    ASSERT_EQ(r.done_line, static_cast<int>(r.lines.size()) - 1);

    ASSERT_EQ(cite.requested_texts, all) << "round " << round;
    ASSERT_EQ(rewrite.requested_texts, all) << "round " << round;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Texts, RandomChunkingTest,
    testing::Values(ChunkingCase{"ChatMarkdown", kMarkdownAnswer, Api::kChat},
                    ChunkingCase{"ChatTricky", kTrickyAnswer, Api::kChat},
                    ChunkingCase{"GenerateMarkdown", kMarkdownAnswer, Api::kGenerate}),
    [](const testing::TestParamInfo<ChunkingCase>& info) { return std::string(info.param.name); });

// Damaged streams (bytes dropped, junk inserted, cut anywhere) never break the processor: it
// always ends, with every check answered and the report written.
TEST(NdjsonStreamTest, DamagedStreamsAlwaysFinish) {
  const std::string clean = RealisticChat();
  const std::vector<std::string> junk = {"\n",   "{\"done\":1}\n", "{\"error\":null}\n", "\r\n",
                                         "[]\n", "\xff\xfe",       "{\"error\":\"x\"}\n"};
  std::mt19937 rng(5);
  for (int round = 0; round < 150; ++round) {
    std::string input;
    for (char ch : clean) {
      unsigned r = rng() % 1000;
      if (r < 5) continue;  // drop a byte
      if (r < 10) input += junk[rng() % junk.size()];
      input += ch;
    }
    input.resize(rng() % (input.size() + 1));
    for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
      StreamRun run =
          Drive(Api::kChat, mode, RandomReads(input, rng, 40), Answer::kAtEndReversed, false);
      ClientView v = View(run.output);
      ASSERT_EQ(v.reports.size(), 1u) << "round " << round << "\n" << run.output;
    }
  }
}

}  // namespace
}  // namespace fg::ollama
