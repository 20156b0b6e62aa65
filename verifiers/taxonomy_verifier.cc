#include "verifiers/taxonomy_verifier.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <unordered_map>

#include "src/core/quantities.h"
#include "src/core/tokenizer.h"
#include "verifiers/entailment_verifier.h"
#include "verifiers/internal/entry_title.h"

namespace fg {
namespace {

using WordSet = std::set<std::string, std::less<>>;
using Ancestry = std::unordered_map<uint32_t, int>;  // synset -> hypernym steps up (self: 0)

bool IsWord(const Token& t) { return t.type == TokenType::kWord; }

// Words that say the kind is a kind: "a type of fish".
bool IsKindWord(std::string_view w) {
  static const WordSet kWords = {"type", "kind", "sort", "species", "form", "member"};
  return kWords.contains(w);
}

struct TaxonomyClaim {
  std::string subject;  // "whale", "blue whale", "Mercury"
  std::string kind;     // "fish", "chemical element"
  Span kind_span;       // "a fish" in the claim (the article on), for the correction
  bool plural = false;  // "Whales are mammals"
};

std::optional<TaxonomyClaim> ParseClaim(std::string_view text) {
  // Most claims are turned away here, untokenized.
  if (text.find(" is a") == std::string_view::npos &&
      text.find(" are ") == std::string_view::npos) {
    return std::nullopt;
  }
  const std::vector<Token> t = Tokenize(text);
  size_t verb = 0;
  while (verb < t.size() && t[verb].lower != "is" && t[verb].lower != "are") ++verb;
  if (verb == 0 || verb > 5 || verb + 1 >= t.size() || HasNegation(t)) return std::nullopt;
  TaxonomyClaim c;
  c.plural = t[verb].lower == "are";
  size_t i = 0;
  if (t[i].lower == "the" || t[i].lower == "a" || t[i].lower == "an") ++i;
  for (; i < verb; ++i) {
    if (!IsWord(t[i])) return std::nullopt;
    if (!c.subject.empty()) c.subject += ' ';
    c.subject += t[i].text;
  }
  if (c.subject.empty()) return std::nullopt;
  size_t k = verb + 1;
  const bool article = t[k].lower == "a" || t[k].lower == "an";
  if (!c.plural && !article) return std::nullopt;
  c.kind_span.begin = t[k].span.begin;
  if (article) ++k;
  if (k + 1 < t.size() && IsKindWord(t[k].lower) && t[k + 1].lower == "of") {
    k += 2;
    if (k < t.size() && (t[k].lower == "a" || t[k].lower == "an")) ++k;
  }
  size_t end = k;
  while (end < t.size() && IsWord(t[end]) && !t[end].capitalized) ++end;
  if (end == k || end - k > 3) return std::nullopt;
  // Nothing after the kind but the sentence's end: "a mammal that lives in the sea" says more.
  for (size_t j = end; j < t.size(); ++j) {
    if (t[j].text != "." && t[j].text != "!") return std::nullopt;
  }
  c.kind = std::string(SurfaceText(text, {t[k].span.begin, t[end - 1].span.end}));
  c.kind_span.end = t[end - 1].span.end;
  return c;
}

// Every synset `synset` is, or lies under, with its distance.
Ancestry AncestorsOf(const Lexicon& lexicon, uint32_t synset) {
  constexpr int kMaxDepth = 18;
  Ancestry up{{synset, 0}};
  std::vector<uint32_t> frontier{synset};
  for (int depth = 1; depth <= kMaxDepth && !frontier.empty(); ++depth) {
    std::vector<uint32_t> next;
    for (uint32_t s : frontier) {
      for (uint32_t parent : lexicon.DirectHypernyms(s)) {
        if (up.emplace(parent, depth).second) next.push_back(parent);
      }
    }
    frontier.swap(next);
  }
  return up;
}

// The domain root the ancestry reaches, if any.
std::optional<uint32_t> DomainOf(const Ancestry& up, const std::vector<uint32_t>& domains) {
  for (uint32_t d : domains) {
    if (up.contains(d)) return d;
  }
  return std::nullopt;
}

// Where a sense of the subject and a sense of the kind branch apart: their nearest shared
// ancestor inside their domain, and the subject's branch below it.
struct Clash {
  int distance = 0;     // steps from the subject up to the shared ancestor, plus the kind's
  uint32_t branch = 0;  // the subject's ancestor right below the shared one
  bool has_branch = false;
};

// `subject_reach` and `kind_reach` bound the steps from each up to the shared ancestor.
std::optional<Clash> FindClash(const Lexicon& lexicon, const Ancestry& s_up, const Ancestry& k_up,
                               uint32_t domain, bool allow_root, int subject_reach = 5,
                               int kind_reach = 3) {
  std::optional<Clash> best;
  std::optional<uint32_t> shared;
  int shared_depth = 0;
  for (const auto& [synset, ds] : s_up) {
    auto k = k_up.find(synset);
    if (k == k_up.end() || ds > subject_reach || k->second > kind_reach) continue;
    if (ds == 0 || k->second == 0) continue;  // one lies under the other
    // Inside the domain, below its root: what hangs right under "animal" is as often a role as a
    // class ("pet", "predator", "domestic animal"). Celestial bodies have no such roles.
    if (synset == domain ? !allow_root : !AncestorsOf(lexicon, synset).contains(domain)) continue;
    const int distance = ds + k->second;
    if (!best || distance < best->distance) {
      best = Clash{distance, 0, false};
      shared = synset;
      shared_depth = ds;
    }
  }
  if (!best) return best;
  // The subject's branch: an ancestor one step below the shared one (none when the subject sits
  // right under it).
  if (shared_depth >= 2) {
    for (const auto& [synset, ds] : s_up) {
      if (ds != shared_depth - 1) continue;
      const std::vector<uint32_t> parents = lexicon.DirectHypernyms(synset);
      if (std::find(parents.begin(), parents.end(), *shared) != parents.end()) {
        best->branch = synset;
        best->has_branch = true;
        break;
      }
    }
  }
  return best;
}

// True when `text` holds `phrase` as whole words, case aside.
bool HoldsPhrase(std::string_view text, std::string_view phrase) {
  std::string lower(text);
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const auto is_alnum = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) != 0; };
  for (size_t at = lower.find(phrase); at != std::string::npos; at = lower.find(phrase, at + 1)) {
    const size_t end = at + phrase.size();
    if ((at == 0 || !is_alnum(lower[at - 1])) && (end >= lower.size() || !is_alnum(lower[end]))) {
      return true;
    }
  }
  return false;
}

