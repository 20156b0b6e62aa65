#include "sources/xapian_kb.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <utility>

#include "src/core/alignment.h"
#include "src/core/tokenizer.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

const std::string kIdPrefix = "Q";

// A glass database directory always holds this file.
bool HoldsDatabase(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "iamglass", ec);
}

std::string XapianMessage(const Xapian::Error& e) {
  std::string msg = e.get_type();
  msg += ": ";
  msg += e.get_msg();
  if (!e.get_context().empty()) msg += " (" + e.get_context() + ")";
  return msg;
}

// The words of `text` that carry accented Latin letters, written without them ("Larraín" ->
// "larrain"), separated by spaces; empty when there is none. Indexed beside the text, so that a
// claim which drops the accents finds the passage, and the KB's counts know the folded word the
// alignment and the existence expert look up (src/core/term_stats.h).
std::string FoldedAccentedWords(std::string_view text) {
  std::string out;
  if (!HasLatinAccents(text)) return out;  // most text: no need to tokenize it again
  for (const Token& token : Tokenize(text)) {
    if (token.type != TokenType::kWord || !HasLatinAccents(token.text)) continue;
    if (!out.empty()) out += ' ';
    out += FoldLatinAccents(token.lower);
  }
  return out;
}

// Passage data: {"id","title","url","date","source","offset","text"}.
std::string EncodePassage(const Document& doc, Span span) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  auto field = [&](const char* key, const std::string& value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  field("id", doc.id);
  field("title", doc.title);
  if (!doc.url.empty()) field("url", doc.url);
  if (!doc.date.empty()) field("date", doc.date);
  if (!doc.source.empty()) field("source", doc.source);
  w.Key("offset");
  w.Uint64(span.begin);
  w.Key("text");
  w.String(doc.text.data() + span.begin, static_cast<rapidjson::SizeType>(span.size()));
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

// Decodes passage data into `passage` and, when given, the document fields into `doc`.
bool DecodePassage(const std::string& data, Passage* passage, KbDocument* doc) {
  rapidjson::Document json;
  json.Parse(data.data(), data.size());
  if (json.HasParseError() || !json.IsObject()) return false;
  auto get = [&](const char* key, std::string* out) {
    auto it = json.FindMember(key);
    if (it != json.MemberEnd() && it->value.IsString()) {
      out->assign(it->value.GetString(), it->value.GetStringLength());
    }
  };
  get("id", &passage->doc_id);
  get("title", &passage->title);
  get("url", &passage->url);
  get("text", &passage->text);
  auto offset = json.FindMember("offset");
  if (offset == json.MemberEnd() || !offset->value.IsUint64() || passage->doc_id.empty()) {
    return false;
  }
  passage->doc_offset = offset->value.GetUint64();
  passage->source = "kb";
  if (doc) {
    doc->id = passage->doc_id;
    doc->title = passage->title;
    doc->url = passage->url;
    get("date", &doc->date);
    get("source", &doc->source);
  }
  return true;
}

// "tcp://host:port" -> host and port; false if `path` is not of that form.
bool ParseRemote(const std::string& path, std::string* host, unsigned* port) {
  constexpr std::string_view kScheme = "tcp://";
  if (!path.starts_with(kScheme)) return false;
  std::string_view rest = std::string_view(path).substr(kScheme.size());
  size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view port_text = rest.substr(colon + 1);
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), *port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || *port == 0 ||
      *port > 65535) {
    return false;
  }
  *host = std::string(rest.substr(0, colon));
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// KbWriter

