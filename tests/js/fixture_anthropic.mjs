// A small Anthropic Messages upstream for tests (Node built-ins only).
//
//   import { startAnthropicFixture } from './fixture_anthropic.mjs';
//   const fx = await startAnthropicFixture();   // 127.0.0.1, ephemeral port
//   fx.url        // "http://127.0.0.1:PORT" (bare base): pass as factgate's --anthropic-upstream
//   fx.requests   // one record per request: {id, method, path, headers, body, json, scenario,
//                 //   status, responseHeaders, responseBody, events (SSE [{event, data}] sent)}
//   fx.byHeader('x-test-id', id)
//   await fx.close();
//
// Routes: POST /v1/messages, GET /v1/models, GET /v1/models/{id}; anything else is a 404 in the
// Anthropic error shape. The scenario is the request header `x-fixture-scenario`, else
// "stream" when the body says "stream": true, else "message" (see SCENARIOS). Knobs (headers):
//   x-fixture-content: base64 of the UTF-8 answer text (default DEFAULT_TEXT)
//   x-fixture-status: the status of the "error" scenario (default 529)

import http from 'node:http';

import { DEFAULT_TEXT, HIDDEN_FALSE_TEXT } from './fixture_upstream.mjs';

export { DEFAULT_TEXT, HIDDEN_FALSE_TEXT };

// The second text block of the two_texts scenario: one true, one false claim (Nile ~6,650 km).
export const ALT_TEXT = 'Mount Everest is 29,032 feet tall. The Nile is about 9,000 kilometres long.';
// The tool_use block's input (must never be checked nor changed).
export const TOOL_INPUT = { claim: 'Lincoln was born in 1810.', note: HIDDEN_FALSE_TEXT };
export const THINKING_SIGNATURE = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxfixturesignature';

export const SCENARIOS = {
  message: 'non-streaming message: content [text]',
  full: 'non-streaming message: content [thinking (HIDDEN_FALSE_TEXT), text, tool_use (TOOL_INPUT)]; stop_reason tool_use',
  two_texts: 'non-streaming message: content [text, text ALT_TEXT]',
  stream: 'SSE: message_start, ping, thinking block (thinking_delta x N, signature_delta), text block in many small text_deltas, tool_use block (input_json_delta x N), message_delta, message_stop',
  stream_text: 'SSE: like stream with the text block only',
  stream_error: 'SSE: message_start, a text block with the first sentence, then event: error (overloaded_error); the body ends',
  error: 'HTTP x-fixture-status (default 529) with an overloaded_error body and request-id',
  models: 'GET /v1/models list (or one model for /v1/models/{id})',
};

