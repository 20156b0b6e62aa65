#include "plugins/ollama/ollama_dialect.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

namespace fg::ollama {
namespace {

using plugins::ChoiceReport;
using plugins::ChoiceText;

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  EXPECT_FALSE(doc.HasParseError()) << json;
  return doc;
}

std::vector<std::string> MemberNames(const rapidjson::Value& v) {
  std::vector<std::string> names;
  for (const auto& m : v.GetObject()) names.push_back(m.name.GetString());
  return names;
}

ClaimResult Verdicted(std::string_view text, size_t begin, size_t end, Verdict verdict,
                      std::vector<Citation> citations = {},
                      std::optional<std::string> correction = std::nullopt) {
  ClaimResult r;
  r.claim.id = "c1";
  r.claim.text = std::string(text.substr(begin, end - begin));
  r.claim.span = {begin, end};
  r.claim.kind = ClaimKind::kRelation;
  r.verdict = verdict;
  r.confidence = 0.8;
  r.verifier = "entailment";
  r.citations = std::move(citations);
  r.correction = std::move(correction);
  return r;
}

Citation Cite(std::string doc_id, std::string title) {
  return {"kb", std::move(doc_id), std::move(title), "", "quote", {0, 5}};
}

// A non-streamed /api/chat answer of a thinking model, with a tool call and big numbers.
const char kChatBody[] = R"({
  "model": "qwen3:8b", "created_at": "2025-06-01T10:00:00.123456789Z",
  "message": {"role": "assistant", "content": "Paris is in Spain. It is big.",
              "thinking": "Berlin is in France.",
              "tool_calls": [{"function": {"name": "f", "arguments": {"q": "Rome is in Peru."}}}]},
  "done": true, "done_reason": "stop", "total_duration": 18446744073709551615,
  "load_duration": 1334875, "prompt_eval_count": 26, "eval_duration": 4535599000,
  "x_ratio": 0.1000000000000000055511151231257827, "factgate": "stale"
})";

const char kGenerateBody[] = R"({"model": "llama3.2", "created_at": "2025-06-01T10:00:00Z",
  "response": " Paris is in Spain.", "thinking": "Oslo is in Peru.", "done": true,
  "done_reason": "stop", "context": [1, 2, 3], "total_duration": 5})";

std::vector<ChoiceReport> ChatReports() {
  const std::string text = "Paris is in Spain. It is big.";
  ChoiceReport r{0, {}};
  r.report.claims = {
      Verdicted(text, 0, 17, Verdict::kRefuted, {Cite("d1", "Paris")}, "Paris is in France"),
      Verdicted(text, 19, 28, Verdict::kSupported, {Cite("d2", "Size")})};
  r.report.elapsed_ms = 12.5;
  return {r};
}

TEST(OllamaDialectTest, NameRoutesAndStreams) {
  OllamaDialect dialect;
  EXPECT_EQ(dialect.name(), "ollama");
  std::vector<plugins::DialectRoute> routes = dialect.routes();
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0].method, "POST");
  EXPECT_EQ(routes[0].path, "/api/chat");
  EXPECT_TRUE(routes[0].checked);
  EXPECT_EQ(routes[1].method, "POST");
  EXPECT_EQ(routes[1].path, "/api/generate");
  EXPECT_TRUE(routes[1].checked);
  EXPECT_EQ(routes[2].method, "GET");
  EXPECT_EQ(routes[2].path, "/api/tags");
  EXPECT_FALSE(routes[2].checked);
  EXPECT_TRUE(dialect.IsStream("application/x-ndjson"));
  EXPECT_TRUE(dialect.IsStream("application/x-ndjson; charset=utf-8"));
  EXPECT_TRUE(dialect.IsStream("Application/X-NDJSON"));
  EXPECT_FALSE(dialect.IsStream("application/json; charset=utf-8"));
  EXPECT_FALSE(dialect.IsStream("text/event-stream"));
  EXPECT_FALSE(dialect.IsStream("application/x-ndjsonx"));
  EXPECT_FALSE(dialect.IsStream(""));
}

