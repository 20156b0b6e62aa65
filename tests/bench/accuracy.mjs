// Measures the verdict model on every dataset in ../shared/datasets and writes docs/ACCURACY.md.
//
// Usage: node tests/bench/accuracy.mjs [--factgate build/factgate] [--datasets DIR]
//                                      [--model FILE] [--no-cross] [--ablation]
//                                      [--out docs/ACCURACY.md]
//                                      [--verify-bench build/tests/bench/verify_bench --kb DIR]
// Runs `factgate eval` on each dataset's dev rows (the fixed split of src/cli/eval_data.h; for
// check-covid its own dev file) with the shipped model, and again with the rule-based verifiers
// (--no-model) for the throughput ratio; then, unless --no-cross, trains one model per dataset
// with that dataset left out (`factgate train --leave-out`) and measures it on the left-out dev
// rows. The page ends with a machine-readable baseline the accuracy ctest compares against.
// With --verify-bench and --kb (the default KB, `factgate kb build-default`), it also times the
// engine issue's benchmark (verify_bench, one thread, 5,000 fever-pairs claims) with the model and
// with the rule-based verifiers, alternating, three runs each: the throughput target.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const factgate = opt('--factgate', 'build/factgate');
const datasets = opt('--datasets', process.env.FACTGATE_DATASETS || '../shared/datasets');
const model = opt('--model', 'config/models/verdict-v1.json');
const out = opt('--out', 'docs/ACCURACY.md');
const cross = !argv.includes('--no-cross');
const ablation = argv.includes('--ablation');
const verifyBench = opt('--verify-bench', null);
const benchKb = opt('--kb', null);
// The engine issue's verification throughput (docs/BENCHMARKS.md, "Speed and memory"): the figure
// the verification-accuracy issue's throughput target is a share of.
const ENGINE_CLAIMS_PER_SECOND = 694;

// Feature groups for --ablation: each is dropped in turn (`factgate train --drop-features`).
const GROUPS = [
  ['the lexical model\'s margins', 'lexical_*'],
  ['the experts\' opinions', 'comparison_*,temporal_*,numeric_*,relation_*,existence_*,entailment_*'],
  ['coverage (exact, synonyms, title, passage, word order, heaviest missing term)',
   'coverage,content_coverage,exact_share,synonym_share,title_share,heaviest_missing,' +
   'passage_coverage,ordered_pairs,evidence_precision'],
  ['names, numbers, negation, antonyms and their conflicts',
   'number_conflict,name_conflict,all_names_missing,object_conflict,negation_mismatch,antonym,' +
   'any_*,evidence_negated,claim_negated,direction_conflict,missing_names,numbers_matched,' +
   'subject_in_evidence'],
  ['WordNet hypernyms (claim word more general or more specific)',
   'claim_more_general,claim_more_specific'],
  ['quantifiers, hedges and directions of change',
   'claim_universal,claim_hedged,claim_direction,evidence_universal,evidence_hedged'],
  ['retrieval rank and score', 'retrieval_rank,retrieval_score'],
  ['words put in another\'s place (substitution, inside the claim or at its edge)',
   'substitution,edge_substitution'],
];

// Each dev set: how `factgate eval` reads it (paths relative to the datasets folder), the target
// the verification-accuracy issue sets, and the published anchors.
export const SETS = [
  { name: 'fever-pairs', dataset: 'fever-pairs', mode: 'pairs',
    args: ['--pairs', 'fever-pairs/pairs.jsonl', '--split', 'dev'],
    target: ['balanced_accuracy', 0.80],
    anchor: 'word-overlap threshold: balanced acc. 0.62' },
  { name: 'vitaminc', dataset: 'vitaminc', mode: 'pairs',
    args: ['--pairs', 'vitaminc/pairs.jsonl', '--split', 'dev'],
    target: ['balanced_accuracy', 0.68],
    anchor: 'word-overlap threshold: balanced acc. 0.62' },
  { name: 'healthver', dataset: 'healthver', mode: 'pairs',
    args: ['--pairs', 'healthver/pairs.jsonl', '--split', 'dev'],
    target: ['macro_f1', 0.60],
    anchor: 'T5 F1 79.60, SciBERT 77.21 (test split); word overlap: balanced acc. 0.56' },
  { name: 'check-covid', dataset: 'check-covid', mode: 'claims',
    args: ['--corpus', 'check-covid/corpus.jsonl', '--claims', 'check-covid/claims.jsonl'],
    target: ['macro_f1', 0.60],
    anchor: 'paper system F1 76.99, GPT-3.5 69.90' },
  { name: 'climate-fever', dataset: 'climate-fever', mode: 'claims',
    args: ['--corpus', 'climate-fever/corpus.jsonl', '--claims', 'climate-fever/claims.jsonl',
           '--split', 'dev'],
    target: ['macro_f1', 0.45],
    anchor: 'majority label: macro-F1 0.21; FEVER-trained model 38.78% accuracy (4 classes)' },
  { name: 'covidfact', dataset: 'covidfact', mode: 'claims',
    args: ['--corpus', 'covidfact/corpus.jsonl', '--claims', 'covidfact/claims.jsonl',
           '--split', 'dev'],
    target: null,
    anchor: 'word-overlap threshold (pairs): balanced acc. 0.54' },
  { name: 'climate-fever', dataset: 'climate-fever', mode: 'pairs',
    args: ['--pairs', 'climate-fever/pairs.jsonl', '--split', 'dev'], target: null, anchor: '' },
  { name: 'covidfact', dataset: 'covidfact', mode: 'pairs',
    args: ['--pairs', 'covidfact/pairs.jsonl', '--split', 'dev'], target: null,
    anchor: 'word-overlap threshold: balanced acc. 0.54' },
];

function evalSet(set, extra) {
  const args = ['eval', ...set.args.map((a) => (a.includes('/') ? join(datasets, a) : a)), ...extra];
  const text = execFileSync(factgate, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
                                              maxBuffer: 1 << 26 });
  return JSON.parse(text);
}