KbWriter::KbWriter(Xapian::WritableDatabase db, const KbWriterOptions& options)
    : db_(std::move(db)), options_(options) {
  indexer_.set_stemmer(Xapian::Stem("english"));
  indexer_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

Result<std::unique_ptr<KbWriter>> KbWriter::OpenInMemory(const KbWriterOptions& options) {
  try {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::unique_ptr<KbWriter> writer(new KbWriter(std::move(db), options));
    writer->transactional_ = false;  // nothing to keep whole on disk
    return writer;
  } catch (const Xapian::Error& e) {
    return Status::Internal("cannot create an in-memory KB: " + XapianMessage(e));
  }
}

Result<std::unique_ptr<KbWriter>> KbWriter::Open(const std::string& dir,
                                                 const KbWriterOptions& options) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return Status::InvalidArgument("KB path " + dir + " is a file, not a directory");
  }
  if (fs::is_directory(dir, ec) && !fs::is_empty(dir, ec) && !HoldsDatabase(dir)) {
    return Status::InvalidArgument(
        "KB directory " + dir + " is not empty and holds no Xapian database; refusing to use it");
  }
  fs::create_directories(dir, ec);
  if (ec) return Status::Unavailable("cannot create KB directory " + dir + ": " + ec.message());
  try {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    std::unique_ptr<KbWriter> writer(new KbWriter(std::move(db), options));
    writer->db_.begin_transaction(/*flushed=*/true);
    writer->in_transaction_ = true;
    return writer;
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Unavailable("KB " + dir + " is locked by another writer (" + e.get_msg() + ")");
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot open KB " + dir + " for writing: " + XapianMessage(e));
  }
}

KbWriter::~KbWriter() {
  if (!in_transaction_) return;
  try {
    db_.cancel_transaction();
  } catch (const Xapian::Error&) {
    // The transaction is cancelled even when this throws; nothing else to do in a destructor.
  }
}

Status KbWriter::Fail(const std::string& what, const Xapian::Error& error) {
  failed_ = Status::Unavailable(what + ": " + XapianMessage(error) +
                                "; changes since the last commit were cancelled");
  if (in_transaction_) {
    in_transaction_ = false;
    try {
      db_.cancel_transaction();
    } catch (const Xapian::Error&) {
      // Cancelled anyway (see WritableDatabase::cancel_transaction).
    }
  }
  return failed_;
}

Status KbWriter::Add(const Document& document) {
  if (!failed_.ok()) return failed_;
  if (document.id.empty()) return Status::InvalidArgument("document has an empty id");
  if (document.id.size() > kMaxDocIdBytes || document.id.find('\0') != std::string::npos) {
    return Status::InvalidArgument("document id is over " + std::to_string(kMaxDocIdBytes) +
                                   " bytes or holds a NUL: " + document.id.substr(0, 60));
  }
  std::vector<Span> spans = SplitPassages(document.text, options_.passages);
  if (spans.empty()) {
    return Status::InvalidArgument("document " + document.id + " has no text to index");
  }
  const std::string id_term = kIdPrefix + document.id;
  try {
    Xapian::doccount existing = db_.get_termfreq(id_term);
    if (existing > 0) {
      db_.delete_document(id_term);
      ++counts_.documents_replaced;
      counts_.passages_removed += existing;
    } else {
      ++counts_.documents_added;
    }
    for (const Span& span : spans) {
      Xapian::Document xdoc;
      indexer_.set_document(xdoc);
      // Formulas as one word ("CO 2" -> "CO2"), as the query builder's tokenizer reads them.
      if (!document.title.empty()) {
        indexer_.index_text(JoinFormulas(document.title), 2);
        indexer_.increase_termpos();
      }
      const std::string_view text = std::string_view(document.text).substr(span.begin, span.size());
      indexer_.index_text(JoinFormulas(text));
      // Accented words once more without their accents (no positions: phrases keep the spelling).
      indexer_.index_text_without_positions(FoldedAccentedWords(document.title), 2);
      indexer_.index_text_without_positions(FoldedAccentedWords(text));
      xdoc.add_boolean_term(id_term);
      xdoc.add_value(kDocIdSlot, document.id);
      xdoc.set_data(EncodePassage(document, span));
      db_.add_document(xdoc);
      ++counts_.passages_added;
    }
  } catch (const Xapian::Error& e) {
    return Fail("adding document " + document.id, e);
  }
  return Status::Ok();
}

