#include "plugins/openai/openai_adapter.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace fg::openai {
namespace {

rapidjson::Document Parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
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

const char kChatBody[] = R"({
  "id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000, "model": "m",
  "system_fingerprint": "fp_1",
  "choices": [
    {"index": 0, "message": {"role": "assistant", "content": "Paris is in Spain. It is big.",
                             "reasoning_content": "Think: Berlin is in France.", "refusal": null},
     "finish_reason": "stop", "logprobs": null},
    {"index": 1, "message": {"role": "assistant", "content": null,
                             "tool_calls": [{"id": "t", "type": "function",
                               "function": {"name": "f",
                                            "arguments": "{\"x\": \"Rome is in Peru.\"}"}}]},
     "finish_reason": "tool_calls"},
    {"index": 2, "message": {"role": "assistant",
                             "content": [{"type": "text", "text": "Rome is in Italy."},
                                         {"type": "image_url", "image_url": {"url": "u"}},
                                         {"type": "text", "text": "Oslo is cold."}]}}
  ],
  "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12,
            "cost": 0.000123456789012345678},
  "x_unknown": {"nested": [1, 2.5, true, null, 18446744073709551615]}
})";

const char kCompletionsBody[] = R"({"id": "cmpl-1", "object": "text_completion", "created": 1,
  "model": "m", "choices": [{"index": 0, "text": " Paris is in Spain.", "logprobs": null,
  "finish_reason": "length"}, {"text": "Oslo is in Norway.", "finish_reason": "stop"}]})";

TEST(ExtractChoiceTextsTest, ChatTextComesOnlyFromContent) {
  Result<std::vector<ChoiceText>> texts = ExtractChoiceTexts(kChatBody, Api::kChat);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].index, 0);
  EXPECT_EQ((*texts)[0].text, "Paris is in Spain. It is big.");
  EXPECT_EQ((*texts)[1].index, 2);
  EXPECT_EQ((*texts)[1].text, "Rome is in Italy.\n\nOslo is cold.");
}

TEST(ExtractChoiceTextsTest, CompletionsTextAndMissingIndex) {
  Result<std::vector<ChoiceText>> texts = ExtractChoiceTexts(kCompletionsBody, Api::kCompletions);
  ASSERT_TRUE(texts.ok());
  ASSERT_EQ(texts->size(), 2u);
  EXPECT_EQ((*texts)[0].text, " Paris is in Spain.");
  EXPECT_EQ((*texts)[1].index, 1);  // its position
  EXPECT_EQ((*texts)[1].text, "Oslo is in Norway.");
  // The chat reader finds no message.content in a completions body.
  EXPECT_TRUE(ExtractChoiceTexts(kCompletionsBody, Api::kChat)->empty());
}

TEST(ExtractChoiceTextsTest, RejectsNonObjects) {
  for (const char* body : {"", "[]", "\"x\"", "{\"choices\": [", "null"}) {
    Result<std::vector<ChoiceText>> texts = ExtractChoiceTexts(body, Api::kChat);
    ASSERT_FALSE(texts.ok()) << body;
    EXPECT_EQ(texts.status().code(), Status::Code::kInvalidArgument);
  }
  EXPECT_TRUE(ExtractChoiceTexts("{}", Api::kChat)->empty());
  EXPECT_TRUE(ExtractChoiceTexts("{\"choices\": null}", Api::kChat)->empty());
}

std::vector<ChoiceReport> ChatReports() {
  const std::string text = "Paris is in Spain. It is big.";
  ChoiceReport r0{0, {}};
  r0.report.claims = {
      Verdicted(text, 0, 17, Verdict::kRefuted, {Cite("d1", "Paris")}, "Paris is in France"),
      Verdicted(text, 19, 28, Verdict::kSupported, {Cite("d2", "Size")})};
  r0.report.elapsed_ms = 12.5;
  ChoiceReport r2{2, {}};
  r2.report.claims = {Verdicted("Rome is in Italy.", 0, 16, Verdict::kNotEnoughInfo)};
  r2.report.checked = false;
  r2.report.errors = {"kb: deadline exceeded"};
  r2.report.elapsed_ms = 20.25;
  return {r0, r2};
}

