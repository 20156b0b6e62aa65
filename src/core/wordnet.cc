#include "src/core/wordnet.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <functional>
#include <span>
#include <utility>

namespace fg {
namespace {

constexpr const char* kPosNames[4] = {"noun", "verb", "adj", "adv"};

int PosIndex(char pos) {
  switch (pos) {
    case 'n':
      return 0;
    case 'v':
      return 1;
    case 'a':
    case 's':
      return 2;
    case 'r':
      return 3;
    default:
      return -1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// Lowercase ASCII, underscores to spaces, outer blanks removed: the form lemmas are keyed by.
std::string Normalize(std::string_view word) {
  word = Trim(word);
  std::string out(word);
  for (char& c : out) {
    if (c == '_') {
      c = ' ';
    } else if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// Drops an adjective syntactic marker: "galore(ip)" -> "galore".
std::string_view StripMarker(std::string_view word) {
  if (!word.empty() && word.back() == ')') {
    size_t open = word.rfind('(');
    if (open != std::string_view::npos && open > 0) return word.substr(0, open);
  }
  return word;
}

// Splits a line into space-separated fields.
class Fields {
 public:
  explicit Fields(std::string_view text) : rest_(text) {}
  bool Next(std::string_view& field) {
    while (!rest_.empty() && rest_.front() == ' ') rest_.remove_prefix(1);
    if (rest_.empty()) return false;
    size_t end = rest_.find(' ');
    if (end == std::string_view::npos) end = rest_.size();
    field = rest_.substr(0, end);
    rest_.remove_prefix(end);
    return true;
  }
  bool NextNumber(uint32_t& value, int base) {
    std::string_view field;
    if (!Next(field)) return false;
    auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), value, base);
    return ec == std::errc() && ptr == field.data() + field.size();
  }

 private:
  std::string_view rest_;
};

struct RawPointer {
  std::string_view symbol;
  uint32_t offset = 0;
  char pos = 'n';
  uint32_t source = 0;  // word number in this synset, 0 for the whole synset
  uint32_t target = 0;  // word number in the target synset, 0 for the whole synset
};

struct RawSynset {
  uint32_t offset = 0;
  char type = 'n';
  std::vector<std::string_view> words;  // as in the file: underscores, markers stripped
  std::vector<RawPointer> pointers;
  std::string_view gloss;
};

// Parses one data.<pos> line: "offset lex_filenum ss_type w_cnt word lex_id ... p_cnt
// [symbol offset pos source/target]... [frames] | gloss". Reuses `out`'s vectors.
bool ParseDataLine(std::string_view line, RawSynset& out) {
  out.words.clear();
  out.pointers.clear();
  size_t bar = line.find('|');
  out.gloss = bar == std::string_view::npos ? std::string_view() : Trim(line.substr(bar + 1));
  Fields fields(line.substr(0, bar));
  std::string_view field;
  uint32_t ignored = 0;
  uint32_t count = 0;
  if (!fields.NextNumber(out.offset, 10) || !fields.NextNumber(ignored, 10)) return false;
  if (!fields.Next(field) || field.size() != 1 || PosIndex(field[0]) < 0) return false;
  out.type = field[0];
  if (!fields.NextNumber(count, 16) || count == 0) return false;
  for (uint32_t i = 0; i < count; ++i) {
    if (!fields.Next(field)) return false;
    out.words.push_back(StripMarker(field));
    if (!fields.NextNumber(ignored, 16)) return false;
  }
  if (!fields.NextNumber(count, 10)) return false;
  for (uint32_t i = 0; i < count; ++i) {
    RawPointer pointer;
    std::string_view pos;
    std::string_view source_target;
    if (!fields.Next(pointer.symbol) || !fields.NextNumber(pointer.offset, 10) ||
        !fields.Next(pos) || pos.size() != 1 || PosIndex(pos[0]) < 0 ||
        !fields.Next(source_target) || source_target.size() != 4) {
      return false;
    }
    pointer.pos = pos[0];
    uint32_t st = 0;
    auto [ptr, ec] = std::from_chars(source_target.data(), source_target.data() + 4, st, 16);
    if (ec != std::errc() || ptr != source_target.data() + 4) return false;
    pointer.source = st >> 8;
    pointer.target = st & 0xff;
    out.pointers.push_back(pointer);
  }
  return true;
}

// Opens dir/name, or says which file is missing.
Status OpenFile(const std::string& dir, const std::string& name, std::ifstream& in) {
  std::string path = dir + "/" + name;
  in.open(path);
  if (!in) return Status::NotFound("WordNet file not found or unreadable: " + path);
  return Status::Ok();
}

Status Malformed(const std::string& dir, const std::string& name, size_t line_number) {
  return Status::InvalidArgument("malformed WordNet line " + std::to_string(line_number) + " in " +
                                 dir + "/" + name);
}

// Header lines of data and index files start with two spaces.
bool IsHeader(std::string_view line) { return line.empty() || line.front() == ' '; }

struct Rule {
  std::string_view suffix;
  std::string_view ending;
};

// WordNet's detachment rules (morph.c), per part of speech.
constexpr Rule kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                               {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

}  // namespace

Status ForEachSynset(const std::string& dir, char pos,
                     const std::function<void(const Synset&)>& callback) {
  const int index = PosIndex(pos);
  if (index < 0 || pos == 's') {
    return Status::InvalidArgument(std::string("unknown WordNet part of speech: ") + pos);
  }
  const std::string name = std::string("data.") + kPosNames[index];
  std::ifstream in;
  if (Status status = OpenFile(dir, name, in); !status.ok()) return status;
  std::string line;
  RawSynset raw;
  Synset synset;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (IsHeader(line)) continue;
    if (!ParseDataLine(line, raw)) return Malformed(dir, name, line_number);
    synset.offset = raw.offset;
    synset.pos = raw.type;
    synset.lemmas.clear();
    for (std::string_view word : raw.words) {
      std::string lemma(word);
      std::replace(lemma.begin(), lemma.end(), '_', ' ');
      synset.lemmas.push_back(std::move(lemma));
    }
    synset.gloss.assign(raw.gloss);
    synset.hypernyms.clear();
    for (const RawPointer& pointer : raw.pointers) {
      if (pointer.symbol == "@" || pointer.symbol == "@i") {
        synset.hypernyms.push_back(pointer.offset);
      }
    }
    callback(synset);
  }
  return Status::Ok();
}

Result<std::shared_ptr<const Lexicon>> Lexicon::Load(const std::string& dir) {
  std::shared_ptr<Lexicon> lex(new Lexicon());
  auto intern = [&lex](std::string key) -> uint32_t {
    auto [it, inserted] = lex->lemma_ids_.try_emplace(std::move(key), 0);
    if (inserted) {
      it->second = static_cast<uint32_t>(lex->lemma_names_.size());
      lex->lemma_names_.push_back(&it->first);
      lex->lemma_pos_mask_.push_back(0);
    }
    return it->second;
  };

  // Synsets from the data files. Pointers are resolved once every file is read, since they may
  // cross parts of speech.
  struct PendingHypernym {
    uint32_t synset;
    int pos;
    uint32_t offset;
  };
  // A lexical (word-to-word) pointer: an antonym, or a derivational or pertainym link.
  struct PendingAntonym {
    uint32_t source_lemma;
    int pos;
    uint32_t offset;
    uint32_t target_word;
    bool antonym;
  };
  std::vector<std::pair<uint32_t, uint32_t>> by_offset[4];  // (offset, synset), sorted by offset
  std::vector<PendingHypernym> hypernyms;
  std::vector<PendingHypernym> holonyms;  // part holonyms ('#p'), collected the same way
  std::vector<PendingAntonym> antonyms;
  std::string line;
  RawSynset raw;
  for (int pos = 0; pos < 4; ++pos) {
    const std::string name = std::string("data.") + kPosNames[pos];
    std::ifstream in;
    if (Status status = OpenFile(dir, name, in); !status.ok()) return status;
    size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (IsHeader(line)) continue;
      if (!ParseDataLine(line, raw)) return Malformed(dir, name, line_number);
      const auto synset = static_cast<uint32_t>(lex->synset_pos_.size());
      lex->synset_pos_.push_back(static_cast<uint8_t>(pos));
      if (!by_offset[pos].empty() && by_offset[pos].back().first >= raw.offset) {
        return Malformed(dir, name, line_number);  // offsets must increase through the file
      }
      by_offset[pos].emplace_back(raw.offset, synset);
      const auto first_lemma = static_cast<uint32_t>(lex->synset_lemmas_.size());
      lex->synset_lemma_start_.push_back(first_lemma);
      for (std::string_view word : raw.words) {
        const uint32_t lemma = intern(Normalize(word));
        lex->lemma_pos_mask_[lemma] |= static_cast<uint8_t>(1 << pos);
        lex->synset_lemmas_.push_back(lemma);
      }
      lex->synset_is_member_.push_back(
          std::any_of(raw.pointers.begin(), raw.pointers.end(),
                      [](const RawPointer& pointer) { return pointer.symbol == "#m"; }));
      for (const RawPointer& pointer : raw.pointers) {
        if (pointer.symbol == "@i" && !raw.words.empty() && !lex->instance_names_.count(synset)) {
          std::string display(raw.words.front());
          std::replace(display.begin(), display.end(), '_', ' ');
          lex->instance_names_.emplace(synset, std::move(display));
        }
        if (pointer.symbol == "@" || pointer.symbol == "@i") {
          hypernyms.push_back({synset, PosIndex(pointer.pos), pointer.offset});
        } else if (pointer.symbol == "#p") {
          holonyms.push_back({synset, PosIndex(pointer.pos), pointer.offset});
        } else if ((pointer.symbol == "!" || pointer.symbol == "+" || pointer.symbol == "\\") &&
                   pointer.source >= 1 && pointer.source <= raw.words.size() &&
                   pointer.target >= 1) {
          antonyms.push_back({lex->synset_lemmas_[first_lemma + pointer.source - 1],
                              PosIndex(pointer.pos), pointer.offset, pointer.target,
                              pointer.symbol == "!"});
        }
      }
    }
  }
  const auto synset_count = static_cast<uint32_t>(lex->synset_pos_.size());
  lex->synset_lemma_start_.push_back(static_cast<uint32_t>(lex->synset_lemmas_.size()));

  auto find_synset = [&by_offset](int pos, uint32_t offset) -> uint32_t {
    const auto& table = by_offset[pos];
    auto it = std::lower_bound(table.begin(), table.end(), std::make_pair(offset, uint32_t{0}));
    return it != table.end() && it->first == offset ? it->second : UINT32_MAX;
  };

  // Hypernyms were collected in synset order.
  size_t next = 0;
  for (uint32_t synset = 0; synset < synset_count; ++synset) {
    lex->synset_hypernym_start_.push_back(static_cast<uint32_t>(lex->synset_hypernyms_.size()));
    for (; next < hypernyms.size() && hypernyms[next].synset == synset; ++next) {
      const uint32_t target = find_synset(hypernyms[next].pos, hypernyms[next].offset);
      if (target != UINT32_MAX) lex->synset_hypernyms_.push_back(target);
    }
  }
  lex->synset_hypernym_start_.push_back(static_cast<uint32_t>(lex->synset_hypernyms_.size()));

  // Part holonyms, likewise; their targets have parts.
  lex->synset_has_meronym_.assign(synset_count, 0);
  next = 0;
  for (uint32_t synset = 0; synset < synset_count; ++synset) {
    lex->synset_holonym_start_.push_back(static_cast<uint32_t>(lex->synset_holonyms_.size()));
    for (; next < holonyms.size() && holonyms[next].synset == synset; ++next) {
      const uint32_t target = find_synset(holonyms[next].pos, holonyms[next].offset);
      if (target == UINT32_MAX) continue;
      lex->synset_holonyms_.push_back(target);
      lex->synset_has_meronym_[target] = 1;
    }
  }
  lex->synset_holonym_start_.push_back(static_cast<uint32_t>(lex->synset_holonyms_.size()));

  for (const PendingAntonym& antonym : antonyms) {
    const uint32_t target = find_synset(antonym.pos, antonym.offset);
    if (target == UINT32_MAX) continue;
    const uint32_t begin = lex->synset_lemma_start_[target];
    const uint32_t end = lex->synset_lemma_start_[target + 1];
    if (begin + antonym.target_word - 1 >= end) continue;
    const uint64_t a = antonym.source_lemma;
    const uint64_t b = lex->synset_lemmas_[begin + antonym.target_word - 1];
    if (a == b) continue;
    std::vector<uint64_t>& pairs = antonym.antonym ? lex->antonyms_ : lex->derivations_;
    pairs.push_back(a << 32 | b);
    pairs.push_back(b << 32 | a);
  }
  for (std::vector<uint64_t>* pairs : {&lex->antonyms_, &lex->derivations_}) {
    std::sort(pairs->begin(), pairs->end());
    pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
  }

  // Lemma -> synsets in sense order, from the index files ("lemma pos synset_cnt p_cnt
  // [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...").
  std::vector<std::pair<uint32_t, uint32_t>> senses;  // (lemma, synset) in reading order
  for (int pos = 0; pos < 4; ++pos) {
    const std::string name = std::string("index.") + kPosNames[pos];
    std::ifstream in;
    if (Status status = OpenFile(dir, name, in); !status.ok()) return status;
    size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (IsHeader(line)) continue;
      Fields fields(line);
      std::string_view lemma_text;
      std::string_view field;
      uint32_t synset_cnt = 0;
      uint32_t pointer_cnt = 0;
      uint32_t ignored = 0;
      if (!fields.Next(lemma_text) || !fields.Next(field) || !fields.NextNumber(synset_cnt, 10) ||
          !fields.NextNumber(pointer_cnt, 10)) {
        return Malformed(dir, name, line_number);
      }
      for (uint32_t i = 0; i < pointer_cnt; ++i) {
        if (!fields.Next(field)) return Malformed(dir, name, line_number);
      }
      if (!fields.NextNumber(ignored, 10) || !fields.NextNumber(ignored, 10)) {
        return Malformed(dir, name, line_number);
      }
      const uint32_t lemma = intern(Normalize(lemma_text));
      lex->lemma_pos_mask_[lemma] |= static_cast<uint8_t>(1 << pos);
      for (uint32_t i = 0; i < synset_cnt; ++i) {
        uint32_t offset = 0;
        if (!fields.NextNumber(offset, 10)) return Malformed(dir, name, line_number);
        const uint32_t synset = find_synset(pos, offset);
        if (synset != UINT32_MAX) senses.emplace_back(lemma, synset);
      }
    }
  }
  // A counting sort keeps each lemma's senses in reading order.
  const auto lemma_count = static_cast<uint32_t>(lex->lemma_names_.size());
  lex->lemma_synset_start_.assign(lemma_count + 1, 0);
  for (const auto& sense : senses) ++lex->lemma_synset_start_[sense.first + 1];
  for (uint32_t i = 0; i < lemma_count; ++i) {
    lex->lemma_synset_start_[i + 1] += lex->lemma_synset_start_[i];
  }
  lex->lemma_synsets_.resize(senses.size());
  std::vector<uint32_t> fill(lex->lemma_synset_start_.begin(), lex->lemma_synset_start_.end() - 1);
  for (const auto& sense : senses) lex->lemma_synsets_[fill[sense.first]++] = sense.second;

