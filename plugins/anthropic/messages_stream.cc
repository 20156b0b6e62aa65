// Output goes through an ordered queue (plugins/output_queue.h): bytes ready to go, or a place
// where something computed later goes (markers, a rewritten region, a sources list, the report)
// that may have to wait for checks, so the client's byte order equals the upstream's however the
// checks finish. Check requests and tickets are plugins/stream_checks.h.
//
// The sentence tracking (plugins/sentence_tracker.h) is the one of plugins/openai/chat_stream.cc
// applied to a content block instead of a choice, so that both dialects check and cite the same
// sentences the same way.
#include "plugins/anthropic/messages_stream.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <deque>
#include <map>
#include <optional>
#include <span>
#include <utility>

#include "plugins/anthropic/anthropic_dialect.h"
#include "plugins/json_util.h"
#include "plugins/output_queue.h"
#include "plugins/sentence_tracker.h"
#include "plugins/sse.h"
#include "plugins/stream_checks.h"
#include "src/core/renderer.h"
#include "src/core/segmenter.h"

namespace fg::anthropic {
namespace {

using plugins::CheckRequest;
using plugins::ChoiceReport;
using rapidjson::Value;

using plugins::Member;
using plugins::Serialize;
using plugins::StringOf;

constexpr unsigned kParseFlags = plugins::kJsonParseFlags;

// The event's "index" when it is an int.
std::optional<int> IndexOf(Value& doc) {
  Value* index = Member(doc, "index");
  if (index == nullptr || !index->IsInt()) return std::nullopt;
  return index->GetInt();
}

// {"type":"content_block_delta","index":<index>,"delta":{"type":"text_delta","text":<text>}}
std::string TextDeltaJson(int index, std::string_view text) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("type");
  w.String("content_block_delta");
  w.Key("index");
  w.Int(index);
  w.Key("delta");
  w.StartObject();
  w.Key("type");
  w.String("text_delta");
  w.Key("text");
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  w.EndObject();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string TextDeltaEvent(int index, std::string_view text) {
  return FormatSseEvent("content_block_delta", TextDeltaJson(index, text));
}

}  // namespace

struct MessagesStream::State {
  // One complete sentence region of a block (or the rest after the last sentence, at the end).
  using Record = plugins::SentenceRecord;

  // What one text_delta did to its block.
  struct Update {
    size_t a = 0;  // the delta's text is block.text[a, b)
    size_t b = 0;
    std::vector<size_t> records;  // regions it completed
  };

  // Cite: a text_delta waiting until the sentence ends around it are decided.
  struct Held {
    uint64_t id = 0;
    std::string data;  // the event's JSON
    std::string raw;   // its bytes, when it goes out unchanged
    Update u;
  };

  // One text content block: its text, sentence regions and report (plugins/sentence_tracker.h);
  // `finished` once its rest is complete (content_block_stop, message_stop, error).
  struct Block : plugins::SentenceTracker {
    int index = 0;
    SourceNumbering numbering;
    std::deque<Held> held;  // cite: text_deltas waiting, in order
  };

  using Kind = plugins::OutputKind;
  struct Item {
    Kind kind = Kind::kBytes;
    std::string bytes;  // kBytes; kFinal: upstream's message_stop event (may be empty)
    int block = 0;
    size_t record = 0;
    uint64_t id = 0;  // kHeld
  };

  using Queue = plugins::OutputQueue<Item>;

  explicit State(Mode m) : mode(m) {}

  // --- input -----------------------------------------------------------------------------------

  void HandleEvent(SseEvent ev) {
    if (final_pushed || ev.comment) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(ev.data.data(), ev.data.size());
    const bool object = !doc.HasParseError() && doc.IsObject();
    std::string type = ev.event;
    if (type.empty() && object) type = std::string(StringOf(Member(doc, "type")));
    if (type == "message_stop") {
      OnStop(std::move(ev.raw));
      return;
    }
    if (!error_seen && type == "error") {
      OnError(std::move(ev.raw));
      return;
    }
    if (error_seen || !object) {
      queue.PushBytes(std::move(ev.raw));
      return;
    }
    if (type == "content_block_start") {
      OnBlockStart(doc, std::move(ev.raw));
    } else if (type == "content_block_delta") {
      OnBlockDelta(doc, std::move(ev.data), std::move(ev.raw));
    } else if (type == "content_block_stop") {
      OnBlockStop(doc, std::move(ev.raw));
    } else {
      queue.PushBytes(std::move(ev.raw));
    }
  }

