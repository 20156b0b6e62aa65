// ParseTranscriptLine: one JSONL line of an audit input to a Transcript, its format told by shape.
#include "src/audit/transcript_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace fg::audit {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The member `name` of `v` when v is an object that has it, else nullptr.
const rapidjson::Value* Member(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::string_view View(const rapidjson::Value& v) {
  return std::string_view(v.GetString(), v.GetStringLength());
}

// The member `name` as a string when it is one.
std::optional<std::string_view> StringMember(const rapidjson::Value& v, const char* name) {
  const rapidjson::Value* member = Member(v, name);
  if (member == nullptr || !member->IsString()) return std::nullopt;
  return View(*member);
}

// An identifier: a non-empty string, or an integer written in decimal; anything else is no id.
std::optional<std::string> IdText(const rapidjson::Value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->IsString() && v->GetStringLength() > 0) return std::string(View(*v));
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  return std::nullopt;
}

std::string Compact(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

Status Invalid(std::string message) { return Status::InvalidArgument(std::move(message)); }

std::string Indexed(const char* array, size_t index) {
  return std::string(array) + "[" + std::to_string(index) + "]";
}

// A message's text. A string is taken whole; an array of content parts gives its text parts (and
// bare strings) joined by a blank line; null or absent (an assistant turn that only calls tools)
// gives "". Everything else a message holds (tool_calls, reasoning, refusal, ...) is never read.
// nullopt when the content has some other type.
std::optional<std::string> ContentText(const rapidjson::Value* content) {
  if (content == nullptr || content->IsNull()) return std::string();
  if (content->IsString()) return std::string(View(*content));
  if (!content->IsArray()) return std::nullopt;
  std::string out;
  for (const rapidjson::Value& part : content->GetArray()) {
    std::string_view text;
    if (part.IsString()) {
      text = View(part);
    } else {
      std::optional<std::string_view> type = StringMember(part, "type");
      std::optional<std::string_view> part_text = StringMember(part, "text");
      if (!type || !part_text ||
          (*type != "text" && *type != "input_text" && *type != "output_text")) {
        continue;
      }
      text = *part_text;
    }
    if (text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += text;
  }
  return out;
}

Status ContentError(const std::string& where) {
  return Invalid(where + ": content is neither a string nor content parts");
}

Status ReadOpenAiMessages(const rapidjson::Value& messages, Transcript* out) {
  size_t index = 0;
  for (const rapidjson::Value& message : messages.GetArray()) {
    const std::string where = Indexed("messages", index++);
    if (!message.IsObject()) return Invalid(where + ": not a JSON object");
    const rapidjson::Value* role = Member(message, "role");
    if (role == nullptr) return Invalid(where + ": no \"role\"");
    if (!role->IsString()) return Invalid(where + ": \"role\" is not a string");
    std::optional<std::string> content = ContentText(Member(message, "content"));
    if (!content) return ContentError(where);
    out->messages.push_back({std::string(View(*role)), std::move(*content)});
  }
  return Status::Ok();
}

std::string ShareGptRole(std::string_view from) {
  std::string lower(from);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  });
  if (lower == "human" || lower == "user") return "user";
  if (lower == "gpt" || lower == "assistant" || lower == "chatgpt" || lower == "bard" ||
      lower == "model") {
    return "assistant";
  }
  if (lower == "system") return "system";
  return std::string(from);
}

Status ReadShareGpt(const rapidjson::Value& conversations, Transcript* out) {
  size_t index = 0;
  for (const rapidjson::Value& turn : conversations.GetArray()) {
    const std::string where = Indexed("conversations", index++);
    if (!turn.IsObject()) return Invalid(where + ": not a JSON object");
    const rapidjson::Value* from = Member(turn, "from");
    if (from == nullptr) return Invalid(where + ": no \"from\"");
    if (!from->IsString()) return Invalid(where + ": \"from\" is not a string");
    const rapidjson::Value* value = Member(turn, "value");
    std::string text;
    if (value != nullptr && value->IsString()) {
      text = View(*value);
    } else if (value != nullptr && !value->IsNull()) {
      return Invalid(where + ": \"value\" is not a string");
    }
    out->messages.push_back({ShareGptRole(View(*from)), std::move(text)});
  }
  return Status::Ok();
}

// The upstream's own words for a failed request: "message" of an error object, the string itself,
// else the whole value as JSON.
std::string ErrorText(const rapidjson::Value& error) {
  if (error.IsString()) return std::string(View(error));
  if (std::optional<std::string_view> message = StringMember(error, "message")) {
    return std::string(*message);
  }
  if (std::optional<std::string_view> code = StringMember(error, "code")) return std::string(*code);
  return Compact(error);
}

Status BatchFailed(const std::string& message) {
  return Invalid("batch request failed: " + message);
}

