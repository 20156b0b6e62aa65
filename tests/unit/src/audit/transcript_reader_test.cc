// Tests for ParseTranscriptLine: each input format, content parts, what is never read (tool calls,
// reasoning, refusals), ids and models, Batch API failures, and the errors for malformed lines.
#include "src/audit/transcript_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fg::audit {
namespace {

using Messages = std::vector<std::pair<std::string, std::string>>;  // (role, content)

Messages Of(const Transcript& transcript) {
  Messages out;
  for (const Message& m : transcript.messages) out.emplace_back(m.role, m.content);
  return out;
}

// The transcript for `line`, failing the test when it does not parse.
Transcript Parse(std::string_view line) {
  Result<Transcript> result = ParseTranscriptLine(line);
  EXPECT_TRUE(result.ok()) << result.status().ToString() << "\n  line: " << line;
  return result.ok() ? *result : Transcript{};
}

// The error message for `line`, failing the test when it parses or is not kInvalidArgument.
std::string Error(std::string_view line) {
  Result<Transcript> result = ParseTranscriptLine(line);
  EXPECT_FALSE(result.ok()) << "parsed: " << line;
  if (result.ok()) return "";
  EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
  return result.status().message();
}

constexpr const char* kUnknownShape =
    "unknown shape: expected \"messages\", \"conversations\", \"prompt\"/\"response\" or a Batch "
    "API output line";

TEST(TranscriptReaderTest, FormatNames) {
  EXPECT_EQ(TranscriptFormatName(TranscriptFormat::kOpenAiMessages), "openai_messages");
  EXPECT_EQ(TranscriptFormatName(TranscriptFormat::kShareGpt), "sharegpt");
  EXPECT_EQ(TranscriptFormatName(TranscriptFormat::kPromptResponse), "prompt_response");
  EXPECT_EQ(TranscriptFormatName(TranscriptFormat::kOpenAiBatch), "openai_batch");
}

// --- openai_messages ---

TEST(TranscriptReaderTest, ReadsOpenAiMessages) {
  Transcript t =
      Parse(R"({"id": "t1", "model": "gpt-4o-mini", "messages": [)"
            R"({"role": "system", "content": "Be brief."},)"
            R"({"role": "user", "content": "When was Lincoln born?"},)"
            R"({"role": "assistant", "content": "Lincoln was born in 1809."}], "gold": []})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiMessages);
  EXPECT_EQ(t.id, "t1");
  EXPECT_EQ(t.model, "gpt-4o-mini");
  EXPECT_EQ(Of(t), (Messages{{"system", "Be brief."},
                             {"user", "When was Lincoln born?"},
                             {"assistant", "Lincoln was born in 1809."}}));
}

TEST(TranscriptReaderTest, KeepsUnusualRolesAndToolMessages) {
  Transcript t = Parse(
      R"({"messages": [{"role": "developer", "content": "d"}, {"role": "tool",)"
      R"( "tool_call_id": "c1", "content": "42"}, {"role": "function", "name": "f", "content": "x"}]})");
  EXPECT_EQ(Of(t), (Messages{{"developer", "d"}, {"tool", "42"}, {"function", "x"}}));
}

TEST(TranscriptReaderTest, EmptyMessagesAndNoAssistantAreFine) {
  Transcript t = Parse(R"({"messages": []})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiMessages);
  EXPECT_TRUE(t.messages.empty());
  Transcript only_user = Parse(R"({"messages": [{"role": "user", "content": "hi"}]})");
  EXPECT_EQ(Of(only_user), (Messages{{"user", "hi"}}));
}

TEST(TranscriptReaderTest, JoinsTextContentPartsWithABlankLine) {
  Transcript t =
      Parse(R"({"messages": [{"role": "user", "content": [)"
            R"({"type": "text", "text": "Look at this."},)"
            R"({"type": "image_url", "image_url": {"url": "https://example.com/a.png"}},)"
            R"({"type": "input_text", "text": "What is it?"},)"
            R"({"type": "input_audio", "input_audio": {"data": "AAAA", "format": "wav"}}]},)"
            R"({"role": "assistant", "content": [{"type": "output_text", "text": "A cat."},)"
            R"( "bare string part", {"type": "refusal", "refusal": "I refuse."},)"
            R"( {"type": "text", "text": "It is grey."}]}]})");
  EXPECT_EQ(Of(t), (Messages{{"user", "Look at this.\n\nWhat is it?"},
                             {"assistant", "A cat.\n\nbare string part\n\nIt is grey."}}));
}

TEST(TranscriptReaderTest, IgnoresMalformedAndEmptyContentParts) {
  Transcript t =
      Parse(R"({"messages": [{"role": "assistant", "content": [)"
            R"({"type": "text"}, {"type": "text", "text": 5}, {"text": "no type"}, 7, null, [],)"
            R"({"type": "text", "text": ""}, {"type": "TEXT", "text": "wrong case"},)"
            R"({"type": "text", "text": "kept"}]}]})");
  EXPECT_EQ(Of(t), (Messages{{"assistant", "kept"}}));
  Transcript none = Parse(R"({"messages": [{"role": "assistant", "content": []}]})");
  EXPECT_EQ(Of(none), (Messages{{"assistant", ""}}));
}

TEST(TranscriptReaderTest, ToolCallOnlyAssistantMessageHasEmptyContent) {
  Transcript t = Parse(
      R"({"messages": [{"role": "user", "content": "Weather in Paris?"},)"
      R"({"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",)"
      R"( "function": {"name": "weather", "arguments": "{\"city\": \"Paris\"}"}}]},)"
      R"({"role": "tool", "tool_call_id": "call_1", "content": "18 C"},)"
      R"({"role": "assistant", "function_call": {"name": "f", "arguments": "{}"}},)"
      R"({"role": "assistant", "content": "It is 18 C in Paris."}]})");
  EXPECT_EQ(Of(t), (Messages{{"user", "Weather in Paris?"},
                             {"assistant", ""},
                             {"tool", "18 C"},
                             {"assistant", ""},
                             {"assistant", "It is 18 C in Paris."}}));
}