  // The open, tracked text block with the event's index, or nullptr.
  Block* OpenBlock(Value& doc) {
    std::optional<int> index = IndexOf(doc);
    if (!index) return nullptr;
    auto it = blocks_.find(*index);
    return it == blocks_.end() || it->second.finished ? nullptr : &it->second;
  }

  void OnBlockStart(rapidjson::Document& doc, std::string raw) {
    std::optional<int> index = IndexOf(doc);
    Value* content_block = Member(doc, "content_block");
    if (!index || content_block == nullptr || StringOf(Member(*content_block, "type")) != "text" ||
        blocks_.contains(*index)) {
      queue.PushBytes(std::move(raw));
      return;
    }
    Block& b = blocks_[*index];
    b.index = *index;
    Value* text = Member(*content_block, "text");
    const std::string initial(StringOf(text));
    if (initial.empty() || mode == Mode::kAnnotate) {
      queue.PushBytes(std::move(raw));
      if (!initial.empty()) OnText(b, initial, "", "");
      return;
    }
    // Cite and rewrite edit text, which is easier when all of it comes in deltas: the start goes
    // out with "text": "" and its text follows as a text_delta of its own.
    text->SetString("", 0);
    queue.PushBytes(FormatSseEvent("content_block_start", Serialize(doc)));
    std::string data = TextDeltaJson(b.index, initial);
    std::string raw_delta = FormatSseEvent("content_block_delta", data);
    OnText(b, initial, std::move(data), std::move(raw_delta));
  }

  void OnBlockDelta(rapidjson::Document& doc, std::string data, std::string raw) {
    Block* b = OpenBlock(doc);
    Value* delta = Member(doc, "delta");
    if (b == nullptr || delta == nullptr || StringOf(Member(*delta, "type")) != "text_delta" ||
        Member(*delta, "text") == nullptr || !Member(*delta, "text")->IsString()) {
      queue.PushBytes(std::move(raw));
      return;
    }
    OnText(*b, StringOf(Member(*delta, "text")), std::move(data), std::move(raw));
  }

  void OnText(Block& b, std::string_view piece, std::string data, std::string raw) {
    Update u;
    u.a = b.text.size();
    b.text.append(piece);
    u.b = b.text.size();
    if (mode == Mode::kCite) b.ExtendOverClosers(u.a);
    u.records = b.Advance(/*finish=*/false, Sink(b));
    switch (mode) {
      case Mode::kOff:
      case Mode::kAnnotate:
        queue.PushBytes(std::move(raw));
        break;
      case Mode::kCite:
        CiteDelta(b, std::move(data), std::move(raw), std::move(u));
        break;
      case Mode::kRewrite:
        for (size_t r : u.records) queue.Push(RecordItem(Kind::kRewrite, b.index, r));
        if (u.b == u.a) queue.PushBytes(std::move(raw));  // nothing held: harmless as it is
        break;
    }
  }

  void OnBlockStop(rapidjson::Document& doc, std::string raw) {
    if (Block* b = OpenBlock(doc)) FinishBlock(*b);
    queue.PushBytes(std::move(raw));
  }

  // The rest of a block is complete: its last regions, and in cite its markers and sources list.
  void FinishBlock(Block& b) {
    std::vector<size_t> records = b.Advance(/*finish=*/true, Sink(b));
    b.finished = true;
    if (mode == Mode::kCite) {
      FlushHeld(b);
      for (size_t r : b.TakeRestMarkers()) queue.Push(RecordItem(Kind::kMarker, b.index, r));
      if (!b.report.claims.empty()) queue.Push(RecordItem(Kind::kSources, b.index, 0));
    } else if (mode == Mode::kRewrite) {
      for (size_t r : records) queue.Push(RecordItem(Kind::kRewrite, b.index, r));
    }
  }

  void OnStop(std::string raw) {
    if (!error_seen) {
      for (auto& [index, b] : blocks_) {
        if (!b.finished) FinishBlock(b);
      }
    }
    Item item;
    item.kind = Kind::kFinal;
    item.bytes = std::move(raw);
    queue.Push(std::move(item));
    final_pushed = true;
  }

