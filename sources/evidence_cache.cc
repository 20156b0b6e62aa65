#include "sources/evidence_cache.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

namespace fg {
namespace {

namespace fs = std::filesystem;

// Keys are queries and URLs; anything longer is a caller's bug, and the bound keeps the header
// line (read before the body) small.
constexpr size_t kMaxKeyBytes = 64 * 1024;
constexpr size_t kMaxHeaderBytes = 2 * kMaxKeyBytes + 4096;
// A temporary file this old belongs to a Put that crashed, not one still writing.
constexpr int64_t kStaleTempSeconds = 60;

constexpr std::string_view kEntrySuffix = ".entry";
constexpr std::string_view kTempSuffix = ".tmp";

// Makes the temporary file names of one process unique across its threads and instances.
std::atomic<uint64_t> temp_counter{0};

struct EntryHeader {
  std::string source;
  std::string key;
  std::string content_type;
  int64_t fetched_at = 0;
  uint64_t body_bytes = 0;
};

uint64_t Fnv1a64(std::string_view source, std::string_view key) {
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  };
  mix(source);
  mix("\n");
  mix(key);
  return h;
}

std::string Hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return std::string(buf, 16);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string EncodeHeader(const CachedEvidence& entry) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto field = [&](const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  field("source", entry.source);
  field("key", entry.key);
  field("content_type", entry.content_type);
  w.Key("fetched_at");
  w.Int64(entry.fetched_at);
  w.Key("body_bytes");
  w.Uint64(entry.body.size());
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::optional<EntryHeader> ParseHeader(std::string_view line) {
  rapidjson::Document json;
  json.Parse(line.data(), line.size());
  if (json.HasParseError() || !json.IsObject()) return std::nullopt;
  EntryHeader header;
  auto text = [&](const char* name, std::string* out) {
    auto it = json.FindMember(name);
    if (it == json.MemberEnd() || !it->value.IsString()) return false;
    out->assign(it->value.GetString(), it->value.GetStringLength());
    return true;
  };
  if (!text("source", &header.source) || !text("key", &header.key) ||
      !text("content_type", &header.content_type)) {
    return std::nullopt;
  }
  auto fetched_at = json.FindMember("fetched_at");
  auto body_bytes = json.FindMember("body_bytes");
  if (fetched_at == json.MemberEnd() || !fetched_at->value.IsInt64() ||
      body_bytes == json.MemberEnd() || !body_bytes->value.IsUint64()) {
    return std::nullopt;
  }
  header.fetched_at = fetched_at->value.GetInt64();
  header.body_bytes = body_bytes->value.GetUint64();
  return header;
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now and reports whether close succeeded.
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

// Reads up to `limit` bytes into `out` (appending); false on a read error.
bool ReadUpTo(int fd, size_t limit, std::string* out) {
  char buf[64 * 1024];
  while (out->size() < limit) {
    size_t want = std::min(sizeof buf, limit - out->size());
    ssize_t n = ::read(fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
  }
  return true;
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// What an entry file holds, judged from its header line and size alone (no body read).
struct EntryFileInfo {
  uint64_t size = 0;
  bool whole = false;  // header parsed and header + body length == file size
  EntryHeader header;
};

// False when the file is gone (removed concurrently); otherwise fills `info`.
bool InspectEntryFile(const fs::path& path, EntryFileInfo* info) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return errno != ENOENT;
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return true;
  info->size = static_cast<uint64_t>(st.st_size);
  std::string head;
  size_t newline = std::string::npos;
  while (head.size() < kMaxHeaderBytes) {
    size_t before = head.size();
    if (!ReadUpTo(fd.get(), std::min(kMaxHeaderBytes, before + 4096), &head)) return true;
    newline = head.find('\n', before);
    if (newline != std::string::npos || head.size() == before) break;
  }
  if (newline == std::string::npos) return true;
  std::optional<EntryHeader> header = ParseHeader(std::string_view(head).substr(0, newline));
  if (!header) return true;
  info->whole = newline + 1 + header->body_bytes == info->size;
  info->header = std::move(*header);
  return true;
}

struct FolderListing {
  std::vector<fs::path> entries;
  std::vector<fs::path> temps;
};

// Lists the entry and temporary files in the two-hex-digit subfolders of `dir`.
Result<FolderListing> ListFolder(const fs::path& dir) {
  FolderListing listing;
  std::error_code ec;
  fs::directory_iterator top(dir, ec);
  if (ec)
    return Status::Unavailable("evidence cache: cannot list " + dir.string() + ": " + ec.message());
  for (fs::directory_iterator end; top != end; top.increment(ec)) {
    if (ec) break;
    const fs::path& sub = top->path();
    std::string name = sub.filename().string();
    std::error_code type_ec;
    if (name.size() != 2 || !top->is_directory(type_ec)) continue;
    std::error_code sub_ec;
    fs::directory_iterator files(sub, sub_ec);
    for (; !sub_ec && files != end; files.increment(sub_ec)) {
      std::string file = files->path().filename().string();
      if (EndsWith(file, kEntrySuffix)) {
        listing.entries.push_back(files->path());
      } else if (EndsWith(file, kTempSuffix)) {
        listing.temps.push_back(files->path());
      }
    }
  }
  if (ec)
    return Status::Unavailable("evidence cache: cannot list " + dir.string() + ": " + ec.message());
  return listing;
}

bool IsExpired(int64_t fetched_at, int64_t now, int64_t ttl) { return now - fetched_at > ttl; }

}  // namespace

Result<std::unique_ptr<EvidenceCache>> EvidenceCache::Open(const Options& options) {
  if (options.dir.empty()) return Status::InvalidArgument("evidence cache: no folder given");
  if (options.ttl_seconds < 0) {
    return Status::InvalidArgument("evidence cache: the TTL must not be negative");
  }
  try {
    fs::path dir(options.dir);
    std::error_code ec;
    fs::file_status st = fs::status(dir, ec);
    if (fs::exists(st) && !fs::is_directory(st)) {
      return Status::InvalidArgument("evidence cache: " + options.dir + " is not a folder");
    }
    fs::create_directories(dir, ec);
    if (ec) {
      return Status::Unavailable("evidence cache: cannot create folder " + options.dir + ": " +
                                 ec.message());
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
      return Status::Unavailable("evidence cache: cannot write in folder " + options.dir + ": " +
                                 std::strerror(errno));
    }
    return std::unique_ptr<EvidenceCache>(new EvidenceCache(options));
  } catch (const std::exception& e) {
    return Status::Internal(std::string("evidence cache: ") + e.what());
  }
}

std::string EvidenceCache::EntryPath(std::string_view source, std::string_view key) {
  std::string hex = Hex16(Fnv1a64(source, key));
  return hex.substr(0, 2) + "/" + hex + std::string(kEntrySuffix);
}

std::optional<CachedEvidence> EvidenceCache::Get(std::string_view source, std::string_view key,
                                                 bool allow_expired, int64_t now) const {
  try {
    fs::path path = fs::path(options_.dir) / EntryPath(source, key);
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return std::nullopt;
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) return std::nullopt;
    // The descriptor keeps this file's bytes even if a Put renames a newer one over it; reading one
    // byte past the size catches a file that is (wrongly) still growing.
    std::string bytes;
    bytes.reserve(static_cast<size_t>(st.st_size));
    if (!ReadUpTo(fd.get(), static_cast<size_t>(st.st_size) + 1, &bytes)) return std::nullopt;
    size_t newline = bytes.find('\n');
    if (newline == std::string::npos) return std::nullopt;
    std::optional<EntryHeader> header = ParseHeader(std::string_view(bytes).substr(0, newline));
    if (!header || header->source != source || header->key != key) return std::nullopt;
    if (bytes.size() - newline - 1 != header->body_bytes) return std::nullopt;
    if (!allow_expired && IsExpired(header->fetched_at, now, options_.ttl_seconds)) {
      return std::nullopt;
    }
    CachedEvidence entry;
    entry.source = std::move(header->source);
    entry.key = std::move(header->key);
    entry.content_type = std::move(header->content_type);
    entry.fetched_at = header->fetched_at;
    entry.body = bytes.substr(newline + 1);
    return entry;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Status EvidenceCache::Put(const CachedEvidence& entry) {
  if (entry.source.empty()) return Status::InvalidArgument("evidence cache: empty source");
  if (entry.key.size() > kMaxKeyBytes) {
    return Status::InvalidArgument("evidence cache: key longer than " +
                                   std::to_string(kMaxKeyBytes) + " bytes");
  }
  try {
    std::string hex = Hex16(Fnv1a64(entry.source, entry.key));
    fs::path folder = fs::path(options_.dir) / hex.substr(0, 2);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
      return Status::Unavailable("evidence cache: cannot create " + folder.string() + ": " +
                                 ec.message());
    }
    fs::path final_path = folder / (hex + std::string(kEntrySuffix));
    fs::path temp_path =
        folder / (hex + "." + std::to_string(::getpid()) + "." +
                  std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) + "." +
                  std::to_string(temp_counter.fetch_add(1)) + std::string(kTempSuffix));
    auto fail = [&](const std::string& what) {
      Status s = Status::Unavailable("evidence cache: cannot " + what + " " + temp_path.string() +
                                     ": " + std::strerror(errno));
      ::unlink(temp_path.c_str());
      return s;
    };
    Fd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0) return fail("create");
    std::string header = EncodeHeader(entry);
    header += '\n';
    if (!WriteAll(fd.get(), header) || !WriteAll(fd.get(), entry.body)) return fail("write");
    if (::fsync(fd.get()) != 0) return fail("sync");
    if (!fd.Close()) return fail("close");
    if (::rename(temp_path.c_str(), final_path.c_str()) != 0) return fail("rename");
    // Make the rename itself survive a crash; a failure here loses durability, not correctness.
    Fd dir_fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal(std::string("evidence cache: ") + e.what());
  }
}

Result<EvidenceCache::CacheStats> EvidenceCache::Stats(int64_t now) const {
  try {
    Result<FolderListing> listing = ListFolder(options_.dir);
    if (!listing.ok()) return listing.status();
    CacheStats stats;
    for (const fs::path& path : listing->entries) {
      EntryFileInfo info;
      if (!InspectEntryFile(path, &info)) continue;
      ++stats.entries;
      stats.bytes += info.size;
      if (!info.whole || IsExpired(info.header.fetched_at, now, options_.ttl_seconds)) {
        ++stats.expired;
      }
    }
    return stats;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("evidence cache: ") + e.what());
  }
}

