// Browser test of the audit's report.html: runs `factgate audit` on transcripts written here, opens
// OUT/report.html in Debian's Chromium (driven by playwright-core, pinned in package.json) at a
// desktop size and at a 375x740 phone size, and checks from the DOM: the summary figures against
// summary.json, the SVG charts, one highlight per row of claims.jsonl in its verdict's class, the
// citation shown on click and on tap, the "refuted only" and model filters, no horizontal
// scrolling on the phone, and no network request. Screenshots go to $FG_ARTIFACTS_DIR (default
// the system temp dir) as audit-report-*.png.
//
// Needs FACTGATE_BIN, /usr/bin/chromium (apt-get install chromium) and playwright-core (npm ci
// here). Without Chromium or playwright-core the browser tests skip, unless CI=true: then they fail.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { FACTGATE_BIN, buildKb, byteSlice } from './harness.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS_DIR = process.env.FG_ARTIFACTS_DIR ?? os.tmpdir();
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const CORPUS = [
  {
    id: 'lincoln',
    title: 'Abraham Lincoln',
    text:
      'Abraham Lincoln was the 16th President of the United States. Abraham Lincoln was born in 1809 in Kentucky. ' +
      'Lincoln was assassinated by John Wilkes Booth in 1865.',
    url: 'https://example.org/wiki/Abraham_Lincoln_the_sixteenth_President_of_the_United_States_of_America_born_1809',
  },
  {
    id: 'eiffel',
    title: 'Eiffel Tower',
    text: 'The Eiffel Tower is a wrought-iron lattice tower in Paris, France. The Eiffel Tower was completed in 1889.',
  },
  {
    id: 'everest',
    title: 'Mount Everest',
    text: 'Mount Everest is the highest mountain in the world, at 29,032 feet above sea level.',
  },
];

const chat = (id, model, ...turns) => ({
  id,
  model,
  messages: turns.map((content, i) => ({ role: i % 2 ? 'assistant' : 'user', content })),
});

// Two models; flagged and unflagged transcripts; a transcript without claims; two checked turns in
// one transcript; markup and a very long word that must neither render nor widen the phone page.
const LONG_WORD = 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3);
const TRANSCRIPTS = [
  chat('eiffel-gpt', 'gpt-4o', 'Tell me about the Eiffel Tower.', 'The Eiffel Tower is in Paris. The Eiffel Tower was completed in 1925.'),
  chat('lincoln-llama', 'llama-3', 'Who killed Lincoln?', 'Lincoln was assassinated by John Wilkes Booth in 1865. Abraham Lincoln was born in 1809.'),
  chat('everest-llama', 'llama-3', 'How high is Everest?', `Mount Everest is 35,000 feet high. ${LONG_WORD}`),
  chat('hello-gpt', 'gpt-4o', 'Hi', 'Hello! How can I help you today?'),
  chat(
    'markup-gpt',
    'gpt-4o',
    'Two questions.',
    '<img src="https://example.com/pixel.png"><b>Sure.</b> Abraham Lincoln was born in 1820.',
    'And the tower?',
    'The Eiffel Tower was completed in 1889.',
  ),
];

function run(file, args, { timeoutMs = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- command ---\n${file} ${args.join(' ')}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else resolve({ stdout, stderr });
    });
  });
}

