import { addEquation, finishEquation, startSolving } from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EquationHistory, randomProblem } from './workload.ts';

const NOW = 1_700_000_000_000;

describe('randomProblem', () => {
  it('writes problems the solver solves', () => {
    const random = seededRandom(testSeed('cluster-random-problem'));
    for (let i = 0; i < 50; i++) expect(solve(randomProblem(random)).status).toBe('solved');
  });
});

describe('EquationHistory', () => {
  it('records every claim and an equation that goes back to solving once solved', () => {
    const doc = new Y.Doc();
    const history = new EquationHistory();
    history.watch(doc, 'viewer');
    const latex = '5x = 35';
    addEquation(doc, {
      id: 'e1',
      source: 'typed',
      latex,
      mathjs: latex,
      confidence: 1,
      author: 'test',
      x: 0,
      y: 0,
      now: NOW,
    });
    const answer = solve(latex).answer!;
    startSolving(doc, 'e1', { solverId: 'first', now: NOW });
    // A second worker whose view predates the first one's answer takes the equation over.
    const stale = new Y.Doc();
    Y.applyUpdate(stale, Y.encodeStateAsUpdate(doc));
    startSolving(stale, 'e1', { solverId: 'second', now: NOW, takeOver: true });
    finishEquation(doc, 'e1', { solverId: 'first', answer, now: NOW });
    expect(history.resolvedAgain).toEqual([]);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(stale));
    expect(history.resolvedAgain).toHaveLength(1);
    expect([...(history.claims.get('e1') ?? [])].sort()).toEqual(['first', 'second']);
  });
});
