// LineReader: reads an audit input line by line — a file, a gzip file (".gz", or any file starting
// with the gzip magic bytes), or standard input ("-", plain or gzip) — with 1-based line numbers,
// and CountLines for the progress bar's total.
//
// A line is the bytes up to "\n", without it and without a "\r" right before it; a last line
// without "\n" still counts. A line longer than max_line_bytes is not kept: it comes back with
// `too_long` set and empty text, and reading goes on after its end, so one huge line costs no
// memory and loses nothing else. One reader belongs to one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "src/core/status.h"

namespace fg::audit {

struct Line {
  std::string text;
  size_t number = 0;      // 1-based line number in its input
  bool too_long = false;  // longer than max_line_bytes; text is empty
};

class LineReader {
 public:
  // kNotFound / kInvalidArgument with the path and the reason when the input cannot be opened.
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path,
                                                  size_t max_line_bytes = 64u << 20);
  virtual ~LineReader() = default;
  // The next line: true and `line` filled, false at the end of the input. A read error (a
  // truncated or corrupt gzip stream, an I/O error) is a non-OK status naming the path and line.
  virtual Result<bool> Next(Line* line) = 0;
};

// How many lines LineReader would return for `path` (decompressing .gz files). kInvalidArgument for
// "-" (standard input cannot be read twice); other errors as LineReader::Open and Next.
Result<size_t> CountLines(const std::string& path);

}  // namespace fg::audit
