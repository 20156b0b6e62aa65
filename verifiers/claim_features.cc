#include "verifiers/claim_features.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"
#include "src/core/wordnet.h"

namespace fg {
namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// Feature slots, in vector order. Keep kNames below in step.
enum F : size_t {
  kClaimTerms,
  kClaimNames,
  kClaimNumbers,
  kClaimKind,
  kClaimNegated,
  kClaimUniversal,
  kClaimHedged,
  kClaimDirection,
  kEvidenceSentences,
  kAlign0,
  kContextAlign0,
  kAlign1,
  kAlignedSentences,
  kCoverage,
  kContentCoverage,
  kExactShare,
  kSynonymShare,
  kTitleShare,
  kHeaviestMissing,
  kMissingNames,
  kNumbersMatched,
  kEvidenceNumbers,
  kSubjectInEvidence,
  kOrderedPairs,
  kSubstitution,
  kEdgeSubstitution,
  kEvidencePrecision,
  kSentenceTokens,
  kPassageCoverage,
  kNumberConflict,
  kNameConflict,
  kAllNamesMissing,
  kObjectConflict,
  kNegationMismatch,
  kEvidenceNegated,
  kAntonym,
  kEvidenceUniversal,
  kEvidenceHedged,
  kDirectionConflict,
  kClaimMoreGeneral,
  kClaimMoreSpecific,
  kAnyNegationMismatch,
  kAnyAntonym,
  kAnyNumberConflict,
  kRetrievalRank,
  kRetrievalScore,
  kLexicalSupported,
  kLexicalRefuted,
  kExpertsBegin,  // then three per expert: supports, refutes, not_enough_info
};

constexpr std::string_view kNames[] = {
    "claim_terms",         "claim_names",
    "claim_numbers",       "claim_kind",
    "claim_negated",       "claim_universal",
    "claim_hedged",        "claim_direction",
    "evidence_sentences",  "align_0",
    "context_align_0",     "align_1",
    "aligned_sentences",   "coverage",
    "content_coverage",    "exact_share",
    "synonym_share",       "title_share",
    "heaviest_missing",    "missing_names",
    "numbers_matched",     "evidence_numbers",
    "subject_in_evidence", "ordered_pairs",
    "substitution",        "edge_substitution",
    "evidence_precision",  "sentence_tokens",
    "passage_coverage",    "number_conflict",
    "name_conflict",       "all_names_missing",
    "object_conflict",     "negation_mismatch",
    "evidence_negated",    "antonym",
    "evidence_universal",  "evidence_hedged",
    "direction_conflict",  "claim_more_general",
    "claim_more_specific", "any_negation_mismatch",
    "any_antonym",         "any_number_conflict",
    "retrieval_rank",      "retrieval_score",
    "lexical_supported",   "lexical_refuted",
};
static_assert(std::size(kNames) == kExpertsBegin);

constexpr std::string_view kExperts[] = {"comparison", "temporal",  "numeric",
                                         "relation",   "existence", "entailment"};

// Lexicon::Hypernyms, remembered per thread (bounded): the same common words come back sentence
// after sentence.
const std::vector<std::string>& CachedHypernyms(const Lexicon& lexicon, const std::string& word,
                                                int depth, size_t max) {
  constexpr size_t kCacheLimit = 20000;
  thread_local std::unordered_map<std::string, std::vector<std::string>> cache;
  thread_local const Lexicon* cached_for = nullptr;
  if (cached_for != &lexicon || cache.size() >= kCacheLimit) {
    cache.clear();
    cached_for = &lexicon;
  }
  auto it = cache.find(word);
  if (it == cache.end()) it = cache.emplace(word, lexicon.Hypernyms(word, depth, max)).first;
  return it->second;
}

bool InList(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsUniversal(std::string_view w) {
  return InList(w, {"all", "every", "always", "never", "none", "each", "only", "entire", "entirely",
                    "completely", "totally", "sole", "solely", "exclusively", "any"});
}

bool IsHedge(std::string_view w) {
  return InList(
      w, {"may",      "might",   "could",     "can",       "possibly",  "possible",    "likely",
          "probably", "suggest", "suggests",  "suggested", "potential", "potentially", "perhaps",
          "some",     "unclear", "uncertain", "appear",    "appears",   "seem",        "seems"});
}

// +1 for a word saying something went up or is more, -1 for down or less, 0 otherwise.
int Direction(std::string_view w) {
  if (InList(w, {"increase",    "increases", "increased", "increasing", "rise",       "rises",
                 "rose",        "risen",     "rising",    "more",       "higher",     "greater",
                 "larger",      "bigger",    "above",     "exceed",     "exceeds",    "exceeded",
                 "grow",        "grows",     "grew",      "grown",      "growing",    "gain",
                 "gains",       "gained",    "improve",   "improves",   "improved",   "boost",
                 "boosts",      "boosted",   "raise",     "raises",     "raised",     "warming",
                 "warmer",      "most",      "highest",   "maximum",    "accelerate", "accelerated",
                 "accelerating"})) {
    return 1;
  }
  if (InList(w, {"decrease", "decreases", "decreased", "decreasing", "decline",   "declines",
                 "declined", "declining", "fall",      "falls",      "fell",      "fallen",
                 "falling",  "less",      "lower",     "fewer",      "smaller",   "below",
                 "reduce",   "reduces",   "reduced",   "reducing",   "reduction", "drop",
                 "drops",    "dropped",   "shrink",    "shrinks",    "shrank",    "lose",
                 "loses",    "lost",      "loss",      "cooling",    "cooler",    "least",
                 "lowest",   "minimum",   "slow",      "slowed",     "slowing"})) {
    return -1;
  }
  return 0;
}

struct WordSignals {
  bool negated = false, universal = false, hedged = false;
  int direction = 0;  // net sign
  int numbers = 0;
};

WordSignals SignalsOf(const std::vector<Token>& tokens, std::string_view text) {
  WordSignals s;
  s.negated = HasNegation(text);
  int dir = 0;
  for (const Token& t : tokens) {
    if (t.type == TokenType::kNumber) ++s.numbers;
    if (t.type != TokenType::kWord) continue;
    s.universal = s.universal || IsUniversal(t.lower);
    s.hedged = s.hedged || IsHedge(t.lower);
    dir += Direction(t.lower);
  }
  s.direction = (dir > 0) - (dir < 0);
  return s;
}

std::vector<std::string> TermsInOrder(const std::vector<Token>& tokens) {
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    std::string term = TermForToken(t);
    if (!term.empty()) terms.push_back(std::move(term));
  }
  return terms;
}

// Words put in another's place: a run of claim terms the sentence lacks, between two claim terms
// it has, where the sentence has other words between those two ("National Football Association"
// against "National Basketball Association", "Keith Stanfield died August 12" against "Stanfield
// born August 12", "is a short story by Charles Dickens" against "is a novel by Charles
// Dickens"). The first share is of runs inside the claim, with both neighbours found around one
// to three terms new to the claim; the second of runs at the claim's start or end, whose one
// neighbour stands next to such a term ("south of the statue" against "south of the river").
// Shares are of the claim's IDF weight.
std::pair<double, double> SubstitutedShares(const PreparedClaim& prepared,
                                            const std::vector<std::string>& claim_terms,
                                            const std::vector<std::string>& sentence_terms) {
  if (prepared.total_weight <= 0) return {0, 0};
  const std::unordered_set<std::string> in_sentence(sentence_terms.begin(), sentence_terms.end());
  const std::unordered_set<std::string> in_claim(claim_terms.begin(), claim_terms.end());
  auto share = [&](const std::string& term) {
    for (const ClaimTerm& t : prepared.terms) {
      if (t.term == term) return t.weight / prepared.total_weight;
    }
    return 0.0;
  };
  constexpr size_t kMaxGap = 3;
  // Whether the sentence has `left` then 1..kMaxGap terms new to the claim then `right`; an empty
  // `left` or `right` stands for the claim's edge (only the other side must match).
  const size_t n = sentence_terms.size();
  auto new_at = [&](size_t k) { return k < n && in_claim.count(sentence_terms[k]) == 0; };
  auto replaced = [&](const std::string* left, const std::string* right) {
    if (left == nullptr) {  // the run opens the claim: something new right before `right`
      for (size_t j = 1; j < n; ++j) {
        if (sentence_terms[j] == *right && new_at(j - 1)) return true;
      }
      return false;
    }
    for (size_t j = 0; j < n; ++j) {
      if (sentence_terms[j] != *left) continue;
      size_t k = j + 1;
      while (k - j - 1 < kMaxGap && new_at(k)) ++k;
      if (k == j + 1) continue;  // nothing new after `left`
      if (right == nullptr || (k < n && sentence_terms[k] == *right)) return true;
    }
    return false;
  };
  double inside = 0, edge = 0;
  size_t i = 0;
  while (i < claim_terms.size()) {
    if (in_sentence.count(claim_terms[i]) != 0) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < claim_terms.size() && in_sentence.count(claim_terms[i]) == 0) ++i;
    const std::string* left = begin > 0 ? &claim_terms[begin - 1] : nullptr;
    const std::string* right = i < claim_terms.size() ? &claim_terms[i] : nullptr;
    if (left == nullptr && right == nullptr) break;  // nothing of the claim in the sentence
    if (!replaced(left, right)) continue;
    double run = 0;
    for (size_t k = begin; k < i; ++k) run += share(claim_terms[k]);
    (left != nullptr && right != nullptr ? inside : edge) += run;
  }
  return {std::min(inside, 1.0), std::min(edge, 1.0)};
}

}  // namespace

