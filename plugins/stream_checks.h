// The check requests of one stream processor (plugins/openai/chat_stream.cc per choice,
// plugins/anthropic/messages_stream.cc per text block, plugins/ollama/ndjson_stream.cc for its
// one answer), and the fail-closed test over its reports.
//
// Contract:
// - Sink(tracker, group) is the SentenceTracker::ClaimSink of the answer `group` (a choice or
//   block index): each claim gets a ticket (1, 2, ... unique per stream) and a CheckRequest, and
//   the tracker's region one more pending check; after Abandon it requests nothing and marks the
//   tracker's report unchecked with the reason instead.
// - Answer settles a pending ticket on `tracker(group)` (SentenceTracker::Answer) and forgets it;
//   unknown or abandoned tickets are ignored (returns false).
// - Abandon gives up every pending ticket (SentenceTracker::Abandon on its tracker), drops the
//   requests not yet taken, and makes later claims unrequested.
// - AllChecked / FirstError: whether every report is checked; the first error of any report
//   ("unknown reason" when none), for the fail-closed error event.
//
// A plain value type: no I/O, not thread-safe, never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugins/dialect.h"
#include "plugins/sentence_tracker.h"
#include "src/core/types.h"

namespace fg::plugins {

class StreamChecks {
 public:
  // The tracker of answer `group`.
  using TrackerOf = std::function<SentenceTracker&(int group)>;

  SentenceTracker::ClaimSink Sink(SentenceTracker& tracker, int group);
  bool Answer(uint64_t ticket, ClaimResult result, const std::vector<std::string>& source_errors,
              const TrackerOf& tracker);
  void Abandon(const std::string& reason, const TrackerOf& tracker);
  // Claims to check, in order; the owner moves them out.
  std::vector<CheckRequest> TakeRequests();
  // Checks requested and not yet answered or abandoned.
  size_t pending() const { return tickets_.size(); }

 private:
  struct TicketRef {
    int group = 0;
    size_t record = 0;
    size_t claim = 0;
  };

  std::vector<CheckRequest> requests_;
  std::unordered_map<uint64_t, TicketRef> tickets_;
  uint64_t next_ticket_ = 1;
  bool abandoned_ = false;
  std::string abandon_reason_;
};

bool AllChecked(const std::vector<ChoiceReport>& reports);
std::string FirstError(const std::vector<ChoiceReport>& reports);

}  // namespace fg::plugins
