// `factgate eval`: accuracy metrics on the evaluation format of shared/DESIGN.md.
//
// Claims mode (--corpus + --claims) indexes the corpus into a KB and checks every claim against the
// whole pool, so retrieval is part of what is measured. Pairs mode (--pairs) judges each claim
// against its own evidence text only, with term statistics counted over all the evidence texts.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>

#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/eval_data.h"
#include "src/cli/jsonl.h"
#include "src/cli/kb_ingest.h"
#include "src/core/claim_extractor.h"
#include "src/core/metrics.h"
#include "src/engine/engine.h"

namespace fg::cli {
namespace {

constexpr const char* kHelp = R"(Usage:
  factgate eval --corpus FILE --claims FILE [--kb DIR] [options]
  factgate eval --pairs FILE [options]

Claims mode indexes the corpus (into --kb DIR, or a temporary KB) and checks each claim against the
whole pool; pairs mode judges each claim against its own evidence text. On a dataset whose gold
labels are SUPPORTED / NOT_SUPPORTED, or only SUPPORTED and REFUTED, the verdict model's
probabilities decide between those labels (with only SUPPORTED and REFUTED, the probability of
not enough information counts half for each). Prints one JSON object:
n, accuracy, macro_f1, balanced_accuracy, labels, confusion, ece, evidence_recall_at_5,
citation_precision, claims_per_second.

Options:
  --kb DIR          where to build the KB for claims mode (kept afterwards)
  --no-index        claims mode: use the KB in --kb as it is, do not index the corpus
  --threads N       worker threads (default: all cores)
  --limit N         only the first N claims or pairs
  --wordnet DIR     WordNet data (default /usr/share/wordnet); --no-wordnet to skip it
  --expand-synonyms add WordNet synonyms to retrieval queries
  --passages N      passages kept per claim after re-ranking (default 5)
  --retrieve-k N    passages retrieved per claim before re-ranking (default 20)
  --rank-weight X   re-ranking: weight of the retrieval score against alignment (default 2)
  --rerank-model    re-rank retrieved passages with the verdict model's relevance head instead
                    (learned on the claims sets' gold evidence; docs/BENCHMARKS.md)
  --passage-bytes N claims mode: passage size bound when indexing (default 600; 0 = sentences)
  --split PART      only the rows of one part of the fixed split (train, calibration, dev;
                    see docs/ACCURACY.md); the dev part is what accuracy is reported on
  --model FILE      the verdict model (default: $FACTGATE_MODEL, else
                    config/models/verdict-v1.json); --no-model for the rule-based verifiers
  --predictions F   also write one JSON line per claim (id, gold, predicted, its confidence
                    as ECE counts it, verifier, top and cited documents, the model's probabilities) to
                    F, for error analysis
  --help            this text
)";

// One line of --predictions output.
std::string PredictionJson(const EvalRow& row, const EvalItem& item, const ClaimResult& result,
                           const std::vector<std::string>& ranked_docs) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto strings = [&](const char* key, const std::vector<std::string>& list, size_t max) {
    w.Key(key);
    w.StartArray();
    for (size_t k = 0; k < list.size() && k < max; ++k) w.String(list[k]);
    w.EndArray();
  };
  w.StartObject();
  w.Key("id");
  w.String(row.id);
  w.Key("claim");
  w.String(row.claim);
  w.Key("gold");
  w.String(item.gold);
  w.Key("predicted");
  w.String(item.predicted);
  w.Key("confidence");  // of the predicted label in the dataset's label space, as ECE counts it
  w.Double(item.confidence);
  w.Key("verifier");
  w.String(result.verifier);
  strings("top_docs", ranked_docs, 100);
  strings("gold_docs", row.evidence_ids, row.evidence_ids.size());
  w.Key("quote");
  w.String(result.citations.empty() ? "" : result.citations[0].quote);
  std::vector<std::string> cited;
  for (const Citation& c : result.citations) cited.push_back(c.doc_id);
  strings("cited_docs", cited, cited.size());
  w.Key("correction");
  w.String(result.correction.value_or(""));
  if (result.probabilities) {
    w.Key("probabilities");
    w.StartObject();
    w.Key("supported");
    w.Double(result.probabilities->supported);
    w.Key("refuted");
    w.Double(result.probabilities->refuted);
    w.Key("not_enough_info");
    w.Double(result.probabilities->not_enough_info);
    w.EndObject();
  }
  w.EndObject();
  return buffer.GetString();
}

}  // namespace

int RunEval(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {"--kb", "--corpus", "--claims", "--pairs", "--threads", "--limit", "--wordnet", "--passages",
       "--retrieve-k", "--rank-weight", "--passage-bytes", "--predictions", "--split", "--model"},
      {"--no-index", "--no-wordnet", "--help", "--expand-synonyms", "--no-model",
       "--rerank-model"});
  if (!args.ok()) {
    std::fprintf(stderr, "factgate eval: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  bool pairs_mode = args->Has("--pairs");
  bool claims_mode = args->Has("--claims");
  if (pairs_mode == claims_mode ||
      (claims_mode && !args->Has("--corpus") && !args->Has("--no-index"))) {
    std::fprintf(stderr,
                 "factgate eval: give either --corpus FILE --claims FILE, or --pairs FILE "
                 "(see --help)\n");
    return 2;
  }
  if (args->Has("--no-index") && !args->Has("--kb")) {
    std::fprintf(stderr, "factgate eval: --no-index needs --kb DIR\n");
    return 2;
  }
  auto threads = args->GetInt("--threads", std::max(1u, std::thread::hardware_concurrency()));
  auto limit = args->GetInt("--limit", 0);
  auto passages = args->GetInt("--passages", 5);
  auto retrieve_k = args->GetInt("--retrieve-k", 20);
  auto passage_bytes = args->GetInt("--passage-bytes", 600);
  auto rank_weight = args->GetDouble("--rank-weight", PipelineOptions{}.rank_weight);
  if (!rank_weight.ok()) {
    std::fprintf(stderr, "factgate eval: %s\n", rank_weight.status().message().c_str());
    return 2;
  }
  for (const auto* r : {&threads, &limit, &passages, &retrieve_k, &passage_bytes}) {
    if (!r->ok()) {
      std::fprintf(stderr, "factgate eval: %s\n", r->status().message().c_str());
      return 2;
    }
  }

  DataSplit split = DataSplit::kDev;
  bool use_split = args->Has("--split");
  if (use_split && !ParseSplit(args->Get("--split"), &split)) {
    std::fprintf(stderr, "factgate eval: --split must be train, calibration or dev\n");
    return 2;
  }
  std::vector<EvalRow> all_rows;
  size_t bad_lines = 0;
  std::string input = pairs_mode ? args->Get("--pairs") : args->Get("--claims");
  Status read = ReadEvalRows(input, pairs_mode, static_cast<size_t>(*limit), &all_rows, &bad_lines);
  if (!read.ok()) {
    std::fprintf(stderr, "factgate eval: %s\n", read.message().c_str());
    return 2;
  }
  std::vector<EvalRow> rows;
  for (const EvalRow& row : all_rows) {
    if (!use_split || SplitOf(row.claim) == split) rows.push_back(row);
  }
  if (rows.empty()) {
    std::fprintf(stderr, "factgate eval: %s has no usable lines%s\n", input.c_str(),
                 use_split ? " in that split" : "");
    return 2;
  }
  std::vector<std::string> gold_labels;
  for (const EvalRow& r : rows) gold_labels.push_back(r.label);
  LabelSpace label_space = LabelSpaceOf(gold_labels);

  EngineOptions options;
  options.wordnet_dir = args->Get("--wordnet", options.wordnet_dir);
  options.use_wordnet = !args->Has("--no-wordnet");
  options.expand_synonyms = args->Has("--expand-synonyms");
  options.pipeline.passages_kept = static_cast<size_t>(*passages);
  options.pipeline.retrieve_k = static_cast<size_t>(*retrieve_k);
  options.pipeline.rank_weight = *rank_weight;
  options.use_relevance = args->Has("--rerank-model");
  if (!args->Has("--no-model")) options.model_path = args->Get("--model", DefaultModelPath());
  std::unique_ptr<TermStats> stats;
  TempDir temp_kb;  // removed on every return
  if (claims_mode) {
    std::string kb = args->Get("--kb");
    if (kb.empty()) {
      if (!temp_kb.Create()) {
        std::fprintf(stderr, "factgate eval: cannot create a temporary KB directory\n");
        return 2;
      }
      kb = temp_kb.path();
    }
    if (!args->Has("--no-index")) {
      IngestReport ingest;
      KbWriterOptions writer_options;
      writer_options.passages.max_bytes = static_cast<size_t>(*passage_bytes);
      Status s = IngestFiles(kb, {args->Get("--corpus")}, {}, &ingest, writer_options);
      if (!s.ok()) {
        std::fprintf(stderr, "factgate eval: indexing the corpus: %s\n", s.message().c_str());
        return 2;
      }
    }
    options.kb_paths = {kb};
  } else {
    auto counting = std::make_unique<CountingTermStats>();
    // Over every row of the file, whatever the split, as training counts them.
    for (const EvalRow& row : all_rows) counting->AddDocument(row.evidence_text);
    stats = std::move(counting);
  }
  auto opened = Engine::Open(options, std::move(stats));
  if (!opened.ok()) {
    std::fprintf(stderr, "factgate eval: %s\n", opened.status().message().c_str());
    return 2;
  }
  std::unique_ptr<Engine> engine = std::move(*opened);
  const Pipeline& pipeline = engine->pipeline();

  std::vector<EvalItem> items(rows.size());
  std::vector<std::string> prediction_lines(args->Has("--predictions") ? rows.size() : 0);
  auto start = std::chrono::steady_clock::now();
  ParallelFor(rows.size(), static_cast<size_t>(*threads), [&](size_t i) {
    const EvalRow& row = rows[i];
    Claim claim = ClaimFromRow(row);
    EvalItem& item = items[i];
    item.gold = row.label;
    ClaimResult result;
    std::vector<std::string> ranked_docs;
    if (pairs_mode) {
      Passage p;
      p.doc_id = row.id;
      p.source = "pair";
      p.text = row.evidence_text;
      result = pipeline.JudgeAgainst(claim, std::span<const Passage>(&p, 1));
    } else {
      ClaimCheck check = pipeline.CheckClaim(claim);
      result = std::move(check.result);
      ranked_docs = check.ranked_doc_ids;
      if (!row.evidence_ids.empty()) {
        std::unordered_set<std::string> gold(row.evidence_ids.begin(), row.evidence_ids.end());
        bool hit = false;
        for (size_t k = 0; k < check.ranked_doc_ids.size() && k < 5; ++k) {
          if (gold.count(check.ranked_doc_ids[k])) hit = true;
        }
        item.evidence_hit_at_5 = hit;
        for (const Citation& c : result.citations) {
          ++item.citations_total;
          if (gold.count(c.doc_id)) ++item.citations_correct;
        }
      }
    }
    LabelPrediction predicted = PredictIn(label_space, result);
    item.predicted = predicted.label;
    item.confidence = predicted.confidence;
    if (!prediction_lines.empty()) {
      prediction_lines[i] = PredictionJson(row, item, result, ranked_docs);
    }
  });
  if (!prediction_lines.empty()) {
    std::ofstream out(args->Get("--predictions"));
    for (const std::string& line : prediction_lines) out << line << '\n';
    if (!out) {
      std::fprintf(stderr, "factgate eval: cannot write %s\n", args->Get("--predictions").c_str());
      return 2;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string json = MetricsToJson(ComputeMetrics(items, seconds));
  std::fwrite(json.data(), 1, json.size(), stdout);
  std::fputc('\n', stdout);
  engine.reset();  // close the KB before its temporary directory goes
  return bad_lines > 0 ? 1 : 0;
}

}  // namespace fg::cli
