// A small OpenAI-format upstream for tests and benchmarks (Node built-ins only).
//
//   import { startFixture } from './fixture_upstream.mjs';
//   const fx = await startFixture();          // 127.0.0.1, ephemeral port
//   fx.url        // "http://127.0.0.1:PORT/v1": pass as factgate's --upstream
//   fx.requests   // one record per request, in arrival order (see newRecord below)
//   await fx.close();
//
// Standalone:  node fixture_upstream.mjs [--port N] [--host H] [--chunk-delay-ms N]
// prints one JSON line {"msg":"listening","port":N,"url":...} on stdout; SIGINT/SIGTERM stop it.
//
// Routes (under /v1 only, so a wrong upstream base path shows up as a 404):
//   POST /v1/chat/completions, POST /v1/completions, GET /v1/models, GET /v1/models/{id}.
// The behaviour is chosen per request by its scenario, taken from (first match wins)
//   1. the request header `x-fixture-scenario: NAME`,
//   2. a marker `[scenario:NAME]` in the last user message (chat) or the prompt (completions),
//   3. the route: chat → "chat" or "stream" (when "stream": true), completions → "completions",
//      models → "models".
// Knobs, also request headers:
//   x-fixture-content: base64 of the UTF-8 answer text for choice 0 (default DEFAULT_TEXT)
//   x-fixture-sentences: N → the answer is N generated factual sentences (longText(N))
//   x-fixture-delay-ms: the pause of the slow scenarios (default 1500)
//   x-fixture-chunk-delay-ms: pause between stream events (default 0, or --chunk-delay-ms)
//   x-fixture-status: the status of the "error" scenario (default 500)
// See SCENARIOS for the list.

import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

// One true claim (16th President) and one false claim with a correction in the KB (1810 → 1809).
export const DEFAULT_TEXT =
  'Abraham Lincoln was the 16th President of the United States. Lincoln was born in 1810.';
// Choice 1 of n>1 answers: one true, one false (the Nile is about 6,650 km).
export const ALT_TEXT = 'Mount Everest is 29,032 feet tall. The Nile is about 9,000 kilometres long.';
// Later choices of n>2 answers.
export const ALT_TEXT_2 = 'Paris is the capital and largest city of France.';
// Text that must never be checked (reasoning, tool arguments): a false claim and a refutable one.
export const HIDDEN_FALSE_TEXT = 'The user may think Lincoln was born in 1810. Paris is not the capital of France.';
// The visible answer of the reasoning scenarios (one true claim).
export const REASONING_ANSWER = 'Paris is the capital and largest city of France.';
// The arguments string of the tool_calls scenarios (a JSON string, as OpenAI sends it).
export const TOOL_ARGUMENTS = JSON.stringify({ claim: 'Lincoln was born in 1810.', note: HIDDEN_FALSE_TEXT });

export const SCENARIOS = {
  chat: 'non-streaming chat completion; honours n (choice 0 = content, then ALT_TEXT, ALT_TEXT_2)',
  n2: 'chat with n = 2 whatever the request says',
  tool_calls: 'assistant message with content null and one tool call (arguments TOOL_ARGUMENTS)',
  reasoning: 'message.reasoning_content and message.reasoning = HIDDEN_FALSE_TEXT, content = REASONING_ANSWER',
  long: 'chat whose answer is longText(x-fixture-sentences or 600)',
  slow: 'chat answered after x-fixture-delay-ms',
  completions: '/v1/completions text completion (choices[].text); streams when "stream": true',
  models: 'GET /v1/models list (or one model for /v1/models/{id})',
  error_429: '429 rate-limit error body with x-request-id, retry-after and x-ratelimit-* headers',
  error: 'OpenAI error body with status x-fixture-status (default 500)',
  hang: 'reads the request and never answers (until the client or the fixture closes)',
  stream: 'SSE chat stream: role chunk, one chunk per word, finish_reason chunk, usage chunk when stream_options.include_usage, [DONE]; honours n',
  slow_stream: 'stream that sends the role chunk and the first sentence, waits x-fixture-delay-ms, then the rest (marks.firstSentAt / marks.restSentAt)',
  stream_error: 'a few content chunks, then a data: {"error": ...} event, then the end (no [DONE])',
  stream_drop: 'the role chunk and the first sentence, then the socket is destroyed (no finish, no [DONE])',
  stream_forever: 'one content chunk every 100 ms until the client goes away (at most 60 s)',
  stream_crlf: 'like stream, with CRLF line endings',
  stream_reasoning: 'stream: reasoning_content deltas and reasoning deltas (HIDDEN_FALSE_TEXT) before content deltas (REASONING_ANSWER)',
  stream_tool_calls: 'stream: tool call deltas only (arguments TOOL_ARGUMENTS in pieces)',
};

