-- wrk script of tests/bench/dialect_bench.sh: POST to $BENCH_PATH with a small request in that
-- dialect's shape; x-factgate-mode from $FACTGATE_MODE (default "off"). Ends with one line
-- "RESULT rps=... p50_ms=... p99_ms=... non2xx=..." for the script.
local path = os.getenv("BENCH_PATH") or "/v1/chat/completions"
wrk.method = "POST"
wrk.path = path
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-factgate-mode"] = os.getenv("FACTGATE_MODE") or "off"
if path == "/v1/messages" then
  wrk.headers["anthropic-version"] = "2023-06-01"
  wrk.headers["x-api-key"] = "bench"
  wrk.body = '{"model":"claude-bench","max_tokens":256,"messages":[{"role":"user","content":"Tell me five facts."}]}'
elseif path == "/api/chat" then
  wrk.body = '{"model":"llama-bench","stream":false,"messages":[{"role":"user","content":"Tell me five facts."}]}'
else
  wrk.body = '{"model":"gpt-bench","messages":[{"role":"user","content":"Tell me five facts."}]}'
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
