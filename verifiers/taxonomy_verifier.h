// TaxonomyVerifier: the taxonomy expert — checks what kind of thing something is ("The whale is a
// fish", "Gold is a chemical element", "Spiders are insects") against WordNet's noun hierarchy,
// which the default KB's glosses come from but seldom spell out: the gloss of "whale" says
// "cetacean mammals", and the model, reading words, had supported "The whale is a fish" at 0.91
// (from "whaler: a ship engaged in whale fishing") and refuted "Gold is a chemical element".
//
// Claims: "<subject> is a|an [type|kind|sort|species|form of] <kind>" or "<subjects> are
// <kinds>", nothing after the kind, no negation; the subject (less "the", "a", "an") and the kind
// are WordNet nouns (a kind is written in lowercase: a common noun).
//
//   - Supported (0.9) when a sense of the subject has a sense of the kind among its hypernyms
//     (gold -> noble metal -> metallic element -> chemical element).
//   - Refuted (0.9) when no sense does, no sense of the kind lies under a sense of the subject
//     (then the claim is about some of them: "Mammals are whales"), and every sense of the subject
//     in the kind's domain belongs to another branch close by: the subject's ancestor and the
//     kind's meet at most five steps above the subject and three above the kind, inside one of
//     the natural domains where such branches exclude each other: animals, plants, fungi, matter
//     and celestial bodies (a whale's mammal and a fish's aquatic vertebrate are both
//     vertebrates). Roles of people overlap ("a lawyer" and "a president"), so no claim about a
//     person is refuted; nor is one whose subject has no sense in the kind's domain. The
//     correction names the subject's branch ("The whale is a mammal") for "is a" claims.
//   - Refuted (0.9) too when the subject's most frequent sense is a chemical element, a compound
//     or a mixture and the kind's first material sense is another of these ("Water is a
//     chemical element": water is a compound, and the correction says so; "gas" is first a state
//     of matter, so "Steam is a gas" is left alone).
//
// Only with a knowledge base's evidence (titled passages), as the place expert's map: evidence
// the caller gives (pairs mode) is what the claim is to be judged against. The verdict cites the
// subject's own entry when the evidence holds it (its title names the subject: "whale: any of the
// larger cetacean mammals"), else nothing. ModelJudge lets it decide alone
// (ModelJudgeOptions::taxonomy_veto); a support that cites nothing decides only against a model
// that does not support.
// Immutable after construction, thread-safe, never throws. The lexicon must outlive the expert.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/verifier.h"
#include "src/core/wordnet.h"

namespace fg {

struct TaxonomyVerifierOptions {
  double confidence = 0.9;
};

class TaxonomyVerifier : public Verifier {
 public:
  // `lexicon` may be null: then the expert applies to nothing.
  explicit TaxonomyVerifier(const Lexicon* lexicon, TaxonomyVerifierOptions options = {});

  std::string_view name() const override { return "taxonomy"; }
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  const Lexicon* lexicon_;
  TaxonomyVerifierOptions options_;
  // "a mammal": the synset's first lemma with its article; empty for none.
  std::string WithArticle(uint32_t synset) const;
  // True for a domain whose root may be where two branches meet (celestial bodies).
  bool AllowsRoot(uint32_t domain) const { return domain_roots_open_.contains(domain); }

  // The roots of the domains where sibling branches exclude each other (see above), and those
  // of them whose root may be where two branches meet.
  std::vector<uint32_t> domains_;
  std::set<uint32_t> domain_roots_open_;
  // Kinds of substance that exclude each other: chemical element, compound, mixture; and matter,
  // under which a kind's material sense lies.
  std::vector<uint32_t> substances_;
  std::optional<uint32_t> matter_;
};

}  // namespace fg