TEST(TranscriptReaderTest, NeverReadsReasoningOrRefusal) {
  Transcript t = Parse(
      R"({"messages": [{"role": "assistant", "content": "Paris is in France.",)"
      R"( "reasoning_content": "SECRET1", "reasoning": "SECRET2", "refusal": "SECRET3",)"
      R"( "thinking": "SECRET4"}, {"role": "assistant", "content": null,)"
      R"( "reasoning_content": "SECRET5", "refusal": "SECRET6"}, {"role": "assistant", "content": [)"
      R"({"type": "thinking", "thinking": "SECRET7"}, {"type": "reasoning", "text": "SECRET8"},)"
      R"({"type": "refusal", "refusal": "SECRET9"}, {"type": "text", "text": "Visible."}]}]})");
  EXPECT_EQ(Of(t), (Messages{{"assistant", "Paris is in France."},
                             {"assistant", ""},
                             {"assistant", "Visible."}}));
  for (const Message& m : t.messages) EXPECT_EQ(m.content.find("SECRET"), std::string::npos);
}

TEST(TranscriptReaderTest, MessageErrorsNameTheIndex) {
  EXPECT_EQ(Error(R"({"messages": [{"role": "user", "content": "a"}, {"content": "b"}]})"),
            "messages[1]: no \"role\"");
  EXPECT_EQ(Error(R"({"messages": [{"role": 3, "content": "a"}]})"),
            "messages[0]: \"role\" is not a string");
  EXPECT_EQ(Error(R"({"messages": [{"role": "user", "content": "a"}, "hello"]})"),
            "messages[1]: not a JSON object");
  EXPECT_EQ(Error(R"({"messages": [{"role": "user", "content": "a"}, {"role": "user",)"
                  R"( "content": "b"}, {"role": "assistant", "content": 42}]})"),
            "messages[2]: content is neither a string nor content parts");
  EXPECT_EQ(Error(R"({"messages": [{"role": "assistant", "content": {"text": "x"}}]})"),
            "messages[0]: content is neither a string nor content parts");
  EXPECT_EQ(Error(R"({"messages": [{"role": "assistant", "content": true}]})"),
            "messages[0]: content is neither a string nor content parts");
}

