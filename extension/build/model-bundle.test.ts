import { describe, expect, it } from 'vitest';
import {
  LANDMARK_ENTRY,
  MODEL_VARIANTS,
  PALM_ENTRY,
  buildHandLandmarkerTask,
} from './model-bundle.ts';
import { readZip } from './store-zip.ts';
import { readModelMetadata } from './tflite-metadata.ts';

/** Compression method 0 = stored; anything else makes MediaPipe refuse the bundle. */
const ZIP_STORED = 0;
/** TFLite metadata colour space enum value for RGB. */
const RGB = 1;

describe.each(MODEL_VARIANTS)('hand_landmarker_%s.task', (variant) => {
  it('is a store-only zip with both models, each carrying input normalization metadata', async () => {
    const entries = readZip(await buildHandLandmarkerTask(variant));
    expect(entries.map((e) => e.name).sort()).toEqual([PALM_ENTRY, LANDMARK_ENTRY].sort());
    for (const entry of entries) {
      expect(entry.method, entry.name).toBe(ZIP_STORED);
      expect(new TextDecoder().decode(entry.data.subarray(4, 8))).toBe('TFL3');
      const meta = readModelMetadata(entry.data);
      expect(meta, `${entry.name} has TFLITE_METADATA`).not.toBeNull();
      expect(meta?.mean).toEqual([0]);
      expect(meta?.std).toEqual([255]);
      expect(meta?.colorSpace).toBe(RGB);
      expect(meta?.name).toContain(variant);
    }
  });

  it('is reproducible byte for byte', async () => {
    const [a, b] = await Promise.all([
      buildHandLandmarkerTask(variant),
      buildHandLandmarkerTask(variant),
    ]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
