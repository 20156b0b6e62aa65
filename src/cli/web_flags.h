// The web-evidence flags shared by `factgate verify` and `factgate audit` (src/engine/engine.h,
// WebOptions): their names for Args::Parse, their --help text, and reading them.
#pragma once

#include <set>
#include <string>

#include "src/cli/args.h"
#include "src/core/status.h"
#include "src/engine/engine.h"

namespace fg::cli {

// Adds the value flags and switches to the sets given to Args::Parse.
void AddWebFlags(std::set<std::string>* value_flags, std::set<std::string>* switches);

// The lines of --help that describe them.
extern const char* const kWebFlagsHelp;

// kInvalidArgument names the flag that is wrong.
Status ReadWebFlags(const Args& args, WebOptions* web);

}  // namespace fg::cli
