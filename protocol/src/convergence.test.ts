import { seededRandom, testSeed } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, readBoard, renameBoard } from './board.ts';
import {
  addEquation,
  appendStep,
  deleteEquation,
  editEquation,
  effectiveStatus,
  failEquation,
  finishEquation,
  listEquations,
  startSolving,
} from './equations.ts';
import { addNote, deleteNoteText, insertNoteText, listNotes, moveNote } from './notes.ts';
import { addStroke, deleteStrokes, listStrokes, moveStrokes, restackStrokes } from './strokes.ts';
import { T0 } from './test-fixtures.ts';

/*
 * Seeded random concurrent editing: three replicas edit the same board through the
 * protocol API while updates travel between them late and interleaved across senders,
 * the way a relay server delivers them: each sender→receiver channel is FIFO (one
 * WebSocket), channels interleave arbitrarily, and now and then a replica "reconnects"
 * and runs a state-vector sync (sync step 1/2). After everything is delivered, the
 * replicas must be identical and fully valid, and the equation lifecycle invariants
 * must hold in the merged state.
 *
 * Per-channel order matters: with updates of one sender shuffled, Yjs can park
 * structures as pending until a state-vector sync (yjs/yjs#591); our transports never
 * reorder one connection, and providers resync on every reconnect.
 */

const REPLICAS = 3;
const OPERATIONS = 250;
/** Random scenarios per run; raise with FUZZ_RUNS=<n> when hunting for failures. */
const RANDOM_RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/**
 * Seeds that once exposed a problem, kept as named regressions (with a name saying what
 * broke). Add one whenever a random run fails. The first two failures (seeds 1645 and
 * 10479, under an earlier network model) are replayed step by step in
 * `equations.test.ts` ("regression: edit, finish and takeover…"), since the network
 * model has changed since and the seeds alone no longer replay them.
 */
const REGRESSION_SEEDS: Record<string, number> = {};

interface Replica {
  readonly doc: Y.Doc;
  /** Per sender, the updates not yet delivered, oldest first. */
  readonly inbox: Map<string, Uint8Array[]>;
  readonly name: string;
}

function makeReplicas(random: Random): Replica[] {
  const replicas = Array.from({ length: REPLICAS }, (_, i) => {
    const doc = new Y.Doc();
    // Yjs breaks ties between concurrent writes by client id: derive it from the seed so
    // that a failing seed replays exactly.
    doc.clientID = random.int(1, 2 ** 31 - 1);
    return { doc, inbox: new Map<string, Uint8Array[]>(), name: `r${i}` };
  });
  for (const source of replicas) {
    source.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'network') return;
      for (const target of replicas) {
        if (target === source) continue;
        const channel = target.inbox.get(source.name) ?? [];
        channel.push(update);
        target.inbox.set(source.name, channel);
      }
    });
  }
  initBoard(replicas[0]!.doc, { title: 'fuzz', createdBy: 'r0', createdAt: T0 });
  return replicas;
}

/** Deliver the next few updates of one random channel, in that channel's order. */
function deliverSome(random: Random, replica: Replica): void {
  const channels = [...replica.inbox.values()].filter((c) => c.length > 0);
  if (channels.length === 0) return;
  const channel = random.pick(channels);
  for (const update of channel.splice(0, random.int(1, channel.length))) {
    Y.applyUpdate(replica.doc, update, 'network');
  }
}

/** Deliver everything still in flight, channels interleaved at random. */
function deliverAll(random: Random, replica: Replica): void {
  while ([...replica.inbox.values()].some((c) => c.length > 0)) deliverSome(random, replica);
}

/** A reconnect: both sides exchange what the other lacks, by state vector. */
function resync(a: Replica, b: Replica): void {
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'network');
  Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), 'network');
}

function randomPoints(random: Random) {
  const n = random.int(1, 12);
  let t = 0;
  return Array.from({ length: n }, () => {
    t += random.int(0, 20);
    return { x: random.int(-500, 500), y: random.int(-500, 500), pressure: random.next(), t };
  });
}

