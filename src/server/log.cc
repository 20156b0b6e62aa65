#include "src/server/log.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <ostream>
#include <random>
#include <thread>

namespace fg::server {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF included).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return n;
}

// RapidJSON's writer copies bytes through unchecked; a log line must stay valid JSON whatever an
// upstream or a client sent, so invalid sequences become U+FFFD first.
void WriteString(rapidjson::Writer<rapidjson::StringBuffer>& w, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) break;
    i += n;
  }
  if (i == s.size()) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    return;
  }
  std::string clean(s.substr(0, i));
  while (i < s.size()) {
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      clean += "\xEF\xBF\xBD";
      ++i;
    } else {
      clean.append(s.substr(i, n));
      i += n;
    }
  }
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void WriteValue(rapidjson::Writer<rapidjson::StringBuffer>& w, const LogField::Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    WriteString(w, *s);
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    w.Int64(*i);
  } else if (const auto* u = std::get_if<uint64_t>(&value)) {
    w.Uint64(*u);
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (std::isfinite(*d)) {
      w.Double(*d);
    } else {
      w.Null();
    }
  } else {
    w.Bool(std::get<bool>(value));
  }
}

void WriteToStderr(std::string_view line) {
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

Result<LogLevel> ParseLogLevel(std::string_view name) {
  if (name == "debug") return LogLevel::kDebug;
  if (name == "info") return LogLevel::kInfo;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "error") return LogLevel::kError;
  return Status::InvalidArgument("log level must be one of debug, info, warn, error; got \"" +
                                 std::string(name) + "\"");
}

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

Logger::Logger(LogLevel level) : Logger(&WriteToStderr, level) {}

Logger::Logger(Sink sink, LogLevel level, Clock clock)
    : level_(level), clock_(std::move(clock)), sink_(std::move(sink)) {}

Logger::Sink Logger::StreamSink(std::ostream& out) {
  return [&out](std::string_view line) {
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    out.flush();
  };
}

Logger& Logger::Default() {
  static Logger* logger = new Logger(LogLevel::kInfo);  // never destroyed: usable during exit
  return *logger;
}

void Logger::SetSink(Sink sink) {
  std::lock_guard<std::mutex> lock(sink_mu_);
  sink_ = std::move(sink);
}

void Logger::Write(LogLevel level, std::string_view msg, const LogField* fields, size_t count) {
  if (!Enabled(level)) return;
  std::string line = FormatLine(level, msg, fields, count);
  std::lock_guard<std::mutex> lock(sink_mu_);
  if (sink_) sink_(line);
}

std::string Logger::FormatLine(LogLevel level, std::string_view msg, const LogField* fields,
                               size_t count) const {
  const auto now = clock_ ? clock_() : std::chrono::system_clock::now();
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("ts");
  const std::string ts = FormatRfc3339Millis(now);
  w.String(ts.data(), static_cast<rapidjson::SizeType>(ts.size()));
  w.Key("level");
  const std::string_view level_name = LogLevelName(level);
  w.String(level_name.data(), static_cast<rapidjson::SizeType>(level_name.size()));
  w.Key("msg");
  WriteString(w, msg);
  for (size_t i = 0; i < count; ++i) {
    WriteString(w, fields[i].key);
    WriteValue(w, fields[i].value);
  }
  w.EndObject();
  std::string line(buffer.GetString(), buffer.GetSize());
  line += '\n';
  return line;
}

std::string FormatRfc3339Millis(std::chrono::system_clock::time_point t) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto since_epoch = duration_cast<milliseconds>(t.time_since_epoch()).count();
  // Floor division, so instants before 1970 still get a millisecond part in 0..999.
  long long secs = since_epoch / 1000;
  long long millis = since_epoch % 1000;
  if (millis < 0) {
    millis += 1000;
    secs -= 1;
  }
  const std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char out[80];  // room for any int fields, so the compiler can see nothing is cut
  std::snprintf(out, sizeof(out), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis));
  return out;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device rd;
    std::seed_seq seq{
        rd(),
        rd(),
        rd(),
        rd(),
        static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())),
        static_cast<unsigned>(std::chrono::steady_clock::now().time_since_epoch().count())};
    return std::mt19937_64(seq);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  uint64_t v = rng();
  std::string id(16, '0');
  for (int i = 15; i >= 0; --i) {
    id[i] = kHex[v & 0xF];
    v >>= 4;
  }
  return id;
}

}  // namespace fg::server
