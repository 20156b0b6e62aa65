// A KB split into two shards served by xapian-tcpsrv (Debian xapian-tools) on loopback: searched
// as one database with the same ranking as the two local folders, and, with one shard stopped
// mid-run, still answering from the other while the report says it was degraded.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "sources/xapian_kb.h"
#include "src/engine/engine.h"
#include "tests/testing/loopback.h"
#include "tests/testing/source_conformance.h"
#include "tests/testing/temp_dir.h"

extern char** environ;

namespace fg {
namespace {

constexpr const char* kTcpSrv = "/usr/bin/xapian-tcpsrv";

using testing::AcceptsOnLoopback;
using testing::FreeLoopbackPort;

// One xapian-tcpsrv serving `dir` on 127.0.0.1; stopped (with every connection it serves, as when
// its machine goes down) by Stop() or when the object goes.
class Shard {
 public:
  explicit Shard(const std::string& dir, int port = 0)
      : port_(port > 0 ? port : FreeLoopbackPort()) {
    std::vector<std::string> args = {kTcpSrv,  "--interface",         "127.0.0.1",
                                     "--port", std::to_string(port_), dir};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    // Its own process group: on SIGTERM xapian-tcpsrv signals its group (its forked connection
    // servers), which must not include this test.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawn(&pid_, kTcpSrv, &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!AcceptsOnLoopback(port_) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~Shard() { Stop(); }
  void Stop() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);  // the server and the processes serving open connections
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  std::string address() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

void Build(const std::string& dir, const std::vector<Document>& docs) {
  auto writer = KbWriter::Open(dir);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (const Document& d : docs) ASSERT_TRUE((*writer)->Add(d).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
}

std::vector<std::string> Ids(const std::vector<Passage>& passages) {
  std::vector<std::string> ids;
  for (const Passage& p : passages) ids.push_back(p.doc_id);
  return ids;
}

class KbShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // As factgate's main() does: a write to a shard that went away must fail, not kill us.
    signal(SIGPIPE, SIG_IGN);
    if (!std::filesystem::exists(kTcpSrv)) {
      if (std::getenv("CI") != nullptr && std::string(std::getenv("CI")) == "true") {
        FAIL() << kTcpSrv << " is missing (apt-get install xapian-tools)";
      }
      GTEST_SKIP() << kTcpSrv << " is missing (apt-get install xapian-tools); skipping";
    }
    a_ = (dir_.path() / "a").string();
    b_ = (dir_.path() / "b").string();
    Build(a_, {{"paris", "Paris", "Paris is the capital and largest city of France.", "", "", ""},
               {"lincoln", "Abraham Lincoln",
                "Abraham Lincoln was assassinated by John Wilkes Booth in 1865.", "", "", ""},
               {"rome", "Rome", "Rome is the capital of Italy.", "", "", ""}});
    Build(b_, {{"everest", "Mount Everest",
                "Mount Everest is the highest mountain in the world, at 29,032 feet.", "", "", ""},
               {"lyon", "Lyon", "Lyon is a large city in France, but not its capital.", "", "", ""},
               {"nile", "Nile", "The Nile is a river in Africa.", "", "", ""}});
  }
  testing::TempDir dir_;
  std::string a_, b_;
};

TEST_F(KbShardsTest, RemoteShardsSearchAsOneAndDegradeWhenOneStops) {
  Shard shard_a(a_), shard_b(b_);
  XapianKbOptions options;
  options.shard_retry_ms = 60000;
  auto local = XapianKb::Open({a_, b_}, options);
  auto remote = XapianKb::Open({shard_a.address(), shard_b.address()}, options);
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  ASSERT_TRUE(remote.ok()) << remote.status().ToString();

  // The same passages in the same order: statistics are combined across the shards.
  for (const char* claim : {"Paris is the capital of France", "Mount Everest is 29,032 feet high",
                            "Lyon is the capital of France"}) {
    auto from_local = (*local)->Search(claim, 5);
    auto from_remote = (*remote)->Search(claim, 5);
    ASSERT_TRUE(from_local.ok() && from_remote.ok()) << claim;
    EXPECT_EQ(Ids(*from_remote), Ids(*from_local)) << claim;
    ASSERT_FALSE(from_local->empty());
    EXPECT_DOUBLE_EQ(from_remote->front().score, from_local->front().score) << claim;
  }
  auto lyon = (*remote)->Search("Lyon is the capital of France", 5);
  EXPECT_NE(std::find(Ids(*lyon).begin(), Ids(*lyon).end(), "lyon"), Ids(*lyon).end());

  EngineOptions engine_options;
  engine_options.use_wordnet = false;
  engine_options.kb_paths = {shard_a.address(), shard_b.address()};
  auto engine = Engine::Open(engine_options);
  ASSERT_TRUE(engine.ok()) << engine.status().ToString();
  Report before = (*engine)->pipeline().Verify("Paris is the capital of France.");
  EXPECT_TRUE(before.checked);
  ASSERT_EQ(before.claims.size(), 1u);
  EXPECT_EQ(before.claims[0].verdict, Verdict::kSupported);

  // Shard b goes away mid-run: answers come from shard a, and the check says it was degraded.
  shard_b.Stop();
  std::vector<std::string> unavailable;
  auto degraded =
      (*remote)->SearchParts("Paris is the capital of France", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(degraded.ok()) << degraded.status().ToString();
  ASSERT_FALSE(degraded->empty());
  EXPECT_EQ(degraded->front().doc_id, "paris");
  for (const Passage& p : *degraded) EXPECT_NE(p.doc_id, "lyon");
  ASSERT_EQ(unavailable.size(), 1u);
  EXPECT_NE(unavailable[0].find(shard_b.address()), std::string::npos) << unavailable[0];

  Report after = (*engine)->pipeline().Verify("Paris is the capital of France.");
  EXPECT_FALSE(after.checked);
  ASSERT_EQ(after.claims.size(), 1u);
  EXPECT_EQ(after.claims[0].verdict, Verdict::kSupported);
  ASSERT_FALSE(after.errors.empty());
  EXPECT_NE(after.errors[0].find("shard " + shard_b.address()), std::string::npos)
      << after.errors[0];

  // With no shard left, the search fails (and the report degrades further).
  shard_a.Stop();
  auto none =
      (*remote)->SearchParts("Paris is the capital of France", 5, &unavailable, std::nullopt);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(none.status().message().find("no shard answers"), std::string::npos);
}

TEST_F(KbShardsTest, AShardThatComesBackIsUsedAgain) {
  Shard shard_a(a_);
  auto shard_b = std::make_unique<Shard>(b_);
  std::string b_address = shard_b->address();
  XapianKbOptions options;
  options.shard_retry_ms = 0;  // try every shard on every search
  auto remote = XapianKb::Open({shard_a.address(), b_address}, options);
  ASSERT_TRUE(remote.ok()) << remote.status().ToString();
  shard_b->Stop();
  std::vector<std::string> unavailable;
  auto degraded =
      (*remote)->SearchParts("Mount Everest is 29,032 feet high", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(degraded.ok());
  for (const Passage& p : *degraded) EXPECT_NE(p.doc_id, "everest");
  EXPECT_EQ(unavailable.size(), 1u);

  Shard back(b_, shard_b->port());
  unavailable.clear();
  auto whole =
      (*remote)->SearchParts("Mount Everest is 29,032 feet high", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  ASSERT_FALSE(whole->empty());
  EXPECT_EQ(whole->front().doc_id, "everest");
  EXPECT_TRUE(unavailable.empty());
}

// Two xapian-tcpsrv shards over the conformance corpus, owned together with the KB that searches
// them, for the Source conformance suite.
class RemoteShardsSource : public testing::ForwardingSource {
 public:
  void Use(std::unique_ptr<XapianKb> opened) {
    kb = std::move(opened);
    target = kb.get();
  }
  std::vector<std::unique_ptr<Shard>> shards;
  std::unique_ptr<XapianKb> kb;
};

std::unique_ptr<Source> RemoteShards(const testing::TempDir& dir, std::string* why) {
  signal(SIGPIPE, SIG_IGN);
  if (!std::filesystem::exists(kTcpSrv)) {
    *why = std::string(kTcpSrv) + " is missing (apt-get install xapian-tools)";
    return nullptr;
  }
  auto source = std::make_unique<RemoteShardsSource>();
  std::vector<std::string> addresses;
  for (size_t i = 0; i < 2; ++i) {
    std::string path = (dir.path() / ("s" + std::to_string(i))).string();
    auto writer = KbWriter::Open(path);
    if (!writer.ok()) {
      *why = writer.status().ToString();
      return nullptr;
    }
    for (const Document& d : testing::ConformanceCorpus()) {
      if (ShardOf(d.id, 2) == i && !(*writer)->Add(d).ok()) return nullptr;
    }
    if (!(*writer)->Commit().ok()) return nullptr;
    source->shards.push_back(std::make_unique<Shard>(path));
    addresses.push_back(source->shards.back()->address());
  }
  auto kb = XapianKb::Open(addresses);
  if (!kb.ok()) {
    *why = kb.status().ToString();
    return nullptr;
  }
  source->Use(std::move(*kb));
  return source;
}

}  // namespace

namespace testing {
INSTANTIATE_TEST_SUITE_P(XapianKb, SourceConformanceTest,
                         ::testing::Values(SourceFactory{"TwoRemoteShards", RemoteShards}),
                         [](const ::testing::TestParamInfo<SourceFactory>& info) {
                           return info.param.name;
                         });
}  // namespace testing
}  // namespace fg
