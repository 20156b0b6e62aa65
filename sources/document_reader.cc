#include "sources/document_reader.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

namespace fg {
namespace {

namespace fs = std::filesystem;

constexpr size_t kChunkBytes = 64 << 10;
constexpr size_t kBinarySniffBytes = 8 << 10;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

std::string Lower(std::string ext) {
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return ext;
}

// Opens `path` for reading, or says clearly why not.
Result<FilePtr> OpenFile(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(path + ": no such file");
  if (fs::is_directory(st)) {
    return Status::InvalidArgument(path + ": is a directory, not a document file");
  }
  FilePtr f(std::fopen(path.c_str(), "rb"));
  if (!f) return Status::InvalidArgument(path + ": cannot open: " + std::strerror(errno));
  return f;
}

// Reads lines from a FILE in chunks; a line longer than `max_line` is reported, not buffered whole.
class LineReader {
 public:
  LineReader(std::FILE* f, size_t max_line) : f_(f), max_line_(max_line) {}

  // Next line without its "\n" / "\r\n". Returns false at end of file. Sets *too_long (and skips
  // the rest of the line) when the line exceeds max_line.
  bool Next(std::string* line, bool* too_long, bool* read_error) {
    line->clear();
    *too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == buf_.size()) {
        if (!Fill()) {
          *read_error = std::ferror(f_) != 0;
          if (!any) return false;
          break;
        }
      }
      any = true;
      std::string_view rest(buf_.data() + pos_, buf_.size() - pos_);
      size_t nl = rest.find('\n');
      std::string_view piece = rest.substr(0, nl);
      if (!*too_long) {
        if (line->size() + piece.size() > max_line_) {
          *too_long = true;
          line->clear();
          line->shrink_to_fit();
        } else {
          line->append(piece);
        }
      }
      if (nl == std::string_view::npos) {
        pos_ = buf_.size();
        continue;
      }
      pos_ += nl + 1;
      break;
    }
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }

  // Peeks at the start of the file (before any Next call) to spot binary content.
  bool StartLooksBinary() {
    Fill();
    size_t n = std::min(buf_.size(), kBinarySniffBytes);
    return std::memchr(buf_.data(), '\0', n) != nullptr;
  }

 private:
  bool Fill() {
    if (pos_ < buf_.size()) return true;
    buf_.resize(kChunkBytes);
    size_t n = std::fread(buf_.data(), 1, buf_.size(), f_);
    buf_.resize(n);
    pos_ = 0;
    return n > 0;
  }

  std::FILE* f_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
};

// Reads an optional string field: absent or null -> empty; another type -> an error reason.
std::optional<std::string> OptionalString(const rapidjson::Value& obj, const char* name,
                                          std::string* out) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || it->value.IsNull()) return std::nullopt;
  if (!it->value.IsString()) return std::string("field \"") + name + "\" must be a string";
  out->assign(it->value.GetString(), it->value.GetStringLength());
  return std::nullopt;
}

// Reads one document from a JSON object. Returns the document, or sets *reason (and *too_big
// when the text is over `max_text`).
std::optional<Document> ParseDocumentValue(const rapidjson::Value& json,
                                           std::string_view default_source, size_t max_text,
                                           std::string* reason, bool* too_big) {
  if (!json.IsObject()) {
    *reason = "not a JSON object";
    return std::nullopt;
  }
  Document doc;
  for (const char* required : {"id", "text"}) {
    auto it = json.FindMember(required);
    if (it == json.MemberEnd()) {
      *reason = std::string("missing field \"") + required + "\"";
      return std::nullopt;
    }
    if (!it->value.IsString()) {
      *reason = std::string("field \"") + required + "\" must be a string";
      return std::nullopt;
    }
    if (it->value.GetStringLength() == 0) {
      *reason = std::string("field \"") + required + "\" is empty";
      return std::nullopt;
    }
  }
  const rapidjson::Value& text = json["text"];
  if (text.GetStringLength() > max_text) {
    *too_big = true;
    *reason = "text has " + std::to_string(text.GetStringLength()) + " bytes, over the limit of " +
              std::to_string(max_text);
    return std::nullopt;
  }
  doc.id.assign(json["id"].GetString(), json["id"].GetStringLength());
  doc.text.assign(text.GetString(), text.GetStringLength());
  if (doc.text.find('\0') != std::string::npos || doc.id.find('\0') != std::string::npos) {
    *reason = "id or text contains a NUL character";
    return std::nullopt;
  }
  for (auto [name, field] : {std::pair{"title", &doc.title}, std::pair{"url", &doc.url},
                             std::pair{"date", &doc.date}, std::pair{"source", &doc.source}}) {
    if (auto err = OptionalString(json, name, field)) {
      *reason = *err;
      return std::nullopt;
    }
  }
  if (doc.source.empty()) doc.source = std::string(default_source);
  return doc;
}

// Parses one JSONL line. Returns the document, or sets *reason.
std::optional<Document> ParseLine(std::string_view line, const std::string& file_name,
                                  size_t max_text, std::string* reason, bool* too_big) {
  rapidjson::Document json;
  json.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  if (json.HasParseError()) {
    *reason = std::string("invalid JSON at byte ") + std::to_string(json.GetErrorOffset()) + ": " +
              rapidjson::GetParseError_En(json.GetParseError());
    return std::nullopt;
  }
  return ParseDocumentValue(json, file_name, max_text, reason, too_big);
}

