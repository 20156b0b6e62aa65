// Audit results: the rows of claims.jsonl, transcripts.jsonl and errors.jsonl, and AuditTotals.
#include "src/audit/audit_results.h"

#include <rapidjson/prettywriter.h>

#include <algorithm>
#include <cmath>

namespace fg::audit {
namespace {

double Round(double v, double scale) { return std::round(v * scale) / scale; }

size_t VerdictIndex(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSupported:
      return 0;
    case Verdict::kRefuted:
      return 1;
    case Verdict::kNotEnoughInfo:
      break;
  }
  return 2;
}

constexpr const char* kVerdictKeys[] = {"supported", "refuted", "not_enough_info"};

void WriteString(JsonWriter& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

std::string Finish(const rapidjson::StringBuffer& buffer) {
  std::string line(buffer.GetString(), buffer.GetSize());
  line += '\n';
  return line;
}

template <typename Writer>
void WriteCounts(Writer& w, const VerdictCounts& c) {
  w.Key("claims");
  w.Uint64(c.claims);
  w.Key("supported");
  w.Uint64(c.supported);
  w.Key("refuted");
  w.Uint64(c.refuted);
  w.Key("not_enough_info");
  w.Uint64(c.not_enough_info);
}

template <typename Writer>
void WriteRate(Writer& w, uint64_t part, uint64_t whole) {
  if (whole == 0) {
    w.Null();
  } else {
    w.Double(Round(static_cast<double>(part) / static_cast<double>(whole), 10000));
  }
}

Result<uint64_t> GetUint(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject() || !obj.HasMember(key) || !obj[key].IsUint64()) {
    return Status::InvalidArgument(std::string("audit state: missing number \"") + key + "\"");
  }
  return obj[key].GetUint64();
}

Result<VerdictCounts> GetCounts(const rapidjson::Value& obj) {
  VerdictCounts c;
  size_t* fields[] = {&c.claims, &c.supported, &c.refuted, &c.not_enough_info};
  const char* keys[] = {"claims", "supported", "refuted", "not_enough_info"};
  for (size_t i = 0; i < 4; ++i) {
    auto v = GetUint(obj, keys[i]);
    if (!v.ok()) return v.status();
    *fields[i] = *v;
  }
  return c;
}

}  // namespace

std::string TranscriptId(const Transcript& transcript, std::string_view file, size_t line) {
  if (!transcript.id.empty()) return transcript.id;
  std::string_view name = file;
  if (name == "-") {
    name = "stdin";
  } else if (size_t slash = name.rfind('/'); slash != std::string_view::npos) {
    name = name.substr(slash + 1);
  }
  return std::string(name) + ":" + std::to_string(line);
}

VerdictCounts CountVerdicts(const TranscriptResult& result) {
  VerdictCounts counts;
  for (const CheckedTurn& turn : result.turns) {
    for (const ClaimResult& claim : turn.report.claims) counts.Count(claim.verdict);
  }
  return counts;
}

double Factuality(const VerdictCounts& counts) {
  if (counts.claims == 0) return -1;
  return static_cast<double>(counts.supported) / static_cast<double>(counts.claims);
}

std::string ClaimRows(const TranscriptResult& result) {
  std::string rows;
  for (const CheckedTurn& turn : result.turns) {
    for (const ClaimResult& claim : turn.report.claims) {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      ClaimJsonFields fields;
      fields.transcript = result.id;
      fields.turn = turn.turn;
      WriteClaimResult(w, claim, fields);
      rows += Finish(buffer);
    }
  }
  return rows;
}

std::string TranscriptRow(const TranscriptResult& result) {
  VerdictCounts counts = CountVerdicts(result);
  bool checked = true;
  std::vector<std::string> errors;
  for (const CheckedTurn& turn : result.turns) {
    checked = checked && turn.report.checked;
    for (const std::string& e : turn.report.errors) {
      if (std::find(errors.begin(), errors.end(), e) == errors.end()) errors.push_back(e);
    }
  }
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("id");
  WriteString(w, result.id);
  w.Key("file");
  WriteString(w, result.file);
  w.Key("line");
  w.Uint64(result.line);
  w.Key("format");
  WriteString(w, TranscriptFormatName(result.transcript.format));
  w.Key("model");
  if (result.transcript.model.empty()) {
    w.Null();
  } else {
    WriteString(w, result.transcript.model);
  }
  WriteCounts(w, counts);
  w.Key("factuality");
  WriteRate(w, counts.supported, counts.claims);
  w.Key("flagged");
  w.Bool(Flagged(counts));
  w.Key("checked");
  w.Bool(checked);
  if (!checked) {
    w.Key("errors");
    w.StartArray();
    for (const std::string& e : errors) WriteString(w, e);
    w.EndArray();
  }
  w.Key("turns");
  w.StartArray();
  for (const CheckedTurn& turn : result.turns) {
    w.StartObject();
    w.Key("turn");
    w.Int(turn.turn);
    w.Key("text");
    WriteString(w, result.transcript.messages[static_cast<size_t>(turn.turn)].content);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return Finish(buffer);
}

std::string ErrorRow(std::string_view file, size_t line, std::string_view reason) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("file");
  WriteString(w, file);
  w.Key("line");
  w.Uint64(line);
  w.Key("reason");
  WriteString(w, reason);
  w.EndObject();
  return Finish(buffer);
}

