// Tests of WriteHtmlReport: escaping, highlights, selection, links, errors, determinism.
#include "src/audit/html_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg::audit {
namespace {

constexpr char kSummary[] = R"({"transcripts": 3, "flagged": 1, "turns_checked": 3, "claims": 4,
 "bad_lines": 7,
 "verdicts": {"supported": 2, "refuted": 1, "not_enough_info": 1},
 "refuted_rate": 0.25, "factuality_mean": 0.5,
 "models": [{"model": "gpt-<b>4o</b>", "transcripts": 1, "flagged": 1, "claims": 1, "supported": 0,
             "refuted": 1, "not_enough_info": 0, "refuted_rate": 1.0},
            {"model": "llama-3", "transcripts": 1, "flagged": 0, "claims": 3, "supported": 2,
             "refuted": 0, "not_enough_info": 1, "refuted_rate": 0.0},
            {"model": null, "transcripts": 1, "flagged": 0, "claims": 0, "supported": 0,
             "refuted": 0, "not_enough_info": 0, "refuted_rate": null}],
 "confidence_histogram": {"bins": [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
                          "supported": [0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
                          "refuted": [0, 0, 0, 0, 0, 0, 0, 0, 1, 0],
                          "not_enough_info": [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]},
 "kb": {"paths": ["/kb/<main>"], "documents": 12345, "passages": 23456},
 "verdict_model": null, "inputs": ["logs/a.jsonl"],
 "elapsed_s": 1.5, "transcripts_per_second": 2.0, "claims_per_second": 2.7}
)";

// Three transcripts: llama-3 with three claims (one in a UTF-8 text), a malicious gpt one with a
// refuted claim, and one without a model or claims.
constexpr char kTranscripts[] =
    R"({"id": "t1", "file": "a.jsonl", "line": 1, "format": "openai_messages", "model": "llama-3", "claims": 3, "supported": 2, "refuted": 0, "not_enough_info": 1, "factuality": 0.667, "flagged": false, "checked": true, "turns": [{"turn": 1, "text": "Paris is the capital of France.\nZürich is in Switzerland. The moon is made of cheese."}]})"
    "\n"
    R"({"id": "<script>alert('id')</script>", "file": "a.jsonl", "line": 2, "format": "openai_messages", "model": "gpt-<b>4o</b>", "claims": 1, "supported": 0, "refuted": 1, "not_enough_info": 0, "factuality": 0, "flagged": true, "checked": true, "turns": [{"turn": 1, "text": "<script>alert(1)</script> The Eiffel Tower was completed in 1925."}]})"
    "\n"
    R"({"id": "t3", "file": "a.jsonl", "line": 3, "format": "openai_messages", "model": null, "claims": 0, "supported": 0, "refuted": 0, "not_enough_info": 0, "factuality": null, "flagged": false, "checked": true, "turns": [{"turn": 1, "text": "Hello!"}]})"
    "\n";

constexpr char kClaims[] =
    R"({"transcript": "t1", "turn": 1, "id": "c1", "text": "Paris is the capital of France", "span": [0, 30], "kind": "relation", "verdict": "supported", "confidence": 0.91, "verifier": "entailment", "citations": [{"source": "kb", "doc_id": "paris", "title": "Paris", "url": null, "quote": "Paris is the capital and largest city of France.", "quote_span": [0, 48]}], "correction": null})"
    "\n"
    R"({"transcript": "t1", "turn": 1, "id": "c2", "text": "Zürich is in Switzerland", "span": [32, 57], "kind": "relation", "verdict": "supported", "confidence": 0.8, "verifier": "entailment", "citations": [], "correction": null})"
    "\n"
    R"({"transcript": "t1", "turn": 1, "id": "c3", "text": "The moon is made of cheese", "span": [59, 85], "kind": "relation", "verdict": "not_enough_info", "confidence": 0.5, "verifier": "retrieval", "citations": [], "correction": null})"
    "\n"
    R"j({"transcript": "<script>alert('id')</script>", "turn": 1, "id": "c1", "text": "The Eiffel Tower was completed in 1925", "span": [26, 64], "kind": "temporal", "verdict": "refuted", "confidence": 0.87, "verifier": "temporal", "citations": [{"source": "kb", "doc_id": "eiffel", "title": "<script>alert(2)</script>", "url": "javascript:alert(4)", "quote": "<img src=x onerror=alert(3)> completed in 1889", "quote_span": [0, 40]}, {"source": "kb", "doc_id": "eiffel2", "title": "Eiffel Tower", "url": "https://example.org/eiffel?a=1&b=2", "quote": "The tower was completed in 1889.", "quote_span": [0, 32]}], "correction": "The Eiffel Tower was completed in 1889"})j"
    "\n";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t CountOf(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string Get(const std::string& key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return "";
  }
  bool Has(const std::string& key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return true;
    }
    return false;
  }
};

