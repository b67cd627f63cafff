import type { Camera, Point } from '../editor/camera.ts';

/**
 * Presence over Yjs awareness: who is here, where their cursor is, what they look at.
 * Awareness states come from other clients, so they are parsed, never trusted.
 */

export interface PresenceUser {
  readonly id: string;
  readonly name: string;
  readonly color: string;
  readonly role: string;
}

export interface PresenceState {
  readonly user: PresenceUser;
  /** Cursor in board coordinates, null when the pointer is off the board. */
  readonly cursor: Point | null;
  /** What this user sees: their camera and viewport size (for follow mode). */
  readonly view: {
    readonly camera: Camera;
    readonly width: number;
    readonly height: number;
  } | null;
  /** The stroke they are drawing right now (board coordinates), before it is committed. */
  readonly drawing: LiveStroke | null;
}

/** A stroke in progress as peers see it: its centre line, colour and width. */
export interface LiveStroke {
  /** x0, y0, x1, y1, … : flat, so the awareness message stays small. */
  readonly points: readonly number[];
  readonly color: string;
  readonly width: number;
}

/** A live stroke longer than this is cut to its last points: a preview, not a record. */
export const MAX_LIVE_POINTS = 2_000;
/** Same bounds as a committed stroke (protocol LIMITS): a peer cannot draw a flood. */
const MAX_LIVE_WIDTH = 200;

export interface Peer extends PresenceState {
  readonly clientId: number;
}

/** Names are shown in a small label: longer ones are cut. */
export const MAX_NAME_LENGTH = 40;

/** Cursor colours: saturated enough to see on white, each with white text at ≥ 4.5:1 contrast
 * (WCAG AA for the avatars' initials; the ink palette's green and orange, 4.37 and 4.30:1,
 * are one shade darker here: 5.40 and 5.18:1). */
export const PRESENCE_COLORS = [
  '#c2255c',
  '#1864ab',
  '#1f7a34',
  '#862e9c',
  '#c2410c',
  '#0b7285',
  '#5f3dc4',
] as const;

/** A stable colour per user id (FNV-1a hash), so a person keeps their colour across sessions. */
export function colorFor(id: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;

function parsePoint(v: unknown): Point | null {
  const r = asRecord(v);
  return r && isFiniteNumber(r['x']) && isFiniteNumber(r['y']) ? { x: r['x'], y: r['y'] } : null;
}

function parseView(v: unknown): PresenceState['view'] {
  const r = asRecord(v);
  const c = asRecord(r?.['camera']);
  if (!r || !c) return null;
  const { x, y, z } = c;
  const { width, height } = r;
  if (![x, y, z, width, height].every(isFiniteNumber)) return null;
  if ((z as number) <= 0 || (width as number) <= 0 || (height as number) <= 0) return null;
  return {
    camera: { x: x as number, y: y as number, z: z as number },
    width: width as number,
    height: height as number,
  };
}

function parseDrawing(v: unknown): LiveStroke | null {
  const r = asRecord(v);
  if (!r || !Array.isArray(r['points'])) return null;
  const raw = r['points'] as unknown[];
  const points = raw.slice(-2 * MAX_LIVE_POINTS);
  if (points.length < 2 || points.length % 2 !== 0 || !points.every(isFiniteNumber)) return null;
  const color = r['color'];
  const width = r['width'];
  if (typeof color !== 'string' || !/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(color)) return null;
  if (!isFiniteNumber(width) || width <= 0 || width > MAX_LIVE_WIDTH) return null;
  return { points, color, width };
}

/** One awareness state → a peer, or null when it is not a (valid) presence state. */
export function parsePeer(clientId: number, state: unknown): Peer | null {
  const r = asRecord(state);
  const u = asRecord(r?.['user']);
  if (!r || !u || typeof u['id'] !== 'string' || typeof u['name'] !== 'string') return null;
  const color =
    typeof u['color'] === 'string' && /^#[0-9a-f]{6}$/i.test(u['color'])
      ? u['color']
      : colorFor(u['id']);
  return {
    clientId,
    user: {
      id: u['id'],
      name: u['name'].slice(0, MAX_NAME_LENGTH) || 'Anonymous',
      color,
      role: typeof u['role'] === 'string' ? u['role'] : 'editor',
    },
    cursor: parsePoint(r['cursor']),
    view: parseView(r['view']),
    drawing: parseDrawing(r['drawing']),
  };
}

/** Every other client's presence, sorted by name for a stable "who's here" list. */
export function peersFrom(states: ReadonlyMap<number, unknown>, localClientId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === localClientId) continue;
    const peer = parsePeer(clientId, state);
    if (peer) peers.push(peer);
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}

/** Initials for an avatar chip. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0]?.[0], words.at(-1)?.[0]] : [name.trim()[0], name.trim()[1]];
  return letters.filter(Boolean).join('').toUpperCase() || '?';
}

/**
 * Colours everyone can tell apart while the palette lasts: a hashed colour can collide
 * (two people in one colour cannot be told apart). Everyone on the board, us included,
 * in order of client id: the later of two clashing people takes the first free palette
 * colour. Every screen sees the same people, so every screen picks the same colours.
 */
export function withDistinctColors(
  peers: readonly Peer[],
  me: { readonly clientId: number; readonly color: string },
): { peers: Peer[]; myColor: string } {
  const everyone = [
    { clientId: me.clientId, color: me.color },
    ...peers.map((p) => ({ clientId: p.clientId, color: p.user.color })),
  ].sort((a, b) => a.clientId - b.clientId);
  const used = new Set<string>();
  const colors = new Map<number, string>();
  for (const person of everyone) {
    let color = person.color.toLowerCase();
    if (used.has(color)) color = PRESENCE_COLORS.find((c) => !used.has(c.toLowerCase())) ?? color;
    used.add(color.toLowerCase());
    colors.set(person.clientId, color);
  }
  return {
    myColor: colors.get(me.clientId) ?? me.color,
    peers: peers.map((p) => {
      const color = colors.get(p.clientId) ?? p.user.color;
      return color === p.user.color.toLowerCase() ? p : { ...p, user: { ...p.user, color } };
    }),
  };
}
