// `factgate verify`: the verdict report for one text.
#include <cstdio>
#include <set>
#include <string>

#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/text_input.h"
#include "src/cli/web_flags.h"
#include "src/core/report_json.h"
#include "src/engine/engine.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage: factgate verify --kb DIR [options] [FILE|-]

Splits the text (a file, or standard input when FILE is '-' or absent) into claims, checks each
against the knowledge base, and prints the verdict report as JSON.

Options:
  --kb DIR            knowledge base (repeatable: several KBs are searched as one; may be
                      left out when a web source is given)
  --wordnet DIR       WordNet data for synonyms and antonyms (default /usr/share/wordnet)
  --no-wordnet        do not load WordNet
  --model FILE        the verdict model (default: $FACTGATE_MODEL, else
                      config/models/verdict-v1.json)
  --no-model          the rule-based verifiers only
  --expand-synonyms   add WordNet synonyms to retrieval queries
  --rerank-model      re-rank retrieved passages with the verdict model's relevance head (off by
                      default: better on Wikipedia-like KBs, worse on the default KB; see
                      docs/BENCHMARKS.md)
  --max-bytes N       refuse input larger than N bytes (default 8388608)
  --passages N        passages kept per claim after re-ranking (default 5)
  --compact           one-line JSON
  --help              this text
)";

}  // namespace

int RunVerify(const std::vector<std::string>& argv) {
  std::set<std::string> value_flags = {"--kb", "--wordnet", "--max-bytes", "--passages", "--model"};
  std::set<std::string> switches = {"--no-wordnet",      "--compact",  "--help",
                                    "--expand-synonyms", "--no-model", "--rerank-model"};
  AddWebFlags(&value_flags, &switches);
  auto args = Args::Parse(argv, value_flags, switches);
  if (!args.ok()) {
    std::fprintf(stderr, "factgate verify: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    std::fputs("\n", stdout);
    std::fputs(kWebFlagsHelp, stdout);
    return 0;
  }
  if (!args->Has("--kb") && !args->Has("--searxng") && !args->Has("--mediawiki")) {
    std::fprintf(stderr,
                 "factgate verify: --kb DIR is required, unless a web source is given "
                 "(--mediawiki, --searxng); see --help\n");
    return 2;
  }
  if (args->positional().size() > 1) {
    std::fprintf(stderr, "factgate verify: give one FILE (or - for standard input)\n");
    return 2;
  }
  auto max_bytes = args->GetInt("--max-bytes", 8 << 20);
  auto passages = args->GetInt("--passages", 5);
  if (!max_bytes.ok() || !passages.ok()) {
    std::fprintf(stderr, "factgate verify: %s\n",
                 (!max_bytes.ok() ? max_bytes.status() : passages.status()).message().c_str());
    return 2;
  }
  EngineOptions options;
  if (!args->Has("--no-model")) options.model_path = args->Get("--model", DefaultModelPath());
  options.kb_paths = args->All("--kb");
  options.wordnet_dir = args->Get("--wordnet", options.wordnet_dir);
  options.use_wordnet = !args->Has("--no-wordnet");
  options.expand_synonyms = args->Has("--expand-synonyms");
  options.use_relevance = args->Has("--rerank-model");
  options.pipeline.passages_kept = static_cast<size_t>(*passages);
  if (Status web = ReadWebFlags(*args, &options.web); !web.ok()) {
    std::fprintf(stderr, "factgate verify: %s\n", web.message().c_str());
    return 2;
  }
  std::string path = args->positional().empty() ? "-" : args->positional()[0];
  Result<std::string> text = ReadTextInput(path, static_cast<size_t>(*max_bytes));
  if (!text.ok()) {
    std::fprintf(stderr, "factgate verify: %s\n", text.status().message().c_str());
    return 2;
  }
  auto engine = Engine::Open(options);
  if (!engine.ok()) {
    std::fprintf(stderr, "factgate verify: %s\n", engine.status().message().c_str());
    return 2;
  }
  Report report = (*engine)->pipeline().Verify(*text);
  JsonStyle style;
  style.pretty = !args->Has("--compact");
  std::string json = ReportToJson(report, style);
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

}  // namespace fg::cli
