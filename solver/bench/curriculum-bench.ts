/**
 * The curriculum benchmark: the development set (bench/curriculum.jsonl, problems the solver
 * was built against) and, reported apart, the held-out set (bench/heldout.jsonl, written
 * answers first and never used to choose a change), each beside four peers in the same run.
 * Run alone: npm run bench:curriculum -w solver (also the last part of npm run bench).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { percentile, readJsonLines } from '@motionmath/testkit';
import { judgeCurriculum, peerAttempts, peerClaim, PEERS, runOurs } from './curriculum.ts';
import type { CurriculumProblem, Peer } from './curriculum.ts';
import { must, tally } from './tally.ts';
import type { Tally } from './tally.ts';

const pct = (t: Tally): string => (t.n === 0 ? '—' : `${((100 * t.correct) / t.n).toFixed(0)}%`);

const SETS = [
  { label: 'development', file: 'curriculum.jsonl', out: 'solver-curriculum.json' },
  { label: 'held-out', file: 'heldout.jsonl', out: 'solver-heldout.json' },
] as const;

/** Both sets, or only the one named (`node bench/curriculum-bench.ts development`). */
export function runCurriculumBench(only?: string): void {
  for (const set of SETS)
    if (only === undefined || set.label === only) runSet(set.label, set.file, set.out);
}

function runSet(label: string, file: string, out: string): void {
  const curriculum = readJsonLines<CurriculumProblem>(
    fileURLToPath(new URL(`./${file}`, import.meta.url)),
  );
  const cCategories = [...new Set(curriculum.map((p) => p.category))];
  interface CRow {
    n: number;
    correct: number;
    unsupported: number;
    wrong: number;
    unverifiedSteps: number;
    steps: number;
    times: number[];
    cpu: number[];
  }
  const cOurs = new Map<string, CRow>(
    cCategories.map((c) => [
      c,
      {
        n: 0,
        correct: 0,
        unsupported: 0,
        wrong: 0,
        unverifiedSteps: 0,
        steps: 0,
        times: [],
        cpu: [],
      },
    ]),
  );
  const cPeers = new Map<Peer, Map<string, Tally>>(
    PEERS.map((p) => [p, new Map(cCategories.map((c) => [c, tally()]))]),
  );
  const cFailures: { id: string; who: string; input: string; answer: string }[] = [];
  for (const prob of curriculum) {
    const o = must(cOurs.get(prob.category));
    const run = runOurs(prob);
    o.n++;
    o.times.push(run.ms);
    o.cpu.push(run.cpuMs);
    o.steps += run.steps;
    o.unverifiedSteps += run.unverifiedSteps;
    if (run.correct) o.correct++;
    else if (run.answered) o.wrong++;
    else o.unsupported++;
    if (!run.correct)
      cFailures.push({ id: prob.id, who: 'ours', input: prob.input, answer: run.answer });
    for (const peer of PEERS) {
      if (!peerAttempts(peer, prob.category)) continue;
      const t = must(must(cPeers.get(peer)).get(prob.category));
      t.n++;
      const c = peerClaim(peer, prob);
      if (c === null) t.unsupported++;
      else if (judgeCurriculum(prob.expected, c)) t.correct++;
      else t.wrong++;
    }
  }
  const peerCell = (t: Tally): string => (t.n ? `${pct(t)} (${t.wrong} wrong)` : 'not attempted');
  const cRows = cCategories.map((c) => {
    const o = must(cOurs.get(c));
    return {
      category: c,
      n: o.n,
      correct: o.correct,
      unsup: o.unsupported,
      wrong: o.wrong,
      unverified: o.unverifiedSteps,
      p50: percentile(o.times, 50).toFixed(2),
      p95: percentile(o.times, 95).toFixed(2),
      cpu95: percentile(o.cpu, 95).toFixed(2),
      ours: pct(o),
      ...Object.fromEntries(PEERS.map((p) => [p, peerCell(must(must(cPeers.get(p)).get(c)))])),
    };
  });
  console.log(
    `\n${label} set, curriculum categories (bench/${file}), load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}:`,
  );
  console.table(cRows);
  const cAll = [...cOurs.values()];
  const cTimes = cAll.flatMap((o) => o.times);
  const cTotal = {
    n: cAll.reduce((s, o) => s + o.n, 0),
    correct: cAll.reduce((s, o) => s + o.correct, 0),
    wrong: cAll.reduce((s, o) => s + o.wrong, 0),
    unsupported: cAll.reduce((s, o) => s + o.unsupported, 0),
    steps: cAll.reduce((s, o) => s + o.steps, 0),
    unverifiedSteps: cAll.reduce((s, o) => s + o.unverifiedSteps, 0),
  };
  console.log(
    `${label} total: ${cTotal.correct}/${cTotal.n} correct, ${cTotal.unsupported} unsupported, ${cTotal.wrong} wrong; ` +
      `${cTotal.steps} steps shown, ${cTotal.unverifiedSteps} failed the re-check; ` +
      `latency p50 ${percentile(cTimes, 50).toFixed(2)} ms, p95 ${percentile(cTimes, 95).toFixed(2)} ms (CPU time p95 ${percentile(
        cAll.flatMap((o) => o.cpu),
        95,
      ).toFixed(2)} ms)`,
  );
  for (const p of PEERS) {
    const ts = [...must(cPeers.get(p)).values()];
    const n = ts.reduce((s, t) => s + t.n, 0);
    console.log(
      `  ${p}: ${ts.reduce((s, t) => s + t.correct, 0)}/${n} attempted correct, ${ts.reduce((s, t) => s + t.wrong, 0)} wrong`,
    );
  }
  for (const f of cFailures)
    console.log(`  ${f.who}: ${f.id} ${JSON.stringify(f.input)} → ${f.answer}`);
  const cPath = fileURLToPath(new URL(`../../bench-results/${out}`, import.meta.url));
  mkdirSync(fileURLToPath(new URL('../../bench-results/', import.meta.url)), { recursive: true });
  writeFileSync(
    cPath,
    JSON.stringify(
      {
        when: new Date().toISOString(),
        node: process.version,
        loadAverage: loadavg(),
        set: label,
        corpus: { path: `solver/bench/${file}`, problems: curriculum.length },
        total: { ...cTotal, p50Ms: percentile(cTimes, 50), p95Ms: percentile(cTimes, 95) },
        categories: Object.fromEntries(cRows.map((r) => [r.category, r])),
        failures: cFailures,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`wrote ${cPath}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) runCurriculumBench(process.argv[2]);