Status KbWriter::Delete(std::string_view id) {
  if (!failed_.ok()) return failed_;
  const std::string id_term = kIdPrefix + std::string(id);
  try {
    Xapian::doccount existing = db_.get_termfreq(id_term);
    if (existing == 0) return Status::NotFound("no document with id " + std::string(id));
    db_.delete_document(id_term);
    ++counts_.documents_deleted;
    counts_.passages_removed += existing;
  } catch (const Xapian::Error& e) {
    return Fail("deleting document " + std::string(id), e);
  }
  return Status::Ok();
}

Status KbWriter::Commit() {
  if (!failed_.ok()) return failed_;
  try {
    if (!transactional_) {
      db_.commit();
      return Status::Ok();
    }
    in_transaction_ = false;  // commit_transaction ends it, even when it throws
    db_.commit_transaction();
    db_.begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
  } catch (const Xapian::Error& e) {
    return Fail("committing the KB", e);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// XapianKb

// Borrows a handle from the pool; gives it back unless Discard() was called or the KB was replaced
// meanwhile (the handle reads an older generation).
class XapianKb::Lease {
 public:
  Lease(const XapianKb& kb, std::unique_ptr<Xapian::Database> db, uint64_t generation)
      : kb_(kb), db_(std::move(db)), generation_(generation) {}
  ~Lease() {
    if (!db_) return;
    std::lock_guard<std::mutex> lock(kb_.mu_);
    if (generation_ == kb_.generation_) kb_.free_.push_back(std::move(db_));
  }
  Xapian::Database& db() { return *db_; }
  void Discard() { db_.reset(); }
  // Moves to the KB's current database when it was replaced on disk.
  void FollowReplacement() { kb_.FollowReplacement(db_, generation_); }

 private:
  const XapianKb& kb_;
  std::unique_ptr<Xapian::Database> db_;
  uint64_t generation_;
};

size_t ShardOf(std::string_view doc_id, size_t shards) {
  uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : doc_id) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return shards == 0 ? 0 : static_cast<size_t>(hash % shards);
}

XapianKb::XapianKb(std::vector<std::string> paths, const XapianKbOptions& options)
    : paths_(std::move(paths)), options_(options) {}

XapianKb::~XapianKb() = default;

Result<std::unique_ptr<Xapian::Database>> XapianKb::OpenHandle() const {
  return OpenShards(paths_);
}

Result<std::unique_ptr<Xapian::Database>> XapianKb::OpenShards(
    const std::vector<std::string>& paths) const {
  try {
    auto db = std::make_unique<Xapian::Database>();
    for (const std::string& path : paths) {
      std::string host;
      unsigned port = 0;
      if (ParseRemote(path, &host, &port)) {
        db->add_database(Xapian::Remote::open(host, port, options_.remote_timeout_ms,
                                              options_.remote_timeout_ms));
      } else {
        db->add_database(Xapian::Database(path));
      }
    }
    return db;
  } catch (const Xapian::DatabaseOpeningError& e) {
    return Status::NotFound("cannot open KB: " + XapianMessage(e));
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot open KB: " + XapianMessage(e));
  }
}

Result<std::unique_ptr<XapianKb>> XapianKb::Open(std::vector<std::string> paths,
                                                 const XapianKbOptions& options) {
  if (paths.empty()) return Status::InvalidArgument("no KB given");
  for (const std::string& path : paths) {
    std::string host;
    unsigned port = 0;
    if (ParseRemote(path, &host, &port)) continue;
    if (path.starts_with("tcp://")) {
      return Status::InvalidArgument("bad remote KB address " + path + " (want tcp://HOST:PORT)");
    }
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      return Status::NotFound("KB directory " + path + " does not exist");
    }
    if (!HoldsDatabase(path)) {
      return Status::NotFound("KB directory " + path +
                              " holds no Xapian database (build it with `factgate index`)");
    }
  }
  const bool one_local = paths.size() == 1 && !paths[0].starts_with("tcp://");
  std::unique_ptr<XapianKb> kb(new XapianKb(std::move(paths), options));
  kb->use_length_table_ =
      options.length_table && options.weighting == KbWeighting::kIneB2 && one_local;
  Result<std::unique_ptr<Xapian::Database>> first = kb->OpenHandle();
  if (!first.ok()) return first.status();
  kb->all_local_ = std::none_of(kb->paths_.begin(), kb->paths_.end(),
                                [](const std::string& p) { return p.starts_with("tcp://"); });
  try {
    kb->uuid_ = (*first)->get_uuid();
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("cannot open KB: " + XapianMessage(e));
  }
  kb->next_replacement_check_ =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options.replacement_check_ms);
  if (kb->use_length_table_) {
    try {
      kb->MemoryFor(**first);  // read now rather than in the first search
    } catch (const Xapian::Error& e) {
      return Status::Unavailable("cannot read the KB's passage lengths: " + XapianMessage(e));
    }
  }
  kb->free_.push_back(std::move(first.value()));
  return kb;
}