// The ECE a perfectly calibrated model would still show on these rows, by chance alone: each
// row's prediction drawn correct with probability equal to its confidence, ECE computed as
// `factgate eval` does (10 equal-width bins), averaged over 2,000 draws (fixed seed). On a small
// set it is far from 0: with 138 rows a calibrated model's ECE is about 0.06 on average.
export function chanceEce(confidences, draws = 2000) {
  let state = 0x9e3779b9;
  const random = () => {  // xorshift32: deterministic, good enough for this
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  const bins = confidences.map((c) => Math.min(9, Math.floor(Math.min(Math.max(c, 0), 1) * 10)));
  let total = 0;
  for (let d = 0; d < draws; ++d) {
    const n = new Array(10).fill(0), conf = new Array(10).fill(0), hit = new Array(10).fill(0);
    confidences.forEach((c, i) => {
      n[bins[i]] += 1;
      conf[bins[i]] += c;
      hit[bins[i]] += random() < c ? 1 : 0;
    });
    let ece = 0;
    for (let b = 0; b < 10; ++b) {
      if (n[b] > 0) ece += (n[b] / confidences.length) * Math.abs(hit[b] / n[b] - conf[b] / n[b]);
    }
    total += ece;
  }
  return total / draws;
}

const f3 = (v) => (v === undefined || v === null ? '—' : v.toFixed(3));
const results = [];
const predictionsDir = mkdtempSync(join(tmpdir(), 'factgate-predictions-'));
for (const set of SETS) {
  process.stderr.write(`accuracy: ${set.name}\n`);
  const file = join(predictionsDir, 'predictions.jsonl');
  const m = evalSet(set, ['--model', model, '--predictions', file]);
  const confidences = readFileSync(file, 'utf8').trim().split('\n')
                        .map((line) => JSON.parse(line).confidence);
  m.chance_ece = chanceEce(confidences);
  const rules = evalSet(set, ['--no-model']);
  results.push({ set, m, rules });
}
rmSync(predictionsDir, { recursive: true, force: true });

// The engine issue's benchmark, with the model and with the rules, alternating.
let engineBench = null;
if (verifyBench && benchKb) {
  const runs = { model: [], rules: [] };
  for (let round = 0; round < 3; ++round) {
    for (const kind of ['rules', 'model']) {
      process.stderr.write(`accuracy: verify_bench (${kind}, run ${round + 1})\n`);
      const args = ['--kb', benchKb, '--claims', join(datasets, 'fever-pairs/pairs.jsonl'),
                    '--limit', '5000', '--threads', '1'];
      if (kind === 'model') args.push('--model', model);
      const text = execFileSync(verifyBench, args, { encoding: 'utf8',
                                                     stdio: ['ignore', 'pipe', 'pipe'] });
      runs[kind].push(JSON.parse(text).claims_per_second);
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  engineBench = { model: median(runs.model), rules: median(runs.rules), runs };
}

let crossRows = [];
if (cross) {
  const work = mkdtempSync(join(tmpdir(), 'factgate-accuracy-'));
  try {
    for (const dataset of [...new Set(SETS.map((s) => s.dataset))]) {
      process.stderr.write(`accuracy: training without ${dataset}\n`);
      const file = join(work, `without-${dataset}.json`);
      execFileSync(factgate, ['train', '--datasets', datasets, '--leave-out', dataset,
                              '--out', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      for (const set of SETS.filter((s) => s.dataset === dataset)) {
        const m = evalSet(set, ['--model', file]);
        const inDist = results.find((r) => r.set === set).m;
        crossRows.push({ set, m, inDist });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let ablationRows = [];
if (ablation) {
  const work = mkdtempSync(join(tmpdir(), 'factgate-ablation-'));
  try {
    for (const [title, features] of GROUPS) {
      process.stderr.write(`accuracy: training without ${title}\n`);
      const file = join(work, 'model.json');
      execFileSync(factgate, ['train', '--datasets', datasets, '--drop-features', features,
                              '--out', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      const row = { title, features, deltas: [] };
      for (const set of SETS.filter((s) => s.target)) {
        const m = evalSet(set, ['--model', file]);
        const full = results.find((r) => r.set === set).m;
        row.deltas.push(m.macro_f1 - full.macro_f1);
      }
      ablationRows.push(row);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const trained = JSON.parse(readFileSync(model, 'utf8'));
const gains = Object.entries(trained.training.feature_gain_supported || {}).slice(0, 12);
const rgains = Object.entries(trained.training.feature_gain_refuted || {}).slice(0, 8);
const sources = trained.training.sources || [];

const lines = [];
const push = (s = '') => lines.push(s);
push('# Verification accuracy');
push();
push('Written by `node tests/bench/accuracy.mjs --ablation` (it runs everything below; about twenty');
push('minutes with the cross-dataset and feature tables). Every number is on rows the model never trained on: each dataset\'s *dev*');
push('part of the fixed split (FNV-1a 64 of the lowercased claim mod 10: 0-5 train, 6-7 calibration,');
push('8-9 dev; `factgate eval --split dev`), and for check-covid its own dev file. Claims mode retrieves');
push('from the dataset\'s whole pooled corpus; pairs mode judges the claim against its given evidence.');
push('On SUPPORTED / NOT_SUPPORTED and SUPPORTED / REFUTED sets the model decides between those labels');
push('(on the latter the probability of not enough information counts half for each; `factgate eval');
push('--help`). claims/s is single-process throughput on the 2-core machine, next to the');
push('rule-based verifiers of the engine issue (`--no-model`) in the same run.');
push();
push(`Model: \`${model}\` (${trained.version}; ${trained.training.learner || ''}).`);
push();
push('| dataset (mode) | n | accuracy | macro-F1 | balanced acc. | ECE | ECE by chance | evidence recall@5 | citation precision | claims/s | claims/s, rules | published / baseline |');
push('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const { set, m, rules } of results) {
  push(`| ${set.name} (${set.mode}) | ${m.n} | ${f3(m.accuracy)} | ${f3(m.macro_f1)} | ` +
       `${f3(m.balanced_accuracy)} | ${f3(m.ece)} | ${f3(m.chance_ece)} | ` +
       `${f3(m.evidence_recall_at_5)} | ` +
       `${f3(m.citation_precision)} | ${Math.round(m.claims_per_second)} | ` +
       `${Math.round(rules.claims_per_second)} | ${set.anchor} |`);
}
push();
push('*ECE by chance* is the ECE a perfectly calibrated model would show on the same rows with the');
push('same confidences, from sampling alone (each prediction drawn right with probability equal to');
push('its confidence; mean of 2,000 draws, `chanceEce` in tests/bench/accuracy.mjs). Where it is');
push('near or above 0.05 (the smaller dev sets), the ECE target cannot tell a calibrated model from');
push('a miscalibrated one, and a retrained model can cross 0.05 either way by luck.');
push();
push('Against the targets of the verification-accuracy issue:');
push();
push('| target | measured | |');
push('|---|---|---|');
const label = (set) => `${set.name} (${set.mode})`;
for (const { set, m } of results) {
  if (!set.target) continue;
  const [metric, value] = set.target;
  const got = m[metric];
  push(`| ${label(set)} ${metric.replace('_', ' ')} ≥ ${value.toFixed(2)} | ${f3(got)} | ` +
       `${got >= value ? 'met' : '**not met**'} |`);
}
for (const { set, m } of results) {
  push(`| ${label(set)} ECE ≤ 0.05 | ${f3(m.ece)} (by chance ${f3(m.chance_ece)}) | ` +
       `${m.ece <= 0.05 ? 'met' : '**not met**'} |`);
}
for (const { set, m } of results) {
  if (m.citation_precision === undefined || m.citation_precision === null) continue;
  push(`| ${label(set)} citation precision ≥ 0.80 | ${f3(m.citation_precision)} | ` +
       `${m.citation_precision >= 0.8 ? 'met' : '**not met**'} |`);
}
if (engineBench) {
  const ratio = engineBench.model / ENGINE_CLAIMS_PER_SECOND;
  push(`| throughput ≥ 0.8 × the engine issue's ${ENGINE_CLAIMS_PER_SECOND} claims/s ` +
       `(verify_bench, 1 thread, default KB) | ${Math.round(engineBench.model)} claims/s ` +
       `(${ratio.toFixed(2)} ×) | ${ratio >= 0.8 ? 'met' : '**not met**'} |`);
} else {
  push('| throughput ≥ 0.8 × the engine issue\'s claims/s | not measured (run with ' +
       '`--verify-bench` and `--kb`) | |');
}
push();
push('The throughput target is read as the issue writes it: at least 80 % of the engine issue\'s ' +
     `${ENGINE_CLAIMS_PER_SECOND} claims/s,`);
push('on that issue\'s benchmark (`verify_bench --threads 1`, 5,000 fever-pairs claims against the ' +
     'default KB of');
push('254,000 passages; docs/BENCHMARKS.md). The verifiers have become faster since that figure was ' +
     'taken, so a');
if (engineBench) {
  push(`stricter comparison sits beside it: in this run, the same benchmark gave ` +
       `${Math.round(engineBench.model)} claims/s with the model and ` +
       `${Math.round(engineBench.rules)} with the rule-based`);
  push(`verifiers alone (median of three alternating runs each: ${(engineBench.model / engineBench.rules).toFixed(2)} ×), ` +
       'and on the dev sets above the model keeps');
} else {
  push('stricter comparison sits beside it: on the dev sets above the model keeps');
}
const shares = results.map(({ m, rules }) => m.claims_per_second / rules.claims_per_second);
push(`${Math.min(...shares).toFixed(2)}–${Math.max(...shares).toFixed(2)} × the rules\' claims/s ` +
     '(pairs mode has no retrieval, so the model\'s trees and features weigh most there).');
if (crossRows.length) {
  push();
  push('## Cross-dataset: trained without the dataset it is tested on');
  push();
  push('`factgate train --leave-out NAME`, then the same dev rows. The drop from the in-distribution');
  push('numbers is what to expect on data like none of the training sets.');
  push();
  push('| dataset (mode) | macro-F1 left out | macro-F1 trained on | balanced acc. left out | balanced acc. trained on | ECE left out |');
  push('|---|---|---|---|---|---|');
  for (const { set, m, inDist } of crossRows) {
    push(`| ${set.name} (${set.mode}) | ${f3(m.macro_f1)} | ${f3(inDist.macro_f1)} | ` +
         `${f3(m.balanced_accuracy)} | ${f3(inDist.balanced_accuracy)} | ${f3(m.ece)} |`);
  }
}
if (ablationRows.length) {
  const targetSets = SETS.filter((s) => s.target);
  push();
  push('## What each group of features adds');
  push();
  push('`factgate train --drop-features GROUP`, then the same dev rows: the change in macro-F1 when the');
  push('model is trained without the group (negative: the group helps).');
  push();
  push('| trained without | ' + targetSets.map((s) => `${s.name} (${s.mode})`).join(' | ') + ' |');
  push('|---|' + targetSets.map(() => '---').join('|') + '|');
  for (const row of ablationRows) {
    push(`| ${row.title} | ` +
         row.deltas.map((d) => (d >= 0 ? '+' : '') + d.toFixed(3)).join(' | ') + ' |');
  }
}
push();
push('## What the model was trained on');
push();
push('| dataset | file | train rows | calibration rows |');
push('|---|---|---|---|');
for (const s of sources) push(`| ${s.dataset} | ${s.file} | ${s.train_rows} | ${s.calibration_rows} |`);
push();
push('Largest shares of the trees\' total gain, supported head: ' +
     gains.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ') + '.');
push();
push('Refuted head (refuted against not enough information): ' +
     rgains.map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ') + '.');
push();
// What was measured while building the model (dev rows of the same split, one run each; kept
// here so a rewrite of the page keeps it).
push('## Choices, and what they were measured against');
push();
push('All on the dev rows above, before the final model; differences under about 0.01 are noise.');
push();
push('- **Dataset weights.** Every dataset weighing the same (`--size-power 0`) against every row');
push('  (`1`, kept): vitaminc balanced accuracy 0.535 → 0.592, fever-pairs 0.774 → 0.779, ECE');
push('  lower on four of five pairs sets; healthver macro-F1 0.489 → 0.431 (its 1,163 training');
push('  rows weigh less). `0.5` fell between.');
push('- **Trees.** Depth 4 / 500 rounds, depth 6 / 300 (kept), depth 8 / 300, depth 6 / 600 at eta');
push('  0.03: every dev set within ±0.01 macro-F1 of each other; the smaller model was kept.');
push('- **The lexical model** (learned word associations) added +0.02 balanced accuracy on');
push('  fever-pairs and +0.08 macro-F1 on healthver; within ±0.03 elsewhere (check-covid, 138');
push('  claims, moved most).');
push('- **Strict bounds in the numeric and temporal experts** ("less than 37" is refuted by 37,');
push('  "born before 1999" by 1999): vitaminc balanced accuracy 0.497 → 0.541 with the first model.');
push('- **Rejected decision rules:** letting the temporal, numeric or relation expert decide alone,');
push('  whatever its verdict, above confidence 0.8 (fever-pairs 0.779 → 0.772, vitaminc 0.606 →');
push('  0.596; the temporal expert\'s refutations alone now do, below); requiring');
push('  P(supported) ≥ 0.5 before saying supported (vitaminc +0.014, healthver −0.045 macro-F1,');
push('  climate-fever pairs −0.019); vetoing support on the rule-based name/object conflicts');
push('  (macro-F1 vitaminc −0.015, climate-fever claims −0.02; adding the rules\' thin-support check');
push('  too, −0.06 and −0.11). The verdict is the most probable of the three.');
push('- **The existence expert\'s veto needs a KB.** Its "a word the knowledge base has never seen"');
push('  finding decides alone in claims mode and in the service; in pairs mode, where the caller');
push('  gives the evidence and the "knowledge base" is only the pool of the dataset\'s evidence texts,');
push('  it was wrong for 52 % (fever-pairs) and 72 % (vitaminc) of the dev claims it decided. Without');
push('  it there, same model: fever-pairs balanced accuracy 0.784 → 0.790, vitaminc 0.593 → 0.601');
push('  (ECE 0.036 → 0.009), healthver macro-F1 0.449 → 0.447, climate-fever pairs 0.409 → 0.408;');
push('  on the calibration rows fever-pairs 0.796 → 0.803 and vitaminc 0.600 → 0.609.');
push('- **The numeric expert, read on VitaminC\'s and FEVER\'s errors.** Numbers in names and');
push('  notations are not quantities ("PlayStation 5", "127 Hours", "18:10", the 10 of "6/10", the 100');
push('  of "70 out of 100", "2019-20", "August 5"); every quantity of a claim is checked (one the');
push('  evidence contradicts refutes; it stopped at the first); bounds are checked against bounds and');
push('  approximate figures; another value refutes only when it has the claim\'s head noun or a strong');
push('  neighbourhood; and evidence sentences are read whatever their alignment with the claim (0.5');
push('  before: a refuting sentence often shares only its figure with the claim). Rules alone on');
push('  vitaminc dev: about 0.71 → 0.77 of its refutations right, 2.6 times as many. Retrained (seed');
push('  7): vitaminc balanced accuracy 0.601 → 0.670, fever-pairs 0.790 → 0.790, climate-fever claims');
push('  macro-F1 0.490 → 0.503; healthver 0.447 → 0.424 and check-covid 0.639 → 0.608, ECE 0.048 →');
push('  0.078. Seeds 8–10 of the old features against the new: healthver 0.453 → 0.427, check-covid');
push('  0.617 → 0.607 (ECE 0.079 → 0.075), vitaminc 0.601 → 0.669: healthver\'s loss is real, most of');
push('  check-covid\'s is the old model\'s lucky seed.');
push('- **The temporal expert\'s refutation decides alone at confidence 0.85 or above**');
push('  (`ModelJudgeOptions::temporal_veto`). The retrained model left "Charles Darwin died in 1900",');
push('  refuted by the expert at 0.86 against his WordNet entry\'s "(1809-1882)", at not_enough_info');
push('  (P 0.53); it learned how far to trust temporal refutations mostly from VitaminC\'s "as of"');
push('  dates. Same model: vitaminc balanced accuracy 0.670 → 0.667, every other dev set unchanged.');
push('- **Chemical formulas are one word** (`JoinFormulas`, src/core/tokenizer.h). Wikipedia\'s text');
push('  writes CO₂ as "CO 2" (192 times in climate-fever\'s corpus), claims write "CO2": neither');
push('  retrieval nor alignment matched them, and the numeric expert read the 2 as a quantity. Now');
push('  "CO 2", "CO₂" and "CO2" are the one word "co2" in the index and in every feature.');
push('  Climate-fever dev recall@5 0.518 → 0.543 (same model; check-covid and covidfact have no such');
push('  formula and are unchanged). Retrained (seeds 7, 8, 9, old code against new): climate-fever');
push('  claims macro-F1 0.503 / 0.494 / 0.530 → 0.486 / 0.470 / 0.514 (the new model says supported');
push('  more often, on claims without CO2 as much as with it), covidfact claims 0.493 / 0.504 / 0.505');
push('  → 0.482 / 0.482 / 0.495, check-covid 0.608 / 0.607 / 0.660 → 0.615 / 0.616 / 0.621 (ECE');
push('  0.078 / 0.075 / 0.098 → 0.064 / 0.070 / 0.074), every other dev set within ±0.012. Kept for');
push('  the retrieval and the numbers it stops misreading; the verdicts\' cost is recorded here.');
push('- **Figures written to the unit are that figure** (`DifferAsWritten`, src/core/quantities.h).');
push('  "play 75 games" against "76 games" was supported at 0.79 (within the 2 % rounding tolerance),');
push('  like "92 %" against "93 %". Two exact figures in digits now differ when they differ at the');
push('  precision both are written to (trailing zeros and decimals say how far a figure may be');
push('  rounded: "1.5 million" still matches "1,523,000"), and the numeric expert refutes with the');
push('  other figure; the 5 of "3 stars out of 5" is a rating\'s scale, not a figure. Rules alone on');
push('  the calibration rows: 19 vitaminc decisions change, 15 to right and 1 to wrong; one on');
push('  climate-fever pairs ("97 %" against "99.94 %", now refuted; gold not enough info); no other');
push('  set changes. Treating scores ("50–0", "17-14") as notations instead was dropped: they carry');
push('  VitaminC\'s refutations ("a 4-0 record" against "16-0"). Retrained (seeds 7, 8, 9, before →');
push('  after): vitaminc balanced accuracy 0.667 / 0.666 / 0.667 → 0.673 / 0.665 / 0.666, within');
push('  the seeds\' spread like every other set; healthver ECE 0.054 / 0.051 / 0.038 → 0.076 / 0.051 /');
push('  0.043 and check-covid macro-F1 0.615 / 0.616 / 0.621 → 0.623 / 0.617 / 0.653 move with no');
push('  change to their features (no figure of theirs compares differently): seed 7\'s healthver ECE');
push('  is its draw, not the rule\'s.');
push('- **A count of the claim\'s own noun comes first** (NumericVerifier). "Fairhope Middle School');
push('  in Alabama has more than 1500 students" was refuted with the correction "7-8 students": the');
push('  grades "(7-8)" after the school\'s name shared three words with the claim, "2567 students" only');
push('  its noun. For a count, a figure with the claim\'s head noun now beats any without it; among');
push('  those, and for measurements, the shared words decide as before. Rules alone on the');
push('  calibration rows: 6 vitaminc decisions or corrections change (net 2 more right; "seven Latin');
push('  Grammy Awards" is now corrected to the sentence\'s "eight", not its "four Grammy Awards") and');
push('  1 on fever-pairs (right). Retrained (seeds 7, 8, 9, before → after): fever-pairs balanced');
push('  accuracy 0.789 / 0.790 / 0.793 → 0.792 / 0.792 / 0.794, vitaminc 0.673 / 0.665 / 0.666 →');
push('  0.672 / 0.666 / 0.667; every other set moved within the seeds\' spread (climate-fever claims');
push('  macro-F1 0.481 / 0.485 / 0.521 → 0.475 / 0.474 / 0.527). Tried with it and dropped: letting a');
push('  second figure that fits the claim stop a refutation (the opening weekend\'s "$ 61,560" then');
push('  "confirmed" less than $ 700,000 in total: 2 more right on vitaminc, but wrong in kind), and');
push('  exclusion phrases ("territories outside the United States and Canada") keeping a figure');
push('  about the excluded places out (net 6 wrong: the claim\'s other figures lost their words).');
push('  A WordNet feature for a claim word whose sibling stands in the sentence ("football" where it');
push('  says "basketball") was measured too and left out: fever-pairs 0 to +0.4, healthver macro-F1');
push('  −1.7 to −2.2 on the three seeds.');
push('- **Words put in another\'s place** (`substitution`, `edge_substitution`;');
push('  verifiers/claim_features.cc). FEVER\'s and VitaminC\'s false claims are mostly one word');
push('  swapped: "compete in the National Football Association" against "National Basketball');
push('  Association", "Keith Stanfield died August 12 , 1991" against "born August 12 , 1991", "is a');
push('  short story by Charles Dickens" against "a novel by Charles Dickens". Coverage only sees a');
push('  missing word; these two features see that the sentence has other words (one to three, none');
push('  of them the claim\'s) between the claim words around the missing ones, inside the claim or at');
push('  its start or end (IDF share of the words replaced). Three seeds (7, 8, 9, before → after),');
push('  macro-F1: covidfact pairs 0.504 / 0.506 / 0.513 → 0.528 / 0.525 / 0.517, covidfact claims');
push('  0.492 / 0.494 / 0.486 → 0.510 / 0.492 / 0.515, check-covid 0.616 / 0.624 / 0.645 → 0.660 /');
push('  0.631 / 0.647, healthver 0.438 / 0.432 / 0.417 → 0.434 / 0.450 / 0.436; fever-pairs balanced');
push('  accuracy 0.792 / 0.792 / 0.794 → 0.789 / 0.794 / 0.797, vitaminc 0.672 / 0.666 / 0.667 →');
push('  0.673 / 0.666 / 0.665, climate-fever claims macro-F1 0.475 / 0.474 / 0.527 → 0.487 / 0.480 /');
push('  0.506: the sets of scientific text gain, the two built of swapped words do not move. They');
push('  cost some speed where features weigh most: `factgate eval` on the whole fever-pairs file');
push('  (`--threads 1`, three alternating runs, the commits before and after with their models) gave');
push('  5,199 / 5,508 / 5,698 against 5,496 / 5,921 / 5,611 claims/s (0.95 ×).');
push('- **The numeric expert compares the words around a figure by their stems** ("rated below 50 %"');
push('  found no figure in "an approval rating of 100 %": "rated" and "rating" did not meet), and a');
push('  count of things is whole: "Averaged over 180 critics" was corrected to "Averaged 9.7 critics"');
push('  from "an average rating of 9.7/10" (a figure with the claim\'s own noun stays that count');
push('  however written: "135.71 crore"). Rules alone: vitaminc dev 71 decisions change, net 28 more');
push('  right (balanced accuracy 0.618 → 0.621), calibration rows net 32 of 73; fever-pairs dev −1 of 3,');
push('  climate-fever +2 of 3. With the model, over three seeds, no set moves beyond the seeds\'');
push('  spread (vitaminc 0.673 / 0.666 / 0.665 → 0.675 / 0.667 / 0.670; healthver, whose features');
push('  this does not touch, 0.434 / 0.450 / 0.436 → 0.421 / 0.447 / 0.423): the trees had learned');
push('  to discount the expert where it misread, and what remains is better corrections. Reading');
push('  "crore" and "lakh" as scale words (like "million") was tried and dropped: the word had been');
push('  serving as the figures\' shared noun, and without it 8 right refutations went.');
push('- **A coordinated figure counts what the figure before it counts** (NumericVerifier). "The album');
push('  sold 6.6 million copies worldwide" was refuted with the correction "3.6 million copies" from');
push('  "sold 3.6 million copies in the United States , and 6.6 million worldwide": only the first');
push('  figure had the claim\'s noun. A count whose phrase is only a scope word ("worldwide",');
push('  "overall", "abroad"), with no word of its own clause before it, now takes the words before');
push('  the count ahead of it and that count\'s noun. A figure followed by "of them" or "in ..."');
push('  inherits nothing: letting every figure without a noun of its own inherit ("under 268,000 of');
push('  them were positive" then read as tests) changed 32 vitaminc dev decisions, 19 to wrong and 4');
push('  to right. No row of the six datasets changes, with rules alone or with the model (the');
push('  retrained model file is byte-identical), so no number above moves; the gain is in users\'');
push('  corrections.');
push('- **A number after a title\'s words is part of the title** (`PartOfAName`,');
push('  src/core/quantities.cc). "Dolphin Tale 2 got a rating of 70 %" was corrected to "Dolphin');
push('  Tale 7 got ...", and "Despicable Me 2 was produced by Illumination Entertainment in 2014" was');
push('  supported by the numeric expert on a "2" in its evidence: a number after a capitalised word');
push('  was part of a name only when no lowercase word followed it. After two capitalised words it now');
push('  is, whatever follows, unless the first is a preposition opening the sentence ("In Texas 5');
push('  people died"). Rules alone: fever-pairs calibration and dev rows 5 and 4 decisions change,');
push('  all to right; vitaminc calibration 14 (9 to right, 3 to wrong), dev 17 (7 to right, 5 to');
push('  wrong; those were right by accident, with corrections such as "Resident Evil over 7.5 million');
push('  had sold"). Retrained on five seeds (7 to 11, before → after), fever-pairs balanced accuracy');
push('  0.791 / 0.791 / 0.800 / 0.788 / 0.791 → 0.789 / 0.789 / 0.798 / 0.790 / 0.788, vitaminc');
push('  0.675 / 0.667 / 0.670 / 0.672 / 0.671 → 0.674 / 0.669 / 0.669 / 0.671 / 0.671, check-covid');
push('  macro-F1 0.646 / 0.608 / 0.668 / 0.599 / 0.630 → 0.612 / 0.600 / 0.623 / 0.644 / 0.599');
push('  (means 0.630 → 0.616; its features do not change, the old model gives it identical');
push('  predictions with either reading: the retrained trees\' draw), climate-fever claims ECE 0.046 /');
push('  0.048 / 0.057 / 0.058 / 0.059 → 0.073 / 0.049 / 0.080 / 0.053 / 0.034 (by chance 0.050:');
push('  seed 7\'s draw now crosses 0.05). Kept for the readings and the corrections.');
push('- **Ordinal ranks are figures** (`ExtractOrdinals`, NumericVerifier). "The Heist is Macklemore\'s');
push('  debut studio album" against "the second studio album", "the fourth largest city in Los');
push('  Angeles County" against "the third largest" and "Thomas Jefferson was the first President"');
push('  against WordNet\'s "3rd President of the United States" were supported: no expert read');
push('  ordinals. A rank ("third", "38th", "fifth-highest", "debut" before a noun) is now compared with');
push('  the ranks of the same thing, the word after it ("largest", past "most" and hyphens), and');
push('  refutes with the evidence\'s rank as the correction when no rank of that thing in the');
push('  sentence agrees (nor another of the claim\'s own: "its second week against the first"). An');
push('  agreeing rank is no support: "the first case" of one town matches that of any other. (Rules');
push('  alone, a first version that let it support, without either agreement check, changed vitaminc');
push('  calibration 95 decisions, 52 to right and 23 to wrong, but fever-pairs dev 42, 20 to right');
push('  and 22 to wrong: incidental matches such as "first case"; not retrained.) Rules alone:');
push('  vitaminc calibration 33 decisions change (18 to right, 10 to wrong, most of those');
push('  NOT_ENOUGH_INFO rows whose evidence ranks the same thing otherwise), dev 26 (17 right, 4');
push('  wrong); fever-pairs calibration 11 (3 right, none wrong), dev 17 (6 right, none wrong); the');
push('  other sets none. Retrained on five seeds (7 to 11, before → after), fever-pairs balanced');
push('  accuracy 0.789 / 0.789 / 0.798 / 0.790 / 0.788 → 0.791 / 0.795 / 0.797 / 0.791 / 0.795,');
push('  vitaminc 0.674 / 0.669 / 0.669 / 0.671 / 0.671 → 0.679 / 0.669 / 0.673 / 0.674 / 0.668; the');
push('  sets whose features do not change move by the retrained trees\' draw (climate-fever claims');
push('  macro-F1 0.515 / 0.478 / 0.513 / 0.464 / 0.514 → 0.499 / 0.474 / 0.498 / 0.464 / 0.509,');
push('  healthver 0.444 / 0.450 / 0.418 / 0.428 / 0.444 → 0.419 / 0.448 / 0.427 / 0.455 / 0.452;');
push('  measured before the guard that follows). A rank is someone\'s: when names stand before the');
push('  evidence\'s rank, one must be the claim\'s ("Buzz Aldrin was the second person to walk on the');
push('  Moon" refuted "Neil Armstrong was the first person ...", corrected to "second"; "Spanish is');
push('  her first language" refuted "English is her second language"). A sentence that names no one');
push('  there ("He is currently the fifth-highest scorer") still speaks for the claim\'s subject;');
push('  requiring the claim\'s name in the sentence as well made vitaminc dev 4 decisions wrong');
push('  against 1 right and fever-pairs dev 2 wrong. With the guard, rules alone, against the');
push('  version without it: vitaminc calibration 2 decisions change (1 to wrong), dev 1 (to wrong),');
push('  fever-pairs 1 and 1 (neither right nor wrong). The model shipped is retrained with it.');
push('- **Citations come from the best-ranked passage** (ModelJudge). A verdict of the model\'s own');
push('  reading cited the rule-based entailment expert\'s sentence, the one with the best lexical');
push('  support among the eight best-aligned, wherever it stood. When that sentence was not in the');
push('  passage the ranking put first, it named a gold document 6 to 10 % of the time on check-covid');
push('  and covidfact dev, against 26 to 46 % for the best-ranked passage. Such a verdict now cites');
push('  the expert\'s sentence only when it lies in the best-ranked passage, else that passage\'s');
push('  best-aligned sentence. Citation precision, dev: covidfact 0.547 → 0.648, check-covid 0.255 →');
push('  0.312, climate-fever 0.319 → 0.299 (there the two choices were about as good: 0.28 and 0.23).');
push('  Verdicts do not change. What is left is retrieval\'s: the best-ranked document is a gold one');
push('  for 35 %, 30 % and 66 % of the claims, and citation precision cannot pass that without a');
push('  better first passage (the retrieval issue).');
push('- **Semantic knowledge from the text on this machine** (measured, not adopted). What the open');
push('  targets still miss is paraphrase ("singing" for a choir practice, "monkeys" for rhesus');
push('  macaques). The only semantic resource that can be built offline is distributional: word');
push('  vectors (fastText skip-gram from Debian\'s `fasttext` package, 100 dimensions, 5 epochs, a');
push('  prototype) trained on all the text here, 8.5 million words: the six datasets\' corpora and');
push('  the claims and evidence of their train and calibration rows, WordNet\'s glosses and GCIDE.');
push('  Three verdict features over them (the claim\'s uncovered words\' IDF share weighted by their');
push('  best cosine in the sentence, that cosine for the heaviest uncovered word, the cosine of the');
push('  two IDF-weighted mean vectors), retrained on seeds 7, 8, 9, mean macro-F1 before → after:');
push('  fever-pairs 0.794 → 0.797, vitaminc 0.680 → 0.682, healthver 0.430 → 0.438, climate-fever');
push('  pairs 0.423 → 0.429, covidfact pairs 0.520 → 0.512, check-covid 0.641 → 0.632, climate-fever');
push('  claims 0.503 → 0.476. Under a point where the text is Wikipedia-like, losses on the sets');
push('  with retrieval: not worth a second learned model and seven minutes of training. The');
push('  retrieval side is in [BENCHMARKS.md](BENCHMARKS.md). Also flat: six bagged ensembles per');
push('  head instead of three (every set\'s three-seed mean within ±0.01).');
push('- **Denials, names and scopes in the value experts** (read on FEVER\'s and VitaminC\'s errors');
push('  of the numeric, temporal and relation experts). A claim that denies its value ("Richard Dawson');
push('  was not born on November 20th, 1932", "Poseidon lacked a budget of $160 million") is refuted by');
push('  that value (`DeniesAt`, verifiers/entailment_verifier.h), and treebank text\'s "do n\'t" is a');
push('  negation. Names, titles and clock times are no counts ("Fantastic Four", "Dirty 30 is", the');
push('  year of "(2005 film)", "4 p.m."); "one-hundred and four" is one number; "19 U.S. Supreme Court');
push('  Justices" counts justices and "14 Bulgarian cities" cities. The numeric expert prefers a figure');
push('  of the claim\'s scope ("globally" picks "a worldwide total of $450 million" over "$181.7');
push('  million in North America", "outside North America" the figure "in other territories"), reads');
push('  the word after an adverb as the head ("747 officially confirmed cases"), and lets no whole');
push('  refute a part ("57 tackles" against "7 of his tackles") nor another figure refute one the');
push('  sentence also states; the temporal expert takes the date in the event\'s clause ("beginning in');
push('  2015, Moonlight premiered ... on September 2, 2016"); the relation expert reads an acronym as');
push('  the same name ("NFL") and a WordNet kind of the claim\'s name as support ("the German company"');
push('  for "a European company"). Rules alone on dev: fever-pairs 21 decisions to right, 3 to wrong;');
push('  vitaminc 119 to right, 19 to wrong. Retrained on seeds 7, 3, 5, 9, 11, before → after:');
push('  fever-pairs balanced accuracy 0.789 / 0.788 / 0.790 / 0.800 / 0.795 → 0.799 / 0.797 / 0.800 /');
push('  0.803 / 0.797, vitaminc 0.676 / 0.675 / 0.673 / 0.672 / 0.669 → 0.686 / 0.682 / 0.683 / 0.683');
push('  / 0.683; every other set\'s five-seed mean moved within ±0.01 (climate-fever claims macro-F1');
push('  0.507 → 0.499, covidfact pairs 0.517 → 0.522, check-covid 0.618 → 0.616, healthver 0.427 →');
push('  0.422). Not adopted: a year after two capitalised words read as a title\'s ("Blade Runner');
push('  2049", three FEVER dev errors) would also hide "the FIFA World Cup 2018".');
push('- **Pronouns, accents and the other end of a life** (read on FEVER\'s errors). Evidence given');
push('  with a claim has no title, so a sentence that opens with a pronoun ("It was signed ... on 26');
push('  June 1945") lost its subject; the claim\'s opening names now take the title\'s credit there');
push('  (`Aligner::ScoreSentences`). Accented letters fold ("Larrain" meets "Larraín",');
push('  `FoldLatinAccents`). The temporal expert reads a birth date as a bound on a death date and back');
push('  ("(born August 12, 1991)" refutes "died on August 12, 1991", with no correction), "murdered"');
push('  as a death, and life dates joined by a minus sign. Retrained on seeds 7, 3, 5, 9, 11, the');
push('  fever-pairs balanced accuracy mean went 0.799 → 0.800 (temporal) → 0.803 (pronouns) → 0.803');
push('  (accents: rules alone 11 fever and 9 vitaminc decisions to right, 3 and 3 to wrong, on dev and');
push('  train); every other pairs set\'s mean stayed within ±0.005. Not adopted: "from 1861 to 1865"');
push('  and "between 2002 and 2013" read as ranges (fever-pairs 1 to right / 2 to wrong, vitaminc 4 / 5');
push('  on dev and train: a claimed range then holds any range inside it, "existed from 1945 to 1978"');
push('  against "1945 to 1976", and a period supports any year in it).');
push('- **Two labels.** On a set whose labels are only SUPPORTED and REFUTED (check-covid, covidfact)');
push('  `eval` takes P(supported) + P(not enough info) / 2 as the probability of supported: the mass');
push('  the evidence left undecided counts half for each label. It renormalised over the two labels');
push('  before, which claimed a certainty the model did not have. The decisions are the same. Covidfact');
push('  pairs is the one such set with undecided mass (mean P(not enough info) 0.08; 0.002 in claims');
push('  mode): same model, ECE 0.060 → 0.048; seeds 7, 3, 5, 9, 11 went 0.057–0.063 → 0.043–0.049,');
push('  and its calibration rows 0.025 → 0.020. Check-covid and covidfact claims moved under 0.001.');
push('- **Accented words in the KB.** Retrieval folds accents too now: the indexer adds an accented');
push('  word\'s spelling without them and the query builder adds it for a claim\'s accented word');
push('  (`sources/xapian_kb.h`, `sources/query_builder.h`). Before, "Ricardo Larrain directed La');
push('  Frontera in 1991" found nothing of "Ricardo Larraín", and the existence expert called him');
push('  unknown to the KB (whose counts lacked the folded words the alignment looks up). These corpora');
push('  have few accents: same model, check-covid and covidfact claims unchanged, climate-fever claims');
push('  macro-F1 0.488 → 0.491. Retrained (the claims sets\' training rows change), five-seed means');
push('  before → after: fever-pairs balanced accuracy 0.803 → 0.803, vitaminc 0.683 → 0.684; macro-F1');
push('  healthver 0.424 → 0.419, check-covid 0.623 → 0.625, climate-fever claims 0.505 → 0.510,');
push('  covidfact claims 0.497 → 0.502, covidfact pairs 0.527 → 0.525, climate-fever pairs 0.427 →');
push('  0.424, each within its seeds\' spread. The small sets\' ECE moves with the seed: seed 7\'s');
push('  healthver 0.044 → 0.067, covidfact pairs 0.048 → 0.056, climate-fever claims 0.047 → 0.055,');
push('  while the five-seed means went 0.051 → 0.051, 0.047 → 0.049 and 0.044 → 0.046 (check-covid');
push('  0.062 → 0.051). Measured and not adopted: calibrating on every dataset weighed the same');
push('  (`--size-power` 0 for the calibration rows only; five seeds): healthver 0.419 → 0.441 and');
push('  check-covid 0.625 → 0.650 macro-F1, but vitaminc balanced accuracy 0.684 → 0.668 and');
push('  check-covid ECE 0.051 → 0.077; halfway (0.5): vitaminc 0.678, check-covid ECE 0.071.');
push('- **A missing work lets no support stand.** The existence expert\'s finding that a named work\'s');
push('  words are all in the KB but never together in the evidence (confidence 0.87; 0.85 for a');
push('  person, who may go by other names) turns the model\'s "supported" into not_enough_info: `Jane');
push('  Austen wrote the novel "The Silent Harbor of Dreams"` was supported at 0.43 against her');
push('  WordNet entry. Refutations stand; without a KB (pairs mode) the finding only informs the model.');
push('  No dev prediction of any set changed, and the trained model is byte-identical.');
push('- **Whose death it is** (temporal expert, read on the default KB). "Queen Elizabeth II died in');
push('  2022" was refuted with the correction "died in 1952", from her entry\'s "became the Queen ...');
push('  in 1952 on the death of her father": the death or birth "of his / her / their ..." is a');
push('  relative\'s now, not the subject\'s. A regnal number is part of the name whose life dates are');
push('  read (Elizabeth I\'s "(1533-1603)" says nothing of Elizabeth II). No dev prediction of any set');
push('  changed, and the trained model is byte-identical. Measured and not adopted: reading a titled');
push('  passage\'s dates only when its title names the claim\'s subject (so that Edward VI\'s entry, "son');
push('  of Henry VIII ... died of tuberculosis (1537-1553)", does not correct "Henry VIII died in 1600"');
push('  to 1553). Pairs sets have no titles and did not move, but retrained on five seeds check-covid');
push('  macro-F1 fell 0.625 → 0.612 (seed 7: 0.600) and covidfact claims 0.502 → 0.492: a paper\'s');
push('  title seldom repeats the claim\'s names. Naming the subject of the evidence\'s event instead');
push('  (the capitalised words before "was executed") cost vitaminc 14 rules decisions for 1.');
push('- **Where a place is, and which city is the capital** (place expert, found on the default KB).');
push('  "The Eiffel Tower is located in Berlin" was supported at 0.46 (from Gustave Eiffel\'s entry),');
push('  "Mount Everest is the highest mountain in Africa" at 0.46, "The Nile is a river in Asia" at');
push('  0.82, "Sydney is the capital of Australia" and "Kyoto is the capital of Japan" at 0.92. The');
push('  place expert reads the places a sentence about the subject names ("constructed in Paris",');
push('  "in the central Himalayas") and WordNet\'s part holonyms (the Eiffel Tower is part of Paris,');
push('  Nepal of Asia): a place within the claim\'s supports, one lying in exactly one other city,');
push('  state, country or continent of the claim\'s kind refutes, and the correction names it');
push('  ("... the highest mountain in Asia"). For a capital, a sentence naming the capital of the');
push('  claim\'s country ("Canberra, capital of Australia") refutes another city, and when retrieval');
push('  brings only the subject\'s entries, WordNet\'s lemma "capital of Australia" does (without a');
push('  citation). Refutations decide alone (`ModelJudgeOptions::place_veto`), and so does a support');
push('  when the claim says no more than where the place is ("Melbourne is a city in Australia" was');
push('  refuted at 0.74 by the model); a support of a rank the place does not settle ("Santa Clarita is');
push('  the 24th largest city in California") only informs the model: deciding those alone changed 5');
push('  fever-pairs and vitaminc dev rows, none to the right label. A city with a share in');
push('  governing ("the judicial capital" of Bolivia) is never refuted. Probed on the default KB, it');
push('  refuted none of 59 true place statements and 14 true capital statements, and 15 of 17 false');
push('  capital statements with the right capital (Cape Town, a seat of government, is left to the');
push('  model; Shanghai below). Dev sets: one prediction changed, "Tijuana is in Mexico" (fever-pairs,');
push('  gold not supported: the evidence says "the largest city in Baja California", which WordNet');
push('  places in Mexico), and the trained model is byte-identical. Fixed on the way:');
push('  "the former capital of Turkey" no longer supports "Istanbul is the capital of Turkey"');
push('  (relation expert).');
push('- **WordNet\'s map, whole names in titles, and the first rank of a kind** (found probing 110');
push('  more place and superlative statements on the default KB; neither expert is a model feature).');
push('  The place expert took a passage as about the subject when a title word matched it: "Texas');
push('  chachalaca: of Mexico and Texas" supported "Texas is in Mexico", the "Northern Ireland" entry');
push('  "Ireland is in the United Kingdom"; now a name the title lists must be the subject\'s (less');
push('  generic words: "Everest" for "Mount Everest"). Where no sentence says where the subject is,');
push('  WordNet\'s map decides with a KB\'s evidence, citing nothing: "Lake Baikal is in Russia" (refuted');
push('  by the model at 0.56) is supported, and "Alaska is in Canada", "Scotland is in England",');
push('  "Portugal is in Spain" (supported by the model at 0.92) are refuted; against the map no sentence');
push('  supports ("Toronto: ... on Lake Ontario" had put Toronto in the United States), no sentence');
push('  about another sense of a name refutes ("Paris: a town in northeastern Texas"), and the capital');
push('  fallback reads every name of a country ("Shanghai is the capital of China" is refuted, Beijing');
push('  being WordNet\'s "capital of Red China"). The superlative expert (`verifiers/superlative_verifier.h`)');
push('  reads what an entry says of its own subject: "Atlantic: the 2nd largest ocean" refutes "The');
push('  Atlantic is the largest ocean" (supported at 0.91), corrected to "the 2nd largest"; "Everest: the');
push('  highest mountain peak in the world" refutes "K2 is the highest mountain in the world"; its');
push('  refutations decide alone (`ModelJudgeOptions::superlative_veto`). Probed: every place and');
push('  superlative statement that changed moved to the right verdict, and `default_kb_test` guards 23');
push('  of them. No dev prediction of any set changed, and the trained model is byte-identical.');
push('- **An unseen name lets no refutation of the model\'s stand** (`ModelJudgeOptions::unseen_name_veto`,');
push('  found on the default KB). "Charles Dickens wrote Oliver Twist" was refuted at 0.44 and "Isaac');
push('  Newton wrote Principia Mathematica" at 0.69, against entries that name no work of theirs: the');
push('  model, trained mostly on FEVER, reads a missing title as a clash. When the existence expert finds');
push('  a named work or person whose words the KB knows but no evidence sentence holds together');
push('  (confidence 0.85 or more), a refutation that no specific expert reached (only the model or the');
push('  rule-based entailment reader) becomes not enough information; a relation, numeric, temporal,');
push('  place or superlative refutation stands. Only with a KB, as the existence veto. Of 263 probe');
push('  statements on the default KB only Dickens\'s changed; of nine more on authorship, Newton\'s and');
push('  "Mark Twain wrote Oliver Twist" (refuted before for the same wrong reason) did. No dev');
push('  prediction of any set changed, and the trained model is byte-identical.');
push('- **Who wrote it, in other words** (authorship expert, `verifiers/authorship_verifier.h`, found on');
push('  the default KB). "Herman Melville wrote Moby Dick" was refuted at 0.54 against "Herman');
push('  Melville, American novelist, author of Moby Dick", and "J. K. Rowling wrote Harry Potter" at');
push('  0.54 against "the series of \'Harry Potter\' novels by J.K. Rowling": the model learned "wrote"');
push('  from FEVER\'s wordings. The expert supports "<person> wrote|composed|painted|directed <work>"');
push('  when a sentence names both and links them ("author of", "writer of" ... before the work, "by"');
push('  and the last name after it, "Melville\'s Moby Dick", "wrote" or "written" before it after the');
push('  name), the title whole ("War" is not "War and Peace"); the support decides alone');
push('  (`ModelJudgeOptions::authorship_veto`); it never refutes. Of 27 authorship statements probed,');
push('  four went from refuted to supported (Melville, Rowling, Tolstoy, Goethe), two it now decides were');
push('  supported before (Milton, Homer), and none changed wrongly. No');
push('  dev prediction of any set changed (the expert decided no dev row), and the');
push('  trained model is byte-identical.');
push('- **Follow-up searches for the experts that need them** (`Verifier::FollowUpQueries`, found on the');
push('  default KB). "Mars is the largest planet in the solar system" was supported at 0.66: the claim\'s');
push('  retrieval kept five passages about Mars, and Jupiter\'s entry ("the largest planet") shares only');
push('  two words with the claim. An expert may now ask the pipeline to search for more: the superlative');
push('  expert for the ranking without its subject ("the largest planet"; a scope of the world adds only');
push('  noise), the authorship expert for the work\'s title. The 4 sentences best aligned with each query,');
push('  from 20 more passages of the main sources, follow the claim\'s own evidence and go only to the');
push('  experts that asked; the model\'s features and its own citation come from the claim\'s evidence');
push('  alone, as in training. The superlative expert now refutes Mars (corrected to Jupiter), "Niagara');
push('  Falls is the highest waterfall in the world" (Angel Falls) and "Lake Tanganyika is the largest');
push('  lake in Africa" (Lake Victoria). The authorship expert now refutes, corrected to the other maker,');
push('  when a sentence that does not name the claim\'s person gives the work a maker of the claim\'s');
push('  craft: "Herman Melville, American novelist, author of Moby Dick" against "Charles Dickens wrote');
push('  Moby Dick", the work\'s own entry "Robinson Crusoe: the hero of Daniel Defoe\'s novel" against');
push('  Dickens (supported at 0.53 before); "a film by" or "translated by" says nothing of who wrote a');
push('  book, and makers named together ("written by Marx and Engels") are all makers. Where the');
push('  person\'s entry is there and nothing names the work, it says not enough information, and the');
push('  model may then neither support nor refute (`unseen_name_veto`): "Jane Austen wrote Pride and');
push('  Prejudice" was refuted at 0.47, "Picasso painted Guernica" supported at 0.56 against "Spanish');
push('  painter". A superlative with a restriction the expert does not follow ("the largest city to the');
push('  north of the Arctic Circle") is no longer read as the world\'s. Probed: of the 263 earlier');
push('  statements 10 changed: 6 from supported to refuted, rightly (Mars three times, Saturn, Lake');
push('  Tanganyika, Niagara Falls), one gained its correction (the Gobi: the Sahara), two only the');
push('  expert\'s name (Oliver Twist), and "Charles Dickens wrote War and Peace", refuted at 0.62 against');
push('  his entry, which names no novel, is now not enough information; of 88 attributions built from WordNet\'s');
push('  "written by" and "a novel by" glosses, 44 true and 44 with another author, 23 of the false ones');
push('  went to refuted or not enough information (19 had been supported), 3 true ones from refuted to');
push('  supported, and the expert supports no false one (3 stay supported by the model). No dev');
push('  prediction of any set changed, with the model or the rule-based verifiers alone, and the trained');
push('  model is byte-identical. The extra searches (for about 2.5 % of FEVER\'s claims) cost no');
push('  measurable speed: `verify_bench` 1.01× (docs/BENCHMARKS.md).');
push('- **What kind of thing it is** (taxonomy expert, `verifiers/taxonomy_verifier.h`, found on the');
push('  default KB). "The whale is a fish" and "The bat is a bird" were supported at 0.91, "The Sun is a');
push('  planet" at 0.84, and "Gold is a chemical element" refuted at 0.66: the model reads the glosses\'');
push('  words ("whaler: a ship engaged in whale fishing"), and the glosses seldom name the class that');
push('  WordNet\'s hierarchy gives. The expert reads "<X> is a <kind>" and "<Xs> are <kinds>" against');
push('  that hierarchy: a sense of the kind above a sense of the subject supports (cited by no sentence,');
push('  so it decides only against a model that does not support); the subject\'s branch meeting the');
push('  kind\'s close by refutes, corrected to the subject\'s branch ("The whale is a mammal"), and');
push('  decides alone. Refutations only where classes exclude each other: animals, whose kind must be');
push('  a taxon (a member of a group in WordNet: "horse" of Equus, not "pollinator" or "pet"),');
push('  celestial bodies, and the three kinds of substance: a chemical element, a compound and a');
push('  mixture exclude each other ("Water is a chemical element", supported at 0.89, is refuted and');
push('  corrected to "a compound"; the kind\'s first material sense counts, so "gas", first a state of');
push('  matter, refutes nothing). Plants and states of matter were tried and dropped: "A rose is a flower",');
push('  "Steam is a gas", "Blood is a liquid" and "Lava is a liquid" were refuted by their WordNet');
push('  branches (woody plant, vapor, body substance, material). No claim about people (roles overlap),');
push('  and only with a KB\'s evidence, like WordNet\'s map. Probed on 175 kind statements (animals,');
push('  plants, substances, celestial bodies, true and false), it decided 134: of its 19 refutations');
push('  one is of a true statement, "The panda is a bear" (WordNet files the giant panda with the');
push('  procyonids, after one classification); of its 115 supports one is of a statement false as');
push('  people mean it, "The dolphin is a fish" (WordNet\'s first "dolphin" is the dolphinfish). No');
push('  dev prediction of any set changed, with the model or the rule-based verifiers alone.');
push('- **Whose entry it is, and the same claim in other words** (found on the default KB by probing');
push('  statements built from WordNet\'s glosses). The temporal expert now reads the entries whose title');
push('  the claim names (a name of the title standing whole in the claim\'s words before its date)');
push('  before the others, so that the subject\'s own entry decides and corrects: "Julius Caesar was');
push('  assassinated in 44 BC" was refuted with 14 from Augustus\'s entry ("Gaius Julius Caesar');
push('  Octavianus ... (63 BC - AD 14)"), and Caesar\'s own "(100-44 BC)" was no date at all (one era');
push('  after both years is now read for both); "Henry VIII died in 1600" is corrected to 1547 from his');
push('  entry, not to 1553 from Edward VI\'s. In such an entry a sentence with no event word dates the');
push('  subject by its one range when the claim begins or ends something other than a life: "The');
push('  French Revolution began in 1799" ("...; 1789-1799", supported at 0.65) and "World War I ended');
push('  in 1920" ("from 1914 to 1918", supported at 0.92) are refuted and corrected. A semicolon or a');
push('  colon parts the event from a date across it ("Born at Ajaccio ... Jan. 7, 1768; died at');
push('  Longwood ... May 5, 1821" corrected "Napoleon died in 1851" to 1768), and a correction across');
push('  the era names it ("AD 14"). Figures in different written units compare within the tolerance');
push('  only: "Mont Blanc is 4807 meters high" was refuted against "15,781 feet" (4,810 m) as if both');
push('  were written to the metre. The superlative expert\'s support from the subject\'s own entry');
push('  decides as its refutation does ("The Pacific Ocean is the biggest ocean" was refuted at 0.60),');
push('  "biggest", "closest" and "furthest" rank as "largest", "nearest" and "farthest", "to the sun"');
push('  is a distance\'s reference, "in the (night) sky" is no scope, and a rank may open a clause');
push('  ("Canopus: ...; second brightest star in the sky"). The authorship expert reads the passive and');
push('  the maker noun ("Moby Dick was written by ...", "Mark Twain is the author of Moby Dick",');
push('  supported at 0.64): of 21 attributions from WordNet\'s glosses said so, true and with another');
push('  author, 41 of 42 answers are right (26 before, with 10 false ones supported). The place expert');
push('  refutes a city that lies elsewhere as a country\'s capital ("Sao Tome is the capital of Denmark",');
push('  supported at 0.54; 169 of 170 such false statements refuted, 165 before, and all 170 true ones');
push('  supported), and a refutation that cites nothing yields to another expert\'s that cites a');
push('  sentence ("Paris is the capital of Italy" keeps "Paris is the capital of France"). Probed');
push('  besides: 119 life dates from the glosses (117 right; "Theodosius I died in 365" against');
push('  "(346-395)", three-digit years without an era being read as no year, and "Marie Tussaud died in');
push('  1850", whose "wax death masks" is read as a death) and 82 heights and lengths (75 right; the');
push('  misses are metric figures against feet and miles, which the numeric expert supports but the');
push('  model, reading words, leaves at not enough information). No dev prediction of any set changed,');
push('  with the model or the rule-based verifiers alone, and the trained model is byte-identical.');
push('  Measured and not adopted, because they change the trained model\'s features for a handful of');
push('  training rows: reading "from 1914 to 1918" as a range everywhere (21 fever-pairs and vitaminc');
push('  rules decisions, about as many to wrong as to right), "death masks" as no death (1 to right, 2');
push('  to wrong), a place within the evidence\'s ("born in Salzburg" against "born in Austria", from a');
push('  pianist\'s gloss that names Mozart) as no contradiction in the relation expert (VitaminC labels');
push('  "sold in the United Kingdom" a refutation of "sold in England"), and the numeric expert reading');
push('  the subject\'s own entry first (one climate-fever training row changes; retrained, check-covid\'s');
push('  ECE moved 0.042 → 0.055, within what chance gives that set).');
push('- **Learner.** Trees against a linear model on the same features:');
push('  [ACCURACY-learners.md](ACCURACY-learners.md).');
push();
push('Known misses on the default KB (WordNet glosses): "Albert Einstein formulated the laws of');
push('motion" sits at the model\'s boundary: supported with confidence 0.52–0.68 by most models,');
push('this one included (0.65), and refuted at 0.51 by one ("Mount Kilimanjaro is in Peru" was supported too');
push('before the hypernym features, "Thomas Jefferson was the first President of the United States"');
push('before the numeric expert read ranks: now refuted, corrected to "3rd President");');
push('the rule-based verifiers (`--no-model`) say not enough information, and a test guards that.');
push('"Albert Einstein developed the theory of relativity" sits at the boundary the other way:');
push('supported at 0.50 by this model, refuted at 0.53 by the one before it ("Shakespeare wrote Hamlet",');
push('which did too, is now supported by the authorship expert from "Hamlet: the hero of William');
push('Shakespeare\'s tragedy"). "Henry VIII died in 1600", once corrected to 1553 from Edward VI\'s');
push('entry, is corrected to 1547 from his own (see "Whose entry it is" above).');
push('"Leo Tolstoy wrote War and Peace" is supported by the authorship expert only when GCIDE is in');
push('the KB ("Tolstoy\'s War and Peace" in an example); with WordNet alone his entry ("Russian author');
push('remembered for two great novels") names no novel, and the answer is not enough information, as');
push('for "Jane Austen wrote Pride and Prejudice" and "Adam Smith wrote The Wealth of Nations" (refuted');
push('at 0.47 and 0.67 before the follow-up searches above). "Tokyo is the largest city in the world"');
push('is supported at 0.55 by the model (no entry ranks a city of the world) and "Murmansk is the');
push('largest city in the world" at 0.92, from "the largest city to the north of the Arctic Circle",');
push('which the superlative expert no longer misreads but the model does. "Hawaii is in Asia",');
push('"Australia is in Europe" and "Japan is in Europe" were supported by the model at 0.93, 0.91 and');
push('0.92 (the last from a plant\'s entry naming Europe and Japan): a sense of the name that WordNet\'s');
push('map nests nowhere (the islands of Japan and of Hawaii) or that is a continent itself (Australia)');
push('kept the map quiet. Such a sense is now left to the others, and all three are refuted (Japan');
push('corrected to Asia, Hawaii to North America, Australia without a correction); "Russia is in Asia",');
push('refuted against "a federation in northeastern Europe and northern Asia", is supported now that a');
push('place after "and" is read. No dev prediction of any set changed. A city in a city may be a');
push('district, so "Boston is in New York" stays the model\'s (supported at 0.45). "Monaco is in');
push('France" was supported from "an enclave on the French Riviera"; it is now refuted (Monaco is a');
push('country), as "Cairo is in Asia" is, without a correction (Cairo, Illinois, and Cairo, Egypt).');
push('"The Eiffel Tower is 1454 feet tall" is supported at 0.53 by the numeric expert from "Sears Tower:');
push('a skyscraper built in Chicago in 1974; 1454 feet tall" (the Sears Tower\'s "built in 1974" had');
push('also refuted "The Eiffel Tower was built in 1889" until "constructed" counted as "built").');
push('Measured and not adopted: not reading a sentence that names another thing of the claim\'s kind');
push('("Sears Tower" for "the Eiffel Tower") in the numeric and temporal experts. With the shipped');
push('model it changed one dev row (vitaminc, to the right label), but retrained on five seeds');
push('covidfact claims macro-F1 fell 0.502 → 0.491, climate-fever claims 0.510 → 0.505 and check-covid');
push('0.625 → 0.621, with check-covid ECE 0.051 → 0.065 (healthver rose 0.419 → 0.425). "Mount Everest');
push('is 8848 meters high" is refuted at 0.41 by the model although the numeric expert supports it');
push('(29,028 feet). "Mozart was born in Salzburg" was refuted by the relation expert, corrected to');
push('"Austria", from a pianist\'s entry ("composer (born in Austria) ... interpretations of Beethoven');
push('and Mozart"); what an entry about another says before it names the claim\'s subject is no longer');
push('read as said of it, and the model supports both "Salzburg" and "Vienna" at 0.46 (only Salzburg\'s');
push('"birthplace of Mozart" says it, in words no expert reads). "Thomas Edison invented the');
push('telephone" is supported at 0.76 (no expert reads');
push('inventions); "India is the most populous country in the world" is refuted, corrected to "the');
push('second", as WordNet (2006) has it: the default KB\'s facts are as old as its sources.');
push('"Einstein was born in');
push('France", "Paris is the capital of Italy" and "Lincoln was assassinated by Oswald" are refuted');
push('with the right correction (relation expert), and an invented novel is not_enough_info');
push('(existence expert).');
push();
const baseline = {};
for (const { set, m } of results) {
  baseline[label(set)] = { args: set.args, macro_f1: Number(m.macro_f1.toFixed(4)) };
}
push('The accuracy ctest (`ctest -L accuracy`) fails when a macro-F1 below drops more than 0.02:');
push();
push('<!-- accuracy-baseline');
push(JSON.stringify(baseline, null, 1));
push('-->');
writeFileSync(out, lines.join('\n') + '\n');
process.stderr.write(`accuracy: wrote ${out}\n`);
