// Integration tests of `factgate serve`: REST routes, limits, errors, metrics, auth, live ingest,
// graceful shutdown. Needs FACTGATE_BIN (default /work/main/build/factgate).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DEFAULT_TEXT, startFixture } from './fixture_upstream.mjs';
import {
  ADMIN_TOKEN,
  CORPUS,
  assertOpenAIError,
  buildKb,
  byteSlice,
  fetchJson,
  parsePrometheus,
  readSSE,
  request,
  startFactgate,
  summarizeChatStream,
  testId,
  within,
} from './harness.mjs';

let fx;
let kb;
let fg;

before(async () => {
  fx = await startFixture();
  kb = await buildKb();
  fg = await startFactgate({ upstream: fx.url, kb: kb.kb });
});

after(async () => {
  try {
    if (fg) {
      const { code } = await fg.stop();
      assert.equal(code, 0, `factgate exit code on SIGTERM\n${fg.describe()}`);
    }
  } finally {
    await fx?.close();
    await kb?.cleanup();
  }
});

const auth = (token = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` });
const verify = (text, headers = {}) => fetchJson(`${fg.base}/verify`, { body: { text }, headers });
const search = (q, k) => fetchJson(`${fg.base}/kb/search?q=${encodeURIComponent(q)}${k ? `&k=${k}` : ''}`);

// The contract says "passages with scores" without naming the field: accept a top-level array or
// the first array-valued field (passages, results, hits, ...).
function hitsOf(json) {
  if (Array.isArray(json)) return json;
  for (const k of ['passages', 'results', 'hits', 'documents']) if (Array.isArray(json?.[k])) return json[k];
  return Object.values(json ?? {}).find(Array.isArray) ?? [];
}
const docIdOf = (h) => h.doc_id ?? h.id ?? h.document_id;
const docIds = (json) => hitsOf(json).map(docIdOf);

function assertReport(report, text) {
  assert.ok(Array.isArray(report.claims), 'claims is an array');
  const s = report.summary;
  assert.ok(s && typeof s === 'object', 'summary');
  assert.equal(s.claims, report.claims.length);
  for (const v of ['supported', 'refuted', 'not_enough_info']) {
    assert.equal(s[v], report.claims.filter((c) => c.verdict === v).length, `summary.${v}`);
  }
  assert.equal(typeof s.checked, 'boolean');
  assert.equal(typeof s.elapsed_ms, 'number');
  for (const c of report.claims) {
    assert.equal(typeof c.id, 'string');
    assert.ok(['supported', 'refuted', 'not_enough_info'].includes(c.verdict), c.verdict);
    assert.ok(c.confidence >= 0 && c.confidence <= 1, `confidence ${c.confidence}`);
    assert.equal(typeof c.kind, 'string');
    assert.ok(Array.isArray(c.span) && c.span.length === 2);
    if (text !== undefined) assert.equal(byteSlice(text, c.span), c.text, 'span is a UTF-8 byte range of the text');
    assert.ok(Array.isArray(c.citations));
    for (const cit of c.citations) {
      const doc = CORPUS.find((d) => d.id === cit.doc_id);
      if (doc) {
        assert.equal(cit.title, doc.title);
        assert.equal(byteSlice(doc.text, cit.quote_span), cit.quote, 'quote_span indexes the stored document text');
      }
    }
  }
}

describe('health', () => {
  test('GET /healthz → 200', async () => {
    const r = await fetchJson(`${fg.origin}/healthz`);
    assert.equal(r.status, 200);
  });

  test('GET /readyz → 200 with a KB and an upstream', async () => {
    const r = await fetchJson(`${fg.origin}/readyz`);
    assert.equal(r.status, 200);
  });

  test('GET /readyz → 503 without an upstream, or without a KB', async () => {
    for (const opts of [{ kb: kb.kb }, { upstream: fx.url }]) {
      const other = await startFactgate(opts);
      try {
        const r = await fetchJson(`${other.origin}/readyz`);
        assert.equal(r.status, 503, JSON.stringify(opts));
        assert.equal((await fetchJson(`${other.origin}/healthz`)).status, 200, 'still alive');
      } finally {
        const { code } = await other.stop();
        assert.equal(code, 0);
      }
    }
  });
});

describe('POST /v1/verify', () => {
  test('report for one true and one false claim', async () => {
    const r = await verify(DEFAULT_TEXT);
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers.get('content-type'), /application\/json/);
    assertReport(r.json, DEFAULT_TEXT);
    const { claims, summary } = r.json;
    assert.equal(summary.checked, true);
    const president = claims.find((c) => /16th President/.test(c.text));
    assert.equal(president?.verdict, 'supported');
    assert.ok(president.citations.some((c) => c.doc_id === 'lincoln' && c.source === 'kb'));
    assert.equal(president.citations.find((c) => c.doc_id === 'lincoln').url, CORPUS[0].url);
    const born = claims.find((c) => /1810/.test(c.text));
    assert.equal(born?.verdict, 'refuted');
    assert.match(born.correction ?? '', /1809/);
  });

  test('spans are byte offsets (non-ASCII text)', async () => {
    const text = 'Café owners say that Abraham Lincoln was the 16th President of the United States. Mount Everest is 29,032 feet tall.';
    const r = await verify(text);
    assert.equal(r.status, 200);
    assertReport(r.json, text);
    assert.ok(r.json.claims.length >= 2);
  });

  test('malformed JSON → 400 OpenAI error', async () => {
    const r = await fetchJson(`${fg.base}/verify`, { body: '{"text": "Lincoln' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json);
  });

  test('missing or non-string "text" → 400 OpenAI error', async () => {
    for (const body of [{}, { text: 42 }, []]) {
      const r = await fetchJson(`${fg.base}/verify`, { body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assertOpenAIError(r.json);
    }
  });
});

describe('POST /v1/claims', () => {
  test('claims with byte spans, no verdicts', async () => {
    const text = 'Café owners say that Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1810.';
    const r = await fetchJson(`${fg.base}/claims`, { body: { text } });
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.claims));
    assert.ok(r.json.claims.length >= 2);
    for (const c of r.json.claims) {
      assert.equal(byteSlice(text, c.span), c.text);
      assert.ok(c.verdict === undefined || c.verdict === null, 'no verification');
    }
  });

  test('malformed JSON → 400 OpenAI error', async () => {
    const r = await fetchJson(`${fg.base}/claims`, { body: 'nope' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json);
  });
});

describe('GET /v1/kb/search', () => {
  test('passages with scores, best first', async () => {
    const r = await search('Everest feet', 5);
    assert.equal(r.status, 200, r.text);
    const hits = hitsOf(r.json);
    assert.ok(hits.length >= 1);
    assert.equal(docIdOf(hits[0]), 'everest');
    for (const h of hits) assert.equal(typeof h.score, 'number');
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score >= hits[i].score, 'sorted by score');
  });

  test('k bounds the number of hits', async () => {
    const r = await search('the', 1);
    assert.equal(r.status, 200);
    assert.ok(hitsOf(r.json).length <= 1);
  });

  test('no match → 200 with no hits', async () => {
    const r = await search('xyzzyplugh', 5);
    assert.equal(r.status, 200);
    assert.equal(hitsOf(r.json).length, 0);
  });
});

describe('KB ingest (bearer token) and live search', () => {
  const bridge = {
    id: 'zorblax',
    title: 'Zorblax Bridge',
    text: 'The Zorblax Bridge spans the Quillon River in Vantoria. It was opened in 1932 and is 840 metres long.',
    url: 'https://example.org/zorblax',
  };

  test('401 without a token or with a wrong one; nothing is added', async () => {
    const doc = { id: 'intruder', title: 'Intruder', text: 'The Grumbleton Quasar was catalogued in 1977.' };
    for (const headers of [{}, auth('wrong'), { authorization: 'Basic c2VjcmV0OnNlY3JldA==' }, { authorization: 'secret' }]) {
      const r = await fetchJson(`${fg.base}/kb/documents`, { body: doc, headers });
      assert.equal(r.status, 401, JSON.stringify(headers));
      assertOpenAIError(r.json);
    }
    const d = await fetchJson(`${fg.base}/kb/documents/lincoln`, { method: 'DELETE', headers: auth('wrong') });
    assert.equal(d.status, 401);
    assertOpenAIError(d.json);
    assert.ok(!docIds((await search('Grumbleton Quasar', 5)).json).includes('intruder'));
    assert.ok(docIds((await search('Lincoln', 5)).json).includes('lincoln'), 'lincoln not deleted');
  });

  test('a JSON object: found by search and verify right away, then deleted', async () => {
    assert.ok(!docIds((await search('Zorblax', 5)).json).includes('zorblax'));
    const add = await fetchJson(`${fg.base}/kb/documents`, { body: bridge, headers: auth() });
    assert.ok(add.status >= 200 && add.status < 300, `${add.status} ${add.text}`);

    const s = await search('Zorblax Bridge', 5);
    assert.equal(docIdOf(hitsOf(s.json)[0]), 'zorblax');

    let v = await verify('The Zorblax Bridge was opened in 1932.');
    assert.equal(v.json.claims[0]?.verdict, 'supported', v.text);
    assert.ok(v.json.claims[0].citations.some((c) => c.doc_id === 'zorblax'));
    v = await verify('The Zorblax Bridge was opened in 1950.');
    assert.equal(v.json.claims[0]?.verdict, 'refuted', v.text);
    assert.match(v.json.claims[0].correction ?? '', /1932/);

    // Replace: the same id again with other text.
    const replaced = { ...bridge, text: 'The Zorblax Bridge spans the Quillon River in Vantoria. It was opened in 1941.' };
    const rep = await fetchJson(`${fg.base}/kb/documents`, { body: replaced, headers: auth() });
    assert.ok(rep.status >= 200 && rep.status < 300);
    v = await verify('The Zorblax Bridge was opened in 1941.');
    assert.equal(v.json.claims[0]?.verdict, 'supported', v.text);
    assert.equal(hitsOf((await search('Zorblax', 10)).json).filter((h) => docIdOf(h) === 'zorblax').length >= 1, true);

    const del = await fetchJson(`${fg.base}/kb/documents/zorblax`, { method: 'DELETE', headers: auth() });
    assert.ok(del.status >= 200 && del.status < 300, `${del.status} ${del.text}`);
    assert.ok(!docIds((await search('Zorblax', 5)).json).includes('zorblax'), 'deleted doc not found');
    v = await verify('The Zorblax Bridge was opened in 1941.');
    assert.notEqual(v.json.claims[0]?.verdict, 'supported');
  });

  test('a JSON array', async () => {
    const docs = [
      { id: 'merrow', title: 'Merrow Tower', text: 'The Merrow Tower in Vantoria is 310 metres tall. It was completed in 1968.' },
      { id: 'tessik', title: 'Lake Tessik', text: 'Lake Tessik is the deepest lake in Vantoria, at 412 metres deep.' },
    ];
    const r = await fetchJson(`${fg.base}/kb/documents`, { body: docs, headers: auth() });
    assert.ok(r.status >= 200 && r.status < 300, `${r.status} ${r.text}`);
    assert.ok(docIds((await search('Merrow Tower', 5)).json).includes('merrow'));
    assert.ok(docIds((await search('Lake Tessik', 5)).json).includes('tessik'));
    const v = await verify('The Merrow Tower is 310 metres tall.');
    assert.equal(v.json.claims[0]?.verdict, 'supported', v.text);
  });

  test('a JSONL body', async () => {
    const docs = [
      { id: 'orvane', title: 'Orvane Falls', text: 'Orvane Falls is a waterfall in Vantoria with a drop of 95 metres.' },
      { id: 'pellis', title: 'Pellis Observatory', text: 'The Pellis Observatory was founded in 1887 on Mount Pellis.' },
    ];
    const body = docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
    const r = await fetchJson(`${fg.base}/kb/documents`, { body, headers: { ...auth(), 'content-type': 'application/x-ndjson' } });
    assert.ok(r.status >= 200 && r.status < 300, `${r.status} ${r.text}`);
    assert.ok(docIds((await search('Orvane Falls', 5)).json).includes('orvane'));
    assert.ok(docIds((await search('Pellis Observatory', 5)).json).includes('pellis'));
  });

  test('malformed body with a good token → 400', async () => {
    const r = await fetchJson(`${fg.base}/kb/documents`, { body: '{"id": "x", "title": ', headers: auth() });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json);
  });
});

describe('errors and limits', () => {
  test('unknown route → 404 OpenAI error', async () => {
    for (const [method, path] of [['GET', '/v1/nope'], ['POST', '/nope'], ['GET', '/v1/kb'], ['GET', '/']]) {
      const r = await request(fg.origin + path, { method, body: method === 'POST' ? '{}' : undefined });
      assert.equal(r.status, 404, `${method} ${path}`);
      assertOpenAIError(r.text, `${method} ${path}`);
    }
  });

  test('known route, wrong method → 4xx OpenAI error', async () => {
    const r = await request(`${fg.base}/verify`, { method: 'GET' });
    assert.ok([404, 405].includes(r.status), String(r.status));
    assertOpenAIError(r.text);
  });

  test('request headers over the limit → 431 OpenAI error', async () => {
    const r = await request(`${fg.base}/verify`, {
      method: 'POST',
      headers: { 'x-big': 'a'.repeat(64 * 1024) },
      body: { text: 'Paris is the capital of France.' },
    });
    assert.equal(r.status, 431);
    assertOpenAIError(r.text);
    assert.equal((await fetchJson(`${fg.origin}/healthz`)).status, 200, 'server still fine');
  });

  test('body over --max-body-bytes → 413 OpenAI error (REST and proxy); smaller bodies pass', async () => {
    const small = await startFactgate({ upstream: fx.url, kb: kb.kb, args: ['--max-body-bytes', '4096'] });
    try {
      const big = { text: 'Paris is the capital and largest city of France. '.repeat(200) };
      let r = await request(`${small.base}/verify`, { method: 'POST', body: big });
      assert.equal(r.status, 413);
      assertOpenAIError(r.text);

      const id = testId('413');
      r = await request(`${small.base}/chat/completions`, {
        method: 'POST',
        headers: { 'x-test-id': id },
        body: { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(8192) }] },
      });
      assert.equal(r.status, 413);
      assertOpenAIError(r.text);
      assert.equal(fx.byHeader('x-test-id', id).length, 0, 'not relayed upstream');

      r = await request(`${small.base}/verify`, { method: 'POST', body: { text: 'Paris is the capital and largest city of France.' } });
      assert.equal(r.status, 200);
    } finally {
      const { code } = await small.stop();
      assert.equal(code, 0);
    }
  });
});

describe('GET /metrics', () => {
  const sum = (m, name, pred = () => true) =>
    m.samples.filter((s) => s.name === name && pred(s.labels)).reduce((a, s) => a + s.value, 0);

  test('Prometheus text with the documented series', async () => {
    // Traffic for every series: a verify, a 404, a proxied chat completion.
    assert.equal((await verify(DEFAULT_TEXT)).status, 200);
    assert.equal((await fetchJson(`${fg.base}/nope`)).status, 404);
    const chat = await fetchJson(`${fg.base}/chat/completions`, { body: { model: 'm', messages: [{ role: 'user', content: 'Lincoln?' }] } });
    assert.equal(chat.status, 200, chat.text);

    const r = await fetch(`${fg.origin}/metrics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/plain/);
    const m = parsePrometheus(await r.text());
    const names = new Set(m.samples.map((s) => s.name));

    const req = m.samples.filter((s) => s.name === 'factgate_http_requests_total');
    assert.ok(req.length > 0, 'factgate_http_requests_total');
    assert.ok(req.every((s) => 'route' in s.labels && 'status' in s.labels), 'route and status labels');
    assert.ok(req.some((s) => /verify/.test(s.labels.route) && s.labels.status === '200'));
    assert.ok(req.some((s) => s.labels.status === '404'));
    assert.ok(req.some((s) => /chat/.test(s.labels.route) && s.labels.status === '200'));
    assert.ok(!req.some((s) => /nope/.test(s.labels.route)), 'route labels are bounded (no raw paths)');
    assert.equal(m.types.factgate_http_requests_total, 'counter');

    assert.equal(m.types.factgate_http_request_duration_seconds, 'histogram');
    for (const suffix of ['_bucket', '_sum', '_count']) {
      assert.ok(names.has(`factgate_http_request_duration_seconds${suffix}`), suffix);
    }
    assert.ok(
      m.samples.some((s) => s.name === 'factgate_http_request_duration_seconds_bucket' && s.labels.le === '+Inf'),
      '+Inf bucket',
    );
    for (const base of ['factgate_upstream_duration_seconds', 'factgate_verification_duration_seconds']) {
      assert.ok([...names].some((n) => n === base || n.startsWith(`${base}_`)), base);
      const count = sum(m, `${base}_count`);
      assert.ok(count >= 1, `${base}_count ≥ 1 (got ${count})`);
    }
    assert.ok(sum(m, 'factgate_verdicts_total', (l) => l.verdict === 'supported') >= 1);
    assert.ok(sum(m, 'factgate_verdicts_total', (l) => l.verdict === 'refuted') >= 1);
    assert.ok(names.has('factgate_inflight_requests'));
    assert.ok(sum(m, 'factgate_inflight_requests') >= 0);
  });

  test('counters move with traffic', async () => {
    const scrape = async () => parsePrometheus(await (await fetch(`${fg.origin}/metrics`)).text());
    const isVerify200 = (l) => /verify/.test(l.route) && l.status === '200';
    const before = await scrape();
    await verify('Paris is the capital and largest city of France.');
    await verify('Paris is not the capital of France.');
    const afterM = await scrape();
    assert.equal(sum(afterM, 'factgate_http_requests_total', isVerify200) - sum(before, 'factgate_http_requests_total', isVerify200), 2);
    const v = (m, verdict) => sum(m, 'factgate_verdicts_total', (l) => l.verdict === verdict);
    assert.ok(v(afterM, 'supported') > v(before, 'supported'));
    assert.ok(v(afterM, 'refuted') > v(before, 'refuted'));
  });
});