ClaimFeaturizer::ClaimFeaturizer(const Aligner* aligner, const Lexicon* lexicon,
                                 const LexicalModel* lexical)
    : aligner_(aligner), lexicon_(lexicon), lexical_(lexical), entailment_(aligner, lexicon) {}

size_t ClaimFeaturizer::LexicalSupportedSlot() { return kLexicalSupported; }
size_t ClaimFeaturizer::LexicalRefutedSlot() { return kLexicalRefuted; }

const std::vector<std::string>& ClaimFeaturizer::Names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n(std::begin(kNames), std::end(kNames));
    for (std::string_view e : kExperts) {
      for (std::string_view v : {"supports", "refutes", "not_enough_info"}) {
        n.push_back(std::string(e) + "_" + std::string(v));
      }
    }
    return n;
  }();
  return names;
}

const std::vector<std::string_view>& ClaimFeaturizer::Experts() {
  static const std::vector<std::string_view> experts(std::begin(kExperts), std::end(kExperts));
  return experts;
}

std::vector<float> ClaimFeaturizer::Compute(const Claim& claim,
                                            std::span<const EvidenceSentence> evidence,
                                            std::span<const ExpertOpinion> opinions,
                                            std::vector<std::string>* lexical_keys) const {
  std::vector<float> f(Names().size(), kMissing);
  if (lexical_keys != nullptr) lexical_keys->clear();
  auto set = [&](size_t slot, double value) { f[slot] = static_cast<float>(value); };

  PreparedClaim prepared = aligner_->Prepare(claim.text);
  std::vector<Token> claim_tokens = Tokenize(claim.text);
  WordSignals claim_signals = SignalsOf(claim_tokens, claim.text);
  size_t names = 0, numbers = 0;
  for (const ClaimTerm& t : prepared.terms) {
    names += t.is_name ? 1 : 0;
    numbers += t.is_number ? 1 : 0;
  }
  set(kClaimTerms, static_cast<double>(prepared.terms.size()));
  set(kClaimNames, static_cast<double>(names));
  set(kClaimNumbers, static_cast<double>(numbers));
  set(kClaimKind, static_cast<double>(claim.kind));
  set(kClaimNegated, claim_signals.negated);
  set(kClaimUniversal, claim_signals.universal);
  set(kClaimHedged, claim_signals.hedged);
  set(kClaimDirection, claim_signals.direction);
  set(kEvidenceSentences, static_cast<double>(evidence.size()));

  for (size_t e = 0; e < std::size(kExperts); ++e) {
    size_t base = kExpertsBegin + 3 * e;
    set(base, 0);
    set(base + 1, 0);
    set(base + 2, 0);
    for (const ExpertOpinion& o : opinions) {
      if (o.expert != kExperts[e]) continue;
      size_t slot = o.verdict == Verdict::kSupported ? base
                    : o.verdict == Verdict::kRefuted ? base + 1
                                                     : base + 2;
      set(slot, o.confidence);
    }
  }
  if (evidence.empty() || prepared.terms.empty()) return f;

  set(kAlign0, evidence[0].alignment);
  set(kContextAlign0, evidence[0].context_alignment);
  if (evidence.size() > 1) set(kAlign1, evidence[1].alignment);
  size_t aligned = 0;
  for (const EvidenceSentence& ev : evidence) aligned += ev.alignment >= 0.6 ? 1 : 0;
  set(kAlignedSentences, static_cast<double>(aligned));

  // The sentence that best supports the claim among the first three (as the rule-based
  // entailment verifier picks it), and conflicts seen in any of them.
  size_t considered = std::min<size_t>(evidence.size(), 3);
  size_t best = 0;
  double best_support = -1;
  EntailmentFeatures best_f;
  bool any_negation = false, any_antonym = false, any_number = false;
  for (size_t i = 0; i < considered; ++i) {
    const EvidenceSentence& ev = evidence[i];
    EntailmentFeatures ef =
        entailment_.Features(prepared, claim.text, ev.text(), ev.passage->title);
    double support = 0.5 * ef.coverage + 0.5 * ef.content_coverage;
    any_negation = any_negation || ef.negation_mismatch;
    any_antonym = any_antonym || ef.antonym;
    any_number = any_number || ef.number_conflict;
    if (support > best_support) {
      best_support = support;
      best = i;
      best_f = ef;
    }
  }
  set(kAnyNegationMismatch, any_negation);
  set(kAnyAntonym, any_antonym);
  set(kAnyNumberConflict, any_number);
  set(kCoverage, best_f.coverage);
  set(kContentCoverage, best_f.content_coverage);
  set(kMissingNames, best_f.missing_names);
  set(kNumberConflict, best_f.number_conflict);
  set(kNameConflict, best_f.name_conflict);
  set(kAllNamesMissing, best_f.all_names_missing);
  set(kObjectConflict, best_f.object_conflict);
  set(kNegationMismatch, best_f.negation_mismatch);
  set(kAntonym, best_f.antonym);

  const EvidenceSentence& ev = evidence[best];
  std::string_view sentence = ev.text();
  Coverage cov;  // of the best sentence, as the entailment features found it
  cov.score = best_f.coverage;
  cov.how = best_f.how;
  double exact = 0, synonym = 0, title = 0, heaviest_missing = 0;
  double number_weight = 0, number_matched = 0;
  for (size_t i = 0; i < prepared.terms.size(); ++i) {
    const ClaimTerm& t = prepared.terms[i];
    double w = t.weight / prepared.total_weight;
    if (cov.how[i] == 1) exact += w;
    if (cov.how[i] == 2) synonym += w;
    if (cov.how[i] == 3) title += w;
    if (cov.how[i] == 0) heaviest_missing = std::max(heaviest_missing, w);
    if (t.is_number) {
      number_weight += 1;
      if (cov.how[i] == 1) number_matched += 1;
    }
  }
  set(kExactShare, exact);
  set(kSynonymShare, synonym);
  set(kTitleShare, title);
  set(kHeaviestMissing, heaviest_missing);
  if (number_weight > 0) set(kNumbersMatched, number_matched / number_weight);

  std::vector<Token> sentence_tokens = Tokenize(sentence);
  WordSignals ev_signals = SignalsOf(sentence_tokens, sentence);
  set(kEvidenceNumbers, ev_signals.numbers);
  set(kEvidenceNegated, ev_signals.negated);
  set(kEvidenceUniversal, ev_signals.universal);
  set(kEvidenceHedged, ev_signals.hedged);
  set(kDirectionConflict, claim_signals.direction * ev_signals.direction < 0);
  set(kSentenceTokens, static_cast<double>(sentence_tokens.size()));

  // WordNet hypernyms: a claim word the sentence lacks may be a more general term for one of its
  // words ("animal" for "dog": the sentence entails it) or a more specific one ("poodle" for
  // "dog"). Only the few uncovered claim words and the sentence's other content words are
  // looked up, each once.
  if (lexicon_ != nullptr) {
    constexpr size_t kMaxClaimWords = 4, kMaxSentenceWords = 15;
    constexpr int kDepth = 3;
    constexpr size_t kMaxAncestors = 40;
    std::vector<std::pair<std::string, double>> uncovered;  // base form, weight share
    for (size_t i = 0; i < prepared.terms.size() && uncovered.size() < kMaxClaimWords; ++i) {
      const ClaimTerm& t = prepared.terms[i];
      if (cov.how[i] != 0 || t.is_name || t.is_number) continue;
      uncovered.emplace_back(lexicon_->BaseForm(t.lower), t.weight / prepared.total_weight);
    }
    double general = 0, specific = 0;
    if (!uncovered.empty()) {
      std::vector<std::string> words;
      for (const Token& t : sentence_tokens) {
        if (words.size() >= kMaxSentenceWords) break;
        if (t.type != TokenType::kWord || t.capitalized || IsStopWord(t.lower)) continue;
        std::string base = lexicon_->BaseForm(t.lower);
        if (std::find(words.begin(), words.end(), base) == words.end()) words.push_back(base);
      }
      std::vector<std::vector<std::string>> word_ancestors;
      for (const std::string& w : words) {
        word_ancestors.push_back(CachedHypernyms(*lexicon_, w, kDepth, kMaxAncestors));
      }
      for (const auto& [term, weight] : uncovered) {
        bool is_general = false;
        for (const auto& ancestors : word_ancestors) {
          is_general =
              is_general || std::find(ancestors.begin(), ancestors.end(), term) != ancestors.end();
        }
        const std::vector<std::string>& mine =
            CachedHypernyms(*lexicon_, term, kDepth, kMaxAncestors);
        bool is_specific = std::any_of(words.begin(), words.end(), [&](const std::string& w) {
          return std::find(mine.begin(), mine.end(), w) != mine.end();
        });
        general += is_general ? weight : 0;
        specific += is_specific ? weight : 0;
      }
    }
    set(kClaimMoreGeneral, general);
    set(kClaimMoreSpecific, specific);
  }

  // The claim's subject: the capitalised run it opens with, standing for its last word.
  if (!claim_tokens.empty() && claim_tokens[0].type == TokenType::kWord &&
      claim_tokens[0].capitalized) {
    size_t end = 1;
    while (end < claim_tokens.size() && claim_tokens[end].type == TokenType::kWord &&
           claim_tokens[end].capitalized) {
      ++end;
    }
    std::string head = TermForToken(claim_tokens[end - 1]);
    for (size_t i = 0; i < prepared.terms.size(); ++i) {
      if (prepared.terms[i].term == head && prepared.terms[i].is_name) {
        set(kSubjectInEvidence, cov.how[i] != 0);
      }
    }
  }

  // Word order: consecutive claim terms found within three terms of each other, in order.
  std::vector<std::string> sentence_terms = TermsInOrder(sentence_tokens);
  if (prepared.terms.size() > 1) {
    set(kOrderedPairs, Aligner::OrderedPairShare(prepared, sentence_terms));
  }
  {
    auto [inside, edge] = SubstitutedShares(prepared, TermsInOrder(claim_tokens), sentence_terms);
    set(kSubstitution, inside);
    set(kEdgeSubstitution, edge);
  }
  // How much of the sentence the claim accounts for: a long sentence about other things that
  // happens to contain the claim's words says less than one that restates it.
  if (!sentence_terms.empty()) {
    const std::vector<std::string> claim_terms = Aligner::MatchableTerms(prepared);
    size_t covered = 0;
    for (const std::string& t : sentence_terms) {
      covered += std::binary_search(claim_terms.begin(), claim_terms.end(), t) ? 1 : 0;
    }
    set(kEvidencePrecision,
        static_cast<double>(covered) / static_cast<double>(sentence_terms.size()));
  }
  // A passage that is just this sentence (pairs) is covered as the sentence is.
  std::string_view text = ev.passage->text;
  bool sentence_only = text.find_first_not_of(" \t\r\n") >= ev.span.begin &&
                       text.find_last_not_of(" \t\r\n") < ev.span.end;
  set(kPassageCoverage,
      sentence_only ? cov.score : aligner_->Cover(prepared, text, ev.passage->title).score);

  if (lexical_keys != nullptr) {
    // Training: the keys as strings (the model being trained reads them).
    std::vector<std::string> keys = LexicalModel::Keys(prepared, cov, sentence_terms,
                                                       claim_signals.negated, ev_signals.negated);
    if (lexical_ != nullptr) {
      set(kLexicalSupported, lexical_->supported.Margin(keys));
      set(kLexicalRefuted, lexical_->refuted.Margin(keys));
    }
    *lexical_keys = std::move(keys);
  } else if (lexical_ != nullptr) {
    // Run time: the keys' hashes, without building the strings.
    std::vector<uint64_t> hashes = LexicalModel::KeyHashes(
        prepared, cov, sentence_terms, claim_signals.negated, ev_signals.negated);
    set(kLexicalSupported, lexical_->supported.MarginOfHashes(hashes));
    set(kLexicalRefuted, lexical_->refuted.MarginOfHashes(hashes));
  }

  set(kRetrievalRank, ev.passage->rank);
  double top_score = 0;
  for (const EvidenceSentence& e : evidence) top_score = std::max(top_score, e.passage->score);
  if (top_score > 0) set(kRetrievalScore, ev.passage->score / top_score);
  return f;
}

}  // namespace fg
