// SearxngSource: search, fetch the top pages, extract their text, rank their passages like the
// KB's.
#include "sources/searxng_source.h"

#include <rapidjson/document.h>

#include "sources/html_text.h"

namespace fg {
namespace {

struct SearchResult {
  std::string url;
  std::string title;
  std::string content;
};

Result<std::vector<SearchResult>> ParseResults(const std::string& body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("results") ||
      !doc["results"].IsArray()) {
    return Status::Unavailable("the search engine's answer is not a SearXNG JSON result list");
  }
  std::vector<SearchResult> out;
  for (const rapidjson::Value& r : doc["results"].GetArray()) {
    if (!r.IsObject() || !r.HasMember("url") || !r["url"].IsString()) continue;
    SearchResult result;
    result.url = r["url"].GetString();
    if (r.HasMember("title") && r["title"].IsString()) result.title = r["title"].GetString();
    if (r.HasMember("content") && r["content"].IsString())
      result.content = r["content"].GetString();
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace

Result<std::vector<Passage>> SearxngSource::Search(std::string_view claim_text, size_t k) const {
  return SearchParts(claim_text, k, nullptr, std::nullopt);
}

Result<std::vector<Passage>> SearxngSource::SearchParts(std::string_view claim_text, size_t k,
                                                        std::vector<std::string>* unavailable,
                                                        Deadline deadline) const {
  if (k == 0) return std::vector<Passage>();
  std::string query = EvidenceCache::NormaliseQuery(claim_text);
  if (query.empty()) return std::vector<Passage>();
  std::string base = options_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  Result<WebResponse> answer =
      web_.Get("searxng", query, base + "/search?q=" + UrlEncode(query) + "&format=json",
               {"application/json"}, deadline);
  if (!answer.ok()) return answer.status();
  Result<std::vector<SearchResult>> results = ParseResults(answer->body);
  if (!results.ok()) return results.status();
  if (results->size() > options_.pages) results->resize(options_.pages);

  // The result pages, read side by side.
  std::vector<WebPage> pages(results->size());
  std::vector<std::string> failures(results->size());
  RunConcurrently(results->size(), [&](size_t i) {
    const SearchResult& r = (*results)[i];
    WebPage& page = pages[i];
    page.document.id = DocIdForUrl(r.url);
    page.document.url = r.url;
    page.document.title = r.title;
    Result<WebResponse> got =
        web_.Get("page", EvidenceCache::NormaliseUrl(r.url), r.url,
                 {"text/html", "application/xhtml+xml", "text/plain"}, deadline);
    if (got.ok()) {
      page.fetched_at = got->fetched_at;
      if (got->content_type.find("text/plain") != std::string::npos) {
        page.document.text = std::move(got->body);
      } else {
        HtmlText text = ExtractMainText(got->body);
        page.document.text = std::move(text.text);
        if (page.document.title.empty()) page.document.title = std::move(text.title);
      }
    } else {
      failures[i] = "page " + r.url + " unavailable: " + got.status().message();
      page.fetched_at = answer->fetched_at;  // the snippet is as old as the search answer
    }
    // A page that could not be read is still known by its result's snippet.
    if (page.document.text.empty()) page.document.text = r.content;
  });
  if (unavailable != nullptr) {
    for (std::string& f : failures) {
      if (!f.empty()) unavailable->push_back(std::move(f));
    }
  }
  Result<std::vector<Passage>> ranked = RankPages(pages, claim_text, k, name(), options_.passages);
  if (!ranked.ok()) return std::vector<Passage>();
  return ranked;
}

}  // namespace fg