void XapianKb::FollowReplacement(std::unique_ptr<Xapian::Database>& db,
                                 uint64_t& generation) const {
  if (!all_local_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = std::chrono::steady_clock::now();
    if (generation == generation_ && now < next_replacement_check_) return;
    next_replacement_check_ = now + std::chrono::milliseconds(options_.replacement_check_ms);
  }
  // A fresh handle says which database the paths hold now (a few small reads per shard).
  Result<std::unique_ptr<Xapian::Database>> probe = OpenHandle();
  if (!probe.ok()) return;  // the search on `db` reports whatever is wrong
  const std::string uuid = (*probe)->get_uuid();
  std::lock_guard<std::mutex> lock(mu_);
  if (uuid != uuid_) {
    uuid_ = uuid;
    ++generation_;
    free_.clear();
    memory_.reset();
    passages_.reset();
  }
  if (generation != generation_) {
    db = std::move(probe.value());
    generation = generation_;
  }
}

template <typename Fn>
auto XapianKb::WithDatabase(const char* what, Fn fn) const
    -> decltype(fn(std::declval<Xapian::Database&>())) {
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<Xapian::Database> handle;
    uint64_t generation = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      generation = generation_;
      if (!free_.empty()) {
        handle = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!handle) {
      Result<std::unique_ptr<Xapian::Database>> opened = OpenHandle();
      if (!opened.ok()) return opened.status();
      handle = std::move(opened.value());
    }
    Lease lease(*this, std::move(handle), generation);
    try {
      // Cheap (one small file read per shard) and makes new commits visible at once.
      lease.db().reopen();
      lease.FollowReplacement();
      return fn(lease.db());
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt == 0) continue;  // reopened at the top of the next attempt
      lease.Discard();
      return Status::Unavailable(std::string(what) + ": KB keeps changing: " + XapianMessage(e));
    } catch (const Xapian::Error& e) {
      lease.Discard();  // a handle that failed may be broken; open a fresh one next time
      return Status::Unavailable(std::string(what) + ": " + XapianMessage(e));
    } catch (const std::exception& e) {
      lease.Discard();
      return Status::Internal(std::string(what) + ": " + e.what());
    }
  }
}

