// The factgate subcommands. Each takes the arguments after its name, prints results (JSON) to
// stdout and errors to stderr, and returns the process exit code: 0 success, 1 some input was bad
// but the rest was processed, 2 usage or set-up error.
#pragma once

#include <string>
#include <vector>

namespace fg::cli {

int RunIndex(const std::vector<std::string>& args);
int RunKb(const std::vector<std::string>& args);
int RunVerify(const std::vector<std::string>& args);
int RunEval(const std::vector<std::string>& args);
int RunTrain(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunAudit(const std::vector<std::string>& args);
int RunCache(const std::vector<std::string>& args);

}  // namespace fg::cli
