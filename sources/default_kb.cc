#include "sources/default_kb.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

#include "src/core/wordnet.h"

namespace fg {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Collapses blank runs to one space and removes blanks before closing punctuation and after '('.
std::string TidySpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ' && out.back() != '(') out.push_back(' ');
      continue;
    }
    if ((c == ',' || c == ';' || c == '.' || c == ':' || c == ')') && !out.empty() &&
        out.back() == ' ') {
      out.pop_back();
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// ---- GCIDE ----------------------------------------------------------------------------------

// dictd's base64 numbers: digits A-Z a-z 0-9 + /, most significant first.
bool DecodeDictNumber(std::string_view text, uint64_t& value) {
  if (text.empty() || text.size() > 10) return false;
  value = 0;
  for (char c : text) {
    int digit;
    if (c >= 'A' && c <= 'Z') {
      digit = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      digit = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      digit = c - '0' + 52;
    } else if (c == '+') {
      digit = 62;
    } else if (c == '/') {
      digit = 63;
    } else {
      return false;
    }
    value = value * 64 + static_cast<uint64_t>(digit);
  }
  return true;
}

// Replacement for a GCIDE character code such as "=a" (ā) or "ae" (æ), or nullopt-like false
// when `code` (the text between brackets) is not one.
bool DecodeCharacterCode(std::string_view code, std::string& out) {
  static const std::map<std::string_view, std::string_view> kNamed = {
      {"ae", "ae"},         {"AE", "AE"},     {"oe", "oe"},       {"OE", "OE"},
      {"imac", "i"},        {"eth", "th"},    {"th", "th"},       {"thorn", "th"},
      {"ng", "ng"},         {"yogh", "y"},    {"deg", "\u00b0"},  {"sect", "\u00a7"},
      {"pounds", "\u00a3"}, {"root", ""},     {"add", ""},        {"asl", ""},
      {"udd", ""},          {"dsdot", ""},    {"bprime", ""},     {"prime", ""},
      {"alpha", "alpha"},   {"beta", "beta"}, {"gamma", "gamma"}, {"delta", "delta"},
      {"Delta", "Delta"},   {"phi", "phi"},   {"pi", "pi"},       {"omega", "omega"}};
  if (auto it = kNamed.find(code); it != kNamed.end()) {
    out.append(it->second);
    return true;
  }
  // Umlauts: "aum", "oum", "uum" ...
  if (code.size() == 3 && IsAsciiLetter(code[0]) && code.substr(1) == "um") {
    out.push_back(code[0]);
    return true;
  }
  // A letter or two with diacritic marks: "=a", "a^", "'e", "~n", "=oo", ",c". Labels such as
  // "R." or "F." end with a period and are not codes.
  if (code.empty() || code.size() > 4 || code.back() == '.') return false;
  std::string letters;
  bool has_mark = false;
  for (char c : code) {
    if (IsAsciiLetter(c)) {
      letters.push_back(c);
    } else if (std::string_view("=.^'`~\"-,*").find(c) != std::string_view::npos) {
      has_mark = true;
    } else {
      return false;
    }
  }
  if (!has_mark || letters.empty() || letters.size() > 2) return false;
  out.append(letters);
  return true;
}

std::string DecodeCharacterCodes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      const size_t close = text.find(']', i + 1);
      if (close != std::string_view::npos && close - i <= 8) {
        std::string_view code = text.substr(i + 1, close - i - 1);
        if (code.find_first_of(" [") == std::string_view::npos && DecodeCharacterCode(code, out)) {
          i = close;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// Removes balanced groups opened by `open` and closed by `close`; an unmatched bracket is dropped
// alone so a stray character cannot swallow the rest of the text.
std::string RemoveGroups(std::string_view text, char open, char close) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == open) {
      int depth = 0;
      size_t j = i;
      for (; j < text.size(); ++j) {
        if (text[j] == open) ++depth;
        if (text[j] == close && --depth == 0) break;
      }
      if (j < text.size()) i = j;
      continue;
    }
    if (text[i] == close) continue;
    out.push_back(text[i]);
  }
  return out;
}

// Removes "\A*bate"\"-style spellings and the "(pronunciation)" right after each.
std::string RemoveSpellings(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('\\', i);
    const size_t close = open == std::string_view::npos ? open : text.find('\\', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    i = close + 1;
    size_t next = i;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next < text.size() && text[next] == '(') {
      int depth = 0;
      size_t j = next;
      for (; j < text.size(); ++j) {
        if (text[j] == '(') ++depth;
        if (text[j] == ')' && --depth == 0) break;
      }
      if (j < text.size()) i = j + 1;
    }
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

// Drops a trailing literary reference ("--Shak.", "--1 Cor. ix.") from one line; keeps the
// dash of " -- said of ...".
std::string_view DropReference(std::string_view line) {
  for (size_t i = line.find("--"); i != std::string_view::npos; i = line.find("--", i + 2)) {
    const bool starts_word = i == 0 || line[i - 1] == ' ';
    const bool attached = i + 2 < line.size() && line[i + 2] != ' ' && line[i + 2] != '-';
    if (starts_word && attached) return line.substr(0, i);
  }
  return line;
}

// A line that is only a bracketed source marker: "[1913 Webster]", "[WordNet 1.5]", "[PJC]".
bool IsSourceMarker(std::string_view trimmed) {
  return trimmed.size() >= 2 && trimmed.front() == '[' && trimmed.back() == ']' &&
         trimmed.find(']') == trimmed.size() - 1;
}

// Drops the syllable and stress marks of words in braces that carry them: a run-on entry's
// "-- {Ag*gres\"sive*ly}, adv." is "-- Aggressively, adv.", whose "Ag" would otherwise read as a
// word (and as gold's symbol). Other braces ("{Cetacea}") keep their text.
std::string UnmarkBracedWords(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        const std::string_view inside = text.substr(i + 1, close - i - 1);
        if (inside.find('*') != std::string_view::npos &&
            inside.find('{') == std::string_view::npos) {
          for (char c : inside) {
            if (c != '*' && c != '"' && c != '`') out.push_back(c);
          }
          i = close;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

std::string CleanParagraph(std::string_view paragraph, bool is_head) {
  std::string text(paragraph);
  if (is_head) text = RemoveSpellings(text);
  text = UnmarkBracedWords(text);
  text = DecodeCharacterCodes(text);
  text = RemoveGroups(text, '[', ']');
  text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == '{' || c == '}'; }),
             text.end());
  return TidySpaces(text);
}

// ---- WordNet --------------------------------------------------------------------------------

// The definition part of a gloss: everything before the first quoted example.
std::string_view GlossDefinition(std::string_view gloss) {
  gloss = Trim(gloss);
  if (!gloss.empty() && gloss.front() == '"') return {};
  const size_t examples = gloss.find("; \"");
  return examples == std::string_view::npos ? gloss : Trim(gloss.substr(0, examples));
}

}  // namespace

