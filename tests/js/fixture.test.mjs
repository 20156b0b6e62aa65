// Self-test of the OpenAI-format fixture (no factgate needed): every scenario, straight from the
// fixture, so that proxy test failures can be blamed on the proxy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import {
  ALT_TEXT,
  DEFAULT_TEXT,
  HIDDEN_FALSE_TEXT,
  REASONING_ANSWER,
  SCENARIOS,
  TOOL_ARGUMENTS,
  longText,
  splitWords,
  startFixture,
} from './fixture_upstream.mjs';
import { assertOpenAIError, b64, fetchJson, openStream, readSSE, request, summarizeChatStream, within, SSEParser } from './harness.mjs';

let fx;
before(async () => {
  fx = await startFixture();
});
after(async () => {
  await fx?.close();
});

const chatBody = (extra = {}) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Tell me about Lincoln.' }], ...extra });

async function chat(headers = {}, extra = {}, path = '/chat/completions') {
  return fetchJson(fx.url + path, { body: chatBody(extra), headers });
}

async function stream(headers = {}, extra = {}, path = '/chat/completions') {
  const res = await fetch(fx.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(chatBody({ stream: true, ...extra })),
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/event-stream/);
  return readSSE(res);
}

describe('helpers', () => {
  test('splitWords joins back to the text', () => {
    for (const t of [DEFAULT_TEXT, '  lead', 'trail  ', '', 'one', longText(7)]) {
      assert.equal(splitWords(t).join(''), t);
    }
    assert.deepEqual(splitWords('Abraham Lincoln was').slice(0, 3), ['Abraham', ' Lincoln', ' was']);
  });

  test('SSE parser: LF, CRLF, CR split across chunks, comments, multi-line data', () => {
    const evs = [];
    const p = new SSEParser((e) => evs.push(e));
    p.push(': hello\n\ndata: {"a":1}\r');
    p.push('\n\r\ndata: x\ndata: y\n\n');
    p.push('data: [DONE]\r\n\r\n');
    assert.deepEqual(evs.map((e) => e.data), ['{"a":1}', 'x\ny', '[DONE]']);
    assert.deepEqual(evs[0].json, { a: 1 });
    assert.ok(evs[1].jsonError);
  });
});

