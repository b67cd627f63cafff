import { describe, expect, it } from 'vitest';
import {
  cpuPercent,
  cpuSeconds,
  machineBusyPercent,
  pssMiB,
  rssMiB,
  readTree,
  runQueueWaitSeconds,
  treeDelta,
} from './proc-stats.ts';

describe('CPU arithmetic', () => {
  it('reports CPU in % of one core', () => {
    expect(cpuPercent(10, 13, 2)).toBe(150);
    expect(machineBusyPercent({ busy: 100, total: 400 }, { busy: 150, total: 500 })).toBe(50);
    expect(machineBusyPercent({ busy: 1, total: 1 }, { busy: 1, total: 1 })).toBeNaN();
  });
});

describe('/proc readings', () => {
  it('read this process, and NaN for one that does not exist', () => {
    expect(rssMiB(process.pid)).toBeGreaterThan(0);
    expect(pssMiB(process.pid)).toBeGreaterThan(0);
    expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(runQueueWaitSeconds(process.pid)).toBeGreaterThanOrEqual(0);
    const tree = readTree([process.pid, 2 ** 23], rssMiB);
    expect([...tree.perProcess.keys()]).toEqual([process.pid]);
    expect(tree.memoryMiB).toBeGreaterThan(0);
    // Above the kernel's pid_max (at most 2^22), so never a live process.
    expect(rssMiB(2 ** 23)).toBeNaN();
    expect(cpuSeconds(2 ** 23)).toBeNaN();
  });
});

describe('treeDelta', () => {
  const reading = (reapedCpu: number, entries: [number, number, number][]) => ({
    reapedCpu,
    memoryMiB: 0,
    perProcess: new Map(entries.map(([pid, cpu, wait]) => [pid, { cpu, wait }])),
  });

  it('counts new processes from zero and exited ones through the reaped CPU', () => {
    const before = reading(10, [
      [1, 5, 1],
      [2, 3, 2], // exits during the step
    ]);
    const after = reading(14, [
      [1, 6, 1.5],
      [3, 0.5, 0.25], // forked during the step
    ]);
    expect(treeDelta(before, after)).toEqual({ cpu: 4 + 1 + 0.5, wait: 0.5 + 0.25 });
  });

  it('is never negative when processes vanish', () => {
    const before = reading(0, [[1, 9, 9]]);
    expect(treeDelta(before, reading(0, []))).toEqual({ cpu: 0, wait: 0 });
  });
});
