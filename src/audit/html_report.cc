// WriteHtmlReport: the audit's self-contained report.html, streamed from summary.json,
// transcripts.jsonl and claims.jsonl (docs/AUDIT.md).
#include "src/audit/html_report.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/tokenizer.h"

namespace fg::audit {
namespace {

using rapidjson::Document;
using rapidjson::Value;

// Full precision so that confidences print the same digits the audit wrote.
constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag;
constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD

// ---- Text --------------------------------------------------------------------------------------

// The length of the well-formed UTF-8 sequence starting at s[i] (a non-ASCII lead byte), or 0 when
// it is malformed (bad lead, missing continuation, overlong form, surrogate, beyond U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) -> int {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : -1;
  };
  const int c = byte(0);
  int lo = 0x80, hi = 0xBF;
  size_t len = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  for (size_t k = 1; k < len; ++k) {
    const int b = byte(k);
    const int min = k == 1 ? lo : 0x80;
    const int max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) return 0;
  }
  return len;
}

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// True when byte offset `pos` starts a character of `s` (or is its end).
bool OnCharBoundary(std::string_view s, size_t pos) {
  return pos == s.size() || (pos < s.size() && !IsUtf8Continuation(s[pos]));
}

// `s` HTML-escaped for text and attribute values alike (& < > " '). Malformed UTF-8 and control
// characters other than tab, newline and carriage return become U+FFFD, so that no input can
// change how the page parses.
std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        out += kReplacementChar;
        ++i;
      } else {
        out.append(s.data() + i, len);
        i += len;
      }
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
      case '\r':
        out += static_cast<char>(c);
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += kReplacementChar;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  return out;
}

// At most `max_chars` characters of `s`, with "…" when cut.
std::string Truncate(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (IsUtf8Continuation(s[i])) continue;
    if (chars == max_chars) return std::string(s.substr(0, i)) + "\xE2\x80\xA6";
    ++chars;
  }
  return std::string(s);
}

// Only web links become anchors: never javascript:, data: or file: URLs.
bool IsWebUrl(std::string_view url) {
  std::string scheme = AsciiLower(url.substr(0, 8));
  if (!scheme.starts_with("http://") && !scheme.starts_with("https://")) return false;
  return std::none_of(url.begin(), url.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; });
}

// ---- Numbers (fixed formats, so the page is the same byte for byte) ----------------------------

