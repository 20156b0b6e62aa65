// A small command-line flag parser for the factgate subcommands.
//
// Flags are declared up front: value flags ("--kb DIR" or "--kb=DIR", may repeat) and switches
// ("--compact"). Anything not starting with "--" is positional; a lone "-" is positional (stdin);
// "--" ends flag parsing. Unknown flags and missing values are errors, never ignored.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "src/core/status.h"

namespace fg::cli {

class Args {
 public:
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::set<std::string>& value_flags,
                            const std::set<std::string>& switches);

  bool Has(const std::string& flag) const { return values_.count(flag) > 0; }
  // The last value given for a flag, or `fallback`.
  std::string Get(const std::string& flag, const std::string& fallback = "") const;
  const std::vector<std::string>& All(const std::string& flag) const;
  // A non-negative integer flag; InvalidArgument names the flag when the value is not one.
  Result<long long> GetInt(const std::string& flag, long long fallback) const;
  Result<double> GetDouble(const std::string& flag, double fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace fg::cli
