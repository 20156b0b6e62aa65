#include "sources/xapian_kb.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "src/core/alignment.h"
#include "src/core/segmenter.h"

namespace fg {
namespace {

namespace fs = std::filesystem;

std::vector<Document> Corpus() {
  return {
      {"lincoln", "Abraham Lincoln",
       "Abraham Lincoln was the 16th president of the United States. He was born in 1809 in "
       "Kentucky. Lincoln was assassinated by John Wilkes Booth in 1865.",
       "https://example.org/lincoln", "2020-01-01", "test"},
      {"whale", "Whale",
       "Whales are large marine mammals. The blue whale is the largest animal known to have "
       "existed. Whales breathe air through blowholes.",
       "", "", "test"},
      {"paris", "Paris",
       "Paris is the capital and most populous city of France. The Eiffel Tower was completed "
       "in 1889.",
       "", "", "test"},
      {"everest", "Mount Everest",
       "Mount Everest is Earth's highest mountain above sea level. Its elevation is 8,849 metres. "
       "It lies in the Himalayas.",
       "", "", "test"},
      {"python", "Python",
       "Python is a programming language created by Guido van Rossum. It was first released in "
       "1991.",
       "", "", "test"},
  };
}

class XapianKbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "fg_kb_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    root_ = tmpl;
    dir_ = (root_ / "kb").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  void Index(const std::vector<Document>& docs, const std::string& dir,
             KbWriterOptions options = {}) {
    Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir, options);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (const Document& d : docs) ASSERT_TRUE((*writer)->Add(d).ok()) << d.id;
    ASSERT_TRUE((*writer)->Commit().ok());
  }

  std::unique_ptr<XapianKb> OpenKb(std::vector<std::string> paths = {}) {
    if (paths.empty()) paths = {dir_};
    Result<std::unique_ptr<XapianKb>> kb = XapianKb::Open(paths);
    EXPECT_TRUE(kb.ok()) << kb.status().ToString();
    return kb.ok() ? std::move(kb.value()) : nullptr;
  }

  // The doc_id of the best passage for `claim`, or "" when nothing matches.
  static std::string Top(const XapianKb& kb, std::string_view claim) {
    Result<std::vector<Passage>> r = kb.Search(claim, 5);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && !r->empty() ? r->front().doc_id : "";
  }

  fs::path root_;
  std::string dir_;
};

TEST_F(XapianKbTest, SearchFindsTheRightPassageFirst) {
  Index(Corpus(), dir_, {.passages = {.max_bytes = 80}});
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(kb->name(), "kb");

  struct Case {
    std::string claim;
    std::string doc_id;
    std::string passage_part;
  };
  const std::vector<Case> cases = {
      {"Lincoln was assassinated by John Wilkes Booth.", "lincoln", "assassinated"},
      {"Abraham Lincoln was born in 1809.", "lincoln", "1809"},
      {"The blue whale is the largest animal.", "whale", "largest animal"},
      {"The Eiffel Tower was completed in 1889.", "paris", "Eiffel"},
      {"Mount Everest is 8,849 metres high.", "everest", "8,849"},
      {"Guido van Rossum created Python.", "python", "Rossum"},
  };
  const std::vector<Document> corpus = Corpus();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.claim);
    Result<std::vector<Passage>> r = kb->Search(c.claim, 3);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_FALSE(r->empty());
    const Passage& top = r->front();
    EXPECT_EQ(top.doc_id, c.doc_id);
    EXPECT_NE(top.text.find(c.passage_part), std::string::npos) << top.text;
    EXPECT_EQ(top.source, "kb");
    EXPECT_EQ(top.rank, 0);
    EXPECT_GT(top.score, 0);
    // The passage is the exact slice of its document at doc_offset.
    for (const Document& d : corpus) {
      if (d.id == top.doc_id) {
        EXPECT_EQ(d.text.substr(top.doc_offset, top.text.size()), top.text);
      }
    }
    for (size_t i = 1; i < r->size(); ++i) {
      EXPECT_EQ((*r)[i].rank, static_cast<int>(i));
      EXPECT_LE((*r)[i].score, (*r)[i - 1].score);
    }
  }
  EXPECT_TRUE(kb->Search("the of and", 5)->empty());
  EXPECT_TRUE(kb->Search("zyzzyva quokka", 5)->empty());
  EXPECT_TRUE(kb->Search("Lincoln", 0)->empty());
}

