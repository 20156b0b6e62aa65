// The Ollama dialect through factgate: raw HTTP against the fixture Ollama upstream
// (fixture_ollama.mjs), then the official `ollama` npm package as the client (pinned in
// package.json; needs `npm ci` in tests/js and FACTGATE_BIN).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { Ollama } from 'ollama';

import { DEFAULT_TEXT, STREAM_ERROR, TAGS, THINKING, startOllamaFixture } from './fixture_ollama.mjs';
import { buildKb, request, startFactgate, testId } from './harness.mjs';

let fx;
let kb;
let fg;

before(async () => {
  fx = await startOllamaFixture();
  kb = await buildKb();
  fg = await startFactgate({ kb: kb.kb, mode: 'annotate', args: ['--ollama-upstream', fx.url] });
});

after(async () => {
  try {
    if (fg) assert.equal((await fg.stop()).code, 0, fg.describe());
  } finally {
    await fx?.close();
    await kb?.cleanup();
  }
});

const MESSAGES = [{ role: 'user', content: 'Tell me about Abraham Lincoln.' }];
const REWRITTEN = 'Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1809.';
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

async function call({ path = '/api/chat', body, mode, scenario, headers = {} } = {}) {
  const id = testId('oll');
  const h = { 'x-test-id': id, ...headers };
  if (mode) h['x-factgate-mode'] = mode;
  if (scenario) h['x-fixture-scenario'] = scenario;
  const b = body ?? (path === '/api/chat' ? { model: 'llama3.2', messages: MESSAGES } : { model: 'llama3.2', prompt: 'Who was Lincoln?' });
  const sent = JSON.stringify(b);
  const r = await request(fg.origin + path, { method: 'POST', headers: h, body: sent });
  const lines = r.text.split('\n');
  assert.equal(lines.pop(), '', 'the body ends with a line ending');
  return { r, rec: recOf(id), sent, lines, objs: lines.map((l) => JSON.parse(l)) };
}

function assertLincolnReport(report) {
  assert.ok(report && Array.isArray(report.claims), `factgate report: ${JSON.stringify(report)}`);
  assert.equal(report.summary.claims, report.claims.length);
  assert.equal(report.summary.checked, true);
  const born = report.claims.find((c) => /1810/.test(c.text));
  assert.equal(born?.verdict, 'refuted', JSON.stringify(report.claims));
  assert.match(born.correction ?? '', /1809/);
  assert.equal(born.choice, 0);
  assert.equal(report.claims.find((c) => /16th President/.test(c.text))?.verdict, 'supported');
  // The thinking says "Paris is not the capital of France": never a claim.
  assert.ok(!report.claims.some((c) => /Paris|think/.test(c.text)), JSON.stringify(report.claims));
}

const chatText = (objs) => objs.map((o) => o.message?.content ?? '').join('');
const genText = (objs) => objs.map((o) => o.response ?? '').join('');

