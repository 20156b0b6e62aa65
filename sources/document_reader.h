// Document reader: turns input files into fg::Document values for indexing into a knowledge base.
//
// Formats, chosen by file extension:
//   - `.jsonl` / `.json`: one JSON object per line with string fields `id`, `text` (both required
//   and
//     non-empty) and optional `title`, `url`, `date`, `source` (a string or null). Blank lines are
//     skipped. A malformed line (bad JSON, missing or empty id/text, wrong types, invalid UTF-8) is
//     reported as an InputProblem {file, line, reason} and reading goes on with the next line.
//     When `source` is absent the file name is used.
//   - `.txt` / `.md`: the whole file is one document. id = the file name without its directory,
//     title = the first Markdown heading ("# Title") or, failing that, the file name without its
//     extension, source = the file name. A leading UTF-8 byte order mark is dropped.
//
// Errors (a non-OK Status naming the file; documents already delivered stay delivered):
//   kNotFound          the file does not exist;
//   kInvalidArgument   a directory, an unreadable file, an unknown extension, or binary content
//                      (NUL bytes, or invalid UTF-8 in a text file);
//   kResourceExhausted a single document (or JSONL line) over ReaderOptions::max_document_bytes;
//   anything the callback returns (a non-OK callback Status stops reading and is returned as is).
// Files are read in a streaming way: a JSONL file is never held in memory whole.
// Thread-safe, no state.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/status.h"
#include "src/core/types.h"

namespace fg {

// A line that could not be read; the rest of the file still is.
struct InputProblem {
  std::string file;
  size_t line = 0;  // 1-based line number
  std::string reason;
};

struct ReaderOptions {
  // The largest document text accepted, in bytes. A JSONL line may be up to 4x this (escapes) +
  // 64 KiB for the other fields.
  size_t max_document_bytes = 16u << 20;
};

// Receives each document read; returning a non-OK Status stops reading.
using DocumentCallback = std::function<Status(Document&& document)>;

// Reads the documents in `path` and hands each to `callback` in file order. Line problems are
// appended to `problems` (which may be null when the caller does not care).
Status ReadDocuments(const std::string& path, const DocumentCallback& callback,
                     std::vector<InputProblem>* problems, const ReaderOptions& options = {});

// One document from a JSON object of the JSONL line shape (above); `default_source` when it has
// no `source`. kInvalidArgument with the reason (missing or empty id/text, wrong types, NUL),
// kResourceExhausted for a text over options.max_document_bytes. Used for documents that arrive
// over HTTP.
Result<Document> DocumentFromJson(const rapidjson::Value& object, std::string_view default_source,
                                  const ReaderOptions& options = {});

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace fg
