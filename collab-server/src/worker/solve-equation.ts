import {
  BoardValidationError,
  EquationStateError,
  appendStep,
  effectiveStatus,
  failEquation,
  finishEquation,
  readEquation,
  startSolving,
} from '@motionmath/protocol';
import type { Equation, SolutionStep } from '@motionmath/protocol';
import type { SolveResult } from '@motionmath/solver';
import type { BoardSession } from './connector.ts';

/** What happened to one equation in one claim. */
export type SolveOutcome =
  | 'solved'
  | 'unsupported'
  | 'error'
  /** Deleted, already solved, or edited again and then solved by someone else. */
  | 'nothing-to-do'
  /** Someone edited it or took it over while we wrote: the queue runs it again. */
  | 'interrupted';

export interface SolveEquationOptions {
  readonly session: BoardSession;
  readonly equationId: string;
  readonly solverId: string;
  readonly solve: (input: string) => Promise<SolveResult>;
  readonly now: () => number;
  /** Called between steps: keeps the lease alive and paces steps for viewers. */
  readonly betweenSteps: () => Promise<void>;
}

function current(session: BoardSession, equationId: string): Equation | null {
  try {
    return readEquation(session.doc, equationId);
  } catch (error) {
    // Deleted, or corrupted by a client: either way there is nothing we can solve.
    if (error instanceof BoardValidationError) return null;
    throw error;
  }
}

/** The solver's step, as the board stores it. */
export function toBoardStep(step: SolveResult['steps'][number]): SolutionStep {
  return { latex: step.latex, explanation: step.explanation, rule: step.rule, origin: step.source };
}

/**
 * Claim one equation on the board (`solving`), write its steps one by one (each its own
 * update, so viewers see them arrive), then the answer or the reason it failed.
 * The caller holds the queue lease, so an equation still `solving` under another
 * worker's id is one whose worker died: we take it over, dropping its partial steps.
 */
export async function solveEquation(options: SolveEquationOptions): Promise<SolveOutcome> {
  const { session, equationId, solverId, now } = options;
  const before = current(session, equationId);
  if (before === null) return 'nothing-to-do';
  const status = effectiveStatus(before);
  if (status !== 'pending' && status !== 'solving') return 'nothing-to-do';
  try {
    let claimed!: Equation;
    await session.transact(() => {
      claimed = startSolving(session.doc, equationId, {
        solverId,
        now: now(),
        takeOver: status === 'solving',
      });
    });
    const input = claimed.latex.trim() !== '' ? claimed.latex : claimed.mathjs;
    const result = await options.solve(input);
    for (const step of result.steps) {
      await options.betweenSteps();
      await session.transact(() =>
        appendStep(session.doc, equationId, solverId, toBoardStep(step)),
      );
    }
    await options.betweenSteps();
    await session.transact(() => {
      if (result.status === 'solved' && result.answer) {
        finishEquation(session.doc, equationId, { solverId, answer: result.answer, now: now() });
      } else {
        failEquation(session.doc, equationId, {
          solverId,
          status: result.status === 'unsupported' ? 'unsupported' : 'error',
          error: result.error?.message ?? 'The solver gave no answer.',
          now: now(),
        });
      }
    });
    return result.status === 'solved' && result.answer
      ? 'solved'
      : result.status === 'unsupported'
        ? 'unsupported'
        : 'error';
  } catch (error) {
    // An edit or a takeover reached us mid-solve: the document, not this worker, wins.
    if (error instanceof EquationStateError || error instanceof BoardValidationError)
      return 'interrupted';
    throw error;
  }
}