std::string WordNetDocumentText(std::string_view title, std::string_view gloss) {
  std::string_view definition = GlossDefinition(gloss);
  while (!definition.empty() && (definition.back() == ';' || definition.back() == ' ')) {
    definition.remove_suffix(1);
  }
  std::string text(title);
  if (definition.empty()) return text + ".";
  text += ": ";
  text += definition;
  const char last = text.back();
  if (last != '.' && last != '!' && last != '?') text += '.';
  return text;
}

Status ForEachWordNetDocument(const std::string& dir, const DocumentCallback& cb) {
  for (char pos : {'n', 'v', 'a', 'r'}) {
    Status status = ForEachSynset(dir, pos, [&](const Synset& synset) {
      Document doc;
      char id[32];
      std::snprintf(id, sizeof(id), "wn:%c%08u", pos, static_cast<unsigned>(synset.offset));
      doc.id = id;
      for (const std::string& lemma : synset.lemmas) {
        if (!doc.title.empty()) doc.title += ", ";
        doc.title += lemma;
      }
      doc.text = WordNetDocumentText(doc.title, synset.gloss);
      doc.source = "wordnet";
      cb(std::move(doc));
    });
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

std::string CleanGcideEntry(std::string_view raw, std::string* headword) {
  // Split into lines; everything before the headword line ("Abate \A*bate"\ ..., v. t.") is a
  // preface (the first entry of each letter carries the letter's motto).
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < raw.size();) {
    size_t end = raw.find('\n', start);
    if (end == std::string_view::npos) end = raw.size();
    lines.push_back(raw.substr(start, end - start));
    start = end + 1;
  }
  size_t head = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].empty() && lines[i].front() != ' ' &&
        lines[i].find(" \\") != std::string_view::npos) {
      head = i;
      if (headword != nullptr) {
        *headword = TidySpaces(DecodeCharacterCodes(lines[i].substr(0, lines[i].find(" \\"))));
      }
      break;
    }
  }

  std::string out;
  std::string paragraph;
  size_t indent = 0;
  bool first = true;
  auto flush = [&]() {
    // Quotations are indented ten or more columns; senses, notes and synonyms are not.
    if (!paragraph.empty() && (first || indent < 10)) {
      std::string cleaned = CleanParagraph(paragraph, first);
      if (!cleaned.empty()) {
        if (!out.empty()) out += '\n';
        out += cleaned;
      }
    }
    if (!paragraph.empty()) first = false;
    paragraph.clear();
  };
  for (size_t i = head; i < lines.size(); ++i) {
    std::string_view trimmed = Trim(lines[i]);
    if (trimmed.empty() || IsSourceMarker(trimmed)) {
      flush();
      continue;
    }
    if (paragraph.empty()) {
      indent = lines[i].find_first_not_of(' ');
    } else {
      paragraph += ' ';
    }
    paragraph += Trim(DropReference(trimmed));
  }
  flush();
  return out;
}

