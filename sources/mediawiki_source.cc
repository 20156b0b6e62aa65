// MediaWikiSource: list=search, then each page's plain text (TextExtracts, or parsed HTML), ranked
// like KB passages.
#include "sources/mediawiki_source.h"

#include <rapidjson/document.h>

#include "sources/html_text.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

constexpr size_t kQueryWords = 6;

// The API's own error ({"error": {"code", "info"}}), if the answer is one.
std::optional<std::string> ApiError(const rapidjson::Document& doc) {
  if (!doc.IsObject() || !doc.HasMember("error") || !doc["error"].IsObject()) return std::nullopt;
  const rapidjson::Value& e = doc["error"];
  std::string code = e.HasMember("code") && e["code"].IsString() ? e["code"].GetString() : "";
  std::string info = e.HasMember("info") && e["info"].IsString() ? e["info"].GetString() : "";
  return "the wiki answered " + code + (info.empty() ? "" : ": " + info);
}

// Whether the answer warns that `prop=extracts` is unknown (the wiki has no TextExtracts).
bool WarnsNoExtracts(const std::string& body) {
  return body.find("Unrecognized value for parameter") != std::string::npos &&
         body.find("extracts") != std::string::npos;
}

std::string StringField(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

std::string IdField(const rapidjson::Value& v, const char* key) {
  if (!v.HasMember(key)) return "";
  if (v[key].IsUint64()) return std::to_string(v[key].GetUint64());
  if (v[key].IsString()) return v[key].GetString();
  return "";
}

}  // namespace

std::string WikiSearchQuery(std::string_view claim_text, size_t max_words, bool names_only) {
  std::vector<Token> tokens = Tokenize(claim_text);
  struct Word {
    std::string text;
    bool key;  // a name or a number
  };
  std::vector<Word> words;
  bool sentence_start = true;
  for (const Token& t : tokens) {
    if (t.type == TokenType::kPunct) {
      sentence_start = t.text == "." || t.text == "!" || t.text == "?";
      continue;
    }
    bool first = sentence_start;
    sentence_start = false;
    if (IsStopWord(t.lower)) continue;
    bool number = t.type == TokenType::kNumber;
    // A capital opening the sentence may be a name ("Lincoln was ...") or not ("Scientists ..."):
    // it is kept as a word, and counts as a name only when looking for names alone.
    bool name = t.capitalized && (!first || names_only);
    // A wrong claim's numbers are not on the page that refutes it: names alone leave them out.
    if (names_only && !name) continue;
    std::string text(t.text);
    bool seen = false;
    for (const Word& w : words) seen = seen || AsciiLower(w.text) == t.lower;
    if (!seen) words.push_back({std::move(text), name || number});
  }
  // Keep the names and numbers first, then the other words, up to max_words, in claim order.
  std::vector<bool> keep(words.size(), false);
  size_t kept = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < words.size() && kept < max_words; ++i) {
      if (!keep[i] && words[i].key == (pass == 0)) {
        keep[i] = true;
        ++kept;
      }
    }
  }
  std::string query;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!keep[i]) continue;
    if (!query.empty()) query += ' ';
    query += words[i].text;
  }
  return query;
}

Result<WebResponse> MediaWikiSource::Call(const std::string& params, Deadline deadline) const {
  std::string url = options_.api_url + "?" + params + "&format=json&formatversion=2";
  return web_.Get("mediawiki", EvidenceCache::NormaliseUrl(url), url, {"application/json"},
                  deadline);
}

Result<std::vector<std::string>> MediaWikiSource::SearchTitles(const std::string& query,
                                                               Deadline deadline) const {
  Result<WebResponse> answer = Call(
      "action=query&list=search&srwhat=text&srprop=&srlimit=" + std::to_string(options_.pages) +
          "&srsearch=" + UrlEncode(query),
      deadline);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  doc.Parse(answer->body.data(), answer->body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Status::Unavailable("the wiki's search answer is not JSON");
  }
  if (auto error = ApiError(doc)) return Status::Unavailable(*error);
  std::vector<std::string> titles;
  if (!doc.HasMember("query") || !doc["query"].IsObject() || !doc["query"].HasMember("search") ||
      !doc["query"]["search"].IsArray()) {
    return Status::Unavailable("the wiki's search answer has no query.search list");
  }
  for (const rapidjson::Value& hit : doc["query"]["search"].GetArray()) {
    if (hit.IsObject() && hit.HasMember("title") && hit["title"].IsString()) {
      titles.push_back(hit["title"].GetString());
    }
  }
  return titles;
}

