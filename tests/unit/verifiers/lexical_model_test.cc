#include "verifiers/lexical_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace fg {
namespace {

// A prepared claim built by hand: terms with the given stems, each weighing 1.
PreparedClaim ClaimOf(std::vector<std::string> terms) {
  PreparedClaim claim;
  for (std::string& t : terms) {
    ClaimTerm ct;
    ct.term = std::move(t);
    ct.lower = ct.term;
    ct.weight = 1;
    claim.total_weight += 1;
    claim.terms.push_back(std::move(ct));
  }
  return claim;
}

Coverage CoverageOf(std::vector<int> how) {
  Coverage cov;
  cov.how = std::move(how);
  return cov;
}

std::vector<std::string> WithPrefix(const std::vector<std::string>& keys, std::string_view prefix) {
  std::vector<std::string> out;
  for (const std::string& k : keys) {
    if (k.starts_with(prefix)) out.push_back(k);
  }
  return out;
}

bool Has(const std::vector<std::string>& keys, std::string_view key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

class LexicalModelTest : public ::testing::Test {
 protected:
  // The keys of a claim against a sentence, the coverage computed by a real Aligner.
  std::vector<std::string> KeysFor(std::string_view claim, std::string_view sentence,
                                   bool claim_negated = false, bool sentence_negated = false) {
    PreparedClaim prepared = aligner_.Prepare(claim);
    Coverage cov = aligner_.Cover(prepared, sentence, "");
    return LexicalModel::Keys(prepared, cov, sentence, claim_negated, sentence_negated);
  }

  Aligner aligner_{nullptr, nullptr};
};

TEST_F(LexicalModelTest, ClaimKeysOnlyForUncoveredTerms) {
  // Covered exactly (1), through a synonym (2) and by the title (3) give no claim key.
  PreparedClaim claim = ClaimOf({"lincoln", "born", "kentucki", "cabin"});
  auto keys = LexicalModel::Keys(claim, CoverageOf({1, 0, 2, 3}), "", false, false);
  EXPECT_EQ(keys, (std::vector<std::string>{"c:born"}));
}

TEST_F(LexicalModelTest, SentenceKeysForTermsTheClaimDoesNotUse) {
  // "stream" is an alternative of the claim's "river": the claim uses it. Stop words give no key.
  PreparedClaim claim = ClaimOf({"river"});
  claim.terms[0].alternatives = {"stream"};
  auto keys = LexicalModel::Keys(claim, CoverageOf({1}), "The river and the stream flow north.",
                                 false, false);
  EXPECT_EQ(keys, (std::vector<std::string>{"e:flow", "e:north"}));
}

TEST_F(LexicalModelTest, CrossingsPairEachClaimKeyWithEachSentenceKey) {
  auto keys = KeysFor("The museum is outside Paris", "The museum stands within Paris.");
  EXPECT_EQ(WithPrefix(keys, "c:"), (std::vector<std::string>{"c:outsid"}));
  EXPECT_EQ(WithPrefix(keys, "e:"), (std::vector<std::string>{"e:stand", "e:within"}));
  EXPECT_EQ(WithPrefix(keys, "x:"),
            (std::vector<std::string>{"x:outsid|stand", "x:outsid|within"}));
  EXPECT_EQ(keys.size(), 5u);
}

TEST_F(LexicalModelTest, NumbersBecomeOneNumberKey) {
  // 1820 is missing from the sentence; 1809 and 1865 are numbers the claim does not state.
  auto keys = KeysFor("Lincoln was born in 1820", "Lincoln was born in 1809 and died in 1865.");
  EXPECT_EQ(WithPrefix(keys, "c:"), (std::vector<std::string>{"c:<num>"}));
  EXPECT_EQ(WithPrefix(keys, "e:"), (std::vector<std::string>{"e:<num>", "e:die"}));
  EXPECT_TRUE(Has(keys, "x:<num>|<num>"));
  EXPECT_TRUE(Has(keys, "x:<num>|die"));
  EXPECT_FALSE(Has(keys, "e:1809"));
  EXPECT_FALSE(Has(keys, "c:1820"));
}

TEST_F(LexicalModelTest, NumberTheClaimStatesGivesNoKey) {
  auto keys = KeysFor("Lincoln was born in 1809", "Lincoln was born in 1809.");
  EXPECT_TRUE(keys.empty());
}

TEST_F(LexicalModelTest, NegationMarksItsSide) {
  auto claim_side = KeysFor("The museum is outside Paris", "The museum stands within Paris.",
                            /*claim_negated=*/true, /*sentence_negated=*/false);
  EXPECT_TRUE(Has(claim_side, "c:<neg>"));
  EXPECT_TRUE(Has(claim_side, "x:<neg>|stand"));
  EXPECT_FALSE(Has(claim_side, "e:<neg>"));

  auto sentence_side = KeysFor("The museum is outside Paris", "The museum stands within Paris.",
                               /*claim_negated=*/false, /*sentence_negated=*/true);
  EXPECT_TRUE(Has(sentence_side, "e:<neg>"));
  EXPECT_TRUE(Has(sentence_side, "x:outsid|<neg>"));
  EXPECT_FALSE(Has(sentence_side, "c:<neg>"));

  auto neither = KeysFor("The museum is outside Paris", "The museum stands within Paris.");
  EXPECT_FALSE(Has(neither, "c:<neg>"));
  EXPECT_FALSE(Has(neither, "e:<neg>"));
}

TEST_F(LexicalModelTest, KeysAreCapped) {
  std::vector<std::string> terms;
  for (char c = 'b'; c < 'b' + 12; ++c) terms.push_back(std::string("qlaim") + c);
  PreparedClaim claim = ClaimOf(terms);
  std::string sentence;
  for (int i = 0; i < 50; ++i) {
    sentence += "zork" + std::string(1, static_cast<char>('b' + i % 20)) +
                std::string(1, static_cast<char>('b' + i / 20)) + " ";
  }
  auto keys =
      LexicalModel::Keys(claim, CoverageOf(std::vector<int>(12, 0)), sentence, false, false);
  auto claim_keys = WithPrefix(keys, "c:");
  ASSERT_EQ(claim_keys.size(), 8u);
  // The first uncovered terms, in claim order.
  EXPECT_EQ(claim_keys.front(), "c:qlaimb");
  EXPECT_EQ(claim_keys.back(), "c:qlaimi");
  EXPECT_EQ(WithPrefix(keys, "e:").size(), 40u);
  EXPECT_EQ(WithPrefix(keys, "x:").size(), 8u * 40u);
}

TEST_F(LexicalModelTest, MarginIsBiasPlusKnownWeights) {
  LexicalHead head;
  head.bias = 0.5;
  head.weights = {{"c:born", 1.0f}, {"e:die", -2.0f}};
  std::vector<std::string> keys = {"c:born", "e:die", "x:born|die"};
  EXPECT_DOUBLE_EQ(head.Margin(keys), -0.5);
  std::vector<std::string> unknown = {"e:unknown"};
  EXPECT_DOUBLE_EQ(head.Margin(unknown), 0.5);
  EXPECT_DOUBLE_EQ(head.Margin({}), 0.5);
}

// Rows "x:good" labelled 1 and "x:bad" labelled 0, alternating.
void ToySet(size_t rows, std::vector<std::vector<std::string>>* keys, std::vector<int>* labels) {
  for (size_t i = 0; i < rows; ++i) {
    bool good = i % 2 == 0;
    keys->push_back({good ? "x:good" : "x:bad"});
    labels->push_back(good ? 1 : 0);
  }
}

TEST_F(LexicalModelTest, FitSeparatesAToySet) {
  std::vector<std::vector<std::string>> keys;
  std::vector<int> labels;
  ToySet(40, &keys, &labels);
  LexicalHead head = FitLexicalHead(keys, labels, {}, LexicalFitOptions{});
  ASSERT_TRUE(head.weights.count("x:good"));
  ASSERT_TRUE(head.weights.count("x:bad"));
  EXPECT_GT(head.weights.at("x:good"), 0);
  EXPECT_LT(head.weights.at("x:bad"), 0);
  std::vector<std::string> good = {"x:good"}, bad = {"x:bad"};
  EXPECT_GT(head.Margin(good), 0);
  EXPECT_LT(head.Margin(bad), 0);
}

TEST_F(LexicalModelTest, HeavyRowPullsTheBias) {
  // Rows without keys: only the bias can learn, towards the heavier row's label.
  std::vector<std::vector<std::string>> keys = {{}, {}};
  std::vector<int> labels = {1, 0};
  LexicalHead towards_one = FitLexicalHead(keys, labels, {10.0f, 1.0f}, LexicalFitOptions{});
  LexicalHead towards_zero = FitLexicalHead(keys, labels, {1.0f, 10.0f}, LexicalFitOptions{});
  EXPECT_GT(towards_one.bias, 0);
  EXPECT_LT(towards_zero.bias, 0);
  EXPECT_TRUE(towards_one.weights.empty());
}

TEST_F(LexicalModelTest, EmptyWeightsMeanOnePerRow) {
  std::vector<std::vector<std::string>> keys;
  std::vector<int> labels;
  ToySet(10, &keys, &labels);
  LexicalHead unweighted = FitLexicalHead(keys, labels, {}, LexicalFitOptions{});
  LexicalHead ones =
      FitLexicalHead(keys, labels, std::vector<float>(keys.size(), 1.0f), LexicalFitOptions{});
  EXPECT_EQ(unweighted.bias, ones.bias);
  EXPECT_EQ(unweighted.weights, ones.weights);
}

TEST_F(LexicalModelTest, KeepsOnlyTheStrongestWeights) {
  // "x:good" and "x:bad" always decide the label; the other keys are noise seen on both sides.
  std::vector<std::vector<std::string>> keys;
  std::vector<int> labels;
  ToySet(40, &keys, &labels);
  for (size_t i = 0; i < keys.size(); ++i) {
    keys[i].push_back("e:noise" + std::to_string(i % 3));
    keys[i].push_back("c:noise" + std::to_string(i % 5));
  }
  LexicalFitOptions all;
  LexicalHead full = FitLexicalHead(keys, labels, {}, all);
  ASSERT_GT(full.weights.size(), 2u);

  std::vector<std::pair<std::string, float>> by_strength(full.weights.begin(), full.weights.end());
  std::sort(by_strength.begin(), by_strength.end(),
            [](const auto& a, const auto& b) { return std::fabs(a.second) > std::fabs(b.second); });
  ASSERT_GT(std::fabs(by_strength[1].second), std::fabs(by_strength[2].second));

  LexicalFitOptions two;
  two.keep = 2;
  LexicalHead kept = FitLexicalHead(keys, labels, {}, two);
  ASSERT_EQ(kept.weights.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(kept.weights.count(by_strength[i].first)) << by_strength[i].first;
    EXPECT_EQ(kept.weights.at(by_strength[i].first), by_strength[i].second);
  }
  EXPECT_EQ(kept.bias, full.bias);
}

TEST_F(LexicalModelTest, FitIsDeterministic) {
  std::vector<std::vector<std::string>> keys;
  std::vector<int> labels;
  ToySet(30, &keys, &labels);
  for (size_t i = 0; i < keys.size(); ++i) keys[i].push_back("e:w" + std::to_string(i % 7));
  std::vector<float> weights;
  for (size_t i = 0; i < keys.size(); ++i) weights.push_back(1.0f + static_cast<float>(i % 4));
  LexicalFitOptions options;
  options.seed = 11;
  LexicalHead a = FitLexicalHead(keys, labels, weights, options);
  LexicalHead b = FitLexicalHead(keys, labels, weights, options);
  EXPECT_EQ(a.bias, b.bias);
  EXPECT_EQ(a.weights, b.weights);
  EXPECT_FALSE(a.weights.empty());
}

// At run time keys are looked up by hash, never built as strings: the hashes must be exactly
// those of the keys training saw, and a head's hashed weights those of its named ones.
TEST_F(LexicalModelTest, HashedKeysMatchTheNamedOnes) {
  PreparedClaim claim = ClaimOf({"born", "1820", "ohio"});
  Coverage cov = CoverageOf({1, 0, 0});
  std::vector<std::string> terms = {"born", "1809", "3.5", "kentucki", "born"};
  std::vector<std::string> keys = LexicalModel::Keys(claim, cov, terms, true, false);
  std::vector<uint64_t> hashes = LexicalModel::KeyHashes(claim, cov, terms, true, false);
  ASSERT_EQ(keys.size(), hashes.size());
  for (size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(hashes[i], LexicalKeyHash(keys[i])) << keys[i];
  EXPECT_NE(std::find(keys.begin(), keys.end(), "x:ohio|kentucki"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "e:<num>"), keys.end());  // 1809 and 3.5, once
  LexicalHead head;
  head.bias = 0.5;
  head.weights = {{"x:ohio|kentucki", -2.0f}, {"c:<neg>", 1.0f}, {"e:unseen", 9.0f}};
  head.Index();
  EXPECT_DOUBLE_EQ(head.MarginOfHashes(hashes), head.Margin(keys));
  EXPECT_DOUBLE_EQ(head.Margin(keys), 0.5 - 2.0 + 1.0);
}

}  // namespace
}  // namespace fg
