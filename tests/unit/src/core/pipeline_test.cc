#include "src/core/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

namespace fg {
namespace {

// A source that returns fixed passages, or fails.
class FakeSource : public Source {
 public:
  std::string_view name() const override { return source_name; }
  Result<std::vector<Passage>> Search(std::string_view, size_t k) const override {
    ++calls;
    if (fail) return Status::Unavailable("disk gone");
    std::vector<Passage> out(passages.begin(), passages.begin() + std::min(k, passages.size()));
    for (size_t i = 0; i < out.size(); ++i) out[i].rank = static_cast<int>(i);
    return out;
  }
  Result<std::vector<Passage>> SearchParts(std::string_view text, size_t k,
                                           std::vector<std::string>* unavailable,
                                           Deadline deadline) const override {
    if (!down_part.empty()) unavailable->push_back(down_part);
    {
      std::lock_guard<std::mutex> lock(mu);
      deadlines.push_back(deadline);
    }
    if (rendezvous != nullptr) {
      // Wait (up to 2 s) until every source sharing the counter has been entered.
      ++*rendezvous;
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
      while (rendezvous->load() < rendezvous_size && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      met_the_others = rendezvous->load() >= rendezvous_size;
    }
    return Search(text, k);
  }
  std::string source_name = "kb";
  mutable std::atomic<int> calls{0};
  mutable std::mutex mu;
  mutable std::vector<Deadline> deadlines;
  std::atomic<int>* rendezvous = nullptr;
  int rendezvous_size = 0;
  mutable std::atomic<bool> met_the_others{false};
  std::vector<Passage> passages;
  bool fail = false;
  std::string down_part;  // a part of the source that does not answer (a KB shard)
};

// Supports when the best evidence sentence aligns fully; decides "2 < 1" claims without evidence.
class FakeJudge : public Verifier {
 public:
  std::string_view name() const override { return "fake"; }
  bool AppliesTo(const Claim&) const override { return true; }
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override {
    Judgement j;
    j.verifier = "fake";
    if (claim.text.find("2 is less than 1") != std::string::npos) {
      j.verdict = Verdict::kRefuted;
      j.confidence = 0.99;
      return j;
    }
    if (!evidence.empty()) j.evidence = {0};  // the nearest sentence, whatever the verdict
    if (!evidence.empty() && evidence[0].alignment >= 0.99) {
      j.verdict = Verdict::kSupported;
      j.confidence = 0.9;
    }
    return j;
  }
};

Passage MakePassage(std::string id, std::string text, size_t offset) {
  Passage p;
  p.doc_id = id;
  p.title = id;
  p.source = "kb";
  p.text = std::move(text);
  p.doc_offset = offset;
  return p;
}

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : aligner_(nullptr, nullptr) {
    source_.passages = {
        MakePassage("noise", "Cats sleep all day. Cats purr.", 0),
        MakePassage("lincoln", "He was a lawyer. Lincoln was born in Kentucky.", 100)};
  }
  FakeSource source_;
  Aligner aligner_;
  FakeJudge judge_;
};

TEST_F(PipelineTest, CitesTheAlignedSentenceWithDocumentOffsets) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Claim claim{"c1", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  ClaimCheck check = pipeline.CheckClaim(claim);
  EXPECT_EQ(check.result.verdict, Verdict::kSupported);
  ASSERT_EQ(check.result.citations.size(), 1u);
  const Citation& c = check.result.citations[0];
  EXPECT_EQ(c.doc_id, "lincoln");
  EXPECT_EQ(c.quote, "Lincoln was born in Kentucky.");
  // The sentence starts 17 bytes into the passage, which starts at 100 in its document.
  EXPECT_EQ(c.quote_span, (Span{117, 146}));
  // Re-ranking puts the aligned document first although retrieval ranked it second.
  ASSERT_EQ(check.ranked_doc_ids.size(), 2u);
  EXPECT_EQ(check.ranked_doc_ids[0], "lincoln");
}

TEST_F(PipelineTest, ChecksASplitClauseWithItsSubject) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  // Without "Lincoln" the clause would not align fully with the evidence sentence.
  Claim claim{"c2", "was born in Kentucky", {30, 50}, ClaimKind::kRelation, "Lincoln"};
  ClaimCheck check = pipeline.CheckClaim(claim);
  EXPECT_EQ(check.result.verdict, Verdict::kSupported);
  EXPECT_EQ(check.result.claim.text, "was born in Kentucky");  // the report keeps the clause
  EXPECT_EQ(check.result.claim.span, (Span{30, 50}));
}

TEST_F(PipelineTest, ReRankingWeighsRetrievalScoresNotJustPositions) {
  // Both passages align equally well; retrieval ranked "near" second but scored it almost as well
  // as "first", while "far" (third) scored little. With scores, only "far" falls behind.
  source_.passages = {MakePassage("first", "Lincoln was born in Kentucky.", 0),
                      MakePassage("near", "Lincoln was born in Kentucky.", 0),
                      MakePassage("far", "Lincoln was born in Kentucky, it is said.", 0)};
  source_.passages[0].score = 10;
  source_.passages[1].score = 9.9;
  source_.passages[2].score = 1;
  PipelineOptions options;
  options.retrieve_k = 3;
  Pipeline pipeline({&source_}, &aligner_, &judge_, options);
  Claim claim{"c3", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  ClaimCheck check = pipeline.CheckClaim(claim);
  ASSERT_EQ(check.ranked_doc_ids.size(), 3u);
  EXPECT_EQ(check.ranked_doc_ids[2], "far");
  // Scores that nearly tie let the better-aligned passage win over the retrieval order.
  source_.passages[1].text = "Lincoln was born in Kentucky in a log cabin.";
  source_.passages[0].text = "Lincoln was born.";
  check = pipeline.CheckClaim(claim);
  ASSERT_EQ(check.ranked_doc_ids.size(), 3u);
  EXPECT_EQ(check.ranked_doc_ids[0], "near");
}

// A relevance scorer that prefers the passage retrieval ranked last (it reads the position
// feature), so its order is visibly its own.
class LastFirstScorer : public RelevanceScorer {
 public:
  double Relevance(std::span<const float> features) const override {
    ++calls;
    EXPECT_EQ(features.size(), RankFeatureNames().size());
    const auto& names = RankFeatureNames();
    size_t position = static_cast<size_t>(
        std::find(names.begin(), names.end(), "rank_retrieval_position") - names.begin());
    return features[position];
  }
  mutable std::atomic<int> calls{0};
};

TEST_F(PipelineTest, ARelevanceScorerOrdersThePoolInsteadOfTheFormula) {
  source_.passages = {MakePassage("best", "Lincoln was born in Kentucky.", 0),
                      MakePassage("middle", "Lincoln was a lawyer.", 0),
                      MakePassage("last", "Cats purr.", 0)};
  for (size_t i = 0; i < 3; ++i) source_.passages[i].score = 10.0 - static_cast<double>(i);
  LastFirstScorer scorer;
  PipelineOptions options;
  options.retrieve_k = 3;
  options.passages_kept = 2;
  Claim claim{"c", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  // The formula puts the aligned passage first.
  ClaimCheck formula = Pipeline({&source_}, &aligner_, &judge_, options).CheckClaim(claim);
  ASSERT_EQ(formula.ranked_doc_ids.size(), 3u);
  EXPECT_EQ(formula.ranked_doc_ids[0], "best");
  EXPECT_EQ(formula.result.verdict, Verdict::kSupported);
  // The scorer's order wins, and only the passages it keeps reach the judge: "best" is third,
  // so the claim is no longer supported.
  options.relevance = &scorer;
  ClaimCheck scored = Pipeline({&source_}, &aligner_, &judge_, options).CheckClaim(claim);
  EXPECT_EQ(scored.ranked_doc_ids, (std::vector<std::string>{"last", "middle", "best"}));
  EXPECT_EQ(scored.result.verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(scorer.calls.load(), 3);
}

TEST_F(PipelineTest, PoolGivesEveryRetrievedPassageWithItsFeatureRow) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Claim claim{"c", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  CandidatePool pool = pipeline.Pool(claim);
  ASSERT_EQ(pool.passages.size(), 2u);
  EXPECT_EQ(pool.passages[0].doc_id, "noise");  // retrieval order, not re-ranked
  EXPECT_EQ(pool.features.size(), 2 * RankFeatureNames().size());
  // The Lincoln passage's best sentence covers the claim, the cats' does not.
  EXPECT_GT(pool.features[RankFeatureNames().size()], pool.features[0]);
}

TEST_F(PipelineTest, EvidenceFreeClaimsSkipRetrieval) {
  source_.fail = true;  // would mark the report unchecked if it were asked
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Report report = pipeline.Verify("Everyone knows that 2 is less than 1.");
  ASSERT_EQ(report.claims.size(), 1u);
  EXPECT_EQ(report.claims[0].verdict, Verdict::kRefuted);
  EXPECT_TRUE(report.checked);
}

TEST_F(PipelineTest, FailingSourceDegradesTheReport) {
  source_.fail = true;
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Report report = pipeline.Verify("Lincoln was born in Kentucky. Lincoln was a lawyer.");
  EXPECT_FALSE(report.checked);
  ASSERT_EQ(report.errors.size(), 1u);  // reported once, not per claim
  EXPECT_NE(report.errors[0].find("disk gone"), std::string::npos);
  for (const ClaimResult& r : report.claims) EXPECT_EQ(r.verdict, Verdict::kNotEnoughInfo);
}

TEST_F(PipelineTest, APartThatIsDownDegradesTheReportButKeepsTheVerdicts) {
  source_.down_part = "shard tcp://10.0.0.3:7001 unavailable: connection refused";
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Report report = pipeline.Verify("Lincoln was born in Kentucky.");
  EXPECT_FALSE(report.checked);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0], "kb: shard tcp://10.0.0.3:7001 unavailable: connection refused");
  ASSERT_EQ(report.claims.size(), 1u);
  EXPECT_EQ(report.claims[0].verdict, Verdict::kSupported);  // from the parts that answered
}

TEST_F(PipelineTest, ClaimSpansPointIntoTheText) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  std::string text = "Hello! Lincoln was born in Kentucky. What else?";
  Report report = pipeline.Verify(text);
  ASSERT_FALSE(report.claims.empty());
  for (const ClaimResult& r : report.claims) {
    EXPECT_EQ(text.substr(r.claim.span.begin, r.claim.span.size()), r.claim.text);
  }
}

TEST_F(PipelineTest, ClaimLimitMarksReportUnchecked) {
  PipelineOptions options;
  options.max_claims = 1;
  Pipeline pipeline({&source_}, &aligner_, &judge_, options);
  Report report = pipeline.Verify("Lincoln was born in Kentucky. Paris is the capital of France.");
  EXPECT_EQ(report.claims.size(), 1u);
  EXPECT_FALSE(report.checked);
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

TEST_F(PipelineTest, UndecidedClaimsCiteNothing) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Claim claim{"c1", "Cats were born in Kentucky", {0, 26}, ClaimKind::kRelation, ""};
  ClaimCheck check = pipeline.CheckClaim(claim);
  EXPECT_EQ(check.result.verdict, Verdict::kNotEnoughInfo);
  EXPECT_TRUE(check.result.citations.empty());
  EXPECT_FALSE(check.ranked_doc_ids.empty());  // retrieval still ran
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

TEST_F(PipelineTest, PassedDeadlineReportsEveryClaimUnchecked) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  const std::string text = "Lincoln was born in Kentucky. Paris is the capital of France.";
  Report report = pipeline.Verify(text, std::chrono::steady_clock::now());
  ASSERT_EQ(report.claims.size(), 2u);
  EXPECT_FALSE(report.checked);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0], "the verification budget ran out after 0 of 2 claims");
  for (const ClaimResult& r : report.claims) {
    EXPECT_EQ(r.verdict, Verdict::kNotEnoughInfo);
    EXPECT_EQ(r.confidence, 0);
    EXPECT_TRUE(r.citations.empty());
  }
}

