/**
 * Whether the math pen reads the school vocabulary (the recognizer's `vocabulary: 'all'`:
 * more letters and θ α β ∞ ∫ Σ → |, for sums, limits, integrals and |x|). Off by default:
 * plain arithmetic reads less reliably with it (measured 48.9 % → 40.7 % exact on core
 * expressions). A choice of this browser, kept in localStorage like the tour's; other open
 * tabs of the board follow it at once (`followOtherTabs`).
 */

export const SCHOOL_SYMBOLS_KEY = 'motionmath.school-symbols';

export type Vocabulary = 'core' | 'all';

export class SchoolSymbols {
  private on: boolean;
  private readonly listeners = new Set<() => void>();
  private readonly storage: Storage | null;

  constructor(storage: Storage | null) {
    this.storage = storage;
    this.on = read(storage);
  }

  getState(): boolean {
    return this.on;
  }

  get vocabulary(): Vocabulary {
    return this.on ? 'all' : 'core';
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(on: boolean): void {
    if (on === this.on) return;
    this.on = on;
    try {
      this.storage?.setItem(SCHOOL_SYMBOLS_KEY, on ? '1' : '0');
    } catch {
      // Storage full or disabled: the choice holds for this page only.
    }
    this.notify();
  }

  /**
   * Follows the choice made in another tab: the browser fires `storage` on every other
   * page of the origin when one writes the key (never on the writer itself). Returns the
   * unsubscribe.
   */
  followOtherTabs(
    target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  ): () => void {
    const onStorage = (event: Event): void => {
      const { key, newValue } = event as StorageEvent;
      // key null: the other tab cleared all storage (back to the default, off).
      if (key !== SCHOOL_SYMBOLS_KEY && key !== null) return;
      const on = key === null ? false : newValue === '1';
      if (on === this.on) return;
      this.on = on;
      this.notify();
    };
    target.addEventListener('storage', onStorage);
    return () => target.removeEventListener('storage', onStorage);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  toggle(): void {
    this.set(!this.on);
  }
}

function read(storage: Storage | null): boolean {
  try {
    return storage?.getItem(SCHOOL_SYMBOLS_KEY) === '1';
  } catch {
    return false;
  }
}
