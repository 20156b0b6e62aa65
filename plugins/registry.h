// The dialects factgate serves (plugins/*/), in the order their routes are tried. The server binds
// every one of them to the upstream its configuration names (src/server/config.h, UpstreamFor), so
// adding a dialect means its folder under plugins/, one line in registry.cc, and the setting for
// its upstream — the server's relay, sessions, budgets and metrics stay as they are.
#pragma once

#include <memory>
#include <vector>

#include "plugins/dialect.h"

namespace fg::plugins {

// A fresh instance of every dialect: OpenAI, Anthropic Messages, Ollama.
std::vector<std::unique_ptr<Dialect>> AllDialects();

}  // namespace fg::plugins
