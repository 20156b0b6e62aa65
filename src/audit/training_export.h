// Training data from an audit (factgate audit --export-sft / --export-preferences): the
// transcripts whose refuted claims the evidence could correct, turned into records a model can be
// fine-tuned on. A turn counts as corrected when at least one of its claims is refuted and every
// refuted claim in it has a correction; its corrected text is RenderRewrite of the original
// (src/core/renderer.h), which then only substitutes corrections.
//
// Records are one line of compact JSON ending in "\n", or "" when the transcript gives none.
// Batch API lines are skipped: they hold the answers but not the prompts. Pure functions.
#pragma once

#include <string>

#include "src/audit/audit_results.h"

namespace fg::audit {

// Chat fine-tuning record, in OpenAI's format: {"messages": [{"role", "content"}...]}, every
// message of the transcript in order, each corrected assistant turn replaced by its corrected
// text. Only for a transcript with at least one corrected turn and no refuted claim left
// uncorrected in any turn.
std::string SftRecord(const TranscriptResult& result);

// One preference pair per corrected turn, in the conversational format that DPO trainers read:
// {"id": "<transcript id>#<turn>", "prompt": [the messages before the turn],
//  "chosen": [{"role": "assistant", "content": corrected}],
//  "rejected": [{"role": "assistant", "content": original}]}.
std::string PreferenceRecords(const TranscriptResult& result);

}  // namespace fg::audit
