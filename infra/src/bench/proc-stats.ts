/** Resource readings from /proc (Linux): memory and CPU of the servers, the driver and
 * the machine, so a reader can tell which of them was the limit. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

/** Kernel clock ticks per second (USER_HZ), 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process in MiB (VmRSS), NaN when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Math.round(kib / 102.4) / 10;
  } catch {
    return NaN;
  }
}

/**
 * Proportional set size in MiB (/proc/<pid>/smaps_rollup): shared pages split among the
 * processes that map them, so the PSS of a process tree adds up to its real footprint
 * (RSS would count PostgreSQL's shared buffers once per backend). NaN when gone.
 */
export function pssMiB(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kib = Number(/^Pss:\s+(\d+)/m.exec(text)?.[1]);
    return Math.round(kib / 102.4) / 10;
  } catch {
    return NaN;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used, NaN when it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  if (!fields) return NaN;
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Seconds a process spent runnable but waiting for a CPU (/proc/<pid>/schedstat, second
 * field): the direct measure of CPU starvation on a shared machine. NaN when unknown.
 */
export function runQueueWaitSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}

/** Cumulative CPU and run-queue wait of a process tree at one moment. */
export interface TreeReading {
  /** Per live process: CPU and wait seconds so far. */
  perProcess: Map<number, { cpu: number; wait: number }>;
  /** CPU seconds of the root's children that exited and were reaped (cutime + cstime). */
  reapedCpu: number;
  /** Memory of the live processes, as `memory` measured it. */
  memoryMiB: number;
}

/** Reads a process tree, root first (a single process is a tree of one). */
export function readTree(pids: number[], memory: (pid: number) => number): TreeReading {
  const perProcess = new Map<number, { cpu: number; wait: number }>();
  let memoryMiB = 0;
  for (const pid of pids) {
    const cpu = cpuSeconds(pid);
    if (!Number.isFinite(cpu)) continue; // exited meanwhile
    perProcess.set(pid, { cpu, wait: runQueueWaitSeconds(pid) || 0 });
    memoryMiB += memory(pid) || 0;
  }
  const root = pids[0] === undefined ? null : statFields(pids[0]);
  const reapedCpu = root ? (Number(root[13]) + Number(root[14])) / CLOCK_TICKS_PER_SECOND : 0;
  return { perProcess, reapedCpu, memoryMiB };
}

/**
 * CPU and wait seconds of a tree between two readings. Processes come and go (PostgreSQL
 * forks a backend per pool connection): a new one counts from zero, one that exited
 * counts through the root's reaped-children CPU (its wait is lost: an underestimate),
 * so a delta is never negative.
 */
export function treeDelta(before: TreeReading, after: TreeReading): { cpu: number; wait: number } {
  let cpu = Math.max(0, after.reapedCpu - before.reapedCpu);
  let wait = 0;
  for (const [pid, now] of after.perProcess) {
    const then = before.perProcess.get(pid) ?? { cpu: 0, wait: 0 };
    cpu += Math.max(0, now.cpu - then.cpu);
    wait += Math.max(0, now.wait - then.wait);
  }
  return { cpu, wait };
}

/** Busy and total jiffies of all CPUs since boot (first line of /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** CPU use between two readings, in % of one core (so 2 full cores read 200). */
export function cpuPercent(secondsBefore: number, secondsAfter: number, wallSeconds: number) {
  return Math.round(((secondsAfter - secondsBefore) / wallSeconds) * 1000) / 10;
}

/** Machine CPU busy between two readings, in % of all cores. */
export function machineBusyPercent(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
): number {
  const total = after.total - before.total;
  return total > 0 ? Math.round(((after.busy - before.busy) / total) * 1000) / 10 : NaN;
}

export function machineDescription() {
  const all = cpus();
  return {
    cpus: all.length,
    model: all[0]?.model ?? 'unknown',
    loadAverage: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
