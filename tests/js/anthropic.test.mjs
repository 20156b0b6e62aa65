// The Anthropic Messages dialect through factgate: raw HTTP against the fixture Anthropic upstream
// (fixture_anthropic.mjs), then the official `@anthropic-ai/sdk` package as the client (pinned in
// package.json; needs `npm ci` in tests/js and FACTGATE_BIN).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import Anthropic from '@anthropic-ai/sdk';

import { ALT_TEXT, DEFAULT_TEXT, HIDDEN_FALSE_TEXT, THINKING_SIGNATURE, TOOL_INPUT, startAnthropicFixture } from './fixture_anthropic.mjs';
import { b64, buildKb, readSSE, request, startFactgate, testId } from './harness.mjs';

const API_KEY = 'sk-ant-dummy-e2e-key';
const VERSION = '2023-06-01';
const BETA = 'interleaved-thinking-2025-05-14';
let fx;
let kb;
let fg;
let client;

before(async () => {
  fx = await startAnthropicFixture();
  kb = await buildKb();
  fg = await startFactgate({ kb: kb.kb, mode: 'annotate', args: ['--anthropic-upstream', fx.url] });
  client = new Anthropic({ baseURL: fg.origin, apiKey: API_KEY, maxRetries: 0, timeout: 30000 });
});

after(async () => {
  try {
    if (fg) assert.equal((await fg.stop()).code, 0, fg.describe());
  } finally {
    await fx?.close();
    await kb?.cleanup();
  }
});

const PARAMS = { model: 'claude-fixture-1', max_tokens: 1024, messages: [{ role: 'user', content: 'Tell me about Abraham Lincoln.' }] };
const stripCite = (text) => text.split('\n\nSources:\n')[0].replace(/ \[\d+\]/g, '');
const withoutKey = (obj, key) => {
  const { [key]: _drop, ...rest } = obj;
  return rest;
};
const recOf = (id) => {
  const recs = fx.byHeader('x-test-id', id);
  assert.equal(recs.length, 1, `one upstream request for ${id}`);
  return recs[0];
};

// POST /v1/messages with the usual Anthropic headers; returns {r, rec, sent}.
async function messages({ scenario, mode, body = PARAMS, headers = {} } = {}) {
  const id = testId('ant');
  const h = { 'x-api-key': API_KEY, 'anthropic-version': VERSION, 'x-test-id': id, ...headers };
  if (scenario) h['x-fixture-scenario'] = scenario;
  if (mode) h['x-factgate-mode'] = mode;
  const sent = JSON.stringify(body);
  const r = await request(`${fg.origin}/v1/messages`, { method: 'POST', headers: h, body: sent });
  return { r, rec: recOf(id), sent, id };
}

// The same, streamed: {s (readSSE result), res, rec}.
async function messagesStream({ scenario, mode, headers = {} } = {}) {
  const id = testId('ants');
  const h = { 'content-type': 'application/json', 'x-api-key': API_KEY, 'anthropic-version': VERSION, 'x-test-id': id, ...headers };
  if (scenario) h['x-fixture-scenario'] = scenario;
  if (mode) h['x-factgate-mode'] = mode;
  const res = await fetch(`${fg.origin}/v1/messages`, { method: 'POST', headers: h, body: JSON.stringify({ ...PARAMS, stream: true }) });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const s = await readSSE(res);
  assert.ok(s.ended, 'stream ended cleanly');
  return { s, res, rec: recOf(id) };
}

// Per content block index: the text / thinking / partial_json a client assembles from the events.
function assemble(events) {
  const blocks = {};
  for (const ev of events) {
    const j = ev.json;
    if (!j) continue;
    if (j.type === 'content_block_start') blocks[j.index] = { ...j.content_block, text: j.content_block.text ?? '', thinking: '', json: '' };
    if (j.type === 'content_block_delta') {
      const b = blocks[j.index];
      assert.ok(b, `delta for unknown block ${j.index}`);
      if (j.delta.type === 'text_delta') b.text += j.delta.text;
      if (j.delta.type === 'thinking_delta') b.thinking += j.delta.thinking;
      if (j.delta.type === 'input_json_delta') b.json += j.delta.partial_json;
    }
  }
  return blocks;
}

