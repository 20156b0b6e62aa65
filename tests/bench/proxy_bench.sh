#!/usr/bin/env bash
# HTTP service and proxy benchmarks (issue 3): produces the numbers in docs/BENCHMARKS.md,
# section "HTTP service and proxy (issue 3)".
#
#   bash tests/bench/proxy_bench.sh [--kb DIR] [--bin PATH] [--duration 10s] [--rounds 3]
#                                   [--ttfb-runs 50] [--streams 1000] [--cycles 3] [--workers 1]
#                                   [--nodelay-diag]
#
#   --kb DIR     the default KB (`factgate kb build-default --kb DIR`); without it the script builds
#                one in its temporary folder first (about a minute)
#   --bin PATH   the factgate binary (default build/factgate); copied to the temporary folder first,
#                so a rebuild during the run cannot change it
#   --nodelay-diag  also run the diagnostic "+nodelay" rows (see below; needs cc)
#
# Needs: wrk, nginx (Debian: apt-get install -y wrk nginx), node >= 18, curl; cc for
# --nodelay-diag. Everything listens on 127.0.0.1 only, every load
# stops by itself, and the trap stops every server this script started. About 11 minutes.
#
# 1. Throughput and latency (wrk, loopback, -t1, -c16 and -c1, --rounds rounds interleaved):
#      direct      wrk -> nginx "fixed upstream" (return 200 with a fixed 5-sentence chat.completion)
#      nginx       wrk -> nginx reverse proxy (stock proxy_pass) -> fixed upstream
#      nginx-ka    the same with upstream keep-alive (proxy_http_version 1.1, keepalive 32)
#      fg-off      wrk -> factgate serve, x-factgate-mode: off -> fixed upstream
#      fg-annotate wrk -> factgate serve, x-factgate-mode: annotate (default KB) -> fixed upstream
#      fg-*+nodelay  with --nodelay-diag: the same factgate binary with TCP_NODELAY forced on its
#                  accepted sockets by an LD_PRELOAD shim (tests/bench/proxy/nodelay_shim.c); this
#                  showed the 40 ms Nagle stall of builds before commit 08e112a
#    nginx runs one worker process per instance (upstream and proxy are separate instances);
#    factgate runs --io-threads 1 --worker-threads N (--workers N, default 1).
# 2. Time to first streamed byte (fixture upstream, slow_stream: first sentence at once, the rest
#    after a pause), direct vs through factgate off and annotate, interleaved: curl's
#    time_starttransfer, and first_content.mjs's time to the first content event.
# 3. Memory: factgate serve (defaults: 1 I/O thread, one worker per core) with --streams concurrent
#    streaming chat completions (annotate) through it, --cycles times, streams run to their end;
#    then 2 cycles in which the client closes the streams early. VmRSS/VmHWM before, peak, after.
set -euo pipefail
cd "$(dirname "$0")/../.."
here="tests/bench/proxy"

kb=""
bin="build/factgate"
duration="10s"
rounds=3
ttfb_runs=50
streams=1000
cycles=3
workers=1
nodelay_diag=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --kb) kb="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --ttfb-runs) ttfb_runs="$2"; shift 2 ;;
    --streams) streams="$2"; shift 2 ;;
    --cycles) cycles="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --nodelay-diag) nodelay_diag=1; shift ;;
    -h|--help) sed -n 2,39p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk nginx node curl; do
  command -v "$tool" >/dev/null || { echo "proxy_bench: $tool not found" >&2; exit 1; }
done

work="$(mktemp -d /tmp/proxy_bench.XXXXXX)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -n "${KEEP_WORK:-}" ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "== $*"; }
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
wait_http() {  # URL: waits until something answers there
  local i
  for i in $(seq 1 200); do
    curl -s -o /dev/null -m 1 "$1" && return 0
    sleep 0.1
  done
  echo "proxy_bench: nothing answers at $1" >&2
  exit 1
}
rss_line() {  # PID
  awk '/^(VmRSS|VmHWM|Threads):/ {printf "%s %s %s  ", $1, $2, $3}' "/proc/$1/status"
  echo "fds $(ls "/proc/$1/fd" | wc -l)"
}
fg_problems() {  # LOG: warn and error lines of a factgate log
  grep -E '"level":"(warn|error)"' "$1" | head -20 || true
}

# The binary: wait for it if a rebuild has it briefly missing, then use a private copy.
for i in $(seq 1 60); do [[ -x "$bin" ]] && break; sleep 2; done
cp "$bin" "$work/factgate"
fg="$work/factgate"

if [[ -z "$kb" ]]; then
  log "building the default KB in $work/kb"
  "$fg" kb build-default --kb "$work/kb" >/dev/null
  kb="$work/kb"
fi

log "machine"
echo "date: $(date -u +%FT%TZ)  cores: $(nproc)  kernel: $(uname -r)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "factgate: $bin (sha256 $(sha256sum "$fg" | cut -c1-12))  kb: $kb"
echo "$(wrk --version 2>&1 | head -1)  |  $(nginx -v 2>&1)  |  node $(node --version)  |  $(curl --version | head -1 | cut -d' ' -f1-2)"

