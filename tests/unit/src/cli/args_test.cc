#include "src/cli/args.h"

#include <gtest/gtest.h>

namespace fg::cli {
namespace {

TEST(ArgsTest, ParsesValuesSwitchesAndPositionals) {
  auto args =
      Args::Parse({"--kb", "a", "--kb=b", "file.txt", "--compact", "-"}, {"--kb"}, {"--compact"});
  ASSERT_TRUE(args.ok()) << args.status().ToString();
  EXPECT_EQ(args->All("--kb"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(args->Get("--kb"), "b");
  EXPECT_TRUE(args->Has("--compact"));
  EXPECT_EQ(args->positional(), (std::vector<std::string>{"file.txt", "-"}));
}

TEST(ArgsTest, RejectsUnknownFlagsAndMissingValues) {
  EXPECT_EQ(Args::Parse({"--nope"}, {"--kb"}, {}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(Args::Parse({"--kb"}, {"--kb"}, {}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(Args::Parse({"--compact=1"}, {}, {"--compact"}).ok());
}

TEST(ArgsTest, DoubleDashEndsFlags) {
  auto args = Args::Parse({"--", "--kb"}, {"--kb"}, {});
  ASSERT_TRUE(args.ok());
  EXPECT_EQ(args->positional(), std::vector<std::string>{"--kb"});
}

TEST(ArgsTest, NumbersAreChecked) {
  auto args = Args::Parse({"--limit", "12x", "--rate", "0.5"}, {"--limit", "--rate"}, {});
  ASSERT_TRUE(args.ok());
  EXPECT_FALSE(args->GetInt("--limit", 0).ok());
  EXPECT_EQ(*args->GetInt("--other", 7), 7);
  EXPECT_DOUBLE_EQ(*args->GetDouble("--rate", 0), 0.5);
}

}  // namespace
}  // namespace fg::cli
