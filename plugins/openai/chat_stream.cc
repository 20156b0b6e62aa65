// Output is a queue of items: bytes ready to go, or a place where something computed later goes
// (markers, a rewritten region, a sources list, the report) that may have to wait for checks. The
// queue drains from the front as far as it can, which keeps the client's byte order equal to the
// upstream's order however the checks finish.
#include "plugins/openai/chat_stream.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>

#include "plugins/sse.h"
#include "plugins/stream_sentences.h"
#include "src/core/claim_extractor.h"

namespace fg::openai {
namespace {

using plugins::BackOverClosers;
using plugins::ClosersAt;
using plugins::CompleteCount;
using plugins::MayEnd;
using plugins::TerminatorBefore;
using rapidjson::Value;

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

constexpr unsigned kParseFlags = rapidjson::kParseFullPrecisionFlag;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

Value* Member(Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

bool IsNonNull(const Value* v) { return v != nullptr && !v->IsNull(); }

// Members every chunk of a stream repeats; they go on every piece of a split chunk.
bool IsIdentityKey(std::string_view key) {
  return key == "id" || key == "object" || key == "created" || key == "model" ||
         key == "system_fingerprint" || key == "service_tier";
}

std::string Serialize(const Value& v) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
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

// An unterminated last event made whole: its last line ended and a blank line after it.
std::string Terminate(std::string raw) {
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
  static constexpr size_t kNone = static_cast<size_t>(-1);
  static constexpr size_t kContextBytes = 1024;

  // One complete sentence region of a choice (or the rest after the last sentence, at the end).
  struct Record {
    size_t begin = 0;         // end of the previous region
    size_t end = 0;           // end of the sentence
    size_t claims_begin = 0;  // [claims_begin, claims_end) index report.claims
    size_t claims_end = 0;
    size_t pending = 0;
  };

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

  struct Choice {
    int index = 0;
    std::string text;
    size_t done_end = 0;      // end of the last region
    size_t scanned_size = 0;  // text size at the last completeness scan
    size_t open_end = kNone;  // end of the incomplete sentence after done_end, if any
    bool finished = false;
    Report report;
    std::vector<Record> records;
    SourceNumbering numbering;
    std::vector<size_t> restarts = {0};  // see Advance; ascending
    size_t marker_cursor = 0;            // cite: first record whose markers are not placed yet
    std::deque<Held> held;               // cite: chunks waiting, in order
  };

  enum class Kind { kBytes, kMarker, kSources, kRewrite, kHeld, kFinal };
  struct Item {
    Kind kind = Kind::kBytes;
    std::string bytes;  // kBytes; kFinal: upstream's [DONE] event (may be empty)
    int choice = 0;
    size_t record = 0;
    uint64_t id = 0;  // kHeld
    Meta meta;
  };

  struct TicketRef {
    int choice = 0;
    size_t record = 0;
    size_t claim = 0;
  };

  State(Api a, Mode m) : api(a), mode(m) {}

  // --- input -----------------------------------------------------------------------------------

  void HandleEvent(SseEvent ev) {
    const bool plain = !ev.comment && (ev.event.empty() || ev.event == "message");
    if (final_pushed) {
      PushBytes(std::move(ev.raw));
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
      PushBytes(std::move(ev.raw));
      return;
    }
    rapidjson::Document doc;
    doc.Parse<kParseFlags>(ev.data.data(), ev.data.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      PushBytes(std::move(ev.raw));
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
      PushBytes(std::move(ev.raw));
      return;
    }
    std::vector<Update> updates = ApplyText(*choices);
    switch (mode) {
      case Mode::kOff:
      case Mode::kAnnotate:
        PushBytes(std::move(ev.raw));
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
        if (mode == Mode::kCite) ExtendOverClosers(c, u.a);
        u.records = Advance(c, u.finish);
        if (u.finish) c.finished = true;
      }
      updates.push_back(std::move(u));
    }
    return updates;
  }

  // Cite: the rest of a terminator run and its closers arriving right after a sentence that was
  // complete at the end of the text ("Paris." then "**", "tall." then "..") belong to it, as the
  // segmenter says; its markers go after them. (Its chunk is still held then: text ending in a
  // terminator is never decided.)
  void ExtendOverClosers(Choice& c, size_t old_size) {
    if (c.records.empty() || c.done_end != old_size || c.records.back().end != old_size ||
        c.marker_cursor >= c.records.size()) {
      return;
    }
    std::string_view text = c.text;
    size_t e = old_size;
    if (TerminatorBefore(text, e, 0)) {
      while (e < text.size()) {
        std::string_view rest = text.substr(e);
        if (text[e] == '.' || text[e] == '!' || text[e] == '?') {
          ++e;
        } else if (rest.starts_with("\u2026") || rest.starts_with("\u3002") ||
                   rest.starts_with("\uFF01") || rest.starts_with("\uFF1F")) {
          e += 3;
        } else {
          break;
        }
      }
    }
    e += ClosersAt(text, e);
    c.records.back().end = e;
    c.done_end = e;
  }

  // Finds newly complete regions of a choice, extracts their claims and requests checks.
  //
  // Cost: the segmenter and the extractor run on a window, not the whole text, so a long answer
  // stays linear. The window starts at a restart point, a paragraph start where the segmenter's
  // state is known to be fresh, so sentences after it come out exactly as over the whole text.
  // The extractor's window reaches back at least kContextBytes for pronoun context.
  std::vector<size_t> Advance(Choice& c, bool finish) {
    std::vector<size_t> ends;
    std::string_view text = c.text;
    const size_t from = RestartBefore(c, c.done_end);
    std::string_view window = text.substr(from);
    std::vector<Sentence> sentences;
    if (finish) {
      sentences = SplitSentences(window);
      for (const Sentence& s : sentences) {
        if (s.span.end + from > c.done_end) ends.push_back(s.span.end + from);
      }
      c.open_end = kNone;
    } else {
      if (text.size() == c.scanned_size) return {};
      c.scanned_size = text.size();
      std::string_view pending = text.substr(c.done_end);
      if (!MayEnd(pending)) {
        size_t e = text.size();
        while (e > c.done_end && IsSpace(text[e - 1])) --e;
        c.open_end = e > c.done_end ? e : kNone;
        return {};
      }
      sentences = SplitSentences(window);
      const size_t complete = CompleteCount(window, sentences);
      for (size_t i = 0; i < complete; ++i) {
        if (sentences[i].span.end + from > c.done_end) ends.push_back(sentences[i].span.end + from);
      }
      const size_t done = ends.empty() ? c.done_end : ends.back();
      c.open_end = sentences.size() > complete && sentences.back().span.end + from > done
                       ? sentences.back().span.end + from
                       : kNone;
      for (size_t i = 0; i < complete; ++i) AddRestart(c, sentences[i].span.begin + from);
    }
    std::vector<size_t> created;
    if (!ends.empty()) {
      const size_t context_from = ContextStart(c, from, sentences);
      std::vector<Claim> claims =
          claim_budget(c) > 0 ? ExtractClaims(text.substr(context_from, ends.back() - context_from))
                              : std::vector<Claim>{};
      for (Claim& claim : claims) {
        claim.span.begin += context_from;
        claim.span.end += context_from;
      }
      for (size_t end : ends) {
        Record r;
        r.begin = c.done_end;
        r.end = end;
        r.claims_begin = c.report.claims.size();
        const size_t record_index = c.records.size();
        for (Claim& claim : claims) {
          if (claim.span.begin >= r.begin && claim.span.begin < r.end && claim_budget(c) > 0) {
            AddClaim(c, r, record_index, std::move(claim));
          }
        }
        r.claims_end = c.report.claims.size();
        c.records.push_back(r);
        created.push_back(record_index);
        c.done_end = end;
      }
    }
    if (finish && c.done_end < text.size()) {
      Record tail;
      tail.begin = c.done_end;
      tail.end = text.size();
      tail.claims_begin = tail.claims_end = c.report.claims.size();
      created.push_back(c.records.size());
      c.records.push_back(tail);
      c.done_end = text.size();
    }
    return created;
  }

  // Where the extractor's window starts: the last point at least kContextBytes before done_end
  // (for pronoun context) that is a restart point or the start of a sentence that opens with a
  // letter on a line without "|" (from there the segmenter splits the rest of the paragraph as
  // over the whole text; this keeps one long paragraph from costing quadratic time).
  static size_t ContextStart(const Choice& c, size_t from, const std::vector<Sentence>& sentences) {
    const size_t want = c.done_end > kContextBytes ? c.done_end - kContextBytes : 0;
    size_t best = RestartBefore(c, want);
    std::string_view t = c.text;
    for (const Sentence& s : sentences) {
      const size_t b = s.span.begin + from;
      if (b > want) break;
      if (b <= best || !IsAsciiAlpha(t[b])) continue;
      size_t line_end = t.find('\n', b);
      if (t.substr(b, line_end == std::string_view::npos ? line_end : line_end - b).find('|') ==
          std::string_view::npos) {
        best = b;
      }
    }
    return best;
  }

  // Claims a choice may still get: as many as ExtractClaims gives one text by default.
  static size_t claim_budget(const Choice& c) {
    const size_t max = ExtractOptions{}.max_claims;
    return c.report.claims.size() < max ? max - c.report.claims.size() : 0;
  }

  // The last restart point at or before pos.
  static size_t RestartBefore(const Choice& c, size_t pos) {
    auto it = std::upper_bound(c.restarts.begin(), c.restarts.end(), pos);
    return *(it - 1);  // restarts[0] == 0
  }

  // Records the start of a complete sentence as a restart point when the segmenter must be in its
  // initial state there: the sentence opens a plain paragraph (a letter at the start of a line,
  // after a blank line; a whole line without "|", so no table).
  static void AddRestart(Choice& c, size_t b) {
    std::string_view t = c.text;
    if (b <= c.restarts.back() || b < 2 || t[b - 1] != '\n' || !IsAsciiAlpha(t[b])) return;
    size_t k = b - 1;
    while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\r')) --k;
    if (k == 0 || t[k - 1] != '\n') return;
    size_t line_end = t.find('\n', b);
    if (line_end == std::string_view::npos ||
        t.substr(b, line_end - b).find('|') != std::string_view::npos) {
      return;
    }
    c.restarts.push_back(b);
  }

  void AddClaim(Choice& c, Record& r, size_t record_index, Claim claim) {
    claim.id = "c" + std::to_string(c.report.claims.size() + 1);  // windows number from c1
    ClaimResult result;
    result.claim = claim;
    c.report.claims.push_back(std::move(result));
    if (abandoned) {
      MarkUnchecked(c.report, abandon_reason);
      return;
    }
    const uint64_t ticket = next_ticket++;
    tickets.emplace(ticket, TicketRef{c.index, record_index, c.report.claims.size() - 1});
    requests.push_back({ticket, std::move(claim)});
    ++r.pending;
  }

  static void MarkUnchecked(Report& report, const std::string& reason) {
    report.checked = false;
    if (std::find(report.errors.begin(), report.errors.end(), reason) == report.errors.end()) {
      report.errors.push_back(reason);
    }
  }

  void OnDone(std::string raw) {
    if (!error_seen) FinalizeChoices();
    Item item;
    item.kind = Kind::kFinal;
    item.bytes = std::move(raw);
    queue.push_back(std::move(item));
    final_pushed = true;
  }

  void OnError(std::string raw) {
    error_seen = true;
    for (auto& [index, c] : choices_) {
      if (mode == Mode::kCite) FlushHeld(c);
      if (mode != Mode::kRewrite || c.done_end >= c.text.size()) continue;
      // Release the held text as it is, before the error, so the client has all upstream sent.
      Record r;
      r.begin = c.done_end;
      r.end = c.text.size();
      r.claims_begin = r.claims_end = c.report.claims.size();
      c.records.push_back(r);
      c.done_end = c.text.size();
      queue.push_back(RecordItem(Kind::kRewrite, index, c.records.size() - 1, last_meta));
    }
    PushBytes(std::move(raw));
  }

  // The rest of every unfinished choice is complete (at [DONE] or the end of upstream).
  void FinalizeChoices() {
    for (auto& [index, c] : choices_) {
      if (c.finished) continue;
      std::vector<size_t> records = Advance(c, /*finish=*/true);
      c.finished = true;
      if (mode == Mode::kCite) {
        FlushHeld(c);
        for (; c.marker_cursor < c.records.size(); ++c.marker_cursor) {
          if (HasClaims(c.records[c.marker_cursor])) {
            queue.push_back(RecordItem(Kind::kMarker, index, c.marker_cursor, last_meta));
          }
        }
        if (!c.report.claims.empty()) {
          queue.push_back(RecordItem(Kind::kSources, index, 0, last_meta));
        }
      } else if (mode == Mode::kRewrite) {
        for (size_t r : records) queue.push_back(RecordItem(Kind::kRewrite, index, r, last_meta));
      }
    }
  }

  void Finish() {
    for (SseEvent& ev : parser.Finish()) {
      if (final_pushed) {  // nothing follows it
        PushBytes(std::move(ev.raw));
        continue;
      }
      bool keep = ev.comment || ev.data == "[DONE]";
      if (!keep) {
        rapidjson::Document doc;
        doc.Parse<kParseFlags>(ev.data.data(), ev.data.size());
        keep = !doc.HasParseError() && doc.IsObject();
      }
      if (!keep) continue;
      ev.raw = Terminate(std::move(ev.raw));
      ev.terminated = true;
      HandleEvent(std::move(ev));
    }
    if (!final_pushed) OnDone("");
    upstream_finished = true;
  }

  // --- cite ----------------------------------------------------------------------------------

  bool HasClaims(const Record& r) const { return r.claims_end > r.claims_begin; }

  // True when `sentence` leaves a quote, bracket or Markdown emphasis open (a closer may follow).
  static bool HasOpenMarkup(std::string_view sentence) {
    size_t stars = 0, underscores = 0, quotes = 0;
    int parens = 0, brackets = 0, curly = 0;
    for (size_t i = 0; i < sentence.size(); ++i) {
      char ch = sentence[i];
      if (ch == '*' && i + 1 < sentence.size() && sentence[i + 1] == '*') {
        ++stars;
        ++i;
      } else if (ch == '_' && i + 1 < sentence.size() && sentence[i + 1] == '_') {
        ++underscores;
        ++i;
      } else if (ch == '"') {
        ++quotes;
      } else if (ch == '(') {
        ++parens;
      } else if (ch == ')') {
        --parens;
      } else if (ch == '[') {
        ++brackets;
      } else if (ch == ']') {
        --brackets;
      } else if (sentence.substr(i).starts_with("\u201C")) {
        ++curly;
      } else if (sentence.substr(i).starts_with("\u201D")) {
        --curly;
      }
    }
    return stars % 2 == 1 || underscores % 2 == 1 || quotes % 2 == 1 || parens > 0 ||
           brackets > 0 || curly > 0;
  }

  // Whether every sentence end in a choice's text so far is known, so that a marker can never
  // have to go before bytes already released.
  static bool Decided(const Choice& c) {
    if (c.finished) return true;
    std::string_view t = c.text;
    // Ends in a terminator: closers or the next word may still move or make the end — unless the
    // sentence is already complete (a long last word: "... United States.") and nothing in it is
    // left open that a closer could still close. Holding it would delay a streamed sentence until
    // the next token, which may be seconds away.
    if (TerminatorBefore(t, BackOverClosers(t, t.size(), 0), 0)) {
      return !c.records.empty() && c.done_end == t.size() &&
             !HasOpenMarkup(t.substr(c.records.back().begin));
    }
    if (c.open_end == kNone) return true;
    // White space or Markdown markers after the open sentence: it may end before them.
    if (c.open_end < t.size()) return false;
    // "... U.S. The": a possible end before an unfinished capitalised word.
    size_t p = t.size();
    while (p > c.done_end && IsAsciiAlpha(t[p - 1])) --p;
    if (p == t.size() || !IsAsciiUpper(t[p])) return true;
    size_t q = p;
    while (q > c.done_end && IsSpace(t[q - 1])) --q;
    if (q == p) return true;
    return !TerminatorBefore(t, BackOverClosers(t, q, c.done_end), c.done_end);
  }

  void HandleCite(rapidjson::Document& doc, std::vector<Update>& updates, std::string data,
                  std::string raw, const Meta& meta) {
    if (std::none_of(updates.begin(), updates.end(),
                     [](const Update& u) { return u.choice != nullptr; })) {
      PushBytes(std::move(raw));
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
        PushBytes(std::move(piece_raw));
      } else {
        CiteChunk(std::move(piece_data), std::move(piece_raw), std::move(updates[i]), meta);
      }
    }
  }

