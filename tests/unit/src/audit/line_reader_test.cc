// Tests for LineReader and CountLines: line splitting, CRLF, over-long lines, gzip detection,
// truncated and corrupt gzip input, standard input, and inputs larger than one read block.
#include "src/audit/line_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg::audit {
namespace {

// What a reader gave for one input: every line, and how reading ended.
struct ReadOutcome {
  std::vector<Line> lines;
  Status status;  // OK when the input was read to its end
};

ReadOutcome ReadAll(const std::string& path, size_t max_line_bytes = 64u << 20) {
  ReadOutcome outcome;
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path, max_line_bytes);
  if (!reader.ok()) {
    outcome.status = reader.status();
    return outcome;
  }
  Line line;
  for (;;) {
    Result<bool> more = (*reader)->Next(&line);
    if (!more.ok()) {
      outcome.status = more.status();
      return outcome;
    }
    if (!*more) return outcome;
    outcome.lines.push_back(line);
  }
}

std::vector<std::string> Texts(const std::vector<Line>& lines) {
  std::vector<std::string> texts;
  for (const Line& line : lines) texts.push_back(line.text);
  return texts;
}

// `bytes` gzip-compressed, written with zlib's own writer.
std::string Gzip(const fg::testing::TempDir& dir, const std::string& bytes) {
  const std::filesystem::path file = dir.path() / "gzip-scratch.gz";
  gzFile out = gzopen(file.c_str(), "wb");
  EXPECT_NE(out, nullptr);
  if (out == nullptr) return "";
  size_t done = 0;
  while (done < bytes.size()) {
    const unsigned chunk = static_cast<unsigned>(std::min<size_t>(bytes.size() - done, 1u << 20));
    EXPECT_EQ(gzwrite(out, bytes.data() + done, chunk), static_cast<int>(chunk));
    done += chunk;
  }
  EXPECT_EQ(gzclose(out), Z_OK);
  std::string compressed;
  {
    std::ifstream in(file, std::ios::binary);
    compressed.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::filesystem::remove(file);
  return compressed;
}

// Lines that do not compress much, so a gzip of them spans many blocks and can be cut mid-stream.
std::string NoisyLines(size_t count) {
  std::string out;
  uint64_t state = 88172645463325252ull;
  for (size_t i = 0; i < count; ++i) {
    out += "{\"n\":" + std::to_string(i) + ",\"x\":\"";
    for (int j = 0; j < 60; ++j) {
      state ^= state << 13;
      state ^= state >> 7;
      state ^= state << 17;
      out += static_cast<char>('!' + state % 90);
    }
    out += "\"}\n";
  }
  return out;
}

void ExpectCount(const std::string& path, size_t expected) {
  Result<size_t> count = CountLines(path);
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(*count, expected) << path;
}

// Points standard input at a file for the life of the object.
class StdinFrom {
 public:
  explicit StdinFrom(const std::filesystem::path& file) : saved_(dup(STDIN_FILENO)) {
    const int fd = open(file.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    EXPECT_GE(dup2(fd, STDIN_FILENO), 0);
    close(fd);
  }
  ~StdinFrom() {
    dup2(saved_, STDIN_FILENO);
    close(saved_);
  }

 private:
  int saved_;
};

class LineReaderTest : public ::testing::Test {
 protected:
  fg::testing::TempDir dir_;
};

TEST_F(LineReaderTest, SplitsLinesTheWayTheContractSays) {
  struct Case {
    const char* name;
    std::string bytes;
    std::vector<std::string> lines;
  };
  const Case kCases[] = {
      {"empty file", "", {}},
      {"one newline", "\n", {""}},
      {"two newlines", "\n\n", {"", ""}},
      {"plain lines", "a\nbb\nccc\n", {"a", "bb", "ccc"}},
      {"no final newline", "a\nbb", {"a", "bb"}},
      {"single line without newline", "abc", {"abc"}},
      {"empty lines kept", "a\n\n\nb\n", {"a", "", "", "b"}},
      {"empty lines at the start", "\n\na", {"", "", "a"}},
      {"crlf", "a\r\nbb\r\n\r\nc\r\n", {"a", "bb", "", "c"}},
      {"crlf without final newline", "a\r\nb", {"a", "b"}},
      {"only the cr right before the newline goes", "a\r\r\nb\rc\n", {"a\r", "b\rc"}},
      {"last line a lone cr", "a\n\r", {"a", ""}},
      {"cr at the end without newline", "a\nb\r", {"a", "b"}},
      {"nul bytes are text", std::string("a\0b\n", 4), {std::string("a\0b", 3)}},
      {"white space is kept", "  a \t\n", {"  a \t"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir_.Write("input.jsonl", c.bytes).string();
    ReadOutcome outcome = ReadAll(path);
    ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
    EXPECT_EQ(Texts(outcome.lines), c.lines);
    for (size_t i = 0; i < outcome.lines.size(); ++i) {
      EXPECT_EQ(outcome.lines[i].number, i + 1);
      EXPECT_FALSE(outcome.lines[i].too_long);
    }
    ExpectCount(path, c.lines.size());
  }
}

TEST_F(LineReaderTest, EndOfInputIsReportedAgain) {
  const std::string path = dir_.Write("input.jsonl", "one\n").string();
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Line line;
  Result<bool> first = (*reader)->Next(&line);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(*first);
  EXPECT_EQ(line.text, "one");
  for (int i = 0; i < 3; ++i) {
    Result<bool> more = (*reader)->Next(&line);
    ASSERT_TRUE(more.ok());
    EXPECT_FALSE(*more);
  }
}

TEST_F(LineReaderTest, SkipsTooLongLineAndReadsTheNextOne) {
  const std::string path =
      dir_.Write("input.jsonl", "12345\n123456\nabc\n1234567890123\r\n12345\r\n123456\r\nend")
          .string();
  ReadOutcome outcome = ReadAll(path, 5);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  ASSERT_EQ(outcome.lines.size(), 7u);
  const bool kTooLong[] = {false, true, false, true, false, true, false};
  const char* kText[] = {"12345", "", "abc", "", "12345", "", "end"};
  for (size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(outcome.lines[i].number, i + 1);
    EXPECT_EQ(outcome.lines[i].too_long, kTooLong[i]);
    EXPECT_EQ(outcome.lines[i].text, kText[i]);
  }
  ExpectCount(path, 7);
}

TEST_F(LineReaderTest, TooLongLastLineWithoutNewline) {
  const std::string path = dir_.Write("input.jsonl", "ok\ntoo long").string();
  ReadOutcome outcome = ReadAll(path, 4);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  ASSERT_EQ(outcome.lines.size(), 2u);
  EXPECT_EQ(outcome.lines[0].text, "ok");
  EXPECT_FALSE(outcome.lines[0].too_long);
  EXPECT_TRUE(outcome.lines[1].too_long);
  EXPECT_EQ(outcome.lines[1].text, "");
  EXPECT_EQ(outcome.lines[1].number, 2u);
}

TEST_F(LineReaderTest, ZeroLimitKeepsOnlyEmptyLines) {
  const std::string path = dir_.Write("input.jsonl", "\na\n\r\n").string();
  ReadOutcome outcome = ReadAll(path, 0);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  ASSERT_EQ(outcome.lines.size(), 3u);
  EXPECT_FALSE(outcome.lines[0].too_long);
  EXPECT_TRUE(outcome.lines[1].too_long);
  EXPECT_FALSE(outcome.lines[2].too_long);
}

TEST_F(LineReaderTest, HugeLineAcrossManyBlocksIsSkippedAndLosesNothingElse) {
  // 3 MiB in one line: more than ten read blocks, far over the 1 KiB limit.
  const std::string huge(3u << 20, 'x');
  const std::string bytes = "before\n" + huge + "\nafter\n" + huge;
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    const std::string path =
        dir_.Write(gzip ? "huge.jsonl.gz" : "huge.jsonl", gzip ? Gzip(dir_, bytes) : bytes)
            .string();
    ReadOutcome outcome = ReadAll(path, 1024);
    ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
    ASSERT_EQ(outcome.lines.size(), 4u);
    EXPECT_EQ(outcome.lines[0].text, "before");
    EXPECT_TRUE(outcome.lines[1].too_long);
    EXPECT_TRUE(outcome.lines[1].text.empty());
    EXPECT_EQ(outcome.lines[2].text, "after");
    EXPECT_FALSE(outcome.lines[2].too_long);
    EXPECT_EQ(outcome.lines[2].number, 3u);
    EXPECT_TRUE(outcome.lines[3].too_long);
    ExpectCount(path, 4);
  }
}

TEST_F(LineReaderTest, LineObjectIsResetBetweenCalls) {
  const std::string path = dir_.Write("input.jsonl", "a long line\nb\n").string();
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path, 3);
  ASSERT_TRUE(reader.ok());
  Line line;
  line.text = "left over";
  ASSERT_TRUE((*reader)->Next(&line).value_or(false));
  EXPECT_TRUE(line.too_long);
  EXPECT_EQ(line.text, "");
  ASSERT_TRUE((*reader)->Next(&line).value_or(false));
  EXPECT_FALSE(line.too_long);
  EXPECT_EQ(line.text, "b");
  EXPECT_EQ(line.number, 2u);
}

TEST_F(LineReaderTest, ReadsLargeInputAcrossBlockBoundaries) {
  // Lines of many lengths, and one that starts just before the 256 KiB block boundary and ends
  // just after it, plus a line holding exactly the bytes up to a boundary.
  std::vector<std::string> expected;
  std::string bytes;
  const size_t kBlock = 256u << 10;
  auto add = [&](std::string text, const char* end) {
    bytes += text;
    bytes += end;
    expected.push_back(std::move(text));
  };
  add(std::string(kBlock - 10, 'a'), "\n");  // ends 9 bytes before the boundary
  add("straddles-the-first-block-boundary", "\r\n");
  for (size_t i = 0; bytes.size() < 2 * kBlock - 1; ++i) {
    add(std::string(i % 700, static_cast<char>('a' + i % 26)), i % 3 == 0 ? "\r\n" : "\n");
  }
  while (bytes.size() < 3 * kBlock - 1) add("", "\n");  // empty lines up to the next boundary
  add(std::string(kBlock * 2 + 17, 'z'), "\n");         // a line longer than two blocks
  for (size_t i = 0; i < 5000; ++i) add("line " + std::to_string(i), "\n");
  add("last, without a newline", "");
  ASSERT_GT(bytes.size(), 4 * kBlock);

  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    const std::string path =
        dir_.Write(gzip ? "large.jsonl.gz" : "large.jsonl", gzip ? Gzip(dir_, bytes) : bytes)
            .string();
    ReadOutcome outcome = ReadAll(path);
    ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
    ASSERT_EQ(outcome.lines.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      ASSERT_EQ(outcome.lines[i].text, expected[i]) << "line " << i + 1;
      ASSERT_EQ(outcome.lines[i].number, i + 1);
    }
    ExpectCount(path, expected.size());
  }
}

TEST_F(LineReaderTest, ReadsGzipFile) {
  const std::string path =
      dir_.Write("input.jsonl.gz", Gzip(dir_, "{\"a\":1}\r\n\n{\"b\":2}")).string();
  ReadOutcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_EQ(Texts(outcome.lines), (std::vector<std::string>{"{\"a\":1}", "", "{\"b\":2}"}));
  ExpectCount(path, 3);
}

TEST_F(LineReaderTest, DetectsGzipByMagicBytesWhateverTheName) {
  const std::string gz = Gzip(dir_, "one\ntwo\n");
  ASSERT_EQ(gz.substr(0, 2), "\x1f\x8b");
  const std::string path = dir_.Write("input.jsonl", gz).string();
  ReadOutcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_EQ(Texts(outcome.lines), (std::vector<std::string>{"one", "two"}));
  ExpectCount(path, 2);
}

TEST_F(LineReaderTest, ReadsPlainFileNamedGz) {
  const std::string path = dir_.Write("not-really.gz", "plain\ntext\n").string();
  ReadOutcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_EQ(Texts(outcome.lines), (std::vector<std::string>{"plain", "text"}));
  ExpectCount(path, 2);
}

TEST_F(LineReaderTest, EmptyGzipStreamHasNoLines) {
  const std::string path = dir_.Write("empty.gz", Gzip(dir_, "")).string();
  ReadOutcome outcome = ReadAll(path);
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_TRUE(outcome.lines.empty());
  ExpectCount(path, 0);
}

TEST_F(LineReaderTest, TruncatedGzipIsAnError) {
  const std::string text = NoisyLines(20000);  // about 1.5 MB, about 1 MB compressed
  const std::string gz = Gzip(dir_, text);
  ASSERT_GT(gz.size(), 600u << 10);
  struct Cut {
    const char* name;
    size_t keep;
    bool all_text_there;  // only the trailer (CRC-32 and size) is cut: every line comes first
  };
  const Cut kCuts[] = {
      {"cut in the middle", gz.size() / 2, false},
      {"cut near the start", 100, false},
      {"trailer missing", gz.size() - 8, true},
      {"one byte short", gz.size() - 1, true},
  };
  for (const Cut& cut : kCuts) {
    SCOPED_TRACE(cut.name);
    const std::string path = dir_.Write("cut.jsonl.gz", gz.substr(0, cut.keep)).string();
    ReadOutcome outcome = ReadAll(path);
    EXPECT_FALSE(outcome.status.ok());
    EXPECT_EQ(outcome.status.code(), Status::Code::kInvalidArgument);
    EXPECT_NE(outcome.status.message().find(path), std::string::npos) << outcome.status.message();
    EXPECT_NE(outcome.status.message().find("truncated"), std::string::npos)
        << outcome.status.message();
    // The error names the line being read: the one after the last complete line returned.
    EXPECT_NE(outcome.status.message().find(": line " + std::to_string(outcome.lines.size() + 1)),
              std::string::npos)
        << outcome.status.message();
    if (cut.all_text_there) {
      EXPECT_EQ(outcome.lines.size(), 20000u);
    } else {
      EXPECT_LT(outcome.lines.size(), 20000u);
    }
    for (size_t i = 0; i < outcome.lines.size(); ++i) {
      ASSERT_EQ(outcome.lines[i].text.substr(0, 6 + std::to_string(i).size()),
                "{\"n\":" + std::to_string(i) + ",");
    }
    Result<size_t> count = CountLines(path);
    EXPECT_FALSE(count.ok());
    EXPECT_NE(count.status().message().find("truncated"), std::string::npos)
        << count.status().message();
  }
}

TEST_F(LineReaderTest, ErrorIsStickyAfterTruncation) {
  const std::string gz = Gzip(dir_, "a\nb\n");
  const std::string path = dir_.Write("cut.gz", gz.substr(0, gz.size() - 4)).string();
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  ASSERT_TRUE(reader.ok());
  Line line;
  Result<bool> more = true;
  while (more.ok() && *more) more = (*reader)->Next(&line);
  ASSERT_FALSE(more.ok());
  Result<bool> again = (*reader)->Next(&line);
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), more.status().message());
}