namespace {

void SetWeighting(Xapian::Enquire* enquire, KbWeighting weighting) {
  switch (weighting) {
    case KbWeighting::kBM25:
      return;  // Enquire's default
    case KbWeighting::kBM25Plus:
      return enquire->set_weighting_scheme(Xapian::BM25PlusWeight());
    case KbWeighting::kTfIdf:
      return enquire->set_weighting_scheme(Xapian::TfIdfWeight());
    case KbWeighting::kInL2:
      return enquire->set_weighting_scheme(Xapian::InL2Weight());
    case KbWeighting::kIfB2:
      return enquire->set_weighting_scheme(Xapian::IfB2Weight());
    case KbWeighting::kIneB2:
      return enquire->set_weighting_scheme(Xapian::IneB2Weight());
    case KbWeighting::kBB2:
      return enquire->set_weighting_scheme(Xapian::BB2Weight());
    case KbWeighting::kDLH:
      return enquire->set_weighting_scheme(Xapian::DLHWeight());
    case KbWeighting::kDPH:
      return enquire->set_weighting_scheme(Xapian::DPHWeight());
    case KbWeighting::kPL2:
      return enquire->set_weighting_scheme(Xapian::PL2Weight());
  }
}

Xapian::MSet Rank(Xapian::Database& db, const Xapian::Query& query, size_t k,
                  Xapian::doccount check_at_least, KbWeighting weighting) {
  Xapian::Enquire enquire(db);
  SetWeighting(&enquire, weighting);
  enquire.set_query(query);
  return enquire.get_mset(0, static_cast<Xapian::doccount>(k), check_at_least);
}

// The ranked passages, decoded, or taken from `cache` (may be null) when it holds them.
Result<std::vector<Passage>> Passages(const Xapian::MSet& mset,
                                      const PassageCache* cache = nullptr) {
  std::vector<Passage> out;
  out.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Passage p;
    if (std::shared_ptr<const Passage> kept = cache ? cache->Find(*it) : nullptr) {
      p = *kept;
    } else {
      if (!DecodePassage(it.get_document().get_data(), &p, nullptr)) {
        return Status::Internal("KB passage " + std::to_string(*it) + " has malformed data");
      }
      if (cache != nullptr) {
        // Kept with its sentences and terms, so that aligning claims against it again does not
        // split and tokenize it again (the pipeline would compute them now anyway).
        p.analysis = AnalyzePassage(p);
        cache->Add(*it, std::make_shared<const Passage>(p));
      }
    }
    p.score = it.get_weight();
    p.rank = static_cast<int>(out.size());
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<Passage>> RunQuery(Xapian::Database& db, const Xapian::Query& query, size_t k,
                                      Xapian::doccount check_at_least, KbWeighting weighting,
                                      const PassageCache* cache = nullptr) {
  return Passages(Rank(db, query, k, check_at_least, weighting), cache);
}

// Whether a phrase of the query has only words found in many passages: checking its word order
// everywhere would read positions in all the passages holding them all (a few hundred take
// about as long as the rest of a query).
bool HasCommonPhrase(const Xapian::Database& db, const IneB2Memory& memory, const ClaimTerms& terms,
                     const QueryOptions& options) {
  constexpr Xapian::doccount kCommon = 300;
  auto common = [&](const std::vector<std::vector<std::string>>& phrases) {
    for (const std::vector<std::string>& phrase : phrases) {
      Xapian::doccount rarest = db.get_doccount();
      for (const std::string& word : phrase) {
        rarest = std::min(rarest, memory.Statistics(db, word).termfreq);
      }
      if (rarest > kCommon) return true;
    }
    return false;
  };
  return (options.name_phrases && common(terms.phrases)) || common(terms.synonym_phrases);
}

// Ranks the claim's query with its phrases' word order checked only on candidates, when that
// gives exactly the ranking of the whole query. `leaf` makes IneB2 term leaves, restricted to
// given passages when asked. The query with each phrase matched by its words alone (all_words)
// matches every passage the query matches, with at least the same weight, and reads no
// positions. Its best 2k passages (the candidates) are ranked by the query; if the k-th of those
// outweighs every passage left out (all weigh at most the next all_words weight), those top k are
// exactly the query's and go to `mset`. Otherwise false, and the caller ranks the whole KB. (A
// frequent phrase such as "united states" otherwise costs milliseconds of position reads.)
using RestrictedLeaf = std::function<Xapian::Query(
    const std::string&, double, std::shared_ptr<const std::vector<Xapian::docid>>)>;
bool RankAmongCandidates(Xapian::Database& db, const ClaimTerms& terms, size_t k,
                         const XapianKbOptions& options, const RestrictedLeaf& leaf,
                         Xapian::MSet* mset) {
  // Fewer candidates read less: 2k (40 for the pipeline's 20) took 0.87 ms where 100 took 1.06
  // on the "United States" claim of the default KB, and the candidates sufficed for 143 of the
  // 144 such claims among 3,000 fever claims (100: all 144; docs/BENCHMARKS.md).
  if (k == 0) return false;
  const Xapian::doccount candidates = static_cast<Xapian::doccount>(2 * k);
  auto everywhere = [&](const std::string& term, double factor) {
    return leaf(term, factor, nullptr);
  };
  Xapian::MSet gathered =
      Rank(db, BuildQuery(terms, options.query, everywhere, PhraseMatch::kAllWords), candidates + 1,
           0, options.weighting);
  auto ids = std::make_shared<std::vector<Xapian::docid>>();
  double left_out = 0;  // the heaviest all_words weight not among the candidates
  for (Xapian::MSetIterator it = gathered.begin(); it != gathered.end(); ++it) {
    if (ids->size() == candidates) {
      left_out = it.get_weight();
      break;
    }
    ids->push_back(*it);
  }
  std::sort(ids->begin(), ids->end());
  std::shared_ptr<const std::vector<Xapian::docid>> only = ids;
  auto among = [&](const std::string& term, double factor) { return leaf(term, factor, only); };
  *mset = Rank(db, BuildQuery(terms, options.query, among), k, options.check_at_least,
               options.weighting);
  if (gathered.size() <= candidates) return true;  // every match was a candidate
  if (mset->size() < k) return false;
  // The margin covers rounding: Xapian may add the same weights up in another order.
  return (--mset->end()).get_weight() > left_out * (1 + 1e-9);
}

}  // namespace

Result<std::vector<Passage>> XapianKb::SearchQuery(const Xapian::Query& query, size_t k) const {
  if (k == 0 || query.empty()) return std::vector<Passage>();
  return WithDatabase("KB search", [&](Xapian::Database& db) {
    return RunQuery(db, query, k, options_.check_at_least, options_.weighting);
  });
}

namespace {

// With `memory` (read from `db`), the terms are IneB2 posting sources (ineb2_scorer.h). With
// `cache` (for `db`'s revision), passages come from it when it has them.
Result<std::vector<Passage>> SearchTerms(Xapian::Database& db, const ClaimTerms& terms, size_t k,
                                         const XapianKbOptions& options,
                                         const std::shared_ptr<const IneB2Memory>& memory,
                                         const PassageCache* cache) {
  ClaimTerms kept = terms;
  if (options.max_term_ratio > 0) DropFrequentTerms(db, options.max_term_ratio, &kept);
  Xapian::Query query;
  if (memory != nullptr) {
    RestrictedLeaf leaf = [&](const std::string& term, double factor,
                              std::shared_ptr<const std::vector<Xapian::docid>> only) {
      return IneB2TermQuery(term, factor, memory, std::move(only));
    };
    Xapian::MSet mset;
    if (HasCommonPhrase(db, *memory, kept, options.query) &&
        RankAmongCandidates(db, kept, k, options, leaf, &mset)) {
      return Passages(mset, cache);
    }
    query = BuildQuery(kept, options.query, [&](const std::string& term, double factor) {
      return leaf(term, factor, nullptr);
    });
  } else {
    query = BuildQuery(kept, options.query);
  }
  if (query.empty()) return std::vector<Passage>();
  return RunQuery(db, query, k, options.check_at_least, options.weighting, cache);
}

ClaimTerms TermsOf(std::string_view claim_text, const XapianKbOptions& options) {
  ClaimTerms terms = AnalyzeClaim(claim_text, options.lexicon);
  if (options.lexicon != nullptr && options.synonyms_per_lemma > 0) {
    AddSynonyms(*options.lexicon, claim_text, options.synonyms_per_lemma, &terms);
  }
  return terms;
}

}  // namespace

Result<std::unique_ptr<InMemoryKb>> InMemoryKb::Build(const std::vector<Document>& documents,
                                                      const KbWriterOptions& writer_options,
                                                      const XapianKbOptions& search) {
  auto writer = KbWriter::OpenInMemory(writer_options);
  if (!writer.ok()) return writer.status();
  size_t added = 0;
  for (const Document& d : documents) {
    if ((*writer)->Add(d).ok()) ++added;
  }
  if (added == 0) return Status::InvalidArgument("no document with text to rank");
  Status committed = (*writer)->Commit();
  if (!committed.ok()) return committed;
  return std::unique_ptr<InMemoryKb>(new InMemoryKb((*writer)->database(), search));
}

Result<std::vector<Passage>> InMemoryKb::Search(std::string_view claim_text, size_t k,
                                                std::string_view source_name) const {
  if (k == 0) return std::vector<Passage>();
  try {
    Result<std::vector<Passage>> found =
        SearchTerms(db_, TermsOf(claim_text, options_), k, options_, nullptr, nullptr);
    if (found.ok()) {
      for (Passage& p : *found) p.source = std::string(source_name);
    }
    return found;
  } catch (const Xapian::Error& e) {
    return Status::Internal("in-memory KB search: " + XapianMessage(e));
  }
}

std::shared_ptr<const IneB2Memory> XapianKb::MemoryFor(const Xapian::Database& db) const {
  const Xapian::rev revision = db.get_revision();
  // Only uuid_'s database shares the kept tables: a search still running on a replaced one
  // reads its own.
  const std::string uuid = db.get_uuid();
  bool current = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    current = uuid == uuid_;
    if (current && memory_ != nullptr && memory_->revision() == revision) return memory_;
  }
  // Read outside the lock: searches on handles still at the old revision go on meanwhile.
  std::shared_ptr<const IneB2Memory> read =
      IneB2Memory::Read(db, options_.posting_cache_bytes, options_.posting_cache_min_termfreq);
  std::lock_guard<std::mutex> lock(mu_);
  // uuid_ again: the KB may have been replaced while this was read.
  if (uuid == uuid_ && (memory_ == nullptr || memory_->revision() < revision)) memory_ = read;
  return read;
}

