#include "sources/document_reader.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fg {
namespace {

namespace fs = std::filesystem;

class DocumentReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "fg_reader_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  Status Read(const std::string& path, ReaderOptions options = {}) {
    docs_.clear();
    problems_.clear();
    return ReadDocuments(
        path,
        [this](Document&& d) {
          docs_.push_back(std::move(d));
          return Status::Ok();
        },
        &problems_, options);
  }

  fs::path dir_;
  std::vector<Document> docs_;
  std::vector<InputProblem> problems_;
};

TEST_F(DocumentReaderTest, ReadsJsonlFields) {
  std::string path =
      Write("corpus.jsonl", R"({"id":"a","title":"Lincoln","text":"Lincoln was born in 1809.",)"
                            R"("url":"https://x/a","date":"2020-01-01","source":"wiki"})"
                            "\n\n"
                            R"({"id":"b","text":"Second.","url":null})"
                            "\r\n");
  ASSERT_TRUE(Read(path).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_TRUE(problems_.empty());
  EXPECT_EQ(docs_[0].id, "a");
  EXPECT_EQ(docs_[0].title, "Lincoln");
  EXPECT_EQ(docs_[0].text, "Lincoln was born in 1809.");
  EXPECT_EQ(docs_[0].url, "https://x/a");
  EXPECT_EQ(docs_[0].date, "2020-01-01");
  EXPECT_EQ(docs_[0].source, "wiki");
  EXPECT_EQ(docs_[1].id, "b");
  EXPECT_EQ(docs_[1].text, "Second.");
  EXPECT_EQ(docs_[1].url, "");
  EXPECT_EQ(docs_[1].source, "corpus.jsonl");  // defaults to the file name
}

TEST_F(DocumentReaderTest, ReportsMalformedLinesWithLineNumbers) {
  struct Case {
    std::string line;
    std::string reason_part;
  };
  const std::vector<Case> bad = {
      {R"({"id":"x","text":)", "invalid JSON"},
      {R"(["id","text"])", "not a JSON object"},
      {R"({"text":"no id"})", "missing field \"id\""},
      {R"({"id":"","text":"empty id"})", "field \"id\" is empty"},
      {R"({"id":"y"})", "missing field \"text\""},
      {R"({"id":"y","text":""})", "field \"text\" is empty"},
      {R"({"id":7,"text":"numeric id"})", "field \"id\" must be a string"},
      {R"({"id":"z","text":"t","title":["x"]})", "field \"title\" must be a string"},
      {"{\"id\":\"z\",\"text\":\"bad \xff utf8\"}", "invalid JSON"},
  };
  std::string content = R"({"id":"good1","text":"One."})"
                        "\n";
  for (const Case& c : bad) content += c.line + "\n";
  content += R"({"id":"good2","text":"Two."})";  // no final newline
  ASSERT_TRUE(Read(Write("mixed.jsonl", content)).ok());
  ASSERT_EQ(docs_.size(), 2u);
  EXPECT_EQ(docs_[0].id, "good1");
  EXPECT_EQ(docs_[1].id, "good2");
  ASSERT_EQ(problems_.size(), bad.size());
  for (size_t i = 0; i < bad.size(); ++i) {
    SCOPED_TRACE(bad[i].line);
    EXPECT_EQ(problems_[i].line, i + 2);
    EXPECT_NE(problems_[i].reason.find(bad[i].reason_part), std::string::npos)
        << problems_[i].reason;
    EXPECT_NE(problems_[i].file.find("mixed.jsonl"), std::string::npos);
  }
}

TEST_F(DocumentReaderTest, ReadsTextFileWithStemTitle) {
  std::string path = Write("whales.txt", "Whales are mammals.\nThey breathe air.\n");
  ASSERT_TRUE(Read(path).ok());
  ASSERT_EQ(docs_.size(), 1u);
  EXPECT_EQ(docs_[0].id, "whales.txt");
  EXPECT_EQ(docs_[0].title, "whales");
  EXPECT_EQ(docs_[0].text, "Whales are mammals.\nThey breathe air.\n");
}

TEST_F(DocumentReaderTest, TakesMarkdownTitleFromFirstHeading) {
  struct Case {
    std::string content;
    std::string title;
  };
  const std::vector<Case> cases = {
      {"# Abraham Lincoln\n\nHe was president.\n", "Abraham Lincoln"},
      {"Intro line.\n\n## Second Level ##\n", "Second Level"},
      {"```\n# not a heading\n```\n# Real\n", "Real"},
      {"#hashtag is not a heading\n", "notes"},
      {"No heading at all.\n", "notes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.content);
    ASSERT_TRUE(Read(Write("notes.md", c.content)).ok());
    ASSERT_EQ(docs_.size(), 1u);
    EXPECT_EQ(docs_[0].id, "notes.md");
    EXPECT_EQ(docs_[0].title, c.title);
    EXPECT_EQ(docs_[0].text, c.content);
  }
}

TEST_F(DocumentReaderTest, RefusesBinaryAndInvalidUtf8) {
  std::string nul("abc\0def", 7);
  Status s = Read(Write("bin.txt", nul));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("bin.txt"), std::string::npos);
  EXPECT_NE(s.message().find("binary"), std::string::npos);

  s = Read(Write("latin1.md", "caf\xe9\n"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);

  s = Read(Write("bin.jsonl", std::string("\x7f"
                                          "ELF\0\0\0",
                                          7)));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(docs_.empty());
}

TEST_F(DocumentReaderTest, ReportsMissingFileDirectoryAndUnknownType) {
  Status s = Read((dir_ / "missing.jsonl").string());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("missing.jsonl"), std::string::npos);

  fs::create_directory(dir_ / "sub.md");
  EXPECT_EQ(Read((dir_ / "sub.md").string()).code(), Status::Code::kInvalidArgument);

  s = Read(Write("table.csv", "a,b\n"));
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find(".csv"), std::string::npos);
}