describe('ollama raw HTTP: NDJSON streams', () => {
  test('annotate /api/chat: lines relayed as they are; the done line carries "factgate"', async () => {
    const { r, rec, sent, lines, objs } = await call({});
    assert.equal(r.status, 200);
    assert.equal(rec.path, '/api/chat');
    assert.equal(rec.body, sent);
    assert.match(r.headers['content-type'], /application\/x-ndjson/);
    assert.equal(r.headers['x-factgate-mode'], 'annotate');
    const up = rec.responseBody.split('\n').slice(0, -1);
    assert.ok(up.length > 15, 'many small upstream lines');
    assert.equal(lines.length, up.length, 'no line added');
    assert.deepEqual(lines.slice(0, -1), up.slice(0, -1), 'every line but the done line byte-identical');
    const done = objs.at(-1);
    assert.equal(done.done, true);
    assert.deepEqual(withoutKey(done, 'factgate'), JSON.parse(up.at(-1)), 'done line: members and durations kept');
    assert.equal(Object.keys(done).at(-1), 'factgate');
    assertLincolnReport(done.factgate);
    assert.equal(objs[0].message.thinking, THINKING);
    assert.equal(chatText(objs), DEFAULT_TEXT);
    assert.equal(objs.filter((o) => 'factgate' in o).length, 1);
  });

  test('cite /api/chat: markers as extra done:false lines; sources before the done line', async () => {
    const { objs } = await call({ mode: 'cite' });
    const text = chatText(objs);
    assert.match(text, /States\. \[\d+\]/);
    assert.match(text, /1810\. \[\d+\]/);
    assert.match(text, /\n\nSources:\n\[1\] .*Abraham Lincoln/);
    assert.equal(stripCite(text), DEFAULT_TEXT);
    const markers = objs.filter((o) => /^ \[\d+\]$/.test(o.message?.content ?? ''));
    assert.ok(markers.length >= 2);
    for (const m of markers) assert.deepEqual(m, { model: 'llama3.2', created_at: objs[1].created_at, message: { role: 'assistant', content: m.message.content }, done: false });
    const sourcesAt = objs.findIndex((o) => o.message?.content.startsWith('\n\nSources:'));
    assert.equal(sourcesAt, objs.length - 2, 'the sources line just before the done line');
    assert.equal(objs.at(-1).done, true);
    assertLincolnReport(objs.at(-1).factgate);
  });

  test('rewrite /api/chat: assembled content says 1809; thinking kept', async () => {
    const { objs } = await call({ mode: 'rewrite' });
    assert.equal(chatText(objs), REWRITTEN);
    assert.ok(objs.some((o) => o.message?.thinking === THINKING));
    assert.equal(objs.at(-1).done, true);
    assertLincolnReport(objs.at(-1).factgate);
  });

  test('annotate /api/generate: response pieces; done line keeps context and gets "factgate"', async () => {
    const { rec, objs } = await call({ path: '/api/generate' });
    assert.equal(rec.path, '/api/generate');
    assert.equal(genText(objs), DEFAULT_TEXT);
    assert.equal(objs[0].thinking, THINKING);
    const done = objs.at(-1);
    assert.deepEqual(done.context, [1, 2, 3, 42]);
    assert.equal(done.total_duration, 123456789);
    assertLincolnReport(done.factgate);
  });

  test('cite /api/generate: markers as fresh response lines', async () => {
    const { objs } = await call({ path: '/api/generate', mode: 'cite' });
    const text = genText(objs);
    assert.match(text, / \[\d+\]/);
    assert.equal(stripCite(text), DEFAULT_TEXT);
    assert.ok(objs.some((o) => /^ \[\d+\]$/.test(o.response ?? '') && o.done === false && !('message' in o)));
  });

  test('off: bytes relayed unchanged', async () => {
    const { r, rec } = await call({ mode: 'off' });
    assert.equal(r.text, rec.responseBody);
    assert.equal(r.headers['x-factgate-verdict'], undefined);
  });

  test('an {"error"} line passes through; the report line follows (done: false); nothing invented', async () => {
    const { rec, lines, objs } = await call({ scenario: 'stream_error' });
    const up = rec.responseBody.split('\n').slice(0, -1);
    const errAt = lines.indexOf(JSON.stringify({ error: STREAM_ERROR }));
    assert.ok(errAt > 0, lines.join('\n'));
    assert.deepEqual(lines.slice(0, errAt + 1), up, 'upstream lines byte-identical, in order');
    assert.equal(lines.length, up.length + 1, 'one report line added');
    const last = objs.at(-1);
    assert.equal(last.done, false);
    assert.equal(last.message.content, '');
    assert.ok(!objs.some((o) => o.done === true));
    assert.ok(last.factgate.claims.some((c) => c.verdict === 'supported' && /16th President/.test(c.text)), JSON.stringify(last.factgate));
  });

  test('HTTP error passes through', async () => {
    const id = testId('err');
    const r = await request(`${fg.origin}/api/chat`, { method: 'POST', headers: { 'x-test-id': id, 'x-fixture-scenario': 'error' }, body: { model: 'nope', messages: MESSAGES } });
    assert.equal(r.status, 404);
    assert.equal(r.text, recOf(id).responseBody);
    assert.deepEqual(r.json(), { error: "model 'nope' not found" });
  });
});

describe('ollama raw HTTP: whole bodies and /api/tags', () => {
  test('"stream": false annotate: application/json, "factgate" on the object; headers', async () => {
    const id = testId('whole');
    const r = await request(`${fg.origin}/api/chat`, { method: 'POST', headers: { 'x-test-id': id }, body: { model: 'llama3.2', messages: MESSAGES, stream: false } });
    assert.equal(r.status, 200, r.text);
    assert.match(r.headers['content-type'], /application\/json/);
    const rec = recOf(id);
    const body = r.json();
    assert.deepEqual(withoutKey(body, 'factgate'), JSON.parse(rec.responseBody));
    assertLincolnReport(body.factgate);
    const s = body.factgate.summary;
    assert.equal(r.headers['x-factgate-verdict'], `supported=${s.supported}; refuted=${s.refuted}; not_enough_info=${s.not_enough_info}`);
    assert.equal(r.headers['x-factgate-checked'], 'true');
  });

  test('"stream": false cite and rewrite edit message.content / response only', async () => {
    let r = await request(`${fg.origin}/api/chat`, { method: 'POST', headers: { 'x-factgate-mode': 'cite' }, body: { model: 'llama3.2', messages: MESSAGES, stream: false } });
    assert.equal(stripCite(r.json().message.content), DEFAULT_TEXT);
    assert.match(r.json().message.content, /1810\. \[\d+\]/);
    assert.equal(r.json().message.thinking, THINKING);
    r = await request(`${fg.origin}/api/generate`, { method: 'POST', headers: { 'x-factgate-mode': 'rewrite' }, body: { model: 'llama3.2', prompt: 'x', stream: false } });
    assert.equal(r.json().response, REWRITTEN);
    assert.equal(r.json().thinking, THINKING);
    assert.deepEqual(r.json().context, [1, 2, 3, 42]);
  });

  test('GET /api/tags relayed untouched', async () => {
    const id = testId('tags');
    const r = await request(`${fg.origin}/api/tags`, { headers: { 'x-test-id': id } });
    assert.equal(r.status, 200);
    assert.equal(recOf(id).path, '/api/tags');
    assert.deepEqual(r.json(), TAGS);
    assert.equal(r.text, recOf(id).responseBody);
  });
});

