#include "src/engine/engine.h"

#include <cstdlib>
#include <limits>

#include "sources/kb_term_stats.h"
#include "sources/mediawiki_source.h"
#include "sources/net_guard.h"
#include "sources/searxng_source.h"
#include "sources/xapian_kb.h"
#include "verifiers/authorship_verifier.h"
#include "verifiers/comparison_verifier.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/existence_verifier.h"
#include "verifiers/numeric_verifier.h"
#include "verifiers/place_verifier.h"
#include "verifiers/relation_verifier.h"
#include "verifiers/superlative_verifier.h"
#include "verifiers/taxonomy_verifier.h"
#include "verifiers/temporal_verifier.h"

namespace fg {

std::string DefaultModelPath() {
  const char* env = std::getenv("FACTGATE_MODEL");
  if (env != nullptr && *env != '\0') return env;
  return FG_DEFAULT_MODEL_PATH;
}

namespace {

// What every web source of `web` shares; `host` is the source's own host, always allowed.
WebSourceOptions CommonWebOptions(const WebOptions& web, const std::string& host,
                                  EvidenceCache* cache) {
  WebSourceOptions o;
  o.pages = web.pages;
  o.offline = web.offline;
  o.max_concurrent = web.max_concurrent;
  o.cache = cache;
  o.fetch.timeout = std::chrono::milliseconds(web.timeout_ms);
  o.fetch.policy.allowed_hosts = {host};
  o.fetch.policy.private_hosts = web.private_hosts;
  return o;
}

// The web sources of `web`, wikis first, with their evidence cache (kept in *cache).
Result<std::vector<std::unique_ptr<Source>>> OpenWebSources(const WebOptions& web,
                                                            std::unique_ptr<EvidenceCache>* cache) {
  if (web.offline && web.cache_dir.empty()) {
    return Status::InvalidArgument("offline answers come from the evidence cache: give its folder");
  }
  if (!web.cache_dir.empty()) {
    auto opened = EvidenceCache::Open({web.cache_dir, web.cache_ttl_seconds});
    if (!opened.ok()) return opened.status();
    *cache = std::move(*opened);
  }
  std::vector<std::unique_ptr<Source>> sources;
  for (const std::string& api : web.mediawiki_urls) {
    Result<HttpUrl> url = ParseHttpUrl(api);
    if (!url.ok()) return Status::InvalidArgument("--mediawiki: " + url.status().message());
    MediaWikiOptions o;
    static_cast<WebSourceOptions&>(o) = CommonWebOptions(web, url->host, cache->get());
    o.api_url = api;
    // Several wikis are told apart by their host (and port, when not the scheme's default) in
    // citations and errors; wikis that still share a name are numbered ("mediawiki:HOST#2").
    if (web.mediawiki_urls.size() > 1) {
      unsigned default_port = url->scheme == "https" ? 443 : 80;
      o.name = "mediawiki:" + url->host +
               (url->port != default_port ? ":" + std::to_string(url->port) : "");
      std::string base = o.name;
      for (int n = 2;; ++n) {
        bool taken = false;
        for (const auto& s : sources) taken = taken || s->name() == o.name;
        if (!taken) break;
        o.name = base + "#" + std::to_string(n);
      }
    }
    sources.push_back(std::make_unique<MediaWikiSource>(std::move(o)));
  }
  if (!web.searxng_url.empty()) {
    Result<HttpUrl> url = ParseHttpUrl(web.searxng_url);
    if (!url.ok()) return Status::InvalidArgument("--searxng: " + url.status().message());
    SearxngOptions o;
    static_cast<WebSourceOptions&>(o) = CommonWebOptions(web, url->host, cache->get());
    o.base_url = web.searxng_url;
    // Result pages may come from the allowed hosts (any public host by default).
    std::vector<std::string> pages = web.allowed_hosts;
    if (pages.empty()) pages.push_back("*");
    o.fetch.policy.allowed_hosts.insert(o.fetch.policy.allowed_hosts.end(), pages.begin(),
                                        pages.end());
    sources.push_back(std::make_unique<SearxngSource>(std::move(o)));
  }
  return sources;
}

}  // namespace

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
    members.push_back(std::make_unique<PlaceVerifier>(engine->lexicon_.get()));
    members.push_back(std::make_unique<SuperlativeVerifier>());
    members.push_back(std::make_unique<AuthorshipVerifier>());
    members.push_back(std::make_unique<TaxonomyVerifier>(engine->lexicon_.get()));
    members.push_back(std::make_unique<RelationVerifier>(engine->aligner_.get()));
    members.push_back(
        std::make_unique<EntailmentVerifier>(engine->aligner_.get(), engine->lexicon_.get()));
    return members;
  };
  // Without a KB or web source the caller gives the evidence (pairs mode): "no trace in the
  // knowledge base" means nothing there, so the existence expert only informs the model. On
  // fever-pairs and vitaminc its veto was wrong for 52 % and 72 % of the claims it decided
  // (docs/ACCURACY.md).
  ModelJudgeOptions judge_options;
  if (options.kb_paths.empty() && !options.web.enabled()) {
    judge_options.existence_veto = std::numeric_limits<double>::infinity();
    judge_options.missing_work_veto = std::numeric_limits<double>::infinity();
    judge_options.unseen_name_veto = std::numeric_limits<double>::infinity();
  }
  engine->model_judge_ = std::make_unique<ModelJudge>(experts(), engine->featurizer_.get(),
                                                      engine->model_.get(), judge_options);
  const Verifier* judge = engine->model_judge_.get();
  if (!engine->model_) {
    engine->router_ = std::make_unique<Router>(experts());
    judge = engine->router_.get();
  }
  std::vector<const Source*> sources;
  std::vector<const Source*> fallback;
  if (engine->kb_) sources.push_back(engine->kb_.get());
  if (options.web.enabled()) {
    Result<std::vector<std::unique_ptr<Source>>> web = OpenWebSources(options.web, &engine->cache_);
    if (!web.ok()) return web.status();
    engine->web_ = std::move(*web);
    // Without a KB the web is the only source, so it is always asked.
    bool always = options.web.always || sources.empty();
    for (const auto& source : engine->web_) (always ? sources : fallback).push_back(source.get());
  }
  engine->judge_ = judge;
  PipelineOptions pipeline_options = options.pipeline;
  // The model's relevance head orders the retrieved pool when asked for, unless the caller
  // brought its own scorer.
  if (pipeline_options.relevance == nullptr && options.use_relevance && engine->model_ &&
      engine->model_->has_relevance()) {
    pipeline_options.relevance = engine->model_.get();
  }
  engine->pipeline_options_ = pipeline_options;
  engine->all_sources_ = sources;
  engine->all_sources_.insert(engine->all_sources_.end(), fallback.begin(), fallback.end());
  engine->pipeline_ = std::make_unique<Pipeline>(std::move(sources), engine->aligner_.get(), judge,
                                                 pipeline_options, std::move(fallback));
  engine->no_sources_pipeline_ = std::make_unique<Pipeline>(
      std::vector<const Source*>{}, engine->aligner_.get(), judge, pipeline_options);
  return engine;
}

