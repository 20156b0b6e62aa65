// Test helpers shared by the stream processor tests (openai/chat_stream_test.cc,
// anthropic/messages_stream_test.cc, ollama/ndjson_stream_test.cc): JSON quoting, the token list
// and answers they stream, fabricated verdicts, and driving a plugins::StreamProcessor the way the
// proxy session does.
//
// Contract: header-only, deterministic (randomness only from the caller's generator); DriveStream
// checks with gtest (EXPECT_*) that the stream ends done with no check pending and no output left.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/dialect.h"
#include "src/core/types.h"

namespace fg::plugins::stream_test {

// `s` as a JSON string literal.
inline std::string Quote(std::string_view s) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

inline std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

// Tokens of an answer with an abbreviation, an acronym, a decimal and a refuted claim.
inline const std::vector<std::string> kDeltas = {
    "Paris", " is", " in",     " Spain", ".",      " Dr", ".",   " Smith", " lives", " in",
    " the",  " U",  ".S",      ".",      " The",   " U",  ".S",  ".",      " has",   " 3",
    ".",     "1",   " mill",   "ion",    " lakes", ".\n", "\n",  "The",    " moon",  " is",
    " made", " of", " cheese", ". Ber",  "lin",    " is", " in", " Spain", "."};

inline constexpr char kMarkdownAnswer[] =
    "# Facts\n\nParis is in Spain. Dr. Smith lives in the U.S. The U.S. has 3.1 million "
    "lakes.\n\n- **Rome is old.** It was founded in 753 BC.\n- Berlin is in Spain\n\nHe "
    "said \"the moon is made of cheese.\" Then he left!\n\n```\nx = 1. Y = 2.\n```\n\nOslo "
    "is cold\u2026 Mount Everest is 8849 m tall. Paris is in Spain (really).";

inline constexpr char kTrickyAnswer[] =
    "Sure! Here is a summary:\n\n1. Mr. Jones met Prof. Lee in Paris, e.g. at the Louvre.\n"
    "2. They ate apples, pears, etc. The meal cost $4.50 in total.\n\n| City | Fact |\n"
    "|---|---|\n| Rome | Rome is in Spain. It is old. |\n| Oslo | Cold. |\n\nVisit "
    "https://example.com/a.b for more. Use `x.y()` to call it. J. R. R. Tolkien wrote it."
    "\n\n> Berlin is in Spain. So they say.\n\n\u6771\u4eac\u306f\u65e5\u672c\u306b"
    "\u3042\u308b\u3002 Tokyo is in Japan? Yes!! He moved to the U.S. in 1990. He was 5 ft. "
    "tall... Really.";

// Long enough for the extractor's window to start past the beginning (paragraphs, and one long
// paragraph).
inline std::string LongAnswer() {
  std::string out;
  for (int i = 0; i < 3; ++i) out += std::string(kMarkdownAnswer) + "\n\n" + kTrickyAnswer + "\n\n";
  for (int i = 0; i < 40; ++i) out += "Lincoln was born in 1809. He died in 1865. ";
  return out;
}

// Deterministic verdicts: "Spain" is wrong (corrected to France, except for Berlin), "moon" is
// unknown, everything else is supported by a source named after its first word.
inline ClaimResult Fabricate(const Claim& claim) {
  ClaimResult r;
  r.claim = claim;
  r.confidence = 0.9;
  r.verifier = "test";
  const std::string& t = claim.text;
  std::string first = t.substr(0, t.find(' '));
  if (t.find("moon") != std::string::npos) return r;
  if (t.find("Spain") != std::string::npos) {
    r.verdict = Verdict::kRefuted;
    r.citations.push_back({"kb", "doc:france", "France", "", "Paris is in France.", {0, 19}});
    if (first == "Paris") r.correction = "Paris is in France";
    return r;
  }
  r.verdict = Verdict::kSupported;
  r.citations.push_back({"kb", "doc:" + first, first, "https://example.org/" + first, "q", {0, 1}});
  return r;
}

// When checks are answered: as soon as requested, or all at the end in reverse order.
enum class Answer { kAtOnce, kAtEndReversed };

struct StreamRun {
  std::string output;
  std::vector<ChoiceReport> reports;
  size_t requests = 0;
  std::vector<std::string> requested_texts;
};

// Feeds `pieces` (then FinishUpstream(clean)), answering every check with Fabricate as `answer`
// says, and collects the output.
inline StreamRun DriveStream(StreamProcessor& s, const std::vector<std::string_view>& pieces,
                             Answer answer, bool clean) {
  StreamRun run;
  std::vector<CheckRequest> held;
  auto handle = [&] {
    for (CheckRequest& r : s.TakeCheckRequests()) {
      ++run.requests;
      run.requested_texts.push_back(r.claim.text);
      if (answer == Answer::kAtOnce) {
        s.OnClaimChecked(r.ticket, Fabricate(r.claim), {});
      } else {
        held.push_back(std::move(r));
      }
    }
    run.output += s.TakeOutput();
  };
  for (std::string_view piece : pieces) {
    s.Feed(piece);
    handle();
  }
  s.FinishUpstream(clean);
  handle();
  std::reverse(held.begin(), held.end());
  for (CheckRequest& r : held) {
    EXPECT_FALSE(s.Done());
    s.OnClaimChecked(r.ticket, Fabricate(r.claim), {});
    run.output += s.TakeOutput();
  }
  EXPECT_EQ(s.PendingChecks(), 0u);
  EXPECT_TRUE(s.Done());
  EXPECT_EQ(s.TakeOutput(), "");
  run.reports = s.Reports();
  return run;
}

// `input` one byte at a time.
inline std::vector<std::string_view> Bytes(std::string_view input) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < input.size(); ++i) out.push_back(input.substr(i, 1));
  return out;
}

// Splits text into deltas of 1 to 12 bytes, never inside a UTF-8 character nor inside a run of
// sentence terminators ("...", "!!": one token for real tokenizers; a complete sentence is
// forwarded at once, so a run split after its first "." would get its marker before the rest).
inline std::vector<std::string> RandomDeltas(const std::string& text, std::mt19937& rng) {
  std::uniform_int_distribution<size_t> size(1, 12);
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = std::min(text.size(), pos + size(rng));
    while (end < text.size() &&
           ((static_cast<unsigned char>(text[end]) & 0xC0) == 0x80 ||
            (std::string_view(".!?").find(text[end]) != std::string::npos &&
             std::string_view(".!?").find(text[end - 1]) != std::string::npos))) {
      ++end;
    }
    out.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

// The bytes of `input` in random reads of 1 to `max_read` bytes, cut anywhere (inside events,
// lines, UTF-8 characters).
inline std::vector<std::string_view> RandomReads(std::string_view input, std::mt19937& rng,
                                                 size_t max_read) {
  std::vector<std::string_view> out;
  for (size_t pos = 0; pos < input.size();) {
    size_t n = 1 + rng() % max_read;
    out.push_back(input.substr(pos, n));
    pos += n;
  }
  return out;
}

}  // namespace fg::plugins::stream_test
