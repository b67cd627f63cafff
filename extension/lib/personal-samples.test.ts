import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '@motionmath/collab-server';
import type { CollabServer } from '@motionmath/collab-server';
import { SymbolClassifier } from '@motionmath/recognizer';
import { callServer, signUpWithExtensionToken } from '../test/server-account.ts';
import { loadPersonalSamples } from './personal-samples.ts';
import type { SamplesCache } from './personal-samples.ts';

function memoryCache(): SamplesCache & { entry: { account: string; samples: unknown } | null } {
  const cache = {
    entry: null as { account: string; samples: unknown } | null,
    load: async () => cache.entry,
    save: async (entry: { account: string; samples: unknown }) => {
      cache.entry = entry;
    },
  };
  return cache;
}

/** Starting a server with embedded PGlite and signing up takes over 10 s at load 20-30. */
const SETUP_TIMEOUT_MS = 120_000;

describe('personal samples from a real collab-server', () => {
  let server: CollabServer;
  let dataDir: string;
  let token = '';
  let samples: unknown;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'motionmath-samples-'));
    server = await createServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
    await server.listen();
    const account = await signUpWithExtensionToken(server.url, 'teacher@example.org');
    // What the whiteboard saves after a correction: the recognizer's own samples file.
    const teacher = new SymbolClassifier();
    teacher.addSample('x', [
      [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
      ],
      [
        { x: 10, y: 0 },
        { x: 0, y: 10 },
      ],
    ]);
    samples = teacher.exportSamples();
    await callServer(server.url, 'PUT', '/api/me/samples', samples, account.session);
    // The extension's token, as the whiteboard's connect page issues it.
    token = account.extensionToken;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fetches them with the extension token, keeps a copy, and serves the copy offline', async () => {
    const cache = memoryCache();
    const source = { serverUrl: server.url, token };
    const fetched = await loadPersonalSamples(source, cache);
    expect(fetched).toEqual(samples);
    expect(new SymbolClassifier().importSamples(fetched)).toBe(1);
    expect(cache.entry?.samples).toEqual(samples);

    const offline = { serverUrl: 'http://127.0.0.1:9', token };
    expect(await loadPersonalSamples(offline, cache)).toBeNull(); // another server's account
    cache.entry = { account: `${offline.serverUrl}|${token}`, samples };
    expect(await loadPersonalSamples(offline, cache)).toEqual(samples);
  });

  it('gives nothing without an account, and nothing of another account', async () => {
    const cache = memoryCache();
    expect(await loadPersonalSamples({ serverUrl: server.url, token: '' }, cache)).toBeNull();
    cache.entry = { account: `${server.url}|someone-else`, samples };
    const refused = await loadPersonalSamples({ serverUrl: server.url, token: 'mm_bad' }, cache);
    expect(refused).toBeNull();
  });
});
