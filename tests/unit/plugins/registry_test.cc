#include "plugins/registry.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace fg::plugins {
namespace {

TEST(RegistryTest, EveryDialectOnceWithRoutes) {
  std::set<std::string> names;
  std::set<std::string> routes;
  for (const auto& dialect : AllDialects()) {
    EXPECT_TRUE(names.insert(std::string(dialect->name())).second) << dialect->name();
    EXPECT_FALSE(dialect->routes().empty()) << dialect->name();
    for (const DialectRoute& r : dialect->routes()) {
      // A route two dialects share needs a marker header on one of them.
      if (!routes.insert(r.method + " " + r.path).second) {
        EXPECT_FALSE(dialect->marker_header().empty()) << r.path;
      }
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"openai", "anthropic", "ollama"}));
}

}  // namespace
}  // namespace fg::plugins
