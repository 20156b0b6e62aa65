// The ordered output of a stream processor (plugins/openai/chat_stream.cc,
// plugins/anthropic/messages_stream.cc, plugins/ollama/ndjson_stream.cc): a queue of items, each
// either bytes ready to go or a place where something computed later goes (citation markers, a
// rewritten region, a sources list, a held chunk, the report). The queue drains from the front as
// far as it can, which keeps the client's byte order equal to the upstream's order however the
// checks finish.
//
// Contract:
// - `Item` is the processor's own struct with at least `OutputKind kind` (default kBytes),
//   `std::string bytes` and `uint64_t id`; the rest (which region, copied identity fields) is the
//   processor's business.
// - Drain emits items from the front while the front one is ready: kBytes and kSources always;
//   kMarker and kRewrite once their region has no pending check (`region_pending(item)` == 0, only
//   asked for those kinds); kHeld never (Fill replaces it first); kFinal once no check is pending.
// - PushSlot reserves the place of a held chunk (kHeld with `id`); Fill replaces that slot, in
//   place, by the items the chunk resolved to. The slot must be there.
//
// A plain value type, header-only (a template): no I/O, not thread-safe, never throws.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace fg::plugins {

enum class OutputKind { kBytes, kMarker, kSources, kRewrite, kHeld, kFinal };

template <typename Item>
class OutputQueue {
 public:
  static Item BytesItem(std::string bytes) {
    Item item;
    item.bytes = std::move(bytes);
    return item;
  }

  void Push(Item item) { items_.push_back(std::move(item)); }

  // Bytes to go out in order; nothing when empty.
  void PushBytes(std::string bytes) {
    if (!bytes.empty()) Push(BytesItem(std::move(bytes)));
  }

  // The place of a held chunk with `id`, filled later by Fill.
  void PushSlot(uint64_t id) {
    Item slot;
    slot.kind = OutputKind::kHeld;
    slot.id = id;
    Push(std::move(slot));
  }

  // Replaces the slot of `id` by `items`, in its place.
  void Fill(uint64_t id, std::vector<Item> items) {
    auto at = std::find_if(items_.begin(), items_.end(), [&](const Item& item) {
      return item.kind == OutputKind::kHeld && item.id == id;
    });
    at = items_.erase(at);
    items_.insert(at, std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
  }

  // Hands the ready items at the front to `emit(Item&)`, in order (see the contract above).
  template <typename RegionPending, typename Emit>
  void Drain(const RegionPending& region_pending, bool checks_pending, const Emit& emit) {
    while (!items_.empty() && Ready(items_.front(), region_pending, checks_pending)) {
      Item item = std::move(items_.front());
      items_.pop_front();
      emit(item);
    }
  }

  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }

 private:
  template <typename RegionPending>
  static bool Ready(const Item& item, const RegionPending& region_pending, bool checks_pending) {
    switch (item.kind) {
      case OutputKind::kBytes:
      case OutputKind::kSources:
        return true;
      case OutputKind::kMarker:
      case OutputKind::kRewrite:
        return region_pending(item) == 0;
      case OutputKind::kHeld:
        return false;
      case OutputKind::kFinal:
        return !checks_pending;
    }
    return true;
  }

  std::deque<Item> items_;
};

}  // namespace fg::plugins
