#include "sources/query_builder.h"

#include <algorithm>
#include <utility>

#include "src/core/tokenizer.h"
#include "src/core/wordnet.h"

namespace fg {
namespace {

// TermGenerator skips longer words (its default max_word_length).
constexpr size_t kMaxWordBytes = 64;

const Xapian::Stem& Stemmer() {
  // Xapian::Stem keeps per-call state, so each thread needs its own.
  thread_local const Xapian::Stem stem("english");
  return stem;
}

// Lowercases like the TermGenerator does (Unicode-aware) and maps typographic apostrophes to '.
std::string TermLower(std::string_view word) {
  std::string s(word);
  for (size_t pos; (pos = s.find("\xe2\x80\x99")) != std::string::npos;) s.replace(pos, 3, "'");
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  return ascii ? AsciiLower(s) : Xapian::Unicode::tolower(s);
}

std::string StripPossessive(std::string s) {
  if (s.size() > 2 && s.ends_with("'s")) s.resize(s.size() - 2);
  return s;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAcronym(std::string_view word) {
  if (word.size() < 2) return false;
  return std::all_of(word.begin(), word.end(), [](char c) { return IsUpper(c) || IsDigit(c); }) &&
         IsUpper(word[0]);
}

// One word as the claim presents it, after acronym joining.
struct Word {
  std::string text;  // original spelling ("Lincoln's", "covid-19", "US" for "U.S.")
  bool capitalized = false;
  bool acronym = false;
  bool sentence_start = false;
  bool number = false;
  bool follows_word = false;  // directly after another word (no punctuation between)
};

std::vector<Word> Words(std::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  std::vector<Word> words;
  bool sentence_start = true;
  bool prev_word = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.type == TokenType::kPunct) {
      // "U.S.", "U.K": single capitals glued by dots make one acronym.
      if (t.text == "." && !words.empty() && words.back().acronym && prev_word &&
          i + 1 < tokens.size() && tokens[i + 1].span.begin == t.span.end &&
          tokens[i + 1].text.size() == 1 && IsUpper(tokens[i + 1].text[0])) {
        words.back().text += tokens[i + 1].text;
        ++i;
        continue;
      }
      bool acronym_dot = t.text == "." && !words.empty() && words.back().acronym &&
                         words.back().text.size() >= 2 && prev_word;
      if ((t.text == "." && !acronym_dot) || t.text == "!" || t.text == "?" || t.text == ":" ||
          t.text == "\"") {
        sentence_start = true;
      }
      prev_word = false;
      continue;
    }
    Word w;
    w.text = std::string(t.text);
    w.number = t.type == TokenType::kNumber || IsDigit(t.text[0]);
    w.capitalized = t.capitalized;
    w.acronym = IsAcronym(t.text) ||
                (t.text.size() == 1 && IsUpper(t.text[0]) && i + 1 < tokens.size() &&
                 tokens[i + 1].text == "." && tokens[i + 1].span.begin == t.span.end &&
                 i + 2 < tokens.size() && tokens[i + 2].span.begin == tokens[i + 1].span.end &&
                 tokens[i + 2].text.size() == 1 && IsUpper(tokens[i + 2].text[0]));
    w.sentence_start = sentence_start;
    w.follows_word = prev_word;
    words.push_back(std::move(w));
    sentence_start = false;
    prev_word = true;
  }
  return words;
}

void AddUnique(std::vector<std::string>* list, std::string term) {
  if (std::find(list->begin(), list->end(), term) == list->end()) list->push_back(std::move(term));
}

// Splits a word as the TermGenerator does at hyphens; returns lowercase parts.
std::vector<std::string> Parts(std::string_view word) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= word.size()) {
    size_t dash = word.find('-', start);
    std::string_view part =
        word.substr(start, dash == std::string_view::npos ? word.npos : dash - start);
    if (!part.empty() && part.size() <= kMaxWordBytes) parts.push_back(TermLower(part));
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return parts;
}