  // A one-choice chunk of a tracked choice: resolved now, or held until its choice is decided.
  void CiteChunk(std::string data, std::string raw, Update u, const Meta& meta) {
    Choice& c = *u.choice;
    Held h{next_hold_id++, std::move(data), std::move(raw), std::move(u), meta};
    if (c.held.empty() && Decided(c)) {
      for (Item& item : Resolve(c, h)) queue.push_back(std::move(item));
      return;
    }
    // The chunk's place in the output order; FlushHeld fills it once the choice is decided.
    Item slot;
    slot.kind = Kind::kHeld;
    slot.id = h.id;
    queue.push_back(std::move(slot));
    c.held.push_back(std::move(h));
    if (Decided(c)) FlushHeld(c);
  }

  // Resolves every held chunk of a choice, in its slot in the output order.
  void FlushHeld(Choice& c) {
    while (!c.held.empty()) {
      Held h = std::move(c.held.front());
      c.held.pop_front();
      std::vector<Item> items = Resolve(c, h);
      auto at = std::find_if(queue.begin(), queue.end(), [&](const Item& item) {
        return item.kind == Kind::kHeld && item.id == h.id;
      });
      at = queue.erase(at);
      queue.insert(at, std::make_move_iterator(items.begin()),
                   std::make_move_iterator(items.end()));
    }
  }