Status ForEachGcideDocument(const std::string& dict_dir, const DocumentCallback& cb) {
  const std::string index_path = dict_dir + "/gcide.index";
  const std::string dict_path = dict_dir + "/gcide.dict.dz";
  std::ifstream index(index_path);
  if (!index) return Status::NotFound("GCIDE index not found or unreadable: " + index_path);

  struct Entry {
    uint64_t offset;
    uint64_t length;
    std::string headword;
  };
  std::vector<Entry> entries;
  std::string line;
  size_t line_number = 0;
  while (std::getline(index, line)) {
    ++line_number;
    if (line.empty()) continue;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    Entry entry;
    if (tab2 == std::string::npos ||
        !DecodeDictNumber(std::string_view(line).substr(tab1 + 1, tab2 - tab1 - 1), entry.offset) ||
        !DecodeDictNumber(Trim(std::string_view(line).substr(tab2 + 1)), entry.length)) {
      return Status::InvalidArgument("malformed GCIDE index line " + std::to_string(line_number) +
                                     " in " + index_path);
    }
    entry.headword = line.substr(0, tab1);
    if (entry.headword.starts_with("00-database") || entry.length == 0) continue;
    entries.push_back(std::move(entry));
  }
  // Several headwords may name one entry; read each entry once, in file order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.offset < b.offset; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& a, const Entry& b) {
                              return a.offset == b.offset && a.length == b.length;
                            }),
                entries.end());

  gzFile dict = gzopen(dict_path.c_str(), "rb");
  if (dict == nullptr) return Status::NotFound("GCIDE data not found or unreadable: " + dict_path);
  gzbuffer(dict, 1 << 17);
  std::map<std::string, int> seen_headwords;
  std::string buffer;
  uint64_t position = 0;
  Status status;
  for (const Entry& entry : entries) {
    if (entry.length > (1u << 24)) {
      status = Status::InvalidArgument("GCIDE entry too large at offset " +
                                       std::to_string(entry.offset) + " in " + index_path);
      break;
    }
    if (entry.offset != position &&
        gzseek(dict, static_cast<z_off_t>(entry.offset), SEEK_SET) < 0) {
      status = Status::Internal("cannot seek to offset " + std::to_string(entry.offset) + " in " +
                                dict_path);
      break;
    }
    buffer.resize(entry.length);
    const int read = gzread(dict, buffer.data(), static_cast<unsigned>(entry.length));
    if (read != static_cast<int>(entry.length)) {
      status = Status::Internal("short read at offset " + std::to_string(entry.offset) + " in " +
                                dict_path);
      break;
    }
    position = entry.offset + entry.length;

    std::string headword = entry.headword;
    Document doc;
    doc.text = CleanGcideEntry(buffer, &headword);
    if (doc.text.empty() || headword.empty()) continue;
    std::string key = headword;
    std::replace(key.begin(), key.end(), ' ', '_');
    const int n = ++seen_headwords[key];
    doc.id = "gcide:" + key + ":" + std::to_string(n);
    doc.title = std::move(headword);
    doc.source = "gcide";
    cb(std::move(doc));
  }
  gzclose(dict);
  return status;
}

}  // namespace fg
