// Source: where evidence comes from. The pipeline asks each configured source for the passages
// that best match a claim; implementations live in sources/ (the Xapian KB, local or sharded, and
// the web sources: MediaWiki, SearXNG).
//
// Contract: Search is thread-safe (many worker threads call it at once on one instance), never
// throws, and returns at most k passages ranked best first with `rank` set 0..k-1 and `source` set
// to name(). A source that cannot answer returns a non-OK Status (kUnavailable, kDeadlineExceeded),
// which the pipeline reports as a degraded check, never as a failed answer. The pipeline may ask
// several sources at once, each from its own thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "src/core/status.h"
#include "src/core/types.h"

namespace fg {

// When a search must be over; nullopt: no limit besides the source's own timeouts.
using Deadline = std::optional<std::chrono::steady_clock::time_point>;

class Source {
 public:
  virtual ~Source() = default;
  // Short stable name used in citations: "kb", "mediawiki", ...
  virtual std::string_view name() const = 0;
  virtual Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const = 0;
  // Search for a source made of parts that can fail one by one (a KB split into shards, a web
  // source's result pages): when some parts answer and others do not, the passages come from those
  // that answered and `unavailable` gets one line per part that did not ("shard
  // tcp://10.0.0.2:7000: connection refused"); the pipeline then reports the check as degraded.
  // With a deadline (the claim's verification budget), a source that waits on the network gives
  // up by then (kDeadlineExceeded, or the parts it has); local sources may ignore it. The default
  // is Search, with no parts and no deadline.
  virtual Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                                   std::vector<std::string>* unavailable,
                                                   Deadline deadline) const {
    (void)unavailable;
    (void)deadline;
    return Search(claim_text, k);
  }
};

}  // namespace fg
