// Hand-run benchmark of KB retrieval: builds (once) a synthetic KB of 250,000 passages and times
// Search() for generated claims under several query strategies, with recall@5 of the source
// document as a sanity check. Not part of the test suite (needs minutes and ~1 GB of disk).
//
// Built with the project (target kb_query_bench); run by hand:
//   build/tests/bench/kb_query_bench /tmp/fg_bench_kb [documents [passage max_bytes, 0 =
//   sentences]]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "sources/xapian_kb.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Corpus {
  std::vector<std::string> words;  // Zipf-ranked vocabulary
  std::vector<std::string> names;
  std::discrete_distribution<size_t> zipf;
};

std::string MakeWord(std::mt19937& rng) {
  static const char* kOnsets[] = {"b", "c", "d", "f", "g", "h",  "k",  "l",  "m",  "n",  "p",
                                  "r", "s", "t", "v", "w", "br", "st", "tr", "ch", "sh", "pl"};
  static const char* kVowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou"};
  static const char* kEnds[] = {"", "", "", "s", "ed", "ing", "er", "ion", "ly"};
  std::string w;
  int syllables = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < syllables; ++i) {
    w += kOnsets[rng() % std::size(kOnsets)];
    w += kVowels[rng() % std::size(kVowels)];
  }
  w += kEnds[rng() % std::size(kEnds)];
  return w;
}

Corpus MakeCorpus(std::mt19937& rng) {
  Corpus c;
  for (int i = 0; i < 40000; ++i) c.words.push_back(MakeWord(rng));
  for (int i = 0; i < 20000; ++i) {
    std::string n = MakeWord(rng);
    n[0] = static_cast<char>(n[0] - 'a' + 'A');
    c.names.push_back(n);
  }
  std::vector<double> weights;
  for (size_t r = 1; r <= c.words.size(); ++r) weights.push_back(1.0 / static_cast<double>(r));
  c.zipf = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  return c;
}

// One sentence: Zipf words, sometimes a stop word, a two-word name and a number.
std::string MakeSentence(Corpus& c, std::mt19937& rng) {
  static const char* kStop[] = {"the", "of", "was", "in", "and", "a", "to", "by"};
  std::string s;
  int n = 8 + static_cast<int>(rng() % 12);
  for (int i = 0; i < n; ++i) {
    if (!s.empty()) s += ' ';
    unsigned r = rng() % 20;
    if (r < 5) {
      s += kStop[rng() % std::size(kStop)];
    } else if (r == 5) {
      s += c.names[rng() % c.names.size()] + " " + c.names[rng() % c.names.size()];
    } else if (r == 6) {
      s += std::to_string(1000 + rng() % 1100);
    } else {
      s += c.words[c.zipf(rng)];
    }
  }
  s[0] = static_cast<char>(std::toupper(s[0]));
  return s + ".";
}

}  // namespace

