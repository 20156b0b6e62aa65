#include "src/server/parallel_verify.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "sources/xapian_kb.h"
#include "src/engine/engine.h"
#include "tests/testing/temp_dir.h"

namespace fg::server {
namespace {

using Clock = std::chrono::steady_clock;

class ParallelVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string kb = (dir_.path() / "kb").string();
    auto writer = KbWriter::Open(kb);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        (*writer)->Add({"paris", "Paris", "Paris is the capital of France.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Add({"rome", "Rome", "Rome is the capital of Italy.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EngineOptions options;
    options.use_wordnet = false;
    options.kb_paths = {kb};
    auto engine = Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
  }

  Report Run(std::string_view text, Clock::time_point deadline) {
    asio::io_context ioc;
    auto future = asio::co_spawn(
        ioc, VerifyInParallel(workers_, engine_->pipeline(), text, deadline), asio::use_future);
    ioc.run();
    return future.get();
  }

  fg::testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  asio::thread_pool workers_{2};
};

TEST_F(ParallelVerifyTest, GivesTheSameReportAsVerify) {
  const std::string text =
      "Paris is the capital of France. Rome is the capital of Italy. 220 is less than 200. "
      "Oslo is the capital of Peru.";
  Report parallel = Run(text, Clock::now() + std::chrono::hours(1));
  Report serial = engine_->pipeline().Verify(text);
  ASSERT_EQ(parallel.claims.size(), serial.claims.size());
  ASSERT_EQ(parallel.claims.size(), 4u);
  for (size_t i = 0; i < serial.claims.size(); ++i) {
    EXPECT_EQ(parallel.claims[i].claim.text, serial.claims[i].claim.text);  // claim order kept
    EXPECT_EQ(parallel.claims[i].verdict, serial.claims[i].verdict) << serial.claims[i].claim.text;
    EXPECT_EQ(parallel.claims[i].verifier, serial.claims[i].verifier);
  }
  EXPECT_TRUE(parallel.checked);
}

TEST_F(ParallelVerifyTest, PassedDeadlineLeavesEveryClaimUnchecked) {
  Report report =
      Run("Paris is the capital of France. Rome is the capital of Italy.", Clock::now());
  ASSERT_EQ(report.claims.size(), 2u);
  EXPECT_FALSE(report.checked);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0], "the verification budget ran out after 0 of 2 claims");
  EXPECT_EQ(report.claims[0].verdict, Verdict::kNotEnoughInfo);
  EXPECT_EQ(report.claims[1].confidence, 0);
}

TEST_F(ParallelVerifyTest, TextWithoutClaims) {
  Report report = Run("Hello! How are you?", Clock::now() + std::chrono::hours(1));
  EXPECT_TRUE(report.claims.empty());
  EXPECT_TRUE(report.checked);
}

}  // namespace
}  // namespace fg::server
