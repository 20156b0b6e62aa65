// The Source conformance suite (STYLE.md): the contract of src/core/source.h checked the same way
// against every Source implementation. A test file includes this header, and instantiates the suite
// with the factories of its sources:
//
//   INSTANTIATE_TEST_SUITE_P(XapianKb, SourceConformanceTest,
//                            ::testing::Values(SourceFactory{"local", MakeLocalKb}));
//
// A factory builds a source that holds exactly the documents of ConformanceCorpus().
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "src/core/source.h"
#include "src/core/types.h"
#include "tests/testing/temp_dir.h"

namespace fg::testing {

inline const std::vector<Document>& ConformanceCorpus() {
  static const std::vector<Document> corpus = {
      {"everest", "Mount Everest",
       "Mount Everest is the highest mountain on Earth. It stands on the border of Nepal and "
       "Tibet.",
       "", "", ""},
      {"nile", "Nile", "The Nile is a river in Africa. It flows north into the Mediterranean Sea.",
       "", "", ""},
      {"lincoln", "Abraham Lincoln",
       "Abraham Lincoln was the 16th President of the United States. He was assassinated by John "
       "Wilkes Booth in 1865.",
       "", "", ""},
      {"paris", "Paris", "Paris is the capital and largest city of France.", "", "", ""},
      {"whale", "Blue whale", "The blue whale is the largest animal known to have lived.", "", "",
       ""},
      {"einstein", "Albert Einstein",
       "Albert Einstein was a physicist born in Germany. He developed the theory of relativity.",
       "", "", ""},
  };
  return corpus;
}

// A source for the suite that owns what the real one needs (servers, shards) and forwards every
// call to it: derive, keep the owned parts as members, and set `target` once the real source
// exists.
class ForwardingSource : public Source {
 public:
  std::string_view name() const override { return target->name(); }
  Result<std::vector<Passage>> Search(std::string_view claim, size_t k) const override {
    return target->Search(claim, k);
  }
  Result<std::vector<Passage>> SearchParts(std::string_view claim, size_t k,
                                           std::vector<std::string>* unavailable,
                                           Deadline deadline) const override {
    return target->SearchParts(claim, k, unavailable, deadline);
  }

 protected:
  const Source* target = nullptr;
};

struct SourceFactory {
  std::string name;
  // Builds the source over ConformanceCorpus(); files go into `dir`. Null when it cannot be built
  // here (the test is then skipped with `why`).
  std::function<std::unique_ptr<Source>(const TempDir& dir, std::string* why)> make;
};
inline std::string PrintToString(const SourceFactory& f) { return f.name; }

class SourceConformanceTest : public ::testing::TestWithParam<SourceFactory> {
 protected:
  void SetUp() override {
    std::string why;
    source_ = GetParam().make(dir_, &why);
    if (source_ == nullptr) GTEST_SKIP() << why;
  }
  // The corpus document a passage comes from: by id, or, for web sources, whose documents are
  // named by URL, by the URL's last path segment: the id, or the title as a wiki names its page
  // ("Mount_Everest").
  static bool IsDoc(const std::string& doc_id, const std::string& id) {
    if (doc_id == id || (doc_id.size() > id.size() && doc_id.ends_with("/" + id))) return true;
    for (const Document& d : ConformanceCorpus()) {
      if (d.id != id) continue;
      std::string page = d.title;
      std::replace(page.begin(), page.end(), ' ', '_');
      return doc_id.ends_with("/" + page);
    }
    return false;
  }
  const Document* Doc(const std::string& doc_id) const {
    for (const Document& d : ConformanceCorpus()) {
      if (IsDoc(doc_id, d.id)) return &d;
    }
    return nullptr;
  }
  TempDir dir_;
  std::unique_ptr<Source> source_;
};

// Ranks 0..n-1, at most k, best first, named after the source, exact slices of their documents.
TEST_P(SourceConformanceTest, PassagesKeepTheContract) {
  ASSERT_FALSE(source_->name().empty());
  for (const char* claim : {"Mount Everest is the highest mountain", "The Nile flows north",
                            "Lincoln was assassinated in 1865", "largest animal"}) {
    for (size_t k : {1u, 3u, 20u}) {
      auto found = source_->Search(claim, k);
      ASSERT_TRUE(found.ok()) << claim << ": " << found.status().ToString();
      EXPECT_LE(found->size(), k) << claim;
      for (size_t i = 0; i < found->size(); ++i) {
        const Passage& p = (*found)[i];
        EXPECT_EQ(p.rank, static_cast<int>(i)) << claim;
        EXPECT_EQ(p.source, source_->name()) << claim;
        if (i > 0) {
          EXPECT_LE(p.score, (*found)[i - 1].score) << claim;
        }
        const Document* doc = Doc(p.doc_id);
        ASSERT_NE(doc, nullptr) << "unknown document " << p.doc_id;
        ASSERT_LE(p.doc_offset + p.text.size(), doc->text.size()) << p.doc_id;
        EXPECT_EQ(doc->text.substr(p.doc_offset, p.text.size()), p.text) << p.doc_id;
        EXPECT_FALSE(p.text.empty());
      }
    }
  }
}

TEST_P(SourceConformanceTest, FindsTheDocumentThatStatesTheClaim) {
  struct Case {
    const char* claim;
    const char* doc;
  };
  for (Case c : {Case{"Mount Everest is the highest mountain on Earth", "everest"},
                 Case{"Paris is the capital of France", "paris"},
                 Case{"Einstein developed the theory of relativity", "einstein"}}) {
    auto found = source_->Search(c.claim, 5);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    ASSERT_FALSE(found->empty()) << c.claim;
    EXPECT_TRUE(IsDoc(found->front().doc_id, c.doc)) << c.claim << ": " << found->front().doc_id;
  }
}

TEST_P(SourceConformanceTest, NothingToFindIsNotAnError) {
  for (const char* claim : {"", "   ", "zyxwvut qwertyuiop", "!!!"}) {
    auto found = source_->Search(claim, 5);
    ASSERT_TRUE(found.ok()) << "'" << claim << "': " << found.status().ToString();
  }
  auto none = source_->Search("Mount Everest", 0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(SourceConformanceTest, HealthySourceReportsNoUnavailableParts) {
  std::vector<std::string> unavailable;
  auto found =
      source_->SearchParts("The blue whale is the largest animal", 5, &unavailable, std::nullopt);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(unavailable.empty());
  ASSERT_FALSE(found->empty());
  EXPECT_TRUE(IsDoc(found->front().doc_id, "whale")) << found->front().doc_id;
}

// Many threads at once get what one thread gets.
TEST_P(SourceConformanceTest, ConcurrentSearchesAgreeWithSequentialOnes) {
  std::vector<std::string> claims = {"Mount Everest border of Nepal", "Nile Mediterranean Sea",
                                     "16th President", "capital of France", "physicist Germany"};
  auto ids = [&](const std::string& claim) {
    std::vector<std::string> out;
    auto found = source_->Search(claim, 5);
    if (!found.ok()) return std::vector<std::string>{"error: " + found.status().ToString()};
    for (const Passage& p : *found) out.push_back(p.doc_id + "@" + std::to_string(p.doc_offset));
    return out;
  };
  std::vector<std::vector<std::string>> expected;
  for (const std::string& c : claims) expected.push_back(ids(c));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 25; ++round) {
        size_t i = (t + static_cast<size_t>(round)) % claims.size();
        if (ids(claims[i]) != expected[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace fg::testing
