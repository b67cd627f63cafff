import type { Point } from '../ink-renderer.ts';

/** Laser dots fade out over this long (ms of tracker time). */
export const LASER_FADE_MS = 600;

/**
 * Laser mode: a fading trail of the cursor instead of ink. Times are the tracker's frame
 * times, so the trail fades with the frames, not the wall clock.
 */
export class Laser {
  on = false;
  private dots: { point: Point; t: number }[] = [];

  toggle(): boolean {
    this.on = !this.on;
    if (!this.on) this.dots = [];
    return this.on;
  }

  add(point: Point, t: number): void {
    if (this.on) this.dots.push({ point, t });
  }

  /** The dots still visible at `now`, with their age (0 = fresh … 1 = gone); older ones are dropped. */
  visible(now: number): { point: Point; age: number }[] {
    this.dots = this.dots.filter((d) => now - d.t < LASER_FADE_MS);
    return this.dots.map((d) => ({ point: d.point, age: (now - d.t) / LASER_FADE_MS }));
  }
}
