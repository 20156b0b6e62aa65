// Output goes through an ordered queue (plugins/output_queue.h): bytes ready to go, or a place
// where something computed later goes (markers, a rewritten region, a sources list, the report)
// that may have to wait for checks, so the client's byte order equals the upstream's however the
// checks finish. Check requests and tickets are plugins/stream_checks.h.
#include "plugins/openai/chat_stream.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <utility>

#include "plugins/json_util.h"
#include "plugins/output_queue.h"
#include "plugins/sentence_tracker.h"
#include "plugins/sse.h"
#include "plugins/stream_checks.h"
#include "src/core/claim_extractor.h"

namespace fg::openai {
namespace {

using rapidjson::Value;

using plugins::Member;
using plugins::Serialize;

constexpr unsigned kParseFlags = plugins::kJsonParseFlags;

bool IsNonNull(const Value* v) { return v != nullptr && !v->IsNull(); }

// Members every chunk of a stream repeats; they go on every piece of a split chunk.
bool IsIdentityKey(std::string_view key) {
  return key == "id" || key == "object" || key == "created" || key == "model" ||
         key == "system_fingerprint" || key == "service_tier";
}

int ChoiceIndex(Value& choice, size_t position) {
  Value* index = Member(choice, "index");
  if (index != nullptr && index->IsInt()) return index->GetInt();
  return static_cast<int>(position);
}

// The string value carrying a choice's text in a chunk, or nullptr.
Value* TextValue(Value& choice, Api api) {
  Value* holder = api == Api::kChat ? Member(choice, "delta") : &choice;
  if (holder == nullptr) return nullptr;
  Value* text = Member(*holder, api == Api::kChat ? "content" : "text");
  return text != nullptr && text->IsString() ? text : nullptr;
}

}  // namespace

// The identity members of a chunk, as serialized JSON values ("" when absent).
struct Meta {
  std::string id;
  std::string object;
  std::string created;
  std::string model;
  std::string system_fingerprint;
};

struct ChatStream::State {
  // One complete sentence region of a choice (or the rest after the last sentence, at the end).
  using Record = plugins::SentenceRecord;

  struct Choice;

  // What one chunk did to one of its choices.
  struct Update {
    int index = 0;
    Choice* choice = nullptr;  // null when the choice is not tracked (no text yet, or finished)
    size_t a = 0;              // the chunk's text is choice->text[a, b)
    size_t b = 0;
    bool finish = false;
    std::vector<size_t> records;  // regions this chunk completed
  };

  // Cite: a one-choice chunk waiting until the sentence ends around it are decided.
  struct Held {
    uint64_t id = 0;
    std::string data;  // the chunk's JSON
    std::string raw;   // its bytes, when it goes out unchanged
    Update u;
    Meta meta;
  };

  // A choice's text, its sentence regions and report (plugins/sentence_tracker.h).
  struct Choice : plugins::SentenceTracker {
    int index = 0;
    SourceNumbering numbering;
    std::deque<Held> held;  // cite: chunks waiting, in order
  };

  using Kind = plugins::OutputKind;
  struct Item {
    Kind kind = Kind::kBytes;
    std::string bytes;  // kBytes; kFinal: upstream's [DONE] event (may be empty)
    int choice = 0;
    size_t record = 0;
    uint64_t id = 0;  // kHeld
    Meta meta;
  };

  using Queue = plugins::OutputQueue<Item>;

  State(Api a, Mode m) : api(a), mode(m) {}

  // --- input -----------------------------------------------------------------------------------

