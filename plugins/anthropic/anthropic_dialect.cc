// The Anthropic Messages dialect: routes, whole bodies, errors, and the stream processor.
#include "plugins/anthropic/anthropic_dialect.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "plugins/anthropic/messages_stream.h"
#include "plugins/json_util.h"

namespace fg::anthropic {
namespace {

using plugins::ChoiceReport;
using plugins::ChoiceText;
using rapidjson::Value;

using plugins::Member;

constexpr unsigned kParseFlags = plugins::kJsonParseFlags;

// The "text" string of a content block of type "text", or nullptr.
Value* BlockText(Value& block) {
  Value* type = Member(block, "type");
  if (type == nullptr || !type->IsString() || std::string_view(type->GetString()) != "text") {
    return nullptr;
  }
  Value* text = Member(block, "text");
  return text != nullptr && text->IsString() ? text : nullptr;
}

Status NotAnObject() { return Status::InvalidArgument("upstream body is not a JSON object"); }

}  // namespace

std::vector<plugins::DialectRoute> AnthropicDialect::routes() const {
  return {
      {"POST", "/v1/messages", true}, {"GET", "/v1/models", false}, {"GET", "/v1/models/*", false}};
}

bool AnthropicDialect::IsStream(std::string_view content_type) const {
  return content_type.starts_with("text/event-stream");
}

Result<std::vector<ChoiceText>> AnthropicDialect::ExtractTexts(std::string_view /*path*/,
                                                               std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  std::vector<ChoiceText> out;
  Value* content = Member(doc, "content");
  if (content == nullptr || !content->IsArray()) return out;
  int position = 0;
  for (Value& block : content->GetArray()) {
    if (Value* text = BlockText(block)) {
      out.push_back({position, std::string(text->GetString(), text->GetStringLength())});
    }
    ++position;
  }
  return out;
}

Result<std::string> AnthropicDialect::ApplyReports(std::string_view /*path*/, std::string_view body,
                                                   Mode mode,
                                                   const std::vector<ChoiceReport>& reports) const {
  if (mode == Mode::kOff) return std::string(body);
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  Value* content = Member(doc, "content");
  if ((mode == Mode::kCite || mode == Mode::kRewrite) && content != nullptr && content->IsArray()) {
    int position = 0;
    for (Value& block : content->GetArray()) {
      const int index = position++;
      auto report = std::find_if(reports.begin(), reports.end(),
                                 [&](const ChoiceReport& r) { return r.index == index; });
      if (report == reports.end()) continue;
      Value* text = BlockText(block);
      if (text == nullptr) continue;
      plugins::RenderTextValue(*text, mode, report->report, doc.GetAllocator());
    }
  }
  return plugins::SerializeWithReport(doc, reports);
}

std::unique_ptr<plugins::StreamProcessor> AnthropicDialect::NewStream(std::string_view /*path*/,
                                                                      Mode mode) const {
  return std::make_unique<MessagesStream>(mode);
}

std::string_view ErrorTypeFor(int http_status) {
  switch (http_status) {
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return http_status >= 500 ? "api_error" : "invalid_request_error";
  }
}

std::string ErrorJson(std::string_view type, std::string_view message, std::string_view code) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  auto string = [&](std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  };
  w.StartObject();
  w.Key("type");
  w.String("error");
  w.Key("error");
  w.StartObject();
  w.Key("type");
  string(type);
  w.Key("message");
  string(message);
  if (!code.empty()) {
    w.Key("code");
    string(code);
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string AnthropicDialect::ErrorBody(int http_status, std::string_view message,
                                        std::string_view code) const {
  return ErrorJson(ErrorTypeFor(http_status), message, code);
}

}  // namespace fg::anthropic
