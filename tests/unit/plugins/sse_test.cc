#include "plugins/sse.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg {
namespace {

// A parsed event without its raw bytes, for comparing.
struct Fields {
  std::string event;
  std::string data;
  std::string id;
  bool comment = false;
  bool terminated = true;
  bool operator==(const Fields&) const = default;
};

void PrintTo(const Fields& f, std::ostream* os) {
  *os << "{event=" << testing::PrintToString(f.event) << " data=" << testing::PrintToString(f.data)
      << " id=" << testing::PrintToString(f.id) << " comment=" << f.comment
      << " terminated=" << f.terminated << "}";
}

std::vector<Fields> FieldsOf(const std::vector<SseEvent>& events) {
  std::vector<Fields> out;
  for (const SseEvent& e : events) out.push_back({e.event, e.data, e.id, e.comment, e.terminated});
  return out;
}

std::vector<SseEvent> ParseAll(const std::vector<std::string_view>& pieces) {
  SseParser parser;
  std::vector<SseEvent> out;
  for (std::string_view piece : pieces) {
    for (SseEvent& e : parser.Feed(piece)) out.push_back(std::move(e));
  }
  for (SseEvent& e : parser.Finish()) out.push_back(std::move(e));
  return out;
}

std::string JoinRaw(const std::vector<SseEvent>& events) {
  std::string out;
  for (const SseEvent& e : events) out += e.raw;
  return out;
}

struct Case {
  const char* name;
  std::string input;
  std::vector<Fields> want;
};

class SseParserTableTest : public testing::TestWithParam<Case> {};

TEST_P(SseParserTableTest, ParsesWholeInput) {
  const Case& c = GetParam();
  std::vector<SseEvent> events = ParseAll({c.input});
  EXPECT_EQ(FieldsOf(events), c.want);
  EXPECT_EQ(JoinRaw(events), c.input);
}

// Every split into two pieces, and byte by byte, gives the same events and raws.
TEST_P(SseParserTableTest, AnySplitGivesSameEvents) {
  const Case& c = GetParam();
  std::vector<SseEvent> whole = ParseAll({c.input});
  std::string_view in = c.input;
  for (size_t cut = 0; cut <= in.size(); ++cut) {
    std::vector<SseEvent> split = ParseAll({in.substr(0, cut), in.substr(cut)});
    EXPECT_EQ(FieldsOf(split), FieldsOf(whole)) << "cut at " << cut;
    EXPECT_EQ(JoinRaw(split), c.input) << "cut at " << cut;
  }
  std::vector<std::string_view> bytes;
  for (size_t i = 0; i < in.size(); ++i) bytes.push_back(in.substr(i, 1));
  std::vector<SseEvent> byte_by_byte = ParseAll(bytes);
  EXPECT_EQ(FieldsOf(byte_by_byte), FieldsOf(whole));
  EXPECT_EQ(JoinRaw(byte_by_byte), c.input);
}

std::string Name(const testing::TestParamInfo<Case>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(
    Table, SseParserTableTest,
    testing::Values(
        Case{"Empty", "", {}},
        Case{"OneEvent", "data: {\"a\":1}\n\n", {{"", "{\"a\":1}", "", false, true}}},
        Case{"NoSpaceAfterColon", "data:x\n\n", {{"", "x", "", false, true}}},
        Case{"OnlyOneSpaceDropped", "data:  x \n\n", {{"", " x ", "", false, true}}},
        Case{"MultiLineData", "data: a\ndata: b\ndata:\n\n", {{"", "a\nb\n", "", false, true}}},
        Case{"Crlf",
             "data: a\r\n\r\ndata: b\r\n\r\n",
             {{"", "a", "", false, true}, {"", "b", "", false, true}}},
        Case{"CrOnly",
             "data: a\r\rdata: b\r\r",
             {{"", "a", "", false, true}, {"", "b", "", false, true}}},
        Case{"MixedEndings",
             "data: a\r\ndata: b\n\r\nevent: x\rdata: c\n\n",
             {{"", "a\nb", "", false, true}, {"x", "c", "", false, true}}},
        Case{"Bom",
             "\xEF\xBB\xBF"
             "data: a\n\n",
             {{"", "a", "", false, true}}},
        Case{"BomOnlyAtStart",
             "\xEF\xBB\xBF"
             "data: a\n\n\xEF\xBB\xBF"
             "data: b\n\n",
             {{"", "a", "", false, true}, {"", "", "", false, true}}},
        Case{"ShortStreamLikeBom", "\xEF\xBB", {{"", "", "", false, false}}},
        Case{"Comment",
             ": keep-alive\n\ndata: a\n\n",
             {{"", "", "", true, true}, {"", "a", "", false, true}}},
        Case{"CommentInsideEvent", "data: a\n: note\ndata: b\n\n", {{"", "a\nb", "", false, true}}},
        Case{"NamedEventAndId",
             "event: ping\nid: 7\ndata: {}\nretry: 100\nfoo: bar\n\n",
             {{"ping", "{}", "7", false, true}}},
        Case{"FieldWithoutColon",
             "data\n\nevent\ndata: x\n\n",
             {{"", "", "", false, true}, {"", "x", "", false, true}}},
        Case{"IdWithNulIgnored",
             std::string("id: a\0b\ndata: x\n\n", 17),
             {{"", "x", "", false, true}}},
        Case{"ExtraBlankLinesGoWithNextEvent",
             "\n\ndata: a\n\n\n\ndata: b\n\n\n",
             {{"", "a", "", false, true}, {"", "b", "", false, true}, {"", "", "", true, false}}},
        Case{"UnterminatedLastEvent",
             "data: a\n\ndata: [DONE]",
             {{"", "a", "", false, true}, {"", "[DONE]", "", false, false}}},
        Case{"UnterminatedAfterLineEnd",
             "data: a\n\ndata: b\n",
             {{"", "a", "", false, true}, {"", "b", "", false, false}}},
        Case{"OpenAiStream",
             "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
             ": ping\n\n"
             "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
             "data: [DONE]\n\n",
             {{"", "{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}", "", false, true},
              {"", "", "", true, true},
              {"", "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}", "", false, true},
              {"", "[DONE]", "", false, true}}}),
    Name);

TEST(SseParserTest, RawOfEachEventIsItsBytes) {
  std::vector<SseEvent> events = ParseAll({"data: a\r\n\r\n: c\n\n\ndata: b\n\n"});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].raw, "data: a\r\n\r\n");
  EXPECT_EQ(events[1].raw, ": c\n\n");
  EXPECT_EQ(events[2].raw, "\ndata: b\n\n");
}

