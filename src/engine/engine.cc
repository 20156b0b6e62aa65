#include "src/engine/engine.h"

#include <cstdlib>

#include "sources/kb_term_stats.h"
#include "sources/xapian_kb.h"
#include "verifiers/comparison_verifier.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/existence_verifier.h"
#include "verifiers/numeric_verifier.h"
#include "verifiers/relation_verifier.h"
#include "verifiers/temporal_verifier.h"

namespace fg {

std::string DefaultModelPath() {
  const char* env = std::getenv("FACTGATE_MODEL");
  if (env != nullptr && *env != '\0') return env;
  return FG_DEFAULT_MODEL_PATH;
}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options,
                                             std::unique_ptr<TermStats> stats) {
  std::unique_ptr<Engine> engine(new Engine());
  if (options.use_wordnet) {
    auto lexicon = Lexicon::Load(options.wordnet_dir);
    if (!lexicon.ok()) {
      return Status::NotFound(lexicon.status().message() +
                              " (install wordnet-base, or pass --no-wordnet)");
    }
    engine->lexicon_ = std::move(*lexicon);
  }
  if (!options.kb_paths.empty()) {
    XapianKbOptions kbo;
    kbo.lexicon = engine->lexicon_.get();
    kbo.synonyms_per_lemma = options.expand_synonyms ? 2 : 0;
    auto kb = XapianKb::Open(options.kb_paths, kbo);
    if (!kb.ok()) return kb.status();
    engine->stats_ = std::make_unique<KbTermStats>(kb->get());
    engine->kb_ = std::move(*kb);
  } else {
    engine->stats_ = std::move(stats);
  }
  engine->aligner_ =
      std::make_unique<Aligner>(engine->stats_.get(), engine->lexicon_.get(), AlignerOptions{});
  if (!options.model_path.empty()) {
    auto model = VerdictModel::Load(options.model_path, ClaimFeaturizer::Names());
    if (!model.ok()) return model.status();
    engine->model_ = std::move(*model);
  }
  engine->featurizer_ =
      std::make_unique<ClaimFeaturizer>(engine->aligner_.get(), engine->lexicon_.get(),
                                        engine->model_ ? &engine->model_->lexical() : nullptr);
  // The experts, most specific first.
  auto experts = [&] {
    std::vector<std::unique_ptr<Verifier>> members;
    members.push_back(std::make_unique<ComparisonVerifier>());
    members.push_back(std::make_unique<ExistenceVerifier>(engine->stats_.get()));
    members.push_back(std::make_unique<TemporalVerifier>());
    members.push_back(std::make_unique<NumericVerifier>());
    members.push_back(std::make_unique<RelationVerifier>(engine->aligner_.get()));
    members.push_back(
        std::make_unique<EntailmentVerifier>(engine->aligner_.get(), engine->lexicon_.get()));
    return members;
  };
  engine->model_judge_ =
      std::make_unique<ModelJudge>(experts(), engine->featurizer_.get(), engine->model_.get());
  const Verifier* judge = engine->model_judge_.get();
  if (!engine->model_) {
    engine->router_ = std::make_unique<Router>(experts());
    judge = engine->router_.get();
  }
  std::vector<const Source*> sources;
  if (engine->kb_) sources.push_back(engine->kb_.get());
  engine->pipeline_ = std::make_unique<Pipeline>(std::move(sources), engine->aligner_.get(), judge,
                                                 options.pipeline);
  engine->no_sources_pipeline_ = std::make_unique<Pipeline>(
      std::vector<const Source*>{}, engine->aligner_.get(), judge, options.pipeline);
  return engine;
}

}  // namespace fg
