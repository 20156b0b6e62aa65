#!/usr/bin/env bash
# The web-evidence benchmark in docs/BENCHMARKS.md: claim latency with an evidence-cache miss and
# with a hit, against a real MediaWiki on loopback (Debian's mediawiki, php -S, SQLite; installed
# with tests/fixtures/mediawiki/install_wiki.sh). 80 generated town pages; 160 claims (each town's
# founding year, right and wrong); web_claim_bench checks them cold, warm and offline in one run.
# Usage: bash tests/bench/mediawiki_bench.sh [BUILD_DIR]   (needs mediawiki php-cli php-sqlite3)
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${1:-build}"
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill -9 -- "-$pid" 2>/dev/null; rm -rf "$work"' EXIT
cmake --build "$build" --target web_claim_bench >/dev/null
# Invented towns: made-up names, so the wiki's search finds each on its own page only.
node - "$work" <<'JS'
const fs = require('fs');
const dir = process.argv[2];
const a = ['Bar', 'Kel', 'Mor', 'Tal', 'Ves', 'Dun', 'Ora', 'Lin', 'Sar', 'Eld'];
const b = ['wick', 'mere', 'holt', 'stead', 'ford', 'by', 'ham', 'ton'];
const regions = ['Eastmarch', 'Westfold', 'Northreach', 'Southvale'];
const pages = [], claims = [];
for (let i = 0; i < 80; i++) {
  const name = a[i % a.length] + b[Math.floor(i / a.length) % b.length];
  const year = 1600 + ((i * 37) % 300);
  const people = 1000 + ((i * 7919) % 90000);
  const region = regions[i % regions.length];
  pages.push({title: name, text: `'''${name}''' is a town in the ${region} region. ` +
    `${name} was founded in ${year}. It has about ${people.toLocaleString('en-US')} inhabitants ` +
    `and lies on the road between the coast and the hills.\n\n== History ==\n` +
    `The town grew around a market square. Its church was rebuilt in ${year + 120}.`});
  claims.push(`${name} was founded in ${year}.`, `${name} was founded in ${year + 13}.`);
}
fs.writeFileSync(dir + '/pages.jsonl', pages.map(p => JSON.stringify(p)).join('\n') + '\n');
fs.writeFileSync(dir + '/claims.txt', claims.join('\n') + '\n');
JS
port=$((20000 + RANDOM % 20000))
bash tests/fixtures/mediawiki/install_wiki.sh "$work/wiki" "$port" "$work/pages.jsonl" >/dev/null
setsid php -S "127.0.0.1:$port" -t "$work/wiki/w" >"$work/php.log" 2>&1 &
pid=$!
disown  # killed by the EXIT trap, without a "Killed" line
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/api.php?action=query&meta=siteinfo&format=json" >/dev/null && break
  sleep 0.2
done
# One request first, so that PHP's caches are warm for the cold pass too.
curl -sf "http://127.0.0.1:$port/api.php?action=query&list=search&srwhat=text&srsearch=town&format=json" >/dev/null
"$build/tests/bench/web_claim_bench" --mediawiki "http://127.0.0.1:$port/api.php" \
  --cache "$work/cache" --claims "$work/claims.txt"