TEST(TranscriptReaderTest, MissingContentIsEmpty) {
  Transcript t = Parse(R"({"messages": [{"role": "assistant"}]})");
  EXPECT_EQ(Of(t), (Messages{{"assistant", ""}}));
}

TEST(TranscriptReaderTest, KeepsUnicodeAndEscapes) {
  Transcript t = Parse(
      R"({"messages": [{"role": "assistant", "content": "Caf\u00e9 \"quoted\"\nline2 \ud83d\ude00 日本"}]})");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].content, "Caf\xC3\xA9 \"quoted\"\nline2 \xF0\x9F\x98\x80 日本");
}

TEST(TranscriptReaderTest, KeepsEmbeddedNul) {
  Transcript t = Parse(R"({"messages": [{"role": "assistant", "content": "a\u0000b"}]})");
  ASSERT_EQ(t.messages.size(), 1u);
  EXPECT_EQ(t.messages[0].content, std::string("a\0b", 3));
}

// --- sharegpt ---

TEST(TranscriptReaderTest, ReadsShareGptAndMapsRoles) {
  Transcript t =
      Parse(R"({"id": "sg-1", "conversations": [)"
            R"({"from": "system", "value": "s"}, {"from": "human", "value": "h"},)"
            R"({"from": "gpt", "value": "g"}, {"from": "user", "value": "u"},)"
            R"({"from": "assistant", "value": "a"}, {"from": "chatgpt", "value": "c"},)"
            R"({"from": "bard", "value": "b"}, {"from": "model", "value": "m"},)"
            R"({"from": "Human", "value": "H"}, {"from": "GPT", "value": "G"},)"
            R"({"from": "observation", "value": "o"}, {"from": "tool", "value": "t"}]})");
  EXPECT_EQ(t.format, TranscriptFormat::kShareGpt);
  EXPECT_EQ(t.id, "sg-1");
  EXPECT_EQ(Of(t), (Messages{{"system", "s"},
                             {"user", "h"},
                             {"assistant", "g"},
                             {"user", "u"},
                             {"assistant", "a"},
                             {"assistant", "c"},
                             {"assistant", "b"},
                             {"assistant", "m"},
                             {"user", "H"},
                             {"assistant", "G"},
                             {"observation", "o"},
                             {"tool", "t"}}));
}

TEST(TranscriptReaderTest, ShareGptErrorsNameTheIndex) {
  EXPECT_EQ(Error(R"({"conversations": [{"from": "human", "value": "a"}, {"value": "b"}]})"),
            "conversations[1]: no \"from\"");
  EXPECT_EQ(Error(R"({"conversations": [{"from": null, "value": "a"}]})"),
            "conversations[0]: \"from\" is not a string");
  EXPECT_EQ(Error(R"({"conversations": [{"from": "gpt", "value": ["a"]}]})"),
            "conversations[0]: \"value\" is not a string");
  EXPECT_EQ(Error(R"({"conversations": [1]})"), "conversations[0]: not a JSON object");
  Transcript null_value = Parse(R"({"conversations": [{"from": "gpt", "value": null}]})");
  EXPECT_EQ(Of(null_value), (Messages{{"assistant", ""}}));
}

// --- prompt_response ---