int main(int argc, char** argv) {
  // An option is not a folder: "--help" once built a 550 MB KB named "--help".
  if (argc > 1 && argv[1][0] == '-') {
    std::fprintf(stderr,
                 "usage: kb_query_bench [KB_DIR (default /tmp/fg_bench_kb) [documents "
                 "[passage max_bytes, 0 = sentences]]]\n");
    return std::string_view(argv[1]) == "--help" ? 0 : 2;
  }
  const std::string dir = argc > 1 ? argv[1] : "/tmp/fg_bench_kb";
  const size_t passages = argc > 2 ? std::stoul(argv[2]) : 250000;
  fg::KbWriterOptions writer_options;
  if (argc > 3) writer_options.passages.max_bytes = std::stoul(argv[3]);  // 0: sentence passages
  std::mt19937 rng(42);
  std::mt19937 claim_rng(7);
  Corpus corpus = MakeCorpus(rng);
  // Documents of ~4 sentences (~one 600-byte passage each); claims are sentences from them.
  std::vector<std::pair<std::string, std::string>> claims;  // claim, doc id
  const bool build = !std::filesystem::exists(std::filesystem::path(dir) / "iamglass");
  std::unique_ptr<fg::KbWriter> writer;
  if (build) {
    auto w = fg::KbWriter::Open(dir, writer_options);
    if (!w.ok()) return std::fprintf(stderr, "%s\n", w.status().ToString().c_str()), 1;
    writer = std::move(w.value());
  }
  auto t0 = Clock::now();
  for (size_t i = 0; i < passages; ++i) {
    fg::Document d;
    d.id = "d" + std::to_string(i);
    d.title = corpus.names[rng() % corpus.names.size()];
    std::vector<std::string> sentences;
    for (int k = 0; k < 4; ++k) sentences.push_back(MakeSentence(corpus, rng));
    for (const std::string& s : sentences) d.text += s + " ";
    d.text.resize(std::min<size_t>(d.text.size(), 590));
    if (i % 125 == 0) {
      // A claim paraphrases a sentence loosely: about a third of its words are dropped.
      std::string claim;
      size_t pos = 0;
      const std::string& sentence = sentences[claim_rng() % 3];
      while (pos < sentence.size()) {
        size_t end = std::min(sentence.find(' ', pos), sentence.size());
        if (claim_rng() % 3 != 0) claim += sentence.substr(pos, end - pos) + " ";
        pos = end + 1;
      }
      claims.emplace_back(claim, d.id);
    }
    if (writer) {
      fg::Status s = writer->Add(d);
      if (!s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
    }
  }
  if (writer) {
    fg::Status s = writer->Commit();
    if (!s.ok()) return std::fprintf(stderr, "%s\n", s.ToString().c_str()), 1;
    std::printf("indexed %zu documents in %.1f s\n", passages,
                std::chrono::duration<double>(Clock::now() - t0).count());
    writer.reset();
  }

  struct Config {
    const char* name;
    fg::XapianKbOptions options;
  };
  std::vector<Config> configs;
  const bool only_elite = argc > 4;  // a 5th argument: only the ELITE_SET sweep
  fg::XapianKbOptions base;
  configs.push_back({"library default (ELITE_SET 5)", base});
  base.query.elite_set_size = 0;
  configs.push_back({"OR + name phrases", base});
  fg::XapianKbOptions o = base;
  o.query.name_phrases = false;
  configs.push_back({"OR, no phrases", o});
  o = base;
  o.query.elite_set_size = 6;
  configs.push_back({"ELITE_SET 6 + phrases", o});
  o = base;
  o.max_term_ratio = 0.01;
  configs.push_back({"drop terms in >1% of passages", o});
  o = base;
  o.max_term_ratio = 0.001;
  configs.push_back({"drop terms in >0.1% of passages", o});
  o = base;
  o.max_term_ratio = 0.05;
  configs.push_back({"drop terms in >5% of passages", o});
  for (size_t elite : {3, 4, 5}) {
    static const char* kNames[] = {
        "", "", "", "ELITE_SET 3 + phrases", "ELITE_SET 4 + phrases", "ELITE_SET 5 + phrases"};
    o = base;
    o.query.elite_set_size = elite;
    configs.push_back({kNames[elite], o});
  }
  o = base;
  o.query.elite_set_size = 6;
  o.max_term_ratio = 0.05;
  configs.push_back({"ELITE_SET 6 + drop >5%", o});
  o = base;
  o.check_at_least = 100;
  configs.push_back({"check_at_least 100", o});

  for (const Config& config : configs) {
    if (only_elite && std::string(config.name).find("ELITE") == std::string::npos) continue;
    auto kb = fg::XapianKb::Open({dir}, config.options);
    if (!kb.ok()) return std::fprintf(stderr, "%s\n", kb.status().ToString().c_str()), 1;
    for (size_t w = 0; w < std::min<size_t>(200, claims.size()); ++w) {
      (void)(*kb)->Search(claims[w].first, 5);
    }
    size_t found = 0;
    auto start = Clock::now();
    for (const auto& [claim, id] : claims) {
      auto r = (*kb)->Search(claim, 5);
      if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().ToString().c_str()), 1;
      for (const fg::Passage& p : *r) found += p.doc_id == id;
    }
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("%-34s %7.3f ms/claim  %6.0f claims/s  recall@5 %.3f\n", config.name,
                1000 * secs / claims.size(), claims.size() / secs,
                static_cast<double>(found) / claims.size());
  }
  // What the per-call reopen() (which makes new commits visible) costs.
  {
    Xapian::Database db(dir);
    auto start = Clock::now();
    for (int i = 0; i < 10000; ++i) db.reopen();
    std::printf("Database::reopen(): %.1f us/call\n",
                1e6 * std::chrono::duration<double>(Clock::now() - start).count() / 10000);
  }
  // Query building alone.
  auto start = Clock::now();
  size_t n = 0;
  for (int rep = 0; rep < 5; ++rep) {
    for (const auto& [claim, id] : claims) n += fg::BuildQuery(claim).empty() ? 0 : 1;
  }
  double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("BuildQuery alone: %.1f us/claim (%zu)\n", 1e6 * secs / (5 * claims.size()), n);
  return 0;
}