const CREATED = 1700000000;

// N sentences cycling through facts about the default corpus (true and false ones).
export function longText(n) {
  const templates = [
    (i) => `Abraham Lincoln was the 16th President of the United States, note ${i}.`,
    (i) => `Mount Everest is 29,032 feet tall according to survey ${i}.`,
    (i) => `The Nile is about 6,650 kilometres long in atlas ${i}.`,
    (i) => `Paris is the capital and largest city of France in year ${1900 + (i % 100)}.`,
    (i) => `Lincoln was born in 1810 according to rumour ${i}.`,
    (i) => `Lincoln was assassinated by John Wilkes Booth in 1865, record ${i}.`,
  ];
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(templates[i % templates.length](i));
  return parts.join(' ');
}

// Splits text into word deltas ("Abraham", " Lincoln", " was", ...); joined they give text back.
export function splitWords(text) {
  const parts = text.match(/\s*\S+/g) ?? [];
  const joined = parts.join('');
  if (joined.length < text.length) {
    if (parts.length === 0) parts.push(text);
    else parts[parts.length - 1] += text.slice(joined.length);
  }
  return parts;
}

function lastUserText(json) {
  if (!json || typeof json !== 'object') return '';
  if (typeof json.prompt === 'string') return json.prompt;
  if (Array.isArray(json.prompt)) return json.prompt.join('\n');
  const messages = Array.isArray(json.messages) ? json.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (!m || m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content.map((p) => (p && typeof p.text === 'string' ? p.text : '')).join('\n');
    }
    return '';
  }
  return '';
}

function headerInt(headers, name, fallback) {
  const v = headers[name];
  if (v === undefined || v === '') return fallback;
  const n = Number.parseInt(String(v), 10);
  return Number.isFinite(n) ? n : fallback;
}

function answerText(rec) {
  const h = rec.headers;
  if (typeof h['x-fixture-content'] === 'string') {
    return Buffer.from(h['x-fixture-content'], 'base64').toString('utf8');
  }
  const n = headerInt(h, 'x-fixture-sentences', rec.scenario === 'long' ? 600 : 0);
  if (n > 0) return longText(n);
  return DEFAULT_TEXT;
}

function choiceTexts(rec, n) {
  const texts = [answerText(rec)];
  const alts = [ALT_TEXT, ALT_TEXT_2];
  for (let i = 1; i < n; i++) texts.push(alts[Math.min(i - 1, alts.length - 1)]);
  return texts;
}

function requestedN(rec) {
  if (rec.scenario === 'n2') return 2;
  const n = rec.json && Number.isInteger(rec.json.n) ? rec.json.n : 1;
  return Math.max(1, Math.min(n, 8));
}

function modelOf(rec) {
  return (rec.json && typeof rec.json.model === 'string' && rec.json.model) || 'gpt-fixture';
}

function errorBody(message, type, code, param = null) {
  return { error: { message, type, param, code } };
}