TEST(TranscriptReaderTest, ReadsPromptResponse) {
  Transcript t =
      Parse(R"({"conversation_id": "c-9", "model": "llama", "prompt": "Capital of France?",)"
            R"( "response": "Paris."})");
  EXPECT_EQ(t.format, TranscriptFormat::kPromptResponse);
  EXPECT_EQ(t.id, "c-9");
  EXPECT_EQ(t.model, "llama");
  EXPECT_EQ(Of(t), (Messages{{"user", "Capital of France?"}, {"assistant", "Paris."}}));
}

TEST(TranscriptReaderTest, PromptResponseNeedsBothStrings) {
  EXPECT_EQ(Error(R"({"prompt": "p"})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"response": "r"})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"prompt": 1, "response": "r"})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"prompt": "p", "response": {"text": "r"}})"), kUnknownShape);
}

// --- openai_batch ---

TEST(TranscriptReaderTest, ReadsBatchChatCompletion) {
  Transcript t = Parse(
      R"({"id": "batch_req_1", "custom_id": "request-7", "response": {"status_code": 200,)"
      R"( "request_id": "req_1", "body": {"id": "chatcmpl-1", "object": "chat.completion",)"
      R"( "model": "gpt-4o-2024-08-06", "choices": [)"
      R"({"index": 0, "message": {"role": "assistant", "content": "First.",)"
      R"( "refusal": null, "reasoning_content": "SECRET"}, "finish_reason": "stop"},)"
      R"({"index": 1, "message": {"role": "assistant", "content": [{"type": "text",)"
      R"( "text": "Second."}]}}, {"index": 2, "message": {"role": "assistant", "content": null,)"
      R"( "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f",)"
      R"( "arguments": "{\"a\":\"SECRET\"}"}}]}}]}}, "error": null})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiBatch);
  EXPECT_EQ(t.id, "request-7");  // the caller's custom_id, not OpenAI's batch_req_ id
  EXPECT_EQ(t.model, "gpt-4o-2024-08-06");
  EXPECT_EQ(Of(t),
            (Messages{{"assistant", "First."}, {"assistant", "Second."}, {"assistant", ""}}));
}

TEST(TranscriptReaderTest, ReadsBatchTextCompletion) {
  Transcript t = Parse(
      R"({"custom_id": "r2", "response": {"status_code": 201, "body": {"object": "text_completion",)"
      R"( "model": "gpt-3.5-turbo-instruct", "choices": [{"index": 0, "text": "One."},)"
      R"( {"index": 1, "text": "Two."}]}}})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiBatch);
  EXPECT_EQ(t.id, "r2");
  EXPECT_EQ(t.model, "gpt-3.5-turbo-instruct");
  EXPECT_EQ(Of(t), (Messages{{"assistant", "One."}, {"assistant", "Two."}}));
}

TEST(TranscriptReaderTest, BatchChoicesFollowTheirIndex) {
  Transcript t = Parse(
      R"({"response": {"body": {"choices": [{"index": 2, "text": "c"}, {"index": 0, "text": "a"},)"
      R"( {"index": 1, "text": "b"}]}}})");
  EXPECT_EQ(Of(t), (Messages{{"assistant", "a"}, {"assistant", "b"}, {"assistant", "c"}}));
}

TEST(TranscriptReaderTest, BatchWithoutCustomIdOrChoices) {
  Transcript t = Parse(R"({"response": {"status_code": 200, "body": {"model": "m"}}})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiBatch);
  EXPECT_EQ(t.id, "");
  EXPECT_EQ(t.model, "m");
  EXPECT_TRUE(t.messages.empty());
}

TEST(TranscriptReaderTest, TopLevelModelWinsOverBatchBodyModel) {
  Transcript t = Parse(
      R"({"custom_id": "x", "model": "mine", "response": {"status_code": 200, "body": {"model":)"
      R"( "theirs", "choices": [{"message": {"role": "assistant", "content": "ok"}}]}}})");
  EXPECT_EQ(t.model, "mine");
  EXPECT_EQ(Of(t), (Messages{{"assistant", "ok"}}));
}

TEST(TranscriptReaderTest, BatchErrorQuotesTheUpstreamMessage) {
  EXPECT_EQ(Error(R"({"id": "b1", "custom_id": "r1", "response": null, "error": {"code":)"
                  R"( "batch_expired", "message": "This request could not be executed."}})"),
            "batch request failed: This request could not be executed.");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "error": "quota exceeded"})"),
            "batch request failed: quota exceeded");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "response": {"status_code": 200, "body": {"choices":)"
                  R"( []}}, "error": {"message": "late failure"}})"),
            "batch request failed: late failure");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "error": {"code": "server_error"}})"),
            "batch request failed: server_error");
}

