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
  std::optional<Judgement> fallback, support;
  for (size_t k = 0; k < members_.size(); ++k) {
    const Verifier& member = *members_[k];
    const bool general = k + 1 == members_.size() && k > 0;
    // A specific expert's support stands unless another specific expert refutes a part of the
    // claim; the general reader is not asked once a specific expert has decided.
    if (general && support) return support;
    if (!member.AppliesTo(claim)) continue;
    std::optional<Judgement> j = member.Judge(claim, evidence);
    if (!j) continue;
    if (j->verifier.empty()) j->verifier = std::string(member.name());
    if (j->verdict == Verdict::kRefuted) return j;
    if (j->verdict == Verdict::kSupported) {
      if (general) return j;
      if (!support) support = std::move(j);
      continue;
    }
    fallback = std::move(j);
  }
  if (support) return support;
  if (fallback) return fallback;
  Judgement none;
  none.verdict = Verdict::kNotEnoughInfo;
  none.confidence = 0.5;
  none.verifier = "none";
  return none;
}

}  // namespace fg