TEST_F(PipelineTest, FutureDeadlineChecksEverything) {
  Pipeline pipeline({&source_}, &aligner_, &judge_);
  Report report = pipeline.Verify("Lincoln was born in Kentucky.",
                                  std::chrono::steady_clock::now() + std::chrono::hours(1));
  EXPECT_TRUE(report.checked);
  ASSERT_EQ(report.claims.size(), 1u);
  EXPECT_EQ(report.claims[0].verdict, Verdict::kSupported);
}

TEST_F(PipelineTest, FallbackSourcesOnlyForUndecidedClaimsAndRankedWithTheMainOnes) {
  FakeSource web;
  web.source_name = "web";
  Passage nile = MakePassage("https://example.org/nile", "The Nile flows north.", 0);
  nile.source = "web";
  nile.url = nile.doc_id;
  nile.revision = "42";
  nile.fetched_at = 1800000000;
  web.passages = {nile};
  Pipeline pipeline({&source_}, &aligner_, &judge_, {}, {&web});
  Claim lincoln{"c1", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  EXPECT_EQ(pipeline.CheckClaim(lincoln).result.verdict, Verdict::kSupported);
  EXPECT_EQ(web.calls.load(), 0);  // the main source decided
  EXPECT_EQ(source_.calls.load(), 1);
  Claim river{"c2", "The Nile flows north", {0, 20}, ClaimKind::kOther, ""};
  ClaimCheck check = pipeline.CheckClaim(river);
  EXPECT_EQ(check.result.verdict, Verdict::kSupported);
  EXPECT_EQ(web.calls.load(), 1);
  EXPECT_EQ(source_.calls.load(), 2);  // asked once for this claim, not again with the fallback
  ASSERT_EQ(check.result.citations.size(), 1u);
  const Citation& c = check.result.citations[0];
  EXPECT_EQ(c.source, "web");
  EXPECT_EQ(c.url, "https://example.org/nile");
  EXPECT_EQ(c.revision, "42");
  EXPECT_EQ(c.fetched_at, 1800000000);
}

TEST_F(PipelineTest, SourcesAreAskedAtOnceWithTheClaimsDeadline) {
  std::atomic<int> entered{0};
  FakeSource other;
  other.source_name = "web";
  for (FakeSource* s : {&source_, &other}) {
    s->rendezvous = &entered;
    s->rendezvous_size = 2;
  }
  Pipeline pipeline({&source_, &other}, &aligner_, &judge_);
  Claim claim{"c1", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""};
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  EXPECT_EQ(pipeline.CheckClaim(claim, deadline).result.verdict, Verdict::kSupported);
  // Each source was inside its search while the other was: they ran side by side.
  EXPECT_TRUE(source_.met_the_others.load());
  EXPECT_TRUE(other.met_the_others.load());
  ASSERT_EQ(source_.deadlines.size(), 1u);
  EXPECT_EQ(source_.deadlines[0], Deadline(deadline));
  ASSERT_EQ(other.deadlines.size(), 1u);
  EXPECT_EQ(other.deadlines[0], Deadline(deadline));
  // Verify hands its deadline to every claim's sources too.
  source_.rendezvous = other.rendezvous = nullptr;
  pipeline.Verify("Lincoln was born in Kentucky.", deadline);
  ASSERT_EQ(source_.deadlines.size(), 2u);
  EXPECT_EQ(source_.deadlines[1], Deadline(deadline));
}

// A source whose answer depends on the query; it records every query it was asked.
class QuerySource : public Source {
 public:
  std::string_view name() const override { return "kb"; }
  Result<std::vector<Passage>> Search(std::string_view query, size_t k) const override {
    {
      std::lock_guard<std::mutex> lock(mu);
      queries.emplace_back(query);
      ks.push_back(k);
    }
    auto it = answers.find(std::string(query));
    if (it == answers.end()) return std::vector<Passage>{};
    return it->second;
  }
  std::map<std::string, std::vector<Passage>> answers;
  mutable std::mutex mu;
  mutable std::vector<std::string> queries;
  mutable std::vector<size_t> ks;
};

// Asks for one follow-up query and refutes with the first follow-up sentence it is shown.
class FollowUpJudge : public Verifier {
 public:
  std::string_view name() const override { return "superlative"; }
  bool AppliesTo(const Claim&) const override { return true; }
  std::vector<std::string> FollowUpQueries(const Claim&) const override {
    return {"the largest planet"};
  }
  std::optional<Judgement> Judge(const Claim&,
                                 std::span<const EvidenceSentence> evidence) const override {
    std::lock_guard<std::mutex> lock(mu);
    seen.clear();
    for (const EvidenceSentence& ev : evidence) {
      seen.push_back({ev.follow_up, ev.passage->doc_id, std::string(ev.text())});
    }
    Judgement j;
    for (size_t i = 0; i < evidence.size(); ++i) {
      if (!evidence[i].follow_up) continue;
      j.verdict = Verdict::kRefuted;
      j.confidence = 0.9;
      j.evidence = {i};
      break;
    }
    return j;
  }
  // What it was shown (the sentences' passages die with the check).
  struct Seen {
    bool follow_up;
    std::string doc_id;
    std::string text;
  };
  mutable std::mutex mu;
  mutable std::vector<Seen> seen;
};

TEST_F(PipelineTest, FollowUpQueriesAddTheirBestSentencesAfterTheClaimsOwn) {
  QuerySource kb;
  const std::string claim_text = "Mars is the largest planet";
  kb.answers[claim_text] = {MakePassage("mars", "Mars is a planet. It is red.", 0)};
  kb.answers["the largest planet"] = {
      MakePassage("mars", "Mars is a planet. It is red.", 0),  // already the claim's own
      MakePassage("jupiter", "Jupiter: the largest planet. It has moons.", 40)};
  FollowUpJudge judge;
  Pipeline pipeline({&kb}, &aligner_, &judge);
  ClaimCheck check = pipeline.CheckClaim({"c1", claim_text, {0, 26}, ClaimKind::kRelation, ""});
  ASSERT_EQ(kb.queries.size(), 2u);
  EXPECT_EQ(kb.queries[1], "the largest planet");
  EXPECT_EQ(kb.ks[1], PipelineOptions{}.follow_up_k);
  // The claim's own sentences first, then the new passage's, best-aligned with the query first.
  ASSERT_FALSE(judge.seen.empty());
  size_t own = 0;
  while (own < judge.seen.size() && !judge.seen[own].follow_up) ++own;
  EXPECT_EQ(own, 2u);
  ASSERT_GT(judge.seen.size(), own);
  for (size_t i = own; i < judge.seen.size(); ++i) {
    EXPECT_TRUE(judge.seen[i].follow_up);
    EXPECT_EQ(judge.seen[i].doc_id, "jupiter");  // Mars's passage is not repeated
  }
  EXPECT_EQ(judge.seen[own].text, "Jupiter: the largest planet.");
  // A verdict resting on a follow-up sentence cites it, with its document offsets.
  EXPECT_EQ(check.result.verdict, Verdict::kRefuted);
  ASSERT_EQ(check.result.citations.size(), 1u);
  EXPECT_EQ(check.result.citations[0].doc_id, "jupiter");
  EXPECT_EQ(check.result.citations[0].quote_span.begin, 40u);
}

TEST_F(PipelineTest, NoFollowUpQueriesNoExtraSearch) {
  QuerySource kb;
  Pipeline pipeline({&kb}, &aligner_, &judge_);
  (void)pipeline.CheckClaim(
      {"c1", "Lincoln was born in Kentucky", {0, 28}, ClaimKind::kRelation, ""});
  EXPECT_EQ(kb.queries.size(), 1u);
}

}  // namespace
}  // namespace fg
