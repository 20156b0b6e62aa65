// EvidenceBuilder: hand-made evidence for verifier tests. Sentences added with an alignment are
// joined into one passage, and each becomes an EvidenceSentence pointing into it (alignment and
// context alignment both set to the given value).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "src/core/types.h"
#include "src/core/verifier.h"

namespace fg::testing {

// A claim whose text is the whole checked text, as the verifier tests need it.
inline Claim MakeClaim(std::string text, ClaimKind kind) {
  Claim c;
  c.id = "c1";
  c.span = {0, text.size()};
  c.text = std::move(text);
  c.kind = kind;
  return c;
}

class EvidenceBuilder {
 public:
  void Add(const std::string& sentence, double alignment) {
    sentences_.push_back({sentence, alignment});
  }
  void Clear() { sentences_.clear(); }
  void SetTitle(std::string title) { title_ = std::move(title); }

  // Valid until the next call: the sentences point into a passage this object owns.
  std::vector<EvidenceSentence> Build() {
    passage_ = std::make_unique<Passage>();
    passage_->doc_id = "d1";
    passage_->title = title_;
    std::vector<EvidenceSentence> out;
    for (const auto& [sentence, alignment] : sentences_) {
      if (!passage_->text.empty()) passage_->text += " ";
      Span span{passage_->text.size(), passage_->text.size() + sentence.size()};
      passage_->text += sentence;
      out.push_back({nullptr, span, alignment, alignment});
    }
    for (EvidenceSentence& ev : out) ev.passage = passage_.get();
    return out;
  }

 private:
  std::vector<std::pair<std::string, double>> sentences_;
  std::unique_ptr<Passage> passage_;
  std::string title_;
};

// Knowledge-base entries: one titled passage each, its whole text one evidence sentence
// (alignment and context alignment 0.8), in the order added; a passage's rank is its place.
class EntryBuilder {
 public:
  void Add(std::string title, std::string text) {
    auto p = std::make_unique<Passage>();
    p->doc_id = "d" + std::to_string(passages_.size());
    p->title = std::move(title);
    p->text = std::move(text);
    p->rank = static_cast<int>(passages_.size());
    passages_.push_back(std::move(p));
  }
  void Clear() { passages_.clear(); }

  // Valid while this object lives and no entry is added or cleared.
  std::vector<EvidenceSentence> Build() const {
    std::vector<EvidenceSentence> out;
    for (const auto& p : passages_) out.push_back({p.get(), {0, p->text.size()}, 0.8, 0.8});
    return out;
  }

 private:
  std::vector<std::unique_ptr<Passage>> passages_;
};

}  // namespace fg::testing
