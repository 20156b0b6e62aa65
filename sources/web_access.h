// WebAccess: how a web source (MediaWiki, SearXNG) reaches the network. One per source instance:
//  - a GET through the guarded fetcher (sources/http_fetcher.h), each request's timeout cut short
//    by the claim's deadline;
//  - answered from the evidence cache (sources/evidence_cache.h) when it holds the response, and
//    cached when fetched; offline, only the cache answers;
//  - at most `max_concurrent` requests of this source in flight at once (a request waits for a
//    free slot, within its deadline).
// Also what the web sources share after fetching: running page fetches side by side, and ranking
// the fetched pages' passages exactly like KB passages (InMemoryKb), stamped with where and when
// they came from.
//
// Thread-safe; never throws.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "sources/evidence_cache.h"
#include "sources/http_fetcher.h"
#include "sources/xapian_kb.h"
#include "src/core/source.h"

namespace fg {

// What every web source is configured with.
struct WebSourceOptions {
  FetchOptions fetch;              // policy, per-request timeout and limits
  size_t pages = 3;                // pages read per claim (the result cap)
  size_t max_concurrent = 4;       // requests of this source in flight at once
  EvidenceCache* cache = nullptr;  // borrowed, thread-safe; may be null
  bool offline = false;            // answer from the cache only
  KbWriterOptions passages;        // how fetched pages are split into passages
};

// A response as the source sees it: fetched now or read from the cache.
struct WebResponse {
  std::string body;
  std::string content_type;
  int64_t fetched_at = 0;  // unix seconds: when it was fetched (for a cache hit, originally)
  bool from_cache = false;
};

class WebAccess {
 public:
  explicit WebAccess(const WebSourceOptions& options);

  // The body at `url`, cached under (cache_source, key): from the cache when there (expired
  // entries only offline), else fetched with `content_types` accepted, and cached when the answer
  // is 2xx. kUnavailable: offline and not cached, or a non-2xx answer; kDeadlineExceeded: no slot
  // or no answer before the deadline; otherwise Fetch's errors.
  Result<WebResponse> Get(std::string_view cache_source, const std::string& key,
                          const std::string& url, const std::vector<std::string>& content_types,
                          Deadline deadline) const;

 private:
  bool Acquire(Deadline deadline) const;
  void Release() const;

  WebSourceOptions options_;
  mutable std::mutex mu_;
  mutable std::condition_variable freed_;
  mutable size_t in_flight_ = 0;
};

// Runs fn(0) .. fn(n-1) side by side, fn(0) on the calling thread, and returns when all are done.
void RunConcurrently(size_t n, const std::function<void(size_t)>& fn);

// A fetched page and what its citations should carry.
struct WebPage {
  Document document;       // id, url, title and text
  std::string revision;    // empty when unknown
  int64_t fetched_at = 0;  // unix seconds
};

// The k passages of `pages` that best match the claim, ranked as the KB ranks its own, with
// `source` = source_name and each passage's revision and fetch time set from its page. Pages
// without text are skipped; no pages (or none with text) gives no passages.
Result<std::vector<Passage>> RankPages(const std::vector<WebPage>& pages,
                                       std::string_view claim_text, size_t k,
                                       std::string_view source_name,
                                       const KbWriterOptions& passages);

// A document id for a URL: the URL itself, or when longer than ids may be, its start plus a hash.
std::string DocIdForUrl(const std::string& url);

// `text` percent-encoded for a URL query (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view text);

// Unix seconds now.
int64_t UnixNow();

}  // namespace fg
