// `factgate audit`: the batch audit of stored transcripts (src/audit/, docs/AUDIT.md).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "src/audit/audit_runner.h"
#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/web_flags.h"
#include "src/engine/engine.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage: factgate audit --kb DIR [options] INPUT... --out DIR

Checks every assistant turn of the transcripts in INPUT (JSONL files, .gz files, folders of them,
or - for standard input) against the knowledge base, and writes into the output folder:
  claims.jsonl        one row per claim: transcript, turn, span, text, verdict, confidence,
                      verifier, citations, correction
  transcripts.jsonl   one row per transcript: counts per verdict, factuality, flagged
  summary.json        totals, verdict distribution, refuted rate, per-model figures, confidence
                      histogram, the KB used, time taken (also printed on standard output)
  errors.jsonl        the lines that could not be read: file, line, reason
  report.html         one self-contained page to read in a browser
Line formats, detected per line: OpenAI messages {"messages": [...]}, ShareGPT
{"conversations": [...]}, {"prompt", "response"}, and OpenAI Batch API output lines. The files are
described in docs/AUDIT.md.

Options:
  --kb DIR                knowledge base (repeatable; default: $FACTGATE_KB, comma-separated;
                          may be left out when a web source is given)
  --out DIR               output folder (created when missing)
  --resume                finish an interrupted audit in --out (same inputs and options)
  --overwrite             discard an unfinished audit in --out and start again
  --threads N             verifying threads (default: one per core)
  --quiet                 no progress on standard error
  --progress-seconds S    seconds between progress lines when standard error is not a terminal
                          (default 10)
  --fail-on VERDICT       exit 3 when any claim has this verdict (refuted or not_enough_info)
  --fail-on-rate R        exit 3 when more than this share of the claims is refuted (0..1)
  --export-sft FILE       chat fine-tuning records: transcripts with their refuted claims corrected
  --export-preferences FILE
                          {"prompt", "chosen", "rejected"} pairs: corrected vs original turn
  --report-max N          transcripts shown in report.html, flagged ones first (default 2000)
  --model FILE            the verdict model (default: $FACTGATE_MODEL, else
                          config/models/verdict-v1.json)
  --no-model              the rule-based verifiers only
  --wordnet DIR           WordNet data (default /usr/share/wordnet)
  --no-wordnet            do not load WordNet
  --checkpoint-seconds S  seconds between checkpoints (default 2)
  --help                  this text

Exit codes: 0 every line processed; 1 some lines were bad (see errors.jsonl); 2 usage or set-up
error; 3 the --fail-on or --fail-on-rate bar was exceeded; 130 interrupted (run again with --resume
to finish).
)";

std::atomic<bool> g_stop{false};

extern "C" void OnStopSignal(int) { g_stop.store(true); }

// Ctrl-C or SIGTERM asks the audit to stop at the next line and save its state; a second one
// kills the process at once (the last checkpoint still allows --resume).
void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::vector<std::string> SplitCommas(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "factgate audit: %s\n", message.c_str());
  return 2;
}

}  // namespace