describe('ollama npm package through factgate', () => {
  const client = (mode) => {
    const id = testId('sdk');
    const headers = { 'x-test-id': id };
    if (mode) headers['x-factgate-mode'] = mode;
    return { id, ollama: new Ollama({ host: fg.origin, headers }) };
  };

  test('chat({stream: true}): parts iterate; content assembles; the last (done) part has factgate', async () => {
    const { id, ollama } = client();
    const parts = [];
    for await (const part of await ollama.chat({ model: 'llama3.2', messages: MESSAGES, stream: true })) parts.push(part);
    assert.ok(parts.length > 15);
    assert.equal(parts.map((p) => p.message.content).join(''), DEFAULT_TEXT);
    assert.equal(parts[0].message.thinking, THINKING);
    const last = parts.at(-1);
    assert.equal(last.done, true);
    assert.equal(last.done_reason, 'stop');
    assertLincolnReport(last.factgate);
    assert.equal(parts.filter((p) => p.factgate).length, 1);
    const rec = recOf(id);
    assert.equal(rec.path, '/api/chat');
    assert.equal(rec.json.stream, true);
  });

  test('chat({stream: true}) in cite mode: markers in the assembled content', async () => {
    const { ollama } = client('cite');
    let text = '';
    let last;
    for await (const part of await ollama.chat({ model: 'llama3.2', messages: MESSAGES, stream: true })) {
      text += part.message.content;
      last = part;
    }
    assert.match(text, /1810\. \[\d+\]/);
    assert.match(text, /\n\nSources:\n\[1\] /);
    assert.equal(stripCite(text), DEFAULT_TEXT);
    assertLincolnReport(last.factgate);
  });

  test('chat({stream: false}): the response object carries factgate; rewrite fixes the year', async () => {
    let { ollama } = client();
    let res = await ollama.chat({ model: 'llama3.2', messages: MESSAGES, stream: false });
    assert.equal(res.message.content, DEFAULT_TEXT);
    assert.equal(res.message.thinking, THINKING);
    assertLincolnReport(res.factgate);
    ({ ollama } = client('rewrite'));
    res = await ollama.chat({ model: 'llama3.2', messages: MESSAGES, stream: false });
    assert.equal(res.message.content, REWRITTEN);
  });

  test('generate: streamed and whole', async () => {
    const { ollama } = client('rewrite');
    let text = '';
    let last;
    for await (const part of await ollama.generate({ model: 'llama3.2', prompt: 'Who was Lincoln?', stream: true })) {
      text += part.response;
      last = part;
    }
    assert.equal(text, REWRITTEN);
    assert.equal(last.done, true);
    assert.deepEqual(last.context, [1, 2, 3, 42]);
    assertLincolnReport(last.factgate);
    const whole = await client().ollama.generate({ model: 'llama3.2', prompt: 'Who was Lincoln?' });
    assert.equal(whole.response, DEFAULT_TEXT);
    assertLincolnReport(whole.factgate);
  });

  test('a mid-stream error line makes the client throw it', async () => {
    const ollama = new Ollama({ host: fg.origin, headers: { 'x-fixture-scenario': 'stream_error' } });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const part of await ollama.chat({ model: 'llama3.2', messages: MESSAGES, stream: true })) text += part.message.content;
      })(),
      (err) => {
        assert.equal(err.message, STREAM_ERROR);
        return true;
      },
    );
    assert.equal(text, 'Abraham Lincoln was the 16th President of the United States.');
  });

  test('list() reads /api/tags through factgate', async () => {
    const list = await client().ollama.list();
    assert.deepEqual(list.models.map((m) => m.name), ['llama3.2:latest']);
  });
});
