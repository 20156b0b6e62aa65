// Reading the text to check from a file or standard input, with the CLI's limits: a size cap
// (bigger input is refused with a clear message instead of being half-read) and a check that the
// bytes are text (valid UTF-8, no NUL bytes).
#pragma once

#include <cstddef>
#include <string>

#include "src/core/status.h"

namespace fg::cli {

// `path` "-" reads standard input. Errors: NotFound, InvalidArgument (binary, not UTF-8, a
// directory), ResourceExhausted (over max_bytes).
Result<std::string> ReadTextInput(const std::string& path, size_t max_bytes);

}  // namespace fg::cli
