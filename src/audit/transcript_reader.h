// Transcript reader: turns one line of an audit input into a Transcript, detecting its format from
// its shape (shared/DESIGN.md "Evaluation format"; issue 5):
//   openai_messages  {"messages": [{"role", "content"}...]}; content a string or an array of
//                    content parts, whose text parts ("type" "text", "input_text" or
//                    "output_text") are joined with a blank line; other parts are ignored
//   sharegpt         {"conversations": [{"from", "value"}...]}; "human"/"user" -> user,
//                    "gpt"/"assistant"/"chatgpt"/"bard"/"model" -> assistant, "system" -> system,
//                    anything else kept as given
//   prompt_response  {"prompt", "response"} (strings): a user message and an assistant message
//   openai_batch     {"custom_id", "response": {"status_code", "body": <chat.completion or
//                    text_completion>}, "error"}: each choice's message.content (or text) as an
//                    assistant message, in choice order; a line whose "error" is set or whose
//                    status_code is not 2xx is an error that quotes the upstream message
// Only the text of messages is read: never tool_calls, function_call, reasoning_content, reasoning
// or refusal. An assistant message without text (tool calls only) has empty content.
//
// Pure functions, thread-safe, never throw.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace fg::audit {

enum class TranscriptFormat { kOpenAiMessages, kShareGpt, kPromptResponse, kOpenAiBatch };
// "openai_messages" | "sharegpt" | "prompt_response" | "openai_batch"
std::string_view TranscriptFormatName(TranscriptFormat format);

struct Message {
  std::string role;  // "system", "user", "assistant", "tool", or as given
  std::string content;
};

struct Transcript {
  // "id" (a string, or an integer written in decimal), else "custom_id", else "conversation_id";
  // for openai_batch lines "custom_id" first (their "id" is OpenAI's batch_req_...). Empty when
  // the line has none (the runner names it by file and line).
  std::string id;
  // "model" at the top level, else (openai_batch) response.body.model; empty when absent.
  std::string model;
  TranscriptFormat format = TranscriptFormat::kOpenAiMessages;
  std::vector<Message> messages;
};

// kInvalidArgument with a short reason a person can act on, for example:
//   "empty line", "invalid JSON: <RapidJSON's message> at byte N", "not a JSON object",
//   "unknown shape: expected \"messages\", \"conversations\", \"prompt\"/\"response\" or a Batch
//   API output line", "messages[2]: content is neither a string nor content parts", "batch request
//   failed: <message>".
// A known shape with no assistant message at all is fine (a transcript with nothing to check).
Result<Transcript> ParseTranscriptLine(std::string_view line);

}  // namespace fg::audit
