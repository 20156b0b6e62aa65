#!/usr/bin/env bash
# The audit benchmark in docs/BENCHMARKS.md: `factgate audit` on generated transcripts (about five
# sentences each, about people WordNet knows; gen_transcripts.mjs) against the default KB —
# transcripts/s, claims/s and peak memory for 10,000 transcripts; the same run killed (kill -9) at
# half way and finished with --resume, checked to give the same files; and peak memory for 2,000
# and 20,000 transcripts, to show it does not grow with the input.
# Usage: bash tests/bench/audit_bench.sh [BUILD_DIR] [KB_DIR]   (KB_DIR: a default KB; built in a
# temporary folder when not given, which adds a few minutes)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
kb="${2:-}"
cmake --build "$build" --target factgate >/dev/null
if [[ -z "$kb" ]]; then
  kb="$work/kb"
  "$build/factgate" kb build-default --kb "$kb" >/dev/null
fi
fg="$build/factgate"
echo "machine: $(nproc) cores; $("$fg" kb stats --kb "$kb" | tr -d '\n ')"

figures() {  # summary.json -> one line of figures
  node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1]));
    console.log(`transcripts=${s.transcripts} claims=${s.claims} refuted=${s.verdicts.refuted} ` +
                `elapsed_s=${s.elapsed_s} transcripts_per_s=${s.transcripts_per_second} ` +
                `claims_per_s=${s.claims_per_second}`);' "$1"
}

for n in 2000 10000 20000; do
  node tests/bench/gen_transcripts.mjs "$n" > "$work/t$n.jsonl"
done

echo "== 10,000 transcripts, uninterrupted"
/usr/bin/time -f "peak_rss_kb=%M wall_s=%e" "$fg" audit --kb "$kb" --quiet "$work/t10000.jsonl" \
  --out "$work/clean" >/dev/null
figures "$work/clean/summary.json"

echo "== 10,000 transcripts, killed (kill -9) at half way, then --resume"
start=$(date +%s.%N)
"$fg" audit --kb "$kb" --quiet "$work/t10000.jsonl" --out "$work/resumed" >/dev/null &
pid=$!
lines_done() {
  node -e 'try { console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).lines_done) }
           catch { console.log(0) }' "$work/resumed/.factgate-audit.json"
}
while [[ "$(lines_done)" -lt 5000 ]]; do sleep 0.2; done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
killed_at=$(lines_done)
echo "killed after the checkpoint at line $killed_at"
/usr/bin/time -f "resume: peak_rss_kb=%M wall_s=%e" "$fg" audit --kb "$kb" --quiet \
  "$work/t10000.jsonl" --out "$work/resumed" --resume >/dev/null
end=$(date +%s.%N)
echo "both runs together: wall_s=$(awk "BEGIN { printf \"%.1f\", $end - $start }")"
figures "$work/resumed/summary.json"
for f in claims.jsonl transcripts.jsonl errors.jsonl; do
  cmp -s "$work/clean/$f" "$work/resumed/$f" && echo "$f: identical to the uninterrupted run" ||
    { echo "$f: DIFFERS from the uninterrupted run"; exit 1; }
done

echo "== peak memory against input size"
for n in 2000 20000; do
  /usr/bin/time -f "$n transcripts: peak_rss_kb=%M wall_s=%e" "$fg" audit --kb "$kb" --quiet \
    "$work/t$n.jsonl" --out "$work/m$n" >/dev/null
done
