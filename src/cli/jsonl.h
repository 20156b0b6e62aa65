// Line-by-line JSONL reading for the CLI's evaluation inputs (claims.jsonl, pairs.jsonl).
//
// Each non-blank line is parsed as one JSON object and handed to the callback with its 1-based line
// number; a line that is not a JSON object, or that the callback rejects, is reported on stderr as
// "FILE:LINE: reason" and skipped, so the good lines are still processed.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>

#include "src/core/status.h"

namespace fg::cli {

// Returns a non-OK Status for an unreadable file; `bad_lines` counts the lines skipped.
// The callback returns an error message for a line it cannot use, or "" to accept it.
Status ForEachJsonLine(const std::string& path,
                       const std::function<std::string(const rapidjson::Value&, size_t)>& callback,
                       size_t* bad_lines);

// The string member `key` of `obj`, or "" when absent or not a string.
std::string StringField(const rapidjson::Value& obj, const char* key);

}  // namespace fg::cli
