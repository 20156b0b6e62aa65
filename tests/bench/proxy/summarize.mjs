// Summary tables of tests/bench/proxy_bench.sh, from the files it wrote into its work folder:
//   node summarize.mjs WORK_DIR
// wrk.txt (one "key=value ..." line per wrk run), curl_ttfb.NAME.txt (curl time_starttransfer in
// seconds, one a line), first_content.jsonl, mem.jsonl, mem_idle.txt. Prints Markdown.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = (f) => {
  try {
    return fs.readFileSync(path.join(dir, f), 'utf8');
  } catch {
    return '';
  }
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const sign = (x, d = 2) => (Number.isFinite(x) ? (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(d) : '—');

// ---- 1. wrk ----------------------------------------------------------------------------------
const runs = read('wrk.txt')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => Object.fromEntries(l.trim().split(/\s+/).map((kv) => kv.split('='))));
const num = (r, k) => Number(r[k]);
const order = [];
for (const r of runs) if (!order.includes(r.target)) order.push(r.target);
const stats = {};
for (const conns of ['16', '1']) {
  const rows = runs.filter((r) => r.conns === conns && !r.failed);
  if (!rows.length) continue;
  stats[conns] = {};
  for (const t of order) {
    const rs = rows.filter((r) => r.target === t);
    if (!rs.length) continue;
    const errs = rs.reduce(
      (a, r) => a + num(r, 'err_connect') + num(r, 'err_read') + num(r, 'err_write') + num(r, 'err_timeout') + num(r, 'non2xx'),
      0,
    );
    stats[conns][t] = {
      n: rs.length,
      rps: median(rs.map((r) => num(r, 'rps'))),
      rpsMin: Math.min(...rs.map((r) => num(r, 'rps'))),
      rpsMax: Math.max(...rs.map((r) => num(r, 'rps'))),
      p50: median(rs.map((r) => num(r, 'p50_ms'))),
      p99: median(rs.map((r) => num(r, 'p99_ms'))),
      requests: rs.reduce((a, r) => a + num(r, 'requests'), 0),
      errs,
    };
  }
}
for (const conns of Object.keys(stats)) {
  const s = stats[conns];
  const d = s.direct;
  console.log(`\n### wrk -t1 -c${conns} (median of ${d?.n ?? '?'} rounds; req/s range in brackets)\n`);
  console.log('| target | req/s | p50 ms | p99 ms | req/s vs direct | p50 over direct (ms) | errors / requests |');
  console.log('|---|---|---|---|---|---|---|');
  for (const t of Object.keys(s)) {
    const x = s[t];
    console.log(
      `| ${t} | ${int(x.rps)} [${int(x.rpsMin)}–${int(x.rpsMax)}] | ${f(x.p50, 3)} | ${f(x.p99, 3)} | ` +
        `${d ? f(x.rps / d.rps, 3) + '×' : '—'} | ${d ? sign(x.p50 - d.p50, 3) : '—'} | ${x.errs} / ${int(x.requests)} |`,
    );
  }
}
console.log('\n### targets (part 1)\n');
for (const conns of Object.keys(stats)) {
  const s = stats[conns];
  if (!s.direct || !s.nginx) continue;
  for (const v of ['', '+nodelay']) {
    const off = s[`fg-off${v}`];
    const ann = s[`fg-annotate${v}`];
    if (!off) continue;
    const offOver = off.p50 - s.direct.p50;
    const ngOver = s.nginx.p50 - s.direct.p50;
    console.log(
      `- c${conns} fg-off${v}: p50 overhead ${sign(offOver, 3)} ms vs nginx's ${sign(ngOver, 3)} ms ` +
        `(${offOver <= ngOver ? 'met' : 'NOT met'}, ${f(offOver / ngOver, 1)}×); req/s ${int(off.rps)} vs nginx ${int(s.nginx.rps)} ` +
        `(${f(off.rps / s.nginx.rps, 3)}×, ${off.rps >= s.nginx.rps ? 'met' : 'NOT met'})`,
    );
    if (ann) {
      const add = ann.p50 - off.p50;
      console.log(
        `- c${conns} fg-annotate${v}: adds ${sign(add, 3)} ms at p50 over fg-off${v} ` +
          `(${sign(ann.p50 - s.direct.p50, 3)} ms over direct): target ≤ 2 ms ${add <= 2 ? 'met' : 'NOT met'}`,
      );
    }
  }
}

