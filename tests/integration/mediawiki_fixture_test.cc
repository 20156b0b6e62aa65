// The MediaWiki test fixture itself (tests/testing/mediawiki_server.h,
// tests/fixtures/mediawiki/install_wiki.sh): a real MediaWiki from Debian's packages on loopback,
// with two dozen invented encyclopedic pages, answers the API calls the MediaWiki source makes —
// full-text search, plain-text extracts (TextExtracts) with page info, parsed HTML, redirects and
// missing pages — right after it starts. Skipped when the packages are missing, except under CI.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sources/http_fetcher.h"
#include "sources/web_access.h"
#include "tests/testing/mediawiki_server.h"
#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

using testing::MediaWikiServer;

// Invented but plausible encyclopedic pages. Words the tests search for occur in one page's text
// only, never in a title: "glintfish" (Velmora River), "octagonal" (Kessel Point Lighthouse),
// "hurdy-gurdy" (Anselm Varga).
std::vector<MediaWikiServer::Page> Pages() {
  return {
      {"Velmora River",
       "The '''Velmora River''' is a river in the [[Eastmarch]] region. It is 412 kilometres long "
       "and is known for its turquoise water and the rare glintfish, a small silver fish found "
       "nowhere else.\n\n== Course ==\nThe river rises in the [[Ostrel Hills]] and flows north "
       "into [[Lake Tirrow]].\n\n== History ==\nThe first bridge over the river, the [[Orsolya "
       "Bridge]], was completed in 1788.<ref>''Rivers of the Eastmarch'', 1902, p. 14.</ref>\n\n"
       "== References ==\n<references />\n\n[[Category:Rivers of the Eastmarch]]"},
      {"Velmora", "#REDIRECT [[Velmora River]]"},
      {"Kessel Point Lighthouse",
       "{{Infobox lighthouse|name=Kessel Point|built=1871}}\nThe '''Kessel Point Lighthouse''' is "
       "a lighthouse on the northern tip of [[Brannoch Island]]. It was built in 1871 to a design "
       "by the engineer Mara Quintell. The octagonal tower is 38 metres tall and was automated "
       "in 1964.\n\n== Keepers ==\nThe last keeper, Tomas Herrel, left the station in 1964."},
      {"Anselm Varga",
       "'''Anselm Varga''' (14 March 1832 – 2 November 1897) was an Eastmarch composer and "
       "organist. He is best remembered for his six sonatas for the hurdy-gurdy and for the "
       "choral cycle ''Songs of the Ostrel''.\n\n== Life ==\nVarga was born in [[Selden]] and "
       "studied at the conservatory of [[Tarvik]]. He was organist of [[Duskmoor Abbey]] from "
       "1861 until his death."},
      {"Lake Tirrow",
       "'''Lake Tirrow''' is a freshwater lake in the Eastmarch. It covers 96 square kilometres "
       "and is fed mainly by the [[Velmora River]]. Its deepest point is 71 metres."},
      {"Orsolya Bridge",
       "The '''Orsolya Bridge''' is a stone arch bridge over the [[Velmora River]] at [[Selden]]. "
       "It was completed in 1788 and has seven arches."},
      {"Duskmoor Abbey",
       "The abbey is a former Benedictine monastery near [[Selden]], founded in 1124. Its church "
       "has a famous organ built in 1702 by the Hallinger workshop. The monks left in 1803."},
      {"Hallinger Pass",
       "'''Hallinger Pass''' is a mountain pass in the [[Ostrel Hills]] at an elevation of 1,904 "
       "metres. A paved road over the pass opened in 1931."},
      {"The Copper Lantern",
       "'''''The Copper Lantern''''' is an 1889 novel by the Eastmarch writer [[Ilse Marrow]]. It "
       "tells the story of a lighthouse keeper's daughter on [[Brannoch Island]]."},
      {"Fennic Observatory",
       "The '''Fennic Observatory''' is an astronomical observatory on Mount Fenn, opened in 1907. "
       "Its main instrument is a 1.2-metre reflecting telescope installed in 1956."},
      {"Brannoch Island",
       "'''Brannoch Island''' is an island off the Eastmarch coast with an area of 54 square "
       "kilometres and about 2,300 inhabitants. Its landmark is the [[Kessel Point Lighthouse]]."},
      {"Ilse Marrow",
       "'''Ilse Marrow''' (1851–1923) was an Eastmarch novelist and botanist. Besides novels such "
       "as ''[[The Copper Lantern]]'' she published a flora of the [[Ostrel Hills]] in 1898."},
      {"Tarvik Railway",
       "The '''Tarvik Railway''' is a 118-kilometre railway line between [[Tarvik]] and "
       "[[Selden]]. It opened in 1869 and was electrified in 1952."},
      {"Greywater Canal",
       "The '''Greywater Canal''' links [[Lake Tirrow]] with the sea. It is 27 kilometres long, "
       "has nine locks and was dug between 1794 and 1803."},
      {"Selden Mint",
       "The '''Selden Mint''' struck the coins of the Eastmarch from 1540 until 1871, when it "
       "was replaced by a new mint in [[Tarvik]]."},
      {"Ostrel Hills",
       "The '''Ostrel Hills''' are a range of low mountains in the Eastmarch. Their highest "
       "summit, Mount Fenn, rises to 2,211 metres. The [[Velmora River]] has its source there."},
      {"Marisol Quartet",
       "The '''Marisol Quartet''' was a string quartet founded in [[Tarvik]] in 1921. It gave the "
       "first performances of many works by Eastmarch composers and disbanded in 1958."},
      {"Vantor Glacier",
       "The '''Vantor Glacier''' is the largest glacier of the [[Ostrel Hills]]. Since 1900 it "
       "has retreated by about 1.8 kilometres."},
      {"Halvard Penn",
       "'''Halvard Penn''' (1790–1846) was an Eastmarch explorer and cartographer who made the "
       "first survey of the [[Vantor Glacier]] in 1829."},
      {"Lumen Festival",
       "The '''Lumen Festival''' is an annual festival of light held in [[Selden]] every "
       "December since 1976. It draws about 40,000 visitors."},
      {"Eastmarch",
       "The '''Eastmarch''' is a coastal region with about 1.4 million inhabitants. Its largest "
       "cities are [[Tarvik]] and [[Selden]]."},
      {"Tarvik",
       "'''Tarvik''' is the largest city of the Eastmarch, with about 310,000 inhabitants. It "
       "lies at the mouth of the Greywater."},
      {"Template:Infobox lighthouse",
       "<table class=\"infobox\"><tr><th>{{{name}}}</th></tr><tr><td>Built: "
       "{{{built}}}</td></tr></table>"},
  };
}

bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

class MediaWikiFixtureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!MediaWikiServer::Installed()) {
      missing_ = MediaWikiServer::MissingPackages();
      return;
    }
    dir_ = new testing::TempDir();
    server_ = new MediaWikiServer((dir_->path() / "wiki").string(), Pages(), &why_not_);
    if (why_not_.empty()) {
      std::cerr << "MediaWiki fixture: install_wiki.sh took " << server_->install_seconds()
                << " s\n";
    } else {
      std::cerr << "MediaWiki fixture: not started after " << server_->install_seconds()
                << " s: " << why_not_ << "\n";
    }
    RecordProperty("mediawiki_install_seconds", std::to_string(server_->install_seconds()));
  }
  static void TearDownTestSuite() {
    delete server_;  // stops php -S before its folder goes
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (!missing_.empty()) {
      if (InCi()) FAIL() << missing_;
      GTEST_SKIP() << missing_ << "; skipping";
    }
    ASSERT_TRUE(why_not_.empty()) << why_not_;
  }

  // GET api.php?QUERY&format=json&formatversion=2, parsed.
  static void Api(const std::string& query, rapidjson::Document* doc) {
    auto answer = Fetch(server_->api_url() + "?" + query + "&format=json&formatversion=2",
                        MediaWikiServer::LoopbackFetchOptions());
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    ASSERT_EQ(answer->status, 200) << answer->body;
    doc->Parse(answer->body.c_str());
    ASSERT_FALSE(doc->HasParseError()) << answer->body;
    ASSERT_TRUE(doc->IsObject()) << answer->body;
  }
  static std::vector<std::string> SearchTitles(const std::string& words, bool text) {
    rapidjson::Document doc;
    Api("action=query&list=search&srprop=&srsearch=" + UrlEncode(words) +
            (text ? "&srwhat=text" : ""),
        &doc);
    std::vector<std::string> titles;
    if (!doc.IsObject() || !doc.HasMember("query")) return titles;
    for (const auto& hit : doc["query"]["search"].GetArray()) {
      titles.push_back(hit["title"].GetString());
    }
    return titles;
  }

  static inline std::string missing_;
  static inline std::string why_not_;
  static inline testing::TempDir* dir_ = nullptr;
  static inline MediaWikiServer* server_ = nullptr;
};