// Every start tag of the page outside <style> and <script>, with its attributes (values as
// written, still escaped). Input text cannot open a tag, as every "<" of it is escaped.
std::vector<Tag> StartTags(const std::string& html) {
  std::vector<Tag> tags;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    Tag tag;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])))) {
      tag.name += html[i++];
    }
    for (;;) {
      while (i < html.size() && html[i] == ' ') ++i;
      if (i >= html.size() || html[i] == '>' || html[i] == '/') break;
      std::string name;
      while (i < html.size() && html[i] != '=' && html[i] != ' ' && html[i] != '>') {
        name += html[i++];
      }
      std::string value;
      if (i < html.size() && html[i] == '=') {
        ++i;
        if (html[i] == '"') {
          const size_t end = html.find('"', i + 1);
          value = html.substr(i + 1, end - i - 1);
          i = end + 1;
        } else {
          while (i < html.size() && html[i] != ' ' && html[i] != '>') value += html[i++];
        }
      }
      tag.attributes.emplace_back(name, value);
    }
    if (tag.name == "style" || tag.name == "script") {
      i = html.find("</" + tag.name, i);
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

class HtmlReportTest : public ::testing::Test {
 protected:
  HtmlReportInputs Write(const std::string& summary, const std::string& transcripts,
                         const std::string& claims) {
    return {dir_.Write("summary.json", summary).string(),
            dir_.Write("transcripts.jsonl", transcripts).string(),
            dir_.Write("claims.jsonl", claims).string()};
  }

  // The page for the inputs; fails the test when writing fails.
  std::string Render(const HtmlReportInputs& inputs, const HtmlReportOptions& options = {}) {
    const std::string out = (dir_.path() / "report.html").string();
    Status st = WriteHtmlReport(inputs, out, options);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return ReadFile(out);
  }

  std::string RenderDefault() { return Render(Write(kSummary, kTranscripts, kClaims)); }

  fg::testing::TempDir dir_;
};

// A transcript row with one turn; `claims` rows give its verdict counts.
std::string TranscriptRow(const std::string& id, bool flagged, const std::string& text,
                          int claims) {
  return R"({"id": ")" + id + R"(", "model": "m", "claims": )" + std::to_string(claims) +
         R"(, "flagged": )" + (flagged ? "true" : "false") +
         R"(, "turns": [{"turn": 0, "text": ")" + text + "\"}]}\n";
}

std::string ClaimRow(const std::string& transcript, const std::string& id, int start, int end,
                     const std::string& verdict = "supported") {
  return R"({"transcript": ")" + transcript + R"(", "turn": 0, "id": ")" + id +
         R"(", "text": "x", "span": [)" + std::to_string(start) + ", " + std::to_string(end) +
         R"(], "verdict": ")" + verdict + R"(", "confidence": 0.5, "citations": []})" + "\n";
}

// The text inside the <mark> for claim `claim_id` of verdict `verdict`, or "(none)".
std::string MarkText(const std::string& html, const std::string& verdict,
                     const std::string& claim_id, size_t nth = 0) {
  const std::regex re("<mark class=\"claim v-" + verdict + "\" data-verdict=\"" + verdict +
                      "\" data-claim=\"" + claim_id + "\"[^>]*>([^<]*)</mark>");
  auto it = std::sregex_iterator(html.begin(), html.end(), re);
  for (size_t i = 0; it != std::sregex_iterator(); ++it, ++i) {
    if (i == nth) return (*it)[1];
  }
  return "(none)";
}

TEST_F(HtmlReportTest, PageIsSelfContainedWithCspAndViewport) {
  const std::string html = RenderDefault();
  EXPECT_EQ(html.rfind("<!doctype html>\n", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; script-src "
                      "'unsafe-inline'; img-src data:\""),
            std::string::npos);
  EXPECT_NE(html.find("</html>\n"), std::string::npos);
}