  void HandleEvent(SseEvent ev) {
    const bool plain = !ev.comment && (ev.event.empty() || ev.event == "message");
    if (final_pushed) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    if (plain && ev.data == "[DONE]") {
      OnDone(std::move(ev.raw));
      return;
    }
    if (!error_seen && ev.event == "error") {  // a named error event ends checking too
      OnError(std::move(ev.raw));
      return;
    }
    if (error_seen || !plain || ev.data.empty()) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(ev.data.data(), ev.data.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    if (IsNonNull(Member(doc, "error"))) {
      OnError(std::move(ev.raw));
      return;
    }
    Meta meta = MetaOf(doc);
    last_meta = meta;
    Value* choices = Member(doc, "choices");
    if (choices == nullptr || !choices->IsArray() || choices->Empty()) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    std::vector<Update> updates = ApplyText(*choices);
    switch (mode) {
      case Mode::kOff:
      case Mode::kAnnotate:
        queue.PushBytes(std::move(ev.raw));
        break;
      case Mode::kCite:
        HandleCite(doc, updates, std::move(ev.data), std::move(ev.raw), meta);
        break;
      case Mode::kRewrite:
        HandleRewrite(doc, updates, std::move(ev.raw), meta);
        break;
    }
  }

  Meta MetaOf(Value& doc) {
    Meta m;
    auto get = [&](const char* key, std::string& out) {
      if (Value* v = Member(doc, key)) out = Serialize(*v);
    };
    get("id", m.id);
    get("object", m.object);
    get("created", m.created);
    get("model", m.model);
    get("system_fingerprint", m.system_fingerprint);
    return m;
  }

  std::vector<Update> ApplyText(Value& choices) {
    std::vector<Update> updates;
    size_t position = 0;
    for (Value& json : choices.GetArray()) {
      Update u;
      u.index = ChoiceIndex(json, position++);
      Value* text = TextValue(json, api);
      std::string_view piece =
          text ? std::string_view(text->GetString(), text->GetStringLength()) : "";
      u.finish = IsNonNull(Member(json, "finish_reason"));
      // Every choice a chunk names is reported, even one that never has text (tool calls only).
      auto it = choices_.find(u.index);
      if (it == choices_.end()) {
        it = choices_.emplace(u.index, Choice{}).first;
        it->second.index = u.index;
      }
      if (it != choices_.end() && !it->second.finished) {
        Choice& c = it->second;
        u.choice = &c;
        u.a = c.text.size();
        c.text.append(piece);
        u.b = c.text.size();
        if (mode == Mode::kCite) c.ExtendOverClosers(u.a);
        u.records = c.Advance(u.finish, Sink(c));
        if (u.finish) c.finished = true;
      }
      updates.push_back(std::move(u));
    }
    return updates;
  }

  // Requests checks of a choice's claims unless checks were abandoned.
  plugins::SentenceTracker::ClaimSink Sink(Choice& c) { return checks.Sink(c, c.index); }

  plugins::SentenceTracker& Tracker(int index) { return choices_.at(index); }

  void OnDone(std::string raw) {
    if (!error_seen) FinalizeChoices();
    Item item;
    item.kind = Kind::kFinal;
    item.bytes = std::move(raw);
    queue.Push(std::move(item));
    final_pushed = true;
  }

  void OnError(std::string raw) {
    error_seen = true;
    for (auto& [index, c] : choices_) {
      if (mode == Mode::kCite) FlushHeld(c);
      if (mode != Mode::kRewrite || c.done_end >= c.text.size()) continue;
      // Release the held text as it is, before the error, so the client has all upstream sent.
      queue.Push(RecordItem(Kind::kRewrite, index, c.AddRest(), last_meta));
    }
    queue.PushBytes(std::move(raw));
  }

  // The rest of every unfinished choice is complete (at [DONE] or the end of upstream).
  void FinalizeChoices() {
    for (auto& [index, c] : choices_) {
      if (c.finished) continue;
      std::vector<size_t> records = c.Advance(/*finish=*/true, Sink(c));
      c.finished = true;
      if (mode == Mode::kCite) {
        FlushHeld(c);
        for (size_t r : c.TakeRestMarkers())
          queue.Push(RecordItem(Kind::kMarker, index, r, last_meta));
        if (!c.report.claims.empty()) {
          queue.Push(RecordItem(Kind::kSources, index, 0, last_meta));
        }
      } else if (mode == Mode::kRewrite) {
        for (size_t r : records) queue.Push(RecordItem(Kind::kRewrite, index, r, last_meta));
      }
    }
  }

  void Finish() {
    for (SseEvent& ev : parser.Finish()) {
      if (final_pushed) {  // nothing follows it
        queue.PushBytes(std::move(ev.raw));
        continue;
      }
      bool keep = ev.comment || ev.data == "[DONE]";
      if (!keep) {
        rapidjson::Document doc;
        doc.Parse<kParseFlags>(ev.data.data(), ev.data.size());
        keep = !doc.HasParseError() && doc.IsObject();
      }
      if (!keep) continue;
      ev.raw = TerminateSseEvent(std::move(ev.raw));
      ev.terminated = true;
      HandleEvent(std::move(ev));
    }
    if (!final_pushed) OnDone("");
    upstream_finished = true;
  }

  // --- cite ----------------------------------------------------------------------------------

  void HandleCite(rapidjson::Document& doc, std::vector<Update>& updates, std::string data,
                  std::string raw, const Meta& meta) {
    if (std::none_of(updates.begin(), updates.end(),
                     [](const Update& u) { return u.choice != nullptr; })) {
      queue.PushBytes(std::move(raw));
      return;
    }
    Value& choices = doc["choices"];
    if (choices.Size() == 1) {
      CiteChunk(std::move(data), std::move(raw), std::move(updates[0]), meta);
      return;
    }
    // One chunk per choice, so that each can be split and held on its own; the non-identity
    // top-level members ride on the last.
    const size_t n = choices.Size();
    for (size_t i = 0; i < n; ++i) {
      rapidjson::Document piece;
      piece.SetObject();
      auto& alloc = piece.GetAllocator();
      for (auto& m : doc.GetObject()) {
        std::string_view key(m.name.GetString(), m.name.GetStringLength());
        if (key == "choices") {
          Value array(rapidjson::kArrayType);
          array.PushBack(Value(choices[static_cast<rapidjson::SizeType>(i)], alloc), alloc);
          piece.AddMember(Value(m.name, alloc), array, alloc);
        } else if (IsIdentityKey(key) || i + 1 == n) {
          piece.AddMember(Value(m.name, alloc), Value(m.value, alloc), alloc);
        }
      }
      std::string piece_data = Serialize(piece);
      std::string piece_raw = FormatSseData(piece_data);
      if (updates[i].choice == nullptr) {
        queue.PushBytes(std::move(piece_raw));
      } else {
        CiteChunk(std::move(piece_data), std::move(piece_raw), std::move(updates[i]), meta);
      }
    }
  }

  // A one-choice chunk of a tracked choice: resolved now, or held until its choice is decided.
  void CiteChunk(std::string data, std::string raw, Update u, const Meta& meta) {
    Choice& c = *u.choice;
    Held h{next_hold_id++, std::move(data), std::move(raw), std::move(u), meta};
    if (c.held.empty() && c.Decided()) {
      for (Item& item : Resolve(c, h)) queue.Push(std::move(item));
      return;
    }
    // The chunk's place in the output order; FlushHeld fills it once the choice is decided.
    queue.PushSlot(h.id);
    c.held.push_back(std::move(h));
    if (c.Decided()) FlushHeld(c);
  }

  // Resolves every held chunk of a choice, in its slot in the output order.
  void FlushHeld(Choice& c) {
    while (!c.held.empty()) {
      Held h = std::move(c.held.front());
      c.held.pop_front();
      queue.Fill(h.id, Resolve(c, h));
    }
  }

  // The output for one chunk whose sentence ends are known: markers before it for ends at its
  // start, the chunk split at ends inside its text with markers in between, markers after it,
  // and the sources list before its finish_reason.
  std::vector<Item> Resolve(Choice& c, Held& h) {
    const Update& u = h.u;
    const plugins::SentenceTracker::MarkerPlaces places = c.TakeMarkers(u.a, u.b);
    const std::vector<size_t>& pre = places.before;
    const std::vector<size_t>& inner = places.inside;
    const std::vector<size_t>& at_b = places.after;
    const bool sources = u.finish && !c.report.claims.empty();
    std::vector<Item> items;
    auto markers = [&](const std::vector<size_t>& records) {
      for (size_t r : records) items.push_back(RecordItem(Kind::kMarker, u.index, r, h.meta));
    };
    markers(pre);
    if (inner.empty() && !(sources && u.b > u.a)) {
      if (sources) items.push_back(RecordItem(Kind::kSources, u.index, 0, h.meta));
      items.push_back(Queue::BytesItem(std::move(h.raw)));
      markers(at_b);
      return items;
    }
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(h.data.data(), h.data.size());
    Value& choice = doc["choices"][0];
    std::vector<size_t> bounds = {u.a};
    for (size_t r : inner) bounds.push_back(c.records[r].end);
    bounds.push_back(u.b);
    Value* delta = api == Api::kChat ? Member(choice, "delta") : nullptr;
    Value* role = delta ? Member(*delta, "role") : nullptr;
    std::optional<std::string> role_json;
    if (role != nullptr) role_json = Serialize(*role);
    bool role_moved = false;
    const size_t parts = bounds.size() - 1;
    for (size_t i = 0; i < parts; ++i) {
      std::string_view text = std::string_view(c.text).substr(bounds[i], bounds[i + 1] - bounds[i]);
      const bool last = i + 1 == parts;
      if (!last || u.finish) {
        if (!text.empty()) {
          items.push_back(Queue::BytesItem(FormatSseData(
              ContentChunk(h.meta, u.index, text, role_moved ? nullptr : &role_json))));
          role_moved = role_moved || role_json.has_value();
        }
        if (!last) markers({inner[i]});
      } else {
        items.push_back(Queue::BytesItem(Original(doc, choice, text, role_moved)));
      }
    }
    if (u.finish) {
      markers(at_b);
      items.push_back(RecordItem(Kind::kSources, u.index, 0, h.meta));
      items.push_back(Queue::BytesItem(Original(doc, choice, "", role_moved)));
    } else {
      markers(at_b);
    }
    return items;
  }

  // The chunk with its text replaced (and its role dropped when an earlier part carried it).
  std::string Original(rapidjson::Document& doc, Value& choice, std::string_view text,
                       bool drop_role) {
    if (Value* tv = TextValue(choice, api)) {
      tv->SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()), doc.GetAllocator());
    }
    if (drop_role) {
      if (Value* delta = Member(choice, "delta")) delta->RemoveMember("role");
    }
    return FormatSseData(Serialize(doc));
  }

