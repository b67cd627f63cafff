/**
 * Latency of recognition in a browser Web Worker, as the whiteboard runs it: the package
 * bundled by Vite into one worker script, loaded in Debian's Chromium (playwright-core),
 * each expression posted from the page and timed until its answer arrives (so the time
 * includes the structured clone both ways, not only the recognizer).
 *
 * The shipped model is bundled; `model` (a `train.ts --out` file) replaces it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromiumPath, launchChromium } from '@motionmath/testkit';
import type { SerializedMlp } from '../symbols/mlp.ts';

export interface WorkerLatency {
  expressions: number;
  exact: number;
  p50Ms: number;
  p95Ms: number;
}

/** The worker: one classifier for its lifetime, like the whiteboard's recognize.worker. */
const WORKER_SOURCE = `
import { recognizeExpression, SymbolClassifier, latexTokensEqual } from '@motionmath/recognizer';
let classifier = new SymbolClassifier();
self.onmessage = (e) => {
  const { model, strokes, latex } = e.data;
  if (model) { classifier = new SymbolClassifier({ model }); self.postMessage({ ready: true }); return; }
  const result = recognizeExpression(strokes, { classifier });
  self.postMessage({ exact: latexTokensEqual(result.latex, latex) });
};
`;

/** The page side (plain browser JavaScript): posts each expression and times the answer. */
const PAGE_SOURCE = `
window.runBench = async (code, expressions, model) => {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const ask = (message) => new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(message);
  });
  if (model) await ask({ model });
  if (expressions[0]) await ask(expressions[0]); // warm-up: model decoding and JIT, once per page
  const out = [];
  for (const e of expressions) {
    const t0 = performance.now();
    const r = await ask(e);
    out.push({ ms: performance.now() - t0, exact: r.exact === true });
  }
  worker.terminate();
  return out;
};
`;

async function bundleWorker(dir: string): Promise<string> {
  const entry = join(dir, 'worker.js');
  await writeFile(entry, WORKER_SOURCE);
  await build({
    configFile: false,
    logLevel: 'error',
    root: dir,
    // The entry lives in a temp folder: point the package name at its source, whose own
    // imports then resolve from the repository as usual.
    resolve: { alias: { '@motionmath/recognizer': join(import.meta.dirname, '..', 'index.ts') } },
    build: {
      outDir: join(dir, 'out'),
      emptyOutDir: true,
      minify: true,
      lib: { entry, formats: ['iife'], name: 'recognizerBench', fileName: () => 'worker.js' },
    },
  });
  return readFile(join(dir, 'out', 'worker.js'), 'utf8');
}

/**
 * Runs `expressions` (strokes as `{x, y}` points, with their true LaTeX) through the
 * worker, one at a time after one untimed warm-up. Null when Chromium is absent.
 */
export async function benchInWebWorker(
  expressions: readonly { strokes: { x: number; y: number }[][]; latex: string }[],
  model?: SerializedMlp,
): Promise<WorkerLatency | null> {
  if (!existsSync(chromiumPath)) return null;
  const dir = await mkdtemp(join(tmpdir(), 'mm-worker-bench-'));
  const browser = await launchChromium();
  try {
    const code = await bundleWorker(dir);
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>recognizer worker bench</title>');
    await page.addScriptTag({ content: PAGE_SOURCE });
    type Timing = { ms: number; exact: boolean }[];
    const times = await page.evaluate(
      ([c, e, m]) =>
        (globalThis as unknown as { runBench: (...a: unknown[]) => Promise<Timing> }).runBench(
          c,
          e,
          m,
        ),
      [code, expressions, model] as const,
    );
    const ms = times.map((t) => t.ms).sort((a, b) => a - b);
    const at = (q: number): number => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
    return {
      expressions: times.length,
      exact: times.filter((t) => t.exact).length,
      p50Ms: Number(at(0.5).toFixed(2)),
      p95Ms: Number(at(0.95).toFixed(2)),
    };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