// Splits text into small pieces (1..5 code points, cycling) so a sentence spans many deltas.
export function smallPieces(text) {
  const cps = Array.from(text);
  const out = [];
  let i = 0;
  let k = 0;
  while (i < cps.length) {
    const n = (k++ % 5) + 1;
    out.push(cps.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}

const MODEL = 'claude-fixture-1';

function answerText(rec) {
  const h = rec.headers['x-fixture-content'];
  return typeof h === 'string' ? Buffer.from(h, 'base64').toString('utf8') : DEFAULT_TEXT;
}

function modelOf(rec) {
  return (rec.json && typeof rec.json.model === 'string' && rec.json.model) || MODEL;
}

export function anthropicError(type, message) {
  return { type: 'error', error: { type, message } };
}

export async function startAnthropicFixture({ port = 0, host = '127.0.0.1' } = {}) {
  const requests = [];
  let nextId = 1;

  function writeHead(rec, res, status, headers) {
    const all = {
      'request-id': `req_fixture_${rec.id}`,
      'anthropic-organization-id': 'fixture-org',
      'x-fixture-request-id': String(rec.id),
      ...headers,
    };
    rec.status = status;
    for (const [k, v] of Object.entries(all)) rec.responseHeaders[k.toLowerCase()] = String(v);
    res.writeHead(status, all);
  }

  function sendJson(rec, res, status, obj, extra = {}) {
    const body = JSON.stringify(obj);
    writeHead(rec, res, status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
    rec.responseBody = body;
    res.end(body);
  }

  function message(rec, content, stopReason = 'end_turn') {
    return {
      id: `msg_fixture_${rec.id}`,
      type: 'message',
      role: 'assistant',
      model: modelOf(rec),
      content,
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 34, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    };
  }

  const textBlock = (text) => ({ type: 'text', text });
  const thinkingBlock = () => ({ type: 'thinking', thinking: HIDDEN_FALSE_TEXT, signature: THINKING_SIGNATURE });
  const toolBlock = (rec) => ({ type: 'tool_use', id: `toolu_fixture_${rec.id}`, name: 'record_claim', input: TOOL_INPUT });

  function sse(rec, res) {
    writeHead(rec, res, 200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    return (event, data) => {
      const payload = JSON.stringify(data);
      rec.events.push({ event, data });
      const chunk = `event: ${event}\ndata: ${payload}\n\n`;
      rec.responseBody += chunk;
      if (!res.destroyed) res.write(chunk);
    };
  }

  function streamBlocks(rec, res, { thinking, tool, errorAfterFirstSentence = false }) {
    const send = sse(rec, res);
    const text = answerText(rec);
    const msg = message(rec, [], null);
    msg.usage = { input_tokens: 12, output_tokens: 1 };
    send('message_start', { type: 'message_start', message: msg });
    send('ping', { type: 'ping' });
    let index = 0;
    if (thinking) {
      send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const p of smallPieces(HIDDEN_FALSE_TEXT)) {
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: p } });
      }
      send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: THINKING_SIGNATURE } });
      send('content_block_stop', { type: 'content_block_stop', index });
      index++;
    }
    send('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    let pieces = smallPieces(text);
    if (errorAfterFirstSentence) {
      const first = text.slice(0, text.indexOf('.') + 1);
      pieces = smallPieces(first);
    }
    for (const p of pieces) send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: p } });
    if (errorAfterFirstSentence) {
      send('error', anthropicError('overloaded_error', 'Overloaded'));
      res.end();
      return;
    }
    if (pieces.length > 3) send('ping', { type: 'ping' });
    send('content_block_stop', { type: 'content_block_stop', index });
    index++;
    if (tool) {
      send('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: `toolu_fixture_${rec.id}`, name: 'record_claim', input: {} },
      });
      const json = JSON.stringify(TOOL_INPUT);
      for (let i = 0; i < json.length; i += 9) {
        send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 9) } });
      }
      send('content_block_stop', { type: 'content_block_stop', index });
    }
    send('message_delta', { type: 'message_delta', delta: { stop_reason: tool ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 34 } });
    send('message_stop', { type: 'message_stop' });
    res.end();
  }

  const handlers = {
    message: (rec, res) => sendJson(rec, res, 200, message(rec, [textBlock(answerText(rec))])),
    full: (rec, res) => sendJson(rec, res, 200, message(rec, [thinkingBlock(), textBlock(answerText(rec)), toolBlock(rec)], 'tool_use')),
    two_texts: (rec, res) => sendJson(rec, res, 200, message(rec, [textBlock(answerText(rec)), textBlock(ALT_TEXT)])),
    stream: (rec, res) => streamBlocks(rec, res, { thinking: true, tool: true }),
    stream_text: (rec, res) => streamBlocks(rec, res, { thinking: false, tool: false }),
    stream_error: (rec, res) => streamBlocks(rec, res, { thinking: false, tool: false, errorAfterFirstSentence: true }),
    error: (rec, res) => {
      const status = Number.parseInt(rec.headers['x-fixture-status'] ?? '529', 10) || 529;
      sendJson(rec, res, status, anthropicError('overloaded_error', 'Overloaded'), { 'x-should-retry': 'false' });
    },
    models: (rec, res) => {
      const m = (id) => ({ type: 'model', id, display_name: `Fixture ${id}`, created_at: '2025-01-01T00:00:00Z' });
      const one = /^\/v1\/models\/([^/?]+)/.exec(rec.path);
      if (one) return sendJson(rec, res, 200, m(decodeURIComponent(one[1])));
      sendJson(rec, res, 200, { data: [m(MODEL), m('claude-fixture-2')], has_more: false, first_id: MODEL, last_id: 'claude-fixture-2' });
    },
  };

  const server = http.createServer((req, res) => {
    const rec = {
      id: nextId++,
      method: req.method,
      path: req.url,
      headers: { ...req.headers },
      body: '',
      json: undefined,
      scenario: '',
      status: 0,
      responseHeaders: {},
      responseBody: '',
      events: [],
    };
    requests.push(rec);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      rec.body = Buffer.concat(chunks).toString('utf8');
      try {
        rec.json = rec.body ? JSON.parse(rec.body) : undefined;
      } catch {
        rec.json = undefined;
      }
      const path = req.url.split('?')[0];
      let route = null;
      if (req.method === 'POST' && path === '/v1/messages') route = rec.json && rec.json.stream === true ? 'stream' : 'message';
      else if (req.method === 'GET' && (path === '/v1/models' || path.startsWith('/v1/models/'))) route = 'models';
      if (!route) return sendJson(rec, res, 404, anthropicError('not_found_error', `fixture: no route ${req.method} ${path}`));
      if (route === 'message' && rec.json === undefined) return sendJson(rec, res, 400, anthropicError('invalid_request_error', 'fixture: body is not JSON'));
      const wanted = rec.headers['x-fixture-scenario'];
      rec.scenario = wanted && handlers[wanted] ? wanted : route;
      if (wanted && !handlers[wanted]) return sendJson(rec, res, 400, anthropicError('invalid_request_error', `fixture: unknown scenario ${wanted}`));
      handlers[rec.scenario](rec, res);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    url: `http://${host}:${actualPort}`,
    requests,
    byHeader(name, value) {
      return requests.filter((r) => r.headers[name.toLowerCase()] === value);
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