TEST(SseParserTest, CrLfSplitAcrossFeedsStaysOneLineEnding) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("data: a\r\n\r").empty());  // the LF may still come
  std::vector<SseEvent> events = parser.Feed("\ndata: b\r\n\r\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].raw, "data: a\r\n\r\n");
  EXPECT_EQ(events[1].raw, "data: b\r\n\r\n");
  EXPECT_TRUE(parser.Finish().empty());
}

TEST(SseParserTest, CrAtEndIsDispatchedByFinish) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("data: a\r\r").empty());
  std::vector<SseEvent> events = parser.Finish();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a");
  EXPECT_TRUE(events[0].terminated);
}

TEST(SseParserTest, FinishResetsForANewStream) {
  SseParser parser;
  EXPECT_EQ(parser.Finish().size(), 0u);
  parser.Feed("data: x");
  EXPECT_EQ(parser.Finish().size(), 1u);
  std::vector<SseEvent> events = parser.Feed(
      "\xEF\xBB\xBF"
      "data: y\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "y");
}

struct FormatCase {
  std::string data;
  std::string want;
};

class FormatSseDataTest : public testing::TestWithParam<FormatCase> {};

TEST_P(FormatSseDataTest, WritesDataLines) {
  EXPECT_EQ(FormatSseData(GetParam().data), GetParam().want);
  // What we write parses back to the same data.
  std::vector<SseEvent> events = ParseAll({GetParam().want});
  ASSERT_EQ(events.size(), 1u);
  std::string normalized;
  for (size_t i = 0; i < GetParam().data.size(); ++i) {
    char c = GetParam().data[i];
    if (c == '\r') {
      normalized += '\n';
      if (i + 1 < GetParam().data.size() && GetParam().data[i + 1] == '\n') ++i;
    } else {
      normalized += c;
    }
  }
  EXPECT_EQ(events[0].data, normalized);
}

INSTANTIATE_TEST_SUITE_P(
    Table, FormatSseDataTest,
    testing::Values(FormatCase{"{\"a\":1}", "data: {\"a\":1}\n\n"}, FormatCase{"", "data: \n\n"},
                    FormatCase{"a\nb", "data: a\ndata: b\n\n"},
                    FormatCase{"a\r\nb\rc\n", "data: a\ndata: b\ndata: c\ndata: \n\n"}));

TEST(FormatSseEventTest, NamedAndUnnamed) {
  EXPECT_EQ(FormatSseEvent("ping", "{}"), "event: ping\ndata: {}\n\n");
  EXPECT_EQ(FormatSseEvent("", "x\ny"), "data: x\ndata: y\n\n");
  std::vector<SseEvent> events = ParseAll({FormatSseEvent("message_start", "{\"a\":1}")});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "message_start");
  EXPECT_EQ(events[0].data, "{\"a\":1}");
}

TEST(TerminateSseEventTest, EndsTheLastLineAndAddsTheBlankLine) {
  EXPECT_EQ(TerminateSseEvent(""), "");
  EXPECT_EQ(TerminateSseEvent("data: x"), "data: x\n\n");
  EXPECT_EQ(TerminateSseEvent("data: x\n"), "data: x\n\n");
  EXPECT_EQ(TerminateSseEvent("data: x\r\n"), "data: x\r\n\n");
  EXPECT_EQ(TerminateSseEvent("data: x\r"), "data: x\r\n");
  EXPECT_EQ(TerminateSseEvent("data: x\n\n"), "data: x\n\n");
  EXPECT_EQ(TerminateSseEvent("data: x\r\n\r\n"), "data: x\r\n\r\n");
  EXPECT_EQ(TerminateSseEvent("\n"), "\n");
  // What the parser then makes of it: one terminated event with the same data.
  SseParser parser;
  std::vector<SseEvent> events = parser.Feed(TerminateSseEvent("event: e\ndata: {}"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].terminated);
  EXPECT_EQ(events[0].data, "{}");
}

}  // namespace
}  // namespace fg