// Text from web pages writes a formula's subscript apart ("CO 2") or as a subscript character;
// a claim writing "CO2" finds both, and the passage keeps the document's own bytes.
TEST_F(XapianKbTest, FormulasMatchHoweverTheSubscriptIsWritten) {
  Index({{"co2", "Carbon dioxide in Earth's atmosphere",
          "CO 2 absorbs and emits infrared radiation.", "", "", "test"},
         {"ch4", "Methane", "CH\xE2\x82\x84 is a potent greenhouse gas.", "", "", "test"},
         {"co", "Cobalt", "Co 2 was a label on the sample jar.", "", "", "test"}},
        dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "CO2 absorbs infrared"), "co2");
  EXPECT_EQ(Top(*kb, "CH4 is a greenhouse gas"), "ch4");
  Result<std::vector<Passage>> r = kb->Search("CO2", 5);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().text, "CO 2 absorbs and emits infrared radiation.");
}

// Regression: a claim that drops the accents ("Larrain") found nothing of "Ricardo Larra\u00edn"
// (the existence expert then called the director unknown). Accented words are indexed once more
// without their accents, and the query adds that spelling for a claim's accented word.
TEST_F(XapianKbTest, WordsMatchWithOrWithoutTheirAccents) {
  Index({{"larrain", "Ricardo Larra\xC3\xADn", "Larra\xC3\xADn directed La Frontera in 1991.", "",
          "", "test"},
         {"dvorak", "Anton\xC3\xADn Dvo\xC5\x99\xC3\xA1k", "He composed the New World Symphony.",
          "", "", "test"},
         {"pele", "Pele", "Pele was a Brazilian footballer.", "", "", "test"},
         {"other", "Chilean cinema", "Directors of Chile made films in 1991.", "", "", "test"}},
        dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "Larrain"), "larrain");
  EXPECT_EQ(Top(*kb, "Larra\xC3\xADn"), "larrain");
  EXPECT_EQ(Top(*kb, "Dvorak composed a symphony"), "dvorak");
  EXPECT_EQ(Top(*kb, "Antonin Dvorak"), "dvorak");
  // And a claim that keeps the accents finds text written without them.
  EXPECT_EQ(Top(*kb, "Pel\xC3\xA9"), "pele");
  Result<std::vector<Passage>> r = kb->Search("Larrain", 5);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->front().title, "Ricardo Larra\xC3\xADn");
  EXPECT_EQ(r->front().text, "Larra\xC3\xADn directed La Frontera in 1991.");
  // A word without accents is indexed once, as before.
  EXPECT_EQ(Top(*kb, "Larraxn"), "");
}

TEST_F(XapianKbTest, ReAddingAnIdReplacesAllItsPassages) {
  Index(Corpus(), dir_, {.passages = {.max_bytes = 0}});
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  Result<KbStats> before = kb->Stats();
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->documents, 5u);

  Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_, {.passages = {.max_bytes = 0}});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)
                  ->Add({"whale", "Whale", "Whales are cetaceans. They sing songs.", "", "", ""})
                  .ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*writer)->counts().documents_replaced, 1u);
  EXPECT_EQ((*writer)->counts().passages_removed, 3u);
  EXPECT_EQ((*writer)->counts().passages_added, 2u);

  Result<KbStats> after = kb->Stats();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->documents, 5u);
  EXPECT_EQ(after->passages, before->passages - 1);
  EXPECT_EQ(Top(*kb, "blowholes"), "");
  Result<std::vector<Passage>> songs = kb->Search("Whales sing songs", 10);
  ASSERT_TRUE(songs.ok());
  size_t whale_hits = 0;
  for (const Passage& p : *songs) whale_hits += p.doc_id == "whale";
  EXPECT_EQ(whale_hits, 2u);  // the two new passages, no leftovers of the old text

  Result<KbDocument> doc = kb->Get("whale");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->passages.size(), 2u);
  EXPECT_EQ(doc->passages[0].text, "Whales are cetaceans.");
  EXPECT_EQ(doc->passages[1].text, "They sing songs.");
  EXPECT_EQ(doc->passages[1].doc_offset, 22u);
  EXPECT_EQ(kb->Get("nope").status().code(), Status::Code::kNotFound);
}