# ---- servers ---------------------------------------------------------------------------------
up_port=$(free_port); px_port=$(free_port); pxka_port=$(free_port)
sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$up_port|g" "$here/nginx_upstream.conf.in" > "$work/nginx_upstream.conf"
sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$px_port|g" -e "s|@KA_PORT@|$pxka_port|g" \
  -e "s|@UPSTREAM_PORT@|$up_port|g" "$here/nginx_proxy.conf.in" > "$work/nginx_proxy.conf"
for conf in nginx_upstream nginx_proxy; do
  nginx -e "$work/$conf.startup.log" -p "$work" -c "$work/$conf.conf" -g 'daemon off;' &
  pids+=($!)
done
wait_http "http://127.0.0.1:$up_port/"
wait_http "http://127.0.0.1:$px_port/"
wait_http "http://127.0.0.1:$pxka_port/"

start_factgate() {  # NAME PRELOAD ARGS...: starts factgate serve, sets fg_port and fg_pid
  local name="$1" preload="$2"; shift 2
  fg_port=$(free_port)
  if [[ -n "$preload" ]]; then
    LD_PRELOAD="$preload" "$fg" serve --listen "127.0.0.1:$fg_port" --kb "$kb" "$@" 2> "$work/$name.log" &
  else
    "$fg" serve --listen "127.0.0.1:$fg_port" --kb "$kb" "$@" 2> "$work/$name.log" &
  fi
  fg_pid=$!
  pids+=($fg_pid)
  wait_http "http://127.0.0.1:$fg_port/healthz"
}

fg_flags=(--upstream "http://127.0.0.1:$up_port/v1" --io-threads 1 --worker-threads "$workers" --mode off)
start_factgate fg_wrk "" "${fg_flags[@]}"
fgw_port=$fg_port; fgw_pid=$fg_pid
echo "factgate (part 1): factgate serve --listen 127.0.0.1:$fgw_port --kb $kb ${fg_flags[*]}"

shim=""
if [[ -n "$nodelay_diag" ]]; then
  cc -shared -fPIC -O2 -o "$work/nodelay_shim.so" "$here/nodelay_shim.c" -ldl
  shim="$work/nodelay_shim.so"
  start_factgate fg_wrk_nodelay "$shim" "${fg_flags[@]}"
  fgn_port=$fg_port
fi

# ---- 1. wrk ------------------------------------------------------------------------------------
body='{"model":"gpt-bench","messages":[{"role":"user","content":"Tell me five facts."}]}'
log "1. sanity: one request each"
check_target() {  # NAME PORT MODE
  local h
  h=$(curl -s -D - -o "$work/sanity.$1.json" -H 'content-type: application/json' \
        -H "x-factgate-mode: $3" -d "$body" "http://127.0.0.1:$2/v1/chat/completions")
  printf '%-22s %s | %s | body %s bytes\n' "$1" "$(head -1 <<<"$h" | tr -d '\r')" \
    "$(grep -i '^x-factgate-verdict' <<<"$h" | tr -d '\r')" "$(wc -c < "$work/sanity.$1.json")"
}
targets=("direct $up_port off" "nginx $px_port off" "nginx-ka $pxka_port off"
         "fg-off $fgw_port off" "fg-annotate $fgw_port annotate")
if [[ -n "$shim" ]]; then
  targets+=("fg-off+nodelay $fgn_port off" "fg-annotate+nodelay $fgn_port annotate")
fi
for t in "${targets[@]}"; do check_target $t; done

log "1. wrk -t1 -d$duration -s $here/post.lua, -c16 and -c1, $rounds rounds, targets interleaved"
wrk_out="$work/wrk.txt"
for conns in 16 1; do
  for round in $(seq 1 "$rounds"); do
    for t in "${targets[@]}"; do
      read -r name port mode <<<"$t"
      t0=$(date +%s%3N)
      line=$(FACTGATE_MODE="$mode" wrk -t1 -c"$conns" -d"$duration" -s "$here/post.lua" \
               "http://127.0.0.1:$port" | grep '^RESULT' || echo "RESULT failed=1")
      echo "conns=$conns round=$round target=$name ${line#RESULT } t0_ms=$t0 t1_ms=$(date +%s%3N)" \
        | tee -a "$wrk_out"
      sleep 1
    done
  done
done
echo "factgate warn/error lines (part 1):"; fg_problems "$work/fg_wrk.log"
[[ -n "$shim" ]] && fg_problems "$work/fg_wrk_nodelay.log"

