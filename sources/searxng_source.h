// SearxngSource: evidence from the web through a SearXNG-compatible search engine
// (`GET /search?q=...&format=json`, which SearXNG and compatible services answer with
// {"results": [{"url", "title", "content"}...]}). For a claim it searches, fetches the top result
// pages, takes their main text (sources/html_text.h), and ranks their passages exactly like KB
// passages (sources/xapian_kb.h, InMemoryKb), so web and KB evidence compete on equal terms.
// Citations carry the page's URL (doc_id and url) and the source name "searxng".
//
// Every request goes through Fetch (sources/http_fetcher.h) with `fetch.policy`: the search host
// and the hosts pages may come from must be allowed there ("*" for any public host). A page that
// fails (refused, too large, slow, not HTML) is left out and named by SearchParts; its result's
// snippet stands in for it. With an evidence cache, search results and pages are cached by
// normalised query and URL; with `offline` only the cache is read, so a run can be replayed.
//
// Thread-safe (no mutable state besides the cache, which is); Search blocks its worker thread for
// up to (1 + pages) x fetch.timeout. Never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sources/evidence_cache.h"
#include "sources/http_fetcher.h"
#include "sources/xapian_kb.h"
#include "src/core/source.h"

namespace fg {

struct SearxngOptions {
  std::string base_url;  // the instance, e.g. "https://searx.example.org" (no trailing /search)
  FetchOptions fetch;    // policy, per-request timeout and limits
  size_t pages = 3;      // result pages fetched and read per claim
  EvidenceCache* cache = nullptr;  // borrowed, thread-safe; may be null
  bool offline = false;            // answer from the cache only
  KbWriterOptions passages;        // how fetched pages are split into passages
};

class SearxngSource : public Source {
 public:
  explicit SearxngSource(SearxngOptions options) : options_(std::move(options)) {}
  std::string_view name() const override { return "searxng"; }
  Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const override;
  // `unavailable` names the result pages that could not be read.
  Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                           std::vector<std::string>* unavailable) const override;

 private:
  // The body for (cache source, key, url): from the cache, else fetched (and cached).
  Result<std::string> Get(std::string_view cache_source, const std::string& key,
                          const std::string& url, const std::vector<std::string>& types,
                          std::string* content_type) const;
  SearxngOptions options_;
};

// "q" percent-encoded for a URL query (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view text);

}  // namespace fg
