#include "sources/default_kb.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "tests/testing/temp_dir.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

// dictd's base64 number encoding, for writing fixture indexes.
std::string EncodeDictNumber(uint64_t value) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value % 64]);
    value /= 64;
  } while (value > 0);
  return out;
}

class DefaultKbTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) { temp_.Write(name, text); }

  // Writes gcide.dict.dz (gzip) and gcide.index for `entries` (headword, text); extra index lines
  // (headword -> entry number) name an entry under a second headword.
  void WriteGcide(const std::vector<std::pair<std::string, std::string>>& entries,
                  const std::vector<std::pair<std::string, size_t>>& aliases) {
    std::string data;
    std::string index;
    std::vector<std::pair<size_t, size_t>> spans;
    for (const auto& [headword, text] : entries) {
      spans.emplace_back(data.size(), text.size());
      index += headword + "\t" + EncodeDictNumber(data.size()) + "\t" +
               EncodeDictNumber(text.size()) + "\n";
      data += text;
    }
    for (const auto& [headword, entry] : aliases) {
      index += headword + "\t" + EncodeDictNumber(spans[entry].first) + "\t" +
               EncodeDictNumber(spans[entry].second) + "\n";
    }
    Write("gcide.index", index);
    gzFile out = gzopen((dir_ / "gcide.dict.dz").c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(gzwrite(out, data.data(), static_cast<unsigned>(data.size())),
              static_cast<int>(data.size()));
    gzclose(out);
  }

  fg::testing::TempDir temp_;
  fs::path dir_ = temp_.path();
};

TEST(WordNetDocumentTextTest, KeepsDefinitionAndDropsExamples) {
  struct Case {
    const char* title;
    const char* gloss;
    const char* text;
  };
  const Case cases[] = {
      {"Lincoln, Abraham Lincoln",
       "16th President of the United States; was assassinated by Booth (1809-1865)",
       "Lincoln, Abraham Lincoln: 16th President of the United States; was assassinated by Booth "
       "(1809-1865)."},
      {"able", "having the necessary means or skill; \"able to swim\"; \"she was able to go\"",
       "able: having the necessary means or skill."},
      {"dog", "a domesticated canid.", "dog: a domesticated canid."},
      {"hello", "\"hello, how are you?\"", "hello."},
      {"empty", "", "empty."},
  };
  for (const Case& c : cases) EXPECT_EQ(WordNetDocumentText(c.title, c.gloss), c.text) << c.title;
}