TEST_F(HtmlReportTest, EscapesEverythingFromTheInputs) {
  const std::string html = RenderDefault();
  // The page's own script is the only one.
  EXPECT_EQ(CountOf(html, "<script"), 1u);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; "), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(2)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(3)&gt; completed in 1889"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("gpt-&lt;b&gt;4o&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("/kb/&lt;main&gt;"), std::string::npos);
  // No attribute value can be broken out of: no raw quote or "<" inside any tag's values.
  for (const Tag& tag : StartTags(html)) {
    for (const auto& [name, value] : tag.attributes) {
      EXPECT_EQ(value.find('<'), std::string::npos) << tag.name << " " << name << "=" << value;
      EXPECT_EQ(name.find_first_of("<'&;()"), std::string::npos) << tag.name << " " << name;
    }
  }
}

TEST_F(HtmlReportTest, EscapesControlCharactersAndBadUtf8) {
  const std::string text = "A\\u0000B \xC3 C\\u001bD";
  const std::string html = Render(Write("{}", TranscriptRow("t", false, text, 0), ""));
  EXPECT_NE(html.find("A\xEF\xBF\xBD"
                      "B \xEF\xBF\xBD C\xEF\xBF\xBD"
                      "D"),
            std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
}

TEST_F(HtmlReportTest, HighlightsEachClaimWithItsVerdict) {
  const std::string html = RenderDefault();
  EXPECT_EQ(MarkText(html, "supported", "c1"), "Paris is the capital of France");
  EXPECT_EQ(MarkText(html, "supported", "c2"), "Zürich is in Switzerland");
  EXPECT_EQ(MarkText(html, "not_enough_info", "c3"), "The moon is made of cheese");
  EXPECT_EQ(MarkText(html, "refuted", "c1"), "The Eiffel Tower was completed in 1925");
  EXPECT_EQ(CountOf(html, "<mark class=\"claim "), 4u);
  // The text around the claims stays, line break included.
  EXPECT_NE(html.find("France</mark>.\n<mark"), std::string::npos);
  // Details of each claim: confidence as a percentage, correction, quote, verifier.
  EXPECT_NE(html.find(">87%<"), std::string::npos);
  EXPECT_NE(html.find("The Eiffel Tower was completed in 1889</dd>"), std::string::npos);
  EXPECT_NE(html.find("<blockquote class=\"quote\">The tower was completed in 1889.</blockquote>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>Verifier</dt><dd>temporal</dd>"), std::string::npos);
  // Each highlight opens the details element it names.
  for (const Tag& tag : StartTags(html)) {
    if (tag.name != "mark" || tag.Get("class").rfind("claim", 0) != 0) continue;
    const std::string target = tag.Get("aria-controls");
    ASSERT_FALSE(target.empty());
    EXPECT_NE(html.find("<details class=\"claim-detail v-" + tag.Get("data-verdict") + "\" id=\"" +
                        target + "\""),
              std::string::npos)
        << target;
    EXPECT_NE(tag.Get("title").find(tag.Get("data-verdict") == "not_enough_info"
                                        ? "not enough info"
                                        : tag.Get("data-verdict")),
              std::string::npos);
  }
}

TEST_F(HtmlReportTest, SkipsSpansOutOfRangeOverlappingOrOffCharacterBoundaries) {
  // "Ünïcode text here": Ü is bytes 0-1, ï bytes 3-4; "code" is [5, 9), "text" [10, 14).
  const std::string text =
      "\xC3\x9Cn\xC3\xAF"
      "code text here";
  const std::string claims = ClaimRow("t", "c1", 10, 14) +           // "text" (ok)
                             ClaimRow("t", "c2", 12, 17) +           // overlaps c1
                             ClaimRow("t", "c3", 15, 999) +          // past the end
                             ClaimRow("t", "c4", 1, 2) +             // inside Ü
                             ClaimRow("t", "c5", 16, 16) +           // empty
                             ClaimRow("t", "c6", 5, 9, "refuted") +  // "code" (ok)
                             ClaimRow("t", "c7", 15, 14) +           // reversed
                             ClaimRow("t", "c8", 4, 9);              // starts inside ï
  const std::string html = Render(Write("{}", TranscriptRow("t", true, text, 8), claims));
  EXPECT_EQ(CountOf(html, "<mark class=\"claim "), 2u);
  EXPECT_EQ(MarkText(html, "supported", "c1"), "text");
  EXPECT_EQ(MarkText(html, "refuted", "c6"), "code");
  EXPECT_NE(html.find("<div class=\"text\">\xC3\x9Cn\xC3\xAF<mark"), std::string::npos);
  EXPECT_NE(html.find("code</mark> <mark"), std::string::npos);
  EXPECT_NE(html.find("text</mark> here</div>"), std::string::npos);
  EXPECT_EQ(CountOf(html, "Not highlighted in the text"), 6u);
  EXPECT_EQ(CountOf(html, "it overlaps an earlier claim"), 1u);
  EXPECT_EQ(CountOf(html, "its span is out of range"), 3u);
  EXPECT_EQ(CountOf(html, "its span does not fall on character boundaries"), 2u);
  // Every claim is still listed.
  EXPECT_EQ(CountOf(html, "<details class=\"claim-detail"), 8u);
}

TEST_F(HtmlReportTest, ShowsFlaggedTranscriptsFirstThenOthersInOrder) {
  const std::string transcripts =
      TranscriptRow("a", false, "alpha", 1) + TranscriptRow("b", true, "bravo", 1) +
      TranscriptRow("c", false, "charlie", 1) + TranscriptRow("d", true, "delta", 1) +
      TranscriptRow("e", false, "echo", 0);
  const std::string claims = ClaimRow("a", "c1", 0, 5) + ClaimRow("b", "c1", 0, 5, "refuted") +
                             ClaimRow("c", "c1", 0, 7) + ClaimRow("d", "c1", 0, 5, "refuted");
  const HtmlReportInputs inputs = Write("{}", transcripts, claims);

  HtmlReportOptions three;
  three.max_transcripts = 3;
  std::string html = Render(inputs, three);
  const size_t a = html.find("data-id=\"a\""), b = html.find("data-id=\"b\""),
               d = html.find("data-id=\"d\"");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(d, std::string::npos);
  EXPECT_LT(a, b);  // shown in input order
  EXPECT_LT(b, d);
  EXPECT_EQ(html.find("data-id=\"c\""), std::string::npos);
  EXPECT_EQ(html.find("data-id=\"e\""), std::string::npos);
  EXPECT_NE(html.find("2 transcripts not shown; all are in transcripts.jsonl"), std::string::npos);
  EXPECT_NE(html.find("3 of 3 transcripts shown"), std::string::npos);
  // The claims of the left-out "c" are skipped, "d" still gets its own.
  EXPECT_EQ(MarkText(html, "refuted", "c1", 1), "delta");
  EXPECT_EQ(html.find("charlie"), std::string::npos);

  HtmlReportOptions one;
  one.max_transcripts = 1;
  html = Render(inputs, one);
  EXPECT_NE(html.find("data-id=\"b\""), std::string::npos);
  EXPECT_EQ(CountOf(html, "<article "), 1u);
  EXPECT_NE(html.find("4 transcripts not shown; all are in transcripts.jsonl"), std::string::npos);

  html = Render(inputs);
  EXPECT_EQ(CountOf(html, "<article "), 5u);
  EXPECT_EQ(html.find("not shown"), std::string::npos);
}

TEST_F(HtmlReportTest, RepeatedTranscriptIdsKeepTheirOwnClaims) {
  const std::string transcripts = TranscriptRow("dup", false, "first", 1) +
                                  TranscriptRow("dup", false, "none", 0) +
                                  TranscriptRow("dup", true, "second", 1);
  const std::string claims = ClaimRow("dup", "c1", 0, 5) + ClaimRow("dup", "c1", 0, 6, "refuted");
  const std::string html = Render(Write("{}", transcripts, claims));
  EXPECT_EQ(MarkText(html, "supported", "c1"), "first");
  EXPECT_EQ(MarkText(html, "refuted", "c1"), "second");
  EXPECT_NE(html.find(">none</div>"), std::string::npos);
  EXPECT_EQ(html.find("matched no transcript"), std::string::npos);
}

TEST_F(HtmlReportTest, UnmatchedClaimRowsAreReported) {
  const std::string html =
      Render(Write("{}", TranscriptRow("a", false, "alpha", 1), ClaimRow("zzz", "c1", 0, 5)));
  EXPECT_EQ(CountOf(html, "<mark class=\"claim "), 0u);
  EXPECT_NE(html.find("1 row of claims.jsonl matched no transcript"), std::string::npos);
}

TEST_F(HtmlReportTest, OnlyWebUrlsBecomeLinks) {
  const std::string urls[] = {"javascript:alert(4)",        "JAVASCRIPT:alert(5)",
                              " https://example.org/space", "data:text/html,hi",
                              "file:///etc/passwd",         "HTTPS://example.org/ok"};
  std::string cites;
  for (const std::string& url : urls) {
    cites += std::string(cites.empty() ? "" : ", ") + R"({"title": "T", "quote": "Q", "url": ")" +
             url + "\"}";
  }
  const std::string claim = R"({"transcript": "t", "turn": 0, "id": "c1", "span": [0, 1], )"
                            R"("verdict": "refuted", "citations": [)" +
                            cites + "]}\n";
  const std::string html = Render(Write("{}", TranscriptRow("t", true, "x", 1), claim));
  std::vector<std::string> hrefs;
  for (const Tag& tag : StartTags(html)) {
    if (tag.name == "a") hrefs.push_back(tag.Get("href"));
  }
  EXPECT_EQ(hrefs, std::vector<std::string>{"HTTPS://example.org/ok"});
  EXPECT_NE(html.find("<span class=\"cite-url\">javascript:alert(4)</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"cite-url\">file:///etc/passwd</span>"), std::string::npos);
}

TEST_F(HtmlReportTest, MakesNoOutsideReferences) {
  const std::string html = RenderDefault();
  size_t links = 0;
  for (const Tag& tag : StartTags(html)) {
    EXPECT_FALSE(tag.Has("src")) << "<" << tag.name << " src=" << tag.Get("src");
    EXPECT_FALSE(tag.Has("srcset")) << tag.name;
    EXPECT_FALSE(tag.Has("action")) << tag.name;
    EXPECT_NE(tag.name, "iframe");
    EXPECT_NE(tag.name, "img");
    for (const auto& [name, value] : tag.attributes) {
      EXPECT_NE(name.rfind("on", 0), 0u) << "inline handler " << name << " on " << tag.name;
    }
    if (!tag.Has("href")) continue;
    const std::string href = tag.Get("href");
    if (tag.name == "link") {
      EXPECT_EQ(href, "data:,");
      continue;
    }
    ASSERT_EQ(tag.name, "a");
    EXPECT_EQ(tag.Get("class"), "cite-link");
    EXPECT_EQ(tag.Get("rel"), "noopener noreferrer");
    EXPECT_EQ(href, "https://example.org/eiffel?a=1&amp;b=2");
    ++links;
  }
  EXPECT_EQ(links, 1u);
  // No url(...) or @import in the style sheet, no fetch/XHR in the script.
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("fetch("), std::string::npos);
  EXPECT_EQ(html.find("XMLHttpRequest"), std::string::npos);
  // The only URL is the citation link (written twice: href and its text).
  EXPECT_EQ(CountOf(html, "http://") + CountOf(html, "https://"), 2u);
}

