#include "src/cli/eval_data.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg::cli {
namespace {

TEST(EvalDataTest, SplitIgnoresCaseAndWhiteSpace) {
  const char* kSame[] = {"a claim",    "A  claim", "A CLAIM",         "  a claim",
                         "a claim \n", "a\tclaim", "\r\na \t claim  "};
  for (const char* text : kSame) EXPECT_EQ(SplitOf(text), SplitOf("a claim")) << text;
  EXPECT_EQ(SplitOf("Lincoln was born in 1809."), SplitOf("lincoln  WAS born\tin 1809."));
}

TEST(EvalDataTest, SplitDependsOnTheText) {
  // Pinned: a change here means the hash changed and every dataset's split moved.
  EXPECT_EQ(SplitOf("The Eiffel Tower is in Paris."), DataSplit::kTrain);
  EXPECT_EQ(SplitOf("Lincoln was born in 1820."), DataSplit::kCalibration);
  EXPECT_EQ(SplitOf("Mount Everest is 35,000 feet high."), DataSplit::kDev);
  // White space between words counts (as one space), so joining words changes the text.
  bool any_differs = false;
  for (int i = 0; i < 50 && !any_differs; ++i) {
    std::string n = std::to_string(i);
    any_differs = SplitOf("claim " + n) != SplitOf("claim" + n);
  }
  EXPECT_TRUE(any_differs);
}

TEST(EvalDataTest, SplitIsRoughlySixtyTwentyTwenty) {
  size_t counts[3] = {0, 0, 0};
  const int kN = 10000;
  for (int i = 0; i < kN; ++i) {
    std::string claim = "Claim number " + std::to_string(i) + " says that item " +
                        std::to_string(i * 7 % 13) + " is true.";
    ++counts[static_cast<int>(SplitOf(claim))];
  }
  EXPECT_NEAR(counts[static_cast<int>(DataSplit::kTrain)] * 100.0 / kN, 60.0, 3.0);
  EXPECT_NEAR(counts[static_cast<int>(DataSplit::kCalibration)] * 100.0 / kN, 20.0, 3.0);
  EXPECT_NEAR(counts[static_cast<int>(DataSplit::kDev)] * 100.0 / kN, 20.0, 3.0);
}

TEST(EvalDataTest, SplitNamesRoundTrip) {
  for (DataSplit s : {DataSplit::kTrain, DataSplit::kCalibration, DataSplit::kDev}) {
    DataSplit parsed = s == DataSplit::kDev ? DataSplit::kTrain : DataSplit::kDev;
    ASSERT_TRUE(ParseSplit(SplitName(s), &parsed)) << SplitName(s);
    EXPECT_EQ(parsed, s);
  }
  EXPECT_EQ(SplitName(DataSplit::kTrain), "train");
  EXPECT_EQ(SplitName(DataSplit::kCalibration), "calibration");
  EXPECT_EQ(SplitName(DataSplit::kDev), "dev");
}

TEST(EvalDataTest, ParseSplitRejectsOtherNames) {
  for (const char* name : {"test", "", "Train", "dev ", "calib", "validation"}) {
    DataSplit split = DataSplit::kCalibration;
    EXPECT_FALSE(ParseSplit(name, &split)) << name;
    EXPECT_EQ(split, DataSplit::kCalibration) << name;  // untouched
  }
}

TEST(EvalDataTest, DetokenizeUndoesFeverTokens) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case kCases[] = {
      {"-LRB- x -RRB-", "( x )"},
      {"Lincoln -LRB-1809-1865-RRB- was", "Lincoln (1809-1865) was"},
      {"-LSB- a -RSB- -LCB- b -RCB-", "[ a ] { b }"},
      {"he said ``hello''", "he said \"hello\""},
      {"`` quoted ''", "\" quoted \""},
      {"no tokens here", "no tokens here"},
      {"", ""},
      {"-LRB--LRB-", "(("},
      {"single ` and ' stay", "single ` and ' stay"},
  };
  for (const Case& c : kCases) EXPECT_EQ(Detokenize(c.in), c.out) << c.in;
}