std::string Format(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

// 48211 -> "48,211".
std::string Count(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A share in [0, 1] as a percentage with `decimals` digits; "–" when unknown.
std::string Percent(std::optional<double> share, int decimals = 1) {
  if (!share) return "\xE2\x80\x93";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f%%", decimals, *share * 100.0);
  return buf;
}

std::optional<double> Share(uint64_t part, uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

// 0.042 -> "0.042 s", 41.23 -> "41.2 s", 3600.4 -> "3600 s".
std::string Seconds(double s) {
  return Format(s < 1 ? "%.3f s" : s < 100 ? "%.1f s" : "%.0f s", s);
}

// SVG coordinates.
std::string Px(double v) { return Format("%.1f", v); }

// ---- JSON access (missing or mistyped members read as absent) ----------------------------------

const Value* Member(const Value& obj, const char* name) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(name);
  return it == obj.MemberEnd() ? nullptr : &it->value;
}

std::string_view Str(const Value& obj, const char* name) {
  const Value* v = Member(obj, name);
  if (v == nullptr || !v->IsString()) return {};
  return {v->GetString(), v->GetStringLength()};
}

bool IsStr(const Value& obj, const char* name) {
  const Value* v = Member(obj, name);
  return v != nullptr && v->IsString();
}

std::optional<double> Num(const Value& obj, const char* name) {
  const Value* v = Member(obj, name);
  if (v == nullptr || !v->IsNumber()) return std::nullopt;
  return v->GetDouble();
}

std::optional<uint64_t> AsUint(const Value& v) {
  if (v.IsUint64()) return v.GetUint64();
  if (v.IsDouble() && v.GetDouble() >= 0 && v.GetDouble() < 1.8e19) {
    return static_cast<uint64_t>(v.GetDouble());
  }
  return std::nullopt;
}

uint64_t Uint(const Value& obj, const char* name) {
  const Value* v = Member(obj, name);
  return v == nullptr ? 0 : AsUint(*v).value_or(0);
}

bool Bool(const Value& obj, const char* name, bool fallback) {
  const Value* v = Member(obj, name);
  return v != nullptr && v->IsBool() ? v->GetBool() : fallback;
}

// Compact JSON, for members whose shape the page does not know (error entries).
std::string ToJson(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  v.Accept(writer);
  return {buf.GetString(), buf.GetSize()};
}

// ---- Input files -------------------------------------------------------------------------------

Status OpenInput(const std::string& path, std::ifstream* in) {
  in->open(path, std::ios::binary);
  if (*in) return Status::Ok();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such file");
  return Status::InvalidArgument(path + ": cannot be opened");
}

// Reads a JSONL file one object per line (blank lines skipped), each into a fresh Document: a
// reused Document would keep every line's memory until the end.
class JsonlReader {
 public:
  Status Open(const std::string& path) {
    path_ = path;
    return OpenInput(path, &in_);
  }

  // True and `doc` filled with the next line's object; false at the end.
  Result<bool> Next(Document* doc) {
    while (std::getline(in_, line_)) {
      ++line_number_;
      if (!line_.empty() && line_.back() == '\r') line_.pop_back();
      if (line_.find_first_not_of(" \t") == std::string::npos) continue;
      Document parsed;
      parsed.Parse<kParseFlags>(line_.data(), line_.size());
      if (parsed.HasParseError()) {
        return Status::InvalidArgument(
            Where() + ": invalid JSON: " + rapidjson::GetParseError_En(parsed.GetParseError()) +
            " at byte " + std::to_string(parsed.GetErrorOffset()));
      }
      if (!parsed.IsObject()) return Status::InvalidArgument(Where() + ": not a JSON object");
      doc->Swap(parsed);
      return true;
    }
    if (in_.bad()) return Status::Unavailable(path_ + ": read error after line " + Line());
    return false;
  }

  // "path:line" of the line Next returned last.
  std::string Where() const { return path_ + ":" + Line(); }

 private:
  std::string Line() const { return std::to_string(line_number_); }

  std::string path_;
  std::ifstream in_;
  std::string line_;
  size_t line_number_ = 0;
};

// ---- summary.json ------------------------------------------------------------------------------

struct Verdicts {
  uint64_t supported = 0;
  uint64_t refuted = 0;
  uint64_t not_enough_info = 0;
  uint64_t Total() const { return supported + refuted + not_enough_info; }
};

struct ModelRow {
  std::string name;  // "" for the transcripts that name no model
  bool named = true;
  uint64_t transcripts = 0;
  uint64_t flagged = 0;
  uint64_t claims = 0;
  Verdicts verdicts;
  std::optional<double> refuted_rate;
};

struct Summary {
  uint64_t transcripts = 0;
  uint64_t flagged = 0;
  uint64_t turns_checked = 0;
  uint64_t claims = 0;
  uint64_t bad_lines = 0;
  Verdicts verdicts;
  std::optional<double> refuted_rate;
  std::optional<double> factuality_mean;
  std::vector<ModelRow> models;
  std::vector<double> bin_edges;  // bins + 1 edges
  std::vector<Verdicts> bins;
  std::vector<std::string> kb_paths;
  std::optional<uint64_t> kb_documents;
  std::optional<uint64_t> kb_passages;
  std::optional<std::string> verdict_model;  // nullopt: rule-based verifiers
  std::vector<std::string> inputs;
  std::optional<double> elapsed_s;
  std::optional<double> transcripts_per_second;
  std::optional<double> claims_per_second;
};

Verdicts ReadVerdicts(const Value& obj) {
  return {Uint(obj, "supported"), Uint(obj, "refuted"), Uint(obj, "not_enough_info")};
}

std::vector<std::string> ReadStrings(const Value* array) {
  std::vector<std::string> out;
  if (array == nullptr || !array->IsArray()) return out;
  for (const Value& v : array->GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

// The histogram's counts per bin; at most 100 bins are drawn.
void ReadHistogram(const Value& hist, Summary* s) {
  constexpr size_t kMaxBins = 100;
  const char* names[] = {"supported", "refuted", "not_enough_info"};
  size_t bins = 0;
  for (const char* name : names) {
    const Value* v = Member(hist, name);
    if (v != nullptr && v->IsArray()) bins = std::max<size_t>(bins, v->Size());
  }
  bins = std::min(bins, kMaxBins);
  s->bins.assign(bins, {});
  for (int k = 0; k < 3; ++k) {
    const Value* v = Member(hist, names[k]);
    if (v == nullptr || !v->IsArray()) continue;
    for (size_t i = 0; i < std::min<size_t>(bins, v->Size()); ++i) {
      const uint64_t n = AsUint((*v)[static_cast<rapidjson::SizeType>(i)]).value_or(0);
      (k == 0   ? s->bins[i].supported
       : k == 1 ? s->bins[i].refuted
                : s->bins[i].not_enough_info) = n;
    }
  }
  const Value* edges = Member(hist, "bins");
  if (edges != nullptr && edges->IsArray() && edges->Size() == bins + 1 &&
      std::all_of(edges->Begin(), edges->End(), [](const Value& e) { return e.IsNumber(); })) {
    for (const Value& e : edges->GetArray()) s->bin_edges.push_back(e.GetDouble());
  } else {
    for (size_t i = 0; i <= bins; ++i) {
      s->bin_edges.push_back(static_cast<double>(i) / static_cast<double>(bins));
    }
  }
}

Result<Summary> ReadSummary(const std::string& path) {
  std::ifstream in;
  if (Status st = OpenInput(path, &in); !st.ok()) return st;
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::Unavailable(path + ": read error");
  const std::string json = text.str();
  Document doc;
  doc.Parse<kParseFlags>(json.data(), json.size());
  if (doc.HasParseError()) {
    // The line of the error, for a person looking at a pretty-printed file.
    const size_t offset = doc.GetErrorOffset();
    const size_t line =
        1 + std::count(json.begin(), json.begin() + std::min(offset, json.size()), '\n');
    return Status::InvalidArgument(path + ":" + std::to_string(line) + ": invalid JSON: " +
                                   rapidjson::GetParseError_En(doc.GetParseError()) + " at byte " +
                                   std::to_string(offset));
  }
  if (!doc.IsObject()) return Status::InvalidArgument(path + ":1: not a JSON object");

  Summary s;
  s.transcripts = Uint(doc, "transcripts");
  s.flagged = Uint(doc, "flagged");
  s.turns_checked = Uint(doc, "turns_checked");
  s.claims = Uint(doc, "claims");
  s.bad_lines = Uint(doc, "bad_lines");
  if (const Value* v = Member(doc, "verdicts")) s.verdicts = ReadVerdicts(*v);
  s.refuted_rate = Num(doc, "refuted_rate");
  s.factuality_mean = Num(doc, "factuality_mean");
  if (const Value* models = Member(doc, "models"); models != nullptr && models->IsArray()) {
    for (const Value& m : models->GetArray()) {
      if (!m.IsObject()) continue;
      ModelRow row;
      row.named = IsStr(m, "model");
      row.name = std::string(Str(m, "model"));
      row.transcripts = Uint(m, "transcripts");
      row.flagged = Uint(m, "flagged");
      row.claims = Uint(m, "claims");
      row.verdicts = ReadVerdicts(m);
      row.refuted_rate = Num(m, "refuted_rate");
      s.models.push_back(std::move(row));
    }
  }
  if (const Value* hist = Member(doc, "confidence_histogram")) ReadHistogram(*hist, &s);
  if (const Value* kb = Member(doc, "kb"); kb != nullptr && kb->IsObject()) {
    s.kb_paths = ReadStrings(Member(*kb, "paths"));
    if (const Value* v = Member(*kb, "documents")) s.kb_documents = AsUint(*v);
    if (const Value* v = Member(*kb, "passages")) s.kb_passages = AsUint(*v);
  }
  if (IsStr(doc, "verdict_model")) s.verdict_model = std::string(Str(doc, "verdict_model"));
  s.inputs = ReadStrings(Member(doc, "inputs"));
  s.elapsed_s = Num(doc, "elapsed_s");
  s.transcripts_per_second = Num(doc, "transcripts_per_second");
  s.claims_per_second = Num(doc, "claims_per_second");
  return s;
}

// ---- Verdicts ----------------------------------------------------------------------------------

struct VerdictStyle {
  std::string_view css;    // class suffix: v-supported, ...
  std::string_view label;  // for people
  std::string_view icon;   // an HTML entity, so the verdict is not told by colour alone
};

VerdictStyle StyleOf(std::string_view verdict) {
  if (verdict == "supported") return {"supported", "supported", "&#x2713;"};
  if (verdict == "refuted") return {"refuted", "refuted", "&#x2717;"};
  if (verdict == "not_enough_info") return {"not_enough_info", "not enough info", "?"};
  return {"unknown", "unknown verdict", "&#x2022;"};
}

// ---- Page parts --------------------------------------------------------------------------------

constexpr std::string_view kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

constexpr std::string_view kStyle = R"css(
:root{--sup:#1a7f37;--sup-bg:#dafbe1;--ref:#cf222e;--ref-bg:#ffebe9;--nei:#9a6700;--nei-bg:#fff3c4;
--unk:#6e7781;--unk-bg:#eaeef2;--line:#d0d7de;--muted:#57606a;--fg:#1f2328;--bg:#fff;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:64rem;padding:.75rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg);overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:.25rem 0}h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
h3{font-size:1rem;margin:0}h4{font-size:.85rem;margin:.75rem 0 .25rem;color:var(--muted);font-weight:600}
[hidden]{display:none!important}
.muted,.sub{color:var(--muted)}.sub{margin:0;font-size:.9rem}
.note{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,9rem),1fr));gap:.5rem;margin:0;padding:0}
.card{border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;min-width:0}
.card dt{font-size:.8rem;color:var(--muted)}.card dd{margin:0;font-size:1.3rem;font-weight:600}
.card dd small{display:block;font-size:.75rem;font-weight:400;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr));gap:1rem;margin-top:1rem}
figure{margin:0;min-width:0}figcaption{font-weight:600;font-size:.9rem;margin-bottom:.25rem}
svg.chart{display:block;width:100%;height:auto;max-width:28rem}
svg.chart text{fill:var(--fg);font-size:14px}svg.chart text.small{font-size:12px;fill:var(--muted)}
svg.chart .axis{stroke:var(--line);stroke-width:1}
.f-supported{fill:var(--sup)}.f-refuted{fill:var(--ref)}.f-not_enough_info{fill:var(--nei)}.f-unknown{fill:var(--unk)}
.tbl{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;font-size:.8rem}th,td{border:1px solid var(--line);padding:.15rem .4rem;text-align:right}
th:first-child,td:first-child{text-align:left}
details.more{margin-top:.4rem;font-size:.9rem}details.more summary{cursor:pointer;color:var(--muted)}
.filters{position:sticky;top:0;z-index:2;background:var(--bg);display:flex;flex-wrap:wrap;gap:.4rem 1rem;
align-items:center;padding:.5rem 0;border-bottom:1px solid var(--line)}
.filters label{display:inline-flex;align-items:center;gap:.3rem}
.filters select,.filters input[type=search]{font:inherit;max-width:100%;min-width:0;padding:.2rem .3rem}
.filters input[type=search]{flex:1 1 9rem}
#f-count{font-size:.9rem;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0;font-size:.9rem}
.badge{display:inline-block;border-radius:1rem;padding:0 .45rem;font-size:.8rem;font-weight:600;white-space:nowrap}
.badge.v-supported{background:var(--sup-bg);color:var(--sup)}.badge.v-refuted{background:var(--ref-bg);color:var(--ref)}
.badge.v-not_enough_info{background:var(--nei-bg);color:var(--nei)}.badge.v-unknown{background:var(--unk-bg);color:var(--unk)}
article.transcript{border:1px solid var(--line);border-left:4px solid var(--sup);border-radius:6px;padding:.5rem .75rem;margin:.75rem 0}
article.transcript.flagged{border-left-color:var(--ref)}article.transcript.noclaims{border-left-color:var(--line)}
.t-meta{font-size:.85rem;color:var(--muted)}.t-counts{display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:center;margin-top:.2rem;font-size:.85rem}
.warn{color:var(--ref);font-size:.85rem;margin:.25rem 0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.7;margin:0;padding:.4rem .5rem;background:#f6f8fa;border-radius:4px}
mark.claim{color:inherit;cursor:pointer;border-radius:2px;padding:0 .05em;text-decoration-line:underline;
text-decoration-thickness:2px;text-underline-offset:3px;text-decoration-skip-ink:none}
mark.claim:focus{outline:2px solid #0969da;outline-offset:1px}
mark.claim::after{font-size:.7em;vertical-align:super;font-weight:700;margin-left:1px}
mark.v-supported{background:var(--sup-bg);text-decoration-color:var(--sup);text-decoration-style:solid}
mark.claim.v-supported::after{content:"\2713";color:var(--sup)}
mark.v-refuted{background:var(--ref-bg);text-decoration-color:var(--ref);text-decoration-style:wavy}
mark.claim.v-refuted::after{content:"\2717";color:var(--ref)}
mark.v-not_enough_info{background:var(--nei-bg);text-decoration-color:var(--nei);text-decoration-style:dotted}
mark.claim.v-not_enough_info::after{content:"?";color:var(--nei)}
mark.v-unknown{background:var(--unk-bg);text-decoration-color:var(--unk);text-decoration-style:dashed}
ol.claims{list-style:none;padding:0;margin:.4rem 0 0}
ol.claims>li{margin:.2rem 0}
details.claim-detail{border:1px solid var(--line);border-radius:4px;padding:.15rem .5rem}
details.claim-detail[open]{background:#fbfcfd}
details.claim-detail>summary{cursor:pointer;font-size:.9rem}
details.claim-detail.flash{box-shadow:0 0 0 3px #0969da55}
.conf{color:var(--muted);font-size:.8rem}
.cbody dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .75rem;margin:.4rem 0;font-size:.85rem}
.cbody dt{color:var(--muted)}.cbody dd{margin:0;min-width:0}
.correction{font-weight:600;color:var(--sup)}
ol.cites{padding-left:1.2rem;margin:.25rem 0 .4rem;font-size:.85rem}
ol.cites>li{margin:.3rem 0}.cite-title{font-weight:600}.cite-src{color:var(--muted);font-size:.8rem}
blockquote.quote{margin:.2rem 0;padding:.1rem .5rem;border-left:3px solid var(--line);white-space:pre-wrap}
a{color:#0969da}
@media (max-width:600px){.filters{position:static}body{padding:.5rem}}
)css";

// The filters and the claim links. Plain ES5 so that old phone browsers run it.
constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var items = document.querySelectorAll('article.transcript');
  var flagged = document.getElementById('f-flagged');
  var model = document.getElementById('f-model');
  var search = document.getElementById('f-search');
  var count = document.getElementById('f-count');
  var texts = null;
  function apply() {
    var onlyFlagged = flagged.checked;
    var opt = model.options[model.selectedIndex];
    var m = opt && opt.hasAttribute('data-model') ? opt.getAttribute('data-model') : null;
    var q = search.value.trim().toLowerCase();
    if (q && !texts) {
      texts = [];
      for (var k = 0; k < items.length; k++) texts.push(items[k].textContent.toLowerCase());
    }
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var a = items[i];
      var ok = (!onlyFlagged || a.getAttribute('data-flagged') === 'true') &&
               (m === null || a.getAttribute('data-model') === m) &&
               (!q || texts[i].indexOf(q) >= 0);
      a.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + items.length + ' transcripts shown';
  }
  flagged.addEventListener('change', apply);
  model.addEventListener('change', apply);
  search.addEventListener('input', apply);
  function reveal(mark) {
    var d = document.getElementById(mark.getAttribute('aria-controls'));
    if (!d) return;
    d.open = true;
    mark.setAttribute('aria-expanded', 'true');
    if (d.scrollIntoView) d.scrollIntoView({block: 'nearest'});
    d.classList.add('flash');
    setTimeout(function () { d.classList.remove('flash'); }, 1200);
  }
  function markOf(e) {
    var t = e.target;
    return t && t.closest ? t.closest('mark.claim') : null;
  }
  document.addEventListener('click', function (e) {
    var mark = markOf(e);
    if (mark) reveal(mark);
  });
  document.addEventListener('keydown', function (e) {
    var mark = markOf(e);
    if (mark && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      reveal(mark);
    }
  });
  apply();
})();
)js";

