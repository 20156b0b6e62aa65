// Router: runs only the verifiers that apply to a claim and lets the most specific one decide.
//
// Members are given in priority order (most specific first: comparison, temporal, numeric, then
// entailment); the last one is the general reader. Each member whose AppliesTo() accepts the claim
// is asked in turn. The first refutation decides; a support from a specific member decides only
// once no other specific member refutes (a claim with a right date and a wrong count is wrong),
// and then the general reader is not asked; the general reader decides when no specific member
// did. The report names the member that decided. When nobody decides, the last applicable
// member's not_enough_info judgement is returned (so its evidence and confidence are kept).
// Follow-up evidence (Verifier::FollowUpQueries) goes only to the members that asked for it.
// Thread-safe: members are immutable.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "src/core/verifier.h"

namespace fg {

class Router : public Verifier {
 public:
  explicit Router(std::vector<std::unique_ptr<Verifier>> members);

  std::string_view name() const override { return "router"; }
  bool AppliesTo(const Claim&) const override { return true; }
  // Never abstains: returns not_enough_info when no member can say anything.
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

  // The follow-up queries of the members that apply to this claim (Verifier::FollowUpQueries).
  std::vector<std::string> FollowUpQueries(const Claim& claim) const override;

  // The names of the members that apply to this claim, in the order they are asked.
  std::vector<std::string_view> Route(const Claim& claim) const;

 private:
  std::vector<std::unique_ptr<Verifier>> members_;
};

}  // namespace fg