  void OnError(std::string raw) {
    error_seen = true;
    for (auto& [index, b] : blocks_) {
      if (b.finished) continue;
      b.finished = true;
      if (mode == Mode::kCite) {
        FlushHeld(b);
        if (!b.report.claims.empty()) queue.Push(RecordItem(Kind::kSources, index, 0));
      }
      if (mode != Mode::kRewrite || b.done_end >= b.text.size()) continue;
      // Release the held text as it is, before the error, so the client has all upstream sent.
      queue.Push(RecordItem(Kind::kRewrite, index, b.AddRest()));
    }
    queue.PushBytes(std::move(raw));
  }

  void Finish() {
    for (SseEvent& ev : parser.Finish()) {
      if (final_pushed) {  // nothing follows it
        queue.PushBytes(std::move(ev.raw));
        continue;
      }
      bool keep = ev.comment;
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
    if (!final_pushed) OnStop("");
    upstream_finished = true;
  }

  // --- claims ----------------------------------------------------------------------------------

  // Requests checks of a block's claims unless checks were abandoned.
  plugins::SentenceTracker::ClaimSink Sink(Block& b) { return checks.Sink(b, b.index); }

  plugins::SentenceTracker& Tracker(int index) { return blocks_.at(index); }

  // --- cite ------------------------------------------------------------------------------------

  // A text_delta of a tracked block: resolved now, or held until its block is decided.
  void CiteDelta(Block& b, std::string data, std::string raw, Update u) {
    Held h{next_hold_id++, std::move(data), std::move(raw), std::move(u)};
    if (b.held.empty() && b.Decided()) {
      for (Item& item : Resolve(b, h)) queue.Push(std::move(item));
      return;
    }
    // The delta's place in the output order; FlushHeld fills it once the block is decided.
    queue.PushSlot(h.id);
    b.held.push_back(std::move(h));
    if (b.Decided()) FlushHeld(b);
  }

  // Resolves every held delta of a block, in its slot in the output order.
  void FlushHeld(Block& b) {
    while (!b.held.empty()) {
      Held h = std::move(b.held.front());
      b.held.pop_front();
      queue.Fill(h.id, Resolve(b, h));
    }
  }

  // The output for one delta whose sentence ends are known: markers before it for ends at its
  // start, the delta split at ends inside its text with markers in between, markers after it.
  std::vector<Item> Resolve(Block& b, Held& h) {
    const Update& u = h.u;
    const plugins::SentenceTracker::MarkerPlaces places = b.TakeMarkers(u.a, u.b);
    const std::vector<size_t>& pre = places.before;
    const std::vector<size_t>& inner = places.inside;
    const std::vector<size_t>& at_b = places.after;
    std::vector<Item> items;
    auto markers = [&](const std::vector<size_t>& records) {
      for (size_t r : records) items.push_back(RecordItem(Kind::kMarker, b.index, r));
    };
    markers(pre);
    if (inner.empty()) {
      items.push_back(Queue::BytesItem(std::move(h.raw)));
      markers(at_b);
      return items;
    }
    std::vector<size_t> bounds = {u.a};
    for (size_t r : inner) bounds.push_back(b.records[r].end);
    bounds.push_back(u.b);
    for (size_t i = 0; i + 2 < bounds.size(); ++i) {
      std::string_view text = std::string_view(b.text).substr(bounds[i], bounds[i + 1] - bounds[i]);
      if (!text.empty()) items.push_back(Queue::BytesItem(TextDeltaEvent(b.index, text)));
      markers({inner[i]});
    }
    // The original event, re-serialized, carries the last part (and any other member it has).
    const size_t last = bounds[bounds.size() - 2];
    std::string_view text = std::string_view(b.text).substr(last, u.b - last);
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(h.data.data(), h.data.size());
    doc["delta"]["text"].SetString(text.data(), static_cast<rapidjson::SizeType>(text.size()),
                                   doc.GetAllocator());
    items.push_back(Queue::BytesItem(FormatSseEvent("content_block_delta", Serialize(doc))));
    markers(at_b);
    return items;
  }

  // --- output ----------------------------------------------------------------------------------

  static Item RecordItem(Kind kind, int block, size_t record) {
    Item item;
    item.kind = kind;
    item.block = block;
    item.record = record;
    return item;
  }

  void Drain() {
    queue.Drain(
        [&](const Item& item) { return blocks_.at(item.block).records[item.record].pending; },
        checks.pending() > 0, [&](Item& item) { Emit(item); });
  }

  void Emit(Item& item) {
    switch (item.kind) {
      case Kind::kBytes:
        out += item.bytes;
        return;
      case Kind::kMarker: {
        Block& b = blocks_.at(item.block);
        std::string markers = b.numbering.MarkersFor(b.ClaimsOf(b.records[item.record]));
        if (!markers.empty()) out += TextDeltaEvent(b.index, markers);
        return;
      }
      case Kind::kSources: {
        Block& b = blocks_.at(item.block);
        std::string list = b.numbering.SourcesList();
        if (!list.empty()) out += TextDeltaEvent(b.index, list);
        return;
      }
      case Kind::kRewrite: {
        Block& b = blocks_.at(item.block);
        const Record& r = b.records[item.record];
        std::string text = RewriteSentence(
            std::string_view(b.text).substr(r.begin, r.end - r.begin), r.begin, b.ClaimsOf(r));
        if (!text.empty()) out += TextDeltaEvent(b.index, text);
        return;
      }
      case Kind::kHeld:
        return;
      case Kind::kFinal:
        final_emitted = true;
        if (fail_closed && !plugins::AllChecked(Reports())) {
          // In-band refusal: the SDKs raise on an error event, so the client cannot take the
          // partly checked answer for a checked one.
          out += FormatSseEvent("error", ErrorJson("api_error",
                                                   "factgate: verification incomplete: " +
                                                       plugins::FirstError(Reports()),
                                                   "verification_incomplete"));
          return;
        }
        out += FormatSseEvent("factgate", FactgateData());
        out += item.bytes;
        return;
    }
  }

  // {"type":"factgate","factgate":<ReportJson>}
  std::string FactgateData() const {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("type");
    w.String("factgate");
    w.Key("factgate");
    plugins::WriteReportJson(w, Reports());
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize());
  }

