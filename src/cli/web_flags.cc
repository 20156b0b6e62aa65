// The web-evidence flags of verify and audit.
#include "src/cli/web_flags.h"

namespace fg::cli {

const char* const kWebFlagsHelp =
    R"(Web evidence (a SearXNG-compatible search engine; off unless --searxng is given):
  --searxng URL       the engine, e.g. http://127.0.0.1:8888; the top result pages are read
  --web-when WHEN     fallback (default): only for claims the KB leaves undecided; always
  --web-allow HOST    hosts result pages may come from (repeatable; "*.example.org" for
                      subdomains); default: any public host
  --web-private HOST  a host allowed on a private or loopback address (repeatable; off by default:
                      requests to private networks are refused)
  --web-pages N       result pages read per claim (default 3)
  --web-timeout MS    per request (default 3000)
  --web-cache DIR     keep fetched results and pages here (factgate cache stats|prune)
  --offline           answer from the KB and the web cache only (needs --web-cache)
)";

void AddWebFlags(std::set<std::string>* value_flags, std::set<std::string>* switches) {
  for (const char* f : {"--searxng", "--web-when", "--web-allow", "--web-private", "--web-pages",
                        "--web-timeout", "--web-cache"}) {
    value_flags->insert(f);
  }
  switches->insert("--offline");
}

Status ReadWebFlags(const Args& args, WebOptions* web) {
  web->searxng_url = args.Get("--searxng");
  std::string when = args.Get("--web-when", "fallback");
  if (when != "fallback" && when != "always") {
    return Status::InvalidArgument("--web-when takes fallback or always, got '" + when + "'");
  }
  web->always = when == "always";
  web->allowed_hosts = args.All("--web-allow");
  web->private_hosts = args.All("--web-private");
  web->cache_dir = args.Get("--web-cache");
  web->offline = args.Has("--offline");
  auto pages = args.GetInt("--web-pages", 3);
  if (!pages.ok()) return pages.status();
  auto timeout = args.GetInt("--web-timeout", 3000);
  if (!timeout.ok()) return timeout.status();
  web->pages = static_cast<size_t>(*pages);
  web->timeout_ms = static_cast<unsigned>(*timeout);
  bool any_web_flag = false;
  for (const char* f : {"--web-when", "--web-allow", "--web-private", "--web-pages",
                        "--web-timeout", "--web-cache", "--offline"}) {
    any_web_flag = any_web_flag || args.Has(f);
  }
  if (any_web_flag && web->searxng_url.empty()) {
    return Status::InvalidArgument("the --web-* flags and --offline need --searxng URL");
  }
  if (web->offline && web->cache_dir.empty()) {
    return Status::InvalidArgument("--offline answers from the web cache: give --web-cache DIR");
  }
  return Status::Ok();
}

}  // namespace fg::cli
