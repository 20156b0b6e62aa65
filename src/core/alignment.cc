#include "src/core/alignment.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "src/core/segmenter.h"
#include "src/core/stemmer.h"
#include "src/core/tokenizer.h"
#include "src/core/wordnet.h"

namespace fg {
namespace {

// Sorted distinct terms of a text's tokens, for cheap membership tests.
std::vector<std::string> TermSet(std::span<const Token> tokens) {
  std::vector<std::string> terms;
  terms.reserve(tokens.size());
  for (const Token& token : tokens) {
    std::string term = TermForToken(token);
    if (!term.empty()) terms.push_back(std::move(term));
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

std::vector<std::string> TermSet(std::string_view text) { return TermSet(Tokenize(text)); }

bool Contains(const std::vector<std::string>& sorted, const std::string& term) {
  return std::binary_search(sorted.begin(), sorted.end(), term);
}

// The claim's subject: the run of names it opens with ("The United Nations Charter was signed
// ..."), sorted; empty when its first term is not a name.
std::vector<std::string> SubjectTerms(const PreparedClaim& claim) {
  std::vector<std::string> subject;
  for (const ClaimTerm& t : claim.terms) {
    if (!t.is_name) break;
    subject.push_back(t.term);
  }
  std::sort(subject.begin(), subject.end());
  return subject;
}

// Whether a sentence opens with a personal pronoun that stands for a subject named before it:
// "It was signed ...", "He was born ...", "Her debut album ...".
bool OpensWithPronoun(std::string_view sentence) {
  size_t b = 0;
  while (b < sentence.size() && !std::isalpha(static_cast<unsigned char>(sentence[b]))) {
    if (sentence[b] != ' ' && sentence[b] != '"' && sentence[b] != '\'' && sentence[b] != '`') {
      return false;
    }
    ++b;
  }
  size_t e = b;
  while (e < sentence.size() && std::isalpha(static_cast<unsigned char>(sentence[e]))) ++e;
  static constexpr std::string_view kPronouns[] = {"It",  "He",  "She", "They",
                                                   "Its", "His", "Her", "Their"};
  const std::string_view word = sentence.substr(b, e - b);
  return std::find(std::begin(kPronouns), std::end(kPronouns), word) != std::end(kPronouns);
}

}  // namespace

Aligner::Aligner(const TermStats* stats, const Lexicon* lexicon, AlignerOptions options)
    : stats_(stats), lexicon_(lexicon), options_(options) {}

PreparedClaim Aligner::Prepare(std::string_view claim_text) const {
  PreparedClaim claim;
  std::vector<Token> tokens = Tokenize(claim_text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    std::string term = TermForToken(token);
    if (term.empty()) continue;
    if (std::any_of(claim.terms.begin(), claim.terms.end(),
                    [&](const ClaimTerm& t) { return t.term == term; })) {
      continue;
    }
    ClaimTerm ct;
    ct.term = term;
    ct.lower = token.lower;
    ct.is_number = token.type == TokenType::kNumber;
    // A capitalised word is a name. At the start of a sentence capitals say nothing, but claims
    // usually open with their subject ("Lincoln was born ..."), so a first word counts as a name
    // too unless it is visibly an inflected common word ("Scientists", "Studies": WordNet gives
    // it another base form; names rarely inflect).
    bool sentence_start = i == 0 || (tokens[i - 1].type == TokenType::kPunct &&
                                     (tokens[i - 1].text == "." || tokens[i - 1].text == "\""));
    bool inflected = lexicon_ != nullptr && lexicon_->BaseForm(token.lower) != token.lower;
    ct.is_name =
        token.type == TokenType::kWord && token.capitalized && (!sentence_start || !inflected);
    ct.weight = stats_ != nullptr ? stats_->Idf(term) : 1.0;
    if (ct.is_name) ct.weight *= options_.name_boost;
    if (ct.is_number) ct.weight *= options_.number_boost;
    if (lexicon_ != nullptr && !ct.is_number && !ct.is_name) {
      std::string base = lexicon_->BaseForm(ct.lower);
      if (!base.empty() && base != ct.lower) ct.alternatives.push_back(StemEnglish(base));
      for (const std::string& form : lexicon_->RelatedForms(ct.lower, options_.max_related_forms)) {
        if (form.find(' ') == std::string::npos) ct.alternatives.push_back(StemEnglish(form));
      }
      for (const std::string& syn : lexicon_->Synonyms(ct.lower, options_.max_synonyms)) {
        if (syn.find(' ') != std::string::npos) continue;  // multiword synonyms need phrases
        std::string stem = StemEnglish(syn);
        if (stem != ct.term) ct.alternatives.push_back(std::move(stem));
      }
    }
    claim.total_weight += ct.weight;
    claim.terms.push_back(std::move(ct));
  }
  return claim;
}

std::vector<std::string> Aligner::Terms(std::string_view text) { return TermSet(text); }
std::vector<std::string> Aligner::Terms(std::span<const Token> tokens) { return TermSet(tokens); }

Coverage Aligner::Cover(const PreparedClaim& claim, std::string_view sentence,
                        std::string_view title) const {
  if (claim.terms.empty() || claim.total_weight <= 0) {
    Coverage none;
    none.how.assign(claim.terms.size(), 0);
    return none;
  }
  return CoverTerms(claim, TermSet(sentence), TermSet(title));
}

Coverage Aligner::CoverTerms(const PreparedClaim& claim,
                             const std::vector<std::string>& in_sentence,
                             const std::vector<std::string>& in_title) const {
  Coverage cov;
  cov.how.assign(claim.terms.size(), 0);
  if (claim.terms.empty() || claim.total_weight <= 0) return cov;
  double matched = 0, context_matched = 0, context_total = 0;
  for (size_t i = 0; i < claim.terms.size(); ++i) {
    const ClaimTerm& t = claim.terms[i];
    double credit = 0;
    if (Contains(in_sentence, t.term)) {
      cov.how[i] = 1;
      credit = 1;
    } else if (std::any_of(t.alternatives.begin(), t.alternatives.end(),
                           [&](const std::string& alt) { return Contains(in_sentence, alt); })) {
      cov.how[i] = 2;
      credit = options_.synonym_credit;
    } else if (Contains(in_title, t.term)) {
      cov.how[i] = 3;
      credit = options_.title_credit;
    }
    matched += t.weight * credit;
    if (!t.is_number) {
      context_matched += t.weight * credit;
      context_total += t.weight;
    }
  }
  cov.score = matched / claim.total_weight;
  cov.context_score = context_total > 0 ? context_matched / context_total : 0.0;
  return cov;
}

std::vector<std::string> Aligner::MatchableTerms(const PreparedClaim& claim) {
  std::vector<std::string> known;
  for (const ClaimTerm& t : claim.terms) {
    known.push_back(t.term);
    known.insert(known.end(), t.alternatives.begin(), t.alternatives.end());
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return known;
}

double Aligner::OrderedPairShare(const PreparedClaim& claim, const std::vector<std::string>& seq) {
  if (claim.terms.size() < 2) return 0.0;
  size_t found = 0;
  for (size_t t = 0; t + 1 < claim.terms.size(); ++t) {
    const std::string& a = claim.terms[t].term;
    const std::string& b = claim.terms[t + 1].term;
    bool near = false;
    for (size_t i = 0; i < seq.size() && !near; ++i) {
      if (seq[i] != a) continue;
      for (size_t j = i + 1; j < seq.size() && j <= i + 3 && !near; ++j) near = seq[j] == b;
    }
    found += near ? 1 : 0;
  }
  return static_cast<double>(found) / static_cast<double>(claim.terms.size() - 1);
}

double Aligner::SentencePrecision(const std::vector<std::string>& known,
                                  const std::vector<std::string>& sentence_terms) {
  if (sentence_terms.empty()) return 0.0;
  size_t matched = 0;
  for (const std::string& term : sentence_terms) matched += Contains(known, term) ? 1 : 0;
  return static_cast<double>(matched) / static_cast<double>(sentence_terms.size());
}

size_t PassageAnalysis::bytes() const {
  auto strings = [](const std::vector<std::string>& list) {
    size_t n = list.capacity() * sizeof(std::string);
    for (const std::string& s : list) n += s.capacity() > 15 ? s.capacity() + 1 : 0;
    return n;
  };
  size_t n =
      sizeof(PassageAnalysis) + sentences.capacity() * sizeof(SentenceTerms) + strings(title_terms);
  for (const SentenceTerms& s : sentences) n += strings(s.terms);
  return n;
}

std::shared_ptr<const PassageAnalysis> AnalyzePassage(const Passage& passage) {
  auto analysis = std::make_shared<PassageAnalysis>();
  analysis->title_terms = TermSet(passage.title);
  for (const Sentence& s : SplitSentences(passage.text)) {
    analysis->sentences.push_back(
        {s.span, TermSet(std::string_view(passage.text).substr(s.span.begin, s.span.size()))});
  }
  return analysis;
}

std::vector<EvidenceSentence> Aligner::ScoreSentences(const PreparedClaim& claim,
                                                      std::span<const Passage> passages) const {
  std::vector<EvidenceSentence> scored;
  const bool empty_claim = claim.terms.empty() || claim.total_weight <= 0;
  std::optional<std::vector<std::string>> subject;  // SubjectTerms(claim), once a sentence needs it
  auto add = [&](const Passage& passage, Span span, const Coverage& cov) {
    EvidenceSentence ev;
    ev.passage = &passage;
    ev.span = span;
    ev.alignment = cov.score;
    ev.context_alignment = cov.context_score;
    scored.push_back(ev);
  };
  for (const Passage& passage : passages) {
    if (empty_claim) {
      for (const Sentence& s : SplitSentences(passage.text)) {
        const std::string_view text =
            std::string_view(passage.text).substr(s.span.begin, s.span.size());
        add(passage, s.span, Cover(claim, text, passage.title));
      }
      continue;
    }
    // The passage's sentences and terms: kept with it by the KB, or computed here.
    const std::shared_ptr<const PassageAnalysis> analysis =
        passage.analysis != nullptr ? passage.analysis : AnalyzePassage(passage);
    // A passage without a title (evidence given with the claim) leaves the subject of a sentence
    // that opens with a pronoun unnamed: the claim's subject stands in for the title there.
    for (const PassageAnalysis::SentenceTerms& s : analysis->sentences) {
      const bool pronoun =
          passage.title.empty() &&
          OpensWithPronoun(std::string_view(passage.text).substr(s.span.begin, s.span.size()));
      if (pronoun && !subject) subject = SubjectTerms(claim);
      add(passage, s.span, CoverTerms(claim, s.terms, pronoun ? *subject : analysis->title_terms));
    }
  }
  return scored;
}

std::vector<EvidenceSentence> Aligner::Best(std::vector<EvidenceSentence> scored,
                                            size_t max_sentences) {
  std::stable_sort(scored.begin(), scored.end(),
                   [](const EvidenceSentence& a, const EvidenceSentence& b) {
                     if (a.alignment != b.alignment) return a.alignment > b.alignment;
                     return a.passage->rank < b.passage->rank;
                   });
  if (scored.size() > max_sentences) scored.resize(max_sentences);
  return scored;
}

std::vector<EvidenceSentence> Aligner::Align(const PreparedClaim& claim,
                                             std::span<const Passage> passages,
                                             size_t max_sentences) const {
  return Best(ScoreSentences(claim, passages), max_sentences);
}

}  // namespace fg
