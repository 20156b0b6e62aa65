#include "plugins/output_queue.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace fg::plugins {
namespace {

struct Item {
  OutputKind kind = OutputKind::kBytes;
  std::string bytes;
  uint64_t id = 0;
  size_t region = 0;
};

Item Of(OutputKind kind, std::string bytes, size_t region = 0) {
  Item item;
  item.kind = kind;
  item.bytes = std::move(bytes);
  item.region = region;
  return item;
}

struct Harness {
  OutputQueue<Item> queue;
  std::map<size_t, size_t> pending;  // region -> pending checks
  bool checks_pending = false;
  std::string out;

  void Drain() {
    queue.Drain([&](const Item& item) { return pending[item.region]; }, checks_pending,
                [&](Item& item) { out += item.bytes; });
  }
};

TEST(OutputQueueTest, BytesGoOutInOrderAndEmptyBytesAreDropped) {
  Harness h;
  h.queue.PushBytes("a");
  h.queue.PushBytes("");
  h.queue.Push(OutputQueue<Item>::BytesItem("b"));
  EXPECT_EQ(h.queue.size(), 2u);
  h.Drain();
  EXPECT_EQ(h.out, "ab");
  EXPECT_TRUE(h.queue.empty());
}

TEST(OutputQueueTest, RegionItemsWaitForTheirChecksAndHoldWhatFollows) {
  Harness h;
  h.pending[1] = 1;
  h.queue.PushBytes("a");
  h.queue.Push(Of(OutputKind::kMarker, "[1]", 1));
  h.queue.PushBytes("b");
  h.queue.Push(Of(OutputKind::kSources, "S"));
  h.Drain();
  EXPECT_EQ(h.out, "a");
  h.pending[1] = 0;
  h.Drain();
  EXPECT_EQ(h.out, "a[1]bS");
}

TEST(OutputQueueTest, RewriteWaitsLikeAMarker) {
  Harness h;
  h.pending[0] = 2;
  h.queue.Push(Of(OutputKind::kRewrite, "r"));
  h.Drain();
  EXPECT_EQ(h.out, "");
  h.pending[0] = 0;
  h.Drain();
  EXPECT_EQ(h.out, "r");
}

TEST(OutputQueueTest, FinalWaitsForEveryCheck) {
  Harness h;
  h.checks_pending = true;
  h.queue.Push(Of(OutputKind::kFinal, "END"));
  h.Drain();
  EXPECT_EQ(h.out, "");
  h.checks_pending = false;
  h.Drain();
  EXPECT_EQ(h.out, "END");
}

TEST(OutputQueueTest, SlotsHoldUntilFilledInPlace) {
  Harness h;
  h.queue.PushBytes("a");
  h.queue.PushSlot(7);
  h.queue.PushSlot(8);
  h.queue.PushBytes("d");
  h.Drain();
  EXPECT_EQ(h.out, "a");
  h.queue.Fill(8, {Of(OutputKind::kBytes, "c")});
  h.Drain();
  EXPECT_EQ(h.out, "a");  // slot 7 still holds everything after it
  h.queue.Fill(7, {Of(OutputKind::kBytes, "b1"), Of(OutputKind::kBytes, "b2")});
  h.Drain();
  EXPECT_EQ(h.out, "ab1b2cd");
  EXPECT_TRUE(h.queue.empty());
}

TEST(OutputQueueTest, FillWithNothingRemovesTheSlot) {
  Harness h;
  h.queue.PushSlot(1);
  h.queue.PushBytes("x");
  h.queue.Fill(1, {});
  h.Drain();
  EXPECT_EQ(h.out, "x");
}

}  // namespace
}  // namespace fg::plugins
