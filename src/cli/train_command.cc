// `factgate train`: trains the verdict model (verifiers/verdict_model.h) on the benchmark datasets
// and writes the model file.
//
// Every folder under --datasets is a dataset in the evaluation format. Its pairs.jsonl is judged
// pair by pair, and its claims.jsonl (with corpus.jsonl) through retrieval from the whole corpus,
// exactly as `factgate eval` does, and each row becomes the judge's feature vector. Rows go to
// train, calibration or dev by the fixed split (src/cli/eval_data.h); dev rows are never read. A
// folder with train-claims.jsonl has its own split: those claims are train and calibration, and
// its claims.jsonl is its dev set. Every row weighs the same by default (--size-power; a dataset
// with pairs and claims splits its weight between the two).
// The "supported" head learns SUPPORTED against everything else; the "refuted" head learns
// REFUTED against NOT_ENOUGH_INFO on the rows that are not supported (binary SUPPORTED /
// NOT_SUPPORTED sets cannot tell those apart and are left out of it). Each head's probabilities
// are then calibrated by isotonic regression on the calibration rows.
// The relevance head (src/core/rank_features.h) learns, from the claims-mode datasets' train
// claims, which of the retrieved passages are gold evidence; the pipeline orders its pool by it at
// run time. The verdict heads are trained on the evidence the fixed formula picks (see RunTrain).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "src/cli/args.h"
#include "src/cli/commands.h"
#include "src/cli/eval_data.h"
#include "src/cli/gbdt_trainer.h"
#include "src/cli/kb_ingest.h"
#include "src/cli/linear_trainer.h"
#include "src/engine/engine.h"

namespace fg::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp = R"(Usage:
  factgate train --out FILE [--datasets DIR] [options]

Trains the verdict model on every dataset under --datasets (the evaluation format of
shared/DESIGN.md: pairs.jsonl, claims.jsonl + corpus.jsonl, train-claims.jsonl) and writes the
model file. The same data, options and seed give a byte-identical file. Rows of a dataset's dev
part (docs/ACCURACY.md) are never read.

Options:
  --out FILE        where to write the model (written whole, then renamed into place)
  --datasets DIR    the datasets folder (default: $FACTGATE_DATASETS, else ../shared/datasets)
  --leave-out NAME  train without this dataset (repeatable; for the cross-dataset table)
  --drop-features A,B  train as if these features (names, or prefixes ending in '*') were
                    never known, to measure what they add (the trees then never read them)
  --seed N          random seed (default 7)
  --bags N          ensembles per verdict head, trained with seeds seed .. seed + N - 1 and
                    averaged (default 3; 1: one ensemble, a third of the trees)
  --rounds N        boosting rounds per head (default 300)
  --depth N         tree depth (default 6)
  --eta X           learning rate (default 0.05)
  --size-power X    a dataset's weight grows as (rows)^X: 0 weighs every dataset the same, 1
                    (default) every row the same
  --threads N       feature extraction threads (default: all cores; training uses one)
  --wordnet DIR     WordNet data (default /usr/share/wordnet); --no-wordnet to skip it (the
                    model must then be used without WordNet too)
  --relevance-rounds N  boosting rounds of the relevance head (default 100)
  --no-relevance    do not train the relevance head (the pipeline then re-ranks retrieved
                    passages by its fixed formula); by default it is trained on the claims-mode
                    datasets' retrieved pools, which passages are gold evidence
  --compare-learners
                    after training (the model file is unchanged), also train a linear model
                    (liblinear logistic regression) and the trees without row weights on the
                    same features, and print one JSON object comparing them with the trees on
                    each head's calibration rows (docs/ACCURACY-learners.md)
  --help            this text
)";

struct TrainSource {
  std::string dataset;
  std::string path;    // pairs.jsonl, claims.jsonl or train-claims.jsonl
  std::string corpus;  // claims mode only
  bool pairs = false;
  bool own_split = false;  // train-claims.jsonl: train and calibration only
};

struct Example {
  std::vector<float> x;
  int supported = 0;  // 1 for SUPPORTED
  int refuted = -1;   // 1 REFUTED, 0 NOT_ENOUGH_INFO, -1 not usable for the refuted head
  DataSplit split = DataSplit::kTrain;
  size_t source = 0;              // index into the sources
  int fold = 0;                   // for the lexical model's out-of-fold margins
  std::vector<std::string> keys;  // the lexical model's keys
};

constexpr int kLexicalFolds = 3;