describe('non-streaming scenarios', () => {
  test('chat: default text, OpenAI headers, request recorded', async () => {
    const r = await chat({ authorization: 'Bearer sk-fixture', 'x-test-id': 'chat-1' });
    assert.equal(r.status, 200);
    assert.equal(r.json.object, 'chat.completion');
    assert.equal(r.json.choices.length, 1);
    assert.equal(r.json.choices[0].message.content, DEFAULT_TEXT);
    assert.equal(r.json.choices[0].finish_reason, 'stop');
    assert.ok(r.json.usage.total_tokens > 0);
    assert.match(r.headers.get('x-request-id'), /^req_fixture_\d+$/);
    assert.equal(r.headers.get('openai-version'), '2020-10-01');
    const [rec] = fx.byHeader('x-test-id', 'chat-1');
    assert.equal(rec.method, 'POST');
    assert.equal(rec.path, '/v1/chat/completions');
    assert.equal(rec.headers.authorization, 'Bearer sk-fixture');
    assert.equal(rec.scenario, 'chat');
    assert.deepEqual(JSON.parse(rec.body), chatBody());
    assert.equal(rec.responseBody, r.text);
    assert.equal(rec.responseHeaders['x-request-id'], r.headers.get('x-request-id'));
    await within(rec.closed, 2000, 'closed');
    assert.equal(rec.finished, true);
  });

  test('chat: x-fixture-content (base64), x-fixture-sentences', async () => {
    const text = 'Café crème — Paris is the capital and largest city of France.';
    let r = await chat({ 'x-fixture-content': b64(text) });
    assert.equal(r.json.choices[0].message.content, text);
    r = await chat({ 'x-fixture-sentences': '10' });
    assert.equal(r.json.choices[0].message.content, longText(10));
    r = await chat({ 'x-fixture-scenario': 'long' });
    assert.equal(r.json.choices[0].message.content, longText(600));
  });

  test('scenario from the last user message', async () => {
    const r = await fetchJson(fx.url + '/chat/completions', {
      body: { model: 'm', messages: [{ role: 'user', content: 'hi [scenario:tool_calls]' }] },
    });
    assert.equal(r.json.choices[0].finish_reason, 'tool_calls');
  });

  test('n = 2 (and scenario n2)', async () => {
    for (const [headers, extra] of [[{}, { n: 2 }], [{ 'x-fixture-scenario': 'n2' }, {}]]) {
      const r = await chat(headers, extra);
      assert.deepEqual(r.json.choices.map((c) => [c.index, c.message.content]), [[0, DEFAULT_TEXT], [1, ALT_TEXT]]);
    }
  });

  test('tool_calls', async () => {
    const r = await chat({ 'x-fixture-scenario': 'tool_calls' });
    const m = r.json.choices[0].message;
    assert.equal(m.content, null);
    assert.equal(m.tool_calls[0].function.arguments, TOOL_ARGUMENTS);
  });

  test('reasoning', async () => {
    const r = await chat({ 'x-fixture-scenario': 'reasoning' });
    const m = r.json.choices[0].message;
    assert.equal(m.content, REASONING_ANSWER);
    assert.equal(m.reasoning_content, HIDDEN_FALSE_TEXT);
    assert.equal(m.reasoning, HIDDEN_FALSE_TEXT);
  });

  test('slow', async () => {
    const t0 = performance.now();
    const r = await chat({ 'x-fixture-scenario': 'slow', 'x-fixture-delay-ms': '300' });
    assert.equal(r.status, 200);
    assert.ok(performance.now() - t0 >= 290);
  });

  test('completions', async () => {
    const r = await fetchJson(fx.url + '/completions', { body: { model: 'gpt-3.5-turbo-instruct', prompt: 'Lincoln' } });
    assert.equal(r.json.object, 'text_completion');
    assert.equal(r.json.choices[0].text, DEFAULT_TEXT);
  });

  test('models', async () => {
    let r = await fetchJson(fx.url + '/models');
    assert.equal(r.json.object, 'list');
    assert.ok(r.json.data.some((m) => m.id === 'gpt-4o-mini'));
    r = await fetchJson(fx.url + '/models/gpt-4o');
    assert.equal(r.json.id, 'gpt-4o');
    r = await fetchJson(fx.url + '/models/nope');
    assert.equal(r.status, 404);
    assertOpenAIError(r.json);
  });

  test('error_429 and error', async () => {
    let r = await chat({ 'x-fixture-scenario': 'error_429' });
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '7');
    assert.match(r.headers.get('x-request-id'), /^req_fixture_/);
    assert.equal(assertOpenAIError(r.json).code, 'rate_limit_exceeded');
    r = await chat({ 'x-fixture-scenario': 'error', 'x-fixture-status': '503' });
    assert.equal(r.status, 503);
    assertOpenAIError(r.json);
  });

  test('malformed JSON → 400, unknown path → 404, unknown scenario → 400', async () => {
    let r = await fetchJson(fx.url + '/chat/completions', { body: '{not json' });
    assert.equal(r.status, 400);
    assertOpenAIError(r.json);
    r = await fetchJson(fx.origin + '/chat/completions', { body: chatBody() });
    assert.equal(r.status, 404);
    assertOpenAIError(r.json);
    r = await chat({ 'x-fixture-scenario': 'nope' });
    assert.equal(r.status, 400);
  });

  test('hang: no answer; the fixture sees the client go away', async () => {
    const ac = new AbortController();
    const p = fetch(fx.url + '/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fixture-scenario': 'hang', 'x-test-id': 'hang-1' },
      body: JSON.stringify(chatBody()),
      signal: ac.signal,
    });
    const rec = await fx.waitForRequest((r) => r.headers['x-test-id'] === 'hang-1');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(rec.status, 0);
    ac.abort();
    await assert.rejects(p);
    await within(rec.closed, 5000, 'fixture saw the close');
    assert.equal(rec.aborted, true);
  });
});

