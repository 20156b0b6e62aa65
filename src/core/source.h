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
  // Search for a source made of parts that can fail one by one (a KB split into shards): when some
  // parts answer and others do not, the passages come from those that answered and `unavailable`
  // gets one line per part that did not ("shard tcp://10.0.0.2:7000: connection refused"); the
  // pipeline then reports the check as degraded. The default is Search, with no parts.
  virtual Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                                   std::vector<std::string>* unavailable) const {
    (void)unavailable;
    return Search(claim_text, k);
  }
};

}  // namespace fg