  // --- rewrite --------------------------------------------------------------------------------

  void HandleRewrite(rapidjson::Document& doc, std::vector<Update>& updates, std::string raw,
                     const Meta& meta) {
    bool any_text = false;
    for (const Update& u : updates) {
      if (u.choice == nullptr) continue;
      for (size_t r : u.records) queue.Push(RecordItem(Kind::kRewrite, u.index, r, meta));
      any_text = any_text || u.b > u.a;
    }
    if (!any_text) {
      queue.PushBytes(std::move(raw));
      return;
    }
    Value& choices = doc["choices"];
    for (size_t i = 0; i < updates.size(); ++i) {
      const Update& u = updates[i];
      if (u.choice == nullptr || u.b == u.a) continue;
      Value& choice = choices[static_cast<rapidjson::SizeType>(i)];
      TextValue(choice, api)->SetString("", 0);
      if (Value* logprobs = Member(choice, "logprobs")) logprobs->SetNull();
    }
    if (HasPayload(doc)) queue.PushBytes(FormatSseData(Serialize(doc)));
  }

  // Whether a chunk whose held text was emptied still says something.
  bool HasPayload(Value& doc) const {
    for (auto& m : doc.GetObject()) {
      std::string_view key(m.name.GetString(), m.name.GetStringLength());
      if (key == "choices" || IsIdentityKey(key) || key == "obfuscation") continue;
      if (!m.value.IsNull()) return true;
    }
    for (Value& choice : doc["choices"].GetArray()) {
      if (!choice.IsObject()) return true;
      for (auto& m : choice.GetObject()) {
        std::string_view key(m.name.GetString(), m.name.GetStringLength());
        if (key == "index" || key == "logprobs") continue;
        if (key == "text" && api == Api::kCompletions) {
          if (!m.value.IsString() || m.value.GetStringLength() > 0) return true;
          continue;
        }
        if (key == "delta" && m.value.IsObject()) {
          for (auto& d : m.value.GetObject()) {
            std::string_view dkey(d.name.GetString(), d.name.GetStringLength());
            if (dkey == "content" && d.value.IsString() && d.value.GetStringLength() == 0) continue;
            if (!d.value.IsNull()) return true;
          }
          continue;
        }
        if (!m.value.IsNull()) return true;
      }
    }
    return false;
  }

