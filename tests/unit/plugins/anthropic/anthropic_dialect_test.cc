#include "plugins/anthropic/anthropic_dialect.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

#include "src/core/renderer.h"

namespace fg::anthropic {
namespace {

using plugins::ChoiceReport;
using plugins::ChoiceText;

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(json.c_str());
  EXPECT_FALSE(doc.HasParseError()) << json;
  return doc;
}

ClaimResult Verdicted(std::string_view text, size_t begin, size_t end, Verdict verdict,
                      std::vector<Citation> citations = {},
                      std::optional<std::string> correction = std::nullopt) {
  ClaimResult r;
  r.claim.id = "c9";
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

// A Messages API response with extended thinking, two text blocks around a tool call, and members
// whose values must survive a rewrite exactly (a big integer, a long decimal, unknown members).
const char kBody[] = R"({
  "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
  "type": "message",
  "role": "assistant",
  "model": "claude-sonnet-4-20250514",
  "content": [
    {"type": "thinking", "thinking": "Berlin is in Spain. Oslo is in Peru.",
     "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
    {"type": "text", "text": "Paris is in Spain. It is big.",
     "citations": [{"type": "char_location", "cited_text": "Paris", "document_index": 0,
                    "document_title": "Cities", "start_char_index": 0, "end_char_index": 5}]},
    {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
     "input": {"location": "Rome is in Peru."}},
    {"type": "redacted_thinking", "data": "EmwKAhgBEgy3va3pzix"},
    {"type": "server_tool_use", "id": "srvtoolu_1", "name": "web_search",
     "input": {"query": "Lima is in Chile."}},
    {"type": "text", "text": "Rome is in Italy."}
  ],
  "stop_reason": "end_turn",
  "stop_sequence": null,
  "usage": {"input_tokens": 2095, "output_tokens": 503, "cost": 0.000123456789012345678},
  "x_unknown": {"nested": [1, 2.5, true, null, 18446744073709551615]}
})";

std::vector<ChoiceReport> Reports() {
  const std::string text = "Paris is in Spain. It is big.";
  ChoiceReport r1{1, {}};
  r1.report.claims = {
      Verdicted(text, 0, 17, Verdict::kRefuted, {Cite("d1", "Paris")}, "Paris is in France"),
      Verdicted(text, 19, 28, Verdict::kSupported, {Cite("d2", "Size")})};
  r1.report.elapsed_ms = 12.5;
  ChoiceReport r5{5, {}};
  r5.report.claims = {Verdicted("Rome is in Italy.", 0, 16, Verdict::kNotEnoughInfo)};
  r5.report.checked = false;
  r5.report.errors = {"kb: deadline exceeded"};
  r5.report.elapsed_ms = 20.25;
  return {r1, r5};
}

// Every member but "content" and "factgate" is as in kBody; "content" only differs in the text of
// the text blocks.
void ExpectOtherMembersKept(const rapidjson::Document& got) {
  rapidjson::Document want = Parse(kBody);
  std::vector<std::string> names;
  for (const auto& m : got.GetObject()) names.push_back(m.name.GetString());
  EXPECT_EQ(names,
            (std::vector<std::string>{"id", "type", "role", "model", "content", "stop_reason",
                                      "stop_sequence", "usage", "x_unknown", "factgate"}));
  for (const auto& m : want.GetObject()) {
    if (std::string_view(m.name.GetString()) == "content") continue;
    EXPECT_TRUE(got[m.name] == m.value) << m.name.GetString();
  }
  EXPECT_EQ(got["x_unknown"]["nested"][4].GetUint64(), 18446744073709551615u);
  EXPECT_EQ(got["usage"]["cost"].GetDouble(), 0.000123456789012345678);
  const auto& content = got["content"];
  ASSERT_EQ(content.Size(), 6u);
  for (rapidjson::SizeType i : {0u, 2u, 3u, 4u}) {
    EXPECT_TRUE(content[i] == want["content"][i]) << i;
  }
  EXPECT_TRUE(content[1]["citations"] == want["content"][1]["citations"]);
}

TEST(AnthropicDialectTest, RoutesAndStreams) {
  AnthropicDialect dialect;
  EXPECT_EQ(dialect.name(), "anthropic");
  std::vector<plugins::DialectRoute> routes = dialect.routes();
  ASSERT_EQ(routes.size(), 3u);
  EXPECT_EQ(routes[0].method, "POST");
  EXPECT_EQ(routes[0].path, "/v1/messages");
  EXPECT_TRUE(routes[0].checked);
  EXPECT_EQ(routes[1].method, "GET");
  EXPECT_EQ(routes[1].path, "/v1/models");
  EXPECT_FALSE(routes[1].checked);
  EXPECT_EQ(routes[2].path, "/v1/models/*");
  EXPECT_FALSE(routes[2].checked);
  EXPECT_TRUE(dialect.IsStream("text/event-stream"));
  EXPECT_TRUE(dialect.IsStream("text/event-stream; charset=utf-8"));
  EXPECT_FALSE(dialect.IsStream("application/json"));
}

TEST(AnthropicDialectTest, TextsComeOnlyFromTextBlocks) {
  AnthropicDialect dialect;
  Result<std::vector<ChoiceText>> texts = dialect.ExtractTexts("/v1/messages", kBody);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].index, 1);  // the block's position in "content"
  EXPECT_EQ((*texts)[0].text, "Paris is in Spain. It is big.");
  EXPECT_EQ((*texts)[1].index, 5);
  EXPECT_EQ((*texts)[1].text, "Rome is in Italy.");
}

