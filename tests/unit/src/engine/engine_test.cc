#include "src/engine/engine.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sources/xapian_kb.h"
#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

TEST(EngineTest, MissingKbIsAClearStartUpError) {
  EngineOptions options;
  options.use_wordnet = false;
  options.kb_paths = {"/nonexistent/kb"};
  auto engine = Engine::Open(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.status().code(), Status::Code::kNotFound);
}

TEST(EngineTest, MissingWordNetNamesThePackage) {
  EngineOptions options;
  options.wordnet_dir = "/nonexistent/wordnet";
  auto engine = Engine::Open(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("wordnet-base"), std::string::npos);
}

TEST(EngineTest, VerifiesAgainstItsKbAndWithoutSources) {
  testing::TempDir dir;
  std::string kb_dir = (dir.path() / "kb").string();
  {
    auto writer = KbWriter::Open(kb_dir);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        (*writer)->Add({"paris", "Paris", "Paris is the capital of France.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  EngineOptions options;
  options.use_wordnet = false;
  options.kb_paths = {kb_dir};
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  ASSERT_NE((*engine)->kb(), nullptr);
  Report with_kb = (*engine)->pipeline().Verify("Paris is the capital of France.");
  ASSERT_EQ(with_kb.claims.size(), 1u);
  EXPECT_EQ(with_kb.claims[0].verdict, Verdict::kSupported);
  Report without = (*engine)->no_sources_pipeline().Verify("Paris is the capital of France.");
  ASSERT_EQ(without.claims.size(), 1u);
  EXPECT_EQ(without.claims[0].verdict, Verdict::kNotEnoughInfo);
  // Evidence-free checks still decide without sources.
  Report arithmetic = (*engine)->no_sources_pipeline().Verify("220 is less than 200.");
  ASSERT_EQ(arithmetic.claims.size(), 1u);
  EXPECT_EQ(arithmetic.claims[0].verdict, Verdict::kRefuted);
}

TEST(EngineTest, WebSourcesAreNamedApartAndCanBeChosen) {
  EngineOptions options;
  options.use_wordnet = false;
  options.web.mediawiki_urls = {"https://en.wikipedia.org/w/api.php",
                                "http://127.0.0.1:8080/api.php",
                                "http://127.0.0.1:8080/de/api.php"};
  options.web.searxng_url = "http://127.0.0.1:8888";
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  EXPECT_EQ((*engine)->source_names(),
            (std::vector<std::string>{"mediawiki:en.wikipedia.org", "mediawiki:127.0.0.1:8080",
                                      "mediawiki:127.0.0.1:8080#2", "searxng"}));
  auto chosen = (*engine)->PipelineFor({"searxng", "mediawiki:127.0.0.1:8080#2"});
  ASSERT_TRUE(chosen.ok()) << chosen.status().ToString();
  auto again = (*engine)->PipelineFor({"mediawiki:127.0.0.1:8080#2", "searxng", "searxng"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*chosen, *again);  // one pipeline per choice
  auto none = (*engine)->PipelineFor({});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, &(*engine)->no_sources_pipeline());
  auto unknown = (*engine)->PipelineFor({"kb"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("\"searxng\""), std::string::npos);
  // Offline answers need the cache; a wiki URL must be http(s).
  options.web.offline = true;
  EXPECT_FALSE(Engine::Open(options).ok());
  options.web.offline = false;
  options.web.mediawiki_urls = {"ftp://wiki.example.org/api.php"};
  EXPECT_FALSE(Engine::Open(options).ok());
}

}  // namespace
}  // namespace fg