// The sentence a reader would check: from the subject's own entry (its title names the subject),
// naming a class the subject's sense lies under within four steps ("whale: any of the larger
// cetacean mammals"); nullopt when the evidence holds none.
std::optional<size_t> EntrySentence(const Lexicon& lexicon,
                                    std::span<const EvidenceSentence> evidence,
                                    std::string_view subject, const Ancestry& up) {
  std::vector<std::string> classes;
  for (const auto& [synset, depth] : up) {
    if (depth < 1 || depth > 4) continue;
    for (std::string& lemma : lexicon.SynsetLemmas(synset)) classes.push_back(std::move(lemma));
  }
  for (size_t idx = 0; idx < evidence.size(); ++idx) {
    const Passage* p = evidence[idx].passage;
    if (p == nullptr || !internal::TitleNames(p->title, subject)) continue;
    const std::string_view text = evidence[idx].text();
    for (const std::string& cls : classes) {
      if (HoldsPhrase(text, cls) || HoldsPhrase(text, cls + "s")) return idx;
    }
  }
  return std::nullopt;
}

// The class of `substances` that `up` lies under, if any.
std::optional<uint32_t> SubstanceOf(const Ancestry& up, const std::vector<uint32_t>& substances) {
  for (uint32_t cls : substances) {
    if (up.contains(cls)) return cls;
  }
  return std::nullopt;
}

}  // namespace

