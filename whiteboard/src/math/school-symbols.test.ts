import { describe, expect, it } from 'vitest';
import { SCHOOL_SYMBOLS_KEY, SchoolSymbols } from './school-symbols.ts';

/** A Storage over a Map (Node has no localStorage by default). */
function memoryStorage(failWrites = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => {
      if (failWrites) throw new Error('QuotaExceededError');
      items.set(k, v);
    },
  };
}

describe('SchoolSymbols', () => {
  it('is off at first, and a choice survives a reload in the same browser', () => {
    const storage = memoryStorage();
    const first = new SchoolSymbols(storage);
    expect(first.getState()).toBe(false);
    expect(first.vocabulary).toBe('core');
    const seen: boolean[] = [];
    first.subscribe(() => seen.push(first.getState()));
    first.toggle();
    first.set(true); // no change: no second notice
    expect(seen).toEqual([true]);
    expect(storage.getItem(SCHOOL_SYMBOLS_KEY)).toBe('1');
    expect(new SchoolSymbols(storage).vocabulary).toBe('all');
    first.set(false);
    expect(new SchoolSymbols(storage).getState()).toBe(false);
  });

  it('still switches for this page when storage is missing or refuses', () => {
    for (const storage of [null, memoryStorage(true)]) {
      const choice = new SchoolSymbols(storage);
      choice.toggle();
      expect(choice.getState()).toBe(true);
    }
  });
});
