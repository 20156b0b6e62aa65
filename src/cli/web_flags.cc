// The web-evidence flags of verify and audit.
#include "src/cli/web_flags.h"

namespace fg::cli {

const char* const kWebFlagsHelp =
    R"(Web evidence (off unless --mediawiki or --searxng is given; asked side by side):
  --mediawiki URL     a MediaWiki's api.php, e.g. https://en.wikipedia.org/w/api.php
                      (repeatable); pages found with its search, text from TextExtracts or
                      the parsed page; citations carry the page URL and revision id
  --searxng URL       a SearXNG-compatible engine, e.g. http://127.0.0.1:8888; the top
                      result pages are read
  --web-when WHEN     fallback (default): only for claims the KB leaves undecided; always
  --web-allow HOST    hosts SearXNG result pages may come from (repeatable; "*.example.org"
                      for subdomains); default: any public host. A wiki is asked only itself
  --web-private HOST  a host allowed on a private or loopback address (repeatable; off by
                      default: requests to private networks are refused)
  --web-pages N       pages read per claim and source (default 3)
  --web-timeout MS    per request (default 3000)
  --web-concurrency N requests in flight at once per source (default 4)
  --web-cache DIR     keep fetched answers and pages here (factgate cache stats|prune)
  --web-cache-ttl S   seconds a cached answer stays fresh (default 604800, a week)
  --offline           answer from the KB and the web cache only (needs --web-cache)
)";

void AddWebFlags(std::set<std::string>* value_flags, std::set<std::string>* switches) {
  for (const char* f :
       {"--mediawiki", "--searxng", "--web-when", "--web-allow", "--web-private", "--web-pages",
        "--web-timeout", "--web-concurrency", "--web-cache", "--web-cache-ttl"}) {
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
  auto concurrency = args.GetInt("--web-concurrency", 4);
  if (!concurrency.ok()) return concurrency.status();
  auto ttl = args.GetInt("--web-cache-ttl", 7 * 24 * 3600);
  if (!ttl.ok()) return ttl.status();
  if (*pages < 1 || *timeout < 1 || *concurrency < 1 || *ttl < 0) {
    return Status::InvalidArgument(
        "--web-pages, --web-timeout and --web-concurrency take a positive number, --web-cache-ttl "
        "zero or more");
  }
  web->pages = static_cast<size_t>(*pages);
  web->timeout_ms = static_cast<unsigned>(*timeout);
  web->max_concurrent = static_cast<size_t>(*concurrency);
  web->cache_ttl_seconds = *ttl;
  web->mediawiki_urls = args.All("--mediawiki");
  bool any_web_flag = false;
  for (const char* f :
       {"--web-when", "--web-allow", "--web-private", "--web-pages", "--web-timeout",
        "--web-concurrency", "--web-cache", "--web-cache-ttl", "--offline"}) {
    any_web_flag = any_web_flag || args.Has(f);
  }
  if (any_web_flag && !web->enabled()) {
    return Status::InvalidArgument(
        "the --web-* flags and --offline need a web source: --mediawiki URL or --searxng URL");
  }
  if (web->offline && web->cache_dir.empty()) {
    return Status::InvalidArgument("--offline answers from the web cache: give --web-cache DIR");
  }
  return Status::Ok();
}

}  // namespace fg::cli