  std::vector<ChoiceReport> Reports() const {
    std::vector<ChoiceReport> out;
    for (const auto& [index, b] : blocks_) {
      out.push_back({index, b.report});
      out.back().report.elapsed_ms = elapsed_ms;
    }
    return out;
  }

  const Mode mode;
  SseParser parser;
  std::map<int, Block> blocks_;
  Queue queue;
  std::string out;
  plugins::StreamChecks checks;
  uint64_t next_hold_id = 1;
  bool final_pushed = false;
  bool fail_closed = false;
  bool final_emitted = false;
  bool error_seen = false;
  bool upstream_finished = false;
  double elapsed_ms = 0;
};

MessagesStream::MessagesStream(Mode mode) : state_(std::make_unique<State>(mode)) {}
MessagesStream::~MessagesStream() = default;

void MessagesStream::Feed(std::string_view bytes) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.out.append(bytes);
    return;
  }
  for (SseEvent& ev : s.parser.Feed(bytes)) s.HandleEvent(std::move(ev));
  s.Drain();
}

void MessagesStream::FinishUpstream(bool /*clean*/) {
  State& s = *state_;
  if (s.upstream_finished) return;
  if (s.mode == Mode::kOff) {
    s.upstream_finished = true;
    return;
  }
  s.Finish();
  s.Drain();
}

void MessagesStream::OnClaimChecked(uint64_t ticket, ClaimResult result,
                                    const std::vector<std::string>& source_errors) {
  State& s = *state_;
  auto tracker = [&s](int index) -> plugins::SentenceTracker& { return s.Tracker(index); };
  if (s.checks.Answer(ticket, std::move(result), source_errors, tracker)) s.Drain();
}

void MessagesStream::AbandonPendingChecks(std::string reason) {
  State& s = *state_;
  s.checks.Abandon(reason,
                   [&s](int index) -> plugins::SentenceTracker& { return s.Tracker(index); });
  s.Drain();
}

std::vector<CheckRequest> MessagesStream::TakeCheckRequests() {
  return state_->checks.TakeRequests();
}

std::string MessagesStream::TakeOutput() {
  state_->Drain();
  return std::exchange(state_->out, {});
}

bool MessagesStream::Done() const {
  const State& s = *state_;
  if (!s.out.empty() || !s.queue.empty() || s.checks.pending() > 0) return false;
  if (s.mode == Mode::kOff) return s.upstream_finished;
  return s.final_emitted;
}

size_t MessagesStream::PendingChecks() const { return state_->checks.pending(); }

std::vector<ChoiceReport> MessagesStream::Reports() const { return state_->Reports(); }

void MessagesStream::SetElapsedMs(double elapsed_ms) { state_->elapsed_ms = elapsed_ms; }

void MessagesStream::SetFailClosed(bool fail_closed) { state_->fail_closed = fail_closed; }

}  // namespace fg::anthropic
