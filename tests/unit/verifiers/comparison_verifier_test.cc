#include "verifiers/comparison_verifier.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace fg {
namespace {

Claim MakeClaim(std::string text, ClaimKind kind = ClaimKind::kComparison) {
  Claim c;
  c.id = "c1";
  c.span = {0, text.size()};
  c.text = std::move(text);
  c.kind = kind;
  return c;
}

struct Case {
  std::string text;
  std::optional<Verdict> verdict;  // nullopt: abstain
};

TEST(ComparisonVerifierTest, DecidesArithmeticStatements) {
  const auto S = Verdict::kSupported;
  const auto R = Verdict::kRefuted;
  const std::vector<Case> cases = {
      {"220 is less than 200", R},
      {"300 is greater than 200", S},
      {"300 is greater than 300", R},
      {"5 is more than twice 2", S},
      {"3 is more than twice 2", R},
      {"1.5 million is larger than 900,000", S},
      {"1.5 million equals 1,500,000", S},
      {"1,865 is equal to 1865.", S},
      {"the sum of 2 and 3 is 5", S},
      {"The sum of 2 and 3 is 6.", R},
      {"10% of 200 is 20", S},
      {"10% of 200 is 25", R},
      {"10% of 200 is about 21", S},
      {"the product of 4 and 5 is 20", S},
      {"the difference between 10 and 4 is 6", S},
      {"7 plus 5 is 12", S},
      {"7 minus 5 is 3", R},
      {"three times 4 is 12", S},
      {"12 divided by 4 is 3", S},
      {"half of 30 is 15", S},
      {"2000 is more than 1999", S},
      {"5 is not less than 3", S},
      {"5 is at least 5", S},
      {"4 is at most 3", R},
      {"5 km is more than 4000 m", S},
      {"5 = 5", S},
      {"9 < 3", R},
      {"Paris has more people than 2 million", std::nullopt},
      {"5 km is more than 4 kg", std::nullopt},
      {"The tower is taller than 300 metres", std::nullopt},
      {"220 people is less than 200 seats", std::nullopt},
      {"5 is more than", std::nullopt},
  };
  ComparisonVerifier v;
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.text);
    auto j = v.Judge(MakeClaim(tc.text), {});
    ASSERT_EQ(j.has_value(), tc.verdict.has_value());
    if (!j) continue;
    EXPECT_EQ(j->verdict, *tc.verdict);
    EXPECT_DOUBLE_EQ(j->confidence, 0.99);
    EXPECT_TRUE(j->evidence.empty());
  }
}

TEST(ComparisonVerifierTest, CorrectsRefutedEqualities) {
  ComparisonVerifier v;
  auto j = v.Judge(MakeClaim("The sum of 2 and 3 is 6."), {});
  ASSERT_TRUE(j);
  EXPECT_EQ(j->correction, "The sum of 2 and 3 is 5.");
  j = v.Judge(MakeClaim("220 is less than 200"), {});
  ASSERT_TRUE(j);
  EXPECT_FALSE(j->correction.has_value());
}

TEST(ComparisonVerifierTest, AppliesTo) {
  ComparisonVerifier v;
  EXPECT_TRUE(v.AppliesTo(MakeClaim("anything", ClaimKind::kComparison)));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("220 is less than 200", ClaimKind::kNumeric)));
  EXPECT_TRUE(v.AppliesTo(MakeClaim("the sum of 2 and 3 is 5", ClaimKind::kOther)));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("The tower is 330 metres tall", ClaimKind::kNumeric)));
  EXPECT_FALSE(v.AppliesTo(MakeClaim("Lincoln was born in 1809", ClaimKind::kTemporal)));
  EXPECT_EQ(v.name(), "comparison");
}

}  // namespace
}  // namespace fg
