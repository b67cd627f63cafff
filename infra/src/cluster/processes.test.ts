import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManagedProcess, baseEnv, freePort, processTree, scratchDir } from './processes.ts';

/** A child that prints a line per start (counting starts in a file), then idles. */
function script(dir: string): ManagedProcess {
  const counter = join(dir, 'starts');
  const code = `
    const fs = require('node:fs');
    const n = (fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1;
    fs.writeFileSync(${JSON.stringify(counter)}, String(n));
    setTimeout(() => console.log('ready #' + n), 50);
    setInterval(() => {}, 1000);`;
  return new ManagedProcess({
    name: 'child',
    command: process.execPath,
    args: ['-e', code],
    env: baseEnv(),
    logFile: join(dir, 'child.log'),
    ready: /ready #(\d+)/,
  });
}

describe('freePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe('processTree', () => {
  it('finds the descendants of a process', async () => {
    const shell = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const tree = processTree(shell.pid!);
      expect(tree[0]).toBe(shell.pid);
      expect(tree.length).toBe(3);
    } finally {
      for (const pid of processTree(shell.pid!).reverse()) process.kill(pid, 'SIGKILL');
    }
  });
});

describe('ManagedProcess', () => {
  it('starts, is ready on this run’s output only, dies by SIGKILL and starts again', async () => {
    const dir = scratchDir('mm-process-test-');
    const child = script(dir);
    await child.start();
    const firstPid = child.pid;
    expect(child.running).toBe(true);
    expect(child.readyMatch?.[1]).toBe('1');

    await child.kill('SIGKILL');
    expect(child.running).toBe(false);
    expect(child.pid).toBeUndefined();

    // The log still says "ready #1": readiness must wait for this run's own line.
    await child.start();
    expect(child.readyMatch?.[1]).toBe('2');
    expect(child.pid).not.toBe(firstPid);
    expect(readFileSync(child.logFile, 'utf8')).toContain('ready #1');
    expect(child.tail(1)).toBe('ready #2');
    await child.kill('SIGTERM');
    expect(child.running).toBe(false);
  });

  it('rejects when the process exits before it is ready', async () => {
    const dir = scratchDir('mm-process-test-');
    const child = new ManagedProcess({
      name: 'quitter',
      command: process.execPath,
      args: ['-e', 'process.exit(3)'],
      env: baseEnv(),
      logFile: join(dir, 'quitter.log'),
      ready: /never/,
    });
    await expect(child.start()).rejects.toThrow(/quitter exited \(3\) before it was ready/);
  });
});
