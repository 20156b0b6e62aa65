#include "plugins/openai/openai_adapter.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <optional>

namespace fg::openai {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag;

// The member `name` of `v` when v is an object that has it, else nullptr.
const rapidjson::Value* Member(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}
rapidjson::Value* Member(rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

int ChoiceIndex(const rapidjson::Value& choice, size_t position) {
  const rapidjson::Value* index = Member(choice, "index");
  if (index != nullptr && index->IsInt()) return index->GetInt();
  return static_cast<int>(position);
}

// The value holding a choice's text as one string (chat: message.content; completions: text), or
// nullptr when the text is absent or not a string.
rapidjson::Value* TextValue(rapidjson::Value& choice, Api api) {
  rapidjson::Value* holder = api == Api::kChat ? Member(choice, "message") : &choice;
  if (holder == nullptr) return nullptr;
  rapidjson::Value* text = Member(*holder, api == Api::kChat ? "content" : "text");
  return text != nullptr && text->IsString() ? text : nullptr;
}

// Chat content given as an array of parts: the "text" parts joined by a blank line, which always
// ends a sentence.
std::optional<std::string> PartsText(const rapidjson::Value& choice) {
  const rapidjson::Value* message = Member(choice, "message");
  const rapidjson::Value* content = message ? Member(*message, "content") : nullptr;
  if (content == nullptr || !content->IsArray()) return std::nullopt;
  std::optional<std::string> out;
  for (const rapidjson::Value& part : content->GetArray()) {
    const rapidjson::Value* type = Member(part, "type");
    const rapidjson::Value* text = Member(part, "text");
    if (type == nullptr || !type->IsString() || std::string_view(type->GetString()) != "text" ||
        text == nullptr || !text->IsString()) {
      continue;
    }
    if (out) {
      *out += "\n\n";
    } else {
      out.emplace();
    }
    out->append(text->GetString(), text->GetStringLength());
  }
  return out;
}

Status NotAnObject() { return Status::InvalidArgument("upstream body is not a JSON object"); }

}  // namespace

Result<std::vector<ChoiceText>> ExtractChoiceTexts(std::string_view body, Api api) {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  std::vector<ChoiceText> out;
  rapidjson::Value* choices = Member(doc, "choices");
  if (choices == nullptr || !choices->IsArray()) return out;
  size_t position = 0;
  for (rapidjson::Value& choice : choices->GetArray()) {
    int index = ChoiceIndex(choice, position++);
    if (rapidjson::Value* text = TextValue(choice, api)) {
      out.push_back({index, std::string(text->GetString(), text->GetStringLength())});
    } else if (api == Api::kChat) {
      if (std::optional<std::string> parts = PartsText(choice)) {
        out.push_back({index, std::move(*parts)});
      }
    }
  }
  return out;
}

Result<std::string> ApplyReports(std::string_view body, Api api, Mode mode,
                                 const std::vector<ChoiceReport>& reports) {
  if (mode == Mode::kOff) return std::string(body);
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  rapidjson::Value* choices = Member(doc, "choices");
  if ((mode == Mode::kCite || mode == Mode::kRewrite) && choices != nullptr && choices->IsArray()) {
    size_t position = 0;
    for (rapidjson::Value& choice : choices->GetArray()) {
      int index = ChoiceIndex(choice, position++);
      auto report = std::find_if(reports.begin(), reports.end(),
                                 [&](const ChoiceReport& r) { return r.index == index; });
      if (report == reports.end()) continue;
      rapidjson::Value* text = TextValue(choice, api);
      if (text == nullptr) continue;  // no text, or content parts: left as they are
      plugins::RenderTextValue(*text, mode, report->report, doc.GetAllocator());
    }
  }
  return plugins::SerializeWithReport(doc, reports);
}

std::string ErrorBody(std::string_view message, std::string_view type, std::string_view code) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.Key("type");
  w.String(type.data(), static_cast<rapidjson::SizeType>(type.size()));
  w.Key("code");
  if (code.empty()) {
    w.Null();
  } else {
    w.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  }
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fg::openai
