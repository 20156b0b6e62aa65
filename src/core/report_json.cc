#include "src/core/report_json.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>

namespace fg {
namespace {

double Round(double v, double scale) { return std::round(v * scale) / scale; }

template <typename Writer>
void WriteSpan(Writer& w, const Span& span) {
  w.StartArray();
  w.Uint64(span.begin);
  w.Uint64(span.end);
  w.EndArray();
}

template <typename Writer>
void WriteClaimFields(Writer& w, const Claim& c) {
  w.Key("id");
  w.String(c.id);
  w.Key("text");
  w.String(c.text);
  w.Key("span");
  WriteSpan(w, c.span);
  w.Key("kind");
  w.String(std::string(ClaimKindName(c.kind)));
}

template <typename Writer>
void WriteReport(Writer& w, const Report& report) {
  size_t counts[3] = {0, 0, 0};
  w.StartObject();
  w.Key("claims");
  w.StartArray();
  for (const ClaimResult& r : report.claims) {
    ++counts[static_cast<int>(r.verdict)];
    w.StartObject();
    WriteClaimFields(w, r.claim);
    w.Key("verdict");
    w.String(std::string(VerdictName(r.verdict)));
    w.Key("confidence");
    w.Double(Round(r.confidence, 1000));
    w.Key("verifier");
    w.String(r.verifier);
    w.Key("citations");
    w.StartArray();
    for (const Citation& c : r.citations) {
      w.StartObject();
      w.Key("source");
      w.String(c.source);
      w.Key("doc_id");
      w.String(c.doc_id);
      w.Key("title");
      w.String(c.title);
      w.Key("url");
      if (c.url.empty()) {
        w.Null();
      } else {
        w.String(c.url);
      }
      w.Key("quote");
      w.String(c.quote);
      w.Key("quote_span");
      WriteSpan(w, c.quote_span);
      w.EndObject();
    }
    w.EndArray();
    w.Key("correction");
    if (r.correction) {
      w.String(*r.correction);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("summary");
  w.StartObject();
  w.Key("claims");
  w.Uint64(report.claims.size());
  w.Key("supported");
  w.Uint64(counts[static_cast<int>(Verdict::kSupported)]);
  w.Key("refuted");
  w.Uint64(counts[static_cast<int>(Verdict::kRefuted)]);
  w.Key("not_enough_info");
  w.Uint64(counts[static_cast<int>(Verdict::kNotEnoughInfo)]);
  w.Key("checked");
  w.Bool(report.checked);
  if (!report.errors.empty()) {
    w.Key("errors");
    w.StartArray();
    for (const std::string& e : report.errors) w.String(e);
    w.EndArray();
  }
  w.Key("elapsed_ms");
  w.Double(Round(report.elapsed_ms, 100));
  w.EndObject();
  w.EndObject();
}

template <typename Fn>
std::string Render(JsonStyle style, Fn&& fn) {
  rapidjson::StringBuffer buffer;
  if (style.pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    fn(w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    fn(w);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

std::string ReportToJson(const Report& report, JsonStyle style) {
  return Render(style, [&](auto& w) { WriteReport(w, report); });
}

std::string ClaimsToJson(const std::vector<Claim>& claims, JsonStyle style) {
  return Render(style, [&](auto& w) {
    w.StartObject();
    w.Key("claims");
    w.StartArray();
    for (const Claim& c : claims) {
      w.StartObject();
      WriteClaimFields(w, c);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace fg
