#include "verifiers/entailment_verifier.h"

#include <algorithm>
#include <cmath>

#include "src/core/term_stats.h"
#include "src/core/tokenizer.h"
#include "src/core/wordnet.h"

namespace fg {
namespace {

double Sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// "didn't", "can’t", and "n't" standing alone as treebank-tokenized text writes it ("did n't").
bool IsContractedNot(std::string_view lower) {
  return lower.ends_with("n't") || lower.ends_with("n\u2019t");
}

bool IsNegationCue(const Token& t) {
  static constexpr std::string_view kCues[] = {
      "not",     "no",    "never", "none",   "neither", "nor",  "without", "cannot", "nobody",
      "nothing", "false", "fails", "failed", "unable",  "lack", "lacks",   "lacked", "lacking"};
  if (t.type != TokenType::kWord) return false;
  if (IsContractedNot(t.lower)) return true;
  return std::find(std::begin(kCues), std::end(kCues), t.lower) != std::end(kCues);
}

// The end of a clause: a comma, semicolon, colon, bracket or a word that opens another clause.
constexpr std::string_view kClauseWords[] = {"although", "though", "but", "while",
                                             "whereas",  "which",  "who", "whom"};

bool ClauseBoundary(const Token& t) {
  return t.text == "," || t.text == ";" || t.text == ":" || t.text == "(" || t.text == ")" ||
         std::find(std::begin(kClauseWords), std::end(kClauseWords), t.lower) !=
             std::end(kClauseWords);
}

}  // namespace

bool HasNegation(std::string_view text) { return HasNegation(Tokenize(text)); }

bool HasNegation(std::span<const Token> tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    // "named after Monty Python, not the snake": a contrast after a comma leaves the main
    // statement affirmative.
    bool contrastive = i > 0 && tokens[i - 1].text == "," && tokens[i].lower == "not";
    if (IsNegationCue(tokens[i]) && !contrastive) return true;
  }
  return false;
}

bool DeniesAt(std::string_view text, Span span) {
  const std::vector<Token> tokens = Tokenize(text);
  bool denied = false, holds_span = false;  // within the current clause
  for (size_t i = 0; i <= tokens.size(); ++i) {
    if (i == tokens.size() || ClauseBoundary(tokens[i])) {
      if (denied && holds_span) return true;
      denied = holds_span = false;
      continue;
    }
    const Token& t = tokens[i];
    // Lowercase, or opening the text: "Never Say Die!" is a title.
    // ("failed to" is not: "failed to convert a penalty as Marseille was ousted in the round of
    // 16" denies the penalty, not the round.)
    static constexpr std::string_view kVerbal[] = {"not",   "never",  "cannot",  "unable",   "lack",
                                                   "lacks", "lacked", "lacking", "incapable"};
    const bool verbal =
        (!t.capitalized || i == 0) &&
        (std::find(std::begin(kVerbal), std::end(kVerbal), t.lower) != std::end(kVerbal) ||
         IsContractedNot(t.lower));
    const bool contrastive = i > 0 && tokens[i - 1].text == "," && t.lower == "not";
    if (t.type == TokenType::kWord && verbal && !contrastive && !holds_span) denied = true;
    if (t.span.begin < span.end && span.begin < t.span.end) holds_span = true;
  }
  return false;
}

bool HasNegationAbout(std::span<const Token> tokens, const PreparedClaim& claim) {
  auto is_claim_term = [&](const Token& t) {
    if (t.type != TokenType::kWord && t.type != TokenType::kNumber) return false;
    const std::string term = TermForToken(t);
    if (term.empty()) return false;
    for (const ClaimTerm& c : claim.terms) {
      if (c.term == term ||
          std::find(c.alternatives.begin(), c.alternatives.end(), term) != c.alternatives.end()) {
        return true;
      }
    }
    return false;
  };
  bool negated = false, about = false;  // within the current clause
  for (size_t i = 0; i <= tokens.size(); ++i) {
    const bool boundary = i == tokens.size() || ClauseBoundary(tokens[i]);
    if (boundary) {
      if (negated && about) return true;
      negated = about = false;
      continue;
    }
    bool contrastive = i > 0 && tokens[i - 1].text == "," && tokens[i].lower == "not";
    if (IsNegationCue(tokens[i]) && !contrastive) negated = true;
    if (is_claim_term(tokens[i])) about = true;
  }
  return false;
}

