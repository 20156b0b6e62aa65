#include "plugins/stream_checks.h"

#include <utility>

namespace fg::plugins {

SentenceTracker::ClaimSink StreamChecks::Sink(SentenceTracker& tracker, int group) {
  return [this, &tracker, group](size_t record, size_t claim_index, Claim claim) {
    if (abandoned_) {
      MarkUnchecked(tracker.report, abandon_reason_);
      return false;
    }
    const uint64_t ticket = next_ticket_++;
    tickets_.emplace(ticket, TicketRef{group, record, claim_index});
    requests_.push_back({ticket, std::move(claim)});
    return true;
  };
}

bool StreamChecks::Answer(uint64_t ticket, ClaimResult result,
                          const std::vector<std::string>& source_errors, const TrackerOf& tracker) {
  auto it = tickets_.find(ticket);
  if (it == tickets_.end()) return false;
  const TicketRef ref = it->second;
  tickets_.erase(it);
  tracker(ref.group).Answer(ref.record, ref.claim, std::move(result), source_errors);
  return true;
}

void StreamChecks::Abandon(const std::string& reason, const TrackerOf& tracker) {
  abandoned_ = true;
  abandon_reason_ = reason;
  for (const auto& [ticket, ref] : tickets_)
    tracker(ref.group).Abandon(ref.record, ref.claim, reason);
  tickets_.clear();
  requests_.clear();
}

std::vector<CheckRequest> StreamChecks::TakeRequests() { return std::exchange(requests_, {}); }

bool AllChecked(const std::vector<ChoiceReport>& reports) {
  for (const ChoiceReport& r : reports) {
    if (!r.report.checked) return false;
  }
  return true;
}

std::string FirstError(const std::vector<ChoiceReport>& reports) {
  for (const ChoiceReport& r : reports) {
    if (!r.report.errors.empty()) return r.report.errors.front();
  }
  return "unknown reason";
}

}  // namespace fg::plugins
