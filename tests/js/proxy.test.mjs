// Integration tests of factgate's OpenAI-compatible proxy: relay fidelity, the four modes,
// streaming (timing, injected chunks, errors, drops, disconnects), upstream failures and budgets.
// Needs FACTGATE_BIN (default /work/main/build/factgate).
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  ALT_TEXT,
  DEFAULT_TEXT,
  HIDDEN_FALSE_TEXT,
  REASONING_ANSWER,
  TOOL_ARGUMENTS,
  longText,
  startFixture,
} from './fixture_upstream.mjs';
import {
  assertOpenAIError,
  b64,
  buildKb,
  byteSlice,
  closedPort,
  fetchJson,
  openStream,
  readSSE,
  request,
  sleep,
  startFactgate,
  summarizeChatStream,
  testId,
  within,
} from './harness.mjs';

let fx;
let kb;
let fg; // --mode annotate, --budget-ms 2000
const extra = []; // other servers, stopped in after()

before(async () => {
  fx = await startFixture();
  kb = await buildKb();
  fg = await startFactgate({ upstream: fx.url, kb: kb.kb });
});

after(async () => {
  const codes = [];
  try {
    for (const srv of [fg, ...extra]) {
      if (srv) codes.push([srv, (await srv.stop()).code]);
    }
  } finally {
    await fx?.close();
    await kb?.cleanup();
  }
  for (const [srv, code] of codes) assert.equal(code, 0, `exit code on SIGTERM\n${srv.describe()}`);
});

async function server(opts) {
  const srv = await startFactgate({ upstream: fx.url, kb: kb.kb, ...opts });
  extra.push(srv);
  return srv;
}

const KEY = 'sk-proxy-test-0123456789';
const CHAT = (more = {}) => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Tell me about Abraham Lincoln, s’il vous plaît.' },
  ],
  ...more,
});
const COMPLETION = (more = {}) => ({ model: 'gpt-3.5-turbo-instruct', prompt: 'Abraham Lincoln', max_tokens: 64, ...more });
// Unusual but valid formatting, so that a re-serialized request body would show.
const bodyText = (obj) => `${JSON.stringify(obj, null, 1)}\n`;

function headersFor(id, { scenario, mode, headers = {} }) {
  const h = { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'x-test-id': id, ...headers };
  if (scenario) h['x-fixture-scenario'] = scenario;
  if (mode) h['x-factgate-mode'] = mode;
  return h;
}

// A non-streaming exchange through `srv`: {r (fetchJson result), rec (the fixture's record), sent}.
async function call(srv, { path = '/chat/completions', method = 'POST', body = CHAT(), scenario, mode, headers } = {}) {
  const id = testId('p');
  const sent = method === 'GET' ? undefined : typeof body === 'string' ? body : bodyText(body);
  const r = await fetchJson(srv.base + path, { method, body: sent, headers: headersFor(id, { scenario, mode, headers }) });
  return { r, rec: fx.byHeader('x-test-id', id)[0], sent, id };
}