  // Irregular inflections: "inflected base [base...]".
  for (int pos = 0; pos < 4; ++pos) {
    const std::string name = std::string(kPosNames[pos]) + ".exc";
    std::ifstream in;
    if (Status status = OpenFile(dir, name, in); !status.ok()) return status;
    while (std::getline(in, line)) {
      Fields fields(line);
      std::string_view inflected;
      std::string_view base;
      if (!fields.Next(inflected)) continue;
      std::vector<uint32_t> bases;
      while (fields.Next(base)) {
        const uint32_t lemma = lex->FindLemma(Normalize(base));
        if (lemma != kNoLemma && lex->HasPos(lemma, pos)) bases.push_back(lemma);
      }
      if (!bases.empty()) lex->exceptions_[pos].emplace(Normalize(inflected), std::move(bases));
    }
  }
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

uint32_t Lexicon::FindLemma(std::string_view normalized) const {
  auto it = lemma_ids_.find(normalized);
  return it == lemma_ids_.end() ? kNoLemma : it->second;
}

bool Lexicon::HasPos(uint32_t lemma, int pos_index) const {
  return (lemma_pos_mask_[lemma] >> pos_index) & 1;
}

void Lexicon::Morphy(const std::string& normalized, int pos_index,
                     std::vector<uint32_t>& out) const {
  std::span<const Rule> rules;
  if (pos_index == 0) rules = kNounRules;
  if (pos_index == 1) rules = kVerbRules;
  if (pos_index == 2) rules = kAdjRules;
  std::string candidate;
  for (const Rule& rule : rules) {
    if (normalized.size() <= rule.suffix.size() || !normalized.ends_with(rule.suffix)) continue;
    candidate.assign(normalized, 0, normalized.size() - rule.suffix.size());
    candidate.append(rule.ending);
    const uint32_t lemma = FindLemma(candidate);
    if (lemma != kNoLemma && HasPos(lemma, pos_index)) out.push_back(lemma);
  }
}

std::vector<uint32_t> Lexicon::Resolve(std::string_view word, bool all_tiers) const {
  std::vector<uint32_t> ids;
  const std::string normalized = Normalize(word);
  if (normalized.empty()) return ids;
  // Tiers: the word itself; its irregular forms; the detachment rules. Normally the first
  // non-empty tier wins, which keeps "is" from becoming the noun "i".
  if (const uint32_t self = FindLemma(normalized); self != kNoLemma) {
    ids.push_back(self);
    if (!all_tiers) return ids;
  }
  for (int pos = 0; pos < 4; ++pos) {
    auto it = exceptions_[pos].find(normalized);
    if (it != exceptions_[pos].end()) ids.insert(ids.end(), it->second.begin(), it->second.end());
  }
  if (ids.empty() || all_tiers) {
    for (int pos = 0; pos < 3; ++pos) Morphy(normalized, pos, ids);
  }
  // Remove duplicates, keeping first occurrences (the preferred part of speech first).
  std::vector<uint32_t> unique;
  for (uint32_t id : ids) {
    if (std::find(unique.begin(), unique.end(), id) == unique.end()) unique.push_back(id);
  }
  return unique;
}

bool Lexicon::Contains(std::string_view word) const {
  return FindLemma(Normalize(word)) != kNoLemma;
}

bool Lexicon::AreSynonyms(std::string_view a, std::string_view b) const {
  const std::vector<uint32_t> as = Resolve(a);
  const std::vector<uint32_t> bs = Resolve(b);
  for (uint32_t lemma : as) {
    if (std::find(bs.begin(), bs.end(), lemma) != bs.end()) return true;
    for (uint32_t i = lemma_synset_start_[lemma]; i < lemma_synset_start_[lemma + 1]; ++i) {
      const uint32_t synset = lemma_synsets_[i];
      for (uint32_t j = synset_lemma_start_[synset]; j < synset_lemma_start_[synset + 1]; ++j) {
        if (std::find(bs.begin(), bs.end(), synset_lemmas_[j]) != bs.end()) return true;
      }
    }
  }
  return false;
}

bool Lexicon::AreAntonyms(std::string_view a, std::string_view b) const {
  // Every tier: "larger" is a lemma of its own without antonyms, its base "large" has one.
  const std::vector<uint32_t> bs = Resolve(b, /*all_tiers=*/true);
  for (uint64_t x : Resolve(a, /*all_tiers=*/true)) {
    for (uint64_t y : bs) {
      if (std::binary_search(antonyms_.begin(), antonyms_.end(), x << 32 | y)) return true;
    }
  }
  return false;
}

std::vector<uint32_t> Lexicon::AntonymIds(std::string_view a) const {
  std::vector<uint32_t> ids;
  for (uint64_t x : Resolve(a, /*all_tiers=*/true)) {
    for (auto it = std::lower_bound(antonyms_.begin(), antonyms_.end(), x << 32);
         it != antonyms_.end() && (*it >> 32) == x; ++it) {
      ids.push_back(static_cast<uint32_t>(*it & 0xFFFFFFFFu));
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool Lexicon::HasAntonymIn(const std::vector<uint32_t>& antonym_ids, std::string_view b) const {
  if (antonym_ids.empty()) return false;
  for (uint32_t y : Resolve(b, /*all_tiers=*/true)) {
    if (std::binary_search(antonym_ids.begin(), antonym_ids.end(), y)) return true;
  }
  return false;
}

std::vector<std::string> Lexicon::RelatedForms(std::string_view word, size_t max) const {
  std::vector<std::string> out;
  for (uint64_t lemma : Resolve(word)) {
    auto it = std::lower_bound(derivations_.begin(), derivations_.end(), lemma << 32);
    for (; it != derivations_.end() && (*it >> 32) == lemma && out.size() < max; ++it) {
      const std::string& form = *lemma_names_[static_cast<uint32_t>(*it & 0xFFFFFFFFu)];
      if (std::find(out.begin(), out.end(), form) == out.end()) out.push_back(form);
    }
  }
  return out;
}

void Lexicon::WalkHypernyms(std::string_view word, int max_depth,
                            const std::function<bool(uint32_t)>& visit) const {
  std::vector<uint32_t> senses;
  for (uint32_t lemma : Resolve(word)) {
    for (uint32_t i = lemma_synset_start_[lemma]; i < lemma_synset_start_[lemma + 1]; ++i) {
      senses.push_back(lemma_synsets_[i]);
    }
  }
  WalkHypernymsOf(std::move(senses), max_depth, visit);
}

void Lexicon::WalkHypernymsOf(std::vector<uint32_t> frontier, int max_depth,
                              const std::function<bool(uint32_t)>& visit) const {
  std::vector<uint32_t> seen = frontier;
  std::vector<uint32_t> next;
  for (int depth = 0; depth < max_depth && !frontier.empty(); ++depth) {
    next.clear();
    for (uint32_t synset : frontier) {
      for (uint32_t i = synset_hypernym_start_[synset]; i < synset_hypernym_start_[synset + 1];
           ++i) {
        const uint32_t parent = synset_hypernyms_[i];
        if (std::find(seen.begin(), seen.end(), parent) != seen.end()) continue;
        seen.push_back(parent);
        if (!visit(parent)) return;
        next.push_back(parent);
      }
    }
    frontier.swap(next);
  }
}

bool Lexicon::IsHypernymOf(std::string_view general, std::string_view specific,
                           int max_depth) const {
  const std::vector<uint32_t> targets = Resolve(general);
  if (targets.empty()) return false;
  bool found = false;
  WalkHypernyms(specific, max_depth, [&](uint32_t parent) {
    for (uint32_t j = synset_lemma_start_[parent]; j < synset_lemma_start_[parent + 1]; ++j) {
      if (std::find(targets.begin(), targets.end(), synset_lemmas_[j]) != targets.end()) {
        found = true;
      }
    }
    return !found;
  });
  return found;
}

std::vector<std::string> Lexicon::Hypernyms(std::string_view word, int max_depth,
                                            size_t max) const {
  std::vector<std::string> out;
  if (max == 0) return out;
  WalkHypernyms(word, max_depth, [&](uint32_t parent) {
    for (uint32_t j = synset_lemma_start_[parent]; j < synset_lemma_start_[parent + 1]; ++j) {
      const std::string& name = *lemma_names_[synset_lemmas_[j]];
      if (out.size() < max && std::find(out.begin(), out.end(), name) == out.end()) {
        out.push_back(name);
      }
    }
    return out.size() < max;
  });
  return out;
}

std::string Lexicon::BaseForm(std::string_view word) const {
  const std::vector<uint32_t> ids = Resolve(word);
  return ids.empty() ? Normalize(word) : *lemma_names_[ids.front()];
}

std::vector<std::string> Lexicon::Synonyms(std::string_view word, size_t max) const {
  std::vector<std::string> out;
  const std::vector<uint32_t> ids = Resolve(word);
  std::vector<uint32_t> seen = ids;
  for (uint32_t lemma : ids) {
    for (uint32_t i = lemma_synset_start_[lemma]; i < lemma_synset_start_[lemma + 1]; ++i) {
      const uint32_t synset = lemma_synsets_[i];
      for (uint32_t j = synset_lemma_start_[synset]; j < synset_lemma_start_[synset + 1]; ++j) {
        if (out.size() >= max) return out;
        const uint32_t other = synset_lemmas_[j];
        if (std::find(seen.begin(), seen.end(), other) != seen.end()) continue;
        seen.push_back(other);
        out.push_back(*lemma_names_[other]);
      }
    }
  }
  return out;
}

std::vector<uint32_t> Lexicon::NounSenses(std::string_view word) const {
  std::vector<uint32_t> out;
  for (uint32_t lemma : Resolve(word)) {
    for (uint32_t i = lemma_synset_start_[lemma]; i < lemma_synset_start_[lemma + 1]; ++i) {
      const uint32_t synset = lemma_synsets_[i];
      if (synset_pos_[synset] == 0 && std::find(out.begin(), out.end(), synset) == out.end()) {
        out.push_back(synset);
      }
    }
  }
  return out;
}

bool Lexicon::IsMemberOfGroup(uint32_t synset) const {
  return synset < synset_is_member_.size() && synset_is_member_[synset] != 0;
}

std::vector<uint32_t> Lexicon::DirectHypernyms(uint32_t synset) const {
  if (synset >= synset_pos_.size()) return {};
  return std::vector<uint32_t>(synset_hypernyms_.begin() + synset_hypernym_start_[synset],
                               synset_hypernyms_.begin() + synset_hypernym_start_[synset + 1]);
}

std::vector<uint32_t> Lexicon::Places(std::string_view name) const {
  std::vector<uint32_t> out;
  const uint32_t lemma = FindLemma(Normalize(name));
  if (lemma == kNoLemma) return out;
  for (uint32_t i = lemma_synset_start_[lemma]; i < lemma_synset_start_[lemma + 1]; ++i) {
    const uint32_t synset = lemma_synsets_[i];
    const bool located = synset_holonym_start_[synset] < synset_holonym_start_[synset + 1] ||
                         synset_has_meronym_[synset] != 0;
    if (located && instance_names_.count(synset)) out.push_back(synset);
  }
  return out;
}

Lexicon::PlaceKind Lexicon::KindOf(uint32_t place) const {
  // The nearest kind word above the place; a synset naming two ("country, state, land") is the
  // larger.
  constexpr std::pair<std::string_view, PlaceKind> kKinds[] = {
      {"continent", PlaceKind::kContinent}, {"country", PlaceKind::kCountry},
      {"state", PlaceKind::kState},         {"province", PlaceKind::kState},
      {"city", PlaceKind::kCity},           {"town", PlaceKind::kCity},
      {"capital", PlaceKind::kCity}};
  PlaceKind found = PlaceKind::kOther;
  WalkHypernymsOf({place}, 5, [&](uint32_t parent) {
    for (const auto& [word, kind] : kKinds) {
      for (uint32_t j = synset_lemma_start_[parent]; j < synset_lemma_start_[parent + 1]; ++j) {
        if (*lemma_names_[synset_lemmas_[j]] == word) {
          found = kind;
          return false;
        }
      }
    }
    return true;
  });
  return found;
}

void Lexicon::WalkWholes(uint32_t place, int max_depth,
                         const std::function<WalkStep(uint32_t)>& visit) const {
  if (place >= synset_pos_.size()) return;
  std::vector<uint32_t> frontier = {place};
  std::vector<uint32_t> seen = frontier;
  std::vector<uint32_t> next;
  for (int depth = 0; !frontier.empty(); ++depth) {
    next.clear();
    for (uint32_t synset : frontier) {
      const WalkStep step = visit(synset);
      if (step == WalkStep::kStop) return;
      if (step == WalkStep::kNotAbove || depth == max_depth) continue;
      for (uint32_t i = synset_holonym_start_[synset]; i < synset_holonym_start_[synset + 1]; ++i) {
        const uint32_t whole = synset_holonyms_[i];
        if (std::find(seen.begin(), seen.end(), whole) != seen.end()) continue;
        seen.push_back(whole);
        next.push_back(whole);
      }
    }
    frontier.swap(next);
  }
}

std::optional<uint32_t> Lexicon::EnclosingOfKind(uint32_t place, PlaceKind kind,
                                                 int max_depth) const {
  if (kind == PlaceKind::kOther) return std::nullopt;
  // Not past a place of the kind: Paris's city is Paris.
  std::vector<uint32_t> found;
  WalkWholes(place, max_depth, [&](uint32_t synset) {
    if (KindOf(synset) != kind) return WalkStep::kUp;
    if (std::find(found.begin(), found.end(), synset) == found.end()) found.push_back(synset);
    return WalkStep::kNotAbove;
  });
  if (found.size() != 1) return std::nullopt;
  return found.front();
}

bool Lexicon::Within(uint32_t part, uint32_t whole, int max_depth) const {
  bool within = false;
  WalkWholes(part, max_depth, [&](uint32_t synset) {
    within = synset == whole;
    return within ? WalkStep::kStop : WalkStep::kUp;
  });
  return within;
}

std::string Lexicon::PlaceName(uint32_t place) const {
  auto it = instance_names_.find(place);
  return it == instance_names_.end() ? std::string() : it->second;
}

std::vector<std::string> Lexicon::SynsetLemmas(uint32_t place) const {
  std::vector<std::string> out;
  if (place >= synset_pos_.size()) return out;
  for (uint32_t i = synset_lemma_start_[place]; i < synset_lemma_start_[place + 1]; ++i) {
    out.push_back(*lemma_names_[synset_lemmas_[i]]);
  }
  return out;
}

}  // namespace fg
