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
 * CPU seconds of a process tree (root first): its live processes plus the children the
 * root has already reaped (cutime + cstime). PostgreSQL backends come and go with pool
 * connections; summing only the live ones would lose the CPU of each that exited.
 */
export function treeCpuSeconds(pids: number[]): number {
  const live = pids.map(cpuSeconds).filter(Number.isFinite);
  const root = pids[0] === undefined ? null : statFields(pids[0]);
  const reaped = root ? (Number(root[13]) + Number(root[14])) / CLOCK_TICKS_PER_SECOND : 0;
  return live.reduce((a, b) => a + b, reaped);
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
