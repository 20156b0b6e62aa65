// Training data from an audit: chat fine-tuning records and preference pairs.
#include "src/audit/training_export.h"

#include <optional>
#include <string_view>

#include "src/core/renderer.h"

namespace fg::audit {
namespace {

// The corrected text of a turn, or nullopt when the turn is not a corrected one (see header).
std::optional<std::string> CorrectedText(const TranscriptResult& result, const CheckedTurn& turn) {
  bool refuted = false;
  for (const ClaimResult& claim : turn.report.claims) {
    if (claim.verdict != Verdict::kRefuted) continue;
    if (!claim.correction) return std::nullopt;
    refuted = true;
  }
  if (!refuted) return std::nullopt;
  const std::string& text = result.transcript.messages[static_cast<size_t>(turn.turn)].content;
  return RenderRewrite(text, turn.report);
}

bool HasUncorrectedRefutation(const TranscriptResult& result) {
  for (const CheckedTurn& turn : result.turns) {
    for (const ClaimResult& claim : turn.report.claims) {
      if (claim.verdict == Verdict::kRefuted && !claim.correction) return true;
    }
  }
  return false;
}

void WriteMessage(JsonWriter& w, std::string_view role, std::string_view content) {
  w.StartObject();
  w.Key("role");
  w.String(role.data(), static_cast<rapidjson::SizeType>(role.size()));
  w.Key("content");
  w.String(content.data(), static_cast<rapidjson::SizeType>(content.size()));
  w.EndObject();
}

std::string Line(const rapidjson::StringBuffer& buffer) {
  std::string line(buffer.GetString(), buffer.GetSize());
  line += '\n';
  return line;
}

}  // namespace

std::string SftRecord(const TranscriptResult& result) {
  if (result.transcript.format == TranscriptFormat::kOpenAiBatch) return "";
  if (HasUncorrectedRefutation(result)) return "";
  std::vector<std::optional<std::string>> corrected(result.transcript.messages.size());
  bool any = false;
  for (const CheckedTurn& turn : result.turns) {
    corrected[static_cast<size_t>(turn.turn)] = CorrectedText(result, turn);
    any = any || corrected[static_cast<size_t>(turn.turn)].has_value();
  }
  if (!any) return "";
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("messages");
  w.StartArray();
  for (size_t i = 0; i < result.transcript.messages.size(); ++i) {
    const Message& m = result.transcript.messages[i];
    WriteMessage(w, m.role, corrected[i] ? *corrected[i] : m.content);
  }
  w.EndArray();
  w.EndObject();
  return Line(buffer);
}

std::string PreferenceRecords(const TranscriptResult& result) {
  if (result.transcript.format == TranscriptFormat::kOpenAiBatch) return "";
  std::string records;
  for (const CheckedTurn& turn : result.turns) {
    std::optional<std::string> corrected = CorrectedText(result, turn);
    if (!corrected) continue;
    size_t index = static_cast<size_t>(turn.turn);
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("id");
    w.String(result.id + "#" + std::to_string(turn.turn));
    w.Key("prompt");
    w.StartArray();
    for (size_t i = 0; i < index; ++i) {
      WriteMessage(w, result.transcript.messages[i].role, result.transcript.messages[i].content);
    }
    w.EndArray();
    w.Key("chosen");
    w.StartArray();
    WriteMessage(w, "assistant", *corrected);
    w.EndArray();
    w.Key("rejected");
    w.StartArray();
    WriteMessage(w, "assistant", result.transcript.messages[index].content);
    w.EndArray();
    w.EndObject();
    records += Line(buffer);
  }
  return records;
}

}  // namespace fg::audit
