// Output goes through an ordered queue (plugins/output_queue.h): bytes ready to go, or a place
// where something computed later goes (markers, a rewritten region, a sources list, the report)
// that may have to wait for checks, so the client's byte order equals the upstream's however the
// checks finish. Check requests and tickets are plugins/stream_checks.h.
// The sentence bookkeeping follows plugins/openai/chat_stream.cc, for one answer.
#include "plugins/ollama/ndjson_stream.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <deque>
#include <span>
#include <utility>

#include "plugins/json_util.h"
#include "plugins/output_queue.h"
#include "plugins/sentence_tracker.h"
#include "plugins/stream_checks.h"
#include "src/core/report_json_writer.h"

namespace fg::ollama {
namespace {

using plugins::CheckRequest;
using plugins::ChoiceReport;
using rapidjson::Value;

using plugins::Member;
using plugins::Serialize;

constexpr unsigned kParseFlags = plugins::kJsonParseFlags;

// The string value carrying a line's text (chat: message.content; generate: response), or nullptr.
Value* TextValue(Value& line, Api api) {
  Value* holder = api == Api::kChat ? Member(line, "message") : &line;
  if (holder == nullptr) return nullptr;
  Value* text = Member(*holder, api == Api::kChat ? "content" : "response");
  return text != nullptr && text->IsString() ? text : nullptr;
}

// Whether a value says something (not null, not an empty string).
bool Says(const Value& v) { return !v.IsNull() && !(v.IsString() && v.GetStringLength() == 0); }

}  // namespace

Api ApiFor(std::string_view path) {
  return path.starts_with("/api/generate") ? Api::kGenerate : Api::kChat;
}

std::string_view NdjsonLine::ending() const {
  std::string_view r = raw;
  if (r.ends_with("\r\n")) return r.substr(r.size() - 2);
  if (r.ends_with('\n')) return r.substr(r.size() - 1);
  return {};
}

std::string_view NdjsonLine::body() const {
  std::string_view r = raw;
  r.remove_suffix(ending().size());
  return r;
}

std::vector<NdjsonLine> NdjsonLineSplitter::Feed(std::string_view bytes) {
  std::vector<NdjsonLine> lines;
  size_t start = 0;
  for (size_t nl = bytes.find('\n'); nl != std::string_view::npos; nl = bytes.find('\n', start)) {
    partial_.append(bytes.substr(start, nl + 1 - start));
    lines.push_back({std::exchange(partial_, {})});
    start = nl + 1;
  }
  partial_.append(bytes.substr(start));
  return lines;
}

std::optional<NdjsonLine> NdjsonLineSplitter::Finish() {
  if (partial_.empty()) return std::nullopt;
  return NdjsonLine{std::exchange(partial_, {})};
}

// What fresh lines copy from the upstream line they stem from.
struct Meta {
  std::string model;       // serialized JSON value; "" when absent
  std::string created_at;  // serialized JSON value; "" when absent
  std::string eol = "\n";  // the line's ending
};

// The answer's text, sentence regions and report are the State's SentenceTracker part
// (plugins/sentence_tracker.h): the stream carries one answer.
struct NdjsonStream::State : plugins::SentenceTracker {
  // One complete sentence region (or the rest after the last sentence, at the end).
  using Record = plugins::SentenceRecord;

  // Cite: a text line (or the done line) waiting until the sentence ends around it are decided.
  struct Held {
    uint64_t id = 0;
    std::string raw;  // the line's bytes, when it goes out unchanged
    size_t a = 0;     // the line's text is text[a, b)
    size_t b = 0;
    bool final = false;  // the done line: what follows its text is the final item
    Meta meta;
  };

  using Kind = plugins::OutputKind;
  struct Item {
    Kind kind = Kind::kBytes;
    std::string bytes;  // kBytes
    size_t record = 0;  // kMarker, kRewrite
    uint64_t id = 0;    // kHeld
    Meta meta;
  };

  using Queue = plugins::OutputQueue<Item>;

  State(Api a, Mode m) : api(a), mode(m) {}