  // The output for one chunk whose sentence ends are known: markers before it for ends at its
  // start, the chunk split at ends inside its text with markers in between, markers after it,
  // and the sources list before its finish_reason.
  std::vector<Item> Resolve(Choice& c, Held& h) {
    const Update& u = h.u;
    std::vector<size_t> pre;
    std::vector<size_t> inner;
    std::vector<size_t> at_b;
    for (; c.marker_cursor < c.records.size() && c.records[c.marker_cursor].end <= u.b;
         ++c.marker_cursor) {
      const Record& rec = c.records[c.marker_cursor];
      if (!HasClaims(rec)) continue;
      if (rec.end <= u.a) {
        pre.push_back(c.marker_cursor);
      } else if (rec.end < u.b) {
        inner.push_back(c.marker_cursor);
      } else {
        at_b.push_back(c.marker_cursor);
      }
    }
    const bool sources = u.finish && !c.report.claims.empty();
    std::vector<Item> items;
    auto markers = [&](const std::vector<size_t>& records) {
      for (size_t r : records) items.push_back(RecordItem(Kind::kMarker, u.index, r, h.meta));
    };
    markers(pre);
    if (inner.empty() && !(sources && u.b > u.a)) {
      if (sources) items.push_back(RecordItem(Kind::kSources, u.index, 0, h.meta));
      items.push_back(BytesItem(std::move(h.raw)));
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
          items.push_back(BytesItem(FormatSseData(
              ContentChunk(h.meta, u.index, text, role_moved ? nullptr : &role_json))));
          role_moved = role_moved || role_json.has_value();
        }
        if (!last) markers({inner[i]});
      } else {
        items.push_back(BytesItem(Original(doc, choice, text, role_moved)));
      }
    }
    if (u.finish) {
      markers(at_b);
      items.push_back(RecordItem(Kind::kSources, u.index, 0, h.meta));
      items.push_back(BytesItem(Original(doc, choice, "", role_moved)));
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
      for (size_t r : u.records) queue.push_back(RecordItem(Kind::kRewrite, u.index, r, meta));
      any_text = any_text || u.b > u.a;
    }
    if (!any_text) {
      PushBytes(std::move(raw));
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
    if (HasPayload(doc)) PushBytes(FormatSseData(Serialize(doc)));
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

  static Item BytesItem(std::string bytes) {
    Item item;
    item.bytes = std::move(bytes);
    return item;
  }

  static Item RecordItem(Kind kind, int choice, size_t record, const Meta& meta) {
    Item item;
    item.kind = kind;
    item.choice = choice;
    item.record = record;
    item.meta = meta;
    return item;
  }

  void PushBytes(std::string bytes) {
    if (!bytes.empty()) queue.push_back(BytesItem(std::move(bytes)));
  }

  std::span<const ClaimResult> ClaimsOf(const Choice& c, const Record& r) const {
    return std::span<const ClaimResult>(c.report.claims)
        .subspan(r.claims_begin, r.claims_end - r.claims_begin);
  }

  bool Ready(const Item& item) const {
    switch (item.kind) {
      case Kind::kBytes:
      case Kind::kSources:
        return true;
      case Kind::kMarker:
      case Kind::kRewrite:
        return choices_.at(item.choice).records[item.record].pending == 0;
      case Kind::kHeld:
        return false;
      case Kind::kFinal:
        return tickets.empty();
    }
    return true;
  }

  void Drain() {
    while (!queue.empty() && Ready(queue.front())) {
      Item item = std::move(queue.front());
      queue.pop_front();
      Emit(item);
    }
  }

  void Emit(Item& item) {
    switch (item.kind) {
      case Kind::kBytes:
        out += item.bytes;
        return;
      case Kind::kMarker: {
        Choice& c = choices_.at(item.choice);
        std::string markers = c.numbering.MarkersFor(ClaimsOf(c, c.records[item.record]));
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
            std::string_view(c.text).substr(r.begin, r.end - r.begin), r.begin, ClaimsOf(c, r));
        if (!text.empty()) out += FormatSseData(ContentChunk(item.meta, c.index, text));
        return;
      }
      case Kind::kHeld:
        return;
      case Kind::kFinal:
        final_emitted = true;
        if (fail_closed && !AllChecked()) {
          // In-band refusal: the SDKs raise on an error payload, so the client cannot take the
          // partly checked answer for a checked one.
          out += FormatSseData(ErrorBody(
              "the answer could not be fully verified (fail_closed is set): " + FirstError(),
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

  bool AllChecked() const {
    for (const auto& [index, c] : choices_) {
      if (!c.report.checked) return false;
    }
    return true;
  }

  std::string FirstError() const {
    for (const auto& [index, c] : choices_) {
      if (!c.report.errors.empty()) return c.report.errors.front();
    }
    return "unknown reason";
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
  std::deque<Item> queue;
  std::string out;
  std::vector<CheckRequest> requests;
  std::unordered_map<uint64_t, TicketRef> tickets;
  uint64_t next_ticket = 1;
  uint64_t next_hold_id = 1;
  Meta last_meta;
  bool final_pushed = false;
  bool fail_closed = false;
  bool final_emitted = false;
  bool error_seen = false;
  bool abandoned = false;
  std::string abandon_reason;
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
  auto it = s.tickets.find(ticket);
  if (it == s.tickets.end()) return;
  const State::TicketRef ref = it->second;
  s.tickets.erase(it);
  State::Choice& c = s.choices_.at(ref.choice);
  for (const std::string& error : source_errors) State::MarkUnchecked(c.report, error);
  ClaimResult& slot = c.report.claims[ref.claim];
  result.claim = std::move(slot.claim);
  slot = std::move(result);
  --c.records[ref.record].pending;
  s.Drain();
}

void ChatStream::AbandonPendingChecks(std::string reason) {
  State& s = *state_;
  s.abandoned = true;
  s.abandon_reason = reason;
  for (const auto& [ticket, ref] : s.tickets) {
    State::Choice& c = s.choices_.at(ref.choice);
    ClaimResult& slot = c.report.claims[ref.claim];
    ClaimResult nei;
    nei.claim = std::move(slot.claim);
    slot = std::move(nei);
    --c.records[ref.record].pending;
    State::MarkUnchecked(c.report, reason);
  }
  s.tickets.clear();
  s.requests.clear();
  s.Drain();
}

std::vector<CheckRequest> ChatStream::TakeCheckRequests() {
  return std::exchange(state_->requests, {});
}

std::string ChatStream::TakeOutput() {
  state_->Drain();
  return std::exchange(state_->out, {});
}

bool ChatStream::Done() const {
  const State& s = *state_;
  if (!s.out.empty() || !s.queue.empty() || !s.tickets.empty()) return false;
  if (s.mode == Mode::kOff) return s.upstream_finished;
  return s.final_emitted;
}

size_t ChatStream::PendingChecks() const { return state_->tickets.size(); }

std::vector<ChoiceReport> ChatStream::Reports() const { return state_->Reports(); }

void ChatStream::SetFailClosed(bool fail_closed) { state_->fail_closed = fail_closed; }

void ChatStream::SetElapsedMs(double elapsed_ms) { state_->elapsed_ms = elapsed_ms; }

}  // namespace fg::openai
