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

}  // namespace fg::testing
