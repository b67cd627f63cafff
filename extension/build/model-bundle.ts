import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { addModelMetadata, buildModelMetadata } from './tflite-metadata.ts';
import { storeZip } from './store-zip.ts';

/**
 * Builds MediaPipe HandLandmarker `.task` bundles (lite and full) from the Apache-2.0
 * models inside the npm package `@mediapipe/hands`, at build time, offline. See
 * ../shared/docs/mediapipe-offline.md for why each step is needed.
 */

export type ModelVariant = 'lite' | 'full';
export const MODEL_VARIANTS: readonly ModelVariant[] = ['lite', 'full'];

/** The entry names the HandLandmarker graph looks up inside a `.task` bundle. */
export const PALM_ENTRY = 'hand_detector.tflite';
export const LANDMARK_ENTRY = 'hand_landmarks_detector.tflite';

/**
 * The models take RGB in [0, 1]: (pixel − 0) / 255. This is what MediaPipe's own
 * hand_landmarker.task declares for the same model family.
 */
const NORMALIZATION = { mean: [0], std: [255] };

const require = createRequire(import.meta.url);
function handsDir(): string {
  return dirname(require.resolve('@mediapipe/hands/package.json'));
}

/** Byte ranges of the files packed into hands_solution_packed_assets.data, from its loader. */
async function packedRanges(dir: string): Promise<Map<string, [number, number]>> {
  const loader = await readFile(join(dir, 'hands_solution_packed_assets_loader.js'), 'utf8');
  const ranges = new Map<string, [number, number]>();
  const re = /"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/g;
  for (const m of loader.matchAll(re)) {
    const name = (m[1] ?? '').split('/').at(-1) ?? '';
    ranges.set(name, [Number(m[2]), Number(m[3])]);
  }
  return ranges;
}

/** One `.task` bundle (a store-only zip) for a model variant. */
export async function buildHandLandmarkerTask(variant: ModelVariant): Promise<Uint8Array> {
  const dir = handsDir();
  const ranges = await packedRanges(dir);
  const palmName = `palm_detection_${variant}.tflite`;
  const range = ranges.get(palmName);
  if (!range) throw new Error(`${palmName} is not listed in the @mediapipe/hands asset loader`);
  const packed = await readFile(join(dir, 'hands_solution_packed_assets.data'));
  const palm = new Uint8Array(packed.subarray(range[0], range[1]));
  const landmarks = new Uint8Array(await readFile(join(dir, `hand_landmark_${variant}.tflite`)));
  return storeZip([
    {
      name: PALM_ENTRY,
      data: addModelMetadata(palm, buildModelMetadata(`palm_detection_${variant}`, NORMALIZATION)),
    },
    {
      name: LANDMARK_ENTRY,
      data: addModelMetadata(
        landmarks,
        buildModelMetadata(`hand_landmark_${variant}`, NORMALIZATION),
      ),
    },
  ]);
}

/** File name of a variant's bundle inside the extension. */
export function taskFileName(variant: ModelVariant): string {
  return `hand_landmarker_${variant}.task`;
}

/** Writes both bundles to `outDir`; returns their paths by variant. */
export async function writeModelBundles(outDir: string): Promise<Record<ModelVariant, string>> {
  await mkdir(outDir, { recursive: true });
  const out = {} as Record<ModelVariant, string>;
  for (const variant of MODEL_VARIANTS) {
    const path = join(outDir, taskFileName(variant));
    await writeFile(path, await buildHandLandmarkerTask(variant));
    out[variant] = path;
  }
  return out;
}

/** The tasks-vision WASM runtime files the tracker page loads (SIMD and fallback). */
export function visionWasmFiles(): { name: string; path: string }[] {
  // The package's exports hide package.json; its main bundle sits at the package root.
  const dir = join(dirname(require.resolve('@mediapipe/tasks-vision')), 'wasm');
  const names = [
    'vision_wasm_internal.js',
    'vision_wasm_internal.wasm',
    'vision_wasm_nosimd_internal.js',
    'vision_wasm_nosimd_internal.wasm',
  ];
  return names.map((name) => ({ name, path: join(dir, name) }));
}
