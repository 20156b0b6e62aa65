#!/usr/bin/env bash
# Proxy overhead per dialect (issue 7), the method of tests/bench/proxy_bench.sh: wrk on loopback
# against a fixed nginx upstream that answers the same 5-sentence answer in the OpenAI, Anthropic
# and Ollama shapes (tests/bench/dialects/), directly and through factgate in modes off and annotate
# (default KB), targets interleaved in rounds; one line per run.
#   bash tests/bench/dialect_bench.sh --kb DIR [--bin PATH] [--duration 10s] [--rounds 2]
# Needs wrk and nginx (apt-get install -y wrk nginx). Listens on 127.0.0.1 only; every load stops by
# itself; the trap stops the servers.
set -euo pipefail
cd "$(dirname "$0")/../.."
here="tests/bench/dialects"
kb="" bin="build/factgate" duration="10s" rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --kb) kb="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$kb" ] || { echo "--kb DIR is required (factgate kb build-default --kb DIR)" >&2; exit 2; }
work="$(mktemp -d)"
fg_pid=""
trap '[ -n "$fg_pid" ] && kill "$fg_pid" 2>/dev/null; nginx -c "$work/nginx_upstream.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
up_port=$((21000 + RANDOM % 10000)); fg_port=$((up_port + 1))
sed -e "s|@WORK@|$work|g" -e "s|@PORT@|$up_port|g" "$here/nginx_upstream.conf.in" > "$work/nginx_upstream.conf"
nginx -c "$work/nginx_upstream.conf"
cp "$bin" "$work/factgate"
"$work/factgate" serve --listen "127.0.0.1:$fg_port" --kb "$kb" --io-threads 1 --worker-threads 1 \
  --upstream "http://127.0.0.1:$up_port/v1" --anthropic-upstream "http://127.0.0.1:$up_port" \
  --ollama-upstream "http://127.0.0.1:$up_port" --log-level error 2>"$work/factgate.log" &
fg_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$fg_port/healthz" >/dev/null && break; sleep 0.1; done
echo "$(wrk --version 2>&1 | head -1) | $(nginx -v 2>&1) | wrk -t1 -c16 -d$duration, $rounds rounds"
printf '%-10s %-12s %10s %10s %10s\n' dialect target rps p50_ms p99_ms
for round in $(seq "$rounds"); do
  for path in /v1/chat/completions /v1/messages /api/chat; do
    case "$path" in /v1/chat/completions) d=openai ;; /v1/messages) d=anthropic ;; *) d=ollama ;; esac
    for target in direct fg-off fg-annotate; do
      case "$target" in
        direct) url="http://127.0.0.1:$up_port"; mode=off ;;
        fg-off) url="http://127.0.0.1:$fg_port"; mode=off ;;
        fg-annotate) url="http://127.0.0.1:$fg_port"; mode=annotate ;;
      esac
      line=$(BENCH_PATH="$path" FACTGATE_MODE="$mode" wrk -t1 -c16 -d"$duration" -s "$here/post.lua" "$url" | grep '^RESULT')
      rps=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
      p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
      p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
      bad=$(sed -E 's/.*non2xx=([0-9]+) errors=([0-9]+).*/\1+\2/' <<<"$line")
      printf '%-10s %-12s %10s %10s %10s%s\n' "$d" "$target" "$rps" "$p50" "$p99" \
        "$([ "$bad" = "0+0" ] || echo "   (non-2xx+errors: $bad)")"
    done
  done
done