void WriteHead(std::ostream& out, const std::string& title) {
  out << "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kCsp << "\">\n"
      << "<meta name=\"referrer\" content=\"no-referrer\">\n"
      << "<title>" << Escape(title) << "</title>\n"
      << "<link rel=\"icon\" href=\"data:,\">\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";
}

void WriteCard(std::ostream& out, std::string_view label, const std::string& value,
               const std::string& detail = "") {
  out << "<div class=\"card\"><dt>" << label << "</dt><dd>" << value;
  if (!detail.empty()) out << "<small>" << detail << "</small>";
  out << "</dd></div>\n";
}

void WriteCards(std::ostream& out, const Summary& s) {
  out << "<dl class=\"cards\">\n";
  WriteCard(out, "Transcripts", Count(s.transcripts), Count(s.turns_checked) + " turns checked");
  WriteCard(out, "Claims", Count(s.claims),
            Count(s.verdicts.supported) + " supported &#xB7; " + Count(s.verdicts.refuted) +
                " refuted &#xB7; " + Count(s.verdicts.not_enough_info) + " not enough info");
  WriteCard(out, "Flagged", Count(s.flagged),
            Percent(Share(s.flagged, s.transcripts)) + " of transcripts have a refuted claim");
  WriteCard(out, "Refuted rate", Percent(s.refuted_rate, 2), "refuted / claims");
  WriteCard(out, "Factuality mean", Percent(s.factuality_mean, 1),
            "supported / claims, mean over transcripts with claims");
  WriteCard(out, "Bad lines", Count(s.bad_lines), "unreadable input lines (errors.jsonl)");
  std::string kb = s.kb_documents ? Count(*s.kb_documents) : "\xE2\x80\x93";
  WriteCard(out, "KB documents", kb,
            (s.kb_passages ? Count(*s.kb_passages) + " passages" : std::string("passages: ?")) +
                (s.kb_paths.empty() ? "" : " &#xB7; " + Escape(s.kb_paths.front())) +
                (s.kb_paths.size() > 1 ? " +" + std::to_string(s.kb_paths.size() - 1) : ""));
  std::string rates;
  if (s.transcripts_per_second) rates += Format("%.1f transcripts/s", *s.transcripts_per_second);
  if (s.claims_per_second) {
    rates += (rates.empty() ? "" : " &#xB7; ") + Format("%.1f claims/s", *s.claims_per_second);
  }
  WriteCard(out, "Time taken", s.elapsed_s ? Seconds(*s.elapsed_s) : "\xE2\x80\x93", rates);
  out << "</dl>\n";
}