TEST(TranscriptReaderTest, BatchNon2xxStatusIsAnError) {
  EXPECT_EQ(
      Error(R"({"custom_id": "r1", "response": {"status_code": 400, "body": {"error": {"message":)"
            R"( "Invalid model name.", "type": "invalid_request_error"}}}, "error": null})"),
      "batch request failed: status 400: Invalid model name.");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "response": {"status_code": 500, "body": {}}})"),
            "batch request failed: status 500");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "response": {"status_code": 199, "body": {}}})"),
            "batch request failed: status 199");
  EXPECT_EQ(Error(R"({"custom_id": "r1", "response": {"status_code": 300, "body": "x"}})"),
            "batch request failed: status 300");
  // 200..299 are all success.
  Transcript t = Parse(R"({"custom_id": "r", "response": {"status_code": 299, "body": {}}})");
  EXPECT_EQ(t.format, TranscriptFormat::kOpenAiBatch);
}

TEST(TranscriptReaderTest, MalformedBatchBodyIsAnError) {
  EXPECT_EQ(Error(R"({"custom_id": "r", "response": {"status_code": 200, "body": "text"}})"),
            "response.body is not a JSON object");
  EXPECT_EQ(Error(R"({"response": {"body": {"choices": [{"message": {"content": 3}}]}}})"),
            "response.body.choices[0].message: content is neither a string nor content parts");
  EXPECT_EQ(Error(R"({"response": {"body": {"choices": [{"index": 0}]}}})"),
            "response.body.choices[0]: neither \"message\" nor \"text\"");
  EXPECT_EQ(Error(R"({"response": {"body": {"choices": {}}}})"),
            "response.body.choices is not an array");
}

// --- ids and models ---

