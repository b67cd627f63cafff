import { storage } from 'wxt/utils/storage';
import type { EquationDraft } from './messages.ts';
import type { SamplesCache } from './personal-samples.ts';
import { SerializedValue } from './serialized-value.ts';

/**
 * The background's state lives in extension storage, not in the service worker's memory:
 * MV3 stops an idle worker (after ~30 s in Chrome) and everything in memory goes.
 */

/**
 * Equations written offline or not yet acknowledged by the server. `storage.local`: they
 * must survive the browser restarting too.
 */
export const outbox = new SerializedValue(
  storage.defineItem<EquationDraft[]>('local:outbox', { fallback: [] }),
);

/**
 * Which tab sent each equation still waiting for its final status, so the answer reaches
 * that tab's overlay. `storage.session`: it survives the worker being stopped, and goes
 * with the browser session (tab ids do not outlive it).
 */
export const routes = new SerializedValue(
  storage.defineItem<Record<string, number>>('session:routes', { fallback: {} }),
);

/** The last personal samples file fetched, for that server and token (offline use). */
const samplesItem = storage.defineItem<Awaited<ReturnType<SamplesCache['load']>>>(
  'local:personalSamples',
  { fallback: null },
);
export const samplesCache: SamplesCache = {
  load: () => samplesItem.getValue(),
  save: (entry) => samplesItem.setValue(entry),
};
