#include "src/core/report_json.h"

#include <cmath>
#include <ctime>

#include "src/core/report_json_writer.h"

namespace fg {
namespace {

double Round(double v, double scale) { return std::round(v * scale) / scale; }

// "2026-11-29T00:12:05Z" for unix seconds.
std::string UtcTimestamp(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

template <typename Writer>
void WriteSpan(Writer& w, const Span& span) {
  w.StartArray();
  w.Uint64(span.begin);
  w.Uint64(span.end);
  w.EndArray();
}

template <typename Writer>
void WriteClaimFields(Writer& w, const Claim& c, const ClaimJsonFields& fields = {}) {
  if (!fields.transcript.empty()) {
    w.Key("transcript");
    w.String(fields.transcript.data(), static_cast<rapidjson::SizeType>(fields.transcript.size()));
    if (fields.turn) {
      w.Key("turn");
      w.Int(*fields.turn);
    }
  }
  w.Key("id");
  if (fields.id.empty()) {
    w.String(c.id);
  } else {
    w.String(fields.id.data(), static_cast<rapidjson::SizeType>(fields.id.size()));
  }
  if (fields.choice) {
    w.Key("choice");
    w.Int(*fields.choice);
  }
  w.Key("text");
  w.String(c.text);
  w.Key("span");
  WriteSpan(w, c.span);
  w.Key("kind");
  w.String(std::string(ClaimKindName(c.kind)));
}

template <typename Writer>
void WriteClaimResultImpl(Writer& w, const ClaimResult& r, const ClaimJsonFields& fields) {
  w.StartObject();
  WriteClaimFields(w, r.claim, fields);
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
    // Web evidence only: which revision was quoted and when the page was fetched.
    if (!c.revision.empty()) {
      w.Key("revision_id");
      w.String(c.revision);
    }
    if (c.fetched_at > 0) {
      w.Key("fetched_at");
      w.String(UtcTimestamp(c.fetched_at));
    }
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

template <typename Writer>
void WriteSummaryImpl(Writer& w, const ReportSummary& s) {
  w.StartObject();
  w.Key("claims");
  w.Uint64(s.claims);
  w.Key("supported");
  w.Uint64(s.supported);
  w.Key("refuted");
  w.Uint64(s.refuted);
  w.Key("not_enough_info");
  w.Uint64(s.not_enough_info);
  w.Key("checked");
  w.Bool(s.checked);
  if (!s.errors.empty()) {
    w.Key("errors");
    w.StartArray();
    for (const std::string& e : s.errors) w.String(e);
    w.EndArray();
  }
  w.Key("elapsed_ms");
  w.Double(Round(s.elapsed_ms, 100));
  w.EndObject();
}

template <typename Writer>
void WriteReport(Writer& w, const Report& report) {
  w.StartObject();
  w.Key("claims");
  w.StartArray();
  for (const ClaimResult& r : report.claims) WriteClaimResultImpl(w, r, {});
  w.EndArray();
  w.Key("summary");
  WriteSummaryImpl(w, Summarize(report));
  w.EndObject();
}

template <typename Fn>
std::string Render(JsonStyle style, Fn&& fn) {
  rapidjson::StringBuffer buffer;
  if (style.pretty) {
    PrettyJsonWriter w(buffer);
    w.SetIndent(' ', 2);
    w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
    fn(w);
  } else {
    JsonWriter w(buffer);
    fn(w);
  }
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

void VerdictCounts::Count(Verdict verdict) {
  ++claims;
  switch (verdict) {
    case Verdict::kSupported:
      ++supported;
      break;
    case Verdict::kRefuted:
      ++refuted;
      break;
    case Verdict::kNotEnoughInfo:
      ++not_enough_info;
      break;
  }
}

void VerdictCounts::Add(const VerdictCounts& other) {
  claims += other.claims;
  supported += other.supported;
  refuted += other.refuted;
  not_enough_info += other.not_enough_info;
}

ReportSummary Summarize(const Report& report) {
  ReportSummary s;
  for (const ClaimResult& r : report.claims) s.Count(r.verdict);
  s.checked = report.checked;
  s.errors = report.errors;
  s.elapsed_ms = report.elapsed_ms;
  return s;
}

void WriteClaimResult(JsonWriter& w, const ClaimResult& result, const ClaimJsonFields& fields) {
  WriteClaimResultImpl(w, result, fields);
}
void WriteClaimResult(PrettyJsonWriter& w, const ClaimResult& result,
                      const ClaimJsonFields& fields) {
  WriteClaimResultImpl(w, result, fields);
}
void WriteSummary(JsonWriter& w, const ReportSummary& summary) { WriteSummaryImpl(w, summary); }
void WriteSummary(PrettyJsonWriter& w, const ReportSummary& summary) {
  WriteSummaryImpl(w, summary);
}

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
