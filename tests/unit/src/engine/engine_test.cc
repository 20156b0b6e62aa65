#include "src/engine/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <span>
#include <string>

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

// The existence expert's veto ("a word the KB has never seen") needs a KB. With evidence given by
// the caller (pairs mode) it only informs the model (regression: on fever-pairs it turned "Nestor
// Carbonell starred in a drama series by ABC" against "He is ... in ABC's drama series Lost" into
// not_enough_info, wrongly for half the claims it decided).
TEST(EngineTest, ExistenceVetoNeedsAKb) {
  const std::string evidence =
      "He is perhaps most famous for his roles as Richard Alpert in ABC 's drama series Lost .";
  const std::string claim = "Nestor Carbonell starred in a drama series by ABC.";
  EngineOptions options;
  options.use_wordnet = false;
  options.model_path = DefaultModelPath();
  auto stats = std::make_unique<CountingTermStats>();
  stats->AddDocument(evidence);
  auto pairs = Engine::Open(options, std::move(stats));
  ASSERT_TRUE(pairs.ok()) << pairs.status().ToString();
  Passage p;
  p.doc_id = "0";
  p.source = "pair";
  p.text = evidence;
  Claim c;
  c.text = claim;
  ClaimResult given = (*pairs)->pipeline().JudgeAgainst(c, std::span<const Passage>(&p, 1));
  EXPECT_NE(given.verifier, "existence");
  EXPECT_TRUE(given.probabilities);

  testing::TempDir dir;
  std::string kb_dir = (dir.path() / "kb").string();
  {
    auto writer = KbWriter::Open(kb_dir);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add({"lost", "Lost", evidence, "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  options.kb_paths = {kb_dir};
  auto with_kb = Engine::Open(options);
  ASSERT_TRUE(with_kb.ok()) << with_kb.status().ToString();
  Report report = (*with_kb)->pipeline().Verify(claim);
  ASSERT_EQ(report.claims.size(), 1u);
  EXPECT_EQ(report.claims[0].verifier, "existence");
  EXPECT_EQ(report.claims[0].verdict, Verdict::kNotEnoughInfo);
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
