import {
  addEquation,
  addStroke,
  appendStep,
  finishEquation,
  startSolving,
} from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardContent,
  canonicalJson,
  convergenceViolations,
  equationViolations,
  missingAcknowledged,
  storedVersusLive,
} from './checks.ts';
import type { EquationTally } from './checks.ts';

const NOW = 1_700_000_000_000;

function stroke(doc: Y.Doc, id: string): void {
  addStroke(doc, {
    id,
    points: [
      { x: 0, y: 0, pressure: 0.5, t: 0 },
      { x: 10, y: 5, pressure: 0.5, t: 16 },
    ],
    color: '#1e40af',
    width: 2,
    author: 'test',
    createdAt: NOW,
  });
}

function equation(doc: Y.Doc, id: string, latex: string): void {
  addEquation(doc, {
    id,
    source: 'typed',
    latex,
    mathjs: latex,
    confidence: 1,
    author: 'test',
    x: 0,
    y: 0,
    now: NOW,
  });
}

/** Solves like a worker does: claim, each step, the answer; `repeatSteps` writes the
 * steps that many times (a duplicating worker). */
function solveAs(doc: Y.Doc, id: string, latex: string, solverId: string, repeatSteps = 1): void {
  const result = solve(latex);
  startSolving(doc, id, { solverId, now: NOW });
  for (let i = 0; i < repeatSteps; i++) {
    for (const step of result.steps) {
      appendStep(doc, id, solverId, {
        latex: step.latex,
        explanation: step.explanation,
        rule: step.rule,
        origin: step.source,
      });
    }
  }
  finishEquation(doc, id, { solverId, answer: result.answer!, now: NOW });
}

/** A copy of `doc` through its encoded state (another replica). */
function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const newTally = (): EquationTally => ({
  equations: 0,
  solved: 0,
  solvedByFirstClaim: 0,
  takenOver: 0,
});

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});

describe('convergenceViolations', () => {
  it('accepts replicas with the same content, whatever the order of their edits', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    stroke(a, 's1');
    stroke(b, 's2');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(boardContent(a)).toBe(boardContent(b));
    expect(
      convergenceViolations('board', [
        { label: 'a', doc: a },
        { label: 'b', doc: b },
      ]),
    ).toEqual([]);
  });

  it('names the views that differ and the items only one of them has', () => {
    const a = new Y.Doc();
    stroke(a, 's1');
    const b = replica(a);
    stroke(b, 's2');
    const [violation] = convergenceViolations('board', [
      { label: 'a', doc: a },
      { label: 'b', doc: b },
    ]);
    expect(violation).toContain('[a] vs [b]');
    expect(violation).toContain('only in the second: 1 [s2]');
  });
});

describe('missingAcknowledged', () => {
  it('lists acknowledged edits whose item is not on the board', () => {
    const doc = new Y.Doc();
    stroke(doc, 's1');
    expect(
      missingAcknowledged(doc, [
        { id: 's1', kind: 'stroke' },
        { id: 's2', kind: 'stroke' },
      ]),
    ).toEqual([{ id: 's2', kind: 'stroke' }]);
  });
});

describe('storedVersusLive', () => {
  const live = new Y.Doc();
  stroke(live, 's1');

  it('accepts stored extras that were unacknowledged edits', () => {
    const stored = replica(live);
    stroke(stored, 'in-flight');
    expect(storedVersusLive('board', stored, live, new Set(['in-flight']))).toEqual({
      violations: [],
      storedOnly: ['in-flight'],
    });
  });

  it('refuses a stored extra nobody sent unacknowledged, and a live item not stored', () => {
    const stored = replica(live);
    stroke(stored, 'phantom');
    expect(storedVersusLive('board', stored, live, new Set()).violations).toHaveLength(1);
    const empty = new Y.Doc();
    expect(storedVersusLive('board', empty, live, new Set()).violations[0]).toContain(
      'live items missing in PostgreSQL: s1',
    );
  });
});

describe('equationViolations', () => {
  it('accepts an equation solved once with the solver’s steps', () => {
    const doc = new Y.Doc();
    equation(doc, 'e1', '2x + 3 = 11');
    solveAs(doc, 'e1', '2x + 3 = 11', 'worker-1-1');
    const tally = newTally();
    const claims = new Map([['e1', new Set(['worker-1-1'])]]);
    expect(equationViolations('board', doc, { claims }, tally)).toEqual([]);
    expect(tally).toEqual({ equations: 1, solved: 1, solvedByFirstClaim: 1, takenOver: 0 });
  });

  it('flags duplicated steps, an unsolved equation and the killed worker finishing', () => {
    const doc = new Y.Doc();
    equation(doc, 'twice', '2x + 3 = 11');
    solveAs(doc, 'twice', '2x + 3 = 11', 'worker-1-1', 2);
    equation(doc, 'pending', '5x = 35');
    equation(doc, 'killed', '7x - 4 = 3x + 12');
    solveAs(doc, 'killed', '7x - 4 = 3x + 12', 'worker-2-1');
    const claims = new Map([
      ['twice', new Set(['worker-1-1'])],
      ['killed', new Set(['worker-2-1'])],
    ]);
    const violations = equationViolations(
      'board',
      doc,
      { claims, killedMidSolve: { equationId: 'killed', solverId: 'worker-2-1' } },
      newTally(),
    );
    expect(violations).toHaveLength(3);
    expect(violations.join('\n')).toMatch(/twice.*duplicated/);
    expect(violations.join('\n')).toMatch(/pending.*status pending/);
    expect(violations.join('\n')).toMatch(/killed.*the worker that was killed/);
  });
});
