import { storage } from 'wxt/utils/storage';
import { SerializedValue } from './serialized-value.ts';

/** Everything the user configures (popup and options), kept in `storage.local`. */
export interface Settings {
  /** MotionMath server origin, e.g. `https://motionmath.example` (http only for localhost). */
  serverUrl: string;
  /** Scoped API token (`board:read`, `board:write`) from the whiteboard sign-in. */
  token: string;
  /** Display name of the signed-in account, for the popup. */
  account: string;
  boardId: string;
  /** The chosen board's name as the server listed it, for the popup. */
  boardName: string;
  /** `deviceId` of the chosen camera, '' for the default one. */
  cameraId: string;
  writingMode: 'point' | 'pinch';
  handedness: 'right' | 'left';
  /** 1 (steadier, more lag) … 5 (follows fast, more jitter). */
  sensitivity: number;
  model: 'lite' | 'full';
  showPreview: boolean;
  /** Recognize the whole school vocabulary (more letters, θ α β ∞ ∫ Σ → |), not the core set. */
  schoolSymbols: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: 'http://127.0.0.1:8787',
  token: '',
  account: '',
  boardId: '',
  boardName: '',
  cameraId: '',
  writingMode: 'point',
  handedness: 'right',
  sensitivity: 3,
  // Lite: about half the per-frame time of full on a 2-core laptop, same pen accuracy
  // within a pixel or two on the air-writing set (see README).
  model: 'lite',
  showPreview: true,
  // Off: the bigger vocabulary reads plain arithmetic less reliably (measured 48.9 % →
  // 40.7 % exact on core expressions), so only those who need ∫ or Σ pay for it.
  schoolSymbols: false,
};

const settingsItem = storage.defineItem<Partial<Settings>>('local:settings', { fallback: {} });
/** Saves run one after another: two quick edits must not both read the old settings. */
const settings = new SerializedValue(settingsItem);

export async function loadSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settings.get()) };
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = await settings.update((stored) => ({ ...DEFAULT_SETTINGS, ...stored, ...patch }));
  return { ...DEFAULT_SETTINGS, ...next };
}

export function onSettingsChanged(fn: (s: Settings) => void): () => void {
  return settingsItem.watch((stored) => fn({ ...DEFAULT_SETTINGS, ...stored }));
}