// A streaming exchange: {res, s (readSSE result), rec, sent}.
async function callStream(srv, { path = '/chat/completions', body = CHAT({ stream: true }), scenario, mode, headers, onEvent, timeoutMs } = {}) {
  const id = testId('s');
  const sent = bodyText(body);
  const res = await fetch(srv.base + path, { method: 'POST', body: sent, headers: headersFor(id, { scenario, mode, headers }) });
  assert.equal(res.status, 200, `stream status ${res.status}`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const s = await readSSE(res, { onEvent, timeoutMs });
  return { res, s, rec: fx.byHeader('x-test-id', id)[0], sent, id };
}

const withoutKey = (obj, key) => {
  const copy = structuredClone(obj);
  delete copy[key];
  return copy;
};
const isReport = (j) => Boolean(j && typeof j === 'object' && j.factgate && Array.isArray(j.choices) && j.choices.length === 0);
const clientData = (s) => s.events.map((e) => (e.data === '[DONE]' ? '[DONE]' : e.json));

function parseVerdictHeader(value) {
  const m = /^supported=(\d+); refuted=(\d+); not_enough_info=(\d+)$/.exec(value ?? '');
  assert.ok(m, `x-factgate-verdict: ${value}`);
  return { supported: Number(m[1]), refuted: Number(m[2]), not_enough_info: Number(m[3]) };
}

function assertSummary(summary, claims) {
  assert.ok(summary && typeof summary === 'object', 'summary');
  assert.equal(summary.claims, claims.length, 'summary.claims');
  for (const v of ['supported', 'refuted', 'not_enough_info']) {
    assert.equal(summary[v], claims.filter((c) => c.verdict === v).length, `summary.${v}`);
  }
  assert.equal(typeof summary.checked, 'boolean');
}

// The factgate report of an answer whose choice texts are `texts`; claims index their choice.
function assertReportFor(fg_, texts) {
  assert.ok(fg_ && Array.isArray(fg_.claims), 'factgate.claims');
  assertSummary(fg_.summary, fg_.claims);
  for (const c of fg_.claims) {
    assert.ok(Number.isInteger(c.choice) && c.choice >= 0 && c.choice < texts.length, `claim.choice ${c.choice}`);
    assert.equal(byteSlice(texts[c.choice], c.span), c.text, 'claim span indexes its choice text');
  }
  assert.ok(Array.isArray(fg_.choices), 'factgate.choices');
  assert.deepEqual(fg_.choices.map((c) => c.index), texts.map((_, i) => i));
  for (const ch of fg_.choices) assertSummary(ch.summary, fg_.claims.filter((c) => c.choice === ch.index));
}

const stripCite = (text) => text.split('\n\nSources:\n')[0].replace(/ \[\d+\]/g, '');

// ---------------------------------------------------------------------------------------------

describe('relay fidelity', () => {
  test('mode off: request and response bodies byte-identical, nothing added', async () => {
    const { r, rec, sent } = await call(fg, { mode: 'off' });
    assert.equal(r.status, 200, r.text);
    assert.equal(rec.method, 'POST');
    assert.equal(rec.path, '/v1/chat/completions');
    assert.equal(rec.body, sent, 'request body relayed unchanged');
    assert.equal(r.text, rec.responseBody, 'response body relayed unchanged');
    assert.equal(r.headers.get('x-factgate-verdict'), null);
  });

  test('mode off: short and long answers byte-identical (head and body in one write, or in pieces)', async () => {
    // 200 bytes come with the headers in one read; 9,000 do not fit factgate's first 8 KB read.
    for (const size of [200, 9000]) {
      const text = 'Paris is the capital of France. '.repeat(Math.ceil(size / 32)).slice(0, size);
      const { r, rec } = await call(fg, { mode: 'off', headers: { 'x-fixture-content': b64(text) } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.text, rec.responseBody, `response body relayed unchanged (${size} bytes)`);
      assert.equal(r.headers.get('content-length'), String(Buffer.byteLength(rec.responseBody)));
      assert.equal(r.json.choices[0].message.content, text);
    }
  });

  test('request headers reach the upstream; Authorization untouched', async () => {
    const headers = {
      'openai-organization': 'org-fixture-test',
      'openai-project': 'proj_fixture',
      'openai-beta': 'assistants=v2',
      'x-stainless-lang': 'js',
      'x-custom-header': 'custom value; with=params',
      'user-agent': 'factgate-js-tests/1.0',
      accept: 'application/json',
    };
    const { r, rec } = await call(fg, { headers });
    assert.equal(r.status, 200);
    assert.equal(rec.headers.authorization, `Bearer ${KEY}`);
    for (const [k, v] of Object.entries(headers)) assert.equal(rec.headers[k], v, k);
  });

  test('upstream response headers come back (x-request-id, openai-*)', async () => {
    const { r, rec } = await call(fg);
    assert.equal(r.status, 200);
    for (const k of ['x-request-id', 'openai-organization', 'openai-processing-ms', 'openai-version']) {
      assert.equal(r.headers.get(k), rec.responseHeaders[k], k);
    }
  });

  test('hop-by-hop headers are dropped, both ways', async (t) => {
    const id = testId('hop');
    const sent = bodyText(CHAT());
    const r = await request(`${fg.base}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${KEY}`,
        'x-test-id': id,
        connection: 'keep-alive, x-hop-test',
        'keep-alive': 'timeout=99, max=7',
        'x-hop-test': 'listed in Connection',
        upgrade: 'fixture-proto/1',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
      },
      body: sent,
    });
    assert.equal(r.status, 200, r.text);
    const rec = fx.byHeader('x-test-id', id)[0];
    assert.equal(rec.body, sent);
    assert.equal(rec.headers['keep-alive'], undefined, 'keep-alive');
    assert.equal(rec.headers.upgrade, undefined, 'upgrade');
    assert.equal(rec.headers['proxy-authorization'], undefined, 'proxy-authorization');
    assert.equal(rec.headers['proxy-connection'], undefined, 'proxy-connection');
    assert.ok(!/x-hop-test/i.test(rec.headers.connection ?? ''), 'client Connection value not relayed');
    assert.equal(rec.headers.authorization, `Bearer ${KEY}`);
    // The fixture (Node) answers with Keep-Alive: timeout=5; that is factgate's business alone.
    assert.notEqual(r.headers['keep-alive'], 'timeout=5', 'upstream Keep-Alive not relayed');
    await t.test('headers named in Connection are dropped too (RFC 9110 §7.6.1)', () => {
      assert.equal(rec.headers['x-hop-test'], undefined);
    });
  });

  test('a chunked request body arrives whole', async () => {
    const id = testId('chunked');
    const sent = bodyText(CHAT());
    const r = await request(`${fg.base}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-test-id': id },
      body: sent,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(fx.byHeader('x-test-id', id)[0].body, sent);
  });

  test('GET /v1/models and /v1/models/{id} relayed as they are', async () => {
    let { r, rec } = await call(fg, { method: 'GET', path: '/models' });
    assert.equal(r.status, 200);
    assert.equal(rec.method, 'GET');
    assert.equal(rec.path, '/v1/models');
    assert.equal(rec.headers.authorization, `Bearer ${KEY}`);
    assert.equal(r.text, rec.responseBody);
    ({ r, rec } = await call(fg, { method: 'GET', path: '/models/gpt-4o' }));
    assert.equal(r.status, 200);
    assert.equal(rec.path, '/v1/models/gpt-4o');
    assert.equal(r.text, rec.responseBody);
  });

  test('upstream 429: status, headers and error body returned faithfully (mode annotate)', async () => {
    const { r, rec } = await call(fg, { scenario: 'error_429' });
    assert.equal(r.status, 429);
    assert.equal(r.text, rec.responseBody);
    for (const k of ['x-request-id', 'retry-after', 'x-ratelimit-remaining-requests', 'openai-organization']) {
      assert.equal(r.headers.get(k), rec.responseHeaders[k], k);
    }
    assert.equal(r.headers.get('x-factgate-verdict'), null);
  });

  test('other upstream errors pass through (500, 400, 404 model)', async () => {
    for (const status of ['500', '400', '401', '503']) {
      const { r, rec } = await call(fg, { scenario: 'error', headers: { 'x-fixture-status': status } });
      assert.equal(String(r.status), status);
      assert.equal(r.text, rec.responseBody);
    }
    const { r, rec } = await call(fg, { method: 'GET', path: '/models/no-such-model' });
    assert.equal(r.status, 404);
    assert.equal(r.text, rec.responseBody);
  });

  test('malformed JSON request → 400 OpenAI error', async () => {
    const { r } = await call(fg, { body: '{"model": "gpt-4o-mini", "messages": [' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json);
  });

  test('mode off stream: bytes relayed unchanged', async () => {
    const { s, rec, sent } = await callStream(fg, { mode: 'off' });
    assert.equal(rec.body, sent);
    assert.equal(s.raw, rec.responseBody);
  });

  test('configured mode off; the header switches a request to annotate', async () => {
    const off = await server({ mode: 'off' });
    let { r, rec } = await call(off);
    assert.equal(r.text, rec.responseBody);
    ({ r, rec } = await call(off, { mode: 'annotate' }));
    assert.equal(r.status, 200);
    assertReportFor(r.json.factgate, [DEFAULT_TEXT]);
  });
});

describe('annotate (non-streaming)', () => {
  test('same body plus "factgate"; x-factgate-verdict header', async () => {
    const { r, rec, sent } = await call(fg);
    assert.equal(r.status, 200, r.text);
    assert.equal(rec.body, sent);
    assert.match(r.headers.get('content-type'), /application\/json/);
    const upstream = JSON.parse(rec.responseBody);
    assert.deepEqual(withoutKey(r.json, 'factgate'), upstream, 'everything but "factgate" unchanged');
    const report = r.json.factgate;
    assertReportFor(report, [DEFAULT_TEXT]);
    assert.equal(report.summary.checked, true);
    assert.ok(report.summary.supported >= 1 && report.summary.refuted >= 1);
    const born = report.claims.find((c) => /1810/.test(c.text));
    assert.equal(born?.verdict, 'refuted');
    assert.match(born.correction ?? '', /1809/);
    assert.ok(born.citations.some((c) => c.doc_id === 'lincoln'));
    const president = report.claims.find((c) => /16th President/.test(c.text));
    assert.equal(president?.verdict, 'supported');
    const h = parseVerdictHeader(r.headers.get('x-factgate-verdict'));
    assert.deepEqual(h, {
      supported: report.summary.supported,
      refuted: report.summary.refuted,
      not_enough_info: report.summary.not_enough_info,
    });
  });

  test('n = 2: each choice checked, claims carry "choice"', async () => {
    const { r } = await call(fg, { body: CHAT({ n: 2 }) });
    assert.equal(r.status, 200);
    const report = r.json.factgate;
    assertReportFor(report, [DEFAULT_TEXT, ALT_TEXT]);
    assert.ok(report.claims.some((c) => c.choice === 0 && c.verdict === 'refuted' && /1810/.test(c.text)));
    assert.ok(report.claims.some((c) => c.choice === 1 && c.verdict === 'refuted' && /Nile/.test(c.text)));
    assert.ok(report.claims.some((c) => c.choice === 1 && c.verdict === 'supported' && /Everest/.test(c.text)));
    assert.equal(r.json.choices[1].message.content, ALT_TEXT);
  });

  test('tool_calls arguments are never checked nor changed', async () => {
    const { r, rec } = await call(fg, { scenario: 'tool_calls' });
    assert.equal(r.status, 200);
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
    assert.equal(r.json.choices[0].message.tool_calls[0].function.arguments, TOOL_ARGUMENTS);
    const report = r.json.factgate;
    if (report) {
      assert.equal(report.claims.length, 0, JSON.stringify(report.claims));
      assert.equal(report.summary.claims, 0);
    }
  });

  test('reasoning_content / reasoning are never checked', async () => {
    const { r, rec } = await call(fg, { scenario: 'reasoning' });
    assert.equal(r.status, 200);
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
    const report = r.json.factgate;
    assertReportFor(report, [REASONING_ANSWER]);
    assert.ok(report.claims.length >= 1);
    assert.ok(!report.claims.some((c) => /1810|not the capital/.test(c.text)), JSON.stringify(report.claims));
  });

  test('/v1/completions: choices[].text checked', async () => {
    const { r, rec, sent } = await call(fg, { path: '/completions', body: COMPLETION() });
    assert.equal(r.status, 200, r.text);
    assert.equal(rec.path, '/v1/completions');
    assert.equal(rec.body, sent);
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
    assertReportFor(r.json.factgate, [DEFAULT_TEXT]);
    assert.ok(r.json.factgate.claims.some((c) => c.verdict === 'refuted' && /1810/.test(c.text)));
    parseVerdictHeader(r.headers.get('x-factgate-verdict'));
  });

  test('answer text from x-fixture-content (non-ASCII) keeps byte spans right', async () => {
    const text = 'Ça va: Paris is the capital and largest city of France. Mount Everest is 29,032 feet tall.';
    const { r } = await call(fg, { headers: { 'x-fixture-content': b64(text) } });
    assert.equal(r.json.choices[0].message.content, text);
    assertReportFor(r.json.factgate, [text]);
    assert.ok(r.json.factgate.claims.length >= 2);
  });
});

describe('cite (non-streaming)', () => {
  test('markers after checked sentences and a Sources list', async () => {
    const { r, rec } = await call(fg, { mode: 'cite' });
    assert.equal(r.status, 200, r.text);
    const content = r.json.choices[0].message.content;
    assert.match(content, / \[1\]/);
    assert.match(content, /\n\nSources:\n\[1\] /);
    assert.equal(stripCite(content), DEFAULT_TEXT, 'only markers and sources added');
    const sources = content.split('\n\nSources:\n')[1].split('\n').filter(Boolean);
    for (const line of sources) assert.match(line, /^\[\d+\] \S/);
    assert.ok(sources.some((l) => /Abraham Lincoln|example\.org\/wiki\/Abraham_Lincoln/.test(l)), sources.join('\n'));
    const markers = new Set([...stripSourcesMarkers(content)]);
    for (const n of markers) assert.ok(sources.some((l) => l.startsWith(`[${n}] `)), `marker [${n}] has a source`);
    // Nothing else changed.
    const upstream = JSON.parse(rec.responseBody);
    const mine = withoutKey(r.json, 'factgate');
    mine.choices[0].message.content = upstream.choices[0].message.content;
    assert.deepEqual(mine, upstream);
  });

  test('cite on /v1/completions', async () => {
    const { r } = await call(fg, { mode: 'cite', path: '/completions', body: COMPLETION() });
    assert.equal(r.status, 200);
    const text = r.json.choices[0].text;
    assert.match(text, / \[1\]/);
    assert.equal(stripCite(text), DEFAULT_TEXT);
  });
});

function* stripSourcesMarkers(content) {
  const body = content.split('\n\nSources:\n')[0];
  for (const m of body.matchAll(/ \[(\d+)\]/g)) yield m[1];
}

describe('rewrite (non-streaming)', () => {
  test('a refuted claim is replaced by its correction', async () => {
    const { r, rec } = await call(fg, { mode: 'rewrite' });
    assert.equal(r.status, 200, r.text);
    const content = r.json.choices[0].message.content;
    assert.match(content, /1809/);
    assert.doesNotMatch(content, /born in 1810/);
    assert.ok(content.startsWith('Abraham Lincoln was the 16th President of the United States.'), content);
    const upstream = JSON.parse(rec.responseBody);
    const mine = withoutKey(r.json, 'factgate');
    mine.choices[0].message.content = upstream.choices[0].message.content;
    assert.deepEqual(mine, upstream);
  });

  test('a refuted claim without a correction gets " [refuted]"', async () => {
    const text = 'Paris is not the capital of France. Mount Everest is 29,032 feet tall.';
    const { r } = await call(fg, { mode: 'rewrite', headers: { 'x-fixture-content': b64(text) } });
    const content = r.json.choices[0].message.content;
    assert.match(content, /Paris is not the capital of France\.? \[refuted\]/, content);
    assert.match(content, /Mount Everest is 29,032 feet tall\./);
  });

  test('reasoning and tool_calls untouched in rewrite mode', async () => {
    let { r, rec } = await call(fg, { mode: 'rewrite', scenario: 'reasoning' });
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
    ({ r, rec } = await call(fg, { mode: 'rewrite', scenario: 'tool_calls' }));
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
  });

  test('n = 2 and /v1/completions rewritten per choice', async () => {
    let { r } = await call(fg, { mode: 'rewrite', body: CHAT({ n: 2 }) });
    assert.match(r.json.choices[0].message.content, /1809/);
    assert.match(r.json.choices[1].message.content, /6,650/);
    ({ r } = await call(fg, { mode: 'rewrite', path: '/completions', body: COMPLETION() }));
    assert.match(r.json.choices[0].text, /1809/);
  });
});

describe('streaming, annotate', () => {
  function assertAnnotatedStream(s, rec, texts) {
    assert.equal(s.error, null, String(s.error));
    assert.equal(s.done, true, 'ends with [DONE]');
    const data = clientData(s);
    assert.equal(data.at(-1), '[DONE]');
    assert.ok(s.events.every((e) => e.data === '[DONE]' || e.json !== undefined), 'every payload is JSON');
    const reports = data.filter(isReport);
    assert.equal(reports.length, 1, 'one report chunk');
    assert.ok(isReport(data.at(-2)), 'report right before [DONE]');
    assert.deepEqual(data.filter((d) => !isReport(d)), rec.events, 'upstream events forwarded unchanged, in order');
    assertReportFor(reports[0].factgate, texts);
    return reports[0].factgate;
  }

  test('events forwarded unchanged; one report chunk right before [DONE]', async () => {
    const { res, s, rec, sent } = await callStream(fg);
    assert.equal(rec.body, sent);
    assert.equal(rec.headers.authorization, `Bearer ${KEY}`);
    assert.equal(res.headers.get('x-request-id'), rec.responseHeaders['x-request-id']);
    const report = assertAnnotatedStream(s, rec, [DEFAULT_TEXT]);
    assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
    assert.ok(report.claims.some((c) => c.verdict === 'refuted' && /1810/.test(c.text)));
    assert.ok(report.claims.some((c) => c.verdict === 'supported' && /16th President/.test(c.text)));
  });

  test('include_usage chunk passes through, before the report', async () => {
    const { s, rec } = await callStream(fg, { body: CHAT({ stream: true, stream_options: { include_usage: true } }) });
    assertAnnotatedStream(s, rec, [DEFAULT_TEXT]);
    const data = clientData(s);
    const usageAt = data.findIndex((d) => d && d.usage && Array.isArray(d.choices) && d.choices.length === 0 && !d.factgate);
    assert.ok(usageAt >= 0, 'usage chunk present');
    assert.equal(usageAt, data.length - 3, 'usage, report, [DONE]');
  });

  test('n = 2 stream: claims carry "choice"', async () => {
    const { s, rec } = await callStream(fg, { body: CHAT({ stream: true, n: 2 }) });
    const report = assertAnnotatedStream(s, rec, [DEFAULT_TEXT, ALT_TEXT]);
    assert.ok(report.claims.some((c) => c.choice === 0));
    assert.ok(report.claims.some((c) => c.choice === 1 && /Nile/.test(c.text) && c.verdict === 'refuted'));
  });

  test('CRLF-delimited upstream SSE', async () => {
    const { s, rec } = await callStream(fg, { scenario: 'stream_crlf' });
    assertAnnotatedStream(s, rec, [DEFAULT_TEXT]);
    assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
  });

  test('reasoning deltas forwarded, never checked', async () => {
    const { s, rec } = await callStream(fg, { scenario: 'stream_reasoning' });
    const report = assertAnnotatedStream(s, rec, [REASONING_ANSWER]);
    assert.ok(!report.claims.some((c) => /1810|not the capital/.test(c.text)), JSON.stringify(report.claims));
    assert.equal(summarizeChatStream(s.events).reasoning[0], HIDDEN_FALSE_TEXT + HIDDEN_FALSE_TEXT);
  });

  test('tool call deltas forwarded, never checked', async () => {
    const { s, rec } = await callStream(fg, { scenario: 'stream_tool_calls' });
    const report = assertAnnotatedStream(s, rec, [DEFAULT_TEXT]);
    assert.equal(report.claims.length, 0);
  });

  test('/v1/completions stream', async () => {
    const { s, rec } = await callStream(fg, { path: '/completions', body: COMPLETION({ stream: true }) });
    const report = assertAnnotatedStream(s, rec, [DEFAULT_TEXT]);
    assert.ok(report.claims.some((c) => /1810/.test(c.text) && c.verdict === 'refuted'));
  });

  test('a mid-stream error event passes through; the stream ends', async () => {
    const { s, rec } = await callStream(fg, { scenario: 'stream_error', timeoutMs: 15000 });
    const data = clientData(s);
    const errors = data.filter((d) => d && d.error);
    assert.equal(errors.length, 1);
    assert.deepEqual(errors[0], rec.events.find((e) => e && e.error));
    const forwarded = data.filter((d) => !isReport(d) && d !== '[DONE]');
    assert.deepEqual(forwarded, rec.events, 'everything before the error forwarded, unchanged');
  });

  test('upstream drops mid-stream: the client gets what was sent and the report, no hang', async () => {
    const { s, rec } = await callStream(fg, { scenario: 'stream_drop', timeoutMs: 15000 });
    const data = clientData(s).filter((d) => d !== '[DONE]');
    assert.deepEqual(data.filter((d) => !isReport(d)), rec.events, 'every event sent before the drop');
    const reports = data.filter(isReport);
    assert.equal(reports.length, 1, 'report chunk');
    assert.ok(isReport(data.at(-1)), 'report last');
    assertSummary(reports[0].factgate.summary, reports[0].factgate.claims);
  });

  test('client disconnect: factgate closes the upstream request', async () => {
    const id = testId('gone');
    const { res } = await openStream(`${fg.base}/chat/completions`, {
      headers: { authorization: `Bearer ${KEY}`, 'x-fixture-scenario': 'stream_forever', 'x-test-id': id },
      body: CHAT({ stream: true }),
    });
    assert.equal(res.statusCode, 200);
    const s = await readSSE(res, { onEvent: (ev) => ev.index >= 3, timeoutMs: 10000 });
    assert.equal(s.stopped, true);
    const rec = fx.byHeader('x-test-id', id)[0];
    await within(rec.closed, 5000, 'upstream request closed after the client left');
    assert.equal(rec.aborted, true);
    assert.ok(rec.sent.length < 100, 'the upstream did not run to its end');
    assert.equal((await fetchJson(`${fg.origin}/healthz`)).status, 200);
  });
});

describe('streaming: events go out at once', () => {
  for (const mode of ['off', 'annotate', 'cite']) {
    test(`mode ${mode}: the first sentence arrives before the upstream sends the rest`, async () => {
      const { s, rec } = await callStream(fg, { mode, scenario: 'slow_stream', headers: { 'x-fixture-delay-ms': '1500' } });
      assert.ok(rec.marks.firstSentAt && rec.marks.restSentAt);
      const earlyCount = rec.sent.filter((w) => w.at <= rec.marks.firstSentAt).length;
      assert.ok(earlyCount >= 5, 'the fixture sent role + first sentence before pausing');
      // The client's copy of each early upstream event, matched in order (words repeat).
      const early = rec.events.slice(0, earlyCount).map((x) => JSON.stringify(x));
      const seen = [];
      for (const e of s.events) {
        if (seen.length < early.length && JSON.stringify(e.json) === early[seen.length]) seen.push(e);
      }
      assert.equal(seen.length, earlyCount, 'every early event reached the client');
      const lastEarly = Math.max(...seen.map((e) => e.at));
      assert.ok(lastEarly < rec.marks.restSentAt, 'received before the rest was sent');
      assert.ok(rec.marks.restSentAt - lastEarly > 1000, `received ${(rec.marks.restSentAt - lastEarly).toFixed(0)} ms before the rest was sent (pause 1500 ms)`);
      assert.equal(stripCite(summarizeChatStream(s.events).content[0]), DEFAULT_TEXT);
      assert.equal(s.done, true);
    });
  }
});

describe('streaming, cite and rewrite', () => {
  test('cite: marker deltas injected after sentences; upstream events intact', async () => {
    const { s, rec } = await callStream(fg, { mode: 'cite' });
    assert.equal(s.error, null);
    assert.equal(s.done, true);
    assert.ok(s.events.every((e) => e.data === '[DONE]' || e.json !== undefined), 'every payload is JSON');
    const data = clientData(s);
    // Upstream events appear in order (a subsequence); what else is there are marker/sources deltas
    // or a factgate report chunk.
    let k = 0;
    const added = [];
    for (const d of data) {
      if (k < rec.events.length && JSON.stringify(d) === JSON.stringify(rec.events[k])) k++;
      else added.push(d);
    }
    assert.equal(k, rec.events.length, 'all upstream events forwarded in order');
    const markers = added.filter((d) => !isReport(d));
    assert.ok(markers.length >= 1, 'at least one marker delta');
    for (const d of markers) {
      const c = d.choices?.[0]?.delta?.content;
      assert.equal(typeof c, 'string', JSON.stringify(d));
      assert.match(c, /\[\d+\]|Sources:/);
    }
    const content = summarizeChatStream(s.events).content[0];
    assert.match(content, / \[1\]/);
    assert.equal(stripCite(content), DEFAULT_TEXT);
  });

  test('rewrite on a stream stays well-formed', async () => {
    const { s } = await callStream(fg, { mode: 'rewrite' });
    assert.equal(s.error, null);
    assert.equal(s.done, true);
    assert.equal(clientData(s).at(-1), '[DONE]');
    assert.ok(s.events.every((e) => e.data === '[DONE]' || e.json !== undefined));
    assert.ok(summarizeChatStream(s.events).content[0].length > 0);
  });
});

describe('upstream failures', () => {
  test('upstream unreachable → 502 OpenAI error (plain and stream)', async () => {
    const down = await server({ upstream: `http://127.0.0.1:${await closedPort()}/v1` });
    for (const body of [CHAT(), CHAT({ stream: true })]) {
      const { r } = await call(down, { body });
      assert.equal(r.status, 502, r.text);
      assertOpenAIError(r.json);
    }
    const { r } = await call(down, { method: 'GET', path: '/models' });
    assert.equal(r.status, 502);
    assertOpenAIError(r.json);
  });

  test('upstream timeout → 504 OpenAI error; the upstream request is closed', async () => {
    const slow = await server({ args: ['--upstream-timeout-ms', '500'] });
    for (const body of [CHAT(), CHAT({ stream: true })]) {
      const t0 = performance.now();
      const { r, rec } = await call(slow, { scenario: 'hang', body });
      assert.equal(r.status, 504, r.text);
      assertOpenAIError(r.json);
      assert.ok(performance.now() - t0 < 5000, 'answered soon after the timeout');
      await within(rec.closed, 5000, 'upstream connection closed');
    }
  });

  test('no upstream configured → 503 OpenAI error', async () => {
    const none = await server({ upstream: null });
    for (const [method, path, body] of [
      ['POST', '/chat/completions', CHAT()],
      ['POST', '/chat/completions', CHAT({ stream: true })],
      ['POST', '/completions', COMPLETION()],
      ['GET', '/models', undefined],
    ]) {
      const { r } = await call(none, { method, path, body });
      assert.equal(r.status, 503, `${method} ${path}`);
      assertOpenAIError(r.json);
    }
  });

  test('client gives up on a non-streaming request: upstream request closed', async () => {
    const id = testId('gone-plain');
    const ac = new AbortController();
    const p = fetch(`${fg.base}/chat/completions`, {
      method: 'POST',
      headers: headersFor(id, { scenario: 'hang' }),
      body: bodyText(CHAT()),
      signal: ac.signal,
    }).catch(() => null);
    const rec = await fx.waitForRequest((r) => r.headers['x-test-id'] === id);
    ac.abort();
    await p;
    await within(rec.closed, 5000, 'upstream request closed');
  });
});

describe('verification budget', () => {
  const LONG = { 'x-fixture-sentences': '600' };

  test('--budget-ms 1, long answer: delivered whole, summary.checked false', async () => {
    const tiny = await server({ budgetMs: 1 });
    const { r, rec } = await call(tiny, { headers: LONG });
    assert.equal(r.status, 200, r.text.slice(0, 500));
    assert.deepEqual(withoutKey(r.json, 'factgate'), JSON.parse(rec.responseBody));
    assert.equal(r.json.choices[0].message.content, longText(600));
    assert.equal(r.json.factgate.summary.checked, false);

    const st = await callStream(tiny, { headers: LONG });
    assert.equal(st.s.done, true);
    assert.equal(summarizeChatStream(st.s.events).content[0], longText(600));
    const reports = clientData(st.s).filter(isReport);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].factgate.summary.checked, false);
  });

  test('--fail-closed with the budget exhausted → an OpenAI error, not the answer', async () => {
    const closed = await server({ budgetMs: 1, args: ['--fail-closed'] });
    const { r } = await call(closed, { headers: LONG });
    assert.notEqual(r.status, 200);
    assert.ok(r.status >= 500, String(r.status));
    assertOpenAIError(r.json);

    // A stream has already sent its status: it ends with an in-band error event instead of the
    // report and [DONE] (the SDKs raise it).
    const st = await callStream(closed, { headers: LONG });
    const data = clientData(st.s);
    assert.equal(data.filter(isReport).length, 0);
    const last = data[data.length - 1];
    assert.equal(last?.error?.code, 'verification_incomplete', JSON.stringify(last));
    assert.equal(st.s.done, false);
  });
});

