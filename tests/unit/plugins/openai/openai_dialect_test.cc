#include "plugins/openai/openai_dialect.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace fg::openai {
namespace {

TEST(OpenAiDialectTest, RoutesAndStreams) {
  OpenAiDialect dialect;
  EXPECT_EQ(dialect.name(), "openai");
  auto routes = dialect.routes();
  ASSERT_EQ(routes.size(), 4u);
  EXPECT_EQ(routes[0].path, "/v1/chat/completions");
  EXPECT_TRUE(routes[0].checked);
  EXPECT_FALSE(routes[3].checked);
  EXPECT_TRUE(dialect.IsStream("text/event-stream; charset=utf-8"));
  EXPECT_FALSE(dialect.IsStream("application/json"));
}

TEST(OpenAiDialectTest, TextsByRoute) {
  OpenAiDialect dialect;
  auto chat = dialect.ExtractTexts(
      "/v1/chat/completions",
      R"({"choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris."}}]})");
  ASSERT_TRUE(chat.ok());
  ASSERT_EQ(chat->size(), 1u);
  EXPECT_EQ((*chat)[0].text, "Paris.");
  auto completion =
      dialect.ExtractTexts("/v1/completions", R"({"choices": [{"index": 0, "text": "Rome."}]})");
  ASSERT_TRUE(completion.ok());
  ASSERT_EQ(completion->size(), 1u);
  EXPECT_EQ((*completion)[0].text, "Rome.");
  EXPECT_FALSE(dialect.ExtractTexts("/v1/completions", "[1]").ok());
}

TEST(OpenAiDialectTest, AnnotatesAndStreams) {
  OpenAiDialect dialect;
  plugins::ChoiceReport report;
  auto body = dialect.ApplyReports("/v1/completions", R"({"choices": [{"index": 0, "text": "x"}]})",
                                   Mode::kAnnotate, {report});
  ASSERT_TRUE(body.ok());
  EXPECT_NE(body->find("\"factgate\""), std::string::npos);
  auto stream = dialect.NewStream("/v1/chat/completions", Mode::kOff);
  stream->Feed("data: [DONE]\n\n");
  stream->FinishUpstream(true);
  EXPECT_EQ(stream->TakeOutput(), "data: [DONE]\n\n");
  EXPECT_TRUE(stream->Done());
}

TEST(OpenAiDialectTest, ErrorsAreOpenAiShaped) {
  OpenAiDialect dialect;
  rapidjson::Document doc;
  doc.Parse(dialect.ErrorBody(504, "the upstream did not answer", "upstream_timeout").c_str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["error"]["message"].GetString(), "the upstream did not answer");
  EXPECT_STREQ(doc["error"]["type"].GetString(), "server_error");
  EXPECT_STREQ(doc["error"]["code"].GetString(), "upstream_timeout");
  EXPECT_EQ(ErrorTypeFor(401), "authentication_error");
  EXPECT_EQ(ErrorTypeFor(400), "invalid_request_error");
}

}  // namespace
}  // namespace fg::openai
