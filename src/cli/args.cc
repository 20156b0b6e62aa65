#include "src/cli/args.h"

#include <charconv>
#include <stdexcept>

namespace fg::cli {

Result<Args> Args::Parse(const std::vector<std::string>& argv,
                         const std::set<std::string>& value_flags,
                         const std::set<std::string>& switches) {
  Args args;
  bool flags_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (flags_done || a.size() < 2 || a.rfind("--", 0) != 0) {
      args.positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      flags_done = true;
      continue;
    }
    std::string name = a;
    std::string value;
    bool has_inline_value = false;
    if (size_t eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      has_inline_value = true;
    }
    if (switches.count(name)) {
      if (has_inline_value) return Status::InvalidArgument(name + " takes no value");
      args.values_[name].push_back("true");
    } else if (value_flags.count(name)) {
      if (!has_inline_value) {
        if (i + 1 >= argv.size()) return Status::InvalidArgument(name + " needs a value");
        value = argv[++i];
      }
      args.values_[name].push_back(value);
    } else {
      return Status::InvalidArgument("unknown option " + name + " (see --help)");
    }
  }
  return args;
}

std::string Args::Get(const std::string& flag, const std::string& fallback) const {
  auto it = values_.find(flag);
  return it == values_.end() ? fallback : it->second.back();
}

const std::vector<std::string>& Args::All(const std::string& flag) const {
  static const std::vector<std::string> kEmpty;
  auto it = values_.find(flag);
  return it == values_.end() ? kEmpty : it->second;
}

Result<long long> Args::GetInt(const std::string& flag, long long fallback) const {
  if (!Has(flag)) return fallback;
  std::string v = Get(flag);
  long long out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size() || out < 0) {
    return Status::InvalidArgument(flag + " needs a non-negative whole number, got '" + v + "'");
  }
  return out;
}

Result<double> Args::GetDouble(const std::string& flag, double fallback) const {
  if (!Has(flag)) return fallback;
  std::string v = Get(flag);
  try {
    size_t used = 0;
    double out = std::stod(v, &used);
    if (used != v.size()) throw std::invalid_argument(v);
    return out;
  } catch (const std::exception&) {
    return Status::InvalidArgument(flag + " needs a number, got '" + v + "'");
  }
}

}  // namespace fg::cli