EntailmentVerifier::EntailmentVerifier(const Aligner* aligner, const Lexicon* lexicon,
                                       EntailmentOptions options)
    : aligner_(aligner), lexicon_(lexicon), options_(options) {}

EntailmentFeatures EntailmentVerifier::Features(const PreparedClaim& prepared,
                                                std::string_view claim_text,
                                                std::string_view sentence,
                                                std::string_view title) const {
  EntailmentFeatures f;
  // Each text is tokenized once here (Cover would tokenize the sentence again).
  const std::vector<Token> sentence_tokens = Tokenize(sentence);
  const std::vector<Token> claim_tokens = Tokenize(claim_text);
  Coverage cov =
      aligner_->CoverTerms(prepared, Aligner::Terms(sentence_tokens), Aligner::Terms(title));
  f.coverage = cov.score;
  f.how = cov.how;
  int names = 0, names_missing = 0;
  bool claim_number_missing = false;
  double content_total = 0, content_matched = 0;
  std::vector<uint32_t> antonym_ids;
  for (size_t i = 0; i < prepared.terms.size(); ++i) {
    const ClaimTerm& t = prepared.terms[i];
    if (!t.is_name) {
      content_total += t.weight;
      if (cov.how[i] != 0) content_matched += t.weight;
    }
    if (t.is_name) {
      ++names;
      if (cov.how[i] == 0) ++names_missing;
    }
    if (t.is_number && cov.how[i] == 0) claim_number_missing = true;
    if (lexicon_ != nullptr && cov.how[i] == 0 && !t.is_name && !t.is_number) {
      std::vector<uint32_t> ids = lexicon_->AntonymIds(t.lower);
      antonym_ids.insert(antonym_ids.end(), ids.begin(), ids.end());
    }
  }
  // An uncovered claim word whose WordNet antonym the sentence uses ("hot" against "cold"). Each
  // word is looked up once, not once per pair.
  if (!antonym_ids.empty()) {
    std::sort(antonym_ids.begin(), antonym_ids.end());
    antonym_ids.erase(std::unique(antonym_ids.begin(), antonym_ids.end()), antonym_ids.end());
    for (const Token& w : sentence_tokens) {
      if (w.type == TokenType::kWord && !IsStopWord(w.lower) &&
          lexicon_->HasAntonymIn(antonym_ids, w.lower)) {
        f.antonym = true;
        break;
      }
    }
  }
  f.content_coverage = content_total > 0 ? content_matched / content_total : f.coverage;
  f.missing_names = names == 0 ? 0.0 : static_cast<double>(names_missing) / names;
  bool sentence_has_number =
      std::any_of(sentence_tokens.begin(), sentence_tokens.end(),
                  [](const Token& t) { return t.type == TokenType::kNumber; });
  f.number_conflict = claim_number_missing && sentence_has_number;
  // Names the sentence has that the claim has not.
  bool other_names = false;
  for (size_t i = 1; i < sentence_tokens.size() && !other_names; ++i) {
    const Token& t = sentence_tokens[i];
    bool after_stop = sentence_tokens[i - 1].type == TokenType::kPunct &&
                      (sentence_tokens[i - 1].text == "." || sentence_tokens[i - 1].text == "!" ||
                       sentence_tokens[i - 1].text == "?");
    if (t.type != TokenType::kWord || !t.capitalized || after_stop || IsStopWord(t.lower)) {
      continue;
    }
    std::string term = TermForToken(t);
    other_names = std::none_of(prepared.terms.begin(), prepared.terms.end(),
                               [&](const ClaimTerm& c) { return c.term == term; });
  }
  // The claim's names as runs of capitalised words, each standing for its last word (the surname
  // of "John Wilkes Booth", the "Tower" of "The Eiffel Tower"): the opening run is the claim's
  // subject, later runs are what it says about the subject ("in Peru").
  std::vector<std::string> subject_names, object_names;
  for (size_t k = 0; k < claim_tokens.size();) {
    if (claim_tokens[k].type != TokenType::kWord || !claim_tokens[k].capitalized) {
      ++k;
      continue;
    }
    size_t end = k + 1;
    while (end < claim_tokens.size() && claim_tokens[end].type == TokenType::kWord &&
           claim_tokens[end].capitalized) {
      ++end;
    }
    std::string head = TermForToken(claim_tokens[end - 1]);
    if (!head.empty()) (k == 0 ? subject_names : object_names).push_back(head);
    k = end;
  }
  auto missing = [&](const std::vector<std::string>& heads) {
    for (size_t i = 0; i < prepared.terms.size(); ++i) {
      if (cov.how[i] == 0 &&
          std::find(heads.begin(), heads.end(), prepared.terms[i].term) != heads.end()) {
        return true;
      }
    }
    return false;
  };
  // Another subject: the sentence names something the claim does not, while the claim's names
  // are missing from it and from the title — all of them; or, when the passage has a title saying
  // what it is about, the claim's subject or half its names ("George Meany" is not "George
  // Washington"). Evidence that merely leaves its subject implicit ("He was born in 1809")
  // names nothing else.
  bool subject_missing =
      title.empty() ? names_missing == names : missing(subject_names) || 2 * names_missing >= names;
  f.name_conflict = names > 0 && subject_missing && other_names;
  // A substitution in what the claim says: one of its later names missing while the sentence
  // names something else ("located in Tanzania" for "in Peru").
  f.object_conflict = other_names && missing(object_names);
  f.all_names_missing = names > 0 && names_missing == names;
  f.negation_mismatch = HasNegation(claim_tokens) != HasNegationAbout(sentence_tokens, prepared);
  return f;
}