// How training and calibration rows are weighed, by the dataset and source they come from.
struct RowWeighting {
  const std::vector<TrainSource>& sources;
  // A source's total weight grows with its size to this power: 0 weighs every dataset the same,
  // 1 every row the same (--size-power).
  double size_power = 1;
};

std::vector<TrainSource> Discover(const std::string& dir, const std::set<std::string>& left_out) {
  std::vector<TrainSource> sources;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    std::string name = folder.filename().string();
    if (left_out.count(name)) continue;
    auto file = [&](const char* f) { return (folder / f).string(); };
    if (fs::exists(file("pairs.jsonl"))) {
      sources.push_back({name, file("pairs.jsonl"), "", true, false});
    }
    if (!fs::exists(file("corpus.jsonl"))) continue;
    if (fs::exists(file("train-claims.jsonl"))) {
      sources.push_back({name, file("train-claims.jsonl"), file("corpus.jsonl"), false, true});
    } else if (fs::exists(file("claims.jsonl"))) {
      sources.push_back({name, file("claims.jsonl"), file("corpus.jsonl"), false, false});
    }
  }
  return sources;
}

// One claim's retrieved pool for the relevance head: a feature row per passage, 1 for a passage
// of a gold evidence document.
struct PoolExample {
  std::vector<float> x;  // RankFeatureNames().size() per passage, row-major
  std::vector<float> relevant;
  DataSplit split = DataSplit::kTrain;
  size_t source = 0;
};

// A row's part of the split; a source with its own split has no dev rows in its file.
DataSplit SplitFor(const TrainSource& src, const EvalRow& row) {
  DataSplit split = SplitOf(row.claim);
  if (src.own_split) {
    split = split == DataSplit::kTrain ? DataSplit::kTrain : DataSplit::kCalibration;
  }
  return split;
}

// A source's rows and an engine over its evidence: term statistics of the pairs' texts, or a KB of
// its corpus indexed into `kb_dir`.
Result<std::unique_ptr<Engine>> OpenFor(const TrainSource& src, EngineOptions options,
                                        TempDir* kb_dir, std::vector<EvalRow>* rows) {
  size_t bad = 0;
  Status read = ReadEvalRows(src.path, src.pairs, 0, rows, &bad);
  if (!read.ok()) return read;
  std::unique_ptr<TermStats> stats;
  if (src.pairs) {
    auto counting = std::make_unique<CountingTermStats>();
    for (const EvalRow& row : *rows) counting->AddDocument(row.evidence_text);
    stats = std::move(counting);
  } else {
    if (!kb_dir->Create()) return Status::Internal("cannot create a temporary KB directory");
    IngestReport ingest;
    Status s = IngestFiles(kb_dir->path(), {src.corpus}, {}, &ingest, KbWriterOptions{});
    if (!s.ok()) return s.WithPrefix("indexing " + src.corpus + ": ");
    options.kb_paths = {kb_dir->path()};
  }
  return Engine::Open(options, std::move(stats));
}

// The retrieved pools of the train and calibration claims of a claims-mode source whose pool holds
// a gold evidence document (a pool without one teaches the order nothing).
Status ExtractPools(const TrainSource& src, size_t index, const EngineOptions& base, size_t threads,
                    std::vector<PoolExample>* out) {
  std::vector<EvalRow> rows;
  TempDir kb_dir;
  auto engine = OpenFor(src, base, &kb_dir, &rows);
  if (!engine.ok()) return engine.status();
  const Pipeline& pipeline = (*engine)->pipeline();
  std::vector<PoolExample> pools(rows.size());
  ParallelFor(rows.size(), threads, [&](size_t i) {
    const EvalRow& row = rows[i];
    DataSplit split = SplitFor(src, row);
    if (split == DataSplit::kDev || row.evidence_ids.empty()) return;
    std::set<std::string> gold(row.evidence_ids.begin(), row.evidence_ids.end());
    CandidatePool pool = pipeline.Pool(ClaimFromRow(row));
    PoolExample& e = pools[i];
    bool any = false;
    for (const Passage& p : pool.passages) {
      e.relevant.push_back(gold.count(p.doc_id) ? 1.0f : 0.0f);
      any = any || e.relevant.back() > 0;
    }
    if (!any) {
      e.relevant.clear();
      return;
    }
    e.x = std::move(pool.features);
    e.split = split;
    e.source = index;
  });
  for (PoolExample& e : pools) {
    if (!e.relevant.empty()) out->push_back(std::move(e));
  }
  return Status::Ok();
}