describe('streaming scenarios', () => {
  test('stream: role first, word chunks, finish, [DONE]; events recorded', async () => {
    const s = await stream({ 'x-test-id': 'stream-1' });
    assert.equal(s.done, true);
    assert.equal(s.events.at(-1).data, '[DONE]');
    const first = s.events[0].json.choices[0];
    assert.equal(first.delta.role, 'assistant');
    const sum = summarizeChatStream(s.events);
    assert.equal(sum.content[0], DEFAULT_TEXT);
    assert.equal(s.events.at(-2).json.choices[0].finish_reason, 'stop');
    assert.equal(sum.usage.length, 0);
    const [rec] = fx.byHeader('x-test-id', 'stream-1');
    assert.deepEqual(rec.events, s.events.map((e) => (e.data === '[DONE]' ? '[DONE]' : e.json)));
    assert.equal(rec.responseBody, s.raw);
    assert.ok(s.events.length >= splitWords(DEFAULT_TEXT).length + 3);
  });

  test('stream with include_usage and n = 2', async () => {
    const s = await stream({}, { n: 2, stream_options: { include_usage: true } });
    const sum = summarizeChatStream(s.events);
    assert.deepEqual(sum.content, { 0: DEFAULT_TEXT, 1: ALT_TEXT });
    assert.equal(sum.usage.length, 1);
    assert.equal(s.events.at(-2), sum.usage[0]);
    assert.ok(sum.usage[0].json.usage.total_tokens > 0);
  });

  test('stream_crlf', async () => {
    const s = await stream({ 'x-fixture-scenario': 'stream_crlf' });
    assert.match(s.raw, /^data: .*\r\n\r\n/);
    assert.ok(!/[^\r]\n/.test(s.raw), 'every LF is preceded by CR');
    assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
    assert.equal(s.done, true);
  });

  test('slow_stream: first sentence, pause, rest', async () => {
    const s = await stream({ 'x-fixture-scenario': 'slow_stream', 'x-fixture-delay-ms': '600', 'x-test-id': 'slow-1' });
    const [rec] = fx.byHeader('x-test-id', 'slow-1');
    assert.ok(rec.marks.restSentAt - rec.marks.firstSentAt >= 590);
    const early = s.events.filter((e) => e.at < rec.marks.restSentAt);
    const earlyText = summarizeChatStream(early).content[0];
    assert.equal(earlyText, 'Abraham Lincoln was the 16th President of the United States.');
    assert.ok(rec.marks.restSentAt - early.at(-1).at > 400, 'the first sentence arrived well before the rest was sent');
    assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
  });

  test('stream_error: an error event, then the end without [DONE]', async () => {
    const s = await stream({ 'x-fixture-scenario': 'stream_error' });
    const sum = summarizeChatStream(s.events);
    assert.equal(sum.errors.length, 1);
    assertOpenAIError(sum.errors[0].json);
    assert.equal(s.events.at(-1), sum.errors[0]);
    assert.equal(s.done, false);
    assert.ok(sum.content[0].length > 0);
  });

  test('stream_drop: the socket is destroyed after the first sentence', async () => {
    const s = await stream({ 'x-fixture-scenario': 'stream_drop', 'x-test-id': 'drop-1' });
    assert.equal(s.done, false);
    assert.ok(s.error, 'the client sees the connection fail');
    assert.equal(summarizeChatStream(s.events).content[0], 'Abraham Lincoln was the 16th President of the United States.');
    const [rec] = fx.byHeader('x-test-id', 'drop-1');
    assert.ok(rec.marks.droppedAt);
    await within(rec.closed, 2000, 'closed');
    assert.equal(rec.aborted, true);
  });

  test('stream_forever: the fixture sees the client disconnect', async () => {
    const { res } = await openStream(fx.url + '/chat/completions', {
      headers: { 'x-fixture-scenario': 'stream_forever', 'x-test-id': 'forever-1' },
      body: chatBody({ stream: true }),
    });
    const s = await readSSE(res, { onEvent: (ev) => ev.index >= 3 });
    assert.equal(s.stopped, true);
    const [rec] = fx.byHeader('x-test-id', 'forever-1');
    await within(rec.closed, 5000, 'fixture saw the disconnect');
    assert.equal(rec.aborted, true);
  });

  test('stream_reasoning and stream_tool_calls', async () => {
    let s = await stream({ 'x-fixture-scenario': 'stream_reasoning' });
    let sum = summarizeChatStream(s.events);
    assert.equal(sum.content[0], REASONING_ANSWER);
    assert.equal(sum.reasoning[0], HIDDEN_FALSE_TEXT + HIDDEN_FALSE_TEXT);
    s = await stream({ 'x-fixture-scenario': 'stream_tool_calls' }, { stream_options: { include_usage: true } });
    const args = s.events
      .filter((e) => e.json?.choices?.[0]?.delta?.tool_calls)
      .map((e) => e.json.choices[0].delta.tool_calls[0].function.arguments)
      .join('');
    assert.equal(args, TOOL_ARGUMENTS);
    sum = summarizeChatStream(s.events);
    assert.equal(sum.usage.length, 1);
    assert.equal(s.done, true);
  });

  test('completions stream', async () => {
    const s = await stream({}, { prompt: 'Lincoln', messages: undefined }, '/completions');
    assert.equal(summarizeChatStream(s.events).content[0], DEFAULT_TEXT);
    assert.equal(s.done, true);
    assert.equal(s.events[0].json.object, 'text_completion');
  });
});

