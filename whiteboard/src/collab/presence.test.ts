import { describe, expect, it } from 'vitest';
import {
  colorFor,
  initials,
  parsePeer,
  peersFrom,
  PRESENCE_COLORS,
  withDistinctColors,
} from './presence.ts';

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

  it('gives clashing peers distinct colours, the same on every screen', () => {
    const user = (id: string, color: string) => ({ id, name: id, color, role: 'editor' });
    const peer = (clientId: number, color: string) => ({
      clientId,
      user: user(`u${clientId}`, color),
      cursor: null,
      view: null,
      drawing: null,
    });
    const red = PRESENCE_COLORS[0];
    // Three people hashed to one colour; each screen computes the same assignment.
    const a = withDistinctColors([peer(7, red), peer(3, red)], { clientId: 5, color: red });
    const b = withDistinctColors([peer(5, red), peer(7, red)], { clientId: 3, color: red });
    const colorsA = new Map([
      [5, a.myColor],
      ...a.peers.map((p) => [p.clientId, p.user.color] as const),
    ]);
    const colorsB = new Map([
      [3, b.myColor],
      ...b.peers.map((p) => [p.clientId, p.user.color] as const),
    ]);
    expect(colorsA).toEqual(colorsB);
    expect(new Set(colorsA.values()).size).toBe(3);
    // The first to arrive keeps its colour.
    expect(colorsA.get(3)).toBe(red);
  });

  it('parses a live stroke and drops a malformed one', () => {
    const user = { id: 'u', name: 'T' };
    const drawing = { points: [0, 0, 10, 10], color: '#1864ab', width: 4 };
    expect(parsePeer(1, { user, drawing })?.drawing).toEqual(drawing);
    expect(parsePeer(1, { user, drawing: { ...drawing, points: [0, 'x'] } })?.drawing).toBeNull();
    expect(parsePeer(1, { user, drawing: { ...drawing, color: 'red;' } })?.drawing).toBeNull();
    expect(parsePeer(1, { user, drawing: { ...drawing, width: 1e9 } })?.drawing).toBeNull();
  });
});

describe('presence colours', () => {
  /** WCAG relative luminance of a #rrggbb colour. */
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };

  it('each carries white initials at 4.5:1 or more (WCAG AA)', () => {
    for (const color of PRESENCE_COLORS)
      expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
  });
});
