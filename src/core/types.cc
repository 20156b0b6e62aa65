#include "src/core/types.h"

namespace fg {

std::string_view ClaimKindName(ClaimKind kind) {
  switch (kind) {
    case ClaimKind::kNumeric:
      return "numeric";
    case ClaimKind::kTemporal:
      return "temporal";
    case ClaimKind::kComparison:
      return "comparison";
    case ClaimKind::kRelation:
      return "relation";
    case ClaimKind::kDefinition:
      return "definition";
    case ClaimKind::kExistence:
      return "existence";
    case ClaimKind::kOther:
      return "other";
  }
  return "other";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSupported:
      return "supported";
    case Verdict::kRefuted:
      return "refuted";
    case Verdict::kNotEnoughInfo:
      return "not_enough_info";
  }
  return "not_enough_info";
}

}  // namespace fg
