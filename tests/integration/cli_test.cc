// End-to-end tests of the factgate command line: index a small corpus, verify a text, evaluate,
// and the error paths (bad lines, unreadable files, missing KB, binary input).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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
  for (const char* cmd :
       {"--help", "index --help", "kb --help", "verify --help", "eval --help", "train --help"}) {
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

// Regression: a claim that writes a name without its accents ("Larrain") found no passage of
// "Ricardo Larra\u00edn", and the existence expert reported the director as unknown to the KB.
TEST_F(CliTest, VerifyMatchesNamesWrittenWithoutTheirAccents) {
  std::string docs = (dir_.path() / "accents.jsonl").string();
  std::ofstream(docs) << R"({"id":"larrain","title":"Ricardo Larra\u00edn","text":"Ricardo )"
                         R"(Larra\u00edn is a Chilean film director. Larra\u00edn directed the )"
                         R"(film La Frontera in 1991."})"
                      << "\n"
                      << R"({"id":"chile","title":"Cinema of Chile","text":"Chile has made )"
                         R"(films since the silent era."})"
                      << "\n";
  ASSERT_EQ(RunFactgate("index --kb " + kb_ + " " + docs).code, 0);
  std::string answer = (dir_.path() / "answer.txt").string();
  std::ofstream(answer) << "Ricardo Larrain directed La Frontera in 1991. Ricardo Larrain "
                           "directed La Frontera in 1995.";
  CommandResult r = RunFactgate("verify --kb " + kb_ + wordnet_flag_ + " " + answer);
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document doc = Json(r.out);
  const auto& claims = doc["claims"];
  ASSERT_EQ(claims.Size(), 2u) << r.out;
  EXPECT_STREQ(claims[0]["verdict"].GetString(), "supported") << r.out;
  ASSERT_GE(claims[0]["citations"].Size(), 1u);
  EXPECT_STREQ(claims[0]["citations"][0]["doc_id"].GetString(), "larrain");
  EXPECT_STREQ(claims[1]["verdict"].GetString(), "refuted") << r.out;
  ASSERT_TRUE(claims[1]["correction"].IsString()) << r.out;
  EXPECT_NE(std::string(claims[1]["correction"].GetString()).find("1991"), std::string::npos);
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
  CommandResult r =
      RunFactgate("eval" + wordnet_flag_ + " --pairs " + (dir_.path() / "pairs.jsonl").string() +
                  " --predictions " + predictions);
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
  size_t with_probabilities = 0;  // the shipped model gives its pairs their probabilities
  std::vector<std::string> verifiers;
  while (std::getline(lines, line)) {
    rapidjson::Document p = Json(line);
    ids.push_back(p["id"].GetString());
    verifiers.push_back(p["verifier"].GetString());
    // The confidence is that of the predicted label, as ECE counts it: on a SUPPORTED /
    // NOT_SUPPORTED set, P(supported) or its complement (regression: it was the most probable
    // of the three verdicts' probabilities).
    if (p.HasMember("probabilities")) {
      ++with_probabilities;
      double supported = p["probabilities"]["supported"].GetDouble();
      bool said_supported = std::string(p["predicted"].GetString()) == "SUPPORTED";
      EXPECT_DOUBLE_EQ(p["confidence"].GetDouble(), said_supported ? supported : 1 - supported);
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "2"}));
  // The Nile's continent is the place expert's alone to decide (WordNet puts Africa elsewhere
  // than South America); a verdict an expert decides alone has no model probabilities.
  ASSERT_EQ(verifiers.size(), 2u);
  EXPECT_EQ(verifiers[1], "place");
  EXPECT_EQ(with_probabilities, 1u);
}

TEST_F(CliTest, EvalClaimsMeasuresRetrieval) {
  std::ofstream(dir_.path() / "claims.jsonl")
      << R"({"id": "1", "claim": "Lincoln was assassinated by John Wilkes Booth.", "label": "SUPPORTED", "evidence": ["lincoln"]})"
      << "\n"
      << R"({"id": "2", "claim": "Mount Everest is the highest mountain in the world.", "label": "SUPPORTED", "evidence": ["everest"]})"
      << "\n";
  std::string predictions = (dir_.path() / "predictions.jsonl").string();
  CommandResult r =
      RunFactgate("eval" + wordnet_flag_ + " --kb " + kb_ + " --corpus " + corpus_ + " --claims " +
                  (dir_.path() / "claims.jsonl").string() + " --predictions " + predictions);
  EXPECT_EQ(r.code, 0) << r.err;
  rapidjson::Document doc = Json(r.out);
  EXPECT_DOUBLE_EQ(doc["evidence_recall_at_5"].GetDouble(), 1.0) << r.out;
  EXPECT_DOUBLE_EQ(doc["citation_precision"].GetDouble(), 1.0) << r.out;
  // Each prediction line names the top documents and the documents its citations quote, which
  // citation precision counts.
  std::istringstream lines(ReadAll(predictions));
  std::string line;
  std::vector<std::string> cited;
  while (std::getline(lines, line)) {
    rapidjson::Document p = Json(line);
    ASSERT_TRUE(p["top_docs"].IsArray() && p["top_docs"].Size() > 0) << line;
    ASSERT_TRUE(p["cited_docs"].IsArray()) << line;
    for (const auto& d : p["cited_docs"].GetArray()) cited.push_back(d.GetString());
  }
  EXPECT_EQ(cited, (std::vector<std::string>{"lincoln", "everest"}));
}

