// WordNet fixtures for verifier tests: writes a noun-only database in the wndb format (the
// other parts of speech empty) into a temporary directory and loads it.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "src/core/wordnet.h"
#include "tests/testing/temp_dir.h"

namespace fg::testing {

// The lexicon of `data_noun` and `index_noun` (wndb lines), or null after a test failure.
inline std::shared_ptr<const Lexicon> LoadNouns(const TempDir& dir, const char* data_noun,
                                                const char* index_noun) {
  dir.Write("data.noun", data_noun);
  dir.Write("index.noun", index_noun);
  for (const char* name : {"data.verb", "data.adj", "data.adv", "index.verb", "index.adj",
                           "index.adv", "noun.exc", "verb.exc", "adj.exc", "adv.exc"}) {
    dir.Write(name, "");
  }
  auto lexicon = Lexicon::Load(dir.path().string());
  EXPECT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  return lexicon.ok() ? *lexicon : nullptr;
}

}  // namespace fg::testing
