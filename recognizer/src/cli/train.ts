/**
 * Generates the shipped symbol model `src/symbols/model.json` (see train-model.ts for what
 * goes in: Hershey fonts and authored shapes only). Deterministic: ensemble members train
 * in parallel worker threads (one per core), each from its own seed, so the bytes do not
 * depend on the number of cores.
 *
 *   npm run train -w recognizer            (writes src/symbols/model.json)
 *   node src/cli/train.ts --out other.json --per-class 300 --epochs 10 --members 1
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SerializedMlp } from '../symbols/mlp.ts';
import { SHIPPED_BUILD, assembleModel, memberCount, trainEnsembleMember } from './train-model.ts';
import type { BuildOptions, Member } from './train-model.ts';

interface MemberJob {
  k: number;
  options: Omit<BuildOptions, 'log'>;
}

function trainInWorker(job: MemberJob, log: (m: string) => void): Promise<Member> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.on('message', (msg: { log: string } | { net: Member }) => {
      if ('log' in msg) log(`member ${job.k + 1}: ${msg.log}`);
      else resolve(msg.net);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`member ${job.k + 1} exited with code ${code}`));
    });
  });
}

/** Runs `jobs` with at most `limit` at a time; results in job order. */
async function runLimited<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await (jobs[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return results;
}

function cnnOption(text: string | undefined): Pick<BuildOptions, 'cnn'> {
  if (text === undefined) return SHIPPED_BUILD.cnn ? { cnn: SHIPPED_BUILD.cnn } : {};
  if (text === 'none') return {};
  const v = text.split(',').map(Number);
  const [grid, c1, c2, hidden, members, perClass, epochs] = v;
  if ((v.length !== 5 && v.length !== 7) || !v.every((n) => Number.isInteger(n) && n >= 0))
    throw new Error(
      `--cnn wants GRID,C1,C2,HIDDEN,MEMBERS[,PER_CLASS,EPOCHS] in whole numbers (e.g. 16,16,32,128,1), got ${text}`,
    );
  return {
    cnn: {
      grid: grid as number,
      channels: [c1 as number, c2 as number],
      hidden: hidden as number,
      members: members as number,
      ...(perClass !== undefined ? { perClass, epochs: epochs as number } : {}),
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: {
        type: 'string',
        default: new URL('../symbols/model.json', import.meta.url).pathname,
      },
      'per-class': { type: 'string', default: String(SHIPPED_BUILD.perClass) },
      epochs: { type: 'string', default: String(SHIPPED_BUILD.epochs) },
      hidden: { type: 'string', default: String(SHIPPED_BUILD.hidden) },
      members: { type: 'string', default: String(SHIPPED_BUILD.members ?? 1) },
      smoothing: { type: 'string', default: String(SHIPPED_BUILD.labelSmoothing ?? 0) },
      'warm-start': { type: 'string' },
      'learning-rate': { type: 'string' },
      handwriting: { type: 'string', default: String(SHIPPED_BUILD.handwritingShare ?? 0) },
      air: { type: 'string', default: String(SHIPPED_BUILD.airShare ?? 0) },
      grid: { type: 'string' },
      // Convolutional members: --cnn GRID,C1,C2,HIDDEN,MEMBERS[,PER_CLASS,EPOCHS]
      // (e.g. 16,16,32,128,1); --cnn none for MLPs only.
      cnn: { type: 'string' },
    },
  });
  const options = {
    perClass: Number(values['per-class']),
    epochs: Number(values.epochs),
    hidden: Number(values.hidden),
    members: Number(values.members),
    labelSmoothing: Number(values.smoothing),
    handwritingShare: Number(values.handwriting),
    airShare: Number(values.air),
    ...(values.grid !== undefined ? { grid: Number(values.grid) } : {}),
    ...cnnOption(values.cnn),
    ...(values['warm-start'] !== undefined
      ? { warmStart: JSON.parse(readFileSync(values['warm-start'], 'utf8')) as SerializedMlp }
      : {}),
    ...(values['learning-rate'] !== undefined
      ? { learningRate: Number(values['learning-rate']) }
      : {}),
  };
  const log = (m: string): void => console.log(m);
  // The convolutional members take longest: they start first, so the MLPs fill the
  // other cores meanwhile (results are kept in member order, so the bytes do not change).
  const order = Array.from({ length: memberCount(options) }, (_, k) => k).reverse();
  const nets = new Array<Member>(order.length);
  const jobs = order.map((k) => async () => {
    nets[k] = await trainInWorker({ k, options }, log);
  });
  await runLimited(jobs, availableParallelism());
  const model = assembleModel(nets, options);
  writeFileSync(values.out, JSON.stringify(model) + '\n');
  console.log(`wrote ${values.out}`);
}

if (isMainThread) {
  await main();
} else {
  const job = workerData as MemberJob;
  const net = trainEnsembleMember(job.k, {
    ...job.options,
    log: (m) => parentPort?.postMessage({ log: m }),
  });
  parentPort?.postMessage({ net });
}
