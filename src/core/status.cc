#include "src/core/status.h"

namespace fg {

std::string Status::ToString() const {
  std::string_view name;
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      name = "invalid argument";
      break;
    case Code::kNotFound:
      name = "not found";
      break;
    case Code::kUnavailable:
      name = "unavailable";
      break;
    case Code::kDeadlineExceeded:
      name = "deadline exceeded";
      break;
    case Code::kResourceExhausted:
      name = "resource exhausted";
      break;
    case Code::kInternal:
      name = "internal";
      break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace fg
