#include "src/audit/audit_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/testing/temp_dir.h"

namespace fg::audit {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& path) { return testing::ReadFile(path); }

TEST(PartFileTest, AppendsToThePartAndRenamesOnCommit) {
  testing::TempDir dir;
  std::string path = (dir.path() / "claims.jsonl").string();
  auto part = PartFile::Create(path);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  ASSERT_TRUE((*part)->Append("one\n").ok());
  ASSERT_TRUE((*part)->Append("two\n").ok());
  EXPECT_EQ((*part)->size(), 8u);
  ASSERT_TRUE((*part)->Sync().ok());
  EXPECT_EQ(Read(path + ".part"), "one\ntwo\n");
  EXPECT_FALSE(fs::exists(path));
  ASSERT_TRUE((*part)->Commit().ok());
  EXPECT_EQ(Read(path), "one\ntwo\n");
  EXPECT_FALSE(fs::exists(path + ".part"));
}

TEST(PartFileTest, ReopenCutsBackToTheCheckpoint) {
  testing::TempDir dir;
  std::string path = (dir.path() / "claims.jsonl").string();
  dir.Write("claims.jsonl.part", "one\ntwo\nhalf-writ");
  auto part = PartFile::Reopen(path, 8);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  ASSERT_TRUE((*part)->Append("three\n").ok());
  ASSERT_TRUE((*part)->Commit().ok());
  EXPECT_EQ(Read(path), "one\ntwo\nthree\n");
}

TEST(PartFileTest, ReopenTakesBackAFileRenamedAtTheEnd) {
  testing::TempDir dir;
  std::string path = (dir.path() / "claims.jsonl").string();
  dir.Write("claims.jsonl", "one\n");
  auto part = PartFile::Reopen(path, 4);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(Read(path + ".part"), "one\n");
}

TEST(PartFileTest, ReopenRefusesAShortOrMissingPart) {
  testing::TempDir dir;
  std::string path = (dir.path() / "claims.jsonl").string();
  EXPECT_FALSE(PartFile::Reopen(path, 0).ok());
  dir.Write("claims.jsonl.part", "one\n");
  auto part = PartFile::Reopen(path, 10);
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.status().message().find("cannot resume"), std::string::npos);
}

TEST(PartFileTest, CreateFailsInAMissingFolder) {
  auto part = PartFile::Create("/nonexistent/folder/claims.jsonl");
  ASSERT_FALSE(part.ok());
  EXPECT_NE(part.status().message().find("/nonexistent/folder/claims.jsonl.part"),
            std::string::npos);
}

TEST(WriteFileAtomicallyTest, ReplacesTheFileAndLeavesNoTemporary) {
  testing::TempDir dir;
  std::string path = (dir.path() / "state.json").string();
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "new contents").ok());
  EXPECT_EQ(Read(path), "new contents");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(AuditStateTest, SavesAndLoads) {
  testing::TempDir dir;
  AuditState state;
  state.fingerprint = R"({"inputs":["a"]})";
  state.lines_done = 1234;
  state.parts = {{"/out/claims.jsonl", 99}, {"/out/errors.jsonl", 0}};
  state.totals.AddBadLine();
  state.elapsed_s = 1.0 / 3;
  std::string path = AuditState::PathIn(dir.path().string());
  EXPECT_EQ(fs::path(path).filename(), ".factgate-audit.json");
  ASSERT_TRUE(state.Save(path).ok());
  auto loaded = AuditState::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->fingerprint, state.fingerprint);
  EXPECT_EQ(loaded->lines_done, 1234u);
  EXPECT_FALSE(loaded->complete);
  EXPECT_EQ(loaded->parts, state.parts);
  EXPECT_TRUE(loaded->totals == state.totals);
  EXPECT_EQ(loaded->elapsed_s, state.elapsed_s);
}

TEST(AuditStateTest, MissingAndBrokenStates) {
  testing::TempDir dir;
  auto missing = AuditState::Load((dir.path() / "none.json").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  auto broken = AuditState::Load(dir.Write("broken.json", "{\"version\": 1, ").string());
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(broken.status().message().find("start the audit again"), std::string::npos);
  auto future = AuditState::Load(dir.Write("future.json", R"({"version": 2})").string());
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.status().message().find("version"), std::string::npos);
}

}  // namespace
}  // namespace fg::audit
