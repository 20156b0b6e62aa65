#include "plugins/sentence_tracker.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg::plugins {
namespace {

struct Requested {
  size_t record;
  size_t claim;
  std::string text;
};

// A sink that requests every claim (or none, when `accept` is false) and remembers them.
SentenceTracker::ClaimSink Collect(std::vector<Requested>& out, bool accept = true) {
  return [&out, accept](size_t record, size_t claim, Claim c) {
    out.push_back({record, claim, c.text});
    return accept;
  };
}

std::string RegionText(const SentenceTracker& t, size_t record) {
  const SentenceRecord& r = t.records[record];
  return t.text.substr(r.begin, r.end - r.begin);
}

TEST(SentenceTrackerTest, CompletesSentencesAsTextGrows) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "Paris is the capital of France";
  EXPECT_TRUE(t.Advance(false, Collect(got)).empty());
  t.text += ". Berlin is";
  std::vector<size_t> created = t.Advance(false, Collect(got));
  ASSERT_EQ(created, std::vector<size_t>{0});
  EXPECT_EQ(RegionText(t, 0), "Paris is the capital of France.");
  t.text += " the capital of Germany.";
  created = t.Advance(/*finish=*/true, Collect(got));
  ASSERT_EQ(created, std::vector<size_t>{1});
  EXPECT_EQ(RegionText(t, 1), " Berlin is the capital of Germany.");
  EXPECT_EQ(t.done_end, t.text.size());
}

TEST(SentenceTrackerTest, ClaimsGetIdsAndPendingChecks) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "Paris is the capital of France. Berlin is the capital of Germany.";
  t.Advance(/*finish=*/true, Collect(got));
  ASSERT_FALSE(got.empty());
  ASSERT_EQ(t.report.claims.size(), got.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(t.report.claims[i].claim.id, "c" + std::to_string(i + 1));
    EXPECT_EQ(got[i].claim, i);
    const SentenceRecord& r = t.records[got[i].record];
    const Span& span = t.report.claims[i].claim.span;
    EXPECT_GE(span.begin, r.begin);
    EXPECT_LT(span.begin, r.end);
  }
  size_t pending = 0;
  for (const SentenceRecord& r : t.records) {
    pending += r.pending;
    EXPECT_EQ(r.pending, r.claims_end - r.claims_begin);
    EXPECT_EQ(t.ClaimsOf(r).size(), r.claims_end - r.claims_begin);
  }
  EXPECT_EQ(pending, got.size());
}

TEST(SentenceTrackerTest, RefusedClaimsAreNotPending) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "Paris is the capital of France.";
  t.Advance(/*finish=*/true, Collect(got, /*accept=*/false));
  ASSERT_FALSE(got.empty());
  for (const SentenceRecord& r : t.records) EXPECT_EQ(r.pending, 0u);
}

TEST(SentenceTrackerTest, AnswerAndAbandonSettleChecks) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "Paris is the capital of France. Berlin is the capital of Germany.";
  t.Advance(/*finish=*/true, Collect(got));
  ASSERT_GE(got.size(), 2u);
  ClaimResult result;
  result.verdict = Verdict::kSupported;
  result.confidence = 0.9;
  t.Answer(got[0].record, got[0].claim, result, {});
  EXPECT_EQ(t.report.claims[0].verdict, Verdict::kSupported);
  EXPECT_EQ(t.report.claims[0].claim.id, "c1");  // the requested claim is kept
  EXPECT_TRUE(t.report.checked);
  t.Abandon(got[1].record, got[1].claim, "budget");
  EXPECT_EQ(t.report.claims[1].verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(t.report.claims[1].confidence, 0);
  EXPECT_FALSE(t.report.checked);
  EXPECT_EQ(t.report.errors, std::vector<std::string>{"budget"});
}

