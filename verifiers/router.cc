#include "verifiers/router.h"

namespace fg {

Router::Router(std::vector<std::unique_ptr<Verifier>> members) : members_(std::move(members)) {}

std::vector<std::string> Router::FollowUpQueries(const Claim& claim) const {
  std::vector<std::string> queries;
  for (const auto& member : members_) {
    if (!member->AppliesTo(claim)) continue;
    for (std::string& q : member->FollowUpQueries(claim)) queries.push_back(std::move(q));
  }
  return queries;
}

std::vector<std::string_view> Router::Route(const Claim& claim) const {
  std::vector<std::string_view> names;
  for (const auto& member : members_) {
    if (member->AppliesTo(claim)) names.push_back(member->name());
  }
  return names;
}

std::optional<Judgement> Router::Judge(const Claim& claim,
                                       std::span<const EvidenceSentence> evidence) const {
  // The member's judgement, named after it; nullopt when it does not apply or abstains.
  auto ask = [&](const Verifier& member) -> std::optional<Judgement> {
    if (!member.AppliesTo(claim)) return std::nullopt;
    std::optional<Judgement> j = member.Judge(claim, EvidenceFor(member, claim, evidence));
    if (j && j->verifier.empty()) j->verifier = std::string(member.name());
    return j;
  };
  // The specific members: the first refutation decides, else the first support.
  const size_t specific = members_.size() > 1 ? members_.size() - 1 : members_.size();
  std::optional<Judgement> fallback, support;
  for (size_t k = 0; k < specific; ++k) {
    std::optional<Judgement> j = ask(*members_[k]);
    if (!j) continue;
    if (j->verdict == Verdict::kRefuted) return j;
    if (j->verdict == Verdict::kSupported) {
      if (!support) support = std::move(j);
    } else {
      fallback = std::move(j);
    }
  }
  if (support) return support;
  // The general reader, when no specific member decided.
  if (specific < members_.size()) {
    std::optional<Judgement> j = ask(*members_.back());
    if (j && j->verdict != Verdict::kNotEnoughInfo) return j;
    if (j) fallback = std::move(j);
  }
  if (fallback) return fallback;
  Judgement none;
  none.verdict = Verdict::kNotEnoughInfo;
  none.confidence = 0.5;
  none.verifier = "none";
  return none;
}

}  // namespace fg