  // --- input -----------------------------------------------------------------------------------

  void HandleLine(NdjsonLine line) {
    if (final_pushed) {
      queue.PushBytes(std::move(line.raw));
      return;
    }
    rapidjson::Document doc;
    std::string_view body = line.body();
    doc.Parse<kParseFlags>(body.data(), body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      queue.PushBytes(std::move(line.raw));
      return;
    }
    Value* done = Member(doc, "done");
    if (!error_seen && done == nullptr) {
      Value* error = Member(doc, "error");
      if (error != nullptr && !error->IsNull()) {
        OnError(std::move(line.raw));
        return;
      }
    }
    if (done == nullptr || !done->IsBool()) {  // not a line of the answer
      queue.PushBytes(std::move(line.raw));
      return;
    }
    Meta meta = MetaOf(doc, line.ending());
    last_meta = meta;
    seen_answer = true;
    if (done->GetBool()) {
      OnDoneLine(std::move(doc), std::move(meta));
      return;
    }
    if (error_seen) {
      queue.PushBytes(std::move(line.raw));
      return;
    }
    Value* tv = TextValue(doc, api);
    const size_t a = text.size();
    if (tv != nullptr) text.append(tv->GetString(), tv->GetStringLength());
    const size_t b = text.size();
    if (mode == Mode::kCite) ExtendOverClosers(a);
    std::vector<size_t> created = Advance(/*finish=*/false, Sink());
    switch (mode) {
      case Mode::kOff:
      case Mode::kAnnotate:
        queue.PushBytes(std::move(line.raw));
        break;
      case Mode::kCite:
        if (b == a) {
          queue.PushBytes(std::move(line.raw));
        } else {
          CiteLine(Held{next_hold_id++, std::move(line.raw), a, b, false, std::move(meta)});
        }
        break;
      case Mode::kRewrite:
        HandleRewrite(doc, created, std::move(line.raw), meta, b > a);
        break;
    }
  }

  static Meta MetaOf(Value& doc, std::string_view eol) {
    Meta m;
    if (Value* v = Member(doc, "model")) m.model = Serialize(*v);
    if (Value* v = Member(doc, "created_at")) m.created_at = Serialize(*v);
    if (!eol.empty()) m.eol = std::string(eol);
    return m;
  }

  // The done line: the rest of the text is complete; the line itself becomes the final item.
  void OnDoneLine(rapidjson::Document doc, Meta meta) {
    final_pushed = true;
    done_eol = meta.eol;
    size_t a = text.size();
    std::vector<size_t> created;
    if (!error_seen) {
      if (Value* tv = TextValue(doc, api)) text.append(tv->GetString(), tv->GetStringLength());
      if (mode == Mode::kCite) ExtendOverClosers(a);
      created = Advance(/*finish=*/true, Sink());
      finished = true;
    }
    const size_t b = text.size();
    if (b > a && (mode == Mode::kCite || mode == Mode::kRewrite)) {
      TextValue(doc, api)->SetString("", 0);
      if (mode == Mode::kRewrite) doc.RemoveMember("logprobs");
    }
    done_doc = std::move(doc);
    has_done_doc = true;
    if (error_seen || mode == Mode::kAnnotate) {
      queue.Push(FinalItem());
      return;
    }
    if (mode == Mode::kRewrite) {
      for (size_t r : created) queue.Push(RecordItem(Kind::kRewrite, r, meta));
      queue.Push(FinalItem());
      return;
    }
    CiteLine(Held{next_hold_id++, "", a, b, true, std::move(meta)});
  }

  void OnError(std::string raw) {
    error_seen = true;
    if (mode == Mode::kCite) FlushHeld();
    if (mode == Mode::kRewrite && done_end < text.size()) {
      // Release the held text as it is, before the error, so the client has all upstream sent.
      queue.Push(RecordItem(Kind::kRewrite, AddRest(), last_meta));
    }
    queue.PushBytes(std::move(raw));
  }