// Share of `pools` (of `split`) with a relevant passage among the first five distinct documents
// when ordered by `score` (higher first; ties keep retrieval order).
template <typename Score>
double RecallAt5(const std::vector<PoolExample>& pools, DataSplit split, Score score) {
  const size_t cols = RankFeatureNames().size();
  size_t n = 0, hits = 0;
  for (const PoolExample& e : pools) {
    if (e.split != split) continue;
    ++n;
    std::vector<std::pair<double, size_t>> order;
    for (size_t i = 0; i < e.relevant.size(); ++i) {
      order.emplace_back(-score(std::span<const float>(e.x.data() + i * cols, cols)), i);
    }
    std::stable_sort(order.begin(), order.end());
    for (size_t r = 0; r < order.size() && r < 5; ++r) {
      if (e.relevant[order[r].second] > 0) {
        ++hits;
        break;
      }
    }
  }
  return n == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(n);
}

// The features of every train and calibration row of one source.
Status Extract(const TrainSource& src, size_t index, const EngineOptions& base, size_t threads,
               std::vector<Example>* out) {
  std::vector<EvalRow> rows;
  TempDir kb_dir;
  auto engine = OpenFor(src, base, &kb_dir, &rows);
  if (!engine.ok()) return engine.status();
  const Pipeline& pipeline = (*engine)->pipeline();
  const ModelJudge& judge = (*engine)->model_judge();

  std::vector<Example> examples(rows.size());
  std::vector<char> used(rows.size(), 0);  // not vector<bool>: threads write neighbours
  ParallelFor(rows.size(), threads, [&](size_t i) {
    const EvalRow& row = rows[i];
    DataSplit split = SplitFor(src, row);
    if (split == DataSplit::kDev) return;
    Claim claim = ClaimFromRow(row);
    GatheredEvidence g;
    if (src.pairs) {
      Passage p;
      p.doc_id = row.id;
      p.source = "pair";
      p.text = row.evidence_text;
      g = pipeline.GatherFrom(claim, {p});
    } else {
      g = pipeline.Gather(claim);
    }
    Example& e = examples[i];
    e.x = judge.Features(claim, g.sentences, &e.keys);
    e.fold = static_cast<int>((ClaimHash(row.claim) / 10) % kLexicalFolds);
    e.supported = row.label == "SUPPORTED" ? 1 : 0;
    e.refuted = row.label == "REFUTED" ? 1 : row.label == "NOT_ENOUGH_INFO" ? 0 : -1;
    e.split = split;
    e.source = index;
    used[i] = 1;
  });
  for (size_t i = 0; i < rows.size(); ++i) {
    if (used[i]) out->push_back(std::move(examples[i]));
  }
  return Status::Ok();
}

// Row weights within `split` for the rows `keep` accepts: a dataset's total grows as its row
// count to the power `size_power`, shared equally among its sources, scaled to a mean of 1.
template <typename Keep>
std::vector<float> Weights(const std::vector<Example>& examples, const RowWeighting& weighting,
                           DataSplit split, Keep keep) {
  const std::vector<TrainSource>& sources = weighting.sources;
  std::map<size_t, size_t> per_source;
  std::map<std::string, std::set<size_t>> sources_of;
  for (const Example& e : examples) {
    if (e.split != split || !keep(e)) continue;
    ++per_source[e.source];
    sources_of[sources[e.source].dataset].insert(e.source);
  }
  std::vector<float> w;
  double sum = 0;
  for (const Example& e : examples) {
    if (e.split != split || !keep(e)) continue;
    double n = static_cast<double>(per_source[e.source]);
    double v = std::pow(n, weighting.size_power) /
               (static_cast<double>(sources_of[sources[e.source].dataset].size()) * n);
    w.push_back(static_cast<float>(v));
    sum += v;
  }
  double scale = sum > 0 ? static_cast<double>(w.size()) / sum : 1.0;
  for (float& v : w) v = static_cast<float>(v * scale);
  return w;
}

template <typename Keep>
FeatureMatrix Matrix(const std::vector<Example>& examples, DataSplit split, Keep keep,
                     size_t cols) {
  FeatureMatrix m;
  m.cols = cols;
  for (const Example& e : examples) {
    if (e.split == split && keep(e)) m.values.insert(m.values.end(), e.x.begin(), e.x.end());
  }
  return m;
}

double Round4(double v) { return std::round(v * 10000) / 10000; }

