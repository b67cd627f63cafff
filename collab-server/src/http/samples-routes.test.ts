import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../testing/harness.ts';
import { api, signUp, startServer } from '../testing/harness.ts';
import { MAX_SAMPLES_BYTES, MAX_SAMPLES_PER_LABEL, SAMPLES_FORMAT } from '@motionmath/protocol';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.server.close();
});

/** A samples file as the recognizer's `exportSamples()` writes it. */
const samplesFile = (labels: string[], pointsPerStroke = 12) => ({
  format: SAMPLES_FORMAT,
  samples: labels.map((label, i) => ({
    label,
    strokes: [Array.from({ length: pointsPerStroke }, (_, k) => ({ x: i + k * 0.5, y: k * 1.25 }))],
  })),
});

async function tokenWith(sessionToken: string, scopes: string[]): Promise<string> {
  const res = await api(s.url, 'POST', '/api/me/tokens', {
    token: sessionToken,
    body: { name: scopes.join('+'), scopes },
  });
  expect(res.status).toBe(201);
  return String(res.body['token']);
}

describe('personal samples', () => {
  it('starts empty, then returns exactly what was saved', async () => {
    const user = await signUp(s.url);
    const empty = await api(s.url, 'GET', '/api/me/samples', { token: user.token });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ format: SAMPLES_FORMAT, samples: [] });

    const file = samplesFile(['7', '\\sqrt', '7']);
    const put = await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body: file });
    expect(put.status).toBe(200);
    expect(put.body['count']).toBe(3);
    const got = await api(s.url, 'GET', '/api/me/samples', { token: user.token });
    expect(got.body).toEqual(file);
    expect(got.headers.get('last-modified')).toBeTruthy();

    // A second save replaces the first; other users see only their own.
    await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body: samplesFile(['x']) });
    expect((await api(s.url, 'GET', '/api/me/samples', { token: user.token })).body).toEqual(
      samplesFile(['x']),
    );
    const other = await signUp(s.url);
    expect(
      (await api(s.url, 'GET', '/api/me/samples', { token: other.token })).body['samples'],
    ).toEqual([]);
  });

  it('keeps only x and y of each point', async () => {
    const user = await signUp(s.url);
    const body = {
      format: SAMPLES_FORMAT,
      samples: [{ label: '1', strokes: [[{ x: 1, y: 2, t: 30, pressure: 0.5 }]] }],
    };
    expect((await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body })).status).toBe(
      200,
    );
    expect((await api(s.url, 'GET', '/api/me/samples', { token: user.token })).body).toEqual({
      format: SAMPLES_FORMAT,
      samples: [{ label: '1', strokes: [[{ x: 1, y: 2 }]] }],
    });
  });

  it('refuses malformed files with a 400 that says what is wrong', async () => {
    const user = await signUp(s.url);
    const put = (body: unknown) =>
      api(s.url, 'PUT', '/api/me/samples', { token: user.token, body });
    const cases: [unknown, RegExp][] = [
      [[1, 2], /JSON object/],
      [{ samples: [] }, /format/],
      [{ format: SAMPLES_FORMAT, samples: {} }, /samples must be an array/],
      [{ format: SAMPLES_FORMAT, samples: [{ label: '', strokes: [[{ x: 1, y: 1 }]] }] }, /label/],
      [{ format: SAMPLES_FORMAT, samples: [{ label: '1', strokes: [] }] }, /strokes/],
      [
        { format: SAMPLES_FORMAT, samples: [{ label: '1', strokes: [[{ x: 1, y: '2' }]] }] },
        /samples\[0\]\.strokes\[0\]\[0\]/,
      ],
      [samplesFile(Array.from({ length: MAX_SAMPLES_PER_LABEL + 1 }, () => '7')), /per label/],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(String(res.body['error'])).toMatch(message);
    }
    // Nothing was stored by the refused requests.
    expect(
      (await api(s.url, 'GET', '/api/me/samples', { token: user.token })).body['samples'],
    ).toEqual([]);
  });

  it('accepts files above the general body limit, and refuses ones above its own with 413', async () => {
    const user = await signUp(s.url);
    // ~100 KiB: more than the 64 KiB other API bodies may have.
    const big = samplesFile(
      Array.from({ length: 40 }, (_, i) => String(i % 10)),
      100,
    );
    expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
    expect(JSON.stringify(big).length).toBeLessThan(MAX_SAMPLES_BYTES);
    const ok = await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body: big });
    expect(ok.status).toBe(200);
    const huge = samplesFile(
      Array.from({ length: 200 }, (_, i) => `s${i}`),
      100,
    );
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_SAMPLES_BYTES);
    // The server answers before reading the whole body and drops the connection: close it
    // on our side too, so the next request does not reuse a dead keep-alive socket.
    const tooBig = await api(s.url, 'PUT', '/api/me/samples', {
      token: user.token,
      body: huge,
      headers: { connection: 'close' },
    });
    expect(tooBig.status).toBe(413);
    expect(String(tooBig.body['error'])).toMatch(/larger than/);
  });

  it('lets board:read tokens read, and only sessions and board:write tokens write', async () => {
    const user = await signUp(s.url);
    const file = samplesFile(['2']);
    await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body: file });
    const reader = await tokenWith(user.token, ['board:read']);
    const writer = await tokenWith(user.token, ['board:write']);
    expect((await api(s.url, 'GET', '/api/me/samples', { token: reader })).body).toEqual(file);
    expect((await api(s.url, 'GET', '/api/me/samples', { token: writer })).body).toEqual(file);
    const readerPut = await api(s.url, 'PUT', '/api/me/samples', {
      token: reader,
      body: samplesFile(['3']),
    });
    expect(readerPut.status).toBe(403);
    expect(String(readerPut.body['error'])).toMatch(/board:write/);
    expect(
      (await api(s.url, 'PUT', '/api/me/samples', { token: writer, body: samplesFile(['3']) }))
        .status,
    ).toBe(200);
    expect((await api(s.url, 'GET', '/api/me/samples')).status).toBe(401);
    expect((await api(s.url, 'PUT', '/api/me/samples', { body: samplesFile(['3']) })).status).toBe(
      401,
    );
  });

  it('refuses a cookie-authenticated save from another origin (CSRF)', async () => {
    const user = await signUp(s.url);
    const cookie = `mm_session=${user.token}`;
    const save = (origin: string) =>
      api(s.url, 'PUT', '/api/me/samples', {
        body: samplesFile(['4']),
        headers: { cookie, origin },
      });
    expect((await save('https://evil.example')).status).toBe(403);
    expect((await save(s.url)).status).toBe(200);
  });

  it('is part of the data export and is deleted with the account', async () => {
    const user = await signUp(s.url);
    const file = samplesFile(['a', 'b']);
    await api(s.url, 'PUT', '/api/me/samples', { token: user.token, body: file });
    const exported = await api(s.url, 'GET', '/api/me/export', { token: user.token });
    expect(exported.body['personalSamples']).toEqual(file);
    const deleted = await api(s.url, 'DELETE', '/api/me', {
      token: user.token,
      body: { confirmEmail: user.email },
    });
    expect(deleted.status).toBe(200);
    const left = await s.server.db.query('SELECT 1 FROM personal_samples WHERE user_id = $1', [
      user.userId,
    ]);
    expect(left.rows).toEqual([]);
  });
});