TEST_F(LineReaderTest, CorruptGzipIsAnError) {
  const std::string text = NoisyLines(2000);
  std::string gz = Gzip(dir_, text);
  for (size_t i = gz.size() / 2; i < gz.size() / 2 + 64; ++i) gz[i] = static_cast<char>(~gz[i]);
  const std::string path = dir_.Write("corrupt.jsonl.gz", gz).string();
  ReadOutcome outcome = ReadAll(path);
  EXPECT_FALSE(outcome.status.ok());
  EXPECT_NE(outcome.status.message().find(path), std::string::npos) << outcome.status.message();
  EXPECT_LT(outcome.lines.size(), 2000u);
  EXPECT_FALSE(CountLines(path).ok());
}

TEST_F(LineReaderTest, BadChecksumIsAnError) {
  std::string gz = Gzip(dir_, "a\nb\n");
  gz[gz.size() - 6] = static_cast<char>(gz[gz.size() - 6] ^ 0x55);  // inside the CRC-32
  const std::string path = dir_.Write("crc.gz", gz).string();
  ReadOutcome outcome = ReadAll(path);
  EXPECT_FALSE(outcome.status.ok());
  EXPECT_FALSE(CountLines(path).ok());
}

TEST_F(LineReaderTest, MissingFileIsNotFound) {
  const std::string path = (dir_.path() / "absent.jsonl").string();
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  EXPECT_NE(reader.status().message().find(path), std::string::npos);
  Result<size_t> count = CountLines(path);
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), Status::Code::kNotFound);
  EXPECT_NE(count.status().message().find(path), std::string::npos);
}