  void Finish() {
    if (std::optional<NdjsonLine> line = splitter.Finish()) {
      if (final_pushed) {  // nothing of factgate's follows it
        queue.PushBytes(std::move(line->raw));
      } else {
        rapidjson::Document doc;
        std::string_view body = line->body();
        doc.Parse<kParseFlags>(body.data(), body.size());
        if (!doc.HasParseError() && doc.IsObject()) {
          line->raw += last_meta.eol;
          HandleLine(std::move(*line));
        }
      }
    }
    if (!final_pushed) {
      if (!error_seen) FinalizeAnswer();
      queue.Push(FinalItem());
      final_pushed = true;
    }
    upstream_finished = true;
  }

  // Upstream ended without a done line: the rest of the text is complete.
  void FinalizeAnswer() {
    if (finished) return;
    std::vector<size_t> created = Advance(/*finish=*/true, Sink());
    finished = true;
    if (mode == Mode::kCite) {
      FlushHeld();
      for (size_t r : TakeRestMarkers()) queue.Push(RecordItem(Kind::kMarker, r, last_meta));
      if (!report.claims.empty()) queue.Push(RecordItem(Kind::kSources, 0, last_meta));
    } else if (mode == Mode::kRewrite) {
      for (size_t r : created) queue.Push(RecordItem(Kind::kRewrite, r, last_meta));
    }
  }

  // --- claims ----------------------------------------------------------------------------------

  // Requests checks of the answer's claims unless checks were abandoned.
  ClaimSink Sink() { return checks.Sink(*this, 0); }

  // --- cite --------------------------------------------------------------------------------------

  // A text line (or the done line): resolved now, or held until the answer is decided.
  void CiteLine(Held h) {
    if (held.empty() && Decided()) {
      for (Item& item : Resolve(h)) queue.Push(std::move(item));
      return;
    }
    // The line's place in the output order; FlushHeld fills it once the answer is decided.
    queue.PushSlot(h.id);
    held.push_back(std::move(h));
    if (Decided()) FlushHeld();
  }

  // Resolves every held line, in its slot in the output order.
  void FlushHeld() {
    while (!held.empty()) {
      Held h = std::move(held.front());
      held.pop_front();
      queue.Fill(h.id, Resolve(h));
    }
  }

  // The output for one line whose sentence ends are known: markers before it for ends at its
  // start, the line split at ends inside its text with markers in between, markers after it; for
  // the done line, its text in fresh lines, the sources list and the final item.
  std::vector<Item> Resolve(Held& h) {
    const plugins::SentenceTracker::MarkerPlaces places = TakeMarkers(h.a, h.b);
    const std::vector<size_t>& pre = places.before;
    const std::vector<size_t>& inner = places.inside;
    const std::vector<size_t>& at_b = places.after;
    std::vector<Item> items;
    auto markers = [&](const std::vector<size_t>& which) {
      for (size_t r : which) items.push_back(RecordItem(Kind::kMarker, r, h.meta));
    };
    markers(pre);
    if (!h.final && inner.empty()) {
      items.push_back(Queue::BytesItem(std::move(h.raw)));
      markers(at_b);
      return items;
    }
    std::vector<size_t> bounds = {h.a};
    for (size_t r : inner) bounds.push_back(records[r].end);
    bounds.push_back(h.b);
    rapidjson::Document doc;
    if (!h.final) {
      const NdjsonLine line{h.raw};
      std::string_view body = line.body();
      doc.Parse<kParseFlags>(body.data(), body.size());
    }
    const size_t parts = bounds.size() - 1;
    for (size_t i = 0; i < parts; ++i) {
      std::string_view piece = std::string_view(text).substr(bounds[i], bounds[i + 1] - bounds[i]);
      if (i + 1 < parts || h.final) {
        if (!piece.empty()) items.push_back(Queue::BytesItem(TextLine(h.meta, piece)));
        if (i + 1 < parts) markers({inner[i]});
      } else {
        // The original line with the last part of its text and all its other members.
        TextValue(doc, api)->SetString(piece.data(), static_cast<rapidjson::SizeType>(piece.size()),
                                       doc.GetAllocator());
        items.push_back(Queue::BytesItem(Serialize(doc) + h.meta.eol));
      }
    }
    markers(at_b);
    if (h.final) {
      if (!report.claims.empty()) items.push_back(RecordItem(Kind::kSources, 0, h.meta));
      items.push_back(FinalItem());
    }
    return items;
  }

