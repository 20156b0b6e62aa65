#include "src/server/log.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>
#include <thread>
#include <vector>

namespace fg::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// 2024-05-01T12:34:56.789Z
system_clock::time_point FixedTime() {
  return system_clock::time_point(milliseconds(1714566896789));
}

class LoggerTest : public ::testing::Test {
 protected:
  LoggerTest() : logger_(Logger::StreamSink(out_), LogLevel::kInfo, &FixedTime) {}
  std::ostringstream out_;
  Logger logger_;
};

TEST_F(LoggerTest, WritesOneJsonObjectPerLineWithFieldsInOrder) {
  const std::string id = "0123456789abcdef";
  logger_.Info("request", {{"request_id", id},
                           {"route", "/v1/verify"},
                           {"status", 200},
                           {"latency_ms", 1.25},
                           {"streamed", false},
                           {"bytes", size_t{42}},
                           {"delta", -3L}});
  EXPECT_EQ(out_.str(),
            "{\"ts\":\"2024-05-01T12:34:56.789Z\",\"level\":\"info\",\"msg\":\"request\","
            "\"request_id\":\"0123456789abcdef\",\"route\":\"/v1/verify\",\"status\":200,"
            "\"latency_ms\":1.25,\"streamed\":false,\"bytes\":42,\"delta\":-3}\n");
}

TEST_F(LoggerTest, AcceptsAVectorOfFields) {
  std::vector<LogField> fields = {{"a", 1}};
  fields.push_back({"b", std::string("x")});
  logger_.Warn("built", fields);
  EXPECT_EQ(out_.str(),
            "{\"ts\":\"2024-05-01T12:34:56.789Z\",\"level\":\"warn\",\"msg\":\"built\",\"a\":1,"
            "\"b\":\"x\"}\n");
  EXPECT_EQ(logger_.FormatLine(LogLevel::kDebug, "m", fields.data(), 0),
            "{\"ts\":\"2024-05-01T12:34:56.789Z\",\"level\":\"debug\",\"msg\":\"m\"}\n");
}

TEST_F(LoggerTest, ThresholdDropsLowerLevels) {
  logger_.Debug("hidden");
  logger_.Warn("shown");
  logger_.set_level(LogLevel::kError);
  logger_.Warn("hidden too");
  logger_.Error("boom", {{"why", std::string("disk")}});
  EXPECT_EQ(out_.str(),
            "{\"ts\":\"2024-05-01T12:34:56.789Z\",\"level\":\"warn\",\"msg\":\"shown\"}\n"
            "{\"ts\":\"2024-05-01T12:34:56.789Z\",\"level\":\"error\",\"msg\":\"boom\","
            "\"why\":\"disk\"}\n");
  EXPECT_FALSE(logger_.Enabled(LogLevel::kWarn));
}

TEST_F(LoggerTest, EscapesAndKeepsLinesValidJson) {
  logger_.Info("quote \" newline \n tab \t", {{"bad_utf8", std::string("a\xff"
                                                                       "b\xc3")},
                                              {"nan", 0.0 / 0.0},
                                              {"ok_utf8", "h\xc3\xa9"}});
  const std::string text = out_.str();
  ASSERT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size() - 1);
  ASSERT_FALSE(doc.HasParseError()) << text;
  EXPECT_STREQ(doc["msg"].GetString(), "quote \" newline \n tab \t");
  EXPECT_STREQ(doc["bad_utf8"].GetString(),
               "a\xef\xbf\xbd"
               "b\xef\xbf\xbd");
  EXPECT_TRUE(doc["nan"].IsNull());
  EXPECT_STREQ(doc["ok_utf8"].GetString(), "h\xc3\xa9");
}

TEST_F(LoggerTest, CallbackSinkAndSetSink) {
  std::vector<std::string> lines;
  logger_.SetSink([&](std::string_view line) { lines.emplace_back(line); });
  logger_.Info("a");
  logger_.Info("b");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[1].find("\"msg\":\"b\""), std::string::npos);
  EXPECT_TRUE(out_.str().empty());
}

TEST(LoggerConcurrencyTest, LinesNeverInterleave) {
  std::ostringstream out;
  Logger logger(Logger::StreamSink(out), LogLevel::kInfo);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 500;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        logger.Info("tick", {{"thread", t}, {"i", i}, {"pad", std::string(200, 'x')}});
      }
    });
  }
  for (auto& th : threads) th.join();
  std::istringstream in(out.str());
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    rapidjson::Document doc;
    doc.Parse(line);
    ASSERT_FALSE(doc.HasParseError()) << line;
    ++count;
  }
  EXPECT_EQ(count, kThreads * kPerThread);
}

TEST(LogLevelTest, ParsesAndNames) {
  for (auto level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    auto parsed = ParseLogLevel(LogLevelName(level));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, level);
  }
  EXPECT_FALSE(ParseLogLevel("verbose").ok());
  EXPECT_FALSE(ParseLogLevel("INFO").ok());
}

TEST(FormatRfc3339MillisTest, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatRfc3339Millis(FixedTime()), "2024-05-01T12:34:56.789Z");
  EXPECT_EQ(FormatRfc3339Millis(system_clock::time_point()), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339Millis(system_clock::time_point(milliseconds(-1))),
            "1969-12-31T23:59:59.999Z");
}

TEST(NewRequestIdTest, SixteenHexCharsAndUnique) {
  std::set<std::string> seen;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        std::string id = NewRequestId();
        std::lock_guard<std::mutex> lock(mu);
        seen.insert(id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(seen.size(), 4000u);
  for (const std::string& id : seen) {
    ASSERT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  }
}

}  // namespace
}  // namespace fg::server