TEST(SentenceTrackerTest, AddRestReleasesTheUnfinishedText) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "Paris is the capital of France. Berlin is";
  t.Advance(false, Collect(got));
  const size_t claims = t.report.claims.size();
  const size_t rest = t.AddRest();
  EXPECT_EQ(RegionText(t, rest), " Berlin is");
  EXPECT_FALSE(t.records[rest].HasClaims());
  EXPECT_EQ(t.report.claims.size(), claims);
  EXPECT_EQ(t.done_end, t.text.size());
}

TEST(SentenceTrackerTest, ExtendOverClosersMovesTheLastEnd) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "It lies in the United States.";
  t.Advance(false, Collect(got));
  ASSERT_EQ(t.records.size(), 1u);
  const size_t old_size = t.text.size();
  t.text += "** More";
  t.ExtendOverClosers(old_size);
  EXPECT_EQ(t.records.back().end, old_size + 2);
  EXPECT_EQ(t.done_end, old_size + 2);
}

TEST(SentenceTrackerTest, DecidedWaitsForPossibleClosers) {
  SentenceTracker t;
  std::vector<Requested> got;
  t.text = "**Rome is old.";
  t.Advance(false, Collect(got));
  EXPECT_FALSE(t.Decided());  // "**" may follow
  t.finished = true;
  EXPECT_TRUE(t.Decided());

  SentenceTracker plain;
  plain.text = "Rome is an old city";
  plain.Advance(false, Collect(got));
  EXPECT_TRUE(plain.Decided());
}

TEST(SentenceTrackerTest, HasOpenMarkupAndMarkUnchecked) {
  EXPECT_TRUE(HasOpenMarkup("**Rome is old."));
  EXPECT_TRUE(HasOpenMarkup("(Rome is old."));
  EXPECT_FALSE(HasOpenMarkup("**Rome** is old."));
  Report report;
  MarkUnchecked(report, "x");
  MarkUnchecked(report, "x");
  EXPECT_FALSE(report.checked);
  EXPECT_EQ(report.errors, std::vector<std::string>{"x"});
}

// Regions ending at 5, 10 (no claims), 15, 20 and 25.
SentenceTracker WithRegions() {
  SentenceTracker t;
  t.text = std::string(25, 'x');
  size_t claim = 0;
  for (size_t end : {size_t{5}, size_t{10}, size_t{15}, size_t{20}, size_t{25}}) {
    SentenceRecord r;
    r.begin = end - 5;
    r.end = end;
    r.claims_begin = claim;
    if (end != 10) ++claim;
    r.claims_end = claim;
    t.records.push_back(r);
  }
  return t;
}

TEST(SentenceTrackerTest, TakeMarkersSortsRegionsAroundAPiece) {
  SentenceTracker t = WithRegions();
  SentenceTracker::MarkerPlaces places = t.TakeMarkers(5, 15);
  EXPECT_EQ(places.before, std::vector<size_t>{0});
  EXPECT_TRUE(places.inside.empty());  // region 1 has no claims
  EXPECT_EQ(places.after, std::vector<size_t>{2});
  EXPECT_EQ(t.marker_cursor, 3u);
  places = t.TakeMarkers(15, 24);  // region 4 ends past the piece: not yet
  EXPECT_EQ(places.before, std::vector<size_t>{});
  EXPECT_EQ(places.inside, std::vector<size_t>{3});
  EXPECT_TRUE(places.after.empty());
  EXPECT_EQ(t.marker_cursor, 4u);
  EXPECT_EQ(t.TakeRestMarkers(), std::vector<size_t>{4});
  EXPECT_EQ(t.marker_cursor, 5u);
  EXPECT_TRUE(t.TakeRestMarkers().empty());
}

TEST(SentenceTrackerTest, TakeRestMarkersSkipsRegionsWithoutClaims) {
  SentenceTracker t = WithRegions();
  t.marker_cursor = 1;
  EXPECT_EQ(t.TakeRestMarkers(), (std::vector<size_t>{2, 3, 4}));
}

}  // namespace
}  // namespace fg::plugins
