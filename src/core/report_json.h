// JSON rendering of verdict reports and claim lists, in the shapes fixed by shared/DESIGN.md
// ("Verdict report"). Used by the CLI (`factgate verify`) and, later, the HTTP service.
#pragma once

#include <string>
#include <vector>

#include "src/core/types.h"

namespace fg {

struct JsonStyle {
  bool pretty = true;
};

// {"claims": [...], "summary": {...}} exactly as DESIGN.md shows it.
std::string ReportToJson(const Report& report, JsonStyle style = {});
// {"claims": [{"id", "text", "span", "kind"}]} — extraction only, no verdicts.
std::string ClaimsToJson(const std::vector<Claim>& claims, JsonStyle style = {});

}  // namespace fg
