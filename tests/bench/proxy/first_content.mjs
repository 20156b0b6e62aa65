// Time to the first streamed content (tests/bench/proxy_bench.sh, part 2). Node built-ins only.
//
//   node first_content.mjs --runs 50 --delay-ms 300 NAME=URL[,MODE] ...
//
// Sends --runs streaming chat completions to each target, interleaved (A B C A B C ...), one at a
// time, each on a new connection, asking the fixture upstream for its `slow_stream` scenario with a
// 5-sentence answer (role chunk and first sentence at once, then a pause of --delay-ms, then the
// rest). Per request it times, from just before the request is sent:
//   head_ms    the response head (status line and headers) is parsed
//   content_ms the first SSE event with a non-empty delta.content has arrived
// and prints one JSON line per target with median, p90 and max of both.
import http from 'node:http';

const ANSWER =
  'Abraham Lincoln was the 16th President of the United States. Mount Everest is the highest ' +
  'mountain in the world. The Nile is a river in Africa. Paris is the capital and largest city of ' +
  'France. Lincoln was assassinated by John Wilkes Booth in 1865.';

let runs = 50;
let delayMs = 300;
const targets = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--delay-ms') delayMs = Number(argv[++i]);
  else {
    const m = /^([^=]+)=([^,]+)(?:,(\w+))?$/.exec(argv[i]);
    if (!m) throw new Error(`bad target ${argv[i]} (NAME=URL[,MODE])`);
    targets.push({ name: m[1], url: m[2], mode: m[3] || 'off', head: [], content: [], bad: 0 });
  }
}

function once(t) {
  return new Promise((resolve) => {
    const body = JSON.stringify({
      model: 'gpt-bench',
      stream: true,
      messages: [{ role: 'user', content: 'Tell me five facts.' }],
    });
    const u = new URL('/v1/chat/completions', t.url);
    const t0 = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
    let head = null;
    let content = null;
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
          'x-factgate-mode': t.mode,
          'x-fixture-scenario': 'slow_stream',
          'x-fixture-delay-ms': String(delayMs),
          'x-fixture-content': Buffer.from(ANSWER).toString('base64'),
        },
      },
      (res) => {
        head = ms();
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          if (content !== null) return;
          buf += d;
          for (const line of buf.split('\n')) {
            if (!line.startsWith('data: {')) continue;
            try {
              const ev = JSON.parse(line.slice(6));
              if (ev.choices?.some((c) => c.delta && typeof c.delta.content === 'string' && c.delta.content !== '')) {
                content = ms();
                break;
              }
            } catch {
              // an event split across reads: wait for the rest
            }
          }
        });
        res.on('end', () => resolve({ ok: res.statusCode === 200 && content !== null, head, content }));
        res.on('error', () => resolve({ ok: false }));
      },
    );
    req.on('error', () => resolve({ ok: false }));
    req.end(body);
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const r3 = (x) => (x === null ? null : Math.round(x * 1000) / 1000);

for (let k = 0; k < runs; k++) {
  for (const t of targets) {
    const r = await once(t);
    if (!r.ok) {
      t.bad++;
      continue;
    }
    t.head.push(r.head);
    t.content.push(r.content);
  }
}
for (const t of targets) {
  process.stdout.write(
    `${JSON.stringify({
      target: t.name,
      mode: t.mode,
      runs: t.head.length,
      failed: t.bad,
      head_p50_ms: r3(pct(t.head, 50)),
      head_p90_ms: r3(pct(t.head, 90)),
      head_max_ms: r3(pct(t.head, 100)),
      content_p50_ms: r3(pct(t.content, 50)),
      content_p90_ms: r3(pct(t.content, 90)),
      content_max_ms: r3(pct(t.content, 100)),
    })}\n`,
  );
}
