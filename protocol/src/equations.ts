import * as Y from 'yjs';
import { boardRoots } from './board.ts';
import { newId, readCollection, readEntry } from './collection.ts';
import type { ReadResult } from './collection.ts';
import { BoardValidationError, EquationStateError } from './errors.ts';
import { EQUATION_SOURCES, LIMITS, ROOT_EQUATIONS } from './schema.ts';
import type {
  Alternative,
  Answer,
  Equation,
  EquationSource,
  EquationStatus,
  SolutionStep,
} from './schema.ts';
import {
  checkAuthor,
  checkCoordinate,
  checkId,
  checkNumber,
  checkOneOf,
  checkString,
  checkTimestamp,
  parseAlternative,
  parseAnswer,
  parseEquation,
  parseStep,
} from './validate.ts';

/*
 * Equation lifecycle (see ../shared/docs/architecture.md):
 *
 *   pending ──startSolving──▶ solving ──appendStep…──▶ finish ▶ solved
 *      ▲                        │                        fail ▶ unsupported | error
 *      └──────── editEquation (any client, any time) ────┘
 *
 * Concurrency rules:
 * - Everything about solving lives in one `attempt` Y.Map. Every edit and every claim
 *   replaces it whole; afterwards only the worker holding it writes into it. So a merge
 *   never shows the status of one writer beside the steps or solver id of another, and
 *   steps of an abandoned attempt never mix into the current one.
 * - A solution belongs to the input it names (`solvedInput`). When a client edits the
 *   LaTeX while a worker solves, the merged document may hold the worker's attempt with
 *   the new `latex`; `effectiveStatus()` then says `pending`, and it is solved again.
 */

export interface NewEquation {
  readonly id?: string;
  readonly source: EquationSource;
  readonly latex: string;
  readonly mathjs: string;
  readonly confidence: number;
  readonly alternatives?: readonly Alternative[];
  readonly strokeIds?: readonly string[];
  readonly author: string;
  readonly x: number;
  readonly y: number;
  readonly now: number;
}

/** The equation's Y.Map, after validating the whole entry. */
function equationMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  // Parsing first guarantees the entry is a well-formed Y.Map before anyone writes to it.
  readEquation(doc, id);
  return boardRoots(doc).equations.get(id) as Y.Map<unknown>;
}

function checkAlternatives(alternatives: readonly Alternative[], path: string): Alternative[] {
  if (alternatives.length > LIMITS.alternatives) {
    throw new BoardValidationError(
      `${path}.alternatives`,
      `more than ${LIMITS.alternatives} entries`,
    );
  }
  return alternatives.map((a, i) => parseAlternative(a, `${path}.alternatives[${i}]`));
}

/** Replace the attempt with a fresh one: `pending`, or `solving` when a worker claims it. */
function newAttempt(
  map: Y.Map<unknown>,
  now: number,
  claim: { solverId: string; solvedInput: string } | null,
): void {
  const attempt = new Y.Map<unknown>();
  attempt.set('status', claim === null ? 'pending' : 'solving');
  attempt.set('steps', new Y.Array<unknown>());
  attempt.set('answer', null);
  attempt.set('error', null);
  attempt.set('solverId', claim?.solverId ?? null);
  attempt.set('solvedInput', claim?.solvedInput ?? null);
  map.set('attempt', attempt);
  map.set('updatedAt', now);
}

export function addEquation(doc: Y.Doc, input: NewEquation): Equation {
  const id = checkId(input.id ?? newId(), 'equation.id');
  const path = `${ROOT_EQUATIONS}.${id}`;
  const strokeIds = input.strokeIds ?? [];
  if (strokeIds.length > LIMITS.strokeIdsPerEquation) {
    throw new BoardValidationError(
      `${path}.strokeIds`,
      `more than ${LIMITS.strokeIdsPerEquation} entries`,
    );
  }
  const values = {
    source: checkOneOf(input.source, `${path}.source`, EQUATION_SOURCES),
    latex: checkString(input.latex, `${path}.latex`, LIMITS.latexLength),
    mathjs: checkString(input.mathjs, `${path}.mathjs`, LIMITS.latexLength),
    confidence: checkNumber(input.confidence, `${path}.confidence`, 0, 1),
    alternatives: checkAlternatives(input.alternatives ?? [], path),
    strokeIds: strokeIds.map((s, i) => checkId(s, `${path}.strokeIds[${i}]`)),
    author: checkAuthor(input.author, `${path}.author`),
    x: checkCoordinate(input.x, `${path}.x`),
    y: checkCoordinate(input.y, `${path}.y`),
    createdAt: checkTimestamp(input.now, `${path}.createdAt`),
  };
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', id);
    for (const [key, value] of Object.entries(values)) map.set(key, value);
    newAttempt(map, values.createdAt, null);
    boardRoots(doc).equations.set(id, map);
  });
  return readEquation(doc, id);
}

export function readEquation(doc: Y.Doc, id: string): Equation {
  return readEntry(boardRoots(doc).equations, ROOT_EQUATIONS, id, parseEquation);
}

/** Valid equations, oldest first, and the invalid entries skipped. */
export function listEquations(doc: Y.Doc): ReadResult<Equation> {
  const result = readCollection(boardRoots(doc).equations, ROOT_EQUATIONS, parseEquation);
  result.items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return result;
}

/**
 * The status that counts: a stored solution for other input than the current LaTeX
 * (a concurrent edit won) is stale, so the equation is pending again.
 */
export function effectiveStatus(equation: Equation): EquationStatus {
  if (equation.status === 'pending') return 'pending';
  return equation.solvedInput === equation.latex ? equation.status : 'pending';
}

