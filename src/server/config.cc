#include "src/server/config.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdio>
#include <cstring>
#include <variant>

#include "src/server/log.h"

namespace fg::server {

namespace {

// Accessors from a config to one of its fields; the variant alternative is the setting's type.
using StringRef = std::string& (*)(ServerConfig&);
using ListRef = std::vector<std::string>& (*)(ServerConfig&);
using IntRef = int& (*)(ServerConfig&);
using SizeRef = size_t& (*)(ServerConfig&);
using BoolRef = bool& (*)(ServerConfig&);
using FieldRef = std::variant<StringRef, ListRef, IntRef, SizeRef, BoolRef>;

// "" when `value` is acceptable, else what is wrong with it.
using StringCheck = std::string (*)(const std::string& value);

struct Setting {
  std::string_view key;      // JSON path; the environment variable is derived from it
  std::string_view flag;     // command-line flag
  std::string_view metavar;  // the value's name in --help; empty for booleans
  FieldRef field;
  std::string_view doc;
  long long min = 0;  // integers: the accepted range
  long long max = 0;
  StringCheck check = nullptr;  // strings, and each entry of a list
};

std::string CheckListen(const std::string& v) {
  auto parsed = ParseListen(v);
  return parsed.ok() ? "" : parsed.status().message();
}

std::string CheckUpstream(const std::string& v) {
  if (v.empty()) return "";
  auto parsed = ParseUpstreamUrl(v);
  return parsed.ok() ? "" : parsed.status().message();
}

Result<UpstreamUrl> ParseBaseUrl(std::string_view url, std::string_view what);

// A web source's URL (a wiki's api.php, a search engine): http:// or https://, as for upstream.
std::string CheckWebUrl(const std::string& v) {
  auto parsed = ParseBaseUrl(v, "URL");
  return parsed.ok() ? "" : parsed.status().message();
}

std::string CheckOptionalWebUrl(const std::string& v) { return v.empty() ? "" : CheckWebUrl(v); }

std::string CheckWebWhen(const std::string& v) {
  if (v == "fallback" || v == "always") return "";
  return "must be fallback or always; got \"" + v + "\"";
}

std::string CheckMode(const std::string& v) {
  if (v == "off" || v == "annotate" || v == "cite" || v == "rewrite") return "";
  return "must be one of off, annotate, cite, rewrite; got \"" + v + "\"";
}

std::string CheckLogLevel(const std::string& v) {
  auto parsed = ParseLogLevel(v);
  return parsed.ok() ? "" : parsed.status().message();
}

std::string CheckNotEmpty(const std::string& v) { return v.empty() ? "must not be empty" : ""; }

constexpr long long kMaxInt = INT_MAX;
constexpr long long kMaxSize = LLONG_MAX;

// A field accessor as a plain function pointer, so the table below is static data.
#define FG_FIELD(member) +[](ServerConfig& c) -> decltype((c.member)) { return c.member; }

// Every setting of `factgate serve`. The JSON file, the environment, the flags, --help,
// ConfigToJson and validation are all driven from here.
const Setting kSettings[] = {
    {"listen", "--listen", "HOST:PORT", FG_FIELD(listen),
     "address to listen on ([::1]:PORT for IPv6); port 0 picks a free port", 0, 0, &CheckListen},
    {"upstream", "--upstream", "URL", FG_FIELD(upstream),
     "OpenAI-compatible API base URL incl. /v1 (http:// or https://); empty: its routes answer 503",
     0, 0, &CheckUpstream},
    {"anthropic_upstream", "--anthropic-upstream", "URL", FG_FIELD(anthropic_upstream),
     "Anthropic Messages API base URL (https://api.anthropic.com); empty: /v1/messages answers 503",
     0, 0, &CheckUpstream},
    {"ollama_upstream", "--ollama-upstream", "URL", FG_FIELD(ollama_upstream),
     "Ollama base URL (http://127.0.0.1:11434); empty: its /api/* routes answer 503", 0, 0,
     &CheckUpstream},
    {"mode", "--mode", "MODE", FG_FIELD(mode),
     "proxy mode: off, annotate, cite or rewrite; a request's x-factgate-mode header overrides it",
     0, 0, &CheckMode},
    {"kb", "--kb", "DIR", FG_FIELD(kb),
     "KB directory or tcp://HOST:PORT shard, repeatable (env: comma-separated); none: no retrieval",
     0, 0, &CheckNotEmpty},
    {"wordnet_dir", "--wordnet-dir", "DIR", FG_FIELD(wordnet_dir),
     "WordNet database directory, for synonyms and antonyms"},
    {"model", "--model", "FILE", FG_FIELD(model),
     "verdict model; empty: the shipped one ($FACTGATE_MODEL or config/models/); none: rules"},
    {"io_threads", "--io-threads", "N", FG_FIELD(io_threads),
     "threads running network I/O (1..256)", 1, 256},
    {"worker_threads", "--worker-threads", "N", FG_FIELD(worker_threads),
     "threads running retrieval and verification (0..256); 0: one per core", 0, 256},
    {"budget_ms", "--budget-ms", "MS", FG_FIELD(budget_ms),
     "time budget for verifying one response, in milliseconds (1..600000)", 1, 600000},
    {"fail_closed", "--fail-closed", "", FG_FIELD(fail_closed),
     "when the budget runs out or a source fails, send an error, not the partly checked answer"},
    {"admin_token", "--admin-token", "TOKEN", FG_FIELD(admin_token),
     "bearer token for the KB write routes; empty: they answer 403 (flags show in ps: prefer env)"},
    {"upstream_tls_verify", "--upstream-tls-verify", "", FG_FIELD(upstream_tls_verify),
     "verify the upstream's TLS certificate and host name"},
    {"log_level", "--log-level", "LEVEL", FG_FIELD(log_level),
     "least severe log level written: debug, info, warn or error", 0, 0, &CheckLogLevel},
    {"limits.max_body_bytes", "--max-body-bytes", "BYTES", FG_FIELD(limits.max_body_bytes),
     "largest request body, and largest upstream response body", 1, kMaxSize},
    {"limits.max_header_bytes", "--max-header-bytes", "BYTES", FG_FIELD(limits.max_header_bytes),
     "largest request header block", 1, kMaxSize},
    {"limits.max_connections", "--max-connections", "N", FG_FIELD(limits.max_connections),
     "most client connections open at once", 1, kMaxSize},
    {"limits.read_timeout_ms", "--read-timeout-ms", "MS", FG_FIELD(limits.read_timeout_ms),
     "time allowed to read one request from a client, in milliseconds", 1, kMaxInt},
    {"limits.idle_timeout_ms", "--idle-timeout-ms", "MS", FG_FIELD(limits.idle_timeout_ms),
     "how long an idle keep-alive connection stays open, in milliseconds", 1, kMaxInt},
    {"limits.upstream_connect_timeout_ms", "--upstream-connect-timeout-ms", "MS",
     FG_FIELD(limits.upstream_connect_timeout_ms),
     "time allowed to connect to the upstream (TLS handshake included), in milliseconds", 1,
     kMaxInt},
    {"limits.upstream_timeout_ms", "--upstream-timeout-ms", "MS",
     FG_FIELD(limits.upstream_timeout_ms),
     "time allowed for one whole upstream exchange, streams included, in milliseconds", 1, kMaxInt},
    {"limits.max_text_bytes", "--max-text-bytes", "BYTES", FG_FIELD(limits.max_text_bytes),
     "most bytes of text verified per request or response", 1, kMaxSize},
    {"limits.upstream_idle_connections", "--upstream-idle-connections", "N",
     FG_FIELD(limits.upstream_idle_connections),
     "idle keep-alive connections to a plain-HTTP upstream kept for reuse; 0 opens one per request",
     0, kMaxSize},
    {"web.mediawiki", "--mediawiki", "URL", FG_FIELD(web.mediawiki),
     "a MediaWiki's api.php URL for web evidence, repeatable (env: comma-separated); none: off", 0,
     0, &CheckWebUrl},
    {"web.searxng", "--searxng", "URL", FG_FIELD(web.searxng),
     "a SearXNG-compatible search engine's URL for web evidence; empty: none", 0, 0,
     &CheckOptionalWebUrl},
    {"web.when", "--web-when", "WHEN", FG_FIELD(web.when),
     "fallback: the web is asked for claims the KB leaves undecided; always: for every claim", 0, 0,
     &CheckWebWhen},
    {"web.allow", "--web-allow", "HOST", FG_FIELD(web.allow),
     "host SearXNG result pages may come from (*.example.org: subdomains), repeatable; none: any",
     0, 0, &CheckNotEmpty},
    {"web.private", "--web-private", "HOST", FG_FIELD(web.private_hosts),
     "host a web source may reach on a private or loopback address (a LAN wiki), repeatable", 0, 0,
     &CheckNotEmpty},
    {"web.pages", "--web-pages", "N", FG_FIELD(web.pages),
     "pages read per claim and web source (1..20)", 1, 20},
    {"web.timeout_ms", "--web-timeout-ms", "MS", FG_FIELD(web.timeout_ms),
     "time allowed for one web request, in milliseconds (1..600000)", 1, 600000},
    {"web.max_concurrent", "--web-concurrency", "N", FG_FIELD(web.max_concurrent),
     "web requests in flight at once per source (1..256)", 1, 256},
    {"web.cache_dir", "--web-cache", "DIR", FG_FIELD(web.cache_dir),
     "evidence cache for web answers and pages (factgate cache stats|prune); empty: none"},
    {"web.cache_ttl_seconds", "--web-cache-ttl", "S", FG_FIELD(web.cache_ttl_seconds),
     "seconds a cached web answer stays fresh", 0, kMaxInt},
    {"web.offline", "--offline", "", FG_FIELD(web.offline),
     "no web requests: web evidence comes from the cache only (needs web.cache_dir)"},
};

#undef FG_FIELD

constexpr std::string_view kConfigEnv = "FACTGATE_CONFIG";
constexpr std::string_view kEnvPrefix = "FACTGATE_";

// Readers use the same accessors as writers; nothing is written through this reference.
ServerConfig& ForReading(const ServerConfig& c) { return const_cast<ServerConfig&>(c); }

bool IsBool(const Setting& s) { return std::holds_alternative<BoolRef>(s.field); }
bool IsList(const Setting& s) { return std::holds_alternative<ListRef>(s.field); }

std::string TypeName(const Setting& s) {
  switch (s.field.index()) {
    case 0:
      return "string";
    case 1:
      return "string list";
    case 4:
      return "boolean";
    default:
      return "integer";
  }
}

std::string EnvName(std::string_view key) {
  std::string out(kEnvPrefix);
  for (char c : key) {
    out += c == '.' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return out;
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

// The value as a flag or environment variable would spell it.
std::string ValueText(const Setting& s, const ServerConfig& config) {
  ServerConfig& c = ForReading(config);
  if (auto* f = std::get_if<StringRef>(&s.field)) return (*f)(c);
  if (auto* f = std::get_if<ListRef>(&s.field)) return Join((*f)(c), ",");
  if (auto* f = std::get_if<IntRef>(&s.field)) return std::to_string((*f)(c));
  if (auto* f = std::get_if<SizeRef>(&s.field)) return std::to_string((*f)(c));
  return (*std::get<BoolRef>(s.field))(c) ? "true" : "false";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string_view LastComponent(std::string_view s) {
  const size_t dot = s.rfind('.');
  return dot == std::string_view::npos ? s : s.substr(dot + 1);
}

// " (did you mean X?)" for the closest candidate, when it is close enough to be a typo. A key
// written at the wrong level ("max_body_bytes" for "limits.max_body_bytes") also matches.
std::string Suggestion(std::string_view given, const std::vector<std::string>& candidates,
                       bool quote) {
  size_t best = SIZE_MAX;
  const std::string* best_candidate = nullptr;
  for (const std::string& c : candidates) {
    const size_t d =
        std::min(EditDistance(given, c), EditDistance(LastComponent(given), LastComponent(c)));
    if (d < best) {
      best = d;
      best_candidate = &c;
    }
  }
  const size_t allowed = std::max<size_t>(2, given.size() / 3);
  if (best_candidate == nullptr || best > allowed) return "";
  return " (did you mean " + (quote ? Quote(*best_candidate) : *best_candidate) + "?)";
}

const Setting* FindSetting(std::string_view name, std::string_view Setting::*column) {
  for (const Setting& s : kSettings) {
    if (s.*column == name) return &s;
  }
  return nullptr;
}

const Setting* FindByEnv(std::string_view name) {
  for (const Setting& s : kSettings) {
    if (EnvName(s.key) == name) return &s;
  }
  return nullptr;
}

// A JSON object key that holds settings ("limits").
bool IsGroup(std::string_view key) {
  for (const Setting& s : kSettings) {
    if (s.key.size() > key.size() && s.key.substr(0, key.size()) == key &&
        s.key[key.size()] == '.') {
      return true;
    }
  }
  return false;
}

size_t IndexOf(const Setting& s) { return static_cast<size_t>(&s - kSettings); }
constexpr size_t kNumSettings = sizeof(kSettings) / sizeof(kSettings[0]);

// Where each setting's current value came from: "" (default), a file, a variable or a flag.
using Origins = std::vector<std::string>;

Result<long long> ParseInteger(std::string_view text) {
  long long out = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return Status::InvalidArgument("expected an integer, got " + Quote(text));
  }
  return out;
}

Result<bool> ParseBool(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return false;
  return Status::InvalidArgument("expected true or false, got " + Quote(text));
}

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Sets a setting from environment or flag text. `append` adds one entry to a list (a repeated
// flag); otherwise a list is the comma-separated entries of `text`.
Status SetFromText(const Setting& s, ServerConfig& c, std::string_view text, bool append,
                   const std::string& where) {
  const auto fail = [&](const Status& st) {
    return Status::InvalidArgument(where + ": " + st.message());
  };
  if (auto* f = std::get_if<StringRef>(&s.field)) {
    (*f)(c) = std::string(text);
  } else if (auto* f = std::get_if<ListRef>(&s.field)) {
    std::vector<std::string>& list = (*f)(c);
    if (append) {
      list.emplace_back(text);
    } else {
      list.clear();
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        std::string entry = Trim(text.substr(start, comma - start));
        if (!entry.empty()) list.push_back(std::move(entry));
        start = comma + 1;
      }
    }
  } else if (auto* f = std::get_if<BoolRef>(&s.field)) {
    auto b = ParseBool(text);
    if (!b.ok()) return fail(b.status());
    (*f)(c) = *b;
  } else {
    auto n = ParseInteger(text);
    if (!n.ok()) return fail(n.status());
    if (*n < s.min || *n > s.max) {
      return Status::InvalidArgument(where + ": must be between " + std::to_string(s.min) +
                                     " and " + std::to_string(s.max) + ", got " +
                                     std::string(text));
    }
    if (auto* i = std::get_if<IntRef>(&s.field)) {
      (*i)(c) = static_cast<int>(*n);
    } else {
      (*std::get<SizeRef>(s.field))(c) = static_cast<size_t>(*n);
    }
  }
  return Status::Ok();
}

std::string DescribeJson(const rapidjson::Value& v) {
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  if (v.IsInt64()) return "the number " + std::to_string(v.GetInt64());
  if (v.IsUint64()) return "the number " + std::to_string(v.GetUint64());
  if (v.IsNumber()) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v.GetDouble());
    return "the number " + std::string(buf, ec == std::errc() ? end : buf);
  }
  if (v.IsString()) return "a string";
  if (v.IsArray()) return "an array";
  return "an object";
}

Status SetFromJson(const Setting& s, ServerConfig& c, const rapidjson::Value& v,
                   const std::string& file) {
  const auto wrong_type = [&](std::string_view expected) {
    return Status::InvalidArgument(file + ": setting " + Quote(s.key) + " must be " +
                                   std::string(expected) + ", got " + DescribeJson(v));
  };
  if (auto* f = std::get_if<StringRef>(&s.field)) {
    if (!v.IsString()) return wrong_type("a string");
    (*f)(c).assign(v.GetString(), v.GetStringLength());
  } else if (auto* f = std::get_if<ListRef>(&s.field)) {
    if (!v.IsArray()) return wrong_type("an array of strings");
    std::vector<std::string> list;
    for (const auto& item : v.GetArray()) {
      if (!item.IsString()) return wrong_type("an array of strings");
      list.emplace_back(item.GetString(), item.GetStringLength());
    }
    (*f)(c) = std::move(list);
  } else if (auto* f = std::get_if<BoolRef>(&s.field)) {
    if (!v.IsBool()) return wrong_type("true or false");
    (*f)(c) = v.GetBool();
  } else {
    const std::string range =
        "an integer between " + std::to_string(s.min) + " and " + std::to_string(s.max);
    if (!v.IsInt64()) return wrong_type(range);
    const long long n = v.GetInt64();
    if (n < s.min || n > s.max) return wrong_type(range);
    if (auto* i = std::get_if<IntRef>(&s.field)) {
      (*i)(c) = static_cast<int>(n);
    } else {
      (*std::get<SizeRef>(s.field))(c) = static_cast<size_t>(n);
    }
  }
  return Status::Ok();
}

std::vector<std::string> JsonKeyCandidates() {
  std::vector<std::string> out;
  for (const Setting& s : kSettings) {
    out.emplace_back(s.key);
    if (size_t dot = s.key.find('.'); dot != std::string_view::npos) {
      std::string group(s.key.substr(0, dot));
      if (std::find(out.begin(), out.end(), group) == out.end()) out.push_back(group);
    }
  }
  return out;
}

Status ApplyJsonObject(const rapidjson::Value& object, const std::string& prefix, ServerConfig& c,
                       Origins& origins, const std::string& file) {
  for (const auto& member : object.GetObject()) {
    const std::string name(member.name.GetString(), member.name.GetStringLength());
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (IsGroup(key)) {
      if (!member.value.IsObject()) {
        return Status::InvalidArgument(file + ": setting " + Quote(key) +
                                       " must be an object, got " + DescribeJson(member.value));
      }
      if (Status st = ApplyJsonObject(member.value, key, c, origins, file); !st.ok()) return st;
      continue;
    }
    const Setting* s = FindSetting(key, &Setting::key);
    if (s == nullptr) {
      return Status::InvalidArgument(file + ": unknown setting " + Quote(key) +
                                     Suggestion(key, JsonKeyCandidates(), /*quote=*/true));
    }
    if (Status st = SetFromJson(*s, c, member.value, file); !st.ok()) return st;
    origins[IndexOf(*s)] = file;
  }
  return Status::Ok();
}

Status ReadFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(path + ": no such config file");
    return Status::InvalidArgument(path + ": cannot open: " + std::strerror(err));
  }
  char buf[1 << 14];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) out->append(buf, n);
  const bool failed = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (failed) return Status::InvalidArgument(path + ": cannot read: " + std::strerror(err));
  return Status::Ok();
}

