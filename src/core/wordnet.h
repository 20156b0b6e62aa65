// WordNet lexicon: word relations the verifiers use (synonyms, antonyms, hypernyms, base forms),
// and a streaming reader of raw synsets for the default-KB builder.
//
// Reads the WordNet 3.0 database files (wndb(5)) that Debian's wordnet-base installs in
// /usr/share/wordnet: data.{noun,verb,adj,adv} (synsets and pointers), index.{noun,verb,adj,adv}
// (sense order of each lemma) and {noun,verb,adj,adv}.exc (irregular inflections). Glosses are not
// kept in memory; lemmas are interned once and every relation is stored as ids in flat vectors, so
// the loaded lexicon is small (see Lexicon::Load) and cheap to share.
//
// Words given to queries are lowercased single words or multiword lemmas with spaces or
// underscores ("united states", "united_states"). A query word that is not itself a lemma is
// reduced with WordNet's morphology ("geese" -> "goose", "ran" -> "run") before it is looked up.
//
// Thread-safety: a loaded Lexicon is immutable; any number of threads may query it at once.
// Errors: Load and ForEachSynset return NotFound for missing files and InvalidArgument for lines
// they cannot parse; queries never fail (unknown words simply have no relations).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/core/status.h"

namespace fg {

// One synset as stored in a data.<pos> file.
struct Synset {
  uint32_t offset = 0;              // byte offset in data.<pos>, WordNet's synset id
  char pos = 'n';                   // 'n', 'v', 'a', 's' (adjective satellite) or 'r'
  std::vector<std::string> lemmas;  // original case, spaces for underscores, markers removed
  std::string gloss;                // the text after '|', trimmed
  std::vector<uint32_t> hypernyms;  // offsets (same file) of '@' and '@i' pointer targets
};

// Calls `callback` for every synset of data.<pos> in file order. `pos` is 'n', 'v', 'a' or 'r'.
// Streams the file: only one line is held at a time.
Status ForEachSynset(const std::string& dir, char pos,
                     const std::function<void(const Synset&)>& callback);

class Lexicon {
 public:
  // Loads the database in `dir`. About 0.5 s and 30 MB for the full WordNet 3.0.
  static Result<std::shared_ptr<const Lexicon>> Load(const std::string& dir);

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // True when `word` is a WordNet lemma (any part of speech), without morphology.
  bool Contains(std::string_view word) const;

  // True when the two words share a synset (a word is its own synonym when it is known).
  bool AreSynonyms(std::string_view a, std::string_view b) const;

  // True when WordNet has a direct antonym pointer ('!') between a sense of `a` and a sense of
  // `b`. Antonym pointers are lexical (word to word), so "hot"/"cold" are antonyms but "hot" and
  // "icy" are not. Indirect antonyms through similar-to ('&') adjective clusters are deliberately
  // not followed: a satellite's head often covers another sense ("hot" as in "a hot week on the
  // stock market" is similar to "active", whose antonym "inactive" is no opposite of "hot").
  // Inflected words are also compared through their base forms ("larger"/"smaller").
  bool AreAntonyms(std::string_view a, std::string_view b) const;
  // The same test for many word pairs without resolving a word twice: AntonymIds(a) holds the
  // lemmas antonymous to any base form of `a` (sorted, distinct); HasAntonymIn(ids, b) is true
  // when a base form of `b` is among them. HasAntonymIn(AntonymIds(a), b) == AreAntonyms(a, b).
  std::vector<uint32_t> AntonymIds(std::string_view a) const;
  bool HasAntonymIn(const std::vector<uint32_t>& antonym_ids, std::string_view b) const;

  // Up to `max` words WordNet links to `word` (or its base form) by form rather than meaning:
  // derivationally related forms ('+': "volcano" for "volcanic", "science" for "scientist") and
  // pertainyms ('\\': "atmosphere" for "atmospheric"), in file order, without duplicates.
  std::vector<std::string> RelatedForms(std::string_view word, size_t max) const;

  // True when a sense of `general` is reached from a sense of `specific` within `max_depth`
  // hypernym steps ('@' and instance '@i' pointers; depth 1 = direct hypernym).
  // IsHypernymOf("carnivore", "dog") is true (dog -> canine -> carnivore) while
  // IsHypernymOf("mammal", "dog", 3) is false (mammal is 4 steps up, past placental).
  bool IsHypernymOf(std::string_view general, std::string_view specific, int max_depth = 3) const;

  // The lemmas of every synset within `max_depth` hypernym steps above a sense of `word` (or of
  // its base form), nearest first, lowercased with spaces, without duplicates, at most `max`.
  // Hypernyms("dog", 2) holds "canine" and "domestic animal".
  std::vector<std::string> Hypernyms(std::string_view word, int max_depth, size_t max) const;

  // WordNet's "morphy": the base form of `word`. A word that is itself a lemma is its own base
  // form ("saw", "better"); otherwise the exception lists are tried (noun, verb, adjective,
  // adverb: "geese" -> "goose", "was" -> "be"), then the suffix detachment rules (noun, verb,
  // adjective: "cats" -> "cat", "running" stays a lemma). Returns the normalized word itself when
  // no base form is known. Relation queries resolve their words the same way.
  std::string BaseForm(std::string_view word) const;

  // Up to `max` other lemmas sharing a synset with `word` (or with its base form), most frequent
  // sense first, lowercased with spaces, without duplicates and without the word itself.
  std::vector<std::string> Synonyms(std::string_view word, size_t max) const;

