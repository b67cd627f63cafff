/**
 * The solver benchmark: every corpus problem through our solver (answer judged
 * semantically, every displayed step re-checked from its LaTeX, latency measured) and
 * through mathsteps and nerdamer. Prints a table; writes bench-results/solver.json.
 * Run: npm run bench -w solver
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { percentile, readJsonLines } from '@motionmath/testkit';
import { solve } from '../src/index.ts';
import type { SolveResult } from '../src/index.ts';
import { equationText, toText } from '../src/print.ts';
import { readProblem } from '../src/read.ts';
import { recheckSteps } from '../src/recheck.ts';
import { judge } from './judge.ts';
import type { Claim } from './judge.ts';
import type { Problem } from './make-corpus.ts';
import { ATTEMPTS, runPeer } from './peers.ts';
import { runCurriculumBench } from './curriculum-bench.ts';
import type { PeerName, PeerProblem } from './peers.ts';
import { must, tally } from './tally.ts';
import type { Tally } from './tally.ts';

const corpusPath = fileURLToPath(new URL('./corpus.jsonl', import.meta.url));
const resultsPath = fileURLToPath(new URL('../../bench-results/solver.json', import.meta.url));
/** Each problem is solved this many times; the median time counts (less noise on a shared machine). */
const TIMING_REPEATS = 3;

function ourClaim(r: SolveResult): Claim | null {
  if (r.status === 'error' && r.error?.code === 'no-solution') return { kind: 'none' };
  if (r.status === 'error' && r.error?.code === 'infinitely-many') return { kind: 'all' };
  if (r.status !== 'solved' || !r.answer) return null;
  const a = r.answer.mathjs;
  switch (r.classification) {
    case 'linear-equation':
    case 'quadratic-equation':
    case 'polynomial-equation':
    case 'rational-equation':
      return { kind: 'roots', values: a.split(';').map((s) => s.split('=')[1]?.trim() ?? '') };
    case 'linear-system':
      return {
        kind: 'system',
        values: Object.fromEntries(
          a.split(';').map((s) => s.split('=').map((t) => t.trim()) as [string, string]),
        ),
      };
    case 'linear-inequality':
      return a.includes('Infinity') ? { kind: 'all' } : { kind: 'relation', value: a };
    default:
      return { kind: 'text', value: a };
  }
}

function peerProblem(category: string, input: string): PeerProblem | null {
  try {
    const p = readProblem(input);
    switch (p.kind) {
      case 'expression':
        return { category, expr: toText(p.expr) };
      case 'evaluate':
        return {
          category,
          expr: toText(p.expr),
          values: Object.fromEntries([...p.values].map(([k, v]) => [k, toText(v)])),
        };
      case 'derivative':
        return { category, expr: toText(p.expr), variable: p.v };
      case 'equation':
      case 'inequality':
        return { category, equation: equationText(p.eq), variable: p.v };
      case 'system':
        return { category, equations: p.eqs.map(equationText) };
      case 'check':
        return { category, expr: `${toText(p.eq.lhs)} - (${toText(p.eq.rhs)})` };
      default:
        return null;
    }
  } catch {
    return null;
  }
}

const corpus = readJsonLines<Problem>(corpusPath);
const categories = [...new Set(corpus.map((p) => p.category))];
const ours = new Map(
  categories.map((c) => [c, { ...tally(), unverifiedSteps: 0, steps: 0, times: [] as number[] }]),
);
const peers: Record<PeerName, Map<string, Tally>> = {
  mathsteps: new Map(categories.map((c) => [c, tally()])),
  nerdamer: new Map(categories.map((c) => [c, tally()])),
};
const failures: { id: string; who: string; verdict: string; input: string; answer: string }[] = [];

for (const prob of corpus) {
  const o = must(ours.get(prob.category));
  const times: number[] = [];
  let r = solve(prob.input);
  for (let k = 0; k < TIMING_REPEATS; k++) {
    const t0 = performance.now();
    r = solve(prob.input);
    times.push(performance.now() - t0);
  }
  o.times.push(percentile(times, 50));
  o.n++;
  const claim = ourClaim(r);
  const recheck = recheckSteps(r);
  o.steps += r.steps.length;
  o.unverifiedSteps += recheck.failures.length;
  if (claim === null) {
    o.unsupported++;
    failures.push({
      id: prob.id,
      who: 'ours',
      verdict: 'unsupported',
      input: prob.input,
      answer: r.error?.message ?? '',
    });
  } else if (judge(prob.expected, claim)) o.correct++;
  else {
    o.wrong++;
    failures.push({
      id: prob.id,
      who: 'ours',
      verdict: 'wrong',
      input: prob.input,
      answer: r.answer?.mathjs ?? r.error?.code ?? '',
    });
  }
  const pp = peerProblem(prob.category, prob.input);
  for (const name of ['mathsteps', 'nerdamer'] as const) {
    if (!ATTEMPTS[name].has(prob.category)) continue;
    const t = must(peers[name].get(prob.category));
    t.n++;
    const c = pp && runPeer(name, pp);
    if (c === null || c === undefined) t.unsupported++;
    else if (judge(prob.expected, c)) t.correct++;
    else t.wrong++;
  }
}

