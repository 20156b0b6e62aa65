#include "plugins/sse.h"

#include <algorithm>

namespace fg {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

void AppendDataLines(std::string_view data, std::string& out) {
  size_t pos = 0;
  while (true) {
    size_t k = data.find_first_of("\r\n", pos);
    std::string_view line = data.substr(pos, k == std::string_view::npos ? k : k - pos);
    out += "data: ";
    out.append(line);
    out += '\n';
    if (k == std::string_view::npos) break;
    pos = k + 1;
    if (data[k] == '\r' && pos < data.size() && data[pos] == '\n') ++pos;
  }
}

}  // namespace

std::vector<SseEvent> SseParser::Feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  if (!bom_checked_) {
    size_t take = std::min(kBom.size() - bom_prefix_.size(), bytes.size());
    bom_prefix_.append(bytes.substr(0, take));
    bytes.remove_prefix(take);
    if (bom_prefix_.size() < kBom.size() && kBom.starts_with(bom_prefix_)) return out;
    bom_checked_ = true;
    std::string head = std::move(bom_prefix_);
    bom_prefix_.clear();
    std::string_view rest = head;
    if (rest.starts_with(kBom)) {
      raw_.append(kBom);
      rest.remove_prefix(kBom.size());
    }
    Consume(rest, out);
  }
  Consume(bytes, out);
  return out;
}

void SseParser::Consume(std::string_view bytes, std::vector<SseEvent>& out) {
  size_t pos = 0;
  if (cr_pending_ && !bytes.empty()) {
    cr_pending_ = false;
    if (bytes[0] == '\n') {
      raw_ += '\n';
      pos = 1;
    }
    ProcessLine(out);
  }
  while (pos < bytes.size()) {
    size_t k = bytes.find_first_of("\r\n", pos);
    if (k == std::string_view::npos) {
      line_.append(bytes.substr(pos));
      raw_.append(bytes.substr(pos));
      return;
    }
    line_.append(bytes.substr(pos, k - pos));
    size_t next = k + 1;
    if (bytes[k] == '\r' && next == bytes.size()) {
      // An LF may follow in the next bytes; it belongs to this line ending.
      raw_.append(bytes.substr(pos));
      cr_pending_ = true;
      return;
    }
    if (bytes[k] == '\r' && bytes[next] == '\n') ++next;
    raw_.append(bytes.substr(pos, next - pos));
    pos = next;
    ProcessLine(out);
  }
}

void SseParser::ProcessLine(std::vector<SseEvent>& out) {
  if (line_.empty()) {
    if (has_lines_) out.push_back(TakeEvent(/*terminated=*/true));
    return;  // a stray blank line stays in raw_, in front of the next block
  }
  has_lines_ = true;
  std::string_view name = line_;
  if (name.front() != ':') {
    has_fields_ = true;
    std::string_view value;
    size_t colon = name.find(':');
    if (colon != std::string_view::npos) {
      value = name.substr(colon + 1);
      name = name.substr(0, colon);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (name == "event") {
      event_ = value;
    } else if (name == "data") {
      if (has_data_) data_ += '\n';
      data_.append(value);
      has_data_ = true;
    } else if (name == "id") {
      if (value.find('\0') == std::string_view::npos) id_ = value;
    }
  }
  line_.clear();
}

SseEvent SseParser::TakeEvent(bool terminated) {
  SseEvent ev;
  ev.event = std::move(event_);
  ev.data = std::move(data_);
  ev.id = std::move(id_);
  ev.raw = std::move(raw_);
  ev.comment = !has_fields_;
  ev.terminated = terminated;
  event_.clear();
  data_.clear();
  id_.clear();
  raw_.clear();
  has_lines_ = false;
  has_fields_ = false;
  has_data_ = false;
  return ev;
}

std::vector<SseEvent> SseParser::Finish() {
  std::vector<SseEvent> out;
  if (!bom_checked_) {
    bom_checked_ = true;
    std::string head = std::move(bom_prefix_);
    bom_prefix_.clear();
    Consume(head, out);
  }
  if (cr_pending_ || !line_.empty()) ProcessLine(out);
  if (!raw_.empty()) out.push_back(TakeEvent(/*terminated=*/false));
  *this = SseParser();
  return out;
}

std::string FormatSseData(std::string_view data) {
  std::string out;
  out.reserve(data.size() + 8);
  AppendDataLines(data, out);
  out += '\n';
  return out;
}

std::string FormatSseEvent(std::string_view name, std::string_view data) {
  std::string out;
  if (!name.empty()) {
    out += "event: ";
    out.append(name);
    out += '\n';
  }
  AppendDataLines(data, out);
  out += '\n';
  return out;
}

std::string TerminateSseEvent(std::string raw) {
  if (raw.empty()) return raw;
  std::string_view body = raw;
  if (body.ends_with("\r\n")) {
    body.remove_suffix(2);
  } else if (body.ends_with('\n') || body.ends_with('\r')) {
    body.remove_suffix(1);
  } else {
    return raw + "\n\n";
  }
  if (body.empty() || body.ends_with('\n') || body.ends_with('\r')) return raw;
  return raw + "\n";
}

}  // namespace fg
