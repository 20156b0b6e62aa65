#include "src/core/renderer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg {
namespace {

// A claim result over text[begin, end).
ClaimResult Result(std::string_view text, size_t begin, size_t end, Verdict verdict,
                   std::vector<Citation> citations = {},
                   std::optional<std::string> correction = std::nullopt) {
  ClaimResult r;
  r.claim.text = std::string(text.substr(begin, end - begin));
  r.claim.span = {begin, end};
  r.verdict = verdict;
  r.confidence = 0.9;
  r.citations = std::move(citations);
  r.correction = std::move(correction);
  return r;
}

Citation Cite(std::string doc_id, std::string title = "", std::string quote = "",
              std::string url = "") {
  return {"kb", std::move(doc_id), std::move(title), std::move(url), std::move(quote), {0, 1}};
}

struct ModeCase {
  const char* input;
  std::optional<Mode> want;
};

class ParseModeTest : public testing::TestWithParam<ModeCase> {};

TEST_P(ParseModeTest, ParsesNames) {
  EXPECT_EQ(ParseMode(GetParam().input), GetParam().want) << GetParam().input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseModeTest,
    testing::Values(ModeCase{"off", Mode::kOff}, ModeCase{"annotate", Mode::kAnnotate},
                    ModeCase{"cite", Mode::kCite}, ModeCase{"rewrite", Mode::kRewrite},
                    ModeCase{"  CITE\t", Mode::kCite}, ModeCase{"ReWrite\r\n", Mode::kRewrite},
                    ModeCase{"", std::nullopt}, ModeCase{"cites", std::nullopt},
                    ModeCase{"an notate", std::nullopt}));

TEST(ModeNameTest, RoundTrips) {
  for (Mode m : {Mode::kOff, Mode::kAnnotate, Mode::kCite, Mode::kRewrite}) {
    EXPECT_EQ(ParseMode(ModeName(m)), m);
  }
}

TEST(VerdictHeaderValueTest, CountsOverAllReports) {
  Report a;
  a.claims = {Result("x", 0, 1, Verdict::kSupported), Result("x", 0, 1, Verdict::kRefuted),
              Result("x", 0, 1, Verdict::kSupported)};
  Report b;
  b.claims = {Result("x", 0, 1, Verdict::kNotEnoughInfo), Result("x", 0, 1, Verdict::kSupported)};
  EXPECT_EQ(VerdictHeaderValue({&a, &b, nullptr}), "supported=3; refuted=1; not_enough_info=1");
  EXPECT_EQ(VerdictHeaderValue({}), "supported=0; refuted=0; not_enough_info=0");
}

TEST(SourceNumberingTest, SameSourceSameNumber) {
  SourceNumbering n;
  std::vector<ClaimResult> first = {
      Result("x", 0, 1, Verdict::kSupported, {Cite("a"), Cite("b")}),
      Result("x", 0, 1, Verdict::kRefuted, {Cite("b")}),
  };
  EXPECT_EQ(n.MarkersFor(first), " [1][2]");
  std::vector<ClaimResult> second = {
      Result("x", 0, 1, Verdict::kSupported, {Cite("c"), Cite("a")})};
  EXPECT_EQ(n.MarkersFor(second), " [3][1]");
  EXPECT_EQ(n.size(), 3u);
}

TEST(SourceNumberingTest, NotEnoughInfoAndUncitedGetNoMarkers) {
  SourceNumbering n;
  std::vector<ClaimResult> claims = {
      Result("x", 0, 1, Verdict::kNotEnoughInfo, {Cite("a")}),
      Result("x", 0, 1, Verdict::kSupported),
  };
  EXPECT_EQ(n.MarkersFor(claims), "");
  EXPECT_EQ(n.size(), 0u);
  EXPECT_EQ(n.SourcesList(), "");
}

TEST(SourceNumberingTest, SameDocIdFromAnotherSourceIsAnotherSource) {
  SourceNumbering n;
  Citation web = Cite("a");
  web.source = "web";
  std::vector<ClaimResult> claims = {Result("x", 0, 1, Verdict::kSupported, {Cite("a"), web})};
  EXPECT_EQ(n.MarkersFor(claims), " [1][2]");
}

TEST(SourceNumberingTest, SourcesListFormat) {
  SourceNumbering n;
  std::vector<ClaimResult> claims = {
      Result("x", 0, 1, Verdict::kSupported,
             {Cite("wn:1", "Paris", "the capital\nof  France", "https://example.org/paris"),
              Cite("wn:2", "", "a city"), Cite("wn:3", "Berlin")})};
  n.MarkersFor(claims);
  EXPECT_EQ(n.SourcesList(),
            "\n\nSources:\n"
            "[1] Paris \u2014 \"the capital of France\" (https://example.org/paris)\n"
            "[2] wn:2 \u2014 \"a city\"\n"
            "[3] Berlin");
}

TEST(RenderCiteTest, MarkersAfterSentencesThenSources) {
  const std::string text = "Paris is in France. It is big. Berlin is in Spain.\n";
  Report report;
  report.claims = {
      Result(text, 0, 18, Verdict::kSupported, {Cite("d1", "Paris")}),
      Result(text, 20, 29, Verdict::kNotEnoughInfo),
      Result(text, 31, 49, Verdict::kRefuted, {Cite("d2", "Berlin"), Cite("d1", "Paris")}),
  };
  EXPECT_EQ(RenderCite(text, report),
            "Paris is in France. [1] It is big. Berlin is in Spain. [2][1]\n"
            "\n\nSources:\n[1] Paris\n[2] Berlin");
}

TEST(RenderCiteTest, MarkerGoesAfterClosingQuotes) {
  const std::string text = "He said \"Paris is in France.\" Then he left.";
  Report report;
  report.claims = {Result(text, 9, 27, Verdict::kSupported, {Cite("d1", "Paris")})};
  EXPECT_EQ(RenderCite(text, report),
            "He said \"Paris is in France.\" [1] Then he left.\n\nSources:\n[1] Paris");
}

TEST(RenderCiteTest, NothingMarkedLeavesTextAlone) {
  const std::string text = "Paris is in France.";
  Report report;
  report.claims = {Result(text, 0, 18, Verdict::kNotEnoughInfo)};
  EXPECT_EQ(RenderCite(text, report), text);
  EXPECT_EQ(RenderCite("", Report{}), "");
}

TEST(RenderCiteTest, MarkdownListItems) {
  const std::string text = "Facts:\n\n- Paris is in France\n- Rome is in Italy\n";
  Report report;
  report.claims = {Result(text, 10, 28, Verdict::kSupported, {Cite("d1", "P")}),
                   Result(text, 31, 47, Verdict::kSupported, {Cite("d2", "R")})};
  EXPECT_EQ(
      RenderCite(text, report),
      "Facts:\n\n- Paris is in France [1]\n- Rome is in Italy [2]\n\n\nSources:\n[1] P\n[2] R");
}

TEST(RenderRewriteTest, CorrectsAndMarks) {
  const std::string text = "Paris is in Spain. Berlin is in France. Rome is in Italy.";
  Report report;
  report.claims = {
      Result(text, 0, 17, Verdict::kRefuted, {}, "Paris is in France"),
      Result(text, 19, 38, Verdict::kRefuted),
      Result(text, 40, 56, Verdict::kSupported, {}, "ignored"),
  };
  EXPECT_EQ(RenderRewrite(text, report),
            "Paris is in France. Berlin is in France [refuted]. Rome is in Italy.");
}

TEST(RenderRewriteTest, NoRefutedClaimsKeepsBytes) {
  const std::string text = "  Odd\r\nbytes \xff here. ";
  Report report;
  report.claims = {Result(text, 2, 5, Verdict::kSupported)};
  EXPECT_EQ(RenderRewrite(text, report), text);
}

TEST(RenderRewriteTest, SkipsOutOfRangeAndOverlappingSpans) {
  const std::string text = "Paris is in Spain.";
  Report report;
  report.claims = {Result(text, 0, 17, Verdict::kRefuted, {}, "Paris is in France"),
                   Result(text, 6, 17, Verdict::kRefuted, {}, "overlap"),
                   Result(text, 0, 17, Verdict::kRefuted, {}, "x")};
  report.claims.back().claim.span = {10, 99};
  EXPECT_EQ(RenderRewrite(text, report), "Paris is in France.");
}

TEST(RewriteSentenceTest, SpansRelativeToFullText) {
  const std::string text = "Paris is big. Berlin is in Spain. Rome is old.";
  Report report;
  report.claims = {Result(text, 0, 12, Verdict::kRefuted),
                   Result(text, 14, 32, Verdict::kRefuted, {}, "Berlin is in Germany"),
                   Result(text, 34, 45, Verdict::kRefuted, {}, "Rome is ancient")};
  // The middle piece with the white space before it: only the claim inside it applies.
  std::string_view piece = std::string_view(text).substr(13, 20);
  EXPECT_EQ(RewriteSentence(piece, 13, report.claims), " Berlin is in Germany.");
  // Pieces concatenate to the whole-text rendering.
  std::string joined = RewriteSentence(std::string_view(text).substr(0, 13), 0, report.claims) +
                       RewriteSentence(piece, 13, report.claims) +
                       RewriteSentence(std::string_view(text).substr(33), 33, report.claims);
  EXPECT_EQ(joined, RenderRewrite(text, report));
}

}  // namespace
}  // namespace fg