Result<WebPage> MediaWikiSource::ReadPage(const std::string& title, Deadline deadline) const {
  bool extracts = options_.text == MediaWikiOptions::Text::kExtracts ||
                  (options_.text == MediaWikiOptions::Text::kAuto && !no_extracts_.load());
  std::string props = extracts ? "extracts%7Cinfo&explaintext=1&exsectionformat=plain" : "info";
  Result<WebResponse> answer =
      Call("action=query&redirects=1&inprop=url&prop=" + props + "&titles=" + UrlEncode(title),
           deadline);
  if (!answer.ok()) return answer.status();
  rapidjson::Document doc;
  doc.Parse(answer->body.data(), answer->body.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    return Status::Unavailable("the wiki's page answer is not JSON");
  }
  if (auto error = ApiError(doc)) return Status::Unavailable(*error);
  if (!doc.HasMember("query") || !doc["query"].IsObject() || !doc["query"].HasMember("pages") ||
      !doc["query"]["pages"].IsArray() || doc["query"]["pages"].Empty()) {
    return Status::Unavailable("the wiki's page answer has no query.pages list");
  }
  const rapidjson::Value& page = doc["query"]["pages"][0];
  if (!page.IsObject() || (page.HasMember("missing") && page["missing"].IsTrue()) ||
      (page.HasMember("invalid") && page["invalid"].IsTrue())) {
    return Status::NotFound("no page '" + title + "'");
  }
  WebPage out;
  out.document.title = StringField(page, "title");
  if (out.document.title.empty()) out.document.title = title;
  out.document.url = StringField(page, "fullurl");
  if (out.document.url.empty()) {
    out.document.url = options_.api_url + "?curid=" + IdField(page, "pageid");
  }
  out.document.id = DocIdForUrl(out.document.url);
  out.revision = IdField(page, "lastrevid");
  out.fetched_at = answer->fetched_at;
  if (page.HasMember("extract") && page["extract"].IsString()) {
    out.document.text = page["extract"].GetString();
    return out;
  }
  if (extracts) {
    if (options_.text == MediaWikiOptions::Text::kExtracts || !WarnsNoExtracts(answer->body)) {
      return Status::Unavailable("the wiki gave no extract for '" + title + "'");
    }
    no_extracts_.store(true);  // auto: from now on, parsed pages
  }
  // Without TextExtracts: the parsed page's HTML, reduced to its text.
  Result<WebResponse> parsed =
      Call("action=parse&redirects=1&prop=text%7Crevid&disabletoc=1&disableeditsection=1&page=" +
               UrlEncode(out.document.title),
           deadline);
  if (!parsed.ok()) return parsed.status();
  rapidjson::Document pdoc;
  pdoc.Parse(parsed->body.data(), parsed->body.size());
  if (pdoc.HasParseError() || !pdoc.IsObject()) {
    return Status::Unavailable("the wiki's parse answer is not JSON");
  }
  if (auto error = ApiError(pdoc)) return Status::Unavailable(*error);
  if (!pdoc.HasMember("parse") || !pdoc["parse"].IsObject() || !pdoc["parse"].HasMember("text") ||
      !pdoc["parse"]["text"].IsString()) {
    return Status::Unavailable("the wiki's parse answer has no parse.text");
  }
  out.document.text = ExtractMainText(pdoc["parse"]["text"].GetString()).text;
  std::string revid = IdField(pdoc["parse"], "revid");
  if (!revid.empty()) out.revision = revid;
  out.fetched_at = parsed->fetched_at;
  return out;
}

Result<std::vector<Passage>> MediaWikiSource::Search(std::string_view claim_text, size_t k) const {
  return SearchParts(claim_text, k, nullptr, std::nullopt);
}

Result<std::vector<Passage>> MediaWikiSource::SearchParts(std::string_view claim_text, size_t k,
                                                          std::vector<std::string>* unavailable,
                                                          Deadline deadline) const {
  if (k == 0 || options_.pages == 0) return std::vector<Passage>();
  std::string query = WikiSearchQuery(claim_text, kQueryWords, false);
  if (query.empty()) return std::vector<Passage>();
  Result<std::vector<std::string>> titles = SearchTitles(query, deadline);
  if (!titles.ok()) return titles.status();
  if (titles->empty()) {
    // Wiki search wants every word; the names alone are a looser question (and a claim with a
    // wrong year or a wrong word still finds the page that corrects it).
    std::string names = WikiSearchQuery(claim_text, kQueryWords, true);
    if (!names.empty() && names != query) {
      titles = SearchTitles(names, deadline);
      if (!titles.ok()) return titles.status();
    }
  }
  if (titles->size() > options_.pages) titles->resize(options_.pages);

  std::vector<WebPage> pages(titles->size());
  std::vector<std::string> failures(titles->size());
  RunConcurrently(titles->size(), [&](size_t i) {
    Result<WebPage> page = ReadPage((*titles)[i], deadline);
    if (page.ok()) {
      pages[i] = std::move(*page);
    } else if (page.status().code() != Status::Code::kNotFound) {
      failures[i] = "page '" + (*titles)[i] + "' unavailable: " + page.status().message();
    }
  });
  if (unavailable != nullptr) {
    for (std::string& f : failures) {
      if (!f.empty()) unavailable->push_back(std::move(f));
    }
  }
  return RankPages(pages, claim_text, k, name(), options_.passages);
}

}  // namespace fg
