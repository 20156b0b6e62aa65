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
// Thread-safe; Search blocks its worker thread for up to 2 x fetch.timeout (the search, then the
// pages side by side), or until the deadline. Never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sources/web_access.h"
#include "src/core/source.h"

namespace fg {

struct SearxngOptions : WebSourceOptions {
  std::string base_url;  // the instance, e.g. "https://searx.example.org" (no trailing /search)
};

class SearxngSource : public Source {
 public:
  explicit SearxngSource(SearxngOptions options) : options_(std::move(options)), web_(options_) {}
  std::string_view name() const override { return "searxng"; }
  Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const override;
  // `unavailable` names the result pages that could not be read. The pages are fetched side by
  // side; every request ends by the deadline.
  Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                           std::vector<std::string>* unavailable,
                                           Deadline deadline) const override;

 private:
  SearxngOptions options_;
  WebAccess web_;
};

}  // namespace fg
