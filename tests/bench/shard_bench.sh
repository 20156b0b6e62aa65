#!/usr/bin/env bash
# The sharding benchmark in docs/BENCHMARKS.md: KB search queries/s over the default KB as one local
# folder, as two local shard folders, and as two shards served by xapian-tcpsrv on loopback (the
# same passages, split with `kb build-default --shard I/2`), with fever-pairs claims as queries.
# Usage: bash tests/bench/shard_bench.sh [BUILD_DIR]   (needs ../shared/datasets and xapian-tools;
# builds three KBs, a few minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
datasets="${FACTGATE_DATASETS:-../shared/datasets}"
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]}"; do kill -9 -- "-$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
cmake --build "$build" --target factgate kb_search_bench >/dev/null
fg="$build/factgate"
"$fg" kb build-default --kb "$work/one" >/dev/null
"$fg" kb build-default --kb "$work/s0" --shard 0/2 >/dev/null
"$fg" kb build-default --kb "$work/s1" --shard 1/2 >/dev/null
for kb in one s0 s1; do echo "$kb: $("$fg" kb stats --kb "$work/$kb" | tr -d '\n ')"; done
port0=$((20000 + RANDOM % 20000)); port1=$((port0 + 1))
setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port0" "$work/s0" & pids+=($!)
setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port1" "$work/s1" & pids+=($!)
sleep 1
claims="$datasets/fever-pairs/pairs.jsonl"
bench() { "$build/tests/bench/kb_search_bench" --claims "$claims" --limit 3000 "$@"; }
echo "== one local KB";           bench --kb "$work/one"
echo "== two local shards";       bench --kb "$work/s0" --kb "$work/s1"
echo "== two remote shards (xapian-tcpsrv on 127.0.0.1)"
bench --kb "tcp://127.0.0.1:$port0" --kb "tcp://127.0.0.1:$port1"
echo "== again, in the same order (warm caches)"
echo "-- one local KB";           bench --kb "$work/one"
echo "-- two remote shards";      bench --kb "tcp://127.0.0.1:$port0" --kb "tcp://127.0.0.1:$port1"