TEST(OllamaDialectTest, TextComesOnlyFromContentOrResponse) {
  OllamaDialect dialect;
  Result<std::vector<ChoiceText>> chat = dialect.ExtractTexts("/api/chat", kChatBody);
  ASSERT_TRUE(chat.ok());
  ASSERT_EQ(chat->size(), 1u);
  EXPECT_EQ((*chat)[0].index, 0);
  EXPECT_EQ((*chat)[0].text, "Paris is in Spain. It is big.");
  Result<std::vector<ChoiceText>> generate = dialect.ExtractTexts("/api/generate", kGenerateBody);
  ASSERT_TRUE(generate.ok());
  ASSERT_EQ(generate->size(), 1u);
  EXPECT_EQ((*generate)[0].text, " Paris is in Spain.");
  // The chat reader finds no message in a generate body, and no string content here.
  EXPECT_TRUE(dialect.ExtractTexts("/api/chat", kGenerateBody)->empty());
  EXPECT_TRUE(dialect.ExtractTexts("/api/chat", R"({"message": {"content": null}})")->empty());
  EXPECT_TRUE(
      dialect.ExtractTexts("/api/chat", R"({"message": {"thinking": "X is Y."}})")->empty());
  EXPECT_TRUE(dialect.ExtractTexts("/api/generate", R"({"response": 3})")->empty());
  for (const char* body : {"", "[]", "\"x\"", "{\"message\": ", "null"}) {
    Result<std::vector<ChoiceText>> texts = dialect.ExtractTexts("/api/chat", body);
    ASSERT_FALSE(texts.ok()) << body;
    EXPECT_EQ(texts.status().code(), Status::Code::kInvalidArgument);
  }
}

TEST(OllamaDialectTest, OffReturnsBodyUnchanged) {
  OllamaDialect dialect;
  Result<std::string> out = dialect.ApplyReports("/api/chat", kChatBody, Mode::kOff, ChatReports());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, kChatBody);
  EXPECT_EQ(*dialect.ApplyReports("/api/chat", "not json", Mode::kOff, {}), "not json");
}

TEST(OllamaDialectTest, AnnotateAddsReportLastAndKeepsEverythingElse) {
  OllamaDialect dialect;
  Result<std::string> out =
      dialect.ApplyReports("/api/chat", kChatBody, Mode::kAnnotate, ChatReports());
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  rapidjson::Document want = Parse(kChatBody);
  std::vector<std::string> names = MemberNames(got);
  std::vector<std::string> want_names = MemberNames(want);
  want_names.erase(std::find(want_names.begin(), want_names.end(), "factgate"));
  want_names.push_back("factgate");
  EXPECT_EQ(names, want_names);  // order kept, the old "factgate" replaced by the report, last
  got.RemoveMember("factgate");
  want.RemoveMember("factgate");
  EXPECT_TRUE(got == want);  // every other member, value for value
  EXPECT_NE(out->find("18446744073709551615"), std::string::npos);  // integers keep every digit
  EXPECT_EQ(out->find("stale"), std::string::npos);
  rapidjson::Document report = Parse(*out);
  const auto& fg = report["factgate"];
  ASSERT_EQ(fg["claims"].Size(), 2u);
  EXPECT_EQ(fg["claims"][0]["choice"].GetInt(), 0);
  EXPECT_STREQ(fg["claims"][0]["verdict"].GetString(), "refuted");
  EXPECT_DOUBLE_EQ(fg["summary"]["elapsed_ms"].GetDouble(), 12.5);
  EXPECT_STREQ(report["message"]["content"].GetString(), "Paris is in Spain. It is big.");
}

TEST(OllamaDialectTest, CiteReplacesContentOnly) {
  OllamaDialect dialect;
  Result<std::string> out =
      dialect.ApplyReports("/api/chat", kChatBody, Mode::kCite, ChatReports());
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  EXPECT_STREQ(got["message"]["content"].GetString(),
               "Paris is in Spain. [1] It is big. [2]\n\nSources:\n[1] Paris \u2014 \"quote\"\n"
               "[2] Size \u2014 \"quote\"");
  EXPECT_EQ(got["message"]["content"].GetString(),
            RenderCite("Paris is in Spain. It is big.", ChatReports()[0].report));
  EXPECT_STREQ(got["message"]["thinking"].GetString(), "Berlin is in France.");
  EXPECT_STREQ(got["message"]["tool_calls"][0]["function"]["arguments"]["q"].GetString(),
               "Rome is in Peru.");
  EXPECT_EQ(MemberNames(got["message"]),
            (std::vector<std::string>{"role", "content", "thinking", "tool_calls"}));
  EXPECT_TRUE(got["done"].GetBool());
  EXPECT_EQ(got["factgate"]["summary"]["claims"].GetUint(), 2u);
}

