// End-to-end tests of the factgate command line: index a small corpus, verify a text, evaluate,
// and the error paths (bad lines, unreadable files, missing KB, binary input).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>

#include "tests/integration/cli_support.h"

namespace fg::testing {
namespace {

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = SourceDir() + "/tests/data/mini_corpus.jsonl";
    kb_ = (dir_.path() / "kb").string();
    wordnet_flag_ = std::filesystem::exists("/usr/share/wordnet/data.noun") ? "" : " --no-wordnet";
  }
  rapidjson::Document Json(const std::string& text) {
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    EXPECT_FALSE(doc.HasParseError()) << text;
    return doc;
  }
  size_t KbDocuments() {
    CommandResult r = RunFactgate("kb stats --kb " + kb_);
    EXPECT_EQ(r.code, 0) << r.err;
    return Json(r.out)["documents"].GetUint64();
  }
  TempDir dir_;
  std::string corpus_, kb_, wordnet_flag_;
};

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* cmd : {"--help", "index --help", "kb --help", "verify --help", "eval --help"}) {
    CommandResult r = RunFactgate(cmd);
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd;
  }
  CommandResult r = RunFactgate("frobnicate");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command"), std::string::npos);
  r = RunFactgate("verify --kb x --bogus");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown option --bogus"), std::string::npos);
}

TEST_F(CliTest, IndexSkipsBadLinesAndReplacesById) {
  CommandResult r = RunFactgate("index --kb " + kb_ + " " + corpus_);
  EXPECT_EQ(r.code, 1) << r.err;  // some lines were bad
  EXPECT_NE(r.err.find("mini_corpus.jsonl:5:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("mini_corpus.jsonl:6:"), std::string::npos) << r.err;
  EXPECT_EQ(Json(r.out)["documents_added"].GetUint64(), 4u);
  EXPECT_EQ(KbDocuments(), 4u);
  r = RunFactgate("index --kb " + kb_ + " " + corpus_);
  EXPECT_EQ(Json(r.out)["documents_replaced"].GetUint64(), 4u);
  EXPECT_EQ(KbDocuments(), 4u);  // no duplicates
  r = RunFactgate("index --kb " + kb_ + " --delete paris");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(KbDocuments(), 3u);
}

TEST_F(CliTest, UnreadableInputLeavesKbUnchanged) {
  ASSERT_EQ(RunFactgate("index --kb " + kb_ + " " + corpus_).code, 1);
  std::ofstream(dir_.path() / "binary.txt", std::ios::binary) << std::string("ab\0cd", 5);
  std::ofstream(dir_.path() / "more.md") << "# More\n\nA new document.\n";
  CommandResult r = RunFactgate("index --kb " + kb_ + " " + (dir_.path() / "more.md").string() +
                                " " + (dir_.path() / "binary.txt").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nothing was changed"), std::string::npos) << r.err;
  EXPECT_EQ(KbDocuments(), 4u);
  r = RunFactgate("index --kb " + kb_ + " /no/such/file.jsonl");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(KbDocuments(), 4u);
}

TEST_F(CliTest, VerifyReportsVerdictsQuotesAndSpans) {
  ASSERT_EQ(RunFactgate("index --kb " + kb_ + " " + corpus_).code, 1);
  std::string answer_path = SourceDir() + "/tests/data/answer.md";
  std::string answer = ReadAll(answer_path);
  CommandResult r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " " + answer_path);
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document doc = Json(r.out);
  const auto& claims = doc["claims"];
  ASSERT_TRUE(claims.IsArray());
  bool saw_booth = false, saw_born = false, saw_arith = false;
  for (const auto& c : claims.GetArray()) {
    std::string text = c["text"].GetString();
    size_t b = c["span"][0].GetUint64(), e = c["span"][1].GetUint64();
    EXPECT_EQ(answer.substr(b, e - b), text);
    EXPECT_EQ(text.find("1700"), std::string::npos) << "code block became a claim";
    EXPECT_EQ(text.find("Do you want"), std::string::npos) << "question became a claim";
    std::string verdict = c["verdict"].GetString();
    if (text.find("Booth") != std::string::npos) {
      saw_booth = true;
      EXPECT_EQ(verdict, "supported");
      ASSERT_GE(c["citations"].Size(), 1u);
      const auto& cit = c["citations"][0];
      EXPECT_STREQ(cit["doc_id"].GetString(), "lincoln");
      EXPECT_STREQ(cit["url"].GetString(), "https://example.org/wiki/Abraham_Lincoln");
      std::string quote = cit["quote"].GetString();
      EXPECT_NE(quote.find("assassinated by John Wilkes Booth"), std::string::npos);
      // quote_span points into the stored document text.
      std::string doc_text =
          "Abraham Lincoln was the 16th President of the United States. He was born on February "
          "12, 1809, in Kentucky. Lincoln was assassinated by John Wilkes Booth in 1865.";
      size_t qb = cit["quote_span"][0].GetUint64(), qe = cit["quote_span"][1].GetUint64();
      EXPECT_EQ(doc_text.substr(qb, qe - qb), quote);
    }
    if (text.find("1820") != std::string::npos) {
      saw_born = true;
      EXPECT_EQ(verdict, "refuted");
      ASSERT_TRUE(c["correction"].IsString());
      EXPECT_NE(std::string(c["correction"].GetString()).find("1809"), std::string::npos);
    }
    if (text.find("220") != std::string::npos) {
      saw_arith = true;
      EXPECT_EQ(verdict, "refuted");
      EXPECT_STREQ(c["verifier"].GetString(), "comparison");
    }
  }
  EXPECT_TRUE(saw_booth && saw_born && saw_arith) << r.out;
  EXPECT_EQ(doc["summary"]["claims"].GetUint64(), claims.Size());
  EXPECT_TRUE(doc["summary"]["checked"].GetBool());
}

TEST_F(CliTest, VerifyRefusesBadInputClearly) {
  CommandResult r = RunFactgate("verify --kb " + kb_ + " " + corpus_);
  EXPECT_EQ(r.code, 2);  // no KB there yet
  EXPECT_FALSE(r.err.empty());
  ASSERT_EQ(RunFactgate("index --kb " + kb_ + " " + corpus_).code, 1);
  std::ofstream(dir_.path() / "bin.dat", std::ios::binary) << std::string("\x01\x00\xff", 3);
  r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " " + (dir_.path() / "bin.dat").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("not UTF-8 text"), std::string::npos) << r.err;
  r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " /no/such/file");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
  r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " --max-bytes 10 " + corpus_);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("limit"), std::string::npos) << r.err;
  std::ofstream(dir_.path() / "empty.txt") << "";
  r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " -",
                  (dir_.path() / "empty.txt").string());
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["summary"]["claims"].GetUint64(), 0u);
}