void WriteVerdictChart(std::ostream& out, const Verdicts& v) {
  const uint64_t total = v.Total();
  const struct {
    std::string_view verdict;
    uint64_t n;
  } rows[] = {
      {"supported", v.supported}, {"refuted", v.refuted}, {"not_enough_info", v.not_enough_info}};
  uint64_t max = 1;
  for (const auto& r : rows) max = std::max(max, r.n);
  std::string desc;
  for (const auto& r : rows) {
    if (!desc.empty()) desc += "; ";
    desc += std::string(StyleOf(r.verdict).label) + " " + Count(r.n) + " (" +
            Percent(Share(r.n, total)) + ")";
  }
  out << "<figure><figcaption>Verdicts</figcaption>\n"
      << "<svg class=\"chart\" viewBox=\"0 0 400 100\" role=\"img\" "
         "aria-labelledby=\"ch-v-t ch-v-d\">"
      << "<title id=\"ch-v-t\">Verdict distribution over " << Count(total)
      << " claims</title><desc id=\"ch-v-d\">" << desc << "</desc>\n";
  constexpr double kLeft = 122, kWidth = 160;
  for (size_t i = 0; i < 3; ++i) {
    const auto& r = rows[i];
    const VerdictStyle style = StyleOf(r.verdict);
    const double y = 6 + 31.0 * static_cast<double>(i);
    const double w = kWidth * static_cast<double>(r.n) / static_cast<double>(max);
    const std::string value = Count(r.n) + " (" + Percent(Share(r.n, total)) + ")";
    out << "<text x=\"0\" y=\"" << Px(y + 15) << "\">" << style.label << "</text>"
        << "<rect class=\"f-" << style.css << "\" x=\"" << Px(kLeft) << "\" y=\"" << Px(y)
        << "\" width=\"" << Px(w) << "\" height=\"20\" rx=\"2\"><title>" << style.label << ": "
        << value << "</title></rect>"
        << "<text x=\"" << Px(kLeft + w + 6) << "\" y=\"" << Px(y + 15) << "\">" << value
        << "</text>\n";
  }
  out << "</svg></figure>\n";
}

std::string BinLabel(const Summary& s, size_t i) {
  const bool last = i + 1 == s.bins.size();
  return Format("[%g", s.bin_edges[i]) + Format(", %g", s.bin_edges[i + 1]) + (last ? "]" : ")");
}

