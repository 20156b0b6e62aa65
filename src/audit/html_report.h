// The audit's report.html: one self-contained page (inline CSS, inline JS, inline SVG; no outside
// assets, fonts or network requests) written from the audit's output files, so a person can read in
// a browser how often the model was wrong, where, and with what evidence.
//
// The page holds: the summary figures with small inline SVG charts (verdict distribution,
// confidence histogram, refuted rate per model); each shown transcript with its checked assistant
// turns, every claim highlighted in its verdict's colour, its citations (title, quote, link) and
// correction shown on hover or click; filters (refuted/flagged only, by model). It is usable on a
// phone-sized screen. Every piece of text from the inputs is HTML-escaped: transcripts are
// untrusted.
//
// Memory stays bounded whatever the input size: the JSONL files are streamed (twice), never loaded
// whole. At most `max_transcripts` transcripts are shown: all flagged ones first (in input order),
// then unflagged ones in input order while room is left; the page says how many were left out.
// Output is a pure function of the inputs (deterministic, byte for byte).
#pragma once

#include <cstddef>
#include <string>

#include "src/core/status.h"

namespace fg::audit {

struct HtmlReportInputs {
  std::string summary_json;       // path of summary.json
  std::string transcripts_jsonl;  // path of transcripts.jsonl
  std::string claims_jsonl;       // path of claims.jsonl (rows grouped by transcript, same order)
};

struct HtmlReportOptions {
  size_t max_transcripts = 2000;
  std::string title = "factgate audit";
};

// Writes the page to `out_path` (the caller writes to a temporary name and renames). A non-OK
// status names the file and line that could not be read or parsed.
Status WriteHtmlReport(const HtmlReportInputs& inputs, const std::string& out_path,
                       const HtmlReportOptions& options = {});

}  // namespace fg::audit
