#include "plugins/dialect.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "src/core/renderer.h"

namespace fg::plugins {
namespace {

TEST(SerializeWithReportTest, ReplacesFactgateAndPutsItLast) {
  rapidjson::Document doc;
  doc.Parse(R"({"id":"x","factgate":{"old":true},"n":1})");
  std::vector<ChoiceReport> reports = {{0, Report{}}};
  EXPECT_EQ(SerializeWithReport(doc, reports),
            R"({"id":"x","n":1,"factgate":)" + ReportJson(reports) + "}");
}

TEST(SerializeWithReportTest, EmptyObject) {
  rapidjson::Document doc;
  doc.Parse("{}");
  EXPECT_EQ(SerializeWithReport(doc, {}), R"({"factgate":)" + ReportJson({}) + "}");
}

TEST(RenderTextValueTest, CiteAndRewriteRenderTheText) {
  Report report;
  for (Mode mode : {Mode::kCite, Mode::kRewrite}) {
    rapidjson::Document doc;
    doc.Parse(R"({"text":"Paris is in France."})");
    RenderTextValue(doc["text"], mode, report, doc.GetAllocator());
    const std::string want = mode == Mode::kCite ? RenderCite("Paris is in France.", report)
                                                 : RenderRewrite("Paris is in France.", report);
    EXPECT_EQ(std::string(doc["text"].GetString(), doc["text"].GetStringLength()), want);
  }
}

}  // namespace
}  // namespace fg::plugins