TEST(EvalDataTest, ClaimFromRowSpansTheWholeText) {
  EvalRow row;
  row.id = "r7";
  row.claim = "Lincoln was born in 1809.";
  Claim c = ClaimFromRow(row);
  EXPECT_EQ(c.id, "r7");
  EXPECT_EQ(c.text, row.claim);
  EXPECT_EQ(c.span, (Span{0, row.claim.size()}));
}

class EvalDataFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    return dir_.Write(name, text).string();
  }
  fg::testing::TempDir dir_;
};

TEST_F(EvalDataFileTest, ReadsPairsAndCountsBadLines) {
  std::string path = Write("pairs.jsonl",
                           R"({"id": "p1", "claim": "A -LRB-b-RRB- c", "label": "SUPPORTED",)"
                           R"( "evidence": "It says ``yes'' -LRB-really-RRB-."})"
                           "\n"
                           "\n"  // blank: ignored, not bad
                           R"({"id": "p2", "label": "REFUTED", "evidence": "x"})"
                           "\n"  // missing claim
                           R"({"id": "p3", "claim": "c", "label": "MAYBE", "evidence": "x"})"
                           "\n"  // unknown label
                           R"({"id": "p4", "claim": "c", "label": "REFUTED"})"
                           "\n"  // no evidence text
                           R"({"id": "p5", "claim": "c", "label": "REFUTED", "evidence": ["d1"]})"
                           "\n"  // evidence not text
                           "not json\n"
                           R"({"id": "p6", "claim": "Second", "label": "NOT_ENOUGH_INFO",)"
                           R"( "evidence": "plain"})"
                           "\n"
                           R"({"id": "p7", "claim": "Third", "label": "NOT_SUPPORTED",)"
                           R"( "evidence": "e"})");  // no final newline
  std::vector<EvalRow> rows;
  size_t bad = 0;
  Status s = ReadEvalRows(path, /*pairs_mode=*/true, 0, &rows, &bad);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(bad, 5u);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].id, "p1");
  EXPECT_EQ(rows[0].claim, "A (b) c");
  EXPECT_EQ(rows[0].label, "SUPPORTED");
  EXPECT_EQ(rows[0].evidence_text, "It says \"yes\" (really).");
  EXPECT_TRUE(rows[0].evidence_ids.empty());
  EXPECT_EQ(rows[1].id, "p6");
  EXPECT_EQ(rows[1].label, "NOT_ENOUGH_INFO");
  EXPECT_EQ(rows[1].evidence_text, "plain");
  EXPECT_EQ(rows[2].label, "NOT_SUPPORTED");
}

TEST_F(EvalDataFileTest, ReadsClaimsWithEvidenceIds) {
  std::string path = Write(
      "claims.jsonl",
      R"({"id": "c1", "claim": "Lincoln was born in 1809.", "label": "SUPPORTED",)"
      R"( "evidence": ["wn:1", 7, "wn:2"]})"
      "\n"
      R"({"id": "c2", "claim": "No evidence here.", "label": "NOT_ENOUGH_INFO"})"
      "\n"
      R"({"id": "c3", "claim": "Text evidence is ignored.", "label": "REFUTED", "evidence": "t"})"
      "\n"
      R"({"id": "c4", "claim": "", "label": "REFUTED"})"
      "\n"  // empty claim: bad
      R"({"id": "c5", "claim": "lower", "label": "supported"})"
      "\n");  // labels are upper case: bad
  std::vector<EvalRow> rows;
  size_t bad = 0;
  ASSERT_TRUE(ReadEvalRows(path, /*pairs_mode=*/false, 0, &rows, &bad).ok());
  EXPECT_EQ(bad, 2u);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].claim, "Lincoln was born in 1809.");
  EXPECT_EQ(rows[0].evidence_ids, (std::vector<std::string>{"wn:1", "wn:2"}));
  EXPECT_TRUE(rows[0].evidence_text.empty());
  EXPECT_TRUE(rows[1].evidence_ids.empty());
  EXPECT_EQ(rows[2].id, "c3");
  EXPECT_TRUE(rows[2].evidence_ids.empty());
  EXPECT_TRUE(rows[2].evidence_text.empty());
}

