// LineReader and CountLines: lines split by hand out of large blocks read through zlib, which
// decompresses gzip input and passes any other input through unchanged.
#include "src/audit/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <utility>

namespace fg::audit {
namespace {

// zlib reads straight into the caller's buffer (no copy through its own) when a request is at least
// twice its internal buffer, for plain and gzip input alike.
constexpr size_t kBlockBytes = 256u << 10;
constexpr unsigned kZlibBufferBytes = kBlockBytes / 2;

std::string DisplayName(const std::string& path) {
  return path == "-" ? std::string("standard input") : path;
}

// One input opened through zlib, read block by block. Owns the gzFile (and through it the file
// descriptor).
class BlockSource {
 public:
  static Result<BlockSource> Open(const std::string& path) {
    int fd = -1;
    if (path == "-") {
      fd = ::dup(STDIN_FILENO);
      if (fd < 0) {
        return Status::InvalidArgument("cannot read standard input: " +
                                       std::string(std::strerror(errno)));
      }
    } else {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR) return Status::NotFound("no such file: " + path);
        return Status::InvalidArgument("cannot open " + path + ": " + std::strerror(error));
      }
      struct stat info;
      // open() succeeds on a directory; only read() would fail, with a less clear message.
      if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
        ::close(fd);
        return Status::InvalidArgument("cannot open " + path + ": it is a directory");
      }
    }
    gzFile file = ::gzdopen(fd, "rb");
    if (file == nullptr) {
      ::close(fd);
      return Status::Internal("cannot open " + DisplayName(path) + ": zlib could not allocate");
    }
    ::gzbuffer(file, kZlibBufferBytes);
    return BlockSource(file);
  }

  BlockSource(BlockSource&& other) noexcept : file_(std::exchange(other.file_, nullptr)) {}
  BlockSource& operator=(BlockSource&&) = delete;
  BlockSource(const BlockSource&) = delete;
  BlockSource& operator=(const BlockSource&) = delete;
  ~BlockSource() {
    if (file_ != nullptr) ::gzclose(file_);
  }

  // Up to `capacity` bytes into `buffer`; 0 at the end of the input. A gzip stream that ends early
  // is an error: zlib reports it only through gzerror (Z_BUF_ERROR) while gzread returns 0 as at a
  // clean end.
  Result<size_t> Read(char* buffer, size_t capacity) {
    const int got = ::gzread(file_, buffer, static_cast<unsigned>(capacity));
    if (got > 0) return static_cast<size_t>(got);
    int code = Z_OK;
    const char* message = ::gzerror(file_, &code);
    if (got == 0 && code == Z_OK) return size_t{0};
    if (code == Z_BUF_ERROR) {
      return Status::InvalidArgument("truncated gzip stream (unexpected end of file)");
    }
    std::string reason = message != nullptr && *message != '\0' ? message : "read error";
    if (code == Z_ERRNO) return Status::Unavailable("read error: " + reason);
    if (code == Z_DATA_ERROR) return Status::InvalidArgument("corrupt gzip stream: " + reason);
    return Status::Internal("zlib error: " + reason);
  }

 private:
  explicit BlockSource(gzFile file) : file_(file) {}
  gzFile file_;
};

class ZlibLineReader final : public LineReader {
 public:
  ZlibLineReader(std::string path, BlockSource source, size_t max_line_bytes)
      : name_(DisplayName(path)),
        source_(std::move(source)),
        max_line_bytes_(max_line_bytes),
        // One byte over the limit is kept while a line is read: it may be the "\r" that goes.
        keep_limit_(max_line_bytes == std::numeric_limits<size_t>::max() ? max_line_bytes
                                                                         : max_line_bytes + 1),
        buffer_(new char[kBlockBytes]) {}

  Result<bool> Next(Line* line) override {
    if (!error_.ok()) return error_;
    if (at_end_) return false;
    line->text.clear();
    line->too_long = false;
    bool skipping = false;  // the line outgrew the limit; its bytes are dropped as they come
    bool started = false;   // a byte of this line has been read (for a last line without "\n")
    for (;;) {
      if (begin_ == end_) {
        Result<size_t> got = source_.Read(buffer_.get(), kBlockBytes);
        if (!got.ok()) {
          error_ = got.status().WithPrefix(name_ + ": line " + std::to_string(number_ + 1) + ": ");
          return error_;
        }
        if (*got == 0) {
          at_end_ = true;
          if (!started) return false;
          Finish(line, skipping);
          return true;
        }
        begin_ = 0;
        end_ = *got;
      }
      const char* start = buffer_.get() + begin_;
      const size_t available = end_ - begin_;
      const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
      const size_t length = newline != nullptr ? static_cast<size_t>(newline - start) : available;
      if (!skipping) {
        if (length > keep_limit_ - line->text.size()) {
          skipping = true;
          std::string().swap(line->text);  // give the memory back: the text is not returned
        } else {
          line->text.append(start, length);
        }
      }
      begin_ += length;
      if (newline != nullptr) {
        ++begin_;
        Finish(line, skipping);
        return true;
      }
      started = true;
    }
  }

 private:
  void Finish(Line* line, bool skipping) {
    line->number = ++number_;
    if (!line->text.empty() && line->text.back() == '\r') line->text.pop_back();
    if (skipping || line->text.size() > max_line_bytes_) {
      line->too_long = true;
      line->text.clear();
    }
  }

  const std::string name_;
  BlockSource source_;
  const size_t max_line_bytes_;
  const size_t keep_limit_;
  std::unique_ptr<char[]> buffer_;
  size_t begin_ = 0;  // unread bytes of the current block are buffer_[begin_, end_)
  size_t end_ = 0;
  size_t number_ = 0;  // lines returned so far
  bool at_end_ = false;
  Status error_;  // sticky: once the input failed, every later call reports it again
};

}  // namespace

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path,
                                                     size_t max_line_bytes) {
  Result<BlockSource> source = BlockSource::Open(path);
  if (!source.ok()) return source.status();
  return std::unique_ptr<LineReader>(
      std::make_unique<ZlibLineReader>(path, std::move(*source), max_line_bytes));
}

Result<size_t> CountLines(const std::string& path) {
  if (path == "-") {
    return Status::InvalidArgument(
        "cannot count the lines of standard input: it can be read only once");
  }
  Result<BlockSource> source = BlockSource::Open(path);
  if (!source.ok()) return source.status();
  std::unique_ptr<char[]> buffer(new char[kBlockBytes]);
  size_t lines = 0;
  bool open_line = false;  // bytes after the last "\n" read so far: a last line without one
  for (;;) {
    Result<size_t> got = source->Read(buffer.get(), kBlockBytes);
    if (!got.ok()) {
      return got.status().WithPrefix(path + ": line " + std::to_string(lines + 1) + ": ");
    }
    if (*got == 0) break;
    const char* at = buffer.get();
    const char* const end = at + *got;
    while (const void* newline = std::memchr(at, '\n', static_cast<size_t>(end - at))) {
      ++lines;
      at = static_cast<const char*>(newline) + 1;
    }
    open_line = end[-1] != '\n';
  }
  return open_line ? lines + 1 : lines;
}

}  // namespace fg::audit
