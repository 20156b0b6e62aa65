// Accuracy guards on the public benchmark sets in ../shared/datasets: `factgate eval` must not fall
// below what it reaches today (docs/BENCHMARKS.md records the full numbers, the published baselines
// and the targets; retrieval is still short of its targets of 0.60 and 0.65).
// Without the datasets these tests skip with a message, or fail when FACTGATE_REQUIRE_DATASETS=1.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

class DatasetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("FACTGATE_DATASETS");
    datasets_ = env != nullptr ? env : SourceDir() + "/../shared/datasets";
    if (!std::filesystem::is_directory(datasets_)) {
      const char* require = std::getenv("FACTGATE_REQUIRE_DATASETS");
      if (require != nullptr && std::string(require) == "1") {
        FAIL() << "datasets required (FACTGATE_REQUIRE_DATASETS=1) but missing: " << datasets_;
      }
      GTEST_SKIP() << "no datasets at " << datasets_
                   << " (set FACTGATE_DATASETS or put shared/datasets beside the repository)";
    }
    wordnet_flag_ = std::filesystem::exists("/usr/share/wordnet/data.noun") ? "" : " --no-wordnet";
  }
  rapidjson::Document Eval(const std::string& args) {
    CommandResult r = RunFactgate("eval" + wordnet_flag_ + " " + args);
    EXPECT_EQ(r.code, 0) << r.err;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_FALSE(doc.HasParseError()) << r.out << r.err;
    std::printf("%s\n", r.out.c_str());
    return doc;
  }
  std::string datasets_, wordnet_flag_;
  TempDir dir_;
};

TEST_F(DatasetsTest, ClimateFeverEvidenceRecall) {
  std::string d = datasets_ + "/climate-fever";
  auto m = Eval("--kb " + (dir_.path() / "kb").string() + " --corpus " + d +
                "/corpus.jsonl --claims " + d + "/claims.jsonl");
  ASSERT_TRUE(m.IsObject());
  EXPECT_GE(m["evidence_recall_at_5"].GetDouble(), 0.50);  // today 0.518; baseline 0.49
}

TEST_F(DatasetsTest, CheckCovidEvidenceRecall) {
  std::string d = datasets_ + "/check-covid";
  auto m = Eval("--kb " + (dir_.path() / "kb").string() + " --corpus " + d +
                "/corpus.jsonl --claims " + d + "/claims.jsonl");
  ASSERT_TRUE(m.IsObject());
  EXPECT_GE(m["evidence_recall_at_5"].GetDouble(), 0.53);  // today 0.551; baseline 0.55
}

TEST_F(DatasetsTest, FeverPairsBalancedAccuracy) {
  // The rule-based verifiers alone (the trained model's own guard is accuracy_test.cc).
  auto m = Eval("--no-model --pairs " + datasets_ + "/fever-pairs/pairs.jsonl");
  ASSERT_TRUE(m.IsObject());
  EXPECT_EQ(m["n"].GetUint64(), 13332u);
  EXPECT_GE(m["balanced_accuracy"].GetDouble(), 0.65);  // baseline 0.62
}

}  // namespace
}  // namespace fg::testing