std::shared_ptr<const PassageCache> XapianKb::PassagesFor(const Xapian::Database& db) const {
  if (options_.passage_cache_bytes == 0) return nullptr;
  const Xapian::rev revision = db.get_revision();
  const std::string uuid = db.get_uuid();
  std::lock_guard<std::mutex> lock(mu_);
  if (uuid != uuid_) return nullptr;  // a search still running on a replaced database
  if (passages_ != nullptr && passages_->revision() == revision) return passages_;
  auto fresh = std::make_shared<const PassageCache>(revision, options_.passage_cache_bytes);
  if (passages_ == nullptr || passages_->revision() < revision) passages_ = fresh;
  return fresh;
}

Result<std::vector<Passage>> XapianKb::Search(std::string_view claim_text, size_t k) const {
  std::vector<std::string> unavailable;
  return SearchParts(claim_text, k, &unavailable, std::nullopt);
}

Result<std::vector<Passage>> XapianKb::SearchParts(std::string_view claim_text, size_t k,
                                                   std::vector<std::string>* unavailable,
                                                   Deadline /*deadline*/) const {
  if (k == 0) return std::vector<Passage>();
  ClaimTerms terms = TermsOf(claim_text, options_);
  // Pruning needs term statistics, so it runs on the handle that then searches.
  SearchFn run = [&](Xapian::Database& db) {
    if (!use_length_table_) return SearchTerms(db, terms, k, options_, nullptr, nullptr);
    std::shared_ptr<const PassageCache> cache = PassagesFor(db);
    return SearchTerms(db, terms, k, options_, MemoryFor(db), cache.get());
  };
  if (paths_.size() < 2) return WithDatabase("KB search", run);
  bool some_down = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto now = std::chrono::steady_clock::now();
    for (const auto& [path, down] : down_) some_down = some_down || down.retry_at > now;
  }
  if (!some_down) {
    Result<std::vector<Passage>> all = WithDatabase("KB search", run);
    if (all.ok()) return all;
  }
  return SearchLiveShards(run, unavailable);
}

