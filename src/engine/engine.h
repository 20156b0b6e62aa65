// Engine: the verification stack assembled from its parts — KB source, term statistics, WordNet
// lexicon, aligner, the verifiers behind the router, and the pipeline over them.
//
// Every subcommand that checks text (verify, eval; later serve and audit) opens one Engine at
// start-up; opening fails with a clear Status (missing KB, missing WordNet) and the caller exits.
// Once open it is immutable and thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sources/xapian_kb.h"
#include "src/core/alignment.h"
#include "src/core/pipeline.h"
#include "src/core/source.h"
#include "src/core/status.h"
#include "src/core/term_stats.h"
#include "src/core/wordnet.h"
#include "verifiers/router.h"

namespace fg {

struct EngineOptions {
  std::vector<std::string> kb_paths;  // empty: no retrieval (pairs mode supplies evidence)
  std::string wordnet_dir = "/usr/share/wordnet";
  bool use_wordnet = true;  // synonyms and antonyms; off only for tests and comparisons
  // WordNet synonyms in retrieval queries (alignment always uses them). Off by default: it did not
  // raise evidence recall on the benchmark sets (docs/BENCHMARKS.md).
  bool expand_synonyms = false;
  PipelineOptions pipeline;
};

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
  // The KB, or null when the engine was opened without one.
  const XapianKb* kb() const { return kb_.get(); }

 private:
  Engine() = default;
  std::unique_ptr<XapianKb> kb_;
  std::unique_ptr<TermStats> stats_;
  std::shared_ptr<const Lexicon> lexicon_;
  std::unique_ptr<Aligner> aligner_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Pipeline> no_sources_pipeline_;
};

}  // namespace fg
