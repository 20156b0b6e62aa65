#include "plugins/json_util.h"

#include <rapidjson/stringbuffer.h>

#include "src/core/report_json_writer.h"

namespace fg::plugins {

rapidjson::Value* Member(rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(name);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::string_view StringOf(const rapidjson::Value* v) {
  return v != nullptr && v->IsString() ? std::string_view(v->GetString(), v->GetStringLength())
                                       : std::string_view();
}

std::string Serialize(const rapidjson::Value& v) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  v.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace fg::plugins
