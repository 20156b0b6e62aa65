// Memory under many concurrent streams (tests/bench/proxy_bench.sh, part 3). Node built-ins only.
//
//   node stream_load.mjs --url http://127.0.0.1:PORT --pid FACTGATE_PID [--n 1000] [--cycles 3]
//        [--mode annotate] [--chunk-delay-ms 100] [--settle-ms 5000] [--end done|abort]
//        [--hold-ms 4000] [--label NAME]
//
// Each cycle opens --n streaming chat completions at once through factgate (one connection each,
// no keep-alive), to the fixture upstream's `stream` scenario with a 5-sentence answer sent one word
// per event every --chunk-delay-ms (about 5 s per stream at 100 ms), so all of them are open at the
// same time. --end done lets every stream run to its end ([DONE]); --end abort closes them from the
// client side --hold-ms after the last one started. Then it waits --settle-ms and samples again.
// factgate's VmRSS and VmHWM (/proc/PID/status) and open file descriptors are sampled before the
// cycle, every 100 ms during it (peak) and after the settle time.
// Prints one JSON line per cycle: {"label", "cycle", "n", "status200", "errors", "done", ...}.
import http from 'node:http';
import fs from 'node:fs';

const ANSWER =
  'Abraham Lincoln was the 16th President of the United States. Mount Everest is the highest ' +
  'mountain in the world. The Nile is a river in Africa. Paris is the capital and largest city of ' +
  'France. Lincoln was assassinated by John Wilkes Booth in 1865.';

function parseArgs(argv) {
  const out = {
    url: '', pid: 0, n: 1000, cycles: 3, mode: 'annotate', chunkDelayMs: 100, settleMs: 5000,
    end: 'done', holdMs: 4000, label: 'streams',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--url') out.url = value();
    else if (flag === '--pid') out.pid = Number(value());
    else if (flag === '--n') out.n = Number(value());
    else if (flag === '--cycles') out.cycles = Number(value());
    else if (flag === '--mode') out.mode = value();
    else if (flag === '--chunk-delay-ms') out.chunkDelayMs = Number(value());
    else if (flag === '--settle-ms') out.settleMs = Number(value());
    else if (flag === '--end') out.end = value();
    else if (flag === '--hold-ms') out.holdMs = Number(value());
    else if (flag === '--label') out.label = value();
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (!out.url || !out.pid) throw new Error('--url and --pid are required');
  return out;
}

function memOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status) || [])[1] || 0);
  let fds = 0;
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    fds = -1;
  }
  return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), threads: kb('Threads'), fds };
}

const mb = (kb) => Math.round(kb / 102.4) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function oneStream(args, counters, handles) {
  return new Promise((resolve) => {
    const body = JSON.stringify({
      model: 'gpt-bench',
      stream: true,
      messages: [{ role: 'user', content: 'Tell me five facts.' }],
    });
    const u = new URL('/v1/chat/completions', args.url);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
          'x-factgate-mode': args.mode,
          'x-fixture-scenario': 'stream',
          'x-fixture-chunk-delay-ms': String(args.chunkDelayMs),
          'x-fixture-content': Buffer.from(ANSWER).toString('base64'),
        },
      },
      (res) => {
        counters.open++;
        counters.maxOpen = Math.max(counters.maxOpen, counters.open);
        if (res.statusCode === 200) counters.status200++;
        else counters.otherStatus[res.statusCode] = (counters.otherStatus[res.statusCode] || 0) + 1;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        let ended = false;
        res.on('end', () => {
          ended = true;
        });
        res.on('error', () => {});
        res.on('close', () => {
          counters.open--;
          if (text.includes('data: [DONE]')) counters.done++;
          if (text.includes('"factgate"')) counters.annotated++;
          if (/"checked":\s*false/.test(text)) counters.uncheckedReports++;
          if (!ended) counters.cut++;
          resolve();
        });
      },
    );
    handles.push(req);
    req.on('error', (err) => {
      if (!counters.abortedByUs) {
        counters.errors++;
        counters.errorKinds[err.code || err.message] = (counters.errorKinds[err.code || err.message] || 0) + 1;
      }
      resolve();
    });
    req.end(body);
  });
}

async function cycle(args, k) {
  const before = memOf(args.pid);
  const counters = {
    open: 0, maxOpen: 0, status200: 0, otherStatus: {}, errors: 0, errorKinds: {}, done: 0,
    annotated: 0, uncheckedReports: 0, cut: 0, abortedByUs: false,
  };
  let peakRss = before.rssKb;
  let peakFds = before.fds;
  const sampler = setInterval(() => {
    const m = memOf(args.pid);
    peakRss = Math.max(peakRss, m.rssKb);
    peakFds = Math.max(peakFds, m.fds);
  }, 100);
  const t0 = performance.now();
  const handles = [];
  const all = [];
  for (let i = 0; i < args.n; i++) all.push(oneStream(args, counters, handles));
  // Time until every response head has arrived (all streams open at once).
  let allOpenMs = null;
  const openWatch = setInterval(() => {
    if (allOpenMs === null && counters.status200 + counters.errors >= args.n) allOpenMs = performance.now() - t0;
  }, 5);
  if (args.end === 'abort') {
    while (counters.status200 + counters.errors < args.n && performance.now() - t0 < 30000) await sleep(20);
    await sleep(args.holdMs);
    counters.abortedByUs = true;
    for (const r of handles) r.destroy();
  }
  await Promise.all(all);
  const streamsMs = performance.now() - t0;
  clearInterval(openWatch);
  await sleep(args.settleMs);
  clearInterval(sampler);
  const after = memOf(args.pid);
  return {
    label: args.label,
    cycle: k,
    n: args.n,
    mode: args.mode,
    end: args.end,
    status200: counters.status200,
    other_status: counters.otherStatus,
    errors: counters.errors,
    error_kinds: counters.errorKinds,
    max_open: counters.maxOpen,
    done: counters.done,
    annotated: counters.annotated,
    unchecked_reports: counters.uncheckedReports,
    cut: counters.cut,
    all_open_ms: allOpenMs === null ? null : Math.round(allOpenMs),
    streams_ms: Math.round(streamsMs),
    rss_before_mb: mb(before.rssKb),
    rss_peak_mb: mb(peakRss),
    hwm_mb: mb(after.hwmKb),
    rss_after_mb: mb(after.rssKb),
    fds_before: before.fds,
    fds_peak: peakFds,
    fds_after: after.fds,
    threads: after.threads,
  };
}

const args = parseArgs(process.argv.slice(2));
for (let k = 1; k <= args.cycles; k++) {
  const r = await cycle(args, k);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
