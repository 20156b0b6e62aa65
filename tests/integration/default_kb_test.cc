// End to end on the default knowledge base: build it from WordNet (as the README's quick start
// does, GCIDE left out to save time), then verify the bundled example answer and a table of
// statements about people and places whose verdicts WordNet's glosses decide. Skips when WordNet
// (Debian package wordnet-base) is not installed.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <memory>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

struct Seen {
  std::string verdict, verifier, correction, doc_id;
};

class DefaultKbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists("/usr/share/wordnet/data.noun")) return;
    dir_ = new TempDir();
    CommandResult built =
        RunFactgate("kb build-default --no-gcide --kb " + (dir_->path() / "kb").string());
    ASSERT_EQ(built.code, 0) << built.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr) GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  }
  // Verifies the text in `path` and returns what each claim came to, by claim text.
  std::map<std::string, Seen> Verify(const std::string& path) {
    CommandResult r = RunFactgate("verify --kb " + (dir_->path() / "kb").string() + " " + path);
    EXPECT_EQ(r.code, 0) << r.err;
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_FALSE(doc.HasParseError()) << r.out;
    std::map<std::string, Seen> by_text;
    if (doc.HasParseError()) return by_text;
    for (const auto& c : doc["claims"].GetArray()) {
      by_text[c["text"].GetString()] = {
          c["verdict"].GetString(), c["verifier"].GetString(),
          c["correction"].IsString() ? c["correction"].GetString() : "",
          c["citations"].Size() > 0 ? c["citations"][0]["doc_id"].GetString() : ""};
    }
    return by_text;
  }
  static TempDir* dir_;
};

TempDir* DefaultKbTest::dir_ = nullptr;

TEST_F(DefaultKbTest, VerifiesTheBundledExampleAnswer) {
  auto by_text = Verify(SourceDir() + "/config/examples/answer.md");
  const Seen& born = by_text["Lincoln was born in 1820"];
  EXPECT_EQ(born.verdict, "refuted");
  EXPECT_EQ(born.verifier, "temporal");
  EXPECT_EQ(born.correction, "Lincoln was born in 1809");
  EXPECT_EQ(born.doc_id, "wn:n11132462");  // WordNet's Abraham Lincoln synset
  EXPECT_EQ(by_text["Abraham Lincoln was assassinated by John Wilkes Booth"].verdict, "supported");
  const Seen& everest = by_text["Mount Everest is 35,000 feet high"];
  EXPECT_EQ(everest.verdict, "refuted");
  EXPECT_EQ(everest.correction, "Mount Everest is 29,028 feet high");
  EXPECT_EQ(by_text["Wolfgang Amadeus Mozart died in 1791"].verdict, "supported");
  EXPECT_EQ(by_text["220 is less than 200"].verifier, "comparison");
  for (const auto& [text, seen] : by_text) {
    EXPECT_EQ(text.find("fascinating"), std::string::npos) << "an opinion became a claim";
    EXPECT_EQ(text.find("Do you want"), std::string::npos) << "a question became a claim";
    EXPECT_EQ(text.find("Sure"), std::string::npos) << "a greeting became a claim";
  }
}

// Each line was a wrong verdict at some point, or guards one that came right with a fix.
TEST_F(DefaultKbTest, DecidesStatementsTheGlossesSettle) {
  const std::map<std::string, std::string> want = {
      {"Mozart was born in 1756", "supported"},
      {"Mozart was born in 1770", "refuted"},  // not from Schnabel's gloss, which names Mozart
      {"Beethoven was a German composer", "supported"},
      {"Einstein was born in Germany", "supported"},
      {"Charles Darwin died in 1882", "supported"},
      {"Charles Darwin died in 1900", "refuted"},
      {"Mount Kilimanjaro is in Tanzania", "supported"},
      {"The Nile is 4150 miles long", "supported"},
      {"The Nile is 2000 miles long", "refuted"},
      {"Paris is the capital of France", "supported"},
      {"Canberra is the capital of Australia", "supported"},
      {"George Washington was the first President of the United States", "supported"},
      {"Queen Victoria died in 1850", "refuted"},
      {"Mercury is the largest planet in the solar system", "refuted"},
      // Never supported: another country, another subject, another predicate.
      {"Beethoven was an Italian painter", "not_enough_info"},
      {"Einstein was born in France", "not_enough_info"},
      {"Mount Kilimanjaro is in Peru", "not_enough_info"},
      {"Paris is the capital of Italy", "not_enough_info"},
      {"Albert Einstein formulated the laws of motion", "not_enough_info"},
      {"Thomas Jefferson was the first President of the United States", "not_enough_info"},
  };
  std::string text;
  for (const auto& [statement, verdict] : want) text += statement + ".\n\n";
  TempDir dir;
  auto by_text = Verify(dir.Write("statements.md", text).string());
  for (const auto& [statement, verdict] : want) {
    ASSERT_TRUE(by_text.count(statement)) << "not extracted: " << statement;
    EXPECT_EQ(by_text[statement].verdict, verdict) << statement;
  }
}

}  // namespace
}  // namespace fg::testing
