// Small rapidjson helpers the dialects share (plugins/openai, plugins/anthropic, plugins/ollama).
//
// Contract: pure functions, no allocation beyond their results, never throw.
// - Member: the value of member `name` of `v`, or nullptr when `v` is not an object or has none.
// - StringOf: the string `v` points to, or "" when it is null or not a string.
// - Serialize: `v` as compact JSON, written by JsonWriter (src/core/report_json_writer.h), so
//   numbers and strings come out as everywhere else in factgate.
#pragma once

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace fg::plugins {

// What the dialects parse upstream JSON with (numbers keep their full precision).
inline constexpr unsigned kJsonParseFlags = rapidjson::kParseFullPrecisionFlag;

rapidjson::Value* Member(rapidjson::Value& v, const char* name);
std::string_view StringOf(const rapidjson::Value* v);
std::string Serialize(const rapidjson::Value& v);

}  // namespace fg::plugins