TEST_F(DocumentReaderTest, RefusesOversizedDocuments) {
  ReaderOptions small;
  small.max_document_bytes = 16;
  Status s = Read(Write("big.txt", std::string(17, 'a')), small);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(s.message().find("big.txt"), std::string::npos);

  ASSERT_TRUE(Read(Write("ok.txt", std::string(16, 'a')), small).ok());
  EXPECT_EQ(docs_.size(), 1u);

  s = Read(Write("big.jsonl", R"({"id":"a","text":"short"})"
                              "\n"
                              R"({"id":"b","text":"this text is far too long"})"
                              "\n"),
           small);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
  EXPECT_NE(s.message().find("big.jsonl:2"), std::string::npos) << s.message();
  EXPECT_EQ(docs_.size(), 1u);

  // A line far longer than any acceptable document is refused without being buffered whole.
  s = Read(Write("huge.jsonl", std::string(1 << 20, ' ')), small);
  EXPECT_EQ(s.code(), Status::Code::kResourceExhausted);
}

TEST_F(DocumentReaderTest, CallbackErrorStopsReading) {
  std::string path =
      Write("two.jsonl", "{\"id\":\"a\",\"text\":\"A.\"}\n{\"id\":\"b\",\"text\":\"B.\"}\n");
  int calls = 0;
  Status s = ReadDocuments(
      path,
      [&](Document&&) {
        ++calls;
        return Status::Unavailable("stop");
      },
      nullptr);
  EXPECT_EQ(s.code(), Status::Code::kUnavailable);
  EXPECT_EQ(calls, 1);
}

TEST(Utf8Test, ValidatesEncoding) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
}

}  // namespace
}  // namespace fg

namespace fg {
namespace {

rapidjson::Document Json(const char* text) {
  rapidjson::Document doc;
  doc.Parse(text);
  return doc;
}

TEST(DocumentFromJsonTest, ReadsTheJsonlLineShape) {
  auto doc = DocumentFromJson(
      Json(
          R"({"id":"rome","title":"Rome","text":"Rome is in Italy.","url":"https://x","date":null})"),
      "api");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->id, "rome");
  EXPECT_EQ(doc->title, "Rome");
  EXPECT_EQ(doc->url, "https://x");
  EXPECT_EQ(doc->source, "api");  // the default when the object names none
}

TEST(DocumentFromJsonTest, RefusesWhatALineWouldRefuse) {
  EXPECT_EQ(DocumentFromJson(Json(R"([1])"), "api").status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(DocumentFromJson(Json(R"({"id":"x"})"), "api").status().message(),
            "missing field \"text\"");
  EXPECT_EQ(DocumentFromJson(Json(R"({"id":"","text":"t"})"), "api").status().message(),
            "field \"id\" is empty");
  EXPECT_EQ(DocumentFromJson(Json(R"({"id":"x","text":"t","title":3})"), "api").status().message(),
            "field \"title\" must be a string");
  ReaderOptions small;
  small.max_document_bytes = 3;
  EXPECT_EQ(
      DocumentFromJson(Json(R"({"id":"x","text":"long text"})"), "api", small).status().code(),
      Status::Code::kResourceExhausted);
}

}  // namespace
}  // namespace fg
