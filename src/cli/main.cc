// factgate: the command-line entry point. Dispatches to the subcommands in src/cli/commands.h.
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "src/cli/commands.h"

namespace {

constexpr const char* kUsage = R"(factgate — fast, offline fact verification for LLM output

Usage: factgate COMMAND [OPTIONS]

Commands:
  index --kb DIR FILE...        add or replace documents (JSONL, .txt, .md); --delete ID removes one
  kb build-default --kb DIR     build the default KB from WordNet (and GCIDE) data Debian ships
  kb stats --kb DIR             documents and passages in a KB
  verify --kb DIR [FILE|-]      print the verdict report (JSON) for a text
  eval --kb DIR --corpus F --claims F | --pairs F
                                accuracy metrics on the evaluation format
  train --out FILE              train the verdict model on the benchmark datasets
  serve --config FILE           the HTTP service and OpenAI-compatible proxy (see serve --help)
  audit --kb DIR INPUT... --out DIR
                                batch audit of transcripts: claims, summary, report.html
  cache stats|prune --cache DIR  the on-disk evidence cache of web sources
  version                       print the version

Run 'factgate COMMAND --help' for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  // A write to a peer that went away (a remote KB shard, an HTTP client, a closed pipe) must fail
  // with EPIPE where it happens, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::puts("factgate 0.1.0");
    return 0;
  }
  if (command == "index") return fg::cli::RunIndex(args);
  if (command == "kb") return fg::cli::RunKb(args);
  if (command == "verify") return fg::cli::RunVerify(args);
  if (command == "eval") return fg::cli::RunEval(args);
  if (command == "train") return fg::cli::RunTrain(args);
  if (command == "serve") return fg::cli::RunServe(args);
  if (command == "audit") return fg::cli::RunAudit(args);
  if (command == "cache") return fg::cli::RunCache(args);
  std::fprintf(stderr, "factgate: unknown command '%s'\n\n", command.c_str());
  std::fputs(kUsage, stderr);
  return 2;
}
