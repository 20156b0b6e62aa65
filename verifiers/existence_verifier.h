// ExistenceVerifier: catches invented works and people — a book, paper, film or person the claim
// names that the knowledge base has no trace of.
//
// Models invent titles ("the novel The Glass Meridian by Margaret Atwood") and people with
// plausible names. Such a claim can never be supported, so when the named entity is unknown to the
// KB this verifier answers not_enough_info with high confidence, naming no evidence. "No trace" is
// decided KB-wide through TermStats::DocumentFrequency, not only from the few retrieved sentences:
// an entity has no trace when one of its distinctive words occurs in no KB passage, or when every
// word occurs somewhere but no evidence sentence (with its passage title) holds them together.
// Whenever the entity is found in the evidence, or the KB cannot say, the verifier abstains and
// leaves the claim to the others; it never supports or refutes.
//
// Entities (FindNamedEntities): a quoted title ("...", “...”) in Title Case or after a work word;
// a Title Case title after a work word ("the novel The Road", "the film called Heat"); a work and
// its author around "by" ("Hamlet by William Shakespeare", "a paper by Jane Smith"); any other run
// of two or more capitalised words (a person or place: "Margaret Ellison"). Distinctive words are
// the capitalised words other than stop words (of a quoted title: its words other than stop words;
// of a name: not honorifics, months or weekdays either, "President Lincoln" is one word). A lone
// capitalised word is never an entity unless a work word or "by" marks it; the first word of a
// sentence may be a common word ("Novelist Jane Smith"), so the evidence need not contain it.
//
// Immutable after construction, thread-safe, never throws. The TermStats must outlive the verifier.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/term_stats.h"
#include "src/core/verifier.h"

namespace fg {

struct ExistenceVerifierOptions {
  // Confidence of not_enough_info when a distinctive word occurs nowhere in the KB.
  double unknown_word_confidence = 0.9;
  // Confidence when every word occurs in the KB but no evidence sentence holds them together.
  double not_together_confidence = 0.85;
  // The same for a named work (a title is written one way; a person goes by several names): the
  // model judge then lets no "supported" stand (verifiers/model_judge.h).
  double missing_work_confidence = 0.87;
};

// Quoted text with more words than this is a quotation, not a title.
inline constexpr size_t kMaxQuotedTitleWords = 12;

// A specific work or person named in a claim.
struct NamedEntity {
  Span span;          // in the claim text
  bool work = false;  // a title (quoted, after a work word, or before "by AUTHOR")
  // The distinctive words, as written ("Glass", "Meridian").
  std::vector<std::string> words;
  // words[0] opens the sentence, where a common word is capitalised too: the evidence need not
  // contain it (it still counts as unknown when the KB never saw it).
  bool first_word_optional = false;
};

// The works and people `claim_text` names, in order of appearance.
std::vector<NamedEntity> FindNamedEntities(std::string_view claim_text);

class ExistenceVerifier : public Verifier {
 public:
  // `stats` may be null: the verifier then always abstains.
  explicit ExistenceVerifier(const TermStats* stats, ExistenceVerifierOptions options = {})
      : stats_(stats), options_(options) {}

  std::string_view name() const override { return "existence"; }
  // Claims of kind kExistence, and claims that name a work or person (FindNamedEntities).
  bool AppliesTo(const Claim& claim) const override;
  // not_enough_info when a named entity has no trace in the KB; otherwise abstains.
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  const TermStats* stats_;
  ExistenceVerifierOptions options_;
};

}  // namespace fg