function assertLincolnReport(report, choice) {
  assert.ok(report && Array.isArray(report.claims), `factgate report: ${JSON.stringify(report)}`);
  assert.equal(report.summary.claims, report.claims.length);
  assert.equal(report.summary.checked, true);
  const born = report.claims.find((c) => /1810/.test(c.text));
  assert.equal(born?.verdict, 'refuted', JSON.stringify(report.claims));
  assert.match(born.correction ?? '', /1809/);
  assert.equal(born.choice, choice);
  const president = report.claims.find((c) => /16th President/.test(c.text));
  assert.equal(president?.verdict, 'supported');
  assert.equal(president.choice, choice);
  // Thinking and tool input carry "Paris is not the capital of France": never a claim.
  assert.ok(!report.claims.some((c) => /Paris|think/.test(c.text)), JSON.stringify(report.claims));
}

function parseVerdictHeader(value) {
  const m = /^supported=(\d+); refuted=(\d+); not_enough_info=(\d+)$/.exec(value ?? '');
  assert.ok(m, `x-factgate-verdict: ${value}`);
  return { supported: Number(m[1]), refuted: Number(m[2]), not_enough_info: Number(m[3]) };
}

// ---- raw HTTP, whole bodies --------------------------------------------------------------------

describe('anthropic raw HTTP: whole messages', () => {
  test('annotate: body unchanged plus top-level "factgate"; x-factgate-* headers; headers passed through', async () => {
    const { r, rec, sent } = await messages({ scenario: 'full', headers: { 'anthropic-beta': BETA } });
    assert.equal(r.status, 200, r.text);
    assert.equal(rec.method, 'POST');
    assert.equal(rec.path, '/v1/messages');
    assert.equal(rec.body, sent, 'request body relayed unchanged');
    assert.equal(rec.headers['x-api-key'], API_KEY);
    assert.equal(rec.headers['anthropic-version'], VERSION);
    assert.equal(rec.headers['anthropic-beta'], BETA);
    assert.equal(rec.headers['x-factgate-mode'], undefined, 'x-factgate-mode not forwarded');
    assert.equal(r.headers['request-id'], rec.responseHeaders['request-id'], 'upstream response headers relayed');
    const upstream = JSON.parse(rec.responseBody);
    assert.deepEqual(withoutKey(r.json(), 'factgate'), upstream);
    assert.deepEqual(Object.keys(r.json()).at(-1), 'factgate', '"factgate" is the last member');
    const report = r.json().factgate;
    assertLincolnReport(report, 1); // the text block is content[1], after the thinking block
    assert.equal(r.headers['x-factgate-mode'], 'annotate');
    assert.equal(r.headers['x-factgate-checked'], 'true');
    assert.match(r.headers['x-factgate-request-id'] ?? '', /^\S+$/);
    const s = report.summary;
    assert.deepEqual(parseVerdictHeader(r.headers['x-factgate-verdict']), { supported: s.supported, refuted: s.refuted, not_enough_info: s.not_enough_info });
  });

  test('cite: markers and Sources in the text block; thinking and tool_use untouched', async () => {
    const { r, rec } = await messages({ scenario: 'full', mode: 'cite' });
    assert.equal(r.status, 200, r.text);
    const body = r.json();
    const text = body.content[1].text;
    assert.match(text, /States\. \[\d+\]/);
    assert.match(text, /1810\. \[\d+\]/);
    assert.match(text, /\n\nSources:\n\[1\] .*Abraham Lincoln/);
    assert.equal(stripCite(text), DEFAULT_TEXT, 'only markers and sources added');
    assert.deepEqual(body.content[0], { type: 'thinking', thinking: HIDDEN_FALSE_TEXT, signature: THINKING_SIGNATURE });
    assert.deepEqual(body.content[2].input, TOOL_INPUT);
    const upstream = JSON.parse(rec.responseBody);
    const mine = withoutKey(body, 'factgate');
    mine.content[1].text = upstream.content[1].text;
    assert.deepEqual(mine, upstream, 'nothing but the text changed');
    assertLincolnReport(body.factgate, 1);
  });

  test('rewrite: the refuted 1810 becomes 1809 in the text block; tool input and thinking keep 1810', async () => {
    const { r, rec } = await messages({ scenario: 'full', mode: 'rewrite' });
    assert.equal(r.status, 200, r.text);
    const body = r.json();
    assert.equal(body.content[1].text, 'Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1809.');
    assert.equal(body.content[0].thinking, HIDDEN_FALSE_TEXT);
    assert.deepEqual(body.content[2].input, TOOL_INPUT);
    const upstream = JSON.parse(rec.responseBody);
    const mine = withoutKey(body, 'factgate');
    mine.content[1].text = upstream.content[1].text;
    assert.deepEqual(mine, upstream);
  });

  test('two text blocks: each its own choice', async () => {
    const { r } = await messages({ scenario: 'two_texts', mode: 'cite' });
    assert.equal(r.status, 200, r.text);
    const body = r.json();
    assert.equal(stripCite(body.content[0].text), DEFAULT_TEXT);
    assert.equal(stripCite(body.content[1].text), ALT_TEXT);
    const claims = body.factgate.claims;
    assert.ok(claims.some((c) => c.choice === 0 && c.verdict === 'refuted' && /1810/.test(c.text)), JSON.stringify(claims));
    assert.ok(claims.some((c) => c.choice === 1 && c.verdict === 'refuted' && /Nile/.test(c.text)), JSON.stringify(claims));
    assert.deepEqual(body.factgate.choices.map((c) => c.index), [0, 1]);
  });

  test('off: response body byte-identical, no verdict header', async () => {
    const { r, rec } = await messages({ scenario: 'full', mode: 'off' });
    assert.equal(r.status, 200);
    assert.equal(r.text, rec.responseBody);
    assert.equal(r.headers['x-factgate-verdict'], undefined);
  });

  test('HTTP error (429) passes through: status, body, headers', async () => {
    const { r, rec } = await messages({ scenario: 'error', headers: { 'x-fixture-status': '429' } });
    assert.equal(r.status, 429);
    assert.equal(r.text, rec.responseBody);
    assert.equal(r.json().error.type, 'overloaded_error');
    assert.equal(r.headers['request-id'], rec.responseHeaders['request-id']);
    assert.equal(r.headers['x-factgate-verdict'], undefined);
  });

  test(
    'HTTP 529 overloaded passes through with its status',
    // Regression: statuses Beast has no name for were relayed as "HTTP/1.1 000 unknown".
    async () => {
      const { r, rec } = await messages({ scenario: 'error' });
      assert.equal(r.status, 529);
      assert.equal(r.text, rec.responseBody);
      assert.deepEqual(r.json(), { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    },
  );

  test('GET /v1/models with anthropic-version reaches the Anthropic upstream, relayed as is', async () => {
    const id = testId('models');
    let r = await request(`${fg.origin}/v1/models`, { headers: { 'anthropic-version': VERSION, 'x-api-key': API_KEY, 'x-test-id': id } });
    assert.equal(r.status, 200, r.text);
    let rec = recOf(id);
    assert.equal(rec.path, '/v1/models');
    assert.equal(rec.headers['anthropic-version'], VERSION);
    assert.equal(r.text, rec.responseBody);
    assert.equal(r.json().data[0].type, 'model');
    const id2 = testId('model');
    r = await request(`${fg.origin}/v1/models/claude-fixture-9`, { headers: { 'anthropic-version': VERSION, 'x-test-id': id2 } });
    assert.equal(r.status, 200, r.text);
    rec = recOf(id2);
    assert.equal(rec.path, '/v1/models/claude-fixture-9');
    assert.equal(r.json().id, 'claude-fixture-9');
  });
});

// ---- raw HTTP, streams -------------------------------------------------------------------------

describe('anthropic raw HTTP: streams', () => {
  test('annotate: every upstream event relayed in order, byte for byte; event: factgate just before message_stop', async () => {
    const { s, rec, res } = await messagesStream({ scenario: 'stream', headers: { 'anthropic-beta': BETA } });
    assert.equal(rec.headers['anthropic-beta'], BETA);
    assert.equal(rec.json.stream, true);
    assert.equal(res.headers.get('x-factgate-mode'), 'annotate');
    const names = s.events.map((e) => e.event);
    const fgAt = names.indexOf('factgate');
    assert.ok(fgAt > 0, `no factgate event: ${names.join(',')}`);
    assert.equal(names.filter((n) => n === 'factgate').length, 1);
    assert.equal(names[fgAt + 1], 'message_stop');
    assert.equal(fgAt + 2, names.length, 'message_stop is last');
    const others = s.events.filter((e) => e.event !== 'factgate');
    assert.deepEqual(
      others.map((e) => ({ event: e.event, data: e.json })),
      rec.events,
      'upstream events, in order',
    );
    // Output == input with the factgate event inserted.
    const fgRaw = s.raw.slice(s.raw.indexOf('event: factgate'), s.raw.indexOf('event: message_stop'));
    assert.equal(s.raw.replace(fgRaw, ''), rec.responseBody);
    const ev = s.events[fgAt];
    assert.equal(ev.json.type, 'factgate');
    assertLincolnReport(ev.json.factgate, 1);
    const blocks = assemble(s.events);
    assert.equal(blocks[1].text, DEFAULT_TEXT);
    assert.equal(blocks[0].thinking, HIDDEN_FALSE_TEXT);
    assert.deepEqual(JSON.parse(blocks[2].json), TOOL_INPUT);
    assert.ok(rec.events.filter((e) => e.data.delta?.type === 'text_delta').length > 10, 'the text came in many small deltas');
  });

  test('cite: markers arrive as text_deltas of the text block; thinking and tool input untouched', async () => {
    const { s } = await messagesStream({ scenario: 'stream', mode: 'cite' });
    const names = s.events.map((e) => e.event);
    assert.equal(names.at(-1), 'message_stop');
    assert.equal(names.at(-2), 'factgate');
    const blocks = assemble(s.events);
    const text = blocks[1].text;
    assert.match(text, /States\. \[\d+\]/);
    assert.match(text, /1810\. \[\d+\]/);
    assert.match(text, /\n\nSources:\n\[1\] /);
    assert.equal(stripCite(text), DEFAULT_TEXT);
    const markers = s.events.filter((e) => e.json?.delta?.type === 'text_delta' && /^ \[\d+\]$/.test(e.json.delta.text));
    assert.ok(markers.length >= 2, 'one text_delta per marker');
    for (const m of markers) {
      assert.equal(m.event, 'content_block_delta');
      assert.equal(m.json.index, 1);
    }
    // The sources list goes out before the text block's content_block_stop.
    const sourcesAt = s.events.findIndex((e) => e.json?.delta?.text?.startsWith('\n\nSources:'));
    const stopAt = s.events.findIndex((e) => e.json?.type === 'content_block_stop' && e.json.index === 1);
    assert.ok(sourcesAt > 0 && sourcesAt < stopAt, `sources at ${sourcesAt}, stop at ${stopAt}`);
    assert.equal(blocks[0].thinking, HIDDEN_FALSE_TEXT);
    assert.deepEqual(JSON.parse(blocks[2].json), TOOL_INPUT);
    assertLincolnReport(s.events.at(-2).json.factgate, 1);
  });

  test('rewrite: the assembled text says 1809', async () => {
    const { s } = await messagesStream({ scenario: 'stream', mode: 'rewrite' });
    const blocks = assemble(s.events);
    assert.equal(blocks[1].text, 'Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1809.');
    assert.equal(blocks[0].thinking, HIDDEN_FALSE_TEXT);
    assert.deepEqual(JSON.parse(blocks[2].json), TOOL_INPUT);
    assert.equal(s.events.at(-1).event, 'message_stop');
  });

  test('off: stream bytes relayed unchanged', async () => {
    const { s, rec } = await messagesStream({ scenario: 'stream', mode: 'off' });
    assert.equal(s.raw, rec.responseBody);
  });

  test('mid-stream event: error passes through; the report follows; no message_stop invented', async () => {
    const { s, rec } = await messagesStream({ scenario: 'stream_error' });
    const names = s.events.map((e) => e.event);
    const errAt = names.indexOf('error');
    assert.ok(errAt > 0, names.join(','));
    assert.deepEqual(s.events[errAt].json, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal(names.at(-1), 'factgate');
    assert.ok(!names.includes('message_stop'));
    assert.deepEqual(
      s.events.filter((e) => e.event !== 'factgate').map((e) => ({ event: e.event, data: e.json })),
      rec.events,
    );
    const report = s.events.at(-1).json.factgate;
    assert.ok(report.claims.some((c) => c.verdict === 'supported' && /16th President/.test(c.text)), JSON.stringify(report));
    assert.ok(!report.claims.some((c) => /1810/.test(c.text)), 'nothing after the error is checked');
  });
});

// ---- the official SDK --------------------------------------------------------------------------

describe('@anthropic-ai/sdk through factgate', () => {
  const opts = (mode) => {
    const id = testId('sdk');
    const headers = { 'x-test-id': id };
    if (mode) headers['x-factgate-mode'] = mode;
    return { id, options: { headers } };
  };

  test('messages.create: the message and message.factgate; SDK headers reach upstream', async () => {
    const { id, options } = opts();
    const msg = await client.messages.create(PARAMS, options);
    assert.equal(msg.type, 'message');
    assert.equal(msg.content.length, 1);
    assert.equal(msg.content[0].text, DEFAULT_TEXT);
    assertLincolnReport(msg.factgate, 0);
    const rec = recOf(id);
    assert.equal(rec.path, '/v1/messages');
    // The key as the SDK sends it (x-api-key in 0.x, a bearer token in 1.x), and its API version.
    assert.ok(rec.headers['x-api-key'] === API_KEY || rec.headers.authorization === `Bearer ${API_KEY}`, JSON.stringify(rec.headers));
    assert.match(rec.headers['anthropic-version'] ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.match(rec.headers['user-agent'] ?? '', /^Anthropic\/JS /);
    assert.deepEqual(rec.json, PARAMS);
  });

  test('messages.create in rewrite mode, with thinking and tool_use blocks', async () => {
    const { options } = opts('rewrite');
    options.headers['x-fixture-scenario'] = 'full';
    const { data: msg, response } = await client.messages.create(PARAMS, options).withResponse();
    assert.equal(msg.content[1].text, 'Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1809.');
    assert.deepEqual(msg.content[2].input, TOOL_INPUT);
    assert.equal(msg.content[0].thinking, HIDDEN_FALSE_TEXT);
    assert.equal(response.headers.get('x-factgate-mode'), 'rewrite');
    assertLincolnReport(msg.factgate, 1);
  });

  test('messages.stream (annotate): text assembles; finalMessage complete; the factgate event is seen and harmless', async () => {
    const { options } = opts();
    options.headers['x-fixture-scenario'] = 'stream';
    const stream = client.messages.stream(PARAMS, options);
    let texts = '';
    const reports = [];
    stream.on('text', (delta) => (texts += delta));
    stream.on('streamEvent', (ev) => {
      if (ev.type === 'factgate') reports.push(ev.factgate);
    });
    const final = await stream.finalMessage();
    assert.equal(texts, DEFAULT_TEXT);
    assert.equal(final.content.length, 3);
    assert.equal(final.content[1].text, DEFAULT_TEXT);
    assert.equal(final.content[0].thinking, HIDDEN_FALSE_TEXT);
    assert.deepEqual(final.content[2].input, TOOL_INPUT);
    assert.equal(final.stop_reason, 'tool_use');
    assert.equal(reports.length, 1);
    assertLincolnReport(reports[0], 1);
  });

  test('messages.stream (cite): finalText carries the markers and sources', async () => {
    const { options } = opts('cite');
    options.headers['x-fixture-scenario'] = 'stream_text';
    const stream = client.messages.stream(PARAMS, options);
    const text = await stream.finalText();
    assert.match(text, /States\. \[\d+\]/);
    assert.match(text, /1810\. \[\d+\]/);
    assert.match(text, /\n\nSources:\n\[1\] /);
    assert.equal(stripCite(text), DEFAULT_TEXT);
  });

  test('create({stream: true}): raw events iterate; one factgate event before message_stop', async () => {
    const { options } = opts('cite');
    const stream = await client.messages.create({ ...PARAMS, stream: true }, options);
    const types = [];
    let text = '';
    let report;
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') text += ev.delta.text;
      if (ev.type === 'factgate') report = ev.factgate;
    }
    assert.equal(types[0], 'message_start');
    assert.deepEqual(types.slice(-2), ['factgate', 'message_stop']);
    assert.equal(stripCite(text), DEFAULT_TEXT);
    assert.match(text, / \[\d+\]/);
    assertLincolnReport(report, 1);
  });

  test('a mid-stream error event raises an APIError of type overloaded_error', async () => {
    const { options } = opts();
    options.headers['x-fixture-scenario'] = 'stream_error';
    const stream = client.messages.stream(PARAMS, options);
    let texts = '';
    stream.on('text', (d) => (texts += d));
    await assert.rejects(stream.finalMessage(), (err) => {
      assert.ok(err instanceof Anthropic.APIError, String(err));
      assert.equal(err.error?.error?.type, 'overloaded_error');
      return true;
    });
    assert.equal(texts, 'Abraham Lincoln was the 16th President of the United States.');
  });

  test('an HTTP 429 raises RateLimitError with the upstream body', async () => {
    const { options } = opts();
    options.headers['x-fixture-scenario'] = 'error';
    options.headers['x-fixture-status'] = '429';
    await assert.rejects(client.messages.create(PARAMS, options), (err) => {
      assert.ok(err instanceof Anthropic.RateLimitError, String(err));
      assert.equal(err.status, 429);
      assert.equal(err.error?.error?.type, 'overloaded_error');
      return true;
    });
  });

  test('models.list reaches the Anthropic upstream', async () => {
    const page = await client.models.list();
    assert.deepEqual(page.data.map((m) => m.id), ['claude-fixture-1', 'claude-fixture-2']);
  });

  test('non-ASCII answer text keeps its bytes through cite', async () => {
    const text = 'Ça va: Paris is the capital and largest city of France. Mount Everest is 29,032 feet tall.';
    const { options } = opts('cite');
    options.headers['x-fixture-content'] = b64(text);
    const msg = await client.messages.create(PARAMS, options);
    assert.equal(stripCite(msg.content[0].text), text);
    assert.ok(msg.factgate.claims.length >= 2, JSON.stringify(msg.factgate));
  });
});
