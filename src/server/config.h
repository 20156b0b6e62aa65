// ServerConfig: every setting of `factgate serve`, and how it is loaded, checked and shown.
//
// Settings come from four layers, each overriding the one before: built-in defaults < the config
// file (JSON; `//` and `/* */` comments and trailing commas allowed) < FACTGATE_* environment
// variables < command-line flags. One table in config.cc describes every setting (JSON key path,
// environment variable, flag, type, range, one-line doc), so the file format, the environment, the
// flags and ServeHelp() cannot drift apart; DescribeServerSettings() exposes it.
//
// Contracts: loading never throws; every error is InvalidArgument (NotFound for a missing config
// file) with a message naming the file, key, variable or flag at fault. Unknown JSON keys and
// unknown flags are errors; unknown FACTGATE_* variables are reported as warnings, not errors
// (other tools may share the prefix). A loaded config has passed validation; it is a plain value,
// safe to share read-only between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"

namespace fg::server {

// Resource limits; all must be positive.
struct Limits {
  size_t max_body_bytes = 8 << 20;         // request or upstream response body
  size_t max_header_bytes = 16 << 10;      // request header block
  size_t max_connections = 10000;          // concurrent client connections
  int read_timeout_ms = 30000;             // reading one request from a client
  int idle_timeout_ms = 60000;             // keep-alive connection with no request
  int upstream_connect_timeout_ms = 5000;  // connecting (and TLS handshake) to the upstream
  int upstream_timeout_ms = 300000;        // whole upstream exchange, streams included
  size_t max_text_bytes = 1 << 20;         // text checked per request or response
  size_t upstream_idle_connections = 32;   // kept open for reuse (plain HTTP upstreams); 0 = none
};

// Evidence from the web (the engine's WebOptions, src/engine/engine.h), like the --mediawiki,
// --searxng and --web-* flags of `factgate verify`. Off unless a wiki or a search engine is given;
// the other settings need one of them.
struct WebConfig {
  std::vector<std::string> mediawiki;  // api.php URLs (http:// or https://), asked in this order
  std::string searxng;                 // a SearXNG-compatible engine's base URL; empty = none
  std::string when =
      "fallback";  // fallback: only claims the KB leaves undecided; always: every one
  std::vector<std::string> allow;          // hosts SearXNG result pages may come from; empty = any
  std::vector<std::string> private_hosts;  // hosts allowed on private or loopback addresses
  int pages = 3;                           // pages read per claim and source (1..20)
  int timeout_ms = 3000;                   // per web request
  int max_concurrent = 4;                  // requests in flight at once per source (1..256)
  std::string cache_dir;                   // evidence cache; empty = none
  int cache_ttl_seconds = 7 * 24 * 3600;   // how long a cached answer stays fresh
  bool offline = false;                    // answer from the cache only (needs cache_dir)

  bool enabled() const { return !mediawiki.empty() || !searxng.empty(); }
};

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 = ephemeral
  std::string upstream;            // OpenAI base URL incl. /v1; empty = its routes answer 503
  std::string anthropic_upstream;  // Anthropic Messages base URL ("https://api.anthropic.com")
  std::string ollama_upstream;     // Ollama base URL ("http://127.0.0.1:11434")
  std::string mode = "annotate";   // off|annotate|cite|rewrite
  std::vector<std::string> kb;     // KB directories or tcp://HOST:PORT; empty = no retrieval
  std::string wordnet_dir = "/usr/share/wordnet";
  // Verdict model file; empty: the shipped one (DefaultModelPath); "none": rule-based verifiers.
  std::string model;
  int io_threads = 1;
  int worker_threads = 0;  // 0 = number of cores
  int budget_ms = 2000;    // per-response verification budget
  bool fail_closed = false;
  std::string admin_token;  // empty = KB write routes disabled (403)
  bool upstream_tls_verify = true;
  std::string log_level = "info";  // debug|info|warn|error
  Limits limits;
  WebConfig web;
};

// What LoadServerConfig produced.
struct LoadedServerConfig {
  ServerConfig config;
  // --help or -h was among the flags: nothing else was parsed or checked, `config` holds the
  // defaults; the caller prints ServeHelp() to stdout and exits 0.
  bool help_requested = false;
  std::string config_file;            // the file that was read; empty when none
  std::vector<std::string> warnings;  // e.g. unknown FACTGATE_* variables; worth logging
};

// Loads defaults < `config_path` (may be empty; a `--config FILE` in `flags` replaces it) < `env`
// (the FACTGATE_* entries of the process environment; other entries are ignored) < `flags` (the
// arguments after `factgate serve`: `--x=v` or `--x v`; booleans also bare `--x`). Then validates.
Result<LoadedServerConfig> LoadServerConfig(const std::string& config_path,
                                            const std::map<std::string, std::string>& env,
                                            const std::vector<std::string>& flags);

// Validates a config built in code (LoadServerConfig already does this).
Status ValidateServerConfig(const ServerConfig& config);

// The --help text for `factgate serve`: usage line, then each flag with its env var, default and
// doc.
std::string ServeHelp();

// The effective config as one line of JSON, shaped like the config file (admin_token is "***" when
// set), for a start-up log line.
std::string ConfigToJson(const ServerConfig& config);

// One row of the settings table, for docs and tests.
struct SettingInfo {
  std::string key;            // JSON key path, e.g. "limits.max_body_bytes"
  std::string env;            // e.g. "FACTGATE_LIMITS_MAX_BODY_BYTES"
  std::string flag;           // e.g. "--max-body-bytes"
  std::string type;           // "string" | "string list" | "integer" | "boolean"
  std::string default_value;  // as a flag would spell it ("" for an empty string or list)
  std::string doc;            // one line
};
std::vector<SettingInfo> DescribeServerSettings();

// `listen`, parsed. IPv6 hosts are written "[::1]:8080" and returned without brackets.
struct HostPort {
  std::string host;
  uint16_t port = 0;
};
Result<HostPort> ParseListen(std::string_view listen);

// `upstream`, parsed: http:// or https:// (default ports 80/443), a host name, IPv4 address or
// bracketed IPv6 address ("[::1]", returned without brackets), an optional port and an optional
// path. Query strings, fragments and user:password@ are rejected.
struct UpstreamUrl {
  bool tls = false;
  std::string host;
  uint16_t port = 0;
  std::string base_path;  // "/v1": no trailing slash; "" when the URL has no path

  // The value of the Host header: "host", "host:port" when the port is not the default, IPv6 in
  // brackets.
  std::string HostHeader() const;
};
Result<UpstreamUrl> ParseUpstreamUrl(std::string_view url);

// The upstream base URL configured for a dialect ("openai": upstream, "anthropic":
// anthropic_upstream, "ollama": ollama_upstream; "" when unset or unknown), and how a user sets it
// (for error messages).
std::string UpstreamFor(const ServerConfig& config, std::string_view dialect);
std::string UpstreamSettingFor(std::string_view dialect);

}  // namespace fg::server