Result<uint64_t> EvidenceCache::Prune(int64_t now, bool everything) const {
  try {
    Result<FolderListing> listing = ListFolder(options_.dir);
    if (!listing.ok()) return listing.status();
    uint64_t removed = 0;
    for (const fs::path& path : listing->entries) {
      if (!everything) {
        EntryFileInfo info;
        if (!InspectEntryFile(path, &info)) continue;
        if (info.whole && !IsExpired(info.header.fetched_at, now, options_.ttl_seconds)) continue;
      }
      if (::unlink(path.c_str()) == 0) ++removed;
    }
    for (const fs::path& path : listing->temps) {
      struct stat st;
      if (::stat(path.c_str(), &st) != 0) continue;
      if (now - static_cast<int64_t>(st.st_mtime) > kStaleTempSeconds) ::unlink(path.c_str());
    }
    return removed;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("evidence cache: ") + e.what());
  }
}

std::string EvidenceCache::NormaliseQuery(std::string_view query) {
  std::string out;
  out.reserve(query.size());
  bool pending_space = false;
  for (char c : Trim(query)) {
    if (IsAsciiSpace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += AsciiLower(c);
  }
  return out;
}

std::string EvidenceCache::NormaliseUrl(std::string_view url) {
  std::string_view s = Trim(url);
  if (size_t hash = s.find('#'); hash != std::string_view::npos) s = s.substr(0, hash);
  size_t sep = s.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::string(s);
  std::string scheme = Lower(s.substr(0, sep));
  size_t authority_begin = sep + 3;
  size_t authority_end = s.find_first_of("/?", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = s.size();
  std::string_view authority = s.substr(authority_begin, authority_end - authority_begin);
  std::string_view rest = s.substr(authority_end);

  std::string_view userinfo;
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = authority.substr(0, at + 1);
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  size_t bracket = authority.rfind(']');
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  bool default_port =
      port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");

  std::string out = scheme + "://";
  out += userinfo;
  out += Lower(host);
  if (!default_port) {
    out += ':';
    out += port;
  }
  if (rest.empty() || rest.front() == '?') out += '/';
  out += rest;
  return out;
}

}  // namespace fg