TEST(ApplyReportsTest, OffReturnsBodyUnchanged) {
  Result<std::string> out = ApplyReports(kChatBody, Api::kChat, Mode::kOff, ChatReports());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, kChatBody);
  EXPECT_EQ(*ApplyReports("not json", Api::kChat, Mode::kOff, {}), "not json");
}

TEST(ApplyReportsTest, AnnotateAddsReportAndKeepsEverythingElse) {
  Result<std::string> out = ApplyReports(kChatBody, Api::kChat, Mode::kAnnotate, ChatReports());
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  rapidjson::Document want = Parse(kChatBody);
  ASSERT_TRUE(got.HasMember("factgate"));
  got.RemoveMember("factgate");
  EXPECT_TRUE(got == want);  // every other member, value for value
  // Integers keep every digit; the last member added is "factgate".
  EXPECT_NE(out->find("18446744073709551615"), std::string::npos);
  EXPECT_NE(out->find("1700000000"), std::string::npos);
  EXPECT_EQ(out->rfind("\"factgate\""), out->find("\"factgate\""));
}

TEST(ApplyReportsTest, CiteRewritesStringContentOnly) {
  Result<std::string> out = ApplyReports(kChatBody, Api::kChat, Mode::kCite, ChatReports());
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  EXPECT_STREQ(got["choices"][0]["message"]["content"].GetString(),
               "Paris is in Spain. [1] It is big. [2]\n\nSources:\n[1] Paris \u2014 \"quote\"\n"
               "[2] Size \u2014 \"quote\"");
  // Reasoning, tool calls and content-part arrays are untouched.
  EXPECT_STREQ(got["choices"][0]["message"]["reasoning_content"].GetString(),
               "Think: Berlin is in France.");
  EXPECT_STREQ(got["choices"][1]["message"]["tool_calls"][0]["function"]["arguments"].GetString(),
               "{\"x\": \"Rome is in Peru.\"}");
  EXPECT_TRUE(got["choices"][2]["message"]["content"].IsArray());
  EXPECT_STREQ(got["choices"][2]["message"]["content"][0]["text"].GetString(), "Rome is in Italy.");
}

TEST(ApplyReportsTest, RewriteCompletions) {
  const std::string text = " Paris is in Spain.";
  ChoiceReport r{0, {}};
  r.report.claims = {Verdicted(text, 1, 18, Verdict::kRefuted, {}, "Paris is in France")};
  ChoiceReport other{1, {}};
  other.report.claims = {Verdicted("Oslo is in Norway.", 0, 17, Verdict::kRefuted)};
  Result<std::string> out =
      ApplyReports(kCompletionsBody, Api::kCompletions, Mode::kRewrite, {r, other});
  ASSERT_TRUE(out.ok());
  rapidjson::Document got = Parse(*out);
  EXPECT_STREQ(got["choices"][0]["text"].GetString(), " Paris is in France.");
  EXPECT_STREQ(got["choices"][1]["text"].GetString(), "Oslo is in Norway [refuted].");
  EXPECT_STREQ(got["choices"][0]["finish_reason"].GetString(), "length");
  EXPECT_EQ(got["factgate"]["summary"]["refuted"].GetUint(), 2u);
}

TEST(ApplyReportsTest, ReplacesAnExistingFactgateMember) {
  Result<std::string> out =
      ApplyReports(R"({"factgate": 1, "choices": []})", Api::kChat, Mode::kAnnotate, {});
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            R"({"choices":[],"factgate":{"claims":[],"summary":{"claims":0,"supported":0,)"
            R"("refuted":0,"not_enough_info":0,"checked":true,"elapsed_ms":0.0},"choices":[]}})");
}