  // Places: named instances (an instance-hypernym pointer '@i': "Paris" is an instance of
  // "national capital") that part-holonym pointers ('#p') place within others or others within
  // them (the Eiffel Tower is part of Paris, Paris of France, France of Europe). Place ids are
  // opaque synset ids, valid for this Lexicon only.
  enum class PlaceKind { kOther, kCity, kState, kCountry, kContinent };
  // The place senses of a name, as written or lowercased ("Mount Everest", "united states"), in
  // sense order; no morphology, since names are not inflected. Empty for anything else.
  std::vector<uint32_t> Places(std::string_view name) const;
  // True when `part` is `whole` or lies within it, by up to `max_depth` part-holonym steps.
  bool Within(uint32_t part, uint32_t whole, int max_depth = 8) const;
  // What the place is an instance of, by the nearest of these within four hypernym steps of its
  // instance hypernym: a city, town or capital; a state or province; a country; a continent.
  PlaceKind KindOf(uint32_t place) const;
  // The place of `kind` that `place` is or lies within (up to `max_depth` part-holonym steps);
  // nullopt when there is none, or more than one: the Andes lie in seven countries, and saying
  // which one a river rising there is in would be a guess. Only the nearest places of the kind
  // count (Paris's city is Paris, not a city Paris lies in).
  std::optional<uint32_t> EnclosingOfKind(uint32_t place, PlaceKind kind, int max_depth = 8) const;
  // WordNet's spelling of the place's first lemma, underscores as spaces ("Paris", "Asia").
  std::string PlaceName(uint32_t place) const;
  // Every lemma of a synset (a place's or any other), lowercased with spaces, in WordNet's order
  // ("china", "people's republic of china", "red china", ...); empty for an id that is no synset.
  std::vector<std::string> SynsetLemmas(uint32_t synset) const;

  // Kinds (the noun taxonomy, for claims such as "The whale is a fish"): the noun senses of a
  // word or name, as written or by its base form ("whales" -> "whale"), in sense order; a
  // synset's direct hypernyms ('@' and '@i'); SynsetLemmas above gives their lemmas. Synset ids
  // are opaque, valid for this Lexicon only.
  std::vector<uint32_t> NounSenses(std::string_view word) const;
  std::vector<uint32_t> DirectHypernyms(uint32_t synset) const;
  // True when the synset is a member of a group ('#m' member holonym): for animals, a taxon
  // ("mammal" of Mammalia, "horse" of genus Equus), unlike a role ("pet", "pollinator").
  bool IsMemberOfGroup(uint32_t synset) const;

  size_t lemma_count() const { return lemma_names_.size(); }
  size_t synset_count() const { return synset_pos_.size(); }

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using LemmaMap = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;
  static constexpr uint32_t kNoLemma = UINT32_MAX;

  Lexicon() = default;

  uint32_t FindLemma(std::string_view normalized) const;
  bool HasPos(uint32_t lemma, int pos_index) const;
  // The lemma ids a query word stands for: itself if it is a lemma, else its irregular base
  // forms, else its detachment-rule base forms; with `all_tiers`, all of these together.
  std::vector<uint32_t> Resolve(std::string_view word, bool all_tiers = false) const;
  // Calls visit(synset) for each synset within `max_depth` hypernym steps above a sense of
  // `word`, nearest first, each once; stops when visit returns false.
  void WalkHypernyms(std::string_view word, int max_depth,
                     const std::function<bool(uint32_t)>& visit) const;
  // The same from the synsets in `frontier`.
  void WalkHypernymsOf(std::vector<uint32_t> frontier, int max_depth,
                       const std::function<bool(uint32_t)>& visit) const;
  // Calls visit(synset) for `place` and each place it lies within (part holonyms), breadth
  // first, each once, up to `max_depth` steps; visit says whether to go on above that place.
  enum class WalkStep { kUp, kNotAbove, kStop };
  void WalkWholes(uint32_t place, int max_depth,
                  const std::function<WalkStep(uint32_t)>& visit) const;
  // Base forms of `normalized` as part of speech `pos_index` (0..3 for n, v, a, r), in order.
  void Morphy(const std::string& normalized, int pos_index, std::vector<uint32_t>& out) const;

  LemmaMap lemma_ids_;
  std::vector<const std::string*> lemma_names_;  // id -> key in lemma_ids_ (node keys are stable)
  std::vector<uint8_t> lemma_pos_mask_;          // bit i: lemma has a sense in part of speech i
  // Lemma -> synsets in sense order (n, v, a, r): lemma_synsets_[lemma_synset_start_[l] ...].
  std::vector<uint32_t> lemma_synset_start_;
  std::vector<uint32_t> lemma_synsets_;
  // Synset -> lemmas and synset -> hypernym synsets, same layout.
  std::vector<uint8_t> synset_pos_;  // part-of-speech index 0..3
  std::vector<uint32_t> synset_lemma_start_;
  std::vector<uint32_t> synset_lemmas_;
  std::vector<uint32_t> synset_hypernym_start_;
  std::vector<uint32_t> synset_hypernyms_;
  // Synset -> part holonyms ('#p'), same layout; and which synsets are named instances, with
  // the first lemma as WordNet spells it.
  std::vector<uint32_t> synset_holonym_start_;
  std::vector<uint32_t> synset_holonyms_;
  std::vector<uint8_t> synset_has_meronym_;
  std::vector<uint8_t> synset_is_member_;  // has a '#m' pointer
  std::unordered_map<uint32_t, std::string> instance_names_;
  // (lemma << 32 | lemma) for every antonym pair, both directions, sorted.
  std::vector<uint64_t> antonyms_;
  // The same for derivational and pertainym links, both directions, sorted.
  std::vector<uint64_t> derivations_;
  // Irregular inflection -> base lemma ids, per part of speech.
  std::unordered_map<std::string, std::vector<uint32_t>, StringHash, std::equal_to<>>
      exceptions_[4];
};

}  // namespace fg