test('every scenario is documented and reachable', async () => {
  for (const name of Object.keys(SCENARIOS)) {
    if (name === 'hang' || name === 'stream_forever' || name === 'models' || name === 'completions') continue;
    const isStream = name.startsWith('stream') || name === 'slow_stream';
    const r = await request(fx.url + '/chat/completions', {
      method: 'POST',
      headers: { 'x-fixture-scenario': name, 'x-fixture-delay-ms': '10' },
      body: chatBody(isStream ? { stream: true } : {}),
    }).catch((err) => ({ status: -1, err }));
    if (name === 'stream_drop') continue; // the connection is cut on purpose
    assert.ok([200, 429, 500].includes(r.status), `${name}: ${r.status} ${r.err ?? ''}`);
  }
});

test('standalone: node fixture_upstream.mjs --port 0 prints the listening line and stops on SIGTERM', async () => {
  const file = fileURLToPath(new URL('./fixture_upstream.mjs', import.meta.url));
  const child = spawn(process.execPath, [file, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const line = await within(
      new Promise((resolve) => {
        let buf = '';
        child.stdout.on('data', (d) => {
          buf += d;
          const i = buf.indexOf('\n');
          if (i >= 0) resolve(buf.slice(0, i));
        });
      }),
      10000,
      'listening line',
    );
    const info = JSON.parse(line);
    assert.equal(info.msg, 'listening');
    assert.ok(info.port > 0);
    const r = await fetchJson(`http://127.0.0.1:${info.port}/v1/chat/completions`, { body: chatBody() });
    assert.equal(r.json.choices[0].message.content, DEFAULT_TEXT);
    const exited = new Promise((r2) => child.on('exit', (code) => r2(code)));
    child.kill('SIGTERM');
    assert.equal(await within(exited, 5000, 'exit'), 0);
  } finally {
    child.kill('SIGKILL');
  }
});
