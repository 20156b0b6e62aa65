// The Ollama dialect: routes, whole bodies, and the NDJSON stream processor behind the seam.
#include "plugins/ollama/ollama_dialect.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "plugins/json_util.h"
#include "plugins/ollama/ndjson_stream.h"
#include "src/core/report_json_writer.h"

namespace fg::ollama {
namespace {

using plugins::Member;

constexpr unsigned kParseFlags = plugins::kJsonParseFlags;

// The string value holding the answer (chat: message.content; generate: response), or nullptr.
rapidjson::Value* TextValue(rapidjson::Value& body, Api api) {
  rapidjson::Value* holder = api == Api::kChat ? Member(body, "message") : &body;
  if (holder == nullptr) return nullptr;
  rapidjson::Value* text = Member(*holder, api == Api::kChat ? "content" : "response");
  return text != nullptr && text->IsString() ? text : nullptr;
}

Status NotAnObject() { return Status::InvalidArgument("upstream body is not a JSON object"); }

}  // namespace

std::vector<plugins::DialectRoute> OllamaDialect::routes() const {
  return {
      {"POST", "/api/chat", true}, {"POST", "/api/generate", true}, {"GET", "/api/tags", false}};
}

bool OllamaDialect::IsStream(std::string_view content_type) const {
  constexpr std::string_view kType = "application/x-ndjson";
  if (content_type.size() < kType.size()) return false;
  for (size_t i = 0; i < kType.size(); ++i) {
    char c = content_type[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kType[i]) return false;
  }
  return content_type.size() == kType.size() || content_type[kType.size()] == ';' ||
         content_type[kType.size()] == ' ';
}

Result<std::vector<plugins::ChoiceText>> OllamaDialect::ExtractTexts(std::string_view path,
                                                                     std::string_view body) const {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  std::vector<plugins::ChoiceText> out;
  if (rapidjson::Value* text = TextValue(doc, ApiFor(path))) {
    out.push_back({0, std::string(text->GetString(), text->GetStringLength())});
  }
  return out;
}

Result<std::string> OllamaDialect::ApplyReports(
    std::string_view path, std::string_view body, Mode mode,
    const std::vector<plugins::ChoiceReport>& reports) const {
  if (mode == Mode::kOff) return std::string(body);
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return NotAnObject();
  if (mode == Mode::kCite || mode == Mode::kRewrite) {
    auto report = std::find_if(reports.begin(), reports.end(),
                               [](const plugins::ChoiceReport& r) { return r.index == 0; });
    rapidjson::Value* text = TextValue(doc, ApiFor(path));
    if (report != reports.end() && text != nullptr) {
      plugins::RenderTextValue(*text, mode, report->report, doc.GetAllocator());
    }
  }
  return plugins::SerializeWithReport(doc, reports);
}

std::unique_ptr<plugins::StreamProcessor> OllamaDialect::NewStream(std::string_view path,
                                                                   Mode mode) const {
  return std::make_unique<NdjsonStream>(ApiFor(path), mode);
}

std::string OllamaDialect::ErrorBody(int /*http_status*/, std::string_view message,
                                     std::string_view /*code*/) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fg::ollama
