#include "plugins/stream_checks.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace fg::plugins {
namespace {

constexpr char kText[] = "Paris is the capital of France. Berlin is the capital of Germany.";

ClaimResult Supported(const std::string& text) {
  ClaimResult r;
  r.claim.text = text;
  r.verdict = Verdict::kSupported;
  r.confidence = 0.9;
  return r;
}

struct Harness {
  StreamChecks checks;
  std::map<int, SentenceTracker> trackers;

  StreamChecks::TrackerOf Lookup() {
    return [this](int group) -> SentenceTracker& { return trackers.at(group); };
  }

  // Adds `text` to tracker `group` as a finished answer; returns the records it completed.
  std::vector<size_t> Finish(int group, const std::string& text) {
    SentenceTracker& t = trackers[group];
    t.text = text;
    return t.Advance(/*finish=*/true, checks.Sink(t, group));
  }
};

TEST(StreamChecksTest, TicketsAreUniqueAcrossGroupsAndPending) {
  Harness h;
  h.Finish(0, kText);
  h.Finish(3, kText);
  std::vector<CheckRequest> requests = h.checks.TakeRequests();
  ASSERT_EQ(requests.size(), h.trackers[0].report.claims.size() * 2);
  for (size_t i = 0; i < requests.size(); ++i) EXPECT_EQ(requests[i].ticket, i + 1);
  EXPECT_EQ(h.checks.pending(), requests.size());
  EXPECT_TRUE(h.checks.TakeRequests().empty());
}

TEST(StreamChecksTest, AnswerSettlesItsTrackerOnceAndIgnoresUnknownTickets) {
  Harness h;
  h.Finish(0, kText);
  h.Finish(1, kText);
  std::vector<CheckRequest> requests = h.checks.TakeRequests();
  ASSERT_FALSE(requests.empty());
  const CheckRequest last = requests.back();  // a claim of group 1
  EXPECT_TRUE(h.checks.Answer(last.ticket, Supported("x"), {"wiki: down"}, h.Lookup()));
  EXPECT_FALSE(h.checks.Answer(last.ticket, Supported("x"), {}, h.Lookup()));
  EXPECT_FALSE(h.checks.Answer(999, Supported("x"), {}, h.Lookup()));
  EXPECT_EQ(h.checks.pending(), requests.size() - 1);
  const Report& r1 = h.trackers[1].report;
  EXPECT_EQ(r1.claims.back().verdict, Verdict::kSupported);
  EXPECT_EQ(r1.claims.back().claim.text, last.claim.text);  // the requested claim is kept
  EXPECT_FALSE(r1.checked);
  EXPECT_TRUE(h.trackers[0].report.checked);
}

TEST(StreamChecksTest, AbandonSettlesEveryPendingTicketAndStopsRequests) {
  Harness h;
  h.Finish(0, "Paris is the capital of France.");
  ASSERT_FALSE(h.checks.TakeRequests().empty());
  h.checks.Abandon("budget", h.Lookup());
  EXPECT_EQ(h.checks.pending(), 0u);
  const Report& r0 = h.trackers[0].report;
  EXPECT_FALSE(r0.checked);
  EXPECT_EQ(r0.errors, std::vector<std::string>{"budget"});
  for (const SentenceRecord& rec : h.trackers[0].records) EXPECT_EQ(rec.pending, 0u);
  // Later claims are not requested; their report is marked instead.
  h.Finish(2, "Berlin is the capital of Germany.");
  EXPECT_TRUE(h.checks.TakeRequests().empty());
  EXPECT_EQ(h.checks.pending(), 0u);
  EXPECT_FALSE(h.trackers[2].report.checked);
  EXPECT_EQ(h.trackers[2].report.errors, std::vector<std::string>{"budget"});
}

TEST(StreamChecksTest, AllCheckedAndFirstError) {
  std::vector<ChoiceReport> reports(2);
  EXPECT_TRUE(AllChecked(reports));
  EXPECT_EQ(FirstError(reports), "unknown reason");
  reports[1].report.checked = false;
  reports[1].report.errors = {"b", "c"};
  EXPECT_FALSE(AllChecked(reports));
  EXPECT_EQ(FirstError(reports), "b");
  EXPECT_TRUE(AllChecked({}));
}

}  // namespace
}  // namespace fg::plugins
