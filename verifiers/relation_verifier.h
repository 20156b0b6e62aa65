// RelationVerifier: the entity/relation expert — checks who did what to whom, and where, by the
// name in the claim's object slot.
//
// A relation claim has a subject, a predicate and an object name: "Lincoln | was assassinated by |
// Oswald", "Kilimanjaro | is in | Peru" (ParseRelation). For each evidence sentence, best first,
// that is about the same subject (its head word is in the sentence or the passage title) and
// covers the claim's words other than the object name well (Aligner coverage), the verifier looks
// for the same predicate — its content words in order, ending with its last word, the anchor
// ("by", "in", "married"); a predicate of stop words only ("is in") must appear word for word —
// and reads the name right after the anchor (articles and up to two descriptive words may come
// between: "by the actor John Wilkes Booth"). The same name (one's words contain the other's)
// supports; a different name refutes, and the correction is the claim with its object replaced by
// the evidence's name ("Lincoln was assassinated by John Wilkes Booth"), unless WordNet makes the
// evidence's name a kind of the claim's within two hypernym steps ("a division of the German
// company" supports "a division of a European company"), which supports. A sentence with a
// negation, one that names the claim's subject in the slot, one that also names the claim's object
// elsewhere, and, for support, one that lacks a later name of the claim ("in Physics") says
// nothing; so does, for refutation, what an entry about something else (its title does not name
// the claim's subject) says before it first names the claim's subject ("Schnabel: ... composer
// (born in Austria) and pianist noted for his interpretations of ... Mozart"); with no sentence
// saying anything the verifier abstains. Confidence follows verifiers/internal/agreement.h: the
// deciding sentence's coverage, scaled down by contradicting sentences.
//
// Immutable after construction, thread-safe, never throws. The Aligner must outlive the verifier.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/alignment.h"
#include "src/core/verifier.h"

namespace fg {

struct RelationVerifierOptions {
  // Sentences covering less than this of the claim's terms other than its object name (numbers
  // aside) are not read.
  double min_context_coverage = 0.6;
  // In the evidence, at most this many tokens between the predicate's last content word and the
  // anchor ("assassinated in 1865 by").
  size_t max_predicate_gap = 4;
  // Lowercase words allowed between the anchor and the evidence's name, articles aside ("by the
  // actor John Wilkes Booth").
  size_t max_slot_skip = 2;
};

// The parts of a relation claim, as byte spans of its text.
struct RelationParts {
  // The opening name ("Lincoln"); empty when the claim opens with a common noun.
  Span subject;
  // From after the subject (or the last punctuation) to the anchor: "was assassinated by".
  Span predicate;
  // The name in the object slot ("Oswald").
  Span object;
};

// The subject, predicate and object name of `claim_text`; nullopt when it names nothing after a
// lowercase predicate word.
std::optional<RelationParts> ParseRelation(std::string_view claim_text);

class RelationVerifier : public Verifier {
 public:
  // `aligner` may be null: the verifier then always abstains.
  explicit RelationVerifier(const Aligner* aligner, RelationVerifierOptions options = {})
      : aligner_(aligner), options_(options) {}

  std::string_view name() const override { return "relation"; }
  // Claims of kind kRelation, and definition or other claims with an object name (ParseRelation).
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  const Aligner* aligner_;
  RelationVerifierOptions options_;
};

}  // namespace fg
