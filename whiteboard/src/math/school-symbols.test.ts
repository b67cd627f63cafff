import { describe, expect, it } from 'vitest';
import { memoryStorage } from './memory-storage.ts';
import { SCHOOL_SYMBOLS_KEY, SchoolSymbols } from './school-symbols.ts';

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

  it('follows a choice made in another tab, and stops when asked', () => {
    const choice = new SchoolSymbols(memoryStorage());
    const tab = new EventTarget();
    const seen: boolean[] = [];
    choice.subscribe(() => seen.push(choice.getState()));
    const stop = choice.followOtherTabs(tab);
    const storageEvent = (key: string | null, newValue: string | null) =>
      Object.assign(new Event('storage'), { key, newValue });
    tab.dispatchEvent(storageEvent('other-key', '1'));
    expect(choice.getState()).toBe(false);
    tab.dispatchEvent(storageEvent(SCHOOL_SYMBOLS_KEY, '1'));
    expect(choice.vocabulary).toBe('all');
    tab.dispatchEvent(storageEvent(null, null)); // the other tab cleared storage
    expect(choice.getState()).toBe(false);
    stop();
    tab.dispatchEvent(storageEvent(SCHOOL_SYMBOLS_KEY, '1'));
    expect(choice.getState()).toBe(false);
    expect(seen).toEqual([true, false]);
  });
});