TaxonomyVerifier::TaxonomyVerifier(const Lexicon* lexicon, TaxonomyVerifierOptions options)
    : lexicon_(lexicon), options_(options) {
  if (lexicon_ == nullptr) return;
  // Each domain's root: the sense of the word right under the given parent. Animals' classes
  // exclude each other (a mammal is no fish); plants' do not as plainly ("a rose is a flower",
  // though WordNet files it under shrubs), nor do states of matter ("steam is a gas", filed under
  // vapor) or what a substance is used as.
  // The sense of `word` right under a synset with the lemma `parent`, if any.
  const auto sense_under = [&](std::string_view word,
                               std::string_view parent) -> std::optional<uint32_t> {
    for (uint32_t sense : lexicon_->NounSenses(word)) {
      for (uint32_t p : lexicon_->DirectHypernyms(sense)) {
        const std::vector<std::string> lemmas = lexicon_->SynsetLemmas(p);
        if (std::find(lemmas.begin(), lemmas.end(), parent) != lemmas.end()) return sense;
      }
    }
    return std::nullopt;
  };
  struct Root {
    std::string_view word, parent;
    bool open;  // the root may be where two branches meet
  };
  const Root kRoots[] = {{"animal", "organism", false}, {"celestial body", "natural object", true}};
  for (const auto& [word, parent, open] : kRoots) {
    if (const std::optional<uint32_t> root = sense_under(word, parent)) {
      domains_.push_back(*root);
      if (open) domain_roots_open_.insert(*root);
    }
  }
  // Matter (the physical sense), and the kinds of substance, each the sense of its word that has
  // the given synonym (or the first).
  matter_ = sense_under("matter", "physical entity");
  const std::pair<std::string_view, std::string_view> kSubstances[] = {
      {"chemical element", "element"}, {"compound", "chemical compound"}, {"mixture", ""}};
  for (const auto& [word, synonym] : kSubstances) {
    for (uint32_t sense : lexicon_->NounSenses(word)) {
      const std::vector<std::string> lemmas = lexicon_->SynsetLemmas(sense);
      if (synonym.empty() || std::find(lemmas.begin(), lemmas.end(), synonym) != lemmas.end()) {
        substances_.push_back(sense);
        break;
      }
    }
  }
}

bool TaxonomyVerifier::AppliesTo(const Claim& claim) const {
  if (lexicon_ == nullptr) return false;
  std::optional<TaxonomyClaim> c = ParseClaim(claim.text);
  return c && !lexicon_->NounSenses(c->subject).empty() && !lexicon_->NounSenses(c->kind).empty();
}

