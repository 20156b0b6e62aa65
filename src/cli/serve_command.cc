// `factgate serve`: loads the service configuration (file < environment < flags), opens the engine
// and runs the HTTP service until SIGTERM/SIGINT (src/server/server.h).
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "src/cli/commands.h"
#include "src/server/config.h"
#include "src/server/log.h"
#include "src/server/server.h"

extern char** environ;

namespace fg::cli {

int RunServe(const std::vector<std::string>& args) {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq != std::string::npos && entry.starts_with("FACTGATE_")) {
      env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
  }
  auto loaded = server::LoadServerConfig("", env, args);
  if (!loaded.ok()) {
    std::fprintf(stderr, "factgate serve: %s\n", loaded.status().message().c_str());
    std::fprintf(stderr, "Run 'factgate serve --help' for the settings.\n");
    return 2;
  }
  if (loaded->help_requested) {
    std::fputs(server::ServeHelp().c_str(), stdout);
    return 0;
  }
  const server::ServerConfig& config = loaded->config;
  server::Logger log(server::ParseLogLevel(config.log_level).value_or(server::LogLevel::kInfo));
  for (const std::string& w : loaded->warnings) log.Warn("config warning", {{"warning", w}});
  log.Info("starting",
           {{"config_file", loaded->config_file}, {"config", server::ConfigToJson(config)}});
  auto server = server::Server::Create(config, &log);
  if (!server.ok()) {
    log.Error("start-up failed", {{"error", server.status().message()}});
    std::fprintf(stderr, "factgate serve: %s\n", server.status().message().c_str());
    return 2;
  }
  Status status = (*server)->Run();
  if (!status.ok()) {
    std::fprintf(stderr, "factgate serve: %s\n", status.message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace fg::cli