function randomOperation(random: Random, replica: Replica, clock: number): void {
  const { doc, name } = replica;
  // Deterministic ids (unique per replica and moment) keep failing seeds replayable.
  const id = `${name}-${clock - T0}`;
  const strokes = listStrokes(doc).items;
  const equations = listEquations(doc).items;
  const notes = listNotes(doc).items;
  const solverId = `w-${name}`;
  const roll = random.int(0, 15);
  switch (roll) {
    case 0:
    case 1:
      addStroke(doc, {
        id,
        points: randomPoints(random),
        color: '#123456',
        width: 2,
        author: name,
        createdAt: clock,
      });
      return;
    case 2:
      if (strokes.length > 0) deleteStrokes(doc, [random.pick(strokes).id]);
      return;
    case 3:
      if (strokes.length > 0)
        moveStrokes(doc, [random.pick(strokes).id], random.int(-5, 5), random.int(-5, 5));
      return;
    case 4:
      if (strokes.length > 0)
        restackStrokes(doc, [random.pick(strokes).id], random.chance(0.5) ? 'front' : 'back');
      return;
    case 5:
      addEquation(doc, {
        id,
        source: random.pick(['extension', 'whiteboard', 'typed'] as const),
        latex: `x+${random.int(0, 9)}=${random.int(0, 9)}`,
        mathjs: 'x',
        confidence: random.next(),
        strokeIds: strokes.slice(0, 2).map((s) => s.id),
        author: name,
        x: random.int(0, 100),
        y: random.int(0, 100),
        now: clock,
      });
      return;
    case 6:
      if (equations.length > 0) {
        const latex = `${random.int(1, 9)}x=${random.int(0, 9)}`;
        editEquation(doc, random.pick(equations).id, { latex, mathjs: latex, now: clock });
      }
      return;
    case 7:
    case 8: {
      const candidates = equations.filter((e) => {
        const status = effectiveStatus(e);
        return status === 'pending' || (status === 'solving' && e.solverId !== solverId);
      });
      if (candidates.length > 0) {
        const eq = random.pick(candidates);
        startSolving(doc, eq.id, {
          solverId,
          now: clock,
          takeOver: effectiveStatus(eq) === 'solving',
        });
      }
      return;
    }
    case 9:
    case 10:
    case 11: {
      const held = equations.filter(
        (e) => effectiveStatus(e) === 'solving' && e.solverId === solverId,
      );
      if (held.length === 0) return;
      const eq = random.pick(held);
      const choice = random.int(0, 5);
      if (choice <= 3) {
        appendStep(doc, eq.id, solverId, {
          latex: `s${eq.steps.length}`,
          explanation: `by ${solverId}`,
          rule: 'r',
          origin: 'engine',
        });
      } else if (choice === 4) {
        finishEquation(doc, eq.id, {
          solverId,
          answer: { latex: 'x=1', mathjs: 'x = 1' },
          now: clock,
        });
      } else {
        failEquation(doc, eq.id, {
          solverId,
          status: random.pick(['unsupported', 'error'] as const),
          error: 'nope',
          now: clock,
        });
      }
      return;
    }
    case 12:
      if (equations.length > 0 && random.chance(0.3))
        deleteEquation(doc, random.pick(equations).id);
      return;
    case 13:
      addNote(doc, { id, text: 'note', x: 0, y: 0, color: '#ffee00', author: name, now: clock });
      return;
    case 14:
      if (notes.length > 0) {
        const note = random.pick(notes);
        if (random.chance(0.6))
          insertNoteText(doc, note.id, random.int(0, note.text.length), 'ab', clock);
        else deleteNoteText(doc, note.id, random.int(0, note.text.length), random.int(0, 3), clock);
        if (random.chance(0.2)) moveNote(doc, note.id, random.int(0, 50), random.int(0, 50), clock);
      }
      return;
    default:
      renameBoard(doc, `board ${random.int(0, 99)}`);
  }
}

function runScenario(seed: number): Replica[] {
  const random = seededRandom(seed);
  const replicas = makeReplicas(random);
  for (let i = 0; i < OPERATIONS; i++) {
    const replica = random.pick(replicas);
    const roll = random.next();
    if (roll < 0.25) deliverSome(random, replica);
    else if (roll < 0.27) resync(replica, random.pick(replicas.filter((r) => r !== replica)));
    else randomOperation(random, replica, T0 + i);
  }
  // Quiesce: deliver everything. Deliveries are tagged 'network' and not re-broadcast,
  // so nothing new is produced meanwhile and one pass per replica suffices.
  for (const replica of replicas) deliverAll(random, replica);
  return replicas;
}

function assertConvergedAndValid(replicas: Replica[]): void {
  const [first, ...rest] = replicas.map((r) => readBoard(r.doc));
  for (const other of rest) expect(other).toEqual(first);
  const board = first!;
  expect(board.invalid).toEqual([]);
  expect(board.meta).not.toBeNull();
  for (const eq of board.equations) {
    // Steps and the solver that wrote them are always written together.
    for (const step of eq.steps) expect(step.explanation).toBe(`by ${eq.solverId}`);
    if (eq.status === 'pending')
      expect([eq.steps.length, eq.answer, eq.solverId]).toEqual([0, null, null]);
    if (eq.status === 'solved') expect(eq.answer).not.toBeNull();
    if (eq.status === 'unsupported' || eq.status === 'error') expect(eq.error).not.toBeNull();
    if (effectiveStatus(eq) !== 'pending') expect(eq.solvedInput).toBe(eq.latex);
  }
}

describe('concurrent edits on three replicas', () => {
  const regressions = Object.entries(REGRESSION_SEEDS);
  it.skipIf(regressions.length === 0).each(regressions)('regression: %s', (_name, seed) => {
    assertConvergedAndValid(runScenario(seed));
  });

  const base = testSeed('protocol convergence');
  it.each(Array.from({ length: RANDOM_RUNS }, (_, i) => (base + i) >>> 0))(
    'converges and stays valid (seed %i)',
    (seed) => {
      assertConvergedAndValid(runScenario(seed));
    },
  );
});
