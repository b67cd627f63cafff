import { describe, expect, it } from 'vitest';
import { classifyDelivery, peerCounts, placeClient } from './client-placement.ts';

describe('placeClient', () => {
  it('puts the 4 members of each of 500 boards on all 3 servers, balanced', () => {
    const servers = new Map<number, Set<number>>();
    const load = [0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      const { board, server } = placeClient(i, 500, 3);
      servers.set(board, (servers.get(board) ?? new Set()).add(server));
      load[server] = (load[server] ?? 0) + 1;
    }
    expect(servers.size).toBe(500);
    for (const used of servers.values()) expect(used.size).toBe(3);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
  });

  it('spreads a board over every server even when boards divide by servers', () => {
    const used = new Set(
      [0, 1, 2, 3].map((member) => placeClient(member * 300 + 7, 300, 3).server),
    );
    expect(used.size).toBe(3);
  });

  it('uses one server for a single-instance run', () => {
    expect(placeClient(1234, 500, 1)).toEqual({ board: 234, server: 0 });
  });
});

describe('classifyDelivery', () => {
  it('is same-instance only on one server', () => {
    expect(classifyDelivery(1, 1)).toBe('same');
    expect(classifyDelivery(0, 2)).toBe('cross');
  });
});

describe('peerCounts', () => {
  it('counts each client’s peers by class: 4 per board over 3 servers', () => {
    const counts = peerCounts(2000, 500, 3);
    // Per board one server holds 2 members: those 2 have 1 same-instance peer each.
    const totals = counts.reduce(
      (sum, c) => ({ same: sum.same + c.same, cross: sum.cross + c.cross }),
      { same: 0, cross: 0 },
    );
    expect(totals).toEqual({ same: 500 * 2, cross: 500 * 10 });
    for (const c of counts) expect(c.same + c.cross).toBe(3);
  });
});
