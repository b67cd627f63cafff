import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addEquation, readEquation } from '@motionmath/protocol';
import type { RunningServer } from './testing/harness.ts';
import { newBoard, signUp, startServer, waitFor } from './testing/harness.ts';
import { attachSolver } from './worker/attach.ts';
import type { AttachedSolver } from './worker/attach.ts';
import { SolverLoadError, loadSolver } from './solver-module.ts';
import type { Logger } from './logger.ts';

// A broken install, as far as the server's own thread can tell: importing the solver
// throws. (The solver threads import it themselves and are not mocked: the failure is
// the main thread's, where the worker normalises the input and the index reads LaTeX.)
const imports = vi.hoisted(() => ({ solver: 0 }));
vi.mock('@motionmath/solver', () => {
  imports.solver += 1;
  throw new Error('mathjs is missing (simulated)');
});

const errors: { message: string; err: unknown }[] = [];
let s: RunningServer;
let solver: AttachedSolver;
let owner: { token: string };
beforeAll(async () => {
  s = await startServer({ storeDebounceMs: 50, storeMaxDebounceMs: 200 });
  const logger = s.server.logger;
  const error = logger.error.bind(logger) as (obj: unknown, msg?: string) => void;
  vi.spyOn(logger as Logger, 'error').mockImplementation(((obj: unknown, msg?: string) => {
    errors.push({ message: msg ?? '', err: (obj as { err?: unknown }).err });
    error(obj, msg);
  }) as Logger['error']);
  solver = attachSolver(s.server, { workers: 1, worker: { stepDelayMs: 0 } });
  owner = await signUp(s.url);
});
afterAll(async () => {
  await solver.stop();
  await s.server.close();
});

describe('the solver module failing to load', () => {
  it('rejects with the cause, and is tried again at the next use', async () => {
    const before = imports.solver;
    const failure = await loadSolver().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SolverLoadError);
    expect((failure as Error).message).toMatch(/^could not load @motionmath\/solver: \S/);
    // The import's own error travels with it (vitest wraps the factory's in one more).
    const causes: string[] = [];
    for (let e: unknown = failure; e instanceof Error; e = e.cause) causes.push(e.message);
    expect(causes.join(' ← ')).toContain('mathjs is missing (simulated)');
    await expect(loadSolver()).rejects.toBeInstanceOf(SolverLoadError);
    expect(imports.solver).toBeGreaterThan(before);
  });

  it('is logged at start and ends a solve job `error`, never `solving` for good', async () => {
    await waitFor('the start-up report', () =>
      errors.some((e) => e.message === 'solver workers cannot solve'),
    );
    const board = await newBoard(s.url, owner.token);
    const direct = await s.server.hocuspocus.openDirectConnection(board);
    await direct.transact((doc) => {
      addEquation(doc, {
        id: 'eq-1',
        source: 'typed',
        latex: 'x+1=2',
        mathjs: 'x+1=2',
        confidence: 1,
        author: 'tester',
        x: 0,
        y: 0,
        now: Date.now(),
      });
    });
    let status = '';
    let message: string | null = null;
    await waitFor('the equation to end', () => {
      const eq = readEquation(direct.document!, 'eq-1');
      status = eq.status;
      message = eq.error;
      return status === 'error';
    });
    expect(message).toBe('The solver could not be loaded on this server.');
    expect(errors.some((e) => e.err instanceof SolverLoadError)).toBe(true);
    await direct.disconnect();
  });
});