TEST_F(XapianKbTest, DeleteRemovesDocument) {
  Index(Corpus(), dir_);
  Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
  ASSERT_TRUE(writer.ok());
  EXPECT_TRUE((*writer)->Delete("lincoln").ok());
  EXPECT_EQ((*writer)->Delete("lincoln").code(), Status::Code::kNotFound);  // already gone
  EXPECT_EQ((*writer)->Delete("missing").code(), Status::Code::kNotFound);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*writer)->counts().documents_deleted, 1u);
  writer->reset();

  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "Lincoln was assassinated by Booth"), "");
  EXPECT_EQ(kb->Stats()->documents, 4u);
  EXPECT_EQ(kb->Get("lincoln").status().code(), Status::Code::kNotFound);
}

TEST_F(XapianKbTest, WriterDestroyedWithoutCommitChangesNothing) {
  Index(Corpus(), dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  KbStats before = *kb->Stats();
  {
    Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE(
        (*writer)->Add({"new", "New", "Quokkas live on Rottnest Island.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Add({"paris", "Paris", "Replaced text about Lyon.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Delete("whale").ok());
    // Not committed: the open reader must not see any of it, now or after the writer is gone.
    EXPECT_EQ(Top(*kb, "Quokkas on Rottnest"), "");
  }
  KbStats after = *kb->Stats();
  EXPECT_EQ(after.documents, before.documents);
  EXPECT_EQ(after.passages, before.passages);
  EXPECT_EQ(Top(*kb, "Quokkas on Rottnest"), "");
  EXPECT_EQ(Top(*kb, "The Eiffel Tower"), "paris");
  EXPECT_EQ(Top(*kb, "blue whale"), "whale");
}

TEST_F(XapianKbTest, CommitsBecomeVisibleToAnOpenKb) {
  Index(Corpus(), dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "Quokkas on Rottnest"), "");
  Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
  ASSERT_TRUE(writer.ok());
  // Several commits, so that an old revision the reader holds gets overwritten.
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE((*writer)
                    ->Add({"q" + std::to_string(i), "Quokka", "Quokkas live on Rottnest Island.",
                           "", "", ""})
                    .ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ(kb->Stats()->documents, 6u + i);
  }
  EXPECT_NE(Top(*kb, "Quokkas on Rottnest"), "");
}

// A KB folder deleted and built again while open (`rm -rf kb && factgate kb build-default --kb
// kb` under a running server): one transaction each time, so the new database comes back at the
// old revision number. Regression: the open KB went on serving the old passages, and a handle
// opened later would have met the old database's kept tables.
TEST_F(XapianKbTest, FollowsAKbBuiltAgainFromScratch) {
  Index({{"walrus", "Walrus", "The walrus lives on the Arctic ice.", "", "", ""}}, dir_);
  XapianKbOptions options;
  options.replacement_check_ms = 0;  // look at every search
  Result<std::unique_ptr<XapianKb>> opened = XapianKb::Open({dir_}, options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const XapianKb& kb = **opened;
  EXPECT_EQ(Top(kb, "walrus Arctic ice"), "walrus");
  EXPECT_EQ(Top(kb, "walrus Arctic ice"), "walrus");  // kept passages in use

  fs::remove_all(dir_);
  Index({{"penguin", "Penguin", "The penguin lives on the Antarctic ice.", "", "", ""}}, dir_);
  Result<std::vector<Passage>> found = kb.Search("penguin Antarctic ice", 5);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().doc_id, "penguin");
  EXPECT_EQ(found->front().text, "The penguin lives on the Antarctic ice.");
  EXPECT_EQ(Top(kb, "walrus Arctic"), "");
  // Many searches at once after the switch all read the new database.
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Result<std::vector<Passage>> r = kb.Search("ice", 5);
        if (!r.ok() || r->size() != 1 || r->front().doc_id != "penguin") ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(XapianKbTest, SearchesFromManyThreadsAtOnce) {
  Index(Corpus(), dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  const std::vector<std::pair<std::string, std::string>> claims = {
      {"Lincoln was assassinated by Booth", "lincoln"},
      {"The blue whale is the largest animal", "whale"},
      {"Eiffel Tower completed in 1889", "paris"},
      {"Everest elevation 8,849 metres", "everest"},
  };
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const auto& [claim, id] = claims[(t + i) % claims.size()];
        Result<std::vector<Passage>> r = kb->Search(claim, 3);
        if (!r.ok() || r->empty() || r->front().doc_id != id) ++wrong;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(XapianKbTest, CombinesSeveralKbs) {
  std::vector<Document> corpus = Corpus();
  std::string second = (root_ / "kb2").string();
  Index({corpus[0], corpus[1]}, dir_);
  Index({corpus[2], corpus[3]}, second);
  std::unique_ptr<XapianKb> kb = OpenKb({dir_, second});
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "Lincoln was assassinated"), "lincoln");
  EXPECT_EQ(Top(*kb, "Eiffel Tower"), "paris");
  EXPECT_EQ(kb->Stats()->documents, 4u);
  EXPECT_EQ(kb->Get("everest")->title, "Mount Everest");
}

TEST_F(XapianKbTest, PrunedQueriesStillFindThePassage) {
  Index(Corpus(), dir_);
  XapianKbOptions options;
  options.max_term_ratio = 0.3;  // "was" and friends are stop words; this drops nothing rare
  options.query.elite_set_size = 3;
  Result<std::unique_ptr<XapianKb>> kb = XapianKb::Open({dir_}, options);
  ASSERT_TRUE(kb.ok());
  EXPECT_EQ(Top(**kb, "Lincoln was assassinated by John Wilkes Booth"), "lincoln");
  EXPECT_EQ(Top(**kb, "Python was first released in 1991"), "python");
  EXPECT_EQ(Top(**kb, "zyzzyva quokka"), "");
}

// A corpus where some words are in hundreds of passages, so that a claim's phrase made of them
// ("United States") is ranked among candidates first (xapian_kb.cc, RankAmongCandidates).
std::vector<Document> CommonWordsCorpus(int n, int first = 0) {
  const std::vector<std::string> fillers = {
      "The senate of the United States met in the capital.",
      "States united in a league of nations signed the treaty.",
      "Abraham Lincoln was president during the war between the states.",
      "The president of France met the United Nations council.",
      "Lincoln is a city in England; its cathedral is famous.",
      "The states of Australia and the territories united in 1901.",
      "John Wilkes Booth was an actor.",
  };
  std::vector<Document> docs;
  for (int i = first; i < first + n; ++i) {
    std::string text;
    for (int s = 0; s < 1 + i % 4; ++s) text += fillers[(i * 3 + s) % fillers.size()] + " ";
    text += "Item " + std::to_string(i) + " of the corpus.";
    docs.push_back(
        {"doc" + std::to_string(i), "Document " + std::to_string(i % 50), text, "", "", "test"});
  }
  return docs;
}

void ExpectSameAsXapianLengths(const std::string& dir, const std::vector<std::string>& claims,
                               const XapianKbOptions& options, const std::string& what);

// Search with the length table and frequent terms' postings kept in memory (the default), with the
// length table alone, and with Xapian reading lengths itself: the same passages in the same order
// with the same scores (up to rounding).
void ExpectSameAsXapianLengths(const std::string& dir, const std::vector<std::string>& claims) {
  XapianKbOptions table_only;
  table_only.posting_cache_bytes = 0;
  table_only.passage_cache_bytes = 0;
  ExpectSameAsXapianLengths(dir, claims, XapianKbOptions(), "kept postings and passages");
  ExpectSameAsXapianLengths(dir, claims, table_only, "length table only");
}

void ExpectSameAsXapianLengths(const std::string& dir, const std::vector<std::string>& claims,
                               const XapianKbOptions& options, const std::string& what) {
  XapianKbOptions xapian_lengths;
  xapian_lengths.length_table = false;
  Result<std::unique_ptr<XapianKb>> ours = XapianKb::Open({dir}, options);
  Result<std::unique_ptr<XapianKb>> theirs = XapianKb::Open({dir}, xapian_lengths);
  ASSERT_TRUE(ours.ok() && theirs.ok());
  // Twice: the second time, kept passages come from memory.
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& claim : claims) {
      SCOPED_TRACE(what + ", pass " + std::to_string(pass) + ": " + claim);
      Result<std::vector<Passage>> a = (*ours)->Search(claim, 20);
      Result<std::vector<Passage>> b = (*theirs)->Search(claim, 20);
      ASSERT_TRUE(a.ok() && b.ok());
      ASSERT_EQ(a->size(), b->size());
      ASSERT_FALSE(a->empty());
      for (size_t i = 0; i < a->size(); ++i) {
        EXPECT_EQ((*a)[i].doc_id, (*b)[i].doc_id) << i;
        EXPECT_EQ((*a)[i].doc_offset, (*b)[i].doc_offset) << i;
        EXPECT_EQ((*a)[i].text, (*b)[i].text) << i;
        EXPECT_EQ((*a)[i].title, (*b)[i].title) << i;
        EXPECT_EQ((*a)[i].rank, (*b)[i].rank) << i;
        if (options.passage_cache_bytes > 0) {
          // Kept passages come with their sentences and terms (AnalyzePassage).
          ASSERT_NE((*a)[i].analysis, nullptr) << i;
          EXPECT_EQ((*a)[i].analysis->sentences.size(), SplitSentences((*a)[i].text).size()) << i;
        } else {
          EXPECT_EQ((*a)[i].analysis, nullptr) << i;
        }
        EXPECT_NEAR((*a)[i].score, (*b)[i].score, 1e-9 * (*b)[i].score) << i;
      }
    }
  }
}

TEST_F(XapianKbTest, LengthTableRanksAsXapianDoes) {
  Index(CommonWordsCorpus(900), dir_);
  ExpectSameAsXapianLengths(dir_,
                            {
                                "The United States Senate met in 1901.",
                                "Abraham Lincoln was the 16th President of the United States.",
                                "Lincoln was assassinated by John Wilkes Booth.",
                                "Item 17 of the corpus is about the United Nations.",
                                "The cathedral of Lincoln is in England.",
                                "Item 899 of the corpus.",
                            });
}

TEST_F(XapianKbTest, LengthTableFollowsCommits) {
  Index(CommonWordsCorpus(400), dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(Top(*kb, "Quokkas on Rottnest Island"), "");
  // Keeps the frequent terms' postings of this revision in memory.
  ASSERT_TRUE(kb->Search("The United States Senate met in 1901.", 20).ok());
  {
    Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
    ASSERT_TRUE(writer.ok());
    for (const Document& d : CommonWordsCorpus(300, 400)) ASSERT_TRUE((*writer)->Add(d).ok());
    ASSERT_TRUE(
        (*writer)->Add({"quokka", "Quokka", "Quokkas live on Rottnest Island.", "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Delete("doc3").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  // The KB opened before the commit reads the new revision's lengths and postings.
  EXPECT_EQ(Top(*kb, "Quokkas on Rottnest Island"), "quokka");
  Result<std::vector<Passage>> found = kb->Search("The United States Senate met in 1901.", 20);
  ASSERT_TRUE(found.ok());
  XapianKbOptions xapian_lengths;
  xapian_lengths.length_table = false;
  Result<std::unique_ptr<XapianKb>> reference = XapianKb::Open({dir_}, xapian_lengths);
  ASSERT_TRUE(reference.ok());
  Result<std::vector<Passage>> expected =
      (*reference)->Search("The United States Senate met in 1901.", 20);
  ASSERT_TRUE(expected.ok());
  ASSERT_EQ(found->size(), expected->size());
  for (size_t i = 0; i < found->size(); ++i) {
    EXPECT_EQ((*found)[i].doc_id, (*expected)[i].doc_id) << i;
    EXPECT_NEAR((*found)[i].score, (*expected)[i].score, 1e-9 * (*expected)[i].score) << i;
  }
}

// A document indexed again under its id comes back with its new text from a KB that was open, and
// had kept the old passage in memory, before the commit (kept passages belong to one revision).
TEST_F(XapianKbTest, KeptPassagesFollowCommits) {
  Index(Corpus(), dir_);
  std::unique_ptr<XapianKb> kb = OpenKb();
  ASSERT_NE(kb, nullptr);
  auto text_of_top = [&](const std::string& query) {
    Result<std::vector<Passage>> found = kb->Search(query, 5);
    return found.ok() && !found->empty() ? (*found)[0].text : std::string("(none)");
  };
  // Indexes document "q" with `text` in a commit of its own.
  auto index_quokka = [&](const std::string& text) {
    Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add({"q", "Quokka", text, "", "", ""}).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  };
  ASSERT_EQ(text_of_top("Quokkas on Rottnest Island"), "(none)");
  index_quokka("Quokkas live on Rottnest Island.");
  EXPECT_EQ(text_of_top("Quokkas on Rottnest Island"), "Quokkas live on Rottnest Island.");
  index_quokka("Quokkas also live on Rottnest Island.");
  EXPECT_EQ(text_of_top("Quokkas on Rottnest Island"), "Quokkas also live on Rottnest Island.");
}

TEST_F(XapianKbTest, EveryWeightingFindsThePassage) {
  Index(Corpus(), dir_);
  for (KbWeighting w :
       {KbWeighting::kBM25, KbWeighting::kBM25Plus, KbWeighting::kTfIdf, KbWeighting::kInL2,
        KbWeighting::kIfB2, KbWeighting::kIneB2, KbWeighting::kBB2, KbWeighting::kDLH,
        KbWeighting::kDPH, KbWeighting::kPL2}) {
    SCOPED_TRACE(static_cast<int>(w));
    XapianKbOptions options;
    options.weighting = w;
    Result<std::unique_ptr<XapianKb>> kb = XapianKb::Open({dir_}, options);
    ASSERT_TRUE(kb.ok());
    EXPECT_EQ(Top(**kb, "Lincoln was assassinated by John Wilkes Booth"), "lincoln");
    EXPECT_EQ(Top(**kb, "The blue whale is the largest animal"), "whale");
    EXPECT_EQ(Top(**kb, "zyzzyva quokka"), "");
  }
}

TEST_F(XapianKbTest, OpenErrors) {
  Result<std::unique_ptr<XapianKb>> kb = XapianKb::Open({(root_ / "missing").string()});
  EXPECT_EQ(kb.status().code(), Status::Code::kNotFound);
  EXPECT_NE(kb.status().message().find("missing"), std::string::npos);

  fs::create_directory(root_ / "empty");
  EXPECT_EQ(XapianKb::Open({(root_ / "empty").string()}).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(XapianKb::Open({}).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(XapianKb::Open({"tcp://nohost"}).status().code(), Status::Code::kInvalidArgument);

  // A writer refuses a directory that holds other things, and a second concurrent writer.
  fs::create_directory(root_ / "home");
  std::ofstream(root_ / "home" / "notes.txt") << "keep me";
  EXPECT_EQ(KbWriter::Open((root_ / "home").string()).status().code(),
            Status::Code::kInvalidArgument);
  Result<std::unique_ptr<KbWriter>> first = KbWriter::Open(dir_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(KbWriter::Open(dir_).status().code(), Status::Code::kUnavailable);
}

TEST_F(XapianKbTest, AddValidatesDocuments) {
  Result<std::unique_ptr<KbWriter>> writer = KbWriter::Open(dir_);
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->Add({"", "t", "text", "", "", ""}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ((*writer)->Add({std::string(300, 'x'), "t", "text", "", "", ""}).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ((*writer)->Add({"blank", "t", "  \n ", "", "", ""}).code(),
            Status::Code::kInvalidArgument);
  EXPECT_TRUE((*writer)->Add({"ok", "", "Some text.", "", "", ""}).ok());
  EXPECT_EQ((*writer)->counts().documents_added, 1u);
}

}  // namespace
}  // namespace fg
