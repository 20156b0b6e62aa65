// SuperlativeVerifier: the superlative expert — checks claims that give something the first rank
// of its kind ("Mars is the largest planet in the solar system", "The Amazon is the longest river
// in the world"): only one thing holds it, and a knowledge base's entries say which.
//
// Claims: "<name> is|are the [world's] <superlative> <noun phrase> [in|on|of <scope>]", present
// tense, no negation, no rank of its own ("the second largest" is the numeric expert's). The
// superlative is a word such as "largest", "longest", "highest" or "most populous" ("biggest" is
// read as "largest", "closest" as "nearest", "furthest" as "farthest"); the noun phrase is one to
// three words ("planet", "freshwater lake"). A scope of the world ("in the world", "on Earth", "in
// the solar system", "in the night sky", "the world's") is no scope. A distance's reference is its
// scope: "to the sun" of "the nearest planet to the sun".
//
// Evidence: only passages with a title (a knowledge base's entries; their title lists the names
// of what the entry is about, verifiers/internal/entry_title.h), and in them only a superlative
// that the entry says of its own subject: it opens the definition or a clause ("Jupiter: the
// largest planet and the 5th from the sun", "...; the world's 2nd longest river", "...; second
// brightest star in the sky"), or follows
// "it is" or the entry's name and "is". The noun phrase there must begin with the claim's ("highest
// mountain peak" for "highest mountain", never "largest freshwater lake" for "largest lake"), and
// the scope must be the claim's (none for none: "the largest city in Africa" says nothing of the
// world). A sentence with a negation or a word of the past ("was", "until", "formerly", "once")
// says nothing.
//
//   - The subject's own entry (its title names the subject) with the first rank supports (0.9,
//     citing the sentence); with another ("the 2nd largest ocean") it refutes, and the correction
//     gives the claim that rank ("The Atlantic is the 2nd largest ocean").
//   - Another entry with the first rank ("Jupiter: the largest planet") refutes, unless the
//     subject's own entry supports; the correction names that entry's subject ("Jupiter is the
//     largest planet in the solar system"), unless two entries name different ones.
//
// Besides the claim's own evidence the expert reads what a search for the ranking without its
// subject finds (FollowUpQueries): Jupiter's entry shares no word with "Mars is the largest planet"
// but "largest planet", and the claim's own retrieval keeps only entries about Mars.
//
// Verdicts have confidence 0.9, at which ModelJudge lets them decide alone
// (ModelJudgeOptions::superlative_veto). Evidence given with a claim (pairs mode) has no titles,
// so the expert says nothing there. Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/verifier.h"

namespace fg {

struct SuperlativeVerifierOptions {
  double support_confidence = 0.9;
  double refute_confidence = 0.9;
};

class SuperlativeVerifier : public Verifier {
 public:
  explicit SuperlativeVerifier(SuperlativeVerifierOptions options = {}) : options_(options) {}

  std::string_view name() const override { return "superlative"; }
  bool AppliesTo(const Claim& claim) const override;
  // The ranking less the claim's subject ("the largest planet", "the longest river in africa"):
  // the entry that holds the rank may not name the subject, so the claim's own retrieval may
  // miss it.
  std::vector<std::string> FollowUpQueries(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  SuperlativeVerifierOptions options_;
};

}  // namespace fg