TEST_F(HtmlReportTest, SummaryFiguresAndCharts) {
  const std::string html = RenderDefault();
  EXPECT_NE(html.find("<dt>Transcripts</dt><dd>3<small>3 turns checked"), std::string::npos);
  EXPECT_NE(html.find("<dt>Claims</dt><dd>4<"), std::string::npos);
  EXPECT_NE(html.find("<dt>Flagged</dt><dd>1<"), std::string::npos);
  EXPECT_NE(html.find("<dt>Refuted rate</dt><dd>25.00%<"), std::string::npos);
  EXPECT_NE(html.find("<dt>Factuality mean</dt><dd>50.0%<"), std::string::npos);
  EXPECT_NE(html.find("<dt>Bad lines</dt><dd>7<"), std::string::npos);
  EXPECT_NE(html.find("<dt>KB documents</dt><dd>12,345<small>23,456 passages"), std::string::npos);
  EXPECT_NE(html.find("<dt>Time taken</dt><dd>1.5 s<"), std::string::npos);
  EXPECT_EQ(CountOf(html, "<svg class=\"chart\""), 3u);
  EXPECT_NE(html.find("<desc id=\"ch-v-d\">supported 2 (50.0%); refuted 1 (25.0%); not enough "
                      "info 1 (25.0%)</desc>"),
            std::string::npos);
  EXPECT_NE(html.find("[0.8, 0.9) 1 supported, 1 refuted, 0 not enough info"), std::string::npos);
  EXPECT_NE(html.find("gpt-&lt;b&gt;4o&lt;/b&gt; 100.0% (1 of 1 claims refuted)"),
            std::string::npos);
}