export interface EquationEdit {
  readonly latex: string;
  readonly mathjs: string;
  readonly confidence?: number;
  readonly alternatives?: readonly Alternative[];
  readonly now: number;
}

/** Correct the LaTeX (a person picked an alternative or typed a fix): back to `pending`. */
export function editEquation(doc: Y.Doc, id: string, edit: EquationEdit): Equation {
  const map = equationMap(doc, id);
  const path = `${ROOT_EQUATIONS}.${id}`;
  const latex = checkString(edit.latex, `${path}.latex`, LIMITS.latexLength);
  const mathjs = checkString(edit.mathjs, `${path}.mathjs`, LIMITS.latexLength);
  const confidence = checkNumber(edit.confidence ?? 1, `${path}.confidence`, 0, 1);
  const alternatives =
    edit.alternatives === undefined ? undefined : checkAlternatives(edit.alternatives, path);
  const now = checkTimestamp(edit.now, `${path}.updatedAt`);
  doc.transact(() => {
    map.set('latex', latex);
    map.set('mathjs', mathjs);
    map.set('confidence', confidence);
    if (alternatives !== undefined) map.set('alternatives', alternatives);
    newAttempt(map, now, null);
  });
  return readEquation(doc, id);
}

export function moveEquation(doc: Y.Doc, id: string, x: number, y: number, now: number): void {
  const map = equationMap(doc, id);
  doc.transact(() => {
    map.set('x', checkCoordinate(x, `${ROOT_EQUATIONS}.${id}.x`));
    map.set('y', checkCoordinate(y, `${ROOT_EQUATIONS}.${id}.y`));
    map.set('updatedAt', checkTimestamp(now, `${ROOT_EQUATIONS}.${id}.updatedAt`));
  });
}

export function deleteEquation(doc: Y.Doc, id: string): void {
  boardRoots(doc).equations.delete(id);
}

export interface SolveClaim {
  readonly solverId: string;
  readonly now: number;
  /**
   * Take over from another worker whose lease expired. Its partial steps are dropped
   * (fresh steps array), so the finished solution has no duplicates.
   */
  readonly takeOver?: boolean;
}

/** A worker claims the equation: `solving`, with its id, the input it solves and no steps yet. */
export function startSolving(doc: Y.Doc, id: string, claim: SolveClaim): Equation {
  const map = equationMap(doc, id);
  const current = readEquation(doc, id);
  const status = effectiveStatus(current);
  if (status !== 'pending' && !(status === 'solving' && claim.takeOver === true)) {
    throw new EquationStateError(id, `cannot start solving: it is ${status}`);
  }
  const solverId = checkString(
    claim.solverId,
    `${ROOT_EQUATIONS}.${id}.solverId`,
    LIMITS.authorLength,
    1,
  );
  const now = checkTimestamp(claim.now, `${ROOT_EQUATIONS}.${id}.updatedAt`);
  doc.transact(() => newAttempt(map, now, { solverId, solvedInput: current.latex }));
  return readEquation(doc, id);
}

/** The attempt map, when `solverId` holds the equation and it is still being solved. */
function heldAttempt(
  doc: Y.Doc,
  id: string,
  solverId: string,
): { equation: Y.Map<unknown>; attempt: Y.Map<unknown> } {
  const equation = equationMap(doc, id);
  const current = readEquation(doc, id);
  if (effectiveStatus(current) !== 'solving' || current.solverId !== solverId) {
    throw new EquationStateError(id, `not being solved by ${solverId}`);
  }
  return { equation, attempt: equation.get('attempt') as Y.Map<unknown> };
}

/** Append one verified step; only the worker holding the equation may. */
export function appendStep(doc: Y.Doc, id: string, solverId: string, step: SolutionStep): void {
  const { attempt } = heldAttempt(doc, id, solverId);
  const steps = attempt.get('steps') as Y.Array<unknown>;
  if (steps.length >= LIMITS.steps)
    throw new EquationStateError(id, `at most ${LIMITS.steps} steps`);
  const checked = parseStep(step, `${ROOT_EQUATIONS}.${id}.attempt.steps[${steps.length}]`);
  doc.transact(() => {
    steps.push([{ ...checked }]);
  });
}

export interface Solution {
  readonly solverId: string;
  readonly answer: Answer;
  readonly now: number;
}

export function finishEquation(doc: Y.Doc, id: string, solution: Solution): Equation {
  const { equation, attempt } = heldAttempt(doc, id, solution.solverId);
  const answer = parseAnswer(solution.answer, `${ROOT_EQUATIONS}.${id}.attempt.answer`);
  if (answer === null) throw new EquationStateError(id, 'a solved equation needs an answer');
  const now = checkTimestamp(solution.now, `${ROOT_EQUATIONS}.${id}.updatedAt`);
  doc.transact(() => {
    attempt.set('status', 'solved');
    attempt.set('answer', { ...answer });
    equation.set('updatedAt', now);
  });
  return readEquation(doc, id);
}

export interface Failure {
  readonly solverId: string;
  readonly status: 'unsupported' | 'error';
  readonly error: string;
  readonly now: number;
}

export function failEquation(doc: Y.Doc, id: string, failure: Failure): Equation {
  const { equation, attempt } = heldAttempt(doc, id, failure.solverId);
  const path = `${ROOT_EQUATIONS}.${id}`;
  const status = checkOneOf(failure.status, `${path}.attempt.status`, [
    'unsupported',
    'error',
  ] as const);
  const error = checkString(failure.error, `${path}.attempt.error`, LIMITS.messageLength, 1);
  const now = checkTimestamp(failure.now, `${path}.updatedAt`);
  doc.transact(() => {
    attempt.set('status', status);
    attempt.set('error', error);
    equation.set('updatedAt', now);
  });
  return readEquation(doc, id);
}