TEST_F(CliTest, EvalPairsPrintsMetrics) {
  std::ofstream(dir_.path() / "pairs.jsonl")
      << R"({"id": "1", "claim": "Paris is the capital of France.", "evidence": "Paris is the capital and largest city of France.", "label": "SUPPORTED"})"
      << "\n"
      << R"({"id": "2", "claim": "The Nile is in South America.", "evidence": "The Nile is a river in northeastern Africa.", "label": "NOT_SUPPORTED"})"
      << "\nnot json\n";
  std::string predictions = (dir_.path() / "predictions.jsonl").string();
  CommandResult r = RunFactgate("eval" + wordnet_flag_ + " --pairs " +
                                (dir_.path() / "pairs.jsonl").string() + " --predictions " +
                                predictions);
  EXPECT_EQ(r.code, 1) << r.err;  // one bad line
  EXPECT_NE(r.err.find("pairs.jsonl:3:"), std::string::npos);
  rapidjson::Document doc = Json(r.out);
  EXPECT_EQ(doc["n"].GetUint64(), 2u);
  EXPECT_TRUE(doc["evidence_recall_at_5"].IsNull());
  EXPECT_TRUE(doc["labels"].HasMember("SUPPORTED"));
  EXPECT_DOUBLE_EQ(doc["accuracy"].GetDouble(), 1.0) << r.out;
  // One prediction line per pair, in input order.
  std::istringstream lines(ReadAll(predictions));
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(lines, line)) ids.push_back(Json(line)["id"].GetString());
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2"}));
}

TEST_F(CliTest, EvalClaimsMeasuresRetrieval) {
  std::ofstream(dir_.path() / "claims.jsonl")
      << R"({"id": "1", "claim": "Lincoln was assassinated by John Wilkes Booth.", "label": "SUPPORTED", "evidence": ["lincoln"]})"
      << "\n"
      << R"({"id": "2", "claim": "Mount Everest is the highest mountain in the world.", "label": "SUPPORTED", "evidence": ["everest"]})"
      << "\n";
  CommandResult r = RunFactgate("eval" + wordnet_flag_ + " --kb " + kb_ + " --corpus " + corpus_ +
                                " --claims " + (dir_.path() / "claims.jsonl").string());
  EXPECT_EQ(r.code, 0) << r.err;
  rapidjson::Document doc = Json(r.out);
  EXPECT_DOUBLE_EQ(doc["evidence_recall_at_5"].GetDouble(), 1.0) << r.out;
  EXPECT_DOUBLE_EQ(doc["citation_precision"].GetDouble(), 1.0) << r.out;
}

}  // namespace
}  // namespace fg::testing