TEST_F(HtmlReportTest, FilterListsEveryModelAndTranscriptsCarryTheirs) {
  const std::string html = RenderDefault();
  EXPECT_NE(html.find("<option value=\"all\">All models</option>"
                      "<option value=\"m0\" data-model=\"gpt-&lt;b&gt;4o&lt;/b&gt;\">"
                      "gpt-&lt;b&gt;4o&lt;/b&gt;</option>"
                      "<option value=\"m1\" data-model=\"llama-3\">llama-3</option>"
                      "<option value=\"m2\" data-model=\"\">(no model)</option></select>"),
            std::string::npos);
  EXPECT_NE(html.find("<input type=\"checkbox\" id=\"f-flagged\">"), std::string::npos);
  EXPECT_NE(html.find("data-model=\"llama-3\" data-flagged=\"false\""), std::string::npos);
  EXPECT_NE(html.find("data-model=\"gpt-&lt;b&gt;4o&lt;/b&gt;\" data-flagged=\"true\""),
            std::string::npos);
  EXPECT_NE(html.find("data-id=\"t3\" data-model=\"\" data-flagged=\"false\""), std::string::npos);
}

TEST_F(HtmlReportTest, OutputIsDeterministic) {
  const HtmlReportInputs inputs = Write(kSummary, kTranscripts, kClaims);
  const std::string first = Render(inputs);
  const std::string second = Render(inputs);
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, second);
}

