// Checks one text's claims in parallel on the worker pool: the latency of an answer is then about
// that of its slowest claim rather than the sum of all (5 claims at ~2 ms each: ~10 ms one after
// another, ~2 ms with 5 free workers). Same report as Pipeline::Verify(text, deadline): claims not
// started by the deadline are not_enough_info and the report is checked: false.
//
// Folder-private (Asio types). The coroutine resumes on the caller's executor.
#pragma once

#include <chrono>
#include <string_view>

#include "src/core/pipeline.h"
#include "src/core/types.h"
#include "src/server/internal/http.h"

namespace fg::server {

// `pipeline` and `text` must stay valid until the returned awaitable completes.
asio::awaitable<Report> VerifyInParallel(asio::thread_pool& workers, const Pipeline& pipeline,
                                         std::string_view text,
                                         std::chrono::steady_clock::time_point deadline);

}  // namespace fg::server