// factgate's own view of the same requests: its "request" log lines (latency_ms: from the parsed
// request to the last byte handed to the socket), matched to the wrk runs by time.
const logs = {};
for (const [file, suffix] of [['fg_wrk.log', ''], ['fg_wrk_nodelay.log', '+nodelay']]) {
  logs[suffix] = read(file)
    .split('\n')
    .filter((l) => l.includes('"msg":"request"') && l.includes('"chat_completions"'))
    .map((l) => JSON.parse(l))
    .map((r) => ({ ...r, t: Date.parse(r.ts) }));
}
for (const conns of Object.keys(stats)) {
  for (const t of Object.keys(stats[conns]).filter((x) => x.startsWith('fg-'))) {
    const suffix = t.endsWith('+nodelay') ? '+nodelay' : '';
    const mode = t.includes('annotate') ? 'annotate' : 'off';
    const wins = runs.filter((r) => r.conns === conns && r.target === t).map((r) => [Number(r.t0_ms), Number(r.t1_ms)]);
    const lat = (logs[suffix] || [])
      .filter((r) => r.mode === mode && r.status === 200 && wins.some(([a, b]) => r.t >= a && r.t <= b))
      .map((r) => r.latency_ms);
    if (!lat.length) continue;
    console.log(
      `- c${conns} ${t}: factgate's own logged latency_ms (${int(lat.length)} requests): p50 ${f(pct(lat, 50), 3)}, ` +
        `p99 ${f(pct(lat, 99), 3)}; wrk saw p50 ${f(stats[conns][t].p50, 3)}`,
    );
  }
}

// ---- 2. first byte ---------------------------------------------------------------------------
const curlFiles = fs.readdirSync(dir).filter((x) => /^curl_ttfb\..+\.txt$/.test(x));
if (curlFiles.length) {
  const names = ['direct', 'fg-off', 'fg-annotate'].filter((n) => curlFiles.includes(`curl_ttfb.${n}.txt`));
  const ms = {};
  for (const n of names) {
    ms[n] = read(`curl_ttfb.${n}.txt`)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => Number(l) * 1000);
  }
  const fc = Object.fromEntries(
    read('first_content.jsonl')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      .map((r) => [r.target, r]),
  );
  const d50 = median(ms.direct ?? []);
  const dfc = fc.direct?.content_p50_ms;
  console.log('\n### time to first streamed byte (slow_stream, interleaved)\n');
  console.log(
    '| target | runs | curl time_starttransfer p50 / p90 (ms) | p50 − direct (ms) | first content event p50 / p90 (ms) | p50 − direct (ms) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const n of names) {
    const c = fc[n];
    console.log(
      `| ${n} | ${ms[n].length} | ${f(median(ms[n]), 3)} / ${f(pct(ms[n], 90), 3)} | ${n === 'direct' ? '—' : sign(median(ms[n]) - d50, 3)} | ` +
        `${c ? f(c.content_p50_ms, 3) + ' / ' + f(c.content_p90_ms, 3) : '—'} | ${c && n !== 'direct' ? sign(c.content_p50_ms - dfc, 3) : '—'} |`,
    );
  }
  const a = ms['fg-annotate'];
  if (a && ms.direct) {
    const diff = median(a) - d50;
    console.log(`\n- first byte, annotate vs direct: ${sign(diff, 3)} ms at p50: target within 1 ms ${Math.abs(diff) <= 1 ? 'met' : 'NOT met'}`);
  }
  if (fc['fg-annotate'] && dfc !== undefined) {
    const diff = fc['fg-annotate'].content_p50_ms - dfc;
    console.log(`- first content event, annotate vs direct: ${sign(diff, 3)} ms at p50 (${Math.abs(diff) <= 1 ? 'within' : 'NOT within'} 1 ms)`);
  }
}

// ---- 3. memory -------------------------------------------------------------------------------
const mem = read('mem.jsonl')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
if (mem.length) {
  console.log('\n### memory of factgate serve with concurrent streams\n');
  console.log(read('mem_idle.txt').trim().split('\n').map((l) => `    ${l}`).join('\n'));
  console.log('');
  console.log(
    '| cycle | streams (end) | 200 / errors | max open at once | all open after (ms) | [DONE] / annotated / unchecked | RSS before → peak → after (MB) | VmHWM (MB) | fds before / peak / after |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of mem) {
    console.log(
      `| ${r.label} ${r.cycle} | ${r.n} (${r.end}) | ${r.status200} / ${r.errors} | ${r.max_open} | ${r.all_open_ms ?? '—'} | ` +
        `${r.done} / ${r.annotated} / ${r.unchecked_reports} | ${f(r.rss_before_mb, 1)} → ${f(r.rss_peak_mb, 1)} → ${f(r.rss_after_mb, 1)} | ` +
        `${f(r.hwm_mb, 1)} | ${r.fds_before} / ${r.fds_peak} / ${r.fds_after} |`,
    );
  }
  const peak = Math.max(...mem.map((r) => r.hwm_mb));
  console.log(`\n- peak RSS (VmHWM) ${f(peak, 1)} MB: target < 400 MB ${peak < 400 ? 'met' : 'NOT met'}`);
  const done = mem.filter((r) => r.label === 'done');
  if (done.length > 1) {
    console.log(
      `- RSS after each cycle: ${done.map((r) => f(r.rss_after_mb, 1)).join(', ')} MB (cycle ${done.length} − cycle 1: ${sign(done.at(-1).rss_after_mb - done[0].rss_after_mb, 1)} MB)`,
    );
  }
}
