/** Accounts and boards for the load test, through the real HTTP API. */

/** Concurrent board creations: fast, without queueing hundreds of transactions at once. */
const CREATE_CONCURRENCY = 16;

async function postJson(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Signs up one teacher account; its session token (in the body, as a non-browser
 * client asks for it) authenticates every simulated client and the HTTP load. */
export async function signUp(httpUrl: string): Promise<string> {
  const body = await postJson(`${httpUrl}/api/auth/signup`, {
    email: `load-test-${Date.now()}@example.org`,
    password: 'load test password',
    tokenInBody: true,
  });
  return String(body['token']);
}

/** Creates `count` boards, spread over the instances; returns their ids in order. */
export async function createBoards(
  httpUrls: string[],
  token: string,
  count: number,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const url = httpUrls[i % httpUrls.length] ?? '';
      const body = await postJson(`${url}/api/boards`, { name: `load test ${i}` }, token);
      ids[i] = (body['board'] as { id: string }).id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, worker));
  return ids;
}
