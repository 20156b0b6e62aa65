// EvidenceCache: the on-disk cache of what the web sources fetched (MediaWiki and SearXNG answers,
// web pages), so that a claim checked again costs no request and `--offline` can replay a run.
//
// A web source normalises its query (NormaliseQuery) or URL (NormaliseUrl), asks Get() first, and
// on a miss fetches and Put()s the raw response. Entries expire after a TTL; an expired entry is
// still returned when the caller allows it (offline replay). `factgate cache stats|prune` reports
// on and cleans the folder.
//
// Storage: one file per entry at DIR/<2 hex>/<16 hex>.entry, where the 16 hex digits are the
// FNV-1a 64-bit hash of `source + '\n' + key` (lower case, most significant first) and the folder
// is their first two. The file is one line of compact JSON
//   {"source":"...","key":"...","content_type":"...","fetched_at":N,"body_bytes":N}\n
// followed by exactly body_bytes raw bytes (any content). A Put writes a unique temporary file
// (suffix ".tmp") in the same folder, fsyncs it and renames it over the entry, so a crash never
// leaves half an entry under the real name and the last of concurrent Puts of one key wins whole.
//
// Thread-safety: every method may be called from many threads (and processes) at once. Nothing
// throws: file-system errors become a Status, and an entry that cannot be read back whole (wrong
// source or key after a hash collision, truncated, malformed) is a miss, never garbage.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "src/core/status.h"

namespace fg {

struct CachedEvidence {
  std::string source;  // who fetched it: "mediawiki", "searxng", "page"
  std::string key;     // the normalised query or URL
  std::string content_type;
  std::string body;        // the raw bytes as fetched, any content
  int64_t fetched_at = 0;  // unix seconds
};

class EvidenceCache {
 public:
  struct Options {
    std::string dir;                      // the cache folder; created when missing
    int64_t ttl_seconds = 7 * 24 * 3600;  // an entry older than this is expired
  };

  struct CacheStats {
    uint64_t entries = 0;  // entry files (temporary files are not counted)
    uint64_t bytes = 0;    // their total size on disk
    uint64_t expired = 0;  // of those, past the TTL or unreadable (what Prune removes)
  };

  // Opens the cache in `options.dir`, creating the folder (and its parents) when missing.
  // InvalidArgument when dir is empty or names something that is not a folder; Unavailable when the
  // folder cannot be created or written.
  static Result<std::unique_ptr<EvidenceCache>> Open(const Options& options);

  // The entry for (source, key), or nullopt on a miss: no entry, an entry that cannot be read back
  // whole, or one that is expired (now - fetched_at > ttl) while !allow_expired. `allow_expired` is
  // what offline replay uses.
  std::optional<CachedEvidence> Get(std::string_view source, std::string_view key,
                                    bool allow_expired, int64_t now) const;

  // Stores `entry` under (entry.source, entry.key), replacing any older one atomically.
  // InvalidArgument when source is empty; Unavailable when the file cannot be written (the cache
  // is then unchanged for that key).
  Status Put(const CachedEvidence& entry);

  // Counts the entries at time `now`. Unavailable when the folder cannot be listed.
  Result<CacheStats> Stats(int64_t now) const;

  // Removes the expired and unreadable entries, or every entry when `everything`, and returns how
  // many entry files were removed. Also removes temporary files older than a minute (left by a
  // crashed Put; younger ones may be in flight and stay). A Put racing with Prune on the same key
  // may be lost (a later miss, never a wrong entry). Unavailable when the folder cannot be listed.
  Result<uint64_t> Prune(int64_t now, bool everything) const;

  // A search query as a cache key: ASCII letters lower-cased, runs of ASCII white space made one
  // space, leading and trailing white space removed. Other bytes (UTF-8 included) are kept as is.
  static std::string NormaliseQuery(std::string_view query);

  // A URL as a cache key: scheme and host lower-cased, the default port dropped (:80 for http,
  // :443 for https), the #fragment dropped, an empty path made "/", the query string kept as is.
  // Without "scheme://" only the fragment and surrounding white space are removed.
  static std::string NormaliseUrl(std::string_view url);

  // The entry file of (source, key), relative to the cache folder: "<2 hex>/<16 hex>.entry".
  static std::string EntryPath(std::string_view source, std::string_view key);

  const Options& options() const { return options_; }

 private:
  explicit EvidenceCache(Options options) : options_(std::move(options)) {}

  Options options_;
};

}  // namespace fg