std::optional<Judgement> EntailmentVerifier::Judge(
    const Claim& claim, std::span<const EvidenceSentence> evidence) const {
  Judgement best;
  best.verdict = Verdict::kNotEnoughInfo;
  best.verifier = std::string(name());
  if (evidence.empty()) {
    best.confidence = 0.7;
    return best;
  }
  PreparedClaim prepared = aligner_->Prepare(claim.text);
  double best_support = -1, best_refute = -1, best_any = -1;
  size_t support_i = 0, refute_i = 0, any_i = 0;
  size_t n = std::min(evidence.size(), options_.sentences_considered);
  for (size_t i = 0; i < n; ++i) {
    const EvidenceSentence& ev = evidence[i];
    EntailmentFeatures f = Features(prepared, claim.text, ev.text(), ev.passage->title);
    double support = (1 - options_.content_weight) * f.coverage +
                     options_.content_weight * f.content_coverage -
                     options_.missing_name_penalty * f.missing_names;
    if (support > best_any) {
      best_any = support;
      any_i = i;
    }
    bool conflict = f.negation_mismatch || f.antonym || f.number_conflict || f.name_conflict ||
                    f.object_conflict;
    // Support also needs the claim's predicate and, under a title, its subject: a sentence that
    // shares only the names ("Einstein ... formulated the theory of relativity" for "formulated
    // the laws of motion") or only the predicate ("the largest planet" in an entry on planets for
    // a claim about Mercury) supports nothing.
    bool thin = f.content_coverage < options_.min_content_coverage ||
                (!ev.passage->title.empty() && f.all_names_missing);
    if (!conflict && !thin && support > best_support) {
      best_support = support;
      support_i = i;
    }
    // Refuting needs evidence about the claim's subject: a sentence without any of its names
    // contradicts nothing ("Called also rock snake" says nothing of Monty Python).
    if ((f.negation_mismatch || f.antonym) && !f.all_names_missing && support > best_refute) {
      best_refute = support;
      refute_i = i;
    }
  }
  if (best_support >= options_.support_coverage) {
    best.verdict = Verdict::kSupported;
    best.confidence = Sigmoid(12.0 * (best_support - options_.support_coverage) + 0.6);
    best.evidence = {support_i};
  } else if (best_refute >= options_.refute_coverage) {
    best.verdict = Verdict::kRefuted;
    best.confidence = Sigmoid(8.0 * (best_refute - options_.refute_coverage) + 0.2);
    best.evidence = {refute_i};
  } else {
    best.verdict = Verdict::kNotEnoughInfo;
    best.confidence = Sigmoid(6.0 * (options_.support_coverage - std::max(best_any, 0.0)) - 0.5);
    if (best_any > 0) best.evidence = {any_i};
  }
  return best;
}

}  // namespace fg