Status ReadOpenAiBatch(const rapidjson::Value& line, Transcript* out) {
  const rapidjson::Value* error = Member(line, "error");
  if (error != nullptr && !error->IsNull()) return BatchFailed(ErrorText(*error));
  const rapidjson::Value* response = Member(line, "response");
  const rapidjson::Value* body = response != nullptr ? Member(*response, "body") : nullptr;
  if (body == nullptr) return BatchFailed("no response");
  const rapidjson::Value* status = Member(*response, "status_code");
  if (status != nullptr && status->IsNumber()) {
    const double code = status->GetDouble();
    if (code < 200 || code >= 300) {
      std::string message =
          "status " + (status->IsInt64() ? std::to_string(status->GetInt64()) : Compact(*status));
      const rapidjson::Value* body_error = Member(*body, "error");
      if (body_error != nullptr && !body_error->IsNull()) message += ": " + ErrorText(*body_error);
      return BatchFailed(message);
    }
  }
  if (!body->IsObject()) return Invalid("response.body is not a JSON object");
  if (out->model.empty()) {
    if (std::optional<std::string_view> model = StringMember(*body, "model")) {
      out->model = *model;
    }
  }
  const rapidjson::Value* choices = Member(*body, "choices");
  if (choices == nullptr || choices->IsNull()) return Status::Ok();
  if (!choices->IsArray()) return Invalid("response.body.choices is not an array");

  // "In choice order": by "index" where the choices give one, else as listed.
  std::vector<std::pair<int64_t, size_t>> order;
  for (size_t i = 0; i < choices->Size(); ++i) {
    const rapidjson::Value* index = Member((*choices)[i], "index");
    order.emplace_back(
        index != nullptr && index->IsInt64() ? index->GetInt64() : static_cast<int64_t>(i), i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [unused, i] : order) {
    const rapidjson::Value& choice = (*choices)[i];
    const std::string where = Indexed("response.body.choices", i);
    if (!choice.IsObject()) return Invalid(where + ": not a JSON object");
    std::optional<std::string> text;
    if (const rapidjson::Value* message = Member(choice, "message"); message != nullptr) {
      // chat.completion
      if (!message->IsObject()) return Invalid(where + ": \"message\" is not a JSON object");
      text = ContentText(Member(*message, "content"));
      if (!text) return ContentError(where + ".message");
    } else if (const rapidjson::Value* completion = Member(choice, "text"); completion != nullptr) {
      // text_completion
      if (completion->IsString()) {
        text = std::string(View(*completion));
      } else if (completion->IsNull()) {
        text = std::string();
      } else {
        return Invalid(where + ": \"text\" is not a string");
      }
    } else {
      return Invalid(where + ": neither \"message\" nor \"text\"");
    }
    out->messages.push_back({"assistant", std::move(*text)});
  }
  return Status::Ok();
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string_view TranscriptFormatName(TranscriptFormat format) {
  switch (format) {
    case TranscriptFormat::kOpenAiMessages:
      return "openai_messages";
    case TranscriptFormat::kShareGpt:
      return "sharegpt";
    case TranscriptFormat::kPromptResponse:
      return "prompt_response";
    case TranscriptFormat::kOpenAiBatch:
      return "openai_batch";
  }
  return "unknown";
}

Result<Transcript> ParseTranscriptLine(std::string_view line) {
  // A byte-order mark (a file saved by some Windows editors) is not part of the JSON.
  size_t skipped = 0;
  if (line.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
    skipped = kUtf8Bom.size();
    line.remove_prefix(skipped);
  }
  if (IsBlank(line)) return Invalid("empty line");
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(line.data(), line.size());
  if (doc.HasParseError()) {
    std::string reason = rapidjson::GetParseError_En(doc.GetParseError());
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    return Invalid("invalid JSON: " + reason + " at byte " +
                   std::to_string(doc.GetErrorOffset() + skipped));
  }
  if (!doc.IsObject()) return Invalid("not a JSON object");

  Transcript out;
  for (const char* key : {"id", "custom_id", "conversation_id"}) {
    if (std::optional<std::string> id = IdText(Member(doc, key))) {
      out.id = std::move(*id);
      break;
    }
  }
  if (std::optional<std::string_view> model = StringMember(doc, "model")) out.model = *model;

  const rapidjson::Value* messages = Member(doc, "messages");
  const rapidjson::Value* conversations = Member(doc, "conversations");
  const rapidjson::Value* response = Member(doc, "response");
  const rapidjson::Value* error = Member(doc, "error");
  const rapidjson::Value* prompt = Member(doc, "prompt");
  Status status;
  if (messages != nullptr && messages->IsArray()) {
    out.format = TranscriptFormat::kOpenAiMessages;
    status = ReadOpenAiMessages(*messages, &out);
  } else if (conversations != nullptr && conversations->IsArray()) {
    out.format = TranscriptFormat::kShareGpt;
    status = ReadShareGpt(*conversations, &out);
  } else if ((response != nullptr && Member(*response, "body") != nullptr) ||
             // A failed Batch API request comes back with "response": null and the "error" set.
             (Member(doc, "custom_id") != nullptr && (response == nullptr || response->IsNull()) &&
              error != nullptr && !error->IsNull())) {
    out.format = TranscriptFormat::kOpenAiBatch;
    status = ReadOpenAiBatch(doc, &out);
  } else if (prompt != nullptr && prompt->IsString() && response != nullptr &&
             response->IsString()) {
    out.format = TranscriptFormat::kPromptResponse;
    out.messages.push_back({"user", std::string(View(*prompt))});
    out.messages.push_back({"assistant", std::string(View(*response))});
  } else {
    return Invalid(
        "unknown shape: expected \"messages\", \"conversations\", \"prompt\"/\"response\" or a "
        "Batch API output line");
  }
  if (!status.ok()) return status;
  // Batch API output lines carry OpenAI's own "id" (batch_req_...); the caller's custom_id is the
  // name users know the request by.
  if (out.format == TranscriptFormat::kOpenAiBatch) {
    if (std::optional<std::string> id = IdText(Member(doc, "custom_id"))) out.id = std::move(*id);
  }
  return out;
}

}  // namespace fg::audit