Status ReadJsonl(const std::string& path, std::FILE* f, const DocumentCallback& callback,
                 std::vector<InputProblem>* problems, const ReaderOptions& options) {
  const std::string file_name = fs::path(path).filename().string();
  LineReader reader(f, options.max_document_bytes * 4 + (64 << 10));
  if (reader.StartLooksBinary()) {
    return Status::InvalidArgument(path + ": looks like a binary file (NUL bytes), not JSONL");
  }
  std::string line;
  size_t line_no = 0;
  bool too_long = false;
  bool read_error = false;
  while (reader.Next(&line, &too_long, &read_error)) {
    ++line_no;
    const std::string where = path + ":" + std::to_string(line_no);
    if (too_long) {
      return Status::ResourceExhausted(where + ": line is too long for a document of at most " +
                                       std::to_string(options.max_document_bytes) + " bytes");
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string reason;
    bool too_big = false;
    std::optional<Document> doc =
        ParseLine(line, file_name, options.max_document_bytes, &reason, &too_big);
    if (too_big) return Status::ResourceExhausted(where + ": document " + reason);
    if (!doc) {
      if (problems) problems->push_back({path, line_no, reason});
      continue;
    }
    Status s = callback(std::move(*doc));
    if (!s.ok()) return s;
  }
  if (read_error) return Status::InvalidArgument(path + ": read error");
  return Status::Ok();
}

// The text of the first ATX heading ("# Title", any level), outside fenced code; empty if none.
std::string FirstHeading(std::string_view text) {
  bool in_fence = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || indent > 3) continue;
    line.remove_prefix(indent);
    if (line.starts_with("```") || line.starts_with("~~~")) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence || !line.starts_with('#')) continue;
    size_t hashes = line.find_first_not_of('#');
    if (hashes > 6 || hashes == std::string_view::npos) continue;
    if (line[hashes] != ' ' && line[hashes] != '\t') continue;
    std::string_view title = line.substr(hashes);
    // Trim white space, a trailing '\r' and optional closing hashes.
    auto trim = [](std::string_view s) {
      size_t b = s.find_first_not_of(" \t\r");
      if (b == std::string_view::npos) return std::string_view();
      size_t e = s.find_last_not_of(" \t\r");
      return s.substr(b, e - b + 1);
    };
    title = trim(title);
    size_t closing = title.find_last_not_of('#');
    if (closing != std::string_view::npos && closing + 1 < title.size() &&
        (title[closing] == ' ' || title[closing] == '\t')) {
      title = trim(title.substr(0, closing));
    }
    if (!title.empty()) return std::string(title);
  }
  return {};
}

Status ReadTextFile(const std::string& path, std::FILE* f, const DocumentCallback& callback,
                    const ReaderOptions& options) {
  std::string text;
  char buf[kChunkBytes];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (text.size() + n > options.max_document_bytes) {
      return Status::ResourceExhausted(path + ": document is over the limit of " +
                                       std::to_string(options.max_document_bytes) + " bytes");
    }
    text.append(buf, n);
  }
  if (std::ferror(f)) return Status::InvalidArgument(path + ": read error");
  if (text.find('\0') != std::string::npos) {
    return Status::InvalidArgument(path + ": looks like a binary file (NUL bytes), not text");
  }
  if (!IsValidUtf8(text)) {
    return Status::InvalidArgument(path + ": is not valid UTF-8 text");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  fs::path p(path);
  Document doc;
  doc.id = p.filename().string();
  doc.title = FirstHeading(text);
  if (doc.title.empty()) doc.title = p.stem().string();
  doc.source = doc.id;
  doc.text = std::move(text);
  return callback(std::move(doc));
}

}  // namespace

Result<Document> DocumentFromJson(const rapidjson::Value& object, std::string_view default_source,
                                  const ReaderOptions& options) {
  std::string reason;
  bool too_big = false;
  auto doc =
      ParseDocumentValue(object, default_source, options.max_document_bytes, &reason, &too_big);
  if (!doc) {
    return too_big ? Status::ResourceExhausted(reason) : Status::InvalidArgument(reason);
  }
  return std::move(*doc);
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr unsigned kMinForLen[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLen[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

Status ReadDocuments(const std::string& path, const DocumentCallback& callback,
                     std::vector<InputProblem>* problems, const ReaderOptions& options) {
  const std::string ext = Lower(fs::path(path).extension().string());
  const bool jsonl = ext == ".jsonl" || ext == ".json";
  const bool text = ext == ".txt" || ext == ".md";
  Result<FilePtr> file = OpenFile(path);
  if (!file.ok()) return file.status();
  if (!jsonl && !text) {
    return Status::InvalidArgument(path + ": unknown file type \"" + ext +
                                   "\" (expected .jsonl, .json, .txt or .md)");
  }
  if (jsonl) return ReadJsonl(path, file->get(), callback, problems, options);
  return ReadTextFile(path, file->get(), callback, options);
}

}  // namespace fg
