#include "src/audit/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace fg::audit {
namespace {

TEST(ProgressTest, BarShowsDoneTotalRateAndEta) {
  ProgressFigures f;
  f.done = 4500;
  f.total = 10000;
  f.run_lines = 4500;
  f.claims = 9000;
  f.elapsed_s = 10;
  EXPECT_EQ(FormatProgress(f, true),
            "[##########--------------]  4500/10000 (45%)  450.0 lines/s  900 claims/s  ETA 0:12");
  EXPECT_EQ(FormatProgress(f, false),
            "audit: 4500/10000 lines (45%), 450.0 lines/s, 900 claims/s, ETA 0:12");
}

TEST(ProgressTest, ResumedRunCountsOnlyItsOwnLines) {
  ProgressFigures f;
  f.done = 9000;
  f.total = 10000;
  f.run_lines = 1000;  // 8000 were done by the interrupted run
  f.elapsed_s = 10;
  EXPECT_NE(FormatProgress(f, false).find("100.0 lines/s"), std::string::npos);
  EXPECT_NE(FormatProgress(f, false).find("ETA 0:10"), std::string::npos);
}

TEST(ProgressTest, UnknownTotalAndFinished) {
  ProgressFigures f;
  f.done = 12;
  f.run_lines = 12;
  f.elapsed_s = 4;
  EXPECT_EQ(FormatProgress(f, false), "audit: 12 lines, 3.0 lines/s, 0 claims/s");
  f.total = 12;
  f.elapsed_s = 3725;
  EXPECT_NE(FormatProgress(f, false).find("in 1:02:05"), std::string::npos);
}

TEST(ProgressTest, LinesGoToTheStreamAndQuietWritesNothing) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  Progress lines(ProgressStyle::kLines, 10, 0, out, 0);
  lines.Update(5, 7);
  lines.Finish(10, 20);
  Progress quiet(ProgressStyle::kQuiet, 10, 0, out, 0);
  quiet.Update(5, 7);
  quiet.Finish(10, 20);
  std::rewind(out);
  std::string text;
  char buf[256];
  while (std::fgets(buf, sizeof buf, out) != nullptr) text += buf;
  std::fclose(out);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_EQ(text.rfind("audit: 5/10 lines (50%)", 0), 0u) << text;
  EXPECT_NE(text.find("audit: 10/10 lines (100%)"), std::string::npos) << text;
}

}  // namespace
}  // namespace fg::audit