void WriteHistogramChart(std::ostream& out, const Summary& s) {
  out << "<figure><figcaption>Confidence of the claims' verdicts</figcaption>\n";
  if (s.bins.empty()) {
    out << "<p class=\"muted\">No confidence histogram in summary.json.</p></figure>\n";
    return;
  }
  uint64_t max = 1;
  for (const Verdicts& b : s.bins) max = std::max(max, b.Total());
  std::string desc = "Claims per confidence bin, stacked by verdict: ";
  for (size_t i = 0; i < s.bins.size(); ++i) {
    const Verdicts& b = s.bins[i];
    desc += (i ? "; " : "") + BinLabel(s, i) + " " + Count(b.supported) + " supported, " +
            Count(b.refuted) + " refuted, " + Count(b.not_enough_info) + " not enough info";
  }
  out << "<svg class=\"chart\" viewBox=\"0 0 400 196\" role=\"img\" "
         "aria-labelledby=\"ch-h-t ch-h-d\">"
      << "<title id=\"ch-h-t\">Confidence histogram (" << s.bins.size()
      << " bins, stacked by verdict)</title><desc id=\"ch-h-d\">" << desc << "</desc>\n";
  constexpr double kLeft = 40, kRight = 392, kTop = 16, kBottom = 160;
  const double slot = (kRight - kLeft) / static_cast<double>(s.bins.size());
  const double bar = std::max(1.0, slot * 0.82);
  out << "<line class=\"axis\" x1=\"" << Px(kLeft) << "\" y1=\"" << Px(kBottom) << "\" x2=\""
      << Px(kRight) << "\" y2=\"" << Px(kBottom) << "\"/>"
      << "<line class=\"axis\" x1=\"" << Px(kLeft) << "\" y1=\"" << Px(kTop) << "\" x2=\""
      << Px(kRight) << "\" y2=\"" << Px(kTop) << "\" stroke-dasharray=\"3 3\"/>"
      << "<text class=\"small\" x=\"" << Px(kLeft - 4) << "\" y=\"" << Px(kTop + 4)
      << "\" text-anchor=\"end\">" << Count(max) << "</text>"
      << "<text class=\"small\" x=\"" << Px(kLeft - 4) << "\" y=\"" << Px(kBottom)
      << "\" text-anchor=\"end\">0</text>\n";
  for (size_t i = 0; i < s.bins.size(); ++i) {
    const Verdicts& b = s.bins[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    double y = kBottom;
    const struct {
      std::string_view verdict;
      uint64_t n;
    } parts[] = {
        {"supported", b.supported}, {"not_enough_info", b.not_enough_info}, {"refuted", b.refuted}};
    for (const auto& p : parts) {
      if (p.n == 0) continue;
      const double h = (kBottom - kTop) * static_cast<double>(p.n) / static_cast<double>(max);
      y -= h;
      const VerdictStyle style = StyleOf(p.verdict);
      out << "<rect class=\"f-" << style.css << "\" x=\"" << Px(x) << "\" y=\"" << Px(y)
          << "\" width=\"" << Px(bar) << "\" height=\"" << Px(h) << "\"><title>confidence "
          << BinLabel(s, i) << ": " << Count(p.n) << " " << style.label << "</title></rect>";
    }
    if (b.Total() > 0) {
      out << "<text class=\"small\" x=\"" << Px(x + bar / 2) << "\" y=\"" << Px(y - 3)
          << "\" text-anchor=\"middle\">" << Count(b.Total()) << "</text>";
    }
    out << "\n";
  }
  // Edge labels; every other one when the bins are too narrow for all.
  const size_t step = s.bins.size() > 12 ? (s.bins.size() + 9) / 10 : 1;
  for (size_t i = 0; i <= s.bins.size(); i += step) {
    out << "<text class=\"small\" x=\"" << Px(kLeft + slot * static_cast<double>(i)) << "\" y=\""
        << Px(kBottom + 13) << "\" text-anchor=\"middle\">" << Format("%g", s.bin_edges[i])
        << "</text>";
  }
  out << "<text class=\"small\" x=\"" << Px((kLeft + kRight) / 2) << "\" y=\"192\" "
      << "text-anchor=\"middle\">confidence</text>\n</svg>\n";
  out << "<details class=\"more\"><summary>Numbers</summary><div class=\"tbl\"><table>"
      << "<tr><th>confidence</th><th>supported</th><th>refuted</th><th>not enough info</th></tr>";
  for (size_t i = 0; i < s.bins.size(); ++i) {
    const Verdicts& b = s.bins[i];
    out << "<tr><td>" << BinLabel(s, i) << "</td><td>" << Count(b.supported) << "</td><td>"
        << Count(b.refuted) << "</td><td>" << Count(b.not_enough_info) << "</td></tr>";
  }
  out << "</table></div></details></figure>\n";
}

std::string ModelLabel(const ModelRow& m) { return m.named ? m.name : "(no model)"; }

void WriteModelChart(std::ostream& out, const Summary& s) {
  out << "<figure><figcaption>Refuted rate per model</figcaption>\n";
  if (s.models.empty()) {
    out << "<p class=\"muted\">No models in summary.json.</p></figure>\n";
    return;
  }
  double max = 0;
  for (const ModelRow& m : s.models) max = std::max(max, m.refuted_rate.value_or(0));
  std::string desc;
  for (const ModelRow& m : s.models) {
    if (!desc.empty()) desc += "; ";
    desc += Escape(ModelLabel(m)) + " " + Percent(m.refuted_rate) + " (" +
            Count(m.verdicts.refuted) + " of " + Count(m.claims) + " claims refuted)";
  }
  constexpr double kRow = 26, kLeft = 140, kWidth = 190;
  const double height = 8 + kRow * static_cast<double>(s.models.size());
  out << "<svg class=\"chart\" viewBox=\"0 0 400 " << Px(height)
      << "\" role=\"img\" aria-labelledby=\"ch-m-t ch-m-d\">"
      << "<title id=\"ch-m-t\">Refuted rate per model (refuted claims / claims)</title>"
      << "<desc id=\"ch-m-d\">" << desc << "</desc>\n";
  for (size_t i = 0; i < s.models.size(); ++i) {
    const ModelRow& m = s.models[i];
    const double y = 4 + kRow * static_cast<double>(i);
    const double w = max > 0 ? kWidth * m.refuted_rate.value_or(0) / max : 0;
    out << "<g><title>" << Escape(ModelLabel(m)) << "</title><text x=\"0\" y=\"" << Px(y + 15)
        << "\">" << Escape(Truncate(ModelLabel(m), 16)) << "</text></g>"
        << "<rect class=\"f-refuted\" x=\"" << Px(kLeft) << "\" y=\"" << Px(y) << "\" width=\""
        << Px(w) << "\" height=\"20\" rx=\"2\"><title>" << Escape(ModelLabel(m)) << ": "
        << Count(m.verdicts.refuted) << " of " << Count(m.claims) << " claims refuted ("
        << Percent(m.refuted_rate) << "); " << Count(m.flagged) << " of " << Count(m.transcripts)
        << " transcripts flagged</title></rect>"
        << "<text x=\"" << Px(kLeft + w + 6) << "\" y=\"" << Px(y + 15) << "\">"
        << Percent(m.refuted_rate) << "</text>\n";
  }
  out << "</svg>\n<details class=\"more\"><summary>Numbers</summary><div class=\"tbl\"><table>"
      << "<tr><th>model</th><th>transcripts</th><th>flagged</th><th>claims</th><th>refuted</th>"
      << "<th>refuted rate</th></tr>";
  for (const ModelRow& m : s.models) {
    out << "<tr><td>" << Escape(ModelLabel(m)) << "</td><td>" << Count(m.transcripts) << "</td><td>"
        << Count(m.flagged) << "</td><td>" << Count(m.claims) << "</td><td>"
        << Count(m.verdicts.refuted) << "</td><td>" << Percent(m.refuted_rate, 2) << "</td></tr>";
  }
  out << "</table></div></details></figure>\n";
}

void WriteSummary(std::ostream& out, const Summary& s) {
  out << "<section id=\"summary\" aria-labelledby=\"h-summary\">\n"
      << "<h2 id=\"h-summary\">Summary</h2>\n";
  WriteCards(out, s);
  out << "<div class=\"charts\">\n";
  WriteVerdictChart(out, s.verdicts);
  WriteHistogramChart(out, s);
  WriteModelChart(out, s);
  out << "</div>\n<details class=\"more\"><summary>Inputs and knowledge base</summary><dl>"
      << "<dt>Inputs</dt>";
  if (s.inputs.empty()) out << "<dd>\xE2\x80\x93</dd>";
  for (const std::string& input : s.inputs) out << "<dd>" << Escape(input) << "</dd>";
  out << "<dt>Knowledge base</dt>";
  if (s.kb_paths.empty()) out << "<dd>\xE2\x80\x93</dd>";
  for (const std::string& path : s.kb_paths) out << "<dd>" << Escape(path) << "</dd>";
  out << "<dt>Verdict model</dt><dd>"
      << (s.verdict_model ? Escape(*s.verdict_model) : "none (rule-based verifiers)")
      << "</dd></dl></details>\n</section>\n";
}

void WriteLegend(std::ostream& out) {
  out << "<ul class=\"legend\" aria-label=\"Verdict colours\">";
  for (std::string_view verdict : {"supported", "refuted", "not_enough_info"}) {
    const VerdictStyle style = StyleOf(verdict);
    out << "<li><mark class=\"v-" << style.css << "\" style=\"cursor:default\">" << style.icon
        << " " << style.label << "</mark></li>";
  }
  out << "<li class=\"muted\">Click or tap a highlighted claim for its evidence.</li></ul>\n";
}

void WriteFilters(std::ostream& out, const Summary& s, uint64_t shown) {
  out << "<div class=\"filters\" role=\"search\" aria-label=\"Filter transcripts\">"
      << "<label><input type=\"checkbox\" id=\"f-flagged\"> Refuted only</label>"
      << "<label>Model <select id=\"f-model\"><option value=\"all\">All models</option>";
  for (size_t i = 0; i < s.models.size(); ++i) {
    const ModelRow& m = s.models[i];
    out << "<option value=\"m" << i << "\" data-model=\"" << Escape(m.name) << "\">"
        << Escape(ModelLabel(m)) << "</option>";
  }
  out << "</select></label>"
      << "<input type=\"search\" id=\"f-search\" placeholder=\"Search text\" "
         "aria-label=\"Search the transcripts\">"
      << "<span id=\"f-count\" aria-live=\"polite\">" << shown << " of " << shown
      << " transcripts shown</span></div>\n";
}

// ---- Transcripts -------------------------------------------------------------------------------

struct Citation {
  std::string_view source, doc_id, title, url, quote;
};

struct Claim {
  std::string_view id, text, kind, verdict, verifier, correction;
  std::optional<double> confidence;
  std::optional<int64_t> turn;
  std::optional<std::pair<uint64_t, uint64_t>> span;
  std::vector<Citation> citations;
  std::string skipped;  // why it is not highlighted; empty when it is
};

// Views into `row`, which must outlive the result.
Claim ReadClaim(const Value& row) {
  Claim c;
  c.id = Str(row, "id");
  c.text = Str(row, "text");
  c.kind = Str(row, "kind");
  c.verdict = Str(row, "verdict");
  c.verifier = Str(row, "verifier");
  c.correction = Str(row, "correction");
  c.confidence = Num(row, "confidence");
  if (const Value* t = Member(row, "turn"); t != nullptr && t->IsInt64()) c.turn = t->GetInt64();
  if (const Value* span = Member(row, "span"); span != nullptr && span->IsArray() &&
                                               span->Size() == 2 && (*span)[0].IsUint64() &&
                                               (*span)[1].IsUint64()) {
    c.span = std::make_pair((*span)[0].GetUint64(), (*span)[1].GetUint64());
  }
  if (const Value* cites = Member(row, "citations"); cites != nullptr && cites->IsArray()) {
    for (const Value& cite : cites->GetArray()) {
      if (!cite.IsObject()) continue;
      c.citations.push_back({Str(cite, "source"), Str(cite, "doc_id"), Str(cite, "title"),
                             Str(cite, "url"), Str(cite, "quote")});
    }
  }
  return c;
}

std::string ConfidenceText(const Claim& c) {
  return c.confidence ? Percent(std::clamp(*c.confidence, 0.0, 1.0), 0) : "\xE2\x80\x93";
}

// The hover text of a highlight: plain text, escaped by the caller.
std::string HoverText(const Claim& c) {
  std::string t = std::string(StyleOf(c.verdict).label) + " \xC2\xB7 " + ConfidenceText(c);
  if (!c.verifier.empty()) t += " \xC2\xB7 " + std::string(c.verifier);
  if (!c.correction.empty()) t += "\nCorrection: " + std::string(c.correction);
  if (!c.citations.empty()) {
    const Citation& first = c.citations.front();
    t += "\nSource: " + std::string(first.title.empty() ? first.doc_id : first.title);
    if (!first.quote.empty()) t += "\n\xE2\x80\x9C" + Truncate(first.quote, 200) + "\xE2\x80\x9D";
  }
  t += "\n(click or tap for details)";
  return t;
}

void WriteCitation(std::ostream& out, const Citation& cite) {
  out << "<li class=\"cite\"><div class=\"cite-title\">"
      << Escape(cite.title.empty() ? std::string_view("(untitled)") : cite.title) << "</div>";
  if (!cite.source.empty() || !cite.doc_id.empty()) {
    out << "<div class=\"cite-src\">" << Escape(cite.source)
        << (cite.source.empty() || cite.doc_id.empty() ? "" : " &#xB7; ") << Escape(cite.doc_id)
        << "</div>";
  }
  if (!cite.quote.empty()) {
    out << "<blockquote class=\"quote\">" << Escape(cite.quote) << "</blockquote>";
  }
  if (IsWebUrl(cite.url)) {
    out << "<a class=\"cite-link\" href=\"" << Escape(cite.url)
        << "\" rel=\"noopener noreferrer\" target=\"_blank\">" << Escape(cite.url) << "</a>";
  } else if (!cite.url.empty()) {
    out << "<span class=\"cite-url\">" << Escape(cite.url) << "</span>";
  }
  out << "</li>";
}

void WriteClaimDetail(std::ostream& out, const Claim& c, const std::string& element_id) {
  const VerdictStyle style = StyleOf(c.verdict);
  out << "<li><details class=\"claim-detail v-" << style.css << "\" id=\"" << element_id
      << "\" data-claim=\"" << Escape(c.id) << "\" data-verdict=\"" << Escape(c.verdict)
      << "\"><summary><span class=\"badge v-" << style.css << "\">" << style.icon << " "
      << style.label << "</span> <span class=\"conf\">" << ConfidenceText(c)
      << "</span> <span class=\"ctext\">" << Escape(c.text) << "</span></summary>"
      << "<div class=\"cbody\"><dl><dt>Verdict</dt><dd>" << style.label << ", confidence "
      << ConfidenceText(c) << "</dd>";
  if (!c.verifier.empty()) out << "<dt>Verifier</dt><dd>" << Escape(c.verifier) << "</dd>";
  if (!c.kind.empty()) out << "<dt>Kind</dt><dd>" << Escape(c.kind) << "</dd>";
  if (!c.correction.empty()) {
    out << "<dt>Correction</dt><dd class=\"correction\">" << Escape(c.correction) << "</dd>";
  }
  out << "<dt>Claim</dt><dd>" << Escape(c.id);
  if (c.span) out << " &#xB7; bytes " << c.span->first << "&#x2013;" << c.span->second;
  out << "</dd></dl>";
  if (!c.skipped.empty()) {
    out << "<p class=\"muted\">Not highlighted in the text: " << c.skipped << ".</p>";
  }
  if (c.citations.empty()) {
    out << "<p class=\"muted\">No citations.</p>";
  } else {
    out << "<ol class=\"cites\">";
    for (const Citation& cite : c.citations) WriteCitation(out, cite);
    out << "</ol>";
  }
  out << "</div></details></li>\n";
}

// One turn's text with its claims highlighted. `order` lists the turn's claims; spans that are
// out of range, empty, off character boundaries or overlapping an earlier claim are left plain
// (and say so in their details).
void WriteTurnText(std::ostream& out, std::string_view text, std::vector<Claim>& claims,
                   std::vector<size_t> order, const std::string& prefix) {
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const uint64_t sa = claims[a].span ? claims[a].span->first : UINT64_MAX;
    const uint64_t sb = claims[b].span ? claims[b].span->first : UINT64_MAX;
    return sa < sb;
  });
  out << "<div class=\"text\">";
  size_t pos = 0;
  for (size_t k : order) {
    Claim& c = claims[k];
    if (!c.span) {
      c.skipped = "no span";
      continue;
    }
    const auto [start, end] = *c.span;
    if (start >= end || end > text.size()) {
      c.skipped = "its span is out of range";
      continue;
    }
    if (start < pos) {
      c.skipped = "it overlaps an earlier claim";
      continue;
    }
    if (!OnCharBoundary(text, start) || !OnCharBoundary(text, end)) {
      c.skipped = "its span does not fall on character boundaries";
      continue;
    }
    const VerdictStyle style = StyleOf(c.verdict);
    out << Escape(text.substr(pos, start - pos)) << "<mark class=\"claim v-" << style.css
        << "\" data-verdict=\"" << Escape(c.verdict) << "\" data-claim=\"" << Escape(c.id)
        << "\" aria-controls=\"" << prefix << k << "\" aria-expanded=\"false\" role=\"button\" "
        << "tabindex=\"0\" title=\"" << Escape(HoverText(c)) << "\">"
        << Escape(text.substr(start, end - start)) << "</mark>";
    pos = end;
  }
  out << Escape(text.substr(pos)) << "</div>\n";
}

