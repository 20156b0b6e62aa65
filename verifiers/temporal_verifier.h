// TemporalVerifier: checks a claim's date, year, decade or century against the dates in the
// evidence sentences.
//
// The event word of the claim (born, died, founded, released, published, built, ...) picks the
// evidence date that speaks of the same event, and which end of a range applies: "Lincoln was born
// in 1820" against "Abraham Lincoln (1809-1865)" reads 1809 (born -> first, died -> last). Dates
// are day intervals at their precision (src/core/quantities.h): an evidence date inside the
// claim's interval supports it ("the 19th century" vs 1865); a claim date inside a coarser evidence
// date is consistent and supports only when the sentence aligns strongly; disjoint dates refute,
// with the correction written at the coarser of the two precisions ("born in 1809"). A claim that
// denies its date ("was not born on 20 November 1932") is refuted by that date, with no
// correction, unless the sentence denies it too; another date then says nothing. A birth date
// bounds a death date and back: "died on August 12, 1991" against "(born August 12, 1991)" is
// refuted, with no correction; a later death says nothing.
//
// Entries: a passage whose title names the claim's subject (a name of the title stands whole in
// the claim's words before its date, verifiers/internal/entry_title.h) is read first, so that
// the subject's own entry decides and corrects the claim ("Caesar: ... (100-44 BC)" before
// Augustus's "Gaius Julius Caesar Octavianus ... (63 BC - AD 14)"). In such an entry a sentence
// with no event word dates the subject by its one range when the claim's event begins or ends
// something other than a life ("French Revolution: ...; 1789-1799" for "began in 1799"; "World
// War I: a war ... from 1914 to 1918").
//
// Immutable after construction, thread-safe, never throws.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "src/core/verifier.h"

namespace fg {

struct TemporalVerifierOptions {
  // Evidence sentences aligned below this with the claim are not read.
  double min_alignment = 0.5;
  // A claim finer than the evidence ("12 February 1809" vs "1809") is supported only from
  // sentences aligned at least this well; so is any claim without an event word ("in 1861").
  double coarse_support_alignment = 0.7;
};

class TemporalVerifier : public Verifier {
 public:
  explicit TemporalVerifier(TemporalVerifierOptions options = {}) : options_(options) {}
  std::string_view name() const override { return "temporal"; }
  // The claim mentions a date, year, decade or century.
  bool AppliesTo(const Claim& claim) const override;
  std::optional<Judgement> Judge(const Claim& claim,
                                 std::span<const EvidenceSentence> evidence) const override;

 private:
  TemporalVerifierOptions options_;
};

}  // namespace fg