TEST(OllamaDialectTest, RewriteGenerateResponse) {
  OllamaDialect dialect;
  const std::string text = " Paris is in Spain.";
  ChoiceReport r{0, {}};
  r.report.claims = {Verdicted(text, 1, 18, Verdict::kRefuted, {}, "Paris is in France")};
  Result<std::string> out =
      dialect.ApplyReports("/api/generate", kGenerateBody, Mode::kRewrite, {r});
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  EXPECT_STREQ(got["response"].GetString(), " Paris is in France.");
  EXPECT_STREQ(got["thinking"].GetString(), "Oslo is in Peru.");
  EXPECT_EQ(got["context"].Size(), 3u);
  EXPECT_EQ(got["factgate"]["summary"]["refuted"].GetUint(), 1u);
  // Without a correction, the claim is marked.
  r.report.claims[0].correction.reset();
  rapidjson::Document marked =
      Parse(*dialect.ApplyReports("/api/generate", kGenerateBody, Mode::kRewrite, {r}));
  EXPECT_STREQ(marked["response"].GetString(), " Paris is in Spain [refuted].");
  // A report for another alternative changes no text.
  ChoiceReport other{1, r.report};
  rapidjson::Document untouched =
      Parse(*dialect.ApplyReports("/api/generate", kGenerateBody, Mode::kRewrite, {other}));
  EXPECT_STREQ(untouched["response"].GetString(), " Paris is in Spain.");
}

TEST(OllamaDialectTest, ApplyReportsRejectsNonObjects) {
  OllamaDialect dialect;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    Result<std::string> out = dialect.ApplyReports("/api/chat", "[1]", mode, {});
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_EQ(
      *dialect.ApplyReports("/api/chat", R"({"factgate": 1, "done": true})", Mode::kAnnotate, {}),
      R"({"done":true,"factgate":{"claims":[],"summary":{"claims":0,"supported":0,)"
      R"("refuted":0,"not_enough_info":0,"checked":true,"elapsed_ms":0.0},"choices":[]}})");
}

TEST(OllamaDialectTest, ErrorsAreOllamaShaped) {
  OllamaDialect dialect;
  EXPECT_EQ(dialect.ErrorBody(504, "the upstream did not \"answer\"", "upstream_timeout"),
            R"({"error":"the upstream did not \"answer\""})");
  EXPECT_EQ(dialect.ErrorBody(400, "bad", ""), R"({"error":"bad"})");
}

TEST(OllamaDialectTest, StreamsByRoute) {
  OllamaDialect dialect;
  const std::string generate =
      "{\"model\":\"m\",\"created_at\":\"t\",\"response\":\"Rome is old.\",\"done\":false}\n"
      "{\"model\":\"m\",\"created_at\":\"t\",\"response\":\"\",\"done\":true}\n";
  std::unique_ptr<plugins::StreamProcessor> stream =
      dialect.NewStream("/api/generate", Mode::kAnnotate);
  stream->Feed(generate);
  std::vector<plugins::CheckRequest> requests = stream->TakeCheckRequests();
  ASSERT_EQ(requests.size(), 1u);  // the generate reader found "response"
  EXPECT_EQ(requests[0].claim.text, "Rome is old");
  // The chat reader looks for message.content and finds nothing to check.
  std::unique_ptr<plugins::StreamProcessor> chat = dialect.NewStream("/api/chat", Mode::kAnnotate);
  chat->Feed(generate);
  EXPECT_TRUE(chat->TakeCheckRequests().empty());
  std::unique_ptr<plugins::StreamProcessor> off = dialect.NewStream("/api/chat", Mode::kOff);
  off->Feed(generate);
  off->FinishUpstream(true);
  EXPECT_EQ(off->TakeOutput(), generate);
  EXPECT_TRUE(off->Done());
}

}  // namespace
}  // namespace fg::ollama