struct Turn {
  int64_t number = 0;
  std::string_view text;
};

void WriteTranscript(std::ostream& out, const Value& row, size_t ordinal,
                     std::vector<Claim>& claims) {
  const std::string_view id = Str(row, "id");
  const bool has_model = IsStr(row, "model");
  const std::string_view model = Str(row, "model");
  const bool flagged = Bool(row, "flagged", false);
  const uint64_t n_claims = Uint(row, "claims");
  const std::string element_id = "t" + std::to_string(ordinal);

  out << "<article class=\"transcript" << (flagged ? " flagged" : "")
      << (n_claims == 0 && claims.empty() ? " noclaims" : "") << "\" id=\"" << element_id
      << "\" data-id=\"" << Escape(id) << "\" data-model=\"" << Escape(model)
      << "\" data-flagged=\"" << (flagged ? "true" : "false") << "\">\n<header><h3>" << Escape(id)
      << "</h3><div class=\"t-meta\">" << (has_model ? Escape(model) : std::string("(no model)"));
  if (IsStr(row, "file")) {
    out << " &#xB7; " << Escape(Str(row, "file"));
    if (const Value* line = Member(row, "line"); line != nullptr && line->IsUint64()) {
      out << ":" << line->GetUint64();
    }
  }
  if (IsStr(row, "format")) out << " &#xB7; " << Escape(Str(row, "format"));
  out << "</div><div class=\"t-counts\">";
  if (flagged) out << "<span class=\"badge v-refuted\">flagged</span>";
  for (const char* v : {"refuted", "supported", "not_enough_info"}) {
    const VerdictStyle style = StyleOf(v);
    if (const uint64_t n = Uint(row, v); n > 0) {
      out << "<span class=\"badge v-" << style.css << "\">" << style.icon << " " << Count(n) << " "
          << style.label << "</span>";
    }
  }
  out << "<span>" << Count(n_claims) << (n_claims == 1 ? " claim" : " claims");
  if (std::optional<double> f = Num(row, "factuality")) out << " &#xB7; factuality " << Percent(f);
  out << "</span></div>";
  if (!Bool(row, "checked", true)) {
    out << "<p class=\"warn\">Not fully checked";
    if (const Value* errors = Member(row, "errors"); errors != nullptr && errors->IsArray()) {
      std::string reasons;
      for (const Value& e : errors->GetArray()) {
        if (!reasons.empty()) reasons += "; ";
        reasons += e.IsString() ? std::string(e.GetString(), e.GetStringLength()) : ToJson(e);
      }
      if (!reasons.empty()) out << ": " << Escape(reasons);
    }
    out << "</p>";
  }
  out << "</header>\n";

  std::vector<Turn> turns;
  if (const Value* ts = Member(row, "turns"); ts != nullptr && ts->IsArray()) {
    for (const Value& t : ts->GetArray()) {
      const Value* number = Member(t, "turn");
      if (number == nullptr || !number->IsInt64()) continue;
      turns.push_back({number->GetInt64(), Str(t, "text")});
    }
  }
  std::vector<bool> placed(claims.size(), false);
  const std::string claim_prefix = element_id + "-c";
  for (size_t ti = 0; ti < turns.size(); ++ti) {
    const Turn& turn = turns[ti];
    std::vector<size_t> mine;
    for (size_t k = 0; k < claims.size(); ++k) {
      // A repeated turn number gets its claims at its first appearance.
      if (!placed[k] && claims[k].turn == turn.number) {
        mine.push_back(k);
        placed[k] = true;
      }
    }
    out << "<section class=\"turn\" data-turn=\"" << turn.number << "\"><h4>Assistant, message "
        << turn.number << "</h4>\n";
    WriteTurnText(out, turn.text, claims, mine, claim_prefix);
    if (!mine.empty()) {
      out << "<ol class=\"claims\">\n";
      for (size_t k : mine) WriteClaimDetail(out, claims[k], claim_prefix + std::to_string(k));
      out << "</ol>\n";
    }
    out << "</section>\n";
  }
  std::vector<size_t> orphans;
  for (size_t k = 0; k < claims.size(); ++k) {
    if (!placed[k]) orphans.push_back(k);
  }
  if (!orphans.empty()) {
    out << "<section class=\"turn\"><h4>Claims whose turn is not in the transcript</h4>"
        << "<ol class=\"claims\">\n";
    for (size_t k : orphans) {
      claims[k].skipped = "its turn is not among the transcript's turns";
      WriteClaimDetail(out, claims[k], claim_prefix + std::to_string(k));
    }
    out << "</ol></section>\n";
  }
  out << "</article>\n";
}