const pct = (t: Tally): string => (t.n === 0 ? '—' : `${((100 * t.correct) / t.n).toFixed(0)}%`);
const rows = categories.map((c) => {
  const o = must(ours.get(c));
  const ms = must(peers.mathsteps.get(c));
  const nd = must(peers.nerdamer.get(c));
  return {
    category: c,
    n: o.n,
    correct: o.correct,
    unsupported: o.unsupported,
    wrong: o.wrong,
    unverifiedSteps: o.unverifiedSteps,
    p50: percentile(o.times, 50).toFixed(2),
    p95: percentile(o.times, 95).toFixed(2),
    ours: pct(o),
    mathsteps: ms.n ? `${pct(ms)} (${ms.wrong} wrong)` : 'not attempted',
    nerdamer: nd.n ? `${pct(nd)} (${nd.wrong} wrong)` : 'not attempted',
  };
});
console.log(
  `core categories (bench/corpus.jsonl), load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}:`,
);
console.table(rows);
const total = [...ours.values()].reduce(
  (a, o) => ({
    n: a.n + o.n,
    correct: a.correct + o.correct,
    unsupported: a.unsupported + o.unsupported,
    wrong: a.wrong + o.wrong,
    unverifiedSteps: a.unverifiedSteps + o.unverifiedSteps,
    steps: a.steps + o.steps,
  }),
  { n: 0, correct: 0, unsupported: 0, wrong: 0, unverifiedSteps: 0, steps: 0 },
);
const allTimes = [...ours.values()].flatMap((o) => o.times);
console.log(
  `total: ${total.correct}/${total.n} correct, ${total.unsupported} unsupported, ${total.wrong} wrong; ` +
    `${total.steps} steps shown, ${total.unverifiedSteps} failed the independent re-check; ` +
    `latency p50 ${percentile(allTimes, 50).toFixed(2)} ms, p95 ${percentile(allTimes, 95).toFixed(2)} ms`,
);
const beaten = categories.filter((c) =>
  (['mathsteps', 'nerdamer'] as const).some((p) => {
    const t = must(peers[p].get(c));
    return t.n > 0 && t.correct >= must(ours.get(c)).correct;
  }),
);
console.log(
  beaten.length === 0
    ? 'coverage above both peers in every category they attempt'
    : `peers match or beat us in: ${beaten.join(', ')}`,
);
for (const f of failures)
  console.log(`  ${f.who} ${f.verdict}: ${f.id} ${JSON.stringify(f.input)} → ${f.answer}`);

mkdirSync(fileURLToPath(new URL('../../bench-results/', import.meta.url)), { recursive: true });
writeFileSync(
  resultsPath,
  JSON.stringify(
    {
      when: new Date().toISOString(),
      node: process.version,
      corpus: { path: 'solver/bench/corpus.jsonl', problems: corpus.length },
      total: { ...total, p50Ms: percentile(allTimes, 50), p95Ms: percentile(allTimes, 95) },
      categories: Object.fromEntries(
        categories.map((c) => {
          const o = must(ours.get(c));
          return [
            c,
            {
              ours: {
                n: o.n,
                correct: o.correct,
                unsupported: o.unsupported,
                wrong: o.wrong,
                unverifiedSteps: o.unverifiedSteps,
                p50Ms: percentile(o.times, 50),
                p95Ms: percentile(o.times, 95),
              },
              mathsteps: must(peers.mathsteps.get(c)).n ? peers.mathsteps.get(c) : 'not attempted',
              nerdamer: must(peers.nerdamer.get(c)).n ? peers.nerdamer.get(c) : 'not attempted',
            },
          ];
        }),
      ),
      failures,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${resultsPath}`);

// ---------- curriculum categories, with four peers, same run ----------
runCurriculumBench();