async function readJsonl(file) {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

// playwright-core's chromium, or why the browser tests cannot run.
async function loadChromium() {
  if (!existsSync(CHROMIUM)) return { reason: `${CHROMIUM} is missing (apt-get install chromium)` };
  try {
    const { chromium } = await import('playwright-core');
    return { chromium };
  } catch (err) {
    return { reason: `playwright-core cannot be imported (run npm ci in tests/js): ${err.message}` };
  }
}
const support = await loadChromium();

// True when the browser test can run; otherwise skips it, or fails it when CI=true.
function needBrowser(t) {
  if (support.chromium) return true;
  if (process.env.CI === 'true') assert.fail(`CI=true and the browser test cannot run: ${support.reason}`);
  t.skip(`browser test skipped: ${support.reason}`);
  return false;
}

let kb;
let outDir;
let summary;
let rows;
let claims;
let reportUrl;
let browser;

before(async () => {
  kb = await buildKb(CORPUS);
  const input = path.join(kb.dir, 'chats.jsonl');
  await writeFile(input, TRANSCRIPTS.map((t) => JSON.stringify(t)).join('\n') + '\n');
  outDir = path.join(kb.dir, 'out');
  await run(FACTGATE_BIN, ['audit', '--kb', kb.kb, '--quiet', '--out', outDir, input]);
  summary = JSON.parse(await readFile(path.join(outDir, 'summary.json'), 'utf8'));
  rows = await readJsonl(path.join(outDir, 'transcripts.jsonl'));
  claims = await readJsonl(path.join(outDir, 'claims.jsonl'));
  reportUrl = pathToFileURL(path.join(outDir, 'report.html')).href;
  if (support.chromium) {
    browser = await support.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  }
});

after(async () => {
  await browser?.close();
  await kb?.cleanup();
});

// A fresh context and page on the report, recording every request, console error and page error.
async function openReport(contextOptions) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(reportUrl, { waitUntil: 'load' });
  return { context, page, requests, problems };
}

// Closes the page and checks it loaded nothing but itself and logged no error.
async function closeReport({ context, requests, problems }) {
  await context.close();
  assert.ok(requests.length >= 1, 'the page load itself is seen');
  assert.deepEqual(
    requests.filter((u) => u !== reportUrl),
    [],
    'the page made a request other than loading its own file:// URL',
  );
  assert.deepEqual(problems, [], 'console errors (a blocked load shows as a CSP error) or page errors');
}