// Fits one lexical head on the training rows `keep` accepts (all folds but `skip_fold`, or all
// with -1).
template <typename Keep, typename Label>
LexicalHead FitLexical(const std::vector<Example>& examples, const RowWeighting& weighting,
                       Keep keep, Label label, int skip_fold, const LexicalFitOptions& options) {
  auto use = [&](const Example& e) { return keep(e) && e.fold != skip_fold; };
  std::vector<std::vector<std::string>> keys;
  std::vector<int> labels;
  for (const Example& e : examples) {
    if (e.split != DataSplit::kTrain || !use(e)) continue;
    keys.push_back(e.keys);
    labels.push_back(label(e));
  }
  return FitLexicalHead(keys, labels, Weights(examples, weighting, DataSplit::kTrain, use),
                        options);
}

// Trains the lexical model and writes its margins into the examples' features: each training row
// gets the margin of a model fitted without its fold (so the trees see margins as they will be at
// run time, on text the lexical model never saw), calibration rows that of the final model.
LexicalModel StackLexical(std::vector<Example>& examples, const RowWeighting& weighting,
                          const LexicalFitOptions& options) {
  auto all = [](const Example&) { return true; };
  auto not_supported = [](const Example& e) { return e.refuted >= 0; };
  auto is_supported = [](const Example& e) { return e.supported; };
  auto is_refuted = [](const Example& e) { return e.refuted; };
  const size_t s_slot = ClaimFeaturizer::LexicalSupportedSlot();
  const size_t r_slot = ClaimFeaturizer::LexicalRefutedSlot();
  auto fill = [&](const LexicalModel& m, auto pick) {
    for (Example& e : examples) {
      if (!pick(e) || e.keys.empty()) continue;
      e.x[s_slot] = static_cast<float>(m.supported.Margin(e.keys));
      e.x[r_slot] = static_cast<float>(m.refuted.Margin(e.keys));
    }
  };
  for (int fold = 0; fold < kLexicalFolds; ++fold) {
    LexicalModel m;
    m.supported = FitLexical(examples, weighting, all, is_supported, fold, options);
    m.refuted = FitLexical(examples, weighting, not_supported, is_refuted, fold, options);
    fill(m, [&](const Example& e) { return e.split == DataSplit::kTrain && e.fold == fold; });
  }
  LexicalModel final_model;
  final_model.supported = FitLexical(examples, weighting, all, is_supported, -1, options);
  final_model.refuted = FitLexical(examples, weighting, not_supported, is_refuted, -1, options);
  fill(final_model, [](const Example& e) { return e.split != DataSplit::kTrain; });
  return final_model;
}

}  // namespace

