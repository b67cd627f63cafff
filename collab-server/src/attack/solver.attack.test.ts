/** Finding 3: a ~100-character equation froze the whole server (the solver ran on the
 * event loop with no budget), and a lease lost meanwhile left it `solving` forever. */
import { addEquation, effectiveStatus, readEquation } from '@motionmath/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, RunningServer } from '../testing/harness.ts';
import { api, connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import { attachSolver } from '../worker/attach.ts';
import type { AttachedSolver } from '../worker/attach.ts';
import { AckProbe, ackBound, baselineAcks, percentile, report } from './raw-client.ts';

/**
 * The finding's `d/dx x^1+…+x^21` took 9.6 s on the main thread; the solver now bounds
 * that derivative itself (about 0.1 s, solver/src/derivative-oracle.test.ts). The pool's
 * budget is the safety net for whatever input is still slow, so it is shown here with a
 * budget well under the slowest input we know: the derivative of a 150-factor product
 * (about 0.9 s on an idle 2-core machine, more under load), while `2x+3=7` takes ~10 ms.
 */
const EXPLODING = `\\frac{d}{dx}${Array.from({ length: 150 }, (_, i) => `(x+${i + 1})`).join('')}`;
const SOLVE_TIME_MS = 250;

function writeEquation(doc: Client['doc'], latex: string): string {
  return addEquation(doc, {
    source: 'typed',
    latex,
    mathjs: latex,
    confidence: 1,
    author: 'attacker',
    x: 0,
    y: 0,
    now: Date.now(),
  }).id;
}

let s: RunningServer;
let solver: AttachedSolver;
let attacker: Client;
let probe: AckProbe;
beforeAll(async () => {
  s = await startServer({ solveBudget: { timeMs: SOLVE_TIME_MS, memoryMb: 128 } });
  solver = attachSolver(s.server, { workers: 1, worker: { stepDelayMs: 0 } });
  const a = await signUp(s.url);
  const v = await signUp(s.url);
  attacker = await connect(s.wsUrl, await newBoard(s.url, a.token), a.token);
  probe = await AckProbe.open(s.wsUrl, await newBoard(s.url, v.token), v.token);
});
afterAll(async () => {
  probe?.socket.close();
  attacker?.destroy();
  await solver?.stop();
  await s?.server.close();
});

describe('attack 3: an exploding equation', () => {
  it('runs off the event loop, ends `error` within its budget, and the next one solves', async () => {
    const baseline = await baselineAcks(probe);
    const id = writeEquation(attacker.doc, EXPLODING);
    probe.start();
    await waitFor(
      'the equation to fail on its budget',
      () => effectiveStatus(readEquation(attacker.doc, id)) === 'error',
      60_000,
    );
    const during = await probe.stop();
    report('during the exploding solve', during);
    const failed = readEquation(attacker.doc, id);
    expect(failed.error).toMatch(/took too long to solve|more memory than the solver allows/);
    expect(during.length).toBeGreaterThan(10);
    expect(percentile(during, 99)).toBeLessThan(ackBound(baseline));
    expect((await api(s.url, 'GET', '/healthz')).status).toBe(200);

    const next = writeEquation(attacker.doc, '2x+3=7');
    await waitFor(
      'the next equation to be solved',
      () => effectiveStatus(readEquation(attacker.doc, next)) === 'solved',
      60_000,
    );
  });
});
