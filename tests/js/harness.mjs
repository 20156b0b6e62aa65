// Helpers for the JS integration tests: a KB in a temp dir, `factgate serve` as a child process,
// plain HTTP requests with full control of headers, an SSE reader that timestamps every event, and
// the OpenAI error-shape assertion. Node built-ins only.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';

export const FACTGATE_BIN = process.env.FACTGATE_BIN || '/work/main/build/factgate';
export const ADMIN_TOKEN = 'secret';

// The tiny corpus every test KB starts from.
export const CORPUS = [
  {
    id: 'lincoln',
    title: 'Abraham Lincoln',
    text:
      'Abraham Lincoln was the 16th President of the United States. He was born on February 12, 1809, in Kentucky. ' +
      'Lincoln was assassinated by John Wilkes Booth in 1865.',
    url: 'https://example.org/wiki/Abraham_Lincoln',
  },
  {
    id: 'everest',
    title: 'Mount Everest',
    text:
      'Mount Everest is a mountain in the Himalayas on the border of Nepal and Tibet. ' +
      'It is the highest mountain in the world, at 29,032 feet above sea level.',
  },
  {
    id: 'nile',
    title: 'Nile',
    text: 'The Nile is a river in northeastern Africa. It flows north into the Mediterranean Sea. The Nile is about 6,650 kilometres long.',
  },
  {
    id: 'paris',
    title: 'Paris',
    text: 'Paris is the capital and largest city of France. The city is not a port on the sea.',
  },
];

// Every child started here, so that a crashed test file never leaves a server behind.
const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function run(file, args, { timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
  });
}

// Makes a temp dir with corpus.jsonl and a KB built by `factgate index`. Returns {dir, kb, cleanup}.
export async function buildKb(docs = CORPUS) {
  const dir = await mkdtemp(path.join(tmpdir(), 'factgate-js-'));
  const corpus = path.join(dir, 'corpus.jsonl');
  await writeFile(corpus, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const kb = path.join(dir, 'kb');
  await run(FACTGATE_BIN, ['index', '--kb', kb, corpus]);
  return { dir, kb, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

// A port nothing listens on (bound, then released).
export async function closedPort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

// Starts `factgate serve` and waits for its {"msg":"listening","port":N} log line.
//   upstream: base URL incl. /v1, or null for none; kb: dir, list of dirs, or null for none;
//   args: extra flags, e.g. ['--fail-closed', '--max-body-bytes', '4096'].
// Returns {proc, port, origin, base, logs(), stderr(), exited, stop()}.
export async function startFactgate({
  upstream = null,
  kb = null,
  mode = 'annotate',
  budgetMs = 2000,
  adminToken = ADMIN_TOKEN,
  args = [],
  env = {},
  timeoutMs = 30000,
} = {}) {
  const argv = ['serve', '--listen', '127.0.0.1:0'];
  if (upstream) argv.push('--upstream', upstream);
  for (const k of kb === null ? [] : Array.isArray(kb) ? kb : [kb]) argv.push('--kb', k);
  if (mode) argv.push('--mode', mode);
  if (budgetMs !== null && budgetMs !== undefined) argv.push('--budget-ms', String(budgetMs));
  if (adminToken) argv.push('--admin-token', adminToken);
  argv.push(...args);

  const proc = spawn(FACTGATE_BIN, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.add(proc);
  let stderr = '';
  let stdout = '';
  const logs = [];
  let lineBuf = '';
  let onLine = null;
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (d) => (stdout += d));
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => {
    stderr += d;
    lineBuf += d;
    let i;
    while ((i = lineBuf.indexOf('\n')) >= 0) {
      const line = lineBuf.slice(0, i).trim();
      lineBuf = lineBuf.slice(i + 1);
      if (!line) continue;
      let obj = null;
      try {
        obj = JSON.parse(line);
      } catch {
        obj = { msg: '(not json)', line };
      }
      logs.push(obj);
      if (onLine) onLine(obj);
    }
  });
  const exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    });
  });

  const describe = () =>
    `${FACTGATE_BIN} ${argv.join(' ')}\n--- stderr ---\n${stderr}${stdout ? `\n--- stdout ---\n${stdout}` : ''}`;

  let port;
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`factgate did not log "listening" within ${timeoutMs} ms`)), timeoutMs);
      const check = (obj) => {
        if (obj && obj.msg === 'listening' && Number.isInteger(obj.port) && obj.port > 0) {
          clearTimeout(timer);
          resolve(obj.port);
        }
      };
      for (const l of logs) check(l);
      onLine = check;
      proc.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`factgate exited before listening (code ${code}, signal ${signal})`));
      });
    });
  } catch (err) {
    proc.kill('SIGKILL');
    err.message += `\n${describe()}`;
    throw err;
  }
  onLine = null;

  const origin = `http://127.0.0.1:${port}`;
  const fg = {
    proc,
    port,
    origin,
    base: `${origin}/v1`,
    argv,
    logs: () => logs,
    stderr: () => stderr,
    describe,
    exited,
    // SIGTERM (or `signal`), then wait for the exit; SIGKILL and throw after timeoutMs.
    async stop({ signal = 'SIGTERM', timeoutMs: t = 15000 } = {}) {
      if (proc.exitCode !== null || proc.signalCode !== null) return exited;
      proc.kill(signal);
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
          proc.kill('SIGKILL');
          reject(new Error(`factgate did not exit within ${t} ms of ${signal}\n${describe()}`));
        }, t);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return fg;
}