int RunAudit(const std::vector<std::string>& argv) {
  std::set<std::string> value_flags = {
      "--kb",         "--out",          "--threads",    "--progress-seconds",
      "--fail-on",    "--fail-on-rate", "--export-sft", "--export-preferences",
      "--report-max", "--model",        "--wordnet",    "--checkpoint-seconds"};
  std::set<std::string> switches = {"--resume",   "--overwrite",  "--quiet",
                                    "--no-model", "--no-wordnet", "--help"};
  AddWebFlags(&value_flags, &switches);
  auto args = Args::Parse(argv, value_flags, switches);
  if (!args.ok()) return Fail(args.status().message() + " (see --help)");
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    std::fputs("\n", stdout);
    std::fputs(kWebFlagsHelp, stdout);
    return 0;
  }
  std::vector<std::string> kbs = args->All("--kb");
  if (kbs.empty()) {
    if (const char* env = std::getenv("FACTGATE_KB")) kbs = SplitCommas(env);
  }
  if (!args->Has("--out")) return Fail("--out DIR is required (see --help)");
  if (args->positional().empty()) return Fail("give at least one INPUT file (or - for stdin)");
  size_t stdin_inputs = 0;
  for (const std::string& input : args->positional()) stdin_inputs += input == "-";
  if (stdin_inputs > 1) return Fail("standard input (-) can be read only once");

  auto threads = args->GetInt("--threads", 0);
  auto report_max = args->GetInt("--report-max", 2000);
  auto progress_seconds = args->GetDouble("--progress-seconds", 10);
  auto checkpoint_seconds = args->GetDouble("--checkpoint-seconds", 2);
  auto fail_rate = args->GetDouble("--fail-on-rate", -1);
  for (const Status& s : {threads.status(), report_max.status(), progress_seconds.status(),
                          checkpoint_seconds.status(), fail_rate.status()}) {
    if (!s.ok()) return Fail(s.message());
  }
  if (args->Has("--fail-on-rate") && (*fail_rate < 0 || *fail_rate > 1)) {
    return Fail("--fail-on-rate needs a share between 0 and 1, got " + args->Get("--fail-on-rate"));
  }
  std::string fail_on = args->Get("--fail-on");
  if (!fail_on.empty() && fail_on != "refuted" && fail_on != "not_enough_info") {
    return Fail("--fail-on takes refuted or not_enough_info, got '" + fail_on + "'");
  }

  EngineOptions engine_options;
  if (!args->Has("--no-model"))
    engine_options.model_path = args->Get("--model", DefaultModelPath());
  engine_options.kb_paths = kbs;
  engine_options.wordnet_dir = args->Get("--wordnet", engine_options.wordnet_dir);
  engine_options.use_wordnet = !args->Has("--no-wordnet");
  if (Status web = ReadWebFlags(*args, &engine_options.web); !web.ok()) return Fail(web.message());
  if (kbs.empty() && !engine_options.web.enabled()) {
    return Fail(
        "--kb DIR is required (or set FACTGATE_KB), unless a web source is given (--mediawiki, "
        "--searxng); see --help");
  }
  auto engine = Engine::Open(engine_options);
  if (!engine.ok()) return Fail(engine.status().message());

  audit::AuditOptions options;
  auto inputs = audit::ExpandInputs(args->positional());
  if (!inputs.ok()) return Fail(inputs.status().message());
  options.inputs = std::move(*inputs);
  options.out_dir = args->Get("--out");
  options.resume = args->Has("--resume");
  options.overwrite = args->Has("--overwrite");
  options.threads = static_cast<size_t>(*threads);
  options.progress = audit::DefaultProgressStyle(args->Has("--quiet"));
  options.progress_interval_s = *progress_seconds;
  options.checkpoint_interval_s = *checkpoint_seconds;
  options.export_sft = args->Get("--export-sft");
  options.export_preferences = args->Get("--export-preferences");
  options.report.max_transcripts = static_cast<size_t>(*report_max);
  options.context.kb_paths = kbs;
  options.context.verdict_model = engine_options.model_path;
  if (const XapianKb* kb = (*engine)->kb()) {
    if (auto stats = kb->Stats(); stats.ok()) {
      options.context.kb_documents = stats->documents;
      options.context.kb_passages = stats->passages;
    }
  }
  // The KB's size stands in for its content: an index changed between runs changes it.
  options.fingerprint = "kb=" +
                        [&] {
                          std::string joined;
                          for (const std::string& kb : kbs) joined += kb + ";";
                          return joined;
                        }() +
                        " documents=" + std::to_string(options.context.kb_documents) +
                        " passages=" + std::to_string(options.context.kb_passages) +
                        " model=" + engine_options.model_path + " wordnet=" +
                        (engine_options.use_wordnet ? engine_options.wordnet_dir : "") +
                        " web=" + engine_options.web.searxng_url +
                        [&] {
                          std::string wikis;
                          for (const std::string& w : engine_options.web.mediawiki_urls) {
                            wikis += " " + w;
                          }
                          return wikis;
                        }() +
                        " pages=" + std::to_string(engine_options.web.pages) +
                        (engine_options.web.always ? " always" : " fallback") +
                        (engine_options.web.offline ? " offline" : "");
  options.stop = &g_stop;
  InstallStopHandlers();

  auto outcome = audit::RunAudit((*engine)->pipeline(), options);
  if (!outcome.ok()) return Fail(outcome.status().message());
  if (outcome->interrupted) {
    std::fprintf(stderr,
                 "factgate audit: interrupted after %llu lines; run the same command with "
                 "--resume to finish\n",
                 static_cast<unsigned long long>(outcome->lines_done));
    return 130;
  }
  if (outcome->already_complete) {
    std::fprintf(stderr, "factgate audit: the audit in %s is already complete\n",
                 options.out_dir.c_str());
  }
  std::ifstream summary(options.out_dir + "/summary.json", std::ios::binary);
  std::stringstream bytes;
  bytes << summary.rdbuf();
  std::fputs(bytes.str().c_str(), stdout);

  const audit::AuditTotals& totals = outcome->totals;
  const audit::VerdictCounts& verdicts = totals.verdicts();
  uint64_t failing = fail_on == "refuted"           ? verdicts.refuted
                     : fail_on == "not_enough_info" ? verdicts.not_enough_info
                                                    : 0;
  if (failing > 0) {
    std::fprintf(stderr, "factgate audit: %llu claims are %s (--fail-on %s)\n",
                 static_cast<unsigned long long>(failing), fail_on.c_str(), fail_on.c_str());
    return 3;
  }
  if (args->Has("--fail-on-rate") && totals.refuted_rate() > *fail_rate) {
    std::fprintf(stderr, "factgate audit: refuted rate %.4f is above %.4f (--fail-on-rate)\n",
                 totals.refuted_rate(), *fail_rate);
    return 3;
  }
  if (totals.bad_lines() > 0) {
    std::fprintf(stderr, "factgate audit: %llu bad lines, listed in %s/errors.jsonl\n",
                 static_cast<unsigned long long>(totals.bad_lines()), options.out_dir.c_str());
    return 1;
  }
  return 0;
}

}  // namespace fg::cli
