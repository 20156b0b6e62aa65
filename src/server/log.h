// Structured logs for the server: one JSON object per line.
//
// Each line is {"ts": RFC 3339 UTC with milliseconds, "level", "msg", then the caller's fields in
// the order given}, e.g.
//   {"ts":"2024-05-01T12:34:56.789Z","level":"info","msg":"request","route":"/v1/verify","status":200}
// Fields are strings, integers, doubles or booleans; a non-finite double is written as null and
// invalid UTF-8 in strings is replaced by U+FFFD, so every line is valid JSON. Callers must not use
// the keys "ts", "level" or "msg" for their own fields.
//
// Thread-safety: all Logger methods may be called from any thread. Lines below the level
// threshold cost one atomic load; a line is built outside any lock and handed to the sink in one
// call, with calls serialized, so lines never interleave. A sink must not log to the same Logger.
#pragma once

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "src/core/status.h"

namespace fg::server {

enum class LogLevel {
  kDebug,  // detail for developers: per-stage timings, upstream exchanges
  kInfo,   // one line per request, start-up and shutdown
  kWarn,   // something degraded but the request was served (fail-open, retries)
  kError,  // a request or the service failed
};

// "debug" | "info" | "warn" | "error"; anything else is InvalidArgument.
Result<LogLevel> ParseLogLevel(std::string_view name);
std::string_view LogLevelName(LogLevel level);

// One caller field: a key and a string, integer, double or boolean value. Owns its data, so a
// field built from a temporary string stays valid.
struct LogField {
  using Value = std::variant<std::string, int64_t, uint64_t, double, bool>;

  LogField(std::string k, const char* v) : key(std::move(k)), value(std::string(v ? v : "")) {}
  LogField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  LogField(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  LogField(std::string k, bool v) : key(std::move(k)), value(v) {}
  template <std::signed_integral T>
  LogField(std::string k, T v) : key(std::move(k)), value(static_cast<int64_t>(v)) {}
  template <std::unsigned_integral T>
  requires(!std::same_as<T, bool>) LogField(std::string k, T v)
      : key(std::move(k)), value(static_cast<uint64_t>(v)) {}
  template <std::floating_point T>
  LogField(std::string k, T v) : key(std::move(k)), value(static_cast<double>(v)) {}

  std::string key;
  Value value;
};

class Logger {
 public:
  // Receives one complete line, ending in '\n'.
  using Sink = std::function<void(std::string_view line)>;
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // Writes to stderr (one fwrite per line).
  explicit Logger(LogLevel level = LogLevel::kInfo);
  // Writes to `sink`; `clock` (default: the system clock) stamps "ts", for tests.
  Logger(Sink sink, LogLevel level, Clock clock = nullptr);
  // A sink that writes each line to `out` and flushes it; `out` must outlive the Logger.
  static Sink StreamSink(std::ostream& out);

  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  // The process-wide logger (stderr, info until set_level); for code with no Logger at hand.
  static Logger& Default();

  void set_level(LogLevel level) { level_.store(level, std::memory_order_relaxed); }
  LogLevel level() const { return level_.load(std::memory_order_relaxed); }
  bool Enabled(LogLevel level) const { return level >= this->level(); }
  // Replaces the sink; lines already handed to the old sink are complete.
  void SetSink(Sink sink);

  // Each takes the fields as a braced list, {{"status", 200}, ...}, or as a vector built up by the
  // caller.
  void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {}) {
    Write(level, msg, fields.begin(), fields.size());
  }
  void Log(LogLevel level, std::string_view msg, const std::vector<LogField>& fields) {
    Write(level, msg, fields.data(), fields.size());
  }
  void Debug(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kDebug, msg, fields);
  }
  void Debug(std::string_view msg, const std::vector<LogField>& fields) {
    Log(LogLevel::kDebug, msg, fields);
  }
  void Info(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kInfo, msg, fields);
  }
  void Info(std::string_view msg, const std::vector<LogField>& fields) {
    Log(LogLevel::kInfo, msg, fields);
  }
  void Warn(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kWarn, msg, fields);
  }
  void Warn(std::string_view msg, const std::vector<LogField>& fields) {
    Log(LogLevel::kWarn, msg, fields);
  }
  void Error(std::string_view msg, std::initializer_list<LogField> fields = {}) {
    Log(LogLevel::kError, msg, fields);
  }
  void Error(std::string_view msg, const std::vector<LogField>& fields) {
    Log(LogLevel::kError, msg, fields);
  }

  // The line Log would write (ending in '\n'), without the level check; exposed for tests.
  std::string FormatLine(LogLevel level, std::string_view msg, const LogField* fields,
                         size_t count) const;

 private:
  void Write(LogLevel level, std::string_view msg, const LogField* fields, size_t count);

  std::atomic<LogLevel> level_;
  Clock clock_;
  std::mutex sink_mu_;
  Sink sink_;
};

// "2024-05-01T12:34:56.789Z": RFC 3339, UTC, milliseconds.
std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t);

// 16 lower-case hex characters from a per-thread random generator; thread-safe.
std::string NewRequestId();

}  // namespace fg::server
