// SearxngSource: search, fetch the top pages, extract their text, rank their passages like the
// KB's.
#include "sources/searxng_source.h"

#include <rapidjson/document.h>

#include <chrono>
#include <functional>

#include "sources/html_text.h"

namespace fg {
namespace {

int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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

Result<std::string> SearxngSource::Get(std::string_view cache_source, const std::string& key,
                                       const std::string& url,
                                       const std::vector<std::string>& types,
                                       std::string* content_type) const {
  int64_t now = Now();
  if (options_.cache != nullptr) {
    if (auto hit = options_.cache->Get(cache_source, key, options_.offline, now)) {
      *content_type = hit->content_type;
      return hit->body;
    }
  }
  if (options_.offline) {
    return Status::Unavailable("offline, and " + url + " is not in the evidence cache");
  }
  FetchOptions fetch = options_.fetch;
  fetch.content_types = types;
  Result<FetchResult> got = Fetch(url, fetch);
  if (!got.ok()) return got.status();
  if (got->status < 200 || got->status >= 300) {
    return Status::Unavailable(url + " answered HTTP " + std::to_string(got->status));
  }
  if (options_.cache != nullptr) {
    CachedEvidence entry;
    entry.source = std::string(cache_source);
    entry.key = key;
    entry.content_type = got->content_type;
    entry.body = got->body;
    entry.fetched_at = now;
    (void)options_.cache->Put(entry);  // a cache that cannot be written only costs speed
  }
  *content_type = got->content_type;
  return std::move(got->body);
}

Result<std::vector<Passage>> SearxngSource::Search(std::string_view claim_text, size_t k) const {
  return SearchParts(claim_text, k, nullptr);
}

Result<std::vector<Passage>> SearxngSource::SearchParts(
    std::string_view claim_text, size_t k, std::vector<std::string>* unavailable) const {
  if (k == 0) return std::vector<Passage>();
  std::string query = EvidenceCache::NormaliseQuery(claim_text);
  if (query.empty()) return std::vector<Passage>();
  std::string base = options_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string type;
  Result<std::string> answer =
      Get("searxng", query, base + "/search?q=" + UrlEncode(query) + "&format=json",
          {"application/json"}, &type);
  if (!answer.ok()) return answer.status();
  Result<std::vector<SearchResult>> results = ParseResults(*answer);
  if (!results.ok()) return results.status();

  std::vector<Document> documents;
  for (const SearchResult& r : *results) {
    if (documents.size() >= options_.pages) break;
    Document doc;
    // The URL names the document; a very long one is shortened (ids are bounded), kept unique.
    doc.id = r.url.size() <= kMaxDocIdBytes
                 ? r.url
                 : r.url.substr(0, 150) + "#" + std::to_string(std::hash<std::string>()(r.url));
    doc.url = r.url;
    doc.title = r.title;
    std::string page_type;
    Result<std::string> page =
        Get("page", EvidenceCache::NormaliseUrl(r.url), r.url,
            {"text/html", "application/xhtml+xml", "text/plain"}, &page_type);
    if (page.ok()) {
      if (page_type.find("text/plain") != std::string::npos) {
        doc.text = *page;
      } else {
        HtmlText text = ExtractMainText(*page);
        doc.text = std::move(text.text);
        if (doc.title.empty()) doc.title = std::move(text.title);
      }
    } else if (unavailable != nullptr) {
      unavailable->push_back("page " + r.url + " unavailable: " + page.status().message());
    }
    // A page that could not be read is still known by its result's snippet.
    if (doc.text.empty()) doc.text = r.content;
    if (!doc.text.empty()) documents.push_back(std::move(doc));
  }
  if (documents.empty()) return std::vector<Passage>();
  Result<std::unique_ptr<InMemoryKb>> ranked = InMemoryKb::Build(documents, options_.passages);
  if (!ranked.ok()) return std::vector<Passage>();
  return (*ranked)->Search(claim_text, k, name());
}

}  // namespace fg
