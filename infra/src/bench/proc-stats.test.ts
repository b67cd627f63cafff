import { describe, expect, it } from 'vitest';
import {
  cpuPercent,
  cpuSeconds,
  machineBusyPercent,
  pssMiB,
  rssMiB,
  runQueueWaitSeconds,
  treeCpuSeconds,
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
    expect(treeCpuSeconds([process.pid])).toBeGreaterThanOrEqual(cpuSeconds(process.pid));
    // Above the kernel's pid_max (at most 2^22), so never a live process.
    expect(rssMiB(2 ** 23)).toBeNaN();
    expect(cpuSeconds(2 ** 23)).toBeNaN();
  });
});