TEST_F(DefaultKbTest, MakesOneDocumentPerSynset) {
  Write("data.noun",
        "  1 license header\n"
        "11132462 18 n 02 Lincoln 0 Abraham_Lincoln 0 001 @i 10467395 n 0000 | 16th President of "
        "the United States; was assassinated by Booth (1809-1865)  \n"
        "11132500 18 n 01 dog 0 000 | a domesticated canid; \"the dog barked\"\n");
  Write("data.verb", "00001740 29 v 01 breathe 0 000 01 + 02 00 | draw air into the lungs\n");
  Write("data.adj", "00001740 00 a 01 able 0 000 | having means\n");
  Write("data.adv", "00001837 02 r 01 barely 0 000 | by a small margin\n");
  std::vector<Document> docs;
  Status status = ForEachWordNetDocument(dir_.string(), [&](Document&& d) { docs.push_back(d); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(docs.size(), 5u);
  EXPECT_EQ(docs[0].id, "wn:n11132462");
  EXPECT_EQ(docs[0].title, "Lincoln, Abraham Lincoln");
  EXPECT_EQ(docs[0].text,
            "Lincoln, Abraham Lincoln: 16th President of the United States; was assassinated by "
            "Booth (1809-1865).");
  EXPECT_EQ(docs[0].source, "wordnet");
  EXPECT_TRUE(docs[0].url.empty());
  EXPECT_EQ(docs[1].text, "dog: a domesticated canid.");
  EXPECT_EQ(docs[2].id, "wn:v00001740");
  EXPECT_EQ(docs[2].text, "breathe: draw air into the lungs.");
  EXPECT_EQ(docs[3].id, "wn:a00001740");
  EXPECT_EQ(docs[3].text, "able: having means.");
  EXPECT_EQ(docs[4].id, "wn:r00001837");

  EXPECT_EQ(ForEachWordNetDocument((dir_ / "none").string(), [](Document&&) {}).code(),
            Status::Code::kNotFound);
}

TEST(CleanGcideEntryTest, MakesReadableText) {
  struct Case {
    const char* raw;
    const char* headword;
    const char* text;
  };
  const Case cases[] = {
      {"Whale \\Whale\\, n. [OE. whal, AS. hw[ae]l; akin to D. walvisch.] (Zool.)\n"
       "   Any aquatic mammal of the order {Cetacea}, especially any one\n"
       "   of the large species.\n"
       "   [1913 Webster]\n",
       "Whale",
       "Whale, n. (Zool.) Any aquatic mammal of the order Cetacea, especially any one of "
       "the large species."},
      {"Abate \\A*bate\"\\ ([.a]*b[=a]t\"), v. t. [imp. & p. p. {Abated}.]\n"
       "   1. To beat down; to overthrow. [Obs.]\n"
       "      [1913 Webster]\n"
       "\n"
       "            The King of Scots . . . sore abated the walls.\n"
       "                                                  --Edw. Hall.\n"
       "      [1913 Webster]\n"
       "\n"
       "   2. To bring down; -- said of walls. --Shak.\n"
       "      [1913 Webster]\n"
       "\n"
       "   Syn: To subside; decrease.\n",
       "Abate",
       "Abate, v. t. 1. To beat down; to overthrow.\n2. To bring down; -- said of walls.\n"
       "Syn: To subside; decrease."},
      {"\n      A motto of the letter.   --Locke.\n"
       "Caf['e] \\Caf`['e]\\, n.\n   A coffee house; a na[i^]ve place [R.].\n",
       "Cafe", "Cafe, n. A coffee house; a naive place."},
      // Regression: a run-on entry's marks ("{Ag*gres\"sive*ly}") left the word "Ag", and "The
      // chemical symbol for gold is Ag" was supported at 0.70 citing it.
      {"Aggressive \\Ag*gres\"sive\\, a.\n   Tending to aggress.\n"
       "   -- {Ag*gres\"sive*ly}, adv. -- {Ag*gres\"sive*ness}, n.\n",
       "Aggressive",
       "Aggressive, a. Tending to aggress. -- Aggressively, adv. -- Aggressiveness, n."},
  };
  for (const Case& c : cases) {
    std::string headword = "unchanged";
    EXPECT_EQ(CleanGcideEntry(c.raw, &headword), c.text);
    EXPECT_EQ(headword, c.headword);
  }
  std::string headword = "kept";
  EXPECT_EQ(CleanGcideEntry("   no headword line here\n", &headword), "no headword line here");
  EXPECT_EQ(headword, "kept");
}

TEST_F(DefaultKbTest, MakesOneDocumentPerGcideEntry) {
  WriteGcide({{"00-database-short", "00-database-short\n   The dictionary\n"},
              {"Abate", "Abate \\A*bate\"\\, v. t.\n   To beat down.\n   [1913 Webster]\n\n"},
              {"Abate", "Abate \\A*bate\"\\, v. i.\n   To decrease.\n   [1913 Webster]\n\n"},
              {"Whale", "Whale \\Whale\\, n.\n   Any aquatic mammal.\n   [1913 Webster]\n\n"}},
             {{"Whales", 3}});
  std::vector<Document> docs;
  Status status = ForEachGcideDocument(dir_.string(), [&](Document&& d) { docs.push_back(d); });
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(docs.size(), 3u);
  EXPECT_EQ(docs[0].id, "gcide:Abate:1");
  EXPECT_EQ(docs[0].text, "Abate, v. t. To beat down.");
  EXPECT_EQ(docs[1].id, "gcide:Abate:2");
  EXPECT_EQ(docs[1].text, "Abate, v. i. To decrease.");
  EXPECT_EQ(docs[2].id, "gcide:Whale:1");
  EXPECT_EQ(docs[2].title, "Whale");
  EXPECT_EQ(docs[2].text, "Whale, n. Any aquatic mammal.");
  EXPECT_EQ(docs[2].source, "gcide");
}

TEST_F(DefaultKbTest, ReportsMissingOrMalformedGcideFiles) {
  EXPECT_EQ(ForEachGcideDocument(dir_.string(), [](Document&&) {}).code(), Status::Code::kNotFound);
  Write("gcide.index", "Whale\tA\tK\n");
  EXPECT_EQ(ForEachGcideDocument(dir_.string(), [](Document&&) {}).code(),
            Status::Code::kNotFound);  // no gcide.dict.dz
  Write("gcide.index", "Whale\tA!\tK\n");
  EXPECT_EQ(ForEachGcideDocument(dir_.string(), [](Document&&) {}).code(),
            Status::Code::kInvalidArgument);
}

TEST(DefaultKbRealDataTest, BuildsWordNetDocuments) {
  if (!fs::exists(fs::path(kDefaultWordNetDir) / "data.noun")) {
    GTEST_SKIP() << "WordNet is not installed in " << kDefaultWordNetDir
                 << " (Debian package wordnet-base)";
  }
  std::unordered_set<std::string> ids;
  size_t duplicates = 0;
  std::string lincoln;
  Status status = ForEachWordNetDocument(kDefaultWordNetDir, [&](Document&& d) {
    if (!ids.insert(d.id).second) ++duplicates;
    if (d.id == "wn:n11132462") lincoln = d.text;
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_GT(ids.size(), 80000u);
  EXPECT_EQ(duplicates, 0u);
  EXPECT_NE(lincoln.find("assassinated by Booth"), std::string::npos) << lincoln;
  EXPECT_TRUE(lincoln.starts_with("Lincoln, Abraham Lincoln")) << lincoln;
}

TEST(DefaultKbRealDataTest, BuildsGcideDocuments) {
  if (!fs::exists(fs::path(kDefaultGcideDir) / "gcide.index")) {
    GTEST_SKIP() << "GCIDE is not installed in " << kDefaultGcideDir
                 << " (Debian package dict-gcide)";
  }
  std::unordered_set<std::string> ids;
  size_t duplicates = 0;
  std::string whale;
  Status status = ForEachGcideDocument(kDefaultGcideDir, [&](Document&& d) {
    if (!ids.insert(d.id).second) ++duplicates;
    if (d.id == "gcide:Whale:1") whale = d.text;
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_GT(ids.size(), 100000u);
  EXPECT_EQ(duplicates, 0u);
  EXPECT_NE(whale.find("aquatic mammal of the order Cetacea"), std::string::npos) << whale;
  EXPECT_EQ(whale.find("[1913 Webster]"), std::string::npos) << whale;
}

}  // namespace
}  // namespace fg
