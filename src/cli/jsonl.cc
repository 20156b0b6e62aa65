#include "src/cli/jsonl.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fg::cli {

Status ForEachJsonLine(const std::string& path,
                       const std::function<std::string(const rapidjson::Value&, size_t)>& callback,
                       size_t* bad_lines) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound("no such file: " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read " + path);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    rapidjson::Document doc;
    doc.Parse(line.data(), line.size());
    std::string problem;
    if (doc.HasParseError()) {
      problem = "not valid JSON";
    } else if (!doc.IsObject()) {
      problem = "not a JSON object";
    } else {
      problem = callback(doc, number);
    }
    if (!problem.empty()) {
      std::fprintf(stderr, "%s:%zu: %s; line skipped\n", path.c_str(), number, problem.c_str());
      if (bad_lines != nullptr) ++*bad_lines;
    }
  }
  return Status::Ok();
}

std::string StringField(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace fg::cli
