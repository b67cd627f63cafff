import {
  MAX_SAMPLES_PER_LABEL,
  SAMPLES_CLIENT_BUDGET_BYTES,
  SAMPLES_FORMAT,
} from '@motionmath/protocol';
import type {
  PersonalSample,
  PersonalSamplesFile as PersonalSamplesJson,
} from '@motionmath/protocol';
import type { InkStrokes } from './recognition.ts';

/** The caps are the protocol's (`PersonalSamplesFileSchema`): per label we keep the newest,
 * since the user's hand drifts and the latest correction matters most; the file stays
 * under the client budget, a little below the server's limit, so a save never gets a 413. */
export { MAX_SAMPLES_PER_LABEL };
export const MAX_SAMPLES_BYTES = SAMPLES_CLIENT_BUDGET_BYTES;
/** Corrections come in bursts (several symbols of one draft): one save after the burst. */
export const SAVE_DEBOUNCE_MS = 1500;
/** Points are kept to 0.1 board units: the recognizer is scale-free and symbols are tens
 * of units tall, so more digits only make the file bigger. */
const POINT_PRECISION = 10;

/** How samples reach the server (the ApiClient methods). */
export interface SamplesApi {
  getSamples(): Promise<PersonalSamplesJson>;
  putSamples(file: PersonalSamplesJson): Promise<void>;
}

/** What a listener (a board's recognizer) must apply. */
export type SamplesChange =
  | { readonly kind: 'replace'; readonly file: PersonalSamplesJson }
  | { readonly kind: 'add'; readonly sample: PersonalSample };

/** The copy in localStorage; `unsaved` until the server has it. */
interface StoredCopy {
  file: PersonalSamplesJson;
  unsaved: boolean;
}

const emptyFile = (): PersonalSamplesJson => ({ format: SAMPLES_FORMAT, samples: [] });

export const storageKey = (userId: string) => `motionmath.personal-samples.${userId}`;

/** Drops the oldest samples beyond the per-label cap, then beyond the size limit. */
export function trimSamples(samples: readonly PersonalSample[]): PersonalSample[] {
  const perLabel = new Map<string, number>();
  const kept: PersonalSample[] = [];
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i] as PersonalSample;
    const count = (perLabel.get(sample.label) ?? 0) + 1;
    perLabel.set(sample.label, count);
    if (count <= MAX_SAMPLES_PER_LABEL) kept.unshift(sample);
  }
  let bytes = JSON.stringify({ format: SAMPLES_FORMAT, samples: kept }).length;
  while (bytes > MAX_SAMPLES_BYTES && kept.length > 0) {
    bytes -= JSON.stringify(kept.shift()).length + 1;
  }
  return kept;
}

/**
 * The signed-in user's personal handwriting samples: loaded from the server on sign-in,
 * grown by corrections on the draft card, saved back (debounced). Every change is first
 * written to localStorage (keyed by user id) marked unsaved, so a failed save loses
 * nothing: the next load sends the local copy again.
 */
export class PersonalSamples {
  private file: PersonalSamplesJson = emptyFile();
  private readonly listeners = new Set<(change: SamplesChange) => void>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly api: SamplesApi;
  private readonly key: string;
  private readonly storage: Storage | null;

  constructor(options: { api: SamplesApi; userId: string; storage: Storage | null }) {
    this.api = options.api;
    this.key = storageKey(options.userId);
    this.storage = options.storage;
  }

  get current(): PersonalSamplesJson {
    return this.file;
  }

  /** Calls `listener` with every change, starting with the current samples. */
  subscribe(listener: (change: SamplesChange) => void): () => void {
    this.listeners.add(listener);
    listener({ kind: 'replace', file: this.file });
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Loads the samples: an unsaved local copy wins (it is the server's samples plus the
   * corrections made since) and is sent again; else the server's; else, offline, the
   * last local copy. */
  async load(): Promise<void> {
    const local = this.readLocal();
    if (local?.unsaved) {
      this.replace(local.file);
      await this.save();
      return;
    }
    try {
      const remote = await this.api.getSamples();
      this.writeLocal({ file: remote, unsaved: false });
      this.replace(remote);
    } catch {
      if (local) this.replace(local.file);
    }
  }

  /** Adds the user's strokes as a sample of `label`; recognition uses it at once. */
  add(label: string, strokes: InkStrokes): void {
    const sample: PersonalSample = {
      label,
      strokes: strokes.map((s) =>
        s.map((p) => ({
          x: Math.round(p.x * POINT_PRECISION) / POINT_PRECISION,
          y: Math.round(p.y * POINT_PRECISION) / POINT_PRECISION,
        })),
      ),
    };
    const all = [...this.file.samples, sample];
    const kept = trimSamples(all);
    this.file = { format: SAMPLES_FORMAT, samples: kept };
    this.writeLocal({ file: this.file, unsaved: true });
    const change: SamplesChange =
      kept.length === all.length ? { kind: 'add', sample } : { kind: 'replace', file: this.file };
    for (const listener of this.listeners) listener(change);
    this.scheduleSave();
  }

  /** Sends any pending save now (leaving the page, signing out). */
  flush(): Promise<void> {
    if (this.saveTimer === null) return Promise.resolve();
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    return this.save();
  }

  /** On sign-out: a shared computer keeps no one's handwriting, unless the server does
   * not have it yet (then it waits for that user's next sign-in). */
  forgetLocalCopy(): void {
    if (this.readLocal()?.unsaved) return;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // Storage disabled: there is nothing to remove.
    }
  }

  private scheduleSave() {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, SAVE_DEBOUNCE_MS);
  }

  private async save(): Promise<void> {
    const file = this.file;
    try {
      await this.api.putSamples(file);
    } catch {
      return; // Kept locally as unsaved: the next load (or correction) sends it again.
    }
    // A correction made while saving is still unsaved.
    if (this.file === file) this.writeLocal({ file, unsaved: false });
  }

  private replace(file: PersonalSamplesJson) {
    this.file = file;
    for (const listener of this.listeners) listener({ kind: 'replace', file });
  }

  private readLocal(): StoredCopy | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const copy = JSON.parse(raw) as Partial<StoredCopy>;
      const file = copy.file;
      if (file?.format !== SAMPLES_FORMAT || !Array.isArray(file.samples)) return null;
      return { file, unsaved: copy.unsaved === true };
    } catch {
      return null;
    }
  }

  private writeLocal(copy: StoredCopy) {
    try {
      this.storage?.setItem(this.key, JSON.stringify(copy));
    } catch {
      // Storage full or disabled: the samples still live in memory and on the server.
    }
  }
}
