// The accuracy guard of the verdict model: macro-F1 on every dev set may not drop more than 0.02
// below the value docs/ACCURACY.md records (its machine-readable "accuracy-baseline" block, written
// by tests/bench/accuracy.mjs together with the tables). Labelled `accuracy`.
// Without ../shared/datasets the test skips with a message, or fails when
// FACTGATE_REQUIRE_DATASETS=1.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <string>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

constexpr double kAllowedDrop = 0.02;

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

TEST(AccuracyTest, MacroF1HoldsOnEveryDevSet) {
  const char* env = std::getenv("FACTGATE_DATASETS");
  std::string datasets = env != nullptr ? env : SourceDir() + "/../shared/datasets";
  if (!std::filesystem::is_directory(datasets)) {
    const char* require = std::getenv("FACTGATE_REQUIRE_DATASETS");
    if (require != nullptr && std::string(require) == "1") {
      FAIL() << "datasets required (FACTGATE_REQUIRE_DATASETS=1) but missing: " << datasets;
    }
    GTEST_SKIP() << "no datasets at " << datasets
                 << " (set FACTGATE_DATASETS or put shared/datasets beside the repository)";
  }
  std::string page = ReadAll(SourceDir() + "/docs/ACCURACY.md");
  const std::string open = "<!-- accuracy-baseline";
  size_t begin = page.find(open);
  size_t end = page.find("-->", begin == std::string::npos ? 0 : begin);
  ASSERT_NE(begin, std::string::npos) << "docs/ACCURACY.md has no accuracy-baseline block";
  ASSERT_NE(end, std::string::npos);
  rapidjson::Document baseline;
  std::string json = page.substr(begin + open.size(), end - begin - open.size());
  baseline.Parse(json.c_str());
  ASSERT_FALSE(baseline.HasParseError()) << json;
  ASSERT_TRUE(baseline.IsObject());
  ASSERT_GE(baseline.MemberCount(), 6u);
  for (const auto& set : baseline.GetObject()) {
    std::string args;
    for (const auto& a : set.value["args"].GetArray()) {
      std::string v = a.GetString();
      if (v.find('/') != std::string::npos) v = datasets + "/" + v;
      args += " " + ShellQuote(v);
    }
    CommandResult r = RunFactgate("eval" + args);
    ASSERT_EQ(r.code, 0) << set.name.GetString() << ": " << r.err;
    rapidjson::Document m;
    m.Parse(r.out.c_str());
    ASSERT_FALSE(m.HasParseError()) << r.out;
    double recorded = set.value["macro_f1"].GetDouble();
    double now = m["macro_f1"].GetDouble();
    std::printf("%-24s macro-F1 %.4f (recorded %.4f)\n", set.name.GetString(), now, recorded);
    EXPECT_GE(now, recorded - kAllowedDrop) << set.name.GetString();
  }
}

}  // namespace
}  // namespace fg::testing