TEST_F(EvalDataFileTest, ClaimsAreNotDetokenizedOutsidePairsMode) {
  std::string path =
      Write("claims.jsonl", R"({"id": "c1", "claim": "A -LRB-b-RRB-", "label": "SUPPORTED"})");
  std::vector<EvalRow> rows;
  size_t bad = 0;
  ASSERT_TRUE(ReadEvalRows(path, false, 0, &rows, &bad).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].claim, "A -LRB-b-RRB-");
}

TEST_F(EvalDataFileTest, HonoursTheLimit) {
  std::string text;
  for (int i = 0; i < 6; ++i) {
    text += R"({"id": "c)" + std::to_string(i) + R"(", "claim": "claim )" + std::to_string(i) +
            R"(", "label": "SUPPORTED"})" + "\n";
  }
  std::string path = Write("claims.jsonl", text);
  std::vector<EvalRow> rows;
  size_t bad = 0;
  ASSERT_TRUE(ReadEvalRows(path, false, 4, &rows, &bad).ok());
  EXPECT_EQ(bad, 0u);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].id, "c0");
  EXPECT_EQ(rows[3].id, "c3");

  rows.clear();
  ASSERT_TRUE(ReadEvalRows(path, false, 0, &rows, &bad).ok());
  EXPECT_EQ(rows.size(), 6u);
}

TEST_F(EvalDataFileTest, MissingFileIsAnError) {
  std::vector<EvalRow> rows;
  size_t bad = 0;
  Status s = ReadEvalRows((dir_.path() / "absent.jsonl").string(), true, 0, &rows, &bad);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_TRUE(rows.empty());
}

TEST(EvalDataTest, ParallelForVisitsEveryIndexOnce) {
  for (size_t threads : {size_t{0}, size_t{1}, size_t{4}}) {
    const size_t kN = 1000;
    std::vector<std::atomic<int>> visits(kN);
    ParallelFor(kN, threads, [&](size_t i) { visits[i].fetch_add(1); });
    for (size_t i = 0; i < kN; ++i) ASSERT_EQ(visits[i].load(), 1) << i << " threads " << threads;
  }
}

TEST(EvalDataTest, ParallelForWithNothingToDo) {
  std::atomic<int> calls{0};
  ParallelFor(0, 4, [&](size_t) { ++calls; });
  EXPECT_EQ(calls.load(), 0);
  ParallelFor(1, 4, [&](size_t) { ++calls; });
  EXPECT_EQ(calls.load(), 1);
}

TEST(EvalDataTest, TempDirIsRemovedWithItsContents) {
  std::filesystem::path path;
  {
    TempDir dir;
    EXPECT_TRUE(dir.path().empty());
    ASSERT_TRUE(dir.Create());
    path = dir.path();
    ASSERT_FALSE(path.empty());
    EXPECT_TRUE(std::filesystem::is_directory(path));
    std::filesystem::create_directories(path / "sub" / "deeper");
    std::ofstream(path / "a.txt") << "a";
    std::ofstream(path / "sub" / "deeper" / "b.txt") << "b";
    ASSERT_TRUE(std::filesystem::exists(path / "sub" / "deeper" / "b.txt"));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(EvalDataTest, TempDirsAreDistinct) {
  TempDir a, b;
  ASSERT_TRUE(a.Create());
  ASSERT_TRUE(b.Create());
  EXPECT_NE(a.path(), b.path());
}

}  // namespace
}  // namespace fg::cli
