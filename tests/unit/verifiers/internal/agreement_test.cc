#include "verifiers/internal/agreement.h"

#include <gtest/gtest.h>

namespace fg::internal {
namespace {

TEST(AgreementConfidenceTest, RisesWithAlignmentAndFallsWithConflicts) {
  EXPECT_DOUBLE_EQ(AgreementConfidence(1.0, 1, 0), 0.95);
  EXPECT_DOUBLE_EQ(AgreementConfidence(0.0, 1, 0), 0.55);
  EXPECT_DOUBLE_EQ(AgreementConfidence(2.0, 1, 0), 0.95);  // alignment clamped
  EXPECT_DOUBLE_EQ(AgreementConfidence(1.0, 3, 1), 0.95 * 0.75);
  EXPECT_DOUBLE_EQ(AgreementConfidence(1.0, 1, 9), 0.5);  // floor
}

// A claim that denies its value: the value stated refutes it, unless the evidence denies it too;
// another value says nothing; without a denial in the claim the reading stands.
TEST(UnderDenialTest, TurnsTheReadingOfADeniedValue) {
  EXPECT_EQ(UnderDenial(Verdict::kSupported, true, false), Verdict::kRefuted);
  EXPECT_EQ(UnderDenial(Verdict::kSupported, true, true), Verdict::kSupported);
  EXPECT_EQ(UnderDenial(Verdict::kRefuted, true, false), std::nullopt);
  EXPECT_EQ(UnderDenial(Verdict::kRefuted, true, true), std::nullopt);
  EXPECT_EQ(UnderDenial(Verdict::kSupported, false, false), Verdict::kSupported);
  EXPECT_EQ(UnderDenial(Verdict::kRefuted, false, false), Verdict::kRefuted);
  // A denial in the evidence alone is not read.
  EXPECT_EQ(UnderDenial(Verdict::kSupported, false, true), Verdict::kSupported);
}

}  // namespace
}  // namespace fg::internal
