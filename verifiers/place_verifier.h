// PlaceVerifier: the place expert — checks where a place or structure is ("The Eiffel Tower is
// located in Berlin", "Mount Everest is the highest mountain in Africa") with WordNet's map of
// which place lies within which (part holonyms: Lexicon::Places, src/core/wordnet.h).
//
// It applies to relation claims (ParseRelation) whose object is a WordNet place after "in" and
// whose predicate only places the subject there: a form of "be", "lie", "stand" or "sit", then
// "located" or "situated" or a noun phrase ("is the highest mountain in", "is a river in"); never
// an event ("was born in", "died in", "was built in"). The subject must not be a person or thing
// WordNet knows that is no place ("Mozart was a composer in Vienna" is not about where Mozart
// is). For each evidence sentence about the subject (the last word of its name is in the sentence
// or the passage title), the expert reads the places the sentence names after a preposition of
// place ("in", "at", "near", "through", "across", "on", "of", at most three words before: "in the
// central Himalayas on the border of Tibet and Nepal"), leaving out the subject's own name and
// places introduced by a person's event ("born in Dijon").
//
// A place within the claim's place supports ("in Paris" for "in France"). Otherwise, when the
// claim's place is a city, state, country or continent and a place the sentence names is or lies
// within another place of that kind (two countries, two continents, two cities never overlap),
// the sentence refutes, and the correction puts that place in the claim ("Mount Everest is the
// highest mountain in Asia"). A place that contains the claim's ("in France" for "in Paris")
// says nothing. One supporting sentence outweighs any refuting ones (a mountain may straddle a
// border). A negated claim or sentence says nothing; with nothing said the expert abstains.
//
// Immutable after construction, thread-safe, never throws. The Lexicon must outlive the verifier.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"
#include "src/core/wordnet.h"

namespace fg {

struct PlaceVerifierOptions {
  // The confidence of a support (a place within the claim's) and of a refutation (a place of the
  // claim's place's kind other than it).
  double support_confidence = 0.85;
  double refute_confidence = 0.9;
};

class PlaceVerifier : public Verifier {
 public:
  // `lexicon` may be null: the verifier then applies to nothing.
  explicit PlaceVerifier(const Lexicon* lexicon, PlaceVerifierOptions options = {})
      : lexicon_(lexicon), options_(options) {}

  std::string_view name() const override { return "place"; }
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  const Lexicon* lexicon_;
  PlaceVerifierOptions options_;
};

}  // namespace fg
