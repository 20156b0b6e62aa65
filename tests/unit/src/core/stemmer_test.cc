#include "src/core/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>

namespace fg {
namespace {

struct StemCase {
  std::string_view word;
  std::string_view stem;
};

// Expected stems follow the Porter2 definition (and Snowball's sample vocabulary); each was also
// checked against Xapian::Stem("english") 1.4 outside this test.
constexpr StemCase kCases[] = {
    // Step 1a: plurals.
    {"caresses", "caress"},
    {"ponies", "poni"},
    {"ties", "tie"},
    {"cries", "cri"},
    {"gaps", "gap"},
    {"gas", "gas"},
    {"kiwis", "kiwi"},
    {"consists", "consist"},
    // Step 1b: -ed, -ing, -eed, with the e / double-consonant repairs.
    {"connected", "connect"},
    {"connecting", "connect"},
    {"running", "run"},
    {"hopping", "hop"},
    {"hoped", "hope"},
    {"agreed", "agre"},
    {"bleed", "bleed"},
    {"feed", "feed"},
    {"luxuriating", "luxuri"},
    {"yelling", "yell"},
    // Step 1c: y -> i after a consonant that is not the first letter.
    {"happy", "happi"},
    {"cry", "cri"},
    {"by", "by"},
    {"say", "say"},
    {"fly", "fli"},
    // Steps 2-4: derivational suffixes in R1 / R2.
    {"generously", "generous"},
    {"sensational", "sensat"},
    {"relational", "relat"},
    {"conditional", "condit"},
    {"rational", "ration"},
    {"valency", "valenc"},
    {"hesitancy", "hesit"},
    {"digitizer", "digit"},
    {"radically", "radic"},
    {"differently", "differ"},
    {"vilely", "vile"},
    {"analogously", "analog"},
    {"vietnamization", "vietnam"},
    {"predication", "predic"},
    {"operator", "oper"},
    {"feudalism", "feudal"},
    {"decisiveness", "decis"},
    {"hopefulness", "hope"},
    {"callousness", "callous"},
    {"formality", "formal"},
    {"sensitivity", "sensit"},
    {"sensibility", "sensibl"},
    {"archaeology", "archaeolog"},
    {"triplicate", "triplic"},
    {"formative", "format"},
    {"formalize", "formal"},
    {"electricity", "electr"},
    {"electrical", "electr"},
    {"goodness", "good"},
    {"revival", "reviv"},
    {"allowance", "allow"},
    {"inference", "infer"},
    {"airliner", "airlin"},
    {"gyroscopic", "gyroscop"},
    {"adjustable", "adjust"},
    {"defensible", "defens"},
    {"irritant", "irrit"},
    {"replacement", "replac"},
    {"adjustment", "adjust"},
    {"dependent", "depend"},
    {"adoption", "adopt"},
    {"homologous", "homolog"},
    {"effective", "effect"},
    {"bowdlerize", "bowdler"},
    {"consistently", "consist"},
    {"consignment", "consign"},
    {"assassinated", "assassin"},
    {"emancipated", "emancip"},
    // Step 5: final e and ll.
    {"probate", "probat"},
    {"rate", "rate"},
    {"cease", "ceas"},
    {"controll", "control"},
    {"roll", "roll"},
    // Special R1 prefixes.
    {"generate", "generat"},
    {"generation", "generat"},
    {"communism", "communism"},
    {"communication", "communic"},
    {"arsenal", "arsenal"},
    // Exceptions and possessives.
    {"skies", "sky"},
    {"dying", "die"},
    {"news", "news"},
    {"only", "onli"},
    {"innings", "inning"},
    {"outing", "outing"},
    {"proceeding", "proceed"},
    {"exceeded", "exceed"},
    {"succeeded", "succeed"},
    {"dog's", "dog"},
    {"dogs'", "dog"},
    {"'s", "'s"},
};

TEST(StemmerTest, MatchesPorter2) {
  for (const StemCase& c : kCases) {
    EXPECT_EQ(StemEnglish(c.word), c.stem) << "word: " << c.word;
  }
}

TEST(StemmerTest, LeavesShortAndNonAsciiWordsAlone) {
  EXPECT_EQ(StemEnglish(""), "");
  EXPECT_EQ(StemEnglish("is"), "is");
  EXPECT_EQ(StemEnglish("caf\xc3\xa9s"), "caf\xc3\xa9s");
}

TEST(StemmerTest, IsIdempotentOnCommonStems) {
  for (std::string_view word : {"connect", "run", "presid", "state", "hope"}) {
    EXPECT_EQ(StemEnglish(word), word);
  }
}

}  // namespace
// StemEnglish remembers stems per thread (bounded): answers stay the same on repeats, after the
// memory is cleared, and on other threads.
TEST(StemmerTest, RememberedStemsStayCorrect) {
  const std::string first = StemEnglish("connected");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(StemEnglish("connected"), first);
  EXPECT_EQ(first, "connect");
  for (int i = 0; i < 60000; ++i) StemEnglish("word" + std::to_string(i) + "ing");
  EXPECT_EQ(StemEnglish("connected"), "connect");
  EXPECT_EQ(StemEnglish("generously"), "generous");
  std::string other;
  std::thread t([&] { other = StemEnglish("ponies"); });
  t.join();
  EXPECT_EQ(other, "poni");
  EXPECT_EQ(StemEnglish("ponies"), "poni");
}

}  // namespace fg