int RunTrain(const std::vector<std::string>& argv) {
  auto args = Args::Parse(
      argv,
      {"--out", "--datasets", "--leave-out", "--seed", "--bags", "--rounds", "--depth", "--eta",
       "--threads", "--wordnet", "--size-power", "--drop-features", "--relevance-rounds"},
      {"--help", "--no-wordnet", "--compare-learners", "--no-relevance"});
  if (!args.ok()) {
    std::fprintf(stderr, "factgate train: %s\n", args.status().message().c_str());
    return 2;
  }
  if (args->Has("--help")) {
    std::fputs(kHelp, stdout);
    return 0;
  }
  if (!args->Has("--out")) {
    std::fprintf(stderr, "factgate train: --out FILE is required (see --help)\n");
    return 2;
  }
  const char* env_datasets = std::getenv("FACTGATE_DATASETS");
  std::string datasets = args->Get(
      "--datasets", env_datasets != nullptr && *env_datasets ? env_datasets : "../shared/datasets");
  if (!fs::is_directory(datasets)) {
    std::fprintf(stderr, "factgate train: no datasets folder at %s (give --datasets DIR)\n",
                 datasets.c_str());
    return 2;
  }
  GbdtParams params;
  auto seed = args->GetInt("--seed", params.seed);
  auto bags = args->GetInt("--bags", 3);
  auto rounds = args->GetInt("--rounds", params.rounds);
  auto depth = args->GetInt("--depth", params.max_depth);
  auto threads = args->GetInt("--threads", std::max(1u, std::thread::hardware_concurrency()));
  auto eta = args->GetDouble("--eta", params.eta);
  auto relevance_rounds = args->GetInt("--relevance-rounds", 100);
  auto size_power = args->GetDouble("--size-power", 1.0);
  if (!size_power.ok() || *size_power < 0 || *size_power > 1) {
    std::fprintf(stderr, "factgate train: --size-power must be between 0 and 1\n");
    return 2;
  }
  for (const auto* r : {&seed, &bags, &rounds, &depth, &threads, &relevance_rounds}) {
    if (!r->ok()) {
      std::fprintf(stderr, "factgate train: %s\n", r->status().message().c_str());
      return 2;
    }
  }
  if (!eta.ok() || *eta <= 0 || *rounds < 1 || *depth < 1 || *relevance_rounds < 1 || *bags < 1 ||
      *bags > 100) {
    std::fprintf(stderr,
                 "factgate train: --eta, --rounds, --relevance-rounds and --depth must be "
                 "positive, --bags between 1 and 100\n");
    return 2;
  }
  params.seed = static_cast<int>(*seed);
  params.bags = static_cast<int>(*bags);
  params.rounds = static_cast<int>(*rounds);
  params.max_depth = static_cast<int>(*depth);
  params.eta = *eta;
  std::vector<std::string> left_list = args->All("--leave-out");
  std::set<std::string> left_out(left_list.begin(), left_list.end());

  // --drop-features, checked before the slow part.
  const size_t cols = ClaimFeaturizer::Names().size();
  std::vector<bool> drop(cols, false);
  std::vector<std::string> dropped;
  if (args->Has("--drop-features")) {
    std::string list = args->Get("--drop-features");
    for (size_t start = 0; start <= list.size();) {
      size_t comma = std::min(list.find(',', start), list.size());
      std::string name = list.substr(start, comma - start);
      start = comma + 1;
      if (name.empty()) continue;
      bool prefix = name.back() == '*';
      if (prefix) name.pop_back();
      bool matched = false;
      for (size_t c = 0; c < cols; ++c) {
        const std::string& feature = ClaimFeaturizer::Names()[c];
        if (prefix ? feature.starts_with(name) : feature == name) drop[c] = matched = true;
      }
      if (!matched) {
        std::fprintf(stderr, "factgate train: --drop-features: no feature \"%s%s\"\n", name.c_str(),
                     prefix ? "*" : "");
        return 2;
      }
    }
    for (size_t c = 0; c < cols; ++c) {
      if (drop[c]) dropped.push_back(ClaimFeaturizer::Names()[c]);
    }
  }

  std::vector<TrainSource> sources = Discover(datasets, left_out);
  if (sources.empty()) {
    std::fprintf(stderr, "factgate train: no datasets under %s\n", datasets.c_str());
    return 2;
  }
  const RowWeighting weighting{sources, *size_power};
  EngineOptions engine_options;
  engine_options.wordnet_dir = args->Get("--wordnet", engine_options.wordnet_dir);
  engine_options.use_wordnet = !args->Has("--no-wordnet");
  // The relevance head. The verdict heads below are trained on the evidence the fixed formula
  // picks, not on the head's picks: training them on the head's evidence cost healthver 0.02
  // macro-F1 and two ECE targets and gained nothing on the claims sets (docs/BENCHMARKS.md).
  std::vector<PoolExample> pools;
  std::optional<BinaryHead> relevance;
  std::vector<double> relevance_gain;
  double recall_formula = 0, recall_head = 0;
  for (size_t i = 0; i < sources.size() && !args->Has("--no-relevance"); ++i) {
    if (sources[i].pairs) continue;
    std::fprintf(stderr, "factgate train: retrieved pools of %s (%s)\n", sources[i].dataset.c_str(),
                 fs::path(sources[i].path).filename().c_str());
    Status s = ExtractPools(sources[i], i, engine_options, static_cast<size_t>(*threads), &pools);
    if (!s.ok()) {
      std::fprintf(stderr, "factgate train: %s: %s\n", sources[i].path.c_str(),
                   s.message().c_str());
      return 2;
    }
  }
  if (!pools.empty()) {
    const size_t rank_cols = RankFeatureNames().size();
    // Every dataset weighs the same, and within it every claim, whatever the size of its pool.
    std::map<size_t, size_t> claims_of;
    for (const PoolExample& e : pools) claims_of[e.source] += e.split == DataSplit::kTrain ? 1 : 0;
    FeatureMatrix xp;
    xp.cols = rank_cols;
    std::vector<float> yp, wp;
    for (const PoolExample& e : pools) {
      if (e.split != DataSplit::kTrain) continue;
      xp.values.insert(xp.values.end(), e.x.begin(), e.x.end());
      yp.insert(yp.end(), e.relevant.begin(), e.relevant.end());
      float w = 1.0f / static_cast<float>(e.relevant.size() * claims_of[e.source]);
      wp.insert(wp.end(), e.relevant.size(), w);
    }
    double wsum = 0;
    for (float v : wp) wsum += v;
    for (float& v : wp) v = static_cast<float>(v * static_cast<double>(wp.size()) / wsum);
    std::fprintf(stderr, "factgate train: relevance head on %zu passages\n", xp.rows());
    GbdtParams relevance_params = params;
    relevance_params.rounds = static_cast<int>(*relevance_rounds);
    relevance_params.bags = 1;  // opt-in re-ranking: one ensemble
    auto head = TrainBinaryHead(xp, yp, wp, relevance_params);
    if (!head.ok()) {
      std::fprintf(stderr, "factgate train: %s\n", head.status().message().c_str());
      return 2;
    }
    relevance = std::move(head->head);
    relevance_gain = std::move(head->feature_gain);
    // On the calibration claims: the fixed formula against the head.
    auto column = [&](const char* name) {
      const auto& names = RankFeatureNames();
      return static_cast<size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    };
    const size_t mean = column("rank_sentence_mean");
    const size_t retrieval = column("rank_retrieval_relative");
    const double rank_weight = engine_options.pipeline.rank_weight;
    recall_formula = RecallAt5(pools, DataSplit::kCalibration, [&](std::span<const float> x) {
      return x[mean] + rank_weight * x[retrieval];
    });
    recall_head = RecallAt5(pools, DataSplit::kCalibration,
                            [&](std::span<const float> x) { return relevance->Margin(x); });
    std::fprintf(stderr,
                 "factgate train: evidence in the top 5 of the calibration claims' pools: "
                 "%.3f with the formula, %.3f with the relevance head\n",
                 recall_formula, recall_head);
  }
  std::vector<Example> examples;
  for (size_t i = 0; i < sources.size(); ++i) {
    std::fprintf(stderr, "factgate train: features of %s (%s)\n", sources[i].dataset.c_str(),
                 fs::path(sources[i].path).filename().c_str());
    Status s = Extract(sources[i], i, engine_options, static_cast<size_t>(*threads), &examples);
    if (!s.ok()) {
      std::fprintf(stderr, "factgate train: %s: %s\n", sources[i].path.c_str(),
                   s.message().c_str());
      return 2;
    }
  }
  std::fprintf(stderr, "factgate train: lexical model\n");
  LexicalFitOptions lexical_options;
  lexical_options.seed = static_cast<uint32_t>(params.seed);
  LexicalModel lexical = StackLexical(examples, weighting, lexical_options);
  for (size_t c = 0; c < cols; ++c) {
    if (!drop[c]) continue;
    for (Example& e : examples) e.x[c] = std::nanf("");
  }

  auto all = [](const Example&) { return true; };
  auto not_supported = [](const Example& e) { return e.refuted >= 0; };

  // Supported head.
  FeatureMatrix xs = Matrix(examples, DataSplit::kTrain, all, cols);
  std::vector<float> ys;
  for (const Example& e : examples) {
    if (e.split == DataSplit::kTrain) ys.push_back(static_cast<float>(e.supported));
  }
  std::fprintf(stderr, "factgate train: supported head on %zu rows\n", xs.rows());
  using Clock = std::chrono::steady_clock;
  auto seconds_since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  Clock::time_point start = Clock::now();
  auto supported =
      TrainBinaryHead(xs, ys, Weights(examples, weighting, DataSplit::kTrain, all), params);
  const double supported_seconds = seconds_since(start);
  if (!supported.ok()) {
    std::fprintf(stderr, "factgate train: %s\n", supported.status().message().c_str());
    return 2;
  }
  // Refuted head.
  FeatureMatrix xr = Matrix(examples, DataSplit::kTrain, not_supported, cols);
  std::vector<float> yr;
  for (const Example& e : examples) {
    if (e.split == DataSplit::kTrain && e.refuted >= 0) yr.push_back(static_cast<float>(e.refuted));
  }
  // Without any REFUTED / NOT_ENOUGH_INFO rows (binary datasets only) the head cannot learn: it
  // stays at even odds, so "not supported" splits evenly between refuted and not enough info.
  Result<TrainedHead> refuted = TrainedHead{};
  refuted->feature_gain.assign(cols, 0.0);
  double refuted_seconds = 0;
  if (xr.rows() > 0) {
    std::fprintf(stderr, "factgate train: refuted head on %zu rows\n", xr.rows());
    start = Clock::now();
    refuted = TrainBinaryHead(
        xr, yr, Weights(examples, weighting, DataSplit::kTrain, not_supported), params);
    refuted_seconds = seconds_since(start);
    if (!refuted.ok()) {
      std::fprintf(stderr, "factgate train: %s\n", refuted.status().message().c_str());
      return 2;
    }
  } else {
    std::fprintf(stderr,
                 "factgate train: no REFUTED or NOT_ENOUGH_INFO rows: the refuted head "
                 "stays at even odds\n");
  }

  // Calibration on the held-out rows.
  auto calibrate = [&](BinaryHead& head, auto keep, auto label) {
    std::vector<double> scores;
    std::vector<int> labels;
    for (const Example& e : examples) {
      if (e.split != DataSplit::kCalibration || !keep(e)) continue;
      scores.push_back(head.RawProbability(e.x));
      labels.push_back(label(e));
    }
    std::vector<float> wf = Weights(examples, weighting, DataSplit::kCalibration, keep);
    std::vector<double> w(wf.begin(), wf.end());
    head.calibration = IsotonicCalibration::Fit(scores, labels, w);
    return scores.size();
  };
  size_t cal_s = calibrate(supported->head, all, [](const Example& e) { return e.supported; });
  size_t cal_r =
      calibrate(refuted->head, not_supported, [](const Example& e) { return e.refuted; });

  // What it was trained on, for the model file.
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("command");
  // What shapes the model (not paths or thread counts, which do not change it).
  char eta_text[32], power_text[32];
  std::snprintf(eta_text, sizeof eta_text, "%g", params.eta);
  std::snprintf(power_text, sizeof power_text, "%g", *size_power);
  std::string command = "factgate train --seed " + std::to_string(params.seed) + " --bags " +
                        std::to_string(params.bags) + " --rounds " + std::to_string(params.rounds) +
                        " --depth " + std::to_string(params.max_depth) + " --eta " + eta_text +
                        " --size-power " + power_text;
  for (const std::string& l : left_out) command += " --leave-out " + l;
  if (!dropped.empty()) command += " --drop-features " + args->Get("--drop-features");
  if (args->Has("--no-relevance")) {
    command += " --no-relevance";
  } else {
    command += " --relevance-rounds " + std::to_string(*relevance_rounds);
  }
  w.String(command);
  w.Key("learner");
  w.String("xgboost " + XgboostVersion() + " gbtree hist, binary:logistic per head");
  w.Key("params");
  w.StartObject();
  w.Key("rounds");
  w.Int(params.rounds);
  w.Key("max_depth");
  w.Int(params.max_depth);
  w.Key("eta");
  w.Double(params.eta);
  w.Key("subsample");
  w.Double(params.subsample);
  w.Key("colsample_bytree");
  w.Double(params.colsample);
  w.Key("min_child_weight");
  w.Double(params.min_child_weight);
  w.Key("seed");
  w.Int(params.seed);
  w.Key("bags");
  w.Int(params.bags);
  w.EndObject();
  w.Key("split");
  w.String("FNV-1a 64 of the lowercased claim mod 10: 0-5 train, 6-7 calibration, 8-9 dev");
  w.Key("dropped_features");
  w.StartArray();
  for (const std::string& d : dropped) w.String(d);
  w.EndArray();
  w.Key("left_out");
  w.StartArray();
  for (const std::string& l : left_out) w.String(l);
  w.EndArray();
  w.Key("sources");
  w.StartArray();
  for (size_t i = 0; i < sources.size(); ++i) {
    size_t train = 0, cal = 0;
    for (const Example& e : examples) {
      if (e.source != i) continue;
      (e.split == DataSplit::kTrain ? train : cal) += 1;
    }
    w.StartObject();
    w.Key("dataset");
    w.String(sources[i].dataset);
    w.Key("file");
    w.String(fs::path(sources[i].path).filename().string());
    w.Key("train_rows");
    w.Uint64(train);
    w.Key("calibration_rows");
    w.Uint64(cal);
    w.EndObject();
  }
  w.EndArray();
  w.Key("calibration_rows");
  w.StartObject();
  w.Key("supported");
  w.Uint64(cal_s);
  w.Key("refuted");
  w.Uint64(cal_r);
  w.EndObject();
  auto gains = [&](const char* key, const std::vector<double>& gain) {
    w.Key(key);
    w.StartObject();
    std::vector<size_t> order(cols);
    for (size_t i = 0; i < cols; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return gain[a] > gain[b]; });
    for (size_t i : order) {
      w.Key(ClaimFeaturizer::Names()[i].c_str());
      w.Double(Round4(gain[i]));
    }
    w.EndObject();
  };
  gains("feature_gain_supported", supported->feature_gain);
  gains("feature_gain_refuted", refuted->feature_gain);
  if (relevance) {
    w.Key("relevance");
    w.StartObject();
    size_t pools_train = 0, pools_calibration = 0;
    for (const PoolExample& e : pools) {
      (e.split == DataSplit::kTrain ? pools_train : pools_calibration) += 1;
    }
    w.Key("train_claims");
    w.Uint64(pools_train);
    w.Key("calibration_claims");
    w.Uint64(pools_calibration);
    w.Key("calibration_recall_at_5_formula");
    w.Double(Round4(recall_formula));
    w.Key("calibration_recall_at_5_head");
    w.Double(Round4(recall_head));
    w.Key("feature_gain");
    w.StartObject();
    const auto& names = RankFeatureNames();
    std::vector<size_t> order(names.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return relevance_gain[a] > relevance_gain[b]; });
    for (size_t i : order) {
      w.Key(names[i].c_str());
      w.Double(Round4(relevance_gain[i]));
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndObject();

  VerdictModel model("verdict-v1", ClaimFeaturizer::Names(), std::move(supported->head),
                     std::move(refuted->head), std::move(lexical), buffer.GetString(),
                     std::move(relevance));
  std::string out_path = args->Get("--out");
  std::string tmp = out_path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    std::string text = model.ToJson();
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::fprintf(stderr, "factgate train: cannot write %s\n", tmp.c_str());
      return 2;
    }
  }
  std::error_code ec;
  fs::rename(tmp, out_path, ec);
  if (ec) {
    std::fprintf(stderr, "factgate train: cannot rename %s to %s: %s\n", tmp.c_str(),
                 out_path.c_str(), ec.message().c_str());
    return 2;
  }
  if (!args->Has("--compare-learners")) {
    std::printf(
        "{\"model\": \"%s\", \"train_rows\": %zu, \"supported_rows\": %zu, "
        "\"refuted_rows\": %zu}\n",
        out_path.c_str(), examples.size(), xs.rows(), xr.rows());
    return 0;
  }

  // Both learners on each head's rows exactly as the trees and the calibration saw them.
  auto compare = [&](const char* name, const BinaryHead& trees, double seconds,
                     const FeatureMatrix& x, const std::vector<float>& y, auto keep,
                     auto label) -> Result<std::string> {
    HeadRows rows;
    rows.train = x;
    rows.train_labels = y;
    rows.calibration = Matrix(examples, DataSplit::kCalibration, keep, cols);
    for (const Example& e : examples) {
      if (e.split != DataSplit::kCalibration || !keep(e)) continue;
      rows.calibration_labels.push_back(label(e));
    }
    std::vector<float> wf = Weights(examples, weighting, DataSplit::kCalibration, keep);
    rows.calibration_weights.assign(wf.begin(), wf.end());
    std::fprintf(stderr, "factgate train: comparing learners on the %s head\n", name);
    return CompareHeadJson(rows, trees, seconds, params);
  };
  auto cmp_s = compare("supported", model.supported_head(), supported_seconds, xs, ys, all,
                       [](const Example& e) { return e.supported; });
  if (!cmp_s.ok()) {
    std::fprintf(stderr, "factgate train: %s\n", cmp_s.status().message().c_str());
    return 2;
  }
  std::string refuted_json = "null";
  if (xr.rows() > 0) {
    auto cmp_r = compare("refuted", model.refuted_head(), refuted_seconds, xr, yr, not_supported,
                         [](const Example& e) { return e.refuted; });
    if (!cmp_r.ok()) {
      std::fprintf(stderr, "factgate train: %s\n", cmp_r.status().message().c_str());
      return 2;
    }
    refuted_json = *cmp_r;
  }
  std::printf(
      "{\"model\": \"%s\", \"train_rows\": %zu, \"supported_rows\": %zu, "
      "\"refuted_rows\": %zu, \"trees\": \"xgboost %s gbtree hist, %d rounds, depth %d\", "
      "\"linear\": \"liblinear %s L2R_LR, bias on, NaN as 0 plus missing indicators, "
      "standardised, unweighted\", \"heads\": {\"supported\": %s, \"refuted\": %s}}\n",
      out_path.c_str(), examples.size(), xs.rows(), xr.rows(), XgboostVersion().c_str(),
      params.rounds, params.max_depth, LiblinearVersion().c_str(), cmp_s->c_str(),
      refuted_json.c_str());
  return 0;
}

}  // namespace fg::cli
