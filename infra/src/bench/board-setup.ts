/** Accounts and boards for the load test, through the real HTTP API (testkit's helpers). */
import { newBoard, signUp } from '@motionmath/testkit';

/** Concurrent board creations: fast, without queueing hundreds of transactions at once. */
const CREATE_CONCURRENCY = 16;

/** Signs up one teacher account; its session token (in the body, as a non-browser
 * client asks for it) authenticates every simulated client and the HTTP load. */
export async function signUpTeacher(httpUrl: string): Promise<string> {
  return (await signUp(httpUrl, `load-test-${Date.now()}@example.org`)).token;
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
      ids[i] = await newBoard(url, token, `load test ${i}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, count) }, worker));
  return ids;
}
