// Helpers for tests that run the real `factgate` binary: run a command line, capture its exit
// code, stdout and stderr; make and remove temporary directories.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/testing/temp_dir.h"

namespace fg::testing {

struct CommandResult {
  int code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadAll(const std::filesystem::path& path) { return ReadFile(path); }

// Runs FACTGATE_BIN with `args` (a shell-quoted string), optionally with stdin from a file.
inline CommandResult RunFactgate(const std::string& args, const std::string& stdin_path = "") {
  TempDir dir;
  std::string cmd = std::string(FACTGATE_BIN) + " " + args + " >" + (dir.path() / "out").string() +
                    " 2>" + (dir.path() / "err").string();
  cmd += stdin_path.empty() ? " </dev/null" : " <" + stdin_path;
  CommandResult r;
  int status = std::system(cmd.c_str());
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(dir.path() / "out");
  r.err = ReadAll(dir.path() / "err");
  return r;
}

inline std::string SourceDir() {
  const char* dir = std::getenv("FG_SOURCE_DIR");
  return dir != nullptr ? dir : FG_SOURCE_DIR_DEFAULT;
}

}  // namespace fg::testing