describe('HTTPS upstream', () => {
  const tlsDir = new URL('../data/tls/', import.meta.url);
  let tfx;

  before(async () => {
    tfx = await startFixture({
      tls: { key: readFileSync(new URL('localhost.key', tlsDir)), cert: readFileSync(new URL('localhost.crt', tlsDir)) },
    });
  });
  after(async () => {
    await tfx?.close();
  });

  test('relayed and checked over TLS, streaming too (certificate trusted via SSL_CERT_FILE)', async () => {
    const srv = await server({ upstream: tfx.url, env: { SSL_CERT_FILE: fileURLToPath(new URL('localhost.crt', tlsDir)) } });
    const { r } = await call(srv);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.choices[0].message.content, DEFAULT_TEXT);
    assert.equal(r.json.factgate.summary.claims > 0, true);
    const st = await callStream(srv);
    assert.equal(st.s.done, true);
    assert.equal(summarizeChatStream(st.s.events).content[0], DEFAULT_TEXT);
  });

  test('an untrusted certificate is refused with a 502 unless verification is turned off', async () => {
    const strict = await server({ upstream: tfx.url });
    const { r } = await call(strict);
    assert.equal(r.status, 502, r.text);
    assertOpenAIError(r.json);
    assert.equal(r.json.error.code, 'upstream_tls_error');

    const lax = await server({ upstream: tfx.url, args: ['--upstream-tls-verify=false'] });
    const ok = await call(lax);
    assert.equal(ok.r.status, 200, ok.r.text);
  });
});