TEST_F(MediaWikiFixtureTest, ServesTheApiOnLoopback) {
  EXPECT_GT(server_->port(), 0);
  EXPECT_EQ(server_->base_url(), "http://127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(server_->api_url(), server_->base_url() + "/api.php");
  rapidjson::Document doc;
  Api("action=query&meta=siteinfo", &doc);
  ASSERT_TRUE(doc.HasMember("query")) << "no query";
  const auto& general = doc["query"]["general"];
  EXPECT_EQ(std::string(general["server"].GetString()), server_->base_url());
  EXPECT_EQ(std::string(general["dbtype"].GetString()), "sqlite");
}

// (a) Full-text search finds a page by words of its text right after the start — with
// srwhat=text; without it the database search backend searches titles only.
TEST_F(MediaWikiFixtureTest, TextSearchFindsPagesByWordsOfTheirText) {
  EXPECT_EQ(SearchTitles("glintfish", true), std::vector<std::string>{"Velmora River"});
  EXPECT_EQ(SearchTitles("hurdy-gurdy sonatas", true), std::vector<std::string>{"Anselm Varga"});
  EXPECT_EQ(SearchTitles("octagonal tower 1871", true),
            std::vector<std::string>{"Kessel Point Lighthouse"});
  // The default (srwhat unset) is a title search: body-only words find nothing.
  EXPECT_TRUE(SearchTitles("glintfish", false).empty());
  EXPECT_EQ(SearchTitles("Lighthouse", false), std::vector<std::string>{"Kessel Point Lighthouse"});
  // srwhat=text looks at the text only: "Duskmoor" is only in its page's title (and in a link on
  // Anselm Varga's page), and every word must match.
  EXPECT_EQ(SearchTitles("Duskmoor", true), std::vector<std::string>{"Anselm Varga"});
  EXPECT_TRUE(SearchTitles("glintfish octagonal", true).empty());
}

// (b) TextExtracts: the page's sentences as plain text, with the page's URL and revision.
TEST_F(MediaWikiFixtureTest, ExtractsArePlainTextWithUrlAndRevision) {
  rapidjson::Document doc;
  Api("action=query&prop=extracts%7Cinfo&explaintext=1&exsectionformat=plain&inprop=url&redirects=1"
      "&titles=" +
          UrlEncode("Kessel Point Lighthouse"),
      &doc);
  ASSERT_TRUE(doc.HasMember("query"));
  ASSERT_FALSE(doc.HasMember("warnings")) << "TextExtracts is not loaded?";
  const auto& pages = doc["query"]["pages"];
  ASSERT_TRUE(pages.IsArray());
  ASSERT_EQ(pages.Size(), 1u);
  const auto& page = pages[0];
  EXPECT_EQ(std::string(page["title"].GetString()), "Kessel Point Lighthouse");
  ASSERT_TRUE(page.HasMember("extract"));
  std::string extract = page["extract"].GetString();
  EXPECT_NE(extract.find("The Kessel Point Lighthouse is a lighthouse on the northern tip of "
                         "Brannoch Island."),
            std::string::npos)
      << extract;
  EXPECT_NE(extract.find("It was built in 1871 to a design by the engineer Mara Quintell."),
            std::string::npos)
      << extract;
  EXPECT_NE(extract.find("The last keeper, Tomas Herrel, left the station in 1964."),
            std::string::npos)
      << extract;
  for (const char* markup : {"'''", "[[", "]]", "{{", "==", "<", "Built:"}) {
    EXPECT_EQ(extract.find(markup), std::string::npos) << markup << " in " << extract;
  }
  ASSERT_TRUE(page.HasMember("fullurl"));
  EXPECT_EQ(std::string(page["fullurl"].GetString()),
            server_->base_url() + "/index.php/Kessel_Point_Lighthouse");
  ASSERT_TRUE(page.HasMember("lastrevid"));
  EXPECT_GT(page["lastrevid"].GetInt64(), 0);

  // The page's URL serves it.
  auto html = Fetch(page["fullurl"].GetString(), MediaWikiServer::LoopbackFetchOptions());
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_EQ(html->status, 200);
  EXPECT_NE(html->body.find("Mara Quintell"), std::string::npos);
}

// References (Cite) are left out of extracts; a redirect is followed and reported.
TEST_F(MediaWikiFixtureTest, ExtractsFollowRedirectsAndDropReferences) {
  rapidjson::Document doc;
  Api("action=query&prop=extracts%7Cinfo&explaintext=1&exsectionformat=plain&inprop=url&redirects=1"
      "&titles=Velmora",
      &doc);
  ASSERT_TRUE(doc.HasMember("query"));
  const auto& query = doc["query"];
  ASSERT_TRUE(query.HasMember("redirects"));
  EXPECT_EQ(std::string(query["redirects"][0]["from"].GetString()), "Velmora");
  EXPECT_EQ(std::string(query["redirects"][0]["to"].GetString()), "Velmora River");
  const auto& page = query["pages"][0];
  EXPECT_EQ(std::string(page["title"].GetString()), "Velmora River");
  std::string extract = page["extract"].GetString();
  EXPECT_NE(extract.find("the rare glintfish, a small silver fish found nowhere else."),
            std::string::npos)
      << extract;
  EXPECT_NE(extract.find("was completed in 1788."), std::string::npos) << extract;
  EXPECT_EQ(extract.find("Rivers of the Eastmarch"), std::string::npos) << extract;
  EXPECT_EQ(extract.find("<ref"), std::string::npos) << extract;
}

// (c) action=parse: the page's HTML and revision.
TEST_F(MediaWikiFixtureTest, ParseReturnsTheHtml) {
  rapidjson::Document doc;
  Api("action=parse&prop=text%7Crevid&page=" + UrlEncode("Anselm Varga"), &doc);
  ASSERT_TRUE(doc.HasMember("parse")) << "no parse";
  const auto& parse = doc["parse"];
  EXPECT_EQ(std::string(parse["title"].GetString()), "Anselm Varga");
  EXPECT_GT(parse["revid"].GetInt64(), 0);
  ASSERT_TRUE(parse["text"].IsString());
  std::string html = parse["text"].GetString();
  EXPECT_NE(html.find("<b>Anselm Varga</b> (14 March 1832 – 2 November 1897) was an Eastmarch "
                      "composer and organist."),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("hurdy-gurdy"), std::string::npos);
}

// (d) A title with no page.
TEST_F(MediaWikiFixtureTest, MissingTitlesAreMarkedMissing) {
  rapidjson::Document doc;
  Api("action=query&prop=extracts%7Cinfo&explaintext=1&inprop=url&redirects=1&titles=" +
          UrlEncode("Mount Nowhere"),
      &doc);
  ASSERT_TRUE(doc.HasMember("query"));
  const auto& page = doc["query"]["pages"][0];
  EXPECT_EQ(std::string(page["title"].GetString()), "Mount Nowhere");
  ASSERT_TRUE(page.HasMember("missing"));
  EXPECT_TRUE(page["missing"].GetBool());
  EXPECT_FALSE(page.HasMember("extract"));
  EXPECT_FALSE(page.HasMember("lastrevid"));

  rapidjson::Document parse;
  Api("action=parse&prop=text%7Crevid&page=" + UrlEncode("Mount Nowhere"), &parse);
  ASSERT_TRUE(parse.HasMember("error"));
  EXPECT_EQ(std::string(parse["error"]["code"].GetString()), "missingtitle");
}

}  // namespace
}  // namespace fg