TEST_F(LineReaderTest, DirectoryIsInvalidArgument) {
  const std::string path = dir_.path().string();
  Result<std::unique_ptr<LineReader>> reader = LineReader::Open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(reader.status().message().find(path), std::string::npos);
  EXPECT_FALSE(CountLines(path).ok());
}

TEST_F(LineReaderTest, CountLinesRefusesStandardInput) {
  Result<size_t> count = CountLines("-");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), Status::Code::kInvalidArgument);
}

TEST_F(LineReaderTest, ReadsPlainStandardInput) {
  StdinFrom stdin_from(dir_.Write("stdin.jsonl", "x\r\ny\n\nz"));
  ReadOutcome outcome = ReadAll("-");
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_EQ(Texts(outcome.lines), (std::vector<std::string>{"x", "y", "", "z"}));
}

TEST_F(LineReaderTest, ReadsGzipStandardInput) {
  StdinFrom stdin_from(dir_.Write("stdin.bin", Gzip(dir_, "p\nq\n")));
  ReadOutcome outcome = ReadAll("-");
  ASSERT_TRUE(outcome.status.ok()) << outcome.status.ToString();
  EXPECT_EQ(Texts(outcome.lines), (std::vector<std::string>{"p", "q"}));
}

TEST_F(LineReaderTest, TruncatedGzipOnStandardInputIsAnError) {
  const std::string gz = Gzip(dir_, NoisyLines(100));
  StdinFrom stdin_from(dir_.Write("stdin.bin", gz.substr(0, gz.size() / 2)));
  ReadOutcome outcome = ReadAll("-");
  EXPECT_FALSE(outcome.status.ok());
  EXPECT_NE(outcome.status.message().find("standard input"), std::string::npos)
      << outcome.status.message();
}

}  // namespace
}  // namespace fg::audit
