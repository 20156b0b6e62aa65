// English stemming for matching claim words against knowledge-base terms.
//
// The KB is indexed with Xapian::Stem("english"), which is the Snowball "english" (Porter2)
// algorithm. Core code must not link Xapian, so this is an independent implementation of the same
// algorithm; it agrees with Xapian on ordinary lowercase ASCII words, so a term stemmed here can be
// compared with terms the indexer produced (evidence alignment, query building, verifiers).
//
// Contract: pure function, thread-safe, never throws. The input should be one lowercased word;
// words of one or two bytes and words containing bytes >= 0x80 (non-ASCII) are returned unchanged.
#pragma once

#include <string>
#include <string_view>

namespace fg {

// The Porter2 stem of `lower_word`, e.g. "connected" -> "connect", "ponies" -> "poni",
// "generously" -> "generous".
std::string StemEnglish(std::string_view lower_word);

}  // namespace fg
