// Engine: the verification stack assembled from its parts — KB source, term statistics, WordNet
// lexicon, aligner, the expert verifiers, the trained verdict model that weighs them (or, without
// a model file, the rule-based router), and the pipeline over them.
//
// Every subcommand that checks text (verify, eval; later serve and audit) opens one Engine at
// start-up; opening fails with a clear Status (missing KB, missing WordNet) and the caller exits.
// Once open it is immutable and thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sources/evidence_cache.h"
#include "sources/xapian_kb.h"
#include "src/core/alignment.h"
#include "src/core/pipeline.h"
#include "src/core/source.h"
#include "src/core/status.h"
#include "src/core/term_stats.h"
#include "src/core/wordnet.h"
#include "verifiers/claim_features.h"
#include "verifiers/model_judge.h"
#include "verifiers/router.h"
#include "verifiers/verdict_model.h"

namespace fg {

// Evidence from the web: MediaWiki wikis (sources/mediawiki_source.h) and a SearXNG-compatible
// search engine (sources/searxng_source.h). Off unless a wiki or an engine is given. The web
// sources are asked side by side, wikis first in the given order, then the engine; each may send
// requests only to its own host (the engine's result pages: to `allowed_hosts`).
struct WebOptions {
  std::vector<std::string> mediawiki_urls;  // api.php URLs, e.g. https://en.wikipedia.org/w/api.php
  std::string searxng_url;                  // a SearXNG-compatible engine ("" = none)
  std::vector<std::string> allowed_hosts;   // hosts result pages may come from; empty = any public
  std::vector<std::string> private_hosts;   // hosts allowed on private addresses (a LAN wiki)
  std::string cache_dir;                    // evidence cache ("" = none)
  int64_t cache_ttl_seconds = 7 * 24 * 3600;
  bool offline = false;  // answer from the cache only (needs cache_dir)
  bool always = false;   // ask the web for every claim, not only when the KB leaves it undecided
  size_t pages = 3;      // pages read per claim and source
  unsigned timeout_ms = 3000;  // per request
  size_t max_concurrent = 4;   // requests in flight at once per source
  bool enabled() const { return !mediawiki_urls.empty() || !searxng_url.empty(); }
};

struct EngineOptions {
  std::vector<std::string> kb_paths;  // empty: no retrieval (pairs mode supplies evidence)
  std::string wordnet_dir = "/usr/share/wordnet";
  bool use_wordnet = true;  // synonyms and antonyms; off only for tests and comparisons
  // WordNet synonyms in retrieval queries (alignment always uses them). Off by default: it did not
  // raise evidence recall on the benchmark sets (docs/BENCHMARKS.md).
  bool expand_synonyms = false;
  // The trained verdict model (config/models/); empty: the rule-based router decides (tests,
  // training, and comparisons with the model).
  std::string model_path;
  // Re-rank retrieved passages with the model's relevance head (when it has one) instead of the
  // pipeline's fixed formula. Off by default: it finds more gold evidence on Wikipedia sentences
  // and paper abstracts, but on the default WordNet KB it ranks a gloss that matches the
  // predicate above the one about the claim's subject (docs/BENCHMARKS.md).
  bool use_relevance = false;
  PipelineOptions pipeline;
  WebOptions web;
};

// The verdict model the commands load by default: $FACTGATE_MODEL when set, else the model file
// shipped in the source tree (config/models/verdict-v1.json, its path fixed at build time).
std::string DefaultModelPath();

class Engine {
 public:
  // With KB paths, term statistics come from the KB. Without, from `stats` (may be null).
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options,
                                              std::unique_ptr<TermStats> stats = nullptr);
  ~Engine();

  const Pipeline& pipeline() const { return *pipeline_; }
  // The same verifiers without any source: only evidence-free checks (arithmetic) can decide.
  // For requests that ask for no retrieval ("sources": []).
  const Pipeline& no_sources_pipeline() const { return *no_sources_pipeline_; }
  // The names of the configured sources, in the order they are asked: "kb" with a KB, then the web
  // sources — "mediawiki" (with several wikis "mediawiki:HOST[:PORT]" each) and "searxng".
  std::vector<std::string> source_names() const;
  // A pipeline over the named sources only (names as source_names() gives them; order and repeats
  // do not matter), each asked for every claim (none is a fallback), with the judge and options of
  // pipeline(). No names: no_sources_pipeline(). An unknown name is kInvalidArgument naming the
  // available ones. Built on first use of a choice and kept as long as the engine; thread-safe.
  Result<const Pipeline*> PipelineFor(const std::vector<std::string>& names) const;
  // The KB, or null when the engine was opened without one.
  const XapianKb* kb() const { return kb_.get(); }
  // The judge with every expert, for computing training features; never null.
  const ModelJudge& model_judge() const { return *model_judge_; }
  // The loaded verdict model, or null without one.
  const VerdictModel* model() const { return model_.get(); }

 private:
  Engine() = default;
  std::unique_ptr<XapianKb> kb_;
  std::unique_ptr<TermStats> stats_;
  std::shared_ptr<const Lexicon> lexicon_;
  std::unique_ptr<Aligner> aligner_;
  std::unique_ptr<ClaimFeaturizer> featurizer_;
  std::shared_ptr<const VerdictModel> model_;
  std::unique_ptr<ModelJudge> model_judge_;  // with the model, or for features only
  std::unique_ptr<Router> router_;           // without a model
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Pipeline> no_sources_pipeline_;
  std::unique_ptr<EvidenceCache> cache_;
  std::vector<std::unique_ptr<Source>> web_;
  const Verifier* judge_ = nullptr;  // model_judge_ or router_
  PipelineOptions pipeline_options_;
  std::vector<const Source*> all_sources_;  // kb_, then web_: the order of source_names()
  mutable std::mutex chosen_mu_;            // guards chosen_
  // PipelineFor's pipelines, by which of all_sources_ they ask ('1' or '0' for each).
  mutable std::map<std::string, std::unique_ptr<Pipeline>> chosen_;
};

}  // namespace fg