TEST(AnthropicDialectTest, ExtractTextsEdgeCases) {
  AnthropicDialect dialect;
  for (const char* body : {"", "[]", "\"x\"", "{\"content\": [", "null"}) {
    Result<std::vector<ChoiceText>> texts = dialect.ExtractTexts("/v1/messages", body);
    ASSERT_FALSE(texts.ok()) << body;
    EXPECT_EQ(texts.status().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_TRUE(dialect.ExtractTexts("/v1/messages", "{}")->empty());
  EXPECT_TRUE(dialect.ExtractTexts("/v1/messages", "{\"content\": null}")->empty());
  // An error body has no content.
  EXPECT_TRUE(dialect
                  .ExtractTexts("/v1/messages",
                                R"({"type": "error", "error": {"type": "overloaded_error",)"
                                R"( "message": "Overloaded"}})")
                  ->empty());
  // Malformed blocks are skipped but still count for the positions.
  Result<std::vector<ChoiceText>> texts = dialect.ExtractTexts(
      "/v1/messages",
      R"({"content": [7, {"type": "text", "text": 3}, {"type": "text"}, {"text": "x"},)"
      R"( {"type": "text", "text": ""}, {"type": "text", "text": "Oslo is cold."}]})");
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].index, 4);
  EXPECT_EQ((*texts)[0].text, "");
  EXPECT_EQ((*texts)[1].index, 5);
}

TEST(AnthropicDialectTest, OffReturnsBodyUnchanged) {
  AnthropicDialect dialect;
  Result<std::string> out = dialect.ApplyReports("/v1/messages", kBody, Mode::kOff, Reports());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, kBody);
  EXPECT_EQ(*dialect.ApplyReports("/v1/messages", "not json", Mode::kOff, {}), "not json");
}

TEST(AnthropicDialectTest, AnnotateAddsReportLastAndKeepsEverythingElse) {
  AnthropicDialect dialect;
  Result<std::string> out = dialect.ApplyReports("/v1/messages", kBody, Mode::kAnnotate, Reports());
  ASSERT_TRUE(out.ok());
  rapidjson::Document doc = Parse(*out);
  ExpectOtherMembersKept(doc);
  rapidjson::Document want = Parse(kBody);
  EXPECT_TRUE(doc["content"] == want["content"]);  // text untouched
  const auto& fg = doc["factgate"];
  EXPECT_TRUE(out->ends_with(",\"factgate\":" + plugins::ReportJson(Reports()) + "}"));
  ASSERT_EQ(fg["claims"].Size(), 3u);
  EXPECT_STREQ(fg["claims"][0]["id"].GetString(), "c1");
  EXPECT_EQ(fg["claims"][0]["choice"].GetInt(), 1);
  EXPECT_EQ(fg["claims"][2]["choice"].GetInt(), 5);
  EXPECT_STREQ(fg["claims"][2]["id"].GetString(), "c3");
  EXPECT_FALSE(fg["summary"]["checked"].GetBool());
  EXPECT_STREQ(fg["summary"]["errors"][0].GetString(), "kb: deadline exceeded");
  EXPECT_EQ(fg["choices"].Size(), 2u);
}

TEST(AnthropicDialectTest, AnnotateReplacesAnExistingFactgateMember) {
  AnthropicDialect dialect;
  Result<std::string> out = dialect.ApplyReports(
      "/v1/messages",
      R"({"factgate": {"old": true}, "content": [{"type": "text", "text": "Hi."}], "id": "m"})",
      Mode::kAnnotate, {});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, R"({"content":[{"type":"text","text":"Hi."}],"id":"m","factgate":)" +
                      plugins::ReportJson({}) + "}");
}

TEST(AnthropicDialectTest, CiteRendersEachReportedTextBlock) {
  AnthropicDialect dialect;
  std::vector<ChoiceReport> reports = Reports();
  Result<std::string> out = dialect.ApplyReports("/v1/messages", kBody, Mode::kCite, reports);
  ASSERT_TRUE(out.ok());
  rapidjson::Document doc = Parse(*out);
  ExpectOtherMembersKept(doc);
  const std::string text1 = doc["content"][1]["text"].GetString();
  EXPECT_EQ(text1, RenderCite("Paris is in Spain. It is big.", reports[0].report));
  EXPECT_EQ(text1,
            "Paris is in Spain. [1] It is big. [2]\n\nSources:\n[1] Paris \u2014 \"quote\"\n"
            "[2] Size \u2014 \"quote\"");
  // Not enough info gets no marker, and so no sources list.
  EXPECT_STREQ(doc["content"][5]["text"].GetString(), "Rome is in Italy.");
  EXPECT_EQ(doc["factgate"]["claims"].Size(), 3u);
}

