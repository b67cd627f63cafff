import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../testing/harness.ts';
import { startServer } from '../testing/harness.ts';

describe('serving the built whiteboard', () => {
  let dir: string;
  let s: RunningServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-dist-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>MotionMath</title>');
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    s = await startServer({ whiteboardDist: dir });
  });
  afterAll(async () => {
    await s.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files, the app shell for client routes, and JSON for the API', async () => {
    expect(await (await fetch(`${s.url}/`)).text()).toContain('<title>MotionMath</title>');
    expect(await (await fetch(`${s.url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${s.url}/board/123`)).text()).toContain('<title>MotionMath</title>');
    const api = await fetch(`${s.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'not found' });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('answers with a JSON pointer when no build exists', async () => {
    const bare = await startServer({ whiteboardDist: join(dir, 'missing') });
    try {
      expect(await (await fetch(`${bare.url}/`)).json()).toMatchObject({ api: '/openapi.json' });
    } finally {
      await bare.server.close();
    }
  });
});