// Adds the single terms for one word to the right list. A word with accented letters also adds
// its spelling without them ("Larraín", "larrain"): the KB indexes accented words both ways
// (sources/xapian_kb.h), and text written without the accents has only that one.
void AddWordTerms(const Word& w, bool is_name, ClaimTerms* terms) {
  for (const std::string& part : Parts(w.text)) {
    if (IsDigit(part[0])) {
      AddUnique(&terms->numbers, part);
      continue;
    }
    if (!is_name && IsStopWord(part)) continue;
    std::vector<std::string>* list = is_name ? &terms->names : &terms->words;
    auto add = [&](const std::string& spelling) {
      AddUnique(list, "Z" + Stemmer()(is_name ? StripPossessive(spelling) : spelling));
    };
    add(part);
    if (HasLatinAccents(part)) add(FoldLatinAccents(part));
  }
}

}  // namespace

ClaimTerms AnalyzeClaim(std::string_view claim_text, const Lexicon* lexicon) {
  std::vector<Word> words = Words(claim_text);
  ClaimTerms terms;
  size_t i = 0;
  while (i < words.size()) {
    // A run of capitalised words, each directly after the previous one.
    size_t end = i;
    if (words[i].capitalized && !words[i].number) {
      end = i + 1;
      while (end < words.size() && words[end].capitalized && words[end].follows_word &&
             !words[end].sentence_start && !words[end].number) {
        ++end;
      }
    }
    if (end == i) {
      AddWordTerms(words[i], false, &terms);
      ++i;
      continue;
    }
    // Leading stop words ("The", "In") are not part of the name.
    size_t begin = i;
    while (begin < end && IsStopWord(AsciiLower(words[begin].text))) {
      AddWordTerms(words[begin], false, &terms);  // dropped as stop words
      ++begin;
    }
    const size_t len = end - begin;
    auto opening_name = [&](const Word& w) {
      if (lexicon == nullptr) return false;
      std::string lower = TermLower(StripPossessive(w.text));
      return lexicon->BaseForm(lower) == lower;
    };
    const bool name =
        len >= 2 || (len == 1 && (!words[begin].sentence_start || words[begin].acronym ||
                                  opening_name(words[begin])));
    for (size_t k = begin; k < end; ++k) {
      AddWordTerms(words[k], name && !IsStopWord(AsciiLower(words[k].text)), &terms);
    }
    if (name && len >= 2) {
      std::vector<std::string> phrase;
      for (size_t k = begin; k < end; ++k) {
        for (std::string& part : Parts(words[k].text)) phrase.push_back(std::move(part));
      }
      if (!phrase.empty()) phrase.back() = StripPossessive(phrase.back());
      if (phrase.size() >= 2 &&
          std::find(terms.phrases.begin(), terms.phrases.end(), phrase) == terms.phrases.end()) {
        terms.phrases.push_back(std::move(phrase));
      }
    }
    i = end;
  }
  // A term is in one list only: names and numbers win over ordinary words.
  std::erase_if(terms.words, [&](const std::string& t) {
    return std::find(terms.names.begin(), terms.names.end(), t) != terms.names.end();
  });
  return terms;
}

void AddSynonyms(const Lexicon& lexicon, std::string_view claim_text, size_t max_per_lemma,
                 ClaimTerms* terms) {
  std::vector<std::string> words;
  for (const Token& t : Tokenize(claim_text)) {
    if (t.type == TokenType::kWord) words.push_back(TermLower(t.text));
  }
  auto known = [&](const std::string& term) {
    auto in = [&](const std::vector<std::string>& list) {
      return std::find(list.begin(), list.end(), term) != list.end();
    };
    return in(terms->words) || in(terms->names) || in(terms->synonyms);
  };
  auto add_phrase = [&](std::vector<std::string> phrase) {
    if (std::find(terms->synonym_phrases.begin(), terms->synonym_phrases.end(), phrase) ==
        terms->synonym_phrases.end()) {
      terms->synonym_phrases.push_back(std::move(phrase));
    }
  };
  for (size_t i = 0; i < words.size(); ++i) {
    for (size_t n = 3; n >= 1; --n) {
      if (i + n > words.size()) continue;
      if (n == 1 && IsStopWord(words[i])) continue;
      std::string lemma = words[i];
      for (size_t k = 1; k < n; ++k) lemma += " " + words[i + k];
      if (!lexicon.Contains(lemma)) continue;
      if (n > 1) add_phrase(std::vector<std::string>(words.begin() + i, words.begin() + i + n));
      for (const std::string& synonym : lexicon.Synonyms(lemma, max_per_lemma)) {
        std::vector<std::string> parts;
        size_t start = 0;
        for (size_t space; (space = synonym.find(' ', start)) != std::string::npos;
             start = space + 1) {
          parts.push_back(synonym.substr(start, space - start));
        }
        parts.push_back(synonym.substr(start));
        if (parts.size() > 1) {
          add_phrase(std::move(parts));
        } else if (!IsStopWord(parts[0]) && parts[0].find('-') == std::string::npos) {
          std::string term = "Z" + Stemmer()(parts[0]);
          if (!known(term)) terms->synonyms.push_back(std::move(term));
        }
      }
    }
  }
}