void AuditTotals::Add(const TranscriptResult& result) {
  VerdictCounts counts = CountVerdicts(result);
  ++transcripts_;
  turns_checked_ += result.turns.size();
  verdicts_.Add(counts);
  if (Flagged(counts)) ++flagged_;
  if (counts.claims > 0) {
    ++with_claims_;
    factuality_sum_ += Factuality(counts);
  }
  ModelTotals& model = models_[result.transcript.model];
  ++model.transcripts;
  if (Flagged(counts)) ++model.flagged;
  model.verdicts.Add(counts);
  for (const CheckedTurn& turn : result.turns) {
    for (const ClaimResult& claim : turn.report.claims) {
      // Binned on the confidence as the rows show it (three decimals).
      double confidence = std::clamp(Round(claim.confidence, 1000), 0.0, 1.0);
      size_t bin = std::min(kBins - 1, static_cast<size_t>(confidence * kBins));
      ++histogram_[VerdictIndex(claim.verdict)][bin];
    }
  }
}

double AuditTotals::refuted_rate() const {
  if (verdicts_.claims == 0) return 0;
  return static_cast<double>(verdicts_.refuted) / static_cast<double>(verdicts_.claims);
}

std::string AuditTotals::SummaryJson(const SummaryContext& context) const {
  rapidjson::StringBuffer buffer;
  PrettyJsonWriter w(buffer);
  w.SetIndent(' ', 2);
  w.SetFormatOptions(rapidjson::kFormatSingleLineArray);
  w.StartObject();
  w.Key("transcripts");
  w.Uint64(transcripts_);
  w.Key("flagged");
  w.Uint64(flagged_);
  w.Key("turns_checked");
  w.Uint64(turns_checked_);
  w.Key("claims");
  w.Uint64(verdicts_.claims);
  w.Key("bad_lines");
  w.Uint64(bad_lines_);
  w.Key("verdicts");
  w.StartObject();
  w.Key("supported");
  w.Uint64(verdicts_.supported);
  w.Key("refuted");
  w.Uint64(verdicts_.refuted);
  w.Key("not_enough_info");
  w.Uint64(verdicts_.not_enough_info);
  w.EndObject();
  w.Key("refuted_rate");
  WriteRate(w, verdicts_.refuted, verdicts_.claims);
  w.Key("factuality_mean");
  if (with_claims_ == 0) {
    w.Null();
  } else {
    w.Double(Round(factuality_sum_ / static_cast<double>(with_claims_), 10000));
  }
  w.Key("models");
  w.StartArray();
  // Named models by name, then the transcripts that named none.
  std::vector<const std::pair<const std::string, ModelTotals>*> order;
  for (const auto& entry : models_) {
    if (!entry.first.empty()) order.push_back(&entry);
  }
  if (auto it = models_.find(""); it != models_.end()) order.push_back(&*it);
  for (const auto* entry : order) {
    const ModelTotals& m = entry->second;
    w.StartObject();
    w.Key("model");
    if (entry->first.empty()) {
      w.Null();
    } else {
      w.String(entry->first);
    }
    w.Key("transcripts");
    w.Uint64(m.transcripts);
    w.Key("flagged");
    w.Uint64(m.flagged);
    WriteCounts(w, m.verdicts);
    w.Key("refuted_rate");
    WriteRate(w, m.verdicts.refuted, m.verdicts.claims);
    w.EndObject();
  }
  w.EndArray();
  w.Key("confidence_histogram");
  w.StartObject();
  w.Key("bins");
  w.StartArray();
  for (size_t i = 0; i <= kBins; ++i) w.Double(static_cast<double>(i) / kBins);
  w.EndArray();
  for (size_t v = 0; v < 3; ++v) {
    w.Key(kVerdictKeys[v]);
    w.StartArray();
    for (uint64_t n : histogram_[v]) w.Uint64(n);
    w.EndArray();
  }
  w.EndObject();
  w.Key("kb");
  w.StartObject();
  w.Key("paths");
  w.StartArray();
  for (const std::string& p : context.kb_paths) w.String(p);
  w.EndArray();
  w.Key("documents");
  w.Uint64(context.kb_documents);
  w.Key("passages");
  w.Uint64(context.kb_passages);
  w.EndObject();
  w.Key("verdict_model");
  if (context.verdict_model.empty()) {
    w.Null();
  } else {
    w.String(context.verdict_model);
  }
  w.Key("inputs");
  w.StartArray();
  for (const std::string& p : context.inputs) w.String(p);
  w.EndArray();
  double elapsed = std::max(context.elapsed_s, 1e-9);
  w.Key("elapsed_s");
  w.Double(Round(context.elapsed_s, 1000));
  w.Key("transcripts_per_second");
  w.Double(Round(static_cast<double>(transcripts_) / elapsed, 10));
  w.Key("claims_per_second");
  w.Double(Round(static_cast<double>(verdicts_.claims) / elapsed, 10));
  w.EndObject();
  std::string json(buffer.GetString(), buffer.GetSize());
  json += '\n';
  return json;
}

