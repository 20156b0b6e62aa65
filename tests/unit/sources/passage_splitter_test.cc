#include "sources/passage_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fg {
namespace {

std::vector<std::string> Texts(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

// Checks the invariants every split must hold: exact, trimmed, ordered, non-overlapping slices.
void ExpectWellFormed(std::string_view text, const std::vector<Span>& spans, size_t limit) {
  size_t prev_end = 0;
  for (const Span& s : spans) {
    ASSERT_LT(s.begin, s.end);
    ASSERT_LE(s.end, text.size());
    EXPECT_GE(s.begin, prev_end);
    EXPECT_NE(text[s.begin], ' ');
    EXPECT_NE(text[s.end - 1], ' ');
    EXPECT_LE(s.size(), limit);
    prev_end = s.end;
  }
}

TEST(PassageSplitterTest, GroupsSentencesUpToMaxBytes) {
  const std::string text = "One two. Three four five. Six. Seven eight nine ten.";
  struct Case {
    size_t max_bytes;
    std::vector<std::string> passages;
  };
  const std::vector<Case> cases = {
      {1000, {text}},
      {25, {"One two. Three four five.", "Six.", "Seven eight nine ten."}},
      {30, {"One two. Three four five. Six.", "Seven eight nine ten."}},
      {0, {"One two.", "Three four five.", "Six.", "Seven eight nine ten."}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.max_bytes);
    std::vector<Span> spans = SplitPassages(text, {c.max_bytes});
    EXPECT_EQ(Texts(text, spans), c.passages);
  }
}

TEST(PassageSplitterTest, OffsetsAreExactSlices) {
  const std::string text = "  First sentence here.\n\nSecond one follows!  Third?  ";
  std::vector<Span> spans = SplitPassages(text, {0});
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0], (Span{2, 22}));
  EXPECT_EQ(text.substr(spans[1].begin, spans[1].size()), "Second one follows!");
  EXPECT_EQ(text.substr(spans[2].begin, spans[2].size()), "Third?");
  ExpectWellFormed(text, spans, 2400);
}

TEST(PassageSplitterTest, LongSentenceIsOwnPassageAndCutAtWords) {
  std::string long_sentence = "Then ";
  for (int i = 0; i < 60; ++i) long_sentence += "word" + std::to_string(i) + " ";
  long_sentence += "end.";  // ~ 400 bytes, one sentence
  const std::string text = "Short start. " + long_sentence + " Short end.";
  // max 150: the long sentence stands alone, but is under 4 x 150 so it is not cut.
  std::vector<Span> spans = SplitPassages(text, {150});
  std::vector<std::string> got = Texts(text, spans);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "Short start.");
  EXPECT_EQ(got[1], long_sentence);
  EXPECT_EQ(got[2], "Short end.");
  // max 50: cut into pieces of at most 200 bytes, at word boundaries.
  spans = SplitPassages(text, {50});
  ExpectWellFormed(text, spans, 200);
  got = Texts(text, spans);
  ASSERT_GE(got.size(), 4u);
  for (const std::string& p : got) {
    EXPECT_TRUE(p.starts_with("word") || p.starts_with("Then") || p.starts_with("Short")) << p;
  }
}

TEST(PassageSplitterTest, SizesBoundedOnLongText) {
  std::string text;
  for (int i = 0; i < 500; ++i) {
    text += "Sentence number " + std::to_string(i) + std::string(i % 7, 'x') + " is here. ";
  }
  for (size_t max : {40, 100, 600}) {
    std::vector<Span> spans = SplitPassages(text, {max});
    ExpectWellFormed(text, spans, max);  // every sentence is < 40 bytes
    // Nothing is lost: the passages cover every sentence's words.
    size_t covered = 0;
    for (const Span& s : spans) covered += s.size();
    EXPECT_GT(covered, text.size() * 9 / 10);
  }
}

TEST(PassageSplitterTest, NeverCutsInsideUtf8Character) {
  std::string word;
  for (int i = 0; i < 100; ++i) word += "\xc3\xa9";     // 200 bytes, no spaces
  std::vector<Span> spans = SplitPassages(word, {10});  // hard limit 40
  ASSERT_GT(spans.size(), 1u);
  for (const Span& s : spans) {
    EXPECT_LE(s.size(), 40u);
    EXPECT_EQ(s.size() % 2, 0u) << "cut inside a character";
  }
  EXPECT_EQ(spans.back().end, word.size());
}

TEST(PassageSplitterTest, BlankTextHasNoPassages) {
  EXPECT_TRUE(SplitPassages("").empty());
  EXPECT_TRUE(SplitPassages(" \n\t ").empty());
}

}  // namespace
}  // namespace fg