Status ApplyConfigFile(const std::string& path, ServerConfig& c, Origins& origins) {
  std::string text;
  if (Status st = ReadFile(path, &text); !st.ok()) return st;
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag |
            rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  if (doc.HasParseError()) {
    const size_t offset = std::min(doc.GetErrorOffset(), text.size());
    size_t line = 1, line_start = 0;
    for (size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    return Status::InvalidArgument(
        path + ":" + std::to_string(line) + ":" + std::to_string(offset - line_start + 1) +
        ": invalid JSON: " + rapidjson::GetParseError_En(doc.GetParseError()));
  }
  if (!doc.IsObject()) {
    return Status::InvalidArgument(path + ": expected a JSON object of settings, got " +
                                   DescribeJson(doc));
  }
  return ApplyJsonObject(doc, "", c, origins, path);
}

// The rules between web settings, as `factgate verify` has them for its flags: every web setting
// but the sources themselves needs a source, and offline needs the cache.
Status ValidateWeb(const ServerConfig& config, const Origins* origins) {
  const auto where = [origins](const Setting& s) {
    std::string out(s.key);
    if (origins != nullptr && !(*origins)[IndexOf(s)].empty()) {
      out += " (from " + (*origins)[IndexOf(s)] + ")";
    }
    return out;
  };
  const ServerConfig defaults;
  if (!config.web.enabled()) {
    for (const Setting& s : kSettings) {
      if (!s.key.starts_with("web.") || s.key == "web.mediawiki" || s.key == "web.searxng") {
        continue;
      }
      if (ValueText(s, config) != ValueText(s, defaults)) {
        return Status::InvalidArgument(
            where(s) +
            ": needs a web source: set web.mediawiki (--mediawiki URL) or web.searxng "
            "(--searxng URL)");
      }
    }
  }
  if (config.web.offline && config.web.cache_dir.empty()) {
    const Setting* offline = FindSetting("web.offline", &Setting::key);
    return Status::InvalidArgument(
        where(*offline) +
        ": offline answers come from the evidence cache: set web.cache_dir (--web-cache DIR)");
  }
  return Status::Ok();
}

Status Validate(const ServerConfig& config, const Origins* origins) {
  ServerConfig& c = ForReading(config);
  for (const Setting& s : kSettings) {
    std::string problem;
    if (auto* f = std::get_if<StringRef>(&s.field)) {
      if (s.check != nullptr) problem = s.check((*f)(c));
    } else if (auto* f = std::get_if<ListRef>(&s.field)) {
      const auto& list = (*f)(c);
      for (size_t i = 0; i < list.size() && problem.empty() && s.check != nullptr; ++i) {
        problem = s.check(list[i]);
        if (!problem.empty()) problem = "entry " + std::to_string(i + 1) + " " + problem;
      }
    } else if (!IsBool(s)) {
      long long n = 0;
      if (auto* i = std::get_if<IntRef>(&s.field)) {
        n = (*i)(c);
      } else {
        const size_t v = (*std::get<SizeRef>(s.field))(c);
        n = v > static_cast<size_t>(LLONG_MAX) ? LLONG_MAX : static_cast<long long>(v);
      }
      if (n < s.min || n > s.max) {
        problem = "must be between " + std::to_string(s.min) + " and " + std::to_string(s.max) +
                  ", got " + std::to_string(n);
      }
    }
    if (problem.empty()) continue;
    std::string where(s.key);
    if (origins != nullptr && !(*origins)[IndexOf(s)].empty()) {
      where += " (from " + (*origins)[IndexOf(s)] + ")";
    }
    return Status::InvalidArgument(where + ": " + problem);
  }
  return ValidateWeb(config, origins);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct FlagValue {
  const Setting* setting;
  std::string flag;
  std::string value;
};

std::vector<std::string> FlagCandidates() {
  std::vector<std::string> out = {"--config", "--help"};
  for (const Setting& s : kSettings) out.emplace_back(s.flag);
  return out;
}

// Splits `flags` into setting values and the --config file; checks names and syntax only.
Status ParseFlags(const std::vector<std::string>& flags, std::vector<FlagValue>* values,
                  std::string* config_file) {
  for (size_t i = 0; i < flags.size(); ++i) {
    const std::string& arg = flags[i];
    if (arg == "--") {
      if (i + 1 < flags.size()) {
        return Status::InvalidArgument("unexpected argument " + Quote(flags[i + 1]) +
                                       "; factgate serve takes only flags (see --help)");
      }
      break;
    }
    if (!StartsWith(arg, "--") || arg.size() == 2) {
      return Status::InvalidArgument("unexpected argument " + Quote(arg) +
                                     "; factgate serve takes only flags (see --help)");
    }
    std::string name = arg;
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    const Setting* s = FindSetting(name, &Setting::flag);
    if (s == nullptr && name != "--config") {
      return Status::InvalidArgument("unknown flag " + name +
                                     Suggestion(name, FlagCandidates(), /*quote=*/false) +
                                     "; see --help");
    }
    if (s != nullptr && IsBool(*s)) {
      if (!has_value) {
        // "--fail-closed false" reads as meant: there are no positional arguments to confuse.
        if (i + 1 < flags.size() && ParseBool(flags[i + 1]).ok()) {
          value = flags[++i];
        } else {
          value = "true";
        }
      }
    } else if (!has_value) {
      if (i + 1 >= flags.size() || (StartsWith(flags[i + 1], "--") && flags[i + 1].size() > 2)) {
        return Status::InvalidArgument(name + " needs a value");
      }
      value = flags[++i];
    }
    if (s == nullptr) {
      *config_file = value;
    } else {
      values->push_back({s, name, value});
    }
  }
  return Status::Ok();
}

std::string DefaultText(const Setting& s) { return ValueText(s, ServerConfig{}); }

}  // namespace

Result<LoadedServerConfig> LoadServerConfig(const std::string& config_path,
                                            const std::map<std::string, std::string>& env,
                                            const std::vector<std::string>& flags) {
  LoadedServerConfig loaded;
  for (const std::string& arg : flags) {
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h") {
      loaded.help_requested = true;
      return loaded;
    }
  }

  std::vector<FlagValue> flag_values;
  std::string flag_config;
  if (Status st = ParseFlags(flags, &flag_values, &flag_config); !st.ok()) return st;

  ServerConfig& c = loaded.config;
  Origins origins(kNumSettings);

  loaded.config_file = config_path;
  if (auto it = env.find(std::string(kConfigEnv)); it != env.end() && !it->second.empty()) {
    loaded.config_file = it->second;
  }
  if (!flag_config.empty()) loaded.config_file = flag_config;
  if (!loaded.config_file.empty()) {
    if (Status st = ApplyConfigFile(loaded.config_file, c, origins); !st.ok()) return st;
  }

  for (const auto& [name, value] : env) {
    if (!StartsWith(name, kEnvPrefix) || name == kConfigEnv) continue;
    const Setting* s = FindByEnv(name);
    if (s == nullptr) {
      std::vector<std::string> candidates = {std::string(kConfigEnv)};
      for (const Setting& setting : kSettings) candidates.push_back(EnvName(setting.key));
      loaded.warnings.push_back("unknown environment variable " + name + " ignored" +
                                Suggestion(name, candidates, /*quote=*/false));
      continue;
    }
    if (Status st = SetFromText(*s, c, value, /*append=*/false, name); !st.ok()) return st;
    origins[IndexOf(*s)] = name;
  }

  std::vector<bool> list_started(kNumSettings, false);
  for (const FlagValue& fv : flag_values) {
    const size_t index = IndexOf(*fv.setting);
    // The first --kb replaces the file's and the environment's list; later ones add to it.
    if (IsList(*fv.setting) && !list_started[index]) {
      std::get<ListRef>(fv.setting->field)(c).clear();
      list_started[index] = true;
    }
    if (Status st = SetFromText(*fv.setting, c, fv.value, /*append=*/true, fv.flag); !st.ok()) {
      return st;
    }
    origins[index] = fv.flag;
  }

  if (Status st = Validate(c, &origins); !st.ok()) return st;
  return loaded;
}