  // --- rewrite -----------------------------------------------------------------------------------

  void HandleRewrite(rapidjson::Document& doc, const std::vector<size_t>& created, std::string raw,
                     const Meta& meta, bool has_text) {
    for (size_t r : created) queue.Push(RecordItem(Kind::kRewrite, r, meta));
    if (!has_text) {
      queue.PushBytes(std::move(raw));
      return;
    }
    TextValue(doc, api)->SetString("", 0);
    doc.RemoveMember("logprobs");
    if (HasPayload(doc)) queue.PushBytes(Serialize(doc) + meta.eol);
  }

  // Whether a line whose held text was emptied still says something.
  bool HasPayload(Value& doc) const {
    for (auto& m : doc.GetObject()) {
      std::string_view key(m.name.GetString(), m.name.GetStringLength());
      if (key == "model" || key == "created_at" || key == "done") continue;
      if (api == Api::kChat && key == "message" && m.value.IsObject()) {
        for (auto& f : m.value.GetObject()) {
          std::string_view field(f.name.GetString(), f.name.GetStringLength());
          if (field != "role" && field != "content" && Says(f.value)) return true;
        }
        continue;
      }
      if (Says(m.value)) return true;
    }
    return false;
  }

  // --- output ------------------------------------------------------------------------------------

  static Item RecordItem(Kind kind, size_t record, const Meta& meta) {
    Item item;
    item.kind = kind;
    item.record = record;
    item.meta = meta;
    return item;
  }

  static Item FinalItem() {
    Item item;
    item.kind = Kind::kFinal;
    return item;
  }

  void Drain() {
    queue.Drain([&](const Item& item) { return records[item.record].pending; },
                checks.pending() > 0, [&](Item& item) { Emit(item); });
  }

  void Emit(Item& item) {
    switch (item.kind) {
      case Kind::kBytes:
        out += item.bytes;
        return;
      case Kind::kMarker: {
        std::string markers = numbering.MarkersFor(ClaimsOf(records[item.record]));
        if (!markers.empty()) out += TextLine(item.meta, markers);
        return;
      }
      case Kind::kSources: {
        std::string list = numbering.SourcesList();
        if (!list.empty()) out += TextLine(item.meta, list);
        return;
      }
      case Kind::kRewrite: {
        const Record& r = records[item.record];
        std::string rewritten = RewriteSentence(
            std::string_view(text).substr(r.begin, r.end - r.begin), r.begin, ClaimsOf(r));
        if (!rewritten.empty()) out += TextLine(item.meta, rewritten);
        return;
      }
      case Kind::kHeld:
        return;
      case Kind::kFinal:
        final_emitted = true;
        if (fail_closed && !report.checked) {
          // In-band refusal: the ollama client raises on an error line, so the partly checked
          // answer cannot pass for a checked one.
          out += ErrorLine();
        } else if (has_done_doc) {
          out += DoneLine();
        } else {
          out += ReportLine();
        }
        return;
    }
  }

  void WriteMeta(JsonWriter& w, const Meta& meta) const {
    auto raw = [&](const char* key, const std::string& value) {
      if (value.empty()) return;
      w.Key(key);
      w.RawValue(value.data(), value.size(), rapidjson::kStringType);
    };
    raw("model", meta.model);
    raw("created_at", meta.created_at);
  }

  // The members of a text line after model and created_at, up to "done".
  void WriteText(JsonWriter& w, std::string_view t) const {
    if (api == Api::kChat) {
      w.Key("message");
      w.StartObject();
      w.Key("role");
      w.String("assistant");
      w.Key("content");
      w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
      w.EndObject();
    } else {
      w.Key("response");
      w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
    }
    w.Key("done");
    w.Bool(false);
  }

