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

}  // namespace
}  // namespace fg::internal