// "a mammal", "an amphibian": the synset's first lemma with its article.
std::string TaxonomyVerifier::WithArticle(uint32_t synset) const {
  const std::vector<std::string> lemmas = lexicon_->SynsetLemmas(synset);
  if (lemmas.empty() || lemmas.front().empty()) return "";
  const std::string& kind = lemmas.front();
  const bool vowel = std::string_view("aeiou").find(kind.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + kind;
}

std::optional<Judgement> TaxonomyVerifier::Judge(const Claim& claim,
                                                 std::span<const EvidenceSentence> evidence) const {
  if (lexicon_ == nullptr) return std::nullopt;
  // Only against a knowledge base's entries, as the place expert's map.
  const bool from_a_kb = std::any_of(evidence.begin(), evidence.end(), [](const auto& ev) {
    return ev.passage != nullptr && !ev.passage->title.empty();
  });
  if (!from_a_kb) return std::nullopt;
  std::optional<TaxonomyClaim> c = ParseClaim(claim.text);
  if (!c) return std::nullopt;
  const std::vector<uint32_t> subjects = lexicon_->NounSenses(c->subject);
  const std::vector<uint32_t> kinds = lexicon_->NounSenses(c->kind);
  if (subjects.empty() || kinds.empty()) return std::nullopt;
  std::vector<Ancestry> s_up, k_up;
  for (uint32_t s : subjects) s_up.push_back(AncestorsOf(*lexicon_, s));
  for (uint32_t k : kinds) k_up.push_back(AncestorsOf(*lexicon_, k));
  Judgement j;
  j.verifier = std::string(name());
  j.confidence = options_.confidence;

  // A sense of the kind above a sense of the subject: so it is, unless that is a rarer sense and
  // the most frequent one branches off beside the kind ("dolphin" is a dolphinfish too, but "The
  // dolphin is a fish" means the cetacean).
  std::optional<size_t> supporting;
  for (size_t si = 0; si < subjects.size() && !supporting; ++si) {
    for (uint32_t k : kinds) {
      if (s_up[si].contains(k)) supporting = si;
    }
  }
  if (supporting) {
    if (std::optional<size_t> cited =
            EntrySentence(*lexicon_, evidence, c->subject, s_up[*supporting])) {
      j.evidence = {*cited};
    }
    if (*supporting > 0) {
      const std::optional<uint32_t> domain = DomainOf(s_up[0], domains_);
      for (size_t ki = 0; domain && ki < kinds.size(); ++ki) {
        if (DomainOf(k_up[ki], domains_) == domain &&
            FindClash(*lexicon_, s_up[0], k_up[ki], *domain, AllowsRoot(*domain),
                      /*subject_reach=*/8)) {
          return std::nullopt;
        }
      }
    }
    j.verdict = Verdict::kSupported;
    return j;
  }
  // A sense of the subject above a sense of the kind: the claim is about some of them.
  for (const Ancestry& up : k_up) {
    for (uint32_t s : subjects) {
      if (up.contains(s)) return std::nullopt;
    }
  }
  // An element, a compound and a mixture exclude each other: the subject's most frequent sense
  // is one, and every sense of the kind that is one of them is another.
  // The kind's sense that counts is its first material one: "gas" is first a state of matter
  // (no such kind of substance, so nothing is said), though "gasoline" is a compound.
  std::optional<uint32_t> kind_is;
  for (const Ancestry& up : k_up) {
    if (matter_ && up.contains(*matter_)) {
      kind_is = SubstanceOf(up, substances_);
      break;
    }
  }
  if (const std::optional<uint32_t> is = SubstanceOf(s_up[0], substances_)) {
    if (kind_is && *kind_is != *is) {
      j.verdict = Verdict::kRefuted;
      if (std::optional<size_t> cited = EntrySentence(*lexicon_, evidence, c->subject, s_up[0])) {
        j.evidence = {*cited};
      }
      if (const std::string kind = WithArticle(*is); !c->plural && !kind.empty()) {
        j.correction = ReplaceSpan(claim.text, c->kind_span, kind);
      }
      return j;
    }
  }
  // Every sense of the subject in a domain of the kind's must branch off close by.
  std::optional<Clash> first;
  size_t relevant = 0;
  for (size_t si = 0; si < subjects.size(); ++si) {
    const std::optional<uint32_t> domain = DomainOf(s_up[si], domains_);
    if (!domain) continue;
    // Every sense of the kind in the domain must branch apart from it: "carnivore" is an order
    // of mammals and any flesh-eating animal, and a shark is the second.
    bool shares = false;
    std::optional<Clash> clash;
    for (size_t ki = 0; ki < kinds.size(); ++ki) {
      if (DomainOf(k_up[ki], domains_) != domain) continue;
      shares = true;
      // An animal kind must be a taxon, a member of a group ("horse" of genus Equus): a role
      // ("pollinator", an insect that carries pollen) crosses the classes.
      if (!AllowsRoot(*domain) && !lexicon_->IsMemberOfGroup(kinds[ki])) return std::nullopt;
      std::optional<Clash> here =
          FindClash(*lexicon_, s_up[si], k_up[ki], *domain, AllowsRoot(*domain));
      if (!here) return std::nullopt;
      if (!clash || here->distance < clash->distance) clash = here;
    }
    if (!shares) continue;
    ++relevant;
    if (!first) {
      first = clash;
      if (std::optional<size_t> cited = EntrySentence(*lexicon_, evidence, c->subject, s_up[si])) {
        j.evidence = {*cited};
      }
    }
  }
  if (relevant == 0) return std::nullopt;
  j.verdict = Verdict::kRefuted;
  if (const std::string kind = first->has_branch ? WithArticle(first->branch) : "";
      !c->plural && !kind.empty()) {
    j.correction = ReplaceSpan(claim.text, c->kind_span, kind);
  }
  return j;
}

}  // namespace fg
