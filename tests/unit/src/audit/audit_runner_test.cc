#include "src/audit/audit_runner.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sources/xapian_kb.h"
#include "src/audit/audit_state.h"
#include "src/engine/engine.h"
#include "tests/testing/temp_dir.h"

namespace fg::audit {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) { return testing::ReadFile(path); }

size_t CountLines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

// report.html without its one line of timings.
std::string ReportWithoutTimings(const fs::path& path) {
  std::stringstream out;
  std::stringstream in(Read(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("Time taken") == std::string::npos) out << line << "\n";
  }
  return out.str();
}

// summary.json without its timing members.
std::string SummaryWithoutTimings(const fs::path& path) {
  std::stringstream out;
  std::stringstream in(Read(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("elapsed_s") != std::string::npos ||
        line.find("_per_second") != std::string::npos) {
      continue;
    }
    out << line << "\n";
  }
  return out.str();
}

constexpr const char* kInput =
    R"({"id": "t1", "model": "m1", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Paris?"}, {"role": "assistant", "content": "Paris is the capital of France. 220 is less than 200."}, {"role": "user", "content": "Sure?"}, {"role": "assistant", "content": "Yes."}]}
{"conversations": [{"from": "human", "value": "Maths?"}, {"from": "gpt", "value": "Two plus two is four. 300 is more than 200."}]}
this is not json

{"prompt": "Capital of Italy?", "response": "Rome is the capital of Italy.", "model": "m2"}
{"custom_id": "b1", "response": {"status_code": 200, "body": {"model": "m1", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris is the capital of France."}}]}}, "error": null}
{"unknown": true}
)";

class AuditRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string kb_dir = (dir_.path() / "kb").string();
    auto writer = KbWriter::Open(kb_dir);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        (*writer)->Add({"paris", "Paris", "Paris is the capital of France.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Add({"rome", "Rome", "Rome is the capital of Italy.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EngineOptions options;
    options.use_wordnet = false;
    options.kb_paths = {kb_dir};
    auto engine = Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = std::move(*engine);
    input_ = dir_.Write("in.jsonl", kInput).string();
  }

  AuditOptions Options(const std::string& out) const {
    AuditOptions options;
    options.inputs = {input_};
    options.out_dir = (dir_.path() / out).string();
    options.fingerprint = "test";
    return options;
  }

  Result<AuditOutcome> Run(const AuditOptions& options) const {
    return RunAudit(engine_->pipeline(), options);
  }

  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::string input_;
};

TEST_F(AuditRunnerTest, WritesEveryOutputInInputOrder) {
  AuditOptions options = Options("out");
  options.export_sft = (dir_.path() / "sft.jsonl").string();
  options.export_preferences = (dir_.path() / "prefs.jsonl").string();
  auto outcome = Run(options);
  ASSERT_TRUE(outcome.ok()) << outcome.status().ToString();
  EXPECT_FALSE(outcome->interrupted);
  EXPECT_EQ(outcome->lines_done, 7u);
  EXPECT_EQ(outcome->totals.transcripts(), 4u);
  EXPECT_EQ(outcome->totals.bad_lines(), 3u);

  fs::path out = options.out_dir;
  for (const char* name :
       {"claims.jsonl", "transcripts.jsonl", "errors.jsonl", "summary.json", "report.html"}) {
    EXPECT_TRUE(fs::exists(out / name)) << name;
    EXPECT_FALSE(fs::exists(out / (std::string(name) + ".part"))) << name;
  }
  EXPECT_TRUE(fs::exists(options.export_sft));
  EXPECT_TRUE(fs::exists(options.export_preferences));

  std::string errors = Read(out / "errors.jsonl");
  ASSERT_EQ(CountLines(errors), 3u) << errors;
  EXPECT_NE(errors.find(R"("line":3,"reason":"invalid JSON)"), std::string::npos) << errors;
  EXPECT_NE(errors.find(R"("line":4,"reason":"empty line")"), std::string::npos) << errors;
  EXPECT_NE(errors.find(R"("line":7,"reason":"unknown shape)"), std::string::npos) << errors;

  std::stringstream transcripts(Read(out / "transcripts.jsonl"));
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(transcripts, line)) {
    rapidjson::Document row;
    row.Parse(line.c_str());
    ASSERT_FALSE(row.HasParseError());
    ids.push_back(row["id"].GetString());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"t1", "in.jsonl:2", "in.jsonl:5", "b1"}));

  // t1: only the assistant turn with claims is checked ("Yes." has none but is still a turn);
  // its claims are numbered c1, c2 across the transcript.
  std::string claims = Read(out / "claims.jsonl");
  EXPECT_EQ(
      claims.rfind(
          R"({"transcript":"t1","turn":2,"id":"c1","text":"Paris is the capital of France")", 0),
      0u)
      << claims;
  EXPECT_NE(claims.find(R"({"transcript":"t1","turn":2,"id":"c2","text":"220 is less than 200")"),
            std::string::npos);

  rapidjson::Document summary;
  summary.Parse(Read(out / "summary.json").c_str());
  ASSERT_FALSE(summary.HasParseError());
  EXPECT_EQ(summary["transcripts"].GetUint(), 4u);
  EXPECT_EQ(summary["bad_lines"].GetUint(), 3u);
  EXPECT_EQ(summary["inputs"][0].GetString(), input_);
  auto state = AuditState::Load(AuditState::PathIn(options.out_dir));
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->complete);
}

