// The list of dialects.
#include "plugins/registry.h"

#include "plugins/anthropic/anthropic_dialect.h"
#include "plugins/ollama/ollama_dialect.h"
#include "plugins/openai/openai_dialect.h"

namespace fg::plugins {

std::vector<std::unique_ptr<Dialect>> AllDialects() {
  std::vector<std::unique_ptr<Dialect>> all;
  all.push_back(std::make_unique<openai::OpenAiDialect>());
  all.push_back(std::make_unique<anthropic::AnthropicDialect>());
  all.push_back(std::make_unique<ollama::OllamaDialect>());
  return all;
}

}  // namespace fg::plugins