// Pass 1: how many transcripts there are and how many are flagged.
struct Census {
  uint64_t rows = 0;
  uint64_t flagged = 0;
};

Result<Census> CountTranscripts(const std::string& path) {
  JsonlReader reader;
  if (Status st = reader.Open(path); !st.ok()) return st;
  Census census;
  for (;;) {
    Document row;
    Result<bool> next = reader.Next(&row);
    if (!next.ok()) return next.status();
    if (!*next) break;
    ++census.rows;
    if (Bool(row, "flagged", false)) ++census.flagged;
  }
  return census;
}

// Reads claims.jsonl one row ahead, so that each transcript takes the rows that carry its id.
class ClaimCursor {
 public:
  Status Open(const std::string& path) {
    if (Status st = reader_.Open(path); !st.ok()) return st;
    return Advance();
  }
  bool Matches(std::string_view transcript_id) const {
    return row_ != nullptr && Str(*row_, "transcript") == transcript_id;
  }
  bool done() const { return row_ == nullptr; }
  // The current row, handed over; the cursor moves to the next.
  Result<std::unique_ptr<Document>> Take() {
    std::unique_ptr<Document> row = std::move(row_);
    if (Status st = Advance(); !st.ok()) return st;
    return row;
  }

 private:
  Status Advance() {
    auto row = std::make_unique<Document>();
    Result<bool> next = reader_.Next(row.get());
    if (!next.ok()) return next.status();
    if (!*next) return Status::Ok();
    if (!IsStr(*row, "transcript")) {
      return Status::InvalidArgument(reader_.Where() + ": no \"transcript\" string");
    }
    row_ = std::move(row);
    return Status::Ok();
  }