  // --- output ---------------------------------------------------------------------------------

  static Item RecordItem(Kind kind, int choice, size_t record, const Meta& meta) {
    Item item;
    item.kind = kind;
    item.choice = choice;
    item.record = record;
    item.meta = meta;
    return item;
  }

  void Drain() {
    queue.Drain(
        [&](const Item& item) { return choices_.at(item.choice).records[item.record].pending; },
        checks.pending() > 0, [&](Item& item) { Emit(item); });
  }

  void Emit(Item& item) {
    switch (item.kind) {
      case Kind::kBytes:
        out += item.bytes;
        return;
      case Kind::kMarker: {
        Choice& c = choices_.at(item.choice);
        std::string markers = c.numbering.MarkersFor(c.ClaimsOf(c.records[item.record]));
        if (!markers.empty()) out += FormatSseData(ContentChunk(item.meta, c.index, markers));
        return;
      }
      case Kind::kSources: {
        Choice& c = choices_.at(item.choice);
        std::string list = c.numbering.SourcesList();
        if (!list.empty()) out += FormatSseData(ContentChunk(item.meta, c.index, list));
        return;
      }
      case Kind::kRewrite: {
        Choice& c = choices_.at(item.choice);
        const Record& r = c.records[item.record];
        std::string text = RewriteSentence(
            std::string_view(c.text).substr(r.begin, r.end - r.begin), r.begin, c.ClaimsOf(r));
        if (!text.empty()) out += FormatSseData(ContentChunk(item.meta, c.index, text));
        return;
      }
      case Kind::kHeld:
        return;
      case Kind::kFinal:
        final_emitted = true;
        if (fail_closed && !plugins::AllChecked(Reports())) {
          // In-band refusal: the SDKs raise on an error payload, so the client cannot take the
          // partly checked answer for a checked one.
          out += FormatSseData(
              ErrorBody("the answer could not be fully verified (fail_closed is set): " +
                            plugins::FirstError(Reports()),
                        "server_error", "verification_incomplete"));
          return;
        }
        out += FormatSseData(ReportChunk());
        out += item.bytes;
        return;
    }
  }

