// MediaWikiSource: evidence from Wikipedia or any MediaWiki, through its action API (api.php).
// For a claim it searches (`list=search` over the page text, with the claim's key words; when
// that finds nothing, with its names only), reads the best pages' plain text — the
// TextExtracts extension's `prop=extracts` where the wiki has it, else the parsed page's HTML
// (`action=parse`) reduced to its main text — and ranks their passages exactly like KB passages
// (sources/web_access.h, RankPages). Citations carry the page URL and the revision id quoted.
//
// Requests go through WebAccess (sources/web_access.h): the wiki's host must be allowed by
// `fetch.policy` (a wiki on a private address also listed as private), responses are cached by
// request URL, offline only the cache answers, and at most max_concurrent requests are in flight.
// Pages are read side by side; a page that cannot be read is left out and named by SearchParts.
//
// Thread-safe; Search blocks its worker thread for up to 3 x fetch.timeout (search, retry or
// extract, parse fallback), or until the deadline. Never throws.
#pragma once

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sources/web_access.h"
#include "src/core/source.h"

namespace fg {

struct MediaWikiOptions : WebSourceOptions {
  std::string api_url;             // e.g. "https://en.wikipedia.org/w/api.php"
  std::string name = "mediawiki";  // the source name in citations and errors
  // Where page text comes from: kAuto tries TextExtracts and, once the wiki shows it has no such
  // module, uses action=parse from then on; kExtracts and kParse use only the one.
  enum class Text { kAuto, kExtracts, kParse };
  Text text = Text::kAuto;
};

class MediaWikiSource : public Source {
 public:
  explicit MediaWikiSource(MediaWikiOptions options)
      : options_(std::move(options)), web_(options_) {}
  std::string_view name() const override { return options_.name; }
  Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const override;
  // `unavailable` names the pages that could not be read.
  Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                           std::vector<std::string>* unavailable,
                                           Deadline deadline) const override;

 private:
  struct Hit;
  // Page titles for `query` (list=search), best first.
  Result<std::vector<std::string>> SearchTitles(const std::string& query, Deadline deadline) const;
  // One page's text, URL and revision; kNotFound when the page does not exist.
  Result<WebPage> ReadPage(const std::string& title, Deadline deadline) const;
  Result<WebResponse> Call(const std::string& params, Deadline deadline) const;

  MediaWikiOptions options_;
  WebAccess web_;
  mutable std::atomic<bool> no_extracts_{false};  // the wiki has shown it lacks TextExtracts
};

// The words a wiki search is given for a claim: names, numbers and content words in claim order,
// stop words and punctuation left out, at most `max_words`; `names_only` keeps only the names.
std::string WikiSearchQuery(std::string_view claim_text, size_t max_words, bool names_only);

}  // namespace fg