std::vector<std::string> Engine::source_names() const {
  std::vector<std::string> names;
  for (const Source* source : all_sources_) names.emplace_back(source->name());
  return names;
}

Result<const Pipeline*> Engine::PipelineFor(const std::vector<std::string>& names) const {
  if (names.empty()) return no_sources_pipeline_.get();
  std::string key(all_sources_.size(), '0');
  for (const std::string& name : names) {
    // Every source of that name (two wikis on one host share theirs).
    bool found = false;
    for (size_t i = 0; i < all_sources_.size(); ++i) {
      if (all_sources_[i]->name() != name) continue;
      key[i] = '1';
      found = true;
    }
    if (!found) {
      std::string available;
      for (const Source* s : all_sources_) {
        available += (available.empty() ? "\"" : ", \"") + std::string(s->name()) + "\"";
      }
      return Status::InvalidArgument("unknown source \"" + name + "\" (available: " +
                                     (available.empty() ? "none" : available) + ")");
    }
  }
  std::lock_guard lock(chosen_mu_);
  std::unique_ptr<Pipeline>& pipeline = chosen_[key];
  if (!pipeline) {
    std::vector<const Source*> chosen;
    for (size_t i = 0; i < all_sources_.size(); ++i) {
      if (key[i] == '1') chosen.push_back(all_sources_[i]);
    }
    pipeline =
        std::make_unique<Pipeline>(std::move(chosen), aligner_.get(), judge_, pipeline_options_);
  }
  return pipeline.get();
}

}  // namespace fg