TEST(AnthropicDialectTest, RewriteRendersEachReportedTextBlock) {
  AnthropicDialect dialect;
  std::vector<ChoiceReport> reports = Reports();
  reports[1].report.claims[0].verdict = Verdict::kRefuted;  // no correction: marked
  Result<std::string> out = dialect.ApplyReports("/v1/messages", kBody, Mode::kRewrite, reports);
  ASSERT_TRUE(out.ok());
  rapidjson::Document doc = Parse(*out);
  ExpectOtherMembersKept(doc);
  EXPECT_STREQ(doc["content"][1]["text"].GetString(), "Paris is in France. It is big.");
  EXPECT_STREQ(doc["content"][5]["text"].GetString(), "Rome is in Italy [refuted].");
}

// A report for an index that is not a text block changes no text (the thinking and tool input are
// never rewritten) but is still reported.
TEST(AnthropicDialectTest, ReportsForNonTextBlocksChangeNothing) {
  AnthropicDialect dialect;
  std::vector<ChoiceReport> reports = Reports();
  reports[0].index = 0;  // the thinking block
  reports[1].index = 2;  // the tool_use block
  for (Mode mode : {Mode::kCite, Mode::kRewrite}) {
    Result<std::string> out = dialect.ApplyReports("/v1/messages", kBody, mode, reports);
    ASSERT_TRUE(out.ok());
    rapidjson::Document doc = Parse(*out);
    rapidjson::Document want = Parse(kBody);
    EXPECT_TRUE(doc["content"] == want["content"]) << ModeName(mode);
    EXPECT_EQ(doc["factgate"]["claims"].Size(), 3u);
  }
}

TEST(AnthropicDialectTest, ApplyReportsRejectsNonObjects) {
  AnthropicDialect dialect;
  for (Mode mode : {Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    for (const char* body : {"", "[1]", "{\"content\": ", "42"}) {
      Result<std::string> out = dialect.ApplyReports("/v1/messages", body, mode, {});
      ASSERT_FALSE(out.ok()) << body;
      EXPECT_EQ(out.status().code(), Status::Code::kInvalidArgument);
    }
  }
}

TEST(AnthropicDialectTest, ErrorBodiesAreAnthropicShaped) {
  AnthropicDialect dialect;
  const std::vector<std::pair<int, const char*>> cases = {{400, "invalid_request_error"},
                                                          {401, "authentication_error"},
                                                          {403, "permission_error"},
                                                          {404, "not_found_error"},
                                                          {405, "invalid_request_error"},
                                                          {413, "request_too_large"},
                                                          {429, "rate_limit_error"},
                                                          {500, "api_error"},
                                                          {502, "api_error"},
                                                          {503, "api_error"},
                                                          {504, "api_error"},
                                                          {529, "overloaded_error"}};
  for (const auto& [status, type] : cases) {
    EXPECT_EQ(ErrorTypeFor(status), type) << status;
    rapidjson::Document doc = Parse(dialect.ErrorBody(status, "went wrong", ""));
    ASSERT_TRUE(doc.IsObject());
    EXPECT_EQ(doc.MemberCount(), 2u);
    EXPECT_STREQ(doc["type"].GetString(), "error");
    EXPECT_STREQ(doc["error"]["type"].GetString(), type) << status;
    EXPECT_STREQ(doc["error"]["message"].GetString(), "went wrong");
    EXPECT_FALSE(doc["error"].HasMember("code"));
  }
  EXPECT_EQ(
      dialect.ErrorBody(504, "the upstream did not answer", "upstream_timeout"),
      R"({"type":"error","error":{"type":"api_error","message":"the upstream did not answer",)"
      R"("code":"upstream_timeout"}})");
  // Messages are escaped.
  rapidjson::Document doc = Parse(dialect.ErrorBody(400, "bad \"x\"\n\\", "c"));
  EXPECT_STREQ(doc["error"]["message"].GetString(), "bad \"x\"\n\\");
}

TEST(AnthropicDialectTest, NewStreamProcessesMessages) {
  AnthropicDialect dialect;
  const std::string input =
      "event: message_start\ndata: {\"type\": \"message_start\", \"message\": {}}\n\n"
      "event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n";
  std::unique_ptr<plugins::StreamProcessor> off = dialect.NewStream("/v1/messages", Mode::kOff);
  off->Feed(input);
  off->FinishUpstream(true);
  EXPECT_EQ(off->TakeOutput(), input);
  EXPECT_TRUE(off->Done());
  std::unique_ptr<plugins::StreamProcessor> annotate =
      dialect.NewStream("/v1/messages", Mode::kAnnotate);
  annotate->Feed(input);
  annotate->FinishUpstream(true);
  std::string out = annotate->TakeOutput();
  EXPECT_NE(out.find("event: factgate\n"), std::string::npos);
  EXPECT_TRUE(out.ends_with("event: message_stop\ndata: {\"type\": \"message_stop\"}\n\n"));
  EXPECT_TRUE(annotate->Done());
}

}  // namespace
}  // namespace fg::anthropic