void DropFrequentTerms(const Xapian::Database& db, double max_ratio, ClaimTerms* terms) {
  const double limit = max_ratio * static_cast<double>(db.get_doccount());
  std::string rarest_frequent;
  Xapian::doccount rarest_freq = 0;
  size_t kept = 0;
  auto filter = [&](std::vector<std::string>* list) {
    std::erase_if(*list, [&](const std::string& term) {
      Xapian::doccount freq = db.get_termfreq(term);
      if (freq == 0) return true;
      if (max_ratio > 0 && static_cast<double>(freq) > limit) {
        if (rarest_frequent.empty() || freq < rarest_freq) {
          rarest_frequent = term;
          rarest_freq = freq;
        }
        return true;
      }
      ++kept;
      return false;
    });
  };
  filter(&terms->names);
  filter(&terms->numbers);
  filter(&terms->words);
  if (kept == 0 && !rarest_frequent.empty()) terms->words.push_back(rarest_frequent);
}

Xapian::Query BuildQuery(const ClaimTerms& terms, const QueryOptions& options) {
  return BuildQuery(terms, options, nullptr);
}

Xapian::Query BuildQuery(const ClaimTerms& terms, const QueryOptions& options, const TermLeaf& leaf,
                         PhraseMatch phrases) {
  // One term's subquery; synonyms are always scaled (even by 1.0), as they always were.
  auto term_query = [&](const std::string& term, double weight, bool always_scale) {
    if (leaf) return leaf(term, weight);
    Xapian::Query q(term);
    return weight == 1.0 && !always_scale ? q : Xapian::Query(weight, q);
  };
  std::vector<Xapian::Query> singles;
  auto add = [&](const std::vector<std::string>& list, double weight) {
    for (const std::string& term : list) {
      if (singles.size() >= options.max_terms) return;
      singles.push_back(term_query(term, weight, false));
    }
  };
  add(terms.names, options.name_weight);
  add(terms.numbers, options.number_weight);
  add(terms.words, options.word_weight);

  Xapian::Query combined;
  if (options.elite_set_size > 0 && singles.size() > options.elite_set_size) {
    combined = Xapian::Query(Xapian::Query::OP_ELITE_SET, singles.begin(), singles.end(),
                             static_cast<Xapian::termcount>(options.elite_set_size));
  } else if (!singles.empty()) {
    combined = Xapian::Query(Xapian::Query::OP_OR, singles.begin(), singles.end());
  }
  std::vector<Xapian::Query> parts;
  if (!combined.empty()) parts.push_back(combined);
  auto add_phrases = [&](const std::vector<std::vector<std::string>>& list, double weight) {
    for (const std::vector<std::string>& phrase : list) {
      Xapian::Query q(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end(),
                      static_cast<Xapian::termcount>(phrase.size()));
      if (leaf) {
        // A phrase weighs what its words weigh together, in the passages that hold it.
        std::vector<Xapian::Query> words;
        for (const std::string& word : phrase) words.push_back(leaf(word, weight));
        Xapian::Query all(Xapian::Query::OP_AND, words.begin(), words.end());
        parts.push_back(phrases == PhraseMatch::kAllWords
                            ? all
                            : Xapian::Query(Xapian::Query::OP_FILTER, all, q));
      } else {
        parts.push_back(weight == 1.0 ? q : Xapian::Query(weight, q));
      }
    }
  };
  if (options.name_phrases) add_phrases(terms.phrases, options.phrase_weight);
  for (const std::string& term : terms.synonyms) {
    parts.push_back(term_query(term, options.synonym_weight, true));
  }
  add_phrases(terms.synonym_phrases, options.synonym_weight);

  if (parts.size() == 1) return parts[0];
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query BuildQuery(std::string_view claim_text, const QueryOptions& options) {
  return BuildQuery(AnalyzeClaim(claim_text), options);
}

}  // namespace fg
