import { describe, expect, it } from 'vitest';
import { startServer } from '../testing/harness.ts';

describe('with Redis unreachable', () => {
  it('reports not ready and refuses sign-in with 503, while the rest keeps working', async () => {
    // Port 1 on loopback: nothing listens, connections are refused at once.
    const s = await startServer({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      const ready = await fetch(`${s.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: Record<string, string> };
      expect(body.checks['database']).toBe('ok');
      expect(body.checks['redis']).toMatch(/^error/);
      const signin = await fetch(`${s.url}/api/auth/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.org', password: 'whatever-password' }),
      });
      expect(signin.status).toBe(503);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    } finally {
      await s.server.close();
    }
  });
});
