// OpenAI dialect, non-streaming part: finds the model's text in a response of
// POST /v1/chat/completions or /v1/completions, and writes the verdicts back into the body in the
// proxy modes (src/core/renderer.h). Also builds the "factgate" report object that both bodies and
// stream chunks carry (plugins/openai/chat_stream.h), and the OpenAI error body.
//
// Text comes from choices[i].message.content (chat: a string, or an array of content parts whose
// "text" parts are joined with a blank line) or choices[i].text (completions). Never from
// tool_calls, function_call, reasoning_content, reasoning or refusal.
//
// Pure functions, thread-safe, never throw. JSON goes through RapidJSON: a rewritten body keeps
// every member and its order and value (integers exactly; other numbers by value), but not the
// upstream's white space or string escapes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugins/dialect.h"
#include "src/core/renderer.h"
#include "src/core/report_json_writer.h"
#include "src/core/status.h"
#include "src/core/types.h"

namespace fg::openai {

enum class Api {
  kChat,         // /v1/chat/completions: chat.completion, chat.completion.chunk
  kCompletions,  // /v1/completions: text_completion
};

using plugins::CheckRequest;
using plugins::ChoiceReport;
using plugins::ChoiceText;
using plugins::ReportJson;
using plugins::WriteReportJson;

// The text of each choice of an upstream response body, in the order of "choices". Choices without
// text (no string content, e.g. tool calls only) are omitted. kInvalidArgument when the body is not
// a JSON object; a body without "choices" gives an empty list.
Result<std::vector<ChoiceText>> ExtractChoiceTexts(std::string_view body, Api api);

// The body with the verdicts written in:
//   off       the body unchanged (not even parsed);
//   annotate  a top-level "factgate" member (ReportJson) added, last; an existing one is replaced;
//   cite      as annotate, and each reported choice's text replaced by RenderCite(text, report);
//   rewrite   as annotate, and each reported choice's text replaced by RenderRewrite(text, report).
// Content given as an array of parts is never rewritten (the spans would not map back onto the
// parts); such choices are still reported. Reports for choice indices the body lacks are reported
// but change no text. kInvalidArgument when the body is not a JSON object.
Result<std::string> ApplyReports(std::string_view body, Api api, Mode mode,
                                 const std::vector<ChoiceReport>& reports);

// {"error": {"message": ..., "type": ..., "code": ...}}; code is null when empty.
std::string ErrorBody(std::string_view message, std::string_view type, std::string_view code);

}  // namespace fg::openai
