#include "verifiers/router.h"

namespace fg {

Router::Router(std::vector<std::unique_ptr<Verifier>> members) : members_(std::move(members)) {}

std::vector<std::string_view> Router::Route(const Claim& claim) const {
  std::vector<std::string_view> names;
  for (const auto& member : members_) {
    if (member->AppliesTo(claim)) names.push_back(member->name());
  }
  return names;
}

std::optional<Judgement> Router::Judge(const Claim& claim,
                                       std::span<const EvidenceSentence> evidence) const {
  std::optional<Judgement> fallback;
  for (const auto& member : members_) {
    if (!member->AppliesTo(claim)) continue;
    std::optional<Judgement> j = member->Judge(claim, evidence);
    if (!j) continue;
    if (j->verifier.empty()) j->verifier = std::string(member->name());
    if (j->verdict != Verdict::kNotEnoughInfo) return j;
    fallback = std::move(j);
  }
  if (fallback) return fallback;
  Judgement none;
  none.verdict = Verdict::kNotEnoughInfo;
  none.confidence = 0.5;
  none.verifier = "none";
  return none;
}

}  // namespace fg
