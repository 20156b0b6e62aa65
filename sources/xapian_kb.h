// The Xapian knowledge base: the local evidence store that claims are checked against.
//
// A KB is a directory holding a Xapian glass database. Each passage of a document (see
// passage_splitter.h) is one Xapian document: its data holds the passage and its document's fields
// as compact JSON, its terms come from TermGenerator (Stem("english"), STEM_SOME, positions on
// unstemmed terms) over the title (wdf 2) and the passage text, plus their accented words written
// without the accents (no positions; "Larraín" is also "larrain"), and a boolean term "Q" + doc_id,
// shared by all passages of the document, lets a document be replaced or deleted as a whole. Value
// slot kDocIdSlot holds the doc_id.
//
// KbWriter adds, replaces and deletes documents inside ONE Xapian transaction per Commit(): until
// Commit() returns OK nothing is visible to readers, and a crash, a Xapian error or a writer
// destroyed without Commit() leaves the KB exactly as it was. Only one writer may be open on a KB
// at a time (others get kUnavailable). A KbWriter is not thread-safe.
//
// XapianKb is the read side, a fg::Source named "kb". Several KB directories (or remote shards
// "tcp://HOST:PORT" served by xapian-tcpsrv) combine into one search. Every method is const and
// thread-safe: each call borrows a Xapian::Database handle from a small pool, and reopens it first
// so that documents committed by a writer become visible without restarting. Xapian exceptions
// never escape: a modified database is reopened and the call retried once; other Xapian errors
// become kUnavailable.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "sources/ineb2_scorer.h"
#include "sources/passage_cache.h"
#include "sources/passage_splitter.h"
#include "sources/query_builder.h"
#include "src/core/source.h"
#include "src/core/status.h"
#include "src/core/types.h"

namespace fg {

class Lexicon;

inline constexpr Xapian::valueno kDocIdSlot = 0;
// Longest accepted document id in bytes (Xapian terms are limited to 245 bytes).
inline constexpr size_t kMaxDocIdBytes = 200;

struct KbWriterOptions {
  PassageOptions passages;
};

// What a writer has done since it was opened (committed or not).
struct KbWriteCounts {
  size_t documents_added = 0;     // ids that were new
  size_t documents_replaced = 0;  // ids that existed and were re-added
  size_t documents_deleted = 0;
  size_t passages_added = 0;
  size_t passages_removed = 0;  // by replacement or deletion
};

class KbWriter {
 public:
  // Opens the KB in `dir` for writing, creating the directory and database if missing.
  // kInvalidArgument: `dir` is a file, or a non-empty directory that is not a KB.
  // kUnavailable: another writer holds the KB, or Xapian cannot open it.
  // A KB held in memory (Xapian's in-memory backend) for InMemoryKb.
  static Result<std::unique_ptr<KbWriter>> OpenInMemory(const KbWriterOptions& options = {});
  // The database written to; with OpenInMemory, the only handle to it (searchable after Commit).
  Xapian::Database database() const { return db_; }
  static Result<std::unique_ptr<KbWriter>> Open(const std::string& dir,
                                                const KbWriterOptions& options = {});
  ~KbWriter();  // without Commit(), cancels every change since the last Commit()
  KbWriter(const KbWriter&) = delete;
  KbWriter& operator=(const KbWriter&) = delete;

  // Adds `document`, replacing every passage of an existing document with the same id.
  // kInvalidArgument: empty or over-long id, or a text without any passage.
  Status Add(const Document& document);
  // Removes every passage of document `id`. kNotFound when there is none.
  Status Delete(std::string_view id);
  // Makes every change since the last Commit() durable and visible, atomically. The writer stays
  // usable. After any Xapian error inside Add/Delete the pending changes are cancelled, and
  // Commit() (and every later call) returns that error.
  Status Commit();

  const KbWriteCounts& counts() const { return counts_; }

 private:
  KbWriter(Xapian::WritableDatabase db, const KbWriterOptions& options);
  Status Fail(const std::string& what, const Xapian::Error& error);

