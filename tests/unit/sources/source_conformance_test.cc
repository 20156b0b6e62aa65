// The Source conformance suite (tests/testing/source_conformance.h) against the local Xapian KB:
// one folder, and the same documents split into two shard folders searched as one. The remote
// shards (xapian-tcpsrv) run the same suite in tests/integration/kb_shards_test.cc.
#include "tests/testing/source_conformance.h"

#include "sources/xapian_kb.h"

namespace fg::testing {
namespace {

bool BuildKb(const std::string& dir, size_t shard, size_t shards, std::string* why) {
  auto writer = KbWriter::Open(dir);
  if (!writer.ok()) {
    *why = writer.status().ToString();
    return false;
  }
  for (const Document& d : ConformanceCorpus()) {
    if (ShardOf(d.id, shards) != shard) continue;
    if (!(*writer)->Add(d).ok()) return false;
  }
  return (*writer)->Commit().ok();
}

std::unique_ptr<Source> OpenKb(const std::vector<std::string>& dirs, std::string* why) {
  auto kb = XapianKb::Open(dirs);
  if (!kb.ok()) {
    *why = kb.status().ToString();
    return nullptr;
  }
  return std::move(*kb);
}

std::unique_ptr<Source> OneFolder(const TempDir& dir, std::string* why) {
  std::string path = (dir.path() / "kb").string();
  if (!BuildKb(path, 0, 1, why)) return nullptr;
  return OpenKb({path}, why);
}

std::unique_ptr<Source> TwoShardFolders(const TempDir& dir, std::string* why) {
  std::vector<std::string> paths = {(dir.path() / "s0").string(), (dir.path() / "s1").string()};
  for (size_t i = 0; i < 2; ++i) {
    if (!BuildKb(paths[i], i, 2, why)) return nullptr;
  }
  return OpenKb(paths, why);
}

INSTANTIATE_TEST_SUITE_P(XapianKb, SourceConformanceTest,
                         ::testing::Values(SourceFactory{"OneFolder", OneFolder},
                                           SourceFactory{"TwoShardFolders", TwoShardFolders}),
                         [](const ::testing::TestParamInfo<SourceFactory>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace fg::testing
