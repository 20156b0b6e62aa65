// End-to-end tests of `factgate audit` with the real binary: every input format, bad lines and
// .gz input, standard input, exit codes and CI gates, and an audit killed mid-run (SIGINT, then
// kill -9 with a half-written row) that --resume finishes with the same files as a clean run.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/cli_support.h"

extern char** environ;

namespace fg::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

rapidjson::Document Json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text.substr(0, 300);
  return doc;
}

// report.html without its one line of timings.
std::string ReportWithoutTimings(const fs::path& path) {
  std::string out;
  for (const std::string& line : Lines(ReadAll(path))) {
    if (line.find("Time taken") == std::string::npos) out += line + "\n";
  }
  return out;
}

// summary.json without its timing members.
std::string SummaryWithoutTimings(const fs::path& path) {
  std::string out;
  for (const std::string& line : Lines(ReadAll(path))) {
    if (line.find("elapsed_s") != std::string::npos ||
        line.find("_per_second") != std::string::npos) {
      continue;
    }
    out += line + "\n";
  }
  return out;
}

class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    kb_ = (dir_.path() / "kb").string();
    RunFactgate("index --kb " + kb_ + " " + SourceDir() + "/tests/data/mini_corpus.jsonl");
    ASSERT_TRUE(fs::exists(kb_));
    fixture_ = SourceDir() + "/tests/data/audit/transcripts.jsonl";
    flags_ = " --kb " + kb_ + " --quiet" +
             (fs::exists("/usr/share/wordnet/data.noun") ? "" : " --no-wordnet");
  }
  std::string Out(const std::string& name) const { return (dir_.path() / name).string(); }

  TempDir dir_;
  std::string kb_, fixture_, flags_;
};

