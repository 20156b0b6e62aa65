// Source: where evidence comes from. The pipeline asks each configured source for the passages
// that best match a claim; implementations live in sources/ (Xapian KB first, web sources later).
//
// Contract: Search is thread-safe (many worker threads call it at once on one instance), never
// throws, and returns at most k passages ranked best first with `rank` set 0..k-1 and `source` set
// to name(). A source that cannot answer returns a non-OK Status (kUnavailable, kDeadlineExceeded),
// which the pipeline reports as a degraded check, never as a failed answer.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "src/core/status.h"
#include "src/core/types.h"

namespace fg {

class Source {
 public:
  virtual ~Source() = default;
  // Short stable name used in citations: "kb", "mediawiki", ...
  virtual std::string_view name() const = 0;
  virtual Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const = 0;
};

}  // namespace fg
