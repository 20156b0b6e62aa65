// Documents for the default knowledge base (`factgate kb build-default`), made from dictionary
// data that Debian packages install: WordNet glosses (wordnet-base) and the GNU Collaborative
// International Dictionary of English (dict-gcide).
//
// Both readers stream: they hand each Document to the callback as soon as it is built and keep
// only the current entry in memory. Document ids are stable across runs of the same data, so
// rebuilding a KB replaces documents instead of duplicating them.
//
// Errors: NotFound when a data file is missing, InvalidArgument when one cannot be parsed,
// Internal when a read fails midway. Never throws (the callback must not throw either).
// Thread-safety: no shared state; concurrent calls are fine.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "src/core/status.h"
#include "src/core/types.h"

namespace fg {

inline constexpr const char* kDefaultWordNetDir = "/usr/share/wordnet";
inline constexpr const char* kDefaultGcideDir = "/usr/share/dictd";

using DocumentCallback = std::function<void(Document&&)>;

// One document per synset of the WordNet database in `dir` (about 82,000 nouns, 13,700 verbs,
// 18,000 adjectives and 3,600 adverbs; nouns carry most encyclopedic facts, the others help with
// definitions): id "wn:<pos><offset>" with pos n, v, a or r and the offset as 8 digits, title the
// lemmas joined
// with ", ", text "<title>: <definition>." and source "wordnet". The gloss's quoted usage examples
// are dropped: they illustrate usage and are not statements of fact, so a verifier must never
// quote them as evidence ("she was able to program her computer").
Status ForEachWordNetDocument(const std::string& dir, const DocumentCallback& cb);

// The text of the WordNet document for a synset with these lemmas and gloss (exposed for tests).
std::string WordNetDocumentText(std::string_view title, std::string_view gloss);

// One document per entry of the GCIDE dictd database in `dict_dir` (gcide.index and
// gcide.dict.dz; about 126,000 entries): id "gcide:<headword>:<n>" (spaces in the headword become
// '_', n counts entries with the same headword from 1), title the headword, text the cleaned
// definition and source "gcide". Index lines naming the same entry under other headwords are
// read once; "00-database-*" entries are skipped.
Status ForEachGcideDocument(const std::string& dict_dir, const DocumentCallback& cb);

// Turns one raw GCIDE entry into readable text: the headword line keeps the word and its part of
// speech ("Abate, v. t."), pronunciations, etymologies and other bracketed notes, source markers
// ("[1913 Webster]") and literary quotations with their "--Author" references are removed, accent
// codes ("[=a]", "[ae]") become plain letters, cross-reference braces are dropped, and wrapped
// lines are joined; paragraphs (numbered senses, notes, synonyms) are separated by '\n'. Sets
// `*headword` to the entry's headword, or leaves it unchanged when the entry has no headword line.
std::string CleanGcideEntry(std::string_view raw, std::string* headword);

}  // namespace fg
