#!/usr/bin/env bash
# Produces the numbers in docs/BENCHMARKS.md: default-KB indexing throughput, verification
# throughput, latency and memory on that KB, and `factgate eval` on the public datasets.
# Usage: bash tests/bench/run_benchmarks.sh [BUILD_DIR]   (needs ../shared/datasets; ~10 minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
datasets="${FACTGATE_DATASETS:-../shared/datasets}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmake --build "$build" --target factgate verify_bench >/dev/null

echo "== default KB (WordNet + GCIDE): indexing"
/usr/bin/time -f "peak_rss_kb=%M wall=%e" "$build/factgate" kb build-default --kb "$work/kb"
"$build/factgate" kb stats --kb "$work/kb"

echo "== verification on the default KB, one thread (claims of fever-pairs as the workload)"
"$build/tests/bench/verify_bench" --kb "$work/kb" --claims "$datasets/fever-pairs/pairs.jsonl" \
  --limit 5000 --threads 1
echo "== the same, two threads"
"$build/tests/bench/verify_bench" --kb "$work/kb" --claims "$datasets/fever-pairs/pairs.jsonl" \
  --limit 5000 --threads 2

echo "== peak memory of 'factgate verify' on a 1 MB answer"
for i in $(seq 1 400); do cat config/examples/answer.md; done > "$work/big.md"
/usr/bin/time -f "peak_rss_kb=%M wall=%e" "$build/factgate" verify --kb "$work/kb" --compact \
  "$work/big.md" >/dev/null

echo "== eval, claims mode"
for d in climate-fever check-covid; do
  echo "-- $d"
  "$build/factgate" eval --no-model --corpus "$datasets/$d/corpus.jsonl" --claims "$datasets/$d/claims.jsonl"
done
echo "-- check-covid, whole abstracts as passages (--passage-bytes 3000)"
"$build/factgate" eval --no-model --corpus "$datasets/check-covid/corpus.jsonl" \
  --claims "$datasets/check-covid/claims.jsonl" --passage-bytes 3000
echo "== eval, pairs mode"
for d in fever-pairs vitaminc covidfact healthver climate-fever; do
  echo "-- $d"
  "$build/factgate" eval --no-model --pairs "$datasets/$d/pairs.jsonl"
done
