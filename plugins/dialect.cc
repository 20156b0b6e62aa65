// The report object every dialect carries.
#include "plugins/dialect.h"

#include <rapidjson/stringbuffer.h>

#include <algorithm>

#include "src/core/report_json.h"

namespace fg::plugins {

void WriteReportJson(JsonWriter& w, const std::vector<ChoiceReport>& reports) {
  w.StartObject();
  w.Key("claims");
  w.StartArray();
  size_t n = 0;
  for (const ChoiceReport& cr : reports) {
    for (const ClaimResult& r : cr.report.claims) {
      std::string id = "c" + std::to_string(++n);
      ClaimJsonFields fields;
      fields.id = id;
      fields.choice = cr.index;
      WriteClaimResult(w, r, fields);
    }
  }
  w.EndArray();
  ReportSummary total;
  for (const ChoiceReport& cr : reports) {
    for (const ClaimResult& r : cr.report.claims) total.Count(r.verdict);
    total.checked = total.checked && cr.report.checked;
    total.elapsed_ms = std::max(total.elapsed_ms, cr.report.elapsed_ms);
    for (const std::string& e : cr.report.errors) {
      if (std::find(total.errors.begin(), total.errors.end(), e) == total.errors.end()) {
        total.errors.push_back(e);
      }
    }
  }
  if (total.checked) total.errors.clear();
  w.Key("summary");
  WriteSummary(w, total);
  w.Key("choices");
  w.StartArray();
  for (const ChoiceReport& cr : reports) {
    ReportSummary s = Summarize(cr.report);
    if (s.checked) s.errors.clear();
    w.StartObject();
    w.Key("index");
    w.Int(cr.index);
    w.Key("summary");
    WriteSummary(w, s);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

std::string ReportJson(const std::vector<ChoiceReport>& reports) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  WriteReportJson(w, reports);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string SerializeWithReport(const rapidjson::Value& doc,
                                const std::vector<ChoiceReport>& reports) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  for (const auto& m : doc.GetObject()) {
    if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == "factgate") continue;
    m.name.Accept(w);
    m.value.Accept(w);
  }
  w.Key("factgate");
  WriteReportJson(w, reports);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void RenderTextValue(rapidjson::Value& text, Mode mode, const Report& report,
                     rapidjson::Document::AllocatorType& allocator) {
  std::string_view original(text.GetString(), text.GetStringLength());
  std::string rendered =
      mode == Mode::kCite ? RenderCite(original, report) : RenderRewrite(original, report);
  text.SetString(rendered.data(), static_cast<rapidjson::SizeType>(rendered.size()), allocator);
}

}  // namespace fg::plugins
