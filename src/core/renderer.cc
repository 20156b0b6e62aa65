#include "src/core/renderer.h"

#include <algorithm>

#include "src/core/report_json_writer.h"
#include "src/core/segmenter.h"

namespace fg {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A sources-list entry is one line: white space runs (newlines included) become one space.
std::string OneLine(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::optional<Mode> ParseMode(std::string_view name) {
  while (!name.empty() && IsSpace(name.front())) name.remove_prefix(1);
  while (!name.empty() && IsSpace(name.back())) name.remove_suffix(1);
  std::string lower;
  for (char c : name) lower += Lower(c);
  for (Mode m : {Mode::kOff, Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    if (lower == ModeName(m)) return m;
  }
  return std::nullopt;
}

std::string_view ModeName(Mode mode) {
  switch (mode) {
    case Mode::kOff:
      return "off";
    case Mode::kAnnotate:
      return "annotate";
    case Mode::kCite:
      return "cite";
    case Mode::kRewrite:
      return "rewrite";
  }
  return "off";
}

std::string VerdictHeaderValue(const std::vector<const Report*>& reports) {
  ReportSummary all;
  for (const Report* report : reports) {
    if (report == nullptr) continue;
    for (const ClaimResult& r : report->claims) all.Count(r.verdict);
  }
  const size_t supported = all.supported, refuted = all.refuted, nei = all.not_enough_info;
  return "supported=" + std::to_string(supported) + "; refuted=" + std::to_string(refuted) +
         "; not_enough_info=" + std::to_string(nei);
}

size_t SourceNumbering::Number(const Citation& citation) {
  auto [it, inserted] =
      numbers_.try_emplace({citation.source, citation.doc_id}, sources_.size() + 1);
  if (inserted) sources_.push_back(citation);
  return it->second;
}

std::string SourceNumbering::MarkersFor(std::span<const ClaimResult> claims) {
  std::vector<size_t> seen;
  std::string out;
  for (const ClaimResult& r : claims) {
    if (r.verdict == Verdict::kNotEnoughInfo) continue;
    for (const Citation& c : r.citations) {
      size_t n = Number(c);
      if (std::find(seen.begin(), seen.end(), n) != seen.end()) continue;
      seen.push_back(n);
      out += "[" + std::to_string(n) + "]";
    }
  }
  return out.empty() ? out : " " + out;
}

std::string SourceNumbering::SourcesList() const {
  if (sources_.empty()) return "";
  std::string out = "\n\nSources:";
  for (size_t i = 0; i < sources_.size(); ++i) {
    const Citation& c = sources_[i];
    out += "\n[" + std::to_string(i + 1) + "] ";
    out += OneLine(c.title.empty() ? c.doc_id : c.title);
    std::string quote = OneLine(c.quote);
    if (!quote.empty()) out += " \u2014 \"" + quote + "\"";
    if (!c.url.empty()) out += " (" + c.url + ")";
  }
  return out;
}

std::string RenderCite(std::string_view text, const Report& report) {
  std::vector<Sentence> sentences = SplitSentences(text);
  // Claims grouped by the first sentence ending after their begin, keeping their order.
  std::vector<std::vector<ClaimResult>> groups(sentences.size());
  for (const ClaimResult& r : report.claims) {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), r.claim.span.begin,
                               [](size_t pos, const Sentence& s) { return pos < s.span.end; });
    if (it != sentences.end()) groups[it - sentences.begin()].push_back(r);
  }
  SourceNumbering numbering;
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < sentences.size(); ++i) {
    std::string markers = numbering.MarkersFor(groups[i]);
    if (markers.empty()) continue;
    size_t end = sentences[i].span.end;
    out.append(text.substr(copied, end - copied));
    out += markers;
    copied = end;
  }
  out.append(text.substr(copied));
  out += numbering.SourcesList();
  return out;
}

std::string RenderRewrite(std::string_view text, const Report& report) {
  return RewriteSentence(text, 0, report.claims);
}

std::string RewriteSentence(std::string_view sentence, size_t sentence_begin,
                            std::span<const ClaimResult> claims) {
  std::string out;
  out.reserve(sentence.size());
  size_t pos = 0;  // relative to sentence
  const size_t end = sentence_begin + sentence.size();
  for (const ClaimResult& r : claims) {
    if (r.verdict != Verdict::kRefuted) continue;
    const Span& span = r.claim.span;
    if (span.begin < sentence_begin || span.end > end || span.begin > span.end) continue;
    size_t b = span.begin - sentence_begin;
    size_t e = span.end - sentence_begin;
    if (b < pos) continue;  // overlaps the previous rewritten claim
    out.append(sentence.substr(pos, b - pos));
    if (r.correction) {
      out += *r.correction;
    } else {
      out.append(sentence.substr(b, e - b));
      out += " [refuted]";
    }
    pos = e;
  }
  out.append(sentence.substr(pos));
  return out;
}

}  // namespace fg
