import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CHURN = fileURLToPath(new URL('../testing/pglite-churn.ts', import.meta.url));

describe('embedded PGlite', () => {
  // V8's collection of WebAssembly code can abort the process in Node 24 (see
  // keepWasmCode in pglite.ts); without the flag this churn starts a collection.
  it('never collects WebAssembly code, in this thread or in a PGlite thread', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--trace-wasm-code-gc', CHURN],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const output = stdout + stderr;
    expect(output).toContain('churned');
    expect(output.split('\n').filter((line) => line.includes('[wasm-gc]'))).toEqual([]);
  });
});