TEST(TranscriptReaderTest, IdsFromStringsAndIntegers) {
  struct Case {
    const char* line;
    const char* id;
  };
  const Case kCases[] = {
      {R"({"id": "abc", "custom_id": "c", "conversation_id": "v", "messages": []})", "abc"},
      {R"({"id": 42, "messages": []})", "42"},
      {R"({"id": -7, "messages": []})", "-7"},
      {R"({"id": 9223372036854775807, "messages": []})", "9223372036854775807"},
      {R"({"id": 18446744073709551615, "messages": []})", "18446744073709551615"},
      {R"({"custom_id": "c", "conversation_id": "v", "messages": []})", "c"},
      {R"({"custom_id": 5, "messages": []})", "5"},
      {R"({"conversation_id": "v", "messages": []})", "v"},
      {R"({"conversation_id": 12, "messages": []})", "12"},
      {R"({"id": 1.5, "custom_id": "c", "messages": []})", "c"},
      {R"({"id": null, "conversation_id": "v", "messages": []})", "v"},
      {R"({"id": "", "custom_id": "c", "messages": []})", "c"},
      {R"({"id": {"x": 1}, "messages": []})", ""},
      {R"({"id": [1], "messages": []})", ""},
      {R"({"id": true, "messages": []})", ""},
      {R"({"id": 1e3, "messages": []})", ""},
      {R"({"messages": []})", ""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(Parse(c.line).id, c.id);
  }
}

TEST(TranscriptReaderTest, ModelMustBeAString) {
  EXPECT_EQ(Parse(R"({"model": 4, "messages": []})").model, "");
  EXPECT_EQ(Parse(R"({"messages": []})").model, "");
  EXPECT_EQ(Parse(R"({"model": "m", "messages": []})").model, "m");
}

// --- detection order and malformed lines ---

TEST(TranscriptReaderTest, DetectionOrder) {
  // "messages" wins over everything, then "conversations", then a batch line, then prompt/response.
  EXPECT_EQ(
      Parse(R"({"messages": [], "conversations": [], "prompt": "p", "response": "r"})").format,
      TranscriptFormat::kOpenAiMessages);
  EXPECT_EQ(Parse(R"({"conversations": [], "prompt": "p", "response": "r"})").format,
            TranscriptFormat::kShareGpt);
  EXPECT_EQ(Parse(R"({"prompt": "p", "response": {"body": {}}})").format,
            TranscriptFormat::kOpenAiBatch);
  // A "messages" or "conversations" that is not an array does not decide the shape.
  EXPECT_EQ(Parse(R"({"messages": "x", "prompt": "p", "response": "r"})").format,
            TranscriptFormat::kPromptResponse);
  EXPECT_EQ(Parse(R"({"conversations": {}, "response": {"body": {}}})").format,
            TranscriptFormat::kOpenAiBatch);
}

TEST(TranscriptReaderTest, UnknownShape) {
  EXPECT_EQ(Error(R"({})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"text": "hello"})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"messages": {"role": "user"}})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"response": {"status_code": 200}})"), kUnknownShape);
  EXPECT_EQ(Error(R"({"response": null})"), kUnknownShape);
}

TEST(TranscriptReaderTest, EmptyLine) {
  EXPECT_EQ(Error(""), "empty line");
  EXPECT_EQ(Error("   "), "empty line");
  EXPECT_EQ(Error(" \t\r\n "), "empty line");
}

TEST(TranscriptReaderTest, InvalidJsonGivesTheByteOffset) {
  EXPECT_EQ(Error(R"({"messages": [})"), "invalid JSON: Invalid value at byte 14");
  EXPECT_EQ(Error(R"({"messages": [1 2]})"),
            "invalid JSON: Missing a comma or ']' after an array element at byte 16");
  EXPECT_EQ(Error("?"), "invalid JSON: Invalid value at byte 0");
  EXPECT_EQ(Error("nope"), "invalid JSON: Invalid value at byte 1");  // "n" began a "null"
  EXPECT_EQ(Error(R"({"messages": []} trailing)"),
            "invalid JSON: The document root must not be followed by other values at byte 17");
  EXPECT_EQ(Error(R"({"messages": [])"),
            "invalid JSON: Missing a comma or '}' after an object member at byte 15");
}

TEST(TranscriptReaderTest, ToleratesByteOrderMarkAndSurroundingWhiteSpace) {
  Transcript t =
      Parse("\xEF\xBB\xBF  {\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}\r");
  EXPECT_EQ(Of(t), (Messages{{"user", "hi"}}));
  // Offsets still count the bytes of the line as given.
  EXPECT_EQ(Error("\xEF\xBB\xBF?"), "invalid JSON: Invalid value at byte 3");
  EXPECT_EQ(Error("\xEF\xBB\xBF"), "empty line");
}

TEST(TranscriptReaderTest, NotAnObject) {
  for (const char* line : {"[]", "[{\"messages\": []}]", "\"text\"", "42", "null", "true"}) {
    SCOPED_TRACE(line);
    EXPECT_EQ(Error(line), "not a JSON object");
  }
}

TEST(TranscriptReaderTest, ParsesOnlyTheGivenBytes) {
  // The view ends before the closing brace: the bytes after it must not be read.
  const std::string buffer = R"({"messages": []}{"messages": []})";
  EXPECT_TRUE(ParseTranscriptLine(std::string_view(buffer).substr(0, 16)).ok());
  EXPECT_FALSE(ParseTranscriptLine(std::string_view(buffer).substr(0, 15)).ok());
}

}  // namespace
}  // namespace fg::audit
