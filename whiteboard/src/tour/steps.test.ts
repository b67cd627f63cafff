import { describe, expect, it } from 'vitest';
import { hasSeenTour, markTourSeen, TOUR_STEPS, tourSeenKey } from './steps.ts';

/** A real Storage-shaped map: jsdom is not part of the unit tests. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('tour', () => {
  it('has 3 to 5 short steps', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(3);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(5);
    for (const s of TOUR_STEPS) expect(s.text.length).toBeLessThan(160);
  });

  it('is seen once per user', () => {
    const storage = new MemoryStorage();
    expect(hasSeenTour(storage, 'u1')).toBe(false);
    markTourSeen(storage, 'u1');
    expect(hasSeenTour(storage, 'u1')).toBe(true);
    expect(hasSeenTour(storage, 'u2')).toBe(false);
    expect(storage.getItem(tourSeenKey('u1'))).toBe('1');
  });

  it('shows the tour when storage is unavailable', () => {
    expect(hasSeenTour(null, 'u1')).toBe(false);
    expect(() => markTourSeen(null, 'u1')).not.toThrow();
  });
});