  Xapian::WritableDatabase db_;
  Xapian::TermGenerator indexer_;
  KbWriterOptions options_;
  KbWriteCounts counts_;
  bool in_transaction_ = false;
  bool transactional_ = true;  // false in memory
  Status failed_;
};

// Xapian's ranking function for Search() and SearchQuery(), each with Xapian's default parameters.
// The default, IneB2 (divergence from randomness), was chosen on check-covid's train claims: it
// found more gold evidence in the top 5 than BM25 there and on climate-fever (docs/BENCHMARKS.md).
enum class KbWeighting { kBM25, kBM25Plus, kTfIdf, kInL2, kIfB2, kIneB2, kBB2, kDLH, kDPH, kPL2 };

struct XapianKbOptions {
  QueryOptions query;
  KbWeighting weighting = KbWeighting::kIneB2;
  // Single terms in more than this fraction of all passages are left out of Search() queries
  // (BM25 gives them little weight, but their posting lists are long). 0 keeps them all.
  double max_term_ratio = 0;
  // Passed to Enquire::get_mset: how many matches to examine at least (0: only what top-k needs).
  Xapian::doccount check_at_least = 0;
  // With IneB2 and one local KB, Search() weighs passages from a table of their lengths held in
  // memory (4 bytes per passage, read when the KB opens and again after each commit) instead of
  // reading Glass's length list: the same ranking and scores, several times faster on a large KB
  // (sources/ineb2_scorer.h). false: Xapian's IneB2Weight reads the lengths itself.
  bool length_table = true;
  // With the length table: posting lists of terms in at least `posting_cache_min_termfreq`
  // passages are kept in memory on first use (12 bytes a posting, per revision) up to this many
  // bytes; 0 keeps none. Same ranking and scores; a query of frequent words reads arrays instead
  // of Glass's lists. The budget bounds the memory whatever the KB's size.
  size_t posting_cache_bytes = size_t{64} << 20;
  Xapian::doccount posting_cache_min_termfreq = 64;
  // With the length table: retrieved passages stay decoded in memory, per revision, up to this
  // many bytes (sources/passage_cache.h); 0 keeps none. Same results, fewer Glass reads.
  size_t passage_cache_bytes = size_t{16} << 20;
  // WordNet, for recognising a claim's opening name (AnalyzeClaim) and for query expansion
  // (below). May be null. Borrowed: must outlive the KB.
  const Lexicon* lexicon = nullptr;
  // Synonyms per claim word or compound (AddSynonyms); 0 turns it off. Measured on climate-fever
  // and check-covid it did not raise evidence recall (docs/BENCHMARKS.md), so it is off unless
  // asked for; it stays for KBs whose wording differs from the claims'.
  size_t synonyms_per_lemma = 0;
  // Remote shards ("tcp://HOST:PORT"): how long to wait for a connection and for an answer.
  unsigned remote_timeout_ms = 5000;
  // After a shard failed, searches skip it for this long before trying it again.
  unsigned shard_retry_ms = 5000;
  // How often (at most) a search looks whether a local KB folder now holds another database: one
  // deleted and built again while the KB is open. Commits need no such look (Database::reopen).
  unsigned replacement_check_ms = 1000;
};

// The shard (0 .. shards-1) that holds the document with this id when a collection is split into
// `shards` KBs: FNV-1a of the id, modulo `shards`. Stable across versions and machines.
size_t ShardOf(std::string_view doc_id, size_t shards);

// A throw-away KB held in memory: the passages of fetched web pages, split, indexed and ranked
// exactly as KB passages are (same terms, query and weighting), so that web evidence competes with
// KB evidence on equal terms. Built once per claim; search it from one thread.
class InMemoryKb {
 public:
  // kInvalidArgument when no document has text.
  static Result<std::unique_ptr<InMemoryKb>> Build(const std::vector<Document>& documents,
                                                   const KbWriterOptions& writer = {},
                                                   const XapianKbOptions& search = {});
  // As XapianKb::Search; every passage's `source` is set to `source_name`.
  Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k,
                                      std::string_view source_name) const;

 private:
  InMemoryKb(Xapian::Database db, const XapianKbOptions& options)
      : db_(std::move(db)), options_(options) {}
  mutable Xapian::Database db_;
  XapianKbOptions options_;
};

// A whole stored document, rebuilt from its passages (ordered by doc_offset).
struct KbDocument {
  std::string id;
  std::string title;
  std::string url;
  std::string date;
  std::string source;
  std::vector<Passage> passages;
};

struct KbStats {
  size_t documents = 0;
  size_t passages = 0;
};

class XapianKb : public Source {
 public:
  // Opens the KBs at `paths` (directories, or "tcp://HOST:PORT") as one.
  // kInvalidArgument: no paths. kNotFound: a directory is missing or holds no KB.
  // kUnavailable: Xapian cannot open a database.
  static Result<std::unique_ptr<XapianKb>> Open(std::vector<std::string> paths,
                                                const XapianKbOptions& options = {});
  ~XapianKb() override;

