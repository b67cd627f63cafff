/**
 * The faults the cluster test injects, each recorded with its time for the report.
 */
import { effectiveStatus, listEquations } from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import type * as Y from 'yjs';
import type { Cluster } from './harness.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface FaultRecord {
  at: Date;
  /** Seconds since the log started. */
  offsetS: number;
  fault: string;
  detail: string;
}

/** The run's timeline: each fault, and the test's own steps between them, with times. */
export class FaultLog {
  readonly records: FaultRecord[] = [];
  readonly startedAt = Date.now();

  record(fault: string, detail: string): void {
    const at = new Date();
    const record = { at, offsetS: (at.getTime() - this.startedAt) / 1000, fault, detail };
    this.records.push(record);
    console.log(`[timeline] ${formatRecord(record)}`);
  }
}

export function formatRecord(record: FaultRecord): string {
  return `${record.at.toISOString()} (t+${record.offsetS.toFixed(1)}s) ${record.fault}: ${record.detail}`;
}

export async function killServer(cluster: Cluster, index: number, log: FaultLog): Promise<void> {
  const server = cluster.servers[index];
  if (!server) throw new Error(`no server ${index}`);
  const pid = server.pid;
  await server.kill('SIGKILL');
  log.record('SIGKILL server', `${server.name} (pid ${pid}, ${server.wsUrl})`);
}

/**
 * Stops Redis (SIGTERM; it keeps nothing: `--save ""`), runs `duringOutage` (edits made
 * while the instances cannot reach each other) and starts it again on the same port.
 */
export async function restartRedis(
  cluster: Cluster,
  log: FaultLog,
  duringOutage: () => Promise<string> = async () => 'nothing',
): Promise<void> {
  const redis = cluster.redis.process;
  const pid = redis.pid;
  await redis.kill('SIGTERM');
  log.record('stop Redis', `pid ${pid} (SIGTERM, no persistence: every key is lost)`);
  const done = await duringOutage();
  await redis.start();
  log.record('start Redis', `pid ${redis.pid}, empty; during the outage: ${done}`);
}

export async function pausePostgres(cluster: Cluster, ms: number, log: FaultLog): Promise<void> {
  const pids = cluster.postgres.process.pid;
  await cluster.postgres.pause();
  log.record('SIGSTOP PostgreSQL', `postmaster ${pids} and every backend, for ${ms} ms`);
  try {
    await sleep(ms);
  } finally {
    await cluster.postgres.resume();
  }
  log.record('SIGCONT PostgreSQL', `after ${ms} ms`);
}

export interface MidSolve {
  equationId: string;
  solverId: string;
  worker: string;
  stepsWritten: number;
}

/** A solver id names its process: `worker-<pid>-<n>` (collab-server/src/worker/main.ts). */
function workerOf(cluster: Cluster, solverId: string | null) {
  const pid = Number(/^worker-(\d+)-/.exec(solverId ?? '')?.[1]);
  return cluster.workers.find((w) => w.running && w.pid === pid);
}

/**
 * Waits until a worker process is in the middle of solving an equation on one of `docs`
 * (claimed, at least one step written and at least one still to come, so the worker has
 * two step delays left: a client's slightly stale view cannot mistake a finished solve
 * for a running one), then SIGKILLs that process.
 */
export async function killWorkerMidSolve(
  cluster: Cluster,
  docs: () => Y.Doc[],
  log: FaultLog,
  timeoutMs: number,
): Promise<MidSolve> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const doc of docs()) {
      for (const equation of listEquations(doc).items) {
        const worker = workerOf(cluster, equation.solverId);
        const midway =
          effectiveStatus(equation) === 'solving' &&
          equation.steps.length >= 1 &&
          equation.steps.length < solve(equation.latex).steps.length;
        if (midway && worker) {
          const pid = worker.pid;
          await worker.kill('SIGKILL');
          const midSolve = {
            equationId: equation.id,
            solverId: equation.solverId as string,
            worker: worker.name,
            stepsWritten: equation.steps.length,
          };
          log.record(
            'SIGKILL worker mid-solve',
            `${worker.name} (pid ${pid}) holding ${equation.id} "${equation.latex}" ` +
              `after ${equation.steps.length} step(s)`,
          );
          return midSolve;
        }
      }
    }
    if (Date.now() > deadline)
      throw new Error(`no worker was seen mid-solve within ${timeoutMs} ms`);
    await sleep(10);
  }
}