TEST(ApplyReportsTest, RejectsNonObjects) {
  Result<std::string> out = ApplyReports("[1]", Api::kChat, Mode::kAnnotate, {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Status::Code::kInvalidArgument);
}

TEST(ReportJsonTest, ClaimsAcrossChoicesRenumberedWithChoice) {
  rapidjson::Document doc = Parse(ReportJson(ChatReports()));
  const auto& claims = doc["claims"];
  ASSERT_EQ(claims.Size(), 3u);
  EXPECT_STREQ(claims[0]["id"].GetString(), "c1");
  EXPECT_EQ(claims[0]["choice"].GetInt(), 0);
  EXPECT_STREQ(claims[1]["id"].GetString(), "c2");
  EXPECT_STREQ(claims[2]["id"].GetString(), "c3");
  EXPECT_EQ(claims[2]["choice"].GetInt(), 2);
  EXPECT_STREQ(claims[0]["verdict"].GetString(), "refuted");
  EXPECT_STREQ(claims[0]["correction"].GetString(), "Paris is in France");
  EXPECT_EQ(claims[0]["span"][1].GetUint(), 17u);
  EXPECT_STREQ(claims[0]["citations"][0]["doc_id"].GetString(), "d1");

  const auto& s = doc["summary"];
  EXPECT_EQ(s["claims"].GetUint(), 3u);
  EXPECT_EQ(s["supported"].GetUint(), 1u);
  EXPECT_EQ(s["refuted"].GetUint(), 1u);
  EXPECT_EQ(s["not_enough_info"].GetUint(), 1u);
  EXPECT_FALSE(s["checked"].GetBool());
  EXPECT_STREQ(s["errors"][0].GetString(), "kb: deadline exceeded");
  EXPECT_DOUBLE_EQ(s["elapsed_ms"].GetDouble(), 20.25);

  const auto& choices = doc["choices"];
  ASSERT_EQ(choices.Size(), 2u);
  EXPECT_EQ(choices[0]["index"].GetInt(), 0);
  EXPECT_TRUE(choices[0]["summary"]["checked"].GetBool());
  EXPECT_FALSE(choices[0]["summary"].HasMember("errors"));
  EXPECT_EQ(choices[0]["summary"]["claims"].GetUint(), 2u);
  EXPECT_EQ(choices[1]["index"].GetInt(), 2);
  EXPECT_FALSE(choices[1]["summary"]["checked"].GetBool());
}

TEST(ReportJsonTest, ErrorsOnlyWhenUnchecked) {
  ChoiceReport r{0, {}};
  r.report.errors = {"stale"};  // checked stays true
  rapidjson::Document doc = Parse(ReportJson({r}));
  EXPECT_TRUE(doc["summary"]["checked"].GetBool());
  EXPECT_FALSE(doc["summary"].HasMember("errors"));
  EXPECT_FALSE(doc["choices"][0]["summary"].HasMember("errors"));
}

TEST(ReportJsonTest, WriterAndStringAgree) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteReportJson(w, ChatReports());
  EXPECT_EQ(std::string(buffer.GetString(), buffer.GetSize()), ReportJson(ChatReports()));
}

TEST(ErrorBodyTest, OpenAiShape) {
  EXPECT_EQ(ErrorBody("upstream \"down\"", "server_error", "upstream_unavailable"),
            R"({"error":{"message":"upstream \"down\"","type":"server_error",)"
            R"("code":"upstream_unavailable"}})");
  rapidjson::Document doc = Parse(ErrorBody("bad", "invalid_request_error", ""));
  EXPECT_TRUE(doc["error"]["code"].IsNull());
  EXPECT_STREQ(doc["error"]["type"].GetString(), "invalid_request_error");
}

}  // namespace
}  // namespace fg::openai
