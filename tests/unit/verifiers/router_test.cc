#include "verifiers/router.h"

#include <gtest/gtest.h>

namespace fg {
namespace {

// Applies to claims of one kind and answers with a fixed verdict (or abstains).
class Scripted : public Verifier {
 public:
  Scripted(std::string name, ClaimKind kind, std::optional<Verdict> verdict)
      : name_(std::move(name)), kind_(kind), verdict_(verdict) {}
  std::string_view name() const override { return name_; }
  bool AppliesTo(const Claim& c) const override {
    return kind_ == ClaimKind::kOther || c.kind == kind_;
  }
  std::optional<Judgement> Judge(const Claim&, std::span<const EvidenceSentence>) const override {
    ++calls;
    if (!verdict_) return std::nullopt;
    Judgement j;
    j.verdict = *verdict_;
    j.confidence = 0.8;
    return j;
  }
  mutable int calls = 0;

 private:
  std::string name_;
  ClaimKind kind_;
  std::optional<Verdict> verdict_;
};

Claim Of(ClaimKind kind) { return Claim{"c1", "x", {0, 1}, kind, ""}; }

TEST(RouterTest, MostSpecificDecidingVerifierWins) {
  std::vector<std::unique_ptr<Verifier>> members;
  members.push_back(
      std::make_unique<Scripted>("temporal", ClaimKind::kTemporal, Verdict::kRefuted));
  members.push_back(
      std::make_unique<Scripted>("entailment", ClaimKind::kOther, Verdict::kSupported));
  Router router(std::move(members));
  auto j = router.Judge(Of(ClaimKind::kTemporal), {});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "temporal");
}

// Regression from VitaminC: "As of 18 March 2020, Germany had more than 10,000 coronavirus cases"
// was supported by the temporal expert (the date) though the numeric expert refuted 9,919 (rules
// alone).
TEST(RouterTest, AnotherSpecificExpertsRefutationBeatsASupport) {
  std::vector<std::unique_ptr<Verifier>> members;
  members.push_back(std::make_unique<Scripted>("temporal", ClaimKind::kOther, Verdict::kSupported));
  members.push_back(std::make_unique<Scripted>("numeric", ClaimKind::kOther, Verdict::kRefuted));
  members.push_back(
      std::make_unique<Scripted>("entailment", ClaimKind::kOther, Verdict::kSupported));
  Router router(std::move(members));
  auto j = router.Judge(Of(ClaimKind::kNumeric), {});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kRefuted);
  EXPECT_EQ(j->verifier, "numeric");
}

// The general reader (the last member) neither overrides a specific expert's support nor is asked.
TEST(RouterTest, ASpecificSupportStandsAgainstTheGeneralReader) {
  std::vector<std::unique_ptr<Verifier>> members;
  members.push_back(std::make_unique<Scripted>("temporal", ClaimKind::kOther, Verdict::kSupported));
  members.push_back(std::make_unique<Scripted>("numeric", ClaimKind::kOther, std::nullopt));
  auto general = std::make_unique<Scripted>("entailment", ClaimKind::kOther, Verdict::kRefuted);
  Scripted* general_ptr = general.get();
  members.push_back(std::move(general));
  Router router(std::move(members));
  auto j = router.Judge(Of(ClaimKind::kTemporal), {});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->verdict, Verdict::kSupported);
  EXPECT_EQ(j->verifier, "temporal");
  EXPECT_EQ(general_ptr->calls, 0);
}

TEST(RouterTest, OnlyApplicableVerifiersRun) {
  std::vector<std::unique_ptr<Verifier>> members;
  auto temporal = std::make_unique<Scripted>("temporal", ClaimKind::kTemporal, Verdict::kRefuted);
  Scripted* temporal_ptr = temporal.get();
  members.push_back(std::move(temporal));
  members.push_back(
      std::make_unique<Scripted>("entailment", ClaimKind::kOther, Verdict::kSupported));
  Router router(std::move(members));
  auto j = router.Judge(Of(ClaimKind::kRelation), {});
  EXPECT_EQ(j->verifier, "entailment");
  EXPECT_EQ(temporal_ptr->calls, 0);
  EXPECT_EQ(router.Route(Of(ClaimKind::kTemporal)),
            (std::vector<std::string_view>{"temporal", "entailment"}));
}

TEST(RouterTest, AbstainingAndUndecidedFallBack) {
  std::vector<std::unique_ptr<Verifier>> members;
  members.push_back(std::make_unique<Scripted>("numeric", ClaimKind::kNumeric, std::nullopt));
  members.push_back(
      std::make_unique<Scripted>("entailment", ClaimKind::kOther, Verdict::kNotEnoughInfo));
  Router router(std::move(members));
  auto j = router.Judge(Of(ClaimKind::kNumeric), {});
  EXPECT_EQ(j->verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(j->verifier, "entailment");
  Router empty({});
  EXPECT_EQ(empty.Judge(Of(ClaimKind::kNumeric), {})->verifier, "none");
}

// Asks for a follow-up query when `queries` is not empty, and records how much evidence it saw.
class Counting : public Verifier {
 public:
  explicit Counting(std::string name, std::vector<std::string> queries)
      : name_(std::move(name)), queries_(std::move(queries)) {}
  std::string_view name() const override { return name_; }
  bool AppliesTo(const Claim&) const override { return true; }
  std::vector<std::string> FollowUpQueries(const Claim&) const override { return queries_; }
  std::optional<Judgement> Judge(const Claim&,
                                 std::span<const EvidenceSentence> evidence) const override {
    seen = evidence.size();
    return std::nullopt;
  }
  mutable size_t seen = 0;

 private:
  std::string name_;
  std::vector<std::string> queries_;
};

TEST(RouterTest, FollowUpEvidenceGoesOnlyToTheMembersThatAskedForIt) {
  std::vector<std::unique_ptr<Verifier>> members;
  members.push_back(
      std::make_unique<Counting>("authorship", std::vector<std::string>{"Moby Dick"}));
  members.push_back(std::make_unique<Counting>("entailment", std::vector<std::string>{}));
  auto* asking = static_cast<Counting*>(members[0].get());
  auto* other = static_cast<Counting*>(members[1].get());
  Router router(std::move(members));
  EXPECT_EQ(router.FollowUpQueries(Of(ClaimKind::kRelation)),
            std::vector<std::string>{"Moby Dick"});
  Passage p;
  p.text = "Herman Melville wrote it. Moby Dick is a novel.";
  std::vector<EvidenceSentence> evidence = {{&p, {0, 25}, 0.5, 0.5}, {&p, {26, 47}, 0.5, 0.5}};
  evidence[1].follow_up = true;
  (void)router.Judge(Of(ClaimKind::kRelation), evidence);
  EXPECT_EQ(asking->seen, 2u);
  EXPECT_EQ(other->seen, 1u);
}

}  // namespace
}  // namespace fg