export async function startFixture({ port = 0, host = '127.0.0.1', chunkDelayMs = 0, log = null, tls = null, keepAliveTimeoutMs = 5000 } = {}) {
  const requests = [];
  const timers = new Set();
  const waiters = new Set();
  let nextId = 1;

  function pause(ms) {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  function notify() {
    for (const w of waiters) {
      const found = requests.find(w.pred);
      if (found) {
        waiters.delete(w);
        clearTimeout(w.timer);
        clearInterval(w.poll);
        w.resolve(found);
      }
    }
  }

  function newRecord(req) {
    const rec = {
      id: nextId++,
      method: req.method,
      path: req.url,
      headers: { ...req.headers }, // lower-case names; repeated ones joined by Node
      rawHeaders: [...req.rawHeaders], // as sent: [name, value, name, value, ...]
      httpVersion: req.httpVersion,
      remotePort: req.socket.remotePort, // the same for requests on one reused connection
      body: '', // the request body, exactly as received (UTF-8)
      json: undefined, // the body parsed, or undefined
      scenario: '',
      receivedAt: performance.now(),
      status: 0, // response status sent
      responseHeaders: {}, // response headers sent (lower-case names)
      sent: [], // [{at, data}]: every write of the response body, in order
      responseBody: '', // the whole response body written so far
      events: [], // SSE data payloads sent: parsed objects, or the string "[DONE]"
      marks: {}, // scenario timestamps (performance.now()), e.g. firstSentAt, restSentAt
      finished: false, // the response was ended normally
      aborted: false, // the connection closed before the response ended
      closedAt: null,
    };
    let resolveClosed;
    Object.defineProperty(rec, 'closed', {
      // Resolves (with rec) when the connection or response is closed, either way.
      value: new Promise((r) => (resolveClosed = r)),
      enumerable: false,
    });
    Object.defineProperty(rec, '_resolveClosed', { value: resolveClosed, enumerable: false });
    return rec;
  }

  function writeHead(rec, res, status, headers) {
    const base = {
      'x-request-id': `req_fixture_${rec.id}`,
      'openai-organization': 'fixture-org',
      'openai-processing-ms': '3',
      'openai-version': '2020-10-01',
      'x-fixture-request-id': String(rec.id),
    };
    const all = { ...base, ...headers };
    rec.status = status;
    for (const [k, v] of Object.entries(all)) rec.responseHeaders[k.toLowerCase()] = String(v);
    res.writeHead(status, all);
  }

  function write(rec, res, data) {
    if (rec.aborted || res.destroyed) return false;
    rec.sent.push({ at: performance.now(), data });
    rec.responseBody += data;
    res.write(data);
    return true;
  }

  function end(rec, res, data) {
    if (data !== undefined && data !== '') write(rec, res, data);
    if (!rec.aborted && !res.destroyed) res.end();
  }

  function sendJson(rec, res, status, obj, extraHeaders = {}) {
    const body = JSON.stringify(obj);
    writeHead(rec, res, status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...extraHeaders,
    });
    end(rec, res, body);
  }

  function sseHead(rec, res, crlf = false) {
    writeHead(rec, res, 200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
    const nl = crlf ? '\r\n' : '\n';
    return (payload) => {
      rec.events.push(payload);
      const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
      return write(rec, res, `data: ${data}${nl}${nl}`);
    };
  }

  // Chat stream chunk with the given choices (each {index, delta, finish_reason?}).
  function chunk(rec, choices, extra = {}) {
    const c = {
      id: `chatcmpl-fixture-${rec.id}`,
      object: 'chat.completion.chunk',
      created: CREATED,
      model: modelOf(rec),
      system_fingerprint: 'fp_fixture',
      choices: choices.map((ch) => ({
        index: ch.index ?? 0,
        delta: ch.delta,
        logprobs: null,
        finish_reason: ch.finish_reason ?? null,
      })),
      ...extra,
    };
    if (wantsUsage(rec) && !('usage' in c)) c.usage = null;
    return c;
  }

  function wantsUsage(rec) {
    return Boolean(rec.json && rec.json.stream_options && rec.json.stream_options.include_usage);
  }

  function usage(rec, completionText = '') {
    const completion = splitWords(completionText).length;
    const prompt = Math.max(1, splitWords(lastUserText(rec.json)).length);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  function chatCompletion(rec, choices, allText) {
    return {
      id: `chatcmpl-fixture-${rec.id}`,
      object: 'chat.completion',
      created: CREATED,
      model: modelOf(rec),
      system_fingerprint: 'fp_fixture',
      choices,
      usage: usage(rec, allText),
    };
  }

  function plainChoice(index, content) {
    return {
      index,
      message: { role: 'assistant', content, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: 'stop',
    };
  }

  // ---- scenarios -------------------------------------------------------------------------------

  const handlers = {};

  handlers.chat = async (rec, res) => {
    const texts = choiceTexts(rec, requestedN(rec));
    sendJson(rec, res, 200, chatCompletion(rec, texts.map((t, i) => plainChoice(i, t)), texts.join(' ')));
  };
  handlers.n2 = handlers.chat;
  handlers.long = handlers.chat;

  handlers.slow = async (rec, res) => {
    await pause(headerInt(rec.headers, 'x-fixture-delay-ms', 1500));
    if (rec.aborted) return;
    await handlers.chat(rec, res);
  };

  handlers.tool_calls = async (rec, res) => {
    const choice = {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        annotations: [],
        tool_calls: [
          {
            id: 'call_fixture_1',
            type: 'function',
            function: { name: 'record_fact', arguments: TOOL_ARGUMENTS },
          },
        ],
      },
      logprobs: null,
      finish_reason: 'tool_calls',
    };
    sendJson(rec, res, 200, chatCompletion(rec, [choice], TOOL_ARGUMENTS));
  };

  handlers.reasoning = async (rec, res) => {
    const choice = plainChoice(0, REASONING_ANSWER);
    choice.message.reasoning_content = HIDDEN_FALSE_TEXT;
    choice.message.reasoning = HIDDEN_FALSE_TEXT;
    sendJson(rec, res, 200, chatCompletion(rec, [choice], REASONING_ANSWER));
  };

  handlers.completions = async (rec, res) => {
    const texts = choiceTexts(rec, requestedN(rec));
    const id = `cmpl-fixture-${rec.id}`;
    const model = modelOf(rec);
    if (rec.json && rec.json.stream) {
      const send = sseHead(rec, res);
      const delay = headerInt(rec.headers, 'x-fixture-chunk-delay-ms', chunkDelayMs);
      const words = texts.map(splitWords);
      const longest = Math.max(...words.map((w) => w.length));
      for (let k = 0; k < longest; k++) {
        for (let i = 0; i < words.length; i++) {
          if (k >= words[i].length) continue;
          send({
            id,
            object: 'text_completion',
            created: CREATED,
            model,
            choices: [{ text: words[i][k], index: i, logprobs: null, finish_reason: null }],
          });
        }
        if (delay) await pause(delay);
        if (rec.aborted) return;
      }
      for (let i = 0; i < texts.length; i++) {
        send({
          id,
          object: 'text_completion',
          created: CREATED,
          model,
          choices: [{ text: '', index: i, logprobs: null, finish_reason: 'stop' }],
        });
      }
      send('[DONE]');
      end(rec, res);
      return;
    }
    sendJson(rec, res, 200, {
      id,
      object: 'text_completion',
      created: CREATED,
      model,
      system_fingerprint: 'fp_fixture',
      choices: texts.map((text, index) => ({ text, index, logprobs: null, finish_reason: 'stop' })),
      usage: usage(rec, texts.join(' ')),
    });
  };

  const MODELS = ['gpt-fixture', 'gpt-4o-mini', 'gpt-4o'].map((id) => ({
    id,
    object: 'model',
    created: CREATED,
    owned_by: 'fixture',
  }));

  handlers.models = async (rec, res) => {
    const m = /^\/v1\/models\/([^/?]+)/.exec(rec.path);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const model = MODELS.find((x) => x.id === id);
      if (!model) {
        sendJson(rec, res, 404, errorBody(`The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found', 'model'));
        return;
      }
      sendJson(rec, res, 200, model);
      return;
    }
    sendJson(rec, res, 200, { object: 'list', data: MODELS });
  };

  handlers.error_429 = async (rec, res) => {
    sendJson(
      rec,
      res,
      429,
      errorBody(
        'Rate limit reached for gpt-fixture in organization fixture-org on requests per min (RPM): Limit 3, Used 3, Requested 1.',
        'requests',
        'rate_limit_exceeded',
      ),
      {
        'retry-after': '7',
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '7s',
      },
    );
  };

  handlers.error = async (rec, res) => {
    const status = headerInt(rec.headers, 'x-fixture-status', 500);
    sendJson(rec, res, status, errorBody(`Fixture error with status ${status}.`, 'server_error', null));
  };

  handlers.hang = async () => {
    // Never answer. rec.closed resolves when the client (factgate) gives up.
  };

  // A chat stream of `texts` (one per choice), word by word, interleaving choices.
  async function chatStream(rec, res, texts, { crlf = false, splitAt = -1, afterSplit = null } = {}) {
    const send = sseHead(rec, res, crlf);
    const delay = headerInt(rec.headers, 'x-fixture-chunk-delay-ms', chunkDelayMs);
    for (let i = 0; i < texts.length; i++) {
      send(chunk(rec, [{ index: i, delta: { role: 'assistant', content: '', refusal: null } }]));
    }
    const words = texts.map(splitWords);
    const longest = Math.max(...words.map((w) => w.length));
    for (let k = 0; k < longest; k++) {
      if (k === splitAt && afterSplit) {
        const go = await afterSplit(send);
        if (!go || rec.aborted) return false;
      }
      for (let i = 0; i < words.length; i++) {
        if (k < words[i].length) send(chunk(rec, [{ index: i, delta: { content: words[i][k] } }]));
      }
      if (delay) await pause(delay);
      if (rec.aborted) return false;
    }
    for (let i = 0; i < texts.length; i++) {
      send(chunk(rec, [{ index: i, delta: {}, finish_reason: 'stop' }]));
    }
    if (wantsUsage(rec)) send(chunk(rec, [], { usage: usage(rec, texts.join(' ')) }));
    send('[DONE]');
    end(rec, res);
    return true;
  }

  // Index of the word that starts the second sentence of text 0 (the first sentence is sent before
  // a pause or a drop).
  function secondSentenceWord(text) {
    const words = splitWords(text);
    const k = words.findIndex((w) => /[.!?]$/.test(w));
    return k >= 0 && k + 1 < words.length ? k + 1 : Math.max(1, Math.floor(words.length / 2));
  }

  handlers.stream = async (rec, res) => {
    await chatStream(rec, res, choiceTexts(rec, requestedN(rec)));
  };

  handlers.stream_crlf = async (rec, res) => {
    await chatStream(rec, res, choiceTexts(rec, requestedN(rec)), { crlf: true });
  };

  handlers.slow_stream = async (rec, res) => {
    const texts = choiceTexts(rec, requestedN(rec));
    const delayMs = headerInt(rec.headers, 'x-fixture-delay-ms', 1500);
    await chatStream(rec, res, texts, {
      splitAt: secondSentenceWord(texts[0]),
      afterSplit: async () => {
        rec.marks.firstSentAt = performance.now();
        await pause(delayMs);
        rec.marks.restSentAt = performance.now();
        return true;
      },
    });
  };

  handlers.stream_error = async (rec, res) => {
    const texts = [answerText(rec)];
    await chatStream(rec, res, texts, {
      splitAt: Math.min(3, splitWords(texts[0]).length - 1),
      afterSplit: async (send) => {
        send(errorBody('The server had an error while processing your request. Sorry about that!', 'server_error', null));
        rec.marks.errorSentAt = performance.now();
        end(rec, res);
        return false;
      },
    });
  };

  handlers.stream_drop = async (rec, res) => {
    const texts = [answerText(rec)];
    await chatStream(rec, res, texts, {
      splitAt: secondSentenceWord(texts[0]),
      afterSplit: async () => {
        await pause(50); // let the sent events leave
        rec.marks.droppedAt = performance.now();
        res.socket?.destroy();
        return false;
      },
    });
  };

  handlers.stream_forever = async (rec, res) => {
    const send = sseHead(rec, res);
    send(chunk(rec, [{ index: 0, delta: { role: 'assistant', content: '', refusal: null } }]));
    const words = splitWords(answerText(rec) + ' ');
    for (let k = 0; k < 600 && !rec.aborted; k++) {
      send(chunk(rec, [{ index: 0, delta: { content: words[k % words.length] } }]));
      await pause(100);
    }
    if (rec.aborted) return;
    send(chunk(rec, [{ index: 0, delta: {}, finish_reason: 'length' }]));
    send('[DONE]');
    end(rec, res);
  };

  handlers.stream_reasoning = async (rec, res) => {
    const send = sseHead(rec, res);
    send(chunk(rec, [{ index: 0, delta: { role: 'assistant', content: '' } }]));
    for (const w of splitWords(HIDDEN_FALSE_TEXT)) {
      send(chunk(rec, [{ index: 0, delta: { reasoning_content: w } }]));
    }
    for (const w of splitWords(HIDDEN_FALSE_TEXT)) {
      send(chunk(rec, [{ index: 0, delta: { reasoning: w } }]));
    }
    for (const w of splitWords(REASONING_ANSWER)) {
      send(chunk(rec, [{ index: 0, delta: { content: w } }]));
    }
    send(chunk(rec, [{ index: 0, delta: {}, finish_reason: 'stop' }]));
    if (wantsUsage(rec)) send(chunk(rec, [], { usage: usage(rec, REASONING_ANSWER) }));
    send('[DONE]');
    end(rec, res);
  };

  handlers.stream_tool_calls = async (rec, res) => {
    const send = sseHead(rec, res);
    send(
      chunk(rec, [
        {
          index: 0,
          delta: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { index: 0, id: 'call_fixture_1', type: 'function', function: { name: 'record_fact', arguments: '' } },
            ],
          },
        },
      ]),
    );
    for (let i = 0; i < TOOL_ARGUMENTS.length; i += 12) {
      const piece = TOOL_ARGUMENTS.slice(i, i + 12);
      send(chunk(rec, [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] } }]));
    }
    send(chunk(rec, [{ index: 0, delta: {}, finish_reason: 'tool_calls' }]));
    if (wantsUsage(rec)) send(chunk(rec, [], { usage: usage(rec, TOOL_ARGUMENTS) }));
    send('[DONE]');
    end(rec, res);
  };

  // ---- dispatch --------------------------------------------------------------------------------

  function routeOf(method, path) {
    const p = path.split('?')[0];
    if (method === 'POST' && p === '/v1/chat/completions') return 'chat';
    if (method === 'POST' && p === '/v1/completions') return 'completions';
    if ((method === 'GET' || method === 'HEAD') && (p === '/v1/models' || p.startsWith('/v1/models/'))) return 'models';
    return null;
  }

  function chooseScenario(rec, route) {
    const h = rec.headers['x-fixture-scenario'];
    if (typeof h === 'string' && h) return h.trim();
    const m = /\[scenario:([a-z0-9_]+)\]/.exec(lastUserText(rec.json));
    if (m) return m[1];
    if (route === 'chat') return rec.json && rec.json.stream ? 'stream' : 'chat';
    return route;
  }

  // `tls`: {key, cert} (PEM) serves HTTPS instead of HTTP.
  const server = (tls ? https.createServer.bind(https, { key: tls.key, cert: tls.cert }) : http.createServer)((req, res) => {
    const rec = newRecord(req);
    requests.push(rec);
    res.on('close', () => {
      rec.finished = res.writableFinished;
      rec.aborted = !res.writableFinished;
      rec.closedAt = performance.now();
      rec._resolveClosed(rec);
    });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('error', () => {});
    req.on('end', async () => {
      rec.body = Buffer.concat(chunks).toString('utf8');
      const route = routeOf(req.method, req.url);
      if (rec.body.length > 0) {
        try {
          rec.json = JSON.parse(rec.body);
        } catch {
          rec.json = undefined;
        }
      }
      rec.scenario = route ? chooseScenario(rec, route) : 'not_found';
      if (log) log(`${rec.id} ${req.method} ${req.url} scenario=${rec.scenario}`);
      notify();
      try {
        if (!route) {
          sendJson(rec, res, 404, errorBody(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error', null));
          return;
        }
        if (req.method === 'POST' && rec.json === undefined) {
          sendJson(rec, res, 400, errorBody('We could not parse the JSON body of your request.', 'invalid_request_error', null));
          return;
        }
        const handler = handlers[rec.scenario];
        if (!handler) {
          sendJson(rec, res, 400, errorBody(`Unknown fixture scenario '${rec.scenario}'.`, 'invalid_request_error', 'unknown_scenario'));
          return;
        }
        await handler(rec, res);
      } catch (err) {
        if (log) log(`${rec.id} handler error: ${err && err.stack}`);
        if (!res.headersSent) sendJson(rec, res, 500, errorBody(String(err), 'server_error', null));
        else res.destroy();
      }
    });
  });
  server.keepAliveTimeout = keepAliveTimeoutMs;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;

  return {
    port: actualPort,
    url: `${tls ? 'https' : 'http'}://${hostForUrl}:${actualPort}/v1`,
    origin: `${tls ? 'https' : 'http'}://${hostForUrl}:${actualPort}`,
    requests,
    // The first record (in arrival order) that satisfies pred, waiting for it up to timeoutMs.
    // pred is re-evaluated as requests arrive and every 10 ms (records change as responses go out).
    waitForRequest(pred, timeoutMs = 10000) {
      const found = requests.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        const poll = setInterval(notify, 10);
        w.timer = setTimeout(() => {
          waiters.delete(w);
          clearInterval(poll);
          reject(new Error(`fixture: no matching request within ${timeoutMs} ms (${requests.length} seen)`));
        }, timeoutMs);
        w.poll = poll;
        waiters.add(w);
      });
    },
    // Records whose header `name` equals value (tests tag requests with e.g. x-test-id).
    byHeader(name, value) {
      return requests.filter((r) => r.headers[name.toLowerCase()] === value);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of waiters) {
        clearTimeout(w.timer);
        clearInterval(w.poll);
      }
      waiters.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

// ---- standalone --------------------------------------------------------------------------------

function parseArgs(argv) {
  const out = { port: 0, host: '127.0.0.1', chunkDelayMs: 0, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? a.split(/=(.*)/s, 2) : [a, undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--port') out.port = Number(value());
    else if (flag === '--host') out.host = value();
    else if (flag === '--chunk-delay-ms') out.chunkDelayMs = Number(value());
    else if (flag === '--verbose' || flag === '-v') out.verbose = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(
      'Usage: node fixture_upstream.mjs [--port N] [--host H] [--chunk-delay-ms N] [--verbose]\n\nScenarios (header x-fixture-scenario):\n' +
        Object.entries(SCENARIOS)
          .map(([k, v]) => `  ${k.padEnd(18)} ${v}\n`)
          .join(''),
    );
    process.exit(0);
  }
  const fx = await startFixture({
    port: args.port,
    host: args.host,
    chunkDelayMs: args.chunkDelayMs,
    log: args.verbose ? (line) => process.stderr.write(`${line}\n`) : null,
  });
  // Standalone runs (benchmarks) must not grow without bound: keep the records of the last 1000.
  const trim = setInterval(() => {
    if (fx.requests.length > 1000) fx.requests.splice(0, fx.requests.length - 1000);
  }, 1000);
  trim.unref();
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port: fx.port, url: fx.url })}\n`);
  const stop = async () => {
    await fx.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
