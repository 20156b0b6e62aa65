// WebAccess: cached, guarded, rate-limited GETs for the web sources; shared page ranking.
#include "sources/web_access.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>
#include <unordered_map>

namespace fg {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string DocIdForUrl(const std::string& url) {
  if (url.size() <= kMaxDocIdBytes) return url;
  return url.substr(0, 150) + "#" + std::to_string(std::hash<std::string>()(url));
}

WebAccess::WebAccess(const WebSourceOptions& options) : options_(options) {
  options_.max_concurrent = std::max<size_t>(options_.max_concurrent, 1);
}

bool WebAccess::Acquire(Deadline deadline) const {
  std::unique_lock<std::mutex> lock(mu_);
  auto free = [this] { return in_flight_ < options_.max_concurrent; };
  if (deadline) {
    if (!freed_.wait_until(lock, *deadline, free)) return false;
  } else {
    freed_.wait(lock, free);
  }
  ++in_flight_;
  return true;
}

void WebAccess::Release() const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
  }
  freed_.notify_one();
}

Result<WebResponse> WebAccess::Get(std::string_view cache_source, const std::string& key,
                                   const std::string& url,
                                   const std::vector<std::string>& content_types,
                                   Deadline deadline) const {
  int64_t now = UnixNow();
  if (options_.cache != nullptr) {
    if (auto hit = options_.cache->Get(cache_source, key, options_.offline, now)) {
      WebResponse r;
      r.body = std::move(hit->body);
      r.content_type = std::move(hit->content_type);
      r.fetched_at = hit->fetched_at;
      r.from_cache = true;
      return r;
    }
  }
  if (options_.offline) {
    return Status::Unavailable("offline, and " + url + " is not in the evidence cache");
  }
  if (!Acquire(deadline)) {
    return Status::DeadlineExceeded("no free connection for " + url +
                                    " within the verification budget");
  }
  FetchOptions fetch = options_.fetch;
  fetch.content_types = content_types;
  Result<FetchResult> got = Status::DeadlineExceeded(url + ": the verification budget ran out");
  bool in_time = true;
  if (deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        *deadline - std::chrono::steady_clock::now());
    in_time = left.count() > 0;
    fetch.timeout = std::min(fetch.timeout, left);
  }
  if (in_time) got = Fetch(url, fetch);
  Release();
  if (!got.ok()) return got.status();
  if (got->status < 200 || got->status >= 300) {
    return Status::Unavailable(url + " answered HTTP " + std::to_string(got->status));
  }
  WebResponse r;
  r.fetched_at = UnixNow();
  if (options_.cache != nullptr) {
    CachedEvidence entry;
    entry.source = std::string(cache_source);
    entry.key = key;
    entry.content_type = got->content_type;
    entry.body = got->body;
    entry.fetched_at = r.fetched_at;
    (void)options_.cache->Put(entry);  // a cache that cannot be written only costs speed
  }
  r.body = std::move(got->body);
  r.content_type = std::move(got->content_type);
  return r;
}

void RunConcurrently(size_t n, const std::function<void(size_t)>& fn) {
  std::vector<std::thread> threads;
  for (size_t i = 1; i < n; ++i) threads.emplace_back(fn, i);
  if (n > 0) fn(0);
  for (std::thread& t : threads) t.join();
}

Result<std::vector<Passage>> RankPages(const std::vector<WebPage>& pages,
                                       std::string_view claim_text, size_t k,
                                       std::string_view source_name,
                                       const KbWriterOptions& passages) {
  std::vector<Document> documents;
  std::unordered_map<std::string, const WebPage*> by_id;
  for (const WebPage& page : pages) {
    if (page.document.text.empty() || !by_id.emplace(page.document.id, &page).second) continue;
    documents.push_back(page.document);
  }
  if (documents.empty() || k == 0) return std::vector<Passage>();
  Result<std::unique_ptr<InMemoryKb>> ranked = InMemoryKb::Build(documents, passages);
  if (!ranked.ok()) return ranked.status();
  Result<std::vector<Passage>> found = (*ranked)->Search(claim_text, k, source_name);
  if (!found.ok()) return found.status();
  for (Passage& p : *found) {
    auto it = by_id.find(p.doc_id);
    if (it == by_id.end()) continue;
    p.revision = it->second->revision;
    p.fetched_at = it->second->fetched_at;
  }
  return found;
}

}  // namespace fg
