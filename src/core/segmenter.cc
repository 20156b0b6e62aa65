// Interim segmenter: splits on ". " so that dependants can build; replaced by the full one.
#include "src/core/segmenter.h"

namespace fg {

std::vector<Sentence> SplitSentences(std::string_view text) {
  std::vector<Sentence> out;
  size_t start = 0;
  auto emit = [&](size_t b, size_t e) {
    while (b < e && (text[b] == ' ' || text[b] == '\n' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\t')) --e;
    if (e > b) out.push_back({Span{b, e}});
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == '\n') &&
        (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) {
      emit(start, i + 1);
      start = i + 1;
    }
  }
  emit(start, text.size());
  return out;
}

}  // namespace fg