describe('SIGTERM', () => {
  test('drains an in-flight request, then exits 0', async () => {
    const srv = await startFactgate({ upstream: fx.url, kb: kb.kb });
    try {
      const id = testId('drain');
      const pending = fetchJson(`${srv.base}/chat/completions`, {
        body: { model: 'm', messages: [{ role: 'user', content: 'Lincoln?' }] },
        headers: { 'x-fixture-scenario': 'slow', 'x-fixture-delay-ms': '1500', 'x-test-id': id },
      });
      await fx.waitForRequest((r) => r.headers['x-test-id'] === id);
      srv.proc.kill('SIGTERM');
      const r = await pending;
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.choices[0].message.content, DEFAULT_TEXT);
      const { code } = await within(srv.exited, 15000, 'exit after drain');
      assert.equal(code, 0, srv.describe());
    } finally {
      await srv.stop();
    }
  });

  test('drains an in-flight stream, then exits 0', async () => {
    const srv = await startFactgate({ upstream: fx.url, kb: kb.kb });
    try {
      const id = testId('drain-stream');
      const res = await fetch(`${srv.base}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fixture-scenario': 'slow_stream', 'x-fixture-delay-ms': '1500', 'x-test-id': id },
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'Lincoln?' }] }),
      });
      assert.equal(res.status, 200);
      const reading = readSSE(res);
      await fx.waitForRequest((r) => r.headers['x-test-id'] === id && r.marks.firstSentAt);
      srv.proc.kill('SIGTERM');
      const s = await reading;
      assert.equal(s.error, null);
      assert.equal(s.done, true);
      assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
      const { code } = await within(srv.exited, 15000, 'exit after drain');
      assert.equal(code, 0, srv.describe());
    } finally {
      await srv.stop();
    }
  });

  test('an idle server exits 0 at once', async () => {
    const srv = await startFactgate({ upstream: fx.url, kb: kb.kb });
    const t0 = performance.now();
    const { code, signal } = await srv.stop({ timeoutMs: 10000 });
    assert.equal(signal, null);
    assert.equal(code, 0, srv.describe());
    assert.ok(performance.now() - t0 < 5000, 'exits promptly');
  });
});
