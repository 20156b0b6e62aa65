// Query builder: turns a claim's text into the Xapian query that retrieves its evidence.
//
// The claim is tokenized with fg::Tokenize and its words mapped onto the terms Xapian's
// TermGenerator (Stem("english"), STEM_SOME) puts in the KB:
//   - ordinary words (stop words dropped) -> stemmed term "Z" + stem(lowercase);
//   - names -> the stemmed term, weighted by `name_weight`. A name is a run of capitalised words
//     not at the start of a sentence, a run of two or more capitalised words anywhere (leading stop
//     words such as "The" dropped), or an all-caps acronym ("NASA", "U.S."). A multi-word name is
//     also added as an OP_PHRASE over its unstemmed lowercase terms (which carry positions);
//   - numbers and words starting with a digit ("1809", "1,500,000", "19th") -> the exact term,
//     weighted by `number_weight`.
// A word with accented Latin letters adds its stemmed term without them too ("Larraín" ->
// Zlarraín, Zlarrain), which the KB holds for text written either way (sources/xapian_kb.h).
// Hyphenated words are split as the TermGenerator splits them ("covid-19" -> covid, 19). Terms are
// de-duplicated, capped at `max_terms` (names and numbers kept first), scaled with OP_SCALE_WEIGHT
// and combined with OP_OR (or OP_ELITE_SET when `elite_set_size` is set). A claim with no usable
// word gives an empty Query (Query().empty()), which matches nothing.
// Thread-safe, no shared state (the stemmer is per thread).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fg {

class Lexicon;

struct QueryOptions {
  double word_weight = 1.0;     // an ordinary word
  double name_weight = 2.0;     // a word that is part of a name or an acronym
  double number_weight = 2.0;   // a number
  double phrase_weight = 1.0;   // the phrase of a multi-word name (on top of its words)
  bool name_phrases = true;     // add phrases for multi-word names
  size_t max_terms = 32;        // cap on single-term subqueries
  size_t elite_set_size = 0;    // > 0: OP_ELITE_SET of this many terms instead of OP_OR
  double synonym_weight = 0.4;  // a WordNet synonym of a claim word or compound (AddSynonyms)
};

// The terms extracted from a claim, before weighting. Each list is de-duplicated and in order of
// appearance; a term is in exactly one of words / names / numbers (names and numbers win).
struct ClaimTerms {
  std::vector<std::string> words;                 // "Z" stemmed terms
  std::vector<std::string> names;                 // "Z" stemmed terms of name words
  std::vector<std::string> numbers;               // exact terms
  std::vector<std::vector<std::string>> phrases;  // unstemmed lowercase terms of multi-word names
  // Filled by AddSynonyms: "Z" stemmed terms of one-word synonyms, and the unstemmed lowercase
  // terms of multi-word ones and of WordNet compounds found in the claim ("global warming").
  std::vector<std::string> synonyms;
  std::vector<std::vector<std::string>> synonym_phrases;
};

// With a lexicon, a single capitalised word opening the claim is a name too ("Lincoln was born
// ..."), unless WordNet shows it to be an inflected common word ("Scientists say ...").
ClaimTerms AnalyzeClaim(std::string_view claim_text, const Lexicon* lexicon = nullptr);

// Query expansion with WordNet: every claim word, and every two- or three-word run that WordNet
// knows as a compound, contributes up to `max_per_lemma` synonyms (most frequent sense first), so
// that "CO2" also finds "carbon dioxide". Terms already in the claim are not repeated.
void AddSynonyms(const Lexicon& lexicon, std::string_view claim_text, size_t max_per_lemma,
                 ClaimTerms* terms);

// Removes the single terms that cannot help much or at all: those in more than `max_ratio` x the
// passages of `db` (when max_ratio > 0), and those absent from `db`. If every frequent term would
// go, the rarest one stays. Phrases are kept. Throws what Xapian throws (the caller catches).
void DropFrequentTerms(const Xapian::Database& db, double max_ratio, ClaimTerms* terms);

Xapian::Query BuildQuery(const ClaimTerms& terms, const QueryOptions& options = {});
// The subquery BuildQuery uses for one term scaled by `factor` (1.0: not scaled).
using TermLeaf = std::function<Xapian::Query(const std::string& term, double factor)>;
// BuildQuery with every term's subquery made by `leaf` (null: the plain term, scaled with
// OP_SCALE_WEIGHT). With a leaf function a phrase becomes the OP_AND of its words' leaves,
// filtered by the OP_PHRASE: the same passages, and the same weight, as Xapian weighs a phrase
// by the sum of its terms' weights. With PhraseMatch::kAllWords the OP_PHRASE filter is left out:
// no positions are read, and the query matches a superset of the passages, each weighing at least
// as much as with kInOrder (XapianKb gathers candidates with it).
enum class PhraseMatch { kInOrder, kAllWords };
Xapian::Query BuildQuery(const ClaimTerms& terms, const QueryOptions& options, const TermLeaf& leaf,
                         PhraseMatch phrases = PhraseMatch::kInOrder);
Xapian::Query BuildQuery(std::string_view claim_text, const QueryOptions& options = {});

}  // namespace fg