  JsonlReader reader_;
  std::unique_ptr<Document> row_;  // null at the end
};

// Pass 2: the transcripts, in input order, each with its claims.
Status WriteTranscripts(std::ostream& out, JsonlReader& transcripts, ClaimCursor& cursor,
                        const HtmlReportOptions& options, const Census& census) {
  // Flagged transcripts first, in input order, then the others while room is left.
  const uint64_t max = options.max_transcripts;
  const uint64_t flagged_room = std::min<uint64_t>(census.flagged, max);
  const uint64_t other_room = max - flagged_room;
  uint64_t flagged_seen = 0, other_seen = 0, ordinal = 0, written = 0;
  for (;;) {
    Document row;
    Result<bool> next = transcripts.Next(&row);
    if (!next.ok()) return next.status();
    if (!*next) break;
    ++ordinal;
    if (!IsStr(row, "id")) {
      return Status::InvalidArgument(transcripts.Where() + ": no \"id\" string");
    }
    const bool flagged = Bool(row, "flagged", false);
    const bool show = flagged ? flagged_seen++ < flagged_room : other_seen++ < other_room;
    // The row's claim count keeps two neighbours that share an id from taking each other's rows.
    std::vector<std::unique_ptr<Document>> rows;
    const std::string_view id = Str(row, "id");
    const Value* count = Member(row, "claims");
    const uint64_t limit = count != nullptr && count->IsUint64() ? count->GetUint64() : UINT64_MAX;
    for (uint64_t taken_rows = 0; taken_rows < limit && cursor.Matches(id); ++taken_rows) {
      Result<std::unique_ptr<Document>> taken = cursor.Take();
      if (!taken.ok()) return taken.status();
      if (show) rows.push_back(std::move(*taken));
    }
    if (!show) continue;
    std::vector<Claim> claims;
    claims.reserve(rows.size());
    for (const auto& r : rows) claims.push_back(ReadClaim(*r));
    WriteTranscript(out, row, static_cast<size_t>(ordinal), claims);
    ++written;
    if (!out) return Status::Unavailable("writing failed");
  }
  if (written == 0) out << "<p class=\"muted\">No transcripts to show.</p>\n";
  uint64_t unmatched = 0;
  while (!cursor.done()) {
    Result<std::unique_ptr<Document>> taken = cursor.Take();
    if (!taken.ok()) return taken.status();
    ++unmatched;
  }
  if (unmatched > 0) {
    out << "<p class=\"note\">" << Count(unmatched) << (unmatched == 1 ? " row" : " rows")
        << " of claims.jsonl matched no transcript in order and are not shown.</p>\n";
  }
  return Status::Ok();
}

}  // namespace

Status WriteHtmlReport(const HtmlReportInputs& inputs, const std::string& out_path,
                       const HtmlReportOptions& options) {
  Result<Summary> summary = ReadSummary(inputs.summary_json);
  if (!summary.ok()) return summary.status();
  Result<Census> census = CountTranscripts(inputs.transcripts_jsonl);
  if (!census.ok()) return census.status();

  // Pass 2's inputs are opened before the page is created, so a missing file leaves no page.
  JsonlReader transcripts;
  if (Status st = transcripts.Open(inputs.transcripts_jsonl); !st.ok()) return st;
  ClaimCursor cursor;
  if (Status st = cursor.Open(inputs.claims_jsonl); !st.ok()) return st;

  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::Unavailable(out_path + ": cannot be created");
  const uint64_t shown = std::min<uint64_t>(census->rows, options.max_transcripts);

  WriteHead(out, options.title);
  out << "<header><h1>" << Escape(options.title) << "</h1><p class=\"sub\">" << Count(census->rows)
      << (census->rows == 1 ? " transcript" : " transcripts") << " &#xB7; "
      << Count(summary->claims) << " claims checked against the knowledge base</p></header>\n"
      << "<main>\n";
  WriteSummary(out, *summary);
  out << "<section id=\"transcripts\" aria-labelledby=\"h-transcripts\">\n"
      << "<h2 id=\"h-transcripts\">Transcripts</h2>\n";
  WriteFilters(out, *summary, shown);
  WriteLegend(out);
  if (shown < census->rows) {
    const uint64_t left_out = census->rows - shown;
    out << "<p class=\"note\" id=\"not-shown\">" << Count(left_out)
        << (left_out == 1 ? " transcript" : " transcripts")
        << " not shown; all are in transcripts.jsonl. Shown: every flagged transcript first, "
           "then the others in input order, up to "
        << Count(options.max_transcripts) << ".</p>\n";
  }
  if (Status st = WriteTranscripts(out, transcripts, cursor, options, *census); !st.ok()) {
    return out ? st : Status::Unavailable(out_path + ": writing failed");
  }
  out << "</section>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  out.close();
  if (out.fail()) return Status::Unavailable(out_path + ": writing failed");
  return Status::Ok();
}

}  // namespace fg::audit
