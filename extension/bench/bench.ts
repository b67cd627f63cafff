/**
 * Per-frame cost of the extension in real Chromium, for the lite and full models: landmark
 * detection (HandLandmarker.detectForVideo in the tracker page) plus gestures, recognition
 * and drawing (PenSession + recognizer + canvas in the overlay). The fake camera plays the
 * same air-writing video as the end-to-end test. Prints p50/p95 and writes
 * bench-results/extension.json.
 *
 *   npm run bench -w extension          (BENCH_FRAMES=300 frames per model by default)
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, serveStatic, sharedData } from '@motionmath/testkit';
import { percentile } from '../lib/frame-stats.ts';
import type { ChromeInWorker } from '../test/chrome-api.ts';
import {
  fakeCameraArgs,
  openExtension,
  toggleOverlay,
  waitUntil,
} from '../test/browser-session.ts';
import { pickEquation } from '../test/equation.ts';
import { VIDEO_FPS, VIDEO_HEIGHT, VIDEO_WIDTH, writeAirWritingY4m } from '../test/fake-camera.ts';

/** Frames measured per model (after warm-up). */
const FRAMES = Number(process.env['BENCH_FRAMES'] ?? 300);
/** Frames dropped at the start: model load, JIT and the first palm detection. */
const WARMUP_FRAMES = 30;
const MODELS = ['lite', 'full'] as const;

interface Stats {
  frames: number;
  detectMs: number[];
  overlayMs: number[];
}

function summary(values: number[]) {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    n: values.length,
  };
}

const hands = sharedData('hands/landmarks.json');
const crohme = sharedData('crohme/train.jsonl.gz');
if (!hands.path || !crohme.path) {
  console.error(`extension bench ${hands.skipReason ?? crohme.skipReason ?? ''}`);
  process.exit(1);
}

const equation = pickEquation(crohme.path);
const dir = await mkdtemp(join(tmpdir(), 'motionmath-bench-'));
const y4m = join(dir, 'air-writing.y4m');
const videoFrames = await writeAirWritingY4m(join(hands.path, '..'), equation.strokes, y4m);
const site = await serveStatic({ '/': '<!doctype html><title>bench</title><h1>bench</h1>' });
const session = await openExtension(fakeCameraArgs(y4m));
const results: Record<string, unknown> = {};
try {
  for (const model of MODELS) {
    await session.worker.evaluate(
      async (settings) => {
        const chrome = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
        await chrome.storage.local.set({ settings });
      },
      { model, writingMode: 'point', serverUrl: '', token: '', boardId: '' },
    );
    const page = await session.browser.context.newPage();
    await page.goto(`${site.url}/`);
    await toggleOverlay(session, page);
    const read = async (): Promise<Stats | null> => {
      const raw = await page.locator('motionmath-overlay .mm-root').getAttribute('data-stats');
      return raw ? (JSON.parse(raw) as Stats) : null;
    };
    await waitUntil(
      `${FRAMES + WARMUP_FRAMES} frames (${model})`,
      async () => ((await read())?.frames ?? 0) >= FRAMES + WARMUP_FRAMES,
      180_000,
    );
    const stats = (await read()) as Stats;
    await toggleOverlay(session, page);
    await page.close();
    const keep = Math.min(FRAMES, stats.detectMs.length - WARMUP_FRAMES);
    const detect = stats.detectMs.slice(-keep);
    const overlay = stats.overlayMs.slice(-keep);
    const total = detect.map((d, i) => d + (overlay[i] ?? 0));
    results[model] = {
      landmarksMs: summary(detect),
      gesturesAndDrawingMs: summary(overlay),
      perFrameMs: summary(total),
    };
    const t = summary(total);
    const d = summary(detect);
    const o = summary(overlay);
    console.log(
      `${model.padEnd(4)}  per frame p50 ${t.p50} ms  p95 ${t.p95} ms   (landmarks p50 ${d.p50} / p95 ${d.p95}; gestures+recognition+drawing p50 ${o.p50} / p95 ${o.p95}; n=${t.n})`,
    );
  }
} finally {
  await session.close();
  await site.close();
  await rm(dir, { recursive: true, force: true });
}

const out = {
  benchmark: 'extension per-frame time in Chromium (fake camera, air-writing video)',
  date: new Date().toISOString(),
  // Shared development machine: the load average says how contended the CPUs were.
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', loadAverage1m: loadavg()[0] },
  video: {
    width: VIDEO_WIDTH,
    height: VIDEO_HEIGHT,
    fps: VIDEO_FPS,
    frames: videoFrames,
    equation: equation.truth,
  },
  warmupFrames: WARMUP_FRAMES,
  results,
};
await mkdir(join(repoRoot, 'bench-results'), { recursive: true });
await writeFile(
  join(repoRoot, 'bench-results', 'extension.json'),
  `${JSON.stringify(out, null, 2)}\n`,
);
console.log('wrote bench-results/extension.json');
