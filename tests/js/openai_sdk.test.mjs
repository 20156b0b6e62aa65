// End-to-end: the official `openai` npm package (pinned in package.json) talks to factgate as if
// it were OpenAI; only the base URL changes. Needs `npm ci` in tests/js and FACTGATE_BIN.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import OpenAI from 'openai';

import { ALT_TEXT, DEFAULT_TEXT, startFixture } from './fixture_upstream.mjs';
import { buildKb, startFactgate, testId } from './harness.mjs';

const API_KEY = 'sk-dummy-e2e-key';
let fx;
let kb;
let fg;
let client;

before(async () => {
  fx = await startFixture();
  kb = await buildKb();
  fg = await startFactgate({ upstream: fx.url, kb: kb.kb, mode: 'annotate' });
  client = new OpenAI({ baseURL: fg.base, apiKey: API_KEY, maxRetries: 0, timeout: 30000 });
});

after(async () => {
  try {
    if (fg) assert.equal((await fg.stop()).code, 0, fg.describe());
  } finally {
    await fx?.close();
    await kb?.cleanup();
  }
});

const PARAMS = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about Abraham Lincoln.' }] };
const tagged = () => {
  const id = testId('sdk');
  return { id, options: { headers: { 'x-test-id': id } } };
};
const recOf = (id) => fx.byHeader('x-test-id', id)[0];

function assertReport(report) {
  assert.ok(report && Array.isArray(report.claims), 'factgate report');
  assert.ok(report.summary && report.summary.claims === report.claims.length);
  assert.ok(report.claims.some((c) => c.verdict === 'refuted' && /1810/.test(c.text)), JSON.stringify(report.claims));
  assert.ok(report.claims.some((c) => c.verdict === 'supported' && /16th President/.test(c.text)));
}

describe('openai SDK through factgate', () => {
  test('chat.completions.create: the answer and completion.factgate', async () => {
    const { id, options } = tagged();
    const completion = await client.chat.completions.create(PARAMS, options);
    assert.equal(completion.choices[0].message.content, DEFAULT_TEXT);
    assertReport(completion.factgate);
    const rec = recOf(id);
    assert.equal(rec.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(rec.path, '/v1/chat/completions');
    assert.match(rec.headers['user-agent'] ?? '', /OpenAI\/JS/);
    assert.equal(completion._request_id, rec.responseHeaders['x-request-id']);
  });

  test('withResponse(): x-factgate-verdict header', async () => {
    const { data, response } = await client.chat.completions.create(PARAMS).withResponse();
    const header = response.headers.get('x-factgate-verdict');
    assert.match(header ?? '', /^supported=\d+; refuted=\d+; not_enough_info=\d+$/);
    const s = data.factgate.summary;
    assert.equal(header, `supported=${s.supported}; refuted=${s.refuted}; not_enough_info=${s.not_enough_info}`);
  });

  test('stream: for await over chunks; content assembled; one chunk carries factgate', async () => {
    const { id, options } = tagged();
    const stream = await client.chat.completions.create({ ...PARAMS, stream: true }, options);
    let content = '';
    const reports = [];
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      content += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.factgate) reports.push(chunk);
    }
    assert.equal(content, DEFAULT_TEXT);
    assert.equal(reports.length, 1);
    assert.deepEqual(reports[0].choices, []);
    assertReport(reports[0].factgate);
    assert.ok(chunks > 5);
    assert.equal(recOf(id).headers.authorization, `Bearer ${API_KEY}`);
  });

  test('stream with include_usage and n = 2', async () => {
    const stream = await client.chat.completions.create({
      ...PARAMS,
      n: 2,
      stream: true,
      stream_options: { include_usage: true },
    });
    const content = {};
    let usage = null;
    let report = null;
    for await (const chunk of stream) {
      for (const c of chunk.choices) content[c.index] = (content[c.index] ?? '') + (c.delta?.content ?? '');
      if (chunk.usage) usage = chunk.usage;
      if (chunk.factgate) report = chunk.factgate;
    }
    assert.deepEqual(content, { 0: DEFAULT_TEXT, 1: ALT_TEXT });
    assert.ok(usage && usage.total_tokens > 0);
    assert.ok(report.claims.some((c) => c.choice === 1));
  });

  test('chat.completions.stream() helper: chunk events and finalChatCompletion()', async () => {
    const runner = client.chat.completions.stream(PARAMS);
    let report = null;
    runner.on('chunk', (chunk) => {
      if (chunk.factgate) report = chunk.factgate;
    });
    const final = await runner.finalChatCompletion();
    assert.equal(final.choices[0].message.content, DEFAULT_TEXT);
    assertReport(report);
  });

  test('cite mode via a default header', async () => {
    const cite = new OpenAI({ baseURL: fg.base, apiKey: API_KEY, maxRetries: 0, defaultHeaders: { 'x-factgate-mode': 'cite' } });
    const completion = await cite.chat.completions.create(PARAMS);
    const content = completion.choices[0].message.content;
    assert.match(content, / \[1\]/);
    assert.match(content, /\n\nSources:\n\[1\] /);
  });

  test('completions.create (legacy)', async () => {
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Abraham Lincoln' });
    assert.equal(completion.choices[0].text, DEFAULT_TEXT);
    assert.ok(completion.factgate.claims.length >= 1);
  });

  test('models.list()', async () => {
    const ids = [];
    for await (const m of client.models.list()) ids.push(m.id);
    assert.ok(ids.includes('gpt-4o-mini'), ids.join(','));
  });

  test('an upstream 429 becomes RateLimitError with the upstream request id', async () => {
    const { id } = tagged();
    await assert.rejects(
      client.chat.completions.create(PARAMS, { headers: { 'x-test-id': id, 'x-fixture-scenario': 'error_429' } }),
      (err) => {
        assert.ok(err instanceof OpenAI.RateLimitError, err.constructor.name);
        assert.equal(err.status, 429);
        assert.equal(err.code, 'rate_limit_exceeded');
        assert.equal(err.requestID, recOf(id).responseHeaders['x-request-id']);
        assert.equal(err.headers.get('retry-after'), '7');
        return true;
      },
    );
  });

  test('a mid-stream error event raises APIError in the iterator', async () => {
    const stream = await client.chat.completions.create({ ...PARAMS, stream: true }, { headers: { 'x-fixture-scenario': 'stream_error' } });
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
      (err) => {
        assert.ok(err instanceof OpenAI.APIError, err.constructor.name);
        assert.match(err.message, /error while processing/);
        return true;
      },
    );
  });
});