  std::string_view name() const override { return "kb"; }
  // BM25 top-k passages for the claim, queried through BuildQuery (see query_builder.h). With
  // several shards, a shard that is down is left out (SearchParts says which).
  Result<std::vector<Passage>> Search(std::string_view claim_text, size_t k) const override;
  // Search over every shard as one database. When that fails and there are several shards, each
  // shard is tried alone: the search runs over those that answer (their statistics combined) and
  // `unavailable` names the others, which are skipped for shard_retry_ms. Fails only when no
  // shard answers.
  // The deadline is not used: remote shards have their own timeout (remote_timeout_ms).
  Result<std::vector<Passage>> SearchParts(std::string_view claim_text, size_t k,
                                           std::vector<std::string>* unavailable,
                                           Deadline deadline) const override;
  // BM25 top-k passages for a ready-made query.
  Result<std::vector<Passage>> SearchQuery(const Xapian::Query& query, size_t k) const;
  // The stored passages of one document. kNotFound when the id is unknown.
  Result<KbDocument> Get(std::string_view doc_id) const;
  Result<KbStats> Stats() const;
  // How many passages hold `term` (an indexed term: "Z" + stem, or a raw word or number), and how
  // many passages there are: the statistics behind IDF weights (sources/kb_term_stats.h).
  Result<std::pair<size_t, size_t>> TermFrequency(std::string_view term) const;
  // How many times a search found the KB folder holding another database than before (deleted
  // and built again); what remembers the KB's answers starts afresh when it changes.
  uint64_t generation() const {
    std::lock_guard<std::mutex> lock(mu_);
    return generation_;
  }

 private:
  class Lease;
  XapianKb(std::vector<std::string> paths, const XapianKbOptions& options);
  Result<std::unique_ptr<Xapian::Database>> OpenHandle() const;
  // The given shards opened as one database.
  Result<std::unique_ptr<Xapian::Database>> OpenShards(const std::vector<std::string>& paths) const;
  using SearchFn = std::function<Result<std::vector<Passage>>(Xapian::Database&)>;
  // The passage lengths (and kept postings) of `db`'s revision, read when that revision is new.
  // Throws what Xapian throws.
  std::shared_ptr<const IneB2Memory> MemoryFor(const Xapian::Database& db) const;
  // The decoded passages kept for `db`'s revision (a new, empty cache when that revision is new);
  // null when none are kept.
  std::shared_ptr<const PassageCache> PassagesFor(const Xapian::Database& db) const;
  // `run` over the shards that answer now; the others go to `unavailable` and into down_.
  Result<std::vector<Passage>> SearchLiveShards(const SearchFn& run,
                                                std::vector<std::string>* unavailable) const;
  // Whether the KB on disk is another database than the one `db` reads (a KB folder deleted and
  // built again while open: the same path and maybe the same revision, but a new UUID). Looked at
  // no more often than options_.replacement_check_ms, local KBs only. When it is, the pool, the
  // tables kept per revision and uuid_ move to the new database and `db` is replaced by a handle on
  // it.
  void FollowReplacement(std::unique_ptr<Xapian::Database>& db, uint64_t& generation) const;
  // Runs `fn(db)` on a pooled handle, converting Xapian errors and retrying once when the
  // database was modified under the reader.
  template <typename Fn>
  auto WithDatabase(const char* what, Fn fn) const
      -> decltype(fn(std::declval<Xapian::Database&>()));

  std::vector<std::string> paths_;
  XapianKbOptions options_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Xapian::Database>> free_;  // guarded by mu_
  // The database the pool's handles read, as Xapian names it (Database::get_uuid), and how many
  // times it was replaced; handles of an older generation are not pooled again. Guarded by mu_.
  mutable std::string uuid_;
  mutable uint64_t generation_ = 0;
  mutable std::chrono::steady_clock::time_point next_replacement_check_;  // guarded by mu_
  bool all_local_ = false;
  struct DownShard {
    std::chrono::steady_clock::time_point retry_at;
    std::string reason;
  };
  mutable std::map<std::string, DownShard> down_;  // guarded by mu_; shards that failed lately
  bool use_length_table_ = false;                  // length_table asked for, IneB2, one local KB
  // Guarded by mu_; the newest read, and the passages of the newest revision, both of uuid_'s
  // database (a database built again from scratch can come back at the same revision number).
  mutable std::shared_ptr<const IneB2Memory> memory_;
  mutable std::shared_ptr<const PassageCache> passages_;
};

}  // namespace fg
