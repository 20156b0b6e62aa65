// Audit output parts, atomic file writes and the checkpoint state file.
#include "src/audit/audit_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fg::audit {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return Status::Internal(std::string(what) + " " + path + ": " + std::strerror(errno));
}

Status SyncDirectoryOf(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Errno("cannot open folder", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("cannot sync folder", dir);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<PartFile>> PartFile::Create(const std::string& path) {
  std::string part = path + ".part";
  std::FILE* f = std::fopen(part.c_str(), "wb");
  if (f == nullptr) return Errno("cannot create", part);
  return std::unique_ptr<PartFile>(new PartFile(path, f, 0));
}

Result<std::unique_ptr<PartFile>> PartFile::Reopen(const std::string& path, uint64_t size) {
  std::string part = path + ".part";
  std::error_code ec;
  if (!std::filesystem::exists(part, ec) && std::filesystem::exists(path, ec) &&
      std::filesystem::file_size(path, ec) == size) {
    std::filesystem::rename(path, part, ec);
    if (ec) return Status::Internal("cannot rename " + path + ": " + ec.message());
  }
  uint64_t have = std::filesystem::exists(part, ec) ? std::filesystem::file_size(part, ec) : 0;
  if (ec || !std::filesystem::exists(part) || have < size) {
    return Status::InvalidArgument(part + " is missing or shorter than the checkpoint says (" +
                                   std::to_string(size) + " bytes); cannot resume");
  }
  if (::truncate(part.c_str(), static_cast<off_t>(size)) != 0) return Errno("cannot cut", part);
  std::FILE* f = std::fopen(part.c_str(), "ab");
  if (f == nullptr) return Errno("cannot open", part);
  return std::unique_ptr<PartFile>(new PartFile(path, f, size));
}

PartFile::~PartFile() {
  if (file_ != nullptr) std::fclose(file_);
}

Status PartFile::Append(std::string_view bytes) {
  if (file_ == nullptr) return Status::Internal("write to a closed file " + part_path());
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    return Errno("cannot write", part_path());
  }
  size_ += bytes.size();
  return Status::Ok();
}

Status PartFile::Sync() {
  if (file_ == nullptr) return Status::Ok();
  if (std::fflush(file_) != 0) return Errno("cannot write", part_path());
  if (::fdatasync(::fileno(file_)) != 0) return Errno("cannot sync", part_path());
  return Status::Ok();
}

Status PartFile::Commit() {
  Status synced = Sync();
  if (!synced.ok()) return synced;
  if (file_ != nullptr) {
    int rc = std::fclose(file_);
    file_ = nullptr;
    if (rc != 0) return Errno("cannot close", part_path());
  }
  if (std::rename(part_path().c_str(), path_.c_str()) != 0) return Errno("cannot rename", path_);
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", tmp);
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return Errno("cannot write", tmp);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return Errno("cannot sync", tmp);
  }
  if (::close(fd) != 0) return Errno("cannot close", tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Errno("cannot rename", tmp);
  return SyncDirectoryOf(path);
}

std::string AuditState::PathIn(const std::string& out_dir) {
  return (std::filesystem::path(out_dir) / ".factgate-audit.json").string();
}

Result<AuditState> AuditState::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no audit state at " + path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string text = bytes.str();
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseFullPrecisionFlag>(text.c_str());
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(path + ": " + what + " (delete the file, or the whole folder, " +
                                   "to start the audit again)");
  };
  if (doc.HasParseError() || !doc.IsObject()) return bad("not a JSON object");
  if (!doc.HasMember("version") || !doc["version"].IsInt() || doc["version"].GetInt() != 1) {
    return bad("unknown version");
  }
  AuditState state;
  if (!doc.HasMember("fingerprint") || !doc["fingerprint"].IsString() ||
      !doc.HasMember("lines_done") || !doc["lines_done"].IsUint64() || !doc.HasMember("complete") ||
      !doc["complete"].IsBool() || !doc.HasMember("parts") || !doc["parts"].IsObject() ||
      !doc.HasMember("totals") || !doc.HasMember("elapsed_s") || !doc["elapsed_s"].IsNumber()) {
    return bad("a member is missing");
  }
  state.fingerprint = doc["fingerprint"].GetString();
  state.lines_done = doc["lines_done"].GetUint64();
  state.complete = doc["complete"].GetBool();
  state.elapsed_s = doc["elapsed_s"].GetDouble();
  for (const auto& part : doc["parts"].GetObject()) {
    if (!part.value.IsUint64()) return bad("a part size is not a number");
    state.parts[part.name.GetString()] = part.value.GetUint64();
  }
  auto totals = AuditTotals::FromState(doc["totals"]);
  if (!totals.ok()) return bad(totals.status().message());
  state.totals = *totals;
  return state;
}

Status AuditState::Save(const std::string& path) const {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("version");
  w.Int(1);
  w.Key("fingerprint");
  w.String(fingerprint);
  w.Key("lines_done");
  w.Uint64(lines_done);
  w.Key("complete");
  w.Bool(complete);
  w.Key("parts");
  w.StartObject();
  for (const auto& [name, size] : parts) {
    w.Key(name.c_str(), static_cast<rapidjson::SizeType>(name.size()));
    w.Uint64(size);
  }
  w.EndObject();
  w.Key("totals");
  totals.WriteState(w);
  w.Key("elapsed_s");
  w.Double(elapsed_s);
  w.EndObject();
  std::string json(buffer.GetString(), buffer.GetSize());
  json += '\n';
  return WriteFileAtomically(path, json);
}

}  // namespace fg::audit