  void WriteMeta(JsonWriter& w, const Meta& meta) const {
    auto raw = [&](const char* key, const std::string& value) {
      if (value.empty()) return;
      w.Key(key);
      w.RawValue(value.data(), value.size(), rapidjson::kStringType);
    };
    raw("id", meta.id);
    if (meta.object.empty()) {
      w.Key("object");
      w.String(DefaultObject());
    } else {
      raw("object", meta.object);
    }
    raw("created", meta.created);
    raw("model", meta.model);
    raw("system_fingerprint", meta.system_fingerprint);
  }

  const char* DefaultObject() const {
    return api == Api::kChat ? "chat.completion.chunk" : "text_completion";
  }

  // {identity..., "choices": [{"index", "delta": {["role",] "content"} | "text", "finish_reason"}]}
  std::string ContentChunk(const Meta& meta, int index, std::string_view text,
                           const std::optional<std::string>* role = nullptr) const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    WriteMeta(w, meta);
    w.Key("choices");
    w.StartArray();
    w.StartObject();
    w.Key("index");
    w.Int(index);
    if (api == Api::kChat) {
      w.Key("delta");
      w.StartObject();
      if (role != nullptr && role->has_value()) {
        w.Key("role");
        w.RawValue((*role)->data(), (*role)->size(), rapidjson::kStringType);
      }
      w.Key("content");
      w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      w.EndObject();
    } else {
      w.Key("text");
      w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    }
    w.Key("finish_reason");
    w.Null();
    w.EndObject();
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
  }

  std::string ReportChunk() const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    auto raw_or = [&](const char* key, const std::string& value, auto fallback) {
      w.Key(key);
      if (value.empty()) {
        fallback();
      } else {
        w.RawValue(value.data(), value.size(), rapidjson::kStringType);
      }
    };
    w.StartObject();
    raw_or("id", last_meta.id, [&] { w.String(""); });
    w.Key("object");
    w.String(DefaultObject());
    raw_or("created", last_meta.created, [&] { w.Int(0); });
    raw_or("model", last_meta.model, [&] { w.String(""); });
    w.Key("choices");
    w.StartArray();
    w.EndArray();
    w.Key("factgate");
    WriteReportJson(w, Reports());
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
  }

  std::vector<ChoiceReport> Reports() const {
    std::vector<ChoiceReport> out;
    for (const auto& [index, c] : choices_) {
      out.push_back({index, c.report});
      out.back().report.elapsed_ms = elapsed_ms;
    }
    return out;
  }

  const Api api;
  const Mode mode;
  SseParser parser;
  std::map<int, Choice> choices_;
  Queue queue;
  std::string out;
  plugins::StreamChecks checks;
  uint64_t next_hold_id = 1;
  Meta last_meta;
  bool final_pushed = false;
  bool fail_closed = false;
  bool final_emitted = false;
  bool error_seen = false;
  bool upstream_finished = false;
  double elapsed_ms = 0;
};

