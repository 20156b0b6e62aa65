-- wrk script of tests/bench/proxy_bench.sh: POST /v1/chat/completions with a small JSON chat
-- request, the same bytes for every target. The x-factgate-mode header comes from the environment
-- variable FACTGATE_MODE (default "off"; the direct and nginx targets ignore it).
-- At the end one machine-readable line: RESULT key=value ... (latencies in ms).
wrk.method = "POST"
wrk.path = "/v1/chat/completions"
wrk.body = '{"model":"gpt-bench","messages":[{"role":"user","content":"Tell me five facts."}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-factgate-mode"] = os.getenv("FACTGATE_MODE") or "off"

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "mean_ms=%.3f err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
