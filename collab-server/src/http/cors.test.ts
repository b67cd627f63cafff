import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { extensionCors } from './cors.ts';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

function app(allowed: string[]) {
  const a = new Hono();
  a.use(
    '/api/*',
    extensionCors((o) => o !== null && allowed.includes(o)),
  );
  a.get('/api/me', (c) => c.json({ ok: true }));
  return a;
}

function preflight(origin: string) {
  return new Request('http://server/api/me', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    },
  });
}

describe('extensionCors', () => {
  it('answers a configured extension origin, preflight and request', async () => {
    const a = app([EXTENSION]);
    const pre = await a.request(preflight(EXTENSION));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await a.request('http://server/api/me', { headers: { origin: EXTENSION } });
    expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION);
  });

  it('says nothing to an extension that is not configured, nor to a web page', async () => {
    const a = app([EXTENSION, 'https://school.example']);
    for (const origin of [
      'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba',
      'https://school.example', // allowed for CSRF, but not an extension: no CORS
      'https://evil.example',
    ]) {
      const pre = await a.request(preflight(origin));
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
