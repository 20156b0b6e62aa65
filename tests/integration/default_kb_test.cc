// End to end on the default knowledge base: build it from WordNet (as the README's quick start
// does, GCIDE left out to save time), verify the bundled example answer, and check the verdicts the
// README promises. Skips when WordNet (Debian package wordnet-base) is not installed.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <map>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

TEST(DefaultKbTest, VerifiesTheBundledExampleAnswer) {
  if (!std::filesystem::exists("/usr/share/wordnet/data.noun")) {
    GTEST_SKIP() << "WordNet (Debian package wordnet-base) is not installed";
  }
  TempDir dir;
  std::string kb = (dir.path() / "kb").string();
  CommandResult built = RunFactgate("kb build-default --no-gcide --kb " + kb);
  ASSERT_EQ(built.code, 0) << built.err;
  CommandResult r = RunFactgate("verify --kb " + kb + " " + SourceDir() +
                                "/config/examples/answer.md");
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  struct Seen {
    std::string verdict, verifier, correction, doc_id;
  };
  std::map<std::string, Seen> by_text;
  for (const auto& c : doc["claims"].GetArray()) {
    Seen s{c["verdict"].GetString(), c["verifier"].GetString(),
           c["correction"].IsString() ? c["correction"].GetString() : "",
           c["citations"].Size() > 0 ? c["citations"][0]["doc_id"].GetString() : ""};
    by_text[c["text"].GetString()] = s;
  }
  const Seen& born = by_text["Lincoln was born in 1820"];
  EXPECT_EQ(born.verdict, "refuted");
  EXPECT_EQ(born.verifier, "temporal");
  EXPECT_EQ(born.correction, "Lincoln was born in 1809");
  EXPECT_EQ(born.doc_id, "wn:n11132462");  // WordNet's Abraham Lincoln synset
  const Seen& booth = by_text["Abraham Lincoln was assassinated by John Wilkes Booth"];
  EXPECT_EQ(booth.verdict, "supported");
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

}  // namespace
}  // namespace fg::testing