describe('upstream connection reuse', () => {
  test('requests on one client connection reuse its upstream connection; mode off bodies stay identical', async () => {
    const srv = await server({});
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const ports = [];
      const clientPorts = new Set();
      for (let i = 0; i < 3; i++) {
        const id = testId('ka');
        const sent = bodyText(CHAT());
        const r = await new Promise((resolve, reject) => {
          const req = http.request(`${srv.base}/chat/completions`, {
            method: 'POST',
            agent,
            headers: headersFor(id, { mode: i === 1 ? 'off' : 'annotate' }),
          }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), port: req.socket.localPort }));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(sent);
        });
        assert.equal(r.status, 200, r.text);
        const rec = fx.byHeader('x-test-id', id)[0];
        if (i === 1) assert.equal(r.text, rec.responseBody);
        ports.push(rec.remotePort);
        clientPorts.add(r.port);
      }
      assert.equal(clientPorts.size, 1, 'one client connection');
      assert.equal(new Set(ports).size, 1, `remote ports ${ports}`);
      assert.match(fx.requests.at(-1).headers.connection ?? 'keep-alive', /keep-alive/i);
    } finally {
      agent.destroy();
    }
  });

  test('client connections that close after one request share pooled upstream connections', async () => {
    const srv = await server({});
    const ports = [];
    for (let i = 0; i < 3; i++) {
      const id = testId('cl');
      // A connection of its own for each request, closed after it (Connection: close).
      const r = await request(`${srv.base}/chat/completions`, { method: 'POST', body: bodyText(CHAT()), headers: headersFor(id, { mode: 'off' }) });
      assert.equal(r.status, 200, String(r.body));
      ports.push(fx.byHeader('x-test-id', id)[0].remotePort);
    }
    assert.equal(new Set(ports).size, 1, `remote ports ${ports}`);
  });

  test('--upstream-idle-connections 0: a new upstream connection per request', async () => {
    const srv = await server({ args: ['--upstream-idle-connections', '0'] });
    const ports = [];
    for (let i = 0; i < 2; i++) ports.push((await call(srv)).rec.remotePort);
    assert.notEqual(ports[0], ports[1]);
  });

  test('a connection the upstream closed while idle is not reused; requests still succeed', async () => {
    const shortFx = await startFixture({ keepAliveTimeoutMs: 200 });
    try {
      const srv = await server({ upstream: shortFx.url });
      const first = await fetchJson(srv.base + '/chat/completions', { method: 'POST', body: bodyText(CHAT()), headers: { authorization: 'Bearer k' } });
      assert.equal(first.status, 200, first.text);
      await sleep(600); // the fixture closes the idle connection after 200 ms
      for (let i = 0; i < 3; i++) {
        const again = await fetchJson(srv.base + '/chat/completions', { method: 'POST', body: bodyText(CHAT()), headers: { authorization: 'Bearer k' } });
        assert.equal(again.status, 200, again.text);
      }
      assert.equal(shortFx.requests.length, 4, 'each request reached the upstream exactly once');
    } finally {
      await shortFx.close();
    }
  });

  test('a streamed answer the client abandons does not leave its connection in the pool', async () => {
    const srv = await server({});
    const id = testId('abandon');
    const { res } = await openStream(srv.base + '/chat/completions', {
      headers: { authorization: 'Bearer k', 'x-fixture-scenario': 'stream_forever', 'x-test-id': id, 'content-type': 'application/json' },
      body: bodyText(CHAT({ stream: true })),
    });
    assert.equal(res.statusCode, 200);
    await readSSE(res, { onEvent: (ev) => ev.index >= 2, timeoutMs: 10000 });
    const rec = fx.byHeader('x-test-id', id)[0];
    await within(rec.closed, 5000, 'upstream request closed after the client left');
    const { r, rec: next } = await call(srv);
    assert.equal(r.status, 200, r.text);
    assert.notEqual(next.remotePort, rec.remotePort);
  });
});