Status ValidateServerConfig(const ServerConfig& config) { return Validate(config, nullptr); }

std::string ServeHelp() {
  std::string out =
      "usage: factgate serve [--config FILE] [FLAG...]\n"
      "\n"
      "Runs the HTTP service: the verification API (/v1/verify, /v1/claims, /v1/kb/...) and the\n"
      "fact-checking proxy in front of an OpenAI-compatible model API.\n"
      "\n"
      "Each setting comes from, lowest priority first: its default, the config file (JSON with\n"
      "comments and trailing commas; keys as in config/factgate.json), its FACTGATE_* environment\n"
      "variable, its flag. Flags take --flag VALUE or --flag=VALUE; a boolean flag alone means "
      "true.\n"
      "\n"
      "  --config FILE\n"
      "      config file to read (env FACTGATE_CONFIG)\n";
  for (const Setting& s : kSettings) {
    out += "  ";
    out += s.flag;
    out += IsBool(s) ? "[=true|false]" : " " + std::string(s.metavar);
    out += "\n      ";
    out += s.doc;
    out += "\n      (env " + EnvName(s.key);
    const std::string def = DefaultText(s);
    out += def.empty() ? ", default empty)\n" : ", default " + def + ")\n";
  }
  out += "  --help\n      print this help\n";
  return out;
}

