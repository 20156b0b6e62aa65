// Generates audit benchmark transcripts (JSONL on stdout) from WordNet's glosses of people, so that
// the claims are about things the default KB knows: "<Name> was born in <year>." (a fifth of the
// years shifted, so some claims are refuted), "<Name> died in <year>.", "<Name> was <gloss>.".
// About five sentences per assistant turn; the four input formats and three models mixed.
// Deterministic: the same count and seed give the same file.
// Usage: node tests/bench/gen_transcripts.mjs COUNT [SEED] [WORDNET_DIR] > transcripts.jsonl
import { readFileSync } from 'node:fs';

const count = Number(process.argv[2] ?? 10000);
let seed = Number(process.argv[3] ?? 1) >>> 0;
const wordnet = process.argv[4] ?? '/usr/share/wordnet';
if (!Number.isInteger(count) || count < 0) {
  console.error('usage: node gen_transcripts.mjs COUNT [SEED] [WORDNET_DIR]');
  process.exit(2);
}

function random() {  // xorshift32
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// People: synsets whose gloss ends in a life span "(1809-1865)".
const people = [];
for (const line of readFileSync(`${wordnet}/data.noun`, 'latin1').split('\n')) {
  const bar = line.indexOf(' | ');
  if (line.startsWith('  ') || bar < 0) continue;
  const gloss = line.slice(bar + 3).trim();
  const life = gloss.match(/^([^;(]{8,90})[^(]*\((\d{4})-(\d{4})\)$/);
  if (!life) continue;
  const fields = line.slice(0, bar).split(' ');
  if (fields[1] !== '18') continue;  // noun.person
  const words = parseInt(fields[3], 16);
  const lemmas = [];
  for (let i = 0; i < words; i++) lemmas.push(fields[4 + 2 * i].replace(/_/g, ' ').replace(/\(.*\)$/, ''));
  const name = lemmas.find((l) => l.includes(' ')) ?? lemmas[0];
  people.push({ name, what: life[1].trim(), born: Number(life[2]), died: Number(life[3]) });
}
if (people.length === 0) {
  console.error(`no people found in ${wordnet}/data.noun (is wordnet-base installed?)`);
  process.exit(2);
}

function sentences() {
  const out = [];
  for (let k = 0; k < 2; k++) {
    const p = pick(people);
    const shift = random() < 0.2 ? 1 + Math.floor(random() * 30) : 0;
    out.push(`${p.name} was born in ${p.born + shift}.`);
    out.push(random() < 0.5 ? `${p.name} died in ${p.died}.`
                            : `${p.name} was ${/^(the|a|an) /i.test(p.what) ? '' : 'a '}${p.what}.`);
  }
  out.push(pick(['Many historians agree on this.', 'That is what the records say.',
                 `${200 + Math.floor(random() * 100)} is less than 250.`]));
  return out.join(' ');
}

const models = ['model-a', 'model-b', 'model-c'];
for (let i = 0; i < count; i++) {
  const question = 'Tell me about some historical figures.';
  const answer = sentences();
  const model = models[i % models.length];
  const r = random();
  let row;
  if (r < 0.7) {
    row = { id: `t${i}`, model, messages: [{ role: 'user', content: question },
                                            { role: 'assistant', content: answer }] };
  } else if (r < 0.8) {
    row = { id: `t${i}`, model, conversations: [{ from: 'human', value: question },
                                                { from: 'gpt', value: answer }] };
  } else if (r < 0.9) {
    row = { id: `t${i}`, model, prompt: question, response: answer };
  } else {
    row = { custom_id: `t${i}`, response: { status_code: 200, body: {
      object: 'chat.completion', model, choices: [{ index: 0, message: { role: 'assistant', content: answer },
                                                    finish_reason: 'stop' }] } }, error: null };
  }
  process.stdout.write(JSON.stringify(row) + '\n');
}