Result<std::vector<Passage>> XapianKb::SearchLiveShards(
    const SearchFn& run, std::vector<std::string>* unavailable) const {
  std::vector<std::string> live;
  std::vector<std::string> down_now;
  for (const std::string& path : paths_) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = down_.find(path);
      if (it != down_.end() && it->second.retry_at > std::chrono::steady_clock::now()) {
        down_now.push_back("shard " + path + " unavailable: " + it->second.reason);
        continue;
      }
    }
    std::string reason;
    Result<std::unique_ptr<Xapian::Database>> shard = OpenShards({path});
    if (shard.ok()) {
      try {
        (*shard)->get_doccount();  // a remote shard answers only when asked something
      } catch (const Xapian::Error& e) {
        reason = XapianMessage(e);
      }
    } else {
      reason = shard.status().message();
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (reason.empty()) {
      down_.erase(path);
      live.push_back(path);
    } else {
      down_[path] = {
          std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.shard_retry_ms),
          reason};
      down_now.push_back("shard " + path + " unavailable: " + reason);
    }
  }
  if (live.empty()) {
    std::string all;
    for (const std::string& d : down_now) all += (all.empty() ? "" : "; ") + d;
    return Status::Unavailable("KB search: no shard answers: " + all);
  }
  if (unavailable != nullptr)
    unavailable->insert(unavailable->end(), down_now.begin(), down_now.end());
  Result<std::unique_ptr<Xapian::Database>> db = OpenShards(live);
  if (!db.ok()) return db.status();
  try {
    return run(**db);
  } catch (const Xapian::Error& e) {
    return Status::Unavailable("KB search: " + XapianMessage(e));
  }
}