std::string ConfigToJson(const ServerConfig& config) {
  ServerConfig& c = ForReading(config);
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& alloc = doc.GetAllocator();
  for (const Setting& s : kSettings) {
    rapidjson::Value* parent = &doc;
    std::string_view leaf = s.key;
    if (size_t dot = s.key.find('.'); dot != std::string_view::npos) {
      const std::string group(s.key.substr(0, dot));
      leaf = s.key.substr(dot + 1);
      auto it = doc.FindMember(group);
      if (it == doc.MemberEnd()) {
        doc.AddMember(rapidjson::Value(group, alloc), rapidjson::Value(rapidjson::kObjectType),
                      alloc);
        it = doc.FindMember(group);
      }
      parent = &it->value;
    }
    rapidjson::Value value;
    if (auto* f = std::get_if<StringRef>(&s.field)) {
      std::string text = (*f)(c);
      if (s.key == "admin_token" && !text.empty()) text = "***";
      value.SetString(text, alloc);
    } else if (auto* f = std::get_if<ListRef>(&s.field)) {
      value.SetArray();
      for (const std::string& item : (*f)(c)) value.PushBack(rapidjson::Value(item, alloc), alloc);
    } else if (auto* f = std::get_if<IntRef>(&s.field)) {
      value.SetInt((*f)(c));
    } else if (auto* f = std::get_if<SizeRef>(&s.field)) {
      value.SetUint64((*f)(c));
    } else {
      value.SetBool((*std::get<BoolRef>(s.field))(c));
    }
    parent->AddMember(rapidjson::Value(std::string(leaf), alloc), value, alloc);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<SettingInfo> DescribeServerSettings() {
  std::vector<SettingInfo> out;
  for (const Setting& s : kSettings) {
    out.push_back({std::string(s.key), EnvName(s.key), std::string(s.flag), TypeName(s),
                   DefaultText(s), std::string(s.doc)});
  }
  return out;
}

namespace {

bool IsHostNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_';
}

bool IsIpv6Char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
         c == '.';
}

Result<uint16_t> ParsePort(std::string_view text, bool allow_zero) {
  unsigned value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value > 65535 ||
      (value == 0 && !allow_zero)) {
    return Status::InvalidArgument("bad port " + Quote(text) +
                                   (allow_zero ? " (expected 0..65535)" : " (expected 1..65535)"));
  }
  return static_cast<uint16_t>(value);
}

