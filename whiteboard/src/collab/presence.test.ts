import { describe, expect, it } from 'vitest';
import { colorFor, initials, parsePeer, peersFrom, PRESENCE_COLORS } from './presence.ts';

describe('presence', () => {
  it('parses valid states and drops garbage from other clients', () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: 'u1', name: 'Zoe', color: '#1864ab' }, cursor: { x: 5, y: 6 } }],
      [2, { user: { id: 'u2', name: 'Adam', color: 'javascript:alert(1)' }, cursor: { x: 'a' } }],
      [3, { cursor: { x: 1, y: 1 } }],
      [4, null],
      [5, { user: { id: 'me', name: 'Me' } }],
    ]);
    const peers = peersFrom(states, 5);
    expect(peers.map((p) => p.user.name)).toEqual(['Adam', 'Zoe']);
    expect(peers[0]?.user.color).toBe(colorFor('u2'));
    expect(peers[0]?.cursor).toBeNull();
    expect(peers[1]?.cursor).toEqual({ x: 5, y: 6 });
  });

  it('accepts a view only with a positive zoom and size', () => {
    const user = { id: 'u', name: 'T' };
    expect(
      parsePeer(1, { user, view: { camera: { x: 0, y: 0, z: 2 }, width: 800, height: 600 } })?.view,
    ).toEqual({
      camera: { x: 0, y: 0, z: 2 },
      width: 800,
      height: 600,
    });
    expect(
      parsePeer(1, { user, view: { camera: { x: 0, y: 0, z: 0 }, width: 800, height: 600 } })?.view,
    ).toBeNull();
    expect(
      parsePeer(1, { user, view: { camera: { x: 0, y: 0, z: 1 }, width: Infinity, height: 1 } })
        ?.view,
    ).toBeNull();
  });

  it('cuts long names and gives a stable palette colour per id', () => {
    const peer = parsePeer(1, { user: { id: 'x', name: 'n'.repeat(500) } });
    expect(peer?.user.name).toHaveLength(40);
    expect(colorFor('same')).toBe(colorFor('same'));
    expect(PRESENCE_COLORS).toContain(colorFor('anyone'));
  });

  it('makes initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('bob')).toBe('BO');
    expect(initials('  ')).toBe('?');
  });
});
