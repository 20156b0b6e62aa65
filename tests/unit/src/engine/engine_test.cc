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

}  // namespace
}  // namespace fg
