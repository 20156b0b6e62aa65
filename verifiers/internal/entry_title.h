// Entry titles: a knowledge-base passage's title lists the names of what its entry is about,
// comma-separated ("Baikal, Lake Baikal, Baykal, Lake Baykal": WordNet's lemmas; GCIDE's
// headword). The place and superlative experts use them to tell an entry about the claim's
// subject from one about something else whose title merely shares a word ("Texas chachalaca",
// "Dolomite Alps", "Greenland Sea").
// Private to verifiers/.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "src/core/tokenizer.h"
#include "src/core/verifier.h"

namespace fg::internal {

// True for a lowercased word that says what kind of place or feature a name names, not which one
// ("mount", "lake", "river", "the", "north"): such words may be left out of a name.
bool IsGenericNameWord(std::string_view lower_word);

// True when one of the names `title` lists is `name` (case and a leading "the" aside), or `name`
// less generic words ("Everest" for "Mount Everest"); never a name with a word `name` lacks
// ("Texas chachalaca" for "Texas"). False when either is empty.
bool TitleNames(std::string_view title, std::string_view name);

// True when one of the names `title` lists has two words or more, all of them words of `name`
// (case and "the" aside): an entry about what a work is named after ("Tom Sawyer" for "The
// Adventures of Tom Sawyer").
bool TitleNamesPartOf(std::string_view title, std::string_view name);

// The first name `title` lists, trimmed ("Baikal" of "Baikal, Lake Baikal"); empty for none.
std::string_view FirstTitleName(std::string_view title);

// The first name `title` lists in its longest form that adds only generic words: "Angel Falls"
// of "Angel, Angel Falls", "Lake Victoria" of "Victoria, Lake Victoria", "Cairo" of "Cairo,
// Egyptian capital". Empty for none.
std::string_view FirstTitleNameInFull(std::string_view title);

// The first name `title` lists that has two words or more, trimmed (a person's full name:
// "Herman Melville" of "Melville, Herman Melville"), else the first name.
std::string_view FullTitleName(std::string_view title);

// True when one of the names `title` lists stands whole in the text whose tokens are given: each
// of its words is a word of the text, and a capitalised one is capitalised there too ("Julius
// Caesar" of "Caesar, Julius Caesar, Gaius Julius Caesar" in "Julius Caesar was assassinated in
// 44 BC"; no name of "Augustus, Gaius Julius Caesar Octavianus" is). A name that starts in lower
// case (a common noun's entry: "tower") never counts.
bool TitleNameStandsIn(std::string_view title, const std::vector<Token>& text_tokens);

// For each of `evidence`: whether its passage's title names the subject of the claim's value. The
// subject is sought in the words before the value (`claim` up to `value_begin`): "The Eiffel
// Tower is 1454 feet tall", but not the unit's entry for "6 degrees Fahrenheit warmer".
std::vector<bool> OwnEntries(std::span<const EvidenceSentence> evidence, std::string_view claim,
                             size_t value_begin);

// The indices of the evidence: first those `own` marks (OwnEntries), then the others, each group
// in its order. A value expert that decides on the first sentence it can read thus reads the
// subject's own entry first, and another entry that only shares words with it can only agree or
// conflict.
std::vector<size_t> OwnEntriesFirst(const std::vector<bool>& own);

}  // namespace fg::internal