// One HTTP/1.1 request on a fresh connection (node:http, so any header can be sent: Connection,
// Upgrade, huge values...). Returns {status, headers, rawHeaders, body (Buffer), text, json(), at}.
// An error after the response has arrived (e.g. EPIPE while the server refused a big body) is
// ignored; `timeoutMs` bounds the whole exchange.
export function request(url, { method = 'GET', headers = {}, body, timeoutMs = 30000 } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const hdrs = { ...headers };
    if (payload && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length' || k.toLowerCase() === 'transfer-encoding')) {
      hdrs['content-length'] = payload.length;
    }
    if (payload && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-type')) {
      hdrs['content-type'] = 'application/json';
    }
    let gotResponse = false;
    let settled = false;
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: hdrs, agent: false },
      (res) => {
        gotResponse = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error(`${method} ${url}: response cut off after ${Buffer.concat(chunks).length} bytes`));
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const buf = Buffer.concat(chunks);
          resolve({
            status: res.statusCode,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: buf,
            text: buf.toString('utf8'),
            json() {
              return JSON.parse(buf.toString('utf8'));
            },
            at: performance.now(),
          });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`${method} ${url}: no complete response within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => {
      // Writing the rest of a body the server refused (413, 431) may fail once the answer is in.
      if (gotResponse && (err.code === 'EPIPE' || err.code === 'ECONNRESET')) return;
      fail(err);
    });
    if (payload) req.end(payload);
    else req.end();
  });
}

// fetch() with a JSON body and a parsed JSON answer: {status, headers (Headers), text, json}.
export async function fetchJson(url, { method, body, headers = {}, timeoutMs = 30000 } = {}) {
  const init = { method: method ?? (body === undefined ? 'GET' : 'POST'), headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(init.headers).some((k) => k.toLowerCase() === 'content-type')) init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// Asserts `body` (a string or parsed object) is an OpenAI error: {"error": {"message", "type", "code"}}.
export function assertOpenAIError(body, what = 'response') {
  let obj = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      obj = JSON.parse(String(body));
    } catch {
      assert.fail(`${what}: error body is not JSON: ${String(body).slice(0, 500)}`);
    }
  }
  assert.ok(obj && typeof obj === 'object' && obj.error && typeof obj.error === 'object', `${what}: no "error" object in ${JSON.stringify(obj)}`);
  assert.equal(typeof obj.error.message, 'string', `${what}: error.message not a string`);
  assert.ok(obj.error.message.length > 0, `${what}: empty error.message`);
  assert.equal(typeof obj.error.type, 'string', `${what}: error.type not a string`);
  assert.ok('code' in obj.error, `${what}: error.code missing`);
  return obj.error;
}

// ---- server-sent events ------------------------------------------------------------------------

// Incremental SSE parser (LF, CRLF or CR line endings; a CR split from its LF across chunks is
// handled). Each dispatched event: {index, at, data, event, id, json, jsonError, comments}.
export class SSEParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buf = '';
    this.data = [];
    this.event = null;
    this.id = null;
    this.comments = [];
    this.count = 0;
  }

  push(text, at = performance.now()) {
    this.buf += text;
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buf);
      if (!m) break;
      // A lone CR at the very end may be the first half of CRLF: wait for more.
      if (m[0] === '\r' && m.index === this.buf.length - 1) break;
      const line = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      this.line(line, at);
    }
  }

  end(at = performance.now()) {
    if (this.buf.length) {
      const rest = this.buf.replace(/\r$/, '');
      this.buf = '';
      if (rest) this.line(rest, at);
    }
    // A final event without its blank line is not dispatched (as in browsers' EventSource); keep
    // it visible for tests.
    const pending = this.data.length ? this.data.join('\n') : null;
    return pending;
  }

  line(line, at) {
    if (line === '') {
      if (this.data.length) {
        const data = this.data.join('\n');
        const ev = { index: this.count++, at, data, event: this.event, id: this.id, json: undefined, jsonError: null, comments: this.comments };
        if (data !== '[DONE]') {
          try {
            ev.json = JSON.parse(data);
          } catch (err) {
            ev.jsonError = err.message;
          }
        }
        this.onEvent(ev);
      }
      this.data = [];
      this.event = null;
      this.comments = [];
      return;
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }
}

// Reads an SSE body to its end and records every event with its arrival time.
//   source: a fetch Response, or a node:http IncomingMessage.
//   onEvent(ev, result): return true to stop reading (the connection is then torn down).
// Returns {events, chunks: [{at, text}], raw, done (saw [DONE]), doneIndex, ended (clean end),
//          error, stopped, trailing (an unterminated last event's data, or null), startedAt, endedAt}.
export async function readSSE(source, { onEvent, timeoutMs = 30000 } = {}) {
  const result = {
    events: [],
    chunks: [],
    raw: '',
    done: false,
    doneIndex: -1,
    ended: false,
    error: null,
    stopped: false,
    trailing: null,
    startedAt: performance.now(),
    endedAt: null,
  };
  let stop = false;
  const parser = new SSEParser((ev) => {
    result.events.push(ev);
    if (ev.data === '[DONE]' && !result.done) {
      result.done = true;
      result.doneIndex = ev.index;
    }
    if (onEvent && onEvent(ev, result)) stop = true;
  });
  const decoder = new StringDecoder('utf8');
  let iterable;
  let cancel;
  if (source && source.body && typeof source.body.getReader === 'function') {
    const reader = source.body.getReader();
    iterable = {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      },
    };
    cancel = () => reader.cancel().catch(() => {});
  } else {
    iterable = source;
    cancel = () => source.destroy();
  }
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`SSE stream not finished within ${timeoutMs} ms`)), timeoutMs);
  });
  const pump = (async () => {
    for await (const c of iterable) {
      const at = performance.now();
      const text = decoder.write(Buffer.from(c));
      result.chunks.push({ at, text });
      result.raw += text;
      parser.push(text, at);
      if (stop) {
        result.stopped = true;
        cancel();
        return;
      }
    }
    const tail = decoder.end();
    if (tail) {
      result.raw += tail;
      parser.push(tail);
    }
    result.trailing = parser.end();
    result.ended = true;
  })();
  pump.catch(() => {});
  try {
    await Promise.race([pump, timeout]);
  } catch (err) {
    result.error = err;
    if (/not finished within/.test(err.message)) {
      cancel();
      throw new Error(`${err.message}; got ${result.events.length} events:\n${result.raw.slice(-2000)}`);
    }
  } finally {
    clearTimeout(timer);
    result.endedAt = performance.now();
  }
  return result;
}

// Opens a streaming POST with node:http and hands back the response (an IncomingMessage) and the
// request, for tests that must control the socket (e.g. disconnect mid-stream).
export function openStream(url, { headers = {}, body, method = 'POST' } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? {}));
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length, ...headers },
      },
      (res) => resolve({ req, res, status: res.statusCode, headers: res.headers }),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// Chat stream events summarised: per-choice content, the factgate report chunks, the usage chunk,
// and the data events that are neither.
export function summarizeChatStream(events) {
  const content = {};
  const reasoning = {};
  const reports = [];
  const usage = [];
  const errors = [];
  for (const ev of events) {
    const j = ev.json;
    if (!j || typeof j !== 'object') continue;
    if (j.error) errors.push(ev);
    if (j.factgate) reports.push(ev);
    if (j.usage && Array.isArray(j.choices) && j.choices.length === 0) usage.push(ev);
    for (const c of Array.isArray(j.choices) ? j.choices : []) {
      const i = c.index ?? 0;
      const piece = c.delta ? c.delta.content : c.text;
      if (typeof piece === 'string') content[i] = (content[i] ?? '') + piece;
      const r = c.delta && (c.delta.reasoning_content ?? c.delta.reasoning);
      if (typeof r === 'string') reasoning[i] = (reasoning[i] ?? '') + r;
    }
  }
  return { content, reasoning, reports, usage, errors };
}

// The parsed Prometheus text: [{name, labels: {..}, value}] plus TYPE lines {name: type}.
export function parsePrometheus(text) {
  const samples = [];
  const types = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const t = /^# TYPE (\S+) (\S+)/.exec(line);
    if (t) {
      types[t[1]] = t[2];
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = {};
    if (m[3]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/g;
      let lm;
      while ((lm = re.exec(m[3]))) labels[lm[1]] = lm[2].replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: m[1], labels, value: Number(m[4]) });
  }
  return { samples, types };
}

// Claims' byte spans index the UTF-8 bytes of the checked text.
export function byteSlice(text, [start, end]) {
  return Buffer.from(text, 'utf8').subarray(start, end).toString('utf8');
}

export function b64(text) {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// Rejects after ms with `what` in the message.
export function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// Polls fn() until it returns a truthy value (returned) or timeoutMs passes (throws).
export async function eventually(fn, { timeoutMs = 5000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = performance.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (performance.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

let testIdCounter = 0;
// A unique x-test-id value, to find a test's requests among the fixture's records.
export function testId(prefix = 't') {
  return `${prefix}-${process.pid}-${++testIdCounter}`;
}