TEST_F(AuditCliTest, EveryFormatBadLinesAndGzip) {
  std::string gz = Out("copy.jsonl.gz");
  ASSERT_EQ(std::system(("gzip -c " + fixture_ + " > " + gz).c_str()), 0);
  CommandResult r =
      RunFactgate("audit" + flags_ + " " + fixture_ + " " + gz + " --out " + Out("out"));
  EXPECT_EQ(r.code, 1) << r.err;  // bad lines
  EXPECT_NE(r.err.find("8 bad lines"), std::string::npos) << r.err;
  rapidjson::Document stdout_summary = Json(r.out);
  EXPECT_EQ(stdout_summary["transcripts"].GetUint(), 12u);

  fs::path out = Out("out");
  std::vector<std::string> errors = Lines(ReadAll(out / "errors.jsonl"));
  ASSERT_EQ(errors.size(), 8u);
  std::vector<std::pair<size_t, std::string>> expected = {
      {7, "batch request failed"}, {8, "invalid JSON"}, {9, "empty line"}, {10, "unknown shape"}};
  for (size_t i = 0; i < errors.size(); ++i) {
    rapidjson::Document e = Json(errors[i]);
    EXPECT_EQ(e["file"].GetString(), i < 4 ? fixture_ : gz);
    EXPECT_EQ(e["line"].GetUint(), expected[i % 4].first);
    EXPECT_EQ(std::string(e["reason"].GetString()).rfind(expected[i % 4].second, 0), 0u)
        << errors[i];
  }

  std::vector<std::string> transcripts = Lines(ReadAll(out / "transcripts.jsonl"));
  ASSERT_EQ(transcripts.size(), 12u);
  std::vector<std::string> formats;
  for (size_t i = 0; i < 6; ++i) formats.push_back(Json(transcripts[i])["format"].GetString());
  EXPECT_EQ(formats,
            (std::vector<std::string>{"openai_messages", "openai_messages", "openai_messages",
                                      "sharegpt", "prompt_response", "openai_batch"}));
  // The same lines from the .gz file give the same verdicts.
  for (size_t i = 0; i < 6; ++i) {
    rapidjson::Document plain = Json(transcripts[i]);
    rapidjson::Document zipped = Json(transcripts[i + 6]);
    EXPECT_EQ(plain["claims"].GetUint(), zipped["claims"].GetUint());
    EXPECT_EQ(plain["refuted"].GetUint(), zipped["refuted"].GetUint());
  }
  EXPECT_STREQ(Json(transcripts[3])["id"].GetString(), "transcripts.jsonl:4");
  EXPECT_STREQ(Json(transcripts[9])["id"].GetString(), "copy.jsonl.gz:4");
  // chat-3: the tool call's arguments and the reasoning are never checked; the last turn is.
  rapidjson::Document chat3 = Json(transcripts[2]);
  ASSERT_EQ(chat3["turns"].Size(), 1u);
  EXPECT_EQ(chat3["turns"][0]["turn"].GetInt(), 3);

  std::string claims = ReadAll(out / "claims.jsonl");
  EXPECT_EQ(claims.find("100 kilometres"), std::string::npos);
  EXPECT_EQ(claims.find("port on the sea"), std::string::npos);
  // Known verdicts: Booth supported, Everest's height refuted, the arithmetic refuted.
  bool booth = false, everest = false, arithmetic = false;
  for (const std::string& line : Lines(claims)) {
    rapidjson::Document c = Json(line);
    std::string text = c["text"].GetString(), verdict = c["verdict"].GetString();
    if (text.find("John Wilkes Booth") != std::string::npos) booth = verdict == "supported";
    if (text.find("20,000 feet") != std::string::npos) everest = verdict == "refuted";
    if (text.find("220 is less than 200") != std::string::npos) {
      arithmetic = verdict == "refuted" && std::string(c["verifier"].GetString()) == "comparison";
    }
  }
  EXPECT_TRUE(booth) << claims;
  EXPECT_TRUE(everest) << claims;
  EXPECT_TRUE(arithmetic) << claims;

  rapidjson::Document summary = Json(ReadAll(out / "summary.json"));
  EXPECT_EQ(summary["bad_lines"].GetUint(), 8u);
  EXPECT_EQ(summary["inputs"].Size(), 2u);
  EXPECT_STREQ(summary["models"][0]["model"].GetString(), "model-a");
  EXPECT_EQ(summary["models"][0]["transcripts"].GetUint(), 4u);
  EXPECT_TRUE(summary["models"][summary["models"].Size() - 1]["model"].IsNull());
  std::string html = ReadAll(out / "report.html");
  EXPECT_NE(html.find("Mount Everest is 20,000 feet"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_FALSE(fs::exists(out / "claims.jsonl.part"));
}

TEST_F(AuditCliTest, StandardInputAndCleanExit) {
  std::string clean = Out("clean.jsonl");
  std::ofstream(clean)
      << R"({"prompt": "Where is Paris?", "response": "Paris is the capital of France."})"
      << "\n";
  CommandResult r = RunFactgate("audit" + flags_ + " - --out " + Out("out"), clean);
  EXPECT_EQ(r.code, 0) << r.err;
  std::vector<std::string> rows = Lines(ReadAll(Out("out") + "/transcripts.jsonl"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_STREQ(Json(rows[0])["id"].GetString(), "stdin:1");
  EXPECT_STREQ(Json(rows[0])["file"].GetString(), "-");
  EXPECT_EQ(ReadAll(Out("out") + "/errors.jsonl"), "");
}

TEST_F(AuditCliTest, GatesForCi) {
  std::string refuted = Out("refuted.jsonl");
  std::ofstream(refuted)
      << R"({"prompt": "Maths", "response": "220 is less than 200. 300 is more than 200."})"
      << "\n";
  CommandResult r = RunFactgate("audit" + flags_ + " " + refuted + " --out " + Out("a"));
  EXPECT_EQ(r.code, 0) << r.err;
  r = RunFactgate("audit" + flags_ + " " + refuted + " --out " + Out("b") + " --fail-on refuted");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("1 claims are refuted"), std::string::npos) << r.err;
  r = RunFactgate("audit" + flags_ + " " + refuted + " --out " + Out("c") + " --fail-on-rate 0.4");
  EXPECT_EQ(r.code, 3) << r.err;  // 1 of 2 refuted
  r = RunFactgate("audit" + flags_ + " " + refuted + " --out " + Out("d") + " --fail-on-rate 0.5");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(AuditCliTest, FolderInput) {
  fs::create_directories(Out("logs/sub"));
  fs::copy_file(fixture_, Out("logs/sub/b.jsonl"));
  ASSERT_EQ(std::system(("gzip -c " + fixture_ + " > " + Out("logs/a.jsonl.gz")).c_str()), 0);
  std::ofstream(Out("logs/readme.txt")) << "not a transcript file\n";
  CommandResult r = RunFactgate("audit" + flags_ + " " + Out("logs") + " --out " + Out("out"));
  EXPECT_EQ(r.code, 1) << r.err;
  rapidjson::Document summary = Json(r.out);
  ASSERT_EQ(summary["inputs"].Size(), 2u);
  EXPECT_EQ(summary["inputs"][0].GetString(), Out("logs") + "/a.jsonl.gz");
  EXPECT_EQ(summary["inputs"][1].GetString(), Out("logs") + "/sub/b.jsonl");
  EXPECT_EQ(summary["transcripts"].GetUint(), 12u);
}

TEST_F(AuditCliTest, UsageErrors) {
  EXPECT_EQ(RunFactgate("audit --help").code, 0);
  CommandResult r = RunFactgate("audit" + flags_ + " " + fixture_);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos);
  r = RunFactgate("audit" + flags_ + " " + Out("missing.jsonl") + " --out " + Out("x"));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("missing.jsonl"), std::string::npos) << r.err;
  r = RunFactgate("audit" + flags_ + " " + fixture_ + " --out " + Out("x") + " --fail-on wrong");
  EXPECT_EQ(r.code, 2);
  r = RunFactgate("audit" + flags_ + " - - --out " + Out("x"));
  EXPECT_EQ(r.code, 2);
  r = RunFactgate("audit --kb /nonexistent/kb " + fixture_ + " --out " + Out("x"));
  EXPECT_EQ(r.code, 2);
}

// Starts factgate in the background; returns its pid.
pid_t Spawn(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  std::string bin = FACTGATE_BIN;
  argv.push_back(bin.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0);
  return pid;
}

// Lines done according to the audit's checkpoint, 0 when there is none yet.
uint64_t LinesDone(const std::string& out) {
  rapidjson::Document state;
  state.Parse(ReadAll(out + "/.factgate-audit.json").c_str());
  if (state.HasParseError() || !state.IsObject() || !state.HasMember("lines_done")) return 0;
  return state["lines_done"].GetUint64();
}

// Waits until the audit has checkpointed at least `lines` lines, then sends `signal`; returns the
// exit status.
int InterruptAt(pid_t pid, const std::string& out, uint64_t lines, int signal) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (LinesDone(out) < lines && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(pid, signal);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

TEST_F(AuditCliTest, KilledAuditResumesToTheSameFiles) {
  // 1500 transcripts, a fifth of them with a refuted claim, a few bad lines.
  std::string input = Out("big.jsonl");
  {
    std::ofstream f(input);
    for (int i = 0; i < 1500; ++i) {
      if (i % 250 == 17) {
        f << "{broken line " << i << "\n";
        continue;
      }
      f << R"({"id": "t)" << i << R"(", "model": "m)" << i % 3
        << R"(", "messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": ")"
        << (i % 5 == 0 ? "Mount Everest is 20,000 feet above sea level. "
                       : "Abraham Lincoln was born in 1809. ")
        << "The Nile is about " << 6000 + i << R"( kilometres long."}]})"
        << "\n";
    }
  }
  std::string sft = " --export-sft ";
  CommandResult clean = RunFactgate("audit" + flags_ + " " + input + " --out " + Out("clean") +
                                    sft + Out("clean-sft.jsonl"));
  ASSERT_EQ(clean.code, 1) << clean.err;

  std::string out = Out("run");
  std::vector<std::string> args = {"audit",
                                   "--kb",
                                   kb_,
                                   "--quiet",
                                   input,
                                   "--out",
                                   out,
                                   "--threads",
                                   "1",
                                   "--checkpoint-seconds",
                                   "0",
                                   "--export-sft",
                                   Out("run-sft.jsonl")};
  if (!fs::exists("/usr/share/wordnet/data.noun")) args.push_back("--no-wordnet");
  // Ctrl-C: the audit stops, saves its state and says how to go on.
  int status = InterruptAt(Spawn(args, Out("log1")), out, 100, SIGINT);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << ReadAll(Out("log1"));
  EXPECT_NE(ReadAll(Out("log1")).find("--resume"), std::string::npos);
  EXPECT_FALSE(fs::exists(out + "/claims.jsonl"));
  EXPECT_TRUE(fs::exists(out + "/claims.jsonl.part"));
  uint64_t after_sigint = LinesDone(out);
  EXPECT_LT(after_sigint, 1500u);

  // Without --resume the unfinished audit is not thrown away.
  CommandResult refused =
      RunFactgate("audit" + flags_ + " " + input + " --out " + out + sft + Out("run-sft.jsonl"));
  EXPECT_EQ(refused.code, 2);
  EXPECT_NE(refused.err.find("--resume"), std::string::npos) << refused.err;

  // kill -9 half way through the rest, then a half-written row after the checkpoint.
  args.push_back("--resume");
  status = InterruptAt(Spawn(args, Out("log2")), out, after_sigint + 200, SIGKILL);
  ASSERT_TRUE(WIFSIGNALED(status));
  uint64_t after_kill = LinesDone(out);
  EXPECT_GT(after_kill, after_sigint);
  EXPECT_LT(after_kill, 1500u);
  std::ofstream(out + "/claims.jsonl.part", std::ios::app) << R"({"transcript":"half-wri)";
  std::ofstream(out + "/transcripts.jsonl.part", std::ios::app) << "garbage";

  CommandResult resumed = RunFactgate("audit" + flags_ + " " + input + " --out " + out + sft +
                                      Out("run-sft.jsonl") + " --resume");
  EXPECT_EQ(resumed.code, 1) << resumed.err;
  for (const char* name : {"claims.jsonl", "transcripts.jsonl", "errors.jsonl"}) {
    std::string a = ReadAll(Out("clean") + "/" + name), b = ReadAll(out + "/" + name);
    EXPECT_FALSE(a.empty()) << name;
    EXPECT_TRUE(a == b) << name << " differs after resume";
  }
  EXPECT_TRUE(ReportWithoutTimings(Out("clean") + "/report.html") ==
              ReportWithoutTimings(out + "/report.html"))
      << "report.html differs after resume";
  EXPECT_EQ(SummaryWithoutTimings(Out("clean") + "/summary.json"),
            SummaryWithoutTimings(out + "/summary.json"));
  EXPECT_EQ(ReadAll(Out("clean-sft.jsonl")), ReadAll(Out("run-sft.jsonl")));
  EXPECT_FALSE(ReadAll(Out("run-sft.jsonl")).empty());
  for (const auto& entry : fs::directory_iterator(out)) {
    EXPECT_NE(entry.path().extension(), ".part") << entry.path();
  }
}

}  // namespace
}  // namespace fg::testing
