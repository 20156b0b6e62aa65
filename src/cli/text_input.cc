#include "src/cli/text_input.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "sources/document_reader.h"

namespace fg::cli {

Result<std::string> ReadTextInput(const std::string& path, size_t max_bytes) {
  std::FILE* file = stdin;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> owned(nullptr, std::fclose);
  std::string name = path == "-" ? "standard input" : path;
  if (path != "-") {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Status::NotFound("no such file: " + path);
    if (std::filesystem::is_directory(path, ec)) {
      return Status::InvalidArgument(path + " is a directory, not a text file");
    }
    owned.reset(std::fopen(path.c_str(), "rb"));
    if (!owned) return Status::InvalidArgument("cannot read " + path);
    file = owned.get();
  }
  std::string text;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    if (text.size() + n > max_bytes) {
      return Status::ResourceExhausted(name + " is larger than the limit of " +
                                       std::to_string(max_bytes) +
                                       " bytes (raise it with --max-bytes)");
    }
    text.append(buffer, n);
  }
  if (std::ferror(file)) return Status::InvalidArgument("error while reading " + name);
  if (text.find('\0') != std::string::npos || !IsValidUtf8(text)) {
    return Status::InvalidArgument(name + " is not UTF-8 text (binary data?)");
  }
  return text;
}

}  // namespace fg::cli
