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
}

export interface Peer extends PresenceState {
  readonly clientId: number;
}

/** Names are shown in a small label: longer ones are cut. */
export const MAX_NAME_LENGTH = 40;

/** Cursor colours: saturated enough to see on white, each with white text at ≥ 4.5:1 contrast. */
export const PRESENCE_COLORS = [
  '#c2255c',
  '#1864ab',
  '#2b8a3e',
  '#862e9c',
  '#d9480f',
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