async function screenshot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `audit-report-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
  return file;
}

// The transcripts a person sees, in page order.
const visibleTranscripts = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('article.transcript')]
      .filter((a) => !a.hidden && a.getClientRects().length > 0)
      .map((a) => a.dataset.id),
  );

const idsWhere = (pred) => rows.filter(pred).map((r) => r.id);

// The element id of the details of claim `claim` (a claims.jsonl row), found through its mark.
const detailIdOf = (page, claim) =>
  page.evaluate(
    ({ transcript, id }) => {
      const article = [...document.querySelectorAll('article.transcript')].find((a) => a.dataset.id === transcript);
      const mark = article && [...article.querySelectorAll('mark.claim')].find((m) => m.dataset.claim === id);
      return mark ? mark.getAttribute('aria-controls') : null;
    },
    { transcript: claim.transcript, id: claim.id },
  );

// A refuted claim that cites a quote, to click.
function refutedWithQuote() {
  const claim = claims.find((c) => c.verdict === 'refuted' && c.citations.some((q) => q.quote));
  assert.ok(claim, `a refuted claim with a quoted citation in claims.jsonl: ${JSON.stringify(claims)}`);
  return claim;
}

describe('factgate audit report.html', () => {
  test('the audit writes report.html and its data files; the fixture has both verdicts', async () => {
    const html = await readFile(path.join(outDir, 'report.html'), 'utf8');
    assert.match(html, /^<!doctype html>/i);
    assert.equal(summary.transcripts, TRANSCRIPTS.length);
    assert.equal(rows.length, TRANSCRIPTS.length);
    assert.ok(claims.some((c) => c.verdict === 'refuted'), 'some claim is refuted');
    assert.ok(claims.some((c) => c.verdict === 'supported'), 'some claim is supported');
    assert.ok(rows.some((r) => r.flagged) && rows.some((r) => !r.flagged), 'flagged and unflagged transcripts');
    assert.deepEqual(
      summary.models.map((m) => m.model),
      ['gpt-4o', 'llama-3'],
    );
  });

  test('desktop: summary figures, charts, highlights, citation on click, filters, no requests', async (t) => {
    if (!needBrowser(t)) return;
    const r = await openReport(DESKTOP);
    const { page } = r;
    try {
      assert.equal(await page.title(), 'factgate audit');
      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
      assert.match(csp, /default-src 'none'/);

      // Summary figures, as summary.json has them.
      const cards = await page.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll('.cards .card')].map((c) => [c.querySelector('dt').textContent, c.querySelector('dd').firstChild.textContent]),
        ),
      );
      const count = (label) => Number(String(cards[label]).replaceAll(',', ''));
      assert.equal(count('Transcripts'), summary.transcripts, JSON.stringify(cards));
      assert.equal(count('Claims'), summary.claims);
      assert.equal(count('Flagged'), summary.flagged);
      assert.equal(count('Bad lines'), summary.bad_lines);
      assert.equal(count('KB documents'), summary.kb.documents);
      assert.equal(cards['Refuted rate'], summary.refuted_rate === null ? '–' : `${(summary.refuted_rate * 100).toFixed(2)}%`);
      assert.equal(cards['Factuality mean'], summary.factuality_mean === null ? '–' : `${(summary.factuality_mean * 100).toFixed(1)}%`);
      const secs = summary.elapsed_s;
      assert.equal(cards['Time taken'], `${secs.toFixed(secs < 1 ? 3 : secs < 100 ? 1 : 0)} s`);

      // Charts: three inline SVGs with a text alternative; bars match the figures.
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('svg.chart')].map((s) => ({
          role: s.getAttribute('role'),
          title: s.querySelector('title')?.textContent ?? '',
          bars: [...s.querySelectorAll('rect')].map((b) => ({ cls: b.getAttribute('class'), tip: b.querySelector('title')?.textContent ?? '' })),
          labels: [...s.querySelectorAll('text')].map((x) => x.textContent),
          box: s.getBoundingClientRect().width,
        })),
      );
      assert.equal(charts.length, 3, 'verdicts, confidence histogram, refuted rate per model');
      for (const c of charts) {
        assert.equal(c.role, 'img');
        assert.ok(c.title.length > 0, 'chart <title>');
        assert.ok(c.box > 100, 'chart drawn');
      }
      const [verdictChart, histogram, modelChart] = charts;
      for (const v of ['supported', 'refuted', 'not_enough_info']) {
        const bar = verdictChart.bars.find((b) => b.cls === `f-${v}`);
        assert.ok(bar, `verdict bar ${v}`);
        assert.match(bar.tip, new RegExp(`: ${summary.verdicts[v]} \\(`), bar.tip);
      }
      const cells = ['supported', 'refuted', 'not_enough_info'].flatMap((v) => summary.confidence_histogram[v].filter((n) => n > 0));
      assert.equal(histogram.bars.length, cells.length, 'one histogram segment per non-empty bin and verdict');
      assert.equal(modelChart.bars.length, summary.models.length);
      for (const m of summary.models) assert.ok(modelChart.labels.includes(m.model), `model ${m.model} in the chart`);

      // One highlight per claim, in its verdict's class, over exactly the claim's span.
      const marks = await page.evaluate(() =>
        [...document.querySelectorAll('article.transcript')].flatMap((a) =>
          [...a.querySelectorAll('mark.claim')].map((m) => ({
            transcript: a.dataset.id,
            turn: Number(m.closest('section.turn').dataset.turn),
            id: m.dataset.claim,
            verdict: m.dataset.verdict,
            classes: [...m.classList],
            text: m.textContent,
            title: m.title,
          })),
        ),
      );
      assert.equal(marks.length, claims.length, 'one mark per row of claims.jsonl');
      for (const c of claims) {
        const mark = marks.find((m) => m.transcript === c.transcript && m.id === c.id);
        assert.ok(mark, `mark for ${c.transcript}/${c.id}`);
        assert.equal(mark.turn, c.turn);
        assert.equal(mark.verdict, c.verdict);
        assert.ok(mark.classes.includes(`v-${c.verdict}`), `${mark.classes} has v-${c.verdict}`);
        const turnText = rows.find((r) => r.id === c.transcript).turns.find((x) => x.turn === c.turn).text;
        assert.equal(mark.text, byteSlice(turnText, c.span));
        assert.match(mark.title, new RegExp(c.verdict === 'not_enough_info' ? 'not enough info' : c.verdict));
      }

      // Transcript text is shown as text: the markup in the fixture makes no element.
      const markup = await page.evaluate(() => ({
        img: document.querySelectorAll('main img').length,
        b: document.querySelectorAll('article b').length,
        shown: document.querySelector('article[data-id="markup-gpt"] .text').textContent,
      }));
      assert.equal(markup.img, 0);
      assert.equal(markup.b, 0);
      assert.match(markup.shown, /<img src="https:\/\/example.com\/pixel.png"><b>Sure.<\/b>/);

      // Clicking a claim reveals its evidence.
      const claim = refutedWithQuote();
      const quote = claim.citations.find((q) => q.quote).quote;
      const detailId = await detailIdOf(page, claim);
      assert.ok(detailId, 'the mark names its details');
      const quoteEl = page.locator(`#${detailId} blockquote.quote`).first();
      assert.equal(await quoteEl.isVisible(), false, 'the quote is hidden before the click');
      await page.locator(`mark[aria-controls="${detailId}"]`).click();
      assert.equal(await page.locator(`#${detailId}`).evaluate((d) => d.open), true);
      assert.equal(await quoteEl.isVisible(), true, 'the quote shows after the click');
      assert.equal(await quoteEl.textContent(), quote);
      if (claim.correction) assert.equal(await page.locator(`#${detailId} .correction`).textContent(), claim.correction);
      await screenshot(page, 'desktop');

      // Filters.
      const all = rows.map((x) => x.id);
      assert.deepEqual(await visibleTranscripts(page), all);
      await page.locator('#f-flagged').check();
      assert.deepEqual(await visibleTranscripts(page), idsWhere((x) => x.flagged), 'refuted only');
      assert.equal(await page.locator('#f-count').textContent(), `${idsWhere((x) => x.flagged).length} of ${all.length} transcripts shown`);
      await page.locator('#f-model').selectOption({ label: 'llama-3' });
      assert.deepEqual(await visibleTranscripts(page), idsWhere((x) => x.flagged && x.model === 'llama-3'), 'refuted only, llama-3');
      await page.locator('#f-flagged').uncheck();
      assert.deepEqual(await visibleTranscripts(page), idsWhere((x) => x.model === 'llama-3'), 'llama-3');
      await page.locator('#f-model').selectOption({ label: 'gpt-4o' });
      assert.deepEqual(await visibleTranscripts(page), idsWhere((x) => x.model === 'gpt-4o'), 'gpt-4o');
      await page.locator('#f-model').selectOption({ label: 'All models' });
      assert.deepEqual(await visibleTranscripts(page), all);
      await page.locator('#f-search').fill('how can I help');
      assert.deepEqual(await visibleTranscripts(page), ['hello-gpt'], 'text search');
      await page.locator('#f-search').fill('');
      assert.deepEqual(await visibleTranscripts(page), all);
    } finally {
      await closeReport(r);
    }
  });

  test('phone (375x740): no horizontal scrolling, tapping a claim reveals its citation, no requests', async (t) => {
    if (!needBrowser(t)) return;
    const r = await openReport(PHONE);
    const { page } = r;
    try {
      const overflow = () =>
        page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          widest: Math.max(...[...document.querySelectorAll('body *')].map((e) => e.getBoundingClientRect().right)),
        }));
      // A page wider than the phone scrolls sideways, or (mobile emulation) zooms out: innerWidth grows.
      const fits = (o) => o.scrollWidth <= o.innerWidth && o.innerWidth === PHONE.viewport.width;
      let o = await overflow();
      assert.ok(fits(o), `no horizontal scrolling at 375 px: ${JSON.stringify(o)}`);

      const claim = refutedWithQuote();
      const detailId = await detailIdOf(page, claim);
      await page.locator(`mark[aria-controls="${detailId}"]`).tap();
      const quoteEl = page.locator(`#${detailId} blockquote.quote`).first();
      assert.equal(await quoteEl.isVisible(), true, 'the quote shows after a tap (no hover on phones)');
      await screenshot(page, 'phone');

      // Everything unfolded (long URLs, quotes, tables) still fits.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      o = await overflow();
      assert.ok(fits(o), `no horizontal scrolling with every details open: ${JSON.stringify(o)}`);

      await page.locator('#f-flagged').check();
      assert.deepEqual(await visibleTranscripts(page), idsWhere((x) => x.flagged), 'refuted only on the phone');
    } finally {
      await closeReport(r);
    }
  });
});