  std::string TextLine(const Meta& meta, std::string_view t) const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    WriteMeta(w, meta);
    WriteText(w, t);
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + meta.eol;
  }

  // Upstream ended without a done line: an empty text line carrying the report.
  std::string ReportLine() const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    WriteMeta(w, last_meta);
    WriteText(w, "");
    w.Key("factgate");
    plugins::WriteReportJson(w, Reports());
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + last_meta.eol;
  }

  std::string DoneLine() const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    for (const auto& m : done_doc.GetObject()) {
      if (std::string_view(m.name.GetString(), m.name.GetStringLength()) == "factgate") continue;
      m.name.Accept(w);
      m.value.Accept(w);
    }
    w.Key("factgate");
    plugins::WriteReportJson(w, Reports());
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + done_eol;
  }

  std::string ErrorLine() const {
    const std::string message = "factgate: verification incomplete: " +
                                (report.errors.empty() ? "unknown reason" : report.errors.front());
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("error");
    w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) +
           (has_done_doc ? done_eol : last_meta.eol);
  }

  std::vector<ChoiceReport> Reports() const {
    if (!seen_answer || mode == Mode::kOff) return {};
    ChoiceReport r{0, report};
    r.report.elapsed_ms = elapsed_ms;
    return {r};
  }

  const Api api;
  const Mode mode;
  NdjsonLineSplitter splitter;

  // The answer (besides the SentenceTracker part).
  SourceNumbering numbering;
  std::deque<Held> held;  // cite: lines waiting, in order

  Queue queue;
  std::string out;
  plugins::StreamChecks checks;
  uint64_t next_hold_id = 1;
  Meta last_meta;
  rapidjson::Document done_doc;
  std::string done_eol = "\n";
  bool has_done_doc = false;
  bool seen_answer = false;
  bool final_pushed = false;
  bool final_emitted = false;
  bool fail_closed = false;
  bool error_seen = false;
  bool upstream_finished = false;
  double elapsed_ms = 0;
};

NdjsonStream::NdjsonStream(Api api, Mode mode) : state_(std::make_unique<State>(api, mode)) {}
NdjsonStream::~NdjsonStream() = default;

void NdjsonStream::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.out.append(bytes);
    return;
  }
  for (NdjsonLine& line : s.splitter.Feed(bytes)) s.HandleLine(std::move(line));
  s.Drain();
}

void NdjsonStream::FinishUpstream(bool /*clean*/) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.upstream_finished = true;
    return;
  }
  s.Finish();
  s.Drain();
}

void NdjsonStream::OnClaimChecked(uint64_t ticket, ClaimResult result,
                                  const std::vector<std::string>& source_errors) {
  State& s = *state_;
  auto tracker = [&s](int) -> plugins::SentenceTracker& { return s; };
  if (s.checks.Answer(ticket, std::move(result), source_errors, tracker)) s.Drain();
}

void NdjsonStream::AbandonPendingChecks(std::string reason) {
  State& s = *state_;
  s.checks.Abandon(reason, [&s](int) -> plugins::SentenceTracker& { return s; });
  s.Drain();
}

std::vector<CheckRequest> NdjsonStream::TakeCheckRequests() {
  return state_->checks.TakeRequests();
}

std::string NdjsonStream::TakeOutput() {
  state_->Drain();
  return std::exchange(state_->out, {});
}

bool NdjsonStream::Done() const {
  const State& s = *state_;
  if (!s.out.empty() || !s.queue.empty() || s.checks.pending() > 0) return false;
  if (s.mode == Mode::kOff) return s.upstream_finished;
  return s.final_emitted;
}

size_t NdjsonStream::PendingChecks() const { return state_->checks.pending(); }

std::vector<ChoiceReport> NdjsonStream::Reports() const { return state_->Reports(); }

void NdjsonStream::SetElapsedMs(double elapsed_ms) { state_->elapsed_ms = elapsed_ms; }

void NdjsonStream::SetFailClosed(bool fail_closed) { state_->fail_closed = fail_closed; }

}  // namespace fg::ollama