# ---- 2. time to first byte ---------------------------------------------------------------------
log "2. time to first streamed byte"
fx_port=$(free_port)
node tests/js/fixture_upstream.mjs --port "$fx_port" > "$work/fixture.out" 2> "$work/fixture.err" &
pids+=($!)
wait_http "http://127.0.0.1:$fx_port/v1/models"
start_factgate fg_ttfb "" --upstream "http://127.0.0.1:$fx_port/v1" --io-threads 1 --worker-threads "$workers" --mode off
fgt_port=$fg_port
echo "fixture: node tests/js/fixture_upstream.mjs --port $fx_port"
echo "factgate (part 2): factgate serve --listen 127.0.0.1:$fgt_port --kb $kb --upstream http://127.0.0.1:$fx_port/v1 --io-threads 1 --worker-threads $workers"
answer_b64=$(printf '%s' 'Abraham Lincoln was the 16th President of the United States. Mount Everest is the highest mountain in the world. The Nile is a river in Africa. Paris is the capital and largest city of France. Lincoln was assassinated by John Wilkes Booth in 1865.' | base64 -w0)
stream_body='{"model":"gpt-bench","stream":true,"messages":[{"role":"user","content":"Tell me five facts."}]}'
ttfb_targets=("direct $fx_port off" "fg-off $fgt_port off" "fg-annotate $fgt_port annotate")
echo "curl -s -o /dev/null -w '%{time_starttransfer}' -H 'x-fixture-scenario: slow_stream' -H 'x-fixture-delay-ms: 300' -H 'x-fixture-content: <5 sentences, base64>' -H 'x-factgate-mode: MODE' -d '$stream_body' URL   ($ttfb_runs runs each, interleaved)"
for i in $(seq 1 "$ttfb_runs"); do
  for t in "${ttfb_targets[@]}"; do
    read -r name port mode <<<"$t"
    curl -s -o /dev/null -w '%{time_starttransfer}\n' -H 'content-type: application/json' \
      -H 'x-fixture-scenario: slow_stream' -H 'x-fixture-delay-ms: 300' \
      -H "x-fixture-content: $answer_b64" -H "x-factgate-mode: $mode" \
      -d "$stream_body" "http://127.0.0.1:$port/v1/chat/completions" >> "$work/curl_ttfb.$name.txt"
  done
done
echo "node $here/first_content.mjs --runs $ttfb_runs --delay-ms 300 direct=... fg-off=...,off fg-annotate=...,annotate"
node "$here/first_content.mjs" --runs "$ttfb_runs" --delay-ms 300 \
  "direct=http://127.0.0.1:$fx_port" "fg-off=http://127.0.0.1:$fgt_port,off" \
  "fg-annotate=http://127.0.0.1:$fgt_port,annotate" | tee "$work/first_content.jsonl"
echo "factgate warn/error lines (part 2):"; fg_problems "$work/fg_ttfb.log"

# ---- 3. memory under concurrent streams --------------------------------------------------------
log "3. memory with $streams concurrent streams"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "ulimit -n: $(ulimit -n)"
# A fresh factgate (so its idle size is not the wrk run's), default threads.
start_factgate fg_mem "" --upstream "http://127.0.0.1:$fx_port/v1" --mode annotate
fgm_port=$fg_port; fgm_pid=$fg_pid
echo "factgate (part 3): factgate serve --listen 127.0.0.1:$fgm_port --kb $kb --upstream http://127.0.0.1:$fx_port/v1 --mode annotate  (io_threads 1, worker_threads 0 = one per core, max_connections 10000)"
echo "idle after start:  $(rss_line "$fgm_pid")" | tee "$work/mem_idle.txt"
for i in $(seq 1 20); do
  curl -s -o /dev/null -H 'content-type: application/json' -H 'x-fixture-scenario: stream' \
    -H "x-fixture-content: $answer_b64" -d "$stream_body" "http://127.0.0.1:$fgm_port/v1/chat/completions"
done
sleep 2
echo "idle after 20 warm-up streams: $(rss_line "$fgm_pid")" | tee -a "$work/mem_idle.txt"
echo "node $here/stream_load.mjs --url http://127.0.0.1:$fgm_port --pid PID --n $streams --cycles $cycles --chunk-delay-ms 100 --settle-ms 5000 --end done"
node "$here/stream_load.mjs" --url "http://127.0.0.1:$fgm_port" --pid "$fgm_pid" --n "$streams" \
  --cycles "$cycles" --chunk-delay-ms 100 --settle-ms 5000 --end done --label done | tee "$work/mem.jsonl"
echo "node $here/stream_load.mjs ... --cycles 2 --end abort --hold-ms 3000 (client closes the streams after 3 s)"
node "$here/stream_load.mjs" --url "http://127.0.0.1:$fgm_port" --pid "$fgm_pid" --n "$streams" \
  --cycles 2 --chunk-delay-ms 100 --settle-ms 5000 --end abort --hold-ms 3000 --label abort | tee -a "$work/mem.jsonl"
sleep 10
echo "idle 10 s after the last cycle: $(rss_line "$fgm_pid")" | tee -a "$work/mem_idle.txt"
echo "factgate /metrics: $(curl -s "http://127.0.0.1:$fgm_port/metrics" | grep -E '^factgate_(open_connections|inflight_requests) ' | tr '\n' ' ')"
echo "factgate warn/error lines (part 3), first 20:"; fg_problems "$work/fg_mem.log"
echo "factgate request statuses (part 3): $(grep -o '"route":"chat_completions","status":[0-9]*' "$work/fg_mem.log" | sort | uniq -c | tr '\n' ' ')"

# ---- summary -----------------------------------------------------------------------------------
log "summary"
node "$here/summarize.mjs" "$work"
