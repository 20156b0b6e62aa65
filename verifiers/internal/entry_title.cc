#include "verifiers/internal/entry_title.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "src/core/tokenizer.h"

namespace fg::internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The lowercased words of a name, without "the".
std::vector<std::string> NameWords(std::string_view name) {
  std::vector<std::string> words;
  for (const Token& t : Tokenize(name)) {
    if (t.type != TokenType::kWord || t.lower == "the") continue;
    words.push_back(t.lower);
  }
  return words;
}

}  // namespace

bool IsGenericNameWord(std::string_view lower_word) {
  static const std::set<std::string, std::less<>> kGeneric = {
      "the",      "of",        "mount", "mt",     "lake",    "river", "sea",   "ocean", "tower",
      "mountain", "mountains", "city",  "island", "islands", "bay",   "gulf",  "cape",  "saint",
      "st",       "north",     "south", "east",   "west",    "new",   "great", "port",  "falls"};
  return kGeneric.contains(lower_word);
}

bool TitleNames(std::string_view title, std::string_view name) {
  const std::vector<std::string> wanted = NameWords(name);
  if (wanted.empty()) return false;
  while (!title.empty()) {
    const size_t comma = title.find(',');
    const std::vector<std::string> listed = NameWords(title.substr(0, comma));
    const auto in = [](const std::vector<std::string>& words, const std::string& w) {
      return std::find(words.begin(), words.end(), w) != words.end();
    };
    const bool no_other_word = std::all_of(listed.begin(), listed.end(),
                                           [&](const std::string& w) { return in(wanted, w); });
    const bool only_generic_missing =
        std::all_of(wanted.begin(), wanted.end(),
                    [&](const std::string& w) { return in(listed, w) || IsGenericNameWord(w); });
    if (!listed.empty() && no_other_word && only_generic_missing) return true;
    if (comma == std::string_view::npos) break;
    title.remove_prefix(comma + 1);
  }
  return false;
}

bool TitleNamesPartOf(std::string_view title, std::string_view name) {
  const std::vector<std::string> wanted = NameWords(name);
  while (!title.empty()) {
    const size_t comma = title.find(',');
    const std::vector<std::string> listed = NameWords(title.substr(0, comma));
    if (listed.size() >= 2 && std::all_of(listed.begin(), listed.end(), [&](const std::string& w) {
          return std::find(wanted.begin(), wanted.end(), w) != wanted.end();
        })) {
      return true;
    }
    if (comma == std::string_view::npos) break;
    title.remove_prefix(comma + 1);
  }
  return false;
}

std::string_view FirstTitleName(std::string_view title) {
  return Trim(title.substr(0, title.find(',')));
}

std::string_view FirstTitleNameInFull(std::string_view title) {
  const std::string_view first = FirstTitleName(title);
  std::string_view best = first;
  for (std::string_view rest = title; !rest.empty();) {
    const size_t comma = rest.find(',');
    const std::string_view name = Trim(rest.substr(0, comma));
    if (name.size() > best.size() && TitleNames(first, name)) best = name;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return best;
}

std::string_view FullTitleName(std::string_view title) {
  for (std::string_view rest = title; !rest.empty();) {
    const size_t comma = rest.find(',');
    const std::string_view name = Trim(rest.substr(0, comma));
    if (name.find(' ') != std::string_view::npos) return name;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return FirstTitleName(title);
}

bool TitleNameStandsIn(std::string_view title, const std::vector<Token>& text_tokens) {
  while (!title.empty()) {
    const size_t comma = title.find(',');
    const std::vector<Token> name = Tokenize(title.substr(0, comma));
    bool whole = false, first = true;
    for (const Token& t : name) {
      if (t.type != TokenType::kWord) continue;
      if (first && !t.capitalized) break;
      first = false;
      whole = std::any_of(text_tokens.begin(), text_tokens.end(), [&](const Token& c) {
        return c.lower == t.lower && (c.capitalized || !t.capitalized);
      });
      if (!whole) break;
    }
    if (whole) return true;
    if (comma == std::string_view::npos) break;
    title.remove_prefix(comma + 1);
  }
  return false;
}

std::vector<bool> OwnEntries(std::span<const EvidenceSentence> evidence, std::string_view claim,
                             size_t value_begin) {
  const std::vector<Token> claim_tokens = Tokenize(claim.substr(0, value_begin));
  std::vector<bool> own(evidence.size(), false);
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const Passage* p = evidence[idx].passage;
    own[idx] = p != nullptr && TitleNameStandsIn(p->title, claim_tokens);
  }
  return own;
}

std::vector<size_t> OwnEntriesFirst(const std::vector<bool>& own) {
  std::vector<size_t> first, others;
  for (size_t idx = 0; idx < own.size(); ++idx) (own[idx] ? first : others).push_back(idx);
  first.insert(first.end(), others.begin(), others.end());
  return first;
}

}  // namespace fg::internal