TEST_F(HtmlReportTest, MissingFilesAreNotFound) {
  const HtmlReportInputs good = Write(kSummary, kTranscripts, kClaims);
  const std::string out = (dir_.path() / "report.html").string();
  for (int which = 0; which < 3; ++which) {
    HtmlReportInputs inputs = good;
    std::string& path = which == 0   ? inputs.summary_json
                        : which == 1 ? inputs.transcripts_jsonl
                                     : inputs.claims_jsonl;
    path = (dir_.path() / "missing.jsonl").string();
    Status st = WriteHtmlReport(inputs, out);
    EXPECT_EQ(st.code(), Status::Code::kNotFound) << which << ": " << st.ToString();
    EXPECT_NE(st.message().find("missing.jsonl"), std::string::npos) << st.message();
  }
  Status st = WriteHtmlReport(good, (dir_.path() / "no-such-dir" / "report.html").string());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no-such-dir"), std::string::npos) << st.message();
}

TEST_F(HtmlReportTest, WriteErrorIsReported) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  Status st = WriteHtmlReport(Write(kSummary, kTranscripts, kClaims), "/dev/full");
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/dev/full"), std::string::npos) << st.message();
}

TEST_F(HtmlReportTest, BadJsonNamesFileAndLine) {
  const std::string out = (dir_.path() / "report.html").string();
  {
    const std::string claims = ClaimRow("t1", "c1", 0, 5) + "{\"transcript\": \"t1\", oops}\n";
    Status st = WriteHtmlReport(Write(kSummary, kTranscripts, claims), out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("claims.jsonl:2: invalid JSON"), std::string::npos) << st.message();
  }
  {
    const std::string transcripts = TranscriptRow("a", false, "alpha", 0) + "\n[1, 2]\n";
    Status st = WriteHtmlReport(Write(kSummary, transcripts, ""), out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("transcripts.jsonl:3: not a JSON object"), std::string::npos)
        << st.message();
  }
  {
    Status st = WriteHtmlReport(Write("{\n\"claims\": 1,\n}", kTranscripts, kClaims), out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("summary.json:3: invalid JSON"), std::string::npos) << st.message();
  }
  {
    Status st = WriteHtmlReport(Write(kSummary, kTranscripts, "{\"turn\": 1}\n"), out);
    EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(st.message().find("claims.jsonl:1: no \"transcript\" string"), std::string::npos)
        << st.message();
  }
}

TEST_F(HtmlReportTest, EmptyAuditStillMakesAPage) {
  const std::string html = Render(Write("{}", "", ""));
  EXPECT_NE(html.find("No transcripts to show."), std::string::npos);
  EXPECT_NE(html.find("0 of 0 transcripts shown"), std::string::npos);
  EXPECT_NE(html.find("No confidence histogram"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace fg::audit