ChatStream::ChatStream(Api api, Mode mode) : state_(std::make_unique<State>(api, mode)) {}
ChatStream::~ChatStream() = default;

void ChatStream::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.out.append(bytes);
    return;
  }
  for (SseEvent& ev : s.parser.Feed(bytes)) s.HandleEvent(std::move(ev));
  s.Drain();
}

void ChatStream::FinishUpstream(bool /*clean*/) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.upstream_finished = true;
    return;
  }
  s.Finish();
  s.Drain();
}

void ChatStream::OnClaimChecked(uint64_t ticket, ClaimResult result,
                                const std::vector<std::string>& source_errors) {
  State& s = *state_;
  auto tracker = [&s](int index) -> plugins::SentenceTracker& { return s.Tracker(index); };
  if (s.checks.Answer(ticket, std::move(result), source_errors, tracker)) s.Drain();
}

void ChatStream::AbandonPendingChecks(std::string reason) {
  State& s = *state_;
  s.checks.Abandon(reason,
                   [&s](int index) -> plugins::SentenceTracker& { return s.Tracker(index); });
  s.Drain();
}

std::vector<CheckRequest> ChatStream::TakeCheckRequests() { return state_->checks.TakeRequests(); }

std::string ChatStream::TakeOutput() {
  state_->Drain();
  return std::exchange(state_->out, {});
}

bool ChatStream::Done() const {
  const State& s = *state_;
  if (!s.out.empty() || !s.queue.empty() || s.checks.pending() > 0) return false;
  if (s.mode == Mode::kOff) return s.upstream_finished;
  return s.final_emitted;
}

size_t ChatStream::PendingChecks() const { return state_->checks.pending(); }

std::vector<ChoiceReport> ChatStream::Reports() const { return state_->Reports(); }

void ChatStream::SetFailClosed(bool fail_closed) { state_->fail_closed = fail_closed; }

void ChatStream::SetElapsedMs(double elapsed_ms) { state_->elapsed_ms = elapsed_ms; }

}  // namespace fg::openai
