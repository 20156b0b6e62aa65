#include "src/server/http_responses.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace fg::server {
namespace {

TEST(HttpResponsesTest, MapsEveryStatusCodeInOnePlace) {
  EXPECT_EQ(HttpStatusFor(Status::Code::kOk), http::status::ok);
  EXPECT_EQ(HttpStatusFor(Status::Code::kInvalidArgument), http::status::bad_request);
  EXPECT_EQ(HttpStatusFor(Status::Code::kNotFound), http::status::not_found);
  EXPECT_EQ(HttpStatusFor(Status::Code::kResourceExhausted), http::status::payload_too_large);
  EXPECT_EQ(HttpStatusFor(Status::Code::kDeadlineExceeded), http::status::gateway_timeout);
  EXPECT_EQ(HttpStatusFor(Status::Code::kUnavailable), http::status::service_unavailable);
  EXPECT_EQ(HttpStatusFor(Status::Code::kInternal), http::status::internal_server_error);
}

TEST(HttpResponsesTest, ErrorBodyHasTheOpenAiShape) {
  Response res =
      ErrorResponse(http::status::bad_gateway, "upstream \"down\"", "upstream_error", 11, true);
  EXPECT_EQ(res.result(), http::status::bad_gateway);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  rapidjson::Document doc;
  doc.Parse(res.body().c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["error"]["message"].GetString(), "upstream \"down\"");
  EXPECT_STREQ(doc["error"]["type"].GetString(), "server_error");
  EXPECT_STREQ(doc["error"]["code"].GetString(), "upstream_error");
  EXPECT_EQ(res[http::field::content_length], std::to_string(res.body().size()));
}

TEST(HttpResponsesTest, EmptyCodeIsNull) {
  rapidjson::Document doc;
  doc.Parse(OpenAiErrorBody("x", "invalid_request_error", "").c_str());
  EXPECT_TRUE(doc["error"]["code"].IsNull());
  EXPECT_EQ(ErrorTypeFor(http::status::unauthorized), "authentication_error");
  EXPECT_EQ(ErrorTypeFor(http::status::payload_too_large), "invalid_request_error");
  EXPECT_EQ(ErrorTypeFor(http::status::gateway_timeout), "server_error");
}

}  // namespace
}  // namespace fg::server
