import { SAMPLES_FORMAT } from '@motionmath/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonalSamplesJson } from '@motionmath/recognizer';
import {
  MAX_SAMPLES_BYTES,
  MAX_SAMPLES_PER_LABEL,
  PersonalSamples,
  SAVE_DEBOUNCE_MS,
  storageKey,
  trimSamples,
} from './personal-samples.ts';
import { memoryStorage } from './memory-storage.ts';
import type { SamplesApi, SamplesChange } from './personal-samples.ts';

/** A server that can be taken offline. */
function fakeApi(initial: PersonalSamplesJson) {
  const state = { stored: initial, online: true, puts: 0 };
  const api: SamplesApi = {
    getSamples: () =>
      state.online ? Promise.resolve(state.stored) : Promise.reject(new Error('offline')),
    putSamples: (file) => {
      if (!state.online) return Promise.reject(new Error('offline'));
      state.puts++;
      state.stored = file;
      return Promise.resolve();
    },
  };
  return { api, state };
}

const FORMAT = SAMPLES_FORMAT;
const stroke = (n = 5) => [Array.from({ length: n }, (_, i) => ({ x: i * 1.234, y: i * 2 }))];

describe('personal samples', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads the server’s samples and tells listeners', async () => {
    const { api } = fakeApi({ format: FORMAT, samples: [{ label: '7', strokes: stroke() }] });
    const samples = new PersonalSamples({ api, userId: 'u1', storage: memoryStorage() });
    const changes: SamplesChange[] = [];
    samples.subscribe((c) => changes.push(c));
    await samples.load();
    expect(changes.map((c) => c.kind)).toEqual(['replace', 'replace']);
    expect(samples.current.samples.map((s) => s.label)).toEqual(['7']);
  });

  it('saves a correction once after a burst, with points rounded', async () => {
    const { api, state } = fakeApi({ format: FORMAT, samples: [] });
    const samples = new PersonalSamples({ api, userId: 'u1', storage: memoryStorage() });
    await samples.load();
    const changes: SamplesChange[] = [];
    samples.subscribe((c) => changes.push(c));
    samples.add('x', stroke());
    samples.add('y', stroke());
    expect(changes.slice(1).map((c) => c.kind)).toEqual(['add', 'add']);
    expect(state.puts).toBe(0);
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(state.puts).toBe(1);
    expect(state.stored.samples.map((s) => s.label)).toEqual(['x', 'y']);
    expect(state.stored.samples[0]?.strokes[0]?.[1]).toEqual({ x: 1.2, y: 2 });
  });

  it('keeps a failed save locally and sends it on the next load', async () => {
    const { api, state } = fakeApi({ format: FORMAT, samples: [] });
    const storage = memoryStorage();
    const first = new PersonalSamples({ api, userId: 'u1', storage });
    await first.load();
    state.online = false;
    first.add('3', stroke());
    await vi.advanceTimersByTimeAsync(SAVE_DEBOUNCE_MS);
    expect(state.stored.samples).toEqual([]);
    expect(JSON.parse(storage.getItem(storageKey('u1')) ?? '{}')).toMatchObject({
      unsaved: true,
    });

    // Offline on the next visit too: the local copy is used.
    const offline = new PersonalSamples({ api, userId: 'u1', storage });
    await offline.load();
    expect(offline.current.samples.map((s) => s.label)).toEqual(['3']);

    state.online = true;
    const next = new PersonalSamples({ api, userId: 'u1', storage });
    await next.load();
    expect(state.stored.samples.map((s) => s.label)).toEqual(['3']);
    expect(JSON.parse(storage.getItem(storageKey('u1')) ?? '{}')).toMatchObject({
      unsaved: false,
    });
    // Another user on the same browser does not get them, and signing out removes them.
    const other = new PersonalSamples({ api, userId: 'u2', storage });
    expect(other.current.samples).toEqual([]);
    next.forgetLocalCopy();
    expect(storage.getItem(storageKey('u1'))).toBeNull();
  });

  it('keeps an unsaved copy through a sign-out', async () => {
    const { api, state } = fakeApi({ format: FORMAT, samples: [] });
    const storage = memoryStorage();
    const samples = new PersonalSamples({ api, userId: 'u1', storage });
    await samples.load();
    state.online = false;
    samples.add('5', stroke());
    await samples.flush();
    samples.forgetLocalCopy();
    expect(storage.getItem(storageKey('u1'))).not.toBeNull();
  });

  it('keeps the newest samples per label and under the size limit', () => {
    const many = Array.from({ length: MAX_SAMPLES_PER_LABEL + 3 }, (_, i) => ({
      label: '7',
      strokes: [[{ x: i, y: 0 }]],
    }));
    const kept = trimSamples([{ label: '1', strokes: stroke() }, ...many]);
    expect(kept.filter((s) => s.label === '7')).toEqual(many.slice(3));
    expect(kept[0]?.label).toBe('1');

    const big = Array.from({ length: 400 }, (_, i) => ({ label: `s${i}`, strokes: stroke(60) }));
    const trimmed = trimSamples(big);
    expect(JSON.stringify({ format: FORMAT, samples: trimmed }).length).toBeLessThanOrEqual(
      MAX_SAMPLES_BYTES,
    );
    expect(trimmed.at(-1)).toBe(big.at(-1));
    expect(trimmed.length).toBeLessThan(big.length);
  });
});
