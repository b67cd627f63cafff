/**
 * Reading an answer of the typed HTTP client (`hc<AppType>` from `hono/client`) without
 * depending on Hono here: a client response is `{ ok: true; json(): Promise<Body> }` for
 * the success statuses a route declares, and `{ ok: false; … }` for its errors.
 */

interface AnyClientResponse {
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}

/** The body type of the success answers among a route's responses. */
export type ApiSuccess<R> =
  Extract<R, { ok: true }> extends { json(): Promise<infer T> } ? T : never;

/** An error answer of the API: its status and the server's `{ error }` message. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The success body of an answer (`undefined` for 204), or an `ApiError` with the
 * server's message. */
export async function apiResult<R extends AnyClientResponse>(
  response: R | Promise<R>,
): Promise<ApiSuccess<R>> {
  const res = await response;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = { error: text };
  }
  if (!res.ok) {
    const message =
      typeof data === 'object' && data !== null && 'error' in data ? data.error : undefined;
    throw new ApiError(res.status, typeof message === 'string' ? message : `HTTP ${res.status}`);
  }
  return data as ApiSuccess<R>;
}