void AuditTotals::WriteState(JsonWriter& w) const {
  w.StartObject();
  w.Key("transcripts");
  w.Uint64(transcripts_);
  w.Key("flagged");
  w.Uint64(flagged_);
  w.Key("turns_checked");
  w.Uint64(turns_checked_);
  w.Key("bad_lines");
  w.Uint64(bad_lines_);
  w.Key("with_claims");
  w.Uint64(with_claims_);
  w.Key("factuality_sum");
  w.Double(factuality_sum_);
  w.Key("verdicts");
  w.StartObject();
  WriteCounts(w, verdicts_);
  w.EndObject();
  w.Key("models");
  w.StartArray();
  for (const auto& [name, m] : models_) {
    w.StartObject();
    w.Key("model");
    w.String(name);
    w.Key("transcripts");
    w.Uint64(m.transcripts);
    w.Key("flagged");
    w.Uint64(m.flagged);
    WriteCounts(w, m.verdicts);
    w.EndObject();
  }
  w.EndArray();
  w.Key("histogram");
  w.StartArray();
  for (const Histogram& h : histogram_) {
    w.StartArray();
    for (uint64_t n : h) w.Uint64(n);
    w.EndArray();
  }
  w.EndArray();
  w.EndObject();
}

Result<AuditTotals> AuditTotals::FromState(const rapidjson::Value& state) {
  AuditTotals t;
  struct Field {
    const char* key;
    uint64_t* target;
  };
  for (Field f : {Field{"transcripts", &t.transcripts_}, Field{"flagged", &t.flagged_},
                  Field{"turns_checked", &t.turns_checked_}, Field{"bad_lines", &t.bad_lines_},
                  Field{"with_claims", &t.with_claims_}}) {
    auto v = GetUint(state, f.key);
    if (!v.ok()) return v.status();
    *f.target = *v;
  }
  if (!state.HasMember("factuality_sum") || !state["factuality_sum"].IsNumber()) {
    return Status::InvalidArgument("audit state: missing \"factuality_sum\"");
  }
  t.factuality_sum_ = state["factuality_sum"].GetDouble();
  if (!state.HasMember("verdicts")) return Status::InvalidArgument("audit state: no \"verdicts\"");
  auto verdicts = GetCounts(state["verdicts"]);
  if (!verdicts.ok()) return verdicts.status();
  t.verdicts_ = *verdicts;
  if (!state.HasMember("models") || !state["models"].IsArray()) {
    return Status::InvalidArgument("audit state: no \"models\"");
  }
  for (const rapidjson::Value& m : state["models"].GetArray()) {
    if (!m.IsObject() || !m.HasMember("model") || !m["model"].IsString()) {
      return Status::InvalidArgument("audit state: a model without a name");
    }
    ModelTotals& totals = t.models_[m["model"].GetString()];
    auto transcripts = GetUint(m, "transcripts");
    auto flagged = GetUint(m, "flagged");
    auto counts = GetCounts(m);
    if (!transcripts.ok() || !flagged.ok() || !counts.ok()) {
      return Status::InvalidArgument("audit state: a model's totals are incomplete");
    }
    totals.transcripts = *transcripts;
    totals.flagged = *flagged;
    totals.verdicts = *counts;
  }
  if (!state.HasMember("histogram") || !state["histogram"].IsArray() ||
      state["histogram"].Size() != 3) {
    return Status::InvalidArgument("audit state: no \"histogram\"");
  }
  for (rapidjson::SizeType v = 0; v < 3; ++v) {
    const rapidjson::Value& h = state["histogram"][v];
    if (!h.IsArray() || h.Size() != kBins) {
      return Status::InvalidArgument("audit state: a histogram row of the wrong size");
    }
    for (rapidjson::SizeType i = 0; i < kBins; ++i) {
      if (!h[i].IsUint64()) return Status::InvalidArgument("audit state: a bad histogram count");
      t.histogram_[v][i] = h[i].GetUint64();
    }
  }
  return t;
}

}  // namespace fg::audit
