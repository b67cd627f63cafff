import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import {
  addEquation,
  appendStep,
  editEquation,
  effectiveStatus,
  failEquation,
  finishEquation,
  listEquations,
  readEquation,
  startSolving,
} from './equations.ts';
import { BoardValidationError, EquationStateError } from './errors.ts';
import { T0 } from './test-fixtures.ts';

function boardWithEquation(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'b', createdBy: 'u1', createdAt: T0 });
  addEquation(doc, {
    id: 'e1',
    source: 'extension',
    latex: '2x+3=7',
    mathjs: '2x+3=7',
    confidence: 0.9,
    alternatives: [{ latex: '2x+3=1', mathjs: '2x+3=1', confidence: 0.05 }],
    strokeIds: ['s1', 's2'],
    author: 'u1',
    x: 10,
    y: 20,
    now: T0,
  });
  return doc;
}

const step = (latex: string) => ({
  latex,
  explanation: 'because',
  rule: 'subtract',
  origin: 'engine' as const,
});

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('equation lifecycle', () => {
  it('goes pending → solving → solved with steps in order', () => {
    const doc = boardWithEquation();
    expect(readEquation(doc, 'e1').status).toBe('pending');
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 + 1 });
    appendStep(doc, 'e1', 'w1', step('2x=4'));
    appendStep(doc, 'e1', 'w1', step('x=2'));
    const solved = finishEquation(doc, 'e1', {
      solverId: 'w1',
      answer: { latex: 'x=2', mathjs: 'x = 2' },
      now: T0 + 2,
    });
    expect(solved.status).toBe('solved');
    expect(effectiveStatus(solved)).toBe('solved');
    expect(solved.steps.map((s) => s.latex)).toEqual(['2x=4', 'x=2']);
    expect(solved.answer).toEqual({ latex: 'x=2', mathjs: 'x = 2' });
    expect(solved.solvedInput).toBe('2x+3=7');
  });

  it('records failures with a reason', () => {
    const doc = boardWithEquation();
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 });
    const failed = failEquation(doc, 'e1', {
      solverId: 'w1',
      status: 'unsupported',
      error: 'no rule',
      now: T0,
    });
    expect(failed.status).toBe('unsupported');
    expect(failed.error).toBe('no rule');
  });

  it('refuses steps from a worker that does not hold the equation', () => {
    const doc = boardWithEquation();
    expect(() => appendStep(doc, 'e1', 'w1', step('x=2'))).toThrow(EquationStateError);
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 });
    expect(() => appendStep(doc, 'e1', 'w2', step('x=2'))).toThrow(/not being solved by w2/);
    expect(() => startSolving(doc, 'e1', { solverId: 'w2', now: T0 })).toThrow(/it is solving/);
  });

  it('lets a worker take over an expired claim without duplicating steps', () => {
    const doc = boardWithEquation();
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 });
    appendStep(doc, 'e1', 'w1', step('2x=4'));
    startSolving(doc, 'e1', { solverId: 'w2', now: T0 + 5, takeOver: true });
    appendStep(doc, 'e1', 'w2', step('2x=4'));
    appendStep(doc, 'e1', 'w2', step('x=2'));
    expect(readEquation(doc, 'e1').steps.map((s) => s.latex)).toEqual(['2x=4', 'x=2']);
    expect(() => appendStep(doc, 'e1', 'w1', step('late'))).toThrow(EquationStateError);
  });

  it('an edit resets the solution and status', () => {
    const doc = boardWithEquation();
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 });
    appendStep(doc, 'e1', 'w1', step('2x=4'));
    const edited = editEquation(doc, 'e1', { latex: '2x+3=9', mathjs: '2x+3=9', now: T0 + 3 });
    expect(edited).toMatchObject({
      status: 'pending',
      steps: [],
      answer: null,
      solverId: null,
      latex: '2x+3=9',
    });
  });

  it('treats a solution merged over a concurrent edit as stale', () => {
    const worker = boardWithEquation();
    const teacher = new Y.Doc();
    sync(worker, teacher);
    startSolving(worker, 'e1', { solverId: 'w1', now: T0 + 1 });
    appendStep(worker, 'e1', 'w1', step('2x=4'));
    finishEquation(worker, 'e1', {
      solverId: 'w1',
      answer: { latex: 'x=2', mathjs: 'x = 2' },
      now: T0 + 2,
    });
    editEquation(teacher, 'e1', { latex: '2x+3=11', mathjs: '2x+3=11', now: T0 + 2 });
    sync(worker, teacher);
    const a = readEquation(worker, 'e1');
    const b = readEquation(teacher, 'e1');
    expect(a).toEqual(b);
    // Whichever write won each field, a solution is shown only for the input it solved.
    if (a.latex === '2x+3=11') expect(effectiveStatus(a)).toBe('pending');
    else expect(effectiveStatus(a)).toBe(a.status);
    expect(a.solvedInput === null || a.solvedInput === '2x+3=7').toBe(true);
  });

  it('validates writes as strictly as reads', () => {
    const doc = boardWithEquation();
    expect(() =>
      addEquation(doc, {
        source: 'voice' as never,
        latex: '',
        mathjs: '',
        confidence: 1,
        author: 'u',
        x: 0,
        y: 0,
        now: T0,
      }),
    ).toThrow(/source: expected one of extension\|whiteboard\|typed/);
    expect(() =>
      addEquation(doc, {
        source: 'typed',
        latex: 'x',
        mathjs: 'x',
        confidence: 2,
        author: 'u',
        x: 0,
        y: 0,
        now: T0,
      }),
    ).toThrow(BoardValidationError);
    expect(() =>
      appendStep(doc, 'e1', 'w1', { latex: 'x', explanation: 'e', rule: '', origin: 'engine' }),
    ).toThrow(EquationStateError);
    startSolving(doc, 'e1', { solverId: 'w1', now: T0 });
    expect(() =>
      appendStep(doc, 'e1', 'w1', { latex: 'x', explanation: 'e', rule: '', origin: 'engine' }),
    ).toThrow(/rule: must not be empty/);
    expect(listEquations(doc).items).toHaveLength(1);
  });

  it('regression: edit, finish and takeover interleaved on three replicas (fuzz seed 1645)', () => {
    // Replays what the convergence fuzz found, with its client ids (Yjs breaks ties by them).
    const [worker, teacher, rescuer] = [1383099047, 1083505856, 1251715116].map((clientID) => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      return doc;
    }) as [Y.Doc, Y.Doc, Y.Doc];
    Y.applyUpdate(worker, Y.encodeStateAsUpdate(boardWithEquation()));
    startSolving(worker, 'e1', { solverId: 'w0', now: T0 + 1 });
    sync(worker, rescuer); // the rescuer sees the claim only
    finishEquation(worker, 'e1', {
      solverId: 'w0',
      answer: { latex: 'x=2', mathjs: 'x = 2' },
      now: T0 + 2,
    });
    sync(worker, teacher); // the teacher sees the finished solution, then edits
    editEquation(teacher, 'e1', { latex: '2x+3=9', mathjs: '2x+3=9', now: T0 + 3 });
    startSolving(rescuer, 'e1', { solverId: 'w2', now: T0 + 3, takeOver: true });
    sync(worker, teacher);
    sync(teacher, rescuer);
    sync(worker, rescuer);
    const merged = readEquation(worker, 'e1');
    expect(readEquation(teacher, 'e1')).toEqual(merged);
    expect(readEquation(rescuer, 'e1')).toEqual(merged);
    // Before attempts were one Y.Map, this merged to status `pending` with solver `w2`.
    const attempt = [merged.status, merged.solverId];
    expect([
      ['pending', null],
      ['solving', 'w2'],
    ]).toContainEqual(attempt);
  });
});
