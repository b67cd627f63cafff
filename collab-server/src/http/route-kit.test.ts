import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonBody, jsonContent, ResponseMismatchError, route, routes } from './route-kit.ts';

/** A one-route app whose handler answers `body`, with response checks on or off. */
function appAnswering(body: unknown, checkResponses: boolean) {
  const app = routes();
  app.use(async (c, next) => {
    c.set('checkResponses', checkResponses);
    await next();
  });
  app.onError((error, c) =>
    c.json({ error: error.message, mismatch: error instanceof ResponseMismatchError }, 500),
  );
  const echo = route({
    method: 'post',
    path: '/thing',
    request: { body: jsonBody(z.object({ name: z.string().min(1, 'must be 1–9 characters') })) },
    responses: {
      200: jsonContent(z.object({ id: z.string(), count: z.number().int() }), 'A thing'),
    },
  });
  // The handler is typed against the schema; the cast stands for a handler that drifted
  // at run time (data from the database, a spread that carries an extra Date, …).
  app.openapi(echo, (c) => c.json(body as { id: string; count: number }, 200));
  return app;
}

const post = (app: ReturnType<typeof appAnswering>, payload: unknown) =>
  app.request('/thing', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });

describe('route declarations', () => {
  it('pass a response that matches its schema', async () => {
    const res = await post(appAnswering({ id: 'a', count: 2 }, true), { name: 'x' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 'a', count: 2 });
  });

  it('fail a response that does not match its schema, naming the field', async () => {
    const res = await post(appAnswering({ id: 'a', count: 'two' }, true), { name: 'x' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; mismatch: boolean };
    expect(body.mismatch).toBe(true);
    expect(body.error).toMatch(
      /POST \/thing → 200 does not match its schema: count must be a number/,
    );
  });

  it('leave responses alone when checks are off (production)', async () => {
    const res = await post(appAnswering({ id: 'a', count: 'two' }, false), { name: 'x' });
    expect(res.status).toBe(200);
  });

  it('refuse a bad request body with a 400 that names the field', async () => {
    const app = appAnswering({ id: 'a', count: 1 }, true);
    app.onError((error, c) => c.json({ error: error.message }, 400));
    const res = await post(app, { name: '' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'name must be 1–9 characters' });
  });
});
