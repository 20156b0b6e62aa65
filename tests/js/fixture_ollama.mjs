// A small Ollama upstream for tests (Node built-ins only).
//
//   import { startOllamaFixture } from './fixture_ollama.mjs';
//   const fx = await startOllamaFixture();   // 127.0.0.1, ephemeral port
//   fx.url        // "http://127.0.0.1:PORT" (bare base): pass as factgate's --ollama-upstream
//   fx.requests   // one record per request: {id, method, path, headers, body, json, scenario,
//                 //   status, responseHeaders, responseBody, lines (NDJSON objects sent)}
//   fx.byHeader('x-test-id', id)
//   await fx.close();
//
// Routes: POST /api/chat, POST /api/generate, GET /api/tags; anything else is a 404 {"error"}.
// Like Ollama, chat and generate stream NDJSON (application/x-ndjson) unless the body says
// "stream": false (then one application/json object). The stream: one thinking line (THINKING),
// the answer in many small lines, a done:true line with done_reason and durations (generate: and
// "context"). Scenario header `x-fixture-scenario`:
//   stream_error: the first sentence in small lines, then {"error": STREAM_ERROR}, then the end;
//   error: HTTP 404 {"error": "model 'nope' not found"}.
// Knob: x-fixture-content: base64 of the UTF-8 answer text (default DEFAULT_TEXT).

import http from 'node:http';

import { DEFAULT_TEXT, HIDDEN_FALSE_TEXT } from './fixture_upstream.mjs';
import { smallPieces } from './fixture_anthropic.mjs';

export { DEFAULT_TEXT };
// The thinking text (must never be checked): a false claim.
export const THINKING = HIDDEN_FALSE_TEXT;
export const STREAM_ERROR = 'model runner has unexpectedly stopped';
export const CREATED_AT = '2025-01-01T00:00:00.000000Z';
export const TAGS = {
  models: [
    {
      name: 'llama3.2:latest',
      model: 'llama3.2:latest',
      modified_at: '2025-01-01T00:00:00Z',
      size: 2019393189,
      digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
      details: { format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
    },
  ],
};

const DURATIONS = { total_duration: 123456789, load_duration: 1234567, prompt_eval_count: 12, prompt_eval_duration: 2345678, eval_count: 34, eval_duration: 98765432 };

function answerText(rec) {
  const h = rec.headers['x-fixture-content'];
  return typeof h === 'string' ? Buffer.from(h, 'base64').toString('utf8') : DEFAULT_TEXT;
}

export async function startOllamaFixture({ port = 0, host = '127.0.0.1' } = {}) {
  const requests = [];
  let nextId = 1;

  function writeHead(rec, res, status, headers) {
    rec.status = status;
    for (const [k, v] of Object.entries(headers)) rec.responseHeaders[k.toLowerCase()] = String(v);
    res.writeHead(status, headers);
  }

  function sendJson(rec, res, status, obj) {
    const body = JSON.stringify(obj);
    writeHead(rec, res, status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    rec.responseBody = body;
    res.end(body);
  }

  // One line of the answer: chat or generate shape.
  function piece(rec, api, { text = '', thinking, done = false, extra = {} }) {
    const model = (rec.json && rec.json.model) || 'llama3.2';
    if (api === 'chat') {
      const message = { role: 'assistant', content: text };
      if (thinking !== undefined) message.thinking = thinking;
      return { model, created_at: CREATED_AT, message, done, ...extra };
    }
    const o = { model, created_at: CREATED_AT, response: text };
    if (thinking !== undefined) o.thinking = thinking;
    return { ...o, done, ...extra };
  }

  function doneExtra(api) {
    return { done_reason: 'stop', ...DURATIONS, ...(api === 'generate' ? { context: [1, 2, 3, 42] } : {}) };
  }

  function stream(rec, res, api, scenario) {
    writeHead(rec, res, 200, { 'content-type': 'application/x-ndjson' });
    res.flushHeaders();
    const send = (obj) => {
      rec.lines.push(obj);
      const line = `${JSON.stringify(obj)}\n`;
      rec.responseBody += line;
      if (!res.destroyed) res.write(line);
    };
    const text = answerText(rec);
    send(piece(rec, api, { thinking: THINKING }));
    if (scenario === 'stream_error') {
      for (const p of smallPieces(text.slice(0, text.indexOf('.') + 1))) send(piece(rec, api, { text: p }));
      send({ error: STREAM_ERROR });
      res.end();
      return;
    }
    for (const p of smallPieces(text)) send(piece(rec, api, { text: p }));
    send(piece(rec, api, { done: true, extra: doneExtra(api) }));
    res.end();
  }

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
      lines: [],
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
      if (req.method === 'GET' && path === '/api/tags') {
        rec.scenario = 'tags';
        return sendJson(rec, res, 200, TAGS);
      }
      const api = path === '/api/chat' ? 'chat' : path === '/api/generate' ? 'generate' : null;
      if (req.method !== 'POST' || !api) return sendJson(rec, res, 404, { error: `fixture: no route ${req.method} ${path}` });
      if (!rec.json || typeof rec.json !== 'object') return sendJson(rec, res, 400, { error: 'fixture: body is not JSON' });
      const streaming = rec.json.stream !== false;
      rec.scenario = rec.headers['x-fixture-scenario'] || (streaming ? 'stream' : 'whole');
      if (rec.scenario === 'error') return sendJson(rec, res, 404, { error: "model 'nope' not found" });
      if (streaming) return stream(rec, res, api, rec.scenario);
      const whole = piece(rec, api, { text: answerText(rec), thinking: THINKING, done: true, extra: doneExtra(api) });
      sendJson(rec, res, 200, whole);
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
