#include "sources/passage_cache.h"

#include "src/core/alignment.h"

namespace fg {

size_t PassageCache::CostOf(const Passage& p) {
  // The entry, its list and map nodes, and the heap blocks of the strings that have them.
  constexpr size_t kOverhead = sizeof(Passage) + sizeof(Entry) + 96;
  size_t strings = 0;
  for (const std::string* s : {&p.doc_id, &p.title, &p.url, &p.source, &p.text, &p.revision}) {
    if (s->capacity() > 15) strings += s->capacity() + 1;
  }
  return kOverhead + strings + (p.analysis != nullptr ? p.analysis->bytes() : 0);
}

std::shared_ptr<const Passage> PassageCache::Find(Xapian::docid did) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = where_.find(did);
  if (found == where_.end()) return nullptr;
  order_.splice(order_.begin(), order_, found->second);
  return found->second->second;
}

void PassageCache::DropLocked(std::list<Entry>::iterator it) const {
  used_ -= CostOf(*it->second);
  where_.erase(it->first);
  order_.erase(it);
}

void PassageCache::Add(Xapian::docid did, std::shared_ptr<const Passage> passage) const {
  if (passage == nullptr) return;
  const size_t cost = CostOf(*passage);
  std::lock_guard<std::mutex> lock(mu_);
  if (auto found = where_.find(did); found != where_.end()) DropLocked(found->second);
  if (cost > budget_) return;
  while (!order_.empty() && used_ + cost > budget_) DropLocked(std::prev(order_.end()));
  order_.emplace_front(did, std::move(passage));
  where_[did] = order_.begin();
  used_ += cost;
}

size_t PassageCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

size_t PassageCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return where_.size();
}

}  // namespace fg
