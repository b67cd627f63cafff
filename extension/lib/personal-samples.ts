import { fetchPersonalSamples } from './server-api.ts';

/**
 * The user's personal handwriting samples for the overlay's recognizer. They are taught
 * on the whiteboard and stored with the account; the extension keeps the last copy it
 * fetched so air-writing stays personal when the server is out of reach.
 */

export interface SamplesCache {
  load(): Promise<{ account: string; samples: unknown } | null>;
  save(entry: { account: string; samples: unknown }): Promise<void>;
}

export interface SamplesSource {
  serverUrl: string;
  token: string;
}

export async function loadPersonalSamples(
  source: SamplesSource,
  cache: SamplesCache,
  fetchSamples: typeof fetchPersonalSamples = fetchPersonalSamples,
): Promise<unknown> {
  if (!source.serverUrl || !source.token) return null;
  // The cache belongs to one account: another token must never see someone else's ink.
  const account = `${source.serverUrl}|${source.token}`;
  try {
    const samples = await fetchSamples(source.serverUrl, source.token);
    await cache.save({ account, samples });
    return samples;
  } catch {
    const cached = await cache.load();
    return cached?.account === account ? cached.samples : null;
  }
}