// "host", "host:port", "[v6]" or "[v6]:port". `port_text` is empty when there is no port.
Status SplitHostPort(std::string_view authority, std::string* host, std::string_view* port_text,
                     bool* has_port) {
  *has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("unclosed '[' in host");
    const std::string_view inside = authority.substr(1, close - 1);
    if (inside.empty() || !std::all_of(inside.begin(), inside.end(), IsIpv6Char) ||
        inside.find(':') == std::string_view::npos) {
      return Status::InvalidArgument("bad IPv6 address " + Quote(inside));
    }
    *host = std::string(inside);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return Status::InvalidArgument("expected ':' after ']'");
      *port_text = rest.substr(1);
      *has_port = true;
    }
    return Status::Ok();
  }
  const size_t colon = authority.find(':');
  std::string_view name = authority.substr(0, colon);
  if (colon != std::string_view::npos) {
    if (authority.find(':', colon + 1) != std::string_view::npos) {
      return Status::InvalidArgument("IPv6 addresses need brackets, e.g. [::1]:8080");
    }
    *port_text = authority.substr(colon + 1);
    *has_port = true;
  }
  if (name.empty()) return Status::InvalidArgument("missing host");
  if (!std::all_of(name.begin(), name.end(), IsHostNameChar)) {
    return Status::InvalidArgument("bad host " + Quote(name));
  }
  *host = std::string(name);
  return Status::Ok();
}

}  // namespace