// `factgate train` on a small generated datasets folder: a model file that eval loads and uses,
// byte-identical when trained again, and clear errors for bad set-ups.
TEST_F(CliTest, TrainWritesADeterministicModelThatEvalLoads) {
  std::filesystem::path data = dir_.path() / "datasets";
  std::filesystem::create_directories(data / "toy-pairs");
  std::filesystem::create_directories(data / "toy-three");
  const std::vector<std::string> places = {"France", "Spain",  "Italy",  "Peru",   "Chile",
                                           "Kenya",  "Norway", "Japan",  "Canada", "Egypt",
                                           "India",  "Ghana",  "Mexico", "Poland", "Greece"};
  std::ofstream binary(data / "toy-pairs" / "pairs.jsonl");
  std::ofstream three(data / "toy-three" / "pairs.jsonl");
  for (size_t round = 0; round < 8; ++round) {
    for (size_t i = 0; i < places.size(); ++i) {
      std::string city = "City" + std::to_string(round * 100 + i);
      std::string place = places[i], other = places[(i + 1) % places.size()];
      std::string evidence = city + " is the capital and largest city of " + place + ".";
      std::string id = std::to_string(round) + "-" + std::to_string(i);
      binary << R"({"id": "s)" << id << R"(", "claim": ")" << city << " is the capital of " << place
             << R"(.", "evidence": ")" << evidence << R"(", "label": "SUPPORTED"})"
             << "\n";
      binary << R"({"id": "n)" << id << R"(", "claim": ")" << city << " is the capital of " << other
             << R"(.", "evidence": ")" << evidence << R"(", "label": "NOT_SUPPORTED"})"
             << "\n";
      three << R"({"id": "r)" << id << R"(", "claim": ")" << city << " is not the capital of "
            << place << R"(.", "evidence": ")" << evidence << R"(", "label": "REFUTED"})"
            << "\n";
      three << R"({"id": "e)" << id << R"(", "claim": ")" << city << " has a famous harbour"
            << R"(.", "evidence": ")" << evidence << R"(", "label": "NOT_ENOUGH_INFO"})"
            << "\n";
    }
  }
  binary.close();
  three.close();
  // A claims-mode set: a corpus and claims naming their evidence document, for the relevance head.
  std::filesystem::create_directories(data / "toy-claims");
  std::ofstream corpus(data / "toy-claims" / "corpus.jsonl");
  std::ofstream claims(data / "toy-claims" / "claims.jsonl");
  for (size_t i = 0; i < 60; ++i) {
    std::string town = "Town" + std::to_string(i);
    std::string place = places[i % places.size()];
    corpus << R"({"id": "d)" << i << R"(", "title": ")" << town << R"(", "text": ")" << town
           << " is a market town in " << place << R"(."})"
           << "\n";
    corpus << R"({"id": "r)" << i << R"(", "title": "Reference )" << i << R"(", "text": "\")"
           << town << R"( in )" << place << R"( travel guide\"."})"
           << "\n";
    claims << R"({"id": "c)" << i << R"(", "claim": ")" << town << " is a town in " << place
           << R"(.", "label": "SUPPORTED", "evidence": ["d)" << i << R"("]})"
           << "\n";
  }
  corpus.close();
  claims.close();
  std::string model = (dir_.path() / "model.json").string();
  std::string again = (dir_.path() / "again.json").string();
  std::string common = " --datasets " + data.string() + " --rounds 20" + wordnet_flag_;
  CommandResult r = RunFactgate("train" + common + " --out " + model);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"train_rows\""), std::string::npos) << r.out;
  r = RunFactgate("train" + common + " --threads 1 --out " + again);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(ReadAll(model), ReadAll(again)) << "training is not deterministic";
  EXPECT_FALSE(std::filesystem::exists(model + ".tmp"));

  // The model decides: the toy supported pairs come back supported, the others not.
  r = RunFactgate("eval" + wordnet_flag_ + " --model " + model + " --pairs " +
                  (data / "toy-pairs" / "pairs.jsonl").string() + " --split dev");
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document m = Json(r.out);
  EXPECT_GE(m["balanced_accuracy"].GetDouble(), 0.9) << r.out;
  r = RunFactgate("eval" + wordnet_flag_ + " --model " + model + " --pairs " +
                  (data / "toy-three" / "pairs.jsonl").string() + " --split dev");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_GE(Json(r.out)["macro_f1"].GetDouble(), 0.9) << r.out;

  // The relevance head was trained on the claims set's retrieved pools, and eval re-ranks with it.
  rapidjson::Document model_doc = Json(ReadAll(model));
  ASSERT_TRUE(model_doc.HasMember("relevance"));
  EXPECT_EQ(model_doc["relevance"]["features"].Size(),
            model_doc["training"]["relevance"]["feature_gain"].MemberCount());
  EXPECT_GT(model_doc["relevance"]["head"]["trees"].Size(), 0u);
  const auto& relevance = model_doc["training"]["relevance"];
  ASSERT_TRUE(relevance.IsObject());
  EXPECT_GT(relevance["train_claims"].GetUint(), 0u);
  EXPECT_GE(relevance["calibration_recall_at_5_head"].GetDouble(), 0.9);
  std::string claims_args = " --corpus " + (data / "toy-claims" / "corpus.jsonl").string() +
                            " --claims " + (data / "toy-claims" / "claims.jsonl").string();
  std::string toy_kb = (dir_.path() / "toy-kb").string();
  r = RunFactgate("eval" + wordnet_flag_ + " --model " + model + claims_args + " --rerank-model" +
                  " --kb " + toy_kb);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_GE(Json(r.out)["evidence_recall_at_5"].GetDouble(), 0.9) << r.out;
  r = RunFactgate("eval" + wordnet_flag_ + " --model " + model + claims_args);  // the formula
  ASSERT_EQ(r.code, 0) << r.err;
  std::filesystem::path answer = dir_.path() / "town.txt";
  std::ofstream(answer) << "Town7 is a town in " << places[7] << ".\n";
  r = RunFactgate("verify --compact" + wordnet_flag_ + " --model " + model + " --kb " + toy_kb +
                  " --rerank-model " + answer.string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json(r.out)["claims"].Size(), 1u) << r.out;
  std::string no_relevance = (dir_.path() / "no-relevance.json").string();
  r = RunFactgate("train" + common + " --no-relevance --out " + no_relevance);
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document plain = Json(ReadAll(no_relevance));
  EXPECT_FALSE(plain.HasMember("relevance"));
  EXPECT_NE(std::string(plain["training"]["command"].GetString()).find("--no-relevance"),
            std::string::npos);

  // Leaving a dataset out changes what is learned; the training record says so.
  std::string left = (dir_.path() / "left.json").string();
  r = RunFactgate("train" + common + " --leave-out toy-three --out " + left);
  ASSERT_EQ(r.code, 0) << r.err;
  std::string left_text = ReadAll(left);
  rapidjson::Document left_doc = Json(left_text);
  ASSERT_TRUE(left_doc["training"]["left_out"].IsArray());
  ASSERT_EQ(left_doc["training"]["left_out"].Size(), 1u);
  EXPECT_STREQ(left_doc["training"]["left_out"][0].GetString(), "toy-three");
  EXPECT_NE(left_text, ReadAll(model));

  // Dropping features (for measuring what they add): recorded, and the trees never read them.
  std::string without = (dir_.path() / "without.json").string();
  r = RunFactgate("train" + common + " --drop-features lexical_*,align_0 --out " + without);
  ASSERT_EQ(r.code, 0) << r.err;
  rapidjson::Document without_doc = Json(ReadAll(without));
  const auto& dropped = without_doc["training"]["dropped_features"];
  ASSERT_TRUE(dropped.IsArray());
  std::vector<std::string> names;
  for (const auto& d : dropped.GetArray()) names.push_back(d.GetString());
  EXPECT_EQ(names, (std::vector<std::string>{"align_0", "lexical_supported", "lexical_refuted"}));
  const auto& features = without_doc["features"];
  for (const char* head : {"supported", "refuted"}) {
    for (const auto& tree : without_doc["heads"][head]["trees"].GetArray()) {
      for (rapidjson::SizeType n = 0; n < tree["feature"].Size(); ++n) {
        if (tree["left"][n].GetInt() < 0) continue;  // a leaf
        std::string used = features[tree["feature"][n].GetUint()].GetString();
        EXPECT_EQ(std::find(names.begin(), names.end(), used), names.end()) << used;
      }
    }
  }
  r = RunFactgate("train" + common + " --drop-features nosuchfeature --out " + without);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no feature \"nosuchfeature\""), std::string::npos) << r.err;

  // Set-up errors: exit 2 with a reason.
  r = RunFactgate("train --datasets " + (dir_.path() / "missing").string() + " --out " + model);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no datasets folder"), std::string::npos) << r.err;
  r = RunFactgate("train --datasets " + data.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  r = RunFactgate("eval --model " + (dir_.path() / "nope.json").string() + " --pairs " +
                  (data / "toy-pairs" / "pairs.jsonl").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("nope.json"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fg::testing
