// Domain types shared by every stage of the flow: text spans, documents and passages from sources,
// claims from extraction, and the verdicts, citations and reports the verifiers produce.
//
// Plain value types, no behaviour beyond names for enums. All offsets are byte offsets into UTF-8
// text, half-open [begin, end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fg {

struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span&) const = default;
};

// A document as ingested into a knowledge base. `id` is unique within a KB.
struct Document {
  std::string id;
  std::string title;
  std::string text;
  std::string url;     // may be empty
  std::string date;    // may be empty, free form (ISO 8601 preferred)
  std::string source;  // where it came from ("wordnet", "gcide", a file name...); may be empty
};

struct PassageAnalysis;  // src/core/alignment.h

// A bounded piece of a document returned by retrieval. `text` is the exact slice
// document.text[doc_offset, doc_offset + text.size()).
struct Passage {
  std::string doc_id;
  std::string title;
  std::string url;
  std::string source;  // which Source answered: "kb", later "mediawiki", ...
  std::string text;
  size_t doc_offset = 0;
  double score = 0;  // retrieval score (BM25), higher is better
  int rank = 0;      // 0-based rank in the result list
  // For web evidence: the page's revision (MediaWiki's revision id; empty when unknown) and when
  // it was fetched (unix seconds; 0 for KB passages).
  std::string revision;
  int64_t fetched_at = 0;
  // Optional: its sentences and their terms, computed once from `text` and `title` by
  // AnalyzePassage (alignment.h) for a passage that is read again and again (the KB's passage
  // cache); the aligner uses them instead of splitting and tokenizing again. Null: computed when
  // needed. Whoever changes text or title must reset it.
  std::shared_ptr<const PassageAnalysis> analysis;
};

// What a claim is about; the router sends a claim only to the verifiers for its kind.
enum class ClaimKind {
  kNumeric,     // states a quantity, amount, rate or percentage
  kTemporal,    // states a date, year, century or duration
  kComparison,  // compares two quantities ("220 is less than 200")
  kRelation,    // who did what to whom, where ("Lincoln was assassinated by Booth")
  kDefinition,  // "X is a Y" ("A whale is a mammal")
  kExistence,   // asserts a named work, person or paper exists ("the book X by Y")
  kOther,
};
std::string_view ClaimKindName(ClaimKind kind);

// One check-worthy atomic statement. `text` equals source_text.substr(span.begin, span.size()).
struct Claim {
  std::string id;  // "c1", "c2", ... in order of appearance
  std::string text;
  Span span;
  ClaimKind kind = ClaimKind::kOther;
  // Words the claim leaves implicit, checked with it but not part of its span: the shared subject
  // of a split sentence ("Lincoln" for "died in 1865" from "Lincoln was born in 1809 and died in
  // 1865"), or the named subject an opening pronoun stands for ("Lincoln" for "He was shot in
  // 1865" after a sentence about Lincoln). Usually empty.
  std::string context;
};

enum class Verdict { kSupported, kRefuted, kNotEnoughInfo };
std::string_view VerdictName(Verdict verdict);  // "supported" | "refuted" | "not_enough_info"

// Calibrated probabilities of the three verdicts (they sum to 1), from the trained verdict model.
// Evaluation on a two-label dataset decides between the labels it has from these.
struct VerdictProbabilities {
  double supported = 0;
  double refuted = 0;
  double not_enough_info = 0;
};

struct Citation {
  std::string source;  // "kb", ...
  std::string doc_id;
  std::string title;
  std::string url;  // empty when the document has none (rendered as null)
  std::string quote;
  Span quote_span;         // byte offsets of `quote` inside the document's stored text
  std::string revision{};  // the page revision quoted (MediaWiki); empty: none
  int64_t fetched_at = 0;  // when the web page was fetched (unix seconds); 0: not from the web
};

struct ClaimResult {
  Claim claim;
  Verdict verdict = Verdict::kNotEnoughInfo;
  double confidence = 0;  // probability in [0, 1] that `verdict` is right
  std::string verifier;   // name of the verifier that decided ("entailment", "numeric", ...)
  std::vector<Citation> citations;
  std::optional<std::string> correction;  // the claim rewritten with the evidence's value
  // Set when the trained verdict model decided (not rendered in reports).
  std::optional<VerdictProbabilities> probabilities;
};

struct Report {
  std::vector<ClaimResult> claims;
  bool checked = true;              // false when a budget ran out or a source failed
  std::vector<std::string> errors;  // why checked is false
  double elapsed_ms = 0;
};

}  // namespace fg