Result<KbDocument> XapianKb::Get(std::string_view doc_id) const {
  const std::string id_term = kIdPrefix + std::string(doc_id);
  return WithDatabase("KB get", [&](Xapian::Database& db) -> Result<KbDocument> {
    KbDocument doc;
    for (Xapian::PostingIterator it = db.postlist_begin(id_term); it != db.postlist_end(id_term);
         ++it) {
      Passage p;
      if (!DecodePassage(db.get_document(*it).get_data(), &p, &doc)) {
        return Status::Internal("KB passage " + std::to_string(*it) + " has malformed data");
      }
      doc.passages.push_back(std::move(p));
    }
    if (doc.passages.empty()) return Status::NotFound("no document with id " + std::string(doc_id));
    std::sort(doc.passages.begin(), doc.passages.end(),
              [](const Passage& a, const Passage& b) { return a.doc_offset < b.doc_offset; });
    for (size_t i = 0; i < doc.passages.size(); ++i) doc.passages[i].rank = static_cast<int>(i);
    return doc;
  });
}

Result<std::pair<size_t, size_t>> XapianKb::TermFrequency(std::string_view term) const {
  return WithDatabase(
      "KB term statistics", [&](Xapian::Database& db) -> Result<std::pair<size_t, size_t>> {
        return std::pair<size_t, size_t>(db.get_termfreq(std::string(term)), db.get_doccount());
      });
}

Result<KbStats> XapianKb::Stats() const {
  return WithDatabase("KB stats", [&](Xapian::Database& db) -> Result<KbStats> {
    KbStats stats;
    stats.passages = db.get_doccount();
    for (Xapian::TermIterator it = db.allterms_begin(kIdPrefix); it != db.allterms_end(kIdPrefix);
         ++it) {
      ++stats.documents;
    }
    return stats;
  });
}

}  // namespace fg
