/**
 * The few collab-server HTTP calls the extension makes, with a scoped API token, through
 * `hc<AppType>` (`hono/client`): paths and answers are typed from the server's route
 * declarations, so nothing here restates the contract.
 */
import { hc } from 'hono/client';
import type { AppType } from '@motionmath/collab-server';
import { apiResult } from '@motionmath/protocol';
import type { PersonalSamplesFile } from '@motionmath/protocol';

export interface BoardSummary {
  id: string;
  name: string;
}

const client = (serverUrl: string, token: string) =>
  hc<AppType>(serverUrl.replace(/\/$/, ''), {
    headers: { authorization: `Bearer ${token}` },
    init: { credentials: 'omit' },
  }).api;

export async function fetchAccount(serverUrl: string, token: string): Promise<string> {
  const { user } = await apiResult(client(serverUrl, token).me.$get());
  return user.displayName || user.email || user.id;
}

export async function fetchBoards(serverUrl: string, token: string): Promise<BoardSummary[]> {
  const { boards } = await apiResult(client(serverUrl, token).boards.$get());
  return boards.map((b) => ({ id: b.id, name: b.name }));
}

/**
 * The user's personal handwriting samples (taught on the whiteboard by correcting a
 * misread symbol): the recognizer's `exportSamples()` file, passed to `importSamples()`.
 */
export async function fetchPersonalSamples(
  serverUrl: string,
  token: string,
): Promise<PersonalSamplesFile> {
  return apiResult(client(serverUrl, token).me.samples.$get());
}

/**
 * "Sign in through the whiteboard" (the contract the whiteboard implements): the options
 * page opens `<server>/extension/connect?redirect=<connect page URL>&state=<nonce>`; after
 * sign-in and the user's consent, the whiteboard creates a token with
 * `POST /api/me/tokens {name, scopes: ['board:read','board:write']}` and navigates to
 * `<redirect>#token=<token>&state=<nonce>&server=<origin>`. The connect page accepts it
 * only if `state` is the one this extension stored, so a page cannot plant its own token.
 */
export const CONNECT_PATH = '/extension/connect';
export const CONNECT_STATE_KEY = 'connectState';
