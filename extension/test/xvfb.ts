import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** `XVFB_PATH`, else Debian's (package xvfb; `.ci/run` installs it). */
export const xvfbPath: string = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. ":99". */
  readonly display: string;
  stop(): Promise<void>;
}

/**
 * A virtual X display, or null when Xvfb is not installed. Headless Firefox has no GL
 * driver on a machine without a GPU (WebGL creation fails: "Exhausted GL driver
 * options"), and MediaPipe needs WebGL to read any image, even with its CPU delegate;
 * a normal Firefox on Xvfb gets Mesa's software GL.
 */
export async function startVirtualDisplay(): Promise<VirtualDisplay | null> {
  if (!existsSync(xvfbPath)) return null;
  // -displayfd: Xvfb picks a free display number itself and writes it to fd 3.
  const xvfb = spawn(
    xvfbPath,
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => xvfb.once('exit', () => resolve()));
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const displayNumber = await new Promise<string>((resolve, reject) => {
    let out = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${String(code)}): ${stderr}`)));
  });
  return {
    display: `:${displayNumber}`,
    stop: async () => {
      xvfb.kill();
      await exited;
    },
  };
}
