import { describe, expect, it } from 'vitest';
import { sendsDue } from './pacer.ts';

describe('sendsDue', () => {
  it('keeps the long-run rate exact whatever the tick timing', () => {
    let sent = 0;
    for (const elapsed of [3, 7, 20, 21, 500, 999, 1000]) sent += sendsDue(elapsed, 250, sent);
    expect(sent).toBe(250);
  });

  it('catches up after a stalled tick and never goes negative', () => {
    expect(sendsDue(2000, 100, 50)).toBe(150);
    expect(sendsDue(100, 10, 5)).toBe(0);
  });
});
