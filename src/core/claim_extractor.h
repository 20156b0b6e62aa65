// Claim extraction: turns a model's answer into check-worthy, atomic claims with exact byte spans.
//
// The first stage of the flow after the plugin has found the answer text: sentences come from the
// segmenter (src/core/segmenter.h); headings, questions, pleasantries, instructions, opinions and
// hedges, first-person and meta statements, verbless fragments and code are dropped; what is left
// is split into atomic clauses where that is safe ("X was born in 1809 and died in 1865" gives two
// claims), and each claim gets a kind for the verifier router.
//
// Contract: pure functions, thread-safe, never throw, linear in the input size. Every returned
// claim satisfies claim.text == text.substr(claim.span.begin, claim.span.size()); spans exclude
// trailing sentence punctuation, Markdown emphasis markers and leading interjections ("Yes, ").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "src/core/types.h"

namespace fg {

struct ExtractOptions {
  size_t max_claims = 1000;  // extraction stops after this many claims
};

// Claims in order of appearance, with ids "c1", "c2", ...
std::vector<Claim> ExtractClaims(std::string_view text, const ExtractOptions& options = {});

// True when one sentence states something that could be checked against evidence: not a question,
// greeting, instruction, opinion or hedge, first-person or meta statement, heading-like fragment,
// verbless fragment or code.
bool IsCheckWorthy(std::string_view sentence);

// The kind of one claim. Precedence, first match wins:
//   comparison  two quantities or entities compared ("220 is less than 200", "twice as large as",
//               "X is taller than Y")
//   existence   a named work ("wrote a book called", "the paper titled", "is the author of")
//   temporal    a year, date, month, century, decade or duration ("in 1809", "for 3 years")
//   numeric     any other quantity: number, percentage, amount, scale word ("5 million")
//   definition  a copula with an indefinite article near the start ("A whale is a mammal")
//   relation    a capitalised name and a verb ("Booth shot Lincoln")
//   other       anything else
ClaimKind ClassifyClaim(std::string_view claim_text);

}  // namespace fg