TEST_F(AuditRunnerTest, OutputsDoNotDependOnThreadsOrWindow) {
  AuditOptions one = Options("one");
  one.threads = 1;
  one.window = 1;
  AuditOptions two = Options("two");
  two.threads = 2;
  two.window = 3;
  ASSERT_TRUE(Run(one).ok());
  ASSERT_TRUE(Run(two).ok());
  for (const char* name : {"claims.jsonl", "transcripts.jsonl", "errors.jsonl"}) {
    EXPECT_EQ(Read(fs::path(one.out_dir) / name), Read(fs::path(two.out_dir) / name)) << name;
  }
  EXPECT_EQ(ReportWithoutTimings(fs::path(one.out_dir) / "report.html"),
            ReportWithoutTimings(fs::path(two.out_dir) / "report.html"));
  EXPECT_EQ(SummaryWithoutTimings(fs::path(one.out_dir) / "summary.json"),
            SummaryWithoutTimings(fs::path(two.out_dir) / "summary.json"));
}

TEST_F(AuditRunnerTest, StoppedAuditIsResumedOnlyOnRequest) {
  AuditOptions reference = Options("reference");
  ASSERT_TRUE(Run(reference).ok());

  std::atomic<bool> stop{true};
  AuditOptions options = Options("out");
  options.stop = &stop;
  auto stopped = Run(options);
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_TRUE(stopped->interrupted);
  EXPECT_FALSE(fs::exists(fs::path(options.out_dir) / "summary.json"));

  options.stop = nullptr;
  auto refused = Run(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--resume"), std::string::npos);

  options.resume = true;
  auto resumed = Run(options);
  ASSERT_TRUE(resumed.ok()) << resumed.status().ToString();
  EXPECT_FALSE(resumed->interrupted);
  for (const char* name : {"claims.jsonl", "transcripts.jsonl", "errors.jsonl"}) {
    EXPECT_EQ(Read(fs::path(reference.out_dir) / name), Read(fs::path(options.out_dir) / name))
        << name;
  }
  EXPECT_EQ(ReportWithoutTimings(fs::path(reference.out_dir) / "report.html"),
            ReportWithoutTimings(fs::path(options.out_dir) / "report.html"));
  auto again = Run(options);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_complete);
  EXPECT_EQ(again->totals.transcripts(), 4u);
}

TEST_F(AuditRunnerTest, ResumeRefusesChangedInputsAndOverwriteStartsAgain) {
  std::atomic<bool> stop{true};
  AuditOptions options = Options("out");
  options.stop = &stop;
  ASSERT_TRUE(Run(options).ok());
  options.stop = nullptr;
  options.resume = true;
  options.fingerprint = "another model";
  auto refused = Run(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("differ"), std::string::npos);
  options.resume = false;
  options.overwrite = true;
  auto fresh = Run(options);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->totals.transcripts(), 4u);
}

TEST_F(AuditRunnerTest, SetUpErrors) {
  AuditOptions missing = Options("out");
  missing.inputs = {(dir_.path() / "nope.jsonl").string()};
  auto result = Run(missing);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("nope.jsonl"), std::string::npos);

  AuditOptions unwritable = Options("out");
  unwritable.out_dir = (dir_.path() / "in.jsonl" / "sub").string();  // under a file
  EXPECT_FALSE(Run(unwritable).ok());

  AuditOptions both = Options("out");
  both.resume = both.overwrite = true;
  EXPECT_FALSE(Run(both).ok());
}

TEST(ExpandInputsTest, FoldersBecomeTheirTranscriptFilesInPathOrder) {
  testing::TempDir dir;
  fs::create_directories(dir.path() / "logs" / "day2");
  dir.Write("logs/b.jsonl", "");
  dir.Write("logs/a.jsonl.gz", "");
  dir.Write("logs/day2/c.ndjson", "");
  dir.Write("logs/day2/d.json", "");
  dir.Write("logs/notes.txt", "");
  dir.Write("logs/e.gz", "");
  dir.Write("single.txt", "");
  std::string logs = (dir.path() / "logs").string();
  std::string single = (dir.path() / "single.txt").string();
  auto expanded = ExpandInputs({single, logs, "-"});
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_EQ(*expanded,
            (std::vector<std::string>{single, logs + "/a.jsonl.gz", logs + "/b.jsonl",
                                      logs + "/day2/c.ndjson", logs + "/day2/d.json", "-"}));
  fs::create_directories(dir.path() / "empty");
  auto empty = ExpandInputs({(dir.path() / "empty").string()});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("holds no .jsonl"), std::string::npos);
}

TEST_F(AuditRunnerTest, CheckTranscriptChecksAssistantTextOnly) {
  Transcript t;
  t.messages = {{"user", "Paris is the capital of France."},
                {"assistant", "   "},
                {"assistant", "Paris is the capital of France."},
                {"tool", "Rome is the capital of Italy."},
                {"assistant", "Rome is the capital of Italy."}};
  TranscriptResult r = CheckTranscript(engine_->pipeline(), t, "x/y.jsonl", 9);
  EXPECT_EQ(r.id, "y.jsonl:9");
  ASSERT_EQ(r.turns.size(), 2u);
  EXPECT_EQ(r.turns[0].turn, 2);
  EXPECT_EQ(r.turns[1].turn, 4);
  ASSERT_EQ(r.turns[1].report.claims.size(), 1u);
  EXPECT_EQ(r.turns[0].report.claims[0].claim.id, "c1");
  EXPECT_EQ(r.turns[1].report.claims[0].claim.id, "c2");
  EXPECT_EQ(r.turns[1].report.claims[0].verdict, Verdict::kSupported);
}

}  // namespace
}  // namespace fg::audit