Result<HostPort> ParseListen(std::string_view listen) {
  const auto fail = [&](const std::string& why) {
    return Status::InvalidArgument("listen address " + Quote(listen) + ": " + why +
                                   " (expected HOST:PORT, e.g. 127.0.0.1:8080)");
  };
  HostPort out;
  std::string_view port_text;
  bool has_port = false;
  if (Status st = SplitHostPort(listen, &out.host, &port_text, &has_port); !st.ok()) {
    return fail(st.message());
  }
  if (!has_port) return fail("missing port");
  auto port = ParsePort(port_text, /*allow_zero=*/true);
  if (!port.ok()) return fail(port.status().message());
  out.port = *port;
  return out;
}

Result<UpstreamUrl> ParseUpstreamUrl(std::string_view url) {
  return ParseBaseUrl(url, "upstream URL");
}

namespace {

// ParseUpstreamUrl for any base URL; errors start with `what` and the URL.
Result<UpstreamUrl> ParseBaseUrl(std::string_view url, std::string_view what) {
  const auto fail = [&](const std::string& why) {
    return Status::InvalidArgument(std::string(what) + " " + Quote(url) + ": " + why);
  };
  UpstreamUrl out;
  const size_t scheme_end = url.find("://");
  std::string scheme(url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end));
  for (char& ch : scheme) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  if (scheme == "http") {
    out.tls = false;
  } else if (scheme == "https") {
    out.tls = true;
  } else {
    return fail("must start with http:// or https://");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return fail("must not have a query or fragment");
  }
  const size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) {
    return fail("must not hold user:password@ (send credentials as request headers)");
  }
  std::string_view port_text;
  bool has_port = false;
  if (Status st = SplitHostPort(authority, &out.host, &port_text, &has_port); !st.ok()) {
    return fail(st.message());
  }
  out.port = out.tls ? 443 : 80;
  if (has_port) {
    auto port = ParsePort(port_text, /*allow_zero=*/false);
    if (!port.ok()) return fail(port.status().message());
    out.port = *port;
  }
  std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
  for (char ch : path) {
    if (static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f) {
      return fail("path must not contain spaces or control characters");
    }
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  out.base_path = std::string(path);
  return out;
}

}  // namespace

std::string UpstreamUrl::HostHeader() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != (tls ? 443 : 80)) out += ":" + std::to_string(port);
  return out;
}

std::string UpstreamFor(const ServerConfig& config, std::string_view dialect) {
  if (dialect == "openai") return config.upstream;
  if (dialect == "anthropic") return config.anthropic_upstream;
  if (dialect == "ollama") return config.ollama_upstream;
  return "";
}

std::string UpstreamSettingFor(std::string_view dialect) {
  std::string key = dialect == "openai" ? "upstream" : std::string(dialect) + "_upstream";
  std::string flag = "--" + key;
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return "\"" + key + "\" in the configuration, " + EnvName(key) + " or " + flag;
}

}  // namespace fg::server
