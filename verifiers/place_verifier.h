// PlaceVerifier: the place expert — checks where a place or structure is ("The Eiffel Tower is
// located in Berlin", "Mount Everest is the highest mountain in Africa") and which city is a
// country's or state's capital ("Sydney is the capital of Australia"), with WordNet's map of
// which place lies within which (part holonyms: Lexicon::Places, src/core/wordnet.h).
//
// Where: relation claims (ParseRelation) whose object is a WordNet place after "in" and whose
// predicate only places the subject there: a form of "be", "lie", "stand" or "sit", then
// "located" or "situated" or a noun phrase ("is the highest mountain in", "is a river in"); never
// an event ("was born in", "died in", "was built in"). The subject must not be a person or thing
// WordNet knows that is no place ("Mozart was a composer in Vienna" is not about where Mozart
// is). For each evidence sentence about the subject (its passage title names it, below; a
// distinctive word of its name is in the sentence when the passage has none), the expert reads the
// places the sentence names after a preposition of place ("in", "at", "near", "through", "across",
// "on", "of", at most three words before: "in the central Himalayas on the border of Tibet and
// Nepal"): whole capitalised names only ("the American University of Paris" names no place),
// leaving out the subject's own name and places introduced by a person's event ("born in
// Dijon"). A place within the claim's place supports ("in Paris" for "in France"). Otherwise,
// when the claim's place is a city, state, country or continent and a place the sentence names
// lies within exactly one place of that kind (two countries, two continents, two cities never
// overlap; the Andes lie in seven countries, so they place nothing in one), the sentence refutes,
// and the correction puts that place in the claim ("Mount Everest is the highest mountain in
// Asia"). A place that contains the claim's ("in France" for "in Paris") says nothing.
//
// Capital: "<city> is the capital (city) of <country or state>", present tense. A sentence naming
// the capital of that place ("Canberra, capital of Australia: ..."; not a "state capital", not
// "former" or "once") speaks for the name that opens the passage title (else the sentence): the
// claim's subject supports, another city WordNet places there refutes, with that city as the
// correction. When no sentence names the capital (retrieval found the subject's entries, not the
// capital's), WordNet's lemma "capital of Australia" does, for a subject WordNet knows as another
// city of that place; and a city that no sense of its name puts in that place is no capital of
// it ("Sao Tome is the capital of Denmark"; corrected to the lemma's city when WordNet names one).
// Those refutations cite nothing, and need retrieved evidence (not before retrieval, where a
// citing sentence may still come). A subject the evidence gives a share in
// governing ("the judicial capital", "the seat of the legislative branch" of that place) is never
// refuted: some countries have several capitals.
//
// About the subject: a titled passage is when one of the names its title lists is the subject's
// name, or that name less generic words ("Everest" for "Mount Everest"); an entry titled "Texas
// chachalaca", "Dolomite Alps" or "Greenland Sea" is about something else. Entries about two
// places of one name that correct the claim differently ("Cairo" in Illinois and in Egypt) leave
// the refutation without a correction, and a name with any sense inside the claim's place is
// refuted by no sentence ("Paris: a town in northeastern Texas" says nothing against "Paris is in
// Europe").
//
// WordNet's map: where no sentence speaks and the evidence comes from a knowledge base (its
// passages have titles; given evidence in pairs mode has none), the map alone decides, citing
// nothing. It supports when the subject's first place sense (WordNet's most frequent) lies within
// the claim's place (Baikal in Siberia, Siberia in Russia). It refutes when no sense of the
// subject lies there and each lies within a place of the claim's place's kind that is neither it
// nor around it nor within it ("Texas is in Mexico": Texas in the United States, the correction),
// or when the subject is a country or continent itself and the map nests it in no such claim's
// place ("Scotland is in England", "Portugal is in Spain"; no correction). Against such a map
// refutation, or for a subject of the claim's place's own kind that the map does not put there,
// no sentence supports: "Toronto: ... on Lake Ontario" (a lake of the United States too) does not
// put Toronto in the United States, nor "an enclave on the French Riviera" Monaco in France.
//
// One supporting sentence outweighs any refuting ones (a mountain may straddle a border). A
// support is surer (settled_support_confidence) when the claim says no more than where the
// subject is ("is in", "is located in", "is a city in") than when it adds a rank the place does
// not settle ("is the 24th largest city in"). A negated claim or sentence says nothing; with
// nothing said the expert abstains.
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
  // The confidence of a support when the claim says no more than where the subject is ("is in",
  // "is a city in"): the place settles it.
  double settled_support_confidence = 0.9;
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
