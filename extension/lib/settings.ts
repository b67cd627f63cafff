import { browser } from 'wxt/browser';

/** Everything the user configures (popup and options), kept in `storage.local`. */
export interface Settings {
  /** MotionMath server origin, e.g. `https://motionmath.example` (http only for localhost). */
  serverUrl: string;
  /** Scoped API token (`board:read`, `board:write`) from the whiteboard sign-in. */
  token: string;
  /** Display name of the signed-in account, for the popup. */
  account: string;
  boardId: string;
  /** `deviceId` of the chosen camera, '' for the default one. */
  cameraId: string;
  writingMode: 'point' | 'pinch';
  handedness: 'right' | 'left';
  /** 1 (steadier, more lag) … 5 (follows fast, more jitter). */
  sensitivity: number;
  model: 'lite' | 'full';
  showPreview: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: 'http://127.0.0.1:8787',
  token: '',
  account: '',
  boardId: '',
  cameraId: '',
  writingMode: 'point',
  handedness: 'right',
  sensitivity: 3,
  // Lite: about half the per-frame time of full on a 2-core laptop, same pen accuracy
  // within a pixel or two on the air-writing set (see README).
  model: 'lite',
  showPreview: true,
};

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Saves run one after another: two quick edits must not both read the old settings. */
let saving: Promise<unknown> = Promise.resolve();

export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = saving.then(async () => {
    const next = { ...(await loadSettings()), ...patch };
    await browser.storage.local.set({ [KEY]: next });
    return next;
  });
  saving = run.catch(() => undefined);
  return run;
}

export function onSettingsChanged(fn: (s: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && changes[KEY])
      fn({ ...DEFAULT_SETTINGS, ...(changes[KEY].newValue as Partial<Settings>) });
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * One Euro smoothing per sensitivity step. minCutoff sets steadiness at rest; beta how
 * quickly the filter opens up with speed. Step 3 is the recognizer's default (2 Hz, 40), tuned on real MediaPipe noise.
 */
export function smoothingFor(sensitivity: number): { minCutoff: number; beta: number } {
  const step = Math.min(5, Math.max(1, Math.round(sensitivity)));
  const MIN_CUTOFF_HZ = [0.8, 1.4, 2, 3, 4.5];
  const BETA = [15, 25, 40, 60, 90];
  return { minCutoff: MIN_CUTOFF_HZ[step - 1] ?? 2, beta: BETA[step - 1] ?? 40 };
}
